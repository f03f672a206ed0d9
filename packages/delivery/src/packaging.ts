/**
 * Offline packaging of services for stages (`serverless package --stage <stage> --package <dir>`).
 * Self-contained (node: imports and the dependency-free dir-lock.cjs) so scripts/package-all.mjs can import it with Node's type stripping.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withDirLock } from './dir-lock.cjs';

export const TEMPLATE_FILE = 'cloudformation-template-update-stack.json';

/** The named stages CI deploys, plus a representative ephemeral PR stage. */
export const CHECKED_STAGES = ['dev', 'staging', 'prod', 'pr-123'];

export interface Packaged {
  service: string;
  stage: string;
  /** The package directory: zip, state and CloudFormation templates. */
  dir: string;
  template: string;
}

/**
 * Where deployable stacks live: services/ (with functions, also run by `pnpm dev`) and stacks/ (resources only,
 * e.g. identity: deployed and checked like a service, never run locally). Names are unique across both.
 */
export const STACK_GROUPS = ['services', 'stacks'] as const;

/** Every directory under services/ or stacks/ that has a serverless.yml, sorted by name. */
export const discoverServices = (root: string): string[] =>
  STACK_GROUPS.flatMap((group) => {
    const dir = join(root, group);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'serverless.yml')))
      .map((entry) => entry.name);
  }).sort();

/** The directory of a deployable stack, relative to the root: `services/orders`, `stacks/identity`. */
export const serviceDirOf = (root: string, service: string): string => {
  const group = STACK_GROUPS.find((candidate) => existsSync(join(root, candidate, service, 'serverless.yml')));
  if (group === undefined) throw new Error(`no serverless.yml for "${service}" under ${STACK_GROUPS.join('/ or ')}/`);
  return `${group}/${service}`;
};

export const packageDirOf = (outDir: string, stage: string, service: string): string => resolve(outDir, stage, service);

const run = (command: string, args: string[], cwd: string): Promise<void> =>
  new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done() : fail(new Error(`${command} ${args.join(' ')} (in ${cwd}) exited with ${code}:\n${output.slice(-4000)}`)),
    );
  });

/**
 * serverless-esbuild builds in the service's own `.esbuild/` and deletes it afterwards, whatever the stage or
 * output directory: two packagings of one service at once (parallel test files, a developer's `pnpm dev`) break
 * each other. This cross-process lock (mkdir is atomic) serializes them; other packagers should take it too:
 * `<repo>/.local/locks/package-<service>.lock`.
 */
export const packagingLockOf = (root: string, service: string): string => join(root, '.local', 'locks', `package-${service}.lock`);

const STALE_LOCK_MS = 10 * 60_000;

/** One packaging of a service at a time, across processes (a killed run's lock is taken over after 10 min). */
export const withLock = <T>(lock: string, work: () => Promise<T>): Promise<T> =>
  withDirLock(lock, { staleMs: STALE_LOCK_MS, pollMs: 250, timeoutMs: 2 * STALE_LOCK_MS }, work);

export const packageService = async (root: string, service: string, stage: string, outDir: string): Promise<Packaged> => {
  const dir = packageDirOf(outDir, stage, service);
  const bin = join(root, 'node_modules', '.bin', 'serverless');
  await withLock(packagingLockOf(root, service), async () => {
    rmSync(dir, { recursive: true, force: true }); // no artifact of an earlier packaging may survive into this one
    await run(bin, ['package', '--stage', stage, '--package', dir], join(root, serviceDirOf(root, service)));
  });
  return { service, stage, dir, template: join(dir, TEMPLATE_FILE) };
};

export interface PackageAllOptions {
  root: string;
  services: string[];
  stages: string[];
  outDir: string;
  /** Services packaged at once; the stages of one service always run one after another (shared .esbuild dir, lock). */
  concurrency?: number;
  onPackaged?: (packaged: Packaged, seconds: number) => void;
}

export const packageAll = async ({ root, services, stages, outDir, concurrency = 2, onPackaged }: PackageAllOptions): Promise<Packaged[]> => {
  const queue = [...services];
  const results: Packaged[] = [];
  const worker = async () => {
    for (let service = queue.shift(); service !== undefined; service = queue.shift()) {
      for (const stage of stages) {
        const started = Date.now();
        const packaged = await packageService(root, service, stage, outDir);
        results.push(packaged);
        onPackaged?.(packaged, (Date.now() - started) / 1000);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, services.length)) }, worker));
  const order = (p: Packaged) => `${services.indexOf(p.service)}-${stages.indexOf(p.stage)}`;
  return results.sort((a, b) => order(a).localeCompare(order(b)));
};
