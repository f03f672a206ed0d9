import { SCOPES } from '@commerce/serverless-config/identity';
import {
  correlationParameter,
  jsonResponse,
  jsonSchemaOf,
  openApiDocument as describeApi,
  pageParameters,
  problemResponse,
} from '@commerce/service-kit/openapi';
import { CreateOrderBody, OrderListView, OrderView } from './handlers/http-schemas';

/**
 * The OpenAPI 3.1 description of the orders HTTP API, built from the same zod schemas the handlers validate with.
 * Written to services/orders/openapi.json by `pnpm --filter @commerce/orders docs`; a test keeps the file current.
 */
const orderId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const notFound = problemResponse("Unknown id, or another customer's order.");

export const openApiDocument = () =>
  describeApi({
    title: 'Orders API',
    description: 'Customer-facing orders. Errors are RFC 9457 problem+json. See services/orders/README.md.',
    localPort: 3001,
    scopes: { 'POST /orders': SCOPES.ordersWrite, 'GET /orders': SCOPES.ordersRead, 'GET /orders/{id}': SCOPES.ordersRead, 'POST /orders/{id}/cancel': SCOPES.ordersWrite },
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
            '201': jsonResponse('The order (new, or the one an earlier request with the same Idempotency-Key created).', 'Order', {
              Location: { schema: { type: 'string' }, description: '/orders/{id}' },
              'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] } },
            }),
            '400': problemResponse('Body is not JSON.'),
            '415': problemResponse('Body is not application/json.'),
            '422': problemResponse('Invalid fields (every one listed in errors), idempotency-key-reused, or total-too-large.'),
          },
        },
        get: {
          operationId: 'listOrders',
          summary: "The caller's orders, newest first",
          parameters: [...pageParameters, correlationParameter],
          responses: {
            '200': jsonResponse('A page of orders.', 'OrderPage'),
            '422': problemResponse('Invalid limit, or a cursor not issued to this caller.'),
          },
        },
      },
      '/orders/{id}': {
        get: {
          operationId: 'getOrder',
          summary: "One of the caller's orders",
          parameters: [orderId, correlationParameter],
          responses: { '200': jsonResponse('The order.', 'Order'), '404': notFound },
        },
      },
      '/orders/{id}/cancel': {
        post: {
          operationId: 'cancelOrder',
          summary: 'Cancel an order (PENDING_PAYMENT or PAID)',
          parameters: [orderId, correlationParameter],
          responses: {
            '200': jsonResponse('The cancelled order.', 'Order'),
            '404': notFound,
            '409': problemResponse('Not cancellable: reason order-already-cancelled | order-not-cancellable (with orderStatus), or concurrent-modification (retry).'),
          },
        },
      },
    },
    schemas: {
      CreateOrder: jsonSchemaOf(CreateOrderBody, 'input'),
      Order: jsonSchemaOf(OrderView),
      OrderPage: jsonSchemaOf(OrderListView),
    },
  });
