import { z } from 'zod';
import { defineEvent } from './definition';
import { AmountCents, Currency, Id, OrderItem, UtcTimestamp } from './primitives';

export const paymentFailureReasons = ['card_declined', 'insufficient_funds', 'fraud_suspected', 'provider_rejected'] as const;

export const OrderPlacedV1 = z.object({
  orderId: Id,
  customerId: Id,
  currency: Currency,
  items: z.array(OrderItem).min(1).max(100),
  totalCents: AmountCents,
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

/** The one catalog of domain events. Add a version here, never edit a published schema in place. */
export const eventCatalog = {
  'order.placed': defineEvent({
    type: 'order.placed',
    title: 'Order Placed',
    description: 'A customer placed an order; it awaits payment.',
    producer: 'orders',
    version: 1,
    schema: OrderPlacedV1,
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
    version: 1,
    schema: PaymentFailedV1,
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
