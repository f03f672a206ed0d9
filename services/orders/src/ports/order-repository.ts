import type { DomainEvent } from '@commerce/domain-events';
import type { Order } from '../domain/order';

/** An order as stored: the aggregate plus what persistence needs for concurrency, idempotency and the outbox. */
export interface StoredOrder {
  order: Order;
  /** Optimistic-concurrency version: every state change is written on the condition that it is unchanged. */
  version: number;
  /** Events written with a state change and not yet confirmed as published (the in-item outbox). */
  pendingEvents: DomainEvent[];
  /** Inbox event ids already applied to this order (consumer idempotency). */
  appliedEventIds: string[];
  /** Fingerprint of the create request when it carried an Idempotency-Key. */
  requestHash?: string;
}

export interface NewOrder {
  order: Order;
  pendingEvents: DomainEvent[];
  requestHash?: string;
}

export interface OrderChange {
  order: Order;
  expectedVersion: number;
  /** Events to publish for this change: stored in the same conditional write. */
  pendingEvents?: DomainEvent[];
  /** The inbox event this change applies (recorded in the same write, so a redelivery is a no-op). */
  appliedEventId?: string;
}

export interface OrderPage {
  orders: Order[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

/** An order with unpublished events, as the pending-events index lists it. */
export interface PendingEntry {
  orderId: string;
  /** When its oldest pending event was written (ISO). */
  since: string;
}

/** Where a page of one shard ended (opaque: pass it back for the next page). */
export type PendingCursor = Record<string, unknown>;

export interface PendingPage {
  entries: PendingEntry[];
  /** Absent on the shard's last page. */
  cursor?: PendingCursor;
}

/** An order's version and the ids of the events in its outbox, as the caller's own write left them. */
export interface StoredOutbox {
  version: number;
  eventIds: readonly string[];
}

export interface OrderRepository {
  /** How many shards the pending-events index has (`PENDING#0` .. `PENDING#<n-1>`): the sweeper visits each. */
  readonly outboxShards: number;
  /** Writes a new order only if its id is unused: `exists` when an order with that id is already stored. */
  create(order: NewOrder): Promise<'created' | 'exists'>;
  get(orderId: string): Promise<StoredOrder | undefined>;
  /** Writes a change only if the stored version is still `expectedVersion`: `conflict` otherwise. */
  update(change: OrderChange): Promise<'saved' | 'conflict'>;
  /**
   * Removes published events from the order's outbox (other pending events stay). `stored` is what the caller wrote
   * itself (version and outbox event ids): then the first attempt needs no read; a change since is still detected.
   */
  markPublished(orderId: string, eventIds: readonly string[], stored?: StoredOutbox): Promise<void>;
  /** A customer's orders, newest first. Throws InvalidCursorError for a cursor this customer did not get from us. */
  listByCustomer(customerId: string, options: { limit: number; cursor?: string }): Promise<OrderPage>;
  /** One page of one shard: orders whose outbox has had events pending since before `olderThan`, oldest first. */
  pendingEventsPage(options: { shard: number; olderThan: Date; limit: number; cursor?: PendingCursor }): Promise<PendingPage>;
  /** Ids of orders whose outbox has had events pending since before `olderThan`, across every shard (at most `limit`). */
  listWithPendingEvents(options: { olderThan: Date; limit: number }): Promise<string[]>;
}
