import { PROTECTED_STAGES, type CfnResource, type CfnTemplate } from './cfn';

const logArn = (group: string, suffix: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${group}${suffix}`,
});

const role = (statements: unknown[]): CfnResource => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {
      Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
    },
    Policies: [{ PolicyName: 'fn', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
  },
});

/** What the observability plugin adds to a traced function's role (no resource-level permissions: `*`). */
export const xrayWrites = () => ({ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' });

const topicArn = { 'Fn::Sub': 'arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:commerce-prod-operations-alarms' };

/** An SQS alarm as the observability plugin generates it: notifies the stage's topic. */
export const queueAlarm = (queueId: string, metric: string, threshold: number): CfnResource => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: {
    AlarmActions: [topicArn],
    OKActions: [topicArn],
    Namespace: 'AWS/SQS',
    MetricName: metric,
    Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
    Statistic: 'Maximum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: threshold,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'notBreaching',
  },
});

const fn = (name: string, roleId: string, timeout = 10): CfnResource => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    FunctionName: name,
    Runtime: 'nodejs24.x',
    Timeout: timeout,
    Handler: 'index.handler',
    Role: { 'Fn::GetAtt': [roleId, 'Arn'] },
    TracingConfig: { Mode: 'Active' },
  },
});

const retained = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };

/**
 * A small template shaped like what osls + serverless-iam-roles-per-function emit for a compliant service: an HTTP
 * API with a JWT route and a public health route, an SQS consumer with its DLQ, a hardened bucket, one role per
 * function, managed log groups, retained data and a throttled, logged API stage, traced functions, and the DLQ and
 * inbox alarms: what staging/prod need (a template checked without a stage is held to them). For a dev or PR stage
 * (`stage`), without the alarms, which those stages must not have. Every rule must pass it; each test breaks exactly
 * one thing.
 */
export const compliantTemplate = ({ stage }: { stage?: string } = {}): CfnTemplate => ({
  Resources: {
    ...(stage === undefined || PROTECTED_STAGES.includes(stage)
      ? { InboxDlqDepthAlarm: queueAlarm('InboxDlq', 'ApproximateNumberOfMessagesVisible', 0), InboxAgeAlarm: queueAlarm('Inbox', 'ApproximateAgeOfOldestMessage', 600) }
      : {}),
    HealthLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/svc-dev-health', RetentionInDays: 7 } },
    ConsumeLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/svc-dev-consume', RetentionInDays: 7 } },
    HealthLambdaFunction: fn('svc-dev-health', 'HealthIamRoleLambdaExecution'),
    ConsumeLambdaFunction: fn('svc-dev-consume', 'ConsumeIamRoleLambdaExecution', 10),
    HealthIamRoleLambdaExecution: role([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents'],
        Resource: [logArn('/aws/lambda/svc-dev-health', ':*:*')],
      },
      xrayWrites(),
    ]),
    ConsumeIamRoleLambdaExecution: role([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents'],
        Resource: [logArn('/aws/lambda/svc-dev-consume', ':*:*')],
      },
      {
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
        Resource: [{ 'Fn::GetAtt': ['Inbox', 'Arn'] }],
      },
      {
        Effect: 'Allow',
        Action: ['sqs:SendMessage'],
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:commerce-dev-other-inbox' }],
      },
      xrayWrites(),
    ]),
    // The framework's default role: unused once every function has its own, kept with its prefix log wildcard.
    IamRoleLambdaExecution: role([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource'], Resource: [logArn('/aws/lambda/svc-dev*', ':*')] },
      { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [logArn('/aws/lambda/svc-dev*', ':*:*')] },
    ]),
    HttpApiRouteGetHealth: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'HttpApi' }, RouteKey: 'GET /health' } },
    HttpApiRoutePostOrders: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: { ApiId: { Ref: 'HttpApi' }, RouteKey: 'POST /orders', AuthorizationType: 'JWT', AuthorizerId: { Ref: 'HttpApiAuthorizerJwt' }, AuthorizationScopes: ['commerce/orders.write'] },
    },
    InboxDlq: {
      Type: 'AWS::SQS::Queue',
      ...retained,
      Properties: { QueueName: 'commerce-dev-svc-inbox-dlq', SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 },
    },
    Inbox: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: 'commerce-dev-svc-inbox',
        SqsManagedSseEnabled: true,
        VisibilityTimeout: 65,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['InboxDlq', 'Arn'] }, maxReceiveCount: 5 },
      },
    },
    ConsumeEventSourceMappingSQSInbox: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::GetAtt': ['Inbox', 'Arn'] },
        FunctionName: { 'Fn::GetAtt': ['ConsumeLambdaFunction', 'Arn'] },
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 5,
        ScalingConfig: { MaximumConcurrency: 5 },
      },
    },
    ReceiptsBucket: {
      Type: 'AWS::S3::Bucket',
      ...retained,
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      },
    },
    ReceiptsBucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'ReceiptsBucket' },
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [{ 'Fn::Sub': '${ReceiptsBucket.Arn}' }, { 'Fn::Sub': '${ReceiptsBucket.Arn}/*' }],
              Condition: { Bool: { 'aws:SecureTransport': false } },
            },
          ],
        },
      },
    },
    Table: {
      Type: 'AWS::DynamoDB::Table',
      ...retained,
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      },
    },
    HttpApi: {
      Type: 'AWS::ApiGatewayV2::Api',
      Properties: { ProtocolType: 'HTTP', CorsConfiguration: { AllowOrigins: ['https://shop.example.com'] } },
    },
    HttpApiLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/http-api/svc-dev', RetentionInDays: 7 } },
    HttpApiStage: {
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: {
        ApiId: { Ref: 'HttpApi' },
        StageName: '$default',
        DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
        AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': ['HttpApiLogGroup', 'Arn'] }, Format: '{"requestId":"$context.requestId"}' },
      },
    },
  },
});

/** A compliant template with one resource's properties changed (`undefined` deletes a property). */
export const withChange = (
  id: string,
  change: (properties: Record<string, unknown>) => void,
  template: CfnTemplate = compliantTemplate(),
): CfnTemplate => {
  const resource = template.Resources[id];
  if (resource === undefined) throw new Error(`fixture has no ${id}`);
  resource.Properties ??= {};
  change(resource.Properties);
  return template;
};

/** A compliant template with one resource's attributes changed (DeletionPolicy, UpdateReplacePolicy). */
export const withResource = (id: string, change: (resource: CfnResource) => void, template: CfnTemplate = compliantTemplate()): CfnTemplate => {
  const resource = template.Resources[id];
  if (resource === undefined) throw new Error(`fixture has no ${id}`);
  change(resource);
  return template;
};

/** A queue policy letting anyone send (`Principal: "*"`), with no Condition: violates resource-policy-principal. */
export const publicQueuePolicyTemplate = (principal: unknown = '*', condition?: Record<string, unknown>): CfnTemplate => {
  const template = compliantTemplate();
  template.Resources.InboxPolicy = {
    Type: 'AWS::SQS::QueuePolicy',
    Properties: {
      Queues: [{ Ref: 'Inbox' }],
      PolicyDocument: {
        Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Inbox', 'Arn'] }, ...(condition ? { Condition: condition } : {}) }],
      },
    },
  };
  return template;
};

/** The statements of the first inline policy of a role in a template. */
export const statementsOf = (template: CfnTemplate, roleId: string): Record<string, unknown>[] => {
  const policies = template.Resources[roleId]?.Properties?.Policies as { PolicyDocument: { Statement: Record<string, unknown>[] } }[];
  const first = policies[0];
  if (first === undefined) throw new Error(`${roleId} has no policy`);
  return first.PolicyDocument.Statement;
};

/** The consumer of the compliant fixture as a payments inbox on a stage: the environment a charging function gets. */
export const chargingTemplate = (variables: Record<string, string>): CfnTemplate =>
  withChange('ConsumeLambdaFunction', (p) => (p.Environment = { Variables: { APP_NAME: 'commerce', ...variables } }));

/** Compliant: prod charges through Stripe with live keys read from its SSM parameter. */
export const stripeOnProdTemplate = (): CfnTemplate =>
  chargingTemplate({ STAGE: 'prod', PAYMENT_PROVIDER: 'stripe-live', STRIPE_SECRET_KEY_PARAMETER: '/commerce/prod/payments/stripe-secret-key' });

/** Violates payment-provider: a packaged prod template whose inbox would run the local provider (no money moves). */
export const localProviderOnProdTemplate = (): CfnTemplate => chargingTemplate({ STAGE: 'prod', PAYMENT_PROVIDER: 'local' });
