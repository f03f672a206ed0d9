/**
 * Test support: a scripted git repository shaped like ours (shared packages, three services, root tooling), for
 * the change-detection tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ScriptedRepo {
  dir: string;
  sh: (...args: string[]) => string;
  write: (path: string, content: string) => void;
  /** Writes the files, commits them all and returns the new commit id. */
  commit: (message: string, files: Record<string, string>) => string;
  remove: () => void;
}

export const manifest = (name: string, deps: Record<string, string> = {}, devDeps: Record<string, string> = {}): string =>
  JSON.stringify({ name, private: true, dependencies: deps, devDependencies: devDeps });

export const scriptedRepo = (): ScriptedRepo => {
  const dir = mkdtempSync(join(tmpdir(), 'change-detection-'));
  const sh = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  const commit = (message: string, files: Record<string, string>): string => {
    Object.entries(files).forEach(([path, content]) => write(path, content));
    sh('add', '-A');
    sh('commit', '-q', '-m', message);
    return sh('rev-parse', 'HEAD');
  };
  const service = (name: string, deps: Record<string, string>) => {
    write(`services/${name}/package.json`, manifest(`@commerce/${name}`, deps, { '@commerce/serverless-config': 'workspace:*' }));
    write(`services/${name}/serverless.yml`, `service: ${name}\n`);
    write(`services/${name}/src/handler.ts`, 'export {};\n');
  };
  sh('init', '-q', '-b', 'main');
  sh('config', 'user.email', 'ci@example.com');
  sh('config', 'user.name', 'ci');
  sh('config', 'commit.gpgsign', 'false');
  write('pnpm-workspace.yaml', 'packages:\n  - packages/*\n  - services/*\n');
  write('package.json', manifest('root'));
  write('pnpm-lock.yaml', "lockfileVersion: '9.0'\n");
  write('README.md', '# repo\n');
  write('serverless-compose.yml', 'services:\n  orders:\n    path: services/orders\n  payments:\n    path: services/payments\n    dependsOn: notifications\n  notifications:\n    path: services/notifications\n');
  write('packages/domain-events/package.json', manifest('@commerce/domain-events'));
  write('packages/domain-events/src/index.ts', 'export {};\n');
  write('packages/serverless-config/package.json', manifest('@commerce/serverless-config', { '@commerce/domain-events': 'workspace:*' }));
  write('packages/payment-provider/package.json', manifest('@commerce/payment-provider'));
  write('packages/delivery/package.json', manifest('@commerce/delivery', {}, { 'js-yaml': '4.3.2' }));
  service('orders', { '@commerce/domain-events': 'workspace:*' });
  service('payments', { '@commerce/domain-events': 'workspace:*', '@commerce/payment-provider': 'workspace:*' });
  service('notifications', { '@commerce/domain-events': 'workspace:*' });
  commit('initial', {});
  return { dir, sh, write, commit, remove: () => rmSync(dir, { recursive: true, force: true }) };
};
