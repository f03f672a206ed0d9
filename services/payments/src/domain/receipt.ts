import type { OrderItem } from '@commerce/domain-events';
import type { PaymentRecord } from './payment';

/** The JSON document stored at receipts/{orderId}.json when a payment is captured (format version 1). */
export interface Receipt {
  receiptVersion: 1;
  orderId: string;
  customerId: string;
  paymentId: string;
  items: OrderItem[];
  totalCents: number;
  currency: string;
  capturedAt: string;
}

export const RECEIPT_PREFIX = 'receipts/';
export const receiptKey = (orderId: string): string => `${RECEIPT_PREFIX}${orderId}.json`;

export const receiptFor = (record: PaymentRecord): Receipt => {
  if (record.status !== 'CAPTURED' && record.status !== 'REFUNDED') throw new Error(`no receipt for a ${record.status} payment`);
  if (!record.paymentId || !record.capturedAt || record.amountCents === undefined || !record.currency) {
    throw new Error(`payment ${record.orderId} lacks capture details`);
  }
  return {
    receiptVersion: 1,
    orderId: record.orderId,
    customerId: record.customerId,
    paymentId: record.paymentId,
    items: record.items ?? [],
    totalCents: record.amountCents,
    currency: record.currency,
    capturedAt: record.capturedAt,
  };
};
