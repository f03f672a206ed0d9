import { SSMClient } from '@aws-sdk/client-ssm';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { businessMetrics, createLogger, createSqsClient, inboxUrlsFromEnvironment, metricsFor, SqsEventPublisher, traced } from '@commerce/service-kit';
import { LocalBankPaymentProvider } from './adapters/local-bank-payment-provider';
import { localProviderFromEnvironment } from './adapters/local-payment-provider';
import { ssmSecret } from './adapters/ssm-secret';
import { stripeClientFor, type StripeClientOptions } from './adapters/stripe-client';
import { StripePaymentProvider } from './adapters/stripe-payment-provider';
import { PaymentService, type PaymentServiceDeps } from './app/payment-service';
import { systemClock } from './ports/clock';
import { receiptsFrom, repositoryFrom, required } from './query-composition';
import type { PaymentProvider } from './ports/payment-provider';

export { buildPaymentQueries } from './query-composition';

/** STRIPE_API_HOST/PORT/PROTOCOL point the SDK elsewhere (tests: a local server speaking Stripe's API). */
const stripeOptionsFrom = (env: NodeJS.ProcessEnv): StripeClientOptions => ({
  ...(env.STRIPE_TIMEOUT_MS ? { timeoutMs: Number(env.STRIPE_TIMEOUT_MS) } : {}),
  ...(env.STRIPE_MAX_NETWORK_RETRIES ? { maxNetworkRetries: Number(env.STRIPE_MAX_NETWORK_RETRIES) } : {}),
  ...(env.STRIPE_API_HOST ? { host: env.STRIPE_API_HOST } : {}),
  ...(env.STRIPE_API_PORT ? { port: Number(env.STRIPE_API_PORT) } : {}),
  ...(env.STRIPE_API_PROTOCOL === 'http' ? { protocol: 'http' as const } : {}),
});

/**
 * PAYMENT_PROVIDER is the stage setting: `local` (no account) or `stripe-test` / `stripe-live`, whose secret key is
 * read from the SSM SecureString named by STRIPE_SECRET_KEY_PARAMETER (cached per container) — or, for tests,
 * returned by `stripeSecret`.
 */
export const providerFrom = (env: NodeJS.ProcessEnv, stripeSecret?: () => Promise<string>): PaymentProvider => {
  const kind = env.PAYMENT_PROVIDER ?? 'local';
  if (kind === 'local') {
    // The soak's bank (ADR 0018): only on stage local, where the local cloud passes LOCAL_PAYMENT_BANK_URL in.
    if (env.STAGE === 'local' && env.LOCAL_PAYMENT_BANK_URL) return new LocalBankPaymentProvider(env.LOCAL_PAYMENT_BANK_URL, Number(env.LOCAL_PAYMENT_BANK_TIMEOUT_MS ?? 1000));
    return localProviderFromEnvironment(env);
  }
  if (kind === 'stripe-test' || kind === 'stripe-live') {
    const parameter = required(env, 'STRIPE_SECRET_KEY_PARAMETER');
    const secret = stripeSecret ?? ssmSecret(new SSMProvider({ awsSdkV3Client: traced(new SSMClient({})) }), parameter, Number(env.STRIPE_SECRET_MAX_AGE_SECONDS ?? 300));
    const log = createLogger('payments');
    return new StripePaymentProvider(stripeClientFor(secret, kind === 'stripe-live' ? 'live' : 'test', parameter, stripeOptionsFrom(env)), {
      warn: (message, extra) => log.warn(message, extra),
    });
  }
  throw new Error(`PAYMENT_PROVIDER "${kind}" is not one of local, stripe-test, stripe-live`);
};

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
    ...(overrides.newId ? { newId: overrides.newId } : {}),
  });

/** Built on first use, so importing a handler needs no environment. */
const lazy = <T>(build: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= build());
};

export const paymentService = lazy(() => buildPaymentService());
