import Stripe from 'stripe';
import { WebhookSignatureError, type VerifiedProviderEvent, type WebhookVerifier } from '../ports/provider-webhooks';

/** Stripe's own default: a signature older than this is refused (replayed deliveries). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Verifies `Stripe-Signature` over the raw body with the endpoint's signing secret (`whsec_…`, read by `secret()`:
 * SSM, cached per container) using the SDK's `webhooks.constructEvent` (HMAC-SHA256, timestamp tolerance, any of the
 * header's v1 signatures: a secret being rolled keeps working). The secret is never quoted in errors or logs.
 */
export const stripeWebhookVerifier = (secret: () => Promise<string>, source: string, toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS): WebhookVerifier => ({
  async verify(rawBody, signatureHeader) {
    if (!signatureHeader) throw new WebhookSignatureError('no Stripe-Signature header');
    const signingSecret = (await secret()).trim();
    if (!signingSecret.startsWith('whsec_')) throw new Error(`the value of ${source} is not a Stripe webhook signing secret (whsec_...)`);
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, signingSecret, toleranceSeconds);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
        throw new WebhookSignatureError('the Stripe-Signature header does not match the body, or it is too old');
      }
      throw new WebhookSignatureError('the body is not a Stripe event');
    }
    const verified: VerifiedProviderEvent = { id: event.id, type: event.type, data: { object: event.data.object } };
    return verified;
  },
});
