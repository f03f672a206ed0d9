import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import { serviceNames, subscribersOf, type DomainEvent, type ServiceName } from '@commerce/domain-events';
import { currentTraceHeader } from '../telemetry';

/** The port use cases publish through. Implementations must deliver every event to every subscriber or throw. */
export interface EventPublisher {
  publish(events: readonly DomainEvent[]): Promise<void>;
}

export class EventPublishError extends Error {
  override readonly name = 'EventPublishError';
}

export type InboxUrls = Partial<Record<ServiceName, string>>;

/** Reads INBOX_URL_<SERVICE> variables (set by serverless.yml from the subscription table). */
export const inboxUrlsFromEnvironment = (env: NodeJS.ProcessEnv = process.env): InboxUrls =>
  Object.fromEntries(
    serviceNames.flatMap((service) => {
      const url = env[`INBOX_URL_${service.toUpperCase()}`];
      return url ? [[service, url]] : [];
    }),
  );

const MAX_BATCH = 10;
const MAX_ATTEMPTS = 3;

const entryFor = (event: DomainEvent, id: string, traceHeader: string | undefined): SendMessageBatchRequestEntry => ({
  Id: id,
  MessageBody: JSON.stringify(event),
  MessageAttributes: {
    eventType: { DataType: 'String', StringValue: event.type },
    eventVersion: { DataType: 'Number', StringValue: String(event.version) },
    correlationId: { DataType: 'String', StringValue: event.correlationId },
  },
  // The X-Ray trace travels with the message: the consumer's invocation joins the producer's trace (ADR 0017).
  ...(traceHeader ? { MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: traceHeader } } } : {}),
});

export interface SqsEventPublisherOptions {
  /** The trace to carry to the consumers (default: the invocation's `_X_AMZN_TRACE_ID`; none outside Lambda). */
  traceHeader?: () => string | undefined;
}

/**
 * Point-to-point fan-out: sends each event to the inbox of every subscribed service (packages/domain-events
 * subscriptions), in SendMessageBatch calls of up to 10, retrying entries SQS reports as failed.
 * Retrying is safe: consumers are idempotent on eventId. Each message carries the current X-Ray trace header as its
 * `AWSTraceHeader` system attribute, so the trace continues across the queue hop.
 */
export class SqsEventPublisher implements EventPublisher {
  private readonly traceHeader: () => string | undefined;

  constructor(
    private readonly sqs: SQSClient,
    private readonly inboxUrls: InboxUrls,
    options: SqsEventPublisherOptions = {},
  ) {
    this.traceHeader = options.traceHeader ?? (() => currentTraceHeader());
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    const byQueue = new Map<string, DomainEvent[]>();
    for (const event of events) {
      for (const subscriber of subscribersOf(event.type)) {
        const url = this.inboxUrls[subscriber];
        if (!url) throw new EventPublishError(`no inbox URL configured for ${subscriber} (needed by ${event.type})`);
        byQueue.set(url, [...(byQueue.get(url) ?? []), event]);
      }
    }
    await Promise.all([...byQueue].map(([url, queued]) => this.sendAll(url, queued)));
  }

  private async sendAll(queueUrl: string, events: DomainEvent[]): Promise<void> {
    const traceHeader = this.traceHeader();
    for (let start = 0; start < events.length; start += MAX_BATCH) {
      let pending = events.slice(start, start + MAX_BATCH).map((event, index) => entryFor(event, String(index), traceHeader));
      for (let attempt = 1; pending.length > 0; attempt += 1) {
        const result = await this.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending }));
        const failed = new Set((result.Failed ?? []).map((failure) => failure.Id));
        pending = pending.filter((entry) => failed.has(entry.Id));
        if (pending.length > 0 && attempt >= MAX_ATTEMPTS) {
          const reasons = (result.Failed ?? []).map((failure) => `${failure.Code}: ${failure.Message}`).join('; ');
          throw new EventPublishError(`could not send ${pending.length} event(s) to ${queueUrl}: ${reasons}`);
        }
      }
    }
  }
}
