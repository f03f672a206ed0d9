import { httpRoute, problems, routeOptions, type TokenVerifier } from '@commerce/service-kit';
import { listMessages } from '../app/read-messages';
import { messageLog } from '../message-log-composition';
import { InvalidCursorError } from '../domain/errors';
import type { MessageLog } from '../ports/message-log';
import { listNotificationsRoute } from './http-routes';
import { telemetry } from './telemetry';

/** GET /notifications?limit=&cursor= — the caller's sent messages, newest first. */
export const createListHandler = (log: () => MessageLog = messageLog, verifier?: TokenVerifier) =>
  httpRoute({
    ...telemetry,
    ...routeOptions(listNotificationsRoute),
    ...(verifier ? { verifier } : {}),
    problemFor: (error) => (error instanceof InvalidCursorError ? problems.validation([{ path: 'query.cursor', message: error.message }]) : undefined),
    handle: async ({ query, caller }) => {
      const page = await listMessages(log(), caller.customerId, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
      return { status: 200, body: page };
    },
  });

export const handler = createListHandler();
