import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverServices, packagingLockOf, serviceDirOf, withLock } from './packaging';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'packaging-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('discovers services by their serverless.yml', () => {
  for (const [dir, withConfig] of [['orders', true], ['payments', true], ['scratch', false]] as const) {
    mkdirSync(join(root, 'services', dir), { recursive: true });
    if (withConfig) writeFileSync(join(root, 'services', dir, 'serverless.yml'), `service: ${dir}\n`);
  }
  expect(discoverServices(root)).toEqual(['orders', 'payments']);
});

test('discovers resource-only stacks under stacks/ too, and finds each one\'s directory', () => {
  for (const dir of ['services/orders', 'stacks/identity']) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'serverless.yml'), 'service: x\n');
  }
  expect(discoverServices(root)).toEqual(['identity', 'orders']);
  expect(serviceDirOf(root, 'identity')).toBe('stacks/identity');
  expect(serviceDirOf(root, 'orders')).toBe('services/orders');
  expect(() => serviceDirOf(root, 'nope')).toThrow(/no serverless.yml/);
});

test('the packaging lock lets one packaging of a service run at a time', async () => {
  const lock = packagingLockOf(root, 'orders');
  const events: string[] = [];
  const work = (name: string) => async () => {
    events.push(`${name} start`);
    await new Promise((done) => setTimeout(done, 300));
    events.push(`${name} end`);
  };
  await Promise.all([withLock(lock, work('a')), withLock(lock, work('b'))]);
  expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
});

test('the lock is released when the work fails', async () => {
  const lock = packagingLockOf(root, 'orders');
  await expect(withLock(lock, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  await expect(withLock(lock, () => Promise.resolve('next'))).resolves.toBe('next');
});
