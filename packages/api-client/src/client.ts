import { createNotificationsClient, type NotificationsClient } from './notifications.js';
import { createOrdersClient, type OrdersClient } from './orders.js';
import { createPaymentsClient, type PaymentsClient } from './payments.js';
import type { ServiceClientOptions } from './transport.js';

export type ServiceName = 'orders' | 'payments' | 'notifications';

/** The services' URLs under `pnpm dev` (each service is its own HTTP API, locally and on AWS). */
export const LOCAL_BASE_URLS: Readonly<Record<ServiceName, string>> = Object.freeze({
  orders: 'http://localhost:3001',
  payments: 'http://localhost:3002',
  notifications: 'http://localhost:3003',
});

export interface CommerceClientOptions extends Omit<ServiceClientOptions, 'baseUrl'> {
  /** Each service's base URL: its own API Gateway URL on a stage, LOCAL_BASE_URLS locally. */
  baseUrls: Readonly<Record<ServiceName, string>>;
}

export interface CommerceClient {
  orders: OrdersClient;
  payments: PaymentsClient;
  notifications: NotificationsClient;
}

/** One client for the three APIs: one token provider, fetch and retry policy, each service at its own base URL. */
export const createCommerceClient = ({ baseUrls, ...shared }: CommerceClientOptions): CommerceClient => ({
  orders: createOrdersClient({ ...shared, baseUrl: baseUrls.orders }),
  payments: createPaymentsClient({ ...shared, baseUrl: baseUrls.payments }),
  notifications: createNotificationsClient({ ...shared, baseUrl: baseUrls.notifications }),
});
