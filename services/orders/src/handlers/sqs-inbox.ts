import { createTelemetry, domainEventConsumer } from '@commerce/service-kit';
import { applyPaymentEvent, paymentEventTypes } from '../app/apply-payment-event';
import type { OrdersDeps } from '../app/deps';
import { defaultDeps } from '../composition';

const telemetry = createTelemetry('orders');

/**
 * The orders inbox (SQS, partial batch responses): payment.captured -> PAID, payment.failed -> PAYMENT_FAILED,
 * payment.action.required -> paymentAction (the customer must authenticate, ADR 0022),
 * payment.refunded recorded. An invalid or unappliable record fails alone (retried, then dead-lettered).
 */
export const createHandler = (deps: () => OrdersDeps = defaultDeps) =>
  domainEventConsumer({
    ...telemetry,
    accept: paymentEventTypes,
    handle: async (event, { logger: log }) => {
      await applyPaymentEvent(deps())(event, log);
    },
  });

export const handler = createHandler();
