/**
 * Fuzzing the orders HTTP API (issue 16): arbitrary bodies, paths, query strings (limit and cursor included) and
 * headers over real HTTP, handlers on their real composition against the local emulators. Any input is answered
 * 2xx or a problem+json 4xx, never a 5xx; an order that is stored is a valid one.
 */
import fc from 'fast-check';
import { fuzzAnswer, fuzzParameters, isPathSegment, isWellAnswered, type FuzzAnswer } from '@commerce/service-kit/testing';
import { OrderView } from '../src/handlers/http-schemas';
import { startHttpApi, type LocalHttpApi } from './support/http-adapter';
import { ordersRoutes } from './support/orders-routes';
import { startLocalOrders, type LocalOrders } from './support/local-orders';
import { drainQueue } from './support/sqs-batch';

let local: LocalOrders;
let api: LocalHttpApi;
let token: string;

beforeAll(async () => {
  local = await startLocalOrders();
  api = await startHttpApi(ordersRoutes);
  token = await local.issuer.sign('cus_fuzz');
}, 120_000);

afterAll(async () => {
  await drainQueue(local.sqs, local.paymentsInboxUrl).catch(() => undefined);
  await api?.stop();
  await local?.stop();
});

const send = async (method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<FuzzAnswer> =>
  fuzzAnswer(
    await fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body } : {}),
    }),
  );

/** Order-shaped values with every field possibly wrong: the inputs most likely to get past the first checks. */
const nearlyAnOrder = fc.record(
  {
    currency: fc.oneof(fc.constantFrom('EUR', 'USD', 'JPY', 'eur', 'EURO', ''), fc.string(), fc.integer()),
    items: fc.oneof(
      fc.array(
        fc.record(
          {
            sku: fc.oneof(fc.string({ maxLength: 80 }), fc.integer()),
            quantity: fc.oneof(fc.integer({ min: -5, max: 2_000_000 }), fc.double(), fc.string()),
            unitPriceCents: fc.oneof(fc.integer({ min: -10, max: Number.MAX_SAFE_INTEGER }), fc.double(), fc.constant(null)),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 120 },
      ),
      fc.anything(),
    ),
    paymentMethodId: fc.oneof(fc.string(), fc.integer()),
  },
  { requiredKeys: [] },
);

describe('orders HTTP API under fuzzed input (fast-check, real HTTP and emulators)', () => {
  it('POST /orders: any body and headers give 201 with a valid order or a problem+json 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(nearlyAnOrder.map((value) => JSON.stringify(value)), fc.jsonValue().map((value) => JSON.stringify(value)), fc.string()),
        fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        async (body, idempotencyKey) => {
          const headers: Record<string, string> = {};
          // Header values must be valid HTTP: only what fetch can send (printable latin-1 without CR/LF).
          if (idempotencyKey !== undefined && /^[\x20-\x7e]*$/.test(idempotencyKey)) headers['idempotency-key'] = idempotencyKey;
          const answer = await send('POST', '/orders', body, headers);
          if (answer.status === 201) return OrderView.safeParse(answer.body).success;
          return isWellAnswered(answer);
        },
      ),
      fuzzParameters(),
    );
  }, 120_000);

  it('GET /orders: any limit and cursor give 200 or a problem+json 4xx', async () => {
    const cursor = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')),
      fc.array(fc.oneof(fc.string(), fc.constant('cus_fuzz'), fc.integer()), { maxLength: 4 }).map((parts) => Buffer.from(JSON.stringify(parts)).toString('base64url')),
      // Our own cursor's shape, [customerId, createdAtId, orderId], for this caller, with parts DynamoDB may refuse.
      fc
        .tuple(fc.constant('cus_fuzz'), ...[0, 1].map(() => fc.oneof(fc.constant(''), fc.string(), fc.string({ minLength: 1000, maxLength: 1100 }), fc.integer())))
        .map((parts) => Buffer.from(JSON.stringify(parts)).toString('base64url')),
    );
    await fc.assert(
      fc.asyncProperty(
        // Mostly valid limits, so that the cursor is what gets tested; sometimes anything.
        fc.option(fc.oneof({ arbitrary: fc.integer({ min: 1, max: 100 }).map(String), weight: 3 }, { arbitrary: fc.oneof(fc.string(), fc.integer().map(String)), weight: 1 }), { nil: undefined }),
        fc.option(cursor, { nil: undefined, freq: 8 }),
        async (limit, cursorValue) => {
        const query = new URLSearchParams({ ...(limit !== undefined ? { limit } : {}), ...(cursorValue !== undefined ? { cursor: cursorValue } : {}) });
          return isWellAnswered(await send('GET', `/orders?${query}`));
        },
      ),
      fuzzParameters(),
    );
  }, 120_000);

  it('GET /orders/{id} and POST /orders/{id}/cancel: any id gives 2xx or a problem+json 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 300 }).filter(isPathSegment), fc.boolean(), async (id, cancel) => {
        const path = `/orders/${encodeURIComponent(id)}${cancel ? '/cancel' : ''}`;
        return isWellAnswered(await send(cancel ? 'POST' : 'GET', path, cancel ? '{}' : undefined));
      }),
      fuzzParameters(),
    );
  }, 120_000);
});
