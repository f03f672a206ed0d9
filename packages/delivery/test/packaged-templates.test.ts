/**
 * Packages every service for every checked stage (once per run, offline) and runs every template rule on each
 * `cloudformation-template-update-stack.json`. Set POLICY_PACKAGE_DIR to a `pnpm package:all` output
 * (<dir>/<stage>/<service>/) to check already-built packages instead.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { alarmKeyAlias, alarmTopicArn, alarmTopicName, identityParameterRef, SERVICE_METRICS, settingsFor, SCOPES } from '@commerce/serverless-config';
import { CHECKED_STAGES, TEMPLATE_FILE, discoverServices, packageAll, packageDirOf } from '../src/packaging';
import { checkTemplate, formatViolation, rules, type CfnTemplate } from '../src/policy/index';
import { render, resourcesOfType } from '../src/policy/cfn';
import { packagedFunctions, ZipArchive } from '../src/bundles';
import { alarmMetrics, BUSINESS_METRICS_PER_SERVICE, PRICED_RESOURCE_TYPES } from '../src/cost/cost-model';
import { price } from '../src/cost/price-table';
import { formatSpecViolation, specValidator } from '../src/cfn-spec/index';
import { RESOURCE_ACCESS, deployRoles, resourceTypesOf, rolesTemplate, uncoveredTypes } from '../src/deploy-role/index';
import { namesOutsideTheRole } from '../src/deploy-role/policies';

const root = resolve(__dirname, '..', '..', '..');
const services = discoverServices(root);
const reuse = process.env.POLICY_PACKAGE_DIR;
const outDir = reuse ? resolve(reuse) : mkdtempSync(join(tmpdir(), 'commerce-packages-'));
const templates = new Map<string, CfnTemplate>();
const deploymentRoles = new Map<string, unknown>();
/** What CI exports for `serverless deploy` (docs/deploy.md): CloudFormation must act through this role. */
const EXECUTION_ROLE = 'arn:aws:iam::123456789012:role/commerce-test-cfn-execution';
const templateOf = (service: string, stage: string): CfnTemplate => {
  const template = templates.get(`${service}/${stage}`);
  if (template === undefined) throw new Error(`${service} was not packaged for ${stage}`);
  return template;
};

beforeAll(async () => {
  if (!reuse) {
    process.env.CFN_EXECUTION_ROLE_ARN = EXECUTION_ROLE;
    await packageAll({ root, services, stages: CHECKED_STAGES, outDir });
  }
  for (const service of services) {
    for (const stage of CHECKED_STAGES) {
      const dir = packageDirOf(outDir, stage, service);
      templates.set(`${service}/${stage}`, JSON.parse(readFileSync(join(dir, TEMPLATE_FILE), 'utf8')) as CfnTemplate);
      const state = JSON.parse(readFileSync(join(dir, 'serverless-state.json'), 'utf8')) as {
        service: { provider: { iam?: { deploymentRole?: unknown } } };
      };
      deploymentRoles.set(`${service}/${stage}`, state.service.provider.iam?.deploymentRole);
    }
  }
}, 15 * 60_000);

afterAll(() => {
  if (!reuse) {
    delete process.env.CFN_EXECUTION_ROLE_ARN;
    rmSync(outDir, { recursive: true, force: true });
  }
});

test('there are services to check', () => {
  expect(services).toContain('orders');
});

const templatesOfStage = (stage: string) => services.map((service) => ({ service, template: templateOf(service, stage) }));

test('the generated execution role covers every resource type the templates contain', () => {
  const types = CHECKED_STAGES.flatMap((stage) => resourceTypesOf(templatesOfStage(stage)));
  expect(uncoveredTypes(types)).toEqual([]);
});

describe.each(CHECKED_STAGES)('the deploy roles of stage %s (pnpm deploy-role)', (stage) => {
  const roles = () => deployRoles(templatesOfStage(stage), stage, '${GitHubRepository}');

  test("grant each type's create action on every name the templates give or CloudFormation generates", () => {
    const [execution] = roles();
    for (const { service, template } of templatesOfStage(stage)) {
      expect(namesOutsideTheRole(template, `${service}-${stage}`, execution!.permissions, render)).toEqual([]);
      for (const type of resourceTypesOf([{ service, template }])) {
        const create = RESOURCE_ACCESS[type]!.create;
        expect([type, execution!.permissions.Statement.some((statement) => statement.Action.includes(create))]).toEqual([type, true]);
      }
    }
  });

  test("the roles' template is one CloudFormation accepts", () => {
    expect(specValidator().validate(rolesTemplate(roles(), stage)).map(formatSpecViolation)).toEqual([]);
  });
});

/** Resource-only stacks (stacks/*): no functions, no log groups. */
const RESOURCE_ONLY = ['identity', 'operations'];
const functionServices = services.filter((service) => !RESOURCE_ONLY.includes(service));

/** What stage settings held before the identity stack: a pool id or audience written down instead of resolved. */
const PLACEHOLDERS = /DEVPOOL|STAGINGPL|PRODPOOL|commerce-api|eu-west-1_[A-Za-z0-9]{9}\b/;

test('the identity and operations stacks are packaged and checked like the services', () => {
  expect(services).toEqual(expect.arrayContaining(['identity', 'operations', 'orders', 'payments', 'notifications']));
});

describe.each(CHECKED_STAGES)('identity, stage %s', (stage) => {
  const template = () => templateOf('identity', stage);
  const one = (type: string) => {
    const found = resourcesOfType(template(), type);
    expect(found).toHaveLength(1);
    return found[0]![1];
  };

  test('one user pool: email sign-in, password policy, recovery by email, deletion protection on staging/prod', () => {
    const pool = one('AWS::Cognito::UserPool');
    const protectedStage = settingsFor(stage).userPoolDeletionProtection;
    expect(['staging', 'prod'].includes(stage)).toBe(protectedStage);
    expect(pool.Properties).toMatchObject({
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      DeletionProtection: protectedStage ? 'ACTIVE' : 'INACTIVE',
      Policies: { PasswordPolicy: { MinimumLength: 12 } },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
    expect((pool as { DeletionPolicy?: string }).DeletionPolicy).toBe(protectedStage ? 'Retain' : 'Delete');
  });

  test('a public web client: authorization code (PKCE), no secret, refresh tokens, the stage origins as callback and logout URLs', () => {
    const client = one('AWS::Cognito::UserPoolClient').Properties!;
    const origins = settingsFor(stage).corsOrigins;
    expect(client).toMatchObject({ GenerateSecret: false, AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true });
    expect(client.ExplicitAuthFlows).toContain('ALLOW_REFRESH_TOKEN_AUTH');
    expect(client.AllowedOAuthFlows).not.toContain('implicit');
    expect(client.CallbackURLs).toEqual(origins.map((origin) => `${origin}/auth/callback`));
    expect(client.LogoutURLs).toEqual(origins.map((origin) => `${origin}/`));
    expect(client.AllowedOAuthScopes).toEqual(expect.arrayContaining(['openid', ...Object.values(SCOPES)]));
  });

  test('a resource server with one scope per capability, and the hosted sign-in domain of the stage', () => {
    const server = one('AWS::Cognito::UserPoolResourceServer').Properties!;
    expect(server.Identifier).toBe('commerce');
    expect((server.Scopes as { ScopeName: string }[]).map((scope) => `commerce/${scope.ScopeName}`).sort()).toEqual(Object.values(SCOPES).sort());
    expect(one('AWS::Cognito::UserPoolDomain').Properties!.Domain).toBe(`shop-example-${stage}`);
  });

  test('writes the SSM parameters the services resolve', () => {
    const names = resourcesOfType(template(), 'AWS::SSM::Parameter').map(([, parameter]) => parameter.Properties!.Name).sort();
    expect(names).toEqual(['client-id', 'hosted-ui-domain', 'issuer', 'user-pool-arn', 'user-pool-id'].map((name) => `/commerce/${stage}/identity/${name}`));
  });
});

describe.each(functionServices)('%s finds the identity stack by its SSM parameters', (service) => {
  test.each(CHECKED_STAGES)('stage %s: the JWT authorizer resolves issuer and client id; no placeholder is left', (stage) => {
    const template = templateOf(service, stage);
    const [authorizer] = resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer?.[1].Properties?.JwtConfiguration).toEqual({
      Issuer: identityParameterRef(stage, 'issuer'),
      Audience: [identityParameterRef(stage, 'client-id')],
    });
    for (const [, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
      expect((fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({
        JWT_ISSUER: identityParameterRef(stage, 'issuer'),
        JWT_AUDIENCE: identityParameterRef(stage, 'client-id'),
      });
    }
    const text = JSON.stringify(template);
    expect(text).not.toMatch(PLACEHOLDERS);
    // CloudFormation resolves at most 60 dynamic references per template.
    expect(text.match(/\{\{resolve:/g)?.length ?? 0).toBeLessThanOrEqual(60);
  });

  test.each(CHECKED_STAGES)('stage %s: every JWT route requires scopes of the resource server', (stage) => {
    const routes = resourcesOfType(templateOf(service, stage), 'AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties?.AuthorizationType === 'JWT');
    expect(routes.length).toBeGreaterThan(0);
    for (const [, route] of routes) {
      const scopes = route.Properties?.AuthorizationScopes as string[] | undefined;
      expect(scopes?.length).toBeGreaterThan(0);
      scopes?.forEach((scope) => expect(Object.values(SCOPES)).toContain(scope));
    }
  });
});

test.each(CHECKED_STAGES)("notifications looks customers up in the stage's pool (stage %s)", (stage) => {
  const template = templateOf('notifications', stage);
  const [, inbox] = resourcesOfType(template, 'AWS::Lambda::Function').find(([id]) => id === 'InboxLambdaFunction')!;
  expect((inbox.Properties?.Environment as { Variables: Record<string, unknown> }).Variables.COGNITO_USER_POOL_ID).toBe(identityParameterRef(stage, 'user-pool-id'));
  expect(JSON.stringify(template)).toContain(JSON.stringify({ 'Fn::Sub': identityParameterRef(stage, 'user-pool-arn') }));
});

describe.each(functionServices)('%s', (service) => {
  describe.each(CHECKED_STAGES)('stage %s', (stage) => {
    test('packages a real stack: functions, each with a managed log group', () => {
      const template = templateOf(service, stage);
      expect(resourcesOfType(template, 'AWS::Lambda::Function').length).toBeGreaterThan(0);
      expect(resourcesOfType(template, 'AWS::Logs::LogGroup').length).toBeGreaterThan(0);
    });

    test("takes the stage's settings: log retention", () => {
      const retention = resourcesOfType(templateOf(service, stage), 'AWS::Logs::LogGroup').map(([, g]) => g.Properties?.RetentionInDays);
      expect(new Set(retention)).toEqual(new Set([settingsFor(stage).logRetentionDays]));
    });
  });
});

describe.each(functionServices)('%s operations (ADR 0012)', (service) => {
  describe.each(CHECKED_STAGES)('stage %s', (stage) => {
    const settings = () => settingsFor(stage);
    const stateful = () =>
      Object.entries(templateOf(service, stage).Resources).filter(
        ([id, r]) => r.Type === 'AWS::DynamoDB::Table' || (r.Type === 'AWS::S3::Bucket' && id !== 'ServerlessDeploymentBucket') || id.endsWith('Dlq'),
      );

    test('tables, buckets and DLQs are retained on staging/prod and deletable on dev and PR stages', () => {
      const policy = settings().retainData ? 'Retain' : 'Delete';
      expect(['staging', 'prod'].includes(stage)).toBe(settings().retainData);
      expect(stateful().length).toBeGreaterThan(0);
      for (const [, resource] of stateful()) expect(resource).toMatchObject({ DeletionPolicy: policy, UpdateReplacePolicy: policy });
      for (const [, table] of resourcesOfType(templateOf(service, stage), 'AWS::DynamoDB::Table')) {
        expect(table.Properties).toMatchObject({ DeletionProtectionEnabled: settings().retainData, SSESpecification: { SSEEnabled: true } });
      }
    });

    test("the HTTP API stage takes the stage's throttling and writes access logs with the stage's retention", () => {
      const stages = resourcesOfType(templateOf(service, stage), 'AWS::ApiGatewayV2::Stage');
      expect(stages).toHaveLength(1);
      const apiStage = { Properties: stages[0]?.[1].Properties ?? {} };
      expect(apiStage.Properties.DefaultRouteSettings).toMatchObject({
        ThrottlingBurstLimit: settings().apiThrottle.burst,
        ThrottlingRateLimit: settings().apiThrottle.rate,
      });
      expect(apiStage.Properties.AccessLogSettings).toMatchObject({ DestinationArn: { 'Fn::GetAtt': ['HttpApiLogGroup', 'Arn'] } });
      expect(templateOf(service, stage).Resources.HttpApiLogGroup?.Properties?.RetentionInDays).toBe(settings().logRetentionDays);
    });

    test("every SQS consumer is capped at the stage's inboxMaxConcurrency", () => {
      const mappings = resourcesOfType(templateOf(service, stage), 'AWS::Lambda::EventSourceMapping');
      expect(mappings.length).toBeGreaterThan(0);
      for (const [, mapping] of mappings) expect(mapping.Properties?.ScalingConfig).toEqual({ MaximumConcurrency: settings().inboxMaxConcurrency });
    });
  });
});

test.each(CHECKED_STAGES)('stage %s: the receipts bucket keeps versions only where data is retained, and expires noncurrent ones', (stage) => {
  const bucket = templateOf('payments', stage).Resources.ReceiptsBucket?.Properties;
  expect(bucket?.VersioningConfiguration).toEqual({ Status: settingsFor(stage).retainData ? 'Enabled' : 'Suspended' });
  expect(JSON.stringify(bucket?.LifecycleConfiguration)).toContain(`"NoncurrentVersionExpiration":{"NoncurrentDays":${settingsFor(stage).noncurrentVersionDays}}`);
});

describe.each(services)('%s', (service) => {
  describe.each(CHECKED_STAGES)('stage %s', (stage) => {
    (reuse ? test.skip : test)('deploys through the CloudFormation execution role from CFN_EXECUTION_ROLE_ARN', () => {
      expect(deploymentRoles.get(`${service}/${stage}`)).toBe(EXECUTION_ROLE);
    });

    test("CloudFormation's resource specification accepts it (types, properties, required ones, Ref/GetAtt)", () => {
      expect(specValidator().validate(templateOf(service, stage)).map(formatSpecViolation)).toEqual([]);
    });

    test.each(rules.map((rule) => [rule.id, rule] as const))('passes %s', (_id, rule) => {
      expect(checkTemplate(templateOf(service, stage), [rule], { stage }).map(formatViolation)).toEqual([]);
    });
  });
});

/** Bundle budgets (ADR 0019): what Lambda downloads on a cold start stays small, and carries no source maps. */
const ZIP_BUDGET_BYTES = 150 * 1024;

describe.each(CHECKED_STAGES)('bundles of stage %s (ADR 0019)', (stage) => {
  test.each(functionServices)('every %s zip is at most 150 KiB, without source maps or a bundled AWS SDK', (service) => {
    const dir = packageDirOf(outDir, stage, service);
    const functions = packagedFunctions(templateOf(service, stage), dir);
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      const archive = ZipArchive.read(fn.zip);
      expect({ zip: fn.name, overBudget: archive.bytesLength > ZIP_BUDGET_BYTES }).toEqual({ zip: fn.name, overBudget: false });
      expect(archive.entries.map((entry) => entry.name).filter((name) => name.endsWith('.map') || name.includes('node_modules/'))).toEqual([]);
      const handler = archive.entries.find((entry) => entry.name.endsWith('.js'))!;
      expect(archive.contentOf(handler).toString('utf8')).not.toContain('aws-sdk-js'); // the SDK's user agent: not bundled
    }
  });
});

test('the cost model prices every resource type the packaged templates contain (pnpm cost)', () => {
  const types = new Set([...templates.values()].flatMap((template) => Object.values(template.Resources).map((r) => r.Type)));
  expect([...types].filter((type) => PRICED_RESOURCE_TYPES[type] === undefined).sort()).toEqual([]);
});

/** Observability (ADR 0017): what the observability plugin generated from each packaged template. */
const ofTypeIn = (template: CfnTemplate, type: string) => resourcesOfType(template, type);

describe.each(CHECKED_STAGES)('operations stack, stage %s', (stage) => {
  test('staging/prod: one alarm topic with its deterministic name, encrypted with its own rotating key that CloudWatch may use; nothing on dev and PR stages', () => {
    const template = templateOf('operations', stage);
    const topics = ofTypeIn(template, 'AWS::SNS::Topic');
    if (!settingsFor(stage).alarms) {
      expect(Object.values(template.Resources).map((r) => r.Type).filter((type) => !type.startsWith('AWS::S3::'))).toEqual([]);
      return;
    }
    expect(topics.map(([, topic]) => topic.Properties?.TopicName)).toEqual([alarmTopicName(stage)]);
    const keyId = (topics[0]![1].Properties?.KmsMasterKeyId as { Ref: string }).Ref;
    const key = template.Resources[keyId]!;
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties?.EnableKeyRotation).toBe(true);
    const statements = (key.Properties?.KeyPolicy as { Statement: { Principal: unknown; Action: string[] }[] }).Statement;
    expect(statements.find((statement) => JSON.stringify(statement.Principal) === JSON.stringify({ Service: 'cloudwatch.amazonaws.com' }))?.Action.sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(statements.flatMap((statement) => statement.Action).filter((action) => action.includes('*'))).toEqual([]);
    expect(ofTypeIn(template, 'AWS::KMS::Alias').map(([, alias]) => alias.Properties?.AliasName)).toEqual([alarmKeyAlias(stage)]);
    const [, policy] = ofTypeIn(template, 'AWS::SNS::TopicPolicy')[0]!;
    expect(JSON.stringify(policy.Properties)).toContain('"Service":"cloudwatch.amazonaws.com"');
  });
});

describe.each(functionServices)('%s observability (ADR 0017)', (service) => {
  describe.each(CHECKED_STAGES)('stage %s', (stage) => {
    const template = () => templateOf(service, stage);

    test('every function is traced and may write its traces, and exports its metrics to the app namespace', () => {
      for (const [, fn] of ofTypeIn(template(), 'AWS::Lambda::Function')) {
        expect(fn.Properties?.TracingConfig).toEqual({ Mode: 'Active' });
        expect((fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject({ POWERTOOLS_SERVICE_NAME: service, POWERTOOLS_METRICS_NAMESPACE: 'commerce', STAGE: stage });
        const role = template().Resources[(fn.Properties?.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!]!;
        expect(JSON.stringify(role.Properties)).toContain(JSON.stringify({ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' }));
      }
    });

    test("alarms and one dashboard only where the stage has alarms; every alarm notifies the stage's topic when it fires and when it recovers", () => {
      const alarms = ofTypeIn(template(), 'AWS::CloudWatch::Alarm');
      const dashboards = ofTypeIn(template(), 'AWS::CloudWatch::Dashboard');
      if (!settingsFor(stage).alarms) {
        expect([alarms.length, dashboards.length]).toEqual([0, 0]);
        return;
      }
      expect(dashboards.map(([, board]) => board.Properties?.DashboardName)).toEqual([`${service}-${stage}-overview`]);
      const functions = ofTypeIn(template(), 'AWS::Lambda::Function').length;
      const queues = ofTypeIn(template(), 'AWS::SQS::Queue').length; // each consumed inbox has a DLQ: one alarm per queue
      const apis = ofTypeIn(template(), 'AWS::ApiGatewayV2::Api').length;
      expect(alarms.length).toBe(2 * functions + queues + apis + (service === 'orders' ? 1 : 0));
      for (const [, alarm] of alarms) {
        expect(alarm.Properties).toMatchObject({ AlarmActions: [alarmTopicArn(stage)], OKActions: [alarmTopicArn(stage)], TreatMissingData: 'notBreaching' });
        expect(String(alarm.Properties?.AlarmName)).toMatch(new RegExp(`^${service}-${stage}-`));
      }
      const names = alarms.map(([, alarm]) => String(alarm.Properties?.AlarmName));
      if (service === 'orders') expect(names).toContain(`orders-${stage}-outbox-oldest-pending-event`);
      expect(names).toContain(`${service}-${stage}-api-5xx-rate`);
    });
  });
});

test("the cost model counts each service's business metrics as the services emit them", () => {
  expect(BUSINESS_METRICS_PER_SERVICE).toEqual(Object.fromEntries(Object.entries(SERVICE_METRICS).map(([service, names]) => [service, names.length])));
});

test("docs/deploy.md states the monthly standing cost of prod's alarms, dashboards and alarm key, as the packaged prod templates make it", () => {
  const prod = services.map((service) => templateOf(service, 'prod'));
  const alarmMetricMonths = prod.flatMap((template) => ofTypeIn(template, 'AWS::CloudWatch::Alarm')).reduce((sum, [, alarm]) => sum + alarmMetrics(alarm), 0);
  const dashboards = prod.flatMap((template) => ofTypeIn(template, 'AWS::CloudWatch::Dashboard')).length;
  const keys = prod.flatMap((template) => ofTypeIn(template, 'AWS::KMS::Key')).length;
  const total = alarmMetricMonths * price('alarmMonth') + dashboards * price('dashboardMonth') + keys * price('kmsKeyMonth');
  const deployDoc = readFileSync(join(root, 'docs', 'deploy.md'), 'utf8');
  expect(deployDoc).toContain(`${alarmMetricMonths} alarm metrics`);
  expect(deployDoc).toContain(`${dashboards} dashboards`);
  expect(deployDoc).toContain(`$${total.toFixed(2)} per month`);
});
