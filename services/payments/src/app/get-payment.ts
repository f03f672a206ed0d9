import { isVisible, type PaymentFailureReason, type VisiblePaymentStatus } from '../domain/payment';
import type { PaymentRepository } from '../ports/payment-repository';
import type { ReceiptStore } from '../ports/receipt-store';

export interface PaymentView {
  orderId: string;
  status: VisiblePaymentStatus;
  amountCents: number;
  currency: string;
  reason?: PaymentFailureReason;
  /** Presigned GET URL of receipts/{orderId}.json, valid for `receiptUrlTtlSeconds`. */
  receiptUrl?: string;
}

export interface GetPaymentDeps {
  repository: PaymentRepository;
  receipts: ReceiptStore;
  receiptUrlTtlSeconds?: number;
}

/**
 * The caller's payment for an order, or undefined when there is none they may see: unknown orders, other
 * customers' orders, and orders whose payment is still in progress or was cancelled before any charge.
 */
export const getPayment = async (deps: GetPaymentDeps, orderId: string, customerId: string): Promise<PaymentView | undefined> => {
  const record = await deps.repository.get(orderId);
  if (!record || record.customerId !== customerId || !isVisible(record)) return undefined;
  const hasReceipt = record.status !== 'DECLINED' && !record.receiptPending;
  return {
    orderId: record.orderId,
    status: record.status,
    amountCents: record.amountCents ?? 0,
    currency: record.currency ?? '',
    ...(record.reason ? { reason: record.reason } : {}),
    ...(hasReceipt ? { receiptUrl: await deps.receipts.signedUrl(record.orderId, deps.receiptUrlTtlSeconds ?? 300) } : {}),
  };
};
