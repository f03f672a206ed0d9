/**
 * The resource types the per-stage CloudFormation execution role (docs/deploy.md, "CloudFormation execution
 * role") can create, each with one action its policy must grant. The packaged-templates suite fails when a
 * template contains a type missing here, and when docs/deploy.md lacks the action: a service adding a new kind of
 * resource updates the role in the same change, instead of discovering an AccessDenied on its first deploy.
 */
export const EXECUTION_ROLE_COVERS: Record<string, string> = {
  'AWS::IAM::Role': 'iam:CreateRole',
  'AWS::Lambda::Function': 'lambda:CreateFunction',
  'AWS::Lambda::Version': 'lambda:PublishVersion',
  'AWS::Lambda::Permission': 'lambda:AddPermission',
  'AWS::Lambda::EventSourceMapping': 'lambda:CreateEventSourceMapping',
  'AWS::Lambda::EventInvokeConfig': 'lambda:PutFunctionEventInvokeConfig',
  'AWS::Logs::LogGroup': 'logs:CreateLogGroup',
  'AWS::SQS::Queue': 'sqs:CreateQueue',
  'AWS::SQS::QueuePolicy': 'sqs:SetQueueAttributes',
  'AWS::DynamoDB::Table': 'dynamodb:CreateTable',
  'AWS::S3::Bucket': 's3:CreateBucket',
  'AWS::S3::BucketPolicy': 's3:PutBucketPolicy',
  'AWS::ApiGatewayV2::Api': 'apigateway:POST',
  'AWS::ApiGatewayV2::Stage': 'apigateway:POST',
  'AWS::ApiGatewayV2::Authorizer': 'apigateway:POST',
  'AWS::ApiGatewayV2::Integration': 'apigateway:POST',
  'AWS::ApiGatewayV2::Route': 'apigateway:POST',
  'AWS::Events::Rule': 'events:PutRule',
  'AWS::CloudWatch::Alarm': 'cloudwatch:PutMetricAlarm',
  'AWS::Cognito::UserPool': 'cognito-idp:CreateUserPool',
  'AWS::Cognito::UserPoolClient': 'cognito-idp:CreateUserPoolClient',
  'AWS::Cognito::UserPoolDomain': 'cognito-idp:CreateUserPoolDomain',
  'AWS::Cognito::UserPoolResourceServer': 'cognito-idp:CreateResourceServer',
  'AWS::SSM::Parameter': 'ssm:PutParameter',
};
