/**
 * The Order aggregate: its states, invariants and transitions. Pure: no I/O, no AWS, no clocks (callers pass `now`).
 *
 *   PENDING_PAYMENT -> PAID | PAYMENT_FAILED        (payment outcome)
 *   PENDING_PAYMENT | PAID -> CANCELLED             (customer cancels)
 *
 * Payment facts can arrive late or out of order (SQS is not FIFO, payments and orders race): a fact that does not fit
 * the current state is RECORDED on the order but never moves its status backwards (a late capture never revives a
 * CANCELLED order).
 */
export const orderStatuses = ['PENDING_PAYMENT', 'PAID', 'PAYMENT_FAILED', 'CANCELLED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const MAX_ITEMS = 100;

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

export interface PaymentRecord {
  paymentId: string;
  amountCents: number;
  currency: string;
  capturedAt: string;
}

export interface PaymentFailureRecord {
  reason: string;
  failedAt: string;
}

export interface RefundRecord {
  refundId: string;
  paymentId: string;
  amountCents: number;
  currency: string;
  refundedAt: string;
}

export interface CancellationRecord {
  cancelledAt: string;
  previousStatus: 'PENDING_PAYMENT' | 'PAID';
  reason?: string;
}

export interface Order {
  id: string;
  customerId: string;
  status: OrderStatus;
  currency: string;
  items: OrderLine[];
  totalCents: number;
  createdAt: string;
  updatedAt: string;
  payment?: PaymentRecord;
  paymentFailure?: PaymentFailureRecord;
  refunds: RefundRecord[];
  cancellation?: CancellationRecord;
}

export class OrderDomainError extends Error {
  override readonly name: string = 'OrderDomainError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class OrderNotCancellableError extends OrderDomainError {
  override readonly name = 'OrderNotCancellableError';
  constructor(readonly currentStatus: OrderStatus) {
    super(
      currentStatus === 'CANCELLED' ? 'order-already-cancelled' : 'order-not-cancellable',
      currentStatus === 'CANCELLED'
        ? 'The order is already cancelled.'
        : `An order in status ${currentStatus} cannot be cancelled; only PENDING_PAYMENT and PAID orders can.`,
    );
  }
}

export const totalOf = (items: readonly OrderLine[]): number =>
  items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0);

export interface PlaceOrderInput {
  id: string;
  customerId: string;
  currency: string;
  items: readonly OrderLine[];
  now: Date;
}

export const placeOrder = ({ id, customerId, currency, items, now }: PlaceOrderInput): Order => {
  if (items.length === 0 || items.length > MAX_ITEMS) {
    throw new OrderDomainError('invalid-items', `An order has 1..${MAX_ITEMS} items.`);
  }
  const totalCents = totalOf(items);
  if (!Number.isSafeInteger(totalCents)) {
    throw new OrderDomainError('total-too-large', 'The order total exceeds the largest amount we can represent exactly.');
  }
  const at = now.toISOString();
  return {
    id,
    customerId,
    status: 'PENDING_PAYMENT',
    currency,
    items: items.map((item) => ({ sku: item.sku, quantity: item.quantity, unitPriceCents: item.unitPriceCents })),
    totalCents,
    createdAt: at,
    updatedAt: at,
    refunds: [],
  };
};

export const isCancellable = (status: OrderStatus): status is 'PENDING_PAYMENT' | 'PAID' =>
  status === 'PENDING_PAYMENT' || status === 'PAID';

export const cancelOrder = (order: Order, { now, reason }: { now: Date; reason?: string }): Order => {
  const previousStatus = order.status;
  if (!isCancellable(previousStatus)) throw new OrderNotCancellableError(previousStatus);
  const at = now.toISOString();
  return {
    ...order,
    status: 'CANCELLED',
    updatedAt: at,
    cancellation: { cancelledAt: at, previousStatus, ...(reason ? { reason } : {}) },
  };
};

/** What payments tells us about an order, in domain terms (the inbox maps events to these). */
export type PaymentFact =
  | { kind: 'captured'; paymentId: string; amountCents: number; currency: string; capturedAt: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'refunded'; refundId: string; paymentId: string; amountCents: number; currency: string; refundedAt: string };

export type PaymentOutcome =
  /** The status changed (PAID / PAYMENT_FAILED). */
  | 'transitioned'
  /** The fact was stored on the order but, arriving late or out of order, did not change its status. */
  | 'recorded'
  /** Nothing new: the order already knew this fact. */
  | 'unchanged';

export interface AppliedPayment {
  order: Order;
  outcome: PaymentOutcome;
  /** Human-readable why, for the log line. */
  note: string;
}

export const applyPaymentFact = (order: Order, fact: PaymentFact, now: Date): AppliedPayment => {
  const at = now.toISOString();
  switch (fact.kind) {
    case 'captured': {
      const { kind: _kind, ...payment } = fact;
      if (order.payment?.paymentId === fact.paymentId) return { order, outcome: 'unchanged', note: 'payment already recorded' };
      if (order.status === 'PENDING_PAYMENT') {
        return { order: { ...order, status: 'PAID', payment, updatedAt: at }, outcome: 'transitioned', note: 'PENDING_PAYMENT -> PAID' };
      }
      // Late capture (e.g. after a cancel): keep the status, remember the money was taken so a refund is traceable.
      return {
        order: { ...order, payment: order.payment ?? payment, updatedAt: at },
        outcome: 'recorded',
        note: `capture arrived while ${order.status}; status kept`,
      };
    }
    case 'failed': {
      if (order.status === 'PENDING_PAYMENT') {
        return {
          order: { ...order, status: 'PAYMENT_FAILED', paymentFailure: { reason: fact.reason, failedAt: at }, updatedAt: at },
          outcome: 'transitioned',
          note: 'PENDING_PAYMENT -> PAYMENT_FAILED',
        };
      }
      if (order.paymentFailure) return { order, outcome: 'unchanged', note: 'failure already recorded' };
      return {
        order: { ...order, paymentFailure: { reason: fact.reason, failedAt: at }, updatedAt: at },
        outcome: 'recorded',
        note: `failure arrived while ${order.status}; status kept`,
      };
    }
    case 'refunded': {
      if (order.refunds.some((refund) => refund.refundId === fact.refundId)) {
        return { order, outcome: 'unchanged', note: 'refund already recorded' };
      }
      const { kind: _kind, ...refund } = fact;
      return { order: { ...order, refunds: [...order.refunds, refund], updatedAt: at }, outcome: 'recorded', note: 'refund recorded' };
    }
  }
};
