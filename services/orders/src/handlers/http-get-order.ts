import { createLogger, httpRoute } from '@commerce/service-kit';
import { SCOPES } from '@commerce/serverless-config/identity';
import { getOrder } from '../app/get-order';
import { assertOrderId, OrderIdParams, orderView, resolveDeps, toHttpProblem, type HttpHandlerOptions } from './http-support';

const logger = createLogger('orders');

/** GET /orders/{id} — the caller's order; 404 for unknown ids and for other customers' orders alike. */
export const createHandler = (options: HttpHandlerOptions = {}) => {
  const deps = resolveDeps(options);
  return httpRoute({
    logger,
    scopes: [SCOPES.ordersRead], // as its route's authorizer.scopes in serverless.yml
    verifier: options.verifier,
    params: OrderIdParams,
    problemFor: toHttpProblem,
    handle: async ({ params, caller }) => ({ status: 200, body: orderView(await getOrder(deps())(caller.customerId, assertOrderId(params.id))) }),
  });
};

export const handler = createHandler();
