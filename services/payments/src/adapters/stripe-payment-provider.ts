import type Stripe from 'stripe';
import { cancelActionIdempotencyKey, type PaymentFailureReason } from '../domain/payment';
import type { CancelActionResult, ChargeRequest, ChargeResult, PaymentProvider, RefundRequest, RefundResult } from '../ports/payment-provider';
import { ProviderOutcomeUnknownError, TransientProviderError } from '../ports/payment-provider';
import { toStripeAmount } from './stripe-amounts';
import { stripeClientSecret } from './stripe-client-secret';
import { classifyStripeError, reasonFor } from './stripe-outcomes';

export interface StripeProviderLog {
  warn(message: string, extra: Record<string, unknown>): void;
}

/**
 * PaymentProvider on Stripe (ADR 0021). A charge is ONE PaymentIntent created and confirmed in a single request with
 * the order's charge key as Stripe's Idempotency-Key: every retry and redelivery sends the same key and the same
 * parameters, so Stripe answers with the original PaymentIntent (or the original decline) instead of charging again.
 * A refund is one Refund with the refund key. The client (and the secret key it holds) comes from `client()`.
 * A bank's authentication challenge (SCA / 3-D Secure) leaves the PaymentIntent `requires_action`: the outcome is
 * `action_required` and the customer completes it in the browser with its client secret (ADR 0022).
 */
export class StripePaymentProvider implements PaymentProvider {
  constructor(
    private readonly client: () => Promise<Stripe>,
    private readonly log: StripeProviderLog = { warn: () => undefined },
  ) {}

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    if (!request.paymentMethodId) return { outcome: 'declined', reason: 'payment_method_required' };
    const amount = toStripeAmount(request.amountCents, request.currency);
    if (!amount.ok) {
      this.log.warn('amount cannot be charged through Stripe', { orderId: request.orderId, why: amount.why });
      return { outcome: 'declined', reason: 'provider_rejected' };
    }
    const stripe = await this.client();
    let intent: Stripe.PaymentIntent;
    try {
      intent = await stripe.paymentIntents.create(
        {
          amount: amount.amount,
          currency: amount.currency,
          payment_method: request.paymentMethodId,
          confirm: true,
          // Server-side confirmation, no redirect-based methods: a bank's 3-D Secure challenge leaves the PaymentIntent
          // `requires_action`, completed in place by the browser (stripe.handleNextAction with its client secret).
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          description: `Order ${request.orderId}`,
          metadata: { orderId: request.orderId, customerId: request.customerId },
        },
        { idempotencyKey: request.idempotencyKey },
      );
    } catch (error) {
      const failure = classifyStripeError(error, 'charge');
      if (failure.kind === 'declined') return this.declined(request, failure.reason, failure.code);
      throw failure.error;
    }
    return this.outcomeOf(stripe, intent, request);
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const amount = toStripeAmount(request.amountCents, request.currency);
    if (!amount.ok) throw new Error(`stripe refund: ${amount.why}`);
    const stripe = await this.client();
    try {
      const refund = await stripe.refunds.create({ payment_intent: request.paymentId, amount: amount.amount }, { idempotencyKey: request.idempotencyKey });
      if (refund.status === 'failed' || refund.status === 'canceled') throw new Error(`stripe refund ${refund.id} is ${refund.status}`);
      return { refundId: refund.id };
    } catch (error) {
      if ((error as { code?: string }).code === 'charge_already_refunded') return this.existingRefund(stripe, request);
      const failure = classifyStripeError(error, 'refund');
      throw failure.kind === 'error' ? failure.error : new Error(`stripe refund: declined (${failure.code ?? failure.reason})`);
    }
  }

  /** A replay past Stripe's idempotency window finds the payment refunded already: look up that refund. */
  private async existingRefund(stripe: Stripe, request: RefundRequest): Promise<RefundResult> {
    try {
      const { data } = await stripe.refunds.list({ payment_intent: request.paymentId, limit: 10 });
      const refund = data.find((candidate) => candidate.status !== 'failed' && candidate.status !== 'canceled');
      if (refund) return { refundId: refund.id };
    } catch (error) {
      const failure = classifyStripeError(error, 'refund');
      if (failure.kind === 'error') throw failure.error;
    }
    throw new Error(`stripe refund: ${request.paymentId} is refunded but no refund was found`);
  }

  private async outcomeOf(stripe: Stripe, intent: Stripe.PaymentIntent, request: ChargeRequest): Promise<ChargeResult> {
    switch (intent.status) {
      case 'succeeded':
        return { outcome: 'captured', paymentId: intent.id };
      case 'processing': {
        // A replay returns the first answer again: ask for the PaymentIntent as it is now.
        const current = await this.retrieve(stripe, intent.id);
        if (current.status === 'processing') throw new ProviderOutcomeUnknownError(`stripe charge: ${intent.id} is still processing`);
        return this.outcomeOf(stripe, current, request);
      }
      case 'requires_payment_method': {
        const error = intent.last_payment_error;
        return this.declined(request, reasonFor(error?.decline_code, error?.code), error?.decline_code ?? error?.code);
      }
      case 'requires_action':
        return { outcome: 'action_required', paymentId: intent.id };
      case 'canceled':
        return this.declined(request, 'provider_rejected', intent.cancellation_reason ?? 'canceled');
      default:
        throw new Error(`stripe charge: ${intent.id} is ${intent.status}, which this integration never asks for`);
    }
  }

  async actionOutcome(paymentId: string): Promise<ChargeResult> {
    const stripe = await this.client();
    const intent = await this.retrieve(stripe, paymentId);
    switch (intent.status) {
      case 'succeeded':
        return { outcome: 'captured', paymentId: intent.id };
      case 'requires_action':
        return { outcome: 'action_required', paymentId: intent.id };
      case 'processing':
        throw new TransientProviderError(`stripe: ${intent.id} is processing after the customer action; asking again later`);
      case 'requires_payment_method': {
        // The authentication failed (or the card declined after it). The browser still holds the client secret and
        // could confirm this PaymentIntent again with another card: cancel it before the order is declared failed.
        const cancelled = await this.cancelIntent(stripe, intent.id, actionCancelKey(intent));
        if (cancelled.outcome === 'captured') return cancelled;
        const error = intent.last_payment_error;
        const reason = reasonFor(error?.decline_code, error?.code);
        this.log.warn('stripe declined the charge after the customer action', { paymentId: intent.id, reason, stripeCode: error?.decline_code ?? error?.code });
        return { outcome: 'declined', reason };
      }
      case 'canceled':
        return { outcome: 'declined', reason: 'authentication_required' };
      default:
        throw new Error(`stripe: ${intent.id} is ${intent.status}, which a payment waiting for the customer never becomes`);
    }
  }

  actionClientSecret(paymentId: string): Promise<string> {
    return stripeClientSecret(this.client, paymentId);
  }

  async cancelAction(paymentId: string, idempotencyKey: string): Promise<CancelActionResult> {
    return this.cancelIntent(await this.client(), paymentId, idempotencyKey);
  }

  /** Cancels a PaymentIntent; one that succeeded meanwhile is `captured`, one cancelled already is `cancelled`. */
  private async cancelIntent(stripe: Stripe, id: string, idempotencyKey: string): Promise<CancelActionResult> {
    try {
      const intent = await stripe.paymentIntents.cancel(id, { cancellation_reason: 'abandoned' }, { idempotencyKey });
      if (intent.status === 'canceled') return { outcome: 'cancelled' };
      throw new Error(`stripe cancel: ${id} is ${intent.status} after cancelling it`);
    } catch (error) {
      if ((error as { code?: string }).code !== 'payment_intent_unexpected_state') {
        const failure = classifyStripeError(error, 'charge');
        throw failure.kind === 'error' ? failure.error : new Error(`stripe cancel: ${id} declined (${failure.code ?? failure.reason})`);
      }
    }
    // Not cancellable: it succeeded (the customer just completed it), was cancelled already, or is still processing.
    const current = await this.retrieve(stripe, id);
    if (current.status === 'succeeded') return { outcome: 'captured', paymentId: current.id };
    if (current.status === 'canceled') return { outcome: 'cancelled' };
    if (current.status === 'processing') throw new ProviderOutcomeUnknownError(`stripe cancel: ${id} is processing`);
    throw new Error(`stripe cancel: ${id} is ${current.status} and cannot be cancelled`);
  }

  private async retrieve(stripe: Stripe, id: string): Promise<Stripe.PaymentIntent> {
    try {
      return await stripe.paymentIntents.retrieve(id);
    } catch (error) {
      const failure = classifyStripeError(error, 'charge');
      throw failure.kind === 'error' ? failure.error : new ProviderOutcomeUnknownError(`stripe charge: ${id} could not be read`);
    }
  }

  private declined(request: ChargeRequest, reason: PaymentFailureReason, code: string | undefined): ChargeResult {
    this.log.warn('stripe declined the charge', { orderId: request.orderId, reason, stripeCode: code });
    return { outcome: 'declined', reason };
  }
}

/** The key of cancelling a PaymentIntent that waited for the customer: the payments service's `cancel-action:{orderId}`. */
const actionCancelKey = (intent: Stripe.PaymentIntent): string => cancelActionIdempotencyKey(intent.metadata?.orderId ?? intent.id);
