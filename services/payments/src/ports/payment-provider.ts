import type { PaymentFailureReason } from '../domain/payment';
import { RetryLaterError } from '../domain/errors';

/** Amounts are integer minor units; the idempotency key makes a replayed call return the original result. */
export interface ChargeRequest {
  idempotencyKey: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  currency: string;
}

export type ChargeResult =
  | { outcome: 'captured'; paymentId: string }
  | { outcome: 'declined'; reason: PaymentFailureReason };

export interface RefundRequest {
  idempotencyKey: string;
  paymentId: string;
  amountCents: number;
  currency: string;
}

export interface RefundResult {
  refundId: string;
}

/**
 * The provider could not answer now (timeout, 5xx, rate limit). The call had no effect; retry later with the same
 * idempotency key. Never a decline.
 */
export class TransientProviderError extends RetryLaterError {
  override readonly name = 'TransientProviderError';
}

export interface PaymentProvider {
  /** Resolves with a definitive outcome; throws TransientProviderError when it is worth retrying. */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
}
