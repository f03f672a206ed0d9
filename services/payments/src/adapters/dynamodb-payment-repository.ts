import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '@commerce/domain-events';
import { ConcurrentUpdateError } from '../domain/errors';
import type { PaymentRecord } from '../domain/payment';
import type { PaymentRepository } from '../ports/payment-repository';

type Item = Omit<PaymentRecord, 'outbox'> & { outbox?: string[] };

const toItem = (record: PaymentRecord): Item => {
  const { outbox, ...rest } = record;
  return { ...rest, ...(outbox?.length ? { outbox: outbox.map((event) => JSON.stringify(event)) } : {}) };
};

const fromItem = (item: Record<string, unknown>): PaymentRecord => {
  const { outbox, ...rest } = item as Item;
  return { ...rest, ...(outbox?.length ? { outbox: outbox.map((event) => JSON.parse(event) as DomainEvent) } : {}) } as PaymentRecord;
};

/**
 * Table `<app>-<stage>-payments-payments`, partition key `orderId`: one item per order holding its whole payment
 * state. Writes are PutItem with a condition (create: no item yet; replace: stored version = read version).
 */
export class DynamoDbPaymentRepository implements PaymentRepository {
  private readonly documents: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(orderId: string): Promise<PaymentRecord | undefined> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { orderId }, ConsistentRead: true }));
    return Item ? fromItem(Item) : undefined;
  }

  async create(record: PaymentRecord): Promise<void> {
    await this.conditionalPut(record, 'attribute_not_exists(orderId)', undefined);
  }

  async replace(record: PaymentRecord): Promise<void> {
    await this.conditionalPut(record, '#version = :expected', record.version - 1);
  }

  private async conditionalPut(record: PaymentRecord, condition: string, expected: number | undefined): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(record),
          ConditionExpression: condition,
          ...(expected === undefined
            ? {}
            : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expected } }),
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException') {
        throw new ConcurrentUpdateError(`payment ${record.orderId} changed concurrently`);
      }
      throw error;
    }
  }
}
