import { createTelemetry, domainEventConsumer } from '@commerce/service-kit';
import type { PaymentService } from '../app/payment-service';
import { paymentService } from '../composition';

const telemetry = createTelemetry('payments');

/**
 * The payments inbox (order.placed, order.cancelled). A record fails (and SQS redelivers it, then dead-letters it)
 * when it is invalid, when the provider fails transiently, or when another worker holds the same order.
 */
export const createInboxHandler = (service: () => PaymentService = paymentService) =>
  domainEventConsumer({
    ...telemetry,
    accept: ['order.placed', 'order.cancelled'],
    handle: async (event, { logger: log }) => {
      if (event.type === 'order.placed') return service().onOrderPlaced(event, log);
      if (event.type === 'order.cancelled') return service().onOrderCancelled(event, log);
      throw new Error(`unexpected ${event.type}`);
    },
  });

export const handler = createInboxHandler();
