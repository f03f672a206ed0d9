import { SSMClient } from '@aws-sdk/client-ssm';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { createSqsClient, traced } from '@commerce/service-kit';
import { SqsPaymentInbox } from './adapters/sqs-payment-inbox';
import { ssmSecret } from './adapters/ssm-secret';
import { stripeWebhookVerifier } from './adapters/stripe-webhook-verifier';
import type { GetPaymentActionDeps } from './app/get-payment-action';
import { systemClock } from './ports/clock';
import type { PaymentChecks, WebhookVerifier } from './ports/provider-webhooks';
import { providerFrom } from './provider-composition';
import { repositoryFrom, required } from './query-composition';

/**
 * The composition of the two customer-action routes (ADR 0022), apart from the inbox's: GET /payments/{orderId}/action
 * reads the table and asks the provider for the client secret; the webhook verifies Stripe's signature with the
 * endpoint secret from SSM and queues a check on payments' own inbox (it writes nothing itself).
 */
export const buildActionQueries = (env: NodeJS.ProcessEnv = process.env, stripeSecret?: () => Promise<string>): GetPaymentActionDeps => ({
  repository: repositoryFrom(env),
  provider: providerFrom(env, stripeSecret),
  clock: systemClock,
});

export interface WebhookDeps {
  verifier: WebhookVerifier;
  checks: PaymentChecks;
}

/** STRIPE_WEBHOOK_SECRET_PARAMETER names the SecureString with the endpoint's `whsec_…`; `webhookSecret` replaces SSM in tests. */
export const buildWebhookDeps = (env: NodeJS.ProcessEnv = process.env, webhookSecret?: () => Promise<string>): WebhookDeps => {
  const parameter = required(env, 'STRIPE_WEBHOOK_SECRET_PARAMETER');
  const secret =
    webhookSecret ?? ssmSecret(new SSMProvider({ awsSdkV3Client: traced(new SSMClient({})) }), parameter, Number(env.STRIPE_SECRET_MAX_AGE_SECONDS ?? 300));
  return {
    verifier: stripeWebhookVerifier(secret, parameter),
    checks: new SqsPaymentInbox(createSqsClient(env), required(env, 'PAYMENTS_INBOX_URL')),
  };
};

/** Built on first use, so importing a handler needs no environment. */
const lazy = <T>(build: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= build());
};

export const actionQueries = lazy(() => buildActionQueries());
export const webhookDeps = lazy(() => buildWebhookDeps());
