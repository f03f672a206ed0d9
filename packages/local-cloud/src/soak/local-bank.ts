import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { listen, readBody, type ListeningServer } from '../lambda/http-server';

/** As the in-process local provider: a charge above this many minor units is declined (`card_declined`). */
export const BANK_DECLINE_ABOVE_CENTS = 1_000_000;

/** The provider's faults, each at a share of calls, never more than `maxFaultsPerKey` times for one idempotency key. */
export interface BankFaultPlan {
  /** 503 before anything happens: nothing charged or refunded, the caller retries. */
  transientRate: number;
  /** The charge (or refund) is made, then the answer is held past the caller's timeout: the outcome is unknown to it. */
  timeoutAfterChargeRate: number;
  /** How long a held answer waits (longer than the payments adapter's LOCAL_PAYMENT_BANK_TIMEOUT_MS). */
  holdMs: number;
  /** A flaky provider, not a dead one: the faults of one key stay below the inbox's maxReceiveCount (5). */
  maxFaultsPerKey: number;
  seed: number;
}

export interface BankCharge {
  idempotencyKey: string;
  orderId: string;
  amountCents: number;
  currency: string;
  outcome: 'captured' | 'declined';
  paymentId?: string;
}

export interface BankRefund {
  idempotencyKey: string;
  orderId: string;
  paymentId: string;
  amountCents: number;
  refundId: string;
}

/** The bank's own books: what moved money, whatever our services recorded. */
export interface BankLedger {
  charges: BankCharge[];
  refunds: BankRefund[];
  faults: { transient: number; timeoutAfterCharge: number };
  /** Calls answered from an earlier call with the same key (the caller retried). */
  replays: number;
  calls: number;
}

export interface LocalBank extends ListeningServer {
  ledger(): BankLedger;
}

const draw = (seed: number, subject: string): number => createHash('sha256').update(`${seed}:${subject}`).digest().readUInt32BE(0) / 2 ** 32;
const idFrom = (prefix: string, key: string): string => `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

const send = (response: ServerResponse, status: number, body: unknown): void => {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

/**
 * The soak's payment provider (ADR 0018): the ledger every run is checked against ("the bank"), outside the
 * system under test so it survives function instances and restarts. Payments reaches it through its
 * LocalBankPaymentProvider adapter (stage local only). `POST /charges` and `POST /refunds` with an idempotency key:
 * a replayed key returns the original answer and never moves money again.
 */
export const startLocalBank = async (plan: BankFaultPlan, port = 0): Promise<LocalBank> => {
  const charges = new Map<string, BankCharge>();
  const refunds = new Map<string, BankRefund>();
  const faultsPerKey = new Map<string, number>();
  const attempts = new Map<string, number>();
  const ledger: BankLedger = { charges: [], refunds: [], faults: { transient: 0, timeoutAfterCharge: 0 }, replays: 0, calls: 0 };

  /** Whether this attempt of `key` suffers fault `kind` (deterministic for a seed, bounded per key). */
  const faulty = (kind: 'transient' | 'timeout', key: string, attempt: number, rate: number): boolean => {
    if (rate <= 0 || (faultsPerKey.get(key) ?? 0) >= plan.maxFaultsPerKey) return false;
    if (draw(plan.seed, `${kind}:${key}:${attempt}`) >= rate) return false;
    faultsPerKey.set(key, (faultsPerKey.get(key) ?? 0) + 1);
    return true;
  };

  const server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      ledger.calls += 1;
      const body = JSON.parse(raw?.toString('utf8') || '{}') as Record<string, unknown>;
      const key = String(body.idempotencyKey ?? '');
      const operation = request.url === '/charges' ? 'charge' : request.url === '/refunds' ? 'refund' : undefined;
      if (request.method !== 'POST' || !operation || !key) return send(response, 400, { error: 'POST /charges or /refunds with an idempotencyKey' });
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      if (faulty('transient', key, attempt, plan.transientRate)) {
        ledger.faults.transient += 1;
        return send(response, 503, { error: 'temporarily unavailable: nothing was done' });
      }
      const answer = operation === 'charge' ? charge(key, body) : refund(key, body);
      if (answer.status === 200 && !answer.replayed && faulty('timeout', key, attempt, plan.timeoutAfterChargeRate)) {
        ledger.faults.timeoutAfterCharge += 1;
        setTimeout(() => send(response, answer.status, answer.body), plan.holdMs).unref();
        return;
      }
      send(response, answer.status, answer.body);
    });
  });

  const charge = (key: string, body: Record<string, unknown>): { status: number; body: unknown; replayed: boolean } => {
    const previous = charges.get(key);
    if (previous) {
      ledger.replays += 1;
      return { status: 200, body: chargeAnswer(previous), replayed: true };
    }
    const amountCents = Number(body.amountCents);
    if (!Number.isSafeInteger(amountCents) || amountCents < 0 || typeof body.orderId !== 'string') return { status: 400, body: { error: 'invalid charge' }, replayed: false };
    const captured = amountCents <= BANK_DECLINE_ABOVE_CENTS;
    const recorded: BankCharge = {
      idempotencyKey: key,
      orderId: body.orderId,
      amountCents,
      currency: String(body.currency),
      outcome: captured ? 'captured' : 'declined',
      ...(captured ? { paymentId: idFrom('pay', key) } : {}),
    };
    charges.set(key, recorded);
    ledger.charges.push(recorded);
    return { status: 200, body: chargeAnswer(recorded), replayed: false };
  };

  const refund = (key: string, body: Record<string, unknown>): { status: number; body: unknown; replayed: boolean } => {
    const previous = refunds.get(key);
    if (previous) {
      ledger.replays += 1;
      return { status: 200, body: { refundId: previous.refundId }, replayed: true };
    }
    const payment = [...charges.values()].find((candidate) => candidate.paymentId === body.paymentId);
    if (!payment) return { status: 400, body: { error: `no captured payment ${String(body.paymentId)}` }, replayed: false };
    const recorded: BankRefund = { idempotencyKey: key, orderId: payment.orderId, paymentId: payment.paymentId!, amountCents: Number(body.amountCents), refundId: idFrom('re', key) };
    refunds.set(key, recorded);
    ledger.refunds.push(recorded);
    return { status: 200, body: { refundId: recorded.refundId }, replayed: false };
  };

  const listening = await listen(server, port);
  return { ...listening, ledger: () => ledger };
};

const chargeAnswer = (charge: BankCharge): unknown =>
  charge.outcome === 'captured' ? { outcome: 'captured', paymentId: charge.paymentId } : { outcome: 'declined', reason: 'card_declined' };
