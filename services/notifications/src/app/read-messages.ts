import type { MessageRecord } from '../domain/message';
import type { MessageLog, MessagePage } from '../ports/message-log';

export const listMessages = (log: MessageLog, customerId: string, options: { limit: number; cursor?: string }): Promise<MessagePage> =>
  log.listByCustomer(customerId, options);

/** A sent message of this customer; undefined for unknown ids, other customers' messages and unfinished sends. */
export const getMessage = async (log: MessageLog, customerId: string, messageId: string): Promise<MessageRecord | undefined> => {
  const record = await log.get(messageId);
  return record && record.customerId === customerId && record.status === 'SENT' ? record : undefined;
};
