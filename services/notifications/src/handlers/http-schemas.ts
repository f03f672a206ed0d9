import * as z from 'zod';
import { messageTypes } from '../domain/message';

/** Request and response shapes of the HTTP API: validation in the handlers, and the OpenAPI document. */
export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size.'),
  cursor: z.string().min(1).max(512).optional().describe('nextCursor of the previous page, unchanged.'),
});

export const IdParams = z.object({ id: z.string().min(1).max(128) });

export const NotificationSummary = z.object({
  id: z.string().describe('ntf_ + 32 hex characters'),
  type: z.enum(messageTypes),
  orderId: z.string(),
  subject: z.string(),
  createdAt: z.string().describe('ISO-8601 UTC'),
  channel: z.literal('email'),
});

export const NotificationPage = z.object({
  items: z.array(NotificationSummary),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
});

export const NotificationDetail = NotificationSummary.extend({
  recipient: z.string(),
  sentAt: z.string().optional(),
  body: z.object({ text: z.string(), html: z.string() }),
});
