import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { traced } from '@commerce/service-kit';
import { DynamoDbPaymentRepository } from './adapters/dynamodb-payment-repository';
import { S3ReceiptStore } from './adapters/s3-receipt-store';
import type { GetPaymentDeps } from './app/get-payment';

/**
 * The part of the composition root GET /payments/{orderId} needs: table and receipts bucket. Its own module, so that
 * handler's bundle carries neither the Stripe SDK nor the publisher (ADR 0019, 0017). The only place these SDK
 * clients are built (each traced: X-Ray subsegments when tracing is on). Local endpoints come from
 * AWS_ENDPOINT_URL_<SERVICE>, which the SDK reads itself; S3 needs path-style addressing against the emulator.
 */
export const required = (env: NodeJS.ProcessEnv, name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
};

export const repositoryFrom = (env: NodeJS.ProcessEnv) => new DynamoDbPaymentRepository(traced(new DynamoDBClient({})), required(env, 'PAYMENTS_TABLE'));
export const receiptsFrom = (env: NodeJS.ProcessEnv) =>
  new S3ReceiptStore(traced(new S3Client({ forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3) || env.AWS_S3_FORCE_PATH_STYLE === 'true' })), required(env, 'RECEIPTS_BUCKET'));

/** What GET /payments/{orderId} reads with: the table and the receipts bucket (for presigning). */
export const buildPaymentQueries = (env: NodeJS.ProcessEnv = process.env): GetPaymentDeps => ({
  repository: repositoryFrom(env),
  receipts: receiptsFrom(env),
  receiptUrlTtlSeconds: Number(env.RECEIPT_URL_TTL_SECONDS ?? 300),
});

let queries: GetPaymentDeps | undefined;
/** Built on first use, so importing the handler needs no environment. */
export const paymentQueries = (): GetPaymentDeps => (queries ??= buildPaymentQueries());
