import type { FunctionInstance } from './function-instance';
import type { InvocationContext, InvocationOutcome } from './invocation';

export interface PoolOptions {
  functionName: string;
  /** How many instances may run at once: the function's reserved concurrency, else the local default. */
  maxConcurrency: number;
  /** True when maxConcurrency is the function's own ReservedConcurrentExecutions (names the throttle reason). */
  reserved: boolean;
  /**
   * Without reserved concurrency: how many instances the function may grow to while invocations queue (Lambda would
   * have started one per invocation; locally the machine bounds it). Default: maxConcurrency (no growth).
   */
  burstConcurrency?: number;
  /** An invocation that has waited this long for an instance lets the function grow towards burstConcurrency. */
  scaleAfterMs?: number;
  /** An idle instance is shut down after this long (Lambda keeps idle environments for minutes; locally 60 s). */
  idleMs: number;
  timeoutMs: number;
  createInstance(): FunctionInstance;
  capacity: Capacity;
}

interface Waiter {
  resolve(instance: FunctionInstance | undefined): void;
  timer: NodeJS.Timeout;
  since: number;
}

interface IdleInstance {
  instance: FunctionInstance;
  since: number;
}

/**
 * The instances of one function, as Lambda manages execution environments: a warm instance serves one invocation
 * at a time and is reused (most recently used first, so the others age out); a new one (a cold start) is made only
 * when every instance is busy and the function's concurrency allows it. Past that an invocation waits for a free
 * instance, up to `waitMs`, and is then throttled. Instances that timed out or crashed are never reused.
 */
export class FunctionPool {
  private readonly idle: IdleInstance[] = [];
  private readonly waiters: Waiter[] = [];
  private busy = 0;
  private stopped = false;
  private readonly sweeper: NodeJS.Timeout;
  private growTimer: NodeJS.Timeout | undefined;
  readonly stats = { invocations: 0, coldStarts: 0, throttles: 0, timeouts: 0, scaleOuts: 0 };

  constructor(readonly options: PoolOptions) {
    options.capacity.register(this);
    this.sweeper = setInterval(() => this.dropIdle(Date.now() - options.idleMs), Math.min(options.idleMs, 5_000));
    this.sweeper.unref();
  }

  get name(): string {
    return this.options.functionName;
  }

  /** Instances alive (idle or busy). */
  get live(): number {
    return this.idle.length + this.busy;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * How many instances may be live now: the concurrency limit, or, once the oldest waiting invocation has waited
   * `scaleAfterMs` (a queue is building: one instance does not keep up), the burst limit.
   */
  get limit(): number {
    const growth = this.growth;
    const oldest = this.waiters[0];
    return growth && oldest && this.waitedLongEnough(oldest, growth.afterMs) ? growth.to : this.options.maxConcurrency;
  }

  /** 1 ms of slack: a timer set for `afterMs` may fire when the precise clock says a fraction of a ms less. */
  private waitedLongEnough(waiter: Waiter, afterMs: number): boolean {
    return performance.now() - waiter.since + 1 >= afterMs;
  }

  /** How far and after how long a queue lets the function grow; undefined when it cannot (reserved, or no burst). */
  private get growth(): { to: number; afterMs: number } | undefined {
    const { maxConcurrency, burstConcurrency = maxConcurrency, scaleAfterMs = 0, reserved } = this.options;
    return reserved || burstConcurrency <= maxConcurrency ? undefined : { to: burstConcurrency, afterMs: scaleAfterMs };
  }

  async invoke(event: unknown, context: Omit<InvocationContext, 'deadlineMs'>, waitMs: number): Promise<InvocationOutcome> {
    const waitStarted = performance.now();
    const instance = await this.acquire(waitMs);
    if (!instance) {
      this.stats.throttles++;
      const reason = this.live >= this.options.maxConcurrency && this.options.reserved ? 'ReservedFunctionConcurrentInvocationLimitExceeded' : 'ConcurrentInvocationLimitExceeded';
      return { kind: 'throttled', reason, waitedMs: performance.now() - waitStarted };
    }
    this.stats.invocations++;
    let outcome: InvocationOutcome;
    try {
      outcome = await instance.invoke(event, context, this.options.timeoutMs);
    } catch (error) {
      outcome = { kind: 'error', errorType: 'Runtime.ExitError', errorMessage: (error as Error).message, trace: [], durationMs: 0 };
    }
    if (outcome.kind === 'timeout') this.stats.timeouts++;
    this.release(instance);
    return outcome;
  }

  /** Shuts down every instance; invocations waiting for one are throttled. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.sweeper);
    clearTimeout(this.growTimer);
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve(undefined);
    }
    const idle = this.idle.splice(0);
    this.options.capacity.released(idle.length);
    await Promise.all(idle.map(({ instance }) => instance.stop()));
  }

  /** Shuts down idle instances (all of them by default): the next invocation starts a new one with current code. */
  async reset(): Promise<void> {
    await this.dropIdle(Number.POSITIVE_INFINITY);
  }

  /** The least recently used idle instance's age stamp, for the capacity's eviction. */
  oldestIdleSince(): number | undefined {
    return this.idle[0]?.since;
  }

  /** Gives up the least recently used idle instance (the capacity hands its slot to another function). */
  evictOldest(): boolean {
    const oldest = this.idle.shift();
    if (!oldest) return false;
    void oldest.instance.stop();
    return true;
  }

  /** Called by the capacity when a slot became free: a waiter of this pool gets a new instance. */
  startForWaiter(): boolean {
    const waiter = this.waiters.shift();
    if (!waiter) return false;
    clearTimeout(waiter.timer);
    waiter.resolve(this.create());
    return true;
  }

  private acquire(waitMs: number): Promise<FunctionInstance | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    const warm = this.idle.pop();
    if (warm) {
      this.busy++;
      return Promise.resolve(warm.instance);
    }
    // `limit`, not the function's own: once the oldest waiter has waited scaleAfterMs, a new invocation may start an
    // instance too (up to the burst), beside the one-per-step timer for the waiters: what docs/performance.md measured.
    if (this.live < this.limit && this.options.capacity.reserve()) return Promise.resolve(this.create());
    if (waitMs <= 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        resolve,
        since: performance.now(),
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          resolve(undefined);
        }, waitMs),
      };
      this.waiters.push(waiter);
      this.scheduleGrowth();
    });
  }

  /**
   * While invocations queue, starts one more instance for the oldest waiter when it will have waited `scaleAfterMs`,
   * then checks again every max(`scaleAfterMs`, 50 ms): waiters alone grow the function one instance per step (new
   * invocations meanwhile may start one each, see acquire).
   */
  private scheduleGrowth(step = false): void {
    const growth = this.growth;
    const oldest = this.waiters[0];
    if (!growth || !oldest || this.growTimer || this.stopped) return;
    const due = step ? Math.max(growth.afterMs, 50) : Math.max(0, oldest.since + growth.afterMs - performance.now());
    this.growTimer = setTimeout(() => {
      this.growTimer = undefined;
      // The timer is trusted for the waiter it was set for: Node starts a timer's clock at the event loop's cached
      // time, so on a busy loop it can fire a few ms before performance.now() says `afterMs` passed.
      const first = this.waiters[0];
      const queuedLongEnough = first !== undefined && (first === oldest || this.waitedLongEnough(first, growth.afterMs));
      if (queuedLongEnough && this.live < growth.to && this.options.capacity.reserve()) {
        this.stats.scaleOuts++;
        this.startForWaiter();
      }
      if (this.waiters.length > 0 && this.live < growth.to) this.scheduleGrowth(true);
    }, due);
    this.growTimer.unref();
  }

  private create(): FunctionInstance {
    this.busy++;
    this.stats.coldStarts++;
    return this.options.createInstance();
  }

  private release(instance: FunctionInstance): void {
    this.busy--;
    if (instance.dead || this.stopped) {
      if (!instance.dead) void instance.stop();
      // Its slot is free: a waiter of this function (or of another one at the capacity) gets a new instance.
      this.options.capacity.released(1);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      this.busy++;
      waiter.resolve(instance);
      return;
    }
    if (this.options.capacity.wantsSlot(this)) {
      // Another function is waiting for capacity: this instance makes room for it.
      void instance.stop();
      this.options.capacity.handOver(this);
      return;
    }
    this.idle.push({ instance, since: Date.now() });
  }

  private async dropIdle(before: number): Promise<void> {
    const expired = this.idle.filter(({ since }) => since <= before);
    if (expired.length === 0) return;
    this.idle.splice(0, this.idle.length, ...this.idle.filter(({ since }) => since > before));
    this.options.capacity.released(expired.length);
    await Promise.all(expired.map(({ instance }) => instance.stop()));
  }
}

/**
 * The machine's share for function instances, across every function of the local system (the local counterpart of
 * the account's concurrency): at most `maxInstances` live at once. A function that needs a new instance at the cap
 * takes the slot of the least recently used idle instance of any function; if none is idle it waits, and the next
 * instance released anywhere makes room for it.
 */
export class Capacity {
  private live = 0;
  private readonly pools: FunctionPool[] = [];

  constructor(readonly maxInstances: number) {}

  get inUse(): number {
    return this.live;
  }

  register(pool: FunctionPool): void {
    this.pools.push(pool);
  }

  reserve(): boolean {
    if (this.live < this.maxInstances) {
      this.live++;
      return true;
    }
    let oldest: { pool: FunctionPool; since: number } | undefined;
    for (const pool of this.pools) {
      const since = pool.oldestIdleSince();
      if (since !== undefined && (oldest === undefined || since < oldest.since)) oldest = { pool, since };
    }
    return oldest !== undefined && oldest.pool.evictOldest();
  }

  released(count: number): void {
    this.live = Math.max(0, this.live - count);
    for (let free = this.maxInstances - this.live; free > 0; free--) {
      const pool = this.pools.find((candidate) => candidate.waiting > 0 && candidate.live < candidate.limit);
      if (!pool) return;
      this.live++;
      pool.startForWaiter();
    }
  }

  /** True when another function waits for a slot that `releaser` could give up. */
  wantsSlot(releaser: FunctionPool): boolean {
    return this.live >= this.maxInstances && this.pools.some((pool) => pool !== releaser && pool.waiting > 0 && pool.live < pool.limit);
  }

  /** `releaser` stopped an instance for a waiting function: the slot goes straight to it. */
  handOver(releaser: FunctionPool): void {
    const pool = this.pools.find((candidate) => candidate !== releaser && candidate.waiting > 0 && candidate.live < candidate.limit);
    if (pool) pool.startForWaiter();
    else this.released(1);
  }
}
