import type { MessageRecord, MessageType, RenderedMessage } from '../domain/message';

export interface MessageSummary {
  id: string;
  type: MessageType;
  orderId: string;
  subject: string;
  createdAt: string;
  channel: string;
}

export interface MessagePage {
  items: MessageSummary[];
  nextCursor: string | null;
}

export interface TakeOver {
  token: string;
  leaseExpiresAt: number;
  now: number;
  content: RenderedMessage & { recipient: string };
}

export interface SentDetails {
  sentAt: string;
  provider: string;
  providerMessageId: string;
}

/**
 * The message log, which is also the dedupe record. Every write is conditional: `create` only if the message id is
 * new, and each later transition only while the caller's claim token still holds the record.
 */
export interface MessageLog {
  /** Records a new message in state SENDING; false if a record with this id already exists. */
  create(record: MessageRecord): Promise<boolean>;
  /** Strongly consistent read. */
  get(messageId: string): Promise<MessageRecord | undefined>;
  /**
   * Takes over a SENDING record whose lease has expired (its sender crashed or gave up): succeeds only if the record
   * is still SENDING under `expectedToken` and its lease ended before `now`. The freshly rendered content replaces
   * the recorded one, so the log always holds what was last handed to the sender.
   */
  takeOver(messageId: string, expectedToken: string, claim: TakeOver): Promise<boolean>;
  /** SENDING -> SENT under the caller's token; false if the caller no longer holds the claim. */
  markSent(messageId: string, token: string, details: SentDetails): Promise<boolean>;
  /** Gives up the claim after a failed send so the next delivery can retry at once. */
  release(messageId: string, token: string, error: string): Promise<void>;
  /** A customer's SENT messages, newest first. */
  listByCustomer(customerId: string, options: { limit: number; cursor?: string }): Promise<MessagePage>;
}
