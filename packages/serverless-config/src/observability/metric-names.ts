/**
 * The custom metrics the services publish (Powertools Metrics, CloudWatch embedded metric format), in one place for
 * the code that emits them (service-kit telemetry) and the alarms and dashboards generated from the templates
 * (ADR 0017). One namespace for the app; every metric carries the dimensions `service` and `stage`.
 * Self-contained (no imports): Lambda bundles include it.
 */
export const METRICS_NAMESPACE = 'commerce';

/** Counts (unit Count) and the one age (unit Seconds) the services emit. */
export const BUSINESS_METRICS = {
  /** orders: an order stored by POST /orders (not an idempotent replay). */
  ordersPlaced: 'OrdersPlaced',
  /** payments: a charge recorded as captured, declined by the provider, or refunded (once per order each). */
  paymentsCaptured: 'PaymentsCaptured',
  paymentsDeclined: 'PaymentsDeclined',
  paymentsRefunded: 'PaymentsRefunded',
  /** notifications: a customer message handed to SES (not a duplicate). */
  messagesSent: 'MessagesSent',
  /** every SQS consumer: records of a batch that failed (retried, then dead-lettered); extra dimension `consumer`. */
  recordFailures: 'RecordFailures',
  /** orders: age in seconds of the oldest unpublished outbox event the sweeper found (only emitted when one is pending). */
  oldestPendingEventAge: 'OldestPendingEventAge',
} as const;

export type BusinessMetricName = (typeof BUSINESS_METRICS)[keyof typeof BUSINESS_METRICS];
export type CountMetricName = Exclude<BusinessMetricName, 'OldestPendingEventAge'>;
