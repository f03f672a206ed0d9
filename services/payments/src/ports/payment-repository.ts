import type { PaymentRecord } from '../domain/payment';

/**
 * One record per order, written only with conditional writes (no transactions: dynalite has no
 * TransactWriteItems, and none are needed when all state of an order lives in one item).
 */
export interface PaymentRepository {
  /** Strongly consistent read. */
  get(orderId: string): Promise<PaymentRecord | undefined>;
  /** Creates the record; throws ConcurrentUpdateError when one exists already. */
  create(record: PaymentRecord): Promise<void>;
  /**
   * Replaces the record if its stored version is still `record.version - 1`; throws ConcurrentUpdateError
   * otherwise (somebody else wrote in between: re-read and decide again).
   */
  replace(record: PaymentRecord): Promise<void>;
}
