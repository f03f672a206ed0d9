import { specValidator, formatSpecViolation, type TemplateLike } from './index';

const validator = specValidator();
const check = (template: TemplateLike) => validator.validate(template).map(formatSpecViolation);

/** A small template in the shape of ours: a queue, a table, a function reading both, through intrinsics. */
const valid = (): Record<string, unknown> & { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> } => ({
  AWSTemplateFormatVersion: '2010-09-09',
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::StackName' }, 'orders-prod'] } },
  Resources: {
    Inbox: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'commerce-dev-orders-inbox', MessageRetentionPeriod: 345600, KmsMasterKeyId: 'alias/aws/sqs' } },
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        DeletionProtectionEnabled: { 'Fn::If': ['IsProd', true, false] },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: 'true' },
      },
    },
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        RoleName: { 'Fn::Join': ['-', ['orders', 'dev', { Ref: 'AWS::Region' }]] },
      },
    },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Code: { S3Bucket: { Ref: 'AWS::NoValue' }, S3Key: 'x.zip' },
        Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        MemorySize: { 'Fn::If': ['IsProd', 1024, { Ref: 'AWS::NoValue' }] },
        Timeout: '{{resolve:ssm:/commerce/dev/timeout}}',
        Environment: {
          Variables: {
            QUEUE_URL: { Ref: 'Inbox' },
            TABLE_ARN: { 'Fn::Sub': '${Table.Arn}/index/*' },
            ISSUER: '{{resolve:ssm:/commerce/dev/identity/issuer}}',
          },
        },
        Tags: [{ Key: 'stage', Value: 'dev' }],
      },
    },
  },
  Outputs: { QueueArn: { Value: { 'Fn::GetAtt': 'Inbox.Arn' } } },
});

test('a valid template with Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, AWS::NoValue and {{resolve:...}} passes', () => {
  expect(check(valid())).toEqual([]);
});

test('a misspelt property fails', () => {
  const template = valid();
  template.Resources.Inbox!.Properties = { QueueNmae: 'x' };
  expect(check(template)).toEqual([expect.stringMatching(/^Inbox Properties\.QueueNmae: unknown property QueueNmae/)]);
});

test('a misspelt property inside a nested type fails', () => {
  const template = valid();
  template.Resources.Fn!.Properties.Environment = { Variabels: { A: 'b' } };
  expect(check(template)).toEqual([expect.stringMatching(/^Fn Properties\.Environment\.Variabels: unknown property/)]);
});

test.each([
  ['a list where an object is expected', 'Fn', 'Environment', [{ Variables: {} }], /Environment: expected an object \(Environment\), got a list/],
  ['a word where an integer is expected', 'Inbox', 'MessageRetentionPeriod', 'four days', /MessageRetentionPeriod: expected an integer/],
  ['an object where a list is expected', 'Table', 'AttributeDefinitions', { AttributeName: 'pk', AttributeType: 'S' }, /AttributeDefinitions: expected a list/],
  ['a list where a string is expected', 'Fn', 'Handler', ['index.handler'], /Handler: expected a string/],
  ['a word where a boolean is expected', 'Table', 'DeletionProtectionEnabled', 'yes', /DeletionProtectionEnabled: expected a boolean/],
])('%s fails', (_name, resource, property, value, message) => {
  const template = valid();
  template.Resources[resource]!.Properties[property] = value;
  expect(check(template)).toEqual([expect.stringMatching(message)]);
});

test('a wrong type inside a Fn::If branch fails: both branches are checked as the value', () => {
  const template = valid();
  template.Resources.Fn!.Properties.MemorySize = { 'Fn::If': ['IsProd', 1024, 'lots'] };
  expect(check(template)).toEqual([expect.stringMatching(/MemorySize\[Fn::If false\]: expected an integer/)]);
});

test('a missing required property fails', () => {
  const template = valid();
  delete template.Resources.Fn!.Properties.Role;
  delete template.Resources.Table!.Properties.KeySchema;
  expect(check(template)).toEqual([
    expect.stringMatching(/^Table Properties\.KeySchema: missing required property KeySchema/),
    expect.stringMatching(/^Fn Properties\.Role: missing required property Role/),
  ]);
});

test('a missing required property of a nested type fails', () => {
  const template = valid();
  template.Resources.Table!.Properties.AttributeDefinitions = [{ AttributeName: 'pk' }];
  expect(check(template)).toEqual([expect.stringMatching(/AttributeDefinitions\[0\]\.AttributeType: missing required property AttributeType/)]);
});

test('an unknown resource type, resource attribute or DeletionPolicy fails', () => {
  const template = valid();
  template.Resources.Topic = { Type: 'AWS::SNS::Topik', Properties: {} };
  (template.Resources.Inbox as Record<string, unknown>).DeletionPolicy = 'Keep';
  (template.Resources.Inbox as Record<string, unknown>).Dependson = 'Table';
  expect(check(template).sort()).toEqual([
    expect.stringMatching(/^Inbox DeletionPolicy: DeletionPolicy must be one of/),
    expect.stringMatching(/^Inbox Dependson: unknown resource attribute/),
    expect.stringMatching(/^Topic Type: unknown resource type AWS::SNS::Topik/),
  ]);
});

test('a Ref, Fn::GetAtt or condition naming nothing fails, and so does an unknown attribute', () => {
  const template = valid();
  const variables = (template.Resources.Fn!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  variables.A = { Ref: 'Inbx' };
  variables.B = { 'Fn::GetAtt': ['Inbox', 'Url'] };
  variables.C = { 'Fn::GetAtt': ['Nothing', 'Arn'] };
  template.Resources.Fn!.Properties.MemorySize = { 'Fn::If': ['IsStaging', 1024, 512] };
  expect(check(template)).toEqual([
    expect.stringMatching(/MemorySize: Fn::If names no condition of this template: IsStaging/),
    expect.stringMatching(/Variables\.A: Ref names nothing in this template: "Inbx"/),
    expect.stringMatching(/Variables\.B: AWS::SQS::Queue has no attribute Url/),
    expect.stringMatching(/Variables\.C: Fn::GetAtt names no resource of this template: "Nothing"/),
  ]);
});

test('custom resources take any properties; their intrinsics are still checked', () => {
  const template = valid();
  template.Resources.Custom = { Type: 'Custom::Anything', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Whatever: [1, { Ref: 'Missing' }] } };
  expect(check(template)).toEqual([expect.stringMatching(/^Custom Properties\.Whatever\[1\]: Ref names nothing/)]);
});
