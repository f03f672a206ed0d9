/**
 * End to end: boots the whole local system with the README's command (`npm run dev`, in a process group of its own
 * like a terminal job), on free ports, and proves the flows of DESIGN §2 over real HTTP, the real emulators, the local
 * Lambda service with its HTTP API gateway (ADR 0009) and the runner, one request at a time and in a concurrent burst.
 * Every service must be in the checkout: a missing one fails the test instead of skipping flows.
 */
import { createConnection } from 'node:net';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, SendMessageBatchCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, type AwsClients } from '../../src';
import { sampleEvent } from '../../src/tools/sample-events';
import { presentServices, startDevProcess, type DevProcess } from '../../src/dev/launch-dev';
import { launchChromium } from '../support/browser';
import { checkResponsesOf, http, waitFor } from '../support/http';

const ALL = ['orders', 'payments', 'notifications'];
const present = presentServices();

const RECEIPTS_BUCKET = 'commerce-local-payments-receipts-000000000000';
const NOTIFICATIONS_INBOX = 'commerce-local-notifications-inbox';

type Order = { id: string; status: string; customerId: string; totalCents: number; refunds?: unknown[] };
type Payment = { orderId: string; status: string; amountCents: number; reason?: string; receiptUrl?: string };
type Notifications = { items: { id: string; type: string; orderId: string }[]; nextCursor: string | null };

describe('local system end to end (npm run dev, real HTTP)', () => {
  let dev: DevProcess;
  let aws: AwsClients;
  const tokens = new Map<string, string>();
  const url = (service: string, path: string): string => `${dev.state.services[service]!.url}${path}`;

  const tokenFor = async (customerId: string): Promise<string> => {
    const cached = tokens.get(customerId);
    if (cached) return cached;
    const result = await dev.tool('token', [customerId]); // `pnpm token <customerId>`
    expect(result).toMatchObject({ code: 0 });
    const token = result.stdout.trim();
    tokens.set(customerId, token);
    return token;
  };

  const placeOrder = async (customerId: string, unitPriceCents: number, quantity = 2): Promise<Order> => {
    const response = await http<Order>(url('orders', '/orders'), {
      token: await tokenFor(customerId),
      body: { currency: 'EUR', items: [{ sku: 'SKU-1', quantity, unitPriceCents }] },
      headers: { 'x-correlation-id': `e2e-${customerId}` },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ customerId, status: 'PENDING_PAYMENT', totalCents: unitPriceCents * quantity });
    expect(response.headers.get('x-correlation-id')).toBe(`e2e-${customerId}`);
    return response.body;
  };

  const orderReaches = (customerId: string, orderId: string, status: string): Promise<Order> =>
    waitFor(`order ${orderId} ${status}`, async () => {
      const response = await http<Order>(url('orders', `/orders/${orderId}`), { token: await tokenFor(customerId) });
      return response.body.status === status ? response.body : undefined;
    });

  const paymentOf = async (customerId: string, orderId: string): Promise<Payment> =>
    (await http<Payment>(url('payments', `/payments/${orderId}`), { token: await tokenFor(customerId) })).body;

  const notificationsInclude = (customerId: string, orderId: string, types: string[]): Promise<Notifications['items']> =>
    waitFor(`notifications ${types.join(', ')} for ${orderId}`, async () => {
      const response = await http<Notifications>(url('notifications', '/notifications?limit=100'), { token: await tokenFor(customerId) });
      const mine = response.body.items.filter((item) => item.orderId === orderId);
      return types.every((type) => mine.some((item) => item.type === type)) ? mine : undefined;
    });

  const depth = async (queueUrl: string): Promise<number> => {
    const { Attributes = {} } = await aws.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
    );
    return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  };

  beforeAll(async () => {
    dev = await startDevProcess(300_000);
    aws = createAwsClients(dev.state.endpoints);
    // Every response below is validated against the document each service serves (GET /openapi.json).
    for (const [service, { url: origin }] of Object.entries(dev.state.services)) {
      const served = await http(`${origin}/openapi.json`);
      expect({ service, status: served.status }).toEqual({ service, status: 200 });
      checkResponsesOf(origin, served.body);
    }
  }, 320_000);

  afterAll(async () => {
    aws?.destroy();
    await dev?.stop();
  }, 60_000);

  it('serves every service on its own port, with the issuer JWKS, and a readable log stream', async () => {
    expect([...present].sort()).toEqual([...ALL].sort());
    expect(Object.keys(dev.state.services).sort()).toEqual([...ALL].sort());
    for (const service of present) {
      const health = await http(url(service, '/health'));
      expect(health).toMatchObject({ status: 200, body: { service, status: 'ok' } });
    }
    const jwks = await http<{ keys: { kty: string; alg: string }[] }>(`${dev.state.issuer}/.well-known/jwks.json`);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
    expect(dev.output()).toMatch(/LOCAL CLOUD READY in [\d.]+ s/);
    expect(dev.output()).toMatch(/^\d\d:\d\d:\d\d orders +\| /m);
  });

  it(`rejects a forged token and another customer's order`, async () => {
    const order = await placeOrder('cus-e2e-owner', 100);
    const [header, payload] = (await tokenFor('cus-e2e-owner')).split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await http(url('orders', `/orders/${order.id}`), { token: forged })).status).toBe(401);
    expect((await http(url('orders', `/orders/${order.id}`), { token: await tokenFor('cus-e2e-other') })).status).toBe(404);
  }, 60_000);

  it('a burst of 30 concurrent orders: every one answered 201 with a stored order, and every one PAID', async () => {
    const token = await tokenFor('cus-e2e-burst');
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        http<Order>(url('orders', '/orders'), { token, body: { currency: 'EUR', items: [{ sku: `BURST-${index}`, quantity: 1, unitPriceCents: 500 + index }] } }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(201));
    const ids = responses.map((response) => response.body.id);
    expect(new Set(ids).size).toBe(30);
    for (const id of ids) {
      const stored = await http<Order>(url('orders', `/orders/${id}`), { token });
      expect(stored).toMatchObject({ status: 200, body: { id, customerId: 'cus-e2e-burst' } });
    }
    await Promise.all(ids.map((id) => orderReaches('cus-e2e-burst', id, 'PAID')));
  }, 120_000);

  it('answers what API Gateway answers before any function runs: 401 without a token, 404 for an unknown route', async () => {
    const unauthenticated = await http(url('orders', '/orders'));
    expect(unauthenticated).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect(await http(url('orders', '/no-such-route'))).toMatchObject({ status: 404, body: { message: 'Not Found' } });
  });

  it('serves each API\'s rendered docs from node_modules (no CDN), showing every operation of its document (Chromium)', async () => {
    const browser = await launchChromium();
    if (!browser) return;
    try {
      for (const service of Object.keys(dev.state.services)) {
        const page = await browser.newPage();
        const origin = new URL(url(service, '/')).origin;
        const elsewhere: string[] = [];
        page.on('request', (request) => {
          if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) elsewhere.push(request.url());
        });
        const document = (await http<{ paths: Record<string, Record<string, unknown>> }>(url(service, '/openapi.json'))).body;
        expect((await page.goto(url(service, '/docs')))?.status()).toBe(200);
        const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => ({ method, path })));
        expect(operations.length).toBeGreaterThan(1);
        // Swagger UI parses a 1.7 MB bundle first: its first render took 29 s here (2 cores, load average 20).
        await page.waitForSelector('.opblock', { state: 'visible', timeout: 60_000 });
        for (const { method, path } of operations) {
          // Swagger UI renders each operation as .opblock-<method> with its path in data-path.
          await page.waitForSelector(`.opblock-${method} .opblock-summary-path[data-path="${path}"]`, { state: 'visible', timeout: 5_000 });
        }
        expect(await page.locator('.opblock').count()).toBe(operations.length);
        expect(elsewhere).toEqual([]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 240_000);

  it(`an order is placed, paid, its receipt lands in S3 and the customer is told`, async () => {
    const customer = 'cus-e2e-paid';
    const order = await placeOrder(customer, 1250);
    await orderReaches(customer, order.id, 'PAID');

    const payment = await waitFor('payment captured', async () => {
      const found = await paymentOf(customer, order.id);
      return found.status === 'CAPTURED' ? found : undefined;
    });
    expect(payment).toMatchObject({ orderId: order.id, amountCents: 2500 });
    await aws.s3.send(new HeadObjectCommand({ Bucket: RECEIPTS_BUCKET, Key: `receipts/${order.id}.json` }));
    const receipt = await http<{ orderId: string }>(payment.receiptUrl!);
    expect(receipt).toMatchObject({ status: 200, body: { orderId: order.id } });

    await notificationsInclude(customer, order.id, ['order.placed', 'receipt.issued']);
  }, 150_000);

  it(`an order above the decline limit ends PAYMENT_FAILED with a payment-failed message`, async () => {
    const customer = 'cus-e2e-declined';
    const order = await placeOrder(customer, 1_000_001, 1);
    await orderReaches(customer, order.id, 'PAYMENT_FAILED');
    expect(await paymentOf(customer, order.id)).toMatchObject({ status: 'DECLINED', reason: 'card_declined' });
    await notificationsInclude(customer, order.id, ['order.placed', 'payment.failed']);
  }, 150_000);

  it(`cancelling a paid order ends CANCELLED with a refund and a message`, async () => {
    const customer = 'cus-e2e-cancel';
    const order = await placeOrder(customer, 700);
    await orderReaches(customer, order.id, 'PAID');
    const cancelled = await http<Order>(url('orders', `/orders/${order.id}/cancel`), { method: 'POST', token: await tokenFor(customer) });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'CANCELLED' } });

    await waitFor('payment refunded', async () => ((await paymentOf(customer, order.id)).status === 'REFUNDED' ? true : undefined));
    const final = await waitFor('refund recorded on the order', async () => {
      const response = await http<Order>(url('orders', `/orders/${order.id}`), { token: await tokenFor(customer) });
      return (response.body.refunds ?? []).length > 0 ? response.body : undefined;
    });
    expect(final.status).toBe('CANCELLED');
    await notificationsInclude(customer, order.id, ['order.cancelled']);
  }, 150_000);

  it(`a poison message ends in the inbox DLQ while the good records of its batch succeed; dlq redrive moves it back`, async () => {
    const inboxUrl = dev.state.queues[NOTIFICATIONS_INBOX]!;
    const dlqUrl = dev.state.queues[`${NOTIFICATIONS_INBOX}-dlq`]!;
    const before = await depth(dlqUrl);
    // Operator's shortcut so five failed receives take seconds, not 5 x 180 s: the runner and fauxqs still do the
    // redelivery and the move to the DLQ at maxReceiveCount.
    await aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: inboxUrl, Attributes: { VisibilityTimeout: '1' } }));
    try {
      const customer = 'cus-e2e-poison';
      const good = sampleEvent('order.placed', { payload: { customerId: customer, orderId: 'ord-e2e-poison-batch' }, correlationId: 'e2e-poison' });
      await aws.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: inboxUrl,
          Entries: [
            { Id: 'poison', MessageBody: '{"this":"is not an event"}' },
            {
              Id: 'good',
              MessageBody: JSON.stringify(good),
              MessageAttributes: { eventType: { DataType: 'String', StringValue: good.type } },
            },
          ],
        }),
      );
      await notificationsInclude(customer, 'ord-e2e-poison-batch', ['order.placed']);
      await waitFor('the poison message in the DLQ', async () => ((await depth(dlqUrl)) > before ? true : undefined), 60_000);

      const listed = await dev.tool('dlq', ['list']);
      expect(listed.stdout).toMatch(new RegExp(`${NOTIFICATIONS_INBOX}-dlq\\s+${before + 1} message`));
      const redriven = await dev.tool('dlq', ['redrive', '--queue', `${NOTIFICATIONS_INBOX}-dlq`]);
      expect(redriven).toMatchObject({ code: 0 });
      expect(redriven.stdout).toContain(`${before + 1} message(s) moved -> ${NOTIFICATIONS_INBOX}`);
      expect(await depth(dlqUrl)).toBe(0);
      expect(await depth(inboxUrl)).toBeGreaterThanOrEqual(1);
    } finally {
      await aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: inboxUrl, Attributes: { VisibilityTimeout: '180' } }));
    }
  }, 180_000);

  it('stops cleanly on Ctrl-C, leaving nothing listening', async () => {
    const ports = [
      ...Object.values(dev.state.services).flatMap((service) => [service.url, service.lambdaEndpoint]),
      dev.state.endpoints.sqs,
      dev.state.endpoints.dynamodb,
      dev.state.issuer,
    ].map((address) => Number(new URL(address).port));
    await dev.stop();
    // Ctrl-C reaches the whole job; the system stops its parts in order and says so, and no process is left behind.
    expect(dev.output()).toMatch(/\| SIGINT: stopping\.\.\.\n[\s\S]*\| stopped\n/);
    expect(dev.output()).not.toMatch(/restart pnpm dev to bring/);
    expect(dev.survivors()).toEqual([]);
    const listening = await Promise.all(
      ports.map(
        (port) =>
          new Promise<boolean>((resolve) => {
            const socket = createConnection({ port, host: '127.0.0.1' });
            socket.once('connect', () => {
              socket.destroy();
              resolve(true);
            });
            socket.once('error', () => resolve(false));
          }),
      ),
    );
    expect(listening.every((open) => !open)).toBe(true);
  }, 60_000);
});
