import { duplicatesOf } from './duplicate-delivery';

const messages = Array.from({ length: 400 }, (_, index) => ({ MessageId: `m-${index}`, Body: 'b', Attributes: { ApproximateReceiveCount: index % 2 ? '1' : '3' } }));

describe('injected duplicate deliveries', () => {
  it('picks about the rate of first deliveries, deterministically, as a second receive of the same message', () => {
    const picked = duplicatesOf({ consumerCrashRate: 0, duplicateDeliveryRate: 0.25, seed: 3 }, messages);
    expect(picked.length).toBeGreaterThan(25);
    expect(picked.length).toBeLessThan(75);
    expect(picked.every((message) => Number(message.MessageId!.slice(2)) % 2 === 1 && message.Attributes?.ApproximateReceiveCount === '2')).toBe(true);
    expect(duplicatesOf({ consumerCrashRate: 0, duplicateDeliveryRate: 0.25, seed: 3 }, messages)).toEqual(picked);
  });

  it('picks none without a plan', () => {
    expect(duplicatesOf(undefined, messages)).toEqual([]);
  });
});
