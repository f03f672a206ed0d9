import { createEvent, type DomainEvent } from '@commerce/domain-events';
import { fakeDeps } from '../testing/fakes';
import { silentLog } from '../ports/log';
import { applyPaymentEvent } from './apply-payment-event';
import { cancelOrder } from './cancel-order';
import { createOrder } from './create-order';
import { ConcurrentModificationError, IdempotencyKeyReusedError, OrderNotFoundError, UnprocessableEventError } from './errors';
import { getOrder } from './get-order';
import { listOrders } from './list-orders';
import { republishPendingEvents } from './republish-pending-events';
import { OrderNotCancellableError } from '../domain/order';

const items = [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }];
const command = (extra: Partial<Parameters<ReturnType<typeof createOrder>>[0]> = {}) => ({
  customerId: 'cus_1', currency: 'EUR', items, correlationId: 'corr-1', ...extra,
});

const paymentEvent = (type: 'payment.captured' | 'payment.failed' | 'payment.refunded', orderId: string, customerId = 'cus_1'): DomainEvent => {
  const context = { correlationId: 'corr-pay' };
  switch (type) {
    case 'payment.captured':
      return createEvent(type, { orderId, customerId, paymentId: 'pay_1', amountCents: 2500, currency: 'EUR', capturedAt: '2026-11-29T10:01:00.000Z' }, context);
    case 'payment.failed':
      return createEvent(type, { orderId, customerId, amountCents: 2500, currency: 'EUR', reason: 'card_declined' }, context);
    case 'payment.refunded':
      return createEvent(type, { orderId, customerId, paymentId: 'pay_1', refundId: 'ref_1', amountCents: 2500, currency: 'EUR', refundedAt: '2026-11-29T10:02:00.000Z' }, context);
  }
};

describe('createOrder', () => {
  it('stores the order, publishes order.placed with the correlation id, and empties the outbox', async () => {
    const { deps, publisher, repository } = fakeDeps();
    const { order, replayed } = await createOrder(deps)(command(), silentLog);
    expect(replayed).toBe(false);
    expect(order).toMatchObject({ id: 'ord_0001', status: 'PENDING_PAYMENT', totalCents: 2500 });
    expect(publisher.published).toEqual([
      expect.objectContaining({ type: 'order.placed', correlationId: 'corr-1', payload: expect.objectContaining({ orderId: 'ord_0001', totalCents: 2500 }) }),
    ]);
    expect((await repository.get(order.id))?.pendingEvents).toEqual([]);
  });

  it('passes the payment method reference on in order.placed (v2), and a keyed retry must name the same one', async () => {
    const { deps, publisher } = fakeDeps();
    await createOrder(deps)(command({ idempotencyKey: 'key-pm', paymentMethodId: 'pm_card_visa' }), silentLog);
    expect(publisher.published).toEqual([expect.objectContaining({ type: 'order.placed', version: 2, payload: expect.objectContaining({ paymentMethodId: 'pm_card_visa' }) })]);
    await expect(createOrder(deps)(command({ idempotencyKey: 'key-pm', paymentMethodId: 'pm_other' }), silentLog)).rejects.toThrow(IdempotencyKeyReusedError);
  });

  it('with the same Idempotency-Key and body returns the same order without a second order or event', async () => {
    const { deps, publisher, repository } = fakeDeps();
    const first = await createOrder(deps)(command({ idempotencyKey: 'key-1' }), silentLog);
    const second = await createOrder(deps)(command({ idempotencyKey: 'key-1', correlationId: 'corr-2' }), silentLog);
    expect(second).toEqual({ order: first.order, replayed: true });
    expect(repository.rows.size).toBe(1);
    expect(publisher.published).toHaveLength(1);
  });

  it('scopes keys per customer and rejects a reused key with a different body', async () => {
    const { deps, repository } = fakeDeps();
    await createOrder(deps)(command({ idempotencyKey: 'key-1' }), silentLog);
    await createOrder(deps)(command({ idempotencyKey: 'key-1', customerId: 'cus_2' }), silentLog);
    expect(repository.rows.size).toBe(2);
    await expect(createOrder(deps)(command({ idempotencyKey: 'key-1', currency: 'USD' }), silentLog)).rejects.toThrow(IdempotencyKeyReusedError);
  });

  it('keeps the event when publishing fails, and a keyed retry publishes it with the SAME eventId', async () => {
    const { deps, publisher, repository } = fakeDeps();
    publisher.failNext();
    const first = await createOrder(deps)(command({ idempotencyKey: 'key-1' }), silentLog);
    expect(publisher.published).toHaveLength(0);
    const pending = (await repository.get(first.order.id))?.pendingEvents ?? [];
    expect(pending).toHaveLength(1);

    await createOrder(deps)(command({ idempotencyKey: 'key-1' }), silentLog);
    expect(publisher.published.map((event) => event.eventId)).toEqual([pending[0]?.eventId]);
    expect((await repository.get(first.order.id))?.pendingEvents).toEqual([]);
  });
});

describe('republishPendingEvents (the sweeper)', () => {
  it('publishes events stuck past the grace period with their original ids, once', async () => {
    const { deps, publisher, repository, clock } = fakeDeps();
    publisher.failNext();
    const { order } = await createOrder(deps)(command(), silentLog);
    const [stuck] = (await repository.get(order.id))?.pendingEvents ?? [];

    expect(await republishPendingEvents(deps)({ graceMs: 60_000 }, silentLog)).toEqual({ orders: 0, published: 0, failed: 0 });
    clock.advance(61_000);
    publisher.failNext();
    expect(await republishPendingEvents(deps)({ graceMs: 60_000 }, silentLog)).toEqual({ orders: 1, published: 0, failed: 1, oldestPendingSeconds: 61 });
    expect(await republishPendingEvents(deps)({ graceMs: 60_000 }, silentLog)).toEqual({ orders: 1, published: 1, failed: 0 });
    expect(publisher.published).toEqual([stuck]);
    expect(await republishPendingEvents(deps)({ graceMs: 60_000 }, silentLog)).toEqual({ orders: 0, published: 0, failed: 0 });
  });
});

describe('getOrder and listOrders', () => {
  it('hides other customers orders behind the same not-found', async () => {
    const { deps } = fakeDeps();
    const { order } = await createOrder(deps)(command(), silentLog);
    await expect(getOrder(deps)('cus_1', order.id)).resolves.toEqual(order);
    await expect(getOrder(deps)('cus_2', order.id)).rejects.toThrow(OrderNotFoundError);
    await expect(getOrder(deps)('cus_1', 'ord_nope')).rejects.toThrow(OrderNotFoundError);
  });

  it('pages newest first', async () => {
    const { deps, clock } = fakeDeps();
    for (let index = 0; index < 3; index += 1) {
      await createOrder(deps)(command(), silentLog);
      clock.advance(1000);
    }
    const first = await listOrders(deps)('cus_1', { limit: 2 });
    expect(first.orders.map((order) => order.id)).toEqual(['ord_0003', 'ord_0002']);
    const second = await listOrders(deps)('cus_1', { limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.orders.map((order) => order.id)).toEqual(['ord_0001']);
    expect(second.nextCursor).toBeUndefined();
  });
});

describe('cancelOrder', () => {
  it('cancels, publishes order.cancelled with the previous status, and refuses a second cancel with 409 material', async () => {
    const { deps, publisher } = fakeDeps();
    const { order } = await createOrder(deps)(command(), silentLog);
    const cancelled = await cancelOrder(deps)({ customerId: 'cus_1', orderId: order.id, correlationId: 'corr-9' }, silentLog);
    expect(cancelled.status).toBe('CANCELLED');
    expect(publisher.published.at(-1)).toMatchObject({ type: 'order.cancelled', correlationId: 'corr-9', payload: { previousStatus: 'PENDING_PAYMENT' } });
    await expect(cancelOrder(deps)({ customerId: 'cus_1', orderId: order.id, correlationId: 'c' }, silentLog)).rejects.toThrow(OrderNotCancellableError);
  });

  it('does not cancel another customer order', async () => {
    const { deps } = fakeDeps();
    const { order } = await createOrder(deps)(command(), silentLog);
    await expect(cancelOrder(deps)({ customerId: 'cus_2', orderId: order.id, correlationId: 'c' }, silentLog)).rejects.toThrow(OrderNotFoundError);
  });

  it('loses no update when a payment failure lands between its read and its write: re-reads and refuses', async () => {
    const { deps, repository, publisher } = fakeDeps();
    const { order } = await createOrder(deps)(command(), silentLog);
    repository.beforeUpdate = async () => {
      await applyPaymentEvent(deps)(paymentEvent('payment.failed', order.id), silentLog);
    };
    await expect(cancelOrder(deps)({ customerId: 'cus_1', orderId: order.id, correlationId: 'c' }, silentLog)).rejects.toThrow(OrderNotCancellableError);
    expect((await repository.get(order.id))?.order.status).toBe('PAYMENT_FAILED');
    expect(publisher.published.map((event) => event.type)).toEqual(['order.placed']);
  });

  it('cancels a just-PAID order when the capture wins the race, with previousStatus PAID', async () => {
    const { deps, repository, publisher } = fakeDeps();
    const { order } = await createOrder(deps)(command(), silentLog);
    repository.beforeUpdate = async () => {
      await applyPaymentEvent(deps)(paymentEvent('payment.captured', order.id), silentLog);
    };
    await cancelOrder(deps)({ customerId: 'cus_1', orderId: order.id, correlationId: 'c' }, silentLog);
    const stored = await repository.get(order.id);
    expect(stored?.order).toMatchObject({ status: 'CANCELLED', payment: { paymentId: 'pay_1' } });
    expect(publisher.published.at(-1)).toMatchObject({ type: 'order.cancelled', payload: { previousStatus: 'PAID' } });
  });

  it('gives up with ConcurrentModificationError when every attempt loses', async () => {
    const { deps, repository } = fakeDeps();
    const { order } = await createOrder(deps)(command(), silentLog);
    repository.update = async () => 'conflict';
    await expect(cancelOrder(deps)({ customerId: 'cus_1', orderId: order.id, correlationId: 'c' }, silentLog)).rejects.toThrow(ConcurrentModificationError);
  });
});

describe('applyPaymentEvent', () => {
  it('applies payment.captured once: a redelivery of the same eventId is a duplicate', async () => {
    const { deps, repository } = fakeDeps();
    const { order } = await createOrder(deps)(command(), silentLog);
    const event = paymentEvent('payment.captured', order.id);
    await expect(applyPaymentEvent(deps)(event, silentLog)).resolves.toBe('transitioned');
    await expect(applyPaymentEvent(deps)(event, silentLog)).resolves.toBe('duplicate');
    expect((await repository.get(order.id))?.order.status).toBe('PAID');
  });

  it('a late capture after a cancel is recorded and the order stays CANCELLED; refunds are recorded', async () => {
    const { deps, repository } = fakeDeps();
    const { order } = await createOrder(deps)(command(), silentLog);
    await cancelOrder(deps)({ customerId: 'cus_1', orderId: order.id, correlationId: 'c' }, silentLog);
    await expect(applyPaymentEvent(deps)(paymentEvent('payment.refunded', order.id), silentLog)).resolves.toBe('recorded');
    await expect(applyPaymentEvent(deps)(paymentEvent('payment.captured', order.id), silentLog)).resolves.toBe('recorded');
    expect((await repository.get(order.id))?.order).toMatchObject({ status: 'CANCELLED', payment: { paymentId: 'pay_1' }, refunds: [{ refundId: 'ref_1' }] });
  });

  it('a cancel landing between its read and write makes a capture re-read and keep CANCELLED', async () => {
    const { deps, repository } = fakeDeps();
    const { order } = await createOrder(deps)(command(), silentLog);
    repository.beforeUpdate = async () => {
      await cancelOrder(deps)({ customerId: 'cus_1', orderId: order.id, correlationId: 'c' }, silentLog);
    };
    await expect(applyPaymentEvent(deps)(paymentEvent('payment.captured', order.id), silentLog)).resolves.toBe('recorded');
    expect((await repository.get(order.id))?.order.status).toBe('CANCELLED');
  });

  it('rejects events for unknown orders, another customer, or a type orders does not consume', async () => {
    const { deps } = fakeDeps();
    const { order } = await createOrder(deps)(command(), silentLog);
    await expect(applyPaymentEvent(deps)(paymentEvent('payment.captured', 'ord_missing'), silentLog)).rejects.toThrow(UnprocessableEventError);
    await expect(applyPaymentEvent(deps)(paymentEvent('payment.captured', order.id, 'cus_other'), silentLog)).rejects.toThrow(UnprocessableEventError);
    const placed = createEvent('order.placed', { orderId: 'o', customerId: 'c', currency: 'EUR', items, totalCents: 2500 }, { correlationId: 'x' });
    await expect(applyPaymentEvent(deps)(placed, silentLog)).rejects.toThrow(UnprocessableEventError);
  });
});
