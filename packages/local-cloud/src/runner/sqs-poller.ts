import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { faultLine, type LocalFaultPlan } from '@commerce/service-kit/faults';
import { batchOutcome } from './batch-result';
import { duplicatesOf } from './duplicate-delivery';
import type { SqsEventSource } from './event-source-mappings';
import type { LambdaInvoker } from './lambda-invoker';
import type { RunnerLog } from './runner-log';
import { toSqsEvent } from './sqs-lambda-event';

export interface SqsPollerOptions {
  source: SqsEventSource;
  sqs: SQSClient;
  invoker: LambdaInvoker;
  region: string;
  log: RunnerLog;
  /** Concurrent pollers for this source (Lambda scales its pollers; default 2). */
  concurrency?: number;
  /** Long-poll wait (default 20 s, SQS' maximum); stop() aborts a pending poll at once. */
  waitTimeSeconds?: number;
  /** Local fault injection (ADR 0018): duplicate deliveries. */
  faults?: LocalFaultPlan;
}

/** How long a poller waits after a throttled invocation before it receives again. */
const THROTTLE_BACKOFF_MS = 1_000;

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Lambda's SQS event source for one function: long-polls the queue, gathers a batch (batchSize, batching window),
 * invokes the function with a real SQS event and deletes only the records that succeeded. Failed records stay in
 * flight, reappear after the visibility timeout and reach the DLQ at maxReceiveCount (the queue's RedrivePolicy).
 */
export class SqsPoller {
  private readonly abort = new AbortController();
  private workers: Promise<void>[] = [];
  /** Deletes of handled batches still in flight: the next receive does not wait for them, stop() does. */
  private readonly deletes = new Set<Promise<void>>();

  constructor(private readonly options: SqsPollerOptions) {}

  start(): void {
    if (!this.options.source.enabled) return;
    const count = Math.max(1, this.options.concurrency ?? 2);
    this.workers = Array.from({ length: count }, () => this.work());
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.workers);
    await Promise.all(this.deletes);
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      try {
        const batch = await this.gather();
        if (batch.length > 0 && !this.stopped) await this.deliver(batch);
      } catch (error) {
        if (this.stopped) return;
        this.options.log('error', `${this.options.source.queue.name}: ${(error as Error).message} (retrying in 1 s)`);
        await sleep(1_000, this.abort.signal);
      }
    }
  }

  private async receive(max: number, waitTimeSeconds: number): Promise<Message[]> {
    const { Messages } = await this.options.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: this.options.source.queue.url,
        MaxNumberOfMessages: Math.min(10, max),
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: this.abort.signal },
    );
    return Messages ?? [];
  }

  /** One batch: the first long poll, then (batch > 10 or a batching window) more polls until full or the window ends. */
  private async gather(): Promise<Message[]> {
    const { batchSize, maximumBatchingWindowInSeconds } = this.options.source;
    const batch = await this.receive(batchSize, this.options.waitTimeSeconds ?? 20);
    if (batch.length === 0 || maximumBatchingWindowInSeconds === 0) return batch;
    const deadline = Date.now() + maximumBatchingWindowInSeconds * 1_000;
    while (batch.length < batchSize && !this.stopped) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      const wait = Math.min(20, Math.floor(remaining / 1_000));
      const more = await this.receive(batchSize - batch.length, wait);
      batch.push(...more);
      if (more.length === 0 && wait === 0) await sleep(Math.min(remaining, 50), this.abort.signal);
    }
    return batch;
  }

  private async deliver(messages: Message[]): Promise<void> {
    const { source, invoker, region, log } = this.options;
    const started = Date.now();
    const result = await invoker.invoke(source.functionName, toSqsEvent(messages, source.queue.arn, region), this.abort.signal);
    if (!result.ok && this.stopped) {
      // Stopping (Ctrl-C) interrupted the call: nothing is deleted, so the batch comes back, as after a Lambda timeout.
      log('debug', `${source.functionName} <- ${source.queue.name}: stopped during the invocation; ${messages.length} record(s) stay in the queue`);
      return;
    }
    if (!result.ok && result.throttled) {
      // Not invoked at all: nothing is deleted, the records come back after the visibility timeout (as with
      // Lambda's pollers, whose receive count also grows), and this poller backs off before it receives again.
      log('warn', `${source.functionName} <- ${source.queue.name}: throttled, ${messages.length} record(s) stay in the queue: ${result.error}`);
      await sleep(THROTTLE_BACKOFF_MS, this.abort.signal);
      return;
    }
    const ids = messages.map((message) => message.MessageId!);
    const outcome = batchOutcome(ids, result, source.reportBatchItemFailures);
    const failedAgain = await this.deliverDuplicates(messages.filter((message) => outcome.succeeded.includes(message.MessageId!)));
    const succeeded = messages.filter((message) => outcome.succeeded.includes(message.MessageId!) && !failedAgain.has(message.MessageId!));
    this.deleteInBackground(succeeded);
    const took = `${Date.now() - started} ms`;
    if (outcome.failed.length === 0) {
      log('debug', `${source.functionName} <- ${source.queue.name}: ${messages.length} record(s) ok (${took})`);
    } else {
      const why = outcome.reason ? `: ${outcome.reason}` : '';
      log(
        'warn',
        `${source.functionName} <- ${source.queue.name}: ${outcome.failed.length}/${messages.length} record(s) failed${why} (${took}); they return after the visibility timeout`,
      );
    }
  }

  /**
   * Deletes the handled records while this poller already receives the next batch, as Lambda's pollers do: the
   * function's next invocation does not wait for a round trip to the queue. A delete that fails leaves its records
   * to come back after the visibility timeout (consumers are idempotent), and is logged.
   */
  private deleteInBackground(handled: Message[]): void {
    const { source, sqs, log } = this.options;
    for (let start = 0; start < handled.length; start += 10) {
      const entries = handled.slice(start, start + 10).map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! }));
      const deleting: Promise<void> = sqs
        .send(new DeleteMessageBatchCommand({ QueueUrl: source.queue.url, Entries: entries }))
        .then(
          ({ Failed }) => {
            if (Failed?.length) log('warn', `${source.queue.name}: ${Failed.length} handled record(s) not deleted (${Failed[0]!.Code}); they return after the visibility timeout`);
          },
          (error: unknown) => log('warn', `${source.queue.name}: deleting ${entries.length} handled record(s) failed: ${(error as Error).message}; they return after the visibility timeout`),
        )
        .finally(() => this.deletes.delete(deleting));
      this.deletes.add(deleting);
    }
  }

  /**
   * Injected duplicates (local soak only): records of a handled batch delivered once more, before the first delivery
   * is deleted, as SQS may hand a message to two pollers. Returns the ids whose second delivery failed: they are not
   * deleted and come back, as any failed record.
   */
  private async deliverDuplicates(handled: Message[]): Promise<Set<string>> {
    const duplicates = duplicatesOf(this.options.faults, handled);
    if (duplicates.length === 0) return new Set();
    const { source, invoker, region, log } = this.options;
    log('warn', faultLine('duplicate-delivery', `${duplicates.length} record(s) ${source.queue.name} -> ${source.functionName}`));
    const result = await invoker.invoke(source.functionName, toSqsEvent(duplicates, source.queue.arn, region), this.abort.signal);
    return new Set(batchOutcome(duplicates.map((message) => message.MessageId!), result, source.reportBatchItemFailures).failed);
  }
}
