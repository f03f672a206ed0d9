import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, provisionFromTemplate, startEmulators, type AwsClients, type CfnTemplate, type Emulators } from '../src';

const template: CfnTemplate = {
  Resources: {
    Dlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'svc-test-inbox-dlq', MessageRetentionPeriod: 1209600 } },
    Inbox: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: 'svc-test-inbox',
        SqsManagedSseEnabled: true,
        VisibilityTimeout: 1,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 2 },
      },
    },
    Unnamed: { Type: 'AWS::SQS::Queue', Properties: {} },
    Orders: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: { 'Fn::Sub': '${AWS::StackName}-orders' },
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          { IndexName: 'byCustomer', KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
        ],
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      },
    },
    Receipts: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: { 'Fn::Sub': 'svc-test-receipts-${AWS::AccountId}' },
        NotificationConfiguration: {
          QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Queue: { 'Fn::GetAtt': ['Inbox', 'Arn'] } }],
        },
      },
    },
    ServerlessDeploymentBucket: { Type: 'AWS::S3::Bucket' },
  },
};

describe('provisionFromTemplate', () => {
  let emulators: Emulators;
  let clients: AwsClients;

  beforeAll(async () => {
    emulators = await startEmulators();
    clients = createAwsClients(emulators.endpoints);
  });
  afterAll(async () => {
    clients?.destroy();
    await emulators?.stop();
  });

  it('creates queues with their redrive policy, tables with their indexes and buckets, resolving intrinsics', async () => {
    const resources = await provisionFromTemplate(template, emulators.endpoints, { stackName: 'svc-test' });

    expect(resources.queues.Inbox).toMatchObject({
      name: 'svc-test-inbox',
      arn: 'arn:aws:sqs:eu-west-1:000000000000:svc-test-inbox',
      url: `${emulators.endpoints.sqs}/000000000000/svc-test-inbox`,
      visibilityTimeout: 1,
      deadLetter: { name: 'svc-test-inbox-dlq', maxReceiveCount: 2, url: resources.queues.Dlq!.url },
    });
    expect(resources.queues.Unnamed!.name).toBe('svc-test-Unnamed');
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: resources.queueUrl('svc-test-inbox'), AttributeNames: ['All'] }),
    );
    expect(Attributes).toMatchObject({ VisibilityTimeout: '1' });
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:000000000000:svc-test-inbox-dlq',
      maxReceiveCount: 2,
    });

    const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: 'svc-test-orders' }));
    expect(Table?.GlobalSecondaryIndexes?.[0]?.IndexName).toBe('byCustomer');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');

    expect(resources.buckets.Receipts).toMatchObject({
      name: 'svc-test-receipts-000000000000',
      notificationConfiguration: {
        QueueConfigurations: [{ Event: 's3:ObjectCreated:*', Queue: 'arn:aws:sqs:eu-west-1:000000000000:svc-test-inbox' }],
      },
    });
    await expect(clients.s3.send(new HeadBucketCommand({ Bucket: 'svc-test-receipts-000000000000' }))).resolves.toBeDefined();
    expect(resources.buckets.ServerlessDeploymentBucket).toBeUndefined();

    // Idempotent: provisioning again is harmless.
    await expect(provisionFromTemplate(template, emulators.endpoints, { stackName: 'svc-test' })).resolves.toBeDefined();
  });

  it('moves a message that is received maxReceiveCount times to the DLQ (fauxqs semantics through the provisioned policy)', async () => {
    const resources = await provisionFromTemplate(template, emulators.endpoints, { stackName: 'svc-test' });
    const inbox = resources.queues.Inbox!;
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: inbox.url, MessageBody: 'poison' }));
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      const { Messages } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: inbox.url, WaitTimeSeconds: 2, VisibilityTimeout: 0 }));
      expect(Messages?.[0]?.Body).toBe('poison');
    }
    // The receive after the maxReceiveCount-th moves it instead of delivering it (as SQS does).
    const third = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: inbox.url, WaitTimeSeconds: 1 }));
    expect(third.Messages ?? []).toHaveLength(0);
    const dead = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: inbox.deadLetter!.url, WaitTimeSeconds: 2 }));
    expect(dead.Messages?.[0]?.Body).toBe('poison');
  });
});
