import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { deployOrder } from '../src/change-detection/index';
import { discoverServices } from '../src/packaging';

const root = resolve(__dirname, '..', '..', '..');
const composeYaml = readFileSync(join(root, 'serverless-compose.yml'), 'utf8');
const compose = load(composeYaml) as { services: Record<string, { path: string; dependsOn?: string[]; params?: unknown }> };
const entries = Object.entries(compose.services);

const RESOURCE_STACKS = ['identity', 'operations'];

test('lists the identity and operations stacks first, at stacks/<name>, and the three services, each at services/<name>', () => {
  expect(entries.map(([name]) => name).slice(0, 2)).toEqual(RESOURCE_STACKS);
  expect(entries.map(([name]) => name).sort()).toEqual(['identity', 'notifications', 'operations', 'orders', 'payments']);
  entries.forEach(([name, entry]) => expect(entry.path).toBe(RESOURCE_STACKS.includes(name) ? `stacks/${name}` : `services/${name}`));
});

test('lists every service that exists in the repository', () => {
  const listed = entries.map(([name]) => name);
  discoverServices(root).forEach((service) => expect(listed).toContain(service));
});

test('dependsOn only where creation order is real: every service after identity and operations (its alarm topic), payments after notifications', () => {
  const edges = entries.flatMap(([name, entry]) => (entry.dependsOn ?? []).map((dep) => `${name} -> ${dep}`));
  expect(edges.sort()).toEqual([
    'notifications -> identity', 'notifications -> operations', 'orders -> identity', 'orders -> operations',
    'payments -> identity', 'payments -> notifications', 'payments -> operations',
  ]);
  expect(deployOrder(['orders', 'payments', 'notifications', 'identity', 'operations'], composeYaml)).toEqual(['identity', 'operations', 'notifications', 'orders', 'payments']);
});

test('no cross-service outputs: packaging stays offline and the runtime cycle stays out of deploys', () => {
  expect(composeYaml).not.toMatch(/\$\{\s*(identity|operations|orders|payments|notifications)\./);
});
