import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LocalIssuer } from '@commerce/service-kit/testing';
import { hostEmulators, type EmulatorHost } from '../emulators/emulator-host';
import { emulatorEnvironment } from '../local-defaults';
import { repoRoot } from '../node-runtime';
import { packageService, type PackagedService } from '../package-service';
import { provisionFromTemplate, type ProvisionedResources } from '../provision';
import { startEventSourceRunner, type EventSourceRunner } from '../runner/event-source-runner';
import { devConfig, type DevConfig } from './dev-config';
import { removeDevState, writeDevState, type DevState } from './dev-state';
import { startDevIssuer } from './local-issuer';
import { LogStream } from './log-stream';
import { readServiceDefinition, startDevBundles, type DevBundles } from './dev-bundles';
import { startOffline, type OfflineProcess } from './offline-process';

export const LOCAL_STAGE = 'local';

export interface LocalSystem {
  state: DevState;
  issuer: LocalIssuer;
  /** Milliseconds from start to ready. */
  readyInMs: number;
  stop(): Promise<void>;
}

export interface LocalSystemOptions {
  config?: DevConfig;
  log?: LogStream;
}

/** Every services/<name> with a serverless.yml (or the LOCAL_CLOUD_SERVICES subset). */
export const discoverServices = (only?: string[]): string[] => {
  const dir = join(repoRoot(), 'services');
  const all = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'serverless.yml')))
        .map((entry) => entry.name)
        .sort()
    : [];
  const unknown = (only ?? []).filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new Error(`unknown service(s) ${unknown.join(', ')} (have: ${all.join(', ')})`);
  return only ?? all;
};

/** serverless-offline's ports from the service's resolved configuration (custom.serverless-offline). */
const offlinePorts = (packaged: PackagedService): { httpPort?: number; lambdaPort?: number } => {
  const state = JSON.parse(readFileSync(join(dirname(packaged.templatePath), 'serverless-state.json'), 'utf8')) as {
    service?: { custom?: { 'serverless-offline'?: { httpPort?: number; lambdaPort?: number } } };
  };
  return state.service?.custom?.['serverless-offline'] ?? {};
};

/** Like Promise.all, but waits for every start to settle, so a failure never leaves a half-started process behind. */
const settled = async <T extends readonly unknown[]>(starts: { [K in keyof T]: Promise<T[K]> }): Promise<T> => {
  const results = await Promise.allSettled(starts);
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
};

interface RunningService {
  name: string;
  packaged: PackagedService;
  resources: ProvisionedResources;
  offline: OfflineProcess;
  bundles: DevBundles;
}

/**
 * The whole system, offline, in this process and its children: emulators (fauxqs + dynalite, in process), the local
 * OIDC issuer, each service packaged for stage `local` and provisioned from its own template, `serverless offline`
 * per service, and the event-source runner. This is what `pnpm dev` runs, and what the end-to-end test boots.
 */
export const startLocalSystem = async (options: LocalSystemOptions = {}): Promise<LocalSystem> => {
  const started = Date.now();
  const config = options.config ?? devConfig();
  const log = options.log ?? new LogStream({ debug: config.debug });
  const say = (message: string): void => log.line('cloud', message);
  const services = discoverServices(config.services);
  const cleanups: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (): Promise<void> => {
    stopping = true;
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => log.line('cloud', `while stopping: ${(error as Error).message}`, 'error'));
    }
  };

  try {
    const [host, issuer] = await settled([
      hostEmulators({ sqsPort: config.sqsPort, dynamodbPort: config.dynamodbPort }).then((started) => {
        cleanups.push(() => started.stop());
        return started;
      }),
      startDevIssuer(config.localDir, config.issuerPort).then((started) => {
        cleanups.push(() => started.stop());
        return started;
      }),
    ] as const);
    say(`emulators up: SQS/S3 ${host.endpoints.sqs}, DynamoDB ${host.endpoints.dynamodb}; issuer ${issuer.issuer}`);

    const serviceEnv = { ...emulatorEnvironment(host.endpoints), LOCAL_ISSUER_PORT: String(config.issuerPort) };
    const running = await settled(services.map((name) => startService(name, host, serviceEnv, config, log, cleanups, () => stopping)));

    const runner: EventSourceRunner = startEventSourceRunner({
      endpoints: host.endpoints,
      uploads: host,
      services: running.map((service) => ({
        template: service.packaged.template,
        stackName: `${service.name}-${LOCAL_STAGE}`,
        lambdaEndpoint: service.offline.lambdaEndpoint,
      })),
      log: (level, message) => log.line('runner', message, level),
      ...(config.batchingWindowOverride !== undefined ? { batchingWindowOverride: config.batchingWindowOverride } : {}),
    });
    cleanups.push(() => runner.stop());
    say(`runner: ${runner.sources.map((source) => `${source.queue.name} -> ${source.functionName}`).join(', ') || 'no SQS event sources yet'}`);

    const state: DevState = {
      pid: process.pid,
      stage: LOCAL_STAGE,
      endpoints: host.endpoints,
      issuer: issuer.issuer,
      audience: issuer.audience,
      services: Object.fromEntries(running.map((service) => [service.name, { url: service.offline.url, lambdaEndpoint: service.offline.lambdaEndpoint }])),
      queues: Object.fromEntries(running.flatMap((service) => Object.values(service.resources.queues).map((queue) => [queue.name, queue.url]))),
      startedAt: new Date(started).toISOString(),
      readyAt: new Date().toISOString(),
    };
    writeDevState(config.stateFile, state);
    cleanups.unshift(async () => removeDevState(config.stateFile));
    return { state, issuer, readyInMs: Date.now() - started, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
};

const startService = async (
  name: string,
  host: EmulatorHost,
  env: Record<string, string>,
  config: DevConfig,
  log: LogStream,
  cleanups: (() => Promise<void>)[],
  systemStopping: () => boolean,
): Promise<RunningService> => {
  // Resources do not depend on the ports, so one package serves every port set (only the authorizer's issuer URL
  // in the template would differ, and nothing local reads it): tests on free ports reuse the developer's package.
  const packaged = await packageService({ service: name, stage: LOCAL_STAGE });
  log.line(name, packaged.reused ? 'template unchanged: reusing the last package' : 'packaged for stage local');
  const ports = { ...offlinePorts(packaged), ...config.portOverrides(name) };
  if (ports.httpPort === undefined || ports.lambdaPort === undefined) {
    throw new Error(`${name}: set custom.serverless-offline.httpPort and lambdaPort in serverless.yml (or LOCAL_HTTP_PORT_/LOCAL_LAMBDA_PORT_${name.toUpperCase()})`);
  }
  // The handlers are bundled here while serverless offline boots (it loads them only when first invoked), and its
  // serverless-esbuild is told not to bundle them again (serverless-plugin.cjs).
  const bundlesDir = join(config.bundlesDir, name);
  const [bundles, resources, offline] = await settled([
    startDevBundles({
      service: name,
      serviceDir: packaged.serviceDir,
      definition: readServiceDefinition(packaged.templatePath),
      outDir: bundlesDir,
      onRebuild: (level, message) => log.line(name, message, level),
    }).then((started) => {
      cleanups.push(() => started.stop());
      return started;
    }),
    provisionFromTemplate(packaged.template, host.endpoints, { stackName: `${name}-${LOCAL_STAGE}` }),
    startOffline({
      service: name,
      serviceDir: packaged.serviceDir,
      stage: LOCAL_STAGE,
      httpPort: ports.httpPort,
      lambdaPort: ports.lambdaPort,
      env,
      log,
      idleSeconds: config.idleSeconds,
      bundlesDir,
      systemStopping,
    }).then((process) => {
      cleanups.push(() => process.stop());
      return process;
    }),
  ] as const);
  const counts = `${Object.keys(resources.queues).length} queue(s), ${Object.keys(resources.tables).length} table(s), ${Object.keys(resources.buckets).length} bucket(s)`;
  log.line(name, `${bundles.reused ? 'bundles current' : `bundled ${bundles.entries.length} handler(s) in ${bundles.builtInMs} ms`}; provisioned ${counts}; API ${offline.url}`);
  return { name, packaged, resources, offline, bundles };
};
