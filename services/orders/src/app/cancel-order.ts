import { createEvent } from '@commerce/domain-events';
import { cancelOrder as cancel, type Order } from '../domain/order';
import type { Log } from '../ports/log';
import { MAX_WRITE_ATTEMPTS, type OrdersDeps } from './deps';
import { ConcurrentModificationError, OrderNotFoundError } from './errors';
import { EventRelay } from './event-relay';

export interface CancelOrderCommand {
  customerId: string;
  orderId: string;
  reason?: string;
  correlationId: string;
}

/**
 * Cancels the caller's order and publishes order.cancelled. The state change and its event are one conditional
 * write on the version read; losing a race (e.g. to a payment event) re-reads and decides again, so a cancel never
 * overwrites a concurrent PAID/PAYMENT_FAILED and vice versa.
 */
export const cancelOrder =
  (deps: OrdersDeps) =>
  async (command: CancelOrderCommand, log: Log): Promise<Order> => {
    const { repository, clock } = deps;
    const relay = new EventRelay(repository, deps.publisher);
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const stored = await repository.get(command.orderId);
      if (!stored || stored.order.customerId !== command.customerId) throw new OrderNotFoundError(command.orderId);
      const previousStatus = stored.order.status;
      const cancelled = cancel(stored.order, { now: clock.now(), ...(command.reason ? { reason: command.reason } : {}) });
      const event = createEvent(
        'order.cancelled',
        {
          orderId: cancelled.id,
          customerId: cancelled.customerId,
          previousStatus: previousStatus as 'PENDING_PAYMENT' | 'PAID',
          ...(command.reason ? { reason: command.reason } : {}),
        },
        { correlationId: command.correlationId, occurredAt: new Date(cancelled.updatedAt) },
      );
      const saved = await repository.update({ order: cancelled, expectedVersion: stored.version, pendingEvents: [event] });
      if (saved === 'saved') {
        await relay.relayOrDefer(cancelled.id, [event], log);
        log.info('order cancelled', { orderId: cancelled.id, previousStatus, eventId: event.eventId });
        return cancelled;
      }
      log.info('cancel lost a write race; re-reading', { orderId: command.orderId, attempt });
    }
    throw new ConcurrentModificationError(`order ${command.orderId} kept changing; try again`);
  };
