import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../node-runtime';
import type { InvocationContext, InvocationOutcome } from './invocation';

export interface InstanceOptions {
  /** Where the function's bundle lives (`<codeDir>/<handler file>.js`). */
  codeDir: string;
  /** `src/handlers/http-health.handler`, as in the template. */
  handler: string;
  /** The function's whole environment, as Lambda would set it. Each instance has its own `process.env`. */
  env: Record<string, string>;
  memoryMb: number;
  /** Lambda's init phase limit (10 s for on-demand functions). */
  initTimeoutMs?: number;
  /** Where the function's stdout/stderr go (Lambda: its log stream); default: this process' own. */
  output?: { stdout(chunk: Buffer): void; stderr(chunk: Buffer): void };
}

/** One execution environment: serves one invocation at a time, for as long as it lives. */
export interface FunctionInstance {
  readonly id: number;
  /** True once it timed out, crashed or was stopped: it must never be handed another invocation. */
  readonly dead: boolean;
  invoke(event: unknown, context: Omit<InvocationContext, 'deadlineMs'>, timeoutMs: number): Promise<InvocationOutcome>;
  stop(): Promise<void>;
}

const WORKER = join(packageRoot, 'src', 'lambda', 'instance-worker.cjs');
const RELOAD = join(packageRoot, 'function-reload.cjs');

/** MiB of young generation per instance (LOCAL_CLOUD_YOUNG_MB for experiments). */
const YOUNG_GENERATION_MB = Number(process.env.LOCAL_CLOUD_YOUNG_MB ?? 8) || 8;

let nextId = 1;

interface StartMessage {
  id: number;
  phase: 'start';
  initMs: number;
}
interface EndMessage {
  id: number;
  phase: 'end';
  ok: boolean;
  payload?: string;
  error?: { errorType: string; errorMessage: string; trace: string[] };
}

/**
 * An instance as a worker thread running instance-worker.cjs. The module is loaded on the first invocation (the
 * cold start; its init time is reported and not counted in the function's timeout, as in Lambda). A timeout or an
 * uncaught error terminates the worker: the instance is dead and its pool replaces it.
 */
export const startWorkerInstance = (options: InstanceOptions): FunctionInstance => {
  const id = nextId++;
  // As Lambda does with the function's NODE_OPTIONS; LOCAL_CLOUD_SOURCE_MAPS=0 turns them off locally (a little less CPU).
  const sourceMaps = process.env.LOCAL_CLOUD_SOURCE_MAPS !== '0' && /--enable-source-maps\b/.test(options.env.NODE_OPTIONS ?? '');
  const worker = new Worker(WORKER, {
    env: options.env,
    // NODE_OPTIONS is read once per process; a worker gets its flags here (source maps are switched on in it).
    // LOCAL_CLOUD_CPU_PROFILE_DIR=<dir>: each instance writes a .cpuprofile there when it ends (docs/local-cloud.md).
    execArgv: process.env.LOCAL_CLOUD_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOCAL_CLOUD_CPU_PROFILE_DIR}`] : [],
    workerData: { codeDir: options.codeDir, handler: options.handler, sourceMaps, reloadModule: RELOAD },
    // Lambda's memory setting caps the function's heap; past it the instance dies with an out-of-memory error. The
    // young generation is kept small: V8's default (up to 48 MiB) left each instance 60–90 MiB of mostly empty heap,
    // and 8 MiB costs no measurable CPU at 20 orders/s (docs/performance.md).
    resourceLimits: { maxOldGenerationSizeMb: Math.max(64, options.memoryMb), maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    stdout: options.output !== undefined,
    stderr: options.output !== undefined,
  });
  if (options.output) {
    worker.stdout.on('data', options.output.stdout);
    worker.stderr.on('data', options.output.stderr);
  }
  worker.unref();
  let dead = false;
  let fatal: Error | undefined;
  let current: ((message: StartMessage | EndMessage | { crash: Error }) => void) | undefined;
  let invocations = 0;

  worker.on('message', (message: StartMessage | EndMessage) => current?.(message));
  worker.on('error', (error) => {
    fatal = error;
    dead = true;
    current?.({ crash: error });
  });
  worker.on('exit', (code) => {
    dead = true;
    current?.({ crash: fatal ?? new Error(`the execution environment exited (code ${code})`) });
  });

  const stop = async (): Promise<void> => {
    dead = true;
    await worker.terminate().catch(() => undefined);
  };

  return {
    id,
    get dead() {
      return dead;
    },
    invoke(event, context, timeoutMs) {
      if (dead) return Promise.reject(new Error('invoked a dead instance'));
      const invocation = ++invocations;
      const started = performance.now();
      return new Promise<InvocationOutcome>((resolve) => {
        let timer: NodeJS.Timeout | undefined;
        let initMs: number | undefined;
        let began = started;
        const finish = (outcome: InvocationOutcome): void => {
          clearTimeout(timer);
          current = undefined;
          resolve(outcome);
        };
        const onTimeout = (limitMs: number, what: string): void => {
          void stop();
          finish(
            what === 'init'
              ? { kind: 'error', errorType: 'Runtime.InitTimeout', errorMessage: `init did not finish within ${limitMs} ms`, trace: [], durationMs: performance.now() - started }
              : { kind: 'timeout', timeoutMs: limitMs, durationMs: performance.now() - began },
          );
        };
        timer = setTimeout(() => onTimeout(options.initTimeoutMs ?? 10_000, 'init'), options.initTimeoutMs ?? 10_000);
        current = (message) => {
          if ('crash' in message) {
            const error = message.crash as Error & { code?: string };
            const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
            finish({
              kind: 'error',
              errorType: outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError',
              errorMessage: outOfMemory ? `the function ran out of its ${options.memoryMb} MB` : error.message,
              trace: String(error.stack ?? '').split('\n'),
              durationMs: performance.now() - started,
            });
            return;
          }
          if (message.id !== invocation) return;
          if (message.phase === 'start') {
            clearTimeout(timer);
            if (invocation === 1) initMs = message.initMs;
            began = performance.now();
            timer = setTimeout(() => onTimeout(timeoutMs, 'invoke'), timeoutMs);
            return;
          }
          const durationMs = performance.now() - began;
          const cold = initMs !== undefined ? { initMs } : {};
          if (message.ok) finish({ kind: 'ok', payload: message.payload ?? 'null', durationMs, ...cold });
          else finish({ kind: 'error', ...(message.error ?? { errorType: 'Error', errorMessage: 'unknown', trace: [] }), durationMs, ...cold });
        };
        worker.postMessage({ id: invocation, event, context, timeoutMs });
      });
    },
    stop,
  };
};
