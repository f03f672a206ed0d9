import fc from 'fast-check';
import { createEvent } from '@commerce/domain-events';
import { batchVerdict, fuzzContext, fuzzedBatch, fuzzedSqsEvent, fuzzParameters, hostileBodies, type FuzzedRecord } from '@commerce/service-kit/testing';
import { LocalPaymentProvider } from '../adapters/local-payment-provider';
import { PaymentService } from '../app/payment-service';
import { InMemoryPaymentRepository, InMemoryReceiptStore, ManualClock, RecordingPublisher } from '../testing/fakes';
import { createInboxHandler } from './sqs-inbox';

/**
 * Fuzzing the payments inbox consumer (the real handler: service-kit's consumer, the event codec, PaymentService)
 * over in-memory adapters and the in-process local provider, so hundreds of batches run in seconds (ADR 0018).
 * Valid records name fresh orders; hostile ones are built around events of decoy orders, which must never be
 * charged, refunded, stored or published.
 */
const order = (orderId: string, totalCents: number) =>
  createEvent(
    'order.placed',
    { orderId, customerId: 'cus_fuzz', currency: 'EUR', items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: totalCents }], totalCents },
    { correlationId: 'corr-fuzz' },
  );
const cancel = (orderId: string) => createEvent('order.cancelled', { orderId, customerId: 'cus_fuzz', previousStatus: 'PENDING_PAYMENT' }, { correlationId: 'corr-fuzz' });

const freshOrderId = fc.uuid().map((id) => `ord_${id.replace(/-/g, '')}`);
const valid = fc
  .tuple(fc.constantFrom('order.placed', 'order.cancelled'), freshOrderId, fc.integer({ min: 0, max: 2_000_000 }))
  .map(([type, orderId, total]): FuzzedRecord => ({ body: JSON.stringify(type === 'order.placed' ? order(orderId, total) : cancel(orderId)), valid: true, kind: type }));
const decoyEnvelope = fc
  .tuple(fc.boolean(), fc.integer({ min: 1, max: 5 }))
  .map(([placed, index]) => (placed ? order(`decoy_${index}`, 1250) : cancel(`decoy_${index}`)) as unknown as Record<string, unknown>);
const misrouted = fc.integer({ min: 1, max: 5 }).map(
  (index): FuzzedRecord => ({
    body: JSON.stringify(createEvent('payment.failed', { orderId: `decoy_${index}`, customerId: 'cus_fuzz', amountCents: 1, currency: 'EUR', reason: 'card_declined' }, { correlationId: 'c' })),
    valid: false,
    kind: 'a valid event this inbox does not accept',
  }),
);

describe('payments inbox consumer, fuzzed', () => {
  it('fails exactly the invalid records of any batch (never the batch) and never charges, stores or publishes for them', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzedBatch(valid, fc.oneof(hostileBodies(decoyEnvelope), misrouted)), async (batch) => {
        const repository = new InMemoryPaymentRepository();
        const publisher = new RecordingPublisher();
        const receipts = new InMemoryReceiptStore();
        const provider = new LocalPaymentProvider();
        const service = new PaymentService({ repository, publisher, receipts, provider, clock: new ManualClock(), holderWaitMs: 0 });

        const response = await createInboxHandler(() => service)(fuzzedSqsEvent(batch), fuzzContext);

        expect(batchVerdict(batch, response).wrong).toEqual([]);
        const validOrders = new Set(batch.filter((item) => item.valid).map((item) => (JSON.parse(item.body) as { payload: { orderId: string } }).payload.orderId));
        expect([...repository.items.keys()].filter((orderId) => !validOrders.has(orderId))).toEqual([]);
        expect(provider.calls.filter((call) => !validOrders.has(call.idempotencyKey.replace(/^\w+:/, '')))).toEqual([]);
        expect(publisher.published.filter((event) => !validOrders.has(event.payload.orderId))).toEqual([]);
        expect([...receipts.saved.keys()].filter((orderId) => !validOrders.has(orderId))).toEqual([]);
      }),
      fuzzParameters(150),
    );
  }, 120_000);
});
