import { createEvent } from '@commerce/domain-events';
import { LOCAL_ACTION_PAYMENT_METHOD, LocalPaymentProvider } from '../adapters/local-payment-provider';
import { RetryLaterError } from '../domain/errors';
import { TransientProviderError, type ChargeRequest, type ChargeResult } from '../ports/payment-provider';
import { InMemoryPaymentRepository, InMemoryReceiptStore, ManualClock, RecordingActionTimer, RecordingPublisher } from '../testing/fakes';
import { PaymentService } from './payment-service';

/** A bank's authentication challenge (SCA / 3-D Secure) completed in place (ADR 0022), over in-memory adapters. */
const placed = (orderId: string, paymentMethodId = LOCAL_ACTION_PAYMENT_METHOD) =>
  createEvent(
    'order.placed',
    { orderId, customerId: 'cust-1', currency: 'EUR', items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 2_500 }], totalCents: 2_500, paymentMethodId },
    { correlationId: `corr-${orderId}` },
  );
const cancelled = (orderId: string) =>
  createEvent('order.cancelled', { orderId, customerId: 'cust-1', previousStatus: 'PENDING_PAYMENT' }, { correlationId: `cancel-${orderId}` });

const setup = (provider = new LocalPaymentProvider(), options: { timer?: boolean } = {}) => {
  const repository = new InMemoryPaymentRepository();
  const publisher = new RecordingPublisher();
  const receipts = new InMemoryReceiptStore();
  const clock = new ManualClock();
  const timer = new RecordingActionTimer();
  const service = new PaymentService({
    repository,
    publisher,
    receipts,
    provider,
    clock,
    leaseMs: 30_000,
    holderWaitMs: 0,
    ...(options.timer === false ? {} : { actionTimer: timer }),
  });
  const types = () => publisher.published.map((event) => event.type);
  const paymentIdOf = (orderId: string) => repository.items.get(orderId)!.paymentId!;
  return { service, repository, publisher, receipts, clock, timer, provider, types, paymentIdOf };
};

describe('a charge the bank wants the customer to authenticate', () => {
  it('waits for the customer: ACTION_REQUIRED with the payment id and an expiry, payment.action.required, one timer, nothing charged', async () => {
    const { service, repository, publisher, timer, provider } = setup();
    const event = placed('o-1');
    await service.onOrderPlaced(event);

    const record = repository.items.get('o-1')!;
    expect(record).toMatchObject({
      status: 'ACTION_REQUIRED',
      paymentId: expect.stringMatching(/^pay_/),
      action: { type: 'authenticate', requiredAt: '2026-11-29T12:00:00.000Z', expiresAt: '2026-11-29T12:15:00.000Z' },
      lease: undefined,
      outbox: undefined,
      actionTimerPending: undefined,
    });
    expect(JSON.stringify(record)).not.toMatch(/secret/);
    expect(publisher.published).toEqual([
      expect.objectContaining({
        type: 'payment.action.required',
        correlationId: 'corr-o-1',
        causationId: event.eventId,
        payload: { orderId: 'o-1', customerId: 'cust-1', paymentId: record.paymentId, amountCents: 2_500, currency: 'EUR', action: 'authenticate', expiresAt: '2026-11-29T12:15:00.000Z' },
      }),
    ]);
    expect(timer.scheduled).toEqual([{ orderId: 'o-1', delaySeconds: 900 }]);
    expect(provider.capturedCharges).toEqual([]);

    await service.onOrderPlaced(event); // a duplicate changes nothing
    await service.onOrderPlaced({ ...placed('o-1'), eventId: '7f1d2a4e-1c55-4d7e-9b7b-0a4e3f2c1d00' });
    expect(publisher.published).toHaveLength(1);
    expect(timer.scheduled).toHaveLength(1);
    expect(provider.calls.filter((call) => call.operation === 'charge').map((call) => call.result)).toEqual(['action_required']);
  });

  it('captures once the customer authenticated (a provider notification), exactly like a synchronous charge; duplicate notifications change nothing', async () => {
    const { service, repository, receipts, provider, types, paymentIdOf } = setup();
    await service.onOrderPlaced(placed('o-2'));
    await service.onActionCheck('o-2'); // notified before the customer finished: still waiting
    expect(repository.items.get('o-2')?.status).toBe('ACTION_REQUIRED');
    expect(types()).toEqual(['payment.action.required']);

    provider.completeAction(paymentIdOf('o-2'), 'succeeded');
    await service.onActionCheck('o-2');
    await service.onActionCheck('o-2');
    expect(repository.items.get('o-2')).toMatchObject({ status: 'CAPTURED', paymentId: paymentIdOf('o-2'), receiptPending: undefined, lease: undefined });
    expect(types()).toEqual(['payment.action.required', 'payment.captured']);
    expect(receipts.writes).toBe(1);
    expect(receipts.saved.get('o-2')).toMatchObject({ paymentId: paymentIdOf('o-2'), totalCents: 2_500 });
  });

  it('declines a failed authentication authentication_required (payment.failed)', async () => {
    const { service, repository, provider, publisher, paymentIdOf } = setup();
    await service.onOrderPlaced(placed('o-3'));
    provider.completeAction(paymentIdOf('o-3'), 'failed');
    await service.onActionCheck('o-3');
    expect(repository.items.get('o-3')).toMatchObject({ status: 'DECLINED', reason: 'authentication_required' });
    expect(publisher.ofType('payment.failed')).toEqual([expect.objectContaining({ payload: expect.objectContaining({ reason: 'authentication_required' }) })]);
  });

  it('fails an abandoned action at its expiry (cancelled at the provider, authentication_required); an early timer is retried later', async () => {
    const { service, repository, provider, clock, types, paymentIdOf } = setup();
    await service.onOrderPlaced(placed('o-4'));
    clock.advance(899_000);
    await expect(service.onActionExpired('o-4')).rejects.toBeInstanceOf(RetryLaterError);
    expect(repository.items.get('o-4')?.status).toBe('ACTION_REQUIRED');

    clock.advance(1_000);
    await service.onActionExpired('o-4');
    await service.onActionExpired('o-4'); // a duplicate timer
    expect(repository.items.get('o-4')).toMatchObject({ status: 'DECLINED', reason: 'authentication_required', lease: undefined });
    expect(types()).toEqual(['payment.action.required', 'payment.failed']);
    expect(() => provider.completeAction(paymentIdOf('o-4'), 'succeeded')).toThrow(/does not wait/); // the customer can no longer pay
  });

  it('captures at the expiry a payment the customer completed just before it (the notification not handled yet)', async () => {
    const { service, repository, clock, provider, types, paymentIdOf } = setup();
    await service.onOrderPlaced(placed('o-5'));
    provider.completeAction(paymentIdOf('o-5'), 'succeeded');
    clock.advance(900_000);
    await service.onActionExpired('o-5');
    expect(repository.items.get('o-5')?.status).toBe('CAPTURED');
    expect(types()).toEqual(['payment.action.required', 'payment.captured']);
  });

  it('cancels the waiting payment at the provider when the order is cancelled: CANCELLED, nothing charged; later notifications and timers do nothing', async () => {
    const { service, repository, provider, clock, types, paymentIdOf } = setup();
    await service.onOrderPlaced(placed('o-6'));
    await service.onOrderCancelled(cancelled('o-6'));
    expect(repository.items.get('o-6')).toMatchObject({ status: 'CANCELLED', paymentId: paymentIdOf('o-6'), lease: undefined });
    expect(() => provider.completeAction(paymentIdOf('o-6'), 'succeeded')).toThrow(/does not wait/);

    await service.onOrderCancelled(cancelled('o-6'));
    await service.onActionCheck('o-6');
    clock.advance(900_000);
    await service.onActionExpired('o-6');
    await service.onOrderPlaced(placed('o-6'));
    expect(types()).toEqual(['payment.action.required']);
    expect(provider.capturedCharges).toEqual([]);
  });

  it('refunds a payment the customer completed just before the cancel: one capture, one refund', async () => {
    const { service, repository, provider, types, paymentIdOf } = setup();
    await service.onOrderPlaced(placed('o-7'));
    provider.completeAction(paymentIdOf('o-7'), 'succeeded');
    await service.onOrderCancelled(cancelled('o-7'));
    await service.onActionCheck('o-7'); // the late notification
    expect(repository.items.get('o-7')).toMatchObject({ status: 'REFUNDED', refundId: expect.stringMatching(/^re_/) });
    expect(types()).toEqual(['payment.action.required', 'payment.captured', 'payment.refunded']);
    expect(provider.refundCount).toBe(1);
  });

  it('cancels the action when the cancel arrived while the charge was still in flight', async () => {
    const provider = new LocalPaymentProvider();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const charge = provider.charge.bind(provider);
    provider.charge = async (request: ChargeRequest): Promise<ChargeResult> => {
      await gate;
      return charge(request);
    };
    const { service, repository, types, paymentIdOf } = setup(provider);
    const charging = service.onOrderPlaced(placed('o-8'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await service.onOrderCancelled(cancelled('o-8')); // recorded; the live holder keeps the duty
    expect(repository.items.get('o-8')).toMatchObject({ status: 'PENDING', cancel: expect.anything() });
    release();
    await charging;
    expect(repository.items.get('o-8')?.status).toBe('CANCELLED');
    expect(() => provider.completeAction(paymentIdOf('o-8'), 'succeeded')).toThrow(/does not wait/);
    expect(types()).toEqual(['payment.action.required']);
  });

  it('keeps the cancel when the provider fails transiently, and the redelivery cancels', async () => {
    const provider = new LocalPaymentProvider();
    const cancelAction = provider.cancelAction.bind(provider);
    let failures = 1;
    provider.cancelAction = async (paymentId, key) => {
      if (failures-- > 0) throw new TransientProviderError('provider unavailable');
      return cancelAction(paymentId, key);
    };
    const { service, repository } = setup(provider);
    await service.onOrderPlaced(placed('o-9'));
    await expect(service.onOrderCancelled(cancelled('o-9'))).rejects.toBeInstanceOf(TransientProviderError);
    expect(repository.items.get('o-9')).toMatchObject({ status: 'ACTION_REQUIRED', cancel: expect.anything(), lease: undefined });
    await service.onOrderCancelled(cancelled('o-9'));
    expect(repository.items.get('o-9')?.status).toBe('CANCELLED');
  });

  it('fails loudly without an action timer (it could never expire), and the redelivery finishes once one is there', async () => {
    const { service, repository } = setup(new LocalPaymentProvider(), { timer: false });
    await expect(service.onOrderPlaced(placed('o-10'))).rejects.toThrow(/no action timer/);
    expect(repository.items.get('o-10')).toMatchObject({ status: 'ACTION_REQUIRED', actionTimerPending: true, lease: undefined, outbox: [expect.anything()] });
  });

  it('does not touch payments that wait for nothing', async () => {
    const { service, repository, types } = setup();
    await service.onOrderPlaced(placed('o-11', 'pm_card_visa'));
    await service.onActionCheck('o-11');
    await service.onActionExpired('o-11');
    await service.onActionCheck('o-unknown');
    expect(repository.items.get('o-11')?.status).toBe('CAPTURED');
    expect(repository.items.has('o-unknown')).toBe(false);
    expect(types()).toEqual(['payment.captured']);
  });
});
