import { ProviderOutcomeUnknownError, TransientProviderError, type ChargeRequest } from '../ports/payment-provider';
import { startFakeStripe, type FakeStripe } from '../testing/fake-stripe';
import { createStripeClient, stripeClientFor, type StripeClientOptions } from './stripe-client';
import { StripePaymentProvider } from './stripe-payment-provider';

// The real stripe SDK against a local server speaking Stripe's API (src/testing/fake-stripe.ts).
let stripe: FakeStripe;
beforeAll(async () => {
  stripe = await startFakeStripe();
});
afterAll(() => stripe.stop());

const providerWith = (options: StripeClientOptions = {}, apiKey = stripe.apiKey) => {
  const client = createStripeClient(apiKey, { ...stripe.endpoint, maxNetworkRetries: 0, timeoutMs: 2_000, ...options });
  return new StripePaymentProvider(async () => client);
};

let sequence = 0;
const charge = (extra: Partial<ChargeRequest> = {}): ChargeRequest => {
  sequence += 1;
  const orderId = `ord-${sequence}`;
  return { idempotencyKey: `charge:${orderId}`, orderId, customerId: 'cust-1', amountCents: 2_500, currency: 'EUR', paymentMethodId: 'pm_card_visa', ...extra };
};
const requestsFor = (key: string) => stripe.requests.filter((request) => request.idempotencyKey === key);

describe('StripePaymentProvider.charge', () => {
  it('creates and confirms one PaymentIntent with the charge key, and captures', async () => {
    const request = charge();
    const result = await providerWith().charge(request);

    expect(result).toEqual({ outcome: 'captured', paymentId: expect.stringMatching(/^pi_/) });
    const [sent] = requestsFor(request.idempotencyKey);
    expect(sent).toMatchObject({
      method: 'POST',
      path: '/v1/payment_intents',
      params: expect.objectContaining({
        amount: '2500',
        currency: 'eur',
        payment_method: 'pm_card_visa',
        confirm: 'true',
        'automatic_payment_methods[allow_redirects]': 'never',
        'metadata[orderId]': request.orderId,
      }),
    });
    // A bank's challenge must leave a PaymentIntent the customer can complete (ADR 0022), not a decline.
    expect(sent?.params).not.toHaveProperty('error_on_requires_action');
    expect(stripe.intents.get((result as { paymentId: string }).paymentId)?.status).toBe('succeeded');
  });

  it.each([
    ['pm_card_chargeDeclined', 'card_declined'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card'],
    ['pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc'],
    ['pm_card_chargeDeclinedProcessingError', 'processing_error'],
    ['pm_card_chargeDeclinedFraudulent', 'fraud_suspected'],
  ])('declines %s with reason %s (and the same decline on a replay)', async (paymentMethodId, reason) => {
    const provider = providerWith();
    const request = charge({ paymentMethodId });
    expect(await provider.charge(request)).toEqual({ outcome: 'declined', reason });
    expect(await provider.charge(request)).toEqual({ outcome: 'declined', reason });
    expect(requestsFor(request.idempotencyKey).map((sent) => sent.replayed)).toEqual([false, true]);
  });

  it('declines an order without a payment method without calling Stripe', async () => {
    const request = charge({ paymentMethodId: undefined });
    expect(await providerWith().charge(request)).toEqual({ outcome: 'declined', reason: 'payment_method_required' });
    expect(requestsFor(request.idempotencyKey)).toEqual([]);
  });

  it('replays the same key to the same PaymentIntent: no second charge', async () => {
    const provider = providerWith();
    const request = charge();
    const first = await provider.charge(request);
    const again = await providerWith().charge(request); // another container, same key
    expect(again).toEqual(first);
    expect(stripe.captured().filter((intent) => intent.metadata.orderId === request.orderId)).toHaveLength(1);
  });

  it('retries a 500 with the same key (SDK retry) and captures once', async () => {
    const request = charge();
    stripe.failNext(1, 500);
    const result = await providerWith({ maxNetworkRetries: 1 }).charge(request);
    expect(result).toMatchObject({ outcome: 'captured' });
    expect(requestsFor(request.idempotencyKey)).toHaveLength(2);
    expect(stripe.captured().filter((intent) => intent.metadata.orderId === request.orderId)).toHaveLength(1);
  });

  it('reports a 500 without retries left as an unknown outcome, and the redelivery captures', async () => {
    const provider = providerWith();
    const request = charge();
    stripe.failNext(1, 500);
    await expect(provider.charge(request)).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);
    expect(await provider.charge(request)).toMatchObject({ outcome: 'captured' });
  });

  it('reports a rate limit as transient with no effect (not an unknown outcome)', async () => {
    stripe.failNext(1, 429);
    const error = await providerWith().charge(charge()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).not.toBeInstanceOf(ProviderOutcomeUnknownError);
  });

  it('reports a timeout after the charge was made as an unknown outcome; the replay returns that charge', async () => {
    const provider = providerWith({ timeoutMs: 200 });
    const request = charge();
    stripe.answerSlowlyNext(600);
    await expect(provider.charge(request)).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);
    const made = stripe.captured().filter((intent) => intent.metadata.orderId === request.orderId);
    expect(made).toHaveLength(1); // the money moved although the answer was lost

    expect(await provider.charge(request)).toEqual({ outcome: 'captured', paymentId: made[0]!.id });
    expect(stripe.captured().filter((intent) => intent.metadata.orderId === request.orderId)).toHaveLength(1);
  });

  it('lets the SDK retry a timeout itself with the same key: one charge', async () => {
    const request = charge();
    stripe.answerSlowlyNext(600);
    expect(await providerWith({ timeoutMs: 200, maxNetworkRetries: 1 }).charge(request)).toMatchObject({ outcome: 'captured' });
    expect(stripe.captured().filter((intent) => intent.metadata.orderId === request.orderId)).toHaveLength(1);
  });

  it('treats a request with the same key still in flight (409) as an unknown outcome', async () => {
    stripe.failNext(1, 409, 'idempotency_key_in_use');
    await expect(providerWith().charge(charge())).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);
  });

  it('looks a PaymentIntent that is still processing up again before deciding', async () => {
    expect(await providerWith().charge(charge({ paymentMethodId: 'pm_card_processing' }))).toMatchObject({ outcome: 'captured' });
  });

  it('fails permanently on a rejected API key, without quoting the key', async () => {
    const wrongKey = 'sk_test_wrong_key_do_not_log';
    const error = (await providerWith({}, wrongKey).charge(charge()).catch((caught: unknown) => caught)) as Error;
    expect(error).not.toBeInstanceOf(TransientProviderError);
    expect(error.message).toMatch(/permanent failure/);
    expect(error.message).not.toContain('sk_test');
  });

  it('fails permanently when a key is reused with other parameters (idempotency_error)', async () => {
    const provider = providerWith();
    const request = charge();
    await provider.charge(request);
    const error = await provider.charge({ ...request, amountCents: 9_999 }).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(TransientProviderError);
    expect((error as Error).message).toMatch(/idempotency_error/);
  });
});

describe('StripePaymentProvider: a charge the bank wants the customer to authenticate (SCA, ADR 0022)', () => {
  const waiting = async () => {
    const provider = providerWith();
    const request = charge({ paymentMethodId: 'pm_card_authenticationRequired' });
    const result = await provider.charge(request);
    return { provider, request, result, paymentId: (result as { paymentId: string }).paymentId };
  };

  it('answers action_required with the PaymentIntent id, nothing captured, and the same on a replay', async () => {
    const { provider, request, result, paymentId } = await waiting();
    expect(result).toEqual({ outcome: 'action_required', paymentId: expect.stringMatching(/^pi_/) });
    expect(stripe.intents.get(paymentId)).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    expect(await provider.charge(request)).toEqual(result);
    expect(stripe.captured().filter((intent) => intent.metadata.orderId === request.orderId)).toEqual([]);
  });

  it("reads the client secret from Stripe on each call (the PaymentIntent's own)", async () => {
    const { provider, paymentId } = await waiting();
    const secret = await provider.actionClientSecret(paymentId);
    expect(secret).toBe(stripe.intents.get(paymentId)!.client_secret);
    expect(secret.startsWith(`${paymentId}_secret_`)).toBe(true);
  });

  it('reads the outcome from Stripe: still waiting, then captured once the customer authenticated', async () => {
    const { provider, paymentId } = await waiting();
    expect(await provider.actionOutcome(paymentId)).toEqual({ outcome: 'action_required', paymentId });
    stripe.completeAction(paymentId, 'succeeded');
    expect(await provider.actionOutcome(paymentId)).toEqual({ outcome: 'captured', paymentId });
  });

  it('declines a failed authentication authentication_required, cancelling the PaymentIntent so it cannot be confirmed again', async () => {
    const { provider, paymentId, request } = await waiting();
    stripe.completeAction(paymentId, 'failed');
    expect(await provider.actionOutcome(paymentId)).toEqual({ outcome: 'declined', reason: 'authentication_required' });
    expect(stripe.intents.get(paymentId)).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    expect(requestsFor(`cancel-action:${request.orderId}`)).toHaveLength(1);
  });

  it('cancels a PaymentIntent that still waits; a replay of the cancel says cancelled again', async () => {
    const { provider, paymentId } = await waiting();
    expect(await provider.cancelAction(paymentId, 'cancel-action:x1')).toEqual({ outcome: 'cancelled' });
    expect(stripe.intents.get(paymentId)?.status).toBe('canceled');
    expect(await provider.cancelAction(paymentId, 'cancel-action:x1')).toEqual({ outcome: 'cancelled' });
    expect(await provider.cancelAction(paymentId, 'cancel-action:x2')).toEqual({ outcome: 'cancelled' }); // other key: already cancelled
  });

  it('finds a PaymentIntent the customer completed just before the cancel: captured, for the caller to refund', async () => {
    const { provider, paymentId } = await waiting();
    stripe.completeAction(paymentId, 'succeeded');
    expect(await provider.cancelAction(paymentId, 'cancel-action:x3')).toEqual({ outcome: 'captured', paymentId });
  });

  it('reports a cancel that got no answer as transient (retried with the same key)', async () => {
    const { paymentId } = await waiting();
    stripe.failNext(1, 500);
    await expect(providerWith().cancelAction(paymentId, 'cancel-action:x4')).rejects.toBeInstanceOf(TransientProviderError);
    expect(await providerWith().cancelAction(paymentId, 'cancel-action:x4')).toEqual({ outcome: 'cancelled' });
  });
});

describe('amounts: integer minor units at the currency exponent', () => {
  it.each([
    ['EUR', 1_250, '1250'],
    ['JPY', 1_500, '1500'], // zero-decimal: ¥1,500 is 1500, not 150000
    ['KRW', 10_000, '10000'],
    ['KWD', 1_250, '1250'], // three decimals: 1.250 KD
    ['ISK', 500, '50000'], // Stripe's special case: ISO exponent 0, two decimals on Stripe
  ])('%s %i is Stripe amount %s', async (currency, amountCents, amount) => {
    const request = charge({ currency, amountCents });
    await providerWith().charge(request);
    expect(requestsFor(request.idempotencyKey)[0]?.params).toMatchObject({ amount, currency: currency.toLowerCase() });
  });

  it('declines a three-decimal amount Stripe cannot take (last digit not 0) without calling Stripe', async () => {
    const request = charge({ currency: 'KWD', amountCents: 1_255 });
    expect(await providerWith().charge(request)).toEqual({ outcome: 'declined', reason: 'provider_rejected' });
    expect(requestsFor(request.idempotencyKey)).toEqual([]);
  });
});

describe('StripePaymentProvider.refund', () => {
  it('refunds the PaymentIntent once with the refund key; a replay returns the same refund', async () => {
    const provider = providerWith();
    const request = charge({ currency: 'JPY', amountCents: 1_500 });
    const { paymentId } = (await provider.charge(request)) as { paymentId: string };
    const refund = { idempotencyKey: `refund:${request.orderId}`, paymentId, amountCents: 1_500, currency: 'JPY' };

    const first = await provider.refund(refund);
    expect(first).toEqual({ refundId: expect.stringMatching(/^re_/) });
    expect(await provider.refund(refund)).toEqual(first);
    expect(stripe.refunds.filter((candidate) => candidate.payment_intent === paymentId)).toEqual([
      expect.objectContaining({ id: first.refundId, amount: 1_500, currency: 'jpy' }),
    ]);
  });

  it('reports a refund that timed out after it was made as an unknown outcome; the replay returns that refund', async () => {
    const provider = providerWith({ timeoutMs: 200 });
    const request = charge();
    const { paymentId } = (await provider.charge(request)) as { paymentId: string };
    const refund = { idempotencyKey: `refund:${request.orderId}`, paymentId, amountCents: 2_500, currency: 'EUR' };
    stripe.answerSlowlyNext(600);
    await expect(provider.refund(refund)).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);
    const made = stripe.refunds.filter((candidate) => candidate.payment_intent === paymentId);
    expect(made).toHaveLength(1);
    expect(await provider.refund(refund)).toEqual({ refundId: made[0]!.id });
  });

  it('finds the existing refund when Stripe says the payment is refunded already (a key past its window)', async () => {
    const provider = providerWith();
    const request = charge();
    const { paymentId } = (await provider.charge(request)) as { paymentId: string };
    const first = await provider.refund({ idempotencyKey: 'refund:first', paymentId, amountCents: 2_500, currency: 'EUR' });
    expect(await provider.refund({ idempotencyKey: 'refund:expired-key', paymentId, amountCents: 2_500, currency: 'EUR' })).toEqual(first);
  });
});

describe('stripeClientFor', () => {
  it('refuses a key of the other mode without quoting it, and reuses the client while the key is the same', async () => {
    const live = 'sk_live_should_never_be_quoted';
    await expect(stripeClientFor(async () => live, 'test', '/commerce/dev/payments/stripe-secret-key')()).rejects.toThrow(
      /\/commerce\/dev\/payments\/stripe-secret-key is not a test-mode/,
    );
    await expect(stripeClientFor(async () => live, 'test', 'p')()).rejects.not.toThrow(/should_never/);
    let key = 'sk_test_a';
    const client = stripeClientFor(async () => key, 'test', 'p');
    const first = await client();
    expect(await client()).toBe(first);
    key = 'sk_test_rotated';
    expect(await client()).not.toBe(first);
  });
});
