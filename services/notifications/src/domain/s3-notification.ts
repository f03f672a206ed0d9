import * as z from 'zod';
import { PoisonMessageError } from './errors';

/**
 * The body of an SQS message S3 sends for bucket notifications: either event records, or the one-off
 * `s3:TestEvent` S3 sends when a notification configuration is saved (it must be acknowledged, not processed).
 */
const S3Record = z.object({
  eventName: z.string(),
  eventTime: z.string().optional(),
  s3: z.object({
    bucket: z.object({ name: z.string().min(1) }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().optional(),
      eTag: z.string().optional(),
      versionId: z.string().optional(),
      sequencer: z.string().optional(),
    }),
  }),
});

const TestEvent = z.object({ Event: z.literal('s3:TestEvent'), Bucket: z.string().optional() });
const EventRecords = z.object({ Records: z.array(S3Record).min(1) });

export interface S3ObjectEvent {
  eventName: string;
  bucket: string;
  /** The object key, URL-decoded (S3 sends keys form-encoded: spaces as `+`). */
  key: string;
  sequencer?: string;
}

export type S3NotificationMessage = { kind: 'test'; bucket?: string } | { kind: 'records'; records: S3ObjectEvent[] };

const decodeKey = (key: string): string => {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    throw new PoisonMessageError(`object key "${key}" is not URL-encoded`);
  }
};

export const parseS3NotificationMessage = (body: string): S3NotificationMessage => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new PoisonMessageError(`S3 notification is not JSON: ${(error as Error).message}`);
  }
  const test = TestEvent.safeParse(json);
  if (test.success) return { kind: 'test', ...(test.data.Bucket ? { bucket: test.data.Bucket } : {}) };
  const parsed = EventRecords.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new PoisonMessageError(`not an S3 event notification: ${issues}`);
  }
  return {
    kind: 'records',
    records: parsed.data.Records.map((record) => ({
      eventName: record.eventName,
      bucket: record.s3.bucket.name,
      key: decodeKey(record.s3.object.key),
      ...(record.s3.object.sequencer ? { sequencer: record.s3.object.sequencer } : {}),
    })),
  };
};

export const isObjectCreated = (event: S3ObjectEvent): boolean => event.eventName.startsWith('ObjectCreated:');
