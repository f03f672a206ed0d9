import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LocalIssuer } from '@commerce/service-kit/testing';
import { hostEmulators, type EmulatorHost } from '../emulators/emulator-host';
import { emulatorEnvironment } from '../local-defaults';
import { repoRoot } from '../node-runtime';
import { packageService, type PackagedService } from '../package-service';
import { provisionFromTemplate, type ProvisionedResources } from '../provision';
import { startEventSourceRunner, type EventSourceRunner } from '../runner/event-source-runner';
import { devConfig, type DevConfig } from './dev-config';
import { faultEnvironment, startFaultControl } from './fault-control';
import { removeDevState, writeDevState, type DevState } from './dev-state';
import { startDevIssuer } from './local-issuer';
import { LogStream } from './log-stream';
import { readServiceDefinition, startDevBundles, type DevBundles } from './dev-bundles';
import { startServiceHost, type ServiceHost } from './function-host';
import { defaultLimits, LocalLambda, type InvocationRecord } from '../lambda/local-lambda';
import { localLambdaInvoker } from '../lambda/local-invoker';

export const LOCAL_STAGE = 'local';

export interface LocalSystem {
  state: DevState;
  issuer: LocalIssuer;
  /** The local Lambda service every function of the system runs in. */
  lambda: LocalLambda;
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

/** The service's local ports from its resolved configuration (custom.serverless-offline: httpPort, lambdaPort). */
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
  host: ServiceHost;
  bundles: DevBundles;
}

/**
 * The whole system, offline, in this process: emulators (fauxqs + dynalite), the local OIDC issuer, each service
 * packaged for stage `local` and provisioned from its own template, every function in the local Lambda service
 * (worker-thread instances, ADR 0009) behind each service's HTTP API gateway and Invoke API, and the event-source
 * runner. This is what `pnpm dev` runs, and what the end-to-end test boots.
 */
export const startLocalSystem = async (options: LocalSystemOptions = {}): Promise<LocalSystem> => {
  const started = Date.now();
  const config = options.config ?? devConfig();
  const log = options.log ?? new LogStream({ debug: config.debug });
  const say = (message: string): void => log.line('cloud', message);
  const services = discoverServices(config.services);
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
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

    const lambda = new LocalLambda(defaultLimits(), { ...emulatorEnvironment(host.endpoints), ...faultEnvironment(process.env) }, logInvocation(log));
    cleanups.push(() => lambda.stop());
    const countsFile = process.env.LOCAL_CLOUD_INVOCATION_COUNTS;
    if (countsFile) cleanups.push(async () => writeInvocationCounts(countsFile, lambda, host));
    const running = await settled(services.map((name) => startService(name, host, lambda, issuer.issuer, config, log, cleanups)));
    const faults = await startFaultControl(process.env, host, lambda, () => running.map((service) => service.host));
    if (faults) {
      cleanups.push(() => faults.stop());
      say(`fault injection on (ADR 0018): control ${faults.url}`);
    }

    const runner: EventSourceRunner = startEventSourceRunner({
      endpoints: host.endpoints,
      uploads: host,
      services: running.map((service) => ({
        template: service.packaged.template,
        stackName: `${service.name}-${LOCAL_STAGE}`,
        invoker: localLambdaInvoker(lambda),
      })),
      log: (level, message) => log.line('runner', message, level),
      concurrency: config.pollers,
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
      services: Object.fromEntries(running.map((service) => [service.name, { url: service.host.url, lambdaEndpoint: service.host.lambdaEndpoint }])),
      queues: Object.fromEntries(running.flatMap((service) => Object.values(service.resources.queues).map((queue) => [queue.name, queue.url]))),
      startedAt: new Date(started).toISOString(),
      readyAt: new Date().toISOString(),
    };
    writeDevState(config.stateFile, state);
    cleanups.unshift(async () => removeDevState(config.stateFile));
    return { state, issuer, lambda, readyInMs: Date.now() - started, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
};

/** Failed, timed-out and throttled invocations are logged with the function, the request id and the reason. */
/**
 * LOCAL_CLOUD_INVOCATION_COUNTS=<file>: on stop, what the run invoked and called (the measurement `pnpm cost` reads,
 * recorded by `pnpm --filter @commerce/local-cloud run benchmark -- --counts <file>`).
 */
const writeInvocationCounts = (file: string, lambda: LocalLambda, host: EmulatorHost): void =>
  writeFileSync(file, `${JSON.stringify({ functions: lambda.invocationCounts(), instances: lambda.instanceCounts(), dynamodb: host.dynamodbRequestCounts() }, null, 2)}\n`);

const logInvocation =
  (log: LogStream) =>
  ({ functionName, service, requestId, outcome }: InvocationRecord): void => {
    const fn = functionName.replace(`${service}-${LOCAL_STAGE}-`, '');
    switch (outcome.kind) {
      case 'ok':
        log.line(service, `λ ${fn} ${requestId} ${outcome.durationMs.toFixed(1)} ms${outcome.initMs !== undefined ? ` (cold start, init ${outcome.initMs.toFixed(0)} ms)` : ''}`, 'debug');
        return;
      case 'error':
        log.line(service, `λ ${fn} ${requestId} failed: ${outcome.errorType}: ${outcome.errorMessage}`, 'error');
        return;
      case 'timeout':
        log.line(service, `λ ${fn} ${requestId} timed out after ${outcome.timeoutMs / 1000} s: its instance was shut down`, 'error');
        return;
      case 'throttled':
        log.line(service, `λ ${fn} ${requestId} throttled (${outcome.reason}) after waiting ${outcome.waitedMs.toFixed(0)} ms for a free instance`, 'warn');
    }
  };

const startService = async (
  name: string,
  emulators: EmulatorHost,
  lambda: LocalLambda,
  issuer: string,
  config: DevConfig,
  log: LogStream,
  cleanups: (() => Promise<void>)[],
): Promise<RunningService> => {
  const packaged = await packageService({ service: name, stage: LOCAL_STAGE });
  log.line(name, packaged.reused ? 'template unchanged: reusing the last package' : 'packaged for stage local');
  const ports = { ...offlinePorts(packaged), ...config.portOverrides(name) };
  if (ports.httpPort === undefined || ports.lambdaPort === undefined) {
    throw new Error(`${name}: set custom.serverless-offline.httpPort and lambdaPort in serverless.yml (or LOCAL_HTTP_PORT_/LOCAL_LAMBDA_PORT_${name.toUpperCase()})`);
  }
  const bundlesDir = join(config.bundlesDir, name);
  const [bundles, resources] = await settled([
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
    provisionFromTemplate(packaged.template, emulators.endpoints, { stackName: `${name}-${LOCAL_STAGE}` }),
  ] as const);
  const host = await startServiceHost({
    service: name,
    stage: LOCAL_STAGE,
    template: packaged.template,
    endpoints: emulators.endpoints,
    lambda,
    bundlesDir,
    httpPort: ports.httpPort,
    lambdaPort: ports.lambdaPort,
    issuer,
    log,
  });
  cleanups.push(() => host.stop());
  const counts = `${Object.keys(resources.queues).length} queue(s), ${Object.keys(resources.tables).length} table(s), ${Object.keys(resources.buckets).length} bucket(s)`;
  log.line(name, `${bundles.reused ? 'bundles current' : `bundled ${bundles.entries.length} handler(s) in ${bundles.builtInMs} ms`}; provisioned ${counts}; ${host.functions.length} function(s), ${host.api.routes.length} route(s); API ${host.url}`);
  return { name, packaged, resources, host, bundles };
};
