import { BUSINESS_METRICS, METRICS_NAMESPACE } from './metric-names';
import { SERVICE_METRICS } from './alarms';
import type { Resource, TemplateInventory } from './template';
import type { ServiceName } from '@commerce/domain-events';

/**
 * A metric row of a dashboard widget: [namespace, name, dimension name, value, ...] (CloudWatch's compact form);
 * values may be `${...}` placeholders, substituted by the body's Fn::Sub.
 */
type MetricRow = (string | { stat?: string; label?: string })[];

const REGION = '${AWS::Region}';

const widget = (title: string, metrics: MetricRow[], x: number, y: number, options: { stat?: string; width?: number } = {}) => ({
  type: 'metric',
  x,
  y,
  width: options.width ?? 8,
  height: 6,
  properties: { title, region: REGION, view: 'timeSeries', stacked: false, period: 300, stat: options.stat ?? 'Sum', metrics },
});

/**
 * One dashboard per service (ADR 0017): its functions (invocations, errors, throttles, p99 duration), its queues
 * (depth, oldest message, dead letters), its HTTP API (requests, 4xx/5xx, p99 latency), its business metrics, and
 * the state of its alarms. The body is a Fn::Sub string: the region and the API ids are filled in at deploy time.
 */
export const dashboardResource = (inventory: TemplateInventory, service: string, stage: string, alarmNames: string[]): Resource => {
  const fnRows = (metric: string, stat?: string): MetricRow[] =>
    inventory.functions.map((fn) => ['AWS/Lambda', metric, 'FunctionName', fn.name, { label: fn.shortName, ...(stat ? { stat } : {}) }]);
  const queueRows = (metric: string, queues: TemplateInventory['consumed']): MetricRow[] =>
    queues.map((queue) => ['AWS/SQS', metric, 'QueueName', queue.name, { label: queue.shortName }]);
  const apiRows = (metric: string, stat?: string): MetricRow[] =>
    inventory.httpApis.map((api) => ['AWS/ApiGateway', metric, 'ApiId', `\${${api}}`, { label: metric, ...(stat ? { stat } : {}) }]);
  const custom = (name: string, extra: string[] = []): MetricRow => [METRICS_NAMESPACE, name, 'service', service, 'stage', stage, ...extra, { label: [name, ...extra.slice(1)].join(' ') }];
  const business = SERVICE_METRICS[service as ServiceName] ?? [];

  const widgets = [
    widget('Invocations', fnRows('Invocations'), 0, 0),
    widget('Errors and throttles', [...fnRows('Errors'), ...fnRows('Throttles').map((row) => [...row.slice(0, -1), { label: `${(row.at(-1) as { label: string }).label} throttles` }])], 8, 0),
    widget('Duration p99 (ms)', fnRows('Duration', 'p99'), 16, 0, { stat: 'p99' }),
    ...(inventory.consumed.length > 0
      ? [
          widget('Inbox depth', queueRows('ApproximateNumberOfMessagesVisible', inventory.consumed), 0, 6, { stat: 'Maximum' }),
          widget('Oldest message (s)', queueRows('ApproximateAgeOfOldestMessage', inventory.consumed), 8, 6, { stat: 'Maximum' }),
          widget('Dead letters', queueRows('ApproximateNumberOfMessagesVisible', inventory.deadLetterQueues), 16, 6, { stat: 'Maximum' }),
        ]
      : []),
    ...(inventory.httpApis.length > 0
      ? [
          widget('API requests', apiRows('Count'), 0, 12),
          widget('API 4xx and 5xx', [...apiRows('4xx'), ...apiRows('5xx')], 8, 12),
          widget('API latency p99 (ms)', apiRows('Latency', 'p99'), 16, 12, { stat: 'p99' }),
        ]
      : []),
    widget(
      'Business metrics',
      [
        ...business.filter((name) => name !== BUSINESS_METRICS.oldestPendingEventAge).map((name) => custom(name)),
        ...inventory.consumers.map((fn) => custom(BUSINESS_METRICS.recordFailures, ['consumer', fn.shortName])),
      ],
      0,
      18,
      { width: business.includes(BUSINESS_METRICS.oldestPendingEventAge) ? 12 : 24 },
    ),
    ...(business.includes(BUSINESS_METRICS.oldestPendingEventAge)
      ? [widget('Oldest unpublished event (s)', [custom(BUSINESS_METRICS.oldestPendingEventAge)], 12, 18, { stat: 'Maximum', width: 12 })]
      : []),
    {
      type: 'alarm',
      x: 0,
      y: 24,
      width: 24,
      height: 4,
      properties: { title: 'Alarms', alarms: alarmNames.map((name) => `arn:\${AWS::Partition}:cloudwatch:${REGION}:\${AWS::AccountId}:alarm:${name}`) },
    },
  ];
  return {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: {
      DashboardName: `${service}-${stage}-overview`,
      DashboardBody: { 'Fn::Sub': JSON.stringify({ widgets }) },
    },
  };
};
