import type { Context } from 'aws-lambda';
import { businessMetrics, createTelemetry, flushMetrics, withHandlerSubsegment } from '@commerce/service-kit';
import type { OrdersDeps } from '../app/deps';
import { republishPendingEvents, type RepublishOptions, type RepublishResult } from '../app/republish-pending-events';
import { defaultDeps } from '../composition';

const { logger, metrics, tracer } = createTelemetry('orders');

/**
 * Scheduled sweeper (ADR 0010, 0017): republishes events left in an order's outbox by a request that failed half-way,
 * paging through every index shard within the invocation's time, and records the age of the oldest event it had to
 * leave behind as OldestPendingEventAge (nothing when it left none: the alarm treats no data as fine).
 */
export const createHandler =
  (deps: () => OrdersDeps = defaultDeps, options: Omit<RepublishOptions, 'timeLeftMs'> = {}) =>
  async (_event?: unknown, context?: Context): Promise<RepublishResult> => {
    logger.resetKeys();
    if (context) logger.addContext(context);
    try {
      return await withHandlerSubsegment(tracer, context?.functionName ?? 'republishEvents', async () => {
        const timeLeftMs = context ? () => context.getRemainingTimeInMillis() : undefined;
        const result = await republishPendingEvents(deps())({ ...options, ...(timeLeftMs ? { timeLeftMs } : {}) }, logger);
        if (result.oldestPendingSeconds !== undefined) businessMetrics(metrics).seconds('OldestPendingEventAge', result.oldestPendingSeconds);
        if (result.orders > 0) logger.info('outbox sweep finished', { ...result });
        return result;
      });
    } finally {
      flushMetrics(metrics);
    }
  };

export const handler = createHandler();
