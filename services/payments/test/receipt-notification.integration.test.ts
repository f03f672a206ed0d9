import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createEvent } from '@commerce/domain-events';
import {
  createAwsClients,
  localQueueUrl,
  packageService,
  provisionFromTemplate,
  startEmulators,
  startEventSourceRunner,
  type AwsClients,
  type Emulators,
  type EventSourceRunner,
  type LambdaInvoker,
  type ProvisionedResources,
} from '@commerce/local-cloud';
import { lambdaContext } from '@commerce/service-kit/testing';
import type { SQSEvent } from 'aws-lambda';
import { LocalPaymentProvider } from '../src/adapters/local-payment-provider';
import { buildPaymentService } from '../src/composition';
import { createInboxHandler } from '../src/handlers/sqs-inbox';
import { sendJson } from './support/inbox-driver';

// The receipts queue belongs to the notifications service (it creates it, with a policy allowing only the payments
// receipts bucket). Here it is created by name, as payments' NotificationConfiguration addresses it.
const RECEIPTS_QUEUE = 'commerce-local-notifications-receipts';

let emulators: Emulators;
let clients: AwsClients;
let resources: ProvisionedResources;
let runner: EventSourceRunner;
const provider = new LocalPaymentProvider();

interface S3EventRecord {
  eventSource: string;
  eventName: string;
  s3: { bucket: { name: string; arn: string }; object: { key: string; size: number } };
}

/** Waits for S3 notifications on the receipts queue until one concerns `key` (or gives up). */
const notificationFor = async (key: string, timeoutMs = 15_000): Promise<S3EventRecord | undefined> => {
  const deadline = Date.now() + timeoutMs;
  const url = localQueueUrl(emulators.endpoints.sqs, RECEIPTS_QUEUE);
  while (Date.now() < deadline) {
    const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const message of Messages) {
      const records = (JSON.parse(message.Body ?? '{}') as { Records?: S3EventRecord[] }).Records ?? [];
      const match = records.find((record) => decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')) === key);
      if (match) return match;
    }
  }
  return undefined;
};

beforeAll(async () => {
  emulators = await startEmulators();
  const { template } = await packageService({ service: 'payments', stage: 'local' });
  clients = createAwsClients(emulators.endpoints);
  await clients.sqs.send(new CreateQueueCommand({ QueueName: RECEIPTS_QUEUE }));
  for (const name of ['commerce-local-orders-inbox', 'commerce-local-notifications-inbox']) {
    await clients.sqs.send(new CreateQueueCommand({ QueueName: name }));
  }
  resources = await provisionFromTemplate(template, emulators.endpoints, { stackName: 'payments-local' });
  Object.assign(process.env, emulators.env);
  const env = {
    ...emulators.env,
    PAYMENTS_TABLE: resources.tables.PaymentsTable!.name,
    RECEIPTS_BUCKET: resources.buckets.ReceiptsBucket!.name,
    INBOX_URL_ORDERS: localQueueUrl(emulators.endpoints.sqs, 'commerce-local-orders-inbox'),
    INBOX_URL_NOTIFICATIONS: localQueueUrl(emulators.endpoints.sqs, 'commerce-local-notifications-inbox'),
  };
  const service = buildPaymentService(env, { provider });
  const handler = createInboxHandler(() => service);
  // The inbox function, in process, behind the runner's invoker interface (a thrown error is a function error).
  const invoker: LambdaInvoker = {
    invoke: async (functionName, event) => {
      if (functionName !== 'payments-local-inbox') return { ok: false, error: `no function ${functionName}` };
      try {
        return { ok: true, payload: await handler(event as SQSEvent, lambdaContext()) };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
  };
  runner = startEventSourceRunner({
    endpoints: emulators.endpoints,
    uploads: emulators,
    services: [{ template, stackName: 'payments-local', invoker }],
    waitTimeSeconds: 1,
    log: () => undefined,
  });
}, 180_000);

afterAll(async () => {
  await runner?.stop();
  clients?.destroy();
  await emulators?.stop();
});

describe('receipt -> S3 ObjectCreated -> notifications receipts queue (local-cloud event-source runner)', () => {
  it('runs the inbox function from its event source mapping and delivers the receipt notification to the notifications queue', async () => {
    expect(runner.sources.map((source) => source.functionName)).toEqual(['payments-local-inbox']);
    const orderId = `ord-${randomUUID()}`;
    await sendJson(
      clients.sqs,
      resources.queues.Inbox!.url,
      createEvent(
        'order.placed',
        { orderId, customerId: 'cust-n', currency: 'EUR', items: [{ sku: 'B', quantity: 1, unitPriceCents: 700 }], totalCents: 700 },
        { correlationId: 'corr-n' },
      ),
    );

    const notification = await notificationFor(`receipts/${orderId}.json`);
    expect(notification).toMatchObject({
      eventSource: 'aws:s3',
      eventName: expect.stringMatching(/^ObjectCreated:/),
      s3: { bucket: { name: 'commerce-local-payments-receipts-000000000000' }, object: { size: expect.any(Number) } },
    });
    expect(provider.capturedCharges).toEqual([{ idempotencyKey: `charge:${orderId}`, amountCents: 700 }]);
  }, 30_000);

  it('does not notify for objects outside the receipts/ prefix', async () => {
    const key = `exports/${randomUUID()}.json`;
    await clients.s3.send(new PutObjectCommand({ Bucket: resources.buckets.ReceiptsBucket!.name, Key: key, Body: '{}' }));
    await runner.drain();
    expect(await notificationFor(key, 2_000)).toBeUndefined();
  });
});
