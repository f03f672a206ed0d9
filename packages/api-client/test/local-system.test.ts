/**
 * The client against the real local system: `npm run dev` on free ports (startDevProcess, as the local cloud's own
 * end-to-end test starts it), real HTTP through each service's HTTP API gateway, tokens from the local issuer's token
 * endpoint. Nothing here is stubbed: the one fetch wrapper below lets every request reach the server and only
 * drops an answer on the way back, as a lost connection would. Every answer the clients get is validated against
 * the document its service serves (GET /openapi.json: status, media type, body), as in the local cloud's end-to-end
 * test; a test that got one that does not conform fails.
 */
import { startDevProcess, type DevProcess } from '@commerce/local-cloud';
import {
  createCommerceClient,
  isProblem,
  localIssuerToken,
  ProblemError,
  type CommerceClient,
  type CommerceClientOptions,
  type CreateOrderRequest,
  type FetchLike,
  type Order,
  type Payment,
} from '../src/index.js';
// The local cloud's own end-to-end helpers: polls until the probe answers (75 s by default), and responses checked
// against each service's document (checkResponsesOf registers an afterEach that fails the test that saw a violation).
import { checkedResponseCount, checkingFetch, checkResponsesOf, waitFor } from '../../local-cloud/test/support/http';

const anOrder = (unitPriceCents = 1250, quantity = 2): CreateOrderRequest => ({ currency: 'EUR', items: [{ sku: 'SKU-1', quantity, unitPriceCents }] });

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

const isPlaceOrder = (request: Request): boolean => request.method === 'POST' && new URL(request.url).pathname === '/orders';

/** The fetch every client below sends with: each answer validated against its service's openapi.json. */
const checked = checkingFetch();

/** Stage local's deterministic provider makes a payment with this method wait for the customer (3-D Secure). */
const AUTHENTICATION_REQUIRED = 'pm_card_authenticationRequired';

describe('@commerce/api-client against the local system (npm run dev, real HTTP)', () => {
  let dev: DevProcess;

  const clientFor = (customerId: string | undefined, options: Partial<CommerceClientOptions> = {}): CommerceClient =>
    createCommerceClient({
      baseUrls: {
        orders: dev.state.services.orders!.url,
        payments: dev.state.services.payments!.url,
        notifications: dev.state.services.notifications!.url,
      },
      ...(customerId ? { token: localIssuerToken({ issuerUrl: dev.state.issuer, customerId }) } : {}),
      fetch: checked,
      ...options,
    });

  beforeAll(async () => {
    dev = await startDevProcess(300_000);
    console.log(`api-client e2e: npm run dev ready in ${dev.readyInMs} ms`);
    for (const { url: origin } of Object.values(dev.state.services)) {
      const served = await fetch(`${origin}/openapi.json`);
      expect(served.status).toBe(200);
      checkResponsesOf(origin, (await served.json()) as Record<string, unknown>);
    }
  }, 320_000);

  afterAll(() => dev?.stop(), 60_000);

  // Every test's answers go through the checking fetch (a client built without it would be checked by nothing).
  let checkedBefore = 0;
  beforeEach(() => {
    checkedBefore = checkedResponseCount();
  });
  afterEach(() => {
    expect(checkedResponseCount()).toBeGreaterThan(checkedBefore);
  });

  it('places an order with a token from the local issuer, reads it back typed and cancels it', async () => {
    const customer = 'cus-client-flow';
    const client = clientFor(customer);
    const placed: Order = await client.orders.create(anOrder(), { correlationId: 'client-e2e-flow' });
    expect(placed).toMatchObject({ customerId: customer, status: 'PENDING_PAYMENT', currency: 'EUR', totalCents: 2500 });

    const read = await client.orders.get(placed.id);
    expect(read).toMatchObject({ id: placed.id, customerId: customer, items: [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }] });

    const cancelled = await client.orders.cancel(placed.id);
    expect(cancelled).toMatchObject({ id: placed.id, status: 'CANCELLED' });
    const again = await client.orders.cancel(placed.id).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(ProblemError);
    expect(again).toMatchObject({ status: 409, code: 'order-already-cancelled', fromGateway: false });

    for (const service of ['orders', 'payments', 'notifications'] as const) {
      expect(await client[service].health()).toMatchObject({ service, status: 'ok' });
    }
  }, 60_000);

  it('follows an order to PAID and reads its payment and its messages through the other two clients', async () => {
    const client = clientFor('cus-client-paid');
    const placed = await client.orders.create(anOrder(800, 1));
    const paid = await waitFor('the order PAID', async () => {
      const order = await client.orders.get(placed.id);
      return order.status === 'PAID' ? order : undefined;
    });
    expect(paid.payment).toMatchObject({ amountCents: 800, currency: 'EUR' });

    const payment: Payment = await client.payments.get(placed.id);
    expect(payment).toMatchObject({ orderId: placed.id, status: 'CAPTURED', amountCents: 800 });

    const messages = await waitFor('the order-placed and receipt messages', async () => {
      const mine = (await collect(client.notifications.list({ limit: 1 }))).filter((message) => message.orderId === placed.id);
      return ['order.placed', 'receipt.issued'].every((type) => mine.some((message) => message.type === type)) ? mine : undefined;
    });
    const detail = await client.notifications.get(messages[0]!.id);
    expect(detail).toMatchObject({ id: messages[0]!.id, orderId: placed.id, channel: 'email' });
    expect(detail.body.text.length).toBeGreaterThan(0);
  }, 200_000);

  it('an order whose payment waits for 3-D Secure: the order shows paymentAction, payments.action() gives the client secret, a cancel ends it', async () => {
    const client = clientFor('cus-client-sca');
    const placed = await client.orders.create({ ...anOrder(900, 1), paymentMethodId: AUTHENTICATION_REQUIRED });
    const waiting = await waitFor('the order waiting for the customer', async () => {
      const order = await client.orders.get(placed.id);
      return order.paymentAction ? order : undefined;
    });
    expect(waiting).toMatchObject({ status: 'PENDING_PAYMENT', paymentAction: { type: 'authenticate', paymentId: expect.any(String) } });

    const action = await client.payments.action(placed.id, { correlationId: 'client-e2e-sca' });
    // The local provider's client secret derives from the payment id (Stripe's comes from the PaymentIntent).
    expect(action).toMatchObject({ orderId: placed.id, type: 'authenticate', clientSecret: `${waiting.paymentAction!.paymentId}_secret_local`, expiresAt: expect.any(String) });

    expect(await client.orders.cancel(placed.id)).toMatchObject({ id: placed.id, status: 'CANCELLED' });
    const settled = await waitFor('the payment no longer waiting', () => client.payments.action(placed.id).then(() => undefined, (caught: unknown) => caught));
    expect(settled).toMatchObject({ status: 409, code: 'payment-action-not-required', fromGateway: false });
  }, 120_000);

  it('a 422 arrives as a typed ProblemError with field detail, and is sent only once', async () => {
    let attempts = 0;
    const counting: FetchLike = (request, init) => {
      if (isPlaceOrder(request)) attempts += 1;
      return checked(request, init);
    };
    const client = clientFor('cus-client-invalid', { fetch: counting, retry: { baseDelayMs: 1 } });
    const error = await client.orders
      .create({ currency: 'euro', items: [{ sku: 'SKU-1', quantity: 0, unitPriceCents: 100 }] })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ProblemError);
    if (!isProblem(error, 'validation-failed')) throw error;
    expect(error).toMatchObject({ status: 422, title: 'Unprocessable Content', fromGateway: false });
    expect(error.type).toBe('https://problems.commerce.example.com/validation-failed');
    expect(error.detail).toMatch(/2 invalid field/);
    expect(error.errors.map((field) => field.path).sort()).toEqual(['body.currency', 'body.items.0.quantity']);
    expect(error.fieldError('body.items.0.quantity')).toEqual(expect.any(String));
    expect(error.response.headers.get('content-type')).toBe('application/problem+json');
    expect(attempts).toBe(1); // a 4xx other than 429 is an answer, never retried
  }, 60_000);

  it('a 401 without a token and a 403 without the scope: the gateway answers, as the same ProblemError', async () => {
    const anonymous = await clientFor(undefined).orders.get('ord-anything').catch((error: unknown) => error);
    expect(anonymous).toBeInstanceOf(ProblemError);
    expect(anonymous).toMatchObject({ status: 401, type: 'about:blank', title: 'Unauthorized', fromGateway: true });

    const readOnly = createCommerceClient({
      baseUrls: { orders: dev.state.services.orders!.url, payments: '', notifications: '' },
      token: localIssuerToken({ issuerUrl: dev.state.issuer, customerId: 'cus-client-reader', scopes: ['commerce/orders.read'] }),
      fetch: checked,
    });
    expect(await collect(readOnly.orders.list())).toEqual([]);
    const forbidden = await readOnly.orders.create(anOrder()).catch((error: unknown) => error);
    expect(forbidden).toMatchObject({ status: 403, title: 'Forbidden', fromGateway: true });
  }, 60_000);

  it('retries POST /orders with the same Idempotency-Key when the answer is lost: one order, not two', async () => {
    const customer = 'cus-client-retry';
    const sent: { key: string | null; replayed: string | null }[] = [];
    let lost: Order | undefined;
    // The server handles the first request and answers 201; the answer is dropped on the way back.
    const losesFirstAnswer: FetchLike = async (request, init) => {
      const response = await checked(request, init);
      if (!isPlaceOrder(request)) return response;
      sent.push({ key: request.headers.get('idempotency-key'), replayed: response.headers.get('idempotent-replayed') });
      if (lost === undefined) {
        lost = (await response.json()) as Order;
        throw new TypeError('fetch failed: the connection closed before the answer arrived');
      }
      return response;
    };
    const client = clientFor(customer, { fetch: losesFirstAnswer, retry: { baseDelayMs: 20 } });

    const order = await client.orders.create(anOrder(300, 1));
    expect(lost).toBeDefined();
    expect(order.id).toBe(lost!.id);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]).toEqual({ key: sent[0]!.key, replayed: 'true' });
    expect((await collect(client.orders.list())).map((stored) => stored.id)).toEqual([order.id]);

    // The next logical order is a new key, so a new order.
    const next = await client.orders.create(anOrder(300, 1));
    expect(sent[2]!.key).not.toBe(sent[0]!.key);
    expect(next.id).not.toBe(order.id);
    expect((await collect(client.orders.list())).map((stored) => stored.id).sort()).toEqual([order.id, next.id].sort());
  }, 60_000);

  it('walks every order over several pages with an async iterator, newest first', async () => {
    const client = clientFor('cus-client-pages');
    const placed: string[] = [];
    for (let index = 0; index < 5; index++) placed.push((await client.orders.create(anOrder(100 + index, 1))).id);

    const pages = await collect(client.orders.list({ limit: 2 }).pages());
    expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
    expect(pages.map((page) => page.nextCursor === null)).toEqual([false, false, true]);

    const walked: Order[] = [];
    for await (const order of client.orders.list({ limit: 2 })) walked.push(order);
    expect(walked.map((order) => order.id)).toEqual(pages.flatMap((page) => page.items.map((order) => order.id)));
    expect([...walked.map((order) => order.id)].sort()).toEqual([...placed].sort());
    const created = walked.map((order) => order.createdAt);
    expect(created).toEqual([...created].sort().reverse());

    const tampered = await collect(client.orders.list({ limit: 2, cursor: 'not-a-cursor' })).catch((error: unknown) => error);
    expect(tampered).toMatchObject({ status: 422, errors: [expect.objectContaining({ path: 'query.cursor' })] });
  }, 90_000);
});
