import { resolve } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { RECEIPTS_PREFIX } from '@commerce/domain-events';
import { businessMetrics, metricsFor, traced } from '@commerce/service-kit';
import { CognitoCustomerDirectory } from './adapters/cognito-customer-directory';
import { LocalCustomerDirectory } from './adapters/local-customer-directory';
import { MustacheTemplateRenderer } from './adapters/mustache-template-renderer';
import { OutboxNotificationSender } from './adapters/outbox-notification-sender';
import { S3ReceiptStore } from './adapters/s3-receipt-store';
import { SesNotificationSender } from './adapters/ses-notification-sender';
import type { DeliveryDeps } from './app/deliver-message';
import type { ReceiptDeps } from './app/notify-for-receipt';
import { systemClock } from './ports/clock';
import type { CustomerDirectory } from './ports/customer-directory';
import { messageLogFrom, required } from './message-log-composition';
import type { NotificationSender } from './ports/notification-sender';

/**
 * The only place SDK clients are built (each traced: X-Ray subsegments when tracing is on). Everything is built on first use, so importing a handler needs no
 * environment, and each function only needs the variables of what it uses. Endpoints for the local cloud come from
 * the SDK's own AWS_ENDPOINT_URL_<SERVICE> variables.
 */
type Env = NodeJS.ProcessEnv;

export { messageLog, messageLogFrom } from './message-log-composition';

const seconds = (env: Env, name: string, fallback: number): number => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number of seconds`);
  return value;
};

/** NOTIFICATION_CHANNEL=ses (deployed stages) or store (stage local: the file outbox in OUTBOX_DIR). */
export const senderFrom = (env: Env): NotificationSender => {
  const channel = required(env, 'NOTIFICATION_CHANNEL');
  const fromAddress = required(env, 'SES_FROM_ADDRESS');
  if (channel === 'ses') {
    return new SesNotificationSender(traced(new SESv2Client({})), { fromAddress, configurationSet: required(env, 'SES_CONFIGURATION_SET') });
  }
  if (channel === 'store') return new OutboxNotificationSender(resolve(env.OUTBOX_DIR ?? '.local/outbox'), fromAddress);
  throw new Error(`NOTIFICATION_CHANNEL must be "ses" or "store", not "${channel}"`);
};

/** CUSTOMER_DIRECTORY=cognito (deployed stages: the token issuer's user pool) or local (`<id>@customers.local`). */
export const directoryFrom = (env: Env): CustomerDirectory => {
  const kind = required(env, 'CUSTOMER_DIRECTORY');
  if (kind === 'local') return new LocalCustomerDirectory(env.CUSTOMER_EMAIL_DOMAIN ?? 'customers.local');
  if (kind === 'cognito') {
    const userPoolId = required(env, 'COGNITO_USER_POOL_ID');
    // The pool id starts with its region (eu-west-1_AbCd...).
    return new CognitoCustomerDirectory(traced(new CognitoIdentityProviderClient({ region: userPoolId.split('_')[0] })), userPoolId);
  }
  throw new Error(`CUSTOMER_DIRECTORY must be "cognito" or "local", not "${kind}"`);
};

/**
 * CLAIM_LEASE_SECONDS is declared shorter than the inbox's visibility timeout, so a crashed sender's claim has expired
 * when its record comes back. The soak compresses the visibility timeout (ADR 0018) and scales the lease with it
 * through LOCAL_NOTIFICATION_LEASE_MS, honoured on stage local only (as payments' LOCAL_PAYMENT_LEASE_MS).
 */
const leaseMsFrom = (env: Env): number => {
  const local = env.STAGE === 'local' ? env.LOCAL_NOTIFICATION_LEASE_MS : undefined;
  if (local === undefined) return seconds(env, 'CLAIM_LEASE_SECONDS', 60) * 1000;
  const ms = Number(local);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error('LOCAL_NOTIFICATION_LEASE_MS must be a positive whole number of milliseconds');
  return ms;
};

export const deliveryDepsFrom = (env: Env): DeliveryDeps => ({
  messageLog: messageLogFrom(env),
  sender: senderFrom(env),
  directory: directoryFrom(env),
  renderer: new MustacheTemplateRenderer(),
  clock: systemClock,
  leaseMs: leaseMsFrom(env),
  metrics: businessMetrics(metricsFor('notifications')),
});

export const receiptDepsFrom = (env: Env): ReceiptDeps => ({
  ...deliveryDepsFrom(env),
  receipts: new S3ReceiptStore(
    traced(new S3Client({ forcePathStyle: env.AWS_S3_FORCE_PATH_STYLE === 'true' || Boolean(env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL) })),
    required(env, 'RECEIPTS_BUCKET'),
    env.RECEIPTS_PREFIX ?? RECEIPTS_PREFIX,
  ),
  receiptLinkTtlSeconds: seconds(env, 'RECEIPT_LINK_TTL_SECONDS', 3600),
});

const once = <T>(build: () => T): (() => T) => {
  let built: T | undefined;
  return () => (built ??= build());
};

export const deliveryDeps = once(() => deliveryDepsFrom(process.env));
export const receiptDeps = once(() => receiptDepsFrom(process.env));
