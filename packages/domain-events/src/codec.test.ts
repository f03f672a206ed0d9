import { randomUUID } from 'node:crypto';
import { EventParseError, EventValidationError, createEvent, parseEvent, safeParseEvent } from './index';

const placedPayload = {
  orderId: 'ord_1',
  customerId: 'cus_1',
  currency: 'EUR',
  items: [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }],
  totalCents: 2500,
};

describe('createEvent', () => {
  it('fills the envelope from the catalog and the context', () => {
    const event = createEvent('order.placed', placedPayload, { correlationId: 'corr-1' });
    expect(event).toMatchObject({
      type: 'order.placed',
      version: 2,
      producer: 'orders',
      correlationId: 'corr-1',
      causationId: 'corr-1',
      payload: placedPayload,
    });
    expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt);
  });

  it('refuses a payload that breaks the contract, naming every failing field', () => {
    const bad = { ...placedPayload, totalCents: 12.5, items: [{ sku: '', quantity: 0, unitPriceCents: 1 }] };
    expect.assertions(3);
    try {
      createEvent('order.placed', bad, { correlationId: 'c' });
    } catch (error) {
      expect(error).toBeInstanceOf(EventValidationError);
      const paths = (error as EventValidationError).issues.map((issue) => issue.path);
      expect(paths).toEqual(expect.arrayContaining(['payload.totalCents', 'payload.items.0.sku', 'payload.items.0.quantity']));
      expect((error as Error).message).toContain('order.placed');
    }
  });

  it('keeps a given eventId so a retried publish is recognisably the same event', () => {
    const eventId = randomUUID();
    const event = createEvent('order.placed', placedPayload, { correlationId: 'c', eventId });
    expect(event.eventId).toBe(eventId);
  });
});

describe('parseEvent', () => {
  it('accepts JSON text and objects and returns the typed event', () => {
    const event = createEvent('payment.failed', {
      orderId: 'o', customerId: 'c', amountCents: 2_000_000, currency: 'EUR', reason: 'card_declined',
    }, { correlationId: 'corr' });
    const fromText = parseEvent(JSON.stringify(event));
    expect(fromText).toEqual(event);
    if (fromText.type === 'payment.failed') expect(fromText.payload.reason).toBe('card_declined');
    expect(parseEvent(event)).toEqual(event);
  });

  it.each([
    ['not JSON', '{nope', ''],
    ['an unknown type', { ...createEvent('order.placed', placedPayload, { correlationId: 'c' }), type: 'order.shipped' }, 'type'],
    ['an unknown version', { ...createEvent('order.placed', placedPayload, { correlationId: 'c' }), version: 9 }, 'version'],
    ['a bad payload field', { ...createEvent('order.placed', placedPayload, { correlationId: 'c' }), payload: { ...placedPayload, currency: 'euro' } }, 'payload.currency'],
    ['a missing envelope field', { type: 'order.placed', version: 1 }, 'eventId'],
  ])('rejects %s with an error naming the field', (_label, input, path) => {
    const result = safeParseEvent(input);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error).toBeInstanceOf(EventParseError);
      expect(result.error.issues.map((issue) => issue.path)).toContain(path);
    }
  });

  it('does not treat prototype keys as event types', () => {
    const event = { ...createEvent('order.placed', placedPayload, { correlationId: 'c' }), type: 'constructor.name' };
    expect(() => parseEvent(event)).toThrow(EventParseError);
  });
});
