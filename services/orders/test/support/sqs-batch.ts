import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaContext } from '@commerce/service-kit/testing';

export type SqsLambda = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

const toRecord = (message: Message, queueArn: string): SQSEvent['Records'][number] => ({
  messageId: message.MessageId ?? '',
  receiptHandle: message.ReceiptHandle ?? '',
  body: message.Body ?? '',
  attributes: {
    ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: message.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: 'local',
    ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: 'eu-west-1',
});

export interface BatchRun {
  received: Message[];
  response: SQSBatchResponse;
  /** The handler threw (Powertools does when every record failed): Lambda then retries the whole batch. */
  threw: boolean;
}

/**
 * One poll of Lambda's SQS event source, for tests: receive up to 10 real messages, invoke the handler with them as
 * one batch, delete the records it did not report as failed; reported failures are made visible again at once
 * (standing in for the visibility timeout) so a test can watch them reach maxReceiveCount and the DLQ.
 */
export const runSqsBatch = async (sqs: SQSClient, queue: { url: string; arn: string }, handler: SqsLambda): Promise<BatchRun> => {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }),
  );
  if (Messages.length === 0) return { received: [], response: { batchItemFailures: [] }, threw: false };
  let threw = false;
  const response = await handler({ Records: Messages.map((message) => toRecord(message, queue.arn)) }, lambdaContext()).catch(() => {
    threw = true;
    return { batchItemFailures: Messages.map((message) => ({ itemIdentifier: message.MessageId ?? '' })) };
  });
  const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
  const succeeded = Messages.filter((message) => !failed.has(message.MessageId ?? ''));
  const retried = Messages.filter((message) => failed.has(message.MessageId ?? ''));
  if (succeeded.length > 0) {
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: succeeded.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? '' })),
      }),
    );
  }
  if (retried.length > 0) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queue.url,
        Entries: retried.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? '', VisibilityTimeout: 0 })),
      }),
    );
  }
  return { received: Messages, response, threw };
};

const parseBody = (body: string): unknown => {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
};

/** Receives and deletes everything currently in a queue (bodies parsed as JSON when they are JSON). */
export const drainQueue = async (sqs: SQSClient, url: string): Promise<unknown[]> => {
  const bodies: unknown[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((message) => parseBody(message.Body ?? '')));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? '' })),
      }),
    );
  }
};
