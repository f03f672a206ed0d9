import * as z from 'zod';
import { defineEvent } from './definition';
import { AmountCents, Currency, Id, OrderItem, UtcTimestamp } from './primitives';

/** The decline reasons of payment.failed v1 (frozen with it). */
export const paymentFailureReasonsV1 = ['card_declined', 'insufficient_funds', 'fraud_suspected', 'provider_rejected'] as const;

/**
 * Why a charge was declined (payment.failed v2): the provider's reason code where it has one of these
 * (Stripe's decline codes), else the closest of them. ADR 0021.
 */
export const paymentFailureReasons = [
  ...paymentFailureReasonsV1,
  'expired_card',
  'incorrect_cvc',
  'incorrect_number',
  'authentication_required',
  'processing_error',
  'payment_method_required',
] as const;

export const OrderPlacedV1 = z.object({
  orderId: Id,
  customerId: Id,
  currency: Currency,
  items: z.array(OrderItem).min(1).max(100),
  totalCents: AmountCents,
});

/**
 * v2 adds the payment method the customer chose, as the provider's reference (Stripe: a PaymentMethod id `pm_…`
 * created in the browser by Stripe.js; card data never reaches our services). Optional: the local provider and
 * orders placed before v2 have none. v1 upcasts unchanged.
 */
export const OrderPlacedV2 = OrderPlacedV1.extend({
  paymentMethodId: Id.optional(),
});

export const OrderCancelledV1 = z.object({
  orderId: Id,
  customerId: Id,
  previousStatus: z.enum(['PENDING_PAYMENT', 'PAID']),
  reason: z.string().max(500).optional(),
});

export const PaymentCapturedV1 = z.object({
  orderId: Id,
  customerId: Id,
  paymentId: Id,
  amountCents: AmountCents,
  currency: Currency,
  capturedAt: UtcTimestamp,
});

export const PaymentFailedV1 = z.object({
  orderId: Id,
  customerId: Id,
  amountCents: AmountCents,
  currency: Currency,
  reason: z.enum(paymentFailureReasonsV1),
});

/** v2 widens the reasons to the provider's decline codes (expired_card, authentication_required, ...). */
export const PaymentFailedV2 = PaymentFailedV1.extend({
  reason: z.enum(paymentFailureReasons),
});

export const PaymentRefundedV1 = z.object({
  orderId: Id,
  customerId: Id,
  paymentId: Id,
  refundId: Id,
  amountCents: AmountCents,
  currency: Currency,
  refundedAt: UtcTimestamp,
});

/**
 * The charge needs the customer (ADR 0022): the bank asked for authentication (SCA / 3-D Secure). The frontend
 * completes it in place with the client secret from GET /payments/{orderId}/action until `expiresAt`; payment.captured
 * or payment.failed (`authentication_required` when it expires) follows. `paymentId` is the provider's payment
 * (Stripe: the PaymentIntent id), never its client secret.
 */
export const PaymentActionRequiredV1 = z.object({
  orderId: Id,
  customerId: Id,
  paymentId: Id,
  amountCents: AmountCents,
  currency: Currency,
  action: z.enum(['authenticate']),
  expiresAt: UtcTimestamp,
});

/** The one catalog of domain events. Add a version here, never edit a published schema in place. */
export const eventCatalog = {
  'order.placed': defineEvent({
    type: 'order.placed',
    title: 'Order Placed',
    description: 'A customer placed an order; it awaits payment.',
    producer: 'orders',
    version: 2,
    schema: OrderPlacedV2,
    legacy: [{ version: 1, schema: OrderPlacedV1, upcast: (payload: z.infer<typeof OrderPlacedV1>): z.input<typeof OrderPlacedV2> => payload }],
  }),
  'order.cancelled': defineEvent({
    type: 'order.cancelled',
    title: 'Order Cancelled',
    description: 'A customer cancelled an order that was awaiting payment or paid; a captured payment must be refunded.',
    producer: 'orders',
    version: 1,
    schema: OrderCancelledV1,
  }),
  'payment.captured': defineEvent({
    type: 'payment.captured',
    title: 'Payment Captured',
    description: 'The order total was charged to the customer.',
    producer: 'payments',
    version: 1,
    schema: PaymentCapturedV1,
  }),
  'payment.failed': defineEvent({
    type: 'payment.failed',
    title: 'Payment Failed',
    description: 'The payment provider declined the charge for an order; the reason says why.',
    producer: 'payments',
    version: 2,
    schema: PaymentFailedV2,
    legacy: [{ version: 1, schema: PaymentFailedV1, upcast: (payload: z.infer<typeof PaymentFailedV1>): z.input<typeof PaymentFailedV2> => payload }],
  }),
  'payment.action.required': defineEvent({
    type: 'payment.action.required',
    title: 'Payment Action Required',
    description:
      'The bank asks the customer to authenticate the charge (3-D Secure) before it can be captured; payment.captured or payment.failed follows.',
    producer: 'payments',
    version: 1,
    schema: PaymentActionRequiredV1,
  }),
  'payment.refunded': defineEvent({
    type: 'payment.refunded',
    title: 'Payment Refunded',
    description: 'A captured payment was refunded in full after the order was cancelled.',
    producer: 'payments',
    version: 1,
    schema: PaymentRefundedV1,
  }),
} as const;

export type EventCatalog = typeof eventCatalog;
export type EventType = keyof EventCatalog;
export const eventTypes = Object.keys(eventCatalog) as EventType[];
