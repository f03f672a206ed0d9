import type { DomainEvent } from '@commerce/domain-events';
import type { EventPublisher } from '../ports/event-publisher';
import type { Log } from '../ports/log';
import type { OrderRepository, StoredOutbox } from '../ports/order-repository';

/**
 * Second half of the dual write (ADR 0010): the events are already stored in the order's outbox by the same
 * conditional write as the state change; here they are published (same eventIds every time) and then removed
 * from the outbox. A failure anywhere leaves them pending for the next attempt (idempotent replay of the request,
 * or the republish sweeper); consumers dedupe on eventId, so publishing twice is harmless, losing is impossible.
 */
export class EventRelay {
  constructor(
    private readonly repository: OrderRepository,
    private readonly publisher: EventPublisher,
  ) {}

  /**
   * Publishes and marks published; throws if publishing failed (the events stay pending). `stored`: the order's
   * version and outbox as the caller has just written them, when it knows (saves a read).
   */
  async relay(orderId: string, events: readonly DomainEvent[], stored?: StoredOutbox): Promise<void> {
    if (events.length === 0) return;
    await this.publisher.publish(events);
    await this.repository.markPublished(
      orderId,
      events.map((event) => event.eventId),
      stored,
    );
  }

  /** Like relay, for the request path: a failure is logged, not thrown (the order is stored; the sweeper retries). */
  async relayOrDefer(orderId: string, events: readonly DomainEvent[], log: Log, stored?: StoredOutbox): Promise<boolean> {
    try {
      await this.relay(orderId, events, stored);
      return true;
    } catch (error) {
      log.error('event publish deferred: events stay in the outbox for the sweeper', {
        orderId,
        eventIds: events.map((event) => event.eventId),
        reason: (error as Error).message,
      });
      return false;
    }
  }
}
