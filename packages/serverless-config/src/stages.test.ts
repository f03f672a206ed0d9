import { serviceVars } from './service-vars';
import { DEPLOYABLE_PAYMENT_PROVIDERS, settingsFor, stageSettings, stripeSecretKeyParameter, stripeWebhookSecretParameter } from './stages';

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

  it('names the webhook signing secret beside the key, per stage, with its own ARN (ADR 0022)', () => {
    expect(stripeWebhookSecretParameter('prod')).toBe('/commerce/prod/payments/stripe-webhook-secret');
    expect(stripeWebhookSecretParameter('pr-42')).toBe('/commerce/ephemeral/payments/stripe-webhook-secret');
    expect(serviceVars('payments', 'staging').stripeWebhookSecret).toEqual({
      name: '/commerce/staging/payments/stripe-webhook-secret',
      arn: { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/commerce/staging/payments/stripe-webhook-secret' },
    });
    expect(serviceVars('payments', 'local').inbox.url).toBe('http://sqs.localhost/000000000000/commerce-local-payments-inbox');
  });
});

describe('operations settings per stage (ADR 0012)', () => {
  const stages = ['local', 'dev', 'staging', 'prod', 'pr-7'];

  it('retains data only on staging and prod: dev, local and PR stages stay deletable', () => {
    expect(stages.filter((stage) => settingsFor(stage).retainData)).toEqual(['staging', 'prod']);
    expect(stages.map((stage) => serviceVars('payments', stage).dataPolicy)).toEqual(['Delete', 'Delete', 'Retain', 'Retain', 'Delete']);
    expect(stages.map((stage) => serviceVars('payments', stage).versioning)).toEqual(['Suspended', 'Suspended', 'Enabled', 'Enabled', 'Suspended']);
  });

  it.each(stages)('stage %s: SQS consumers may run at least 2 at once (the local cloud honours the limit), the API is throttled', (stage) => {
    const settings = settingsFor(stage);
    expect(settings.inboxMaxConcurrency).toBeGreaterThanOrEqual(2);
    expect(settings.inboxMaxConcurrency).toBeLessThanOrEqual(1000);
    expect(settings.apiThrottle.rate).toBeGreaterThan(0);
    expect(settings.apiThrottle.burst).toBeGreaterThanOrEqual(settings.apiThrottle.rate);
    expect(serviceVars('orders', stage).httpApiStage.extensions.HttpApiStage.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingBurstLimit: settings.apiThrottle.burst,
      ThrottlingRateLimit: settings.apiThrottle.rate,
    });
  });

  it('access logs are JSON with request id, route key, status, latency and the caller', () => {
    const format = JSON.parse(serviceVars('orders', 'prod').httpApiAccessLogs.format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
      sub: '$context.authorizer.claims.sub',
    });
  });
});
