import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { fuzzContext } from '../testing/fuzz-records';
import { createLogger } from '../logger';
import { sqsBatchConsumer } from '../sqs/batch-consumer';
import { faultDraw, faultPlanFrom, functionFaultPlan } from './local-faults';

const plan = { LOCAL_FAULT_CONSUMER_CRASH_RATE: '1', LOCAL_FAULT_DUPLICATE_DELIVERY_RATE: '0.5', LOCAL_FAULT_SEED: '7' };

describe('the local fault plan', () => {
  it('is read from the LOCAL_FAULT_* variables, and absent when none is set', () => {
    expect(faultPlanFrom(plan)).toEqual({ consumerCrashRate: 1, duplicateDeliveryRate: 0.5, seed: 7 });
    expect(faultPlanFrom({})).toBeUndefined();
    expect(() => faultPlanFrom({ LOCAL_FAULT_CONSUMER_CRASH_RATE: '2' })).toThrow(/within 0..1/);
  });

  it.each(['prod', 'staging', 'dev', 'pr-12', undefined])('is never armed in a function whose STAGE is %s', (STAGE) => {
    expect(functionFaultPlan({ ...plan, ...(STAGE ? { STAGE } : {}) })).toBeUndefined();
  });

  it('is armed on stage local only', () => {
    expect(functionFaultPlan({ ...plan, STAGE: 'local' })).toEqual({ consumerCrashRate: 1, duplicateDeliveryRate: 0.5, seed: 7 });
  });

  it('draws the same faults for the same seed, and spreads them by the rate', () => {
    expect(faultDraw(7, 'k', 'a')).toBe(faultDraw(7, 'k', 'a'));
    const draws = Array.from({ length: 2000 }, (_, index) => faultDraw(7, 'k', String(index)));
    expect(draws.filter((draw) => draw < 0.1).length).toBeGreaterThan(140);
    expect(draws.filter((draw) => draw < 0.1).length).toBeLessThan(260);
  });
});

describe('the injected consumer crash', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());
  const record = (id: string, receiveCount: string): SQSRecord => ({ messageId: id, body: id, attributes: { ApproximateReceiveCount: receiveCount } }) as unknown as SQSRecord;
  const event = (receiveCount: string): SQSEvent => ({ Records: [record('m-1', receiveCount), record('m-2', receiveCount)] });

  /** A consumer whose first record is quick and the second slow; `crashes` records what was handled at each crash. */
  const consumer = (crashes: string[][]) => {
    const handled: string[] = [];
    return sqsBatchConsumer({
      logger: createLogger('test'),
      parse: (r) => r.body,
      handle: async (body) => {
        await new Promise((resolve) => setTimeout(resolve, body === 'm-1' ? 0 : 20));
        handled.push(body);
      },
      faults: { consumerCrashRate: 1, duplicateDeliveryRate: 0, seed: 1 },
      crash: () => crashes.push([...handled]),
    });
  };

  it('ends the process once the first record of a first delivery is handled, the others still running', async () => {
    const crashes: string[][] = [];
    await consumer(crashes)(event('1'), fuzzContext);
    expect(crashes).toEqual([['m-1']]);
    expect(console.error).toHaveBeenCalledWith('[fault-injected] consumer-crash after record m-1');
  });

  it('never crashes a redelivery, so a crash cannot send a message to its DLQ', async () => {
    const crashes: string[][] = [];
    await consumer(crashes)(event('2'), fuzzContext);
    expect(crashes).toEqual([]);
  });
});
