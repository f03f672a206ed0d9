import { createTelemetry, httpRoute, routeOptions } from '@commerce/service-kit';
import { createOrder } from '../app/create-order';
import { orderView, resolveDeps, toHttpProblem, type HttpHandlerOptions } from './http-support';
import { createOrderRoute } from './http-routes';

const telemetry = createTelemetry('orders');

/** POST /orders — places an order (201 + Location); Idempotency-Key makes retries safe. */
export const createHandler = (options: HttpHandlerOptions = {}) => {
  const deps = resolveDeps(options);
  return httpRoute({
    ...telemetry,
    ...routeOptions(createOrderRoute),
    verifier: options.verifier,
    problemFor: toHttpProblem,
    handle: async ({ body, caller, correlationId, headers, logger: log, metrics }) => {
      const rawKey = headers['idempotency-key']; // validated by the route's headers schema
      const { order, replayed } = await createOrder(deps())(
        {
          customerId: caller.customerId,
          currency: body.currency,
          items: body.items,
          correlationId,
          ...(body.paymentMethodId ? { paymentMethodId: body.paymentMethodId } : {}),
          ...(rawKey ? { idempotencyKey: rawKey } : {}),
        },
        log,
      );
      if (!replayed) metrics.count('OrdersPlaced');
      return {
        status: 201,
        headers: { location: `/orders/${order.id}`, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) },
        body: orderView(order),
      };
    },
  });
};

export const handler = createHandler();
