import type { SQSRecord } from 'aws-lambda';
import { createEvent } from '@commerce/domain-events';
import { createLogger, domainEventConsumer } from '../index';
import { lambdaContext } from '../testing';

const record = (messageId: string, body: string): SQSRecord => ({
  messageId, body, receiptHandle: `rh-${messageId}`, md5OfBody: '', eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:commerce-local-orders-inbox', awsRegion: 'eu-west-1',
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
});

const captured = createEvent('payment.captured', {
  orderId: 'o1', customerId: 'c1', paymentId: 'p1', amountCents: 100, currency: 'EUR', capturedAt: new Date().toISOString(),
}, { correlationId: 'corr' });
const placed = createEvent('order.placed', {
  orderId: 'o1', customerId: 'c1', currency: 'EUR', items: [{ sku: 'A', quantity: 1, unitPriceCents: 100 }], totalCents: 100,
}, { correlationId: 'corr' });

describe('domainEventConsumer', () => {
  it('fails only the poison, mis-routed and throwing records of a batch', async () => {
    const handled: string[] = [];
    const handler = domainEventConsumer({
      logger: createLogger('test'),
      accept: ['payment.captured'],
      handle: async (event) => {
        if (event.correlationId === 'explode') throw new Error('downstream unavailable');
        handled.push(event.eventId);
      },
    });
    const response = await handler(
      {
        Records: [
          record('good', JSON.stringify(captured)),
          record('poison', '{"not":"an event"}'),
          record('misrouted', JSON.stringify(placed)),
          record('throws', JSON.stringify({ ...captured, eventId: '0d7e8a3c-7a53-4b8e-9bbc-2f0f1c3c0a11', correlationId: 'explode' })),
        ],
      },
      lambdaContext(),
    );
    expect(handled).toEqual([captured.eventId]);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(['misrouted', 'poison', 'throws']);
  });

  it('keeps concurrent invocations of one handler apart', async () => {
    const handler = domainEventConsumer({
      logger: createLogger('test'),
      accept: ['payment.captured'],
      handle: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, event.correlationId === 'slow' ? 30 : 1));
        if (event.correlationId === 'explode') throw new Error('nope');
      },
    });
    const slow = { ...captured, eventId: '3f1b8a52-0c1e-4f7b-9a55-6a0d3c2b1e01', correlationId: 'slow' };
    const explode = { ...captured, eventId: '3f1b8a52-0c1e-4f7b-9a55-6a0d3c2b1e02', correlationId: 'explode' };
    const [first, second] = await Promise.all([
      handler({ Records: [record('a1', JSON.stringify(slow)), record('a2', JSON.stringify(captured))] }, lambdaContext()),
      handler({ Records: [record('b1', JSON.stringify(explode)), record('b2', JSON.stringify(captured))] }, lambdaContext()),
    ]);
    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([{ itemIdentifier: 'b1' }]);
  });

  it('reports a batch in which every record failed, without throwing', async () => {
    const handler = domainEventConsumer({ logger: createLogger('test'), accept: ['payment.captured'], handle: async () => undefined });
    const response = await handler({ Records: [record('a', 'nope'), record('b', '{}')] }, lambdaContext());
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(['a', 'b']);
  });
});
