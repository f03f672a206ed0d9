import { z } from 'zod';
import { NotificationDetail, NotificationPage } from './handlers/http-schemas';

/**
 * The OpenAPI 3.1 description of the notifications HTTP API, built from the zod schemas the handlers use.
 * Written to services/notifications/openapi.json by `pnpm --filter @commerce/notifications docs`; a test keeps the
 * file current.
 */
const schema = (type: z.ZodType) => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(type, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const correlationHeader = { 'x-correlation-id': { description: 'Echo of the request correlation id, or a new one.', schema: { type: 'string' } } };

export const openApiDocument = () => ({
  openapi: '3.1.0',
  info: {
    title: 'Notifications API',
    version: '1.0.0',
    description:
      "The caller's customer messages (order placed, payment failed, order cancelled, refund, receipt). Errors are RFC 9457 " +
      'problem+json. See services/notifications/README.md.',
  },
  servers: [{ url: 'http://localhost:3003', description: 'local (pnpm dev)' }],
  security: [{ bearer: [] }],
  paths: {
    '/notifications': {
      get: {
        operationId: 'listNotifications',
        summary: "The caller's sent messages, newest first",
        parameters: [
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'cursor', in: 'query', required: false, description: 'nextCursor of the previous page, unchanged.', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'A page of messages.',
            headers: correlationHeader,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/NotificationPage' } } },
          },
          '401': problemResponse('Missing, malformed, expired or forged bearer token.'),
          '422': problemResponse('Invalid limit, or a cursor this API did not issue (errors[].path query.limit / query.cursor).'),
        },
      },
    },
    '/notifications/{id}': {
      get: {
        operationId: 'getNotification',
        summary: 'One of the caller’s messages, with its rendered text and HTML body',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'The message.',
            headers: correlationHeader,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/NotificationDetail' } } },
          },
          '401': problemResponse('Missing, malformed, expired or forged bearer token.'),
          '404': problemResponse("Unknown id, another customer's message, or a message not sent yet."),
        },
      },
    },
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
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token; `sub` is the customer id.' } },
    schemas: {
      NotificationPage: schema(NotificationPage),
      NotificationDetail: schema(NotificationDetail),
      Problem: {
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
      },
    },
  },
});
