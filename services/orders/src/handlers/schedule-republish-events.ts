import { createLogger } from '@commerce/service-kit';
import type { OrdersDeps } from '../app/deps';
import { republishPendingEvents, type RepublishResult } from '../app/republish-pending-events';
import { defaultDeps } from '../composition';

const logger = createLogger('orders');

/** Scheduled sweeper (ADR 0010): republishes events left in an order's outbox by a request that failed half-way. */
export const createHandler =
  (deps: () => OrdersDeps = defaultDeps, options: { graceMs?: number } = {}) =>
  async (): Promise<RepublishResult> => {
    logger.resetKeys();
    const result = await republishPendingEvents(deps())(options, logger);
    if (result.orders > 0) logger.info('outbox sweep finished', { ...result });
    return result;
  };

export const handler = createHandler();
