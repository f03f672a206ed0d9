import { execFileSync } from 'node:child_process';
import { deployOrder, servicesToDeploy } from './index';
import { manifest, scriptedRepo, type ScriptedRepo } from './scripted-repo';

/** A scripted repository shaped like ours: shared packages, three services, root tooling. */
let scripted: ScriptedRepo;
let repo: string;
const sh = (...args: string[]) => scripted.sh(...args);
const commit = (message: string, files: Record<string, string>): string => scripted.commit(message, files);
const deployFor = (base: string | undefined, head: string, mergeBase = false) => servicesToDeploy({ repo, base, head, mergeBase }).services;

let initial: string;

beforeAll(() => {
  scripted = scriptedRepo();
  repo = scripted.dir;
  initial = sh('rev-parse', 'HEAD');
});

afterAll(() => scripted.remove());

test('a change in one service deploys only that service', () => {
  const head = commit('orders handler', { 'services/orders/src/handler.ts': 'export const x = 1;\n' });
  expect(deployFor(`${head}~1`, head)).toEqual(['orders']);
});

test('a change in domain-events deploys every service depending on it', () => {
  const head = commit('new event', { 'packages/domain-events/src/index.ts': 'export const y = 2;\n' });
  expect(deployFor(`${head}~1`, head)).toEqual(['notifications', 'orders', 'payments']);
});

test('a package only one service uses deploys only that service', () => {
  const head = commit('provider fix', { 'packages/payment-provider/src/index.ts': 'export {};\n' });
  expect(deployFor(`${head}~1`, head)).toEqual(['payments']);
});

test('dependencies count transitively, dev dependencies included (serverless-config -> domain-events)', () => {
  const head = commit('names', { 'packages/serverless-config/src/stages.ts': 'export {};\n' });
  const result = servicesToDeploy({ repo, base: `${head}~1`, head });
  expect(result.services).toEqual(['notifications', 'orders', 'payments']);
  expect(result.reasons.orders).toMatch(/@commerce\/serverless-config/);
});

test.each([
  ['the root lockfile', 'pnpm-lock.yaml'],
  ['the root package.json', 'package.json'],
  ['a workflow', '.github/workflows/main.yml'],
  ['shared tsconfig', 'tsconfig.base.json'],
])('a change to %s deploys everything', (_name, path) => {
  const content = path.endsWith('.json') ? `${JSON.stringify({ name: 'root', private: true, touched: Date.now() })}\n` : `# ${Date.now()}\n`;
  const head = commit(`touch ${path}`, { [path]: content });
  expect(deployFor(`${head}~1`, head)).toEqual(['notifications', 'orders', 'payments']);
});

test('docs and tooling nobody deploys affect nothing', () => {
  const head = commit('docs and policy', {
    'README.md': '# repo, explained\n',
    'docs/deploy.md': 'how\n',
    'services/orders/README.md': 'orders\n',
    'packages/delivery/src/rule.ts': 'export {};\n',
  });
  expect(deployFor(`${head}~1`, head)).toEqual([]);
});

test('a range of commits unions their changes', () => {
  const from = sh('rev-parse', 'HEAD');
  commit('notifications', { 'services/notifications/src/handler.ts': 'export const n = 1;\n' });
  const head = commit('payments', { 'services/payments/src/handler.ts': 'export const p = 1;\n' });
  expect(deployFor(from, head)).toEqual(['notifications', 'payments']);
});

test('a new service is deployed; a removed one is not', () => {
  const added = commit('inventory', {
    'services/inventory/package.json': manifest('@commerce/inventory'),
    'services/inventory/serverless.yml': 'service: inventory\n',
  });
  expect(deployFor(`${added}~1`, added)).toEqual(['inventory']);
  sh('rm', '-q', '-r', 'services/inventory');
  sh('commit', '-q', '-m', 'drop inventory');
  expect(deployFor('HEAD~1', 'HEAD')).toEqual([]);
});

test('no usable base (first push of a branch, unknown commit) deploys everything', () => {
  const head = sh('rev-parse', 'HEAD');
  expect(deployFor('0000000000000000000000000000000000000000', head)).toEqual(['notifications', 'orders', 'payments']);
  expect(deployFor('deadbeef', head)).toEqual(['notifications', 'orders', 'payments']);
  expect(deployFor(undefined, head)).toEqual(['notifications', 'orders', 'payments']);
});

test('pull requests compare with the merge base: changes on main since the fork are not the branch\'s', () => {
  const fork = sh('rev-parse', 'HEAD');
  sh('checkout', '-q', '-b', 'feature');
  const branchHead = commit('payments feature', { 'services/payments/src/feature.ts': 'export {};\n' });
  sh('checkout', '-q', 'main');
  const mainHead = commit('orders on main', { 'services/orders/src/main.ts': 'export {};\n' });
  expect(deployFor(mainHead, branchHead, true)).toEqual(['payments']);
  expect(deployFor(mainHead, branchHead, false)).toEqual(['orders', 'payments']);
  expect(deployFor(fork, mainHead)).toEqual(['orders']);
});

test('the initial history had all three services', () => {
  expect(deployFor(undefined, initial)).toEqual(['notifications', 'orders', 'payments']);
});

test("agrees with pnpm's own `--filter \"...[<base>]\"` for changes inside workspace packages", () => {
  const pnpmServices = (base: string): string[] => {
    const listed = JSON.parse(execFileSync('pnpm', ['--filter', `...[${base}]`, 'ls', '--depth', '-1', '--json'], { cwd: repo, encoding: 'utf8' })) as {
      path: string;
    }[];
    return listed.map((pkg) => pkg.path.split('/services/')[1]).filter((name): name is string => name !== undefined && !name.includes('/')).sort();
  };
  const changes: Record<string, string>[] = [
    { 'services/orders/src/agree.ts': 'export const a = 1;\n' },
    { 'packages/domain-events/src/agree.ts': 'export const b = 1;\n' },
    { 'packages/payment-provider/src/agree.ts': 'export const c = 1;\n' },
    { 'packages/serverless-config/src/agree.ts': 'export const d = 1;\n' },
  ];
  for (const files of changes) {
    const head = commit(`agree ${Object.keys(files)[0]}`, files);
    expect([...deployFor(`${head}~1`, head)].sort()).toEqual(pnpmServices(`${head}~1`));
  }
});

describe('deployOrder', () => {
  const compose = 'services:\n  a:\n    path: a\n    dependsOn: [c]\n  b:\n    path: b\n  c:\n    path: c\n    dependsOn: b\n';
  test('puts dependencies first, then name order, then services compose does not list', () => {
    expect(deployOrder(['a', 'b', 'c', 'z'], compose)).toEqual(['b', 'c', 'a', 'z']);
    expect(deployOrder(['a'], compose)).toEqual(['a']);
  });
  test('refuses a dependsOn cycle', () => {
    expect(() => deployOrder(['a'], 'services:\n  a:\n    dependsOn: b\n  b:\n    dependsOn: a\n')).toThrow(/cycle/);
  });
});
