import { SSMClient } from '@aws-sdk/client-ssm';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { createSqsClient, traced } from '@commerce/service-kit';
import { SqsPaymentInbox } from './adapters/sqs-payment-inbox';
import { ssmSecret } from './adapters/ssm-secret';
import { stripeWebhookVerifier } from './adapters/stripe-webhook-verifier';
import type { PaymentChecks, WebhookVerifier } from './ports/provider-webhooks';
import { required } from './query-composition';

/**
 * What Stripe's webhook runs on (ADR 0022): the signature check with the endpoint secret from SSM, and payments' own
 * inbox to queue a check on. It reads no table and holds no Stripe key.
 */
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

let built: WebhookDeps | undefined;
/** Built on first use, so importing the handler needs no environment. */
export const webhookDeps = (): WebhookDeps => (built ??= buildWebhookDeps());
