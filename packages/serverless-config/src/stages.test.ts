import { serviceVars } from './service-vars';
import { DEPLOYABLE_PAYMENT_PROVIDERS, settingsFor, stageSettings, stripeSecretKeyParameter } from './stages';

const deployable = ['dev', 'staging', 'prod', 'pr-1', 'pr-123456'];

describe('payment provider per stage', () => {
  it.each(deployable)('a deployed stage (%s) never runs the local provider: it charges through Stripe', (stage) => {
    expect(DEPLOYABLE_PAYMENT_PROVIDERS).toContain(settingsFor(stage).paymentProvider);
    expect(settingsFor(stage).paymentProvider).not.toBe('local');
  });

  it('every stage entry other than local is deployable', () => {
    const entries = Object.entries(stageSettings).filter(([name]) => name !== 'local');
    expect(entries.filter(([, settings]) => !DEPLOYABLE_PAYMENT_PROVIDERS.includes(settings.paymentProvider))).toEqual([]);
  });

  it('prod charges with live keys; dev, PR stages and staging with test keys; local needs no account', () => {
    expect(settingsFor('prod').paymentProvider).toBe('stripe-live');
    expect(['dev', 'staging', 'pr-7'].map((stage) => settingsFor(stage).paymentProvider)).toEqual(['stripe-test', 'stripe-test', 'stripe-test']);
    expect(settingsFor('local').paymentProvider).toBe('local');
  });

  it('names one SSM parameter per stage (PR stages share one) and derives its ARN for IAM', () => {
    expect(stripeSecretKeyParameter('prod')).toBe('/commerce/prod/payments/stripe-secret-key');
    expect(stripeSecretKeyParameter('pr-42')).toBe('/commerce/ephemeral/payments/stripe-secret-key');
    expect(serviceVars('payments', 'dev').stripeSecretKey).toEqual({
      name: '/commerce/dev/payments/stripe-secret-key',
      arn: { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/commerce/dev/payments/stripe-secret-key' },
    });
  });
});
