import Stripe from 'stripe';

export type StripeMode = 'test' | 'live';

export interface StripeClientOptions {
  /** Per attempt. With one retry a call stays well inside the inbox function's 20 s timeout. Default 5000. */
  timeoutMs?: number;
  /** The SDK's own retries (same Idempotency-Key; 409, 5xx and connection errors). Default 1. */
  maxNetworkRetries?: number;
  /** Another API host (tests: a local server speaking Stripe's API). */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

const KEY_PREFIXES: Record<StripeMode, readonly string[]> = { test: ['sk_test_', 'rk_test_'], live: ['sk_live_', 'rk_live_'] };

/** A stage set to test mode never runs on a live key, and prod never on a test key. The key is never quoted. */
export const assertKeyMode = (apiKey: string, mode: StripeMode, source: string): void => {
  if (!KEY_PREFIXES[mode].some((prefix) => apiKey.startsWith(prefix))) {
    throw new Error(`the Stripe key in ${source} is not a ${mode}-mode secret or restricted key (${KEY_PREFIXES[mode].join(' or ')}...)`);
  }
};

export const createStripeClient = (apiKey: string, options: StripeClientOptions = {}): Stripe =>
  new Stripe(apiKey, {
    timeout: options.timeoutMs ?? 5_000,
    maxNetworkRetries: options.maxNetworkRetries ?? 1,
    telemetry: false,
    appInfo: { name: 'commerce-payments' },
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
  });

/**
 * The client for the key `secret()` returns now (cached by the secret source), rebuilt only when the key changes
 * (a rotation is picked up once the cache expires, without a redeploy).
 */
export const stripeClientFor = (
  secret: () => Promise<string>,
  mode: StripeMode,
  source: string,
  options: StripeClientOptions = {},
): (() => Promise<Stripe>) => {
  let current: { apiKey: string; client: Stripe } | undefined;
  return async () => {
    const apiKey = (await secret()).trim();
    if (current?.apiKey !== apiKey) {
      assertKeyMode(apiKey, mode, source);
      current = { apiKey, client: createStripeClient(apiKey, options) };
    }
    return current.client;
  };
};
