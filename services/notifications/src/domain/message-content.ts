import type { DomainEvent, DomainEventOf, ReceiptDocument } from '@commerce/domain-events';
import { formatMoney } from './money';
import type { MessageType } from './message';

/** The values a template may use: every name a template references must be here (the renderer is strict). */
export type TemplateModel = Record<string, unknown>;

export interface MessageContent {
  type: MessageType;
  orderId: string;
  customerId: string;
  model: TemplateModel;
}

const failureReasons: Record<DomainEventOf<'payment.failed'>['payload']['reason'], string> = {
  card_declined: 'your card was declined',
  insufficient_funds: 'the card has insufficient funds',
  fraud_suspected: 'the payment was flagged by our fraud checks',
  provider_rejected: 'the payment provider rejected it',
  expired_card: 'the card has expired',
  incorrect_cvc: 'the card\'s security code was incorrect',
  incorrect_number: 'the card number was incorrect',
  authentication_required: 'your bank asked for authentication (3-D Secure) that was not completed',
  processing_error: 'an error occurred while processing the card',
  payment_method_required: 'no payment method was given',
};

const formatDate = (iso: string): string =>
  new Intl.DateTimeFormat('en-IE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';

/** The message a domain event produces: which template, for whom, with which values. */
export const contentForEvent = (event: DomainEvent): MessageContent | undefined => {
  switch (event.type) {
    case 'order.placed': {
      const { orderId, customerId, currency, items, totalCents } = event.payload;
      return {
        type: event.type,
        orderId,
        customerId,
        model: {
          orderId,
          total: formatMoney(totalCents, currency),
          itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
          items: items.map((item) => ({
            sku: item.sku,
            quantity: item.quantity,
            unitPrice: formatMoney(item.unitPriceCents, currency),
            lineTotal: formatMoney(item.unitPriceCents * item.quantity, currency),
          })),
        },
      };
    }
    case 'payment.failed': {
      const { orderId, customerId, amountCents, currency, reason } = event.payload;
      return {
        type: event.type,
        orderId,
        customerId,
        model: { orderId, amount: formatMoney(amountCents, currency), reason: failureReasons[reason] },
      };
    }
    case 'order.cancelled': {
      const { orderId, customerId, previousStatus, reason } = event.payload;
      return {
        type: event.type,
        orderId,
        customerId,
        model: { orderId, wasPaid: previousStatus === 'PAID', reason: reason ?? null },
      };
    }
    case 'payment.refunded': {
      const { orderId, customerId, amountCents, currency, refundId, refundedAt } = event.payload;
      return {
        type: event.type,
        orderId,
        customerId,
        model: { orderId, amount: formatMoney(amountCents, currency), refundId, refundedAt: formatDate(refundedAt) },
      };
    }
    default:
      return undefined;
  }
};

/** The receipt message: the receipt's figures and a short-lived link to the document. */
export const contentForReceipt = (receipt: ReceiptDocument, link: { url: string; expiresInMinutes: number }): MessageContent => ({
  type: 'receipt.issued',
  orderId: receipt.orderId,
  customerId: receipt.customerId,
  model: {
    orderId: receipt.orderId,
    amount: formatMoney(receipt.totalCents, receipt.currency),
    items: receipt.items.map((item) => ({
      sku: item.sku,
      quantity: item.quantity,
      lineTotal: formatMoney(item.unitPriceCents * item.quantity, receipt.currency),
    })),
    paymentId: receipt.paymentId,
    paidAt: formatDate(receipt.capturedAt),
    receiptUrl: link.url,
    linkExpiresInMinutes: link.expiresInMinutes,
  },
});
