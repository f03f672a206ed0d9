import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttribute, SQSRecord } from 'aws-lambda';

const lambdaAttribute = (value: MessageAttributeValue): SQSMessageAttribute => ({
  ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
  ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
  stringListValues: value.StringListValues ?? [],
  binaryListValues: (value.BinaryListValues ?? []).map((item) => Buffer.from(item).toString('base64')),
  dataType: (value.DataType ?? 'String') as SQSMessageAttribute['dataType'],
});

/** One received SQS message as Lambda's SQS event source hands it to a function. */
export const toSqsRecord = (message: Message, queueArn: string, region: string): SQSRecord => {
  const system = message.Attributes ?? {};
  const attributes = {
    ApproximateReceiveCount: system.ApproximateReceiveCount ?? '1',
    SentTimestamp: system.SentTimestamp ?? String(Date.now()),
    SenderId: system.SenderId ?? 'AIDALOCALSENDER',
    ApproximateFirstReceiveTimestamp: system.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    ...(system.MessageGroupId ? { MessageGroupId: system.MessageGroupId } : {}),
    ...(system.MessageDeduplicationId ? { MessageDeduplicationId: system.MessageDeduplicationId } : {}),
    ...(system.SequenceNumber ? { SequenceNumber: system.SequenceNumber } : {}),
    ...(system.AWSTraceHeader ? { AWSTraceHeader: system.AWSTraceHeader } : {}),
  };
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: attributes as SQSRecord['attributes'],
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, lambdaAttribute(value)]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
};

export const toSqsEvent = (messages: Message[], queueArn: string, region: string): SQSEvent => ({
  Records: messages.map((message) => toSqsRecord(message, queueArn, region)),
});
