import { retryingFetch, type FetchLike } from './retry';

/** A scripted server behind a fetch: each attempt gets the next answer (a status, or a thrown network error). */
const scripted = (answers: (number | Error)[], headers: Record<string, string> = {}) => {
  const seen: { key: string | null; body: string }[] = [];
  const fetch: FetchLike = async (request) => {
    seen.push({ key: request.headers.get('Idempotency-Key'), body: await request.text() });
    const answer = answers[seen.length - 1] ?? 200;
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify({ attempt: seen.length }), { status: answer, headers });
  };
  return { fetch, seen };
};

const waits: number[] = [];
const noWait = async (ms: number): Promise<void> => {
  waits.push(ms);
};
const placeOrder = (key?: string): Request =>
  new Request('http://api.test/orders', {
    method: 'POST',
    body: '{"currency":"EUR"}',
    headers: { 'content-type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
  });

beforeEach(() => waits.splice(0));

describe('retryingFetch', () => {
  it('sends a keyed POST again after a network error, a 5xx and a 429, with the same key and body each time', async () => {
    const server = scripted([new TypeError('fetch failed'), 503, 429, 201]);
    const response = await retryingFetch(server.fetch, { retries: 3 }, noWait)(placeOrder('key-1'));
    expect(response.status).toBe(201);
    expect(server.seen).toEqual(Array(4).fill({ key: 'key-1', body: '{"currency":"EUR"}' }));
  });

  it('never retries a 4xx other than 429', async () => {
    for (const status of [400, 401, 403, 404, 409, 415, 422]) {
      const server = scripted([status, 201]);
      const response = await retryingFetch(server.fetch, {}, noWait)(placeOrder('key-4xx'));
      expect({ status, answered: response.status, attempts: server.seen.length }).toEqual({ status, answered: status, attempts: 1 });
    }
  });

  it('never retries a write without an Idempotency-Key, even after a network error', async () => {
    const server = scripted([new TypeError('fetch failed'), 201]);
    await expect(retryingFetch(server.fetch, {}, noWait)(placeOrder())).rejects.toThrow('fetch failed');
    expect(server.seen).toHaveLength(1);
  });

  it('retries reads (GET) without a key', async () => {
    const server = scripted([502, 200]);
    const response = await retryingFetch(server.fetch, {}, noWait)(new Request('http://api.test/orders/1'));
    expect(response.status).toBe(200);
    expect(server.seen).toHaveLength(2);
  });

  it('gives up after `retries`, answering the last response or throwing the last network error', async () => {
    const failing = scripted([500, 500, 500]);
    expect((await retryingFetch(failing.fetch, { retries: 2 }, noWait)(placeOrder('k'))).status).toBe(500);
    expect(failing.seen).toHaveLength(3);
    const offline = scripted([new TypeError('a'), new TypeError('b')]);
    await expect(retryingFetch(offline.fetch, { retries: 1 }, noWait)(placeOrder('k'))).rejects.toThrow('b');
  });

  it('backs off exponentially with jitter, capped, and honours Retry-After', async () => {
    const server = scripted([500, 500, 500, 500, 200]);
    await retryingFetch(server.fetch, { retries: 4, baseDelayMs: 100, maxDelayMs: 500 }, noWait, () => 1)(placeOrder('k'));
    expect(waits).toEqual([100, 200, 400, 500]);
    waits.splice(0);
    await retryingFetch(scripted([500, 200]).fetch, { baseDelayMs: 100 }, noWait, () => 0)(placeOrder('k'));
    expect(waits).toEqual([50]); // half of the delay is fixed
    waits.splice(0);
    await retryingFetch(scripted([429, 200], { 'retry-after': '2' }).fetch, { maxDelayMs: 5000 }, noWait)(placeOrder('k'));
    expect(waits).toEqual([2000]);
  });

  it("stops at the caller's abort instead of retrying", async () => {
    const controller = new AbortController();
    const server: FetchLike = async () => {
      controller.abort(new Error('navigated away'));
      throw new TypeError('fetch failed');
    };
    const request = new Request('http://api.test/orders', { method: 'POST', body: '{}', headers: { 'Idempotency-Key': 'k' }, signal: controller.signal });
    await expect(retryingFetch(server)(request)).rejects.toThrow('fetch failed');
  });
});
