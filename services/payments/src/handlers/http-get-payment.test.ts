import { createJwtVerifier } from '@commerce/service-kit';
import { apiEvent, lambdaContext, startLocalIssuer, type LocalIssuer } from '@commerce/service-kit/testing';
import { InMemoryPaymentRepository, InMemoryReceiptStore } from '../testing/fakes';
import { createGetPaymentHandler } from './http-get-payment';

describe('GET /payments/{orderId} handler', () => {
  let issuer: LocalIssuer;
  const repository = new InMemoryPaymentRepository();
  beforeAll(async () => {
    issuer = await startLocalIssuer();
    repository.items.set('o-1', {
      orderId: 'o-1', customerId: 'alice', status: 'CAPTURED', version: 3, amountCents: 990, currency: 'EUR',
      paymentId: 'pay_1', capturedAt: '2026-11-29T12:00:00.000Z', updatedAt: '2026-11-29T12:00:00.000Z',
    });
  });
  afterAll(() => issuer.stop());

  const call = async (orderId: string, customer?: string) => {
    const handler = createGetPaymentHandler(
      () => ({ repository, receipts: new InMemoryReceiptStore() }),
      createJwtVerifier({ issuer: issuer.issuer, clientIds: issuer.clientId }),
    );
    const headers: Record<string, string> = customer ? { authorization: `Bearer ${await issuer.sign(customer)}` } : {};
    return handler(apiEvent({ path: `/payments/${orderId}`, routeKey: 'GET /payments/{orderId}', params: { orderId }, headers }), lambdaContext());
  };

  it('answers 200 with the payment, uncached', async () => {
    const response = await call('o-1', 'alice');
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store' });
    expect(JSON.parse(response.body!)).toMatchObject({ orderId: 'o-1', status: 'CAPTURED', amountCents: 990, receiptUrl: expect.any(String) });
  });

  it('answers problem+json 404 alike for unknown orders and other customers, 401 without a token, 422 for a bad id', async () => {
    for (const [orderId, customer] of [['o-1', 'bob'], ['o-unknown', 'alice']] as const) {
      const response = await call(orderId, customer);
      expect(response.statusCode).toBe(404);
      expect(JSON.parse(response.body!)).toMatchObject({ type: 'https://problems.commerce.example.com/not-found', status: 404 });
    }
    expect((await call('o-1')).statusCode).toBe(401);
    expect((await call('has space', 'alice')).statusCode).toBe(422);
  });
});
