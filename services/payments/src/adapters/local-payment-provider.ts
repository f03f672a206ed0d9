import { createHash } from 'node:crypto';
import {
  TransientProviderError,
  type CancelActionResult,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProvider,
  type RefundRequest,
  type RefundResult,
} from '../ports/payment-provider';

/** Orders above this total (minor units) are declined with `card_declined`. */
export const LOCAL_DECLINE_ABOVE_CENTS = 1_000_000;

/**
 * The payment method that makes the local provider ask for the customer's authentication (ADR 0022), named after
 * Stripe's test card that always does, so a frontend exercises the same flow on stage local and on Stripe's test mode.
 */
export const LOCAL_ACTION_PAYMENT_METHOD = 'pm_card_authenticationRequired';

type LocalAction = 'waiting' | 'succeeded' | 'failed' | 'cancelled';

/** The local provider's client secret of a payment: derived from its id, so any process gives the same one. */
export const localClientSecret = (paymentId: string): string => `${paymentId}_secret_local`;

export interface LocalProviderOptions {
  /** Share of calls (0..1) that fail with TransientProviderError before doing anything. Default 0. */
  transientFailureRate?: number;
  /** Source of [0, 1) numbers deciding transient failures; default a PRNG seeded with `seed` (reproducible runs). */
  random?: () => number;
  seed?: number;
}

/** mulberry32: a tiny deterministic PRNG so a given seed always fails the same calls. */
export const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const idFrom = (prefix: string, key: string): string => `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

/**
 * The deterministic provider used locally and in tests (a real provider adapter implements the same port):
 * - declines (`card_declined`) any charge above 1,000,000 minor units, captures everything else;
 * - ids derive from the idempotency key, and a replayed key returns the original result without a new charge;
 * - fails transiently (TransientProviderError, nothing charged) on the configured share of calls;
 * - waits for the customer (`action_required`) when the order names `pm_card_authenticationRequired`; nothing but
 *   `completeAction` (tests) completes it, so on stage local such a payment ends by cancel or by expiry. A payment it
 *   does not know (another process) waits; its client secret derives from its id.
 * Its memory is per process: the service's own payment record is what guarantees one charge per order.
 */
export class LocalPaymentProvider implements PaymentProvider {
  private readonly charges = new Map<string, ChargeResult & { amountCents: number }>();
  private readonly refunds = new Map<string, RefundResult>();
  /** Payments waiting for the customer, by paymentId: their state and their charge key. */
  private readonly actions = new Map<string, { state: LocalAction; idempotencyKey: string; amountCents: number }>();
  private readonly rate: number;
  private readonly random: () => number;
  /** Every call, including replays and transient failures (for tests and diagnostics). */
  readonly calls: { operation: 'charge' | 'refund'; idempotencyKey: string; result: 'captured' | 'declined' | 'action_required' | 'refunded' | 'transient' | 'replayed' }[] = [];

  constructor(options: LocalProviderOptions = {}) {
    const rate = options.transientFailureRate ?? 0;
    if (!(rate >= 0 && rate <= 1)) throw new Error(`transient failure rate must be within 0..1, got ${rate}`);
    this.rate = rate;
    this.random = options.random ?? seededRandom(options.seed ?? 1);
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    assertMinorUnits(request.amountCents);
    if (this.failsNow()) {
      this.calls.push({ operation: 'charge', idempotencyKey: request.idempotencyKey, result: 'transient' });
      throw new TransientProviderError('local provider: simulated transient failure (nothing was charged)');
    }
    const previous = this.charges.get(request.idempotencyKey);
    if (previous) {
      this.calls.push({ operation: 'charge', idempotencyKey: request.idempotencyKey, result: 'replayed' });
      return strip(previous);
    }
    const paymentId = idFrom('pay', request.idempotencyKey);
    const result: ChargeResult =
      request.amountCents > LOCAL_DECLINE_ABOVE_CENTS
        ? { outcome: 'declined', reason: 'card_declined' }
        : request.paymentMethodId === LOCAL_ACTION_PAYMENT_METHOD
          ? { outcome: 'action_required', paymentId }
          : { outcome: 'captured', paymentId };
    if (result.outcome === 'action_required') this.actions.set(paymentId, { state: 'waiting', idempotencyKey: request.idempotencyKey, amountCents: request.amountCents });
    this.charges.set(request.idempotencyKey, { ...result, amountCents: request.amountCents });
    this.calls.push({ operation: 'charge', idempotencyKey: request.idempotencyKey, result: result.outcome });
    return result;
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    assertMinorUnits(request.amountCents);
    if (this.failsNow()) {
      this.calls.push({ operation: 'refund', idempotencyKey: request.idempotencyKey, result: 'transient' });
      throw new TransientProviderError('local provider: simulated transient failure (nothing was refunded)');
    }
    const previous = this.refunds.get(request.idempotencyKey);
    if (previous) {
      this.calls.push({ operation: 'refund', idempotencyKey: request.idempotencyKey, result: 'replayed' });
      return previous;
    }
    const result = { refundId: idFrom('re', request.idempotencyKey) };
    this.refunds.set(request.idempotencyKey, result);
    this.calls.push({ operation: 'refund', idempotencyKey: request.idempotencyKey, result: 'refunded' });
    return result;
  }

  async actionOutcome(paymentId: string): Promise<ChargeResult> {
    const state = this.actions.get(paymentId)?.state ?? 'waiting';
    if (state === 'waiting') return { outcome: 'action_required', paymentId };
    if (state === 'succeeded') return { outcome: 'captured', paymentId };
    this.setAction(paymentId, 'cancelled'); // a failed authentication is never completed later
    return { outcome: 'declined', reason: 'authentication_required' };
  }

  async actionClientSecret(paymentId: string): Promise<string> {
    return localClientSecret(paymentId);
  }

  async cancelAction(paymentId: string, _idempotencyKey: string): Promise<CancelActionResult> {
    if (this.actions.get(paymentId)?.state === 'succeeded') return { outcome: 'captured', paymentId };
    this.setAction(paymentId, 'cancelled');
    return { outcome: 'cancelled' };
  }

  /** Plays the customer completing (or failing) the authentication of a payment that waits for it. */
  completeAction(paymentId: string, outcome: 'succeeded' | 'failed'): void {
    const action = this.actions.get(paymentId);
    if (action?.state !== 'waiting') throw new Error(`local provider: ${paymentId} does not wait for the customer (${action?.state ?? 'unknown'})`);
    action.state = outcome;
    if (outcome === 'succeeded') this.charges.set(action.idempotencyKey, { outcome: 'captured', paymentId, amountCents: action.amountCents });
  }

  private setAction(paymentId: string, state: LocalAction): void {
    const action = this.actions.get(paymentId);
    if (action) action.state = state;
  }

  /** Charges that moved money (captured, once per idempotency key). */
  get capturedCharges(): { idempotencyKey: string; amountCents: number }[] {
    return [...this.charges].filter(([, charge]) => charge.outcome === 'captured').map(([idempotencyKey, charge]) => ({ idempotencyKey, amountCents: charge.amountCents }));
  }

  get refundCount(): number {
    return this.refunds.size;
  }

  private failsNow(): boolean {
    return this.rate > 0 && this.random() < this.rate;
  }
}

const strip = (charge: ChargeResult & { amountCents: number }): ChargeResult => {
  const { amountCents: _amountCents, ...result } = charge;
  return result;
};

const assertMinorUnits = (amountCents: number): void => {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new Error(`amount must be a non-negative integer of minor units, got ${amountCents}`);
};

/** PROVIDER_TRANSIENT_FAILURE_RATE (0..1, default 0) and PROVIDER_SEED (integer, default 1). */
export const localProviderFromEnvironment = (env: NodeJS.ProcessEnv = process.env): LocalPaymentProvider =>
  new LocalPaymentProvider({
    transientFailureRate: env.PROVIDER_TRANSIENT_FAILURE_RATE ? Number(env.PROVIDER_TRANSIENT_FAILURE_RATE) : 0,
    seed: env.PROVIDER_SEED ? Number(env.PROVIDER_SEED) : 1,
  });
