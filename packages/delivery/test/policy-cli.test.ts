import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compliantTemplate, withChange, withResource } from '../src/policy/fixtures';
import { TEMPLATE_FILE } from '../src/packaging';

const root = resolve(__dirname, '..', '..', '..');
let dir: string;

const policy = (...paths: string[]) => {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(__dirname, '..', 'bin', 'policy.ts'), ...paths], {
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: dir },
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
};

const place = (path: string, template: unknown, stage?: string) => {
  mkdirSync(join(dir, path), { recursive: true });
  writeFileSync(join(dir, path, TEMPLATE_FILE), JSON.stringify(template));
  if (stage) writeFileSync(join(dir, path, 'serverless-state.json'), JSON.stringify({ service: { provider: { stage } } }));
};
/** A table that the stack deletes with it: fine on dev and PR stages, not on staging/prod (stateful-retain). */
const deletableTable = (stage?: string) => withResource('Table', (table) => (table.DeletionPolicy = 'Delete'), compliantTemplate({ stage }));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-cli-'));
  place('good/dev/orders', compliantTemplate());
  place('bad/dev/payments', withChange('Inbox', (p) => delete p.SqsManagedSseEnabled));
  place('stages/dev/orders', deletableTable('dev'), 'dev');
  place('stages/prod/orders', deletableTable(), 'prod');
  place('stages/unknown/orders', deletableTable());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('passes compliant templates (exit 0)', () => {
  const { code, out } = policy('good');
  expect(out).toMatch(/PASS .*good\/dev\/orders/);
  expect(code).toBe(0);
});

test('fails with the resource, rule and reason (exit 1)', () => {
  const { code, out } = policy('good', 'bad');
  expect(out).toMatch(/FAIL .*bad\/dev\/payments/);
  expect(out).toContain('Inbox [sqs-sse-and-dlq] queue has no server-side encryption');
  expect(code).toBe(1);
});

test('refuses to pass when there is nothing to check (exit 2)', () => {
  expect(policy('nowhere').code).toBe(2);
});

test("reads each template's stage from the serverless-state.json beside it; without one, checks it as staging/prod", () => {
  const { code, out } = policy('stages');
  expect(out).toMatch(/PASS .*stages\/dev\/orders.* \(stage dev\)/);
  expect(out).toMatch(/FAIL .*stages\/prod\/orders.* \(stage prod\)/);
  expect(out).toMatch(/FAIL .*stages\/unknown\/orders.* \(stage unknown: checked as staging\/prod\)/);
  expect(out).toContain('Table [stateful-retain] stage prod:');
  expect(code).toBe(1);
});
