import { createTelemetry, httpRoute, HttpProblem, problems, routeOptions, type TokenVerifier } from '@commerce/service-kit';
import { actionQueries } from '../action-composition';
import { getPaymentAction, type GetPaymentActionDeps } from '../app/get-payment-action';
import { TransientProviderError } from '../ports/payment-provider';
import { getPaymentActionRoute } from './http-routes';

const telemetry = createTelemetry('payments');

/**
 * GET /payments/{orderId}/action (ADR 0022): the customer action the caller's payment waits for, with the client
 * secret read from Stripe for this answer only (no-store). 404 alike for unknown orders and other customers' orders.
 */
export const createGetPaymentActionHandler = (deps: () => GetPaymentActionDeps = actionQueries, verifier?: TokenVerifier) =>
  httpRoute({
    ...telemetry,
    ...routeOptions(getPaymentActionRoute),
    ...(verifier ? { verifier } : {}),
    handle: async ({ params, caller }) => {
      const answer = await getPaymentAction(deps(), params.orderId, caller.customerId);
      switch (answer.kind) {
        case 'not-found':
          throw problems.notFound(`A payment for order ${params.orderId}`);
        case 'not-required':
          throw problems.conflict('payment-action-not-required', `The payment of order ${params.orderId} waits for no customer action.`, {
            paymentStatus: answer.status,
          });
        case 'expired':
          throw problems.conflict('payment-action-expired', `The customer action on order ${params.orderId} expired at ${answer.expiresAt}.`, {
            expiresAt: answer.expiresAt,
          });
        case 'action':
          return { status: 200, body: answer.action, headers: { 'cache-control': 'no-store' } };
      }
    },
    problemFor: (error) =>
      error instanceof TransientProviderError
        ? new HttpProblem(503, 'payment-provider-unavailable', 'The payment provider did not answer; retry with backoff.', undefined, {}, { 'retry-after': '2' })
        : undefined,
  });

export const handler = createGetPaymentActionHandler();
