import fc from 'fast-check';
import type { DomainEvent } from '@commerce/domain-events';
import { batchVerdict, fuzzContext, fuzzedBatch, fuzzedSqsEvent, fuzzParameters, hostileBodies, type FuzzedRecord } from '@commerce/service-kit/testing';
import type { ReceiptDeps } from '../app/notify-for-receipt';
import { eventSourceKey, objectSourceKey } from '../domain/message';
import type { ReceiptStore } from '../ports/receipt-store';
import { cancelledEvent, failedEvent, memoryDeps, placedEvent, receiptDocument, refundedEvent, s3NotificationBody, s3TestEventBody } from '../testing/fixtures';
import { createInboxHandler } from './sqs-inbox';
import { createReceiptsHandler } from './sqs-receipts';

/**
 * Fuzzing both notifications consumers (the real handlers: service-kit's consumer, the parsers, the use cases) over
 * the in-memory message log, sender and receipt store, so hundreds of batches run in seconds (ADR 0018). A hostile
 * record must fail alone, and no message may be recorded or sent for it.
 */
const freshOrderId = fc.uuid().map((id) => `ord_${id.replace(/-/g, '')}`);

describe('notifications inbox consumer, fuzzed', () => {
  const builders = [placedEvent, failedEvent, cancelledEvent, refundedEvent] as const;
  const valid = fc
    .tuple(fc.integer({ min: 0, max: 3 }), freshOrderId)
    .map(([which, orderId]): FuzzedRecord => {
      const event = builders[which]!('cus_fuzz', orderId);
      return { body: JSON.stringify(event), valid: true, kind: event.type };
    });
  const decoyEnvelope = fc.integer({ min: 0, max: 3 }).map((which) => builders[which]!('cus_decoy', 'ord_decoy') as unknown as Record<string, unknown>);

  it('fails exactly the invalid records of any batch (never the batch) and sends one message per valid event, none for the others', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzedBatch(valid, hostileBodies(decoyEnvelope)), async (batch) => {
        const { deps, messageLog, sender } = memoryDeps();

        const response = await createInboxHandler(() => deps)(fuzzedSqsEvent(batch), fuzzContext);

        expect(batchVerdict(batch, response).wrong).toEqual([]);
        const validEventIds = batch.filter((item) => item.valid).map((item) => eventSourceKey((JSON.parse(item.body) as DomainEvent).eventId));
        expect([...messageLog.records.values()].map((record) => record.sourceKey).sort()).toEqual([...validEventIds].sort());
        expect(sender.sent).toHaveLength(validEventIds.length);
      }),
      fuzzParameters(150),
    );
  }, 120_000);
});

describe('notifications receipts consumer (S3 notifications), fuzzed', () => {
  const BUCKET = 'commerce-local-payments-receipts-000000000000';
  /** Receipts exist for every `receipts/ord_<hex>.json`; the decoy orders' receipts are missing or name another order. */
  const store: ReceiptStore = {
    bucket: BUCKET,
    read: async (key) => {
      const orderId = /^receipts\/(ord_[0-9a-f]{32})\.json$/.exec(key)?.[1];
      if (orderId) return JSON.stringify(receiptDocument(orderId, 'cus_fuzz'));
      if (key === 'receipts/ord_mismatch.json') return JSON.stringify(receiptDocument('ord_other', 'cus_fuzz'));
      if (key === 'receipts/ord_broken.json') return '{"receiptVersion": 1, "orderId": "ord_broken"}';
      throw new Error(`NoSuchKey: ${key}`);
    },
    linkTo: async (key, ttl) => `https://s3.example.com/${BUCKET}/${key}?X-Amz-Expires=${ttl}`,
  };

  const created = freshOrderId.map((orderId): FuzzedRecord => ({ body: s3NotificationBody(BUCKET, `receipts/${orderId}.json`), valid: true, kind: 'receipt created' }));
  const acknowledged = fc.oneof(
    fc.constant<FuzzedRecord>({ body: s3TestEventBody(BUCKET), valid: true, kind: 's3:TestEvent (acknowledged)' }),
    freshOrderId.map((orderId): FuzzedRecord => ({ body: s3NotificationBody(BUCKET, `receipts/${orderId}.json`, 'ObjectRemoved:Delete'), valid: true, kind: 'not a create (ignored)' })),
  );
  const notification = JSON.parse(s3NotificationBody(BUCKET, 'receipts/ord_decoy.json')) as { Records: Record<string, unknown>[] };
  const invalid = (kind: string) => (body: string): FuzzedRecord => ({ body, valid: false, kind });
  const hostile = fc.oneof(
    hostileBodies(fc.constant(notification as unknown as Record<string, unknown>)),
    fc.constantFrom('receipts/ord_missing.json', 'receipts/ord_mismatch.json', 'receipts/ord_broken.json', 'other/ord_1.json', 'receipts/%E0%A4%A.json').map((key) =>
      invalid(`S3 event for ${key}`)(s3NotificationBody(BUCKET, key).replace(encodeURIComponent(key).replace(/%2F/g, '/'), key)),
    ),
    freshOrderId.map((orderId) => invalid('another bucket')(s3NotificationBody('someone-elses-bucket', `receipts/${orderId}.json`))),
    fc.jsonValue({ maxDepth: 2 }).map((records) => invalid('Records of the wrong shape')(JSON.stringify({ Records: Array.isArray(records) && records.length > 0 ? records : [records] }))),
    fc.constant(invalid('no records')(JSON.stringify({ Records: [] }))),
    fc.constant(invalid('a huge key')(s3NotificationBody(BUCKET, `receipts/${'x'.repeat(300_000)}.json`))),
  );
  const valid = fc.oneof({ arbitrary: created, weight: 3 }, { arbitrary: acknowledged, weight: 1 });

  it('fails exactly the invalid records of any batch (never the batch) and sends one receipt message per created receipt, none for the others', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzedBatch(valid, hostile), async (batch) => {
        const base = memoryDeps();
        const deps: ReceiptDeps = { ...base.deps, receipts: store, receiptLinkTtlSeconds: 900 };

        const response = await createReceiptsHandler(() => deps)(fuzzedSqsEvent(batch), fuzzContext);

        expect(batchVerdict(batch, response).wrong).toEqual([]);
        const createdKeys = batch
          .filter((item) => item.kind === 'receipt created')
          .map((item) => objectSourceKey(BUCKET, decodeURIComponent((JSON.parse(item.body) as { Records: { s3: { object: { key: string } } }[] }).Records[0]!.s3.object.key)));
        expect([...base.messageLog.records.values()].map((record) => record.sourceKey).sort()).toEqual([...createdKeys].sort());
        expect(base.sender.sent).toHaveLength(createdKeys.length);
      }),
      fuzzParameters(150),
    );
  }, 120_000);
});
