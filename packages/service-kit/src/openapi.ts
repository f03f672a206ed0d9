import { z } from 'zod';

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

export const unauthorizedResponse = problemResponse('Missing, malformed, expired or forged bearer token.');

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
  paths: Record<string, unknown>;
  schemas: Record<string, unknown>;
}

export const openApiDocument = ({ title, description, localPort, paths, schemas }: ApiDescription) => ({
  openapi: '3.1.0',
  info: { title, version: '1.0.0', description },
  servers: [{ url: `http://localhost:${localPort}`, description: 'local (pnpm dev)' }],
  security: [{ bearer: [] }],
  paths: {
    ...paths,
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
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token; `sub` is the customer id.' },
    },
    schemas: { ...schemas, Problem: problemSchema },
  },
});
