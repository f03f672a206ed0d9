import { spawn, type ChildProcess } from 'node:child_process';
import type { LogStream } from './log-stream';
import { join } from 'node:path';
import { packageRoot, serverlessCli } from '../node-runtime';
import { stopChild } from '../stop-child';

export interface OfflineOptions {
  service: string;
  serviceDir: string;
  stage: string;
  httpPort: number;
  lambdaPort: number;
  env: Record<string, string>;
  log: LogStream;
  /** Seconds an idle function instance lives before serverless-offline drops it; default 60 (serverless-offline's). */
  idleSeconds?: number;
  /** Where the local cloud's bundles of this service's handlers are (serverless-plugin.cjs runs the functions from them). */
  bundlesDir: string;
  /** True once the whole system is stopping (Ctrl-C reaches this child too, and it may exit before stop() is called). */
  systemStopping?: () => boolean;
}

export interface OfflineProcess {
  service: string;
  url: string;
  lambdaEndpoint: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const answers = async (url: string): Promise<boolean> => {
  try {
    await fetch(url, { method: 'GET', signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
};

/**
 * `serverless offline start --stage <stage>` for one service: its HTTP API on httpPort and the Lambda Invoke API
 * (what the event-source runner calls) on lambdaPort. The functions run from the local cloud's watched bundles
 * (`bundlesDir`, see dev-bundles.ts); after a rebuild, each warm function instance loads the new bundle on its next
 * invocation (function-reload.cjs), without restarting anything. Idle instances are dropped after `idleSeconds`.
 */
export const startOffline = async (options: OfflineOptions, timeoutMs = 120_000): Promise<OfflineProcess> => {
  const cli = serverlessCli(options.serviceDir, { LOCAL_CLOUD_BUNDLES: options.bundlesDir, ...options.env });
  const args = [
    // In every function instance (worker thread): forget a bundle once the local cloud rebuilt it (function-reload.cjs).
    '--require',
    join(packageRoot, 'function-reload.cjs'),
    cli.bin,
    'offline',
    'start',
    '--stage',
    options.stage,
    '--host',
    '127.0.0.1',
    '--httpPort',
    String(options.httpPort),
    '--lambdaPort',
    String(options.lambdaPort),
    '--terminateIdleLambdaTime',
    String(options.idleSeconds ?? 60),
    '--noPrependStageInUrl',
    // The handlers verify signatures against the issuer's JWKS (ADR 0003); serverless-offline 13.10.1 crashes on
    // httpApi JWT authorizers without this flag. Its authorizer still checks issuer, audience and expiry.
    '--ignoreJWTSignature',
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.serviceDir,
    env: cli.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', options.log.sink(options.service));
  child.stderr!.on('data', options.log.sink(options.service, 'warn'));
  let exited: string | undefined;
  let ready = false;
  let stopping = false;
  child.once('exit', (code, signal) => {
    exited = `exited (code ${code}, signal ${signal})`;
    if (ready && !stopping && !options.systemStopping?.()) options.log.line(options.service, `serverless offline ${exited}: restart pnpm dev to bring ${options.service} back`, 'error');
  });

  const url = `http://127.0.0.1:${options.httpPort}`;
  const lambdaEndpoint = `http://127.0.0.1:${options.lambdaPort}`;
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(`${url}/__local-cloud-ready`)) || !(await answers(lambdaEndpoint))) {
    if (exited) throw new Error(`serverless offline for ${options.service} ${exited} before it was ready`);
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`serverless offline for ${options.service} was not ready within ${timeoutMs} ms`);
    }
    await sleep(150);
  }
  ready = true;
  return {
    service: options.service,
    url,
    lambdaEndpoint,
    child,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
};
