import { createJwtVerifier } from '@commerce/service-kit';
import { apiEvent, lambdaContext, startLocalIssuer, type LocalIssuer } from '@commerce/service-kit/testing';
import { TransientProviderError } from '../ports/payment-provider';
import { InMemoryPaymentRepository, ManualClock } from '../testing/fakes';
import { createGetPaymentActionHandler } from './http-get-payment-action';

describe('GET /payments/{orderId}/action handler', () => {
  let issuer: LocalIssuer;
  const repository = new InMemoryPaymentRepository();
  let providerDown = false;
  const provider = {
    actionClientSecret: async (paymentId: string) => {
      if (providerDown) throw new TransientProviderError('stripe: no answer');
      return `${paymentId}_secret_xyz`;
    },
  };
  beforeAll(async () => {
    issuer = await startLocalIssuer();
    const base = { customerId: 'alice', version: 2, amountCents: 990, currency: 'EUR', updatedAt: '2026-11-29T12:00:00.000Z' };
    repository.items.set('o-1', {
      ...base, orderId: 'o-1', status: 'ACTION_REQUIRED', paymentId: 'pi_1',
      action: { type: 'authenticate', requiredAt: '2026-11-29T12:00:00.000Z', expiresAt: '2026-11-29T12:15:00.000Z' },
    });
    repository.items.set('o-2', { ...base, orderId: 'o-2', status: 'CAPTURED', paymentId: 'pi_2' });
  });
  afterAll(() => issuer.stop());

  const call = async (orderId: string, customer?: string, scopes?: string[]) => {
    const handler = createGetPaymentActionHandler(
      () => ({ repository, provider, clock: new ManualClock() }),
      createJwtVerifier({ issuer: issuer.issuer, clientIds: issuer.clientId }),
    );
    const headers: Record<string, string> = customer ? { authorization: `Bearer ${await issuer.sign(customer, scopes ? { scopes } : {})}` } : {};
    const response = await handler(apiEvent({ path: `/payments/${orderId}/action`, routeKey: 'GET /payments/{orderId}/action', params: { orderId }, headers }), lambdaContext());
    return { ...response, json: JSON.parse(response.body || 'null') as Record<string, unknown> };
  };

  it('answers the owner 200 with the client secret, uncached', async () => {
    const response = await call('o-1', 'alice');
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store' });
    expect(response.json).toEqual({ orderId: 'o-1', type: 'authenticate', clientSecret: 'pi_1_secret_xyz', expiresAt: '2026-11-29T12:15:00.000Z' });
  });

  it('answers problem+json: 404 alike for other customers and unknown orders, 409 when nothing waits, 401/403 without a token or its scope', async () => {
    for (const [orderId, customer] of [['o-1', 'bob'], ['o-unknown', 'alice']] as const) {
      const response = await call(orderId, customer);
      expect(response.statusCode).toBe(404);
      expect(response.json).toMatchObject({ type: 'https://problems.commerce.example.com/not-found' });
    }
    const conflict = await call('o-2', 'alice');
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json).toMatchObject({ type: 'https://problems.commerce.example.com/payment-action-not-required', paymentStatus: 'CAPTURED' });
    expect(conflict.body).not.toContain('secret');
    expect((await call('o-1')).statusCode).toBe(401);
    expect((await call('o-1', 'alice', ['openid'])).statusCode).toBe(403); // a token without payments.read
  });

  it('answers 503 problem+json when Stripe does not answer', async () => {
    providerDown = true;
    try {
      const response = await call('o-1', 'alice');
      expect(response.statusCode).toBe(503);
      expect(response.json).toMatchObject({ type: 'https://problems.commerce.example.com/payment-provider-unavailable', title: 'Service Unavailable' });
    } finally {
      providerDown = false;
    }
  });
});
