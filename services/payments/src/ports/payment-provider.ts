import type { PaymentFailureReason } from '../domain/payment';
import { RetryLaterError } from '../domain/errors';

/** Amounts are integer minor units; the idempotency key makes a replayed call return the original result. */
export interface ChargeRequest {
  idempotencyKey: string;
  orderId: string;
  customerId: string;
  /** Integer minor units of `currency` at its ISO 4217 exponent (JPY 1500 = ¥1,500; EUR 1500 = €15.00). */
  amountCents: number;
  currency: string;
  /** The provider's reference of the payment method the customer chose in the browser (Stripe: pm_…). */
  paymentMethodId?: string;
}

export type ChargeResult =
  | { outcome: 'captured'; paymentId: string }
  | { outcome: 'declined'; reason: PaymentFailureReason }
  /**
   * The bank asks the customer to authenticate (SCA / 3-D Secure, ADR 0022): the payment `paymentId` waits for the
   * customer to complete it in the browser; `actionOutcome` tells later how it ended.
   */
  | { outcome: 'action_required'; paymentId: string };

/** What cancelling a payment that waits for the customer found: cancelled, or completed (captured) just before. */
export type CancelActionResult = { outcome: 'cancelled' } | { outcome: 'captured'; paymentId: string };

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
 * The provider could not answer now (rate limit, a request in flight with the same key, 5xx): retry later with the
 * same idempotency key. Never a decline. Thrown as such, the call had no effect; see ProviderOutcomeUnknownError.
 */
export class TransientProviderError extends RetryLaterError {
  override readonly name: string = 'TransientProviderError';
}

/**
 * The call may or may not have taken effect (a timeout or a connection reset after the request was sent): the money
 * may have moved. Whoever settles the payment next must first replay the call with the same idempotency key (the
 * provider then returns the original result) and never assume that nothing happened.
 */
export class ProviderOutcomeUnknownError extends TransientProviderError {
  override readonly name = 'ProviderOutcomeUnknownError';
}

export interface PaymentProvider {
  /**
   * Resolves with a definitive outcome; throws TransientProviderError when it is worth retrying (its subclass
   * ProviderOutcomeUnknownError when the charge may have happened). Any other error is permanent (configuration).
   */
  charge(request: ChargeRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /**
   * Where a payment that waited for the customer stands now, read from the provider (never from a webhook's body):
   * captured, declined (authentication failed), or still `action_required`. Transient errors as for `charge`.
   */
  actionOutcome(paymentId: string): Promise<ChargeResult>;
  /**
   * The secret the browser completes the action with (Stripe: the PaymentIntent's client secret), read from the
   * provider on every call: it is never stored, logged or published.
   */
  actionClientSecret(paymentId: string): Promise<string>;
  /** Cancels a payment that waits for the customer (same key on replays); a payment completed meanwhile is `captured`. */
  cancelAction(paymentId: string, idempotencyKey: string): Promise<CancelActionResult>;
}
