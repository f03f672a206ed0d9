#!/usr/bin/env node
// `npm run dev` / `npm test` on a fresh machine: make sure the pinned pnpm is there, install the workspace (which
// brings the pinned Node 24), then run the real script with pnpm. Runs on the machine's own Node (20 or later).
// When the installed workspace already matches the lockfile (the common case after the first run) it skips the
// pnpm check and the install, which together cost ~6.5 s on every start (docs/performance.md).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { delimiter, join } from 'node:path';

const PNPM = '10.34.9';
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const target = process.argv[2];
if (!target) {
  console.error('usage: node scripts/bootstrap.mjs <pnpm-script> [args...]');
  process.exit(2);
}

// Ctrl-C reaches every process of the terminal's job; this one waits for its child to finish stopping and then
// exits with the child's status, instead of returning the prompt while the system is still shutting down.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});

const statusOf = (result) => result.status ?? (result.signal ? 128 + (constants.signals[result.signal] ?? 0) : 1);
const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return statusOf(result);
};
const versionOf = (command, args) => spawnSync(command, [...args, '--version'], { encoding: 'utf8' }).stdout?.trim();

/** Every file whose change needs an install: the lockfile, the workspace's manifests and pnpm settings. */
const installInputs = () => [
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  '.npmrc',
  'package.json',
  ...['packages', 'services', 'stacks'].flatMap((group) =>
    existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(group, name, 'package.json')) : [],
  ),
].map((file) => join(root, file)).filter((file) => existsSync(file));

/**
 * pnpm keeps a copy of the lockfile it installed in node_modules/.pnpm/lock.yaml. The install is current when that
 * copy equals pnpm-lock.yaml and nothing that feeds the install changed since (node_modules/.modules.yaml is written
 * last by every install).
 */
const installIsCurrent = () => {
  const installed = join(root, 'node_modules', '.pnpm', 'lock.yaml');
  const marker = join(root, 'node_modules', '.modules.yaml');
  if (!existsSync(installed) || !existsSync(marker)) return false;
  if (!readFileSync(installed).equals(readFileSync(join(root, 'pnpm-lock.yaml')))) return false;
  const installedAt = statSync(marker).mtimeMs;
  return installInputs().every((file) => statSync(file).mtimeMs <= installedAt);
};

// The pinned pnpm: already on PATH, else installed globally, else run through npx (no write access to the prefix).
const pinnedPnpm = () => {
  if (versionOf('pnpm', []) === PNPM) return ['pnpm'];
  console.log(`> installing pnpm ${PNPM}`);
  const installed = run('npm', ['install', '--global', `pnpm@${PNPM}`]) === 0 && versionOf('pnpm', []) === PNPM;
  return installed ? ['pnpm'] : ['npx', '--yes', `pnpm@${PNPM}`];
};

const script = ['run', target, ...process.argv.slice(3)];
if (process.env.BOOTSTRAP_FORCE_INSTALL === '1' || !installIsCurrent()) {
  const [command, ...prefix] = pinnedPnpm();
  if (run(command, [...prefix, 'install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']) !== 0) process.exit(1);
  process.exit(run(command, [...prefix, ...script]));
}
// An installed workspace: run the script as pnpm would (its text in a shell, node_modules/.bin first on PATH, so the
// pinned Node 24 runs it) without a pnpm process between the terminal and the script (~110 MiB and ~0.3 s less).
const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
if (typeof scripts[target] === 'string' && process.platform !== 'win32') {
  const quoted = process.argv.slice(3).map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`);
  const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`, npm_lifecycle_event: target };
  process.exit(run('sh', ['-c', [scripts[target], ...quoted].join(' ')], { env }));
}
// Running a script needs no particular pnpm version: use the one on PATH, and the pinned one only when there is none.
try {
  process.exit(run('pnpm', script));
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
const [command, ...prefix] = pinnedPnpm();
process.exit(run(command, [...prefix, ...script]));
