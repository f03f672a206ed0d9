import type { QueueLedger } from '../dev/fault-control';
import type { BankLedger } from './local-bank';

/** An order as the soak placed it. */
export interface PlacedOrder {
  id: string;
  customerId: string;
  /** Its total is above the bank's decline limit. */
  declineIntended: boolean;
  /** POST /orders/{id}/cancel was answered 200. */
  cancelAccepted: boolean;
}

export interface FinalOrder {
  id: string;
  status: string;
  payment?: { paymentId: string };
}

export interface CustomerMessage {
  orderId: string;
  type: string;
}

export interface SoakEvidence {
  placed: PlacedOrder[];
  finals: Map<string, FinalOrder>;
  bank: BankLedger;
  /** Every customer's messages (GET /notifications, all pages). */
  messages: Map<string, CustomerMessage[]>;
  /** The bodies found in each DLQ. */
  deadLetters: Record<string, string[]>;
  /** Deliberate poison messages sent, by the DLQ they must end in; each body contains `poisonMarker`. */
  poisonsSent: Record<string, number>;
  poisonMarker: string;
  /** The emulator's own count of every queue's messages (sent, consumed, dead-lettered). */
  ledger: QueueLedger;
  /** Messages still in each source queue (visible + in flight) at the end. */
  leftInQueues: Record<string, number>;
}

export interface SoakVerdict {
  violations: string[];
  finalStates: Record<string, number>;
}

const count = <T>(items: T[], predicate: (item: T) => boolean): number => items.filter(predicate).length;

/** The messages an order must have produced, from what the bank did and the order's final state. */
export const expectedMessages = (final: FinalOrder | undefined, captured: number, declined: number, refunded: number): string[] => [
  'order.placed',
  ...(final?.status === 'CANCELLED' ? ['order.cancelled'] : []),
  ...(declined > 0 ? ['payment.failed'] : []),
  ...(captured > 0 ? ['receipt.issued'] : []),
  ...(refunded > 0 ? ['payment.refunded'] : []),
];

/**
 * What the soak proves at the end, from the bank's own books and the emulator's own ledger, not from our tables
 * alone: every order terminal and consistent with its money; every customer has exactly the expected messages;
 * the DLQs hold exactly the deliberate poison; every queue's messages are accounted for (sent = consumed +
 * dead-lettered, none left).
 */
export const checkSoak = (evidence: SoakEvidence): SoakVerdict => {
  const violations: string[] = [];
  const finalStates: Record<string, number> = {};
  const { bank } = evidence;
  const placedIds = new Set(evidence.placed.map((order) => order.id));

  for (const charge of bank.charges) {
    if (!placedIds.has(charge.orderId)) violations.push(`bank charged ${charge.orderId}, an order the soak never placed`);
  }

  for (const order of evidence.placed) {
    const final = evidence.finals.get(order.id);
    const status = final?.status ?? 'MISSING';
    finalStates[status] = (finalStates[status] ?? 0) + 1;
    const charges = bank.charges.filter((charge) => charge.orderId === order.id);
    const captured = count(charges, (charge) => charge.outcome === 'captured');
    const declined = count(charges, (charge) => charge.outcome === 'declined');
    const refunded = count(bank.refunds, (refund) => refund.orderId === order.id);
    const say = (what: string): void => {
      violations.push(`order ${order.id} (${status}; bank: ${captured} capture(s), ${declined} decline(s), ${refunded} refund(s)): ${what}`);
    };
    if (captured > 1) say('charged more than once');
    if (refunded > captured) say('refunded more than it was charged');
    switch (status) {
      case 'PAID':
        if (captured !== 1 || refunded !== 0) say('PAID needs exactly one capture and no refund');
        if (order.cancelAccepted) say('its cancellation was accepted, yet it ended PAID');
        if (order.declineIntended) say('its total is above the decline limit, yet it ended PAID');
        if (final?.payment?.paymentId !== charges.find((charge) => charge.outcome === 'captured')?.paymentId) say('its payment id is not the bank\'s');
        break;
      case 'PAYMENT_FAILED':
        if (captured !== 0) say('PAYMENT_FAILED with a capture');
        if (!order.declineIntended) say('declined although its total is within the limit');
        break;
      case 'CANCELLED':
        if (captured > 1 || refunded !== captured) say('CANCELLED needs at most one capture and then exactly one refund');
        if (!order.cancelAccepted) say('CANCELLED without an accepted cancellation');
        break;
      default:
        say('not in a terminal state');
    }
    if (status !== 'CANCELLED' && order.cancelAccepted) say('its cancellation was accepted, yet it is not CANCELLED');

    const expected = expectedMessages(final, captured, declined, refunded).sort();
    const got = (evidence.messages.get(order.customerId) ?? []).filter((message) => message.orderId === order.id).map((message) => message.type).sort();
    if (JSON.stringify(got) !== JSON.stringify(expected)) say(`messages ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
  }

  for (const [dlq, bodies] of Object.entries(evidence.deadLetters)) {
    const unexpected = bodies.filter((body) => !body.includes(evidence.poisonMarker));
    if (unexpected.length > 0) violations.push(`${dlq} holds ${unexpected.length} message(s) that are not deliberate poison, e.g. ${unexpected[0]!.slice(0, 200)}`);
    const poisons = bodies.length - unexpected.length;
    if (poisons !== (evidence.poisonsSent[dlq] ?? 0)) violations.push(`${dlq} holds ${poisons} poison message(s), ${evidence.poisonsSent[dlq] ?? 0} were sent`);
  }
  for (const [dlq, sent] of Object.entries(evidence.poisonsSent)) {
    if (sent > 0 && !(dlq in evidence.deadLetters)) violations.push(`${dlq}: ${sent} poison message(s) sent, the DLQ was not read`);
  }

  for (const [queue, entry] of Object.entries(evidence.ledger)) {
    if (queue.endsWith('-dlq')) continue;
    const left = evidence.leftInQueues[queue] ?? 0;
    if (entry.published !== entry.consumed + entry.dlq + left) {
      violations.push(`${queue}: ledger does not balance: ${entry.published} sent != ${entry.consumed} consumed + ${entry.dlq} dead-lettered + ${left} left`);
    }
    if (left > 0) violations.push(`${queue}: ${left} message(s) still in the queue at the end`);
  }
  return { violations, finalStates };
};
