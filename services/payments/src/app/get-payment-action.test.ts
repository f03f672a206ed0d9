import type { PaymentRecord } from '../domain/payment';
import { InMemoryPaymentRepository, ManualClock } from '../testing/fakes';
import { getPaymentAction } from './get-payment-action';

const waiting: PaymentRecord = {
  orderId: 'o-1',
  customerId: 'alice',
  status: 'ACTION_REQUIRED',
  version: 2,
  amountCents: 990,
  currency: 'EUR',
  paymentId: 'pi_1',
  action: { type: 'authenticate', requiredAt: '2026-11-29T12:00:00.000Z', expiresAt: '2026-11-29T12:15:00.000Z' },
  updatedAt: '2026-11-29T12:00:00.000Z',
};

const setup = () => {
  const repository = new InMemoryPaymentRepository();
  repository.items.set('o-1', waiting);
  repository.items.set('o-2', { ...waiting, orderId: 'o-2', status: 'CAPTURED', action: undefined });
  const asked: string[] = [];
  const provider = { actionClientSecret: async (paymentId: string) => (asked.push(paymentId), `${paymentId}_secret_abc`) };
  const clock = new ManualClock();
  return { deps: { repository, provider, clock }, asked, clock };
};

describe('getPaymentAction', () => {
  it("answers the owner's waiting payment with the client secret read from the provider for this call", async () => {
    const { deps, asked } = setup();
    expect(await getPaymentAction(deps, 'o-1', 'alice')).toEqual({
      kind: 'action',
      action: { orderId: 'o-1', type: 'authenticate', clientSecret: 'pi_1_secret_abc', expiresAt: '2026-11-29T12:15:00.000Z' },
    });
    await getPaymentAction(deps, 'o-1', 'alice');
    expect(asked).toEqual(['pi_1', 'pi_1']); // every request asks again: nothing cached or stored
  });

  it('is not-found alike for unknown orders and other customers, and never asks the provider for them', async () => {
    const { deps, asked } = setup();
    expect(await getPaymentAction(deps, 'o-1', 'mallory')).toEqual({ kind: 'not-found' });
    expect(await getPaymentAction(deps, 'nope', 'alice')).toEqual({ kind: 'not-found' });
    expect(asked).toEqual([]);
  });

  it('has no action for a payment that waits for nothing, is being cancelled, or whose time is up', async () => {
    const { deps, clock, asked } = setup();
    expect(await getPaymentAction(deps, 'o-2', 'alice')).toEqual({ kind: 'not-required', status: 'CAPTURED' });
    deps.repository.items.set('o-3', { ...waiting, orderId: 'o-3', cancel: { eventId: 'e', correlationId: 'c', requestedAt: '2026-11-29T12:01:00.000Z' } });
    expect(await getPaymentAction(deps, 'o-3', 'alice')).toEqual({ kind: 'not-required', status: 'CANCELLED' }); // its cancel is on its way
        clock.advance(15 * 60_000);
    expect(await getPaymentAction(deps, 'o-1', 'alice')).toEqual({ kind: 'expired', expiresAt: '2026-11-29T12:15:00.000Z' });
    expect(asked).toEqual([]);
  });
});
