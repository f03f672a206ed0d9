import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createEvent } from '@commerce/domain-events';
import { createJwtVerifier } from '@commerce/service-kit';
import { fuzzAnswer, fuzzParameters, isPathSegment, isWellAnswered, lambdaContext, rejectedTokenCases, startLocalIssuer, type LocalIssuer } from '@commerce/service-kit/testing';
import { SCOPES } from '@commerce/serverless-config';
import type { SQSRecord } from 'aws-lambda';
import { LocalPaymentProvider } from '../src/adapters/local-payment-provider';
import { buildPaymentQueries, buildPaymentService } from '../src/composition';
import { createGetPaymentHandler } from '../src/handlers/http-get-payment';
import { PaymentView } from '../src/handlers/http-schemas';
import { createInboxHandler } from '../src/handlers/sqs-inbox';
import { startHttpAdapter } from './support/http-adapter';
import { drain, sendJson, takeAll } from './support/inbox-driver';
import { NOTIFICATIONS_INBOX, ORDERS_INBOX, startPaymentsSystem, type PaymentsSystem } from './support/payments-system';

let system: PaymentsSystem;
let clients: PaymentsSystem['clients'];
let resources: PaymentsSystem['resources'];
let env: Record<string, string>;
let inbox: { url: string; arn: string };
let uploads: PaymentsSystem['uploads'];

const placed = (orderId: string, totalCents = 4_200, customerId = 'cust-int') =>
  createEvent(
    'order.placed',
    { orderId, customerId, currency: 'EUR', items: [{ sku: 'MUG-1', quantity: 2, unitPriceCents: totalCents / 2 }], totalCents },
    { correlationId: `corr-${orderId}` },
  );
const cancelled = (orderId: string, customerId = 'cust-int') =>
  createEvent('order.cancelled', { orderId, customerId, previousStatus: 'PAID' }, { correlationId: `cancel-${orderId}` });

const consumerWith = (provider: LocalPaymentProvider, holderWaitMs?: number) => {
  const service = buildPaymentService(env, { provider, ...(holderWaitMs === undefined ? {} : { holderWaitMs }) });
  return createInboxHandler(() => service);
};

const receivedFor = (queue: string, orderId: string) => system.receivedFor(queue, orderId);
const readReceipt = (orderId: string) => system.readReceipt(orderId);

const sqsRecord = (body: unknown, messageId = randomUUID()): SQSRecord => ({
  messageId,
  receiptHandle: messageId,
  body: JSON.stringify(body),
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'local', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: inbox.arn,
  awsRegion: 'eu-west-1',
});

beforeAll(async () => {
  system = await startPaymentsSystem();
  ({ clients, resources, env, inbox, uploads } = system);
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

describe('payments against the local emulators (fauxqs SQS/S3, dynalite DynamoDB)', () => {
  it('provisions its inbox, DLQ, table and receipts bucket from its own packaged template', () => {
    expect(resources.queues.Inbox).toMatchObject({
      name: 'commerce-local-payments-inbox',
      visibilityTimeout: 150,
      deadLetter: { name: 'commerce-local-payments-inbox-dlq', maxReceiveCount: 5 },
    });
    expect(resources.tables.PaymentsTable!.name).toBe('commerce-local-payments-payments');
    expect(resources.buckets.ReceiptsBucket).toMatchObject({
      name: 'commerce-local-payments-receipts-000000000000',
      notificationConfiguration: {
        QueueConfigurations: [
          {
            Event: 's3:ObjectCreated:*',
            Queue: 'arn:aws:sqs:eu-west-1:000000000000:commerce-local-notifications-receipts',
            Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'receipts/' }] } },
          },
        ],
      },
    });
  });

  it('charges a duplicated order.placed (same and new eventId) once, publishes payment.captured once and writes the receipt', async () => {
    const provider = new LocalPaymentProvider();
    const handler = consumerWith(provider);
    const orderId = `ord-${randomUUID()}`;
    const event = placed(orderId);
    await sendJson(clients.sqs, inbox.url, event);
    await sendJson(clients.sqs, inbox.url, event);
    await sendJson(clients.sqs, inbox.url, { ...placed(orderId), eventId: randomUUID() });
    await drain(clients.sqs, inbox, handler);

    expect(provider.calls.filter((call) => call.operation === 'charge')).toHaveLength(1);
    const toOrders = await receivedFor(ORDERS_INBOX, orderId);
    expect(toOrders.map((e) => e.type)).toEqual(['payment.captured']);
    const captured = toOrders[0]!;
    expect(captured).toMatchObject({ producer: 'payments', causationId: expect.any(String), correlationId: `corr-${orderId}` });
    expect(await receivedFor(NOTIFICATIONS_INBOX, orderId)).toEqual([]); // notifications does not subscribe to captured

    const payment = captured.payload as { paymentId: string; capturedAt: string };
    expect(await readReceipt(orderId)).toEqual({
      receiptVersion: 1,
      orderId,
      customerId: 'cust-int',
      paymentId: payment.paymentId,
      items: [{ sku: 'MUG-1', quantity: 2, unitPriceCents: 2_100 }],
      totalCents: 4_200,
      currency: 'EUR',
      capturedAt: payment.capturedAt,
    });
    expect(uploads.filter((upload) => upload.key === `receipts/${orderId}.json`)).toHaveLength(1);
  });

  describe.each([
    ['fail at once and are redelivered', 0],
    ['wait for the holder and succeed', 2_000],
  ])('charges concurrent duplicates once (dynalite conditional writes decide the race): losers %s', (_, holderWaitMs) => {
    it('charges once and publishes once', async () => {
      // Concurrent Lambda invocations run in separate containers: one handler instance each, one shared provider.
      const provider = new LocalPaymentProvider();
      const orderId = `ord-${randomUUID()}`;
      const batches = Array.from({ length: 4 }, () => ({ Records: [sqsRecord({ ...placed(orderId), eventId: randomUUID() }), sqsRecord(placed(orderId))] }));
      const responses = await Promise.all(
        batches.map((batch) =>
          consumerWith(provider, holderWaitMs)(batch, lambdaContext()).catch(() => ({
            batchItemFailures: batch.Records.map((record) => ({ itemIdentifier: record.messageId })),
          })),
        ),
      );
      const failed = responses.flatMap((response, index) =>
        response.batchItemFailures.map((failure) => batches[index]!.Records.find((record) => record.messageId === failure.itemIdentifier)!),
      );
      if (holderWaitMs === 0) expect(failed.length).toBeGreaterThan(0); // told to retry, not silently dropped
      else expect(failed).toEqual([]);
      expect(provider.capturedCharges).toHaveLength(1);

      // Redelivered later (after the winner settled), the losers change nothing.
      if (failed.length > 0) expect((await consumerWith(provider)({ Records: failed }, lambdaContext())).batchItemFailures).toEqual([]);
      expect(provider.calls.filter((call) => call.operation === 'charge')).toHaveLength(1);
      expect((await receivedFor(ORDERS_INBOX, orderId)).map((e) => e.type)).toEqual(['payment.captured']);
    });
  });

  it('retries a transient provider failure through the queue and then captures (no payment.failed)', async () => {
    const rolls = [0.01, 0.99];
    const provider = new LocalPaymentProvider({ transientFailureRate: 0.5, random: () => rolls.shift() ?? 0.99 });
    const handler = consumerWith(provider);
    const orderId = `ord-${randomUUID()}`;
    await sendJson(clients.sqs, inbox.url, placed(orderId));
    const rounds = await drain(clients.sqs, inbox, handler);

    expect(rounds.map((round) => round.failed.length)).toEqual([1, 0]);
    expect(provider.calls.map((call) => call.result)).toEqual(['transient', 'captured']);
    expect((await receivedFor(ORDERS_INBOX, orderId)).map((e) => e.type)).toEqual(['payment.captured']);
    expect(await receivedFor(NOTIFICATIONS_INBOX, orderId)).toEqual([]);
  });

  it('publishes payment.failed (card_declined) to orders and notifications for a total above 1,000,000 cents', async () => {
    const handler = consumerWith(new LocalPaymentProvider());
    const orderId = `ord-${randomUUID()}`;
    await sendJson(clients.sqs, inbox.url, placed(orderId, 1_500_000));
    await drain(clients.sqs, inbox, handler);

    for (const queue of [ORDERS_INBOX, NOTIFICATIONS_INBOX]) {
      const events = await receivedFor(queue, orderId);
      expect(events).toEqual([
        expect.objectContaining({
          type: 'payment.failed',
          payload: { orderId, customerId: 'cust-int', amountCents: 1_500_000, currency: 'EUR', reason: 'card_declined' },
        }),
      ]);
    }
    await expect(readReceipt(orderId)).rejects.toThrow();
  });

  it('refunds a captured payment once however often order.cancelled arrives, publishing payment.refunded once', async () => {
    const provider = new LocalPaymentProvider();
    const handler = consumerWith(provider);
    const orderId = `ord-${randomUUID()}`;
    await sendJson(clients.sqs, inbox.url, placed(orderId));
    await drain(clients.sqs, inbox, handler);
    const cancel = cancelled(orderId);
    await sendJson(clients.sqs, inbox.url, cancel);
    await sendJson(clients.sqs, inbox.url, cancel);
    await sendJson(clients.sqs, inbox.url, { ...cancelled(orderId), eventId: randomUUID() });
    await drain(clients.sqs, inbox, handler);

    expect(provider.calls.filter((call) => call.operation === 'refund')).toHaveLength(1);
    expect((await receivedFor(ORDERS_INBOX, orderId)).map((e) => e.type)).toEqual(['payment.captured', 'payment.refunded']);
    expect(await receivedFor(NOTIFICATIONS_INBOX, orderId)).toEqual([
      expect.objectContaining({ type: 'payment.refunded', correlationId: `cancel-${orderId}`, payload: expect.objectContaining({ amountCents: 4_200 }) }),
    ]);
  });

  it('never charges an order whose order.cancelled overtook its order.placed', async () => {
    const provider = new LocalPaymentProvider();
    const handler = consumerWith(provider);
    const orderId = `ord-${randomUUID()}`;
    await sendJson(clients.sqs, inbox.url, cancelled(orderId));
    await drain(clients.sqs, inbox, handler);
    await sendJson(clients.sqs, inbox.url, placed(orderId));
    await drain(clients.sqs, inbox, handler);

    expect(provider.calls).toEqual([]);
    expect(await receivedFor(ORDERS_INBOX, orderId)).toEqual([]);
  });

  it('dead-letters an invalid message after maxReceiveCount deliveries', async () => {
    const handler = consumerWith(new LocalPaymentProvider());
    await sendJson(clients.sqs, inbox.url, { not: 'an event' });
    const rounds = await drain(clients.sqs, inbox, handler);
    expect(rounds).toHaveLength(5);
    const dead = await takeAll(clients.sqs, resources.queues.Inbox!.deadLetter!.url);
    expect(dead).toEqual([{ not: 'an event' }]);
  });
});

describe('GET /payments/{orderId} over HTTP', () => {
  let issuer: LocalIssuer;
  let api: { url: string; stop: () => Promise<void> };
  const orderId = `ord-${randomUUID()}`;
  const declinedId = `ord-${randomUUID()}`;

  beforeAll(async () => {
    issuer = await startLocalIssuer();
    const queries = buildPaymentQueries(env);
    const handler = createGetPaymentHandler(() => queries, createJwtVerifier({ issuer: issuer.issuer, clientIds: issuer.clientId }));
    api = await startHttpAdapter([{ method: 'GET', path: '/payments/{orderId}', handler }]);
    const consumer = consumerWith(new LocalPaymentProvider());
    await sendJson(clients.sqs, inbox.url, placed(orderId, 4_200, 'alice'));
    await sendJson(clients.sqs, inbox.url, placed(declinedId, 2_000_000, 'alice'));
    await drain(clients.sqs, inbox, consumer);
  });
  afterAll(async () => {
    await api?.stop();
    await issuer?.stop();
  });

  const get = async (id: string, customer?: string) =>
    fetch(`${api.url}/payments/${id}`, { headers: customer ? { authorization: `Bearer ${await issuer.sign(customer)}` } : {} });

  it('answers any order id with 2xx or a problem+json 4xx, never a 5xx (fast-check)', async () => {
    const authorization = `Bearer ${await issuer.sign('alice')}`;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1, maxLength: 300 }).filter(isPathSegment), fc.constant(orderId)), async (id) =>
        isWellAnswered(await fuzzAnswer(await fetch(`${api.url}/payments/${encodeURIComponent(id)}`, { headers: { authorization } }))),
      ),
      fuzzParameters(),
    );
  }, 120_000);

  it("returns the caller's captured payment with a working short-lived presigned receipt URL", async () => {
    const response = await get(orderId, 'alice');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ orderId, status: 'CAPTURED', amountCents: 4_200, currency: 'EUR', receiptUrl: expect.any(String) });
    expect(PaymentView.strict().safeParse(body).success).toBe(true); // the documented contract (openapi.json)
    const receiptUrl = new URL(body.receiptUrl as string);
    expect(receiptUrl.searchParams.get('X-Amz-Expires')).toBe('300');
    const receipt = await fetch(receiptUrl);
    expect(receipt.status).toBe(200);
    expect(await receipt.json()).toMatchObject({ orderId, customerId: 'alice', totalCents: 4_200 });
  });

  it('returns a declined payment with its reason and no receipt', async () => {
    const response = await get(declinedId, 'alice');
    const body: unknown = await response.json();
    expect(PaymentView.strict().safeParse(body).success).toBe(true);
    expect(body).toEqual({ orderId: declinedId, status: 'DECLINED', amountCents: 2_000_000, currency: 'EUR', reason: 'card_declined' });
  });

  it.each(rejectedTokenCases(() => issuer, { scope: SCOPES.paymentsRead, otherScope: SCOPES.ordersRead }).map((c) => [c.name, c] as const))(
    'rejects %s with problem+json',
    async (_name, c) => {
      const authorization = await c.authorization();
      const response = await fetch(`${api.url}/payments/${orderId}`, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(c.status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ status: c.status, type: expect.stringMatching(new RegExp(`/${c.code}$`)) });
    },
  );

  it("answers 404 for another customer's order and for unknown orders, 401 without a token", async () => {
    const other = await get(orderId, 'mallory');
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect((await get(`ord-${randomUUID()}`, 'alice')).status).toBe(404);
    expect((await get(orderId)).status).toBe(401);
  });
});
