import { handler as cancelOrder } from '../../src/handlers/http-cancel-order';
import { handler as createOrder } from '../../src/handlers/http-create-order';
import { handler as getOrder } from '../../src/handlers/http-get-order';
import { handler as health } from '../../src/handlers/http-health';
import { handler as listOrders } from '../../src/handlers/http-list-orders';
import type { HttpLambda, Route } from './http-adapter';

/** The orders HTTP API's routes (as serverless.yml declares them), each on its real handler. */
export const ordersRoutes: Route[] = [
  { method: 'GET', path: '/health', handler: health as HttpLambda },
  { method: 'POST', path: '/orders', handler: createOrder as HttpLambda },
  { method: 'GET', path: '/orders', handler: listOrders as HttpLambda },
  { method: 'GET', path: '/orders/{id}', handler: getOrder as HttpLambda },
  { method: 'POST', path: '/orders/{id}/cancel', handler: cancelOrder as HttpLambda },
];
