import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { checkResponsesAgainst } from '@commerce/api-contracts/testing';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { apiEvent, lambdaContext } from '@commerce/service-kit/testing';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Route {
  method: string;
  /** API Gateway style path, e.g. /payments/{orderId}. */
  path: string;
  handler: HttpHandler;
}

const matcher = (path: string) => {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  return (actual: string): Record<string, string> | undefined => {
    const match = pattern.exec(actual);
    return match ? Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)])) : undefined;
  };
};

/** Every response of the stand-in is checked against the committed document (a test with one that does not conform fails). */
const responses = checkResponsesAgainst(join(__dirname, '..', '..', 'openapi.json'));

/**
 * A minimal API Gateway HTTP API (payload v2) in front of handlers, on an ephemeral port: real HTTP requests in,
 * Lambda events to the same handler code, real HTTP responses out.
 */
export const startHttpAdapter = async (routes: Route[]): Promise<{ url: string; stop: () => Promise<void> }> => {
  const compiled = routes.map((route) => ({ ...route, match: matcher(route.path) }));
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    for (const route of compiled) {
      const params = request.method === route.method ? route.match(url.pathname) : undefined;
      if (!params) continue;
      const headers = Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, String(value)]));
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined; // as API Gateway passes it: the raw text
      const event = apiEvent({ method: route.method, path: url.pathname, routeKey: `${route.method} ${route.path}`, headers, params, ...(body === undefined ? {} : { body }) });
      const result = await route.handler(event, lambdaContext());
      responses.record({ method: route.method, path: url.pathname, status: result.statusCode ?? 200, headers: result.headers ?? {}, body: result.body });
      response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>).end(result.body ?? '');
      return;
    }
    responses.record({ method: request.method ?? 'GET', path: url.pathname, status: 404, headers: { 'content-type': 'application/json' }, body: '{"message":"Not Found"}' });
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
