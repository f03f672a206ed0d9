import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compliantTemplate } from '../src/policy/fixtures';
import { TEMPLATE_FILE } from '../src/packaging';

const root = resolve(__dirname, '..', '..', '..');
let dir: string;

const deployRole = (...args: string[]) => {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(__dirname, '..', 'bin', 'deploy-role.ts'), '--packages', 'packages', ...args], {
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: dir },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deploy-role-cli-'));
  mkdirSync(join(dir, 'packages', 'staging', 'orders'), { recursive: true });
  writeFileSync(join(dir, 'packages', 'staging', 'orders', TEMPLATE_FILE), JSON.stringify(compliantTemplate()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('prints both roles of the stage as JSON, account and region filled in', () => {
  const { code, stdout } = deployRole('--stage', 'staging', '--account', '123456789012', '--region', 'eu-west-1', '--repository', 'acme/shop');
  expect(code).toBe(0);
  const roles = JSON.parse(stdout) as { name: string; trust: unknown; permissions: { Statement: { Action: string[]; Resource: string[] }[] } }[];
  expect(roles.map((role) => role.name)).toEqual(['commerce-staging-cfn-execution', 'commerce-staging-github-deploy']);
  expect(stdout).not.toMatch(/\$\{AWS::/);
  expect(JSON.stringify(roles[1]!.trust)).toContain('repo:acme/shop:environment:staging');
  expect(roles[0]!.permissions.Statement.some((s) => s.Action.includes('sqs:CreateQueue') && s.Resource.includes('arn:aws:sqs:eu-west-1:123456789012:commerce-staging-orders-*'))).toBe(true);
});

test('prints a CloudFormation template creating the roles', () => {
  const { code, stdout } = deployRole('--stage', 'staging', '--format', 'cloudformation');
  expect(code).toBe(0);
  const template = JSON.parse(stdout) as { Parameters: Record<string, unknown>; Resources: Record<string, { Type: string }> };
  expect(Object.keys(template.Parameters)).toEqual(['GitHubRepository']);
  expect(Object.values(template.Resources).filter((r) => r.Type === 'AWS::IAM::Role')).toHaveLength(2);
});

test('exits 2 when the stage has no packaged template', () => {
  const { code, stderr } = deployRole('--stage', 'prod');
  expect(code).toBe(2);
  expect(stderr).toMatch(/pnpm package:all --stage prod/);
});
