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
  /** Create CloudWatch alarms on DLQ depth and function errors. */
  alarms: boolean;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** What payments charges through (ADR 0021). Every deployable stage uses Stripe: see `DEPLOYABLE_PAYMENT_PROVIDERS`. */
  paymentProvider: PaymentProviderSetting;
}

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
    logLevel: 'DEBUG',
    paymentProvider: 'local',
  },
  dev: {
    corsOrigins: ['http://localhost:5173', 'https://dev.shop.example.com'],
    userPoolDeletionProtection: false,
    sesFromAddress: 'no-reply@dev.shop.example.com',
    sesConfigurationSet: 'commerce-dev',
    logRetentionDays: 7,
    alarms: false,
    logLevel: 'DEBUG',
    paymentProvider: 'stripe-test',
  },
  ephemeral: {
    corsOrigins: ['http://localhost:5173'],
    userPoolDeletionProtection: false,
    sesFromAddress: 'no-reply@dev.shop.example.com',
    sesConfigurationSet: 'commerce-dev',
    logRetentionDays: 3,
    alarms: false,
    logLevel: 'DEBUG',
    paymentProvider: 'stripe-test',
  },
  staging: {
    corsOrigins: ['https://staging.shop.example.com'],
    userPoolDeletionProtection: true,
    sesFromAddress: 'no-reply@staging.shop.example.com',
    sesConfigurationSet: 'commerce-staging',
    logRetentionDays: 14,
    alarms: true,
    logLevel: 'INFO',
    paymentProvider: 'stripe-test',
  },
  prod: {
    corsOrigins: ['https://shop.example.com'],
    userPoolDeletionProtection: true,
    sesFromAddress: 'no-reply@shop.example.com',
    sesConfigurationSet: 'commerce-prod',
    logRetentionDays: 90,
    alarms: true,
    logLevel: 'INFO',
    paymentProvider: 'stripe-live',
  },
};

const EPHEMERAL = /^pr-[0-9]{1,6}$/;

/**
 * The SSM SecureString holding the stage's Stripe secret key (its NAME is all the environment ever holds). PR stages
 * share one test-mode key. docs/deploy.md says how to put it in place.
 */
export const stripeSecretKeyParameter = (stage: string): string => `/${APP}/${EPHEMERAL.test(stage) ? 'ephemeral' : stage}/payments/stripe-secret-key`;

export const settingsFor = (stage: string): StageSettings => {
  if (stage === 'local' || stage === 'dev' || stage === 'staging' || stage === 'prod') return stageSettings[stage];
  if (EPHEMERAL.test(stage)) return stageSettings.ephemeral;
  throw new Error(`unknown stage "${stage}": use local, dev, staging, prod or pr-<number>`);
};
