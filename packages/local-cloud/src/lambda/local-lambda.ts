import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../node-runtime';
import { startWorkerInstance, type FunctionInstance, type InstanceOptions } from './function-instance';
import { Capacity, FunctionPool } from './function-pool';
import type { FunctionSpec } from './function-specs';
import type { InvocationOutcome } from './invocation';

/**
 * What the Lambda runtime puts on NODE_PATH for the AWS SDK v3 (its /var/runtime/node_modules): the bundles leave
 * `@aws-sdk/*` out (ADR 0019). Here: pnpm's flat directory of every installed package, so the repo's pinned SDK.
 */
export const RUNTIME_SDK_PATH = join(repoRoot(), 'node_modules', '.pnpm', 'node_modules');

export interface LambdaLimits {
  /** Instances per function when it declares no ReservedConcurrentExecutions (LOCAL_CLOUD_FUNCTION_CONCURRENCY). */
  functionConcurrency: number;
  /**
   * Instances a function without reserved concurrency may grow to while its invocations queue
   * (LOCAL_CLOUD_FUNCTION_BURST); growth starts once one has waited scaleAfterMs (LOCAL_CLOUD_SCALE_AFTER_MS).
   */
  functionBurst?: number;
  scaleAfterMs?: number;
  /** Instances alive at once across every function of the system (LOCAL_CLOUD_MAX_INSTANCES). */
  maxInstances: number;
  /** How long an invocation waits for a free instance before it is throttled (LOCAL_CLOUD_THROTTLE_WAIT_MS). */
  waitMs: number;
  /** Idle instances are shut down after this (LOCAL_CLOUD_IDLE_SECONDS). */
  idleMs: number;
}

/**
 * Defaults sized for the machine, measured on 2 cores (docs/performance.md): an instance is a worker thread of
 * 40–60 MiB once warm and a cold start costs 0.1–0.5 s of CPU. One instance per function per two cores gave the
 * lowest latency at 20 orders/s (p99 234–286 ms against 452–580 ms with two), with a warmer JIT and less memory.
 */
export const defaultLimits = (env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): LambdaLimits => {
  const number = (name: string, fallback: number, min = 1): number => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min) throw new Error(`${name}=${value} must be a number >= ${min}`);
    return parsed;
  };
  return {
    functionConcurrency: number('LOCAL_CLOUD_FUNCTION_CONCURRENCY', Math.max(1, Math.floor(cores / 2))),
    // A queue that outlasts half a second means one instance does not keep up (a slower machine, another load):
    // Lambda would have started more; locally up to one per core, which keeps 20 orders/s under load (issue 11).
    functionBurst: number('LOCAL_CLOUD_FUNCTION_BURST', Math.max(2, cores)),
    scaleAfterMs: number('LOCAL_CLOUD_SCALE_AFTER_MS', 2_000, 0),
    maxInstances: number('LOCAL_CLOUD_MAX_INSTANCES', Math.max(8, cores * 5)),
    waitMs: number('LOCAL_CLOUD_THROTTLE_WAIT_MS', 10_000, 0),
    idleMs: number('LOCAL_CLOUD_IDLE_SECONDS', 60) * 1000,
  };
};

export interface LocalFunction {
  spec: FunctionSpec;
  /** Where its bundle lives. */
  codeDir: string;
  service: string;
  /** Where its console output goes. */
  output?: InstanceOptions['output'];
}

export interface InvokeOptions {
  /** Wait at most this long for a free instance (default: the limits' waitMs). */
  waitMs?: number;
}

export interface InvocationCounts {
  invocations: number;
  records: number;
  durationMs: number;
  /** Bytes the function wrote to stdout/stderr (what CloudWatch Logs would ingest, without Lambda's own lines). */
  logBytes: number;
}

export interface InvocationRecord {
  functionName: string;
  service: string;
  requestId: string;
  outcome: InvocationOutcome;
}

/**
 * The local Lambda service: every function of the system, each with its pool of instances under one capacity
 * (ADR 0009). `invoke` is what the HTTP API gateway, the Invoke API and the event-source runner all go through.
 */
export class LocalLambda {
  /** Every function by name, with the pool of its instances. */
  private readonly functions = new Map<string, { fn: LocalFunction; pool: FunctionPool }>();
  /** What each function did since start: the cost model's measurement (`pnpm cost`, LOCAL_CLOUD_INVOCATION_COUNTS). */
  private readonly counts = new Map<string, InvocationCounts>();
  /** The instance counts of functions already stopped (written with the invocation counts when the system stops). */
  private readonly stoppedStats = new Map<string, FunctionPool['stats']>();
  readonly capacity: Capacity;

  constructor(
    readonly limits: LambdaLimits,
    private readonly baseEnv: Record<string, string>,
    private readonly onInvocation: (record: InvocationRecord) => void = () => undefined,
    private readonly createInstance: (options: InstanceOptions) => FunctionInstance = startWorkerInstance,
  ) {
    this.capacity = new Capacity(limits.maxInstances);
  }

  /** Adds (or replaces, after a restart of its service) a function. */
  async add(fn: LocalFunction): Promise<void> {
    await this.functions.get(fn.spec.name)?.pool.stop();
    const env = this.environmentOf(fn);
    const reserved = fn.spec.reservedConcurrency;
    const counted = (write: (chunk: Buffer) => void) => (chunk: Buffer) => {
      this.count(fn.spec.name, { logBytes: chunk.length });
      write(chunk);
    };
    const output = fn.output && { stdout: counted(fn.output.stdout), stderr: counted(fn.output.stderr) };
    this.functions.set(fn.spec.name, {
      fn,
      pool: new FunctionPool({
        functionName: fn.spec.name,
        maxConcurrency: reserved ?? this.limits.functionConcurrency,
        reserved: reserved !== undefined,
        // A reserved concurrency never grows (FunctionPool ignores the burst then).
        burstConcurrency: Math.max(this.limits.functionBurst ?? 0, this.limits.functionConcurrency),
        scaleAfterMs: this.limits.scaleAfterMs ?? 0,
        idleMs: this.limits.idleMs,
        timeoutMs: fn.spec.timeoutSeconds * 1000,
        capacity: this.capacity,
        createInstance: () =>
          this.createInstance({ codeDir: fn.codeDir, handler: fn.spec.handler, env, memoryMb: fn.spec.memoryMb, ...(output ? { output } : {}) }),
      }),
    });
  }

  has(functionName: string): boolean {
    return this.functions.has(functionName);
  }

  pool(functionName: string): FunctionPool | undefined {
    return this.functions.get(functionName)?.pool;
  }

  async invoke(functionName: string, event: unknown, options: InvokeOptions = {}): Promise<{ requestId: string; outcome: InvocationOutcome }> {
    const entry = this.functions.get(functionName);
    if (!entry) throw new Error(`Function not found: ${functionName}`);
    const { fn, pool } = entry;
    const records = (event as { Records?: unknown } | null)?.Records;
    this.count(functionName, { invocations: 1, records: Array.isArray(records) ? records.length : 0 });
    const requestId = randomUUID();
    const outcome = await pool.invoke(
      event,
      {
        awsRequestId: requestId,
        functionName,
        functionVersion: '$LATEST',
        invokedFunctionArn: fn.spec.arn,
        memoryLimitInMB: String(fn.spec.memoryMb),
        logGroupName: `/aws/lambda/${functionName}`,
        logStreamName: `local/[$LATEST]${requestId.replace(/-/g, '')}`,
      },
      options.waitMs ?? this.limits.waitMs,
    );
    this.count(functionName, { durationMs: 'durationMs' in outcome ? outcome.durationMs : 0 });
    this.onInvocation({ functionName, service: fn.service, requestId, outcome });
    return { requestId, outcome };
  }

  /** Per function since start: invocations, the event records (SQS, S3) they carried, their run time and log output. */
  invocationCounts(): Record<string, InvocationCounts> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Per function since start: cold starts, growth under a queue (scale-outs), throttles and timeouts. */
  instanceCounts(): Record<string, FunctionPool['stats']> {
    const live = [...this.functions].map(([name, { pool }]) => [name, { ...pool.stats }] as const);
    return Object.fromEntries([...this.stoppedStats, ...live].sort(([a], [b]) => a.localeCompare(b)));
  }

  private count(functionName: string, add: Partial<InvocationCounts>): void {
    const count = this.counts.get(functionName) ?? { invocations: 0, records: 0, durationMs: 0, logBytes: 0 };
    for (const key of Object.keys(add) as (keyof InvocationCounts)[]) count[key] += add[key] ?? 0;
    this.counts.set(functionName, count);
  }

  /** Stops the instances of one service's functions (a restart of that service) or of all. */
  async stop(service?: string): Promise<void> {
    const stopping = [...this.functions].filter(([, { fn }]) => service === undefined || fn.service === service);
    await Promise.all(stopping.map(([, { pool }]) => pool.stop()));
    for (const [name, { pool }] of stopping) {
      this.stoppedStats.set(name, { ...pool.stats });
      this.functions.delete(name);
    }
  }

  /** The environment Lambda gives the function (its reserved variables), the local endpoints, then its own variables. */
  private environmentOf(fn: LocalFunction): Record<string, string> {
    const { spec } = fn;
    const region = this.baseEnv.AWS_REGION ?? 'eu-west-1';
    return {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      LANG: 'en_US.UTF-8',
      NODE_PATH: RUNTIME_SDK_PATH,
      TZ: 'UTC',
      ...this.baseEnv,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: spec.name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.name}`,
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      LAMBDA_TASK_ROOT: fn.codeDir,
      _HANDLER: spec.handler,
      ...spec.environment,
    };
  }
}
