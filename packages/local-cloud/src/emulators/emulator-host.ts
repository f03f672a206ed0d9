import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FauxqsServer, SpyMessage, startFauxqs as StartFauxqs } from 'fauxqs';
import dynalite from 'dynalite';
import { LOCAL_REGION, type Endpoints } from '../local-defaults';

/** An object stored in an emulated bucket (PutObject, PostObject, CompleteMultipartUpload or CopyObject target). */
export interface S3Upload {
  bucket: string;
  key: string;
  /** Epoch milliseconds of the upload. */
  timestamp: number;
}

export interface HostOptions {
  /** fauxqs port (SQS + S3); 0 = any free port. */
  sqsPort: number;
  /** dynalite port; 0 = any free port. */
  dynamodbPort: number;
  region?: string;
}

/** What happened to one SQS message: sent to a queue, deleted from it (consumed), or moved to its DLQ. */
export interface SqsMessageEvent {
  queueName: string;
  messageId: string;
  status: 'published' | 'consumed' | 'dlq';
}

export interface EmulatorHost {
  endpoints: Endpoints;
  /** Subscribes to every SQS message's fate (fauxqs' message spy): the soak's ledger (ADR 0018). */
  onSqsMessage(listener: (event: SqsMessageEvent) => void): () => void;
  /** Subscribes to S3 uploads (fauxqs 2.4.1 has no S3 notifications; its message spy reports them). */
  onS3Upload(listener: (upload: S3Upload) => void): () => void;
  /** DynamoDB API calls since start as `<operation> <table>`: the cost model's measurement (`pnpm cost`). */
  dynamodbRequestCounts(): Record<string, number>;
  stop(): Promise<void>;
}

type SpyWithAdd = { addMessage(message: SpyMessage): void };

const listenDynalite = async (port: number): Promise<Server> => {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
};

/** Counts one DynamoDB call as `<operation> <table>` (each table of a transaction or batch once), from its JSON body. */
const countDynamoRequest = (request: IncomingMessage, counts: Map<string, number>): void => {
  const operation = String(request.headers['x-amz-target'] ?? 'unknown').replace(/^DynamoDB_\d+\./, '');
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const tables = new Set([...body.matchAll(/"TableName":"([^"]+)"/g)].map((match) => match[1]!));
    const batchTables = /"RequestItems":\{/.test(body) ? [...body.matchAll(/"RequestItems":\{"([^"]+)"/g)].map((match) => match[1]!) : [];
    for (const table of tables.size + batchTables.length > 0 ? [...tables, ...batchTables] : ['(none)']) {
      const key = `${operation} ${table}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  });
};

const portInUse = (error: unknown, what: string, port: number, variable: string): Error =>
  (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
    ? new Error(`${what} port ${port} is already in use: stop whatever holds it or set ${variable} to another port`, { cause: error })
    : (error as Error);

/**
 * Runs fauxqs (SQS + S3, in memory) and dynalite (DynamoDB, in memory) in THIS process. fauxqs is ESM-only and
 * needs Node >= 22.5, so CommonJS callers (Jest) use `startEmulators()`, which hosts this in a child process.
 */
export const hostEmulators = async (options: HostOptions): Promise<EmulatorHost> => {
  // A real dynamic import (kept by tsx): fauxqs only exports an `import` condition.
  const { startFauxqs } = (await import('fauxqs')) as { startFauxqs: typeof StartFauxqs };
  const listeners = new Set<(upload: S3Upload) => void>();
  const sqsListeners = new Set<(event: SqsMessageEvent) => void>();
  let fauxqs: FauxqsServer;
  try {
    fauxqs = await startFauxqs({
      port: options.sqsPort,
      logger: false,
      defaultRegion: options.region ?? LOCAL_REGION,
      messageSpies: { bufferSize: 1 },
    });
  } catch (error) {
    throw portInUse(error, 'SQS/S3 emulator', options.sqsPort, 'LOCAL_SQS_PORT');
  }
  // The spy's buffer is only for fauxqs' own waiters; forward each S3 upload as it is recorded.
  const spy = fauxqs.spy as unknown as SpyWithAdd;
  const record = spy.addMessage.bind(spy);
  spy.addMessage = (message: SpyMessage) => {
    record(message);
    if (message.service === 's3' && message.status === 'uploaded') {
      const upload = { bucket: message.bucket, key: message.key, timestamp: message.timestamp };
      listeners.forEach((listener) => listener(upload));
    }
    if (message.service === 'sqs' && sqsListeners.size > 0) {
      const event = { queueName: message.queueName, messageId: message.messageId, status: message.status };
      sqsListeners.forEach((listener) => listener(event));
    }
  };

  let dynamo: Server;
  try {
    dynamo = await listenDynalite(options.dynamodbPort);
  } catch (error) {
    await fauxqs.stop();
    throw portInUse(error, 'DynamoDB emulator', options.dynamodbPort, 'LOCAL_DYNAMODB_PORT');
  }
  const dynamoRequests = new Map<string, number>();
  dynamo.on('request', (request: IncomingMessage) => countDynamoRequest(request, dynamoRequests));
  const dynamoPort = (dynamo.address() as AddressInfo).port;
  const sqs = `http://127.0.0.1:${fauxqs.port}`;

  return {
    endpoints: { sqs, s3: sqs, dynamodb: `http://127.0.0.1:${dynamoPort}` },
    onS3Upload: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dynamodbRequestCounts: () => Object.fromEntries([...dynamoRequests].sort(([a], [b]) => a.localeCompare(b))),
    onSqsMessage: (listener) => {
      sqsListeners.add(listener);
      return () => sqsListeners.delete(listener);
    },
    stop: async () => {
      listeners.clear();
      sqsListeners.clear();
      dynamo.closeAllConnections();
      await Promise.all([fauxqs.stop(), new Promise<void>((resolve) => dynamo.close(() => resolve()))]);
    },
  };
};
