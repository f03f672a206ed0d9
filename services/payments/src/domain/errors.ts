/**
 * Errors that fail an SQS record on purpose so it is redelivered after the visibility timeout: another worker
 * holds the record right now, or the provider failed transiently. They are never turned into declines.
 */
export class RetryLaterError extends Error {
  override readonly name: string = 'RetryLaterError';
}

export class PaymentInProgressError extends RetryLaterError {
  override readonly name = 'PaymentInProgressError';
}

export class ConcurrentUpdateError extends Error {
  override readonly name = 'ConcurrentUpdateError';
}
