import { createTelemetry, httpRoute, HttpProblem, routeOptions } from '@commerce/service-kit';
import { webhookDeps, type WebhookDeps } from '../webhook-composition';
import { onStripeEvent } from '../app/stripe-webhook';
import { WebhookSignatureError } from '../ports/provider-webhooks';
import { stripeWebhookRoute } from './http-routes';

const telemetry = createTelemetry('payments');

/**
 * POST /payments/webhooks/stripe (ADR 0022): no token; the Stripe-Signature over the raw body authenticates it (400
 * problem+json otherwise, and nothing is queued). A verified event about an order's PaymentIntent queues a check on
 * the payments inbox, answered 200 once queued (a failure is a 500: Stripe retries the delivery).
 */
export const createStripeWebhookHandler = (deps: () => WebhookDeps = webhookDeps) =>
  httpRoute({
    ...telemetry,
    ...routeOptions(stripeWebhookRoute),
    handle: async ({ rawBody, headers, logger }) => {
      const { verifier, checks } = deps();
      const event = await verifier.verify(rawBody, headers['stripe-signature']);
      const handled = await onStripeEvent(checks, event, logger);
      return { status: 200, body: { received: true, handled } };
    },
    problemFor: (error) => (error instanceof WebhookSignatureError ? new HttpProblem(400, 'webhook-signature-invalid', `Not a verified Stripe webhook: ${error.message}.`) : undefined),
  });

export const handler = createStripeWebhookHandler();
