/** The rules of issue 14 (operations): public resource policies, hidden wildcards, retention, data protection, API limits. */
import type { CfnTemplate, Rule, RuleContext } from './cfn';
import { compliantTemplate, publicQueuePolicyTemplate, statementsOf, withChange, withResource } from './fixtures';
import { checkTemplate, formatViolation } from './index';
import { dynamodbProtection } from './rules/dynamodb';
import { httpApiCors, httpApiStageLimits } from './rules/http-api';
import { iamHiddenWildcards } from './rules/iam-hidden-wildcards';
import { iamWildcards } from './rules/iam-wildcards';
import { resourcePolicyPrincipal } from './rules/resource-policy-principal';
import { sqsMaxConcurrency } from './rules/sqs';
import { sqsMessageRetention } from './rules/sqs-retention';
import { statefulRetain } from './rules/stateful-retain';

const flagged = (rule: Rule, template: CfnTemplate, context?: RuleContext): string[] => rule.check(template, context).map((v) => v.resource);

test('the compliant fixture passes every rule on every stage, and without a stage', () => {
  for (const stage of [undefined, 'dev', 'staging', 'prod', 'pr-123']) {
    expect(checkTemplate(compliantTemplate({ stage }), undefined, { stage }).map(formatViolation)).toEqual([]);
  }
});

describe('resource-policy-principal', () => {
  test.each([['"*"', '*'], ['{ AWS: "*" }', { AWS: '*' }], ['{ AWS: ["*"] }', { AWS: ['*'] }]])('flags Principal %s without a Condition', (_name, principal) => {
    expect(checkTemplate(publicQueuePolicyTemplate(principal), [resourcePolicyPrincipal]).map(formatViolation)).toEqual([
      expect.stringMatching(/^InboxPolicy \[resource-policy-principal\] statement 0: allows any principal/),
    ]);
  });

  test('flags an empty Condition or one that does not restrict the caller, and bucket and topic policies too', () => {
    expect(flagged(resourcePolicyPrincipal, publicQueuePolicyTemplate('*', {}))).toEqual(['InboxPolicy']);
    expect(flagged(resourcePolicyPrincipal, publicQueuePolicyTemplate('*', { Bool: { 'aws:SecureTransport': 'true' } }))).toEqual(['InboxPolicy']);
    expect(flagged(resourcePolicyPrincipal, publicQueuePolicyTemplate('*', { Null: { 'aws:SourceArn': 'false' } }))).toEqual(['InboxPolicy']);
    const template = compliantTemplate();
    template.Resources.TopicPolicy = {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish', Resource: { Ref: 'Topic' } }] } },
    };
    withChange('ReceiptsBucketPolicy', (p) => {
      (p.PolicyDocument as { Statement: unknown[] }).Statement.push({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/receipts/x' });
    }, template);
    expect(flagged(resourcePolicyPrincipal, template)).toEqual(['ReceiptsBucketPolicy', 'TopicPolicy']);
  });

  test('passes a restricting Condition, a service principal, and Deny statements (the TLS-only policy)', () => {
    expect(flagged(resourcePolicyPrincipal, publicQueuePolicyTemplate('*', { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::b' } }))).toEqual([]);
    expect(flagged(resourcePolicyPrincipal, publicQueuePolicyTemplate({ AWS: '*' }, { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } }))).toEqual([]);
    expect(flagged(resourcePolicyPrincipal, publicQueuePolicyTemplate({ Service: 's3.amazonaws.com' }))).toEqual([]);
    expect(flagged(resourcePolicyPrincipal, compliantTemplate())).toEqual([]);
  });
});

describe('iam-no-hidden-wildcards (and iam-no-wildcards on Sub/Join)', () => {
  const withStatement = (statement: Record<string, unknown>) => {
    const template = compliantTemplate();
    statementsOf(template, 'ConsumeIamRoleLambdaExecution').push({ Effect: 'Allow', ...statement });
    return template;
  };
  const table = 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/';

  test.each([
    ['a Sub variable map', { Action: ['dynamodb:GetItem'], Resource: { 'Fn::Sub': [`${table}\${Name}`, { Name: '*' }] } }],
    ['a Sub variable built by Join', { Action: ['dynamodb:GetItem'], Resource: { 'Fn::Sub': [`${table}\${Name}`, { Name: { 'Fn::Join': ['', ['commerce-', '*']] } }] } }],
    ['an Fn::If branch', { Action: ['dynamodb:GetItem'], Resource: { 'Fn::If': ['IsProd', `${table}t`, `${table}*`] } }],
    ['an action built by Sub variables', { Action: [{ 'Fn::Sub': ['dynamodb:${A}', { A: '*' }] }], Resource: { 'Fn::GetAtt': ['Table', 'Arn'] } }],
  ])('flags a wildcard hidden in %s', (_name, statement) => {
    const template = withStatement(statement);
    expect(flagged(iamHiddenWildcards, template)).toEqual(['ConsumeIamRoleLambdaExecution']);
    expect(flagged(iamWildcards, template)).toEqual([]); // what iam-no-wildcards cannot see
  });

  test.each([
    ['Fn::Sub', { 'Fn::Sub': `${table}*` }],
    ['Fn::Join', { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'dynamodb', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, 'table/*']] }],
  ])('a table/* written in %s is a visible wildcard: iam-no-wildcards flags it', (_name, resource) => {
    const template = withStatement({ Action: ['dynamodb:GetItem'], Resource: resource });
    expect(flagged(iamWildcards, template)).toEqual(['ConsumeIamRoleLambdaExecution']);
    expect(flagged(iamHiddenWildcards, template)).toEqual([]);
  });

  test('passes exact Sub variables and Deny statements', () => {
    expect(flagged(iamHiddenWildcards, withStatement({ Action: ['dynamodb:GetItem'], Resource: { 'Fn::Sub': [`${table}\${Name}`, { Name: 'commerce-dev-orders' }] } }))).toEqual([]);
    const deny = compliantTemplate();
    statementsOf(deny, 'ConsumeIamRoleLambdaExecution').push({ Effect: 'Deny', Action: 'dynamodb:DeleteTable', Resource: { 'Fn::Sub': ['${T}', { T: '*' }] } });
    expect(flagged(iamHiddenWildcards, deny)).toEqual([]);
  });
});

describe('sqs-message-retention', () => {
  test.each([[345599], [60], ['86400']])('flags an inbox retaining %p s', (seconds) => {
    expect(flagged(sqsMessageRetention, withChange('Inbox', (p) => (p.MessageRetentionPeriod = seconds)))).toEqual(['Inbox']);
  });

  test('flags a DLQ below 14 days, and a DLQ left at the 4-day default', () => {
    expect(flagged(sqsMessageRetention, withChange('InboxDlq', (p) => (p.MessageRetentionPeriod = 1209599)))).toEqual(['InboxDlq']);
    expect(flagged(sqsMessageRetention, withChange('InboxDlq', (p) => delete p.MessageRetentionPeriod))).toEqual(['InboxDlq']);
  });

  test('passes an inbox at the 4-day default', () => {
    expect(flagged(sqsMessageRetention, withChange('Inbox', (p) => delete p.MessageRetentionPeriod))).toEqual([]);
  });
});

describe('dynamodb-sse-and-pitr', () => {
  test.each(['dev', 'pr-123', 'staging', 'prod', undefined])('flags a table without SSE (stage %s)', (stage) => {
    expect(flagged(dynamodbProtection, withChange('Table', (p) => delete p.SSESpecification), { stage })).toEqual(['Table']);
    expect(flagged(dynamodbProtection, withChange('Table', (p) => (p.SSESpecification = { SSEEnabled: false })), { stage })).toEqual(['Table']);
  });

  test.each(['staging', 'prod', undefined])('flags a table without PITR or deletion protection on stage %s', (stage) => {
    expect(flagged(dynamodbProtection, withChange('Table', (p) => delete p.PointInTimeRecoverySpecification), { stage })).toEqual(['Table']);
    expect(flagged(dynamodbProtection, withChange('Table', (p) => (p.DeletionProtectionEnabled = false)), { stage })).toEqual(['Table']);
  });

  test.each(['dev', 'pr-123', 'local'])('lets stage %s go without PITR and deletion protection (deletable)', (stage) => {
    const template = withChange('Table', (p) => {
      delete p.PointInTimeRecoverySpecification;
      p.DeletionProtectionEnabled = false;
    });
    expect(flagged(dynamodbProtection, template, { stage })).toEqual([]);
  });
});

describe('stateful-retain', () => {
  const policies = (deletion?: string, replace?: string) => (resource: { DeletionPolicy?: string; UpdateReplacePolicy?: string }) => {
    resource.DeletionPolicy = deletion;
    resource.UpdateReplacePolicy = replace;
  };

  test.each(['Table', 'ReceiptsBucket', 'InboxDlq'])('flags %s without Retain on staging and prod', (id) => {
    for (const stage of ['staging', 'prod', undefined]) {
      expect(flagged(statefulRetain, withResource(id, policies('Delete', 'Delete')), { stage })).toEqual([id]);
      expect(flagged(statefulRetain, withResource(id, policies('Retain', undefined)), { stage })).toEqual([id]);
      expect(flagged(statefulRetain, withResource(id, policies(undefined, 'Retain')), { stage })).toEqual([id]);
    }
  });

  test('lets dev and PR stages delete their data; ignores the deployment bucket and inbox queues', () => {
    for (const stage of ['dev', 'pr-123']) {
      expect(flagged(statefulRetain, withResource('Table', policies('Delete', 'Delete')), { stage })).toEqual([]);
    }
    const template = compliantTemplate();
    template.Resources.ServerlessDeploymentBucket = { Type: 'AWS::S3::Bucket', Properties: {} };
    expect(flagged(statefulRetain, template, { stage: 'prod' })).toEqual([]);
  });
});

describe('http-api-cors', () => {
  test.each([['*'], ['https://*.example.com']])('flags origin %s', (origin) => {
    expect(flagged(httpApiCors, withChange('HttpApi', (p) => (p.CorsConfiguration = { AllowOrigins: ['https://shop.example.com', origin] })))).toEqual(['HttpApi']);
  });

  test('passes named origins and an API without CORS', () => {
    expect(flagged(httpApiCors, withChange('HttpApi', (p) => delete p.CorsConfiguration))).toEqual([]);
  });
});

describe('http-api-stage-limits', () => {
  test.each([
    ['no throttling', (p: Record<string, unknown>) => (p.DefaultRouteSettings = { DetailedMetricsEnabled: false })],
    ['a burst limit only', (p: Record<string, unknown>) => (p.DefaultRouteSettings = { ThrottlingBurstLimit: 100 })],
    ['no access logs', (p: Record<string, unknown>) => delete p.AccessLogSettings],
    ['access logs without a format', (p: Record<string, unknown>) => (p.AccessLogSettings = { DestinationArn: 'arn:aws:logs:eu-west-1:1:log-group:x' })],
  ])('flags %s on staging, prod and an unknown stage', (_name, change) => {
    for (const stage of ['staging', 'prod', undefined]) {
      expect(flagged(httpApiStageLimits, withChange('HttpApiStage', change), { stage })).toEqual(['HttpApiStage']);
    }
  });

  test('leaves dev and PR stages alone', () => {
    const template = withChange('HttpApiStage', (p) => {
      delete p.DefaultRouteSettings;
      delete p.AccessLogSettings;
    });
    expect(flagged(httpApiStageLimits, template, { stage: 'dev' })).toEqual([]);
    expect(flagged(httpApiStageLimits, template, { stage: 'pr-123' })).toEqual([]);
  });
});

describe('sqs-max-concurrency', () => {
  test.each([
    ['no ScalingConfig', (p: Record<string, unknown>) => delete p.ScalingConfig],
    ['MaximumConcurrency 1', (p: Record<string, unknown>) => (p.ScalingConfig = { MaximumConcurrency: 1 })],
  ])('flags an SQS mapping with %s', (_name, change) => {
    expect(flagged(sqsMaxConcurrency, withChange('ConsumeEventSourceMappingSQSInbox', change))).toEqual(['ConsumeEventSourceMappingSQSInbox']);
  });

  test('ignores other event sources', () => {
    const template = withChange('ConsumeEventSourceMappingSQSInbox', (p) => {
      delete p.ScalingConfig;
      p.EventSourceArn = 'arn:aws:kinesis:eu-west-1:1:stream/s';
    });
    expect(flagged(sqsMaxConcurrency, template)).toEqual([]);
  });
});
