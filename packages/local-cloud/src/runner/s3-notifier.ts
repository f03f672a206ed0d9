import { randomBytes } from 'node:crypto';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { S3Upload } from '../emulators/emulator-host';
import { localQueueUrl, queueNameFromArn } from '../local-defaults';
import type { LambdaInvoker } from './lambda-invoker';
import type { RunnerLog } from './runner-log';
import { notificationTargets, s3EventRecord, wants, type NotificationTarget } from './s3-notifications';

export interface S3NotifierOptions {
  /** Bucket name -> its resolved NotificationConfiguration. */
  buckets: Map<string, Record<string, unknown> | undefined>;
  s3: S3Client;
  sqs: SQSClient;
  sqsEndpoint: string;
  region: string;
  /** The invoker that serves a function name (the service that owns it), for LambdaConfigurations. */
  invokerFor(functionName: string): LambdaInvoker | undefined;
  log: RunnerLog;
}

const functionNameOfArn = (arn: string): string => /:function:([^:]+)/.exec(arn)?.[1] ?? arn;
/** S3 invokes functions asynchronously: Lambda retries a failed async invocation twice. */
const ASYNC_ATTEMPTS = 3;

/**
 * Turns fauxqs' upload reports into S3 ObjectCreated notifications: each bucket target whose event and
 * prefix/suffix filter match gets a real S3 event (SendMessage to a queue, or an invocation of a function).
 */
export class S3Notifier {
  private readonly targets: Map<string, NotificationTarget[]>;
  private pending = new Set<Promise<void>>();

  constructor(private readonly options: S3NotifierOptions) {
    this.targets = new Map([...options.buckets].map(([bucket, configuration]) => [bucket, notificationTargets(configuration)]));
  }

  /**
   * S3 sends one `s3:TestEvent` to every queue of a notification configuration when the configuration is saved:
   * consumers must acknowledge it, so the local cloud sends it too (once, at start).
   */
  async sendTestEvents(): Promise<void> {
    const sends = [...this.targets].flatMap(([bucket, targets]) =>
      targets
        .filter((target) => target.kind === 'queue')
        .map((target) =>
          this.toQueue(target, {
            Service: 'Amazon S3',
            Event: 's3:TestEvent',
            Time: new Date().toISOString(),
            Bucket: bucket,
            RequestId: randomBytes(8).toString('hex').toUpperCase(),
            HostId: randomBytes(24).toString('base64'),
          }).catch((error: unknown) => this.options.log('warn', `s3:TestEvent for ${bucket} -> ${target.arn}: ${(error as Error).message}`)),
        ),
    );
    await Promise.all(sends);
  }

  /** Handles one upload; resolves when every matching target got its event (errors are logged, not thrown). */
  handle(upload: S3Upload): Promise<void> {
    const work = this.deliver(upload).catch((error: unknown) =>
      this.options.log('error', `S3 notification for s3://${upload.bucket}/${upload.key} failed: ${(error as Error).message}`),
    );
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    return work;
  }

  /** Waits for notifications in progress (shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async deliver(upload: S3Upload): Promise<void> {
    const eventName = 'ObjectCreated:Put';
    const matching = (this.targets.get(upload.bucket) ?? []).filter((target) => wants(target, eventName, upload.key));
    if (matching.length === 0) return;
    const { s3, region } = this.options;
    const head = await s3.send(new HeadObjectCommand({ Bucket: upload.bucket, Key: upload.key }));
    await Promise.all(
      matching.map(async (target, index) => {
        const record = s3EventRecord({
          region,
          bucket: upload.bucket,
          key: upload.key,
          size: head.ContentLength ?? 0,
          eTag: head.ETag ?? '',
          eventName,
          time: new Date(upload.timestamp),
          configurationId: target.id ?? `local-notification-${index + 1}`,
        });
        const event = { Records: [record] };
        if (target.kind === 'queue') await this.toQueue(target, event);
        else await this.toFunction(target, event);
        this.options.log('debug', `s3://${upload.bucket}/${upload.key} -> ${target.kind} ${target.arn}`);
      }),
    );
  }

  private async toQueue(target: NotificationTarget, event: unknown): Promise<void> {
    const queueUrl = localQueueUrl(this.options.sqsEndpoint, queueNameFromArn(target.arn));
    await this.options.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event) }));
  }

  private async toFunction(target: NotificationTarget, event: unknown): Promise<void> {
    const functionName = functionNameOfArn(target.arn);
    const invoker = this.options.invokerFor(functionName);
    if (!invoker) throw new Error(`no running service owns function ${functionName}`);
    let error = '';
    for (let attempt = 1; attempt <= ASYNC_ATTEMPTS; attempt += 1) {
      const result = await invoker.invoke(functionName, event);
      if (result.ok) return;
      error = result.error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
    throw new Error(`${functionName} failed ${ASYNC_ATTEMPTS} times: ${error}`);
  }
}
