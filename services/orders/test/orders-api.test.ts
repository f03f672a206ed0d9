import { settingsFor, SCOPES } from '@commerce/serverless-config';
import { rejectedTokenCases } from '@commerce/service-kit/testing';
import { OrderListView, OrderView } from '../src/handlers/http-schemas';
import { startHttpApi, type LocalHttpApi } from './support/http-adapter';
import { ordersRoutes } from './support/orders-routes';
import { startLocalOrders, type LocalOrders } from './support/local-orders';
import { drainQueue } from './support/sqs-batch';

/** The HTTP API over real HTTP, handlers wired to their real composition, against the local emulators. */
let local: LocalOrders;
let api: LocalHttpApi;
let alice: string;
let bob: string;

beforeAll(async () => {
  local = await startLocalOrders();
  api = await startHttpApi(ordersRoutes);
  alice = await local.issuer.sign('cus_alice');
  bob = await local.issuer.sign('cus_bob');
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await local?.stop();
});

interface Call {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

const call = async (method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Call> => {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};

const newOrder = { currency: 'EUR', items: [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }] };

describe('orders HTTP API (real HTTP, dynalite + fauxqs)', () => {
  it('POST /orders -> 201 + Location, and order.placed reaches payments and notifications with the correlation id', async () => {
    const created = await call('POST', '/orders', { token: alice, body: newOrder, headers: { 'x-correlation-id': 'corr-create-1' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ customerId: 'cus_alice', status: 'PENDING_PAYMENT', currency: 'EUR', totalCents: 2500, items: newOrder.items });
    expect(created.headers.get('location')).toBe(`/orders/${String(created.body.id)}`);
    expect(created.headers.get('x-correlation-id')).toBe('corr-create-1');
    expect(OrderView.strict().safeParse(created.body).error).toBeUndefined(); // the documented response contract

    for (const url of [local.paymentsInboxUrl, local.notificationsInboxUrl]) {
      const events = (await drainQueue(local.sqs, url)) as { type: string; correlationId: string; payload: { orderId: string } }[];
      expect(events).toEqual([expect.objectContaining({ type: 'order.placed', correlationId: 'corr-create-1', payload: expect.objectContaining({ orderId: created.body.id }) })]);
    }
    const fetched = await call('GET', `/orders/${String(created.body.id)}`, { token: alice });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
  });

  it('Idempotency-Key: same key and body -> same order, no second event; different body -> 422', async () => {
    const headers = { 'idempotency-key': 'checkout-7f3a' };
    const first = await call('POST', '/orders', { token: alice, body: newOrder, headers });
    const again = await call('POST', '/orders', { token: alice, body: newOrder, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await drainQueue(local.sqs, local.paymentsInboxUrl)).toHaveLength(1);

    const changed = await call('POST', '/orders', { token: alice, body: { ...newOrder, currency: 'USD' }, headers });
    expect(changed.status).toBe(422);
    expect(changed.body).toMatchObject({ type: expect.stringContaining('idempotency-key-reused'), status: 422 });
    // Keys are per customer: Bob's identical key is a different order.
    const bobs = await call('POST', '/orders', { token: bob, body: newOrder, headers });
    expect(bobs.status).toBe(201);
    expect(bobs.body.id).not.toBe(first.body.id);
    await drainQueue(local.sqs, local.paymentsInboxUrl);
  });

  it('GET /orders/{id}: 404 for unknown ids and for another customer order, same body', async () => {
    const created = await call('POST', '/orders', { token: alice, body: newOrder });
    const asBob = await call('GET', `/orders/${String(created.body.id)}`, { token: bob });
    const unknown = await call('GET', '/orders/ord_does_not_exist', { token: bob });
    expect(asBob.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(asBob.headers.get('content-type')).toBe('application/problem+json');
    expect(Object.keys(asBob.body).sort()).toEqual(Object.keys(unknown.body).sort());
    expect((await call('GET', `/orders/${'x'.repeat(3000)}`, { token: bob })).status).toBe(404);
  });

  it('GET /orders pages the caller orders newest first with an opaque cursor', async () => {
    const carol = await local.issuer.sign('cus_carol');
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const created = await call('POST', '/orders', { token: carol, body: { currency: 'EUR', items: [{ sku: `SKU-${index}`, quantity: 1, unitPriceCents: 100 }] } });
      ids.push(String(created.body.id));
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Call = await call('GET', `/orders?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: carol });
      expect(page.status).toBe(200);
      expect(OrderListView.safeParse(page.body).error).toBeUndefined();
      const items = page.body.items as { id: string; customerId: string }[];
      expect(items.length).toBeLessThanOrEqual(2);
      expect(items.every((item) => item.customerId === 'cus_carol')).toBe(true);
      seen.push(...items.map((item) => item.id));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const first = await call('GET', '/orders?limit=2', { token: carol });
    const stolen = await call('GET', `/orders?cursor=${encodeURIComponent(String(first.body.nextCursor))}`, { token: bob });
    expect(stolen.status).toBe(422);
    expect(stolen.body.errors).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
    // Tampered cursors of the right owner whose parts are not keys DynamoDB accepts: the caller's error, never a 500.
    const [owner] = JSON.parse(Buffer.from(String(first.body.nextCursor), 'base64url').toString('utf8')) as [string];
    const tampered = [[owner, '', ''], [owner, 'x'.repeat(1500), 'o'], [owner, 1, 2], [owner, 'a', 'b', 'c']]
      .map((parts) => Buffer.from(JSON.stringify(parts)).toString('base64url'))
      .concat('not base64 !', Buffer.from('{"json":"object"}').toString('base64url'));
    for (const cursor of tampered) {
      const response = await call('GET', `/orders?cursor=${encodeURIComponent(cursor)}`, { token: carol });
      expect({ cursor, status: response.status }).toEqual({ cursor, status: 422 });
    }
    const badLimits = await Promise.all(['0', '101', 'abc'].map((limit) => call('GET', `/orders?limit=${limit}`, { token: carol })));
    expect(badLimits.map((response) => response.status)).toEqual([422, 422, 422]);
    await drainQueue(local.sqs, local.paymentsInboxUrl);
  });

  it('POST /orders/{id}/cancel: 200 then 409 with the reason; order.cancelled is published', async () => {
    const created = await call('POST', '/orders', { token: alice, body: newOrder });
    await drainQueue(local.sqs, local.paymentsInboxUrl);
    expect((await call('POST', `/orders/${String(created.body.id)}/cancel`, { token: bob })).status).toBe(404);
    const cancelled = await call('POST', `/orders/${String(created.body.id)}/cancel`, { token: alice, headers: { 'x-correlation-id': 'corr-cancel-1' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancellation: { previousStatus: 'PENDING_PAYMENT' } });
    expect(OrderView.strict().safeParse(cancelled.body).error).toBeUndefined();
    const events = (await drainQueue(local.sqs, local.paymentsInboxUrl)) as { type: string; correlationId: string }[];
    expect(events).toEqual([expect.objectContaining({ type: 'order.cancelled', correlationId: 'corr-cancel-1' })]);

    const again = await call('POST', `/orders/${String(created.body.id)}/cancel`, { token: alice });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
    expect(again.body).toMatchObject({ status: 409, title: 'Conflict', reason: 'order-already-cancelled', orderStatus: 'CANCELLED', detail: expect.any(String) });
  });

  describe.each([
    ['POST', '/orders', SCOPES.ordersWrite, SCOPES.ordersRead],
    ['GET', '/orders', SCOPES.ordersRead, SCOPES.ordersWrite],
    ['GET', '/orders/ord-1', SCOPES.ordersRead, SCOPES.paymentsRead],
    ['POST', '/orders/ord-1/cancel', SCOPES.ordersWrite, SCOPES.ordersRead],
  ])('%s %s with Cognito-shaped tokens', (method, path, scope, otherScope) => {
    it.each(rejectedTokenCases(() => local.issuer, { scope, otherScope }).map((c) => [c.name, c] as const))('%s: problem+json', async (_name, c) => {
      const authorization = await c.authorization();
      const response = await call(method, path, { ...(method === 'POST' ? { body: newOrder } : {}), headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(c.status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body).toMatchObject({ status: c.status, type: expect.stringMatching(new RegExp(`/${c.code}$`)), detail: expect.any(String) });
    });

    it('a token with only this scope is let in', async () => {
      const response = await call(method, path, { token: await local.issuer.sign('cus_scoped', { scopes: [scope] }), ...(method === 'POST' ? { body: newOrder } : {}) });
      expect([200, 201, 404]).toContain(response.status);
    });
  });

  it('client errors are problem+json, never 5xx: 401, 400, 415, 422 with every failing field, 404 route', async () => {
    expect((await call('POST', '/orders', { body: newOrder })).status).toBe(401);
    expect((await call('GET', '/orders', { token: `${alice.slice(0, -3)}abc` })).status).toBe(401);
    const expired = await local.issuer.sign('cus_alice', { expiresIn: '-1m' });
    expect((await call('GET', '/orders', { token: expired })).status).toBe(401);

    const malformed = await call('POST', '/orders', { token: alice, body: '{"currency":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ type: expect.stringContaining('malformed-json'), status: 400 });
    expect((await call('POST', '/orders', { token: alice, body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);

    const invalid = await call('POST', '/orders', {
      token: alice,
      body: { currency: 'euro', items: [{ sku: '', quantity: 0, unitPriceCents: 1.5 }, { sku: 'OK', quantity: 1001, unitPriceCents: -1 }] },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');
    expect((invalid.body.errors as { path: string }[]).map((error) => error.path).sort()).toEqual([
      'body.currency',
      'body.items.0.quantity',
      'body.items.0.sku',
      'body.items.0.unitPriceCents',
      'body.items.1.quantity',
      'body.items.1.unitPriceCents',
    ]);
    const empty = await call('POST', '/orders', { token: alice, body: { currency: 'EUR', items: [] } });
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'body.items' })]);
    const tooMany = await call('POST', '/orders', { token: alice, body: { currency: 'EUR', items: Array.from({ length: 101 }, () => newOrder.items[0]) } });
    expect(tooMany.status).toBe(422);
    const hugeTotal = await call('POST', '/orders', { token: alice, body: { currency: 'EUR', items: [{ sku: 'X', quantity: 1000, unitPriceCents: Number.MAX_SAFE_INTEGER }] } });
    expect(hugeTotal.status).toBe(422);
    const badKey = await call('POST', '/orders', { token: alice, body: newOrder, headers: { 'idempotency-key': 'has space' } });
    expect(badKey.status).toBe(422);
    expect((await call('GET', '/nope', { token: alice })).status).toBe(404);
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('the packaged template allows exactly the stage CORS origins and the headers the API uses', () => {
    const api = local.template.Resources.HttpApi as unknown as { Properties: { CorsConfiguration: Record<string, string[]> } };
    const cors = api.Properties.CorsConfiguration;
    expect(cors.AllowOrigins).toEqual(settingsFor('local').corsOrigins);
    expect(cors.AllowHeaders).toEqual(expect.arrayContaining(['Authorization', 'Idempotency-Key', 'X-Correlation-Id']));
    expect(cors.ExposeHeaders).toEqual(expect.arrayContaining(['Location', 'X-Correlation-Id']));
  });
});
