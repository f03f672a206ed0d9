import { parseReceiptDocument, type ReceiptDocument } from '@commerce/domain-events';
import type { PaymentRecord } from './payment';

/**
 * The receipt document of a captured (or since refunded) payment, validated against the shared contract
 * (@commerce/domain-events `ReceiptDocumentV1`) before it is written to receipts/{orderId}.json.
 */
export const receiptFor = (record: PaymentRecord): ReceiptDocument => {
  if (record.status !== 'CAPTURED' && record.status !== 'REFUNDED') throw new Error(`no receipt for a ${record.status} payment`);
  if (!record.paymentId || !record.capturedAt || record.amountCents === undefined || !record.currency) {
    throw new Error(`payment ${record.orderId} lacks capture details`);
  }
  return parseReceiptDocument({
    receiptVersion: 1,
    orderId: record.orderId,
    customerId: record.customerId,
    paymentId: record.paymentId,
    items: record.items ?? [],
    totalCents: record.amountCents,
    currency: record.currency,
    capturedAt: record.capturedAt,
  });
};
