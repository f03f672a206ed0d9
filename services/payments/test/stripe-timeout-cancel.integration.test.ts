import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createEvent } from '@commerce/domain-events';
import { buildPaymentService, providerFrom } from '../src/composition';
import { DynamoDbPaymentRepository } from '../src/adapters/dynamodb-payment-repository';
import { createInboxHandler } from '../src/handlers/sqs-inbox';
import { startFakeStripe, type FakeStripe } from '../src/testing/fake-stripe';
import { deliverOnce, drain, sendJson } from './support/inbox-driver';
import { NOTIFICATIONS_INBOX, ORDERS_INBOX, startPaymentsSystem, type PaymentsSystem } from './support/payments-system';

/**
 * Issue #13: a charge that captured but timed out, then a cancel. Payments' real inbox handler, its DynamoDB table and
 * queues on the local emulators, and the Stripe provider built by composition (the real stripe SDK) against a local
 * server speaking Stripe's API. Before the fix, the cancel found no lease and settled the order CANCELLED while the
 * customer had paid.
 */
let system: PaymentsSystem;
let stripe: FakeStripe;

beforeAll(async () => {
  [system, stripe] = await Promise.all([startPaymentsSystem(), startFakeStripe()]);
}, 180_000);
afterAll(async () => {
  await stripe?.stop();
  await system?.stop();
});

/** The inbox handler on stage settings `stripe-test`: the provider comes from the environment, like when deployed. */
const stripeInbox = () => {
  const env = {
    ...system.env,
    PAYMENT_PROVIDER: 'stripe-test',
    STRIPE_SECRET_KEY_PARAMETER: '/commerce/local/payments/stripe-secret-key',
    STRIPE_API_HOST: stripe.endpoint.host,
    STRIPE_API_PORT: String(stripe.endpoint.port),
    STRIPE_API_PROTOCOL: 'http',
    STRIPE_TIMEOUT_MS: '300',
    STRIPE_MAX_NETWORK_RETRIES: '0',
  };
  // The key SSM would return (the SSM read itself is covered by src/adapters/ssm-secret.test.ts).
  const service = buildPaymentService(env, { provider: providerFrom(env, async () => stripe.apiKey) });
  return createInboxHandler(() => service);
};

const placed = (orderId: string, currency = 'EUR', totalCents = 4_200) =>
  createEvent(
    'order.placed',
    { orderId, customerId: 'cust-race', currency, items: [{ sku: 'MUG-1', quantity: 1, unitPriceCents: totalCents }], totalCents, paymentMethodId: 'pm_card_visa' },
    { correlationId: `corr-${orderId}` },
  );
const cancelled = (orderId: string) =>
  createEvent('order.cancelled', { orderId, customerId: 'cust-race', previousStatus: 'PENDING_PAYMENT' }, { correlationId: `cancel-${orderId}` });

const recordOf = (orderId: string) => new DynamoDbPaymentRepository(new DynamoDBClient({}), system.env.PAYMENTS_TABLE!).get(orderId);
const intentsFor = (orderId: string) => [...stripe.intents.values()].filter((intent) => intent.metadata.orderId === orderId);

describe.each([
  ['EUR', 4_200],
  ['JPY', 1_500], // zero-decimal: ¥1,500 is amount 1500 at Stripe
])('a charge in %s that captured but timed out, then a cancel', (currency, amount) => {
  const orderId = `ord-${randomUUID()}`;
  let handler: ReturnType<typeof stripeInbox>;
  beforeAll(() => {
    handler = stripeInbox();
  });

  it('fails the order.placed record with the outcome unknown, the money taken at Stripe', async () => {
    stripe.answerSlowlyNext(1_500); // Stripe captures, the answer comes after the SDK's 300 ms timeout
    await sendJson(system.clients.sqs, system.inbox.url, placed(orderId, currency, amount));
    const round = await deliverOnce(system.clients.sqs, system.inbox, handler); // failed: back after the visibility timeout

    expect(round.failed).toHaveLength(1);
    expect(intentsFor(orderId)).toEqual([expect.objectContaining({ status: 'succeeded', amount, currency: currency.toLowerCase() })]);
    expect(await recordOf(orderId)).toMatchObject({ status: 'PENDING', providerCallUnsettled: true });
    expect(await system.receivedFor(ORDERS_INBOX, orderId)).toEqual([]);
  });

  it('lets the cancel replay the charge with its key first, then refund it: one capture, one refund', async () => {
    await sendJson(system.clients.sqs, system.inbox.url, cancelled(orderId));
    await drain(system.clients.sqs, system.inbox, handler); // only the cancel is visible now

    expect(await recordOf(orderId)).toMatchObject({ status: 'REFUNDED' });
    const [intent] = intentsFor(orderId);
    expect(intentsFor(orderId)).toHaveLength(1);
    expect(stripe.refunds.filter((refund) => refund.payment_intent === intent!.id)).toEqual([expect.objectContaining({ amount })]);
    const charges = stripe.requests.filter((request) => request.idempotencyKey === `charge:${orderId}`);
    expect(charges.map((request) => request.replayed)).toEqual([false, true]);
  });

  it('publishes payment.captured then payment.refunded, and the customer gets one message for each', async () => {
    const toOrders = await system.receivedFor(ORDERS_INBOX, orderId);
    expect(toOrders.map((event) => event.type)).toEqual(['payment.captured', 'payment.refunded']);
    expect(toOrders[0]!.payload).toMatchObject({ paymentId: intentsFor(orderId)[0]!.id, amountCents: amount, currency });
    // notifications: the refund message from payment.refunded; the capture's message is the receipt (S3 -> its queue).
    expect((await system.receivedFor(NOTIFICATIONS_INBOX, orderId)).map((event) => event.type)).toEqual(['payment.refunded']);
    expect(system.uploads.filter((upload) => upload.key === `receipts/${orderId}.json`)).toHaveLength(1);
  });

  it('ignores the redelivered order.placed: no second charge, refund or event', async () => {
    await sendJson(system.clients.sqs, system.inbox.url, placed(orderId, currency, amount));
    await drain(system.clients.sqs, system.inbox, handler);

    expect(intentsFor(orderId)).toHaveLength(1);
    expect(stripe.refunds.filter((refund) => refund.payment_intent === intentsFor(orderId)[0]!.id)).toHaveLength(1);
    expect(await system.receivedFor(ORDERS_INBOX, orderId)).toEqual([]);
    expect(await recordOf(orderId)).toMatchObject({ status: 'REFUNDED' });
  });
});

it('replays a refund that timed out after Stripe made it when the cancel is redelivered: one refund, one payment.refunded', async () => {
  const orderId = `ord-${randomUUID()}`;
  const handler = stripeInbox();
  await sendJson(system.clients.sqs, system.inbox.url, placed(orderId));
  await drain(system.clients.sqs, system.inbox, handler);
  stripe.answerSlowlyNext(1_500); // the refund is made, its answer lost
  await sendJson(system.clients.sqs, system.inbox.url, cancelled(orderId));
  const rounds = await drain(system.clients.sqs, system.inbox, handler); // failed, then redelivered at once

  expect(rounds.map((round) => round.failed.length)).toEqual([1, 0]);
  expect(await recordOf(orderId)).toMatchObject({ status: 'REFUNDED' });
  expect(stripe.refunds.filter((refund) => refund.payment_intent === intentsFor(orderId)[0]!.id)).toHaveLength(1);
  expect(stripe.requests.filter((request) => request.idempotencyKey === `refund:${orderId}`).map((request) => request.replayed)).toEqual([false, true]);
  expect((await system.receivedFor(ORDERS_INBOX, orderId)).map((event) => event.type)).toEqual(['payment.captured', 'payment.refunded']);
  expect((await system.receivedFor(NOTIFICATIONS_INBOX, orderId)).map((event) => event.type)).toEqual(['payment.refunded']);
});

it('declines through Stripe with the reason code and publishes payment.failed v2', async () => {
  const orderId = `ord-${randomUUID()}`;
  const event = placed(orderId);
  await sendJson(system.clients.sqs, system.inbox.url, { ...event, payload: { ...event.payload, paymentMethodId: 'pm_card_chargeDeclinedExpiredCard' } });
  await drain(system.clients.sqs, system.inbox, stripeInbox());
  expect(await system.receivedFor(NOTIFICATIONS_INBOX, orderId)).toEqual([
    expect.objectContaining({ type: 'payment.failed', version: 2, payload: expect.objectContaining({ reason: 'expired_card' }) }),
  ]);
});
