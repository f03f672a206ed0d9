import { openApiDocument as describeApi } from '@commerce/service-kit/openapi';
import { ordersRoutes } from './handlers/http-routes';

/**
 * The OpenAPI 3.1 description of the orders HTTP API, generated from its route table (the handlers' own schemas and
 * scopes). Written to services/orders/openapi.json by `pnpm --filter @commerce/orders docs`; a test keeps the file current.
 */
export const openApiDocument = () =>
  describeApi({
    title: 'Orders API',
    description: 'Customer-facing orders. See services/orders/README.md.',
    localPort: 3001,
    routes: ordersRoutes,
  });
