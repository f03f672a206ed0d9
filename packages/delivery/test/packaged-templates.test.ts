/**
 * Packages every service for every checked stage (once per run, offline) and runs every template rule on each
 * `cloudformation-template-update-stack.json`. Set POLICY_PACKAGE_DIR to a `pnpm package:all` output
 * (<dir>/<stage>/<service>/) to check already-built packages instead.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { settingsFor } from '@commerce/serverless-config';
import { CHECKED_STAGES, TEMPLATE_FILE, discoverServices, packageAll, packageDirOf } from '../src/packaging';
import { checkTemplate, formatViolation, rules, type CfnTemplate } from '../src/policy/index';
import { resourcesOfType } from '../src/policy/cfn';
import { EXECUTION_ROLE_COVERS } from '../src/execution-role';

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

test('the documented CloudFormation execution role covers every resource type the templates contain', () => {
  const types = new Set([...templates.values()].flatMap((template) => Object.values(template.Resources).map((r) => r.Type)));
  expect([...types].filter((type) => EXECUTION_ROLE_COVERS[type] === undefined)).toEqual([]);
  const docs = readFileSync(join(root, 'docs', 'deploy.md'), 'utf8');
  expect(Object.values(EXECUTION_ROLE_COVERS).filter((action) => !docs.includes(`"${action}"`))).toEqual([]);
});

describe.each(services)('%s', (service) => {
  describe.each(CHECKED_STAGES)('stage %s', (stage) => {
    test('packages a real stack: functions, each with a managed log group', () => {
      const template = templateOf(service, stage);
      expect(resourcesOfType(template, 'AWS::Lambda::Function').length).toBeGreaterThan(0);
      expect(resourcesOfType(template, 'AWS::Logs::LogGroup').length).toBeGreaterThan(0);
    });

    (reuse ? test.skip : test)('deploys through the CloudFormation execution role from CFN_EXECUTION_ROLE_ARN', () => {
      expect(deploymentRoles.get(`${service}/${stage}`)).toBe(EXECUTION_ROLE);
    });

    test("takes the stage's settings: log retention", () => {
      const retention = resourcesOfType(templateOf(service, stage), 'AWS::Logs::LogGroup').map(([, g]) => g.Properties?.RetentionInDays);
      expect(new Set(retention)).toEqual(new Set([settingsFor(stage).logRetentionDays]));
    });

    test.each(rules.map((rule) => [rule.id, rule] as const))('passes %s', (_id, rule) => {
      expect(checkTemplate(templateOf(service, stage), [rule]).map(formatViolation)).toEqual([]);
    });
  });
});
