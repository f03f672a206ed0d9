import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import Stripe from 'stripe';
import { createEvent } from '@commerce/domain-events';
import { createJwtVerifier } from '@commerce/service-kit';
import { startLocalIssuer, type LocalIssuer } from '@commerce/service-kit/testing';
import { buildActionQueries } from '../src/action-composition';
import { buildWebhookDeps } from '../src/webhook-composition';
import { DynamoDbPaymentRepository } from '../src/adapters/dynamodb-payment-repository';
import { buildPaymentService, providerFrom } from '../src/composition';
import { createGetPaymentActionHandler } from '../src/handlers/http-get-payment-action';
import { createStripeWebhookHandler } from '../src/handlers/http-stripe-webhook';
import { createInboxHandler } from '../src/handlers/sqs-inbox';
import { startFakeStripe, type FakeStripe } from '../src/testing/fake-stripe';
import { startHttpAdapter } from './support/http-adapter';
import { drain, sendJson } from './support/inbox-driver';
import { NOTIFICATIONS_INBOX, ORDERS_INBOX, startPaymentsSystem, type PaymentsSystem } from './support/payments-system';

/**
 * In-place SCA completion (ADR 0022), end to end on the emulators: payments' real inbox handler, table and queues;
 * the Stripe provider built by composition (the real stripe SDK) against the local server speaking Stripe's API; the
 * webhook and GET /payments/{orderId}/action handlers behind real HTTP (responses checked against openapi.json), the
 * webhook's checks and the expiry timers travelling through the real (emulated) inbox, delays included; and the local
 * provider (stage local, no account) on the same card.
 */
const WEBHOOK_SECRET = 'whsec_integration_0123456789abcdef';
let system: PaymentsSystem;
let stripe: FakeStripe;
let issuer: LocalIssuer;
let api: { url: string; stop: () => Promise<void> };

const stripeEnv = (extra: Record<string, string> = {}) => ({
  ...system.env,
  PAYMENT_PROVIDER: 'stripe-test',
  STRIPE_SECRET_KEY_PARAMETER: '/commerce/local/payments/stripe-secret-key',
  STRIPE_WEBHOOK_SECRET_PARAMETER: '/commerce/local/payments/stripe-webhook-secret',
  STRIPE_API_HOST: stripe.endpoint.host,
  STRIPE_API_PORT: String(stripe.endpoint.port),
  STRIPE_API_PROTOCOL: 'http',
  STRIPE_MAX_NETWORK_RETRIES: '0',
  PAYMENTS_INBOX_URL: system.inbox.url,
  ...extra,
});
/** The secrets SSM would return (the SSM read itself is covered by src/adapters/ssm-secret.test.ts). */
const stripeKey = async () => stripe.apiKey;

const inboxWith = (env: Record<string, string>) => {
  const service = buildPaymentService(env, { provider: providerFrom(env, stripeKey) });
  return createInboxHandler(() => service);
};
let inbox: ReturnType<typeof inboxWith>;
const deliverAll = () => drain(system.clients.sqs, system.inbox, inbox);

beforeAll(async () => {
  [system, stripe, issuer] = await Promise.all([startPaymentsSystem(), startFakeStripe(), startLocalIssuer()]);
  const env = stripeEnv();
  inbox = inboxWith(env);
  const verifier = createJwtVerifier({ issuer: issuer.issuer, clientIds: issuer.clientId });
  api = await startHttpAdapter([
    { method: 'GET', path: '/payments/{orderId}/action', handler: createGetPaymentActionHandler(() => buildActionQueries(env, stripeKey), verifier) },
    { method: 'POST', path: '/payments/webhooks/stripe', handler: createStripeWebhookHandler(() => buildWebhookDeps(env, async () => WEBHOOK_SECRET)) },
  ]);
}, 180_000);
afterAll(async () => {
  await api?.stop();
  await issuer?.stop();
  await stripe?.stop();
  await system?.stop();
});

const placed = (orderId: string, paymentMethodId = 'pm_card_authenticationRequired') =>
  createEvent(
    'order.placed',
    { orderId, customerId: 'cust-sca', currency: 'EUR', items: [{ sku: 'MUG-1', quantity: 1, unitPriceCents: 4_200 }], totalCents: 4_200, paymentMethodId },
    { correlationId: `corr-${orderId}` },
  );
const cancelled = (orderId: string) =>
  createEvent('order.cancelled', { orderId, customerId: 'cust-sca', previousStatus: 'PENDING_PAYMENT' }, { correlationId: `cancel-${orderId}` });

const recordOf = (orderId: string) => new DynamoDbPaymentRepository(new DynamoDBClient({}), system.env.PAYMENTS_TABLE!).get(orderId);
/** The record, checked to be held by nobody (the DynamoDB item has no lease attribute). */
const settledRecordOf = async (orderId: string) => {
  const record = await recordOf(orderId);
  expect(record?.lease).toBeUndefined();
  return record;
};
const intentOf = (orderId: string) => {
  const intents = [...stripe.intents.values()].filter((intent) => intent.metadata.orderId === orderId);
  expect(intents).toHaveLength(1); // one PaymentIntent per order, whatever happened
  return intents[0]!;
};
const typesFor = async (queue: string, orderId: string) => (await system.receivedFor(queue, orderId)).map((event) => event.type);

const getAction = async (orderId: string, customerId = 'cust-sca') =>
  fetch(`${api.url}/payments/${orderId}/action`, { headers: { authorization: `Bearer ${await issuer.sign(customerId)}` } });
const postWebhook = (body: string, signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET })) =>
  fetch(`${api.url}/payments/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });

/** Places an order whose card asks for 3-D Secure and lets payments handle it: the payment waits for the customer. */
const placeWaiting = async (orderId: string, handler = inbox) => {
  await sendJson(system.clients.sqs, system.inbox.url, placed(orderId));
  await drain(system.clients.sqs, system.inbox, handler);
  expect(await recordOf(orderId)).toMatchObject({ status: 'ACTION_REQUIRED', paymentId: intentOf(orderId).id });
  expect(intentOf(orderId).status).toBe('requires_action');
};

describe('a charge that needs the customer to authenticate (3-D Secure), completed in place', () => {
  const orderId = `ord-${randomUUID()}`;

  it('waits for the customer: ACTION_REQUIRED, payment.action.required to orders, nothing captured, no client secret stored', async () => {
    await placeWaiting(orderId);
    const record = await recordOf(orderId);
    expect(JSON.stringify(record)).not.toContain(intentOf(orderId).client_secret);
    const [event, ...more] = await system.receivedFor(ORDERS_INBOX, orderId);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ type: 'payment.action.required', payload: { orderId, paymentId: intentOf(orderId).id, action: 'authenticate' } });
    expect(JSON.stringify(event)).not.toContain('secret');
    expect(stripe.captured().filter((intent) => intent.metadata.orderId === orderId)).toEqual([]);
  });

  it("gives the owner the PaymentIntent's client secret, read from Stripe (404 for anyone else)", async () => {
    const response = await getAction(orderId);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ orderId, type: 'authenticate', clientSecret: intentOf(orderId).client_secret, expiresAt: (await recordOf(orderId))!.action!.expiresAt });
    expect((await getAction(orderId, 'cust-other')).status).toBe(404);
  });

  it('captures once the customer authenticated and the signed webhook arrived: payment.captured and the receipt, as a synchronous charge', async () => {
    stripe.completeAction(intentOf(orderId).id, 'succeeded');
    const response = await postWebhook(stripe.webhookEvent('payment_intent.succeeded', intentOf(orderId).id));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, handled: true });
    await deliverAll();

    expect(await settledRecordOf(orderId)).toMatchObject({ status: 'CAPTURED', paymentId: intentOf(orderId).id });
    expect(await typesFor(ORDERS_INBOX, orderId)).toEqual(['payment.captured']);
    expect(await system.readReceipt(orderId)).toMatchObject({ orderId, paymentId: intentOf(orderId).id, totalCents: 4_200 });
  });

  it('changes nothing on duplicate webhook deliveries (the same one again, and a late payment_failed)', async () => {
    const body = stripe.webhookEvent('payment_intent.succeeded', intentOf(orderId).id);
    for (const delivery of [body, body, stripe.webhookEvent('payment_intent.payment_failed', intentOf(orderId).id)]) {
      expect((await postWebhook(delivery)).status).toBe(200);
    }
    await deliverAll();
    expect(await recordOf(orderId)).toMatchObject({ status: 'CAPTURED' });
    expect(await typesFor(ORDERS_INBOX, orderId)).toEqual([]);
    expect(stripe.captured().filter((intent) => intent.metadata.orderId === orderId)).toHaveLength(1);
    const conflict = await getAction(orderId);
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ type: 'https://problems.commerce.example.com/payment-action-not-required', paymentStatus: 'CAPTURED' });
  });
});

describe('the webhook refuses what Stripe did not sign', () => {
  it('answers 400 problem+json for a bad or missing signature and queues nothing', async () => {
    const orderId = `ord-${randomUUID()}`;
    await placeWaiting(orderId);
    stripe.completeAction(intentOf(orderId).id, 'succeeded');
    const body = stripe.webhookEvent('payment_intent.succeeded', intentOf(orderId).id);
    for (const signature of [Stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_forged_000000000000' }), 't=1,v1=deadbeef', '']) {
      const response = await postWebhook(body, signature);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ type: 'https://problems.commerce.example.com/webhook-signature-invalid', status: 400 });
    }
    expect(await deliverAll()).toEqual([]); // nothing was queued
    expect(await recordOf(orderId)).toMatchObject({ status: 'ACTION_REQUIRED' });
  });
});

describe('a customer who never completes the action', () => {
  it('fails the payment authentication_required at the expiry (a delayed inbox message) and cancels the PaymentIntent', async () => {
    const orderId = `ord-${randomUUID()}`;
    const quick = inboxWith(stripeEnv({ PAYMENT_ACTION_TIMEOUT_SECONDS: '1' }));
    await placeWaiting(orderId, quick);
    expect(await typesFor(ORDERS_INBOX, orderId)).toEqual(['payment.action.required']);

    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the timer's DelaySeconds
    await drain(system.clients.sqs, system.inbox, quick);
    expect(await settledRecordOf(orderId)).toMatchObject({ status: 'DECLINED', reason: 'authentication_required' });
    expect(intentOf(orderId)).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    const failed = await system.receivedFor(ORDERS_INBOX, orderId);
    expect(failed).toEqual([expect.objectContaining({ type: 'payment.failed', payload: expect.objectContaining({ reason: 'authentication_required' }) })]);
    expect(await typesFor(NOTIFICATIONS_INBOX, orderId)).toEqual(['payment.failed']);
    expect((await getAction(orderId)).status).toBe(409);
  });
});

describe('a cancel while the payment waits for the customer', () => {
  it('cancels the PaymentIntent at Stripe: the order is never charged, a late webhook changes nothing', async () => {
    const orderId = `ord-${randomUUID()}`;
    await placeWaiting(orderId);
    await system.receivedFor(ORDERS_INBOX, orderId);
    await sendJson(system.clients.sqs, system.inbox.url, cancelled(orderId));
    await deliverAll();

    expect(await settledRecordOf(orderId)).toMatchObject({ status: 'CANCELLED' });
    expect(intentOf(orderId).status).toBe('canceled');
    expect(() => stripe.completeAction(intentOf(orderId).id, 'succeeded')).toThrow(/does not wait/);
    expect((await postWebhook(stripe.webhookEvent('payment_intent.payment_failed', intentOf(orderId).id))).status).toBe(200);
    await deliverAll();
    expect(await recordOf(orderId)).toMatchObject({ status: 'CANCELLED' });
    expect(await typesFor(ORDERS_INBOX, orderId)).toEqual([]);
    expect(stripe.captured().filter((intent) => intent.metadata.orderId === orderId)).toEqual([]);
  });

  it('refunds a payment the customer completed just before the cancel: one capture, one refund', async () => {
    const orderId = `ord-${randomUUID()}`;
    await placeWaiting(orderId);
    await system.receivedFor(ORDERS_INBOX, orderId);
    stripe.completeAction(intentOf(orderId).id, 'succeeded'); // the webhook is still on its way
    await sendJson(system.clients.sqs, system.inbox.url, cancelled(orderId));
    await deliverAll();

    expect(await recordOf(orderId)).toMatchObject({ status: 'REFUNDED' });
    expect(await typesFor(ORDERS_INBOX, orderId)).toEqual(['payment.captured', 'payment.refunded']);
    expect(stripe.refunds.filter((refund) => refund.payment_intent === intentOf(orderId).id)).toHaveLength(1);
  });
});

describe('stage local: the local provider (no Stripe account) on pm_card_authenticationRequired', () => {
  it('waits for the customer, serves a local client secret, and a cancel ends it with nothing charged', async () => {
    const env = { ...system.env, PAYMENT_PROVIDER: 'local', PAYMENTS_INBOX_URL: system.inbox.url };
    const local = inboxWith(env);
    const verifier = createJwtVerifier({ issuer: issuer.issuer, clientIds: issuer.clientId });
    const localApi = await startHttpAdapter([{ method: 'GET', path: '/payments/{orderId}/action', handler: createGetPaymentActionHandler(() => buildActionQueries(env), verifier) }]);
    try {
      const orderId = `ord-${randomUUID()}`;
      await sendJson(system.clients.sqs, system.inbox.url, placed(orderId));
      await drain(system.clients.sqs, system.inbox, local);
      const waiting = await recordOf(orderId);
      expect(waiting).toMatchObject({ status: 'ACTION_REQUIRED', paymentId: expect.stringMatching(/^pay_/) });
      expect(await typesFor(ORDERS_INBOX, orderId)).toEqual(['payment.action.required']);

      const response = await fetch(`${localApi.url}/payments/${orderId}/action`, { headers: { authorization: `Bearer ${await issuer.sign('cust-sca')}` } });
      expect(await response.json()).toMatchObject({ orderId, type: 'authenticate', clientSecret: `${waiting!.paymentId}_secret_local` });

      await sendJson(system.clients.sqs, system.inbox.url, cancelled(orderId));
      await drain(system.clients.sqs, system.inbox, local);
      expect(await settledRecordOf(orderId)).toMatchObject({ status: 'CANCELLED' });
      expect(await typesFor(ORDERS_INBOX, orderId)).toEqual([]);
    } finally {
      await localApi.stop();
    }
  });
});
