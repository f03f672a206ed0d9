import * as z from 'zod';
import { createJwtVerifier, createLogger, httpRoute, HttpProblem } from '../index';
import { apiEvent, lambdaContext, startLocalIssuer, type LocalIssuer } from '../testing';

const logger = createLogger('test');
const WRITE = 'commerce/orders.write';
let issuer: LocalIssuer;
let token: string;

beforeAll(async () => {
  issuer = await startLocalIssuer();
  token = await issuer.sign('cus_42');
});
afterAll(() => issuer.stop());

const route = () =>
  httpRoute({
    logger,
    scopes: [WRITE],
    verifier: createJwtVerifier({ issuer: issuer.issuer, clientIds: issuer.clientId }),
    body: z.object({ name: z.string().min(1), count: z.number().int().min(1) }),
    handle: async ({ body, caller, correlationId }) => {
      if (body.name === 'conflict') throw new HttpProblem(409, 'name-taken', 'taken', undefined, { currentStatus: 'PAID' });
      if (body.name === 'boom') throw new Error('secret internals');
      return { status: 201, body: { ...body, customerId: caller.customerId, correlationId } };
    },
  });

const call = (event: ReturnType<typeof apiEvent>) => route()(event, lambdaContext());
const auth = () => ({ authorization: `Bearer ${token}` });

describe('httpRoute', () => {
  it('runs the handler for a verified caller with a valid body and echoes the correlation id', async () => {
    const response = await call(apiEvent({ method: 'POST', headers: { ...auth(), 'x-correlation-id': 'corr-7' }, body: { name: 'a', count: 2 } }));
    expect(response.statusCode).toBe(201);
    expect(response.headers?.['x-correlation-id']).toBe('corr-7');
    expect(JSON.parse(response.body ?? '')).toEqual({ name: 'a', count: 2, customerId: 'cus_42', correlationId: 'corr-7' });
  });

  it.each<[string, () => Record<string, string>, number]>([
    ['no token', () => ({}), 401],
    ['a malformed header', () => ({ authorization: 'Token abc' }), 401],
    ['a token with a forged signature', () => ({ authorization: `Bearer ${token.slice(0, -4)}AAAA` }), 401],
  ])('rejects %s with 401 problem+json', async (_label, headers, status) => {
    const response = await call(apiEvent({ method: 'POST', headers: headers(), body: { name: 'a', count: 1 } }));
    expect(response.statusCode).toBe(status);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body ?? '')).toMatchObject({ status, title: 'Unauthorized' });
  });

  it('authenticates before it parses the body', async () => {
    const response = await call(apiEvent({ method: 'POST', body: '{"name":' }));
    expect(response.statusCode).toBe(401);
  });

  it('rejects a token for another app client or issuer, and an ID token, with 401 invalid_token', async () => {
    const others = [
      await issuer.sign('cus_42', { clientId: 'someone-else' }),
      await issuer.sign('cus_42', { issuer: 'http://evil.example.com' }),
      (await issuer.signIn('cus_42')).idToken,
    ];
    for (const other of others) {
      const response = await call(apiEvent({ method: 'POST', headers: { authorization: `Bearer ${other}` }, body: { name: 'a', count: 1 } }));
      expect(response.statusCode).toBe(401);
      expect(response.headers?.['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(JSON.parse(response.body ?? '')).toMatchObject({ type: expect.stringMatching(/\/invalid_token$/), status: 401 });
    }
  });

  it('answers a valid token without the route scope with 403 insufficient_scope, before parsing the body', async () => {
    const readOnly = await issuer.sign('cus_42', { scopes: ['openid', 'commerce/orders.read'] });
    const response = await call(apiEvent({ method: 'POST', headers: { authorization: `Bearer ${readOnly}` }, body: '{"name":' }));
    expect(response.statusCode).toBe(403);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.headers?.['www-authenticate']).toBe(`Bearer error="insufficient_scope", scope="${WRITE}"`);
    expect(JSON.parse(response.body ?? '')).toMatchObject({ type: expect.stringMatching(/\/insufficient_scope$/), title: 'Forbidden', status: 403, requiredScopes: [WRITE] });
  });

  it('refuses to build an authenticated route that declares no scopes', () => {
    expect(() => httpRoute({ logger, handle: async () => ({ status: 204 }) })).toThrow(/must declare its scopes/);
    expect(() => httpRoute({ logger, auth: 'public', handle: async () => ({ status: 204 }) })).not.toThrow();
  });

  it('answers malformed JSON with 400 and a wrong content type with 415', async () => {
    const malformed = await call(apiEvent({ method: 'POST', headers: auth(), body: '{"name":' }));
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body ?? '')).toMatchObject({ type: expect.stringContaining('malformed-json'), status: 400 });
    const wrongType = await call(apiEvent({ method: 'POST', headers: { ...auth(), 'content-type': 'text/plain' }, body: 'x' }));
    expect(wrongType.statusCode).toBe(415);
  });

  it('lists every invalid field with 422', async () => {
    const response = await call(apiEvent({ method: 'POST', headers: auth(), body: { name: '', count: 0.5 } }));
    expect(response.statusCode).toBe(422);
    const problem = JSON.parse(response.body ?? '') as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual(['body.count', 'body.name']);
  });

  it('keeps problem extensions and hides internal errors behind a generic 500', async () => {
    const conflict = await call(apiEvent({ method: 'POST', headers: auth(), body: { name: 'conflict', count: 1 } }));
    expect(JSON.parse(conflict.body ?? '')).toMatchObject({ status: 409, currentStatus: 'PAID' });
    const boom = await call(apiEvent({ method: 'POST', headers: auth(), body: { name: 'boom', count: 1 } }));
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('secret');
  });

  it("maps the handler's own errors with problemFor, and the ones it does not know to a 500", async () => {
    class SoldOut extends Error {}
    const mapped = httpRoute({
      logger,
      scopes: [WRITE],
      verifier: createJwtVerifier({ issuer: issuer.issuer, clientIds: issuer.clientId }),
      query: z.object({ error: z.enum(['sold-out', 'other']) }),
      handle: async ({ query }) => {
        throw query.error === 'sold-out' ? new SoldOut('no stock left') : new Error('secret internals');
      },
      problemFor: (error) => (error instanceof SoldOut ? new HttpProblem(409, 'sold-out', error.message) : undefined),
    });
    const soldOut = await mapped(apiEvent({ headers: auth(), query: { error: 'sold-out' } }), lambdaContext());
    expect(soldOut.statusCode).toBe(409);
    expect(soldOut.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(soldOut.body ?? '')).toMatchObject({ status: 409, type: expect.stringContaining('sold-out'), detail: 'no stock left' });
    const other = await mapped(apiEvent({ headers: auth(), query: { error: 'other' } }), lambdaContext());
    expect(other.statusCode).toBe(500);
    expect(other.body).not.toContain('secret');
  });

  it('gives the handler the body exactly as received (rawBody): base64-decoded, and unparsed even when a schema parses it', async () => {
    const seen: string[] = [];
    const raw = httpRoute({
      logger,
      auth: 'public',
      handle: async ({ rawBody }) => {
        seen.push(rawBody);
        return { status: 200, body: { length: rawBody.length } };
      },
    });
    const text = '{"id":"evt_1",  "object":"event"}\n'; // spacing and newline kept: a signature covers these bytes
    await raw(apiEvent({ method: 'POST', body: text }), lambdaContext());
    await raw({ ...apiEvent({ method: 'POST', body: Buffer.from(text).toString('base64') }), isBase64Encoded: true }, lambdaContext());
    await raw(apiEvent({ method: 'POST' }), lambdaContext());
    expect(seen).toEqual([text, text, '']);

    const parsed = httpRoute({
      logger,
      auth: 'public',
      body: z.object({ name: z.string() }),
      handle: async ({ body, rawBody }) => ({ status: 200, body: { name: body.name, rawBody } }),
    });
    const response = await parsed(apiEvent({ method: 'POST', body: '{ "name": "a" }' }), lambdaContext());
    expect(JSON.parse(response.body ?? '')).toEqual({ name: 'a', rawBody: '{ "name": "a" }' });
  });
});
