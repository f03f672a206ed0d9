import type { SQSClient } from '@aws-sdk/client-sqs';
import { createEvent } from '@commerce/domain-events';
import { EventPublishError, inboxUrlsFromEnvironment, SqsEventPublisher } from '../index';

type Sent = { QueueUrl: string; Entries: { Id: string; MessageBody: string }[] };

// A hand-written SQS double that fails chosen entries a given number of times (no module mocking).
const fakeSqs = (failTimes: Record<string, number> = {}) => {
  const calls: Sent[] = [];
  const client = {
    send: async (command: { input: Sent }) => {
      calls.push(command.input);
      const Failed = command.input.Entries.filter((entry) => {
        const orderId = (JSON.parse(entry.MessageBody) as { payload: { orderId: string } }).payload.orderId;
        const key = `${command.input.QueueUrl}:${orderId}`;
        const left = failTimes[key] ?? failTimes[orderId] ?? 0;
        if (left > 0) failTimes[key] = left - 1;
        return left > 0;
      }).map((entry) => ({ Id: entry.Id, Code: 'InternalError', Message: 'try again', SenderFault: false }));
      return { Successful: [], Failed };
    },
  };
  return { client: client as unknown as SQSClient, calls };
};

const placed = (orderId: string) =>
  createEvent('order.placed', { orderId, customerId: 'c', currency: 'EUR', items: [{ sku: 'A', quantity: 1, unitPriceCents: 1 }], totalCents: 1 }, { correlationId: 'c' });

const urls = { payments: 'http://q/payments-inbox', notifications: 'http://q/notifications-inbox' };

describe('SqsEventPublisher', () => {
  it('sends each event to every subscribed inbox in batches of at most 10', async () => {
    const { client, calls } = fakeSqs();
    await new SqsEventPublisher(client, urls).publish(Array.from({ length: 12 }, (_, i) => placed(`o${i}`)));
    const perQueue = calls.reduce<Record<string, number[]>>((acc, call) => ({ ...acc, [call.QueueUrl]: [...(acc[call.QueueUrl] ?? []), call.Entries.length] }), {});
    expect(perQueue).toEqual({ [urls.payments]: [10, 2], [urls.notifications]: [10, 2] });
  });

  it('retries entries SQS reports as failed, then gives up loudly', async () => {
    const flaky = fakeSqs({ o1: 2 });
    await new SqsEventPublisher(flaky.client, urls).publish([placed('o1')]);
    expect(flaky.calls.filter((call) => call.QueueUrl === urls.payments)).toHaveLength(3);

    const broken = fakeSqs({ o1: 99 });
    await expect(new SqsEventPublisher(broken.client, urls).publish([placed('o1')])).rejects.toThrow(EventPublishError);
  });

  it('refuses to publish when a subscriber inbox is not configured', async () => {
    const { client } = fakeSqs();
    await expect(new SqsEventPublisher(client, { payments: urls.payments }).publish([placed('o1')])).rejects.toThrow(/notifications/);
  });

  it('reads inbox URLs from INBOX_URL_<SERVICE>', () => {
    expect(inboxUrlsFromEnvironment({ INBOX_URL_PAYMENTS: 'u1', OTHER: 'x' })).toEqual({ payments: 'u1' });
  });
});
