import { openApiDocument as describeApi } from '@commerce/service-kit/openapi';
import { notificationsRoutes } from './handlers/http-routes';

/**
 * The OpenAPI 3.1 description of the notifications HTTP API, generated from its route table (the handlers' own
 * schemas and scopes). Written to services/notifications/openapi.json by `pnpm --filter @commerce/notifications docs`;
 * a test keeps the file current.
 */
export const openApiDocument = () =>
  describeApi({
    title: 'Notifications API',
    description:
      "The caller's customer messages (order placed, payment failed, order cancelled, refund, receipt). See services/notifications/README.md.",
    localPort: 3003,
    routes: notificationsRoutes,
  });
