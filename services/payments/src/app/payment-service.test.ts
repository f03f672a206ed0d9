import { createEvent } from '@commerce/domain-events';
import { LocalPaymentProvider } from '../adapters/local-payment-provider';
import { PaymentInProgressError } from '../domain/errors';
import { ProviderOutcomeUnknownError, TransientProviderError, type ChargeRequest, type ChargeResult } from '../ports/payment-provider';
import { InMemoryPaymentRepository, InMemoryReceiptStore, ManualClock, RecordingPublisher } from '../testing/fakes';
import { PaymentService } from './payment-service';

const placed = (orderId: string, totalCents = 2_500, customerId = 'cust-1') =>
  createEvent(
    'order.placed',
    { orderId, customerId, currency: 'EUR', items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: totalCents }], totalCents },
    { correlationId: `corr-${orderId}` },
  );
const cancelled = (orderId: string, customerId = 'cust-1') =>
  createEvent('order.cancelled', { orderId, customerId, previousStatus: 'PAID' }, { correlationId: `cancel-${orderId}` });

const setup = (provider = new LocalPaymentProvider()) => {
  const repository = new InMemoryPaymentRepository();
  const publisher = new RecordingPublisher();
  const receipts = new InMemoryReceiptStore();
  const clock = new ManualClock();
  const service = new PaymentService({ repository, publisher, receipts, provider, clock, leaseMs: 30_000, holderWaitMs: 0 });
  return { service, repository, publisher, receipts, clock, provider };
};

/** The provider does the work, then the answer is lost (a timeout after the request reached it). */
const answerLostOnce = (provider: LocalPaymentProvider, operation: 'charge' | 'refund') => {
  let lost = false;
  const original = provider[operation].bind(provider) as (request: never) => Promise<unknown>;
  (provider as unknown as Record<string, unknown>)[operation] = async (request: never) => {
    const result = await original(request);
    if (lost) return result;
    lost = true;
    throw new ProviderOutcomeUnknownError(`local provider: ${operation} timed out after it was made`);
  };
};

describe('PaymentService.onOrderPlaced', () => {
  it('captures the order total once, publishes payment.captured and writes the receipt', async () => {
    const { service, publisher, receipts, repository, provider } = setup();
    const event = placed('o-1');
    await service.onOrderPlaced(event);

    expect(provider.capturedCharges).toEqual([{ idempotencyKey: 'charge:o-1', amountCents: 2_500 }]);
    const [captured] = publisher.ofType('payment.captured');
    expect(captured).toMatchObject({
      correlationId: 'corr-o-1',
      causationId: event.eventId,
      payload: { orderId: 'o-1', customerId: 'cust-1', amountCents: 2_500, currency: 'EUR' },
    });
    expect(receipts.saved.get('o-1')).toEqual({
      receiptVersion: 1,
      orderId: 'o-1',
      customerId: 'cust-1',
      paymentId: captured!.type === 'payment.captured' ? captured!.payload.paymentId : '',
      items: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 2_500 }],
      totalCents: 2_500,
      currency: 'EUR',
      capturedAt: '2026-11-29T12:00:00.000Z',
    });
    expect(repository.items.get('o-1')).toMatchObject({ status: 'CAPTURED', outbox: undefined, receiptPending: undefined, lease: undefined });
  });

  it('charges once when the same event, or a re-sent one with a new eventId, arrives again', async () => {
    const { service, publisher, receipts, provider } = setup();
    const event = placed('o-2');
    await service.onOrderPlaced(event);
    await service.onOrderPlaced(event);
    await service.onOrderPlaced({ ...placed('o-2'), eventId: '7f1d2a4e-1c55-4d7e-9b7b-0a4e3f2c1d00' });

    expect(provider.calls.filter((call) => call.operation === 'charge')).toHaveLength(1);
    expect(publisher.published).toHaveLength(1);
    expect(receipts.writes).toBe(1);
  });

  it('charges once when duplicates are handled concurrently; the losers retry later and change nothing', async () => {
    const { service, publisher, provider } = setup();
    const duplicates = Array.from({ length: 6 }, () => placed('o-3'));
    const results = await Promise.allSettled(duplicates.map((event) => service.onOrderPlaced(event)));

    const rejected = results.filter((result) => result.status === 'rejected');
    rejected.forEach((result) => expect(result.reason).toBeInstanceOf(PaymentInProgressError));
    expect(provider.capturedCharges).toHaveLength(1);

    await Promise.all(duplicates.map((event) => service.onOrderPlaced(event)));
    expect(provider.calls.filter((call) => call.operation === 'charge')).toHaveLength(1);
    expect(publisher.ofType('payment.captured')).toHaveLength(1);
  });

  it('lets concurrent duplicates wait briefly for the holder, so they succeed as no-ops instead of failing', async () => {
    const repository = new InMemoryPaymentRepository();
    const publisher = new RecordingPublisher();
    const provider = new LocalPaymentProvider();
    const service = new PaymentService({
      repository, publisher, provider, receipts: new InMemoryReceiptStore(), clock: new ManualClock(), holderWaitMs: 5_000,
      sleep: () => new Promise((resolve) => setTimeout(resolve, 5)),
    });
    await Promise.all(Array.from({ length: 6 }, () => service.onOrderPlaced(placed('o-wait'))));
    expect(provider.calls).toHaveLength(1);
    expect(publisher.published).toHaveLength(1);
  });

  it('declines totals above 1,000,000 cents with card_declined and publishes payment.failed (no receipt)', async () => {
    const { service, publisher, receipts, repository } = setup();
    await service.onOrderPlaced(placed('o-big', 1_000_001));
    await service.onOrderPlaced(placed('o-edge', 1_000_000));

    expect(publisher.ofType('payment.failed')).toEqual([
      expect.objectContaining({ payload: { orderId: 'o-big', customerId: 'cust-1', amountCents: 1_000_001, currency: 'EUR', reason: 'card_declined' } }),
    ]);
    expect(repository.items.get('o-big')).toMatchObject({ status: 'DECLINED', reason: 'card_declined' });
    expect(receipts.saved.has('o-big')).toBe(false);
    expect(repository.items.get('o-edge')?.status).toBe('CAPTURED');
  });

  it('lets a transient provider failure fail the message, then captures on the retry (never a decline)', async () => {
    const rolls = [0.1, 0.9];
    const provider = new LocalPaymentProvider({ transientFailureRate: 0.5, random: () => rolls.shift() ?? 0.9 });
    const { service, publisher, repository } = setup(provider);
    const event = placed('o-flaky');

    await expect(service.onOrderPlaced(event)).rejects.toBeInstanceOf(TransientProviderError);
    expect(repository.items.get('o-flaky')).toMatchObject({ status: 'PENDING', lease: undefined });
    expect(publisher.published).toHaveLength(0);

    await service.onOrderPlaced(event);
    expect(repository.items.get('o-flaky')?.status).toBe('CAPTURED');
    expect(publisher.published.map((e) => e.type)).toEqual(['payment.captured']);
    expect(provider.capturedCharges).toHaveLength(1);
  });

  it('takes over a crashed charge after its lease expires and replays it with the same idempotency key', async () => {
    const { service, repository, clock, provider, publisher } = setup();
    repository.failNextWrite = undefined;
    const event = placed('o-crash');
    // The provider charges, then the worker "dies" before recording the outcome.
    const original = provider.charge.bind(provider);
    let crashed = false;
    provider.charge = async (request: ChargeRequest): Promise<ChargeResult> => {
      const result = await original(request);
      if (!crashed) {
        crashed = true;
        repository.failNextWrite = new Error('Lambda timed out');
      }
      return result;
    };
    await expect(service.onOrderPlaced(event)).rejects.toThrow('Lambda timed out');
    await expect(service.onOrderPlaced(event)).rejects.toBeInstanceOf(PaymentInProgressError);

    clock.advance(30_001);
    await service.onOrderPlaced(event);
    expect(provider.calls.map((call) => call.result)).toEqual(['captured', 'replayed']);
    expect(provider.capturedCharges).toHaveLength(1);
    expect(publisher.ofType('payment.captured')).toHaveLength(1);
  });

  it('keeps the outcome in the outbox when publishing fails and republishes the same event on redelivery', async () => {
    const { service, publisher, repository, provider } = setup();
    publisher.failures = 1;
    const event = placed('o-outbox');
    await expect(service.onOrderPlaced(event)).rejects.toThrow('SQS unavailable');
    const stored = repository.items.get('o-outbox')!;
    expect(stored.status).toBe('CAPTURED');
    expect(stored.outbox).toHaveLength(1);

    await service.onOrderPlaced(event);
    expect(publisher.published.map((e) => e.eventId)).toEqual([stored.outbox![0]!.eventId]);
    expect(repository.items.get('o-outbox')?.outbox).toBeUndefined();
    expect(provider.calls).toHaveLength(1);
  });
});

describe('PaymentService.onOrderCancelled', () => {
  it('refunds a captured payment once, however often and concurrently the cancel arrives', async () => {
    const { service, publisher, provider, repository } = setup();
    await service.onOrderPlaced(placed('o-4'));
    const cancel = cancelled('o-4');
    const first = await Promise.allSettled([service.onOrderCancelled(cancel), service.onOrderCancelled(cancelled('o-4'))]);
    first.filter((r) => r.status === 'rejected').forEach((r) => expect(r.reason).toBeInstanceOf(PaymentInProgressError));
    await service.onOrderCancelled(cancel);
    await service.onOrderCancelled(cancelled('o-4'));

    expect(provider.refundCount).toBe(1);
    expect(provider.calls.filter((call) => call.operation === 'refund')).toHaveLength(1);
    const refunds = publisher.ofType('payment.refunded');
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ correlationId: 'cancel-o-4', payload: { orderId: 'o-4', amountCents: 2_500, currency: 'EUR' } });
    expect(repository.items.get('o-4')?.status).toBe('REFUNDED');
  });

  it('records a tombstone when the cancel overtakes order.placed, so the order is never charged', async () => {
    const { service, publisher, provider, repository } = setup();
    await service.onOrderCancelled(cancelled('o-5'));
    await service.onOrderPlaced(placed('o-5'));
    await service.onOrderPlaced(placed('o-5'));

    expect(provider.calls).toHaveLength(0);
    expect(publisher.published).toHaveLength(0);
    expect(repository.items.get('o-5')?.status).toBe('CANCELLED');
  });

  it('refunds what the in-flight charge captures when the cancel arrives during the provider call', async () => {
    const provider = new LocalPaymentProvider();
    const { service, publisher, repository } = setup(provider);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = provider.charge.bind(provider);
    provider.charge = async (request) => {
      await gate;
      return original(request);
    };
    const charging = service.onOrderPlaced(placed('o-6'));
    while (!repository.items.has('o-6')) await new Promise((resolve) => setImmediate(resolve));
    await service.onOrderCancelled(cancelled('o-6'));
    expect(repository.items.get('o-6')).toMatchObject({ status: 'PENDING', cancel: expect.any(Object) });
    release();
    await charging;

    expect(repository.items.get('o-6')?.status).toBe('REFUNDED');
    expect(publisher.published.map((e) => e.type).sort()).toEqual(['payment.captured', 'payment.refunded']);
    expect(provider.refundCount).toBe(1);
  });

  it('cancels a pending order whose charge failed transiently without ever charging it', async () => {
    const provider = new LocalPaymentProvider({ transientFailureRate: 1 });
    const { service, publisher, repository } = setup(provider);
    const event = placed('o-7');
    await expect(service.onOrderPlaced(event)).rejects.toBeInstanceOf(TransientProviderError);
    await service.onOrderCancelled(cancelled('o-7'));
    await service.onOrderPlaced(event);

    expect(repository.items.get('o-7')?.status).toBe('CANCELLED');
    expect(provider.capturedCharges).toHaveLength(0);
    expect(publisher.published).toHaveLength(0);
  });

  it('takes over a crashed charge when the cancel arrives after its lease expired, and refunds what it captured', async () => {
    const { service, repository, clock, provider, publisher } = setup();
    const original = provider.charge.bind(provider);
    let crashed = false;
    provider.charge = async (request: ChargeRequest): Promise<ChargeResult> => {
      const result = await original(request);
      if (!crashed) {
        crashed = true;
        repository.failNextWrite = new Error('Lambda timed out');
      }
      return result;
    };
    await expect(service.onOrderPlaced(placed('o-9'))).rejects.toThrow('Lambda timed out');
    clock.advance(30_001);
    await service.onOrderCancelled(cancelled('o-9'));

    expect(repository.items.get('o-9')?.status).toBe('REFUNDED');
    expect(provider.calls.map((call) => `${call.operation}:${call.result}`)).toEqual(['charge:captured', 'charge:replayed', 'refund:refunded']);
    expect(publisher.published.map((e) => e.type).sort()).toEqual(['payment.captured', 'payment.refunded']);
  });

  describe('a charge whose outcome is unknown (it captured, but the call timed out)', () => {
    it('is replayed with its key before a cancel can settle the order: exactly one capture and one refund', async () => {
      const { service, repository, provider, publisher } = setup();
      answerLostOnce(provider, 'charge');
      await expect(service.onOrderPlaced(placed('o-10'))).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);
      expect(repository.items.get('o-10')).toMatchObject({ status: 'PENDING', providerCallUnsettled: true });
      expect(repository.items.get('o-10')?.lease).toBeUndefined();

      await service.onOrderCancelled(cancelled('o-10'));
      await service.onOrderPlaced(placed('o-10')); // the redelivered order.placed changes nothing

      expect(repository.items.get('o-10')).toMatchObject({ status: 'REFUNDED' });
      expect(repository.items.get('o-10')?.providerCallUnsettled).toBeUndefined();
      expect(provider.calls.map((call) => `${call.operation}:${call.result}`)).toEqual(['charge:captured', 'charge:replayed', 'refund:refunded']);
      expect(provider.capturedCharges).toHaveLength(1);
      expect(publisher.published.map((e) => e.type)).toEqual(['payment.captured', 'payment.refunded']);
    });

    it('stays unknown through later failures that had no effect, so a cancel still replays it', async () => {
      const { service, repository, provider } = setup();
      answerLostOnce(provider, 'charge');
      await expect(service.onOrderPlaced(placed('o-11'))).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);
      const original = provider.charge.bind(provider);
      provider.charge = async () => {
        provider.charge = original;
        throw new TransientProviderError('rate limited (nothing happened)');
      };
      await expect(service.onOrderPlaced(placed('o-11'))).rejects.toBeInstanceOf(TransientProviderError);
      expect(repository.items.get('o-11')).toMatchObject({ status: 'PENDING', providerCallUnsettled: true });

      await service.onOrderCancelled(cancelled('o-11'));
      expect(repository.items.get('o-11')?.status).toBe('REFUNDED');
      expect(provider.refundCount).toBe(1);
    });

    it('is settled by the redelivered order.placed when the cancel came while the call was in flight', async () => {
      const { service, repository, provider, publisher } = setup();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const original = provider.charge.bind(provider);
      let first = true;
      provider.charge = async (request) => {
        const result = await original(request);
        if (!first) return result;
        first = false;
        await gate;
        throw new ProviderOutcomeUnknownError('timed out');
      };
      const charging = service.onOrderPlaced(placed('o-12'));
      while (!repository.items.has('o-12')) await new Promise((resolve) => setImmediate(resolve));
      await service.onOrderCancelled(cancelled('o-12')); // the holder is live: the cancel is recorded and left to it
      release();
      await expect(charging).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);
      expect(repository.items.get('o-12')).toMatchObject({ status: 'PENDING', cancel: expect.any(Object), providerCallUnsettled: true });

      await service.onOrderPlaced(placed('o-12'));
      expect(repository.items.get('o-12')?.status).toBe('REFUNDED');
      expect(provider.capturedCharges).toHaveLength(1);
      expect(provider.refundCount).toBe(1);
      expect(publisher.published.map((e) => e.type)).toEqual(['payment.captured', 'payment.refunded']);
    });
  });

  it('replays a refund whose outcome is unknown with the same key: exactly one refund and one payment.refunded', async () => {
    const { service, repository, provider, publisher } = setup();
    await service.onOrderPlaced(placed('o-13'));
    answerLostOnce(provider, 'refund');
    await expect(service.onOrderCancelled(cancelled('o-13'))).rejects.toBeInstanceOf(ProviderOutcomeUnknownError);
    expect(repository.items.get('o-13')).toMatchObject({ status: 'CAPTURED', cancel: expect.any(Object) });
    expect(repository.items.get('o-13')?.lease).toBeUndefined();

    await service.onOrderCancelled(cancelled('o-13'));
    expect(repository.items.get('o-13')?.status).toBe('REFUNDED');
    expect(provider.calls.filter((call) => call.operation === 'refund').map((call) => call.result)).toEqual(['refunded', 'replayed']);
    expect(provider.refundCount).toBe(1);
    expect(publisher.ofType('payment.refunded')).toHaveLength(1);
  });

  it('passes the payment method of order.placed v2 to the provider', async () => {
    const provider = new LocalPaymentProvider();
    const requests: ChargeRequest[] = [];
    const original = provider.charge.bind(provider);
    provider.charge = async (request) => {
      requests.push(request);
      return original(request);
    };
    const { service } = setup(provider);
    const event = placed('o-14');
    await service.onOrderPlaced({ ...event, payload: { ...event.payload, paymentMethodId: 'pm_card_visa' } });
    expect(requests).toEqual([expect.objectContaining({ idempotencyKey: 'charge:o-14', paymentMethodId: 'pm_card_visa', amountCents: 2_500, currency: 'EUR' })]);
  });

  it('has nothing to refund for a declined payment', async () => {
    const { service, provider, publisher } = setup();
    await service.onOrderPlaced(placed('o-8', 2_000_000));
    await service.onOrderCancelled(cancelled('o-8'));
    expect(provider.refundCount).toBe(0);
    expect(publisher.published.map((e) => e.type)).toEqual(['payment.failed']);
  });
});

describe('PaymentService business metrics (ADR 0017)', () => {
  it('counts each outcome once when it is stored, however often its message is redelivered', async () => {
    const counted: string[] = [];
    const { repository, publisher, receipts, clock, provider } = setup();
    const service = new PaymentService({
      repository, publisher, receipts, provider, clock, leaseMs: 30_000, holderWaitMs: 0,
      metrics: { count: (name) => counted.push(name), seconds: () => undefined },
    });
    const order = placed('o-metrics');
    await service.onOrderPlaced(order);
    await service.onOrderPlaced(order);
    await service.onOrderPlaced(placed('o-declined', 2_000_000));
    await service.onOrderCancelled(cancelled('o-metrics'));
    await service.onOrderCancelled(cancelled('o-metrics'));
    expect(counted).toEqual(['PaymentsCaptured', 'PaymentsDeclined', 'PaymentsRefunded']);
  });
});
