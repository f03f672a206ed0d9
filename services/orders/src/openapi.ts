import { z } from 'zod';
import { CreateOrderBody, OrderListView, OrderView } from './handlers/http-schemas';

/**
 * The OpenAPI 3.1 description of the orders HTTP API, built from the same zod schemas the handlers validate with.
 * Written to services/orders/openapi.json by `pnpm --filter @commerce/orders docs`; a test keeps the file current.
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
const orderResponse = (description: string, headers: Record<string, unknown> = {}) => ({
  description,
  headers: { ...correlationHeader, ...headers },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } },
});
const orderId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const correlationParameter = {
  name: 'x-correlation-id',
  in: 'header',
  required: false,
  description: '1..128 printable characters; carried into every event and log line of the request.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' },
};
const common = {
  '401': problemResponse('Missing, malformed, expired or forged bearer token.'),
};

export const openApiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'Orders API',
    version: '1.0.0',
    description: 'Customer-facing orders. Errors are RFC 9457 problem+json. See services/orders/README.md.',
  },
  servers: [{ url: 'http://localhost:3001', description: 'local (pnpm dev)' }],
  security: [{ bearer: [] }],
  paths: {
    '/orders': {
      post: {
        operationId: 'createOrder',
        summary: 'Place an order',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'Same key + same body returns the same order (201, Idempotent-Replayed: true); same key + different body is 422 idempotency-key-reused. Scoped to the customer.',
            schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
          },
          correlationParameter,
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateOrder' } } } },
        responses: {
          '201': orderResponse('The order (new, or the one an earlier request with the same Idempotency-Key created).', {
            Location: { schema: { type: 'string' }, description: '/orders/{id}' },
            'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] } },
          }),
          '400': problemResponse('Body is not JSON.'),
          ...common,
          '415': problemResponse('Body is not application/json.'),
          '422': problemResponse('Invalid fields (every one listed in errors), idempotency-key-reused, or total-too-large.'),
        },
      },
      get: {
        operationId: 'listOrders',
        summary: "The caller's orders, newest first",
        parameters: [
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'cursor', in: 'query', required: false, description: 'nextCursor of the previous page, unchanged.', schema: { type: 'string' } },
          correlationParameter,
        ],
        responses: {
          '200': { description: 'A page of orders.', headers: correlationHeader, content: { 'application/json': { schema: { $ref: '#/components/schemas/OrderPage' } } } },
          ...common,
          '422': problemResponse('Invalid limit, or a cursor not issued to this caller.'),
        },
      },
    },
    '/orders/{id}': {
      get: {
        operationId: 'getOrder',
        summary: "One of the caller's orders",
        parameters: [orderId, correlationParameter],
        responses: { '200': orderResponse('The order.'), ...common, '404': problemResponse("Unknown id, or another customer's order.") },
      },
    },
    '/orders/{id}/cancel': {
      post: {
        operationId: 'cancelOrder',
        summary: 'Cancel an order (PENDING_PAYMENT or PAID)',
        parameters: [orderId, correlationParameter],
        responses: {
          '200': orderResponse('The cancelled order.'),
          ...common,
          '404': problemResponse("Unknown id, or another customer's order."),
          '409': problemResponse('Not cancellable: reason order-already-cancelled | order-not-cancellable (with orderStatus), or concurrent-modification (retry).'),
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
    schemas: {
      CreateOrder: schema(CreateOrderBody, 'input'),
      Order: schema(OrderView, 'output'),
      OrderPage: { ...schema(OrderListView, 'output') },
      Problem: problem,
    },
  },
});
