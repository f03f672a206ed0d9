import { orderIdOfReceiptKey, parseReceiptDocument, ReceiptParseError, type ReceiptDocument } from '@commerce/domain-events';
import { PoisonMessageError } from '../domain/errors';
import { objectSourceKey } from '../domain/message';
import { contentForReceipt } from '../domain/message-content';
import { isObjectCreated, type S3NotificationMessage } from '../domain/s3-notification';
import type { AppLogger } from '../ports/app-logger';
import type { ReceiptStore } from '../ports/receipt-store';
import { deliverMessage, type DeliveryDeps, type DeliveryResult } from './deliver-message';

export interface ReceiptDeps extends DeliveryDeps {
  receipts: ReceiptStore;
  /** Validity of the presigned receipt link. */
  receiptLinkTtlSeconds: number;
}

/** The order id of a receipt object key (`receipts/{orderId}.json`); anything else is not a receipt. */
const orderIdOf = (key: string): string => {
  const orderId = orderIdOfReceiptKey(key);
  if (orderId === undefined) throw new PoisonMessageError(`"${key}" is not a receipt key (receipts/{orderId}.json)`);
  return orderId;
};

/** The receipt payments wrote, checked against the shared contract: a receipt that breaks it is poison. */
const receiptIn = (text: string, key: string): ReceiptDocument => {
  try {
    return parseReceiptDocument(text);
  } catch (error) {
    if (error instanceof ReceiptParseError) throw new PoisonMessageError(`receipt ${key}: ${error.message}`);
    throw error;
  }
};

/**
 * Handles one SQS message of S3 notifications: acknowledges S3's test event, skips non-create events, and sends one
 * receipt message per receipt object (deduplicated on bucket + key, so duplicate notifications and rewrites of the
 * same receipt send once). Records of a message are handled in order; a retry of the message re-runs the ones
 * already sent as harmless duplicates.
 */
export const notifyForReceiptMessage = async (
  deps: ReceiptDeps,
  message: S3NotificationMessage,
  logger: AppLogger,
): Promise<DeliveryResult[]> => {
  if (message.kind === 'test') {
    logger.info('acknowledging the S3 test event', { bucket: message.bucket });
    return [];
  }
  const results: DeliveryResult[] = [];
  for (const record of message.records) {
    if (!isObjectCreated(record)) {
      logger.info('ignoring a non-create S3 event', { eventName: record.eventName, key: record.key });
      continue;
    }
    if (record.bucket !== deps.receipts.bucket) {
      throw new PoisonMessageError(`notification for bucket ${record.bucket}, expected ${deps.receipts.bucket}`);
    }
    const orderId = orderIdOf(record.key);
    const receipt = receiptIn(await deps.receipts.read(record.key), record.key);
    if (receipt.orderId !== orderId) {
      throw new PoisonMessageError(`receipt ${record.key} is for order ${receipt.orderId}, not ${orderId}`);
    }
    const url = await deps.receipts.linkTo(record.key, deps.receiptLinkTtlSeconds);
    const content = contentForReceipt(receipt, { url, expiresInMinutes: Math.round(deps.receiptLinkTtlSeconds / 60) });
    results.push(await deliverMessage(deps, content, objectSourceKey(record.bucket, record.key), logger));
  }
  return results;
};
