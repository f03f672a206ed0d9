import { applyPaymentFact, cancelOrder, OrderDomainError, OrderNotCancellableError, placeOrder, type Order, type PaymentFact } from './order';

const now = new Date('2026-11-29T10:00:00.000Z');
const later = new Date('2026-11-29T10:05:00.000Z');
const place = (): Order =>
  placeOrder({ id: 'ord_1', customerId: 'cus_1', currency: 'EUR', items: [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }, { sku: 'SKU-2', quantity: 1, unitPriceCents: 99 }], now });

const captured: PaymentFact = { kind: 'captured', paymentId: 'pay_1', amountCents: 2599, currency: 'EUR', capturedAt: later.toISOString() };
const failed: PaymentFact = { kind: 'failed', reason: 'card_declined' };
const refunded: PaymentFact = { kind: 'refunded', refundId: 'ref_1', paymentId: 'pay_1', amountCents: 2599, currency: 'EUR', refundedAt: later.toISOString() };

describe('placeOrder', () => {
  it('creates a PENDING_PAYMENT order with its total in cents', () => {
    expect(place()).toEqual({
      id: 'ord_1', customerId: 'cus_1', status: 'PENDING_PAYMENT', currency: 'EUR',
      items: [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }, { sku: 'SKU-2', quantity: 1, unitPriceCents: 99 }],
      totalCents: 2599, createdAt: now.toISOString(), updatedAt: now.toISOString(), refunds: [],
    });
  });

  it('refuses no items and a total that is not a safe integer', () => {
    expect(() => placeOrder({ id: 'o', customerId: 'c', currency: 'EUR', items: [], now })).toThrow(OrderDomainError);
    const huge = { sku: 'X', quantity: 1000, unitPriceCents: Number.MAX_SAFE_INTEGER };
    expect(() => placeOrder({ id: 'o', customerId: 'c', currency: 'EUR', items: [huge], now })).toThrow(expect.objectContaining({ code: 'total-too-large' }));
  });
});

describe('cancelOrder', () => {
  it.each(['PENDING_PAYMENT', 'PAID'] as const)('cancels from %s and remembers the previous status', (status) => {
    const cancelled = cancelOrder({ ...place(), status }, { now: later, reason: 'changed my mind' });
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.cancellation).toEqual({ cancelledAt: later.toISOString(), previousStatus: status, reason: 'changed my mind' });
    expect(cancelled.updatedAt).toBe(later.toISOString());
  });

  it.each([
    ['PAYMENT_FAILED', 'order-not-cancellable'],
    ['CANCELLED', 'order-already-cancelled'],
  ] as const)('refuses from %s with code %s', (status, code) => {
    const attempt = () => cancelOrder({ ...place(), status }, { now: later });
    expect(attempt).toThrow(OrderNotCancellableError);
    expect(attempt).toThrow(expect.objectContaining({ code, currentStatus: status }));
  });
});

describe('applyPaymentFact', () => {
  it('moves PENDING_PAYMENT to PAID on capture and to PAYMENT_FAILED on failure', () => {
    expect(applyPaymentFact(place(), captured, later)).toMatchObject({ outcome: 'transitioned', order: { status: 'PAID', payment: { paymentId: 'pay_1' } } });
    expect(applyPaymentFact(place(), failed, later)).toMatchObject({
      outcome: 'transitioned',
      order: { status: 'PAYMENT_FAILED', paymentFailure: { reason: 'card_declined' } },
    });
  });

  it('never moves a CANCELLED order back: a late capture or failure is only recorded', () => {
    const cancelled = cancelOrder(place(), { now });
    const late = applyPaymentFact(cancelled, captured, later);
    expect(late.outcome).toBe('recorded');
    expect(late.order.status).toBe('CANCELLED');
    expect(late.order.payment?.paymentId).toBe('pay_1');
    expect(applyPaymentFact(cancelled, failed, later).order.status).toBe('CANCELLED');
  });

  it('does not let a late failure undo PAID, nor a late capture undo PAYMENT_FAILED', () => {
    const paid = applyPaymentFact(place(), captured, later).order;
    expect(applyPaymentFact(paid, failed, later).order.status).toBe('PAID');
    const failedOrder = applyPaymentFact(place(), failed, later).order;
    expect(applyPaymentFact(failedOrder, captured, later).order.status).toBe('PAYMENT_FAILED');
  });

  it('records refunds once, whatever the status, even before the capture arrives', () => {
    const cancelled = cancelOrder(place(), { now });
    const once = applyPaymentFact(cancelled, refunded, later);
    expect(once.order.refunds).toHaveLength(1);
    expect(once.order.status).toBe('CANCELLED');
    expect(applyPaymentFact(once.order, refunded, later)).toMatchObject({ outcome: 'unchanged' });
  });

  it('treats the same capture twice as unchanged', () => {
    const paid = applyPaymentFact(place(), captured, later).order;
    expect(applyPaymentFact(paid, captured, later)).toEqual({ order: paid, outcome: 'unchanged', note: 'payment already recorded' });
  });
});

describe('a payment that waits for the customer (ADR 0022)', () => {
  const actionRequired: PaymentFact = { kind: 'action-required', type: 'authenticate', paymentId: 'pi_1', expiresAt: '2026-11-29T10:20:00.000Z' };

  it('keeps the order PENDING_PAYMENT with paymentAction until the outcome, which clears it', () => {
    const waiting = applyPaymentFact(place(), actionRequired, later);
    expect(waiting).toMatchObject({
      outcome: 'transitioned',
      order: { status: 'PENDING_PAYMENT', paymentAction: { type: 'authenticate', paymentId: 'pi_1', since: later.toISOString(), expiresAt: '2026-11-29T10:20:00.000Z' } },
    });
    expect(applyPaymentFact(waiting.order, actionRequired, later).outcome).toBe('unchanged');

    const paid = applyPaymentFact(waiting.order, captured, later).order;
    expect(paid.status).toBe('PAID');
    expect(paid).not.toHaveProperty('paymentAction');
    const failedOrder = applyPaymentFact(waiting.order, { kind: 'failed', reason: 'authentication_required' }, later).order;
    expect(failedOrder).toMatchObject({ status: 'PAYMENT_FAILED', paymentFailure: { reason: 'authentication_required' } });
    expect(failedOrder).not.toHaveProperty('paymentAction');
  });

  it('ignores an action that arrives after the outcome (SQS is not FIFO): nothing waits any more', () => {
    const paid = applyPaymentFact(place(), captured, later).order;
    const late = applyPaymentFact(paid, actionRequired, later);
    expect(late.outcome).toBe('unchanged');
    expect(late.order).toBe(paid);
  });

  it('lets the customer cancel while it waits (previousStatus PENDING_PAYMENT), dropping the action', () => {
    const waiting = applyPaymentFact(place(), actionRequired, later).order;
    const cancelled = cancelOrder(waiting, { now: later });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellation: { previousStatus: 'PENDING_PAYMENT' } });
    expect(cancelled).not.toHaveProperty('paymentAction');
  });
});

