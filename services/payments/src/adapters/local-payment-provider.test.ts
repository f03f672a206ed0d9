import { TransientProviderError } from '../ports/payment-provider';
import { LOCAL_ACTION_PAYMENT_METHOD, LocalPaymentProvider, localProviderFromEnvironment, seededRandom } from './local-payment-provider';

const charge = (amountCents: number, key = `charge:${amountCents}`) => ({
  idempotencyKey: key,
  orderId: 'o',
  customerId: 'c',
  amountCents,
  currency: 'EUR',
});

describe('LocalPaymentProvider', () => {
  it('captures up to 1,000,000 minor units and declines above with card_declined', async () => {
    const provider = new LocalPaymentProvider();
    await expect(provider.charge(charge(1_000_000))).resolves.toEqual({ outcome: 'captured', paymentId: expect.stringMatching(/^pay_[0-9a-f]{24}$/) });
    await expect(provider.charge(charge(1_000_001))).resolves.toEqual({ outcome: 'declined', reason: 'card_declined' });
  });

  it('returns the original result for a replayed idempotency key without charging again', async () => {
    const provider = new LocalPaymentProvider();
    const first = await provider.charge(charge(500, 'k1'));
    const again = await provider.charge(charge(500, 'k1'));
    expect(again).toEqual(first);
    expect(provider.capturedCharges).toEqual([{ idempotencyKey: 'k1', amountCents: 500 }]);
    const refund = await provider.refund({ idempotencyKey: 'r1', paymentId: 'p', amountCents: 500, currency: 'EUR' });
    expect(await provider.refund({ idempotencyKey: 'r1', paymentId: 'p', amountCents: 500, currency: 'EUR' })).toEqual(refund);
    expect(provider.refundCount).toBe(1);
  });

  it('derives ids from the idempotency key, so they are stable across processes', async () => {
    const a = await new LocalPaymentProvider().charge(charge(100, 'same'));
    const b = await new LocalPaymentProvider().charge(charge(100, 'same'));
    expect(a).toEqual(b);
  });

  it('fails the configured share of calls transiently, without charging, and never declines because of it', async () => {
    const provider = new LocalPaymentProvider({ transientFailureRate: 0.3, seed: 42 });
    let transient = 0;
    for (let index = 0; index < 1_000; index += 1) {
      try {
        const result = await provider.charge(charge(100, `k${index}`));
        expect(result.outcome).toBe('captured');
      } catch (error) {
        expect(error).toBeInstanceOf(TransientProviderError);
        transient += 1;
      }
    }
    expect(transient).toBeGreaterThan(250);
    expect(transient).toBeLessThan(350);
    expect(provider.capturedCharges).toHaveLength(1_000 - transient);
  });

  it('is reproducible for a seed and always/never fails at rates 1 and 0', async () => {
    const draws = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draws(7)).toEqual(draws(7));
    await expect(new LocalPaymentProvider({ transientFailureRate: 1 }).charge(charge(1))).rejects.toBeInstanceOf(TransientProviderError);
    await expect(new LocalPaymentProvider({ transientFailureRate: 0 }).charge(charge(1))).resolves.toMatchObject({ outcome: 'captured' });
  });

  it('rejects non-integer amounts and out-of-range rates', async () => {
    await expect(new LocalPaymentProvider().charge(charge(10.5))).rejects.toThrow(/minor units/);
    expect(() => new LocalPaymentProvider({ transientFailureRate: 1.5 })).toThrow(/0\.\.1/);
    expect(() => localProviderFromEnvironment({ PROVIDER_TRANSIENT_FAILURE_RATE: 'lots' })).toThrow(/0\.\.1/);
  });

  it('waits for the customer on pm_card_authenticationRequired (ADR 0022) until completed, cancelled or failed', async () => {
    const provider = new LocalPaymentProvider();
    const waiting = { ...charge(2_500, 'charge:sca'), paymentMethodId: LOCAL_ACTION_PAYMENT_METHOD };
    const result = await provider.charge(waiting);
    expect(result).toEqual({ outcome: 'action_required', paymentId: expect.stringMatching(/^pay_/) });
    const { paymentId } = result as { paymentId: string };
    expect(await provider.charge(waiting)).toEqual(result); // replayed, not charged
    expect(provider.capturedCharges).toEqual([]);
    expect(await provider.actionOutcome(paymentId)).toEqual({ outcome: 'action_required', paymentId });
    expect(await provider.actionClientSecret(paymentId)).toBe(`${paymentId}_secret_local`);

    provider.completeAction(paymentId, 'succeeded');
    expect(await provider.actionOutcome(paymentId)).toEqual({ outcome: 'captured', paymentId });
    expect(provider.capturedCharges).toEqual([{ idempotencyKey: 'charge:sca', amountCents: 2_500 }]);
    expect(await provider.cancelAction(paymentId, 'cancel-action:o')).toEqual({ outcome: 'captured', paymentId });
  });

  it('declines a failed authentication and cancels a payment that still waits', async () => {
    const provider = new LocalPaymentProvider();
    const failed = (await provider.charge({ ...charge(100, 'charge:f'), paymentMethodId: LOCAL_ACTION_PAYMENT_METHOD })) as { paymentId: string };
    provider.completeAction(failed.paymentId, 'failed');
    expect(await provider.actionOutcome(failed.paymentId)).toEqual({ outcome: 'declined', reason: 'authentication_required' });
    expect(() => provider.completeAction(failed.paymentId, 'succeeded')).toThrow(/does not wait/);

    const abandoned = (await provider.charge({ ...charge(100, 'charge:a'), paymentMethodId: LOCAL_ACTION_PAYMENT_METHOD })) as { paymentId: string };
    expect(await provider.cancelAction(abandoned.paymentId, 'cancel-action:a')).toEqual({ outcome: 'cancelled' });
    expect(() => provider.completeAction(abandoned.paymentId, 'succeeded')).toThrow(/does not wait/);
    expect(provider.capturedCharges).toEqual([]);
  });
});
