import { businessMetrics, createSqsClient, inboxUrlsFromEnvironment, metricsFor, SqsEventPublisher } from '@commerce/service-kit';
import { SqsPaymentInbox } from './adapters/sqs-payment-inbox';
import { PaymentService, type PaymentServiceDeps } from './app/payment-service';
import { systemClock } from './ports/clock';
import { providerFrom } from './provider-composition';
import { receiptsFrom, repositoryFrom } from './query-composition';

export { buildPaymentQueries } from './query-composition';
export { providerFrom } from './provider-composition';

/**
 * PAYMENT_LEASE_MS is declared shorter than the inbox's visibility timeout, so a crashed holder's lease has expired
 * when its record comes back. The soak compresses the visibility timeout (ADR 0018) and scales the lease with it
 * through LOCAL_PAYMENT_LEASE_MS, honoured on stage local only.
 */
const leaseMsFrom = (env: NodeJS.ProcessEnv): number =>
  Number((env.STAGE === 'local' ? env.LOCAL_PAYMENT_LEASE_MS : undefined) ?? env.PAYMENT_LEASE_MS ?? 60_000);

/** What the inbox consumer runs on: table, receipts bucket, provider, publisher to the subscribed inboxes. */
export const buildPaymentService = (env: NodeJS.ProcessEnv = process.env, overrides: Partial<PaymentServiceDeps> = {}): PaymentService =>
  new PaymentService({
    repository: overrides.repository ?? repositoryFrom(env),
    receipts: overrides.receipts ?? receiptsFrom(env),
    provider: overrides.provider ?? providerFrom(env),
    publisher: overrides.publisher ?? new SqsEventPublisher(createSqsClient(env), inboxUrlsFromEnvironment(env)),
    clock: overrides.clock ?? systemClock,
    leaseMs: overrides.leaseMs ?? leaseMsFrom(env),
    holderWaitMs: overrides.holderWaitMs ?? Number(env.PAYMENT_HOLDER_WAIT_MS ?? 2_000),
    metrics: overrides.metrics ?? businessMetrics(metricsFor('payments')),
    // The expiry timers of customer actions go to payments' own inbox (ADR 0022); without PAYMENTS_INBOX_URL a
    // charge that needs the customer fails loudly instead of waiting for ever.
    ...(overrides.actionTimer ? { actionTimer: overrides.actionTimer } : env.PAYMENTS_INBOX_URL ? { actionTimer: new SqsPaymentInbox(createSqsClient(env), env.PAYMENTS_INBOX_URL) } : {}),
    ...(overrides.actionTimeoutSeconds !== undefined
      ? { actionTimeoutSeconds: overrides.actionTimeoutSeconds }
      : env.PAYMENT_ACTION_TIMEOUT_SECONDS
        ? { actionTimeoutSeconds: Number(env.PAYMENT_ACTION_TIMEOUT_SECONDS) }
        : {}),
    ...(overrides.newId ? { newId: overrides.newId } : {}),
  });

/** Built on first use, so importing a handler needs no environment. */
const lazy = <T>(build: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= build());
};

export const paymentService = lazy(() => buildPaymentService());
