import { createEvent, type DomainEvent, type ReceiptDocumentV1 } from '@commerce/domain-events';
import type { DeliveryDeps } from '../app/deliver-message';
import { LocalCustomerDirectory } from '../adapters/local-customer-directory';
import { MemoryMessageLog } from '../adapters/memory-message-log';
import { MustacheTemplateRenderer } from '../adapters/mustache-template-renderer';
import type { Clock } from '../ports/clock';
import type { NotificationSender, OutgoingEmail, SendReceipt } from '../ports/notification-sender';

/** Test helpers shared by unit and integration tests (not used by the handlers). */

export const placedEvent = (customerId = 'cus_1', orderId = 'ord_1') =>
  createEvent('order.placed', {
    orderId, customerId, currency: 'EUR', totalCents: 3750,
    items: [{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 }, { sku: 'TEA-<b>', quantity: 1, unitPriceCents: 1250 }],
  }, { correlationId: 'corr-1' });

export const failedEvent = (customerId = 'cus_1', orderId = 'ord_1') =>
  createEvent('payment.failed', { orderId, customerId, amountCents: 3750, currency: 'EUR', reason: 'card_declined' }, { correlationId: 'corr-2' });

export const cancelledEvent = (customerId = 'cus_1', orderId = 'ord_1', previousStatus: 'PAID' | 'PENDING_PAYMENT' = 'PAID') =>
  createEvent('order.cancelled', { orderId, customerId, previousStatus, reason: 'changed my mind' }, { correlationId: 'corr-3' });

export const refundedEvent = (customerId = 'cus_1', orderId = 'ord_1') =>
  createEvent('payment.refunded', {
    orderId, customerId, paymentId: 'pay_1', refundId: 'ref_1', amountCents: 3750, currency: 'EUR', refundedAt: '2026-11-29T10:15:00.000Z',
  }, { correlationId: 'corr-4' });

export const allEvents = (customerId = 'cus_1', orderId = 'ord_1'): DomainEvent[] => [
  placedEvent(customerId, orderId), failedEvent(customerId, orderId), cancelledEvent(customerId, orderId), refundedEvent(customerId, orderId),
];

/** What payments writes to receipts/{orderId}.json (the shared `ReceiptDocumentV1` contract). */
export const receiptDocument = (orderId = 'ord_1', customerId = 'cus_1'): ReceiptDocumentV1 => ({
  receiptVersion: 1, orderId, customerId, paymentId: 'pay_1',
  items: [{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 }, { sku: 'TEA-1', quantity: 1, unitPriceCents: 1250 }],
  totalCents: 3750, currency: 'EUR', capturedAt: '2026-11-29T10:00:00.000Z',
});

/** The body S3 puts on the queue for an ObjectCreated event (keys are form-encoded). */
export const s3NotificationBody = (bucket: string, key: string, eventName = 'ObjectCreated:Put'): string =>
  JSON.stringify({
    Records: [{
      eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'eu-west-1', eventTime: '2026-11-29T10:00:01.000Z', eventName,
      s3: { s3SchemaVersion: '1.0', configurationId: 'receipts', bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
        object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size: 120, eTag: 'abc', sequencer: '0061' } },
    }],
  });

export const s3TestEventBody = (bucket: string): string =>
  JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2026-11-29T10:00:00.000Z', Bucket: bucket, RequestId: 'r', HostId: 'h' });

/** Records every send; can be slowed down or made to fail. */
export class RecordingSender implements NotificationSender {
  readonly sent: OutgoingEmail[] = [];
  failuresLeft = 0;
  delayMs = 0;

  async send(email: OutgoingEmail): Promise<SendReceipt> {
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error('provider unavailable');
    }
    this.sent.push(email);
    return { provider: 'test', providerMessageId: `p-${this.sent.length}` };
  }
}

export class ManualClock implements Clock {
  constructor(public current = new Date('2026-11-29T12:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const memoryDeps = (overrides: Partial<DeliveryDeps> = {}) => {
  const messageLog = new MemoryMessageLog();
  const sender = new RecordingSender();
  const clock = new ManualClock();
  const deps: DeliveryDeps = {
    messageLog, sender, clock, directory: new LocalCustomerDirectory(), renderer: new MustacheTemplateRenderer(), leaseMs: 60_000, ...overrides,
  };
  return { deps, messageLog, sender, clock };
};
