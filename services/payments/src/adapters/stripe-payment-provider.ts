import type Stripe from 'stripe';
import type { PaymentFailureReason } from '../domain/payment';
import type { ChargeRequest, ChargeResult, PaymentProvider, RefundRequest, RefundResult } from '../ports/payment-provider';
import { ProviderOutcomeUnknownError } from '../ports/payment-provider';
import { toStripeAmount } from './stripe-amounts';
import { classifyStripeError, reasonFor } from './stripe-outcomes';

export interface StripeProviderLog {
  warn(message: string, extra: Record<string, unknown>): void;
}

/**
 * PaymentProvider on Stripe (ADR 0021). A charge is ONE PaymentIntent created and confirmed in a single request with
 * the order's charge key as Stripe's Idempotency-Key: every retry and redelivery sends the same key and the same
 * parameters, so Stripe answers with the original PaymentIntent (or the original decline) instead of charging again.
 * A refund is one Refund with the refund key. The client (and the secret key it holds) comes from `client()`.
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
          // Server-side confirmation: no redirect-based methods, and a bank's 3-D Secure challenge fails the attempt
          // (authentication_required) instead of leaving a PaymentIntent the customer could still complete.
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          error_on_requires_action: true,
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
        // Not expected with error_on_requires_action; never leave a PaymentIntent a customer could still complete.
        await this.cancel(stripe, intent.id, request.idempotencyKey);
        return this.declined(request, 'authentication_required', 'requires_action');
      case 'canceled':
        return this.declined(request, 'provider_rejected', intent.cancellation_reason ?? 'canceled');
      default:
        throw new Error(`stripe charge: ${intent.id} is ${intent.status}, which this integration never asks for`);
    }
  }

  private async retrieve(stripe: Stripe, id: string): Promise<Stripe.PaymentIntent> {
    try {
      return await stripe.paymentIntents.retrieve(id);
    } catch (error) {
      const failure = classifyStripeError(error, 'charge');
      throw failure.kind === 'error' ? failure.error : new ProviderOutcomeUnknownError(`stripe charge: ${id} could not be read`);
    }
  }

  private async cancel(stripe: Stripe, id: string, idempotencyKey: string): Promise<void> {
    try {
      await stripe.paymentIntents.cancel(id, { cancellation_reason: 'abandoned' }, { idempotencyKey: `${idempotencyKey}:cancel` });
    } catch (error) {
      const failure = classifyStripeError(error, 'charge');
      throw failure.kind === 'error' ? failure.error : new ProviderOutcomeUnknownError(`stripe charge: ${id} could not be cancelled`);
    }
  }

  private declined(request: ChargeRequest, reason: PaymentFailureReason, code: string | undefined): ChargeResult {
    this.log.warn('stripe declined the charge', { orderId: request.orderId, reason, stripeCode: code });
    return { outcome: 'declined', reason };
  }
}
