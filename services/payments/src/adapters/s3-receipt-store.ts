import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { receiptKey, type ReceiptDocument } from '@commerce/domain-events';
import type { ReceiptStore } from '../ports/receipt-store';

/** receipts/{orderId}.json in the payments receipts bucket (SSE and TLS-only enforced by the bucket). */
export class S3ReceiptStore implements ReceiptStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async save(receipt: ReceiptDocument): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: receiptKey(receipt.orderId),
        Body: JSON.stringify(receipt),
        ContentType: 'application/json',
      }),
    );
  }

  signedUrl(orderId: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: receiptKey(orderId) }), { expiresIn: expiresInSeconds });
  }
}
