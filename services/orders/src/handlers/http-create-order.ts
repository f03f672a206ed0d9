import { createLogger, httpRoute, problems } from '@commerce/service-kit';
import { SCOPES } from '@commerce/serverless-config/identity';
import { createOrder } from '../app/create-order';
import { CreateOrderBody, IdempotencyKey, orderView, resolveDeps, toHttpProblem, type HttpHandlerOptions } from './http-support';

const logger = createLogger('orders');

/** POST /orders — places an order (201 + Location); Idempotency-Key makes retries safe. */
export const createHandler = (options: HttpHandlerOptions = {}) => {
  const deps = resolveDeps(options);
  return httpRoute({
    logger,
    scopes: [SCOPES.ordersWrite], // as its route's authorizer.scopes in serverless.yml
    verifier: options.verifier,
    body: CreateOrderBody,
    problemFor: toHttpProblem,
    handle: async ({ body, caller, correlationId, headers, logger: log }) => {
      const rawKey = headers['idempotency-key'];
      if (rawKey !== undefined && !IdempotencyKey.safeParse(rawKey).success) {
        throw problems.validation([{ path: 'headers.idempotency-key', message: 'must be 1..255 printable characters without spaces' }]);
      }
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
      return {
        status: 201,
        headers: { location: `/orders/${order.id}`, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) },
        body: orderView(order),
      };
    },
  });
};

export const handler = createHandler();
