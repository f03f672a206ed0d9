import fc from 'fast-check';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** A record of a fuzzed batch and whether its consumer must accept it. */
export interface FuzzedRecord {
  body: string;
  valid: boolean;
  /** What kind of input it is (for a counterexample's readability). */
  kind: string;
}

const HUGE = 300_000;

/**
 * Bodies no consumer may accept, built around a valid envelope of the consumer (`envelope`): any string, JSON of the
 * wrong shape, the envelope with an invalid payload, an unknown type, an unknown version, missing or huge fields.
 */
export const hostileBodies = (envelope: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<FuzzedRecord> => {
  const invalid = (kind: string) => (body: string): FuzzedRecord => ({ body, valid: false, kind });
  return fc.oneof(
    fc.string({ maxLength: 300 }).map(invalid('any string')),
    fc.jsonValue({ maxDepth: 3 }).map((value) => invalid('JSON of the wrong shape')(JSON.stringify(value) ?? 'null')),
    fc
      .tuple(envelope, fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 }))))
      .map(([event, payload]) => invalid('valid envelope, invalid payload')(JSON.stringify({ ...event, payload }))),
    fc
      .tuple(envelope, fc.constantFrom('order.shipped', 'payment.captured.v2', '', 'ORDER.PLACED', '__proto__'))
      .map(([event, type]) => invalid('unknown event type')(JSON.stringify({ ...event, type }))),
    fc
      .tuple(envelope, fc.oneof(fc.integer({ min: 50, max: 2 ** 31 }), fc.constantFrom(0, -1, 1.5, '1', null)))
      .map(([event, version]) => invalid('unknown version')(JSON.stringify({ ...event, version }))),
    fc
      .tuple(envelope, fc.constantFrom('eventId', 'type', 'version', 'occurredAt', 'payload'))
      .map(([event, field]) => invalid('a required field missing')(JSON.stringify({ ...event, [field]: undefined }))),
    fc
      .tuple(envelope, fc.constantFrom('eventId', 'occurredAt', 'type'))
      .map(([event, field]) => invalid('a huge value')(JSON.stringify({ ...event, [field]: 'x'.repeat(HUGE) }))),
  );
};

/** A record of a fuzzed batch with SQS' attributes, fuzzed too: receive counts and message attributes. */
export interface FuzzedSqsRecord extends FuzzedRecord {
  receiveCount: string;
  messageAttributes: Record<string, string>;
}

/** A batch of 1–10 records mixing `valid` bodies and hostile ones (two in three), with fuzzed attributes. */
export const fuzzedBatch = (valid: fc.Arbitrary<FuzzedRecord>, hostile: fc.Arbitrary<FuzzedRecord>): fc.Arbitrary<FuzzedSqsRecord[]> =>
  fc.array(
    fc
      .tuple(
        fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: hostile, weight: 2 }),
        fc.oneof(fc.constantFrom('1', '2', '5'), fc.string({ maxLength: 8 })),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 40 }), { maxKeys: 3 }),
      )
      .map(([item, receiveCount, messageAttributes]) => ({ ...item, receiveCount, messageAttributes })),
    { minLength: 1, maxLength: 10 },
  );

/** The SQS event Lambda would deliver for a fuzzed batch (message ids `msg-<index>`). */
export const fuzzedSqsEvent = (batch: FuzzedSqsRecord[]): SQSEvent => ({
  Records: batch.map((item, index): SQSRecord => ({
    messageId: `msg-${index}`,
    receiptHandle: `rh-${index}`,
    body: item.body,
    attributes: {
      ApproximateReceiveCount: item.receiveCount,
      SentTimestamp: '1764590400000',
      SenderId: 'AIDAFUZZ',
      ApproximateFirstReceiveTimestamp: '1764590400000',
    },
    messageAttributes: Object.fromEntries(
      Object.entries(item.messageAttributes).map(([name, value]) => [name, { stringValue: value, dataType: 'String', stringListValues: [], binaryListValues: [] }]),
    ),
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:fuzz-inbox',
    awsRegion: 'eu-west-1',
  })),
});

/** A Lambda context for a consumer invoked in-process. */
export const fuzzContext = { functionName: 'fuzz', awsRequestId: 'fuzz-request', getRemainingTimeInMillis: () => 20_000 } as unknown as Context;

/**
 * The partial batch response's verdict on a fuzzed batch: the ids it failed, and every record whose outcome is not
 * what its validity demands (an invalid record accepted, or a valid one failed).
 */
export const batchVerdict = (batch: FuzzedRecord[], response: SQSBatchResponse | void): { failed: Set<string>; wrong: string[] } => {
  const failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
  const wrong = batch.flatMap((item, index) =>
    failed.has(`msg-${index}`) === !item.valid ? [] : [`msg-${index} (${item.kind}) ${item.valid ? 'failed' : 'accepted'}: ${item.body.slice(0, 120)}`],
  );
  return { failed, wrong };
};
