import { createLogger, httpRoute, problems, type TokenVerifier } from '@commerce/service-kit';
import { SCOPES } from '@commerce/serverless-config/identity';
import { getPayment, type GetPaymentDeps } from '../app/get-payment';
import { paymentQueries } from '../composition';
import { PaymentParams } from './http-schemas';

const logger = createLogger('payments');

/** GET /payments/{orderId}: the caller's payment; 404 for unknown orders and for other customers' orders alike. */
export const createGetPaymentHandler = (deps: () => GetPaymentDeps = paymentQueries, verifier?: TokenVerifier) =>
  httpRoute({
    logger,
    scopes: [SCOPES.paymentsRead], // as its route's authorizer.scopes in serverless.yml
    params: PaymentParams,
    ...(verifier ? { verifier } : {}),
    handle: async ({ params, caller }) => {
      const payment = await getPayment(deps(), params.orderId, caller.customerId);
      if (!payment) throw problems.notFound(`A payment for order ${params.orderId}`);
      return { status: 200, body: payment, headers: { 'cache-control': 'no-store' } };
    },
  });

export const handler = createGetPaymentHandler();
