/**
 * Deploys that are never silently skipped (ADR 0016): every service is diffed against the commit its stage last
 * deployed (the stage's deployment records), on a scripted history. `deployRun` plays one CI run the way
 * deploy.yml does it: plan, then per service in order deploy and write the record only after a success, stopping
 * at the first failure (fail-fast); workflows.test.ts checks that the workflow really orders its steps so.
 */
import { deployRecordName, parseDeployRecords, servicesBehind, type DeployRecords } from './index';
import { scriptedRepo, type ScriptedRepo } from './scripted-repo';

let scripted: ScriptedRepo;
const ALL = ['notifications', 'orders', 'payments'];

beforeAll(() => {
  scripted = scriptedRepo();
});
afterAll(() => scripted.remove());

interface RunOutcome {
  planned: string[];
  deployed: string[];
}

/** One CI run for a stage at `head`. `failing` makes that service's deploy fail; `cancelled` stops before any deploy. */
const deployRun = (records: DeployRecords, head: string, { failing, cancelled = false }: { failing?: string; cancelled?: boolean } = {}): RunOutcome => {
  const planned = servicesBehind({ repo: scripted.dir, head, deployed: records }).services;
  const deployed: string[] = [];
  if (cancelled) return { planned, deployed };
  for (const service of planned) {
    // What the deploy job re-checks just before deploying (another run may have deployed meanwhile).
    if (servicesBehind({ repo: scripted.dir, head, deployed: records, only: [service] }).services.length === 0) continue;
    if (service === failing) break;
    records[service] = head;
    deployed.push(service);
  }
  return { planned, deployed };
};

test('first deploy of a stage (no record) deploys everything, in compose order', () => {
  const head = scripted.sh('rev-parse', 'HEAD');
  const plan = servicesBehind({ repo: scripted.dir, head, deployed: {} });
  expect(plan.services).toEqual(ALL);
  expect(plan.reasons.orders).toMatch(/first deploy/);
});

test('a service without a record is deployed even when nothing changed for it', () => {
  const head = scripted.sh('rev-parse', 'HEAD');
  expect(servicesBehind({ repo: scripted.dir, head, deployed: { orders: head, payments: head } }).services).toEqual(['notifications']);
});

test("a cancelled run's changes are picked up by the next run", () => {
  const records: DeployRecords = {};
  const start = scripted.sh('rev-parse', 'HEAD');
  expect(deployRun(records, start).deployed).toEqual(ALL);

  const ordersChange = scripted.commit('orders change', { 'services/orders/src/handler.ts': 'export const a = 1;\n' });
  expect(deployRun(records, ordersChange, { cancelled: true })).toEqual({ planned: ['orders'], deployed: [] });

  const paymentsChange = scripted.commit('payments change', { 'services/payments/src/handler.ts': 'export const b = 1;\n' });
  const next = deployRun(records, paymentsChange);
  expect(next.deployed).toEqual(['orders', 'payments']);
  expect(records).toEqual({ notifications: start, orders: paymentsChange, payments: paymentsChange });
  expect(deployRun(records, paymentsChange).planned).toEqual([]);
});

test('a failed deploy leaves its record unchanged, so the next run retries it and what came after it', () => {
  const records: DeployRecords = {};
  const before = scripted.sh('rev-parse', 'HEAD');
  deployRun(records, before);
  const shared = scripted.commit('shared event', { 'packages/domain-events/src/index.ts': 'export const e = 1;\n' });
  const failed = deployRun(records, shared, { failing: 'orders' });
  expect(failed).toEqual({ planned: ALL, deployed: ['notifications'] });
  expect(records).toEqual({ notifications: shared, orders: before, payments: before });

  const docsOnly = scripted.commit('docs', { 'docs/notes.md': 'nothing to deploy\n' });
  const next = deployRun(records, docsOnly);
  expect(next.deployed).toEqual(['orders', 'payments']);
  expect(servicesBehind({ repo: scripted.dir, head: docsOnly, deployed: { ...records, orders: before } }).reasons.orders).toMatch(
    new RegExp(`depends on @commerce/domain-events .* since ${before.slice(0, 12)}`),
  );
});

test('a recorded commit this history lacks (force-push) or an invalid record deploys that service in full', () => {
  const head = scripted.sh('rev-parse', 'HEAD');
  const gone = 'f'.repeat(40);
  const plan = servicesBehind({ repo: scripted.dir, head, deployed: { orders: gone, payments: head, notifications: 'invalid:garbage' } });
  expect(plan.services).toEqual(['notifications', 'orders']);
  expect(plan.reasons.orders).toMatch(/not in this history/);
});

test('an older run queued behind a newer one does not deploy over it (superseded), and a manual redeploy of all skips it too', () => {
  const older = scripted.commit('older', { 'services/orders/src/older.ts': 'export {};\n' });
  const newer = scripted.commit('newer', { 'services/orders/src/newer.ts': 'export {};\n' });
  const records: DeployRecords = { orders: newer, payments: older, notifications: older };
  const plan = servicesBehind({ repo: scripted.dir, head: older, deployed: records });
  expect(plan).toMatchObject({ services: [], superseded: ['orders'] });
  expect(servicesBehind({ repo: scripted.dir, head: older, deployed: records, all: true }).services).toEqual(['notifications', 'payments']);
  expect(servicesBehind({ repo: scripted.dir, head: newer, deployed: records, all: true }).services).toEqual(ALL);
});

describe('parseDeployRecords', () => {
  const sha = 'a'.repeat(40);
  test('reads what `aws ssm get-parameters-by-path` prints for the stage', () => {
    const ssm = { Parameters: [{ Name: deployRecordName('staging', 'orders'), Type: 'String', Value: `${sha}\n`, Version: 7 }] };
    expect(parseDeployRecords(JSON.stringify(ssm), 'staging')).toEqual({ orders: sha });
    expect(parseDeployRecords(JSON.stringify({ Parameters: [] }), 'staging')).toEqual({});
  });
  test("refuses another stage's records; a value that is no commit id becomes an unknown commit", () => {
    const ssm = { Parameters: [{ Name: deployRecordName('prod', 'orders'), Value: sha }] };
    expect(() => parseDeployRecords(JSON.stringify(ssm), 'staging')).toThrow(/not a deployment record of stage staging/);
    expect(parseDeployRecords(JSON.stringify({ orders: 'main' }), 'dev')).toEqual({ orders: 'invalid:main' });
    expect(() => parseDeployRecords('{}', '../prod')).toThrow(/invalid stage/);
  });
});
