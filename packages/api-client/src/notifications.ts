import type { Client } from 'openapi-fetch';
import type { SuccessResponseJSON } from 'openapi-typescript-helpers';
import type { paths } from './generated/notifications.js';
import { paginate, type Paginated } from './pagination.js';
import { correlationHeader, createTransport, unwrap, type CallOptions, type ServiceClientOptions } from './transport.js';

export type NotificationsPaths = paths;
export type NotificationPage = SuccessResponseJSON<paths['/notifications']['get']>;
export type NotificationSummary = NotificationPage['items'][number];
export type Notification = SuccessResponseJSON<paths['/notifications/{id}']['get']>;
export type ListNotificationsQuery = NonNullable<paths['/notifications']['get']['parameters']['query']>;

export interface NotificationsClient {
  /** GET /notifications: the caller's messages, page by page (`limit` per page). */
  list(query?: ListNotificationsQuery, options?: CallOptions): Paginated<NotificationSummary>;
  /** GET /notifications/{id}: one message with its body. */
  get(id: string, options?: CallOptions): Promise<Notification>;
  /** GET /health (no token needed). */
  health(options?: CallOptions): Promise<SuccessResponseJSON<paths['/health']['get']>>;
  /** The generated openapi-fetch client of every route. */
  raw: Client<paths>;
}

export const createNotificationsClient = (options: ServiceClientOptions): NotificationsClient => {
  const raw = createTransport<paths>(options);
  return {
    raw,
    list: ({ cursor: start, ...query } = {}, { signal, ...call } = {}) =>
      paginate((cursor) => unwrap(raw.GET('/notifications', { params: { query: { ...query, cursor } }, headers: correlationHeader(call), signal })), start),
    get: (id, { signal, ...call } = {}) => unwrap(raw.GET('/notifications/{id}', { params: { path: { id } }, headers: correlationHeader(call), signal })),
    health: ({ signal } = {}) => unwrap(raw.GET('/health', { signal })),
  };
};
