import { addObservability, alarmTopicArn, operationsResources, type Template } from './index';

/** What osls + serverless-iam-roles-per-function package for a service with an HTTP API and one SQS consumer. */
const packaged = (stage: string): Template => ({
  Resources: {
    PlaceLambdaFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: `orders-${stage}-createOrder`, Role: { 'Fn::GetAtt': ['PlaceRole', 'Arn'] }, TracingConfig: { Mode: 'Active' } },
    },
    InboxLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: `orders-${stage}-inbox`, Role: { 'Fn::GetAtt': ['InboxRole', 'Arn'] } } },
    PlaceRole: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: 'x' }] } }] } },
    InboxRole: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyDocument: { Statement: [] } }] } },
    Inbox: { Type: 'AWS::SQS::Queue', Properties: { QueueName: `commerce-${stage}-orders-inbox`, RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['InboxDlq', 'Arn'] } } } },
    InboxDlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: `commerce-${stage}-orders-inbox-dlq` } },
    InboxMapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: { 'Fn::GetAtt': ['Inbox', 'Arn'] }, FunctionName: { 'Fn::GetAtt': ['InboxLambdaFunction', 'Arn'] } } },
    HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: {} },
  },
});

const ofType = (template: Template, type: string) => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

describe('addObservability (the observability plugin)', () => {
  it("adds the X-Ray writes to the role of every traced function, once, and to no other role", () => {
    const template = addObservability(addObservability(packaged('dev'), 'orders', 'dev'), 'orders', 'dev');
    const statements = (id: string) => (template.Resources[id]!.Properties!.Policies as { PolicyDocument: { Statement: unknown[] } }[])[0]!.PolicyDocument.Statement;
    expect(statements('PlaceRole')).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: 'x' },
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
    ]);
    expect(statements('InboxRole')).toEqual([]);
  });

  it.each(['dev', 'pr-7', 'local'])('adds no alarm and no dashboard on stage %s ($0 idle)', (stage) => {
    const template = addObservability(packaged(stage), 'orders', stage);
    expect([...ofType(template, 'AWS::CloudWatch::Alarm'), ...ofType(template, 'AWS::CloudWatch::Dashboard')]).toEqual([]);
    expect(operationsResources(stage)).toEqual({});
  });

  it.each(['staging', 'prod'])('on %s: the DLQ, the inbox age, each function, the API 5xx rate, the outbox backlog, and one dashboard', (stage) => {
    const template = addObservability(packaged(stage), 'orders', stage);
    const alarms = Object.fromEntries(ofType(template, 'AWS::CloudWatch::Alarm').map(([id, alarm]) => [id, alarm.Properties!]));
    expect(Object.keys(alarms).sort()).toEqual([
      'CreateOrderErrorsAlarm', 'CreateOrderThrottlesAlarm', 'HttpApi5xxRateAlarm', 'InboxDlqDepthAlarm', 'InboxErrorsAlarm', 'InboxOldestMessageAlarm',
      'InboxThrottlesAlarm', 'OutboxOldestPendingEventAlarm',
    ]);
    expect(alarms.InboxDlqDepthAlarm).toMatchObject({
      AlarmName: `orders-${stage}-inbox-dlq-not-empty`, MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['InboxDlq', 'QueueName'] } }],
    });
    expect(alarms.InboxOldestMessageAlarm).toMatchObject({ MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 600 });
    expect(alarms.CreateOrderErrorsAlarm).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'PlaceLambdaFunction' } }] });
    expect(alarms.OutboxOldestPendingEventAlarm).toMatchObject({
      Namespace: 'commerce', MetricName: 'OldestPendingEventAge', Threshold: 300, Dimensions: [{ Name: 'service', Value: 'orders' }, { Name: 'stage', Value: stage }],
    });
    expect(JSON.stringify(alarms.HttpApi5xxRateAlarm!.Metrics)).toContain('IF(requests >= 10, 100 * errors / requests, 0)');
    for (const alarm of Object.values(alarms)) expect(alarm).toMatchObject({ AlarmActions: [alarmTopicArn(stage)], OKActions: [alarmTopicArn(stage)] });

    const [[, dashboard]] = ofType(template, 'AWS::CloudWatch::Dashboard') as unknown as [[string, { Properties: { DashboardName: string; DashboardBody: { 'Fn::Sub': string } } }]];
    expect(dashboard.Properties.DashboardName).toBe(`orders-${stage}-overview`);
    const body = JSON.parse(dashboard.Properties.DashboardBody['Fn::Sub']) as { widgets: { properties: { title: string; metrics?: unknown[]; alarms?: string[] } }[] };
    expect(body.widgets.map((widget) => widget.properties.title)).toEqual(expect.arrayContaining(['Errors and throttles', 'Dead letters', 'API 4xx and 5xx', 'Business metrics', 'Alarms']));
    expect(JSON.stringify(body)).toContain('["commerce","RecordFailures","service","orders","stage","' + stage + '","consumer","inbox"');
    expect(body.widgets.find((widget) => widget.properties.title === 'Alarms')?.properties.alarms).toHaveLength(Object.keys(alarms).length);
  });

  it('refuses to overwrite a resource of the template', () => {
    const template = packaged('prod');
    template.Resources.InboxDlqDepthAlarm = { Type: 'AWS::CloudWatch::Alarm' };
    expect(() => addObservability(template, 'orders', 'prod')).toThrow(/already defines InboxDlqDepthAlarm/);
  });
});
