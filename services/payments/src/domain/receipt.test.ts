import { ReceiptParseError } from '@commerce/domain-events';
import type { PaymentRecord } from './payment';
import { receiptFor } from './receipt';

const captured: PaymentRecord = {
  orderId: 'o-1',
  customerId: 'c-1',
  status: 'CAPTURED',
  version: 3,
  amountCents: 2_500,
  currency: 'EUR',
  items: [{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1_250 }],
  paymentId: 'pay_1',
  capturedAt: '2026-11-29T10:00:00.000Z',
  updatedAt: '2026-11-29T10:00:00.000Z',
};

describe('receiptFor', () => {
  it('builds the shared receipt document (ReceiptDocumentV1) of a captured payment', () => {
    expect(receiptFor(captured)).toEqual({
      receiptVersion: 1,
      orderId: 'o-1',
      customerId: 'c-1',
      paymentId: 'pay_1',
      items: [{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1_250 }],
      totalCents: 2_500,
      currency: 'EUR',
      capturedAt: '2026-11-29T10:00:00.000Z',
    });
  });

  it('refuses to build a receipt that breaks the contract, naming the field', () => {
    expect(() => receiptFor({ ...captured, currency: 'euro' })).toThrow(ReceiptParseError);
    expect(() => receiptFor({ ...captured, currency: 'euro' })).toThrow(/currency/);
  });

  it('has no receipt for a payment that was not captured', () => {
    expect(() => receiptFor({ ...captured, status: 'DECLINED' })).toThrow(/no receipt for a DECLINED payment/);
  });
});
