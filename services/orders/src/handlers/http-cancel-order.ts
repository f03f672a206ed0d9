import { createLogger, httpRoute } from '@commerce/service-kit';
import { SCOPES } from '@commerce/serverless-config/identity';
import { cancelOrder } from '../app/cancel-order';
import { assertOrderId, OrderIdParams, orderView, resolveDeps, toHttpProblem, type HttpHandlerOptions } from './http-support';

const logger = createLogger('orders');

/** POST /orders/{id}/cancel (no body) — PENDING_PAYMENT or PAID -> CANCELLED; 409 with the reason otherwise. */
export const createHandler = (options: HttpHandlerOptions = {}) => {
  const deps = resolveDeps(options);
  return httpRoute({
    logger,
    scopes: [SCOPES.ordersWrite], // as its route's authorizer.scopes in serverless.yml
    verifier: options.verifier,
    params: OrderIdParams,
    problemFor: toHttpProblem,
    handle: async ({ params, caller, correlationId, logger: log }) => {
      const order = await cancelOrder(deps())(
        { customerId: caller.customerId, orderId: assertOrderId(params.id), correlationId, reason: 'cancelled by the customer' },
        log,
      );
      return { status: 200, body: orderView(order) };
    },
  });
};

export const handler = createHandler();
