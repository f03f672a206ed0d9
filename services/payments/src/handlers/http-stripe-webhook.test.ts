import Stripe from 'stripe';
import { apiEvent, lambdaContext } from '@commerce/service-kit/testing';
import { stripeWebhookVerifier } from '../adapters/stripe-webhook-verifier';
import type { PaymentChecks } from '../ports/provider-webhooks';
import { createStripeWebhookHandler } from './http-stripe-webhook';

const SECRET = 'whsec_test_0123456789abcdef';
const checks: { orderId: string; source: string }[] = [];
const recording: PaymentChecks = { checkAction: async (orderId, source) => void checks.push({ orderId, source }) };

const handler = (secret = SECRET) => createStripeWebhookHandler(() => ({ verifier: stripeWebhookVerifier(async () => secret, '/commerce/test/payments/stripe-webhook-secret'), checks: recording }));

const stripeEvent = (type: string, object: Record<string, unknown>) =>
  JSON.stringify({ id: `evt_${checks.length}_${type}`, object: 'event', type, api_version: '2025-01-01', created: 1, livemode: false, data: { object } });
const intent = (orderId?: string) => ({ id: 'pi_1', object: 'payment_intent', status: 'succeeded', metadata: orderId ? { orderId } : {} });
/** Signed as Stripe signs (the SDK's own helper: HMAC-SHA256 of "<timestamp>.<body>"). */
const signed = (body: string, secret = SECRET, timestamp?: number) =>
  Stripe.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp ? { timestamp } : {}) });

const post = (body: string, headers: Record<string, string>, h = handler()) =>
  h(apiEvent({ method: 'POST', path: '/payments/webhooks/stripe', routeKey: 'POST /payments/webhooks/stripe', body, headers }), lambdaContext());

beforeEach(() => checks.splice(0));

describe('POST /payments/webhooks/stripe', () => {
  it('queues one check per verified payment_intent event naming an order, without any token', async () => {
    for (const type of ['payment_intent.succeeded', 'payment_intent.payment_failed']) {
      const body = stripeEvent(type, intent('ord-1'));
      const response = await post(body, { 'stripe-signature': signed(body) });
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body!)).toEqual({ received: true, handled: true });
    }
    expect(checks).toEqual([
      { orderId: 'ord-1', source: expect.stringMatching(/\/payment_intent\.succeeded$/) },
      { orderId: 'ord-1', source: expect.stringMatching(/\/payment_intent\.payment_failed$/) },
    ]);
  });

  it('acknowledges verified events it does not act on, and queues nothing for them', async () => {
    for (const body of [stripeEvent('charge.refunded', intent('ord-1')), stripeEvent('payment_intent.succeeded', intent()), stripeEvent('payment_intent.succeeded', { object: 'charge', metadata: { orderId: 'o' } })]) {
      const response = await post(body, { 'stripe-signature': signed(body) });
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(response.body!)).toEqual({ received: true, handled: false });
    }
    expect(checks).toEqual([]);
  });

  it.each<[string, (body: string) => Record<string, string>]>([
    ['no signature', () => ({})],
    ['a signature with another secret', (body) => ({ 'stripe-signature': signed(body, 'whsec_someone_else_000000') })],
    ['a signature of another body', (body) => ({ 'stripe-signature': signed(body.replace('ord-1', 'ord-2')) })],
    ['a signature older than 5 minutes (a replay)', (body) => ({ 'stripe-signature': signed(body, SECRET, Math.floor(Date.now() / 1000) - 301) })],
    ['garbage', () => ({ 'stripe-signature': 't=1,v1=00' })],
  ])('answers %s with 400 problem+json and queues nothing', async (_name, headersFor) => {
    const body = stripeEvent('payment_intent.succeeded', intent('ord-1'));
    const response = await post(body, headersFor(body));
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.body!)).toMatchObject({ type: 'https://problems.commerce.example.com/webhook-signature-invalid', status: 400 });
    expect(checks).toEqual([]);
  });

  it('fails (500, so Stripe retries) on a configured value that is not a signing secret, without quoting it', async () => {
    const body = stripeEvent('payment_intent.succeeded', intent('ord-1'));
    const response = await post(body, { 'stripe-signature': signed(body) }, handler('sk_test_not_a_webhook_secret'));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('sk_test');
    expect(checks).toEqual([]);
  });
});
