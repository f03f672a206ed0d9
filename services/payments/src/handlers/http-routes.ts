import { SCOPES } from '@commerce/serverless-config/identity';
import { defineRoute, healthRoute, jsonAnswer, problemAnswer } from '@commerce/service-kit/routes';
import { PaymentParams, PaymentView } from './http-schemas';

/**
 * The payments HTTP API: each route as its handler runs it (request schemas, scopes) and as openapi.json documents it.
 * test/http-routes.test.ts checks method, path, function and scopes against the packaged template's routes.
 */
export const getPaymentRoute = defineRoute({
  functionName: 'getPayment',
  method: 'GET',
  path: '/payments/{orderId}',
  operationId: 'getPayment',
  summary: "The caller's payment for an order",
  scopes: [SCOPES.paymentsRead],
  request: { params: PaymentParams },
  responses: {
    200: jsonAnswer('The payment (never cached: Cache-Control no-store).', 'Payment', PaymentView, {
      'Cache-Control': { description: 'no-store', schema: { type: 'string' } },
    }),
    404: problemAnswer("Unknown order, another customer's order, a payment still in progress, or an order cancelled before any charge."),
  },
});

export const paymentsRoutes = [healthRoute, getPaymentRoute] as const;
