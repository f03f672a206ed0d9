import type { IncomingMessage } from 'node:http';
import type { HttpRoute } from './routes';

/** Content types API Gateway passes as text; any other body reaches the function base64-encoded. */
const TEXT = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|problem\+json|[\w.+-]+\+(json|xml)))/i;

export interface GatewayRequest {
  method: string;
  path: string;
  query: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  sourceIp: string;
  receivedAt: number;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** An id shaped like API Gateway's (`apigw-requestid`, requestContext.requestId). */
export const gatewayRequestId = (): string => {
  let id = '';
  for (let index = 0; index < 15; index++) id += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return `${id}=`;
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `02/Dec/2026:03:04:05 +0000`, API Gateway's requestContext.time. */
const clfTime = (epoch: number): string => {
  const date = new Date(epoch);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
};

const joinValues = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join(',') : (value ?? ''));

/**
 * The payload format 2.0 event API Gateway's HTTP API gives a Lambda proxy integration: lower-case headers with
 * repeated values comma-joined, cookies apart, query parameters comma-joined, path parameters, the JWT authorizer's
 * claims (as strings) and scopes, and the request context (ids, route key, stage `$default`, time).
 */
export const payloadV2Event = (
  request: GatewayRequest,
  route: HttpRoute,
  params: Record<string, string>,
  requestId: string,
  authorizer?: { claims: Record<string, string>; scopes: string[] | null },
): Record<string, unknown> => {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'cookie') cookies = joinValues(value).split(/;\s*/).filter(Boolean);
    else headers[name] = joinValues(value);
  }
  const search = new URLSearchParams(request.query);
  const queryStringParameters: Record<string, string> = {};
  for (const key of new Set(search.keys())) queryStringParameters[key] = search.getAll(key).join(',');
  const contentType = headers['content-type'] ?? '';
  const hasBody = request.body.length > 0;
  const binary = hasBody && !TEXT.test(contentType);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: request.path,
    rawQueryString: request.query,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(queryStringParameters).length > 0 ? { queryStringParameters } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      ...(authorizer ? { authorizer: { jwt: authorizer } } : {}),
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0],
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: clfTime(request.receivedAt),
      timeEpoch: request.receivedAt,
    },
    ...(hasBody ? { body: binary ? request.body.toString('base64') : request.body.toString('utf8') } : {}),
    isBase64Encoded: binary,
  };
};

export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/**
 * A function's result as API Gateway turns it into an HTTP response (payload format 2.0): an object with a
 * `statusCode` is taken as the response; any other valid JSON is a 200 `application/json` body. A result it cannot
 * use (a statusCode that is not an HTTP status, a body that is not a string) is `undefined`: API Gateway answers 500.
 */
export const responseFromResult = (payload: string): GatewayResponse | undefined => {
  let result: unknown;
  try {
    result = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (result && typeof result === 'object' && !Array.isArray(result) && 'statusCode' in result) {
    const response = result as { statusCode: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown; cookies?: unknown };
    const status = Number(response.statusCode);
    if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
    if (response.body !== undefined && response.body !== null && typeof response.body !== 'string') return undefined;
    const headers: Record<string, string> = {};
    if (response.headers && typeof response.headers === 'object') {
      for (const [name, value] of Object.entries(response.headers as Record<string, unknown>)) headers[name.toLowerCase()] = String(value);
    }
    const body = typeof response.body === 'string' ? Buffer.from(response.body, response.isBase64Encoded === true ? 'base64' : 'utf8') : Buffer.alloc(0);
    const cookies = Array.isArray(response.cookies) ? response.cookies.map(String) : [];
    return { statusCode: status, headers, cookies, body };
  }
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(typeof result === 'string' ? result : payload) };
};

/** API Gateway's own answers (gateway responses of HTTP APIs cannot be customised). */
export const gatewayError = {
  notFound: { status: 404, message: 'Not Found' },
  unauthorized: { status: 401, message: 'Unauthorized' },
  forbidden: { status: 403, message: 'Forbidden' },
  /** A failed invocation: the function threw, timed out, was throttled, or returned what API Gateway cannot use. */
  internal: { status: 500, message: 'Internal Server Error' },
  /** The integration (30 s at most) did not answer in time. */
  unavailable: { status: 503, message: 'Service Unavailable' },
  tooLarge: { status: 413, message: 'Request Entity Too Large' },
} as const;
