import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { assertNodeForEmulators, packageRoot, tsxCommand } from '../node-runtime';
import { emulatorEnvironment, LOCAL_CREDENTIALS, LOCAL_REGION, type Endpoints } from '../local-defaults';
import type { S3Upload } from './emulator-host';
import { stopChild } from '../stop-child';

export interface StartEmulatorsOptions {
  /** fauxqs port for SQS and S3; default 0 = a free ephemeral port (tests must never use the fixed ones). */
  sqsPort?: number;
  /** dynalite port; default 0 = a free ephemeral port. */
  dynamoPort?: number;
  region?: string;
  /** Milliseconds to wait for the emulators to listen (default 30 s). */
  timeoutMs?: number;
}

export interface Emulators {
  endpoints: Endpoints;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** AWS_ENDPOINT_URL_SQS/_S3/_DYNAMODB, fake credentials and region, to give a process (or process.env) under test. */
  env: Record<string, string>;
  /** Every object stored in an emulated bucket, as reported by fauxqs (the runner turns these into S3 notifications). */
  onS3Upload(listener: (upload: S3Upload) => void): () => void;
  stop(): Promise<void>;
}

type HostLine =
  | { type: 'ready'; endpoints: Endpoints }
  | ({ type: 's3-upload' } & S3Upload)
  | { type: 'error'; message: string };

const parseLine = (line: string): HostLine | undefined => {
  try {
    return JSON.parse(line) as HostLine;
  } catch {
    return undefined;
  }
};

/**
 * Starts fauxqs (SQS + S3) and dynalite (DynamoDB), in memory, in a child process (fauxqs is ESM-only; this works
 * from CommonJS Jest tests). Resolves once both listen. Always `stop()` it (e.g. in afterAll); if the caller dies,
 * the child notices its stdin closing and exits too.
 */
export const startEmulators = async (options: StartEmulatorsOptions = {}): Promise<Emulators> => {
  assertNodeForEmulators();
  const region = options.region ?? LOCAL_REGION;
  const { command, args } = tsxCommand(join(packageRoot, 'bin', 'emulators.ts'), [
    '--sqs-port',
    String(options.sqsPort ?? 0),
    '--dynamodb-port',
    String(options.dynamoPort ?? 0),
    '--region',
    region,
  ]);
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const listeners = new Set<(upload: S3Upload) => void>();
  const lines = createInterface({ input: child.stdout! });

  const endpoints = await new Promise<Endpoints>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`emulators did not start within ${options.timeoutMs ?? 30_000} ms`));
    }, options.timeoutMs ?? 30_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(error);
    };
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`emulators exited before ready (code ${code}, signal ${signal})`)));
    lines.on('line', (line) => {
      const message = parseLine(line);
      if (message?.type === 'ready') {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(message.endpoints);
      } else if (message?.type === 'error') {
        fail(new Error(`emulators failed to start: ${message.message}`));
      } else if (message?.type === 's3-upload') {
        const { bucket, key, timestamp } = message;
        listeners.forEach((listener) => listener({ bucket, key, timestamp }));
      }
    });
  });

  let stopped: Promise<void> | undefined;
  return {
    endpoints,
    region,
    credentials: { ...LOCAL_CREDENTIALS },
    env: emulatorEnvironment(endpoints, region),
    onS3Upload: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => {
      stopped ??= (async () => {
        listeners.clear();
        child.stdin?.end();
        await stopChild(child, 5_000);
        lines.close();
      })();
      return stopped;
    },
  };
};
