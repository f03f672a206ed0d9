import type { Client, Middleware } from 'openapi-fetch';
import type { RequestBodyJSON, SuccessResponseJSON } from 'openapi-typescript-helpers';
import type { paths } from './generated/orders.js';
import { paginate, type Paginated } from './pagination.js';
import { correlationHeader, createTransport, unwrap, type CallOptions, type ServiceClientOptions } from './transport.js';

export type OrdersPaths = paths;
export type Order = SuccessResponseJSON<paths['/orders/{id}']['get']>;
export type OrderStatus = Order['status'];
export type CreateOrderRequest = RequestBodyJSON<paths['/orders']['post']>;
export type OrderPage = SuccessResponseJSON<paths['/orders']['get']>;
export type ListOrdersQuery = NonNullable<paths['/orders']['get']['parameters']['query']>;

/** The operations whose repeats the server recognises by their Idempotency-Key (the document declares the header). */
export const KEYED_OPERATIONS = ['POST /orders'] as const;

export interface CreateOrderOptions extends CallOptions {
  /**
   * The key of this logical order (default: a new random UUID per `create` call). Every retry of the call sends the
   * same key; pass your own to make a retry after a page reload, or from another tab, land on the same order.
   */
  idempotencyKey?: string;
}

const newKey = (): string => globalThis.crypto.randomUUID();

/** Gives each keyed operation an Idempotency-Key once per logical call, unless the caller chose one. */
const idempotencyKeys = (generate: () => string): Middleware => ({
  onRequest({ request, schemaPath }) {
    const keyed = (KEYED_OPERATIONS as readonly string[]).includes(`${request.method} ${schemaPath}`);
    if (keyed && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', generate());
    return request;
  },
});

export interface OrdersClient {
  /** POST /orders: places an order; retried with the same Idempotency-Key on network errors, 5xx and 429. */
  create(order: CreateOrderRequest, options?: CreateOrderOptions): Promise<Order>;
  /** GET /orders/{id} */
  get(id: string, options?: CallOptions): Promise<Order>;
  /** GET /orders: the caller's orders, newest first, page by page (`limit` per page). */
  list(query?: ListOrdersQuery, options?: CallOptions): Paginated<Order>;
  /** POST /orders/{id}/cancel (sent once: a repeat would answer 409 order-already-cancelled). */
  cancel(id: string, options?: CallOptions): Promise<Order>;
  /** GET /health (no token needed). */
  health(options?: CallOptions): Promise<SuccessResponseJSON<paths['/health']['get']>>;
  /** The generated openapi-fetch client of every route, for what the methods above do not cover. */
  raw: Client<paths>;
}

export const createOrdersClient = (options: ServiceClientOptions & { idempotencyKey?: () => string }): OrdersClient => {
  const raw = createTransport<paths>(options, [idempotencyKeys(options.idempotencyKey ?? newKey)]);
  return {
    raw,
    create: (body, { idempotencyKey, signal, ...call } = {}) =>
      unwrap(raw.POST('/orders', { body, params: { header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} }, headers: correlationHeader(call), signal })),
    get: (id, { signal, ...call } = {}) => unwrap(raw.GET('/orders/{id}', { params: { path: { id } }, headers: correlationHeader(call), signal })),
    list: ({ cursor: start, ...query } = {}, { signal, ...call } = {}) =>
      paginate(
        (cursor) => unwrap(raw.GET('/orders', { params: { query: { ...query, cursor } }, headers: correlationHeader(call), signal })),
        start,
      ),
    cancel: (id, { signal, ...call } = {}) =>
      unwrap(raw.POST('/orders/{id}/cancel', { params: { path: { id } }, headers: correlationHeader(call), signal })),
    health: ({ signal } = {}) => unwrap(raw.GET('/health', { signal })),
  };
};
