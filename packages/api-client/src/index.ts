export { createCommerceClient, LOCAL_BASE_URLS, type CommerceClient, type CommerceClientOptions, type ServiceName } from './client.js';
export {
  createOrdersClient,
  KEYED_OPERATIONS,
  type CreateOrderOptions,
  type CreateOrderRequest,
  type ListOrdersQuery,
  type Order,
  type OrderPage,
  type OrdersClient,
  type OrdersPaths,
  type OrderStatus,
} from './orders.js';
export { createPaymentsClient, type Payment, type PaymentAction, type PaymentsClient, type PaymentsPaths } from './payments.js';
export {
  createNotificationsClient,
  type ListNotificationsQuery,
  type Notification,
  type NotificationPage,
  type NotificationsClient,
  type NotificationsPaths,
  type NotificationSummary,
} from './notifications.js';
export { isProblem, ProblemError, type FieldError, type ProblemDetails } from './problem.js';
export { bearerToken, localIssuerToken, type LocalIssuerTokenOptions, type TokenProvider } from './token.js';
export { DEFAULT_RETRY, isRetryableRequest, isRetryableStatus, retryingFetch, type FetchLike, type RetryOptions } from './retry.js';
export { paginate, type Page, type Paginated } from './pagination.js';
export type { CallOptions, ServiceClientOptions } from './transport.js';
