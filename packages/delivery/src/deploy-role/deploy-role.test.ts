import { specValidator, formatSpecViolation } from '../cfn-spec/index';
import { render } from '../policy/cfn';
import {
  RESOURCE_ACCESS, ciRolePolicy, deployRoles, fillPseudoParameters, isNoResourceLevel, rolesTemplate, splitPolicy, MANAGED_POLICY_LIMIT, type PolicyDocument, type TemplateInput,
} from './index';
import { arnMatches, namesOutsideTheRole } from './policies';

/** Two stacks shaped like ours: a service with a function, a queue and an alarm; the identity stack. */
const orders = (stage: string): TemplateInput['template'] & { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> } => ({
  Resources: {
    ServerlessDeploymentBucket: { Type: 'AWS::S3::Bucket' },
    PlaceLambdaFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: `orders-${stage}-place`, Environment: { Variables: { ISSUER: `{{resolve:ssm:/commerce/${stage}/identity/issuer}}` } } },
    },
    PlaceIamRoleLambdaExecution: { Type: 'AWS::IAM::Role', Properties: { RoleName: { 'Fn::Join': ['-', ['orders', stage, 'place', { Ref: 'AWS::Region' }, 'lambdaRole']] } } },
    PlaceLogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/aws/lambda/orders-${stage}-place` } },
    Inbox: { Type: 'AWS::SQS::Queue', Properties: { QueueName: `commerce-${stage}-orders-inbox` } },
    InboxDlqAlarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmName: `commerce-${stage}-orders-inbox-dlq-not-empty` } },
  },
});
const identity = (stage: string) => ({
  Resources: {
    ServerlessDeploymentBucket: { Type: 'AWS::S3::Bucket' },
    UserPool: { Type: 'AWS::Cognito::UserPool' },
    IssuerParameter: { Type: 'AWS::SSM::Parameter', Properties: { Name: `/commerce/${stage}/identity/issuer` } },
  },
});
const templates = (stage: string): TemplateInput[] => [{ service: 'identity', template: identity(stage) }, { service: 'orders', template: orders(stage) }];
const [execution, ci] = deployRoles(templates('prod'), 'prod', 'ORG/REPO') as [ReturnType<typeof deployRoles>[0], ReturnType<typeof deployRoles>[0]];
const statement = (policy: PolicyDocument, sid: string) => policy.Statement.find((s) => s.Sid === sid);
const grants = (policy: PolicyDocument, action: string, resource: string) =>
  policy.Statement.some((s) => s.Action.includes(action) && s.Resource.some((pattern) => arnMatches(pattern, resource)));

test('a template gaining a resource type the role cannot create fails the generation, naming the type', () => {
  const withStateMachine: TemplateInput[] = [...templates('prod'), { service: 'flows', template: { Resources: { Flow: { Type: 'AWS::StepFunctions::StateMachine' } } } }];
  expect(() => deployRoles(withStateMachine, 'prod', 'ORG/REPO')).toThrow(/cannot create AWS::StepFunctions::StateMachine: add them to RESOURCE_ACCESS/);
});

test.each([['execution', execution], ['ci', ci]])('the %s role has no wildcard action; Resource "*" only where AWS has no resource-level permission', (_name, role) => {
  for (const s of role.permissions.Statement) {
    s.Action.forEach((action) => expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/));
    if (!isNoResourceLevel(s)) expect(s.Resource).not.toContain('*');
  }
});

test('the actions granted on Resource "*" are exactly the listed ones', () => {
  const unscoped = (policy: PolicyDocument) => policy.Statement.filter((s) => s.Resource.includes('*')).flatMap((s) => s.Action).sort();
  expect(unscoped(execution.permissions)).toEqual(['cognito-idp:CreateUserPool', 'ssm:DescribeParameters']);
  expect(unscoped(ci.permissions)).toEqual(['cloudformation:ListExports', 'cloudformation:ValidateTemplate']);
  expect(statement(execution.permissions, 'CognitoUserPoolNoResourceLevel')?.Condition).toEqual({ StringLike: { 'aws:RequestTag/stage': 'prod', 'aws:RequestTag/app': 'commerce' } });
});

test("Lambda's CreateFunction can read the code from the deployment bucket, and only the functions' roles can be passed", () => {
  expect(grants(execution.permissions, 's3:GetObject', 'arn:${AWS::Partition}:s3:::orders-prod-serverlessdeploymentbucket-1a2b3c/serverless/orders/prod/x/orders.zip')).toBe(true);
  expect(grants(execution.permissions, 's3:GetObject', 'arn:${AWS::Partition}:s3:::someone-else/orders.zip')).toBe(false);
  expect(statement(execution.permissions, 'PassOnlyTheFunctionRoles')).toEqual({
    Sid: 'PassOnlyTheFunctionRoles', Effect: 'Allow', Action: ['iam:PassRole'],
    Resource: ['arn:${AWS::Partition}:iam::${AWS::AccountId}:role/orders-prod-*'],
    Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
  });
});

test("each type is granted on the names of the stacks that contain it, of this stage only", () => {
  const policy = fillPseudoParameters(execution.permissions, { account: '123456789012', region: 'eu-west-1' });
  expect(grants(policy, 'cloudwatch:PutMetricAlarm', 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:commerce-prod-orders-inbox-dlq-not-empty')).toBe(true);
  expect(grants(policy, 'cloudwatch:PutMetricAlarm', 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:commerce-prod-identity-x')).toBe(false);
  expect(grants(policy, 'sqs:CreateQueue', 'arn:aws:sqs:eu-west-1:123456789012:commerce-staging-orders-inbox')).toBe(false);
  expect(grants(policy, 'ssm:GetParameters', 'arn:aws:ssm:eu-west-1:123456789012:parameter/commerce/prod/identity/issuer')).toBe(true);
  expect(grants(policy, 'ssm:GetParameters', 'arn:aws:ssm:eu-west-1:123456789012:parameter/commerce/prod/payments/stripe-secret-key')).toBe(false);
});

test('every named resource of the templates fits the role, generated names included; a stray name does not', () => {
  const policy = execution.permissions;
  expect(namesOutsideTheRole(orders('prod'), 'orders-prod', policy, render)).toEqual([]);
  const stray = orders('prod');
  stray.Resources.Inbox!.Properties = { QueueName: 'orders-inbox' };
  expect(namesOutsideTheRole(stray, 'orders-prod', policy, render)).toEqual(['Inbox (AWS::SQS::Queue) arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:orders-inbox']);
});

test('the GitHub role drives only the stage stacks, passes only the execution role, reads and writes the deployment records; no DeleteStack on prod', () => {
  expect(statement(ci.permissions, 'Stacks')?.Resource).toEqual([
    'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/identity-prod/*',
    'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/orders-prod/*',
  ]);
  expect(statement(ci.permissions, 'Stacks')?.Action).not.toContain('cloudformation:DeleteStack');
  expect(statement(ciRolePolicy({ stage: 'dev', services: ['orders'] }), 'Stacks')?.Action).toContain('cloudformation:DeleteStack');
  expect(statement(ci.permissions, 'PassOnlyTheExecutionRole')?.Resource).toEqual(['arn:${AWS::Partition}:iam::${AWS::AccountId}:role/commerce-prod-cfn-execution']);
  expect(grants(ci.permissions, 'ssm:PutParameter', 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/commerce/prod/deployed/orders')).toBe(true);
  expect(grants(ci.permissions, 'ssm:GetParametersByPath', 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/commerce/prod/deployed')).toBe(true);
  expect(ci.trust.Statement[0]?.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub']).toBe('repo:ORG/REPO:environment:prod');
});

test('a pr-<n> package gives the preview roles every PR stage shares', () => {
  const [previewExecution, previewCi] = deployRoles(templates('pr-123'), 'pr-123', 'ORG/REPO');
  expect([previewExecution?.name, previewCi?.name]).toEqual(['commerce-preview-cfn-execution', 'commerce-preview-github-deploy']);
  expect(grants(previewExecution!.permissions, 'sqs:CreateQueue', 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:commerce-pr-7-orders-inbox')).toBe(true);
  expect(grants(previewExecution!.permissions, 'ssm:GetParameters', 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/commerce/pr-9/identity/issuer')).toBe(true);
  expect(previewCi!.trust.Statement[0]?.Condition?.StringEquals?.['token.actions.githubusercontent.com:sub']).toBe('repo:ORG/REPO:environment:preview');
  expect(statement(previewCi!.permissions, 'ListBucketsNoResourceLevel')?.Action).toEqual(['s3:ListAllMyBuckets']);
});

test('a long policy is split into managed policies under the IAM size limit, keeping every statement in order', () => {
  const many: PolicyDocument = { Version: '2012-10-17', Statement: Array.from({ length: 60 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow' as const, Action: ['sqs:GetQueueUrl'], Resource: [`arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:commerce-prod-orders-queue-with-a-long-name-${i}`] })) };
  const parts = splitPolicy(many);
  expect(parts.length).toBeGreaterThan(1);
  parts.forEach((part) => expect(JSON.stringify(fillPseudoParameters(part, { account: '123456789012', region: 'ap-southeast-4' })).length).toBeLessThanOrEqual(MANAGED_POLICY_LIMIT));
  expect(parts.flatMap((part) => part.Statement)).toEqual(many.Statement);
});

test("the roles' CloudFormation template is one CloudFormation accepts (resource specification)", () => {
  const template = rolesTemplate(deployRoles(templates('prod'), 'prod', '${GitHubRepository}'), 'test');
  expect(specValidator().validate(template).map(formatSpecViolation)).toEqual([]);
  expect(JSON.stringify(template)).toContain('"Fn::Sub":"repo:${GitHubRepository}:environment:prod"');
});

test('every type of the table names its create action among its actions (or its unscoped ones)', () => {
  for (const [type, access] of Object.entries(RESOURCE_ACCESS)) {
    expect([type, [...access.actions, ...(access.unscoped?.actions ?? [])].includes(access.create)]).toEqual([type, true]);
  }
});
