import { httpRoute, problems, routeOptions, type TokenVerifier } from '@commerce/service-kit';
import { getMessage } from '../app/read-messages';
import { messageLog } from '../message-log-composition';
import type { MessageLog } from '../ports/message-log';
import { getNotificationRoute } from './http-routes';
import { telemetry } from './telemetry';

/** GET /notifications/{id} — one of the caller's messages with its rendered body; 404 for anyone else's. */
export const createGetHandler = (log: () => MessageLog = messageLog, verifier?: TokenVerifier) =>
  httpRoute({
    ...telemetry,
    ...routeOptions(getNotificationRoute),
    ...(verifier ? { verifier } : {}),
    handle: async ({ params, caller }) => {
      const message = await getMessage(log(), caller.customerId, params.id);
      if (!message) throw problems.notFound(`Notification ${params.id}`);
      return {
        status: 200,
        body: {
          id: message.messageId,
          type: message.type,
          orderId: message.orderId,
          subject: message.subject,
          createdAt: message.createdAt,
          channel: message.channel,
          recipient: message.recipient,
          sentAt: message.sentAt,
          body: { text: message.text, html: message.html },
        },
      };
    },
  });

export const handler = createGetHandler();
