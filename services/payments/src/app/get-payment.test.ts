import { createEvent } from '@commerce/domain-events';
import { LocalPaymentProvider } from '../adapters/local-payment-provider';
import { InMemoryPaymentRepository, InMemoryReceiptStore, ManualClock, RecordingPublisher } from '../testing/fakes';
import { getPayment } from './get-payment';
import { PaymentService } from './payment-service';

const setup = async () => {
  const repository = new InMemoryPaymentRepository();
  const receipts = new InMemoryReceiptStore();
  const service = new PaymentService({ repository, receipts, publisher: new RecordingPublisher(), provider: new LocalPaymentProvider(), clock: new ManualClock() });
  const place = (orderId: string, totalCents: number, customerId = 'alice') =>
    service.onOrderPlaced(
      createEvent('order.placed', { orderId, customerId, currency: 'EUR', items: [{ sku: 'A', quantity: 1, unitPriceCents: totalCents }], totalCents }, { correlationId: 'c' }),
    );
  const cancel = (orderId: string, customerId = 'alice') =>
    service.onOrderCancelled(createEvent('order.cancelled', { orderId, customerId, previousStatus: 'PAID' }, { correlationId: 'c' }));
  return { deps: { repository, receipts, receiptUrlTtlSeconds: 120 }, place, cancel };
};

describe('getPayment', () => {
  it("returns the caller's captured payment with a presigned receipt URL", async () => {
    const { deps, place } = await setup();
    await place('o-1', 1_234);
    expect(await getPayment(deps, 'o-1', 'alice')).toEqual({
      orderId: 'o-1',
      status: 'CAPTURED',
      amountCents: 1_234,
      currency: 'EUR',
      receiptUrl: 'https://receipts.example/receipts/o-1.json?X-Amz-Expires=120',
    });
  });

  it('returns declined payments with their reason and no receipt, refunded ones with theirs', async () => {
    const { deps, place, cancel } = await setup();
    await place('o-2', 2_000_000);
    await place('o-3', 100);
    await cancel('o-3');
    expect(await getPayment(deps, 'o-2', 'alice')).toEqual({ orderId: 'o-2', status: 'DECLINED', amountCents: 2_000_000, currency: 'EUR', reason: 'card_declined' });
    expect(await getPayment(deps, 'o-3', 'alice')).toMatchObject({ status: 'REFUNDED', receiptUrl: expect.any(String) });
  });

  it("hides unknown orders, other customers' orders and cancellations that never became payments", async () => {
    const { deps, place, cancel } = await setup();
    await place('o-4', 100);
    await cancel('o-5');
    expect(await getPayment(deps, 'o-4', 'mallory')).toBeUndefined();
    expect(await getPayment(deps, 'nope', 'alice')).toBeUndefined();
    expect(await getPayment(deps, 'o-5', 'alice')).toBeUndefined();
  });
});
