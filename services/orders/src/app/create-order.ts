import { createHash } from 'node:crypto';
import { createEvent } from '@commerce/domain-events';
import { placeOrder, type Order, type OrderLine } from '../domain/order';
import type { Log } from '../ports/log';
import type { OrdersDeps } from './deps';
import { IdempotencyKeyReusedError } from './errors';
import { EventRelay } from './event-relay';

export interface CreateOrderCommand {
  customerId: string;
  currency: string;
  items: OrderLine[];
  /** The provider's payment method reference (Stripe: pm_…), passed on in order.placed (ADR 0021). */
  paymentMethodId?: string;
  idempotencyKey?: string;
  correlationId: string;
}

export interface CreateOrderResult {
  order: Order;
  /** True when an earlier request with the same Idempotency-Key created the order. */
  replayed: boolean;
}

/** Fingerprint of what the customer asked for: the same key must come with the same request. */
export const requestHashOf = ({ currency, items, paymentMethodId }: Pick<CreateOrderCommand, 'currency' | 'items' | 'paymentMethodId'>): string =>
  createHash('sha256')
    .update(
      JSON.stringify({
        currency,
        items: items.map(({ sku, quantity, unitPriceCents }) => [sku, quantity, unitPriceCents]),
        // Only when given, so fingerprints of requests without one are unchanged.
        ...(paymentMethodId ? { paymentMethodId } : {}),
      }),
    )
    .digest('hex');

/**
 * Places an order and publishes order.placed. With an Idempotency-Key the order id is derived from (customer, key),
 * so "create if absent" is one conditional put: a retry finds the order, gets it back (and re-publishes its event if
 * that never went out) instead of creating a second one.
 */
export const createOrder =
  (deps: OrdersDeps) =>
  async (command: CreateOrderCommand, log: Log): Promise<CreateOrderResult> => {
    const { repository, clock, ids } = deps;
    const relay = new EventRelay(repository, deps.publisher);
    const id = command.idempotencyKey ? ids.orderIdForKey(command.customerId, command.idempotencyKey) : ids.orderId();
    const requestHash = command.idempotencyKey ? requestHashOf(command) : undefined;
    const order = placeOrder({ id, customerId: command.customerId, currency: command.currency, items: command.items, now: clock.now() });
    const placed = createEvent(
      'order.placed',
      {
        orderId: order.id,
        customerId: order.customerId,
        currency: order.currency,
        items: order.items,
        totalCents: order.totalCents,
        ...(command.paymentMethodId ? { paymentMethodId: command.paymentMethodId } : {}),
      },
      { correlationId: command.correlationId, occurredAt: new Date(order.createdAt) },
    );

    const outcome = await repository.create({ order, pendingEvents: [placed], ...(requestHash ? { requestHash } : {}) });
    if (outcome === 'created') {
      await relay.relayOrDefer(order.id, [placed], log, { version: 1, eventIds: [placed.eventId] });
      log.info('order placed', { orderId: order.id, eventId: placed.eventId, totalCents: order.totalCents });
      return { order, replayed: false };
    }

    const existing = await repository.get(id);
    // Ids derive from (customer, key): a stored order with another owner or no fingerprint is a different request.
    if (!existing || existing.order.customerId !== command.customerId || existing.requestHash !== requestHash) {
      throw new IdempotencyKeyReusedError(id);
    }
    if (existing.pendingEvents.length > 0) await relay.relayOrDefer(id, existing.pendingEvents, log);
    log.info('idempotent replay of order creation', { orderId: id });
    return { order: existing.order, replayed: true };
  };
