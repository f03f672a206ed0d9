import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { RECEIPTS_PREFIX } from '@commerce/domain-events';
import type { ReceiptStore } from '../ports/receipt-store';

/** Reads receipts from the payments bucket (IAM allows s3:GetObject on `<bucket>/receipts/*` only). */
export class S3ReceiptStore implements ReceiptStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
    private readonly prefix = RECEIPTS_PREFIX,
  ) {}

  private checked(key: string): string {
    if (!key.startsWith(this.prefix)) throw new Error(`${key} is outside ${this.prefix}`);
    return key;
  }

  async read(key: string): Promise<string> {
    const output = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.checked(key) }));
    if (!output.Body) throw new Error(`s3://${this.bucket}/${key} has no body`);
    return output.Body.transformToString('utf-8');
  }

  linkTo(key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: this.checked(key) }), { expiresIn: expiresInSeconds });
  }
}
