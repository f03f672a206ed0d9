import { correlationParameter, jsonResponse, jsonSchemaOf, openApiDocument as describeApi, problemResponse } from '@commerce/service-kit/openapi';
import { SCOPES } from '@commerce/serverless-config/identity';
import { PaymentView } from './handlers/http-schemas';

/**
 * The OpenAPI 3.1 description of the payments HTTP API, built from the zod schemas the handlers use.
 * Written to services/payments/openapi.json by `pnpm --filter @commerce/payments docs`; a test keeps the file current.
 */
export const openApiDocument = () =>
  describeApi({
    title: 'Payments API',
    description: 'The payment of an order. Errors are RFC 9457 problem+json. See services/payments/README.md.',
    localPort: 3002,
    scopes: { 'GET /payments/{orderId}': SCOPES.paymentsRead },
    paths: {
      '/payments/{orderId}': {
        get: {
          operationId: 'getPayment',
          summary: "The caller's payment for an order",
          parameters: [
            { name: 'orderId', in: 'path', required: true, schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' } },
            correlationParameter,
          ],
          responses: {
            '200': jsonResponse('The payment (never cached: Cache-Control no-store).', 'Payment'),
            '404': problemResponse("Unknown order, another customer's order, a payment still in progress, or an order cancelled before any charge."),
            '422': problemResponse('Malformed order id.'),
          },
        },
      },
    },
    schemas: { Payment: jsonSchemaOf(PaymentView) },
  });
