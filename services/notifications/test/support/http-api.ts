import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { checkResponsesAgainst } from '@commerce/api-contracts/testing';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { apiEvent, lambdaContext } from '@commerce/service-kit/testing';

/** Every response of the stand-in is checked against the committed document (a test with one that does not conform fails). */
const responses = checkResponsesAgainst(join(__dirname, '..', '..', 'openapi.json'));

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

export interface Route {
  method: string;
  /** API Gateway route path, e.g. `/notifications/{id}`. */
  path: string;
  handler: HttpHandler;
}

export interface HttpApi {
  url: string;
  stop(): Promise<void>;
}

const matcher = (path: string): RegExp =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, '(?<$1>[^/]+)')}$`);

const flatten = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(',') : value]])));

/**
 * A minimal stand-in for API Gateway HTTP API on an ephemeral port: real HTTP requests become payload v2 events for
 * the handlers (the handlers verify the bearer token themselves, as they do behind serverless-offline).
 */
export const startHttpApi = async (routes: Route[]): Promise<HttpApi> => {
  const compiled = routes.map((route) => ({ ...route, pattern: matcher(route.path) }));
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = compiled.find((candidate) => candidate.method === request.method && candidate.pattern.test(url.pathname));
    if (!route) {
      responses.record({ method: request.method ?? 'GET', path: url.pathname, status: 404, headers: { 'content-type': 'application/json' }, body: '{"message":"Not Found"}' });
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
      return;
    }
    const params = route.pattern.exec(url.pathname)?.groups ?? {};
    const query = Object.fromEntries(url.searchParams);
    const event = apiEvent({
      method: route.method,
      path: url.pathname,
      routeKey: `${route.method} ${route.path}`,
      headers: flatten(request.headers),
      ...(Object.keys(query).length ? { query } : {}),
      ...(Object.keys(params).length ? { params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, decodeURIComponent(v)])) } : {}),
    });
    route.handler(event, lambdaContext()).then(
      (result) => {
        const structured = typeof result === 'string' ? { statusCode: 200, body: result } : result;
        responses.record({ method: route.method, path: url.pathname, status: structured.statusCode ?? 200, headers: structured.headers ?? {}, body: structured.body });
        response.writeHead(structured.statusCode ?? 200, (structured.headers ?? {}) as Record<string, string>).end(structured.body ?? '');
      },
      (error: Error) => response.writeHead(502, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
