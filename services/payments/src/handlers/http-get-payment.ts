import { createTelemetry, httpRoute, problems, routeOptions, type TokenVerifier } from '@commerce/service-kit';
import { getPayment, type GetPaymentDeps } from '../app/get-payment';
import { paymentQueries } from '../query-composition';
import { getPaymentRoute } from './http-routes';

const telemetry = createTelemetry('payments');

/** GET /payments/{orderId}: the caller's payment; 404 for unknown orders and for other customers' orders alike. */
export const createGetPaymentHandler = (deps: () => GetPaymentDeps = paymentQueries, verifier?: TokenVerifier) =>
  httpRoute({
    ...telemetry,
    ...routeOptions(getPaymentRoute),
    ...(verifier ? { verifier } : {}),
    handle: async ({ params, caller }) => {
      const payment = await getPayment(deps(), params.orderId, caller.customerId);
      if (!payment) throw problems.notFound(`A payment for order ${params.orderId}`);
      return { status: 200, body: payment, headers: { 'cache-control': 'no-store' } };
    },
  });

export const handler = createGetPaymentHandler();
