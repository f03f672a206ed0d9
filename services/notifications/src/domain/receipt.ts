import { z } from 'zod';
import { AmountCents, Currency, Id, UtcTimestamp } from '@commerce/domain-events';
import { PoisonMessageError } from './errors';

/**
 * The receipt document payments writes to `receipts/{orderId}.json` (payments' `Receipt`, receiptVersion 1:
 * orderId, customerId, paymentId, items, totalCents, currency, capturedAt). Only what the receipt message needs is
 * required; fields payments adds later are ignored, so payments can extend the document without breaking us.
 */
export const ReceiptDocument = z.looseObject({
  receiptVersion: z.literal(1).optional(),
  orderId: Id,
  customerId: Id,
  totalCents: AmountCents,
  currency: Currency,
  paymentId: Id.optional(),
  capturedAt: UtcTimestamp.optional(),
  items: z.array(z.looseObject({ sku: z.string(), quantity: z.number().int().min(1), unitPriceCents: AmountCents })).default([]),
});
export type ReceiptDocument = z.infer<typeof ReceiptDocument>;

const RECEIPT_KEY = /^receipts\/([\x21-\x7e]{1,128})\.json$/;

/** The order id of a receipt object key (`receipts/{orderId}.json`); anything else is not a receipt. */
export const orderIdOfReceiptKey = (key: string): string => {
  const match = RECEIPT_KEY.exec(key);
  if (!match?.[1] || match[1].includes('/')) throw new PoisonMessageError(`"${key}" is not a receipt key (receipts/{orderId}.json)`);
  return match[1];
};

export const parseReceiptDocument = (text: string, key: string): ReceiptDocument => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PoisonMessageError(`receipt ${key} is not JSON: ${(error as Error).message}`);
  }
  const parsed = ReceiptDocument.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new PoisonMessageError(`receipt ${key} is invalid: ${issues}`);
  }
  return parsed.data;
};
