import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LocalLambda } from '../local-lambda';
import { gatewayError, gatewayRequestId, payloadV2Event, responseFromResult, type GatewayRequest, type GatewayResponse } from './gateway-event';
import { JwtAuthorizer } from './jwt-authorizer';
import { findRoute, type CorsSpec, type HttpApiSpec } from './routes';
import { listen, readBody, type ListeningServer } from '../http-server';

/** API Gateway's payload limit for HTTP APIs (10 MB). */
const MAX_BODY = 10 * 1024 * 1024;

export interface GatewayLog {
  (level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}

export type HttpApiGateway = ListeningServer;

export interface GatewayOptions {
  spec: HttpApiSpec;
  lambda: LocalLambda;
  port: number;
  host?: string;
  log: GatewayLog;
  /** Extra routes answered before the API's (the local cloud's own readiness probe). */
  localRoutes?: Record<string, (response: ServerResponse) => void>;
}

const corsHeaders = (cors: CorsSpec | undefined, origin: string | undefined): Record<string, string> => {
  if (!cors || !origin) return {};
  const allowed = cors.allowOrigins.includes('*') ? (cors.allowCredentials ? origin : '*') : cors.allowOrigins.includes(origin) ? origin : undefined;
  if (!allowed) return {};
  return {
    'access-control-allow-origin': allowed,
    ...(cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
    ...(cors.exposeHeaders.length > 0 ? { 'access-control-expose-headers': cors.exposeHeaders.join(',') } : {}),
    ...(allowed !== '*' ? { vary: 'origin' } : {}),
  };
};

/** API Gateway answers CORS preflights itself when the API has a CORS configuration. */
const preflightHeaders = (cors: CorsSpec, request: IncomingMessage): Record<string, string> => {
  const origin = request.headers.origin;
  const base = corsHeaders(cors, origin);
  if (!base['access-control-allow-origin']) return {};
  const method = String(request.headers['access-control-request-method'] ?? '').toUpperCase();
  const wanted = String(request.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((header) => header.trim().toLowerCase())
    .filter(Boolean);
  const methodAllowed = cors.allowMethods.includes('*') || cors.allowMethods.includes(method);
  const headersAllowed = cors.allowHeaders.includes('*') || wanted.every((header) => cors.allowHeaders.includes(header));
  if (!methodAllowed || !headersAllowed) return {};
  return {
    'access-control-allow-origin': base['access-control-allow-origin'],
    ...(cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
    'access-control-allow-methods': cors.allowMethods.join(','),
    ...(wanted.length > 0 ? { 'access-control-allow-headers': wanted.join(',') } : {}),
    ...(cors.maxAge !== undefined ? { 'access-control-max-age': String(cors.maxAge) } : {}),
  };
};

/**
 * The header API Gateway sends with its authorizer's 401/403 (http-api-troubleshooting-jwt in its docs:
 * `Bearer scope="" error="invalid_token" error_description="..."`); only `Bearer` when there was no token.
 */
const wwwAuthenticate = (decision: { status: 401 | 403; reason: string; tokenPresent: boolean }, scopes: string[]): string => {
  if (!decision.tokenPresent) return 'Bearer';
  const error = decision.status === 403 ? 'insufficient_scope' : 'invalid_token';
  return `Bearer scope="${scopes.join(' ')}" error="${error}" error_description="${decision.reason.replace(/"/g, "'")}"`;
};

const send = (response: ServerResponse, answer: GatewayResponse): void => {
  const headers: Record<string, string | string[]> = { ...answer.headers, 'content-length': String(answer.body.length) };
  if (answer.cookies.length > 0) headers['set-cookie'] = answer.cookies;
  response.writeHead(answer.statusCode, headers);
  response.end(answer.body);
};

const gatewayAnswer = (error: { status: number; message: string }, extra: Record<string, string> = {}): GatewayResponse => ({
  statusCode: error.status,
  headers: { 'content-type': 'application/json', ...extra },
  cookies: [],
  body: Buffer.from(JSON.stringify({ message: error.message })),
});

/**
 * API Gateway's HTTP API for one service, locally: the routes of its packaged template, the JWT authorizer run
 * before any function (401/403 with AWS's bodies), payload format 2.0 events, the function's result mapped as API
 * Gateway maps it, CORS from the API's configuration, and a failed invocation (error, timeout, throttle) answered
 * 500 `{"message":"Internal Server Error"}` — never a 2xx. An integration slower than its timeout (30 s) is a 503.
 */
export const startHttpApiGateway = async (options: GatewayOptions): Promise<HttpApiGateway> => {
  const { spec, lambda, log } = options;
  const authorizers = new Map<string, JwtAuthorizer>();
  const authorizerFor = (route: (typeof spec.routes)[number]): JwtAuthorizer | undefined => {
    if (!route.authorizer) return undefined;
    const key = `${route.authorizer.issuer} ${route.authorizer.audience.join(',')}`;
    let authorizer = authorizers.get(key);
    if (!authorizer) authorizers.set(key, (authorizer = new JwtAuthorizer(route.authorizer)));
    return authorizer;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const receivedAt = Date.now();
    const requestId = gatewayRequestId();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = (request.method ?? 'GET').toUpperCase();
    const local = options.localRoutes?.[url.pathname];
    if (local) return local(response);
    const cors = corsHeaders(spec.cors, request.headers.origin);
    const base = { 'apigw-requestid': requestId, ...cors };
    const reply = (answer: GatewayResponse, note?: string): void => {
      send(response, { ...answer, headers: { ...answer.headers, ...base } });
      const line = `${method} ${url.pathname} ${answer.statusCode} ${(Date.now() - receivedAt).toFixed(0)} ms${note ? `: ${note}` : ''}`;
      log(answer.statusCode >= 500 ? 'error' : note ? 'warn' : 'debug', line);
    };

    if (spec.cors && method === 'OPTIONS' && request.headers['access-control-request-method']) {
      const found = findRoute(spec, 'OPTIONS', url.pathname);
      if (!found || found.route.method === 'ANY') {
        request.resume();
        send(response, { statusCode: 204, headers: { 'apigw-requestid': requestId, ...preflightHeaders(spec.cors, request) }, cookies: [], body: Buffer.alloc(0) });
        return;
      }
    }

    const found = findRoute(spec, method, url.pathname);
    if (!found) {
      request.resume();
      return reply(gatewayAnswer(gatewayError.notFound));
    }
    const { route, params } = found;
    const body = await readBody(request, MAX_BODY);
    if (!body) return reply(gatewayAnswer(gatewayError.tooLarge));

    let claims: { claims: Record<string, string>; scopes: string[] | null } | undefined;
    const authorizer = authorizerFor(route);
    if (authorizer && route.authorizer) {
      const header = request.headers[route.authorizer.identityHeader];
      const decision = await authorizer.authorize(Array.isArray(header) ? header[0] : header, route.scopes);
      if (!decision.allow) {
        const error = decision.status === 403 ? gatewayError.forbidden : gatewayError.unauthorized;
        return reply(gatewayAnswer(error, { 'www-authenticate': wwwAuthenticate(decision, route.scopes) }), `authorizer ${route.authorizer.name}: ${decision.reason}`);
      }
      claims = { claims: decision.claims, scopes: decision.scopes };
    }

    const gatewayRequest: GatewayRequest = {
      method,
      path: url.pathname,
      query: url.search.slice(1),
      headers: request.headers,
      body,
      sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      receivedAt,
    };
    const event = payloadV2Event(gatewayRequest, route, params, requestId, claims);
    let integrationTimer: NodeJS.Timeout | undefined;
    const integrationTimeout = new Promise<'integration-timeout'>((resolve) => {
      integrationTimer = setTimeout(() => resolve('integration-timeout'), route.integrationTimeoutMs);
    });
    const result = await Promise.race([lambda.invoke(route.functionName, event, { waitMs: Math.min(lambda.limits.waitMs, route.integrationTimeoutMs) }), integrationTimeout]);
    clearTimeout(integrationTimer);
    if (result === 'integration-timeout') {
      return reply(gatewayAnswer(gatewayError.unavailable), `${route.functionName} did not answer within the integration timeout of ${route.integrationTimeoutMs} ms`);
    }
    const { outcome, requestId: lambdaRequestId } = result;
    if (outcome.kind !== 'ok') return reply(gatewayAnswer(gatewayError.internal), `${route.functionName} (request ${lambdaRequestId}): ${outcome.kind}`);
    const answer = responseFromResult(outcome.payload);
    if (!answer) return reply(gatewayAnswer(gatewayError.internal), `${route.functionName} (request ${lambdaRequestId}) returned a response API Gateway cannot map`);
    reply(answer);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log('error', `gateway: ${(error as Error).stack ?? String(error)}`);
      if (!response.headersSent) send(response, gatewayAnswer(gatewayError.internal));
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  return listen(server, options.port, options.host);
};
