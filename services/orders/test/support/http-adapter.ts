import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { checkResponsesAgainst } from '@commerce/api-contracts/testing';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { lambdaContext } from '@commerce/service-kit/testing';

/** Every response of the stand-in is checked against the committed document (a test with one that does not conform fails). */
const responses = checkResponsesAgainst(join(__dirname, '..', '..', 'openapi.json'));

export type HttpLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2 | string | void>;

export interface Route {
  method: string;
  /** API Gateway route path, e.g. `/orders/{id}/cancel`. */
  path: string;
  handler: HttpLambda;
}

export interface LocalHttpApi {
  url: string;
  stop(): Promise<void>;
}

const matcher = (path: string) => {
  const names: string[] = [];
  const pattern = path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const regex = new RegExp(`^${pattern}$`);
  return (candidate: string): Record<string, string> | undefined => {
    const match = regex.exec(candidate);
    if (!match) return undefined;
    return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
  };
};

const readBody = async (request: IncomingMessage): Promise<string | undefined> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined;
};

/**
 * A minimal API Gateway HTTP API (payload v2) in front of real handler modules, on an ephemeral port: requests are
 * real HTTP, turned into the same event shape API Gateway sends; unknown routes get API Gateway's own 404.
 * (Auth is the handlers' own JWT verification, as under serverless-offline.)
 */
export const startHttpApi = async (routes: Route[]): Promise<LocalHttpApi> => {
  const compiled = routes.map((route) => ({ ...route, match: matcher(route.path) }));
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const method = request.method ?? 'GET';
      let params: Record<string, string> | undefined;
      const route = compiled.find((candidate) => candidate.method === method && (params = candidate.match(url.pathname)) !== undefined);
      if (!route) {
        responses.record({ method, path: url.pathname, status: 404, headers: { 'content-type': 'application/json' }, body: '{"message":"Not Found"}' });
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]),
      );
      const query = Object.fromEntries(url.searchParams.entries());
      const body = await readBody(request);
      const routeKey = `${method} ${route.path}`;
      const event: APIGatewayProxyEventV2 = {
        version: '2.0',
        routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.replace(/^\?/, ''),
        headers,
        ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
        ...(params && Object.keys(params).length > 0 ? { pathParameters: params } : {}),
        ...(body !== undefined ? { body } : {}),
        isBase64Encoded: false,
        requestContext: {
          accountId: '000000000000', apiId: 'local', domainName: 'localhost', domainPrefix: 'localhost',
          http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
          requestId: `req-${Date.now()}`, routeKey, stage: '$default', time: new Date().toISOString(), timeEpoch: Date.now(),
        },
      };
      try {
        const result = (await route.handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
        responses.record({ method, path: url.pathname, status: result.statusCode ?? 200, headers: result.headers ?? {}, body: result.body });
        response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>).end(result.body ?? '');
      } catch {
        response.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"Internal Server Error"}');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
