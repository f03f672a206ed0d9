import * as z from 'zod';
import { Currency, Id, OrderItem } from '@commerce/domain-events';
import type { Order } from '../domain/order';

/** Request and response schemas of the HTTP API (no runtime deps beyond zod: openapi.ts builds the docs from them). */
export const CreateOrderBody = z.object({
  currency: Currency,
  items: z.array(OrderItem).min(1, 'must have at least 1 item').max(100, 'must have at most 100 items'),
  paymentMethodId: Id.optional().describe(
    'The payment method to charge, as the payment provider\'s reference: a Stripe PaymentMethod id (pm_…) created in the browser with Stripe.js (card data never reaches this API). Required on stages that charge through Stripe. Locally (stage local\'s deterministic provider) only pm_card_authenticationRequired has an effect: like Stripe\'s test card of that name, the payment then waits for a customer action (3-D Secure, paymentAction).',
  ),
});

export const OrderIdParams = z.object({ id: z.string() });

export const ListOrdersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size.'),
  cursor: z.string().min(1).max(2048).optional().describe('nextCursor of the previous page, unchanged.'),
});

export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1..255 printable characters without spaces');

export const CreateOrderHeaders = z.object({
  'idempotency-key': IdempotencyKey.optional().describe(
    'Same key + same body returns the same order (201, Idempotent-Replayed: true); same key + different body is 422 idempotency-key-reused. Scoped to the customer.',
  ),
});

const Timestamp = z.iso.datetime();
const Cents = z.number().int().min(0);

/** The order as the API shows it (the response contract: documented in openapi.json, checked in tests). */
export const OrderView = z.object({
  id: z.string(),
  customerId: z.string(),
  status: z.enum(['PENDING_PAYMENT', 'PAID', 'PAYMENT_FAILED', 'CANCELLED']),
  currency: Currency,
  items: z.array(OrderItem),
  totalCents: Cents,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  payment: z.object({ paymentId: z.string(), amountCents: Cents, currency: Currency, capturedAt: Timestamp }).optional(),
  paymentAction: z
    .object({
      type: z.enum(['authenticate']).describe('The bank asks the customer to authenticate the payment (SCA / 3-D Secure)'),
      paymentId: z.string(),
      since: Timestamp,
      expiresAt: Timestamp.describe('After it the payment fails (authentication_required)'),
    })
    .optional()
    .describe(
      'Only while PENDING_PAYMENT and the payment waits for the customer: complete it with the client secret from the payments API ' +
        '(GET /payments/{orderId}/action and Stripe.js handleNextAction); it disappears when the order turns PAID or PAYMENT_FAILED.',
    ),
  paymentFailure: z.object({ reason: z.string(), failedAt: Timestamp }).optional(),
  refunds: z
    .array(z.object({ refundId: z.string(), paymentId: z.string(), amountCents: Cents, currency: Currency, refundedAt: Timestamp }))
    .optional(),
  cancellation: z
    .object({ cancelledAt: Timestamp, previousStatus: z.enum(['PENDING_PAYMENT', 'PAID']), reason: z.string().optional() })
    .optional(),
});

export const OrderListView = z.object({ items: z.array(OrderView), nextCursor: z.string().nullable() });

export const orderView = (order: Order): z.output<typeof OrderView> => ({
  id: order.id,
  customerId: order.customerId,
  status: order.status,
  currency: order.currency,
  items: order.items,
  totalCents: order.totalCents,
  createdAt: order.createdAt,
  updatedAt: order.updatedAt,
  ...(order.payment ? { payment: order.payment } : {}),
  ...(order.paymentAction ? { paymentAction: order.paymentAction } : {}),
  ...(order.paymentFailure ? { paymentFailure: order.paymentFailure } : {}),
  ...(order.refunds.length > 0 ? { refunds: order.refunds } : {}),
  ...(order.cancellation ? { cancellation: order.cancellation } : {}),
});
