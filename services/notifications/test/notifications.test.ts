import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { DomainEvent } from '@commerce/domain-events';
import {
  createAwsClients,
  packageService,
  provisionFromTemplate,
  startEmulators,
  startEventSourceRunner,
  type AwsClients,
  type CfnTemplate,
  type Emulators,
  type EventSourceRunner,
  type LambdaInvoker,
  type ProvisionedResources,
} from '@commerce/local-cloud';
import { fuzzAnswer, fuzzParameters, isPathSegment, isWellAnswered, lambdaContext, rejectedTokenCases, startLocalIssuer, type LocalIssuer } from '@commerce/service-kit/testing';
import { SCOPES } from '@commerce/serverless-config';
import { readOutbox, type StoredEmail } from '../src/adapters/outbox-notification-sender';
import { deliveryDeps } from '../src/composition';
import { handler as getHandler } from '../src/handlers/http-get-notification';
import { handler as healthHandler } from '../src/handlers/http-health';
import { handler as listHandler } from '../src/handlers/http-list-notifications';
import { createInboxHandler } from '../src/handlers/sqs-inbox';
import { handler as receiptsHandler } from '../src/handlers/sqs-receipts';
import { TemplateError } from '../src/domain/errors';
import { allEvents, placedEvent, receiptDocument, s3NotificationBody, s3TestEventBody } from '../src/testing/fixtures';
import { startHttpApi, type HttpApi } from './support/http-api';

/**
 * The service against the local emulators (fauxqs SQS + S3, dynalite DynamoDB), its resources provisioned from its
 * own packaged template, its consumers driven by the local-cloud event-source runner (Lambda's SQS semantics and S3
 * notifications), its HTTP API over real HTTP with tokens from a local JWKS issuer.
 */
jest.setTimeout(120_000);

const BUCKET = 'commerce-local-payments-receipts-000000000000';
const run = randomUUID().slice(0, 8);
const customerA = `cus_a_${run}`;
const customerB = `cus_b_${run}`;

let emulators: Emulators;
let clients: AwsClients;
let resources: ProvisionedResources;
let runner: EventSourceRunner;
let issuer: LocalIssuer;
let api: HttpApi;
let outboxDir: string;

// The inbox function, except that a template fails for one poison order (a broken template, as in production).
const inboxHandler = createInboxHandler(() => {
  const deps = deliveryDeps();
  return {
    ...deps,
    renderer: {
      render: (type, model) => {
        if (model.orderId === 'ord_template_fails') throw new TemplateError(`${type} text: the model has no value for "x"`);
        return deps.renderer.render(type, model);
      },
    },
  };
});

// The same, with a sender that takes 500 ms, so concurrent duplicates overlap the winner's send.
const slowSenderInboxHandler = createInboxHandler(() => {
  const deps = deliveryDeps();
  return {
    ...deps,
    sender: { send: async (email) => new Promise((resolve) => setTimeout(resolve, 500)).then(() => deps.sender.send(email)) },
  };
});

const functions: Record<string, (event: SQSEvent) => Promise<unknown>> = {
  'notifications-local-inbox': (event) => inboxHandler(event, lambdaContext()),
  'notifications-local-receipts': (event) => receiptsHandler(event, lambdaContext()),
};
const invoker: LambdaInvoker = {
  async invoke(name, event) {
    const fn = functions[name];
    if (!fn) return { ok: false, error: `no function ${name}` };
    try {
      return { ok: true, payload: await fn(event as SQSEvent) };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  },
};

/**
 * Stand-in for payments' receipts bucket (services/payments/resources/buckets.yml on its branch): ObjectCreated on
 * the receipts/ prefix -> our receipts queue.
 */
const paymentsBucketTemplate = (queueArn: string): CfnTemplate => ({
  Resources: {
    ReceiptsBucket: {
      Type: 'AWS::S3::Bucket',
      Properties: {
        BucketName: BUCKET,
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              Event: 's3:ObjectCreated:*',
              Queue: queueArn,
              Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'receipts/' }] } },
            },
          ],
        },
      },
    },
  },
});

const eventually = async <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const queueDepth = async (url: string): Promise<number> => {
  const { Attributes = {} } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes.ApproximateNumberOfMessages ?? 0) + Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
};

const drained = (url: string) => eventually(async () => ((await queueDepth(url)) === 0 ? true : undefined), `${url} to drain`);

const outboxOf = async (customerId: string): Promise<StoredEmail[]> =>
  (await readOutbox(outboxDir)).filter((email) => email.to === `${customerId}@customers.local`);

const sendEvents = (url: string, events: DomainEvent[]) =>
  clients.sqs.send(
    new SendMessageBatchCommand({ QueueUrl: url, Entries: events.map((event, index) => ({ Id: String(index), MessageBody: JSON.stringify(event) })) }),
  );

const sqsEvent = (bodies: string[]): SQSEvent => ({
  Records: bodies.map((body) => ({
    messageId: randomUUID(), receiptHandle: 'rh', body, md5OfBody: '', eventSource: 'aws:sqs', awsRegion: 'eu-west-1',
    eventSourceARN: resources.queues.Inbox!.arn, messageAttributes: {},
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
  })),
});

beforeAll(async () => {
  emulators = await startEmulators();
  clients = createAwsClients(emulators.endpoints);
  const { template } = await packageService({ service: 'notifications', stage: 'local' });
  resources = await provisionFromTemplate(template, emulators.endpoints, { stackName: 'notifications-local' });
  // The template's 180 s visibility timeout would make redeliveries outlast the test: 1 s here, lease below it.
  for (const queue of [resources.queues.Inbox!, resources.queues.ReceiptsQueue!]) {
    await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { VisibilityTimeout: '1' } }));
  }
  const payments = paymentsBucketTemplate(resources.queues.ReceiptsQueue!.arn);
  await provisionFromTemplate(payments, emulators.endpoints, { stackName: 'payments-local' });

  issuer = await startLocalIssuer();
  outboxDir = await mkdtemp(join(tmpdir(), 'notifications-outbox-'));
  Object.assign(process.env, emulators.env, {
    MESSAGES_TABLE: resources.tables.MessagesTable!.name,
    NOTIFICATION_CHANNEL: 'store',
    CUSTOMER_DIRECTORY: 'local',
    OUTBOX_DIR: outboxDir,
    SES_FROM_ADDRESS: 'no-reply@commerce.local',
    RECEIPTS_BUCKET: BUCKET,
    RECEIPT_LINK_TTL_SECONDS: '300',
    CLAIM_LEASE_SECONDS: '1',
    JWT_ISSUER: issuer.issuer,
    JWT_AUDIENCE: issuer.clientId,
  });

  runner = startEventSourceRunner({
    endpoints: emulators.endpoints,
    uploads: emulators,
    services: [
      { template, stackName: 'notifications-local', invoker },
      { template: payments, stackName: 'payments-local' },
    ],
    waitTimeSeconds: 1,
    log: () => undefined,
  });
  api = await startHttpApi([
    { method: 'GET', path: '/health', handler: healthHandler },
    { method: 'GET', path: '/notifications', handler: listHandler },
    { method: 'GET', path: '/notifications/{id}', handler: getHandler },
  ]);
});

afterAll(async () => {
  await runner?.stop();
  await api?.stop();
  await issuer?.stop();
  clients?.destroy();
  await emulators?.stop();
  if (outboxDir) await rm(outboxDir, { recursive: true, force: true });
});

describe('inbox -> one message per (event, customer)', () => {
  it('sends each event once although every event arrives three times in the same batches', async () => {
    const events = allEvents(customerA, `ord_${run}`);
    // SQS batches hold at most 10 entries: 8 + 4 copies.
    await sendEvents(resources.queues.Inbox!.url, [...events, ...events]);
    await sendEvents(resources.queues.Inbox!.url, events);

    const emails = await eventually(async () => {
      const sent = await outboxOf(customerA);
      return sent.length >= events.length ? sent : undefined;
    }, 'four emails');
    await drained(resources.queues.Inbox!.url);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // any late redelivery would have sent by now
    const final = await outboxOf(customerA);
    expect(final).toHaveLength(4);
    expect(new Set(final.map((email) => email.messageId)).size).toBe(4);
    expect(final.map((email) => email.type).sort()).toEqual(['order.cancelled', 'order.placed', 'payment.failed', 'payment.refunded']);
    expect(emails.find((email) => email.type === 'order.placed')).toMatchObject({
      from: 'no-reply@commerce.local',
      subject: `We received your order ord_${run}`,
    });
    expect(await queueDepth(resources.queues.Inbox!.deadLetter!.url)).toBe(0);
  });

  it('records one send when the same event is delivered to concurrent invocations', async () => {
    const event = placedEvent(`cus_c_${run}`, `ord_c_${run}`);
    // Six invocations at once, each with a batch holding the same event (e.g. a publisher retry + SQS redelivery).
    // A batch whose every record failed makes the function fail (Powertools' FullBatchFailureError): a failure too.
    const succeeded = async (invocation: Promise<unknown>): Promise<boolean> => {
      try {
        return (await invocation as SQSBatchResponse).batchItemFailures.length === 0;
      } catch {
        return false;
      }
    };
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => succeeded(slowSenderInboxHandler(sqsEvent([JSON.stringify(event)]), lambdaContext()))),
    );
    // One claim wins and sends; the others either saw its claim (failed, to be redelivered) or, if the machine was
    // slow enough, its SENT record (acknowledged). Never a second send.
    expect(outcomes.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    expect(outcomes.filter((ok) => !ok).length).toBeGreaterThanOrEqual(1);
    expect(await outboxOf(`cus_c_${run}`)).toHaveLength(1);

    // The losers' redeliveries find the message SENT and are acknowledged without a send.
    const redelivered = await Promise.all(
      outcomes.filter((ok) => !ok).map(() => succeeded(inboxHandler(sqsEvent([JSON.stringify(event)]), lambdaContext()))),
    );
    expect(redelivered.every(Boolean)).toBe(true);
    expect(await outboxOf(`cus_c_${run}`)).toHaveLength(1);
  });

  it('dead-letters an unparseable event and a template failure; the rest of the batch is delivered', async () => {
    const good = placedEvent(`cus_p_${run}`, `ord_p_${run}`);
    const templateFails = placedEvent(`cus_p_${run}`, 'ord_template_fails');
    const bodies = ['{"type":"order.placed","payload":', JSON.stringify(templateFails), JSON.stringify(good)];
    await clients.sqs.send(
      new SendMessageBatchCommand({ QueueUrl: resources.queues.Inbox!.url, Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })) }),
    );
    const dlq = resources.queues.Inbox!.deadLetter!;
    expect(dlq.maxReceiveCount).toBe(5);
    await eventually(async () => ((await queueDepth(dlq.url)) >= 2 ? true : undefined), 'two dead letters', 60_000);
    const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MaxNumberOfMessages: 10 }));
    expect(Messages.map((message) => message.Body).sort()).toEqual([bodies[0], bodies[1]].sort());
    const sent = await outboxOf(`cus_p_${run}`);
    expect(sent.map((email) => email.subject)).toEqual([`We received your order ord_p_${run}`]);
  });
});

describe('receipts bucket -> receipts queue -> receipt message', () => {
  const orderId = `ord_r_${run}`;
  const key = `receipts/${orderId}.json`;
  const document = receiptDocument(orderId, customerB);

  it('turns a receipt object into one stored message whose link opens the receipt', async () => {
    await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: JSON.stringify(document), ContentType: 'application/json' }));
    const [email] = await eventually(async () => {
      const sent = await outboxOf(customerB);
      return sent.length > 0 ? sent : undefined;
    }, 'the receipt email');
    expect(email).toMatchObject({ type: 'receipt.issued', subject: `Your receipt for order ${orderId}` });
    const link = /Your receipt: (\S+)/.exec(email!.text)?.[1];
    expect(link).toContain(`/${BUCKET}/${key}?`);
    expect(link).toContain('X-Amz-Expires=300');
    expect(link).toContain('X-Amz-Signature=');
    const response = await fetch(link!);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(document);
  });

  it('acknowledges duplicate notifications and the S3 test event without sending again', async () => {
    const queue = resources.queues.ReceiptsQueue!;
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: s3NotificationBody(BUCKET, key) }));
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: s3NotificationBody(BUCKET, key) }));
    await clients.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: s3TestEventBody(BUCKET) }));
    await drained(queue.url);
    expect(await outboxOf(customerB)).toHaveLength(1);
    expect(await queueDepth(queue.deadLetter!.url)).toBe(0);
  });
});

describe('HTTP API: GET /notifications and /notifications/{id}', () => {
  const get = async (path: string, customerId?: string) => {
    const headers: Record<string, string> = customerId ? { authorization: `Bearer ${await issuer.sign(customerId)}` } : {};
    const response = await fetch(`${api.url}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('answers any limit, cursor and id with 2xx or a problem+json 4xx, never a 5xx (fast-check)', async () => {
    const authorization = `Bearer ${await issuer.sign(customerA)}`;
    const cursor = fc.oneof(fc.string(), fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value)).toString('base64url')));
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.oneof({ arbitrary: fc.integer({ min: 1, max: 100 }).map(String), weight: 3 }, { arbitrary: fc.string(), weight: 1 }), { nil: undefined }),
        fc.option(cursor, { nil: undefined, freq: 4 }),
        fc.string({ minLength: 1, maxLength: 300 }).filter(isPathSegment),
        async (limit, cursorValue, id) => {
          const query = new URLSearchParams({ ...(limit !== undefined ? { limit } : {}), ...(cursorValue !== undefined ? { cursor: cursorValue } : {}) });
          const list = await fuzzAnswer(await fetch(`${api.url}/notifications?${query}`, { headers: { authorization } }));
          const one = await fuzzAnswer(await fetch(`${api.url}/notifications/${encodeURIComponent(id)}`, { headers: { authorization } }));
          return isWellAnswered(list) && isWellAnswered(one);
        },
      ),
      fuzzParameters(),
    );
  }, 120_000);

  it('answers /health without a token', async () => {
    expect(await get('/health')).toEqual({ status: 200, body: { service: 'notifications', status: 'ok' } });
  });

  it('requires a valid bearer token', async () => {
    expect((await get('/notifications')).status).toBe(401);
    const forged = await fetch(`${api.url}/notifications`, { headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toBe('application/problem+json');
  });

  describe.each(['/notifications', '/notifications/msg-1'])('%s with Cognito-shaped tokens', (path) => {
    it.each(rejectedTokenCases(() => issuer, { scope: SCOPES.notificationsRead, otherScope: SCOPES.ordersRead }).map((c) => [c.name, c] as const))(
      'rejects %s with problem+json',
      async (_name, c) => {
        const authorization = await c.authorization();
        const response = await fetch(`${api.url}${path}`, { headers: authorization ? { authorization } : {} });
        expect(response.status).toBe(c.status);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(await response.json()).toMatchObject({ status: c.status, type: expect.stringMatching(new RegExp(`/${c.code}$`)) });
      },
    );
  });

  it("pages through the caller's messages newest first, and only the caller's", async () => {
    const first = await get('/notifications?limit=3', customerA);
    expect(first.status).toBe(200);
    const items = first.body.items as { id: string; createdAt: string }[];
    expect(items).toHaveLength(3);
    expect(Object.keys(items[0]!).sort()).toEqual(['channel', 'createdAt', 'id', 'orderId', 'subject', 'type']);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await get(`/notifications?limit=3&cursor=${encodeURIComponent(first.body.nextCursor as string)}`, customerA);
    const rest = second.body.items as { id: string; createdAt: string }[];
    expect(rest).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...items, ...rest];
    expect(new Set(all.map((item) => item.id)).size).toBe(4);
    const times = all.map((item) => item.createdAt);
    expect(times).toEqual([...times].sort().reverse());

    const other = await get('/notifications', customerB);
    expect((other.body.items as { id: string }[]).map((item) => item.id)).not.toContain(all[0]!.id);
    expect(other.body.items).toHaveLength(1);
    expect(await get('/notifications', `cus_nobody_${run}`)).toEqual({ status: 200, body: { items: [], nextCursor: null } });
  });

  it('rejects a bad limit or a cursor it did not issue with 422', async () => {
    expect((await get('/notifications?limit=0', customerA)).status).toBe(422);
    expect((await get('/notifications?limit=abc', customerA)).status).toBe(422);
    const bad = await get('/notifications?cursor=not-a-cursor', customerA);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
  });

  it('returns one message with its rendered body to its owner and 404 to anyone else', async () => {
    const list = await get('/notifications?limit=1', customerB);
    const id = (list.body.items as { id: string }[])[0]!.id;
    const mine = await get(`/notifications/${id}`, customerB);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id, type: 'receipt.issued', channel: 'email', recipient: `${customerB}@customers.local` });
    expect((mine.body.body as { text: string; html: string }).html).toContain('Open your receipt');
    expect((await get(`/notifications/${id}`, customerA)).status).toBe(404);
    expect((await get('/notifications/ntf_00000000000000000000000000000000', customerB)).status).toBe(404);
  });
});
