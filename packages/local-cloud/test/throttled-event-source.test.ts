/**
 * An SQS record whose invocation is throttled (the function at its concurrency limit) is never deleted: it stays in
 * the queue, comes back after the visibility timeout and is processed once the function has room (real fauxqs).
 */
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { createAwsClients, provisionFromTemplate, startEmulators, startEventSourceRunner, type AwsClients, type CfnTemplate, type Emulators, type EventSourceRunner } from '../src';
import type { LambdaInvoker } from '../src/runner/lambda-invoker';
import { eventually } from './support/fake-lambda';

const template: CfnTemplate = {
  Resources: {
    Dlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'th-inbox-dlq' } },
    Inbox: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'th-inbox', VisibilityTimeout: 1, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }, maxReceiveCount: 5 } } },
    ConsumerLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'th-consumer' } },
    Mapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { EventSourceArn: { 'Fn::GetAtt': ['Inbox', 'Arn'] }, FunctionName: { 'Fn::GetAtt': ['ConsumerLambdaFunction', 'Arn'] }, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] },
    },
  },
};

describe('event-source runner with a throttled function', () => {
  let emulators: Emulators;
  let clients: AwsClients;
  let runner: EventSourceRunner;
  const attempts: { throttled: boolean; receiveCount: string }[] = [];

  beforeAll(async () => {
    emulators = await startEmulators();
    clients = createAwsClients(emulators.endpoints);
    await provisionFromTemplate(template, emulators.endpoints, { stackName: 'th-local' });
    // Throttled twice (nothing runs), then the function has room.
    const invoker: LambdaInvoker = {
      invoke: async (_name, event) => {
        const receiveCount = (event as SQSEvent).Records[0]!.attributes.ApproximateReceiveCount;
        const throttled = attempts.length < 2;
        attempts.push({ throttled, receiveCount });
        return throttled ? { ok: false, throttled: true, error: 'TooManyRequestsException' } : { ok: true, payload: { batchItemFailures: [] } };
      },
    };
    runner = startEventSourceRunner({ endpoints: emulators.endpoints, services: [{ template, stackName: 'th-local', invoker }], log: () => undefined, waitTimeSeconds: 1, concurrency: 1 });
  }, 60_000);

  afterAll(async () => {
    await runner?.stop();
    clients?.destroy();
    await emulators?.stop();
  });

  it('leaves the record in the queue while throttled and processes it when redelivered', async () => {
    const url = `${emulators.endpoints.sqs}/000000000000/th-inbox`;
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'order-1' }));
    await eventually(() => (attempts.some((attempt) => !attempt.throttled) ? true : undefined), 20_000);
    expect(attempts.map((attempt) => attempt.throttled)).toEqual([true, true, false]);
    // Each attempt was a redelivery of the same, undeleted message.
    expect(attempts.map((attempt) => attempt.receiveCount)).toEqual(['1', '2', '3']);
    const depth = async (queueUrl: string): Promise<number> => {
      const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    };
    await eventually(async () => ((await depth(url)) === 0 ? true : undefined), 10_000);
    expect(await depth(`${emulators.endpoints.sqs}/000000000000/th-inbox-dlq`)).toBe(0);
  });
});
