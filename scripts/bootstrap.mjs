#!/usr/bin/env node
// `npm run dev` / `npm test` on a fresh machine: make sure the pinned pnpm is there, install the workspace (which
// brings the pinned Node 24), then run the real script with pnpm. Runs on the machine's own Node (20 or later).
import { spawnSync } from 'node:child_process';

const PNPM = '10.34.9';
const target = process.argv[2];
if (!target) {
  console.error('usage: node scripts/bootstrap.mjs <pnpm-script> [args...]');
  process.exit(2);
}

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
};

const pnpmVersion = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
if (pnpmVersion.status !== 0 || pnpmVersion.stdout.trim() !== PNPM) {
  console.log(`> installing pnpm ${PNPM}`);
  if (run('npm', ['install', '--global', `pnpm@${PNPM}`]) !== 0) process.exit(1);
}

if (run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']) !== 0) process.exit(1);
process.exit(run('pnpm', ['run', target, ...process.argv.slice(3)]));
