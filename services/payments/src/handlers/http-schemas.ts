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
