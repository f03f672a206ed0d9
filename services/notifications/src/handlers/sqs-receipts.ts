import { sqsBatchConsumer } from '@commerce/service-kit';
import { notifyForReceiptMessage, type ReceiptDeps } from '../app/notify-for-receipt';
import { receiptDeps } from '../composition';
import { parseS3NotificationMessage } from '../domain/s3-notification';
import { telemetry } from './telemetry';

/** Receipts queue consumer: S3 ObjectCreated notifications for `receipts/{orderId}.json` -> the receipt message. */
export const createReceiptsHandler = (deps: () => ReceiptDeps = receiptDeps) =>
  sqsBatchConsumer({
    ...telemetry,
    parse: (record) => parseS3NotificationMessage(record.body),
    describe: (message) => (message.kind === 'test' ? { s3Event: 's3:TestEvent' } : { objectKeys: message.records.map((record) => record.key) }),
    handle: async (message, context) => {
      await notifyForReceiptMessage(deps(), message, context.logger);
    },
  });

export const handler = createReceiptsHandler();
