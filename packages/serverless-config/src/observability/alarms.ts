import type { ServiceName } from '@commerce/domain-events';
import type { AlarmThresholds } from '../stages';
import { BUSINESS_METRICS, METRICS_NAMESPACE, type BusinessMetricName } from './metric-names';
import { OUTBOX_SWEEP_MINUTES } from './names';
import type { Resource, TemplateInventory } from './template';

type Dimension = { Name: string; Value: unknown };

/** What one alarm watches and when it fires; the generator adds names, actions and missing-data handling. */
export interface AlarmSpec {
  logicalId: string;
  /** After `<service>-<stage>-`. */
  name: string;
  description: string;
  /** A single metric ... */
  metric?: { namespace: string; name: string; dimensions: Dimension[]; statistic: 'Maximum' | 'Sum'; periodSeconds: number };
  /** ... or metric math (the API's 5xx rate). */
  metrics?: unknown[];
  threshold: number;
  comparison: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold';
}

/** Logical ids are alphanumeric: `createOrder` -> `CreateOrder`, `inbox-dlq` -> `InboxDlq`. */
export const pascal = (name: string): string => name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((part) => part[0]!.toUpperCase() + part.slice(1)).join('');

/** The custom metrics each service emits (besides RecordFailures of each consumer), for alarms and dashboards. */
export const SERVICE_METRICS: Record<ServiceName, readonly BusinessMetricName[]> = {
  orders: [BUSINESS_METRICS.ordersPlaced, BUSINESS_METRICS.oldestPendingEventAge],
  payments: [BUSINESS_METRICS.paymentsCaptured, BUSINESS_METRICS.paymentsDeclined, BUSINESS_METRICS.paymentsRefunded],
  notifications: [BUSINESS_METRICS.messagesSent],
};

const customDimensions = (service: string, stage: string): Dimension[] => [
  { Name: 'service', Value: service },
  { Name: 'stage', Value: stage },
];

/** Alarms on custom metrics, per service: orders' unpublished-outbox backlog (ADR 0010, 0017). */
const customMetricAlarms = (service: string, stage: string): AlarmSpec[] =>
  service === 'orders'
    ? [
        {
          logicalId: 'OutboxOldestPendingEventAlarm',
          name: 'outbox-oldest-pending-event',
          description:
            `An order event has been unpublished for longer than the sweep interval (${OUTBOX_SWEEP_MINUTES} min): the republishEvents sweeper cannot ` +
            'publish it (SQS unreachable, permissions) or cannot keep up; see its "republish failed" logs.',
          metric: { namespace: METRICS_NAMESPACE, name: BUSINESS_METRICS.oldestPendingEventAge, dimensions: customDimensions(service, stage), statistic: 'Maximum', periodSeconds: 300 },
          threshold: OUTBOX_SWEEP_MINUTES * 60,
          comparison: 'GreaterThanThreshold',
        },
      ]
    : [];

/**
 * Every alarm a service template needs (ADR 0017): each DLQ not empty, the oldest message of each consumed queue,
 * each function's errors and throttles, each HTTP API's 5xx rate, and the service's custom-metric alarms.
 */
export const alarmSpecs = (inventory: TemplateInventory, service: string, stage: string, thresholds: AlarmThresholds): AlarmSpec[] => [
  ...inventory.deadLetterQueues.map(
    (queue): AlarmSpec => ({
      logicalId: `${pascal(queue.shortName)}DepthAlarm`,
      name: `${queue.shortName}-not-empty`,
      description: `${queue.name} holds dead-lettered records (failed 5 times). Find the reason in the consumer's "record failed" logs, fix it, then \`pnpm dlq redrive --stage ${stage}\`.`,
      metric: { namespace: 'AWS/SQS', name: 'ApproximateNumberOfMessagesVisible', dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue.logicalId, 'QueueName'] } }], statistic: 'Maximum', periodSeconds: 60 },
      threshold: 0,
      comparison: 'GreaterThanThreshold',
    }),
  ),
  ...inventory.consumed.map(
    (queue): AlarmSpec => ({
      logicalId: `${pascal(queue.shortName)}OldestMessageAlarm`,
      name: `${queue.shortName}-oldest-message-age`,
      description: `A message has waited in ${queue.name} for more than ${thresholds.inboxOldestMessageSeconds} s: its consumer is failing, throttled or too slow (see its Errors and Throttles alarms).`,
      metric: { namespace: 'AWS/SQS', name: 'ApproximateAgeOfOldestMessage', dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue.logicalId, 'QueueName'] } }], statistic: 'Maximum', periodSeconds: 300 },
      threshold: thresholds.inboxOldestMessageSeconds,
      comparison: 'GreaterThanThreshold',
    }),
  ),
  ...inventory.functions.flatMap((fn): AlarmSpec[] => {
    const dimensions = [{ Name: 'FunctionName', Value: { Ref: fn.logicalId } }];
    return [
      {
        logicalId: `${pascal(fn.shortName)}ErrorsAlarm`,
        name: `${fn.shortName}-errors`,
        description: `${fn.name} crashed or timed out (handled failures are answered or reported per record, not errors): see its logs and traces.`,
        metric: { namespace: 'AWS/Lambda', name: 'Errors', dimensions, statistic: 'Sum', periodSeconds: 300 },
        threshold: thresholds.functionErrors,
        comparison: 'GreaterThanOrEqualToThreshold',
      },
      {
        logicalId: `${pascal(fn.shortName)}ThrottlesAlarm`,
        name: `${fn.shortName}-throttles`,
        description: `${fn.name} was throttled: the account's concurrency (or the function's reserved concurrency) is exhausted.`,
        metric: { namespace: 'AWS/Lambda', name: 'Throttles', dimensions, statistic: 'Sum', periodSeconds: 300 },
        threshold: thresholds.functionThrottles,
        comparison: 'GreaterThanOrEqualToThreshold',
      },
    ];
  }),
  ...inventory.httpApis.map((api): AlarmSpec => {
    const stat = (id: string, metricName: string) => ({
      Id: id,
      ReturnData: false,
      MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: metricName, Dimensions: [{ Name: 'ApiId', Value: { Ref: api } }] }, Period: 300, Stat: 'Sum' },
    });
    return {
      logicalId: `${api}5xxRateAlarm`,
      name: 'api-5xx-rate',
      description: `More than ${thresholds.api5xxPercent}% of the ${service} API's requests were answered 5xx in 5 minutes (from ${thresholds.api5xxMinRequests} requests): see the access logs and the functions' errors.`,
      metrics: [
        stat('errors', '5xx'),
        stat('requests', 'Count'),
        { Id: 'rate', Label: '5xx rate (%)', ReturnData: true, Expression: `IF(requests >= ${thresholds.api5xxMinRequests}, 100 * errors / requests, 0)` },
      ],
      threshold: thresholds.api5xxPercent,
      comparison: 'GreaterThanThreshold',
    };
  }),
  ...customMetricAlarms(service, stage),
];

/** The CloudFormation alarm of a spec: notifies the stage's topic when it fires and when it recovers. */
export const alarmResource = (spec: AlarmSpec, service: string, stage: string, topicArn: unknown): Resource => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: {
    AlarmName: `${service}-${stage}-${spec.name}`,
    AlarmDescription: spec.description,
    ActionsEnabled: true,
    AlarmActions: [topicArn],
    OKActions: [topicArn],
    ...(spec.metric
      ? {
          Namespace: spec.metric.namespace,
          MetricName: spec.metric.name,
          Dimensions: spec.metric.dimensions,
          Statistic: spec.metric.statistic,
          Period: spec.metric.periodSeconds,
        }
      : { Metrics: spec.metrics }),
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    Threshold: spec.threshold,
    ComparisonOperator: spec.comparison,
    // No data = nothing happened (an empty queue publishes no age, an idle function no errors).
    TreatMissingData: 'notBreaching',
  },
});
