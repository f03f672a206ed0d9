import * as z from 'zod';
import { SCOPES } from '@commerce/serverless-config/identity';

/**
 * Building blocks of the services' OpenAPI 3.1 documents: each service lists its paths and the zod schemas its
 * handlers validate with; the shared parts (problem+json, bearer auth, correlation ids, health) live here once.
 */

/** JSON Schema of a zod schema, as an OpenAPI 3.1 component (no `$schema` key). */
export const jsonSchemaOf = (type: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>;
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

export const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** What API Gateway itself answers, before any function runs (HTTP API gateway responses cannot be customised). */
const gatewayMessage = (message: string) => ({ schema: { $ref: '#/components/schemas/GatewayMessage' }, example: { message } });

export const unauthorizedResponse = {
  description:
    'No bearer token, or one that is malformed, expired, forged, of another pool or app client, or an ID token. Deployed, the ' +
    'HTTP API JWT authorizer answers first with `{"message":"Unauthorized"}` (application/json), as `pnpm dev`\'s gateway does; ' +
    'behind it the handler answers problem+json (`unauthorized`: no token; `invalid_token`: rejected) with WWW-Authenticate.',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } }, 'application/json': gatewayMessage('Unauthorized') },
};

export const forbiddenResponse = (scopes: readonly string[]) => ({
  description:
    `A valid access token without the scope this route needs (${scopes.join(' or ')}). Deployed, the JWT authorizer answers first ` +
    'with `{"message":"Forbidden"}`; the handler answers problem+json `insufficient_scope` with requiredScopes and WWW-Authenticate.',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } }, 'application/json': gatewayMessage('Forbidden') },
});

/** API Gateway's own answers for every route, documented once (ADR 0011). */
const GATEWAY_ANSWERS =
  '\n\nErrors our code produces are RFC 9457 problem+json. API Gateway answers some requests before any function runs, ' +
  'with its fixed application/json bodies (the local system answers the same): 401 `{"message":"Unauthorized"}` and 403 ' +
  '`{"message":"Forbidden"}` from the JWT authorizer, 404 `{"message":"Not Found"}` for an unknown route, 500 ' +
  '`{"message":"Internal Server Error"}` when a function fails, 503 `{"message":"Service Unavailable"}` after its 30 s ' +
  'integration timeout.';

export const correlationHeader = {
  'x-correlation-id': { description: 'Echo of the request correlation id, or a new one.', schema: { type: 'string' } },
};

export const correlationParameter = {
  name: 'x-correlation-id',
  in: 'header',
  required: false,
  description: '1..128 printable characters; carried into every event and log line of the request.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' },
};

export const pageParameters = [
  { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
  { name: 'cursor', in: 'query', required: false, description: 'nextCursor of the previous page, unchanged.', schema: { type: 'string' } },
];

/** A JSON response whose body is a component schema. */
export const jsonResponse = (description: string, component: string, headers: Record<string, unknown> = {}) => ({
  description,
  headers: { ...correlationHeader, ...headers },
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${component}` } } },
});

export interface ApiDescription {
  title: string;
  description: string;
  /** The service's local port (serverless-offline httpPort). */
  localPort: number;
  paths: Record<string, Record<string, { responses?: Record<string, unknown>; [field: string]: unknown }>>;
  /** The scope each operation needs, by `METHOD /path` (as the route's authorizer.scopes in serverless.yml). */
  scopes: Record<string, string>;
  schemas: Record<string, unknown>;
}

/** Each operation with its security requirement (the route's scope) and its 401 and 403 answers. */
const withScopes = (paths: ApiDescription['paths'], scopes: ApiDescription['scopes']) =>
  Object.fromEntries(
    Object.entries(paths).map(([path, operations]) => [
      path,
      Object.fromEntries(
        Object.entries(operations).map(([method, operation]) => {
          const scope = scopes[`${method.toUpperCase()} ${path}`];
          if (scope === undefined) throw new Error(`openapi: no scope for ${method.toUpperCase()} ${path}`);
          const responses = { ...operation.responses, '401': unauthorizedResponse, '403': forbiddenResponse([scope]) };
          return [method, { ...operation, security: [{ cognito: [scope] }], responses }];
        }),
      ),
    ]),
  );

/** The hosted UI of a stage (`dev` here; each stage has its own: ADR 0011, docs/deploy.md). */
const HOSTED_UI = 'https://shop-example-dev.auth.eu-west-1.amazoncognito.com';

export const openApiDocument = ({ title, description, localPort, paths, scopes, schemas }: ApiDescription) => ({
  openapi: '3.1.0',
  info: { title, version: '1.0.0', description: `${description}${GATEWAY_ANSWERS}` },
  servers: [{ url: `http://localhost:${localPort}`, description: 'local (pnpm dev)' }],
  paths: {
    ...withScopes(paths, scopes),
    '/health': {
      get: {
        operationId: 'health',
        summary: 'Liveness (no token)',
        security: [],
        responses: { '200': { description: 'Up.', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
  components: {
    securitySchemes: {
      cognito: {
        type: 'oauth2',
        description:
          "The stage's Cognito user pool: sign in through its hosted UI (authorization code + PKCE, public client) and send the " +
          'access token as `Authorization: Bearer <token>`; `sub` is the customer id. Locally: `pnpm token <customerId>`.',
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
      ...schemas,
      Problem: problemSchema,
      GatewayMessage: { type: 'object', required: ['message'], properties: { message: { type: 'string' } }, additionalProperties: false },
    },
  },
});
