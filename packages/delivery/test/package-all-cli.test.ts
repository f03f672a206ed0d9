import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
const packageAll = (...args: string[]) => {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'package-all.mjs'), ...args], { encoding: 'utf8' });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
};

// The script imports packages/delivery/src/packaging.ts through Node's type stripping (Node >= 22.18; pnpm runs 24).
test('package:all loads and refuses an unknown service before packaging anything', () => {
  const { code, out } = packageAll('--service', 'nope', '--stage', 'dev');
  expect(out).toMatch(/unknown service\(s\): nope \(services: .*orders/);
  expect(code).toBe(2);
});
