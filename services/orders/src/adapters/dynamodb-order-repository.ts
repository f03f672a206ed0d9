import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseEvent, type DomainEvent } from '@commerce/domain-events';
import type { Order } from '../domain/order';
import {
  InvalidCursorError,
  type NewOrder,
  type OrderChange,
  type OrderPage,
  type OrderRepository,
  type PendingCursor,
  type PendingPage,
  type StoredOrder,
  type StoredOutbox,
} from '../ports/order-repository';

/** GSI: a customer's orders, newest first (`customerId`, `createdAtId` = `<createdAt>#<orderId>`). */
export const CUSTOMER_INDEX = 'by-customer';
/** Sparse GSI: only orders with unpublished events carry `outboxPartition` (`outboxPartition`, `outboxSince`). */
export const OUTBOX_INDEX = 'by-pending-outbox';

/**
 * The index partition of an order's pending events: `PENDING#<n>`, n from a hash of the order id (ADR 0017). One
 * key for every order would put every write of the index on one partition; n shards spread them, and the same
 * order always lands on the same shard (a change and its mark-published touch one key).
 */
export const outboxPartitionOf = (orderId: string, shards: number): string =>
  `PENDING#${createHash('sha256').update(orderId).digest().readUInt32BE(0) % shards}`;

/**
 * Item layout (one item per order, key `orderId`): the order's fields at top level (so the customer index projects
 * whole orders), plus `version`, `outbox` (map eventId -> event JSON, always present, maybe empty),
 * `appliedEventIds` (string set), `requestHash`, and the index keys.
 */
interface OrderItem extends Omit<Order, 'id'> {
  orderId: string;
  createdAtId: string;
  version: number;
  outbox: Record<string, string>;
  appliedEventIds?: Set<string>;
  requestHash?: string;
  outboxPartition?: string;
  outboxSince?: string;
}

const ORDER_FIELDS = ['status', 'updatedAt', 'payment', 'paymentAction', 'paymentFailure', 'refunds', 'cancellation'] as const;

const toOrder = (item: OrderItem): Order => ({
  id: item.orderId,
  customerId: item.customerId,
  status: item.status,
  currency: item.currency,
  items: item.items,
  totalCents: item.totalCents,
  createdAt: item.createdAt,
  updatedAt: item.updatedAt,
  ...(item.payment ? { payment: item.payment } : {}),
  ...(item.paymentAction ? { paymentAction: item.paymentAction } : {}),
  ...(item.paymentFailure ? { paymentFailure: item.paymentFailure } : {}),
  refunds: item.refunds ?? [],
  ...(item.cancellation ? { cancellation: item.cancellation } : {}),
});

const toStored = (item: OrderItem): StoredOrder => ({
  order: toOrder(item),
  version: item.version,
  pendingEvents: Object.values(item.outbox ?? {})
    .map((json) => parseEvent(json) as DomainEvent)
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt)),
  appliedEventIds: [...(item.appliedEventIds ?? [])],
  ...(item.requestHash ? { requestHash: item.requestHash } : {}),
});

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';

interface CursorKey {
  orderId: string;
  customerId: string;
  createdAtId: string;
}

const encodeCursor = (key: CursorKey): string => Buffer.from(JSON.stringify([key.customerId, key.createdAtId, key.orderId])).toString('base64url');

const decodeCursor = (cursor: string, customerId: string): CursorKey => {
  try {
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    // Each part must be a key value DynamoDB accepts (non-empty, within its key size), so a tampered cursor is a 422, not a 500.
    const keyPart = (part: unknown): boolean => typeof part === 'string' && part.length > 0 && Buffer.byteLength(part) <= 1024;
    if (Array.isArray(decoded) && decoded.length === 3 && decoded.every(keyPart) && decoded[0] === customerId) {
      const [owner, createdAtId, orderId] = decoded as [string, string, string];
      return { customerId: owner, createdAtId, orderId };
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError('The cursor is not one we issued for this listing.');
};

export class DynamoDbOrderRepository implements OrderRepository {
  readonly outboxShards: number;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: { outboxShards?: number } = {},
  ) {
    this.outboxShards = options.outboxShards ?? 1;
    if (!Number.isInteger(this.outboxShards) || this.outboxShards < 1) throw new Error(`outbox shards must be a whole number >= 1, not ${options.outboxShards}`);
  }

  async create({ order, pendingEvents, requestHash }: NewOrder): Promise<'created' | 'exists'> {
    const { id, ...fields } = order;
    const item: OrderItem = {
      ...fields,
      orderId: id,
      createdAtId: `${order.createdAt}#${id}`,
      version: 1,
      outbox: Object.fromEntries(pendingEvents.map((event) => [event.eventId, JSON.stringify(event)])),
      ...(requestHash ? { requestHash } : {}),
      ...(pendingEvents.length > 0 ? { outboxPartition: outboxPartitionOf(id, this.outboxShards), outboxSince: order.createdAt } : {}),
    };
    try {
      await this.db.send(
        new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(orderId)' }),
      );
      return 'created';
    } catch (error) {
      if (isConditionFailure(error)) return 'exists';
      throw error;
    }
  }

  async get(orderId: string): Promise<StoredOrder | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { orderId }, ConsistentRead: true }));
    return Item ? toStored(Item as OrderItem) : undefined;
  }

  async update({ order, expectedVersion, pendingEvents = [], appliedEventId }: OrderChange): Promise<'saved' | 'conflict'> {
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':expected': expectedVersion, ':next': expectedVersion + 1 };
    const sets = ['#version = :next'];
    const removes: string[] = [];
    for (const field of ORDER_FIELDS) {
      names[`#${field}`] = field;
      const value = order[field];
      if (value === undefined) {
        removes.push(`#${field}`);
      } else {
        values[`:${field}`] = value;
        sets.push(`#${field} = :${field}`);
      }
    }
    pendingEvents.forEach((event, index) => {
      names['#outbox'] = 'outbox';
      names[`#e${index}`] = event.eventId;
      values[`:e${index}`] = JSON.stringify(event);
      sets.push(`#outbox.#e${index} = :e${index}`);
    });
    if (pendingEvents.length > 0) {
      names['#outboxPartition'] = 'outboxPartition';
      names['#outboxSince'] = 'outboxSince';
      values[':outboxPartition'] = outboxPartitionOf(order.id, this.outboxShards);
      values[':outboxSince'] = order.updatedAt;
      sets.push('#outboxPartition = :outboxPartition', '#outboxSince = if_not_exists(#outboxSince, :outboxSince)');
    }
    let add = '';
    if (appliedEventId) {
      names['#applied'] = 'appliedEventIds';
      values[':applied'] = new Set([appliedEventId]);
      add = ' ADD #applied :applied';
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { orderId: order.id },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}${add}`,
          ConditionExpression: 'attribute_exists(orderId) AND #version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return 'saved';
    } catch (error) {
      if (isConditionFailure(error)) return 'conflict';
      throw error;
    }
  }

  async markPublished(orderId: string, eventIds: readonly string[], stored?: StoredOutbox): Promise<void> {
    // Version-conditioned (without bumping it): if the order changed in between, re-read so that an event added by
    // that change keeps the outbox index entry. What the caller wrote itself stands in for the first read.
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const known = attempt === 1 ? stored : undefined;
      const current = known ?? (await this.readOutbox(orderId));
      if (!current) return;
      const published = eventIds.filter((eventId) => current.eventIds.includes(eventId));
      if (published.length === 0) return;
      const remaining = current.eventIds.filter((eventId) => !published.includes(eventId));
      const names: Record<string, string> = { '#outbox': 'outbox', '#version': 'version' };
      const removes = published.map((eventId, index) => {
        names[`#e${index}`] = eventId;
        return `#outbox.#e${index}`;
      });
      if (remaining.length === 0) {
        names['#outboxPartition'] = 'outboxPartition';
        names['#outboxSince'] = 'outboxSince';
        removes.push('#outboxPartition', '#outboxSince');
      }
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { orderId },
            UpdateExpression: `REMOVE ${removes.join(', ')}`,
            ConditionExpression: '#version = :version',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':version': current.version },
          }),
        );
        return;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    // Still pending: harmless, the sweeper republishes (same eventIds) and tries again.
  }

  private async readOutbox(orderId: string): Promise<StoredOutbox | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { orderId }, ConsistentRead: true, ProjectionExpression: 'version, outbox' }),
    );
    return Item ? { version: Item.version as number, eventIds: Object.keys((Item.outbox ?? {}) as Record<string, string>) } : undefined;
  }

  async listByCustomer(customerId: string, { limit, cursor }: { limit: number; cursor?: string }): Promise<OrderPage> {
    const start = cursor ? decodeCursor(cursor, customerId) : undefined;
    // Ask for one more than the page: if it exists there is a next page, and the cursor points at our last item.
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: CUSTOMER_INDEX,
        KeyConditionExpression: 'customerId = :customerId',
        ExpressionAttributeValues: { ':customerId': customerId },
        ScanIndexForward: false,
        Limit: limit + 1,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const page = (Items as OrderItem[]).slice(0, limit);
    const last = page.at(-1);
    return {
      orders: page.map(toOrder),
      ...(Items.length > limit && last ? { nextCursor: encodeCursor(last) } : {}),
    };
  }

  async pendingEventsPage({ shard, olderThan, limit, cursor }: { shard: number; olderThan: Date; limit: number; cursor?: PendingCursor }): Promise<PendingPage> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: OUTBOX_INDEX,
        KeyConditionExpression: 'outboxPartition = :shard AND outboxSince < :before',
        ExpressionAttributeValues: { ':shard': `PENDING#${shard}`, ':before': olderThan.toISOString() },
        ScanIndexForward: true,
        Limit: limit,
        ...(cursor ? { ExclusiveStartKey: cursor } : {}),
      }),
    );
    return {
      entries: Items.map((item) => ({ orderId: item.orderId as string, since: item.outboxSince as string })),
      ...(LastEvaluatedKey ? { cursor: LastEvaluatedKey } : {}),
    };
  }

  async listWithPendingEvents({ olderThan, limit }: { olderThan: Date; limit: number }): Promise<string[]> {
    const ids: string[] = [];
    for (let shard = 0; shard < this.outboxShards && ids.length < limit; shard += 1) {
      let cursor: PendingCursor | undefined;
      do {
        const page = await this.pendingEventsPage({ shard, olderThan, limit: limit - ids.length, cursor });
        ids.push(...page.entries.map((entry) => entry.orderId));
        cursor = page.cursor;
      } while (cursor && ids.length < limit);
    }
    return ids;
  }
}
