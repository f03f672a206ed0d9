import { bucketName, inboxDlqName, inboxQueueName, publishTargets, subscribedTypes, subscriptions, eventCatalog, type EventType } from './index';

const scope = { app: 'commerce', stage: 'dev' };

describe('resource names', () => {
  it('are deterministic per app, stage and service', () => {
    expect(inboxQueueName(scope, 'payments')).toBe('commerce-dev-payments-inbox');
    expect(inboxDlqName(scope, 'payments')).toBe('commerce-dev-payments-inbox-dlq');
    expect(bucketName({ app: 'commerce', stage: 'pr-12' }, 'payments', 'receipts', '123456789012')).toBe('commerce-pr-12-payments-receipts-123456789012');
  });

  it('reject stages that would make invalid AWS names', () => {
    expect(() => inboxQueueName({ app: 'commerce', stage: 'Dev_1' }, 'orders')).toThrow(/stage/);
  });
});

describe('subscriptions', () => {
  it('never subscribe a producer to its own events', () => {
    (Object.keys(subscriptions) as EventType[]).forEach((type) => {
      expect(subscriptions[type]).not.toContain(eventCatalog[type].producer);
    });
  });

  it('derive each producer publish targets and each consumer inbox types', () => {
    expect(publishTargets('orders')).toEqual(['notifications', 'payments']);
    expect(publishTargets('payments')).toEqual(['notifications', 'orders']);
    expect(publishTargets('notifications')).toEqual([]);
    expect(subscribedTypes('payments')).toEqual(['order.placed', 'order.cancelled']);
  });
});
