import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server speaking the part of Stripe's API the payments adapter uses, so tests run the real `stripe`
 * SDK (pointed at it with host/port/protocol): PaymentIntents (create+confirm, retrieve, cancel), Refunds (create,
 * list), Idempotency-Key replays (same key + same parameters -> the stored answer, `Idempotent-Replayed: true`;
 * other parameters -> 400 idempotency_error; same key in flight -> 409), API-key auth, and Stripe's test payment
 * methods (pm_card_visa, pm_card_chargeDeclinedInsufficientFunds, ...). Faults are injected per request.
 * SCA (ADR 0022): `pm_card_authenticationRequired` confirmed without `error_on_requires_action` leaves the intent
 * `requires_action`; `completeAction` plays the customer finishing (or failing) 3-D Secure in the browser, and
 * `webhookEvent` gives the Event Stripe would then POST (unsigned: tests sign it with the SDK's own test helper).
 */

interface Answer {
  status: number;
  body: unknown;
}

export interface FakePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  status: string;
  payment_method: string | null;
  metadata: Record<string, string>;
  last_payment_error: { type: string; code?: string; decline_code?: string; message: string } | null;
  cancellation_reason: string | null;
  client_secret: string;
  latest_charge: string | null;
  next_action: { type: 'use_stripe_sdk' } | null;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  status: 'succeeded';
}

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  params: Record<string, string>;
  replayed: boolean;
}

type Fault = { kind: 'status'; status: number; type: string; code?: string } | { kind: 'slow-answer'; ms: number };

/** Stripe's test PaymentMethods: what a confirmation with each one does. */
const CARD_DECLINES: Record<string, { code: string; decline_code?: string }> = {
  pm_card_chargeDeclined: { code: 'card_declined', decline_code: 'generic_decline' },
  pm_card_chargeDeclinedInsufficientFunds: { code: 'card_declined', decline_code: 'insufficient_funds' },
  pm_card_chargeDeclinedExpiredCard: { code: 'expired_card' },
  pm_card_chargeDeclinedIncorrectCvc: { code: 'incorrect_cvc' },
  pm_card_chargeDeclinedProcessingError: { code: 'processing_error' },
  pm_card_chargeDeclinedFraudulent: { code: 'card_declined', decline_code: 'fraudulent' },
  pm_card_authenticationRequired: { code: 'authentication_required', decline_code: 'authentication_required' },
};
/** `pm_card_processing` is this fake's own: confirmed, it is `processing` until the next read (Stripe has no such test card). */
const CARDS_THAT_PAY = new Set(['pm_card_visa', 'pm_card_mastercard', 'pm_card_jcb', 'pm_card_processing']);

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const stripeError = (status: number, type: string, fields: Record<string, unknown> = {}): Answer => ({
  status,
  body: { error: { type, message: `fake stripe: ${String(fields.code ?? type)}`, ...fields } },
});

const readForm = async (request: IncomingMessage): Promise<Record<string, string>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
};

export interface FakeStripe {
  /** Options for createStripeClient: the real SDK, talking to this server. */
  endpoint: { host: string; port: number; protocol: 'http' };
  apiKey: string;
  intents: Map<string, FakePaymentIntent>;
  refunds: FakeRefund[];
  requests: RecordedRequest[];
  /** The next `count` API calls are answered with this HTTP status before doing anything (500 api_error, 429 ...). */
  failNext(count: number, status?: number, code?: string): void;
  /** The next API call does its work, then answers only after `ms` (a timeout after the charge was made). */
  answerSlowlyNext(ms: number): void;
  /** Intents that captured money. */
  captured(): FakePaymentIntent[];
  /** The customer completes the intent's authentication in the browser (`succeeded`) or fails it (`failed`). */
  completeAction(intentId: string, outcome: 'succeeded' | 'failed'): FakePaymentIntent;
  /** The body of the webhook Stripe sends about an intent now (`payment_intent.succeeded`, ...), as JSON text. */
  webhookEvent(type: string, intentId: string): string;
  stop(): Promise<void>;
}

export const startFakeStripe = async (apiKey = 'sk_test_fake_0123456789'): Promise<FakeStripe> => {
  const intents = new Map<string, FakePaymentIntent>();
  const refunds: FakeRefund[] = [];
  const requests: RecordedRequest[] = [];
  const idempotent = new Map<string, { fingerprint: string; answer?: Answer }>();
  const faults: Fault[] = [];

  const createIntent = (params: Record<string, string>): Answer => {
    const paymentMethod = params.payment_method ?? null;
    if (paymentMethod && !CARDS_THAT_PAY.has(paymentMethod) && !CARD_DECLINES[paymentMethod]) {
      return stripeError(400, 'invalid_request_error', { code: 'resource_missing', param: 'payment_method' });
    }
    const intentId = id('pi');
    const intent: FakePaymentIntent = {
      id: intentId,
      object: 'payment_intent',
      amount: Number(params.amount),
      currency: params.currency ?? '',
      status: 'requires_payment_method',
      payment_method: paymentMethod,
      metadata: Object.fromEntries(Object.entries(params).flatMap(([key, value]) => (/^metadata\[(.+)\]$/.test(key) ? [[key.slice(9, -1), value]] : []))),
      last_payment_error: null,
      cancellation_reason: null,
      client_secret: `${intentId}_secret_${randomBytes(8).toString('hex')}`,
      latest_charge: null,
      next_action: null,
    };
    intents.set(intent.id, intent);
    if (params.confirm !== 'true' || !paymentMethod) return { status: 200, body: intent };
    const decline = CARD_DECLINES[paymentMethod];
    if (decline && !(decline.code === 'authentication_required' && params.error_on_requires_action !== 'true')) {
      intent.last_payment_error = { type: 'card_error', ...decline, message: `fake stripe: ${decline.decline_code ?? decline.code}` };
      return stripeError(402, 'card_error', { ...decline, payment_intent: intent, charge: id('ch') });
    }
    if (decline) Object.assign(intent, { status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    else if (paymentMethod === 'pm_card_processing') intent.status = 'processing';
    else Object.assign(intent, { status: 'succeeded', latest_charge: id('ch') });
    return { status: 200, body: { ...intent } };
  };

  const refund = (params: Record<string, string>): Answer => {
    const intent = intents.get(params.payment_intent ?? '');
    if (!intent) return stripeError(400, 'invalid_request_error', { code: 'resource_missing', param: 'payment_intent' });
    if (intent.status !== 'succeeded') return stripeError(400, 'invalid_request_error', { code: 'charge_not_refundable' });
    const refunded = refunds.filter((candidate) => candidate.payment_intent === intent.id).reduce((sum, candidate) => sum + candidate.amount, 0);
    const amount = params.amount ? Number(params.amount) : intent.amount - refunded;
    if (refunded >= intent.amount) return stripeError(400, 'invalid_request_error', { code: 'charge_already_refunded' });
    if (amount > intent.amount - refunded) return stripeError(400, 'invalid_request_error', { code: 'amount_too_large', param: 'amount' });
    const created: FakeRefund = { id: id('re'), object: 'refund', amount, currency: intent.currency, payment_intent: intent.id, status: 'succeeded' };
    refunds.push(created);
    return { status: 200, body: created };
  };

  const route = (method: string, path: string, params: Record<string, string>, query: URLSearchParams): Answer => {
    if (method === 'POST' && path === '/v1/payment_intents') return createIntent(params);
    const intentPath = /^\/v1\/payment_intents\/([^/]+)(\/cancel)?$/.exec(path);
    if (intentPath) {
      const intent = intents.get(intentPath[1]!);
      if (!intent) return stripeError(404, 'invalid_request_error', { code: 'resource_missing', param: 'intent' });
      if (method === 'GET' && !intentPath[2]) {
        if (intent.status === 'processing') Object.assign(intent, { status: 'succeeded', latest_charge: id('ch') }); // settles on the next read
        return { status: 200, body: { ...intent } };
      }
      if (method === 'POST' && intentPath[2]) {
        if (intent.status === 'succeeded' || intent.status === 'canceled') return stripeError(400, 'invalid_request_error', { code: 'payment_intent_unexpected_state' });
        Object.assign(intent, { status: 'canceled', cancellation_reason: params.cancellation_reason ?? null, next_action: null });
        return { status: 200, body: { ...intent } };
      }
    }
    if (method === 'POST' && path === '/v1/refunds') return refund(params);
    if (method === 'GET' && path === '/v1/refunds') {
      const data = refunds.filter((candidate) => candidate.payment_intent === query.get('payment_intent'));
      return { status: 200, body: { object: 'list', data, has_more: false, url: '/v1/refunds' } };
    }
    return stripeError(404, 'invalid_request_error', { code: 'resource_missing' });
  };

  const send = (response: ServerResponse, answer: Answer, replayed = false) => {
    if (response.destroyed) return;
    response.writeHead(answer.status, {
      'content-type': 'application/json',
      'request-id': id('req'),
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
    response.end(JSON.stringify(answer.body));
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    const params = method === 'POST' ? await readForm(request) : {};
    const key = request.headers['idempotency-key'] as string | undefined;
    const record: RecordedRequest = { method, path: url.pathname, idempotencyKey: key, params, replayed: false };
    requests.push(record);
    if (request.headers.authorization !== `Bearer ${apiKey}`) {
      return send(response, stripeError(401, 'invalid_request_error', { message: `Invalid API Key provided: ${String(request.headers.authorization).slice(7, 15)}****` }));
    }
    const fault = faults.shift();
    if (fault?.kind === 'status') return send(response, stripeError(fault.status, fault.type, fault.code ? { code: fault.code } : {}));

    let answer: Answer;
    const fingerprint = createHash('sha256').update(`${method} ${url.pathname} ${JSON.stringify(Object.entries(params).sort())}`).digest('hex');
    const stored = method === 'POST' && key ? idempotent.get(key) : undefined;
    if (stored && stored.fingerprint !== fingerprint) {
      answer = stripeError(400, 'idempotency_error', { message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' });
    } else if (stored && !stored.answer) {
      answer = stripeError(409, 'invalid_request_error', { code: 'idempotency_key_in_use' });
    } else if (stored?.answer) {
      record.replayed = true;
      return send(response, stored.answer, true);
    } else {
      const entry: { fingerprint: string; answer?: Answer } = { fingerprint };
      if (method === 'POST' && key) idempotent.set(key, entry);
      answer = route(method, url.pathname, params, url.searchParams);
      entry.answer = answer;
    }
    if (fault?.kind === 'slow-answer') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    send(response, answer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: { host: '127.0.0.1', port, protocol: 'http' },
    apiKey,
    intents,
    refunds,
    requests,
    failNext: (count, status = 500, code) => {
      const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'api_error' : 'invalid_request_error';
      for (let n = 0; n < count; n += 1) faults.push({ kind: 'status', status, type, ...(code ? { code } : {}) });
    },
    answerSlowlyNext: (ms) => faults.push({ kind: 'slow-answer', ms }),
    captured: () => [...intents.values()].filter((intent) => intent.status === 'succeeded'),
    completeAction: (intentId, outcome) => {
      const intent = intents.get(intentId);
      if (intent?.status !== 'requires_action') throw new Error(`fake stripe: ${intentId} does not wait for an action (${intent?.status})`);
      if (outcome === 'succeeded') Object.assign(intent, { status: 'succeeded', latest_charge: id('ch'), next_action: null });
      else {
        Object.assign(intent, {
          status: 'requires_payment_method',
          next_action: null,
          last_payment_error: { type: 'invalid_request_error', code: 'payment_intent_authentication_failure', message: 'fake stripe: authentication failed' },
        });
      }
      return { ...intent };
    },
    webhookEvent: (type, intentId) => {
      const intent = intents.get(intentId);
      if (!intent) throw new Error(`fake stripe: no intent ${intentId}`);
      return JSON.stringify({
        id: id('evt'),
        object: 'event',
        api_version: '2025-01-01',
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
        data: { object: { ...intent } },
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
