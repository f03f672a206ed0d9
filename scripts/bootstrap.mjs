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
const versionOf = (command, args) => spawnSync(command, [...args, '--version'], { encoding: 'utf8' }).stdout?.trim();

// The pinned pnpm: already on PATH, else installed globally, else run through npx (no write access to the prefix).
let pnpm = ['pnpm'];
if (versionOf('pnpm', []) !== PNPM) {
  console.log(`> installing pnpm ${PNPM}`);
  const installed = run('npm', ['install', '--global', `pnpm@${PNPM}`]) === 0 && versionOf('pnpm', []) === PNPM;
  if (!installed) pnpm = ['npx', '--yes', `pnpm@${PNPM}`];
}
const [command, ...prefix] = pnpm;

if (run(command, [...prefix, 'install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']) !== 0) process.exit(1);
process.exit(run(command, [...prefix, 'run', target, ...process.argv.slice(3)]));
