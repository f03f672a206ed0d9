import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import {
  createAwsClients,
  provisionFromTemplate,
  startEmulators,
  startEventSourceRunner,
  type AwsClients,
  type CfnTemplate,
  type Emulators,
  type EventSourceRunner,
  type ProvisionedResources,
} from '../src';
import { eventually, startFakeLambda, type FakeLambda } from './support/fake-lambda';

const fn = (name: string) => ({ Type: 'AWS::Lambda::Function', Properties: { FunctionName: name } });
const mapping = (queue: string, fnId: string, extra: Record<string, unknown>) => ({
  Type: 'AWS::Lambda::EventSourceMapping',
  Properties: { EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] }, FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] }, ...extra },
});

const template: CfnTemplate = {
  Resources: {
    InboxDlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'rt-inbox-dlq' } },
    Inbox: {
      Type: 'AWS::SQS::Queue',
      Properties: { QueueName: 'rt-inbox', VisibilityTimeout: 1, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['InboxDlq', 'Arn'] }, maxReceiveCount: 2 } },
    },
    Batched: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'rt-batched' } },
    Receipts: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'rt-receipts' } },
    ConsumerLambdaFunction: fn('rt-consumer'),
    BatcherLambdaFunction: fn('rt-batcher'),
    ImagesLambdaFunction: fn('rt-images'),
    InboxMapping: mapping('Inbox', 'ConsumerLambdaFunction', { BatchSize: 10, MaximumBatchingWindowInSeconds: 0, FunctionResponseTypes: ['ReportBatchItemFailures'] }),
    BatchedMapping: mapping('Batched', 'BatcherLambdaFunction', { BatchSize: 3, MaximumBatchingWindowInSeconds: 2 }),
    Uploads: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: { 'Fn::Sub': 'rt-uploads-${AWS::AccountId}' },
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              Event: 's3:ObjectCreated:*',
              Queue: { 'Fn::GetAtt': ['Receipts', 'Arn'] },
              Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'receipts/' }, { Name: 'suffix', Value: '.json' }] } },
            },
          ],
          LambdaConfigurations: [
            { Event: 's3:ObjectCreated:Put', Function: { 'Fn::GetAtt': ['ImagesLambdaFunction', 'Arn'] }, Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'images/' }] } } },
          ],
        },
      },
    },
  },
};

describe('event-source runner (real fauxqs, functions behind the Lambda Invoke API)', () => {
  let emulators: Emulators;
  let clients: AwsClients;
  let resources: ProvisionedResources;
  let lambda: FakeLambda;
  let runner: EventSourceRunner;

  beforeAll(async () => {
    emulators = await startEmulators();
    clients = createAwsClients(emulators.endpoints);
    resources = await provisionFromTemplate(template, emulators.endpoints, { stackName: 'rt-local' });
    lambda = await startFakeLambda({
      // Fails exactly the records whose body is "poison" (ReportBatchItemFailures).
      'rt-consumer': (event) => ({
        batchItemFailures: (event as SQSEvent).Records.filter((r) => r.body === 'poison').map((r) => ({ itemIdentifier: r.messageId })),
      }) satisfies SQSBatchResponse,
      'rt-batcher': () => null,
      'rt-images': () => null,
    });
    runner = startEventSourceRunner({
      endpoints: emulators.endpoints,
      services: [{ template, stackName: 'rt-local', lambdaEndpoint: lambda.endpoint }],
      uploads: emulators,
      concurrency: 1,
      waitTimeSeconds: 1,
      log: () => undefined,
    });
  }, 60_000);

  afterAll(async () => {
    await runner?.stop();
    await lambda?.stop();
    clients?.destroy();
    await emulators?.stop();
  });

  const sqsRecords = (name: string): SQSEvent['Records'] => ((lambda.invocations.get(name) ?? []) as SQSEvent[]).flatMap((e) => e.Records);

  it('reads the event source mappings from the template', () => {
    expect(runner.sources.map(({ functionName, batchSize, maximumBatchingWindowInSeconds, reportBatchItemFailures }) => ({
      functionName, batchSize, maximumBatchingWindowInSeconds, reportBatchItemFailures,
    }))).toEqual([
      { functionName: 'rt-consumer', batchSize: 10, maximumBatchingWindowInSeconds: 0, reportBatchItemFailures: true },
      { functionName: 'rt-batcher', batchSize: 3, maximumBatchingWindowInSeconds: 2, reportBatchItemFailures: false },
    ]);
  });

  it('deletes the records that succeeded and lets a failed record retry until it reaches the DLQ', async () => {
    const inbox = resources.queues.Inbox!;
    await clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: inbox.url,
        Entries: ['good-1', 'poison', 'good-2'].map((body, index) => ({
          Id: String(index),
          MessageBody: body,
          MessageAttributes: { eventType: { DataType: 'String', StringValue: 'test.sent' } },
        })),
      }),
    );

    const dead = await eventually(async () => {
      const { Messages } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: inbox.deadLetter!.url, WaitTimeSeconds: 1 }));
      return Messages?.[0];
    }, 15_000);
    expect(dead.Body).toBe('poison');

    const records = sqsRecords('rt-consumer');
    expect(records.filter((r) => r.body === 'good-1')).toHaveLength(1);
    expect(records.filter((r) => r.body === 'good-2')).toHaveLength(1);
    expect(records.filter((r) => r.body === 'poison').map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect(records[0]).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:rt-inbox',
      awsRegion: 'eu-west-1',
      messageAttributes: { eventType: { stringValue: 'test.sent', dataType: 'String', stringListValues: [], binaryListValues: [] } },
    });
    expect(records[0]?.receiptHandle).toEqual(expect.any(String));
    expect(records[0]?.attributes.SentTimestamp).toMatch(/^\d+$/);
  }, 30_000);

  it('gathers a batch over the batching window', async () => {
    const queue = resources.queues.Batched!;
    for (const body of ['a', 'b', 'c']) {
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const events = await eventually(() => {
      const received = (lambda.invocations.get('rt-batcher') ?? []) as SQSEvent[];
      return received.flatMap((e) => e.Records).length >= 3 ? received : undefined;
    });
    expect(events.map((e) => e.Records.map((r) => r.body))).toEqual([['a', 'b', 'c']]);
  });

  it('turns uploads into S3 ObjectCreated notifications for the targets whose prefix/suffix filter matches', async () => {
    const bucket = resources.buckets.Uploads!.name;
    const put = (Key: string, Body: string) => clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
    await put('receipts/order 1.txt', 'not json: filtered out by the suffix');
    await put('other/o-1.json', 'filtered out by the prefix');
    await put('receipts/order 1.json', '{"orderId":"o-1"}');
    await put('images/cat.png', 'png');

    await runner.drain();
    const bodies: Record<string, unknown>[] = [];
    for (;;) {
      const { Messages = [] } = await clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: resources.queues.Receipts!.url, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }),
      );
      if (Messages.length === 0) break;
      bodies.push(...Messages.map((message) => JSON.parse(message.Body!) as Record<string, unknown>));
    }
    // S3's one-off test event when the configuration was saved, then exactly the one matching upload.
    expect(bodies.filter((body) => body.Event === 's3:TestEvent')).toEqual([expect.objectContaining({ Service: 'Amazon S3', Bucket: bucket })]);
    const records = bodies.filter((body) => body.Records) as unknown as S3Event[];
    expect(records).toHaveLength(1);
    const event = records[0]!;
    expect(event.Records[0]).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
        object: { key: 'receipts/order+1.json', size: 17, eTag: expect.stringMatching(/^[0-9a-f]{32}$/) },
      },
    });

    const images = await eventually(() => (lambda.invocations.get('rt-images') as S3Event[] | undefined)?.[0]);
    expect(images.Records[0]?.s3.object.key).toBe('images/cat.png');
    await runner.drain();
    expect(lambda.invocations.get('rt-images')).toHaveLength(1);
  });
});
