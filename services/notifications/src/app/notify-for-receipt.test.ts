import { PoisonMessageError } from '../domain/errors';
import { parseS3NotificationMessage } from '../domain/s3-notification';
import { silentLogger } from '../ports/app-logger';
import type { ReceiptStore } from '../ports/receipt-store';
import { memoryDeps, receiptDocument, s3NotificationBody, s3TestEventBody } from '../testing/fixtures';
import { notifyForReceiptMessage, type ReceiptDeps } from './notify-for-receipt';

const BUCKET = 'commerce-local-payments-receipts-000000000000';

const store = (objects: Record<string, string>): ReceiptStore & { reads: string[] } => {
  const reads: string[] = [];
  return {
    bucket: BUCKET,
    reads,
    read: async (key) => {
      reads.push(key);
      const text = objects[key];
      if (text === undefined) throw new Error(`NoSuchKey: ${key}`);
      return text;
    },
    linkTo: async (key, ttl) => `https://s3.example.com/${BUCKET}/${key}?X-Amz-Expires=${ttl}&X-Amz-Signature=sig`,
  };
};

const setup = (objects: Record<string, string> = { 'receipts/ord_1.json': JSON.stringify(receiptDocument()) }) => {
  const base = memoryDeps();
  const receipts = store(objects);
  const deps: ReceiptDeps = { ...base.deps, receipts, receiptLinkTtlSeconds: 900 };
  const run = (body: string) => notifyForReceiptMessage(deps, parseS3NotificationMessage(body), silentLogger);
  return { ...base, receipts, run };
};

describe('notifyForReceiptMessage', () => {
  it('sends the receipt message with a short-lived link to the object', async () => {
    const { run, sender } = setup();
    const [result] = await run(s3NotificationBody(BUCKET, 'receipts/ord_1.json'));
    expect(result?.outcome).toBe('sent');
    expect(sender.sent).toHaveLength(1);
    const email = sender.sent[0]!;
    expect(email).toMatchObject({ type: 'receipt.issued', to: 'cus_1@customers.local', subject: 'Your receipt for order ord_1' });
    expect(email.text).toContain(`https://s3.example.com/${BUCKET}/receipts/ord_1.json?X-Amz-Expires=900&X-Amz-Signature=sig`);
    expect(email.text).toContain('The link works for 15 minutes');
    expect(email.text).toContain('€37.50');
    expect(email.html).toContain('X-Amz-Expires&#x3D;900&amp;X-Amz-Signature');
  });

  it('sends once for duplicate notifications of the same object', async () => {
    const { run, sender } = setup();
    await run(s3NotificationBody(BUCKET, 'receipts/ord_1.json'));
    const [again] = await run(s3NotificationBody(BUCKET, 'receipts/ord_1.json'));
    expect(again?.outcome).toBe('duplicate');
    expect(sender.sent).toHaveLength(1);
  });

  it('acknowledges the S3 test event and ignores non-create events', async () => {
    const { run, sender, receipts } = setup();
    await expect(run(s3TestEventBody(BUCKET))).resolves.toEqual([]);
    await expect(run(s3NotificationBody(BUCKET, 'receipts/ord_1.json', 'ObjectRemoved:Delete'))).resolves.toEqual([]);
    expect(sender.sent).toHaveLength(0);
    expect(receipts.reads).toHaveLength(0);
  });

  it.each([
    ['another bucket', s3NotificationBody('someone-elses-bucket', 'receipts/ord_1.json'), /expected commerce-local/],
    ['a key that is not a receipt', s3NotificationBody(BUCKET, 'receipts/nested/ord_1.json'), /not a receipt key/],
    ['a receipt that is not JSON', s3NotificationBody(BUCKET, 'receipts/bad.json'), /not JSON/],
    ['a receipt missing the customer', s3NotificationBody(BUCKET, 'receipts/anon.json'), /customerId/],
    ['a receipt for another order than its key', s3NotificationBody(BUCKET, 'receipts/other.json'), /not other/],
  ])('treats %s as poison', async (_label, body, message) => {
    const { run, sender } = setup({
      'receipts/bad.json': '{oops',
      'receipts/anon.json': JSON.stringify({ ...receiptDocument('anon'), customerId: undefined }),
      'receipts/other.json': JSON.stringify(receiptDocument('ord_9')),
    });
    await expect(run(body)).rejects.toThrow(message);
    await expect(run(body)).rejects.toBeInstanceOf(PoisonMessageError);
    expect(sender.sent).toHaveLength(0);
  });

  it('decodes form-encoded keys', async () => {
    const { run, receipts } = setup({ 'receipts/ord 7.json': JSON.stringify(receiptDocument('ord 7')) });
    // `ord 7` is not a valid order id: the receipt is poison, but the key reached the store decoded.
    await expect(run(s3NotificationBody(BUCKET, 'receipts/ord 7.json').replace('ord%207', 'ord+7'))).rejects.toThrow(
      '"receipts/ord 7.json" is not a receipt key',
    );
    expect(receipts.reads).toEqual([]);
  });
});
