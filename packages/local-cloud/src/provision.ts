import {
  CreateTableCommand,
  ResourceInUseException,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, type AwsClients } from './aws-clients';
import { ResourceCatalog, type NamedResource, type QueueResource } from './cfn/resource-catalog';
import { resourcesOfType, type CfnTemplate } from './cfn/template';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION, queueNameFromArn, type Endpoints } from './local-defaults';

export interface ProvisionOptions {
  region?: string;
  /** `<service>-<stage>` as Serverless names stacks; used for resources without an explicit name. */
  stackName?: string;
  /** Defaults to the emulators' 000000000000 (what `${AWS::AccountId}` resolves to). */
  accountId?: string;
}

export interface ProvisionedQueue extends QueueResource {
  /** VisibilityTimeout in seconds (SQS default 30). */
  visibilityTimeout: number;
  /** From the RedrivePolicy, when the queue has one. */
  deadLetter?: { name: string; arn: string; url: string; maxReceiveCount: number };
}
export type ProvisionedTable = NamedResource;
export interface ProvisionedBucket extends NamedResource {
  /** The bucket's NotificationConfiguration with every intrinsic resolved (what the runner delivers from). */
  notificationConfiguration?: Record<string, unknown>;
}

export interface ProvisionedResources {
  /** By logical id (e.g. `Inbox`, `InboxDlq`). */
  queues: Record<string, ProvisionedQueue>;
  tables: Record<string, ProvisionedTable>;
  buckets: Record<string, ProvisionedBucket>;
  /** Queue URL by physical queue name. */
  queueUrl(name: string): string;
}

const QUEUE_ATTRIBUTES = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
  'FifoQueue',
  'ContentBasedDeduplication',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
] as const;

const queueAttributes = (properties: Record<string, unknown>, catalog: ResourceCatalog): Record<string, string> => {
  const attributes: Record<string, string> = {};
  for (const name of QUEUE_ATTRIBUTES) {
    if (properties[name] !== undefined) attributes[name] = String(catalog.resolve(properties[name]));
  }
  const redrive = properties.RedrivePolicy;
  if (redrive !== undefined) {
    const policy = (typeof redrive === 'string' ? JSON.parse(redrive) : catalog.resolve(redrive)) as Record<string, unknown>;
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: String(policy.deadLetterTargetArn),
      maxReceiveCount: Number(policy.maxReceiveCount),
    });
  }
  return attributes;
};

/** DLQs first: a queue's RedrivePolicy target must exist when the queue is created. */
const deadLetterFirst = (template: CfnTemplate): string[] => {
  const queues = resourcesOfType(template, 'AWS::SQS::Queue');
  return [...queues.filter(([, q]) => !q.Properties?.RedrivePolicy), ...queues.filter(([, q]) => q.Properties?.RedrivePolicy)].map(
    ([logicalId]) => logicalId,
  );
};

const provisionQueues = async (catalog: ResourceCatalog, clients: AwsClients): Promise<Record<string, ProvisionedQueue>> => {
  const queues: Record<string, ProvisionedQueue> = {};
  for (const logicalId of deadLetterFirst(catalog.template)) {
    const properties = catalog.template.Resources[logicalId]?.Properties ?? {};
    const queue = catalog.queue(logicalId);
    const attributes = queueAttributes(properties, catalog);
    await clients.sqs.send(new CreateQueueCommand({ QueueName: queue.name, Attributes: attributes }));
    const provisioned: ProvisionedQueue = { ...queue, visibilityTimeout: Number(attributes.VisibilityTimeout ?? 30) };
    if (attributes.RedrivePolicy) {
      const policy = JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn: string; maxReceiveCount: number };
      const dlqName = queueNameFromArn(policy.deadLetterTargetArn);
      const dlq = Object.values(queues).find((candidate) => candidate.name === dlqName);
      provisioned.deadLetter = {
        name: dlqName,
        arn: policy.deadLetterTargetArn,
        url: dlq?.url ?? queue.url.replace(/[^/]+$/, dlqName),
        maxReceiveCount: Number(policy.maxReceiveCount),
      };
    }
    queues[logicalId] = provisioned;
  }
  return queues;
};

const tableInput = (name: string, properties: Record<string, unknown>): CreateTableCommandInput => {
  const projection = (index: Record<string, unknown>): Projection => (index.Projection as Projection | undefined) ?? { ProjectionType: 'ALL' };
  const gsis = (properties.GlobalSecondaryIndexes as Record<string, unknown>[] | undefined)?.map(
    (index): GlobalSecondaryIndex => ({
      IndexName: index.IndexName as string,
      KeySchema: index.KeySchema as KeySchemaElement[],
      Projection: projection(index),
    }),
  );
  const lsis = (properties.LocalSecondaryIndexes as Record<string, unknown>[] | undefined)?.map(
    (index): LocalSecondaryIndex => ({
      IndexName: index.IndexName as string,
      KeySchema: index.KeySchema as KeySchemaElement[],
      Projection: projection(index),
    }),
  );
  return {
    TableName: name,
    AttributeDefinitions: properties.AttributeDefinitions as AttributeDefinition[],
    KeySchema: properties.KeySchema as KeySchemaElement[],
    // Always on-demand locally, whatever the template says (DESIGN: DynamoDB on-demand).
    BillingMode: 'PAY_PER_REQUEST',
    ...(gsis?.length ? { GlobalSecondaryIndexes: gsis } : {}),
    ...(lsis?.length ? { LocalSecondaryIndexes: lsis } : {}),
  };
};

const provisionTables = async (catalog: ResourceCatalog, clients: AwsClients): Promise<Record<string, ProvisionedTable>> => {
  const tables: Record<string, ProvisionedTable> = {};
  for (const [logicalId, resource] of resourcesOfType(catalog.template, 'AWS::DynamoDB::Table')) {
    const name = catalog.nameOf(logicalId);
    const { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, LocalSecondaryIndexes } = resource.Properties ?? {};
    const properties = catalog.resolve({ AttributeDefinitions, KeySchema, GlobalSecondaryIndexes, LocalSecondaryIndexes }) as Record<string, unknown>;
    try {
      await clients.dynamodb.send(new CreateTableCommand(tableInput(name, properties)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw new Error(`creating table ${name}: ${(error as Error).message}`, { cause: error });
    }
    tables[logicalId] = { logicalId, name, arn: catalog.arnOf(logicalId) };
  }
  return tables;
};

/** The Serverless deployment bucket only holds deployment artifacts: nothing local needs it. */
const DEPLOYMENT_BUCKET = 'ServerlessDeploymentBucket';

const provisionBuckets = async (catalog: ResourceCatalog, clients: AwsClients): Promise<Record<string, ProvisionedBucket>> => {
  const buckets: Record<string, ProvisionedBucket> = {};
  for (const [logicalId, resource] of resourcesOfType(catalog.template, 'AWS::S3::Bucket')) {
    if (logicalId === DEPLOYMENT_BUCKET) continue;
    const name = catalog.nameOf(logicalId);
    const region = catalog.options.region;
    try {
      await clients.s3.send(
        new CreateBucketCommand({
          Bucket: name,
          ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
        }),
      );
    } catch (error) {
      const code = (error as { name?: string }).name;
      if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') {
        throw new Error(`creating bucket ${name}: ${(error as Error).message}`, { cause: error });
      }
    }
    const notifications = resource.Properties?.NotificationConfiguration;
    buckets[logicalId] = {
      logicalId,
      name,
      arn: catalog.arnOf(logicalId),
      ...(notifications ? { notificationConfiguration: catalog.resolve(notifications) as Record<string, unknown> } : {}),
    };
  }
  return buckets;
};

export const catalogFor = (template: CfnTemplate, endpoints: Endpoints | undefined, options: ProvisionOptions = {}): ResourceCatalog =>
  new ResourceCatalog(template, {
    region: options.region ?? LOCAL_REGION,
    accountId: options.accountId ?? LOCAL_ACCOUNT_ID,
    stackName: options.stackName ?? 'local',
    ...(endpoints ? { sqsEndpoint: endpoints.sqs } : {}),
  });

/**
 * Creates in the emulators every SQS queue (attributes + RedrivePolicy to its resolved DLQ), DynamoDB table (keys,
 * GSIs, LSIs, on-demand) and S3 bucket of a packaged CloudFormation template, and returns what it created.
 * Idempotent: provisioning the same template twice is harmless.
 */
export const provisionFromTemplate = async (
  template: CfnTemplate,
  endpoints: Endpoints,
  options: ProvisionOptions = {},
): Promise<ProvisionedResources> => {
  const catalog = catalogFor(template, endpoints, options);
  const clients = createAwsClients(endpoints, { region: catalog.options.region });
  try {
    const queues = await provisionQueues(catalog, clients);
    const [tables, buckets] = await Promise.all([provisionTables(catalog, clients), provisionBuckets(catalog, clients)]);
    return {
      queues,
      tables,
      buckets,
      queueUrl: (name) => {
        const queue = Object.values(queues).find((candidate) => candidate.name === name);
        if (!queue) throw new Error(`no queue named ${name} was provisioned (have: ${Object.values(queues).map((q) => q.name).join(', ')})`);
        return queue.url;
      },
    };
  } finally {
    clients.destroy();
  }
};
