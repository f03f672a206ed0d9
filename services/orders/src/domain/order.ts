/**
 * The Order aggregate: its states, invariants and transitions. Pure: no I/O, no AWS, no clocks (callers pass `now`).
 *
 *   PENDING_PAYMENT -> PAID | PAYMENT_FAILED        (payment outcome)
 *   PENDING_PAYMENT | PAID -> CANCELLED             (customer cancels)
 *
 * While PENDING_PAYMENT, `paymentAction` says the payment waits for the customer (the bank asked them to authenticate,
 * ADR 0022): the frontend completes it in place; the outcome then arrives like any other and clears it. (Not a status
 * of its own: a new value in the released `status` enum would break the API's clients.)
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

/** The customer action the payment waits for (payment.action.required): until the outcome, or `expiresAt`. */
export interface PaymentActionRecord {
  type: 'authenticate';
  paymentId: string;
  since: string;
  expiresAt: string;
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
  paymentAction?: PaymentActionRecord;
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
  const { paymentAction: _waiting, ...rest } = order; // payments cancels a payment that waits for the customer
  return {
    ...rest,
    status: 'CANCELLED',
    updatedAt: at,
    cancellation: { cancelledAt: at, previousStatus, ...(reason ? { reason } : {}) },
  };
};

/** What payments tells us about an order, in domain terms (the inbox maps events to these). */
export type PaymentFact =
  | { kind: 'captured'; paymentId: string; amountCents: number; currency: string; capturedAt: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'action-required'; type: 'authenticate'; paymentId: string; expiresAt: string }
  | { kind: 'refunded'; refundId: string; paymentId: string; amountCents: number; currency: string; refundedAt: string };

export type PaymentOutcome =
  /** The status changed (PAID / PAYMENT_FAILED), or a pending payment now waits for the customer. */
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

/** The order without a customer action: the payment's outcome ends the wait. */
const settled = (order: Order): Order => {
  const { paymentAction: _settled, ...rest } = order;
  return rest;
};

export const applyPaymentFact = (order: Order, fact: PaymentFact, now: Date): AppliedPayment => {
  const at = now.toISOString();
  switch (fact.kind) {
    case 'action-required': {
      if (order.paymentAction?.paymentId === fact.paymentId) return { order, outcome: 'unchanged', note: 'customer action already recorded' };
      if (order.status !== 'PENDING_PAYMENT') {
        // Late (SQS is not FIFO): the payment's outcome overtook it. Nothing waits any more.
        return { order, outcome: 'unchanged', note: `action required arrived while ${order.status}; ignored` };
      }
      const paymentAction: PaymentActionRecord = { type: fact.type, paymentId: fact.paymentId, since: at, expiresAt: fact.expiresAt };
      return { order: { ...order, paymentAction, updatedAt: at }, outcome: 'transitioned', note: 'PENDING_PAYMENT: waits for the customer to authenticate' };
    }
    case 'captured': {
      const { kind: _kind, ...payment } = fact;
      if (order.payment?.paymentId === fact.paymentId) return { order, outcome: 'unchanged', note: 'payment already recorded' };
      if (order.status === 'PENDING_PAYMENT') {
        return { order: { ...settled(order), status: 'PAID', payment, updatedAt: at }, outcome: 'transitioned', note: 'PENDING_PAYMENT -> PAID' };
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
          order: { ...settled(order), status: 'PAYMENT_FAILED', paymentFailure: { reason: fact.reason, failedAt: at }, updatedAt: at },
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
