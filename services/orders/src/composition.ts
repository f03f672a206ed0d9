import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createSqsClient, inboxUrlsFromEnvironment, SqsEventPublisher, traced } from '@commerce/service-kit';
import { DynamoDbOrderRepository } from './adapters/dynamodb-order-repository';
import type { OrdersDeps } from './app/deps';
import { systemClock } from './ports/clock';
import { randomIds } from './ports/id-generator';

/**
 * The composition root: the only place AWS clients are built (traced: X-Ray subsegments when tracing is on). Built on first use (not at import), so tests can
 * import handlers without AWS environment variables. Endpoints come from the SDK's own AWS_ENDPOINT_URL_<SERVICE>.
 */
let deps: OrdersDeps | undefined;

const required = (name: string, env: NodeJS.ProcessEnv): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
};

export const buildDeps = (env: NodeJS.ProcessEnv = process.env): OrdersDeps => {
  const db = DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return {
    repository: new DynamoDbOrderRepository(db, required('ORDERS_TABLE', env), { outboxShards: Number(env.OUTBOX_SHARDS ?? 1) }),
    publisher: new SqsEventPublisher(createSqsClient(env), inboxUrlsFromEnvironment(env)),
    clock: systemClock,
    ids: randomIds,
  };
};

export const defaultDeps = (): OrdersDeps => (deps ??= buildDeps());
