import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packagingLockOf, withLock } from '@commerce/delivery/packaging';
import { readTemplate, type CfnTemplate } from './cfn/template';
import { compileCacheEnvironment, repoRoot } from './node-runtime';

export const TEMPLATE_FILE = 'cloudformation-template-update-stack.json';

export interface PackageOptions {
  /** Service directory name under services/ (e.g. `orders`) or an absolute path. */
  service: string;
  stage: string;
  region?: string;
  /**
   * Reuse the last packaged template when nothing that shapes it changed (serverless.yml, resources/, package.json,
   * packages/serverless-config, packages/domain-events/src): default true. Handler code does not shape resources.
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

/** A hash of every input that shapes the packaged template's resources. */
const fingerprint = (serviceDir: string, stage: string, env: Record<string, string>): string => {
  const root = repoRoot();
  const inputs = [
    join(serviceDir, 'serverless.yml'),
    join(serviceDir, 'package.json'),
    join(serviceDir, 'resources'),
    join(root, 'packages', 'serverless-config'),
    join(root, 'packages', 'domain-events', 'src'),
    join(root, 'packages', 'local-cloud', 'serverless-plugin.cjs'),
  ].flatMap(filesUnder);
  const hash = createHash('sha256').update(JSON.stringify({ stage, env, kind: 'template-only' }));
  inputs.forEach((file) => hash.update(relative(root, file)).update(readFileSync(file)));
  return hash.digest('hex');
};

const runServerless = (serviceDir: string, args: string[], env: Record<string, string>, onOutput?: (chunk: string) => void): Promise<void> =>
  new Promise((resolve, reject) => {
    const bin = require.resolve('osls/bin/serverless.js', { paths: [serviceDir] });
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: serviceDir,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', ...compileCacheEnvironment(), ...env },
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
