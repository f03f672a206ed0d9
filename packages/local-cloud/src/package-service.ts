import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packagingLockOf, withLock } from '@commerce/delivery/packaging';
import { localIssuerUrl, serviceVars } from '@commerce/serverless-config';
import { readTemplate, type CfnTemplate } from './cfn/template';
import { packageRoot, repoRoot, serverlessCli } from './node-runtime';

export const TEMPLATE_FILE = 'cloudformation-template-update-stack.json';

export interface PackageOptions {
  /** Service directory name under services/ (e.g. `orders`) or an absolute path. */
  service: string;
  stage: string;
  region?: string;
  /**
   * Reuse the last packaged template when nothing that shapes it changed (the service's root files and resources/,
   * packages/serverless-config and what its serviceVars give the service, the local-cloud plugin, the lockfile):
   * default true. Handler code does not shape resources.
   */
  reuse?: boolean;
  /** Extra environment for `serverless package` (e.g. LOCAL_ISSUER_PORT). */
  env?: Record<string, string>;
  /** Where to write the package; default `<repo>/.local/packaged/<service>/<stage>` (never the service's .serverless). */
  outDir?: string;
  /** Output of the serverless CLI (default: collected and shown only on failure). */
  onOutput?: (chunk: string) => void;
}

export interface PackagedService {
  service: string;
  stage: string;
  serviceDir: string;
  templatePath: string;
  template: CfnTemplate;
  /** True when an up-to-date earlier package was reused. */
  reused: boolean;
}

const serviceDirOf = (service: string): string => (service.startsWith('/') ? service : join(repoRoot(), 'services', service));

const filesUnder = (path: string): string[] => {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules' && !entry.name.startsWith('.'))
    .flatMap((entry) => filesUnder(join(path, entry.name)))
    .sort();
};

/**
 * What the services' serverless.yml read from the shared packages: the output of serverless-config's serviceVars
 * (names, settings, publish targets from domain-events' subscription table), not the packages' files, so an edit
 * to an event schema or a handler helper in a shared package does not cost a repackaging. Undefined for a service
 * serverless-config does not know (its files are hashed instead).
 */
const sharedVariablesOf = (service: string, stage: string): string | undefined => {
  let variables: string;
  try {
    variables = JSON.stringify(serviceVars(service, stage));
  } catch {
    return undefined;
  }
  // As on any issuer port: only the authorizer's issuer URL would differ, and nothing local reads it, so a system
  // on free ports (the end-to-end test, the benchmark) reuses the developer's package.
  return variables.split(localIssuerUrl()).join(localIssuerUrl(0));
};

/** A hash of every input that shapes the packaged template's resources. */
const fingerprint = (serviceDir: string, stage: string, env: Record<string, string>): string => {
  const root = repoRoot();
  const service = serviceDir.split('/').pop()!;
  const sharedVariables = sharedVariablesOf(service, stage);
  const inputs = [
    // The service's own definition: serverless.yml, package.json, variable files (e.g. serverless-vars.cjs).
    ...readdirSync(serviceDir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && !/\.md$/.test(entry.name))
      .map((entry) => join(serviceDir, entry.name)),
    join(serviceDir, 'resources'),
    join(root, 'packages', 'serverless-config'),
    ...(sharedVariables === undefined ? [join(root, 'packages', 'domain-events', 'src')] : []),
    join(root, 'packages', 'local-cloud', 'serverless-plugin.cjs'),
    TEMPLATE_ONLY_PRELOAD,
    // The plugins' versions.
    join(root, 'pnpm-lock.yaml'),
  ].flatMap(filesUnder);
  const hash = createHash('sha256').update(JSON.stringify({ stage, env, kind: 'template-only', sharedVariables }));
  inputs.forEach((file) => hash.update(relative(root, file)).update(readFileSync(file)));
  return hash.digest('hex');
};

/** Loaded into a template-only `serverless package`: the plugins that do nothing there are not loaded (ADR 0009). */
const TEMPLATE_ONLY_PRELOAD = join(packageRoot, 'template-only-preload.cjs');

const runServerless = (serviceDir: string, args: string[], env: Record<string, string>, onOutput?: (chunk: string) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    const cli = serverlessCli(serviceDir, env);
    const preload = env.LOCAL_CLOUD_TEMPLATE_ONLY === '1' ? ['--require', TEMPLATE_ONLY_PRELOAD] : [];
    const child = spawn(process.execPath, [...preload, cli.bin, ...args], {
      cwd: serviceDir,
      env: cli.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      onOutput?.(chunk.toString());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`serverless ${args.join(' ')} failed in ${serviceDir} (exit ${code}):\n${output}`)),
    );
  });

/**
 * Packages a service for a stage with the Serverless CLI (osls, offline, no credentials) and returns its
 * CloudFormation template, so a test can do "package orders for stage local, provision it". Template only: the
 * functions get stub artifacts instead of bundles and zips (serverless-plugin.cjs), since the local cloud runs its
 * own bundles; every resource of the template is the real package's.
 */
export const packageService = async (options: PackageOptions): Promise<PackagedService> => {
  const serviceDir = serviceDirOf(options.service);
  if (!existsSync(join(serviceDir, 'serverless.yml'))) throw new Error(`no serverless.yml in ${serviceDir}`);
  const service = serviceDir.split('/').pop()!;
  const outDir = options.outDir ?? join(repoRoot(), '.local', 'packaged', service, options.stage);
  const templatePath = join(outDir, TEMPLATE_FILE);
  const env = options.env ?? {};
  const stampPath = join(outDir, 'local-cloud.fingerprint');
  mkdirSync(join(outDir, '..'), { recursive: true });

  // The repo-wide packaging lock of the service (shared with pnpm package:all): serverless-esbuild's work folder is
  // per service and stage, but concurrent runs of one stage must still take turns.
  return withLock(packagingLockOf(repoRoot(), service), async () => {
    const stamp = fingerprint(serviceDir, options.stage, env);
    const fresh = existsSync(templatePath) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp;
    if (!(fresh && options.reuse !== false)) {
      const args = ['package', '--stage', options.stage, '--package', outDir, ...(options.region ? ['--region', options.region] : [])];
      // Template only: no function is bundled or zipped (serverless-plugin.cjs); nothing local runs the zips.
      await runServerless(serviceDir, args, { ...env, LOCAL_CLOUD_TEMPLATE_ONLY: '1' }, options.onOutput);
      writeFileSync(stampPath, stamp);
    }
    return { service, stage: options.stage, serviceDir, templatePath, template: readTemplate(templatePath), reused: fresh && options.reuse !== false };
  });
};

/** Reads the template an earlier `serverless package` left in a service's `.serverless/` directory. */
export const readPackagedTemplate = (service: string): CfnTemplate =>
  readTemplate(join(serviceDirOf(service), '.serverless', TEMPLATE_FILE));
