import { randomBytes } from 'node:crypto';
import type { S3EventRecord } from 'aws-lambda';

/** One target of a bucket's NotificationConfiguration (QueueConfigurations / LambdaConfigurations). */
export interface NotificationTarget {
  kind: 'queue' | 'function';
  arn: string;
  /** e.g. `s3:ObjectCreated:*`, `s3:ObjectCreated:Put`. */
  event: string;
  prefix?: string;
  suffix?: string;
  id?: string;
}

type FilterRule = { Name?: string; Value?: string };
type Configuration = { Event?: string; Queue?: string; Function?: string; Id?: string; Filter?: { S3Key?: { Rules?: FilterRule[] } } };

const filterOf = (configuration: Configuration): { prefix?: string; suffix?: string } => {
  const rules = configuration.Filter?.S3Key?.Rules ?? [];
  const value = (name: string): string | undefined => rules.find((rule) => rule.Name?.toLowerCase() === name)?.Value;
  const prefix = value('prefix');
  const suffix = value('suffix');
  return { ...(prefix !== undefined ? { prefix } : {}), ...(suffix !== undefined ? { suffix } : {}) };
};

/** The queue and function targets of a (resolved) CloudFormation NotificationConfiguration. */
export const notificationTargets = (configuration: Record<string, unknown> | undefined): NotificationTarget[] => {
  if (!configuration) return [];
  const of = (key: string): Configuration[] => (configuration[key] as Configuration[] | undefined) ?? [];
  return [
    ...of('QueueConfigurations').map((entry) => ({ kind: 'queue' as const, arn: String(entry.Queue), entry })),
    ...of('LambdaConfigurations').map((entry) => ({ kind: 'function' as const, arn: String(entry.Function), entry })),
  ].map(({ kind, arn, entry }) => ({
    kind,
    arn,
    event: String(entry.Event),
    ...filterOf(entry),
    ...(entry.Id ? { id: entry.Id } : {}),
  }));
};

/** Does a target want this event (`ObjectCreated:Put`) for this key? Event wildcards and prefix/suffix filters. */
export const wants = (target: NotificationTarget, eventName: string, key: string): boolean => {
  const wanted = target.event.replace(/^s3:/, '');
  const eventMatches = wanted.endsWith(':*') ? eventName.startsWith(wanted.slice(0, -1)) : wanted === eventName;
  return (
    eventMatches && (target.prefix === undefined || key.startsWith(target.prefix)) && (target.suffix === undefined || key.endsWith(target.suffix))
  );
};

/** S3 event keys are URL-encoded with spaces as `+` and slashes kept. */
export const encodeEventKey = (key: string): string => encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');

export interface ObjectCreated {
  region: string;
  bucket: string;
  key: string;
  size: number;
  eTag: string;
  eventName: string;
  time: Date;
  configurationId: string;
}

let sequence = 0;

/** A record exactly shaped like an S3 event notification (event version 2.1). */
export const s3EventRecord = (created: ObjectCreated): S3EventRecord => {
  sequence += 1;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: created.region,
    eventTime: created.time.toISOString(),
    eventName: created.eventName,
    userIdentity: { principalId: 'AWS:LOCALPRINCIPAL' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(), 'x-amz-id-2': randomBytes(24).toString('base64') },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: created.configurationId,
      bucket: { name: created.bucket, ownerIdentity: { principalId: 'LOCALOWNER' }, arn: `arn:aws:s3:::${created.bucket}` },
      object: {
        key: encodeEventKey(created.key),
        size: created.size,
        eTag: created.eTag.replace(/"/g, ''),
        sequencer: (Date.now() * 1000 + sequence).toString(16).toUpperCase().padStart(16, '0'),
      },
    },
  };
};
