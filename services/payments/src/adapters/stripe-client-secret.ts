import type Stripe from 'stripe';
import { classifyStripeError } from './stripe-outcomes';

/**
 * The client secret of a PaymentIntent, read from Stripe now (ADR 0022: never stored). Its own module so that GET
 * /payments/{orderId}/action carries only this, not the charging adapter (bundle budget, ADR 0019).
 */
export const stripeClientSecret = async (client: () => Promise<Stripe>, paymentId: string): Promise<string> => {
  const stripe = await client();
  let intent: Stripe.PaymentIntent;
  try {
    intent = await stripe.paymentIntents.retrieve(paymentId);
  } catch (error) {
    const failure = classifyStripeError(error, 'charge');
    throw failure.kind === 'error' ? failure.error : new Error(`stripe: ${paymentId} could not be read (${failure.code ?? failure.reason})`);
  }
  if (!intent.client_secret) throw new Error(`stripe: ${intent.id} has no client secret`);
  return intent.client_secret;
};
