import fc from 'fast-check';
import { createEvent, type DomainEvent } from '@commerce/domain-events';
import { batchVerdict, fuzzContext, fuzzedBatch, fuzzedSqsEvent, fuzzParameters, hostileBodies, type FuzzedRecord } from '@commerce/service-kit/testing';
import { createOrder } from '../app/create-order';
import { silentLog } from '../ports/log';
import { fakeDeps } from '../testing/fakes';
import { createHandler } from './sqs-inbox';

/**
 * Fuzzing the orders inbox consumer (the real handler: service-kit's consumer, the event codec, applyPaymentEvent)
 * over in-memory adapters, so hundreds of batches run in seconds (ADR 0018). Orders 1–5 may be named by valid
 * records; orders 6–10 only by hostile ones, and must stay exactly as they were.
 */
const CUSTOMER = 'cus_fuzz';
const orderIdOf = (index: number) => `ord_${String(index).padStart(4, '0')}`;

const paymentEvent = (type: 'payment.captured' | 'payment.failed' | 'payment.refunded', orderId: string): DomainEvent => {
  const context = { correlationId: 'corr-fuzz' };
  const base = { orderId, customerId: CUSTOMER, amountCents: 1250, currency: 'EUR' };
  if (type === 'payment.captured') return createEvent(type, { ...base, paymentId: 'pay_1', capturedAt: '2026-12-02T10:00:00.000Z' }, context);
  if (type === 'payment.failed') return createEvent(type, { ...base, reason: 'card_declined' }, context);
  return createEvent(type, { ...base, paymentId: 'pay_1', refundId: 'ref_1', refundedAt: '2026-12-02T10:05:00.000Z' }, context);
};
const paymentType = fc.constantFrom('payment.captured' as const, 'payment.failed' as const, 'payment.refunded' as const);

const valid = fc
  .tuple(paymentType, fc.integer({ min: 1, max: 5 }))
  .map(([type, index]): FuzzedRecord => ({ body: JSON.stringify(paymentEvent(type, orderIdOf(index))), valid: true, kind: type }));
const decoyEnvelope = fc.tuple(paymentType, fc.integer({ min: 6, max: 10 })).map(([type, index]) => paymentEvent(type, orderIdOf(index)) as unknown as Record<string, unknown>);
const misrouted = fc.integer({ min: 6, max: 10 }).map(
  (index): FuzzedRecord => ({
    body: JSON.stringify(createEvent('order.cancelled', { orderId: orderIdOf(index), customerId: CUSTOMER, previousStatus: 'PENDING_PAYMENT' }, { correlationId: 'c' })),
    valid: false,
    kind: 'a valid event this inbox does not accept',
  }),
);
const hostile = fc.oneof(hostileBodies(decoyEnvelope), misrouted);

describe('orders inbox consumer, fuzzed', () => {
  it('fails exactly the invalid records of any batch (never the batch) and changes nothing for them', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzedBatch(valid, hostile), async (batch) => {
        const { deps, repository } = fakeDeps();
        for (let index = 1; index <= 10; index += 1) {
          await createOrder(deps)({ customerId: CUSTOMER, currency: 'EUR', items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 1250 }], correlationId: 'c' }, silentLog);
        }
        const decoysBefore = [6, 7, 8, 9, 10].map((index) => structuredClone(repository.rows.get(orderIdOf(index))));

        const response = await createHandler(() => deps)(fuzzedSqsEvent(batch), fuzzContext);

        expect(batchVerdict(batch, response).wrong).toEqual([]);
        expect([6, 7, 8, 9, 10].map((index) => repository.rows.get(orderIdOf(index)))).toEqual(decoysBefore);
        for (const item of batch.filter((record) => record.valid)) {
          const event = JSON.parse(item.body) as DomainEvent;
          expect(repository.rows.get((event.payload as { orderId: string }).orderId)?.applied.has(event.eventId)).toBe(true);
        }
      }),
      fuzzParameters(150),
    );
  }, 120_000);
});
