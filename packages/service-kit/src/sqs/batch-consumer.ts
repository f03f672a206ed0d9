import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseEvent, type DomainEvent, type EventType as DomainEventType } from '@commerce/domain-events';
import { faultDraw, faultLine, functionFaultPlan, type LocalFaultPlan } from '../faults/local-faults';
import type { Logger } from '../logger';
import {
  BUSINESS_METRICS,
  businessMetrics,
  countWithDimension,
  flushMetrics,
  metricsFor,
  sharedTracer,
  withHandlerSubsegment,
  type BusinessMetrics,
  type Metrics,
  type Tracer,
} from '../telemetry';

export interface RecordContext {
  record: SQSRecord;
  logger: Logger;
  /** How many times SQS has delivered this record (1 on first delivery). */
  receiveCount: number;
  /** Business metrics of this invocation (flushed when the batch is done). */
  metrics: BusinessMetrics;
}

export interface BatchConsumerOptions<T> {
  logger: Logger;
  /** The function's metrics and tracer (`createTelemetry`); default: the process's, for the logger's service. */
  metrics?: Metrics;
  tracer?: Tracer | undefined;
  /** The `consumer` dimension of this function's RecordFailures metric (default `inbox`). */
  consumer?: string;
  /** Turns a record into the item to handle; throw to fail the record (it is retried, then dead-lettered). */
  parse: (record: SQSRecord) => T;
  handle: (item: T, context: RecordContext) => Promise<void>;
  /** Log fields that identify an item (ids, type) for the failure log line. */
  describe?: (item: T) => Record<string, unknown>;
  /** Local fault injection (ADR 0018); default: the plan of the environment, none outside stage `local`. */
  faults?: LocalFaultPlan;
  /** How an injected crash ends the process (default: process.exit, as a crashing Lambda runtime). */
  crash?: () => void;
}

/**
 * An SQS-triggered handler with Lambda's partial batch response: each record succeeds or fails on its own, failures
 * are logged with their reason and reported in `batchItemFailures` so only they are retried and, after
 * maxReceiveCount, moved to the DLQ. Requires `functionResponseType: ReportBatchItemFailures` on the event source.
 * Telemetry (ADR 0017): log lines carry the Lambda context (cold start) and the record's ids, the invocation is an
 * X-Ray subsegment, failed records are counted as `RecordFailures` (dimension `consumer`), and the batch's business
 * metrics are flushed when it ends.
 */
export const sqsBatchConsumer = <T>(options: BatchConsumerOptions<T>) => {
  const { logger } = options;
  const metrics = options.metrics ?? metricsFor(process.env.POWERTOOLS_SERVICE_NAME ?? 'service');
  const tracer = options.tracer ?? sharedTracer();
  const recorded = businessMetrics(metrics);
  const consumer = options.consumer ?? 'inbox';
  const faults = options.faults ?? functionFaultPlan();
  const crash = options.crash ?? (() => process.exit(70));

  /**
   * An injected crash of this invocation: decided per batch (its first record, on that record's first delivery), it
   * happens once the first record is handled, while the others may still run: a side effect done, no batch response.
   */
  const crashesMidBatch = (event: SQSEvent): boolean => {
    const first = event.Records[0];
    if (!faults || faults.consumerCrashRate === 0 || !first || first.attributes?.ApproximateReceiveCount !== '1') return false;
    return faultDraw(faults.seed, 'consumer-crash', first.messageId) < faults.consumerCrashRate;
  };

  const handleRecord = async (record: SQSRecord, crashAfter: { armed: boolean }): Promise<void> => {
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1');
    // Records of a batch run concurrently: each gets its own child logger so their keys never mix.
    const recordLogger = logger.createChild();
    recordLogger.appendKeys({ messageId: record.messageId, receiveCount });
    try {
      const item = options.parse(record);
      if (options.describe) recordLogger.appendKeys(options.describe(item));
      await options.handle(item, { record, logger: recordLogger, receiveCount, metrics: recorded });
    } catch (error) {
      crashNow(record, crashAfter);
      recordLogger.error('record failed', { reason: (error as Error).message, error: error as Error });
      throw error;
    }
    crashNow(record, crashAfter);
  };

  const crashNow = (record: SQSRecord, crashAfter: { armed: boolean }): void => {
    if (!crashAfter.armed) return;
    crashAfter.armed = false;
    console.error(faultLine('consumer-crash', `after record ${record.messageId}`));
    crash();
  };

  const handleBatch = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const crashAfter = { armed: crashesMidBatch(event) };
    // A processor per invocation: it keeps the batch's state, and locally (in-process runners, serverless-offline)
    // one handler instance can serve concurrent invocations, which a shared processor would mix up.
    const processor = new BatchProcessor(EventType.SQS);
    // A batch whose every record failed is reported like any other (all ids in batchItemFailures) instead of
    // throwing: each failure is already logged with its reason, and SQS retries the same records either way.
    const response = await processPartialResponse(event, (record: SQSRecord) => handleRecord(record, crashAfter), processor, { context, throwOnFullBatchFailure: false });
    if (response.batchItemFailures.length > 0) {
      logger.warn('batch finished with failures', { records: event.Records.length, failed: response.batchItemFailures.length });
      countWithDimension(metrics, BUSINESS_METRICS.recordFailures, ['consumer', consumer], response.batchItemFailures.length);
    }
    return response;
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    try {
      return await withHandlerSubsegment(tracer, context.functionName, () => handleBatch(event, context));
    } finally {
      flushMetrics(metrics);
    }
  };
};

export class UnexpectedEventError extends Error {
  override readonly name = 'UnexpectedEventError';
}

export interface DomainEventConsumerOptions extends Pick<BatchConsumerOptions<DomainEvent>, 'logger' | 'metrics' | 'tracer' | 'consumer'> {
  /** The event types this consumer handles; anything else fails its record (it was mis-routed). */
  accept: readonly DomainEventType[];
  handle: (event: DomainEvent, context: RecordContext) => Promise<void>;
}

/** An inbox consumer: every record must be a valid domain event of an accepted type (validated, upcast). */
export const domainEventConsumer = ({ accept, handle, ...telemetry }: DomainEventConsumerOptions) =>
  sqsBatchConsumer<DomainEvent>({
    ...telemetry,
    parse: (record) => {
      const event = parseEvent(record.body);
      if (!accept.includes(event.type)) throw new UnexpectedEventError(`this inbox does not accept ${event.type}`);
      return event;
    },
    describe: (event) => ({ eventId: event.eventId, eventType: event.type, correlationId: event.correlationId }),
    handle,
  });
