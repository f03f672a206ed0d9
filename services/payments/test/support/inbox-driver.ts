import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext } from '@commerce/service-kit/testing';

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

const toRecord = (message: Message, queueArn: string): SQSRecord => ({
  messageId: message.MessageId!,
  receiptHandle: message.ReceiptHandle!,
  body: message.Body ?? '',
  attributes: {
    ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: message.Attributes?.SentTimestamp ?? '0',
    SenderId: message.Attributes?.SenderId ?? 'local',
    ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? '0',
  },
  messageAttributes: {},
  md5OfBody: message.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: 'eu-west-1',
});

export const sendJson = (sqs: SQSClient, queueUrl: string, body: unknown) =>
  sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(body) }));

export interface DeliveryRound {
  records: number;
  failed: string[];
}

/**
 * What Lambda's SQS event source does, in the test's own hands: receive batches from the real (emulated) inbox,
 * invoke the handler, delete the records it did not report as failed. Failed records become visible again at once
 * when `retryFailedNow` is set (standing in for the visibility timeout running out).
 */
export const deliverOnce = async (
  sqs: SQSClient,
  queue: { url: string; arn: string },
  handler: SqsHandler,
  options: { retryFailedNow?: boolean } = {},
): Promise<DeliveryRound> => {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'] }),
  );
  if (Messages.length === 0) return { records: 0, failed: [] };
  // As in Lambda, an invocation that throws (Powertools throws FullBatchFailureError when every record failed)
  // leaves every record of the batch to come back.
  const response = await handler({ Records: Messages.map((message) => toRecord(message, queue.arn)) }, lambdaContext()).catch(
    (): SQSBatchResponse => ({ batchItemFailures: Messages.map((message) => ({ itemIdentifier: message.MessageId! })) }),
  );
  const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
  const succeeded = Messages.filter((message) => !failed.has(message.MessageId!));
  if (succeeded.length > 0) {
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: succeeded.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
      }),
    );
  }
  const retry = Messages.filter((message) => failed.has(message.MessageId!));
  if (options.retryFailedNow && retry.length > 0) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queue.url,
        Entries: retry.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle!, VisibilityTimeout: 0 })),
      }),
    );
  }
  return { records: Messages.length, failed: [...failed] };
};

/** Delivers until the inbox is empty (failed records retried at once), returning every round. */
export const drain = async (sqs: SQSClient, queue: { url: string; arn: string }, handler: SqsHandler, maxRounds = 20) => {
  const rounds: DeliveryRound[] = [];
  for (let round = 0; round < maxRounds; round += 1) {
    const result = await deliverOnce(sqs, queue, handler, { retryFailedNow: true });
    if (result.records === 0) return rounds;
    rounds.push(result);
  }
  throw new Error(`inbox ${queue.url} still had messages after ${maxRounds} rounds`);
};

/** Every message currently in a queue (received and deleted): what a subscriber would get. */
export const takeAll = async (sqs: SQSClient, queueUrl: string): Promise<unknown[]> => {
  const bodies: unknown[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((message) => JSON.parse(message.Body ?? 'null') as unknown));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
      }),
    );
  }
};
