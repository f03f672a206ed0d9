import { SCOPES } from '@commerce/serverless-config/identity';
import { cursorPagination, defineRoute, healthRoute, jsonAnswer, problemAnswer } from '@commerce/service-kit/routes';
import { CreateOrderBody, CreateOrderHeaders, ListOrdersQuery, OrderIdParams, OrderListView, OrderView } from './http-schemas';

/**
 * The orders HTTP API: each route as its handler runs it (request schemas, scopes) and as openapi.json documents it.
 * test/http-routes.test.ts checks method, path, function and scopes against the packaged template's routes.
 */
const notFound = problemAnswer("Unknown id, or another customer's order.");

export const createOrderRoute = defineRoute({
  functionName: 'createOrder',
  method: 'POST',
  path: '/orders',
  operationId: 'createOrder',
  summary: 'Place an order',
  scopes: [SCOPES.ordersWrite],
  request: { body: CreateOrderBody, headers: CreateOrderHeaders },
  bodyComponent: 'CreateOrder',
  responses: {
    201: jsonAnswer('The order (new, or the one an earlier request with the same Idempotency-Key created).', 'Order', OrderView, {
      Location: { description: '/orders/{id}', schema: { type: 'string' } },
      'Idempotent-Replayed': { description: 'Present (true) when an earlier request with this key created the order.', schema: { type: 'string', enum: ['true'] } },
    }),
    422: problemAnswer('Also idempotency-key-reused (same key, another body) and total-too-large.'),
  },
});

export const listOrdersRoute = defineRoute({
  functionName: 'listOrders',
  method: 'GET',
  path: '/orders',
  operationId: 'listOrders',
  summary: "The caller's orders, newest first",
  scopes: [SCOPES.ordersRead],
  request: { query: ListOrdersQuery },
  responses: {
    200: jsonAnswer('A page of orders.', 'OrderPage', OrderListView),
    422: problemAnswer('Also a cursor not issued to this caller (query.cursor).'),
  },
  pagination: cursorPagination,
});

export const getOrderRoute = defineRoute({
  functionName: 'getOrder',
  method: 'GET',
  path: '/orders/{id}',
  operationId: 'getOrder',
  summary: "One of the caller's orders",
  scopes: [SCOPES.ordersRead],
  request: { params: OrderIdParams },
  responses: { 200: jsonAnswer('The order.', 'Order', OrderView), 404: notFound },
});

export const cancelOrderRoute = defineRoute({
  functionName: 'cancelOrder',
  method: 'POST',
  path: '/orders/{id}/cancel',
  operationId: 'cancelOrder',
  summary: 'Cancel an order (PENDING_PAYMENT or PAID)',
  scopes: [SCOPES.ordersWrite],
  request: { params: OrderIdParams },
  responses: {
    200: jsonAnswer('The cancelled order.', 'Order', OrderView),
    404: notFound,
    409: problemAnswer('Not cancellable: reason order-already-cancelled | order-not-cancellable (with orderStatus), or concurrent-modification (retry).'),
  },
});

export const ordersRoutes = [healthRoute, createOrderRoute, listOrdersRoute, getOrderRoute, cancelOrderRoute] as const;
