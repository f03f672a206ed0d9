import { SCOPES } from '@commerce/serverless-config/identity';
import { cursorPagination, defineRoute, healthRoute, jsonAnswer, problemAnswer } from '@commerce/service-kit/routes';
import { IdParams, ListQuery, NotificationDetail, NotificationPage } from './http-schemas';

/**
 * The notifications HTTP API: each route as its handler runs it (request schemas, scopes) and as openapi.json
 * documents it. test/http-routes.test.ts checks method, path, function and scopes against the packaged template's routes.
 */
export const listNotificationsRoute = defineRoute({
  functionName: 'listNotifications',
  method: 'GET',
  path: '/notifications',
  operationId: 'listNotifications',
  summary: "The caller's sent messages, newest first",
  scopes: [SCOPES.notificationsRead],
  request: { query: ListQuery },
  responses: {
    200: jsonAnswer('A page of messages.', 'NotificationPage', NotificationPage),
    422: problemAnswer('Also a cursor this API did not issue (query.cursor).'),
  },
  pagination: cursorPagination,
});

export const getNotificationRoute = defineRoute({
  functionName: 'getNotification',
  method: 'GET',
  path: '/notifications/{id}',
  operationId: 'getNotification',
  summary: 'One of the caller’s messages, with its rendered text and HTML body',
  scopes: [SCOPES.notificationsRead],
  request: { params: IdParams },
  responses: {
    200: jsonAnswer('The message.', 'NotificationDetail', NotificationDetail),
    404: problemAnswer("Unknown id, another customer's message, or a message not sent yet."),
  },
});

export const notificationsRoutes = [healthRoute, listNotificationsRoute, getNotificationRoute] as const;
