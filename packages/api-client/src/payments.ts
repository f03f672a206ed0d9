import type { Client } from 'openapi-fetch';
import type { SuccessResponseJSON } from 'openapi-typescript-helpers';
import type { paths } from './generated/payments.js';
import { correlationHeader, createTransport, unwrap, type CallOptions, type ServiceClientOptions } from './transport.js';

export type PaymentsPaths = paths;
export type Payment = SuccessResponseJSON<paths['/payments/{orderId}']['get']>;
export type PaymentAction = SuccessResponseJSON<paths['/payments/{orderId}/action']['get']>;

export interface PaymentsClient {
  /** GET /payments/{orderId}: the payment of one of the caller's orders (404 until payments has seen the order). */
  get(orderId: string, options?: CallOptions): Promise<Payment>;
  /**
   * GET /payments/{orderId}/action: while the order has a `paymentAction` (3-D Secure), the client secret to complete it
   * with Stripe.js `handleNextAction` (read from Stripe per call: keep it nowhere). 409 when nothing waits.
   */
  action(orderId: string, options?: CallOptions): Promise<PaymentAction>;
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
    action: (orderId, { signal, ...call } = {}) =>
      unwrap(raw.GET('/payments/{orderId}/action', { params: { path: { orderId } }, headers: correlationHeader(call), signal })),
    health: ({ signal } = {}) => unwrap(raw.GET('/health', { signal })),
  };
};
