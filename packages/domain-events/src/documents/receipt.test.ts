import { orderIdOfReceiptKey, parseReceiptDocument, receiptKey, ReceiptParseError, RECEIPTS_PREFIX } from '../index';

const receipt = {
  receiptVersion: 1,
  orderId: 'ord_1',
  customerId: 'cus_1',
  paymentId: 'pay_1',
  items: [{ sku: 'MUG-1', quantity: 2, unitPriceCents: 1250 }],
  totalCents: 2500,
  currency: 'EUR',
  capturedAt: '2026-11-29T10:00:00.000Z',
};

const issuesOf = (input: unknown): string[] => {
  try {
    parseReceiptDocument(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ReceiptParseError);
    return (error as ReceiptParseError).issues.map((issue) => issue.path);
  }
  throw new Error('expected a ReceiptParseError');
};

describe('receipt document', () => {
  it('lives at receipts/{orderId}.json, and only such keys name an order', () => {
    expect(RECEIPTS_PREFIX).toBe('receipts/');
    expect(receiptKey('ord_1')).toBe('receipts/ord_1.json');
    expect(orderIdOfReceiptKey(receiptKey('ord_1'))).toBe('ord_1');
    expect(['receipts/nested/ord_1.json', 'receipts/ord 1.json', 'receipts/.json', 'receipts/ord_1.txt', 'other/ord_1.json'].map(orderIdOfReceiptKey)).toEqual(
      [undefined, undefined, undefined, undefined, undefined],
    );
  });

  it('accepts JSON text and values, dropping fields it does not know', () => {
    expect(parseReceiptDocument(JSON.stringify(receipt))).toEqual(receipt);
    expect(parseReceiptDocument({ ...receipt, addedLater: true })).toEqual(receipt);
  });

  it('names every failing field', () => {
    expect(issuesOf({ ...receipt, receiptVersion: 2, customerId: undefined, items: [{ sku: '', quantity: 0, unitPriceCents: 1 }] })).toEqual(
      expect.arrayContaining(['receiptVersion', 'customerId', 'items.0.sku', 'items.0.quantity']),
    );
    expect(issuesOf('{nope')).toEqual(['']);
  });
});
