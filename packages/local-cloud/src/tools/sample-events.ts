import { randomUUID } from 'node:crypto';
import { createEvent, eventCatalog, publishedVersions, type DomainEvent, type EventType } from '@commerce/domain-events';

const now = (): string => new Date().toISOString();

/** A valid sample payload (current version) of every event type, for demos and debugging. */
export const samplePayloads = (orderId = `order-${randomUUID().slice(0, 8)}`, customerId = 'customer-1'): Record<EventType, Record<string, unknown>> => ({
  'order.placed': { orderId, customerId, currency: 'EUR', items: [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }], totalCents: 2500 },
  'order.cancelled': { orderId, customerId, previousStatus: 'PAID', reason: 'sample' },
  'payment.captured': { orderId, customerId, paymentId: `pay-${orderId}`, amountCents: 2500, currency: 'EUR', capturedAt: now() },
  'payment.failed': { orderId, customerId, amountCents: 2500, currency: 'EUR', reason: 'card_declined' },
  'payment.action.required': {
    orderId,
    customerId,
    paymentId: `pi-${orderId}`,
    amountCents: 2500,
    currency: 'EUR',
    action: 'authenticate',
    expiresAt: new Date(Date.now() + 900_000).toISOString(),
  },
  'payment.refunded': {
    orderId,
    customerId,
    paymentId: `pay-${orderId}`,
    refundId: `ref-${orderId}`,
    amountCents: 2500,
    currency: 'EUR',
    refundedAt: now(),
  },
});

export interface SampleEventOptions {
  version?: number;
  /** Merged over the sample payload (a full payload for an older version). */
  payload?: Record<string, unknown>;
  correlationId?: string;
}

const isEventType = (type: string): type is EventType => Object.prototype.hasOwnProperty.call(eventCatalog, type);

/**
 * A sample event of a type and version. The current version goes through createEvent (validated like a producer
 * does); an older published version is checked against its own schema and sent as that version, so consumers
 * upcast it exactly as they would a message from an old producer.
 */
export const sampleEvent = (type: string, options: SampleEventOptions = {}): DomainEvent => {
  if (!isEventType(type)) throw new Error(`unknown event type "${type}" (known: ${Object.keys(eventCatalog).join(', ')})`);
  const definition = eventCatalog[type];
  const version = options.version ?? definition.version;
  const correlationId = options.correlationId ?? `send-event-${randomUUID()}`;
  if (version === definition.version) {
    return createEvent(type, { ...samplePayloads()[type], ...options.payload } as never, { correlationId }) as DomainEvent;
  }
  const published = publishedVersions(definition).find((entry) => entry.version === version);
  if (!published) throw new Error(`${type} has no version ${version} (published: ${publishedVersions(definition).map((v) => v.version).join(', ')})`);
  if (!options.payload) throw new Error(`give the v${version} payload with --payload (samples exist for v${definition.version} only)`);
  const payload = published.schema.parse(options.payload);
  return {
    eventId: randomUUID(),
    type,
    version,
    occurredAt: now(),
    producer: definition.producer,
    correlationId,
    causationId: correlationId,
    payload,
  } as unknown as DomainEvent;
};
