import { SCOPES } from '@commerce/serverless-config/identity';
import { defineRoute, healthRoute, jsonAnswer, problemAnswer } from '@commerce/service-kit/routes';
import { PaymentActionView, PaymentParams, PaymentView, StripeWebhookAnswer } from './http-schemas';

/**
 * The payments HTTP API: each route as its handler runs it (request schemas, scopes) and as openapi.json documents it.
 * test/http-routes.test.ts checks method, path, function and scopes against the packaged template's routes.
 */
export const getPaymentRoute = defineRoute({
  functionName: 'getPayment',
  method: 'GET',
  path: '/payments/{orderId}',
  operationId: 'getPayment',
  summary: "The caller's payment for an order",
  scopes: [SCOPES.paymentsRead],
  request: { params: PaymentParams },
  responses: {
    200: jsonAnswer('The payment (never cached: Cache-Control no-store).', 'Payment', PaymentView, {
      'Cache-Control': { description: 'no-store', schema: { type: 'string' } },
    }),
    404: problemAnswer("Unknown order, another customer's order, a payment still in progress, or an order cancelled before any charge."),
  },
});

/** The customer action a payment waits for (ADR 0022), with the client secret Stripe.js completes it with. */
export const getPaymentActionRoute = defineRoute({
  functionName: 'getPaymentAction',
  method: 'GET',
  path: '/payments/{orderId}/action',
  operationId: 'getPaymentAction',
  summary: 'What the customer must do to complete the payment of an order (3-D Secure), and the client secret to do it with',
  description:
    'Answers while the order is PENDING_PAYMENT with a paymentAction (GET /orders/{id}). The client secret is read from Stripe on every request and never ' +
    'stored; complete the action with Stripe.js `handleNextAction`, then follow the order until it is PAID or PAYMENT_FAILED.',
  scopes: [SCOPES.paymentsRead],
  request: { params: PaymentParams },
  responses: {
    200: jsonAnswer('The action to complete (never cached: Cache-Control no-store).', 'PaymentAction', PaymentActionView, {
      'Cache-Control': { description: 'no-store', schema: { type: 'string' } },
    }),
    404: problemAnswer("Unknown order or another customer's order."),
    409: problemAnswer(
      'The payment waits for no customer action (payment-action-not-required, with paymentStatus), or its time is up (payment-action-expired).',
    ),
    503: problemAnswer('Stripe did not answer (payment-provider-unavailable); retry with backoff.'),
  },
});

/**
 * Stripe's webhook endpoint (ADR 0022): no token (Stripe has none to send); the Stripe-Signature header over the raw
 * body is what authenticates it. The only public route besides health (policy rule http-route-authorizer).
 */
export const stripeWebhookRoute = defineRoute({
  functionName: 'stripeWebhook',
  method: 'POST',
  path: '/payments/webhooks/stripe',
  operationId: 'stripeWebhook',
  summary: "Stripe's webhook (payment_intent.succeeded, payment_intent.payment_failed); for Stripe only",
  description:
    'The body is a Stripe Event, verified against the Stripe-Signature header with the stage\'s endpoint secret (5 minutes tolerance). ' +
    'The event only makes payments read the PaymentIntent from Stripe again; deliveries are idempotent.',
  scopes: 'public',
  responses: {
    200: jsonAnswer('Verified and accepted.', 'StripeWebhookAnswer', StripeWebhookAnswer),
    400: problemAnswer('No Stripe-Signature header, or it does not match the body with the endpoint secret, or it is too old (webhook-signature-invalid).'),
  },
});

export const paymentsRoutes = [healthRoute, getPaymentRoute, getPaymentActionRoute, stripeWebhookRoute] as const;
