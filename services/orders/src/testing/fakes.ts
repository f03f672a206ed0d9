import type { DomainEvent } from '@commerce/domain-events';
import type { OrdersDeps } from '../app/deps';
import type { Order } from '../domain/order';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import { randomIds, type IdGenerator } from '../ports/id-generator';
import {
  InvalidCursorError,
  type NewOrder,
  type OrderChange,
  type OrderPage,
  type OrderRepository,
  type PendingCursor,
  type PendingPage,
  type StoredOrder,
} from '../ports/order-repository';

interface Row {
  order: Order;
  version: number;
  outbox: Map<string, DomainEvent>;
  outboxSince?: string;
  applied: Set<string>;
  requestHash?: string;
}

const clone = <T>(value: T): T => structuredClone(value);

/** In-memory OrderRepository with the DynamoDB adapter's conditional-write semantics (for unit tests). */
export class InMemoryOrderRepository implements OrderRepository {
  readonly rows = new Map<string, Row>();
  /** One shard: sharding is the DynamoDB adapter's concern (tested against dynalite). */
  readonly outboxShards = 1;
  /** Hook to interleave a competing write right before the next update (race tests). */
  beforeUpdate?: () => Promise<void>;

  async create({ order, pendingEvents, requestHash }: NewOrder): Promise<'created' | 'exists'> {
    if (this.rows.has(order.id)) return 'exists';
    this.rows.set(order.id, {
      order: clone(order),
      version: 1,
      outbox: new Map(pendingEvents.map((event) => [event.eventId, clone(event)])),
      ...(pendingEvents.length > 0 ? { outboxSince: order.createdAt } : {}),
      applied: new Set(),
      ...(requestHash ? { requestHash } : {}),
    });
    return 'created';
  }

  async get(orderId: string): Promise<StoredOrder | undefined> {
    const row = this.rows.get(orderId);
    if (!row) return undefined;
    return {
      order: clone(row.order),
      version: row.version,
      pendingEvents: [...row.outbox.values()].map(clone),
      appliedEventIds: [...row.applied],
      ...(row.requestHash ? { requestHash: row.requestHash } : {}),
    };
  }

  async update({ order, expectedVersion, pendingEvents = [], appliedEventId }: OrderChange): Promise<'saved' | 'conflict'> {
    const hook = this.beforeUpdate;
    this.beforeUpdate = undefined;
    if (hook) await hook();
    const row = this.rows.get(order.id);
    if (!row || row.version !== expectedVersion) return 'conflict';
    row.order = clone(order);
    row.version += 1;
    for (const event of pendingEvents) row.outbox.set(event.eventId, clone(event));
    if (pendingEvents.length > 0) row.outboxSince ??= order.updatedAt;
    if (appliedEventId) row.applied.add(appliedEventId);
    return 'saved';
  }

  async markPublished(orderId: string, eventIds: readonly string[]): Promise<void> {
    const row = this.rows.get(orderId);
    if (!row) return;
    for (const eventId of eventIds) row.outbox.delete(eventId);
    if (row.outbox.size === 0) delete row.outboxSince;
  }

  async listByCustomer(customerId: string, { limit, cursor }: { limit: number; cursor?: string }): Promise<OrderPage> {
    const sorted = [...this.rows.values()]
      .map((row) => row.order)
      .filter((order) => order.customerId === customerId)
      .sort((a, b) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`));
    let start = 0;
    if (cursor) {
      const [owner, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
      const index = sorted.findIndex((order) => order.id === id);
      if (owner !== customerId || index < 0) throw new InvalidCursorError('bad cursor');
      start = index + 1;
    }
    const page = sorted.slice(start, start + limit);
    const last = page.at(-1);
    return {
      orders: page.map(clone),
      ...(start + limit < sorted.length && last ? { nextCursor: Buffer.from(`${customerId}|${last.id}`).toString('base64url') } : {}),
    };
  }

  async pendingEventsPage({ olderThan, limit, cursor }: { shard: number; olderThan: Date; limit: number; cursor?: PendingCursor }): Promise<PendingPage> {
    const start = Number(cursor?.offset ?? 0);
    const pending = [...this.rows.values()]
      .filter((row) => row.outboxSince !== undefined && row.outboxSince < olderThan.toISOString())
      .sort((a, b) => (a.outboxSince ?? '').localeCompare(b.outboxSince ?? ''));
    const entries = pending.slice(start, start + limit).map((row) => ({ orderId: row.order.id, since: row.outboxSince ?? '' }));
    return { entries, ...(start + limit < pending.length ? { cursor: { offset: start + limit } } : {}) };
  }

  async listWithPendingEvents({ olderThan, limit }: { olderThan: Date; limit: number }): Promise<string[]> {
    return (await this.pendingEventsPage({ shard: 0, olderThan, limit })).entries.map((entry) => entry.orderId);
  }
}

/** Records what was published; `failNext(n)` makes the next n publish calls throw (SQS unreachable). */
export class RecordingPublisher implements EventPublisher {
  readonly published: DomainEvent[] = [];
  private failures = 0;

  failNext(times = 1): void {
    this.failures = times;
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('SQS is unreachable');
    }
    this.published.push(...events.map(clone));
  }
}

export class FixedClock implements Clock {
  constructor(private current = new Date('2026-11-29T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const sequentialIds = (): IdGenerator => {
  let next = 0;
  return { orderId: () => `ord_${String((next += 1)).padStart(4, '0')}`, orderIdForKey: randomIds.orderIdForKey };
};

export const fakeDeps = () => {
  const repository = new InMemoryOrderRepository();
  const publisher = new RecordingPublisher();
  const clock = new FixedClock();
  const deps: OrdersDeps = { repository, publisher, clock, ids: sequentialIds() };
  return { deps, repository, publisher, clock };
};
