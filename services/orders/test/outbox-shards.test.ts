import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { lambdaContext } from '@commerce/service-kit/testing';
import { DynamoDbOrderRepository, OUTBOX_INDEX, outboxPartitionOf } from '../src/adapters/dynamodb-order-repository';
import { createOrder } from '../src/app/create-order';
import type { OrdersDeps } from '../src/app/deps';
import { republishPendingEvents } from '../src/app/republish-pending-events';
import { createHandler as createSweeper } from '../src/handlers/schedule-republish-events';
import { systemClock } from '../src/ports/clock';
import { randomIds } from '../src/ports/id-generator';
import { silentLog } from '../src/ports/log';
import { RecordingPublisher } from '../src/testing/fakes';
import { startLocalOrders, type LocalOrders } from './support/local-orders';

/** The sharded pending-events index (ADR 0017) on dynalite, with the table provisioned from the packaged template. */
const SHARDS = 4;
let local: LocalOrders;
let db: DynamoDBDocumentClient;

beforeAll(async () => {
  local = await startLocalOrders();
  db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
}, 120_000);

afterAll(async () => {
  db?.destroy();
  await local?.stop();
});

const depsWith = (publisher: RecordingPublisher): OrdersDeps => ({
  repository: new DynamoDbOrderRepository(db, local.tableName, { outboxShards: SHARDS }),
  publisher,
  clock: systemClock,
  ids: randomIds,
});

/** Orders whose order.placed could not be published: each stays in the index until a sweep publishes it. */
const stranded = async (count: number, customerId: string): Promise<string[]> => {
  const publisher = new RecordingPublisher();
  publisher.failNext(count);
  const deps = depsWith(publisher);
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const { order } = await createOrder(deps)({ customerId, currency: 'EUR', items: [{ sku: 'S', quantity: 1, unitPriceCents: 100 }], correlationId: `c-${index}` }, silentLog);
    ids.push(order.id);
  }
  return ids;
};

const indexPartition = async (partition: string): Promise<string[]> => {
  const { Items = [] } = await db.send(
    new QueryCommand({ TableName: local.tableName, IndexName: OUTBOX_INDEX, KeyConditionExpression: 'outboxPartition = :p', ExpressionAttributeValues: { ':p': partition } }),
  );
  return Items.map((item) => item.orderId as string);
};

const everyShard = async (): Promise<string[][]> => Promise.all(Array.from({ length: SHARDS }, (_, shard) => indexPartition(`PENDING#${shard}`)));

describe('the pending-events index is sharded (no hot partition)', () => {
  it('spreads pending orders over PENDING#0..n-1 by order id, never the one PENDING key; publishing removes them', async () => {
    const ids = await stranded(24, 'cus_shards');
    const shards = await everyShard();
    expect(shards.flat().sort()).toEqual([...ids].sort());
    expect(shards.filter((shard) => shard.length > 0).length).toBeGreaterThan(1);
    for (const id of ids) expect(shards[Number(outboxPartitionOf(id, SHARDS).split('#')[1])]).toContain(id);
    expect(await indexPartition('PENDING')).toEqual([]);

    const publisher = new RecordingPublisher();
    const result = await republishPendingEvents(depsWith(publisher))({ graceMs: 0, pageSize: 5 }, silentLog);
    expect(result).toEqual({ orders: 24, published: 24, failed: 0 });
    expect(new Set(publisher.published.map((event) => event.type === 'order.placed' && event.payload.orderId))).toEqual(new Set(ids));
    expect((await everyShard()).flat()).toEqual([]);
  });
});

describe('the sweeper pages through every shard until its time budget runs out', () => {
  it('pages of 2 over 4 shards reach every order, whatever shard it starts from', async () => {
    for (const startShard of [0, 3]) {
      const ids = await stranded(13, `cus_pages_${startShard}`);
      const publisher = new RecordingPublisher();
      const result = await republishPendingEvents(depsWith(publisher))({ graceMs: 0, pageSize: 2, startShard }, silentLog);
      expect(result).toEqual({ orders: 13, published: 13, failed: 0 });
      expect(publisher.published.map((event) => (event.payload as { orderId: string }).orderId).sort()).toEqual([...ids].sort());
    }
  });

  it('stops when the time left falls under its reserve, reports the oldest event it left, and the next sweep finishes', async () => {
    const ids = await stranded(10, 'cus_budget');
    const before = Date.now();
    // A clock of work: every call to the budget spends 1 s of a 9 s budget with a 5 s reserve.
    let left = 9_000;
    const timeLeftMs = () => (left -= 1_000);
    const publisher = new RecordingPublisher();
    const first = await republishPendingEvents(depsWith(publisher))({ graceMs: 0, pageSize: 3, timeLeftMs, reserveMs: 5_000 }, silentLog);
    expect(first.incomplete).toBe(true);
    expect(first.published).toBeLessThan(10);
    // Whether it stopped inside a page or between pages or shards: the oldest event left is known.
    expect(first.oldestPendingSeconds).toBeGreaterThanOrEqual(0);
    expect(first.oldestPendingSeconds).toBeLessThanOrEqual(Math.ceil((Date.now() - before) / 1000) + 1);

    const second = await republishPendingEvents(depsWith(publisher))({ graceMs: 0, pageSize: 3 }, silentLog);
    expect(second).toEqual({ orders: 10 - first.published, published: 10 - first.published, failed: 0 });
    expect(publisher.published.map((event) => (event.payload as { orderId: string }).orderId).sort()).toEqual([...ids].sort());
  });

  it('the scheduled handler takes its budget from the Lambda context and leaves nothing behind with time to spare', async () => {
    const ids = await stranded(6, 'cus_handler');
    const publisher = new RecordingPublisher();
    const result = await createSweeper(() => depsWith(publisher), { graceMs: 0, pageSize: 2 })(undefined, lambdaContext());
    expect(result).toEqual({ orders: 6, published: 6, failed: 0 });
    expect(publisher.published).toHaveLength(ids.length);

    const starved = await stranded(2, 'cus_starved');
    const none = await createSweeper(() => depsWith(new RecordingPublisher()), { graceMs: 0 })(undefined, { ...lambdaContext(), getRemainingTimeInMillis: () => 1_000 });
    expect(none).toMatchObject({ orders: 0, published: 0, failed: 0, incomplete: true });
    expect(none.oldestPendingSeconds).toBeGreaterThanOrEqual(0);
    expect((await everyShard()).flat().sort()).toEqual([...starved].sort());
  });
});
