/** Use-case failures the HTTP layer turns into problem+json. */
export class OrderNotFoundError extends Error {
  override readonly name = 'OrderNotFoundError';
  constructor(readonly orderId: string) {
    super(`Order ${orderId} was not found.`);
  }
}

export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly orderId: string) {
    super('This Idempotency-Key was already used with a different request body.');
  }
}

/** Optimistic-concurrency retries ran out: the order is being changed very frequently. Safe to retry. */
export class ConcurrentModificationError extends Error {
  override readonly name = 'ConcurrentModificationError';
}

/** An inbox event that can never be applied (unknown order, wrong customer): fail the record so it dead-letters. */
export class UnprocessableEventError extends Error {
  override readonly name = 'UnprocessableEventError';
}
