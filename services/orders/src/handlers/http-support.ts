import { Id } from '@commerce/domain-events';
import { HttpProblem, problems, type TokenVerifier } from '@commerce/service-kit';
import type { OrdersDeps } from '../app/deps';
import { ConcurrentModificationError, IdempotencyKeyReusedError, OrderNotFoundError } from '../app/errors';
import { defaultDeps } from '../composition';
import { OrderDomainError, OrderNotCancellableError } from '../domain/order';
import { InvalidCursorError } from '../ports/order-repository';

export * from './http-schemas';

/** What every HTTP handler factory accepts: deps (fakes in tests) and a token verifier (a local issuer in tests). */
export interface HttpHandlerOptions {
  deps?: () => OrdersDeps;
  verifier?: TokenVerifier;
}

export const resolveDeps = (options: HttpHandlerOptions): (() => OrdersDeps) => options.deps ?? defaultDeps;

/** Order ids are opaque; anything that cannot be one is simply not found (never a 5xx from a key too long for DynamoDB). */
export const assertOrderId = (id: string): string => {
  if (!Id.safeParse(id).success) throw problems.notFound(`Order ${JSON.stringify(id.slice(0, 64))}`);
  return id;
};

/** httpRoute's problemFor: use-case and domain errors as problem+json; anything else becomes a logged 500. */
export const toHttpProblem = (error: unknown): HttpProblem | undefined => {
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
  return undefined;
};
