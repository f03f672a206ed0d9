import type { BankLedger } from './local-bank';
import { checkSoak, type SoakEvidence } from './soak-checks';

/** Evidence of a clean run: o-1 PAID, o-2 PAYMENT_FAILED, o-3 cancelled after its capture and refunded. */
const clean = (): SoakEvidence => {
  const bank: BankLedger = {
    charges: [
      { idempotencyKey: 'charge:o-1', orderId: 'o-1', amountCents: 100, currency: 'EUR', outcome: 'captured', paymentId: 'pay_1' },
      { idempotencyKey: 'charge:o-2', orderId: 'o-2', amountCents: 2_000_000, currency: 'EUR', outcome: 'declined' },
      { idempotencyKey: 'charge:o-3', orderId: 'o-3', amountCents: 100, currency: 'EUR', outcome: 'captured', paymentId: 'pay_3' },
    ],
    refunds: [{ idempotencyKey: 'refund:o-3', orderId: 'o-3', paymentId: 'pay_3', amountCents: 100, refundId: 're_3' }],
    faults: { transient: 0, timeoutAfterCharge: 0 },
    replays: 0,
    calls: 4,
  };
  return {
    placed: [
      { id: 'o-1', customerId: 'c-1', declineIntended: false, cancelAccepted: false },
      { id: 'o-2', customerId: 'c-1', declineIntended: true, cancelAccepted: false },
      { id: 'o-3', customerId: 'c-2', declineIntended: false, cancelAccepted: true },
    ],
    finals: new Map([
      ['o-1', { id: 'o-1', status: 'PAID', payment: { paymentId: 'pay_1' } }],
      ['o-2', { id: 'o-2', status: 'PAYMENT_FAILED' }],
      ['o-3', { id: 'o-3', status: 'CANCELLED' }],
    ]),
    bank,
    messages: new Map([
      ['c-1', [{ orderId: 'o-1', type: 'order.placed' }, { orderId: 'o-1', type: 'receipt.issued' }, { orderId: 'o-2', type: 'order.placed' }, { orderId: 'o-2', type: 'payment.failed' }]],
      ['c-2', ['order.placed', 'receipt.issued', 'order.cancelled', 'payment.refunded'].map((type) => ({ orderId: 'o-3', type }))],
    ]),
    deadLetters: { 'q-dlq': ['{"poison":1}'] },
    poisonsSent: { 'q-dlq': 1 },
    poisonMarker: 'poison',
    ledger: { q: { published: 10, consumed: 9, dlq: 1 }, 'q-dlq': { published: 1, consumed: 0, dlq: 0 } },
    leftInQueues: { q: 0 },
  };
};

describe('the soak checks', () => {
  it('pass a consistent run and count its final states', () => {
    expect(checkSoak(clean())).toEqual({ violations: [], finalStates: { PAID: 1, PAYMENT_FAILED: 1, CANCELLED: 1 } });
  });

  it('catch a double charge from the bank\'s books, whatever our tables say', () => {
    const evidence = clean();
    evidence.bank.charges.push({ idempotencyKey: 'charge:o-1:again', orderId: 'o-1', amountCents: 100, currency: 'EUR', outcome: 'captured', paymentId: 'pay_1b' });
    expect(checkSoak(evidence).violations).toEqual(expect.arrayContaining([expect.stringMatching(/o-1 .*charged more than once/)]));
  });

  it('catch a cancelled capture without its refund, and the missing refund message', () => {
    const evidence = clean();
    evidence.bank.refunds = [];
    evidence.messages.set('c-2', ['order.placed', 'receipt.issued', 'order.cancelled'].map((type) => ({ orderId: 'o-3', type })));
    expect(checkSoak(evidence).violations).toEqual([
      expect.stringMatching(/o-3 .*CANCELLED needs at most one capture and then exactly one refund/),
    ]);
  });

  it('catch an order left pending, a duplicate message, a DLQ message that is not poison and an unbalanced ledger', () => {
    const evidence = clean();
    evidence.finals.set('o-1', { id: 'o-1', status: 'PENDING_PAYMENT' });
    evidence.messages.get('c-1')!.push({ orderId: 'o-2', type: 'payment.failed' });
    evidence.deadLetters['q-dlq']!.push('{"type":"order.placed"}');
    evidence.ledger.q!.published = 11;
    const { violations } = checkSoak(evidence);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/o-1 .*not in a terminal state/),
        expect.stringMatching(/o-2 .*messages \["order.placed","payment.failed","payment.failed"\]/),
        expect.stringMatching(/q-dlq holds 1 message\(s\) that are not deliberate poison/),
        expect.stringMatching(/q: ledger does not balance: 11 sent != 9 consumed \+ 1 dead-lettered \+ 0 left/),
      ]),
    );
  });
});
