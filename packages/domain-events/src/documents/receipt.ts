import * as z from 'zod';
import { ReceiptParseError, toFieldIssues } from '../errors';
import { AmountCents, Currency, Id, OrderItem, UtcTimestamp } from '../primitives';

/**
 * The receipt hand-off (DESIGN §2/§3): when a payment is captured, payments writes this document to
 * `receipts/{orderId}.json` in its receipts bucket; the ObjectCreated notification makes notifications read it.
 * It travels outside the event envelope, so it carries its own `receiptVersion`. Like event payloads, a released
 * version (schemas/documents/receipt.v<n>.json) may change only compatibly (ADR 0015): otherwise add a version.
 */

/** Key prefix of every receipt object; the bucket's notification filter and the readers' IAM scope use it. */
export const RECEIPTS_PREFIX = 'receipts/';
const RECEIPT_SUFFIX = '.json';

/**
 * Who hands the receipt to whom, and through what: the writer's bucket (purpose `receipts`, see `bucketName`), its
 * ObjectCreated notifications on RECEIPTS_PREFIX, and the reader's queue (purpose `receipts`, see `queueName`).
 * packages/serverless-config names the resources from it; the event catalogue and the topology diagram show it.
 */
export const receiptHandOff = {
  writer: 'payments',
  bucketPurpose: 'receipts',
  keyPrefix: RECEIPTS_PREFIX,
  reader: 'notifications',
  queuePurpose: 'receipts',
} as const;

export const receiptKey = (orderId: string): string => `${RECEIPTS_PREFIX}${orderId}${RECEIPT_SUFFIX}`;

/** The order id of a receipt key (`receipts/{orderId}.json`, no nested folders); undefined for any other key. */
export const orderIdOfReceiptKey = (key: string): string | undefined => {
  if (!key.startsWith(RECEIPTS_PREFIX) || !key.endsWith(RECEIPT_SUFFIX)) return undefined;
  const orderId = key.slice(RECEIPTS_PREFIX.length, -RECEIPT_SUFFIX.length);
  return !orderId.includes('/') && Id.safeParse(orderId).success ? orderId : undefined;
};

export const ReceiptDocumentV1 = z.object({
  receiptVersion: z.literal(1),
  orderId: Id,
  customerId: Id,
  paymentId: Id,
  items: z.array(OrderItem),
  totalCents: AmountCents,
  currency: Currency,
  capturedAt: UtcTimestamp,
});
export type ReceiptDocumentV1 = z.infer<typeof ReceiptDocumentV1>;

/** The current version: what payments writes and what parseReceiptDocument returns. */
export type ReceiptDocument = ReceiptDocumentV1;

/** Every published version of the receipt document, oldest first (each has a frozen JSON Schema). */
export const receiptDocumentVersions = [{ version: 1, schema: ReceiptDocumentV1 }] as const;

/**
 * Validates a receipt document (JSON text or a value). Unknown fields are dropped, so a reader tolerates fields a
 * writer adds; anything else wrong throws ReceiptParseError naming every failing field. Payments runs it on the
 * receipt it is about to write, notifications on the receipt it read.
 */
export const parseReceiptDocument = (input: unknown): ReceiptDocument => {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input) as unknown;
    } catch (error) {
      throw new ReceiptParseError([{ path: '', message: `not JSON: ${(error as Error).message}` }]);
    }
  }
  const parsed = ReceiptDocumentV1.safeParse(raw);
  if (!parsed.success) throw new ReceiptParseError(toFieldIssues(parsed.error));
  return parsed.data;
};
