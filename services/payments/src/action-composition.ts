import type { GetPaymentActionDeps } from './app/get-payment-action';
import { systemClock } from './ports/clock';
import { clientSecretsFrom } from './provider-composition';
import { repositoryFrom } from './query-composition';

/**
 * What GET /payments/{orderId}/action runs on (ADR 0022): the table, and the provider for the client secret. Its own
 * module (as query-composition.ts), so neither this handler nor the webhook's carries what only the other needs.
 */
export const buildActionQueries = (env: NodeJS.ProcessEnv = process.env, stripeSecret?: () => Promise<string>): GetPaymentActionDeps => ({
  repository: repositoryFrom(env),
  provider: clientSecretsFrom(env, stripeSecret),
  clock: systemClock,
});

let built: GetPaymentActionDeps | undefined;
/** Built on first use, so importing the handler needs no environment. */
export const actionQueries = (): GetPaymentActionDeps => (built ??= buildActionQueries());
