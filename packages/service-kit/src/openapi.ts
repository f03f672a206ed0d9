import * as z from 'zod';
import { SCOPES } from '@commerce/serverless-config/identity';
import type { HttpRouteDefinition } from './http/route-definition';

/**
 * The services' OpenAPI 3.1 documents, generated from their route tables (HttpRouteDefinition): methods, paths,
 * functions and scopes as the packaged template has them (each service's route test), parameters and bodies from the
 * zod schemas the handlers validate with, and every answer a caller can get: the handler's own, the problems
 * httpRoute adds (400/415 for a body, 422 for validation, 401/403 with WWW-Authenticate, 500), and API Gateway's own
 * fixed JSON answers (401/403 from the JWT authorizer, 413, 429, 500, 503), which `pnpm dev`'s gateway mimics.
 */

type JsonSchema = Record<string, unknown>;

/** JSON Schema of a zod schema, as an OpenAPI 3.1 schema (no `$schema` key). */
export const jsonSchemaOf = (type: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** RFC 9457 problem details, as every error response of every service has them (see http/problem.ts). */
export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
  additionalProperties: true,
};

/** API Gateway's own body for the answers it gives before (or instead of) a function: `{"message": "..."}`. */
const gatewayMessageSchema = { type: 'object', required: ['message'], properties: { message: { type: 'string' } }, additionalProperties: false };

const PROBLEM = { schema: { $ref: '#/components/schemas/Problem' } };
const gatewayMessage = (message: string) => ({ schema: { $ref: '#/components/schemas/GatewayMessage' }, example: { message } });

const correlationHeader = { 'X-Correlation-Id': { description: 'Echo of the request correlation id, or a new one.', schema: { type: 'string' } } };
const wwwAuthenticateHeader = (example: string) => ({
  'WWW-Authenticate': { description: `RFC 6750 challenge, e.g. \`${example}\`.`, schema: { type: 'string' } },
});

const correlationParameter = {
  name: 'X-Correlation-Id',
  in: 'header',
  required: false,
  description: '1..128 printable characters; carried into every event and log line of the request (another value is replaced by a new id).',
  schema: { type: 'string' },
};

const problemResponse = (description: string, headers: Record<string, unknown> = {}) => ({
  description,
  headers: { ...correlationHeader, ...headers },
  content: { 'application/problem+json': PROBLEM },
});

/** `idempotency-key` → `Idempotency-Key`: header names as documentation writes them (HTTP ignores their case). */
const headerName = (name: string): string => name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`);

/** OpenAPI parameters of one zod object: each property, required as the schema says, its description lifted. */
const parametersOf = (schema: z.ZodObject | undefined, location: 'path' | 'query' | 'header') => {
  if (!schema) return [];
  const json = jsonSchemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name: location === 'header' ? headerName(name) : name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: propertySchema,
    };
  });
};

/** The answers every route can get besides its own, by who gives them. */
const sharedResponses = (route: HttpRouteDefinition) => {
  const request = route.request ?? {};
  const validates = Object.values(request).some(Boolean);
  const responses: Record<string, unknown> = {};
  if (request.body) {
    responses['400'] = problemResponse('Body is not JSON (malformed-json).');
    responses['413'] = {
      description: 'API Gateway: the request is larger than 10 MB.',
      content: { 'application/json': gatewayMessage('Request Entity Too Large') },
    };
    responses['415'] = problemResponse('Body is not application/json (unsupported-media-type).');
  }
  if (validates) {
    responses['422'] = problemResponse('Invalid request (validation-failed): every failing field in errors[] (path and message).');
  }
  if (route.scopes !== 'public') {
    const scopes = route.scopes.join(' or ');
    responses['401'] = {
      description:
        'No bearer token, or one that is malformed, expired, forged, of another pool or app client, or an ID token. The JWT ' +
        'authorizer answers first with `{"message":"Unauthorized"}` (application/json); behind it the handler answers ' +
        'problem+json `unauthorized` (no token) or `invalid_token`. Both with WWW-Authenticate.',
      headers: wwwAuthenticateHeader('Bearer error="invalid_token"'),
      content: { 'application/problem+json': PROBLEM, 'application/json': gatewayMessage('Unauthorized') },
    };
    responses['403'] = {
      description:
        `A valid access token without the scope this route needs (${scopes}). The JWT authorizer answers first with ` +
        '`{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes. Both with WWW-Authenticate.',
      headers: wwwAuthenticateHeader('Bearer error="insufficient_scope"'),
      content: { 'application/problem+json': PROBLEM, 'application/json': gatewayMessage('Forbidden') },
    };
  }
  responses['429'] = {
    description: "API Gateway: the stage's throttling limit (burst/rate, ADR 0012) was reached; retry with backoff.",
    content: { 'application/json': gatewayMessage('Too Many Requests') },
  };
  responses['500'] = {
    description:
      'The function failed: problem+json `internal-error` from the handler (logged with the correlation id), or API Gateway\'s ' +
      '`{"message":"Internal Server Error"}` when the invocation itself failed (crash, timeout, throttled function).',
    content: { 'application/problem+json': PROBLEM, 'application/json': gatewayMessage('Internal Server Error') },
  };
  responses['503'] = {
    description: 'API Gateway: the function did not answer within the 30 s integration timeout.',
    content: { 'application/json': gatewayMessage('Service Unavailable') },
  };
  return responses;
};

interface ResponseObject {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, unknown>;
}

/**
 * The shared answers with the route's own ones added: for a status both have, the descriptions are joined (shared
 * first), and the headers and media types of both are kept, so e.g. a route's own 503 problem+json does not hide
 * API Gateway's `{"message":"Service Unavailable"}` (application/json) for the same status. One media type declared
 * by both with different schemas is a mistake in the route table (a response has one schema per media type).
 */
export const mergeResponses = (shared: Record<string, unknown>, own: Record<string, unknown>, where: string): Record<string, unknown> => {
  const merged: Record<string, unknown> = { ...shared };
  for (const [status, ownAnswer] of Object.entries(own) as [string, ResponseObject][]) {
    const sharedAnswer = shared[status] as ResponseObject | undefined;
    if (!sharedAnswer) {
      merged[status] = ownAnswer;
      continue;
    }
    for (const [mediaType, media] of Object.entries(ownAnswer.content ?? {})) {
      const known = sharedAnswer.content?.[mediaType];
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(media)) {
        throw new Error(`openapi: ${where} ${status} declares ${mediaType} with another schema than the shared ${status} answer`);
      }
    }
    merged[status] = {
      description: `${sharedAnswer.description} ${ownAnswer.description}`,
      ...(sharedAnswer.headers || ownAnswer.headers ? { headers: { ...sharedAnswer.headers, ...ownAnswer.headers } } : {}),
      ...(sharedAnswer.content || ownAnswer.content ? { content: { ...sharedAnswer.content, ...ownAnswer.content } } : {}),
    };
  }
  return merged;
};

const operationOf = (route: HttpRouteDefinition, components: Map<string, JsonSchema>) => {
  const addComponent = (name: string, schema: z.ZodType, io: 'input' | 'output'): string => {
    const json = jsonSchemaOf(schema, io);
    const known = components.get(name);
    if (known && JSON.stringify(known) !== JSON.stringify(json)) throw new Error(`openapi: two different schemas named ${name}`);
    components.set(name, json);
    return `#/components/schemas/${name}`;
  };
  const request = route.request ?? {};
  const own: Record<string, unknown> = {};
  for (const [status, answer] of Object.entries(route.responses)) {
    own[status] =
      answer.kind === 'json'
        ? {
            description: answer.description,
            headers: { ...correlationHeader, ...answer.headers },
            content: { 'application/json': { schema: { $ref: addComponent(answer.component, answer.schema, 'output') } } },
          }
        : problemResponse(answer.description);
  }
  const responses = mergeResponses(sharedResponses(route), own, `${route.method} ${route.path}`);
  if (request.body && !route.bodyComponent) throw new Error(`openapi: ${route.method} ${route.path} has a body but no bodyComponent`);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    parameters: [
      ...parametersOf(request.params, 'path'),
      ...parametersOf(request.query, 'query'),
      ...parametersOf(request.headers, 'header'),
      ...(route.scopes === 'public' ? [] : [correlationParameter]),
    ],
    ...(request.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: addComponent(route.bodyComponent!, request.body, 'input') } } } } }
      : {}),
    security: route.scopes === 'public' ? [] : route.scopes.map((scope) => ({ cognito: [scope] })),
    ...(route.pagination ? { 'x-pagination': route.pagination } : {}),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b))),
  };
};

export interface ApiDescription {
  title: string;
  description: string;
  /** The service's local port (custom.serverless-offline.httpPort, which `pnpm dev` serves it on). */
  localPort: number;
  /** Every httpApi route of the service (health included), as its handlers run them. */
  routes: readonly HttpRouteDefinition[];
}

/** The hosted UI of a stage (`dev` here; each stage has its own: ADR 0011, docs/deploy.md). */
const HOSTED_UI = 'https://shop-example-dev.auth.eu-west-1.amazoncognito.com';

const GATEWAY_ANSWERS =
  '\n\nErrors our code produces are RFC 9457 problem+json (`application/problem+json`). API Gateway answers some requests ' +
  'before any function runs, with fixed `application/json` bodies `{"message": ...}` (the local system answers the same): ' +
  '401 and 403 from the JWT authorizer (with WWW-Authenticate), 404 `Not Found` for a route the API does not have, 413 for ' +
  'a body over 10 MB, 429 when the stage is throttled, 500 when an invocation fails, 503 after the 30 s integration timeout. ' +
  'Every response carries X-Correlation-Id; lists page with `limit` and `cursor` (`nextCursor` of the previous page, null ' +
  'on the last one: x-pagination).';

export const openApiDocument = ({ title, description, localPort, routes }: ApiDescription) => {
  const components = new Map<string, JsonSchema>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operations = (paths[route.path] ??= {});
    const method = route.method.toLowerCase();
    if (operations[method]) throw new Error(`openapi: ${route.method} ${route.path} is declared twice`);
    operations[method] = operationOf(route, components);
  }
  return {
    openapi: '3.1.0',
    info: { title, version: '1.0.0', description: `${description}${GATEWAY_ANSWERS}` },
    servers: [{ url: `http://localhost:${localPort}`, description: 'local (npm run dev)' }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: {
        cognito: {
          type: 'oauth2',
          description:
            "The stage's Cognito user pool: sign in through its hosted UI (authorization code + PKCE, public client) and send the " +
            'access token as `Authorization: Bearer <token>`; `sub` is the customer id. Locally: `pnpm -s token <customerId>`.',
          flows: {
            authorizationCode: {
              authorizationUrl: `${HOSTED_UI}/oauth2/authorize`,
              tokenUrl: `${HOSTED_UI}/oauth2/token`,
              refreshUrl: `${HOSTED_UI}/oauth2/token`,
              scopes: Object.fromEntries(Object.values(SCOPES).map((scope) => [scope, `API scope ${scope}`])),
            },
          },
        },
      },
      schemas: {
        ...Object.fromEntries([...components.entries()].sort(([a], [b]) => a.localeCompare(b))),
        Problem: problemSchema,
        GatewayMessage: gatewayMessageSchema,
      },
    },
  };
};

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
