export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the runner reports what it does; `pnpm dev` colours it, tests can collect or ignore it. */
export type RunnerLog = (level: LogLevel, message: string) => void;

export const consoleLog: RunnerLog = (level, message) => {
  if (level === 'debug') return;
  (level === 'error' ? console.error : console.log)(`[runner] ${message}`);
};

export const silentLog: RunnerLog = () => undefined;
