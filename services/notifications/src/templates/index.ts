import type { MessageType } from '../domain/message';
import layoutHtml from './layout.html';
import orderCancelledSubject from './order-cancelled.subject.txt';
import orderCancelledHtml from './order-cancelled.html';
import orderCancelledText from './order-cancelled.txt';
import orderPlacedSubject from './order-placed.subject.txt';
import orderPlacedHtml from './order-placed.html';
import orderPlacedText from './order-placed.txt';
import paymentFailedSubject from './payment-failed.subject.txt';
import paymentFailedHtml from './payment-failed.html';
import paymentFailedText from './payment-failed.txt';
import paymentRefundedSubject from './payment-refunded.subject.txt';
import paymentRefundedHtml from './payment-refunded.html';
import paymentRefundedText from './payment-refunded.txt';
import receiptIssuedSubject from './receipt-issued.subject.txt';
import receiptIssuedHtml from './receipt-issued.html';
import receiptIssuedText from './receipt-issued.txt';

/** Mustache templates of one message type: a one-line subject, a text body and an HTML body (inside the layout). */
export interface MessageTemplates {
  subject: string;
  text: string;
  html: string;
}

export interface TemplateSet {
  /** HTML wrapper; includes the type's HTML body as the `content` partial. */
  layout: string;
  messages: Record<MessageType, MessageTemplates>;
}

/** The service's templates, bundled from the files next to this module. */
export const templates: TemplateSet = {
  layout: layoutHtml,
  messages: {
    'order.placed': { subject: orderPlacedSubject, text: orderPlacedText, html: orderPlacedHtml },
    'payment.failed': { subject: paymentFailedSubject, text: paymentFailedText, html: paymentFailedHtml },
    'order.cancelled': { subject: orderCancelledSubject, text: orderCancelledText, html: orderCancelledHtml },
    'payment.refunded': { subject: paymentRefundedSubject, text: paymentRefundedText, html: paymentRefundedHtml },
    'receipt.issued': { subject: receiptIssuedSubject, text: receiptIssuedText, html: receiptIssuedHtml },
  },
};
