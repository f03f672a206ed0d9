import { z } from 'zod';
import { Currency, Id, OrderItem } from '@commerce/domain-events';
import { HttpProblem, problems, type TokenVerifier } from '@commerce/service-kit';
import type { OrdersDeps } from '../app/deps';
import { ConcurrentModificationError, IdempotencyKeyReusedError, OrderNotFoundError } from '../app/errors';
import { defaultDeps } from '../composition';
import { OrderDomainError, OrderNotCancellableError, type Order } from '../domain/order';
import { InvalidCursorError } from '../ports/order-repository';

/** What every HTTP handler factory accepts: deps (fakes in tests) and a token verifier (a local issuer in tests). */
export interface HttpHandlerOptions {
  deps?: () => OrdersDeps;
  verifier?: TokenVerifier;
}

export const resolveDeps = (options: HttpHandlerOptions): (() => OrdersDeps) => options.deps ?? defaultDeps;

export const CreateOrderBody = z.object({
  currency: Currency,
  items: z.array(OrderItem).min(1, 'must have at least 1 item').max(100, 'must have at most 100 items'),
});

export const OrderIdParams = z.object({ id: z.string() });

export const ListOrdersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1..255 printable characters without spaces');

/** The order as the API shows it. */
export const orderView = (order: Order) => ({
  id: order.id,
  customerId: order.customerId,
  status: order.status,
  currency: order.currency,
  items: order.items,
  totalCents: order.totalCents,
  createdAt: order.createdAt,
  updatedAt: order.updatedAt,
  ...(order.payment ? { payment: order.payment } : {}),
  ...(order.paymentFailure ? { paymentFailure: order.paymentFailure } : {}),
  ...(order.refunds.length > 0 ? { refunds: order.refunds } : {}),
  ...(order.cancellation ? { cancellation: order.cancellation } : {}),
});

/** Order ids are opaque; anything that cannot be one is simply not found (never a 5xx from a key too long for DynamoDB). */
export const assertOrderId = (id: string): string => {
  if (!Id.safeParse(id).success) throw problems.notFound(`Order ${JSON.stringify(id.slice(0, 64))}`);
  return id;
};

/** Maps use-case and domain errors to problem+json; anything else propagates (and becomes a logged 500). */
export const toHttpProblem = (error: unknown): unknown => {
  if (error instanceof OrderNotFoundError) return problems.notFound(`Order ${error.orderId}`);
  if (error instanceof OrderNotCancellableError) {
    return problems.conflict(error.code, error.message, { orderStatus: error.currentStatus, reason: error.code });
  }
  if (error instanceof OrderDomainError) return new HttpProblem(422, error.code, error.message);
  if (error instanceof IdempotencyKeyReusedError) {
    return new HttpProblem(422, 'idempotency-key-reused', error.message, [
      { path: 'headers.idempotency-key', message: 'already used with a different request body' },
    ]);
  }
  if (error instanceof InvalidCursorError) return problems.validation([{ path: 'query.cursor', message: error.message }]);
  if (error instanceof ConcurrentModificationError) {
    return new HttpProblem(409, 'concurrent-modification', 'The order changed while we were updating it; retry the request.');
  }
  return error;
};

export const mapErrors = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    throw toHttpProblem(error);
  }
};
