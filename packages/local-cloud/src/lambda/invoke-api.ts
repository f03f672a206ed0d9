import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorPayload } from './invocation';
import type { LocalLambda } from './local-lambda';
import { listen, readBody, type ListeningServer } from './http-server';

export type InvokeApi = ListeningServer;

const PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
};

/** A function name, a partial ARN or a full ARN (`arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]`). */
const functionNameOf = (raw: string): string => {
  const name = decodeURIComponent(raw);
  const match = /(?:^|:)function:([^:]+)/.exec(name);
  return match?.[1] ?? name;
};

/**
 * The AWS Lambda Invoke API (`POST /2015-03-31/functions/{name}/invocations`) over the local Lambda service: what
 * the AWS SDK's LambdaClient and the event-source runner call. RequestResponse answers 200 with the result, or with
 * the error and `X-Amz-Function-Error: Unhandled`; Event answers 202 and runs it in the background; a throttled
 * invocation is a 429 TooManyRequestsException; an unknown function a 404 ResourceNotFoundException.
 */
export const startInvokeApi = async (options: { lambda: LocalLambda; port: number; host?: string; functions?: string[] }): Promise<InvokeApi> => {
  const { lambda } = options;
  const served = (name: string): boolean => lambda.has(name) && (options.functions === undefined || options.functions.includes(name));

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const match = PATH.exec(path);
    if (request.method !== 'POST' || !match) {
      request.resume();
      return json(response, 404, { Type: 'User', message: `No route for ${request.method} ${path}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
    }
    const name = functionNameOf(match[1]!);
    const text = (await readBody(request))?.toString('utf8') ?? '';
    if (!served(name)) {
      return json(response, 404, { Type: 'User', message: `Function not found: ${name}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
    }
    let event: unknown;
    try {
      event = text === '' ? {} : JSON.parse(text);
    } catch {
      return json(response, 400, { Type: 'User', message: 'Could not parse request body into json' }, { 'x-amzn-errortype': 'InvalidRequestContentException' });
    }
    const type = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    if (type === 'DryRun') return json(response, 204, '');
    if (type === 'Event') {
      void lambda.invoke(name, event);
      return json(response, 202, '');
    }
    const { outcome, requestId } = await lambda.invoke(name, event);
    const headers = { 'x-amzn-requestid': requestId, 'x-amz-executed-version': '$LATEST' };
    if (outcome.kind === 'ok') return json(response, 200, outcome.payload, headers);
    if (outcome.kind === 'throttled') return json(response, 429, errorPayload(outcome, requestId), { ...headers, 'x-amzn-errortype': 'TooManyRequestsException' });
    return json(response, 200, errorPayload(outcome, requestId), { ...headers, 'x-amz-function-error': 'Unhandled' });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) json(response, 500, { Type: 'Service', message: (error as Error).message }, { 'x-amzn-errortype': 'ServiceException' });
    });
  });
  return listen(server, options.port, options.host);
};
