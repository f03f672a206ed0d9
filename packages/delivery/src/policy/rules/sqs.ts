import { isRecord, numeric, props, referencedId, render, resourcesOfType, type CfnTemplate, type Rule, type Violation } from '../cfn';

export const MIN_MAX_RECEIVE_COUNT = 5;
export const VISIBILITY_FACTOR = 6;
/** CloudFormation defaults when a property is omitted. */
const DEFAULT_VISIBILITY_TIMEOUT = 30;
const DEFAULT_LAMBDA_TIMEOUT = 3;

/**
 * The logical id of the template's queue an ARN value designates: `!GetAtt Queue.Arn`, or an ARN built from the
 * deterministic name (`arn:...:sqs:...:commerce-dev-orders-inbox`).
 */
export const queueIdOf = (template: CfnTemplate, arn: unknown): string | undefined => {
  const queues = resourcesOfType(template, 'AWS::SQS::Queue');
  const id = referencedId(arn);
  if (id !== undefined) return queues.some(([queueId]) => queueId === id) ? id : undefined;
  const rendered = render(arn);
  return queues.find(([, queue]) => {
    const name = props(queue).QueueName;
    return typeof name === 'string' && rendered.endsWith(`:${name}`);
  })?.[0];
};

const redrivePolicyOf = (properties: Record<string, unknown>): Record<string, unknown> | undefined => {
  const policy = properties.RedrivePolicy;
  if (typeof policy === 'string') {
    try {
      const parsed: unknown = JSON.parse(policy);
      return isRecord(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return isRecord(policy) ? policy : undefined;
};

/** Queues that some queue's RedrivePolicy targets: the DLQs. */
export const deadLetterQueues = (template: CfnTemplate): Set<string> =>
  new Set(
    resourcesOfType(template, 'AWS::SQS::Queue')
      .map(([, queue]) => queueIdOf(template, redrivePolicyOf(props(queue))?.deadLetterTargetArn))
      .filter((id): id is string => id !== undefined),
  );

export const sqsEncryptionAndDlq: Rule = {
  id: 'sqs-sse-and-dlq',
  description: 'Every SQS queue is encrypted at rest (SSE-SQS or KMS) and has a RedrivePolicy, except DLQs',
  check(template: CfnTemplate): Violation[] {
    const dlqs = deadLetterQueues(template);
    return resourcesOfType(template, 'AWS::SQS::Queue').flatMap(([id, queue]) => {
      const p = props(queue);
      const found: Violation[] = [];
      if (p.SqsManagedSseEnabled !== true && p.KmsMasterKeyId === undefined) {
        found.push({ rule: this.id, resource: id, message: 'queue has no server-side encryption: set `SqsManagedSseEnabled: true`' });
      }
      if (!dlqs.has(id) && redrivePolicyOf(p) === undefined) {
        found.push({
          rule: this.id,
          resource: id,
          message: 'queue has no RedrivePolicy: poison messages would be retried until they expire; add a DLQ',
        });
      }
      return found;
    });
  },
};

export const sqsMaxReceiveCount: Rule = {
  id: 'sqs-max-receive-count',
  description: `A RedrivePolicy allows at least ${MIN_MAX_RECEIVE_COUNT} receives before a message moves to the DLQ`,
  check(template: CfnTemplate): Violation[] {
    return resourcesOfType(template, 'AWS::SQS::Queue').flatMap(([id, queue]) => {
      const policy = redrivePolicyOf(props(queue));
      if (policy === undefined) return [];
      const count = numeric(policy.maxReceiveCount);
      if (count !== undefined && count >= MIN_MAX_RECEIVE_COUNT) return [];
      return [
        {
          rule: this.id,
          resource: id,
          message: `maxReceiveCount is ${String(policy.maxReceiveCount)}, needs >= ${MIN_MAX_RECEIVE_COUNT}: throttled or batch-failed ` +
            'deliveries count as receives, so a low value sends healthy messages to the DLQ',
        },
      ];
    });
  },
};

export const sqsVisibilityTimeout: Rule = {
  id: 'sqs-visibility-timeout',
  description: `A consumed queue's visibility timeout is >= ${VISIBILITY_FACTOR}x the function timeout + batching window`,
  check(template: CfnTemplate): Violation[] {
    return resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').flatMap(([id, mapping]) => {
      const p = props(mapping);
      const source = render(p.EventSourceArn);
      const queueId = queueIdOf(template, p.EventSourceArn);
      if (queueId === undefined && !source.includes(':sqs:')) return []; // a stream or another kind of source
      const fnId = referencedId(p.FunctionName);
      const fn = fnId === undefined ? undefined : template.Resources[fnId];
      if (queueId === undefined || fn === undefined) {
        return [{ rule: this.id, resource: id, message: `cannot find the queue (${source}) or function of this mapping in the template: consumers must own their queue` }];
      }
      const queue = template.Resources[queueId];
      const visibility = numeric(queue === undefined ? undefined : props(queue).VisibilityTimeout) ?? DEFAULT_VISIBILITY_TIMEOUT;
      const timeout = numeric(props(fn).Timeout) ?? DEFAULT_LAMBDA_TIMEOUT;
      const window = numeric(p.MaximumBatchingWindowInSeconds) ?? 0;
      const needed = VISIBILITY_FACTOR * timeout + window;
      if (visibility >= needed) return [];
      return [
        {
          rule: this.id,
          resource: queueId,
          message: `VisibilityTimeout ${visibility}s < ${VISIBILITY_FACTOR} x ${fnId} timeout ${timeout}s + batching window ${window}s = ${needed}s: ` +
            'messages would reappear while still being processed',
        },
      ];
    });
  },
};

export const sqsMaxConcurrency: Rule = {
  id: 'sqs-max-concurrency',
  description: 'Every SQS event source mapping caps its concurrency (ScalingConfig.MaximumConcurrency, 2-1000)',
  check(template: CfnTemplate): Violation[] {
    return resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').flatMap(([id, mapping]): Violation[] => {
      const p = props(mapping);
      if (queueIdOf(template, p.EventSourceArn) === undefined && !render(p.EventSourceArn).includes(':sqs:')) return [];
      const maximum = numeric(isRecord(p.ScalingConfig) ? p.ScalingConfig.MaximumConcurrency : undefined);
      if (maximum !== undefined && maximum >= 2) return [];
      return [{
        rule: this.id,
        resource: id,
        message: 'SQS event source without ScalingConfig.MaximumConcurrency: a burst would scale the consumer up to the account limit ' +
          '(set `maximumConcurrency` on the sqs event, inboxMaxConcurrency in stages.ts)',
      }];
    });
  },
};
