import { jsonResponse, jsonSchemaOf, openApiDocument as describeApi, pageParameters, problemResponse } from '@commerce/service-kit/openapi';
import { SCOPES } from '@commerce/serverless-config/identity';
import { NotificationDetail, NotificationPage } from './handlers/http-schemas';

/**
 * The OpenAPI 3.1 description of the notifications HTTP API, built from the zod schemas the handlers use.
 * Written to services/notifications/openapi.json by `pnpm --filter @commerce/notifications docs`; a test keeps the
 * file current.
 */
export const openApiDocument = () =>
  describeApi({
    title: 'Notifications API',
    description:
      "The caller's customer messages (order placed, payment failed, order cancelled, refund, receipt). Errors are RFC 9457 " +
      'problem+json. See services/notifications/README.md.',
    localPort: 3003,
    scopes: { 'GET /notifications': SCOPES.notificationsRead, 'GET /notifications/{id}': SCOPES.notificationsRead },
    paths: {
      '/notifications': {
        get: {
          operationId: 'listNotifications',
          summary: "The caller's sent messages, newest first",
          parameters: pageParameters,
          responses: {
            '200': jsonResponse('A page of messages.', 'NotificationPage'),
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
            '200': jsonResponse('The message.', 'NotificationDetail'),
            '404': problemResponse("Unknown id, another customer's message, or a message not sent yet."),
          },
        },
      },
    },
    schemas: { NotificationPage: jsonSchemaOf(NotificationPage), NotificationDetail: jsonSchemaOf(NotificationDetail) },
  });
