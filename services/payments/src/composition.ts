import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { createSqsClient, inboxUrlsFromEnvironment, SqsEventPublisher } from '@commerce/service-kit';
import { DynamoDbPaymentRepository } from './adapters/dynamodb-payment-repository';
import { localProviderFromEnvironment } from './adapters/local-payment-provider';
import { S3ReceiptStore } from './adapters/s3-receipt-store';
import type { GetPaymentDeps } from './app/get-payment';
import { PaymentService, type PaymentServiceDeps } from './app/payment-service';
import { systemClock } from './ports/clock';
import type { PaymentProvider } from './ports/payment-provider';

const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
};

const providerFrom = (env: NodeJS.ProcessEnv): PaymentProvider => {
  const kind = env.PAYMENT_PROVIDER ?? 'local';
  if (kind === 'local') return localProviderFromEnvironment(env);
  throw new Error(`PAYMENT_PROVIDER "${kind}" is not available (only "local" is implemented)`);
};

// The only place SDK clients are built. Local endpoints come from AWS_ENDPOINT_URL_<SERVICE>, which the SDK
// reads itself; S3 needs path-style addressing against the emulator.
const repositoryFrom = (env: NodeJS.ProcessEnv) => new DynamoDbPaymentRepository(new DynamoDBClient({}), required(env, 'PAYMENTS_TABLE'));
const receiptsFrom = (env: NodeJS.ProcessEnv) =>
  new S3ReceiptStore(new S3Client({ forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3) || env.AWS_S3_FORCE_PATH_STYLE === 'true' }), required(env, 'RECEIPTS_BUCKET'));

/** What the inbox consumer runs on: table, receipts bucket, provider, publisher to the subscribed inboxes. */
export const buildPaymentService = (env: NodeJS.ProcessEnv = process.env, overrides: Partial<PaymentServiceDeps> = {}): PaymentService =>
  new PaymentService({
    repository: overrides.repository ?? repositoryFrom(env),
    receipts: overrides.receipts ?? receiptsFrom(env),
    provider: overrides.provider ?? providerFrom(env),
    publisher: overrides.publisher ?? new SqsEventPublisher(createSqsClient(env), inboxUrlsFromEnvironment(env)),
    clock: overrides.clock ?? systemClock,
    leaseMs: overrides.leaseMs ?? Number(env.PAYMENT_LEASE_MS ?? 60_000),
    holderWaitMs: overrides.holderWaitMs ?? Number(env.PAYMENT_HOLDER_WAIT_MS ?? 2_000),
    ...(overrides.newId ? { newId: overrides.newId } : {}),
  });

/** What GET /payments/{orderId} reads with: the table and the receipts bucket (for presigning). */
export const buildPaymentQueries = (env: NodeJS.ProcessEnv = process.env): GetPaymentDeps => ({
  repository: repositoryFrom(env),
  receipts: receiptsFrom(env),
  receiptUrlTtlSeconds: Number(env.RECEIPT_URL_TTL_SECONDS ?? 300),
});

/** Built on first use, so importing a handler needs no environment. */
const lazy = <T>(build: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= build());
};

export const paymentService = lazy(() => buildPaymentService());
export const paymentQueries = lazy(() => buildPaymentQueries());
