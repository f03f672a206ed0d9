import { Id } from '@commerce/domain-events';
import type { PaymentChecks, VerifiedProviderEvent } from '../ports/provider-webhooks';
import type { AppLog } from './payment-service';

/** The Stripe events that can settle a payment waiting for the customer (ADR 0022); the endpoint subscribes to these. */
export const HANDLED_STRIPE_EVENTS = ['payment_intent.succeeded', 'payment_intent.payment_failed'] as const;

/**
 * A verified Stripe event about one of our PaymentIntents (metadata.orderId, set by the charge) becomes a
 * `check-action` command on the payments inbox: the worker reads the PaymentIntent from Stripe and settles the
 * order under its lease, exactly as a synchronous charge. Nothing of the event's body is trusted beyond the order id
 * it names, so duplicate, late or out-of-order deliveries change nothing. Other events are acknowledged and dropped.
 */
export const onStripeEvent = async (checks: PaymentChecks, event: VerifiedProviderEvent, log: AppLog): Promise<boolean> => {
  if (!(HANDLED_STRIPE_EVENTS as readonly string[]).includes(event.type)) {
    log.info('stripe event ignored: not one payments acts on', { stripeEventId: event.id, stripeEventType: event.type });
    return false;
  }
  const object = (event.data.object ?? {}) as { object?: unknown; id?: unknown; metadata?: Record<string, unknown> | null };
  const orderId = object.metadata?.orderId;
  if (object.object !== 'payment_intent' || !Id.safeParse(orderId).success) {
    log.warn('stripe event ignored: not a PaymentIntent of an order', { stripeEventId: event.id, stripeEventType: event.type });
    return false;
  }
  await checks.checkAction(orderId as string, `${event.id}/${event.type}`);
  log.info('stripe event queued for the payments inbox', { stripeEventId: event.id, stripeEventType: event.type, orderId, paymentId: object.id });
  return true;
};
