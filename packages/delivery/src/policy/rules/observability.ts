/**
 * Observability rules (ADR 0017): staging and prod must hear about dead letters and stuck inboxes; dev and PR
 * stages must not pay for alarms or dashboards; every function is traced and may write its traces.
 */
import { asArray, isProtectedStage, isRecord, PROTECTED_STAGES, props, referencedId, render, resourcesOfType, type CfnResource, type CfnTemplate, type Rule, type RuleContext, type Violation } from '../cfn';
import { policyDocuments } from './iam-wildcards';
import { deadLetterQueues } from './sqs';

/** Queues an event source mapping consumes (the inboxes). */
const consumedQueues = (template: CfnTemplate): Set<string> =>
  new Set(
    resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')
      .map(([, mapping]) => referencedId(props(mapping).EventSourceArn))
      .filter((id): id is string => id !== undefined && template.Resources[id]?.Type === 'AWS::SQS::Queue'),
  );

/** Does an alarm's QueueName dimension name this queue (by GetAtt/Ref or by its literal QueueName)? */
const watchesQueue = (alarm: CfnResource, queueId: string, template: CfnTemplate): boolean => {
  const literalName = props(template.Resources[queueId]!).QueueName;
  return asArray(props(alarm).Dimensions).some(
    (dimension) =>
      isRecord(dimension) &&
      dimension.Name === 'QueueName' &&
      (referencedId(dimension.Value) === queueId || (typeof literalName === 'string' && render(dimension.Value) === literalName)),
  );
};

/** An alarm that notifies someone: actions enabled and at least one alarm action. */
const notifies = (alarm: CfnResource): boolean => props(alarm).ActionsEnabled !== false && asArray(props(alarm).AlarmActions).length > 0;

const sqsAlarmsOn = (template: CfnTemplate, queueId: string, metric: string): CfnResource[] =>
  resourcesOfType(template, 'AWS::CloudWatch::Alarm')
    .map(([, alarm]) => alarm)
    .filter((alarm) => props(alarm).Namespace === 'AWS/SQS' && props(alarm).MetricName === metric && watchesQueue(alarm, queueId, template));

/** Fires on the first message: `> 0` or `>= 1` (or lower). */
const firesOnOneMessage = (alarm: CfnResource): boolean => {
  const { Threshold: threshold, ComparisonOperator: operator } = props(alarm);
  const value = typeof threshold === 'number' ? threshold : Number(threshold);
  return (operator === 'GreaterThanThreshold' && value < 1) || (operator === 'GreaterThanOrEqualToThreshold' && value <= 1);
};

const stageOf = (context?: RuleContext) => context?.stage ?? '(unknown)';

export const dlqAlarm: Rule = {
  id: 'dlq-alarm',
  description: 'On staging/prod, every DLQ has an alarm on ApproximateNumberOfMessagesVisible that fires on the first message and notifies',
  check(template: CfnTemplate, context?: RuleContext): Violation[] {
    if (!isProtectedStage(context)) return [];
    return [...deadLetterQueues(template)]
      .filter((dlq) => !sqsAlarmsOn(template, dlq, 'ApproximateNumberOfMessagesVisible').some((alarm) => firesOnOneMessage(alarm) && notifies(alarm)))
      .map((dlq) => ({
        rule: this.id,
        resource: dlq,
        message: `stage ${stageOf(context)}: no alarm notifies when this DLQ holds a message (ApproximateNumberOfMessagesVisible > 0 with AlarmActions): dead letters would go unnoticed`,
      }));
  },
};

export const inboxAgeAlarm: Rule = {
  id: 'inbox-age-alarm',
  description: 'On staging/prod, every queue a function consumes has an alarm on ApproximateAgeOfOldestMessage that notifies',
  check(template: CfnTemplate, context?: RuleContext): Violation[] {
    if (!isProtectedStage(context)) return [];
    return [...consumedQueues(template)]
      .filter((queue) => !sqsAlarmsOn(template, queue, 'ApproximateAgeOfOldestMessage').some(notifies))
      .map((queue) => ({
        rule: this.id,
        resource: queue,
        message: `stage ${stageOf(context)}: no alarm notifies when this inbox's oldest message gets old (ApproximateAgeOfOldestMessage with AlarmActions): a stuck consumer would go unnoticed`,
      }));
  },
};

export const noAlarmsOnDev: Rule = {
  id: 'no-alarms-on-dev',
  description: 'Dev, PR and local stages have no CloudWatch alarms or dashboards (they bill per month: idle cost must be $0)',
  check(template: CfnTemplate, context?: RuleContext): Violation[] {
    if (context?.stage === undefined || PROTECTED_STAGES.includes(context.stage)) return [];
    return Object.entries(template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::CloudWatch::Alarm' || resource.Type === 'AWS::CloudWatch::Dashboard')
      .map(([id, resource]) => ({
        rule: this.id,
        resource: id,
        message: `stage ${context.stage}: ${resource.Type} bills per month even when idle (alarms and dashboards are for staging and prod: the stage setting alarms)`,
      }));
  },
};

/** Does one of the role's Allow statements grant xray:PutTraceSegments? */
const roleWritesTraces = (role: CfnResource): boolean =>
  policyDocuments(role.Type, props(role)).some((document) =>
    asArray(isRecord(document) ? document.Statement : undefined).some(
      (statement) => isRecord(statement) && statement.Effect === 'Allow' && asArray(statement.Action).map(render).includes('xray:PutTraceSegments'),
    ),
  );

export const lambdaTracing: Rule = {
  id: 'lambda-tracing',
  description: 'Every function has X-Ray active tracing (TracingConfig.Mode Active) and a role that may write its traces',
  check(template: CfnTemplate): Violation[] {
    return resourcesOfType(template, 'AWS::Lambda::Function').flatMap(([id, fn]): Violation[] => {
      const tracing = props(fn).TracingConfig;
      if (!isRecord(tracing) || tracing.Mode !== 'Active') {
        return [{ rule: this.id, resource: id, message: 'no X-Ray active tracing (TracingConfig.Mode Active): its requests and queue hops would be missing from the traces' }];
      }
      const roleId = referencedId(props(fn).Role);
      const role = roleId ? template.Resources[roleId] : undefined;
      if (role?.Type === 'AWS::IAM::Role' && !roleWritesTraces(role)) {
        return [{ rule: this.id, resource: id, message: `traced, but its role ${roleId} may not write traces (xray:PutTraceSegments, xray:PutTelemetryRecords on "*")` }];
      }
      return [];
    });
  },
};
