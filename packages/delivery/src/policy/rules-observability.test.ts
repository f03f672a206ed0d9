/** The observability rules of issue 14 (ADR 0017), each with templates that violate it. */
import type { CfnTemplate, Rule, RuleContext } from './cfn';
import { compliantTemplate, queueAlarm, statementsOf, withChange } from './fixtures';
import { checkTemplate, formatViolation } from './index';
import { iamWildcards } from './rules/iam-wildcards';
import { dlqAlarm, inboxAgeAlarm, lambdaTracing, noAlarmsOnDev } from './rules/observability';
import { standingCost } from './rules/standing-cost';

const flagged = (rule: Rule, template: CfnTemplate, context?: RuleContext): string[] => rule.check(template, context).map((v) => v.resource);
const without = (id: string, template: CfnTemplate = compliantTemplate()): CfnTemplate => {
  delete template.Resources[id];
  return template;
};

describe('dlq-alarm', () => {
  test.each(['staging', 'prod', undefined])('flags a DLQ without a depth alarm on stage %s', (stage) => {
    expect(checkTemplate(without('InboxDlqDepthAlarm'), [dlqAlarm], { stage }).map(formatViolation)).toEqual([
      expect.stringMatching(/^InboxDlq \[dlq-alarm\] stage (staging|prod|\(unknown\)): no alarm notifies when this DLQ holds a message/),
    ]);
  });

  test('flags an alarm that notifies nobody, fires too late, watches another queue or another metric', () => {
    expect(flagged(dlqAlarm, withChange('InboxDlqDepthAlarm', (p) => delete p.AlarmActions))).toEqual(['InboxDlq']);
    expect(flagged(dlqAlarm, withChange('InboxDlqDepthAlarm', (p) => (p.ActionsEnabled = false)))).toEqual(['InboxDlq']);
    expect(flagged(dlqAlarm, withChange('InboxDlqDepthAlarm', (p) => (p.Threshold = 5)))).toEqual(['InboxDlq']);
    expect(flagged(dlqAlarm, withChange('InboxDlqDepthAlarm', (p) => (p.Dimensions = [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['Inbox', 'QueueName'] } }])))).toEqual(['InboxDlq']);
    expect(flagged(dlqAlarm, withChange('InboxDlqDepthAlarm', (p) => (p.MetricName = 'NumberOfMessagesSent')))).toEqual(['InboxDlq']);
  });

  test('passes >= 1 and a literal queue name; dev and PR stages need none', () => {
    expect(flagged(dlqAlarm, withChange('InboxDlqDepthAlarm', (p) => Object.assign(p, { Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' })))).toEqual([]);
    expect(flagged(dlqAlarm, withChange('InboxDlqDepthAlarm', (p) => (p.Dimensions = [{ Name: 'QueueName', Value: 'commerce-dev-svc-inbox-dlq' }])))).toEqual([]);
    for (const stage of ['dev', 'pr-123']) expect(flagged(dlqAlarm, compliantTemplate({ stage }), { stage })).toEqual([]);
  });
});

describe('inbox-age-alarm', () => {
  test.each(['staging', 'prod', undefined])('flags a consumed queue without an oldest-message alarm on stage %s', (stage) => {
    expect(checkTemplate(without('InboxAgeAlarm'), [inboxAgeAlarm], { stage }).map(formatViolation)).toEqual([
      expect.stringMatching(/^Inbox \[inbox-age-alarm\] stage .*: no alarm notifies when this inbox's oldest message gets old/),
    ]);
  });

  test("flags an age alarm without actions, or one on the DLQ instead; a DLQ's depth alarm does not count", () => {
    expect(flagged(inboxAgeAlarm, withChange('InboxAgeAlarm', (p) => (p.AlarmActions = []))).sort()).toEqual(['Inbox']);
    const onDlq = without('InboxAgeAlarm');
    onDlq.Resources.DlqAge = queueAlarm('InboxDlq', 'ApproximateAgeOfOldestMessage', 600);
    expect(flagged(inboxAgeAlarm, onDlq)).toEqual(['Inbox']);
    expect(flagged(inboxAgeAlarm, without('InboxAgeAlarm'), { stage: 'dev' })).toEqual([]);
  });
});

describe('no-alarms-on-dev', () => {
  test.each(['dev', 'pr-123', 'local'])('flags alarms and dashboards on stage %s (they bill per month)', (stage) => {
    const template = compliantTemplate({ stage });
    template.Resources.Board = { Type: 'AWS::CloudWatch::Dashboard', Properties: { DashboardBody: '{}' } };
    template.Resources.Errors = queueAlarm('Inbox', 'ApproximateNumberOfMessagesVisible', 0);
    expect(checkTemplate(template, [noAlarmsOnDev], { stage }).map(formatViolation)).toEqual([
      expect.stringMatching(new RegExp(`^Board \\[no-alarms-on-dev\\] stage ${stage}: AWS::CloudWatch::Dashboard bills per month`)),
      expect.stringMatching(/^Errors \[no-alarms-on-dev\] .*AWS::CloudWatch::Alarm/),
    ]);
  });

  test('lets staging, prod and an unknown stage (held to staging/prod) have them', () => {
    for (const stage of ['staging', 'prod', undefined]) expect(flagged(noAlarmsOnDev, compliantTemplate({ stage }), { stage })).toEqual([]);
  });
});

describe('lambda-tracing', () => {
  test('flags a function without active tracing', () => {
    expect(checkTemplate(withChange('HealthLambdaFunction', (p) => delete p.TracingConfig), [lambdaTracing]).map(formatViolation)).toEqual([
      expect.stringMatching(/^HealthLambdaFunction \[lambda-tracing\] no X-Ray active tracing/),
    ]);
    expect(flagged(lambdaTracing, withChange('ConsumeLambdaFunction', (p) => (p.TracingConfig = { Mode: 'PassThrough' })))).toEqual(['ConsumeLambdaFunction']);
  });

  test('flags a traced function whose role may not write traces', () => {
    const template = compliantTemplate();
    const statements = statementsOf(template, 'HealthIamRoleLambdaExecution');
    statements.splice(statements.findIndex((statement) => JSON.stringify(statement).includes('xray:')), 1);
    expect(checkTemplate(template, [lambdaTracing]).map(formatViolation)).toEqual([
      expect.stringMatching(/^HealthLambdaFunction \[lambda-tracing\] traced, but its role HealthIamRoleLambdaExecution may not write traces/),
    ]);
  });
});

describe('iam-no-wildcards: the X-Ray writes, and nothing else, on "*"', () => {
  const withStatement = (statement: Record<string, unknown>) => {
    const template = compliantTemplate();
    statementsOf(template, 'ConsumeIamRoleLambdaExecution').push({ Effect: 'Allow', ...statement });
    return template;
  };

  test('passes xray:PutTraceSegments and xray:PutTelemetryRecords on "*" (no resource-level permissions)', () => {
    expect(flagged(iamWildcards, withStatement({ Action: ['xray:PutTraceSegments'], Resource: '*' }))).toEqual([]);
  });

  test.each<[string, Record<string, unknown>]>([
    ['another X-Ray action', { Action: ['xray:PutTraceSegments', 'xray:GetTraceSummaries'], Resource: '*' }],
    ['an X-Ray wildcard action', { Action: ['xray:Put*'], Resource: '*' }],
    ['another service beside the X-Ray writes', { Action: ['xray:PutTraceSegments', 'sqs:SendMessage'], Resource: '*' }],
    ['a wildcard ARN instead of "*"', { Action: ['xray:PutTraceSegments'], Resource: 'arn:aws:xray:*:*:*' }],
  ])('flags %s', (_name, statement) => {
    expect([...new Set(flagged(iamWildcards, withStatement(statement)))]).toEqual(['ConsumeIamRoleLambdaExecution']);
  });
});

describe("no-standing-cost: the alarm topic's KMS key", () => {
  const withTopicKey = (encrypts: boolean): CfnTemplate => {
    const template = compliantTemplate();
    template.Resources.AlarmTopicKey = { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: {} } };
    template.Resources.AlarmTopic = { Type: 'AWS::SNS::Topic', Properties: encrypts ? { KmsMasterKeyId: { Ref: 'AlarmTopicKey' } } : {} };
    return template;
  };

  test('is allowed on staging and prod when it encrypts an SNS topic of the template', () => {
    for (const stage of ['staging', 'prod']) expect(flagged(standingCost, withTopicKey(true), { stage })).toEqual([]);
  });

  test('is flagged on dev, PR stages and an unknown stage, and anywhere when it encrypts no topic', () => {
    for (const stage of ['dev', 'pr-123', undefined]) expect(flagged(standingCost, withTopicKey(true), { stage })).toEqual(['AlarmTopicKey']);
    expect(flagged(standingCost, withTopicKey(false), { stage: 'prod' })).toEqual(['AlarmTopicKey']);
  });
});
