import type { LogLevel } from '../runner/runner-log';

const COLOURS = [36, 35, 33, 32, 34, 91, 96] as const;
const colourOf = new Map<string, number>([
  ['orders', 36],
  ['payments', 35],
  ['notifications', 33],
  ['runner', 32],
  ['cloud', 34],
]);

export interface LogStreamOptions {
  /** ANSI colours (default: when stdout is a terminal and NO_COLOR is unset). */
  colour?: boolean;
  write?: (line: string) => void;
  /** Hide debug lines (LOCAL_CLOUD_DEBUG=1 shows them). */
  debug?: boolean;
}

type JsonLog = {
  level?: string;
  message?: string;
  timestamp?: string;
  correlation_id?: string;
  correlationId?: string;
  error?: { message?: string } | string;
  [key: string]: unknown;
};

const parseJson = (line: string): JsonLog | undefined => {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    return value && typeof value === 'object' ? (value as JsonLog) : undefined;
  } catch {
    return undefined;
  }
};

/** A structured (Powertools) log line as one readable line: level, message, correlation id, error. */
export const formatJsonLog = (log: JsonLog): string => {
  const correlation = log.correlation_id ?? log.correlationId;
  const error = typeof log.error === 'string' ? log.error : log.error?.message;
  return [
    (log.level ?? 'INFO').toUpperCase().padEnd(5),
    log.message ?? '',
    correlation ? `cid=${correlation}` : '',
    error ? `error=${error}` : '',
  ]
    .filter(Boolean)
    .join(' ');
};

/** One log stream for the whole local system: `hh:mm:ss source | line`, each source in its own colour. */
export class LogStream {
  private readonly colour: boolean;
  private readonly write: (line: string) => void;
  private readonly width = 13;

  constructor(private readonly options: LogStreamOptions = {}) {
    this.colour = options.colour ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
  }

  line(source: string, text: string, level: LogLevel = 'info'): void {
    if (level === 'debug' && !this.options.debug) return;
    const trimmed = text.replace(/\s+$/, '');
    if (!trimmed) return;
    const json = parseJson(trimmed);
    const body = json ? formatJsonLog(json) : trimmed;
    const time = new Date().toISOString().slice(11, 19);
    const label = source.padEnd(this.width);
    if (!this.colour) {
      this.write(`${time} ${label}| ${body}`);
      return;
    }
    if (!colourOf.has(source)) colourOf.set(source, COLOURS[colourOf.size % COLOURS.length]!);
    const tint = level === 'error' ? 31 : level === 'warn' ? 33 : undefined;
    const text2 = tint ? `\u001b[${tint}m${body}\u001b[0m` : body;
    this.write(`\u001b[2m${time}\u001b[0m \u001b[${colourOf.get(source)}m${label}\u001b[0m| ${text2}`);
  }

  /** A line-splitting sink for a child process' output. */
  sink(source: string, level: LogLevel = 'info'): (chunk: Buffer | string) => void {
    let pending = '';
    return (chunk) => {
      pending += chunk.toString();
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      lines.forEach((line) => this.line(source, line, level));
    };
  }
}
