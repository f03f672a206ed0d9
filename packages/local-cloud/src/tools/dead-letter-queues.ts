import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  StartMessageMoveTaskCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { APP } from '@commerce/serverless-config';
import { queueNameFromArn, queueNameFromUrl } from '../local-defaults';

export interface DeadLetterQueue {
  name: string;
  url: string;
  arn: string;
  depth: number;
  inFlight: number;
  /** The queues whose RedrivePolicy targets it (where redrive sends messages back). */
  sources: { name: string; url: string; arn: string; maxReceiveCount: number }[];
}

const listAll = async (sqs: SQSClient, prefix: string): Promise<string[]> => {
  const urls: string[] = [];
  let token: string | undefined;
  do {
    const page = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 1000, ...(token ? { NextToken: token } : {}) }));
    urls.push(...(page.QueueUrls ?? []));
    token = page.NextToken;
  } while (token);
  return urls;
};

/**
 * Every DLQ of a stage, found through the queues' own RedrivePolicy (what is deployed, not what a template says):
 * works the same against the local emulators and a deployed stage.
 */
export const deadLetterQueues = async (sqs: SQSClient, stage: string): Promise<DeadLetterQueue[]> => {
  const urls = await listAll(sqs, `${APP}-${stage}-`);
  const described = await Promise.all(
    urls.map(async (url) => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['QueueArn', 'RedrivePolicy', 'ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return { url, name: queueNameFromUrl(url), attributes: Attributes };
    }),
  );
  const byName = new Map(described.map((queue) => [queue.name, queue]));
  const dlqs = new Map<string, DeadLetterQueue>();
  for (const queue of described) {
    if (!queue.attributes.RedrivePolicy) continue;
    const policy = JSON.parse(queue.attributes.RedrivePolicy) as { deadLetterTargetArn: string; maxReceiveCount: number | string };
    const dlqName = queueNameFromArn(policy.deadLetterTargetArn);
    const dlq = byName.get(dlqName);
    if (!dlq) continue;
    const entry = dlqs.get(dlqName) ?? {
      name: dlqName,
      url: dlq.url,
      arn: policy.deadLetterTargetArn,
      depth: Number(dlq.attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(dlq.attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      sources: [],
    };
    entry.sources.push({ name: queue.name, url: queue.url, arn: queue.attributes.QueueArn ?? '', maxReceiveCount: Number(policy.maxReceiveCount) });
    dlqs.set(dlqName, entry);
  }
  return [...dlqs.values()].sort((a, b) => a.name.localeCompare(b.name));
};

/** Looks at up to `max` messages without consuming them (each is made visible again at once). */
export const peekMessages = async (sqs: SQSClient, queueUrl: string, max = 10): Promise<Message[]> => {
  const seen = new Map<string, Message>();
  for (let attempt = 0; attempt < 5 && seen.size < max; attempt += 1) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, max - seen.size),
        VisibilityTimeout: 0,
        WaitTimeSeconds: attempt === 0 ? 1 : 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const fresh = Messages.filter((message) => !seen.has(message.MessageId!));
    if (fresh.length === 0 && Messages.length > 0) break;
    fresh.forEach((message) => seen.set(message.MessageId!, message));
    if (Messages.length === 0) break;
  }
  return [...seen.values()];
};

export interface RedriveResult {
  moved: number;
  /** `move-task` = SQS StartMessageMoveTask (AWS); `receive-send-delete` = moved one by one (the emulator has no move tasks). */
  method: 'move-task' | 'receive-send-delete';
  taskHandle?: string;
}

/**
 * Moves a DLQ's messages back to its source queue: with StartMessageMoveTask on AWS; message by message (receive,
 * send with the same body and attributes, delete) against the emulator, which has no move tasks.
 */
export const redrive = async (sqs: SQSClient, dlq: DeadLetterQueue, options: { local: boolean; source?: string }): Promise<RedriveResult> => {
  const source = options.source ? dlq.sources.find((candidate) => candidate.name === options.source) : dlq.sources[0];
  if (!source) throw new Error(`${dlq.name}: no source queue ${options.source ?? ''} (sources: ${dlq.sources.map((s) => s.name).join(', ')})`);
  if (dlq.sources.length > 1 && !options.source) {
    throw new Error(`${dlq.name} serves several queues (${dlq.sources.map((s) => s.name).join(', ')}): pick one with --to`);
  }
  if (!options.local) {
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: source.arn }));
    return { moved: dlq.depth, method: 'move-task', ...(TaskHandle ? { taskHandle: TaskHandle } : {}) };
  }
  let moved = 0;
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq.url, MaxNumberOfMessages: 10, WaitTimeSeconds: moved === 0 ? 1 : 0, VisibilityTimeout: 30, MessageAttributeNames: ['All'] }),
    );
    if (Messages.length === 0) return { moved, method: 'receive-send-delete' };
    const entries = Messages.map((message, index) => ({
      Id: String(index),
      MessageBody: message.Body ?? '',
      ...(message.MessageAttributes && Object.keys(message.MessageAttributes).length > 0 ? { MessageAttributes: message.MessageAttributes } : {}),
    }));
    const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: source.url, Entries: entries }));
    const ok = new Set((sent.Successful ?? []).map((entry) => entry.Id));
    const done = Messages.filter((_, index) => ok.has(String(index)));
    if (done.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: dlq.url, Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })) }),
      );
    }
    moved += done.length;
    if (done.length < Messages.length) throw new Error(`${Messages.length - done.length} message(s) could not be sent to ${source.name}; they stay in ${dlq.name}`);
  }
};

export const queueUrlOf = async (sqs: SQSClient, name: string): Promise<string> => {
  try {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (QueueUrl) return QueueUrl;
  } catch (error) {
    throw new Error(`queue ${name}: ${(error as Error).message}`, { cause: error });
  }
  throw new Error(`queue ${name} does not exist`);
};
