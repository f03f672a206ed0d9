import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { DomainEvent } from '@commerce/domain-events';
import {
  createAwsClients,
  localQueueUrl,
  packageService,
  provisionFromTemplate,
  startEmulators,
  type AwsClients,
  type Emulators,
  type ProvisionedResources,
  type S3Upload,
} from '@commerce/local-cloud';
import { takeAll } from './inbox-driver';

export const ORDERS_INBOX = 'commerce-local-orders-inbox';
export const NOTIFICATIONS_INBOX = 'commerce-local-notifications-inbox';

export interface PaymentsSystem {
  emulators: Emulators;
  clients: AwsClients;
  resources: ProvisionedResources;
  /** The inbox function's environment on stage local (table, bucket, subscriber inboxes, emulator endpoints). */
  env: Record<string, string>;
  inbox: { url: string; arn: string };
  uploads: S3Upload[];
  /** The events a subscriber's inbox received for one order (taken off the queue). */
  receivedFor(queue: string, orderId: string): Promise<DomainEvent[]>;
  readReceipt(orderId: string): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * The payments service's own resources, provisioned on fresh emulators (fauxqs SQS/S3, dynalite) from its packaged
 * stage-local template, plus the subscribers' inboxes its publisher addresses (owned by orders / notifications).
 */
export const startPaymentsSystem = async (): Promise<PaymentsSystem> => {
  const emulators = await startEmulators();
  const uploads: S3Upload[] = [];
  emulators.onS3Upload((upload) => uploads.push(upload));
  const { template } = await packageService({ service: 'payments', stage: 'local' });
  const resources = await provisionFromTemplate(template, emulators.endpoints, { stackName: 'payments-local' });
  const clients = createAwsClients(emulators.endpoints);
  for (const name of [ORDERS_INBOX, NOTIFICATIONS_INBOX]) await clients.sqs.send(new CreateQueueCommand({ QueueName: name }));
  const env = {
    ...emulators.env,
    PAYMENTS_TABLE: resources.tables.PaymentsTable!.name,
    RECEIPTS_BUCKET: resources.buckets.ReceiptsBucket!.name,
    INBOX_URL_ORDERS: localQueueUrl(emulators.endpoints.sqs, ORDERS_INBOX),
    INBOX_URL_NOTIFICATIONS: localQueueUrl(emulators.endpoints.sqs, NOTIFICATIONS_INBOX),
  };
  // The SDK reads AWS_ENDPOINT_URL_<SERVICE> and credentials from the process environment.
  Object.assign(process.env, emulators.env);
  return {
    emulators,
    clients,
    resources,
    env,
    inbox: { url: resources.queues.Inbox!.url, arn: resources.queues.Inbox!.arn },
    uploads,
    receivedFor: async (queue, orderId) =>
      ((await takeAll(clients.sqs, localQueueUrl(emulators.endpoints.sqs, queue))) as DomainEvent[]).filter(
        (event) => (event.payload as { orderId: string }).orderId === orderId,
      ),
    readReceipt: async (orderId) => {
      const object = await clients.s3.send(new GetObjectCommand({ Bucket: env.RECEIPTS_BUCKET, Key: `receipts/${orderId}.json` }));
      return JSON.parse(await object.Body!.transformToString());
    },
    stop: async () => {
      clients.destroy();
      await emulators.stop();
    },
  };
};
