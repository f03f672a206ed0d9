/** Read access to the payments receipts bucket, limited to the receipts prefix. */
export interface ReceiptStore {
  /** The bucket this store reads; notifications for any other bucket are refused. */
  readonly bucket: string;
  /** The object's text; throws if it cannot be read. */
  read(key: string): Promise<string>;
  /** A presigned GET URL for the object, valid for `expiresInSeconds`. */
  linkTo(key: string, expiresInSeconds: number): Promise<string>;
}
