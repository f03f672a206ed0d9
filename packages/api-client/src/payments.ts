import type { Client } from 'openapi-fetch';
import type { SuccessResponseJSON } from 'openapi-typescript-helpers';
import type { paths } from './generated/payments.js';
import { correlationHeader, createTransport, unwrap, type CallOptions, type ServiceClientOptions } from './transport.js';

export type PaymentsPaths = paths;
export type Payment = SuccessResponseJSON<paths['/payments/{orderId}']['get']>;

export interface PaymentsClient {
  /** GET /payments/{orderId}: the payment of one of the caller's orders (404 until payments has seen the order). */
  get(orderId: string, options?: CallOptions): Promise<Payment>;
  /** GET /health (no token needed). */
  health(options?: CallOptions): Promise<SuccessResponseJSON<paths['/health']['get']>>;
  /** The generated openapi-fetch client of every route. */
  raw: Client<paths>;
}

export const createPaymentsClient = (options: ServiceClientOptions): PaymentsClient => {
  const raw = createTransport<paths>(options);
  return {
    raw,
    get: (orderId, { signal, ...call } = {}) =>
      unwrap(raw.GET('/payments/{orderId}', { params: { path: { orderId } }, headers: correlationHeader(call), signal })),
    health: ({ signal } = {}) => unwrap(raw.GET('/health', { signal })),
  };
};
