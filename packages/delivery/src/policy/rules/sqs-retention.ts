import { numeric, props, resourcesOfType, type CfnTemplate, type Rule, type Violation } from '../cfn';
import { deadLetterQueues } from './sqs';

const DAY = 86_400;
/** An inbox keeps a message at least 4 days (the SQS default): a weekend-long consumer outage loses nothing. */
export const MIN_INBOX_RETENTION = 4 * DAY;
/** A DLQ keeps a message the SQS maximum, 14 days: time to notice, fix and redrive. */
export const MIN_DLQ_RETENTION = 14 * DAY;
const DEFAULT_RETENTION = 4 * DAY;

export const sqsMessageRetention: Rule = {
  id: 'sqs-message-retention',
  description: 'Inbox queues retain messages >= 4 days, DLQs >= 14 days (MessageRetentionPeriod, seconds)',
  check(template: CfnTemplate): Violation[] {
    const dlqs = deadLetterQueues(template);
    return resourcesOfType(template, 'AWS::SQS::Queue').flatMap(([id, queue]): Violation[] => {
      const declared = props(queue).MessageRetentionPeriod;
      const retention = declared === undefined ? DEFAULT_RETENTION : numeric(declared);
      const [kind, needed] = dlqs.has(id) ? ['DLQ', MIN_DLQ_RETENTION] : ['queue', MIN_INBOX_RETENTION];
      if (retention !== undefined && retention >= needed) return [];
      return [{
        rule: this.id,
        resource: id,
        message: `${kind} MessageRetentionPeriod ${String(retention ?? declared)}s < ${needed}s (${needed / DAY} days): ` +
          'messages would expire before a failed consumer is fixed',
      }];
    });
  },
};
