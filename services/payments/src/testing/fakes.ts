import type { DomainEvent, ReceiptDocument } from '@commerce/domain-events';
import { ConcurrentUpdateError } from '../domain/errors';
import type { PaymentRecord } from '../domain/payment';
import type { ActionTimer } from '../ports/action-timer';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-publisher';
import type { PaymentRepository } from '../ports/payment-repository';
import type { ReceiptStore } from '../ports/receipt-store';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Same conditional semantics as the DynamoDB adapter; every call yields to the event loop so callers interleave. */
export class InMemoryPaymentRepository implements PaymentRepository {
  readonly items = new Map<string, PaymentRecord>();
  /** Throw this error on the next write (simulates a crash or a lost connection mid-flow). */
  failNextWrite?: Error;

  async get(orderId: string) {
    await tick();
    const item = this.items.get(orderId);
    return item ? structuredClone(item) : undefined;
  }

  async create(record: PaymentRecord) {
    await tick();
    this.maybeFail();
    if (this.items.has(record.orderId)) throw new ConcurrentUpdateError('exists');
    this.items.set(record.orderId, structuredClone(record));
  }

  async replace(record: PaymentRecord) {
    await tick();
    this.maybeFail();
    if (this.items.get(record.orderId)?.version !== record.version - 1) throw new ConcurrentUpdateError('version');
    this.items.set(record.orderId, structuredClone(record));
  }

  private maybeFail() {
    const error = this.failNextWrite;
    if (error) {
      this.failNextWrite = undefined;
      throw error;
    }
  }
}

export class RecordingPublisher implements EventPublisher {
  readonly published: DomainEvent[] = [];
  failures = 0;
  async publish(events: readonly DomainEvent[]) {
    await tick();
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('SQS unavailable');
    }
    this.published.push(...events);
  }
  ofType(type: DomainEvent['type']) {
    return this.published.filter((event) => event.type === type);
  }
}

export class InMemoryReceiptStore implements ReceiptStore {
  readonly saved = new Map<string, ReceiptDocument>();
  writes = 0;
  async save(receipt: ReceiptDocument) {
    await tick();
    this.writes += 1;
    this.saved.set(receipt.orderId, receipt);
  }
  async signedUrl(orderId: string, expiresInSeconds: number) {
    return `https://receipts.example/receipts/${orderId}.json?X-Amz-Expires=${expiresInSeconds}`;
  }
}

export class ManualClock implements Clock {
  constructor(private ms = Date.parse('2026-11-29T12:00:00.000Z')) {}
  now() {
    return new Date(this.ms);
  }
  advance(ms: number) {
    this.ms += ms;
  }
}

/** Remembers the expiry timers asked for (ADR 0022); the test fires them by calling onActionExpired. */
export class RecordingActionTimer implements ActionTimer {
  readonly scheduled: { orderId: string; delaySeconds: number }[] = [];
  async expireLater(orderId: string, delaySeconds: number) {
    await tick();
    this.scheduled.push({ orderId, delaySeconds });
  }
}
