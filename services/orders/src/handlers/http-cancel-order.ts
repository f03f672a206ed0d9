import { createTelemetry, httpRoute, routeOptions } from '@commerce/service-kit';
import { cancelOrder } from '../app/cancel-order';
import { assertOrderId, orderView, resolveDeps, toHttpProblem, type HttpHandlerOptions } from './http-support';
import { cancelOrderRoute } from './http-routes';

const telemetry = createTelemetry('orders');

/** POST /orders/{id}/cancel (no body) — PENDING_PAYMENT or PAID -> CANCELLED; 409 with the reason otherwise. */
export const createHandler = (options: HttpHandlerOptions = {}) => {
  const deps = resolveDeps(options);
  return httpRoute({
    ...telemetry,
    ...routeOptions(cancelOrderRoute),
    verifier: options.verifier,
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
