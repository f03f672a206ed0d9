import { createHash } from 'node:crypto';

/** What a customer message is about: the four inbox event types and the receipt written by payments. */
export const messageTypes = ['order.placed', 'payment.failed', 'order.cancelled', 'payment.refunded', 'receipt.issued'] as const;
export type MessageType = (typeof messageTypes)[number];

/** The medium of every message today. The delivery adapter (SES or the local outbox) is recorded separately. */
export const CHANNEL = 'email';
export type Channel = typeof CHANNEL;

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/**
 * A message to send, before it is recorded. `sourceKey` names what caused it (an event id, an S3 object): together
 * with the customer it is the dedupe key, so the message id is deterministic and every redelivery of the same
 * cause maps to the same record.
 */
export interface MessageDraft {
  sourceKey: string;
  customerId: string;
  type: MessageType;
  orderId: string;
  correlationId?: string;
}

/** Lifecycle of a message-log record: claimed for sending, then sent (the only terminal state). */
export type MessageStatus = 'SENDING' | 'SENT';

export interface MessageRecord extends RenderedMessage {
  messageId: string;
  sourceKey: string;
  customerId: string;
  type: MessageType;
  orderId: string;
  channel: Channel;
  recipient: string;
  status: MessageStatus;
  /** ISO time the message was first claimed: the customer-visible "created" time. */
  createdAt: string;
  /** Random token of the attempt that holds the claim; every state change is conditional on it. */
  claimToken: string;
  /** Epoch millis until which the holder of `claimToken` may send; after it another attempt may take over. */
  leaseExpiresAt: number;
  /** How many attempts have claimed the record (1 for the first). */
  attempts: number;
  correlationId?: string;
  sentAt?: string;
  provider?: string;
  providerMessageId?: string;
  lastError?: string;
}

/** `ntf_` + 32 hex chars of sha256(sourceKey, customerId): the dedupe key and the public id of the message. */
export const messageIdFor = (sourceKey: string, customerId: string): string =>
  `ntf_${createHash('sha256').update(`${sourceKey}\u0000${customerId}`).digest('hex').slice(0, 32)}`;

export const eventSourceKey = (eventId: string): string => `event:${eventId}`;
export const objectSourceKey = (bucket: string, key: string): string => `s3:${bucket}/${key}`;
