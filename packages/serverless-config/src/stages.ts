/**
 * Stage settings: the one place each stage's differences live. `local` is what `pnpm dev` runs; `pr-<n>`
 * stages take the `ephemeral` entry. Values here are not secrets (origins, identities, retention).
 * The user pool of a stage is not here: its ids are random and live in SSM, written by services/identity (ADR 0011).
 */
export interface StageSettings {
  /**
   * The frontend's origins: CORS, and the hosted UI's callback (`<origin>/auth/callback`) and logout (`<origin>/`)
   * URLs. Cognito accepts http only for localhost.
   */
  corsOrigins: string[];
  /** Cognito user pool deletion protection (and a retained pool when its stack is deleted): the stage's users. */
  userPoolDeletionProtection: boolean;
  /** SES v2 sender identity and configuration set used by notifications. */
  sesFromAddress: string;
  sesConfigurationSet: string;
  logRetentionDays: number;
  /**
   * CloudWatch alarms (to the stage's SNS topic, stacks/operations) and one dashboard per service, generated from the
   * packaged templates (ADR 0017). Only staging and prod: alarms cost per month, dev and PR stages must cost $0 idle.
   */
  alarms: boolean;
  /** When an alarm fires (used where `alarms` is on). */
  alarmThresholds: AlarmThresholds;
  /**
   * Shards of the orders' pending-outbox index (`PENDING#0..n-1`, ADR 0017): writes spread over n partitions, the
   * sweeper queries each. Only ever raise it on a stage that has pending events (a lowered count strands the
   * events of the dropped shards until it is raised again).
   */
  outboxShards: number;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** What payments charges through (ADR 0021). Every deployable stage uses Stripe: see `DEPLOYABLE_PAYMENT_PROVIDERS`. */
  paymentProvider: PaymentProviderSetting;
  /**
   * Keep the stage's data when its stack is deleted or a resource replaced (ADR 0012): tables, buckets and DLQs get
   * `DeletionPolicy`/`UpdateReplacePolicy: Retain`, tables deletion protection, the receipts bucket versioning.
   * Off = the stage is deletable as a whole (dev, PR previews).
   */
  retainData: boolean;
  /** HTTP API stage throttling for every route (requests per second, and the token bucket's burst). */
  apiThrottle: { rate: number; burst: number };
  /** Most concurrent invocations an SQS event source may drive (ScalingConfig.MaximumConcurrency, 2-1000). */
  inboxMaxConcurrency: number;
  /** Days the receipts bucket keeps a noncurrent (overwritten or deleted) object version. */
  noncurrentVersionDays: number;
}

export interface AlarmThresholds {
  /** Age of the oldest message of an inbox (seconds): the consumer is stuck, throttled or too slow. */
  inboxOldestMessageSeconds: number;
  /** Lambda Errors (crashes, timeouts: handled failures are not errors) of one function in 5 minutes. */
  functionErrors: number;
  /** Lambda Throttles of one function in 5 minutes. */
  functionThrottles: number;
  /** Share of an HTTP API's requests answered 5xx in 5 minutes (percent), counted from `api5xxMinRequests` requests. */
  api5xxPercent: number;
  api5xxMinRequests: number;
}

/** The same thresholds on every stage that has alarms; a stage may override them. */
const ALARM_THRESHOLDS: AlarmThresholds = {
  inboxOldestMessageSeconds: 600,
  functionErrors: 1,
  functionThrottles: 1,
  api5xxPercent: 5,
  api5xxMinRequests: 10,
};

/**
 * `local`: the deterministic provider, no account (stage local and tests only). `stripe-test` / `stripe-live`: Stripe,
 * with a secret key of that mode read at run time from the stage's SSM SecureString (`stripeSecretKeyParameter`).
 */
export type PaymentProviderSetting = 'local' | 'stripe-test' | 'stripe-live';
export const DEPLOYABLE_PAYMENT_PROVIDERS: readonly PaymentProviderSetting[] = ['stripe-test', 'stripe-live'];

export const APP = 'commerce';
export const DEFAULT_REGION = 'eu-west-1';

/** Port of the local OIDC issuer started by `pnpm dev` (overridable with LOCAL_ISSUER_PORT). */
export const LOCAL_ISSUER_PORT = 4599;
/** The issuer port in effect: LOCAL_ISSUER_PORT when set (tests run the local system on free ports), else 4599. */
export const localIssuerPort = (env: NodeJS.ProcessEnv = process.env): number => {
  const port = Number(env.LOCAL_ISSUER_PORT);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : LOCAL_ISSUER_PORT;
};
export const localIssuerUrl = (port = localIssuerPort()): string => `http://127.0.0.1:${port}/local-issuer`;

export const stageSettings: Record<'local' | 'dev' | 'staging' | 'prod' | 'ephemeral', StageSettings> = {
  local: {
    corsOrigins: ['http://localhost:5173', 'http://localhost:3000'],
    userPoolDeletionProtection: false,
    sesFromAddress: 'no-reply@commerce.local',
    sesConfigurationSet: 'commerce-local',
    logRetentionDays: 1,
    alarms: false,
    alarmThresholds: ALARM_THRESHOLDS,
    outboxShards: 4,
    logLevel: 'DEBUG',
    paymentProvider: 'local',
    retainData: false,
    apiThrottle: { rate: 100, burst: 200 },
    inboxMaxConcurrency: 5,
    noncurrentVersionDays: 1,
  },
  dev: {
    corsOrigins: ['http://localhost:5173', 'https://dev.shop.example.com'],
    userPoolDeletionProtection: false,
    sesFromAddress: 'no-reply@dev.shop.example.com',
    sesConfigurationSet: 'commerce-dev',
    logRetentionDays: 7,
    alarms: false,
    alarmThresholds: ALARM_THRESHOLDS,
    outboxShards: 4,
    logLevel: 'DEBUG',
    paymentProvider: 'stripe-test',
    retainData: false,
    apiThrottle: { rate: 20, burst: 40 },
    inboxMaxConcurrency: 5,
    noncurrentVersionDays: 7,
  },
  ephemeral: {
    corsOrigins: ['http://localhost:5173'],
    userPoolDeletionProtection: false,
    sesFromAddress: 'no-reply@dev.shop.example.com',
    sesConfigurationSet: 'commerce-dev',
    logRetentionDays: 3,
    alarms: false,
    alarmThresholds: ALARM_THRESHOLDS,
    outboxShards: 2,
    logLevel: 'DEBUG',
    paymentProvider: 'stripe-test',
    retainData: false,
    apiThrottle: { rate: 10, burst: 20 },
    inboxMaxConcurrency: 2,
    noncurrentVersionDays: 3,
  },
  staging: {
    corsOrigins: ['https://staging.shop.example.com'],
    userPoolDeletionProtection: true,
    sesFromAddress: 'no-reply@staging.shop.example.com',
    sesConfigurationSet: 'commerce-staging',
    logRetentionDays: 14,
    alarms: true,
    alarmThresholds: ALARM_THRESHOLDS,
    outboxShards: 8,
    logLevel: 'INFO',
    paymentProvider: 'stripe-test',
    retainData: true,
    apiThrottle: { rate: 50, burst: 100 },
    inboxMaxConcurrency: 10,
    noncurrentVersionDays: 30,
  },
  prod: {
    corsOrigins: ['https://shop.example.com'],
    userPoolDeletionProtection: true,
    sesFromAddress: 'no-reply@shop.example.com',
    sesConfigurationSet: 'commerce-prod',
    logRetentionDays: 90,
    alarms: true,
    alarmThresholds: ALARM_THRESHOLDS,
    outboxShards: 16,
    logLevel: 'INFO',
    paymentProvider: 'stripe-live',
    retainData: true,
    apiThrottle: { rate: 200, burst: 400 },
    inboxMaxConcurrency: 20,
    noncurrentVersionDays: 90,
  },
};

const EPHEMERAL = /^pr-[0-9]{1,6}$/;

/**
 * The SSM SecureString holding the stage's Stripe secret key (its NAME is all the environment ever holds). PR stages
 * share one test-mode key. docs/deploy.md says how to put it in place.
 */
export const stripeSecretKeyParameter = (stage: string): string => `/${APP}/${EPHEMERAL.test(stage) ? 'ephemeral' : stage}/payments/stripe-secret-key`;

/**
 * The SSM SecureString holding the signing secret (`whsec_…`) of the stage's Stripe webhook endpoint (ADR 0022), which
 * only the webhook function reads. PR stages share one, like the key (one endpoint per stage in Stripe's Dashboard).
 */
export const stripeWebhookSecretParameter = (stage: string): string =>
  `/${APP}/${EPHEMERAL.test(stage) ? 'ephemeral' : stage}/payments/stripe-webhook-secret`;

export const settingsFor = (stage: string): StageSettings => {
  if (stage === 'local' || stage === 'dev' || stage === 'staging' || stage === 'prod') return stageSettings[stage];
  if (EPHEMERAL.test(stage)) return stageSettings.ephemeral;
  throw new Error(`unknown stage "${stage}": use local, dev, staging, prod or pr-<number>`);
};
