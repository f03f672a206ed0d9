/**
 * What CloudFormation needs, acting through the stage's execution role, to create, update and delete each
 * resource type the packaged templates contain (the create/update/delete/read handler permissions of the
 * CloudFormation registry schemas, for the properties our templates set), and on which resources. A template that
 * gains a type missing here fails the suite (`uncoveredTypes`): add its entry in the same change.
 *
 * `resources` are ARN patterns of the stage's own names. Where AWS offers no resource-level permission for an
 * action, it goes in `unscoped` with the reason: those are the only statements with `Resource: "*"` (or a
 * whole-account ARN), and `UNSCOPED_ACTIONS` lists them all for review.
 */
import { appPrefixes, arn, stackPrefixes, type RoleScope } from './scope';

export interface Statement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface TypeAccess {
  /** The action that creates a resource of the type: the policy must grant it on the type's resources. */
  create: string;
  actions: string[];
  resources: (scope: RoleScope) => string[];
  condition?: (scope: RoleScope) => Statement['Condition'];
  /** Actions AWS authorizes on no resource ARN, with why CloudFormation calls them. */
  unscoped?: { actions: string[]; why: string; resource?: string[]; condition?: (scope: RoleScope) => Statement['Condition'] };
  /** The property naming a resource of this type, and its ARN: the suite checks every named resource fits `resources`. */
  name?: { property: string; arn: (name: string) => string; generated?: (stack: string, logicalId: string) => string };
}

const functionArns = (scope: RoleScope) => stackPrefixes(scope).flatMap((p) => [arn('lambda', `function:${p}*`)]);
const qualifiedFunctionArns = (scope: RoleScope) => stackPrefixes(scope).map((p) => arn('lambda', `function:${p}*:*`));
const functionRoleArns = (scope: RoleScope) => stackPrefixes(scope).map((p) => arn('iam', `role/${p}*`, { region: false }));
const queueArns = (scope: RoleScope) => appPrefixes(scope).map((p) => arn('sqs', `${p}*`));
const bucketArns = (scope: RoleScope) => [
  ...appPrefixes(scope).map((p) => arn('s3', `${p}*`, { region: false, account: false })),
  ...deploymentBucketArns(scope),
];
/** The framework's deployment bucket: a name CloudFormation generates from the stack name and logical id. */
export const deploymentBucketArns = (scope: RoleScope): string[] =>
  stackPrefixes(scope).map((p) => arn('s3', `${p}serverlessdeploymentbucket*`, { region: false, account: false }));
const userPoolArns = () => [arn('cognito-idp', 'userpool/*')];
const stageTag = (scope: RoleScope) => ({ StringLike: { 'aws:ResourceTag/stage': scope.stage } });
const identityParameters = (scope: RoleScope) => [arn('ssm', `parameter/commerce/${scope.stage}/identity/*`)];

const apiGateway: TypeAccess = {
  create: 'apigateway:POST',
  actions: ['apigateway:GET', 'apigateway:POST', 'apigateway:PUT', 'apigateway:PATCH', 'apigateway:DELETE', 'apigateway:TagResource', 'apigateway:UntagResource'],
  // HTTP APIs have generated ids: scoped to the HTTP API paths of the region (not REST APIs, domains, VPC links).
  resources: () => ['arn:${AWS::Partition}:apigateway:${AWS::Region}::/apis', 'arn:${AWS::Partition}:apigateway:${AWS::Region}::/apis/*', 'arn:${AWS::Partition}:apigateway:${AWS::Region}::/tags/*'],
};

export const RESOURCE_ACCESS: Record<string, TypeAccess> = {
  'AWS::IAM::Role': {
    create: 'iam:CreateRole',
    actions: ['iam:GetRole', 'iam:CreateRole', 'iam:DeleteRole', 'iam:UpdateRole', 'iam:UpdateAssumeRolePolicy', 'iam:TagRole', 'iam:UntagRole', 'iam:ListRoleTags',
      'iam:GetRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies'],
    resources: functionRoleArns,
    name: { property: 'RoleName', arn: (name) => arn('iam', `role/${name}`, { region: false }) },
  },
  'AWS::Lambda::Function': {
    create: 'lambda:CreateFunction',
    actions: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:CreateFunction', 'lambda:DeleteFunction', 'lambda:UpdateFunctionCode',
      'lambda:UpdateFunctionConfiguration', 'lambda:TagResource', 'lambda:UntagResource', 'lambda:ListTags', 'lambda:GetRuntimeManagementConfig',
      'lambda:PutFunctionConcurrency', 'lambda:DeleteFunctionConcurrency', 'lambda:GetFunctionCodeSigningConfig', 'lambda:GetFunctionRecursionConfig'],
    resources: functionArns,
    name: { property: 'FunctionName', arn: (name) => arn('lambda', `function:${name}`) },
  },
  'AWS::Lambda::Version': {
    create: 'lambda:PublishVersion',
    actions: ['lambda:PublishVersion', 'lambda:ListVersionsByFunction', 'lambda:GetFunctionConfiguration', 'lambda:DeleteFunction'],
    resources: (s) => [...functionArns(s), ...qualifiedFunctionArns(s)],
  },
  'AWS::Lambda::Permission': {
    create: 'lambda:AddPermission',
    actions: ['lambda:AddPermission', 'lambda:RemovePermission', 'lambda:GetPolicy'],
    resources: functionArns,
  },
  'AWS::Lambda::EventInvokeConfig': {
    create: 'lambda:PutFunctionEventInvokeConfig',
    actions: ['lambda:PutFunctionEventInvokeConfig', 'lambda:UpdateFunctionEventInvokeConfig', 'lambda:GetFunctionEventInvokeConfig', 'lambda:DeleteFunctionEventInvokeConfig'],
    resources: (s) => [...functionArns(s), ...qualifiedFunctionArns(s)],
  },
  'AWS::Lambda::EventSourceMapping': {
    create: 'lambda:CreateEventSourceMapping',
    // Create, update and delete are authorized on the mapping but conditioned on the function it invokes.
    actions: ['lambda:CreateEventSourceMapping', 'lambda:UpdateEventSourceMapping', 'lambda:DeleteEventSourceMapping'],
    resources: () => [arn('lambda', 'event-source-mapping:*')],
    condition: (scope) => ({ ArnLike: { 'lambda:FunctionArn': functionArns(scope) } }),
    unscoped: {
      actions: ['lambda:GetEventSourceMapping', 'lambda:ListEventSourceMappings'],
      why: 'a mapping has a generated UUID and the read actions support no lambda:FunctionArn condition',
      resource: [arn('lambda', 'event-source-mapping:*')],
    },
  },
  'AWS::Logs::LogGroup': {
    create: 'logs:CreateLogGroup',
    actions: ['logs:CreateLogGroup', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:TagResource', 'logs:UntagResource',
      'logs:ListTagsForResource', 'logs:TagLogGroup', 'logs:UntagLogGroup', 'logs:ListTagsLogGroup', 'logs:AssociateKmsKey', 'logs:DisassociateKmsKey'],
    resources: (scope) =>
      stackPrefixes(scope).flatMap((p) => [`/aws/lambda/${p}*`, `/aws/http-api/${p.slice(0, -1)}`]).flatMap((group) => [arn('logs', `log-group:${group}`), arn('logs', `log-group:${group}:*`)]),
    unscoped: { actions: ['logs:DescribeLogGroups'], why: 'DescribeLogGroups lists log groups: it is authorized on the account\'s log groups only', resource: [arn('logs', 'log-group:*')] },
    name: { property: 'LogGroupName', arn: (name) => arn('logs', `log-group:${name}`) },
  },
  'AWS::SQS::Queue': {
    create: 'sqs:CreateQueue',
    actions: ['sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:TagQueue', 'sqs:UntagQueue', 'sqs:ListQueueTags'],
    resources: queueArns,
    name: { property: 'QueueName', arn: (name) => arn('sqs', name) },
  },
  'AWS::SQS::QueuePolicy': {
    create: 'sqs:SetQueueAttributes',
    actions: ['sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'],
    resources: queueArns,
  },
  'AWS::DynamoDB::Table': {
    create: 'dynamodb:CreateTable',
    actions: ['dynamodb:CreateTable', 'dynamodb:DeleteTable', 'dynamodb:DescribeTable', 'dynamodb:UpdateTable', 'dynamodb:DescribeTimeToLive', 'dynamodb:UpdateTimeToLive',
      'dynamodb:DescribeContinuousBackups', 'dynamodb:UpdateContinuousBackups', 'dynamodb:DescribeContributorInsights', 'dynamodb:UpdateContributorInsights',
      'dynamodb:DescribeKinesisStreamingDestination', 'dynamodb:GetResourcePolicy', 'dynamodb:TagResource', 'dynamodb:UntagResource', 'dynamodb:ListTagsOfResource'],
    resources: (scope) => appPrefixes(scope).flatMap((p) => [arn('dynamodb', `table/${p}*`), arn('dynamodb', `table/${p}*/index/*`)]),
    name: { property: 'TableName', arn: (name) => arn('dynamodb', `table/${name}`) },
  },
  'AWS::S3::Bucket': {
    create: 's3:CreateBucket',
    actions: ['s3:CreateBucket', 's3:DeleteBucket', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetBucketAcl', 's3:GetBucketPolicy', 's3:GetBucketTagging', 's3:PutBucketTagging',
      's3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration', 's3:GetBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock',
      's3:GetBucketNotification', 's3:PutBucketNotification', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration',
      's3:GetBucketVersioning', 's3:PutBucketVersioning', 's3:GetBucketOwnershipControls', 's3:PutBucketOwnershipControls'],
    resources: bucketArns,
    name: {
      property: 'BucketName',
      arn: (name) => arn('s3', name, { region: false, account: false }),
      generated: (stack, logicalId) => `${stack}-${logicalId}-abcdef123456`.toLowerCase(),
    },
  },
  'AWS::S3::BucketPolicy': {
    create: 's3:PutBucketPolicy',
    actions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
    resources: bucketArns,
  },
  'AWS::ApiGatewayV2::Api': apiGateway,
  'AWS::ApiGatewayV2::Stage': {
    ...apiGateway,
    unscoped: {
      // Access logs to CloudWatch Logs are a vended-log delivery set up with the caller's credentials.
      actions: ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies'],
      why: 'HTTP API access logging creates a CloudWatch Logs delivery; the delivery and resource-policy actions take no resource ARN',
    },
  },
  'AWS::ApiGatewayV2::Authorizer': apiGateway,
  'AWS::ApiGatewayV2::Integration': apiGateway,
  'AWS::ApiGatewayV2::Route': apiGateway,
  'AWS::Events::Rule': {
    create: 'events:PutRule',
    actions: ['events:PutRule', 'events:DeleteRule', 'events:DescribeRule', 'events:EnableRule', 'events:DisableRule', 'events:PutTargets', 'events:RemoveTargets',
      'events:ListTargetsByRule', 'events:TagResource', 'events:UntagResource', 'events:ListTagsForResource'],
    resources: (scope) => stackPrefixes(scope).map((p) => arn('events', `rule/${p}*`)),
    name: { property: 'Name', arn: (name) => arn('events', `rule/${name}`), generated: (stack, logicalId) => `${stack}-${logicalId}-ABCDEF123456` },
  },
  'AWS::CloudWatch::Alarm': {
    create: 'cloudwatch:PutMetricAlarm',
    actions: ['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms', 'cloudwatch:TagResource', 'cloudwatch:UntagResource', 'cloudwatch:ListTagsForResource'],
    resources: (scope) => [...appPrefixes(scope), ...stackPrefixes(scope)].map((p) => arn('cloudwatch', `alarm:${p}*`)),
    name: { property: 'AlarmName', arn: (name) => arn('cloudwatch', `alarm:${name}`), generated: (stack, logicalId) => `${stack}-${logicalId}-ABCDEF123456` },
  },
  'AWS::CloudWatch::Dashboard': {
    create: 'cloudwatch:PutDashboard',
    actions: ['cloudwatch:PutDashboard', 'cloudwatch:GetDashboard', 'cloudwatch:DeleteDashboards'],
    resources: (scope) => [...appPrefixes(scope), ...stackPrefixes(scope)].map((p) => arn('cloudwatch', `dashboard/${p}*`, { region: false })),
    name: { property: 'DashboardName', arn: (name) => arn('cloudwatch', `dashboard/${name}`, { region: false }), generated: (stack, logicalId) => `${stack}-${logicalId}-ABCDEF123456` },
  },
  'AWS::SNS::Topic': {
    create: 'sns:CreateTopic',
    actions: ['sns:CreateTopic', 'sns:DeleteTopic', 'sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:TagResource', 'sns:UntagResource', 'sns:ListTagsForResource',
      'sns:Subscribe', 'sns:Unsubscribe', 'sns:ListSubscriptionsByTopic', 'sns:GetDataProtectionPolicy', 'sns:PutDataProtectionPolicy'],
    resources: (scope) => [...appPrefixes(scope), ...stackPrefixes(scope)].map((p) => arn('sns', `${p}*`)),
    name: { property: 'TopicName', arn: (name) => arn('sns', name), generated: (stack, logicalId) => `${stack}-${logicalId}-ABCDEF123456` },
  },
  'AWS::SNS::TopicPolicy': {
    create: 'sns:SetTopicAttributes',
    actions: ['sns:SetTopicAttributes', 'sns:GetTopicAttributes'],
    resources: (scope) => [...appPrefixes(scope), ...stackPrefixes(scope)].map((p) => arn('sns', `${p}*`)),
  },
  'AWS::SNS::Subscription': {
    create: 'sns:Subscribe',
    actions: ['sns:Subscribe', 'sns:Unsubscribe', 'sns:GetSubscriptionAttributes', 'sns:SetSubscriptionAttributes', 'sns:ListSubscriptionsByTopic'],
    resources: (scope) => [...appPrefixes(scope), ...stackPrefixes(scope)].flatMap((p) => [arn('sns', `${p}*`), arn('sns', `${p}*:*`)]),
  },
  'AWS::KMS::Key': {
    create: 'kms:CreateKey',
    // A key's ARN carries a random id: scoped by the stage tag the template puts on it (stacks/operations).
    actions: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation',
      'kms:EnableKey', 'kms:DisableKey', 'kms:UpdateKeyDescription', 'kms:ListResourceTags', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion'],
    resources: () => [arn('kms', 'key/*')],
    condition: (scope) => stageTag(scope),
    unscoped: {
      actions: ['kms:CreateKey', 'kms:TagResource'],
      why: 'a key that does not exist yet has no ARN; creating (and tagging on creation) is allowed only with the stage and app tags',
      condition: (scope) => ({ StringLike: { 'aws:RequestTag/stage': scope.stage, 'aws:RequestTag/app': 'commerce' } }),
    },
  },
  'AWS::KMS::Alias': {
    create: 'kms:CreateAlias',
    // An alias call is authorized on the alias and on the key it points at (the key statement above, by tag).
    actions: ['kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias'],
    resources: (scope) => appPrefixes(scope).map((p) => arn('kms', `alias/${p}*`)),
    unscoped: { actions: ['kms:ListAliases'], why: 'ListAliases lists the account\'s aliases and takes no resource ARN' },
    name: { property: 'AliasName', arn: (name) => arn('kms', name) },
  },
  'AWS::Cognito::UserPool': {
    create: 'cognito-idp:CreateUserPool',
    // A pool's ARN carries a random id: scoped by the stage tag the template puts on it (UserPoolTags).
    actions: ['cognito-idp:DescribeUserPool', 'cognito-idp:UpdateUserPool', 'cognito-idp:DeleteUserPool', 'cognito-idp:SetUserPoolMfaConfig', 'cognito-idp:GetUserPoolMfaConfig',
      'cognito-idp:ListTagsForResource', 'cognito-idp:TagResource', 'cognito-idp:UntagResource', 'cognito-idp:AddCustomAttributes'],
    resources: userPoolArns,
    condition: (scope) => stageTag(scope),
    unscoped: {
      actions: ['cognito-idp:CreateUserPool'],
      why: 'a pool that does not exist yet has no ARN; creation is allowed only with the stage and app tags',
      condition: (scope) => ({ StringLike: { 'aws:RequestTag/stage': scope.stage, 'aws:RequestTag/app': 'commerce' } }),
    },
  },
  'AWS::Cognito::UserPoolClient': {
    create: 'cognito-idp:CreateUserPoolClient',
    actions: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:DescribeUserPoolClient', 'cognito-idp:UpdateUserPoolClient', 'cognito-idp:DeleteUserPoolClient'],
    resources: userPoolArns,
    condition: (scope) => stageTag(scope),
  },
  'AWS::Cognito::UserPoolResourceServer': {
    create: 'cognito-idp:CreateResourceServer',
    actions: ['cognito-idp:CreateResourceServer', 'cognito-idp:DescribeResourceServer', 'cognito-idp:UpdateResourceServer', 'cognito-idp:DeleteResourceServer'],
    resources: userPoolArns,
    condition: (scope) => stageTag(scope),
  },
  'AWS::Cognito::UserPoolDomain': {
    create: 'cognito-idp:CreateUserPoolDomain',
    actions: ['cognito-idp:CreateUserPoolDomain', 'cognito-idp:UpdateUserPoolDomain', 'cognito-idp:DeleteUserPoolDomain'],
    resources: userPoolArns,
    condition: (scope) => stageTag(scope),
    unscoped: { actions: ['cognito-idp:DescribeUserPoolDomain'], why: 'DescribeUserPoolDomain looks a domain up by its prefix and takes no resource ARN' },
  },
  'AWS::SSM::Parameter': {
    create: 'ssm:PutParameter',
    actions: ['ssm:PutParameter', 'ssm:DeleteParameter', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:AddTagsToResource', 'ssm:RemoveTagsFromResource', 'ssm:ListTagsForResource'],
    resources: identityParameters,
    unscoped: { actions: ['ssm:DescribeParameters'], why: 'DescribeParameters lists parameters and takes no resource ARN' },
    name: { property: 'Name', arn: (name) => arn('ssm', `parameter${name}`) },
  },
};

/** Resource types of the templates that the execution role cannot create. */
export const uncoveredTypes = (types: Iterable<string>): string[] => [...new Set(types)].filter((type) => RESOURCE_ACCESS[type] === undefined).sort();
