import { openApiDocument as describeApi } from '@commerce/service-kit/openapi';
import { paymentsRoutes } from './handlers/http-routes';

/**
 * The OpenAPI 3.1 description of the payments HTTP API, generated from its route table (the handlers' own schemas and
 * scopes). Written to services/payments/openapi.json by `pnpm --filter @commerce/payments docs`; a test keeps the file current.
 */
export const openApiDocument = () =>
  describeApi({
    title: 'Payments API',
    description: 'The payment of an order. See services/payments/README.md.',
    localPort: 3002,
    routes: paymentsRoutes,
  });
