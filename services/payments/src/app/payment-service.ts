import { randomUUID } from 'node:crypto';
import { createEvent, type DomainEvent, type DomainEventOf } from '@commerce/domain-events';
import type { BusinessMetrics } from '@commerce/service-kit';
import { ConcurrentUpdateError, PaymentInProgressError, RetryLaterError } from '../domain/errors';
import {
  cancelActionIdempotencyKey,
  chargeIdempotencyKey,
  leaseIsLive,
  refundIdempotencyKey,
  type CancelRequest,
  type PaymentRecord,
  type PaymentStatus,
} from '../domain/payment';
import { receiptFor } from '../domain/receipt';
import type { ActionTimer } from '../ports/action-timer';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import { ProviderOutcomeUnknownError, TransientProviderError, type ChargeResult, type PaymentProvider } from '../ports/payment-provider';
import type { PaymentRepository } from '../ports/payment-repository';
import type { ReceiptStore } from '../ports/receipt-store';

export interface AppLog {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
}

const silent: AppLog = { info: () => undefined, warn: () => undefined };

export interface PaymentServiceDeps {
  repository: PaymentRepository;
  provider: PaymentProvider;
  receipts: ReceiptStore;
  publisher: EventPublisher;
  clock: Clock;
  /** Lease owner ids (one per handling of a message). */
  newId?: () => string;
  /**
   * How long a holder may keep the record while it calls the provider. Must exceed the consumer's timeout, so a
   * live holder never loses its lease; after it, a crashed holder's work is taken over (and the call replayed).
   */
  leaseMs?: number;
  /**
   * How long a message that finds its order held by another worker waits (polling) for it to finish before failing
   * its record for a later redelivery. Duplicates usually arrive together and the holder needs well under a second:
   * waiting spares them a visibility timeout and an error. 0 fails at once. Default 2000.
   */
  holderWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Schedules the expiry of a customer action (ADR 0022); needed as soon as a charge asks for one. */
  actionTimer?: ActionTimer;
  /** How long a payment waits for the customer to authenticate before it fails `authentication_required`. Default 900 (SQS's longest delay). */
  actionTimeoutSeconds?: number;
  /** Counts PaymentsCaptured / PaymentsDeclined / PaymentsRefunded when the outcome is stored (once per order: ADR 0017). */
  metrics?: BusinessMetrics;
}

const HOLDER_POLL_MS = 200;

/** SQS DelaySeconds at most: the expiry timer is one delayed message. */
const MAX_ACTION_TIMEOUT_SECONDS = 900;

/** Why a payment waiting for the customer is looked at: the provider notified a change, its time is up, or the order was cancelled. */
type WaitingTrigger = 'notified' | 'expired' | 'cancel';

/** Optimistic rounds before giving up and letting SQS redeliver (only reached under heavy contention). */
const MAX_ROUNDS = 10;

const isConflict = (error: unknown): boolean => error instanceof ConcurrentUpdateError;

/**
 * Charges each order exactly once and refunds it at most once, whatever the duplicates, concurrency or order of
 * arrival of order.placed / order.cancelled. All state of an order lives in ONE DynamoDB item written with
 * conditional writes (version check), including an outbox of events still to publish and a receipt-pending flag, so
 * a crash between steps is repaired by the next delivery without ever calling the provider twice with different keys.
 */
export class PaymentService {
  private readonly newId: () => string;
  private readonly leaseMs: number;
  private readonly holderWaitMs: number;
  private readonly actionTimeoutSeconds: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: PaymentServiceDeps) {
    this.newId = deps.newId ?? randomUUID;
    this.leaseMs = deps.leaseMs ?? 60_000;
    this.holderWaitMs = deps.holderWaitMs ?? 2_000;
    this.actionTimeoutSeconds = deps.actionTimeoutSeconds ?? MAX_ACTION_TIMEOUT_SECONDS;
    if (!(this.actionTimeoutSeconds > 0 && this.actionTimeoutSeconds <= MAX_ACTION_TIMEOUT_SECONDS)) {
      throw new Error(`actionTimeoutSeconds must be within 1..${MAX_ACTION_TIMEOUT_SECONDS}, got ${this.actionTimeoutSeconds}`);
    }
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Charges the order once (whatever the duplicates); throws RetryLaterError subclasses to have it redelivered. */
  onOrderPlaced(event: DomainEventOf<'order.placed'>, log: AppLog = silent): Promise<void> {
    return this.patiently(() => this.placed(event, log));
  }

  /** Refunds a captured order once, or makes sure it is never charged. */
  onOrderCancelled(event: DomainEventOf<'order.cancelled'>, log: AppLog = silent): Promise<void> {
    return this.patiently(() => this.cancelled(event, log));
  }

  /**
   * The provider notified a change of the order's payment (a verified webhook): a payment waiting for the customer is
   * settled from what the provider says NOW (captured, declined, or still waiting). Anything else: nothing to do.
   */
  onActionCheck(orderId: string, log: AppLog = silent): Promise<void> {
    return this.patiently(() => this.waitingCheck(orderId, 'notified', log));
  }

  /** The customer's time is up: a payment still waiting is cancelled at the provider and fails `authentication_required`. */
  onActionExpired(orderId: string, log: AppLog = silent): Promise<void> {
    return this.patiently(() => this.waitingCheck(orderId, 'expired', log));
  }

  /** Retries work that found its order held by another worker, for up to `holderWaitMs` (wall-clock). */
  private async patiently(work: () => Promise<void>): Promise<void> {
    const deadline = Date.now() + this.holderWaitMs;
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof PaymentInProgressError) || Date.now() + HOLDER_POLL_MS > deadline) throw error;
        await this.sleep(HOLDER_POLL_MS);
      }
    }
  }

  private async placed(event: DomainEventOf<'order.placed'>, log: AppLog): Promise<void> {
    const { repository } = this.deps;
    const me = this.newId();
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const current = await repository.get(event.payload.orderId);
      if (!current) {
        const record = this.pendingFrom(event, me);
        try {
          await repository.create(record);
        } catch (error) {
          if (isConflict(error)) continue;
          throw error;
        }
        return this.chargeHeld(record, me, log);
      }
      switch (current.status) {
        case 'CANCELLED':
          log.info('order was cancelled before its order.placed arrived: not charging', { orderId: current.orderId });
          return;
        case 'CAPTURED':
        case 'DECLINED':
        case 'REFUNDED': {
          // A cancel recorded while the charge was in flight whose refund did not complete yet: finish it.
          if (current.status === 'CAPTURED' && current.cancel) return this.refundOnce(current.orderId, undefined, me, log);
          log.info('duplicate order.placed: the order is already settled', { orderId: current.orderId, status: current.status });
          const outcome = await this.settleAbandoned(current, me, log);
          if (outcome === 'retry') continue;
          if (outcome === 'held-by-other') throw new PaymentInProgressError(`order ${current.orderId} is being settled by another worker; retry later`);
          return;
        }
        case 'PENDING': {
          const outcome = await this.resolvePending(current, me, log);
          if (outcome === 'retry') continue;
          if (outcome === 'held-by-other') {
            throw new PaymentInProgressError(`order ${current.orderId} is being charged by another worker; retry later`);
          }
          return;
        }
        case 'ACTION_REQUIRED': {
          // A cancel whose provider call failed transiently: finish it. Otherwise a duplicate: finish what was left.
          log.info('duplicate order.placed: the payment waits for the customer', { orderId: current.orderId, cancelRequested: Boolean(current.cancel) });
          const outcome = current.cancel ? await this.resolveWaiting(current, 'cancel', me, log) : await this.settleAbandoned(current, me, log);
          if (outcome === 'retry') continue;
          if (outcome === 'held-by-other') throw new PaymentInProgressError(`order ${current.orderId} is being settled by another worker; retry later`);
          return;
        }
      }
    }
    throw new RetryLaterError(`too much contention on order ${event.payload.orderId}`);
  }

  private async cancelled(event: DomainEventOf<'order.cancelled'>, log: AppLog): Promise<void> {
    const { repository, clock } = this.deps;
    const { orderId, customerId } = event.payload;
    const cancel: CancelRequest = { eventId: event.eventId, correlationId: event.correlationId, requestedAt: clock.now().toISOString() };
    const me = this.newId();
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const current = await repository.get(orderId);
      if (!current) {
        // Out of order: the cancel overtook its order.placed. The tombstone makes the later order.placed a no-op.
        try {
          await repository.create({ orderId, customerId, status: 'CANCELLED', version: 1, cancel, updatedAt: cancel.requestedAt });
          log.info('cancellation recorded before any payment: the order will not be charged', { orderId });
          return;
        } catch (error) {
          if (isConflict(error)) continue;
          throw error;
        }
      }
      switch (current.status) {
        case 'CANCELLED':
          return;
        case 'DECLINED':
        case 'REFUNDED': {
          if (current.status === 'DECLINED') log.info('cancelled order was never charged (declined): nothing to refund', { orderId });
          const outcome = await this.settleAbandoned(current, me, log);
          if (outcome === 'retry') continue;
          if (outcome === 'held-by-other') throw new PaymentInProgressError(`order ${orderId} is being settled by another worker; retry later`);
          return;
        }
        case 'CAPTURED':
          return this.refundOnce(orderId, cancel, me, log);
        case 'PENDING': {
          const record = await this.withCancelRecorded(current, cancel);
          if (record === 'retry') continue;
          // A live holder sees the cancel request when it records its outcome, and refunds what it captured.
          if (leaseIsLive(record.lease, clock.now().getTime())) {
            log.info('cancel requested while the charge is in flight: its holder will refund', { orderId });
            return;
          }
          const outcome = await this.resolvePending(record, me, log);
          if (outcome === 'retry') continue;
          if (outcome === 'held-by-other') return;
          return;
        }
        case 'ACTION_REQUIRED': {
          // The cancel is recorded first: whoever holds the record now, the next one to look at it cancels the payment.
          const record = await this.withCancelRecorded(current, cancel);
          if (record === 'retry') continue;
          const outcome = await this.resolveWaiting(record, 'cancel', me, log);
          if (outcome === 'retry') continue;
          if (outcome === 'held-by-other') throw new PaymentInProgressError(`order ${orderId} is being settled by another worker; retry later`);
          return;
        }
      }
    }
    throw new RetryLaterError(`too much contention on order ${orderId}`);
  }

  /** The record with the cancel request stored (the first one kept), or 'retry' when it changed meanwhile. */
  private async withCancelRecorded(current: PaymentRecord, cancel: CancelRequest): Promise<PaymentRecord | 'retry'> {
    if (current.cancel) return current;
    const record = this.next(current, { cancel });
    try {
      await this.deps.repository.replace(record);
    } catch (error) {
      if (isConflict(error)) return 'retry';
      throw error;
    }
    return record;
  }

  /**
   * A PENDING record nobody is (visibly) working on: with a cancel request and no charge that may have happened (no
   * lease left by a crashed holder, no charge whose outcome is unknown) it is cancelled outright; otherwise this
   * worker takes the lease and (re)plays the charge with the same key: the provider returns what the earlier call
   * did, and a capture found this way is refunded.
   */
  private async resolvePending(current: PaymentRecord, me: string, log: AppLog): Promise<'done' | 'retry' | 'held-by-other'> {
    const { repository, clock } = this.deps;
    if (leaseIsLive(current.lease, clock.now().getTime())) return 'held-by-other';
    if (current.cancel && !current.lease && !current.providerCallUnsettled) {
      try {
        await repository.replace(this.next(current, { status: 'CANCELLED' }));
      } catch (error) {
        if (isConflict(error)) return 'retry';
        throw error;
      }
      log.info('order cancelled before the charge started: not charging', { orderId: current.orderId });
      return 'done';
    }
    if (current.lease) log.warn('taking over an abandoned charge: replaying it with the same idempotency key', { orderId: current.orderId });
    else if (current.providerCallUnsettled) {
      log.warn('an earlier charge has an unknown outcome: replaying it with the same idempotency key before settling', {
        orderId: current.orderId,
        cancelRequested: Boolean(current.cancel),
      });
    }
    const held = this.next(current, { lease: this.leaseFor(me) });
    try {
      await repository.replace(held);
    } catch (error) {
      if (isConflict(error)) return 'retry';
      throw error;
    }
    await this.chargeHeld(held, me, log);
    return 'done';
  }

  /** Calls the provider while holding the lease, records the outcome (keeping any cancel that arrived meanwhile). */
  private async chargeHeld(held: PaymentRecord, me: string, log: AppLog): Promise<void> {
    const { provider } = this.deps;
    let result: ChargeResult;
    try {
      result = await provider.charge({
        idempotencyKey: chargeIdempotencyKey(held.orderId),
        orderId: held.orderId,
        customerId: held.customerId,
        amountCents: held.amountCents ?? 0,
        currency: held.currency ?? 'EUR',
        ...(held.paymentMethodId ? { paymentMethodId: held.paymentMethodId } : {}),
      });
    } catch (error) {
      if (error instanceof TransientProviderError) {
        // An unknown outcome is remembered: the next worker, a cancel included, replays the charge before settling.
        const unknown = error instanceof ProviderOutcomeUnknownError;
        await this.releaseLease(held, me, unknown ? { providerCallUnsettled: true } : {});
        log.warn(unknown ? 'charge outcome unknown: it will be replayed with the same key' : 'provider failed transiently: the message will be retried', {
          orderId: held.orderId,
          reason: error.message,
        });
      }
      throw error;
    }
    return this.recordOutcome(held, result, me, log);
  }

  /**
   * Records a provider outcome on the record this worker holds (`held.status` is what it held it in), keeping any
   * cancel that arrived meanwhile, then does what follows: a cancelled capture is refunded, a payment that waits for
   * a cancelled order is cancelled, everything else is settled (receipt, timer, events).
   */
  private async recordOutcome(held: PaymentRecord, result: ChargeResult, me: string, log: AppLog): Promise<void> {
    const { repository } = this.deps;
    const from: PaymentStatus = held.status;
    let current = held;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const outcome = this.withChargeOutcome(current, result);
      try {
        await repository.replace(outcome);
      } catch (error) {
        if (!isConflict(error)) throw error;
        const fresh = await repository.get(held.orderId);
        if (fresh?.status !== from || fresh.lease?.owner !== me) {
          throw new RetryLaterError(`lost the lease on order ${held.orderId} while settling its payment; the new holder replays the provider call`);
        }
        current = fresh;
        continue;
      }
      if (outcome.status === 'ACTION_REQUIRED') {
        log.info('payment waits for the customer to authenticate', { orderId: outcome.orderId, paymentId: outcome.paymentId, expiresAt: outcome.action?.expiresAt });
        await this.settleHeld(outcome, me, log);
        if (outcome.cancel) {
          log.info('the order was cancelled while it was being charged: cancelling the payment that waits for the customer', { orderId: outcome.orderId });
          return this.waitingCheck(outcome.orderId, 'cancel', log);
        }
        return;
      }
      this.deps.metrics?.count(outcome.status === 'CAPTURED' ? 'PaymentsCaptured' : 'PaymentsDeclined');
      log.info(outcome.status === 'CAPTURED' ? 'payment captured' : 'payment declined', {
        orderId: outcome.orderId,
        amountCents: outcome.amountCents,
        ...(from === 'ACTION_REQUIRED' ? { afterCustomerAction: true } : {}),
        ...(outcome.reason ? { reason: outcome.reason } : {}),
      });
      if (outcome.status === 'CAPTURED' && outcome.cancel) {
        log.info('the order was cancelled while it was being charged: refunding', { orderId: outcome.orderId });
        return this.refundOnce(outcome.orderId, undefined, me, log);
      }
      return this.settleHeld(outcome, me, log);
    }
    throw new RetryLaterError(`too much contention on order ${held.orderId}`);
  }

  /** Looks at a payment that waits for the customer; anything else is left alone (duplicates, late webhooks, timers). */
  private async waitingCheck(orderId: string, trigger: WaitingTrigger, log: AppLog): Promise<void> {
    const me = this.newId();
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const current = await this.deps.repository.get(orderId);
      if (current?.status !== 'ACTION_REQUIRED') {
        log.info('no payment of this order waits for the customer: nothing to do', { orderId, trigger, status: current?.status });
        return;
      }
      const expiresAt = Date.parse(current.action?.expiresAt ?? '');
      if (trigger === 'expired' && !current.cancel && expiresAt > this.deps.clock.now().getTime()) {
        // Early (clock skew, or not our timer): come back after the visibility timeout; by then it has expired.
        throw new RetryLaterError(`the customer action on order ${orderId} expires at ${current.action?.expiresAt}: not yet`);
      }
      const outcome = await this.resolveWaiting(current, current.cancel ? 'cancel' : trigger, me, log);
      if (outcome === 'retry') continue;
      if (outcome === 'held-by-other') throw new PaymentInProgressError(`order ${orderId} is being settled by another worker; retry later`);
      return;
    }
    throw new RetryLaterError(`too much contention on order ${orderId}`);
  }

  /**
   * Settles an ACTION_REQUIRED record while holding its lease, from the provider's answer: a notification reads the
   * payment (captured / declined / still waiting); an expiry or a cancel cancels it at the provider first, so the
   * customer can no longer complete it — unless they just did, in which case it is captured (and, for a cancelled
   * order, refunded). The same key on every replay: `cancel-action:{orderId}`.
   */
  private async resolveWaiting(current: PaymentRecord, trigger: WaitingTrigger, me: string, log: AppLog): Promise<'done' | 'retry' | 'held-by-other'> {
    const { provider, repository } = this.deps;
    const held = await this.holdLease(current, me);
    if (typeof held === 'string') return held;
    const paymentId = held.paymentId;
    if (!paymentId) throw new Error(`payment of order ${held.orderId} waits for the customer but has no paymentId`);
    let result: ChargeResult | { outcome: 'cancelled' };
    try {
      if (trigger === 'notified') {
        result = await provider.actionOutcome(paymentId);
      } else {
        const cancelled = await provider.cancelAction(paymentId, cancelActionIdempotencyKey(held.orderId));
        result = cancelled.outcome === 'captured' ? cancelled : trigger === 'expired' ? { outcome: 'declined', reason: 'authentication_required' } : cancelled;
      }
    } catch (error) {
      if (error instanceof TransientProviderError) {
        // Nothing is recorded: the record stays ACTION_REQUIRED (with its cancel request), and the redelivered
        // message (webhook check, timer or cancel) asks the provider again with the same key.
        await this.releaseLease(held, me);
        log.warn('provider failed transiently on a payment that waits for the customer: it will be retried', { orderId: held.orderId, trigger });
      }
      throw error;
    }
    if (result.outcome === 'action_required') {
      await this.releaseLease(held, me);
      log.info('the payment still waits for the customer', { orderId: held.orderId, trigger });
      return 'done';
    }
    if (result.outcome === 'cancelled') {
      let latest: PaymentRecord | undefined = held;
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        if (latest?.status !== 'ACTION_REQUIRED' || latest.lease?.owner !== me) break;
        const cancelled = this.next(latest, { status: 'CANCELLED', actionTimerPending: undefined });
        try {
          await repository.replace(cancelled);
        } catch (error) {
          if (!isConflict(error)) throw error;
          latest = await repository.get(held.orderId);
          continue;
        }
        log.info('order cancelled while its payment waited for the customer: payment cancelled, nothing was charged', { orderId: held.orderId });
        await this.settleHeld(cancelled, me, log);
        return 'done';
      }
      throw new RetryLaterError(`lost the lease on order ${held.orderId} while cancelling its payment; retry later`);
    }
    await this.recordOutcome(held, result, me, log);
    return 'done';
  }

  /** Drives a cancelled order's CAPTURED record to REFUNDED (exactly one provider refund, same key on replays). */
  private async refundOnce(orderId: string, cancel: CancelRequest | undefined, me: string, log: AppLog): Promise<void> {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const current = await this.deps.repository.get(orderId);
      if (current?.status === 'REFUNDED') {
        const outcome = await this.settleAbandoned(current, me, log);
        if (outcome === 'retry') continue;
        if (outcome === 'held-by-other') throw new PaymentInProgressError(`order ${orderId} is being settled by another worker; retry later`);
        return;
      }
      if (current?.status !== 'CAPTURED') return;
      const withCancel = current.cancel ? current : cancel ? { ...current, cancel } : undefined;
      if (!withCancel) return;
      const outcome = await this.refundCaptured(withCancel, me, log);
      if (outcome === 'done') return;
      if (outcome === 'held-by-other') throw new PaymentInProgressError(`order ${orderId} is being refunded by another worker; retry later`);
    }
    throw new RetryLaterError(`too much contention on order ${orderId}`);
  }

  /**
   * The record with `me` holding its lease: as it is when `me` already holds it, else taken over by a conditional
   * replace (`retry` when the record changed meanwhile); `held-by-other` while another worker's lease is live.
   */
  private async holdLease(record: PaymentRecord, me: string): Promise<PaymentRecord | 'retry' | 'held-by-other'> {
    if (record.lease?.owner === me) return record;
    if (leaseIsLive(record.lease, this.deps.clock.now().getTime())) return 'held-by-other';
    const held = this.next(record, { lease: this.leaseFor(me) });
    try {
      await this.deps.repository.replace(held);
    } catch (error) {
      if (isConflict(error)) return 'retry';
      throw error;
    }
    return held;
  }

  /** Refunds a CAPTURED record once; the caller makes sure `captured.cancel` is set. */
  private async refundCaptured(captured: PaymentRecord, me: string, log: AppLog): Promise<'done' | 'retry' | 'held-by-other'> {
    const { provider, repository, clock } = this.deps;
    const held = await this.holdLease(captured, me);
    if (typeof held === 'string') return held;
    let refundId: string;
    try {
      ({ refundId } = await provider.refund({
        idempotencyKey: refundIdempotencyKey(held.orderId),
        paymentId: held.paymentId!,
        amountCents: held.amountCents!,
        currency: held.currency!,
      }));
    } catch (error) {
      if (error instanceof TransientProviderError) {
        // The record stays CAPTURED with its cancel request: only a refund result moves it on, so the redelivered
        // cancel (or any later message for the order) replays the refund with the same key, whatever happened.
        await this.releaseLease(held, me);
        log.warn('provider failed transiently on refund: it will be replayed with the same key', {
          orderId: held.orderId,
          outcomeUnknown: error instanceof ProviderOutcomeUnknownError,
        });
      }
      throw error;
    }
    let current = held;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const refundedAt = clock.now().toISOString();
      const cancel = current.cancel ?? held.cancel!;
      const refunded = this.next(current, {
        status: 'REFUNDED',
        refundId,
        refundedAt,
        outbox: [
          ...(current.outbox ?? []),
          createEvent(
            'payment.refunded',
            {
              orderId: current.orderId,
              customerId: current.customerId,
              paymentId: current.paymentId!,
              refundId,
              amountCents: current.amountCents!,
              currency: current.currency!,
              refundedAt,
            },
            { correlationId: cancel.correlationId, causationId: cancel.eventId },
          ),
        ],
      });
      try {
        await repository.replace(refunded);
      } catch (error) {
        if (!isConflict(error)) throw error;
        const fresh = await repository.get(held.orderId);
        if (fresh?.status !== 'CAPTURED' || fresh.lease?.owner !== me) {
          throw new RetryLaterError(`lost the lease on order ${held.orderId} while refunding`);
        }
        current = fresh;
        continue;
      }
      this.deps.metrics?.count('PaymentsRefunded');
      log.info('payment refunded', { orderId: refunded.orderId, amountCents: refunded.amountCents });
      await this.settleHeld(refunded, me, log);
      return 'done';
    }
    throw new RetryLaterError(`too much contention on order ${held.orderId}`);
  }

  /**
   * Performs what a transition decided but has not happened yet, while holding the lease (kept from the transition
   * so duplicates wait instead of publishing too): writes the receipt, schedules the expiry and publishes the outbox,
   * all at once, then clears them and the lease. A replay after a crash republishes the same events (same eventIds: consumers dedupe on them).
   */
  private async settleHeld(record: PaymentRecord, me: string, log: AppLog): Promise<void> {
    const { receipts, publisher, repository } = this.deps;
    const events: DomainEvent[] = record.outbox ?? [];
    // Independent and each idempotent, so at once: the events do not wait for the receipt's upload. All settle before
    // the lease is released; whatever failed stays pending for the retry.
    const settled = await Promise.allSettled([
      record.receiptPending ? receipts.save(receiptFor(record)) : undefined,
      record.actionTimerPending ? this.scheduleExpiry(record) : undefined,
      events.length > 0 ? publisher.publish(events) : undefined,
    ]);
    const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failure) {
      await this.releaseLease(record, me);
      throw failure.reason;
    }
    const published = new Set(events.map((event) => event.eventId));
    let current: PaymentRecord | undefined = record;
    for (let round = 0; round < MAX_ROUNDS && current; round += 1) {
      const remaining = (current.outbox ?? []).filter((event) => !published.has(event.eventId));
      try {
        await repository.replace(
          this.next(current, {
            outbox: remaining.length ? remaining : undefined,
            receiptPending: (current.receiptPending && !record.receiptPending) || undefined,
            actionTimerPending: (current.actionTimerPending && !record.actionTimerPending) || undefined,
            lease: current.lease?.owner === me ? undefined : current.lease,
          }),
        );
        if (events.length > 0) log.info('outcome published', { orderId: record.orderId, events: events.map((event) => event.type) });
        return;
      } catch (error) {
        if (!isConflict(error)) throw error;
        current = await repository.get(record.orderId);
      }
    }
  }

  /** A settled record whose receipt or events were left behind by a worker that failed: finish its work. */
  private async settleAbandoned(current: PaymentRecord, me: string, log: AppLog): Promise<'done' | 'retry' | 'held-by-other'> {
    if (leaseIsLive(current.lease, this.deps.clock.now().getTime())) return 'held-by-other';
    if (!current.outbox?.length && !current.receiptPending && !current.actionTimerPending && !current.lease) return 'done';
    const held = this.next(current, { lease: this.leaseFor(me) });
    try {
      await this.deps.repository.replace(held);
    } catch (error) {
      if (isConflict(error)) return 'retry';
      throw error;
    }
    log.warn('finishing a settlement another worker left undone', { orderId: current.orderId });
    await this.settleHeld(held, me, log);
    return 'done';
  }

  /** The wake-up at the action's expiry (a delayed inbox message); a late or duplicate one finds nothing to do. */
  private async scheduleExpiry(record: PaymentRecord): Promise<void> {
    const { actionTimer, clock } = this.deps;
    if (!actionTimer) throw new Error(`payment of order ${record.orderId} waits for the customer but no action timer is configured: it could never expire`);
    const remainingMs = Date.parse(record.action?.expiresAt ?? '') - clock.now().getTime();
    const delaySeconds = Math.min(MAX_ACTION_TIMEOUT_SECONDS, Math.max(0, Math.ceil((Number.isFinite(remainingMs) ? remainingMs : 0) / 1000)));
    await actionTimer.expireLater(record.orderId, delaySeconds);
  }

  private async releaseLease(held: PaymentRecord, me: string, changes: Partial<PaymentRecord> = {}): Promise<void> {
    let current: PaymentRecord | undefined = held;
    for (let round = 0; round < MAX_ROUNDS && current?.lease?.owner === me; round += 1) {
      try {
        await this.deps.repository.replace(this.next(current, { ...changes, lease: undefined }));
        return;
      } catch (error) {
        if (!isConflict(error)) throw error;
        current = await this.deps.repository.get(held.orderId);
      }
    }
  }

  private withChargeOutcome(current: PaymentRecord, result: ChargeResult): PaymentRecord {
    const context = { correlationId: current.correlationId ?? current.orderId, causationId: current.placedEventId ?? current.orderId };
    const base = { orderId: current.orderId, customerId: current.customerId, amountCents: current.amountCents!, currency: current.currency! };
    if (result.outcome === 'action_required') {
      const now = this.deps.clock.now();
      const expiresAt = new Date(now.getTime() + this.actionTimeoutSeconds * 1000).toISOString();
      return this.next(current, {
        status: 'ACTION_REQUIRED',
        providerCallUnsettled: undefined,
        paymentId: result.paymentId,
        action: { type: 'authenticate', requiredAt: now.toISOString(), expiresAt },
        actionTimerPending: true,
        outbox: [
          ...(current.outbox ?? []),
          createEvent('payment.action.required', { ...base, paymentId: result.paymentId, action: 'authenticate', expiresAt }, context),
        ],
      });
    }
    if (result.outcome === 'captured') {
      const capturedAt = this.deps.clock.now().toISOString();
      return this.next(current, {
        status: 'CAPTURED',
        providerCallUnsettled: undefined,
        actionTimerPending: undefined,
        paymentId: result.paymentId,
        capturedAt,
        receiptPending: true,
        outbox: [...(current.outbox ?? []), createEvent('payment.captured', { ...base, paymentId: result.paymentId, capturedAt }, context)],
      });
    }
    return this.next(current, {
      status: 'DECLINED',
      providerCallUnsettled: undefined,
      actionTimerPending: undefined,
      reason: result.reason,
      outbox: [...(current.outbox ?? []), createEvent('payment.failed', { ...base, reason: result.reason }, context)],
    });
  }

  private pendingFrom(event: DomainEventOf<'order.placed'>, me: string): PaymentRecord {
    const { orderId, customerId, totalCents, currency, items, paymentMethodId } = event.payload;
    return {
      orderId,
      customerId,
      status: 'PENDING',
      version: 1,
      amountCents: totalCents,
      currency,
      items,
      ...(paymentMethodId ? { paymentMethodId } : {}),
      placedEventId: event.eventId,
      correlationId: event.correlationId,
      lease: this.leaseFor(me),
      updatedAt: this.deps.clock.now().toISOString(),
    };
  }

  private leaseFor(owner: string) {
    return { owner, expiresAt: this.deps.clock.now().getTime() + this.leaseMs };
  }

  private next(current: PaymentRecord, changes: Partial<PaymentRecord>): PaymentRecord {
    return { ...current, ...changes, version: current.version + 1, updatedAt: this.deps.clock.now().toISOString() };
  }
}
