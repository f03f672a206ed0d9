import type { DomainEvent, OrderItem, paymentFailureReasons } from '@commerce/domain-events';

export type PaymentFailureReason = (typeof paymentFailureReasons)[number];

/**
 * The lifecycle of the one payment record kept per order (the record is also the idempotency key: orderId).
 *
 *   (none) --order.placed--> PENDING --charge--> CAPTURED --order.cancelled--> REFUNDED
 *                                     \-------> DECLINED
 *   (none) --order.cancelled--> CANCELLED (tombstone: a later order.placed is never charged)
 *   PENDING --order.cancelled--> PENDING + cancelRequested (the charge in flight ends in a refund, or never starts)
 *   PENDING --charge--> ACTION_REQUIRED --customer authenticates (webhook, then read from the provider)--> CAPTURED | DECLINED
 *                       ACTION_REQUIRED --expiry timer--> DECLINED (authentication_required; the payment cancelled at the provider)
 *                       ACTION_REQUIRED --order.cancelled--> CANCELLED (cancelled at the provider; completed meanwhile: CAPTURED, refunded)
 */
export type PaymentStatus = 'PENDING' | 'ACTION_REQUIRED' | 'CAPTURED' | 'DECLINED' | 'REFUNDED' | 'CANCELLED';

/** A payment waiting for the customer (ADR 0022): what they must do, and until when the payment waits. */
export interface CustomerAction {
  type: 'authenticate';
  requiredAt: string;
  expiresAt: string;
}

/** Who may call the provider for this record right now, and until when (a crashed holder's lease expires). */
export interface Lease {
  owner: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface CancelRequest {
  eventId: string;
  correlationId: string;
  requestedAt: string;
}

export interface PaymentRecord {
  orderId: string;
  customerId: string;
  status: PaymentStatus;
  /** Optimistic-concurrency version: every write is conditional on the version it read. */
  version: number;
  amountCents?: number;
  currency?: string;
  items?: OrderItem[];
  /** The provider's payment method reference from order.placed v2 (Stripe: pm_…). */
  paymentMethodId?: string;
  /** The order.placed event that created the charge (causation of the outcome event). */
  placedEventId?: string;
  correlationId?: string;
  lease?: Lease;
  /**
   * True while a charge may have happened without its outcome being recorded (it timed out: outcome unknown). Set
   * when the lease is released after ProviderOutcomeUnknownError, cleared when an outcome is recorded. While set, a
   * cancel cannot settle the order by itself: the charge is replayed with its key first, and a capture is refunded.
   * (A crashed holder's expired lease means the same: its takeover replays the charge.)
   */
  providerCallUnsettled?: boolean;
  /** The provider's payment: set on capture, and already while it waits for the customer (Stripe: the PaymentIntent id). */
  paymentId?: string;
  /** Only while ACTION_REQUIRED (kept afterwards as history). Never holds the client secret. */
  action?: CustomerAction;
  /** The expiry timer of the action still has to be scheduled (set with the ACTION_REQUIRED transition). */
  actionTimerPending?: boolean;
  capturedAt?: string;
  reason?: PaymentFailureReason;
  refundId?: string;
  refundedAt?: string;
  cancel?: CancelRequest;
  /** The receipt object still has to be written (set with the CAPTURED transition). */
  receiptPending?: boolean;
  /** Events decided by a transition but not yet confirmed as published (same-item outbox). */
  outbox?: DomainEvent[];
  updatedAt: string;
}

export const chargeIdempotencyKey = (orderId: string): string => `charge:${orderId}`;
export const refundIdempotencyKey = (orderId: string): string => `refund:${orderId}`;
export const cancelActionIdempotencyKey = (orderId: string): string => `cancel-action:${orderId}`;

export const leaseIsLive = (lease: Lease | undefined, nowMs: number): boolean => lease !== undefined && lease.expiresAt > nowMs;

/** The view the HTTP API returns; pending and tombstone records are not payments yet. */
export type VisiblePaymentStatus = 'CAPTURED' | 'DECLINED' | 'REFUNDED';
export const isVisible = (record: PaymentRecord): record is PaymentRecord & { status: VisiblePaymentStatus } =>
  record.status === 'CAPTURED' || record.status === 'DECLINED' || record.status === 'REFUNDED';
