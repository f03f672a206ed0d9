import Stripe from 'stripe';
import type { PaymentFailureReason } from '../domain/payment';
import { ProviderOutcomeUnknownError, TransientProviderError } from '../ports/payment-provider';

/** Stripe decline codes (`decline_code`, else the error `code`) -> our reasons. Unlisted card errors: card_declined. */
const REASONS: Record<string, PaymentFailureReason> = {
  insufficient_funds: 'insufficient_funds',
  expired_card: 'expired_card',
  incorrect_cvc: 'incorrect_cvc',
  invalid_cvc: 'incorrect_cvc',
  incorrect_number: 'incorrect_number',
  invalid_number: 'incorrect_number',
  authentication_required: 'authentication_required',
  requires_action_not_handled: 'authentication_required',
  payment_intent_authentication_failure: 'authentication_required',
  processing_error: 'processing_error',
  fraudulent: 'fraud_suspected',
  stolen_card: 'fraud_suspected',
  lost_card: 'fraud_suspected',
  pickup_card: 'fraud_suspected',
  merchant_blacklist: 'fraud_suspected',
};

export const reasonFor = (declineCode: string | undefined, code: string | undefined): PaymentFailureReason =>
  (declineCode ? REASONS[declineCode] : undefined) ?? (code ? REASONS[code] : undefined) ?? 'card_declined';

/**
 * Invalid-request codes that are about this customer's payment (the payment method or the amount), not our
 * integration: the order is declined (`provider_rejected`, or the mapped reason) instead of failing for ever.
 */
const PAYMENT_REJECTIONS = new Set([
  'amount_too_small',
  'amount_too_large',
  'invalid_charge_amount',
  'invalid_charge_amount_no_decimal_compatible',
  'payment_intent_authentication_failure',
  'payment_intent_payment_attempt_failed',
  'payment_method_unactivated',
  'payment_method_unexpected_state',
  'payment_method_not_available',
  'payment_method_invalid_parameter',
  'payment_method_currency_mismatch',
]);

export type StripeFailure = { kind: 'declined'; reason: PaymentFailureReason; code: string | undefined } | { kind: 'error'; error: Error };

/** What a Stripe error means for us, with messages that never carry the request's secrets. */
export const classifyStripeError = (error: unknown, operation: 'charge' | 'refund'): StripeFailure => {
  if (!(error instanceof Stripe.errors.StripeError)) return { kind: 'error', error: error instanceof Error ? error : new Error(String(error)) };
  const what = `stripe ${operation}: ${error.rawType ?? error.type}${error.code ? ` ${error.code}` : ''}${error.statusCode ? ` (HTTP ${error.statusCode})` : ''}${error.requestId ? ` request ${error.requestId}` : ''}`;
  if (error instanceof Stripe.errors.StripeCardError) {
    return { kind: 'declined', reason: reasonFor(error.decline_code, error.code), code: error.decline_code ?? error.code };
  }
  // Sent, but no answer (timeout, reset): the operation may have happened.
  if (error instanceof Stripe.errors.StripeConnectionError) return { kind: 'error', error: new ProviderOutcomeUnknownError(`${what}: no answer, outcome unknown`) };
  // Rate limits are refused before anything happens.
  if (error instanceof Stripe.errors.StripeRateLimitError || error.statusCode === 429) return { kind: 'error', error: new TransientProviderError(`${what}: rate limited`) };
  // A request with the same key still in flight (409 idempotency_key_in_use) may be our own timed-out call, and a 5xx
  // may have executed: both are retried with the same key, and until then the outcome is unknown.
  if (error.statusCode === 409 || error.code === 'idempotency_key_in_use' || error.code === 'lock_timeout' || (error.statusCode ?? 0) >= 500) {
    return { kind: 'error', error: new ProviderOutcomeUnknownError(`${what}: retry with the same key`) };
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code && PAYMENT_REJECTIONS.has(error.code)) {
    const mapped = reasonFor(undefined, error.code);
    return { kind: 'declined', reason: mapped === 'card_declined' ? 'provider_rejected' : mapped, code: error.code };
  }
  // Authentication, permissions, idempotency_error (same key, other parameters), other invalid requests: our
  // integration or configuration is wrong. Permanent: the record fails, reaches the DLQ, and an alarm fires.
  // Stripe's own message is left out: for a bad key it quotes part of the key.
  return { kind: 'error', error: new Error(`${what}: permanent failure`) };
};
