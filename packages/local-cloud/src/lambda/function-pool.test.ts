import type { FunctionInstance } from './function-instance';
import { Capacity, FunctionPool } from './function-pool';
import type { InvocationOutcome } from './invocation';

/** An instance whose invocations finish when the test says so (or at once), recording what ran where. */
class FakeInstance implements FunctionInstance {
  static created: FakeInstance[] = [];
  readonly id = FakeInstance.created.length + 1;
  dead = false;
  invocations = 0;
  stopped = false;
  private pending: ((outcome: InvocationOutcome) => void)[] = [];

  constructor(private readonly hold: boolean) {
    FakeInstance.created.push(this);
  }

  invoke(): Promise<InvocationOutcome> {
    this.invocations++;
    const cold = this.invocations === 1 ? { initMs: 5 } : {};
    if (!this.hold) return Promise.resolve({ kind: 'ok', payload: String(this.id), durationMs: 1, ...cold });
    return new Promise((resolve) => this.pending.push(resolve));
  }

  finish(outcome: InvocationOutcome = { kind: 'ok', payload: String(this.id), durationMs: 1 }): void {
    if (outcome.kind === 'timeout') this.dead = true;
    this.pending.shift()?.(outcome);
  }

  async stop(): Promise<void> {
    this.dead = true;
    this.stopped = true;
  }
}

const context = { awsRequestId: 'r', functionName: 'f', functionVersion: '$LATEST', invokedFunctionArn: 'arn', memoryLimitInMB: '128', logGroupName: 'g', logStreamName: 's' };
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const poolOf = (options: { name?: string; max?: number; reserved?: boolean; hold?: boolean; capacity?: Capacity; burst?: number; scaleAfterMs?: number }): FunctionPool =>
  new FunctionPool({
    functionName: options.name ?? 'f',
    maxConcurrency: options.max ?? 2,
    reserved: options.reserved ?? false,
    ...(options.burst === undefined ? {} : { burstConcurrency: options.burst, scaleAfterMs: options.scaleAfterMs ?? 0 }),
    idleMs: 60_000,
    timeoutMs: 1_000,
    capacity: options.capacity ?? new Capacity(100),
    createInstance: () => new FakeInstance(options.hold ?? false),
  });

describe('FunctionPool: instances as Lambda manages them', () => {
  const pools: FunctionPool[] = [];
  const track = (pool: FunctionPool): FunctionPool => (pools.push(pool), pool);
  beforeEach(() => (FakeInstance.created = []));
  afterEach(async () => Promise.all(pools.splice(0).map((pool) => pool.stop())));

  it('reuses one warm instance for invocations that do not overlap: one cold start', async () => {
    const pool = track(poolOf({}));
    const outcomes = [];
    for (let index = 0; index < 5; index++) outcomes.push(await pool.invoke({}, context, 1_000));
    expect(FakeInstance.created).toHaveLength(1);
    expect(outcomes.map((outcome) => outcome.kind === 'ok' && outcome.payload)).toEqual(['1', '1', '1', '1', '1']);
    expect(pool.stats).toMatchObject({ invocations: 5, coldStarts: 1 });
  });

  it('starts a new instance only while every instance is busy and the concurrency allows it; the rest wait for a free one', async () => {
    const pool = track(poolOf({ max: 2, hold: true }));
    const calls = [1, 2, 3, 4].map(() => pool.invoke({}, context, 5_000));
    await tick();
    expect(FakeInstance.created).toHaveLength(2);
    expect(pool.waiting).toBe(2);
    FakeInstance.created[0]!.finish();
    await tick();
    // The freed instance goes straight to the first waiter: still two instances.
    expect(FakeInstance.created).toHaveLength(2);
    expect(FakeInstance.created[0]!.invocations).toBe(2);
    FakeInstance.created.forEach((instance) => instance.finish());
    await tick();
    FakeInstance.created.forEach((instance) => instance.finish());
    const outcomes = await Promise.all(calls);
    expect(outcomes.every((outcome) => outcome.kind === 'ok')).toBe(true);
    expect(FakeInstance.created).toHaveLength(2);
  });

  it('throttles an invocation that found no free instance within the wait bound, naming reserved concurrency when that is the limit', async () => {
    const pool = track(poolOf({ max: 1, reserved: true, hold: true }));
    const first = pool.invoke({}, context, 1_000);
    const throttled = await pool.invoke({}, context, 20);
    expect(throttled).toMatchObject({ kind: 'throttled', reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    expect(pool.stats.throttles).toBe(1);
    FakeInstance.created[0]!.finish();
    await expect(first).resolves.toMatchObject({ kind: 'ok' });
  });

  it('never hands an instance that timed out to another invocation: the next one gets a new instance', async () => {
    const pool = track(poolOf({ max: 1, hold: true }));
    const first = pool.invoke({}, context, 1_000);
    const second = pool.invoke({}, context, 1_000);
    await tick();
    FakeInstance.created[0]!.finish({ kind: 'timeout', timeoutMs: 1_000, durationMs: 1_000 });
    await expect(first).resolves.toMatchObject({ kind: 'timeout' });
    await tick();
    expect(FakeInstance.created).toHaveLength(2);
    expect(FakeInstance.created[0]!.invocations).toBe(1);
    FakeInstance.created[1]!.finish();
    await expect(second).resolves.toMatchObject({ kind: 'ok', payload: '2' });
    expect(pool.stats.timeouts).toBe(1);
  });

  it('at the machine capacity, a function takes the slot of the least recently used idle instance of another function', async () => {
    const capacity = new Capacity(2);
    const a = track(poolOf({ name: 'a', capacity }));
    const b = track(poolOf({ name: 'b', capacity }));
    const c = track(poolOf({ name: 'c', capacity }));
    await a.invoke({}, context, 1_000);
    await b.invoke({}, context, 1_000);
    expect(capacity.inUse).toBe(2);
    await c.invoke({}, context, 1_000);
    expect(capacity.inUse).toBe(2);
    expect(FakeInstance.created.map((instance) => instance.stopped)).toEqual([true, false, false]);
    expect([a.live, b.live, c.live]).toEqual([0, 1, 1]);
  });

  it('at the machine capacity with every instance busy, a function waits and gets the next slot released anywhere', async () => {
    const capacity = new Capacity(1);
    const a = track(poolOf({ name: 'a', capacity, hold: true }));
    const b = track(poolOf({ name: 'b', capacity, hold: true }));
    const busy = a.invoke({}, context, 1_000);
    const waiting = b.invoke({}, context, 5_000);
    await tick();
    expect(b.waiting).toBe(1);
    FakeInstance.created[0]!.finish();
    await busy;
    await tick();
    expect(FakeInstance.created[0]!.stopped).toBe(true);
    expect(b.live).toBe(1);
    FakeInstance.created[1]!.finish();
    await expect(waiting).resolves.toMatchObject({ kind: 'ok', payload: '2' });
    expect(capacity.inUse).toBe(1);
  });

  it('grows past its local concurrency, one instance per step, while an invocation has queued longer than scaleAfterMs', async () => {
    const pool = track(poolOf({ max: 1, burst: 3, scaleAfterMs: 30, hold: true }));
    const calls = [1, 2, 3, 4, 5].map(() => pool.invoke({}, context, 5_000));
    await tick();
    expect(FakeInstance.created).toHaveLength(1);
    expect(pool.waiting).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 45));
    expect(FakeInstance.created).toHaveLength(2);
    // The next step comes max(scaleAfterMs, 50 ms) later.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(FakeInstance.created).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 120));
    // Never past the burst limit, however long the queue.
    expect(FakeInstance.created).toHaveLength(3);
    expect(pool.stats.scaleOuts).toBe(2);
    for (let round = 0; round < 3; round++) {
      FakeInstance.created.forEach((instance) => instance.finish());
      await tick();
    }
    expect((await Promise.all(calls)).every((outcome) => outcome.kind === 'ok')).toBe(true);
  });

  it('does not grow for a short queue, nor past a reserved concurrency', async () => {
    const short = track(poolOf({ max: 1, burst: 3, scaleAfterMs: 1_000, hold: true }));
    const first = short.invoke({}, context, 5_000);
    const second = short.invoke({}, context, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(FakeInstance.created).toHaveLength(1);
    FakeInstance.created[0]!.finish();
    await tick();
    FakeInstance.created[0]!.finish();
    await Promise.all([first, second]);
    expect(short.stats.scaleOuts).toBe(0);

    FakeInstance.created = [];
    const reserved = track(poolOf({ max: 1, reserved: true, burst: 3, scaleAfterMs: 0, hold: true }));
    const busy = reserved.invoke({}, context, 5_000);
    const throttled = await reserved.invoke({}, context, 40);
    expect(throttled).toMatchObject({ kind: 'throttled', reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    expect(FakeInstance.created).toHaveLength(1);
    FakeInstance.created[0]!.finish();
    await busy;
  });

  it('drops idle instances on reset, so the next invocation is a cold start', async () => {
    const pool = track(poolOf({}));
    await pool.invoke({}, context, 1_000);
    await pool.reset();
    expect(FakeInstance.created[0]!.stopped).toBe(true);
    await pool.invoke({}, context, 1_000);
    expect(FakeInstance.created).toHaveLength(2);
    expect(pool.stats.coldStarts).toBe(2);
  });
});
