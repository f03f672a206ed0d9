import { createTelemetry, httpRoute, routeOptions } from '@commerce/service-kit';
import { listOrders } from '../app/list-orders';
import { orderView, resolveDeps, toHttpProblem, type HttpHandlerOptions } from './http-support';
import { listOrdersRoute } from './http-routes';

const telemetry = createTelemetry('orders');

/** GET /orders?limit=&cursor= — the caller's orders, newest first; `nextCursor` is absent on the last page. */
export const createHandler = (options: HttpHandlerOptions = {}) => {
  const deps = resolveDeps(options);
  return httpRoute({
    ...telemetry,
    ...routeOptions(listOrdersRoute),
    verifier: options.verifier,
    problemFor: toHttpProblem,
    handle: async ({ query, caller }) => {
      const page = await listOrders(deps())(caller.customerId, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
      return { status: 200, body: { items: page.orders.map(orderView), nextCursor: page.nextCursor ?? null } };
    },
  });
};

export const handler = createHandler();
