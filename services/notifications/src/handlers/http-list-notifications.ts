import { httpRoute, problems, type TokenVerifier } from '@commerce/service-kit';
import { SCOPES } from '@commerce/serverless-config/identity';
import { listMessages } from '../app/read-messages';
import { messageLog } from '../message-log-composition';
import { InvalidCursorError } from '../domain/errors';
import type { MessageLog } from '../ports/message-log';
import { ListQuery } from './http-schemas';
import { logger } from './logger';

/** GET /notifications?limit=&cursor= — the caller's sent messages, newest first. */
export const createListHandler = (log: () => MessageLog = messageLog, verifier?: TokenVerifier) =>
  httpRoute({
    logger,
    scopes: [SCOPES.notificationsRead], // as its route's authorizer.scopes in serverless.yml
    query: ListQuery,
    ...(verifier ? { verifier } : {}),
    problemFor: (error) => (error instanceof InvalidCursorError ? problems.validation([{ path: 'query.cursor', message: error.message }]) : undefined),
    handle: async ({ query, caller }) => {
      const page = await listMessages(log(), caller.customerId, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
      return { status: 200, body: page };
    },
  });

export const handler = createListHandler();
