import * as z from 'zod';
import { Currency, Id, paymentFailureReasons } from '@commerce/domain-events';

/** Request and response schemas of the HTTP API (openapi.ts builds the docs from them). */
export const PaymentParams = z.object({ orderId: Id });

/** The payment as the API shows it (the response contract: documented in openapi.json, checked in tests). */
export const PaymentView = z.object({
  orderId: z.string(),
  status: z.enum(['CAPTURED', 'DECLINED', 'REFUNDED']),
  amountCents: z.number().int().min(0).describe('Integer minor units of currency'),
  currency: Currency,
  reason: z.enum(paymentFailureReasons).optional().describe('Only when DECLINED'),
  receiptUrl: z.url().optional().describe('Presigned GET URL of receipts/{orderId}.json, valid 300 s; CAPTURED and REFUNDED payments'),
});

/** What the browser needs to complete a customer action in place (ADR 0022); never cached, never stored by us. */
export const PaymentActionView = z.object({
  orderId: z.string(),
  type: z.enum(['authenticate']).describe("The bank asks the customer to authenticate the payment (SCA / 3-D Secure)"),
  clientSecret: z
    .string()
    .describe(
      "The Stripe PaymentIntent's client secret, read from Stripe for this request: pass it to Stripe.js `stripe.handleNextAction({ clientSecret })` " +
        'and keep it nowhere else. The outcome arrives as the order turning PAID or PAYMENT_FAILED.',
    ),
  expiresAt: z.iso.datetime().describe('Until when the payment waits; after it, it fails with authentication_required'),
});

/** What payments answers Stripe for a webhook it verified. */
export const StripeWebhookAnswer = z.object({
  received: z.literal(true),
  handled: z.boolean().describe('false for event types and objects payments does not act on (acknowledged so Stripe stops retrying)'),
});
