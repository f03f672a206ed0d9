import fc from 'fast-check';
import { createEvent, EventParseError, parseEvent, type EventType } from './index';

const text = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => /^[\x21-\x7e]+$/.test(s));
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const currency = fc.stringMatching(/^[A-Z]{3}$/);
const cents = fc.integer({ min: 0, max: 10_000_000 });
const timestamp = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const item = fc.record({ sku: text, quantity: fc.integer({ min: 1, max: 1000 }), unitPriceCents: cents });

const payloads: { [K in EventType]: fc.Arbitrary<unknown> } = {
  'order.placed': fc.record({ orderId: id, customerId: id, currency, items: fc.array(item, { minLength: 1, maxLength: 5 }), totalCents: cents }),
  'order.cancelled': fc.record({ orderId: id, customerId: id, previousStatus: fc.constantFrom('PENDING_PAYMENT', 'PAID') }),
  'payment.captured': fc.record({ orderId: id, customerId: id, paymentId: id, amountCents: cents, currency, capturedAt: timestamp }),
  'payment.failed': fc.record({ orderId: id, customerId: id, amountCents: cents, currency, reason: fc.constantFrom('card_declined', 'insufficient_funds') }),
  'payment.action.required': fc.record({ orderId: id, customerId: id, paymentId: id, amountCents: cents, currency, action: fc.constant('authenticate'), expiresAt: timestamp }),
  'payment.refunded': fc.record({ orderId: id, customerId: id, paymentId: id, refundId: id, amountCents: cents, currency, refundedAt: timestamp }),
};

const validEvent = fc
  .constantFrom(...(Object.keys(payloads) as EventType[]))
  .chain((type) => fc.tuple(fc.constant(type), payloads[type], id))
  .map(([type, payload, correlationId]) => createEvent(type, payload as never, { correlationId }));

describe('parseEvent properties', () => {
  it('never throws anything but EventParseError, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json(), fc.string(), validEvent.chain((event) => fc.record({ ...Object.fromEntries(Object.keys(event).map((k) => [k, fc.oneof(fc.constant((event as Record<string, unknown>)[k]), fc.anything())])) }))), (input) => {
        try {
          parseEvent(input);
        } catch (error) {
          if (!(error instanceof EventParseError)) throw error;
          expect(error.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every valid event through JSON', () => {
    fc.assert(
      fc.property(validEvent, (event) => {
        expect(parseEvent(JSON.stringify(event))).toEqual(event);
      }),
      { numRuns: 500 },
    );
  });
});
