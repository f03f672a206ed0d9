import type { DomainEvent } from '@commerce/domain-events';
import { applyPaymentFact, type PaymentFact, type PaymentOutcome } from '../domain/order';
import type { Log } from '../ports/log';
import { MAX_WRITE_ATTEMPTS, type OrdersDeps } from './deps';
import { ConcurrentModificationError, UnprocessableEventError } from './errors';

/** The payment events the orders inbox accepts. */
export const paymentEventTypes = ['payment.captured', 'payment.failed', 'payment.action.required', 'payment.refunded'] as const;
type PaymentEvent = Extract<DomainEvent, { type: (typeof paymentEventTypes)[number] }>;

export type ApplyResult = PaymentOutcome | 'duplicate';

const isPaymentEvent = (event: DomainEvent): event is PaymentEvent =>
  (paymentEventTypes as readonly string[]).includes(event.type);

export const toPaymentFact = (event: PaymentEvent): PaymentFact => {
  switch (event.type) {
    case 'payment.captured': {
      const { paymentId, amountCents, currency, capturedAt } = event.payload;
      return { kind: 'captured', paymentId, amountCents, currency, capturedAt };
    }
    case 'payment.failed':
      return { kind: 'failed', reason: event.payload.reason };
    case 'payment.action.required': {
      const { action, paymentId, expiresAt } = event.payload;
      return { kind: 'action-required', type: action, paymentId, expiresAt };
    }
    case 'payment.refunded': {
      const { refundId, paymentId, amountCents, currency, refundedAt } = event.payload;
      return { kind: 'refunded', refundId, paymentId, amountCents, currency, refundedAt };
    }
  }
};

/**
 * Applies a payment event to its order: idempotent on eventId (the id is stored in the same conditional write as
 * the change, so a redelivery finds it and does nothing), out-of-order safe (the domain never moves a status
 * backwards), and race-free against a concurrent cancel (version-conditioned write, re-read on conflict).
 */
export const applyPaymentEvent =
  ({ repository, clock }: Pick<OrdersDeps, 'repository' | 'clock'>) =>
  async (event: DomainEvent, log: Log): Promise<ApplyResult> => {
    if (!isPaymentEvent(event)) throw new UnprocessableEventError(`orders does not handle ${event.type}`);
    const { orderId, customerId } = event.payload;
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
      const stored = await repository.get(orderId);
      if (!stored) throw new UnprocessableEventError(`${event.type} for unknown order ${orderId}`);
      if (stored.order.customerId !== customerId) {
        throw new UnprocessableEventError(`${event.type} names customer ${customerId} but order ${orderId} belongs to another`);
      }
      if (stored.appliedEventIds.includes(event.eventId)) {
        log.info('duplicate event ignored', { orderId });
        return 'duplicate';
      }
      const applied = applyPaymentFact(stored.order, toPaymentFact(event), clock.now());
      const saved = await repository.update({ order: applied.order, expectedVersion: stored.version, appliedEventId: event.eventId });
      if (saved === 'saved') {
        const level = applied.outcome === 'recorded' && event.type !== 'payment.refunded' ? 'warn' : 'info';
        log[level]('payment event applied', { orderId, outcome: applied.outcome, note: applied.note, status: applied.order.status });
        return applied.outcome;
      }
      log.info('payment event lost a write race; re-reading', { orderId, attempt });
    }
    throw new ConcurrentModificationError(`order ${orderId} kept changing while applying ${event.eventId}`);
  };
