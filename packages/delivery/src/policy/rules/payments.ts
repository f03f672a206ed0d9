import { isRecord, props, resourcesOfType, type CfnTemplate, type Rule, type Violation } from '../cfn';

/** The providers a deployed stage may charge through (mirrors DEPLOYABLE_PAYMENT_PROVIDERS in serverless-config). */
const DEPLOYED_PROVIDERS = new Set(['stripe-test', 'stripe-live']);

const variablesOf = (fn: Record<string, unknown>): Record<string, unknown> => {
  const environment = fn.Environment;
  return isRecord(environment) && isRecord(environment.Variables) ? environment.Variables : {};
};

/**
 * A function that charges (it has PAYMENT_PROVIDER) on a deployed stage charges through Stripe, with live keys on
 * prod, and reads its key from SSM: the environment holds the parameter NAME only. Only stage `local` may run the
 * deterministic local provider (it never moves money). A function without STAGE counts as deployed (fail closed).
 */
export const paymentProvider: Rule = {
  id: 'payment-provider',
  description: 'Deployed stages charge through Stripe (live on prod) with the key read from an SSM parameter, never the local provider',
  check(template: CfnTemplate): Violation[] {
    return resourcesOfType(template, 'AWS::Lambda::Function').flatMap(([id, fn]): Violation[] => {
      const variables = variablesOf(props(fn));
      const provider = variables.PAYMENT_PROVIDER;
      if (provider === undefined) return [];
      const stage = typeof variables.STAGE === 'string' ? variables.STAGE : undefined;
      if (stage === 'local') return [];
      const say = (message: string): Violation => ({ rule: this.id, resource: id, message });
      if (typeof provider !== 'string' || !DEPLOYED_PROVIDERS.has(provider)) {
        return [say(`stage ${stage ?? '(unknown)'} would run PAYMENT_PROVIDER ${String(provider)}: a deployed stage must charge through Stripe (stripe-test or stripe-live)`)];
      }
      const violations: Violation[] = [];
      if (stage === 'prod' && provider !== 'stripe-live') violations.push(say(`prod must charge with live keys (stripe-live), not ${provider}`));
      const parameter = variables.STRIPE_SECRET_KEY_PARAMETER;
      if (typeof parameter !== 'string' || !parameter.startsWith('/')) {
        violations.push(say('STRIPE_SECRET_KEY_PARAMETER must name the SSM parameter holding the Stripe key (/<app>/<stage>/payments/...)'));
      }
      return violations;
    });
  },
};

/** Stripe secret and restricted keys and webhook signing secrets, in any string of the template. */
const STRIPE_SECRET = /\b(sk|rk)_(test|live)_[0-9A-Za-z]{4,}|\bwhsec_[0-9A-Za-z]{4,}/;

const stringsOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.flatMap(stringsOf) : isRecord(value) ? Object.values(value).flatMap(stringsOf) : [];

export const noPaymentSecrets: Rule = {
  id: 'no-payment-secrets',
  description: 'No Stripe secret key or signing secret in a template (environment, tags, anything): they live in SSM',
  check(template: CfnTemplate): Violation[] {
    return Object.entries(template.Resources ?? {})
      .filter(([, resource]) => stringsOf(resource).some((text) => STRIPE_SECRET.test(text)))
      .map(([id]) => ({ rule: this.id, resource: id, message: 'holds what looks like a Stripe secret (sk_/rk_/whsec_): put it in an SSM SecureString and pass its name' }));
  },
};
