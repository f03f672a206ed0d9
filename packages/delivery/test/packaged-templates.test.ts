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

const root = resolve(__dirname, '..', '..', '..');
const services = discoverServices(root);
const reuse = process.env.POLICY_PACKAGE_DIR;
const outDir = reuse ? resolve(reuse) : mkdtempSync(join(tmpdir(), 'commerce-packages-'));
const templates = new Map<string, CfnTemplate>();
const templateOf = (service: string, stage: string): CfnTemplate => {
  const template = templates.get(`${service}/${stage}`);
  if (template === undefined) throw new Error(`${service} was not packaged for ${stage}`);
  return template;
};

beforeAll(async () => {
  if (!reuse) await packageAll({ root, services, stages: CHECKED_STAGES, outDir });
  for (const service of services) {
    for (const stage of CHECKED_STAGES) {
      const file = join(packageDirOf(outDir, stage, service), TEMPLATE_FILE);
      templates.set(`${service}/${stage}`, JSON.parse(readFileSync(file, 'utf8')) as CfnTemplate);
    }
  }
}, 15 * 60_000);

afterAll(() => {
  if (!reuse) rmSync(outDir, { recursive: true, force: true });
});

test('there are services to check', () => {
  expect(services).toContain('orders');
});

describe.each(services)('%s', (service) => {
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

    test.each(rules.map((rule) => [rule.id, rule] as const))('passes %s', (_id, rule) => {
      expect(checkTemplate(templateOf(service, stage), [rule]).map(formatViolation)).toEqual([]);
    });
  });
});
