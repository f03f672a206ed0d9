import { createTelemetry, httpRoute, routeOptions } from '@commerce/service-kit';
import { getOrder } from '../app/get-order';
import { assertOrderId, orderView, resolveDeps, toHttpProblem, type HttpHandlerOptions } from './http-support';
import { getOrderRoute } from './http-routes';

const telemetry = createTelemetry('orders');

/** GET /orders/{id} — the caller's order; 404 for unknown ids and for other customers' orders alike. */
export const createHandler = (options: HttpHandlerOptions = {}) => {
  const deps = resolveDeps(options);
  return httpRoute({
    ...telemetry,
    ...routeOptions(getOrderRoute),
    verifier: options.verifier,
    problemFor: toHttpProblem,
    handle: async ({ params, caller }) => ({ status: 200, body: orderView(await getOrder(deps())(caller.customerId, assertOrderId(params.id))) }),
  });
};

export const handler = createHandler();
