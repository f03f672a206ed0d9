import { createHash, randomUUID } from 'node:crypto';

export interface IdGenerator {
  /** A fresh, unguessable order id. */
  orderId(): string;
  /** The order id an Idempotency-Key maps to: the same (customer, key) always gives the same id. */
  orderIdForKey(customerId: string, idempotencyKey: string): string;
}

export const randomIds: IdGenerator = {
  orderId: () => `ord_${randomUUID().replace(/-/g, '')}`,
  orderIdForKey: (customerId, key) =>
    `ord_${createHash('sha256').update(`${customerId}\n${key}`).digest('hex').slice(0, 32)}`,
};
