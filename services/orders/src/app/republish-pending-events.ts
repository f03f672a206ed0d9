import type { Log } from '../ports/log';
import type { OrdersDeps } from './deps';
import { EventRelay } from './event-relay';

export interface RepublishResult {
  orders: number;
  published: number;
  failed: number;
}

/**
 * The sweeper: finds orders whose outbox still holds events written more than `graceMs` ago (the request that wrote
 * them crashed or could not reach SQS) and publishes them again, with their original eventIds.
 */
export const republishPendingEvents =
  (deps: OrdersDeps) =>
  async ({ graceMs = 60_000, limit = 100 }: { graceMs?: number; limit?: number }, log: Log): Promise<RepublishResult> => {
    const { repository, clock } = deps;
    const relay = new EventRelay(repository, deps.publisher);
    const orderIds = await repository.listWithPendingEvents({ olderThan: new Date(clock.now().getTime() - graceMs), limit });
    const result: RepublishResult = { orders: orderIds.length, published: 0, failed: 0 };
    for (const orderId of orderIds) {
      const stored = await repository.get(orderId);
      if (!stored || stored.pendingEvents.length === 0) continue;
      try {
        await relay.relay(orderId, stored.pendingEvents);
        result.published += stored.pendingEvents.length;
        log.warn('republished pending events', {
          orderId,
          eventIds: stored.pendingEvents.map((event) => event.eventId),
          correlationIds: stored.pendingEvents.map((event) => event.correlationId),
        });
      } catch (error) {
        result.failed += stored.pendingEvents.length;
        log.error('republish failed; will retry on the next sweep', { orderId, reason: (error as Error).message });
      }
    }
    return result;
  };
