import { subscribedTypes } from '@commerce/domain-events';
import { domainEventConsumer } from '@commerce/service-kit';
import type { DeliveryDeps } from '../app/deliver-message';
import { notifyForEvent } from '../app/notify-for-event';
import { deliveryDeps } from '../composition';
import { telemetry } from './telemetry';

/**
 * Inbox consumer: order.placed, payment.failed, order.cancelled, payment.refunded -> one customer message each.
 * Invalid or mis-routed events and template failures fail only their record (retried, then dead-lettered).
 */
export const createInboxHandler = (deps: () => DeliveryDeps = deliveryDeps) =>
  domainEventConsumer({
    ...telemetry,
    accept: subscribedTypes('notifications'),
    handle: async (event, context) => {
      await notifyForEvent(deps(), event, context.logger);
    },
  });

export const handler = createInboxHandler();
