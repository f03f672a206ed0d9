import type { CfnTemplate, Rule } from './cfn';
import { chargingTemplate, compliantTemplate, localProviderOnProdTemplate, statementsOf, stripeOnProdTemplate, withChange } from './fixtures';
import { checkTemplate, formatViolation, rules } from './index';
import { httpRouteAuthorizer } from './rules/http-route-authorizer';
import { httpRouteScopes } from './rules/http-route-scopes';
import { iamWildcards } from './rules/iam-wildcards';
import { lambdaRuntime } from './rules/lambda-runtime';
import { noLocalFaults } from './rules/local-faults';
import { logRetention } from './rules/log-retention';
import { noPaymentSecrets, paymentProvider } from './rules/payments';
import { rolePerFunction } from './rules/role-per-function';
import { s3BucketHardening } from './rules/s3';
import { sqsEncryptionAndDlq, sqsMaxReceiveCount, sqsVisibilityTimeout } from './rules/sqs';
import { standingCost } from './rules/standing-cost';

/** Which resources a rule flags in a template. */
const flagged = (rule: Rule, template: CfnTemplate): string[] => rule.check(template).map((v) => v.resource);

test('the compliant fixture passes every rule', () => {
  expect(checkTemplate(compliantTemplate()).map(formatViolation)).toEqual([]);
});

test('every rule has a unique id and is registered once', () => {
  expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
});

test('a violation names the resource, the rule and why', () => {
  const template = withChange('Inbox', (p) => delete p.SqsManagedSseEnabled);
  expect(checkTemplate(template).map(formatViolation)).toEqual([
    'Inbox [sqs-sse-and-dlq] queue has no server-side encryption: set `SqsManagedSseEnabled: true`',
  ]);
});

test('a file without Resources is refused rather than passed', () => {
  expect(() => checkTemplate({} as CfnTemplate)).toThrow(/no Resources/);
});

describe('iam-no-wildcards', () => {
  const addStatement = (statement: Record<string, unknown>) => {
    const template = compliantTemplate();
    statementsOf(template, 'ConsumeIamRoleLambdaExecution').push(statement);
    return template;
  };

  test.each([
    ['a * action', { Effect: 'Allow', Action: '*', Resource: 'arn:aws:sqs:eu-west-1:1:q' }],
    ['a service:* action', { Effect: 'Allow', Action: ['sqs:*'], Resource: 'arn:aws:sqs:eu-west-1:1:q' }],
    ['a partial action wildcard', { Effect: 'Allow', Action: ['dynamodb:Get*'], Resource: 'arn:aws:dynamodb:eu-west-1:1:table/t' }],
    ['a * resource', { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: '*' }],
    ['a wildcard inside an ARN', { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:commerce-dev-*' } }],
    ['every object of a bucket', { Effect: 'Allow', Action: ['s3:GetObject'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['ReceiptsBucket', 'Arn'] }, '/*']] } }],
    ['objects of a bucket pattern', { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::commerce-dev-*/receipts/*' }],
    ['a bucket-level action on a prefix', { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: { 'Fn::Sub': '${ReceiptsBucket.Arn}/receipts/*' } }],
    ['a prefix with a second wildcard', { Effect: 'Allow', Action: ['s3:GetObject'], Resource: { 'Fn::Sub': '${ReceiptsBucket.Arn}/*/receipts/*' } }],
    ['NotAction', { Effect: 'Allow', NotAction: ['iam:*'], Resource: 'arn:aws:sqs:eu-west-1:1:q' }],
    ['NotResource', { Effect: 'Allow', Action: ['sqs:SendMessage'], NotResource: 'arn:aws:sqs:eu-west-1:1:q' }],
    ['logs:* on a log group', { Effect: 'Allow', Action: ['logs:*'], Resource: 'arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/x:*' }],
    ['log writes on every log group', { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: 'arn:aws:logs:eu-west-1:1:log-group:*' }],
    ['log writes on every Lambda log group', { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: 'arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/*:*' }],
    ['log writes in any region', { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: 'arn:aws:logs:*:1:log-group:/aws/lambda/x:*' }],
    ['a log wildcard shared with another action', { Effect: 'Allow', Action: ['logs:PutLogEvents', 'logs:GetLogEvents'], Resource: 'arn:aws:logs:eu-west-1:1:log-group:/aws/lambda/x:*' }],
  ])('flags %s', (_name, statement) => {
    expect(new Set(flagged(iamWildcards, addStatement(statement)))).toEqual(new Set(['ConsumeIamRoleLambdaExecution']));
  });

  test('also reads AWS::IAM::Policy and resource policies', () => {
    const template = compliantTemplate();
    template.Resources.Extra = { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] } } };
    template.Resources.QueuePolicy = {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*' }] } },
    };
    expect(flagged(iamWildcards, template)).toEqual(['Extra', 'Extra', 'QueuePolicy']);
  });

  test.each([
    ['a Sub of the bucket ARN', { 'Fn::Sub': '${ReceiptsBucket.Arn}/receipts/*' }],
    ['a Join of the bucket ARN', { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['ReceiptsBucket', 'Arn'] }, '/receipts/*']] }],
    ['a deterministic bucket name', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::commerce-dev-payments-receipts-${AWS::AccountId}/receipts/*' }],
  ])('lets S3 object actions use a key prefix of one bucket: %s', (_name, resource) => {
    const statement = { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: resource };
    expect(flagged(iamWildcards, addStatement(statement))).toEqual([]);
  });

  test('flags managed policies it cannot read (AWS-managed or defined elsewhere), not ones the template defines', () => {
    const template = withChange('HealthIamRoleLambdaExecution', (p) => {
      p.ManagedPolicyArns = [
        { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] },
        { Ref: 'ScopedPolicy' },
      ];
    });
    template.Resources.ScopedPolicy = {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:1:q' }] } },
    };
    const violations = iamWildcards.check(template);
    expect(violations.map((v) => v.resource)).toEqual(['HealthIamRoleLambdaExecution']);
    expect(violations[0]?.message).toMatch(/AWSLambdaBasicExecutionRole cannot be checked/);
  });

  test('Deny statements may use wildcards (they only take permissions away)', () => {
    expect(flagged(iamWildcards, addStatement({ Effect: 'Deny', Action: '*', Resource: '*' }))).toEqual([]);
  });
});

describe('iam-role-per-function', () => {
  test('flags a role used by two functions', () => {
    const template = withChange('ConsumeLambdaFunction', (p) => {
      p.Role = { 'Fn::GetAtt': ['HealthIamRoleLambdaExecution', 'Arn'] };
    });
    const [violation] = rolePerFunction.check(template);
    expect(violation?.resource).toBe('HealthIamRoleLambdaExecution');
    expect(violation?.message).toMatch(/HealthLambdaFunction, ConsumeLambdaFunction/);
  });

  test('flags two functions on the same literal role ARN', () => {
    const template = compliantTemplate();
    for (const id of ['HealthLambdaFunction', 'ConsumeLambdaFunction']) {
      withChange(id, (p) => (p.Role = 'arn:aws:iam::1:role/shared'), template);
    }
    expect(flagged(rolePerFunction, template)).toEqual(['arn:aws:iam::1:role/shared']);
  });
});

describe('http-route-authorizer', () => {
  test.each([
    ['a route without authorization', (p: Record<string, unknown>) => { delete p.AuthorizationType; delete p.AuthorizerId; }],
    ['AuthorizationType NONE', (p: Record<string, unknown>) => { p.AuthorizationType = 'NONE'; }],
    ['JWT without an authorizer id', (p: Record<string, unknown>) => { delete p.AuthorizerId; }],
  ])('flags %s', (_name, change) => {
    expect(flagged(httpRouteAuthorizer, withChange('HttpApiRoutePostOrders', change))).toEqual(['HttpApiRoutePostOrders']);
  });

  test.each(['GET /health', 'GET /docs', 'GET /docs/{proxy+}', 'GET /openapi.json', 'POST /payments/webhooks/stripe'])('lets %s be public', (routeKey) => {
    expect(flagged(httpRouteAuthorizer, withChange('HttpApiRouteGetHealth', (p) => (p.RouteKey = routeKey)))).toEqual([]);
  });

  test.each([
    'GET /healthz/admin',
    'GET /orders/health',
    '$default',
    'ANY /{proxy+}',
    // Only Stripe's webhook, by method and exact path: not the payments API around it, nor a look-alike.
    'GET /payments/webhooks/stripe',
    'ANY /payments/webhooks/stripe',
    'POST /payments/webhooks/{provider}',
    'POST /payments/webhooks/stripe/{proxy+}',
    'GET /payments/{orderId}/action',
  ])('does not let %s be public', (routeKey) => {
    expect(flagged(httpRouteAuthorizer, withChange('HttpApiRouteGetHealth', (p) => (p.RouteKey = routeKey)))).toEqual(['HttpApiRouteGetHealth']);
  });
});

describe('http-route-scopes', () => {
  test.each([
    ['a JWT route without scopes', (p: Record<string, unknown>) => { delete p.AuthorizationScopes; }],
    ['a JWT route with an empty scope list', (p: Record<string, unknown>) => { p.AuthorizationScopes = []; }],
  ])('flags %s', (_name, change) => {
    expect(flagged(httpRouteScopes, withChange('HttpApiRoutePostOrders', change))).toEqual(['HttpApiRoutePostOrders']);
  });

  test('leaves public routes alone', () => {
    expect(flagged(httpRouteScopes, withChange('HttpApiRouteGetHealth', () => undefined))).toEqual([]);
  });
});

describe('sqs-sse-and-dlq', () => {
  test('flags a queue without SSE, and SSE explicitly off', () => {
    expect(flagged(sqsEncryptionAndDlq, withChange('Inbox', (p) => delete p.SqsManagedSseEnabled))).toEqual(['Inbox']);
    expect(flagged(sqsEncryptionAndDlq, withChange('InboxDlq', (p) => (p.SqsManagedSseEnabled = false)))).toEqual(['InboxDlq']);
  });

  test('accepts KMS encryption', () => {
    const template = withChange('Inbox', (p) => {
      delete p.SqsManagedSseEnabled;
      p.KmsMasterKeyId = 'alias/aws/sqs';
    });
    expect(flagged(sqsEncryptionAndDlq, template)).toEqual([]);
  });

  test('flags a queue without a RedrivePolicy, and the former DLQ once nothing targets it', () => {
    const template = withChange('Inbox', (p) => delete p.RedrivePolicy);
    expect(sqsEncryptionAndDlq.check(template).map((v) => v.resource).sort()).toEqual(['Inbox', 'InboxDlq']);
  });

  test('recognises a DLQ targeted by a deterministic-name ARN or a JSON-string RedrivePolicy', () => {
    const template = withChange('Inbox', (p) => {
      p.RedrivePolicy = JSON.stringify({
        deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:commerce-dev-svc-inbox-dlq',
        maxReceiveCount: 5,
      });
    });
    expect(flagged(sqsEncryptionAndDlq, template)).toEqual([]);
  });
});

describe('sqs-max-receive-count', () => {
  test.each([[1], [4], ['3']])('flags maxReceiveCount %p', (count) => {
    const template = withChange('Inbox', (p) => {
      p.RedrivePolicy = { deadLetterTargetArn: { 'Fn::GetAtt': ['InboxDlq', 'Arn'] }, maxReceiveCount: count };
    });
    expect(flagged(sqsMaxReceiveCount, template)).toEqual(['Inbox']);
  });

  test('flags a RedrivePolicy without maxReceiveCount', () => {
    const template = withChange('Inbox', (p) => (p.RedrivePolicy = { deadLetterTargetArn: { 'Fn::GetAtt': ['InboxDlq', 'Arn'] } }));
    expect(flagged(sqsMaxReceiveCount, template)).toEqual(['Inbox']);
  });
});

describe('sqs-visibility-timeout', () => {
  test('needs 6 x timeout + batching window: 10 s x 6 + 5 s = 65 s passes, 64 s fails', () => {
    expect(flagged(sqsVisibilityTimeout, withChange('Inbox', (p) => (p.VisibilityTimeout = 64)))).toEqual(['Inbox']);
  });

  test('counts the batching window', () => {
    const template = withChange('ConsumeEventSourceMappingSQSInbox', (p) => (p.MaximumBatchingWindowInSeconds = 6));
    expect(flagged(sqsVisibilityTimeout, template)).toEqual(['Inbox']);
  });

  test('uses the CloudFormation default visibility (30 s) when the queue omits it', () => {
    expect(flagged(sqsVisibilityTimeout, withChange('Inbox', (p) => delete p.VisibilityTimeout))).toEqual(['Inbox']);
  });

  test('follows a longer function timeout', () => {
    expect(flagged(sqsVisibilityTimeout, withChange('ConsumeLambdaFunction', (p) => (p.Timeout = 30)))).toEqual(['Inbox']);
  });

  test('flags a consumer of a queue the template does not own', () => {
    const template = withChange('ConsumeEventSourceMappingSQSInbox', (p) => {
      p.EventSourceArn = 'arn:aws:sqs:eu-west-1:123456789012:someone-elses-queue';
    });
    expect(flagged(sqsVisibilityTimeout, template)).toEqual(['ConsumeEventSourceMappingSQSInbox']);
  });
});

describe('s3-bucket-hardening', () => {
  test('flags a bucket without a full public-access block', () => {
    const template = withChange('ReceiptsBucket', (p) => {
      p.PublicAccessBlockConfiguration = { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true };
    });
    expect(s3BucketHardening.check(template).map((v) => v.message)).toEqual([expect.stringMatching(/RestrictPublicBuckets/)]);
  });

  test('flags a bucket without default encryption', () => {
    expect(flagged(s3BucketHardening, withChange('ReceiptsBucket', (p) => delete p.BucketEncryption))).toEqual(['ReceiptsBucket']);
  });

  test('flags a bucket without a policy, and with a policy that is not TLS-only', () => {
    const withoutPolicy = compliantTemplate();
    delete withoutPolicy.Resources.ReceiptsBucketPolicy;
    expect(flagged(s3BucketHardening, withoutPolicy)).toEqual(['ReceiptsBucket']);
    const notTls = withChange('ReceiptsBucketPolicy', (p) => {
      p.PolicyDocument = { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' }] };
    });
    expect(flagged(s3BucketHardening, notTls)).toEqual(['ReceiptsBucket']);
  });

  test("another bucket's TLS policy does not count", () => {
    const template = withChange('ReceiptsBucketPolicy', (p) => (p.Bucket = { Ref: 'OtherBucket' }));
    expect(flagged(s3BucketHardening, template)).toEqual(['ReceiptsBucket']);
  });
});

describe('log-retention', () => {
  test('flags a log group without retention', () => {
    expect(flagged(logRetention, withChange('HealthLogGroup', (p) => delete p.RetentionInDays))).toEqual(['HealthLogGroup']);
  });

  test('flags a function whose log group the template does not create', () => {
    const template = compliantTemplate();
    delete template.Resources.HealthLogGroup;
    expect(flagged(logRetention, template)).toEqual(['HealthLambdaFunction']);
  });
});

describe('lambda-runtime', () => {
  test.each(['nodejs20.x', 'nodejs18.x', 'python3.9', 'go1.x', undefined])('flags %p', (runtime) => {
    expect(flagged(lambdaRuntime, withChange('HealthLambdaFunction', (p) => (p.Runtime = runtime)))).toEqual(['HealthLambdaFunction']);
  });

  test('accepts nodejs22.x', () => {
    expect(flagged(lambdaRuntime, withChange('HealthLambdaFunction', (p) => (p.Runtime = 'nodejs22.x')))).toEqual([]);
  });
});

describe('no-standing-cost', () => {
  test.each([
    ['AWS::EC2::NatGateway', {}],
    ['AWS::RDS::DBInstance', {}],
    ['AWS::RDS::DBCluster', { EngineMode: 'serverless' }],
    ['AWS::Lambda::Alias', { ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 1 } }],
    ['AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface' }],
    ['AWS::DynamoDB::Table', { BillingMode: 'PROVISIONED' }],
    ['AWS::DynamoDB::Table', {}],
    ['AWS::KMS::Key', {}],
  ])('flags %s %j', (type, properties) => {
    const template = compliantTemplate();
    template.Resources.Costly = { Type: type, Properties: properties };
    expect(flagged(standingCost, template)).toEqual(['Costly']);
  });

  test('lets gateway VPC endpoints and on-demand tables through', () => {
    const template = compliantTemplate();
    template.Resources.S3Endpoint = { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Gateway' } };
    expect(flagged(standingCost, template)).toEqual([]);
  });
});

describe('payment-provider', () => {
  test('flags a prod template whose charging function would run the local provider (fixture)', () => {
    expect(paymentProvider.check(localProviderOnProdTemplate()).map(formatViolation)).toEqual([
      'ConsumeLambdaFunction [payment-provider] stage prod would run PAYMENT_PROVIDER local: a deployed stage must charge through Stripe (stripe-test or stripe-live)',
    ]);
  });

  test('passes prod on live Stripe keys read from SSM, and every rule passes that template', () => {
    expect(checkTemplate(stripeOnProdTemplate()).map(formatViolation)).toEqual([]);
  });

  test.each([
    ['test keys on prod', { STAGE: 'prod', PAYMENT_PROVIDER: 'stripe-test', STRIPE_SECRET_KEY_PARAMETER: '/commerce/prod/payments/stripe-secret-key' }],
    ['no secret parameter', { STAGE: 'dev', PAYMENT_PROVIDER: 'stripe-test' }],
    ['the local provider on a PR stage', { STAGE: 'pr-12', PAYMENT_PROVIDER: 'local' }],
    ['an unknown stage (fail closed)', { PAYMENT_PROVIDER: 'local' }],
    ['an unknown provider', { STAGE: 'dev', PAYMENT_PROVIDER: 'paypal', STRIPE_SECRET_KEY_PARAMETER: '/x' }],
  ])('flags %s', (_name, variables) => {
    expect(flagged(paymentProvider, chargingTemplate(variables))).toEqual(['ConsumeLambdaFunction']);
  });

  test('lets stage local run the local provider, and ignores functions that do not charge', () => {
    expect(flagged(paymentProvider, chargingTemplate({ STAGE: 'local', PAYMENT_PROVIDER: 'local' }))).toEqual([]);
    expect(flagged(paymentProvider, compliantTemplate())).toEqual([]);
  });
});

describe('no-payment-secrets', () => {
  test.each([['sk_live_51Habcdef'], ['sk_test_51Habcdef'], ['rk_live_51Habcdef'], ['whsec_abcdef123']])('flags %s anywhere in a resource', (secret) => {
    expect(flagged(noPaymentSecrets, chargingTemplate({ STAGE: 'dev', STRIPE_SECRET_KEY: secret }))).toEqual(['ConsumeLambdaFunction']);
  });

  test('passes a parameter name', () => {
    expect(flagged(noPaymentSecrets, stripeOnProdTemplate())).toEqual([]);
  });
});

describe('iam-no-wildcards: SSM SecureString decryption', () => {
  const decrypt = (condition: Record<string, unknown> | undefined, action: string[] = ['kms:Decrypt']) => {
    const template = compliantTemplate();
    statementsOf(template, 'ConsumeIamRoleLambdaExecution').push({
      Effect: 'Allow',
      Action: action,
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*' },
      ...(condition ? { Condition: condition } : {}),
    });
    return flagged(iamWildcards, template);
  };
  const parameterArn = { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/commerce/prod/payments/stripe-secret-key' };
  const via = { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' };

  test('lets kms:Decrypt on key/* through when pinned to SSM and one parameter', () => {
    expect(decrypt({ StringEquals: { 'kms:ViaService': via, 'kms:EncryptionContext:PARAMETER_ARN': parameterArn } })).toEqual([]);
  });

  test.each([
    ['no condition', undefined, ['kms:Decrypt']],
    ['only kms:ViaService', { StringEquals: { 'kms:ViaService': via } }, ['kms:Decrypt']],
    ['another service', { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:EncryptionContext:PARAMETER_ARN': parameterArn } }, ['kms:Decrypt']],
    ['a parameter pattern', { StringEquals: { 'kms:ViaService': via, 'kms:EncryptionContext:PARAMETER_ARN': 'arn:aws:ssm:eu-west-1:1:parameter/commerce/*' } }, ['kms:Decrypt']],
    ['another action beside it', { StringEquals: { 'kms:ViaService': via, 'kms:EncryptionContext:PARAMETER_ARN': parameterArn } }, ['kms:Decrypt', 'kms:Encrypt']],
  ])('flags %s', (_name, condition, action) => {
    expect(decrypt(condition, action)).toEqual(['ConsumeIamRoleLambdaExecution']);
  });
});

describe('no-local-faults', () => {
  test.each(['LOCAL_FAULT_CONSUMER_CRASH_RATE', 'LOCAL_FAULT_DUPLICATE_DELIVERY_RATE', 'LOCAL_PAYMENT_BANK_URL'])('flags a function that declares %s, on any stage', (name) => {
    for (const STAGE of ['prod', 'dev', 'local']) {
      expect(noLocalFaults.check(chargingTemplate({ STAGE, [name]: '1' })).map(formatViolation)).toEqual([
        `ConsumeLambdaFunction [no-local-faults] declares ${name}: fault injection is local only (ADR 0018), set by pnpm dev, never in a template`,
      ]);
    }
  });

  test('passes functions without them (the compliant fixture, a charging prod function)', () => {
    expect(noLocalFaults.check(compliantTemplate())).toEqual([]);
    expect(noLocalFaults.check(stripeOnProdTemplate())).toEqual([]);
  });
});
