import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidCursorError } from '../domain/errors';
import type { MessageRecord } from '../domain/message';
import type { MessageLog, MessagePage, MessageSummary, SentDetails, TakeOver } from '../ports/message-log';

/** GSI of SENT messages per customer, newest first: `customerId` + `listedAt` (= `createdAt#messageId`). Sparse. */
export const CUSTOMER_INDEX = 'byCustomer';

type Item = MessageRecord & { listedAt?: string };

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as { name?: string }).name === 'ConditionalCheckFailedException';

const conditional = async (write: () => Promise<unknown>): Promise<boolean> => {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

const LISTED_AT = /^\d{4}-\d{2}-\d{2}T[0-9:.]+Z#ntf_[0-9a-f]{32}$/;

/** Cursors carry only the last item's sort key: the customer always comes from the caller, never from the cursor. */
const encodeCursor = (listedAt: string): string => Buffer.from(JSON.stringify({ after: listedAt })).toString('base64url');

const decodeCursor = (cursor: string): string => {
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof after === 'string' && LISTED_AT.test(after)) return after;
  } catch {
    // fall through
  }
  throw new InvalidCursorError('the cursor is not one this API returned');
};

const summary = (item: Item): MessageSummary => ({
  id: item.messageId,
  type: item.type,
  orderId: item.orderId,
  subject: item.subject,
  createdAt: item.createdAt,
  channel: item.channel,
});

export class DynamoDbMessageLog implements MessageLog {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  create(record: MessageRecord): Promise<boolean> {
    return conditional(() =>
      this.documents.send(
        new PutCommand({ TableName: this.tableName, Item: record, ConditionExpression: 'attribute_not_exists(messageId)' }),
      ),
    );
  }

  async get(messageId: string): Promise<MessageRecord | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { messageId }, ConsistentRead: true }));
    if (!Item) return undefined;
    const { listedAt: _listedAt, ...record } = Item as Item;
    return record;
  }

  takeOver(messageId: string, expectedToken: string, claim: TakeOver): Promise<boolean> {
    return conditional(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { messageId },
          ConditionExpression: '#status = :sending AND claimToken = :expected AND leaseExpiresAt < :now',
          UpdateExpression:
            'SET claimToken = :token, leaseExpiresAt = :lease, attempts = attempts + :one, ' +
            'subject = :subject, #text = :text, html = :html, recipient = :recipient',
          ExpressionAttributeNames: { '#status': 'status', '#text': 'text' },
          ExpressionAttributeValues: {
            ':sending': 'SENDING',
            ':expected': expectedToken,
            ':now': claim.now,
            ':token': claim.token,
            ':lease': claim.leaseExpiresAt,
            ':one': 1,
            ':subject': claim.content.subject,
            ':text': claim.content.text,
            ':html': claim.content.html,
            ':recipient': claim.content.recipient,
          },
        }),
      ),
    );
  }

  async markSent(messageId: string, token: string, details: SentDetails): Promise<boolean> {
    const record = await this.get(messageId);
    if (!record) return false;
    return conditional(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { messageId },
          ConditionExpression: '#status = :sending AND claimToken = :token',
          UpdateExpression: 'SET #status = :sent, sentAt = :sentAt, provider = :provider, providerMessageId = :providerId, listedAt = :listedAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':sending': 'SENDING',
            ':token': token,
            ':sent': 'SENT',
            ':sentAt': details.sentAt,
            ':provider': details.provider,
            ':providerId': details.providerMessageId,
            ':listedAt': `${record.createdAt}#${messageId}`,
          },
        }),
      ),
    );
  }

  async release(messageId: string, token: string, error: string): Promise<void> {
    await conditional(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { messageId },
          ConditionExpression: '#status = :sending AND claimToken = :token',
          UpdateExpression: 'SET leaseExpiresAt = :zero, lastError = :error',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'SENDING', ':token': token, ':zero': 0, ':error': error.slice(0, 1000) },
        }),
      ),
    );
  }

  async listByCustomer(customerId: string, { limit, cursor }: { limit: number; cursor?: string }): Promise<MessagePage> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const { Items = [] } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: CUSTOMER_INDEX,
        KeyConditionExpression: 'customerId = :customerId',
        ExpressionAttributeValues: { ':customerId': customerId },
        ScanIndexForward: false,
        // One more than asked: tells whether a next page exists without returning an empty last page.
        Limit: limit + 1,
        ...(after ? { ExclusiveStartKey: { customerId, listedAt: after, messageId: after.split('#')[1] } } : {}),
      }),
    );
    const page = (Items as Item[]).slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summary),
      nextCursor: Items.length > limit && last?.listedAt ? encodeCursor(last.listedAt) : null,
    };
  }
}
