import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeFunction = (event: unknown) => unknown;

export interface FakeLambda {
  endpoint: string;
  /** Every event each function was invoked with, in order. */
  invocations: Map<string, unknown[]>;
  stop(): Promise<void>;
}

/**
 * A tiny server speaking the AWS Lambda Invoke API (what a service's lambdaPort serves): the runner under
 * test calls it over real HTTP. A function that throws answers like Lambda does (200 + X-Amz-Function-Error).
 */
export const startFakeLambda = async (functions: Record<string, FakeFunction>): Promise<FakeLambda> => {
  const invocations = new Map<string, unknown[]>();
  const server: Server = createServer((request, response) => {
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? '');
    const name = decodeURIComponent(match?.[1] ?? '');
    const fn = functions[name];
    if (request.method !== 'POST' || !fn) {
      response.writeHead(404, { 'x-amzn-errortype': 'ResourceNotFoundException' }).end(JSON.stringify({ Message: `Function not found: ${name}` }));
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const event = JSON.parse(body) as unknown;
      invocations.set(name, [...(invocations.get(name) ?? []), event]);
      try {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(fn(event) ?? null));
      } catch (error) {
        response
          .writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
          .end(JSON.stringify({ errorType: 'Error', errorMessage: (error as Error).message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    invocations,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export const eventually = async <T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
