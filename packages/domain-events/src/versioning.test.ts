import * as z from 'zod';
import { createEventCodec, defineEvent, EventParseError } from './index';
import { OrderPlacedV1 as OrderPlacedV1Schema } from './catalog';
import { createEvent, parseEvent } from './index';

// A sample v2 of order.placed: v2 splits the total into subtotal + shipping. The v1 -> v2 upcaster
// derives the new fields, so v1 producers and v2 consumers can coexist during a rollout.
// The sample starts from the published v1 (the catalog's own v2 adds paymentMethodId; this sample is independent).
const OrderPlacedV1 = OrderPlacedV1Schema;
const OrderPlacedV2 = OrderPlacedV1.omit({ totalCents: true }).extend({
  subtotalCents: z.number().int().min(0),
  shippingCents: z.number().int().min(0),
});

const catalogWithV2 = {
  'order.placed': defineEvent({
    type: 'order.placed',
    title: 'Order Placed',
    description: 'sample v2',
    producer: 'orders',
    version: 2,
    schema: OrderPlacedV2,
    legacy: [
      {
        version: 1,
        schema: OrderPlacedV1,
        upcast: ({ totalCents, ...rest }: z.infer<typeof OrderPlacedV1>): z.input<typeof OrderPlacedV2> => ({
          ...rest,
          subtotalCents: totalCents,
          shippingCents: 0,
        }),
      },
    ],
  }),
};

const v1Event = {
  eventId: '6f1c2c7e-8a8b-4a43-9d8e-2b7b5f0f8d11',
  type: 'order.placed',
  version: 1,
  occurredAt: '2026-11-29T10:00:00.000Z',
  producer: 'orders',
  correlationId: 'corr',
  causationId: 'corr',
  payload: { orderId: 'o1', customerId: 'c1', currency: 'EUR', items: [{ sku: 'A', quantity: 1, unitPriceCents: 900 }], totalCents: 900 },
};

describe('versioning', () => {
  const codec = createEventCodec(catalogWithV2);

  it('upcasts a published v1 event to v2 for a v2 consumer', () => {
    const event = codec.parseEvent(v1Event);
    expect(event.version).toBe(2);
    expect(event.payload).toEqual({
      orderId: 'o1', customerId: 'c1', currency: 'EUR', items: [{ sku: 'A', quantity: 1, unitPriceCents: 900 }],
      subtotalCents: 900, shippingCents: 0,
    });
  });

  it('parses a native v2 event unchanged and creates v2 events', () => {
    const { totalCents: _total, ...rest } = v1Event.payload;
    const created = codec.createEvent('order.placed', { ...rest, subtotalCents: 900, shippingCents: 450 }, { correlationId: 'c' });
    expect(created.version).toBe(2);
    expect(codec.parseEvent(JSON.stringify(created))).toEqual(created);
  });

  it('still validates the old version before upcasting it', () => {
    expect(() => codec.parseEvent({ ...v1Event, payload: { ...v1Event.payload, totalCents: -1 } })).toThrow(EventParseError);
  });

  it('rejects a legacy chain with a gap', () => {
    expect(() =>
      defineEvent({ type: 'x.y', title: 'X', description: '', producer: 'orders', version: 3, schema: z.object({}), legacy: [{ version: 1, schema: z.object({}), upcast: () => ({}) }] }),
    ).toThrow(/must upcast to 2/);
  });
});

describe('the catalog reads every published version', () => {
  it('upcasts a published order.placed v1 (no payment method) to v2 unchanged, and v2 carries paymentMethodId', () => {
    expect(parseEvent(v1Event)).toMatchObject({ version: 2, payload: v1Event.payload });
    expect(parseEvent(v1Event).payload).not.toHaveProperty('paymentMethodId');
    const v2 = { ...v1Event, version: 2, payload: { ...v1Event.payload, paymentMethodId: 'pm_card_visa' } };
    expect(parseEvent(v2).payload).toMatchObject({ paymentMethodId: 'pm_card_visa' });
  });

  it('upcasts a published payment.failed v1 to v2 and accepts the provider reasons only in v2', () => {
    const failed = { ...v1Event, type: 'payment.failed', producer: 'payments', payload: { orderId: 'o1', customerId: 'c1', amountCents: 900, currency: 'EUR', reason: 'card_declined' } };
    expect(parseEvent(failed)).toMatchObject({ version: 2, payload: { reason: 'card_declined' } });
    expect(() => parseEvent({ ...failed, payload: { ...failed.payload, reason: 'expired_card' } })).toThrow(EventParseError);
    expect(parseEvent({ ...failed, version: 2, payload: { ...failed.payload, reason: 'expired_card' } }).payload).toMatchObject({ reason: 'expired_card' });
  });

  it('reads payment.action.required v1 (ADR 0022): the one action, an expiry, and never a client secret', () => {
    const payload = { orderId: 'o1', customerId: 'c1', paymentId: 'pi_123', amountCents: 900, currency: 'EUR', action: 'authenticate', expiresAt: '2026-11-29T10:15:00.000Z' };
    const required = { ...v1Event, type: 'payment.action.required', producer: 'payments', payload };
    expect(parseEvent(required)).toMatchObject({ type: 'payment.action.required', version: 1, payload });
    expect(() => parseEvent({ ...required, payload: { ...payload, action: 'redirect' } })).toThrow(EventParseError);
    expect(() => parseEvent({ ...required, payload: { ...payload, expiresAt: undefined } })).toThrow(EventParseError);
    expect(() => parseEvent({ ...required, version: 2 })).toThrow(EventParseError);
    // A client secret put in by mistake never travels on: the schema has no such field, so parsing drops it.
    expect(parseEvent({ ...required, payload: { ...payload, clientSecret: 'pi_123_secret_abc' } }).payload).not.toHaveProperty('clientSecret');
    const created = createEvent('payment.action.required', { ...payload, action: 'authenticate' }, { correlationId: 'c' });
    expect(created).toMatchObject({ version: 1, producer: 'payments', payload });
  });
});

