import { SSMClient } from '@aws-sdk/client-ssm';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { createLogger, traced } from '@commerce/service-kit';
import { LocalBankPaymentProvider } from './adapters/local-bank-payment-provider';
import { localClientSecret, localProviderFromEnvironment } from './adapters/local-payment-provider';
import { ssmSecret } from './adapters/ssm-secret';
import type Stripe from 'stripe';
import { stripeClientFor, type StripeClientOptions } from './adapters/stripe-client';
import { stripeClientSecret } from './adapters/stripe-client-secret';
import { StripePaymentProvider } from './adapters/stripe-payment-provider';
import type { PaymentProvider } from './ports/payment-provider';
import { required } from './query-composition';

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
    const log = createLogger('payments');
    return new StripePaymentProvider(stripeClientFrom(env, kind, stripeSecret), { warn: (message, extra) => log.warn(message, extra) });
  }
  throw new Error(`PAYMENT_PROVIDER "${kind}" is not one of local, stripe-test, stripe-live`);
};

/** The Stripe client for the stage's key (STRIPE_SECRET_KEY_PARAMETER in SSM, cached per container; or `stripeSecret`). */
const stripeClientFrom = (env: NodeJS.ProcessEnv, kind: 'stripe-test' | 'stripe-live', stripeSecret?: () => Promise<string>): (() => Promise<Stripe>) => {
  const parameter = required(env, 'STRIPE_SECRET_KEY_PARAMETER');
  const secret = stripeSecret ?? ssmSecret(new SSMProvider({ awsSdkV3Client: traced(new SSMClient({})) }), parameter, Number(env.STRIPE_SECRET_MAX_AGE_SECONDS ?? 300));
  return stripeClientFor(secret, kind === 'stripe-live' ? 'live' : 'test', parameter, stripeOptionsFrom(env));
};

/**
 * Only what GET /payments/{orderId}/action asks the provider (ADR 0022): a waiting payment's client secret, from
 * Stripe on the Stripe stages, derived from its id by the local provider.
 */
export const clientSecretsFrom = (env: NodeJS.ProcessEnv, stripeSecret?: () => Promise<string>): Pick<PaymentProvider, 'actionClientSecret'> => {
  const kind = env.PAYMENT_PROVIDER ?? 'local';
  if (kind === 'local') return { actionClientSecret: async (paymentId) => localClientSecret(paymentId) };
  if (kind === 'stripe-test' || kind === 'stripe-live') {
    const client = stripeClientFrom(env, kind, stripeSecret);
    return { actionClientSecret: (paymentId) => stripeClientSecret(client, paymentId) };
  }
  throw new Error(`PAYMENT_PROVIDER "${kind}" is not one of local, stripe-test, stripe-live`);
};

