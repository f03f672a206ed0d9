import { InvalidCursorError } from '../domain/errors';
import type { MessageRecord } from '../domain/message';
import type { MessageLog, MessagePage, SentDetails, TakeOver } from '../ports/message-log';

/**
 * The message log in memory, with the same conditional semantics as the DynamoDB adapter (for unit tests of the
 * use cases; the DynamoDB adapter itself is tested against the emulator).
 */
export class MemoryMessageLog implements MessageLog {
  readonly records = new Map<string, MessageRecord>();

  async create(record: MessageRecord): Promise<boolean> {
    if (this.records.has(record.messageId)) return false;
    this.records.set(record.messageId, structuredClone(record));
    return true;
  }

  async get(messageId: string): Promise<MessageRecord | undefined> {
    const record = this.records.get(messageId);
    return record && structuredClone(record);
  }

  async takeOver(messageId: string, expectedToken: string, claim: TakeOver): Promise<boolean> {
    const record = this.records.get(messageId);
    if (!record || record.status !== 'SENDING' || record.claimToken !== expectedToken || record.leaseExpiresAt >= claim.now) return false;
    Object.assign(record, claim.content, { claimToken: claim.token, leaseExpiresAt: claim.leaseExpiresAt, attempts: record.attempts + 1 });
    return true;
  }

  async markSent(messageId: string, token: string, details: SentDetails): Promise<boolean> {
    const record = this.records.get(messageId);
    if (!record || record.status !== 'SENDING' || record.claimToken !== token) return false;
    Object.assign(record, details, { status: 'SENT' });
    return true;
  }

  async release(messageId: string, token: string, error: string): Promise<void> {
    const record = this.records.get(messageId);
    if (record?.status === 'SENDING' && record.claimToken === token) Object.assign(record, { leaseExpiresAt: 0, lastError: error });
  }

  async listByCustomer(customerId: string, { limit, cursor }: { limit: number; cursor?: string }): Promise<MessagePage> {
    const sortKey = (record: MessageRecord): string => `${record.createdAt}#${record.messageId}`;
    const sent = [...this.records.values()]
      .filter((record) => record.customerId === customerId && record.status === 'SENT')
      .sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : -1));
    let start = 0;
    if (cursor !== undefined) {
      const index = sent.findIndex((record) => record.messageId === cursor);
      if (index < 0) throw new InvalidCursorError('unknown cursor');
      start = index + 1;
    }
    const page = sent.slice(start, start + limit);
    return {
      items: page.map((record) => ({
        id: record.messageId, type: record.type, orderId: record.orderId, subject: record.subject, createdAt: record.createdAt, channel: record.channel,
      })),
      nextCursor: start + limit < sent.length ? page[page.length - 1]!.messageId : null,
    };
  }
}
