import { z } from 'zod';
import { PaymentView } from './handlers/http-schemas';

/**
 * The OpenAPI 3.1 description of the payments HTTP API, built from the zod schemas the handlers use.
 * Written to services/payments/openapi.json by `pnpm --filter @commerce/payments docs`; a test keeps the file current.
 */
const schema = (type: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(type, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const problem = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
  additionalProperties: true,
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const correlationHeader = { 'x-correlation-id': { description: 'Echo of the request correlation id, or a new one.', schema: { type: 'string' } } };

export const openApiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'Payments API',
    version: '1.0.0',
    description: 'The payment of an order. Errors are RFC 9457 problem+json. See services/payments/README.md.',
  },
  servers: [{ url: 'http://localhost:3002', description: 'local (pnpm dev)' }],
  security: [{ bearer: [] }],
  paths: {
    '/payments/{orderId}': {
      get: {
        operationId: 'getPayment',
        summary: "The caller's payment for an order",
        parameters: [
          { name: 'orderId', in: 'path', required: true, schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' } },
          {
            name: 'x-correlation-id',
            in: 'header',
            required: false,
            description: '1..128 printable characters; carried into every log line of the request.',
            schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' },
          },
        ],
        responses: {
          '200': {
            description: 'The payment (never cached: Cache-Control no-store).',
            headers: correlationHeader,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Payment' } } },
          },
          '401': problemResponse('Missing, malformed, expired or forged bearer token.'),
          '404': problemResponse("Unknown order, another customer's order, a payment still in progress, or an order cancelled before any charge."),
          '422': problemResponse('Malformed order id.'),
        },
      },
    },
    '/health': {
      get: {
        operationId: 'health',
        security: [],
        responses: { '200': { description: 'Up.', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: { Payment: schema(PaymentView, 'output'), Problem: problem },
  },
});
