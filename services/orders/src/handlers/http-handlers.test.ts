import { createJwtVerifier } from '@commerce/service-kit';
import { apiEvent, lambdaContext, startLocalIssuer, type LocalIssuer } from '@commerce/service-kit/testing';
import { fakeDeps } from '../testing/fakes';
import { createHandler as cancelHandler } from './http-cancel-order';
import { createHandler as createHandlerFactory } from './http-create-order';
import { createHandler as getHandler } from './http-get-order';
import { createHandler as listHandler } from './http-list-orders';

let issuer: LocalIssuer;
let token: string;
beforeAll(async () => {
  issuer = await startLocalIssuer();
  token = await issuer.sign('cus_1');
});
afterAll(() => issuer.stop());

const setup = () => {
  const fakes = fakeDeps();
  const options = { deps: () => fakes.deps, verifier: createJwtVerifier({ issuer: issuer.issuer, clientIds: issuer.clientId }) };
  return { ...fakes, create: createHandlerFactory(options), get: getHandler(options), list: listHandler(options), cancel: cancelHandler(options) };
};
const auth = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra });
const body = { currency: 'EUR', items: [{ sku: 'SKU-1', quantity: 2, unitPriceCents: 1250 }] };
const json = (response: { body?: string }) => JSON.parse(response.body ?? '{}') as Record<string, unknown>;

describe('orders HTTP handlers (fakes through ports)', () => {
  it('generates a correlation id when none is sent, echoes it and puts it on the event', async () => {
    const { create, publisher } = setup();
    const response = await create(apiEvent({ method: 'POST', path: '/orders', headers: auth(), body }), lambdaContext());
    expect(response.statusCode).toBe(201);
    const correlationId = response.headers?.['x-correlation-id'];
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(publisher.published[0]?.correlationId).toBe(correlationId);
  });

  it('still answers 201 when publishing fails (the event waits in the outbox)', async () => {
    const { create, publisher, repository } = setup();
    publisher.failNext();
    const response = await create(apiEvent({ method: 'POST', path: '/orders', headers: auth(), body }), lambdaContext());
    expect(response.statusCode).toBe(201);
    expect((await repository.get(String(json(response).id)))?.pendingEvents).toHaveLength(1);
  });

  it('maps cancel conflicts to 409 problem+json with the order status and reason', async () => {
    const { create, cancel } = setup();
    const created = json(await create(apiEvent({ method: 'POST', path: '/orders', headers: auth(), body }), lambdaContext()));
    const event = () => apiEvent({ method: 'POST', path: `/orders/${String(created.id)}/cancel`, headers: auth(), params: { id: String(created.id) } });
    expect((await cancel(event(), lambdaContext())).statusCode).toBe(200);
    const conflict = await cancel(event(), lambdaContext());
    expect(conflict.statusCode).toBe(409);
    expect(json(conflict)).toMatchObject({ type: 'https://problems.commerce.example.com/order-already-cancelled', reason: 'order-already-cancelled', orderStatus: 'CANCELLED' });
  });

  it('answers 404 for ids that cannot exist and 422 for a forged cursor', async () => {
    const { get, list } = setup();
    const weird = await get(apiEvent({ path: '/orders/x', headers: auth(), params: { id: 'has space' } }), lambdaContext());
    expect(weird.statusCode).toBe(404);
    const forged = await list(apiEvent({ path: '/orders', headers: auth(), query: { cursor: 'garbage' } }), lambdaContext());
    expect(forged.statusCode).toBe(422);
    expect(json(forged).errors).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
  });
});
