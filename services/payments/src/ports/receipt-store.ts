import type { ReceiptDocument } from '@commerce/domain-events';

export interface ReceiptStore {
  /** Writes receipts/{orderId}.json (overwriting the same content is harmless). */
  save(receipt: ReceiptDocument): Promise<void>;
  /** A short-lived presigned GET URL for the receipt of an order. */
  signedUrl(orderId: string, expiresInSeconds: number): Promise<string>;
}
