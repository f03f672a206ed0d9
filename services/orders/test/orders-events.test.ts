import { GetQueueAttributesCommand, SendMessageBatchCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createEvent, type DomainEvent } from '@commerce/domain-events';
import { localQueueUrl, startEventSourceRunner, type LambdaInvoker } from '@commerce/local-cloud';
import { lambdaContext } from '@commerce/service-kit/testing';
import { applyPaymentEvent } from '../src/app/apply-payment-event';
import { cancelOrder } from '../src/app/cancel-order';
import { createOrder } from '../src/app/create-order';
import type { OrdersDeps } from '../src/app/deps';
import { buildDeps } from '../src/composition';
import { handler as inboxHandler } from '../src/handlers/sqs-inbox';
import { createHandler as createSweeper } from '../src/handlers/schedule-republish-events';
import { OrderView, orderView } from '../src/handlers/http-schemas';
import { silentLog } from '../src/ports/log';
import { startLocalOrders, type LocalOrders } from './support/local-orders';
import { drainQueue, runSqsBatch, type SqsLambda } from './support/sqs-batch';

/** The event side against the local emulators: real SQS batches into the inbox handler, the dual write, races. */
let local: LocalOrders;
let deps: OrdersDeps;

beforeAll(async () => {
  local = await startLocalOrders();
  deps = buildDeps();
}, 120_000);

afterAll(async () => {
  await local?.stop();
});

const items = [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 4200 }];
const place = async (customerId = 'cus_events') => (await createOrder(deps)({ customerId, currency: 'EUR', items, correlationId: 'corr-place' }, silentLog)).order;

const captured = (orderId: string, customerId = 'cus_events') =>
  createEvent('payment.captured', { orderId, customerId, paymentId: `pay_${orderId}`, amountCents: 4200, currency: 'EUR', capturedAt: '2026-11-29T10:00:00.000Z' }, { correlationId: `corr-${orderId}` });
const failed = (orderId: string) =>
  createEvent('payment.failed', { orderId, customerId: 'cus_events', amountCents: 4200, currency: 'EUR', reason: 'card_declined' }, { correlationId: `corr-${orderId}` });
const refunded = (orderId: string) =>
  createEvent('payment.refunded', { orderId, customerId: 'cus_events', paymentId: `pay_${orderId}`, refundId: `ref_${orderId}`, amountCents: 4200, currency: 'EUR', refundedAt: '2026-11-29T10:05:00.000Z' }, { correlationId: `corr-${orderId}` });

const send = async (bodies: string[]): Promise<string[]> => {
  const result = await local.sqs.send(
    new SendMessageBatchCommand({ QueueUrl: local.inbox.url, Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })) }),
  );
  return (result.Successful ?? []).sort((a, b) => Number(a.Id) - Number(b.Id)).map((entry) => entry.MessageId ?? '');
};

const depth = async (url: string): Promise<number> => {
  const { Attributes } = await local.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
};

const statusOf = async (orderId: string) => (await deps.repository.get(orderId))?.order;

describe('orders inbox: a real SQS batch through the handler', () => {
  it('applies payment events once, fails only the poison records, and dead-letters them after maxReceiveCount', async () => {
    const [paid, declined, cancelled] = [await place(), await place(), await place()];
    await cancelOrder(deps)({ customerId: 'cus_events', orderId: cancelled.id, correlationId: 'corr-cancel' }, silentLog);
    await drainQueue(local.sqs, local.paymentsInboxUrl);

    const capture = JSON.stringify(captured(paid.id));
    const bodies = [
      capture,
      capture, // duplicate delivery: the same event twice in one batch
      JSON.stringify(failed(declined.id)),
      JSON.stringify(captured(cancelled.id)), // late: the order was cancelled first
      JSON.stringify(refunded(cancelled.id)),
      'this is not JSON', // poison
      JSON.stringify({ ...captured(paid.id), payload: { orderId: paid.id } }), // fails its schema
      JSON.stringify(createEvent('order.placed', { orderId: 'o', customerId: 'c', currency: 'EUR', items, totalCents: 4200 }, { correlationId: 'x' })), // mis-routed
    ];
    const messageIds = await send(bodies);
    const poison = new Set(messageIds.slice(5));

    const batches = [];
    let handled = 0;
    while (handled < bodies.length) {
      const batch = await runSqsBatch(local.sqs, local.inbox, inboxHandler as SqsLambda);
      batches.push(batch);
      handled += batch.received.length;
      for (const failure of batch.response.batchItemFailures) expect(poison.has(failure.itemIdentifier)).toBe(true);
      const failedIds = batch.response.batchItemFailures.map((failure) => failure.itemIdentifier);
      expect(failedIds.sort()).toEqual(batch.received.map((message) => message.MessageId ?? '').filter((id) => poison.has(id)).sort());
    }
    expect(batches[0]?.received.length).toBeGreaterThan(1); // a real multi-record batch

    expect(await statusOf(paid.id)).toMatchObject({ status: 'PAID', payment: { paymentId: `pay_${paid.id}` } });
    expect((await deps.repository.get(paid.id))?.appliedEventIds).toHaveLength(1);
    expect(await statusOf(declined.id)).toMatchObject({ status: 'PAYMENT_FAILED', paymentFailure: { reason: 'card_declined' } });
    expect(await statusOf(cancelled.id)).toMatchObject({ status: 'CANCELLED', payment: { paymentId: `pay_${cancelled.id}` }, refunds: [{ refundId: `ref_${cancelled.id}` }] });

    // The poison records keep failing alone until SQS moves them to the DLQ (maxReceiveCount 5).
    for (let round = 0; round < 10 && (await depth(local.inbox.url)) > 0; round += 1) {
      const batch = await runSqsBatch(local.sqs, local.inbox, inboxHandler as SqsLambda);
      expect(batch.response.batchItemFailures).toHaveLength(batch.received.length);
    }
    expect(await depth(local.inbox.url)).toBe(0);
    const dead = await drainQueue(local.sqs, local.dlqUrl);
    expect(dead).toHaveLength(3);
    expect(dead).toContain('this is not JSON');

    // A redelivery long after (e.g. the producer retried): acknowledged, nothing changes.
    const before = await deps.repository.get(paid.id);
    await send([capture]);
    const late = await runSqsBatch(local.sqs, local.inbox, inboxHandler as SqsLambda);
    expect(late.response.batchItemFailures).toEqual([]);
    expect(await deps.repository.get(paid.id)).toEqual(before);
  }, 60_000);
});

describe('a payment that waits for the customer (payment.action.required, ADR 0022)', () => {
  const actionRequired = (orderId: string) =>
    createEvent(
      'payment.action.required',
      { orderId, customerId: 'cus_events', paymentId: `pi_${orderId}`, amountCents: 4200, currency: 'EUR', action: 'authenticate', expiresAt: '2026-11-29T10:15:00.000Z' },
      { correlationId: `corr-${orderId}` },
    );
  const deliverAll = async (count: number) => {
    for (let handled = 0; handled < count; ) {
      const batch = await runSqsBatch(local.sqs, local.inbox, inboxHandler as SqsLambda);
      expect(batch.response.batchItemFailures).toEqual([]);
      handled += batch.received.length;
    }
  };

  it('shows paymentAction on the PENDING_PAYMENT order (once, whatever the duplicates) until the capture clears it', async () => {
    const order = await place();
    const action = JSON.stringify(actionRequired(order.id));
    await send([action, action]);
    await deliverAll(2);
    const waiting = await statusOf(order.id);
    expect(waiting).toMatchObject({ status: 'PENDING_PAYMENT', paymentAction: { type: 'authenticate', paymentId: `pi_${order.id}`, expiresAt: '2026-11-29T10:15:00.000Z' } });
    expect(OrderView.parse(orderView(waiting!))).toMatchObject({ paymentAction: { type: 'authenticate' } }); // as GET /orders/{id} shows it

    await send([JSON.stringify(captured(order.id)), action]); // a late action.required after the capture changes nothing
    await deliverAll(2);
    const paid = await statusOf(order.id);
    expect(paid?.status).toBe('PAID');
    expect(paid).not.toHaveProperty('paymentAction');
  });

  it('lets the customer cancel while it waits: order.cancelled (previousStatus PENDING_PAYMENT) goes to the payments inbox', async () => {
    const order = await place();
    await send([JSON.stringify(actionRequired(order.id))]);
    await deliverAll(1);
    await drainQueue(local.sqs, local.paymentsInboxUrl);
    await cancelOrder(deps)({ customerId: 'cus_events', orderId: order.id, correlationId: 'corr-cancel' }, silentLog);
    expect(await statusOf(order.id)).toMatchObject({ status: 'CANCELLED', cancellation: { previousStatus: 'PENDING_PAYMENT' } });
    expect(await statusOf(order.id)).not.toHaveProperty('paymentAction');
    const sent = (await drainQueue(local.sqs, local.paymentsInboxUrl)) as DomainEvent[];
    expect(sent).toEqual([expect.objectContaining({ type: 'order.cancelled', payload: expect.objectContaining({ orderId: order.id, previousStatus: 'PENDING_PAYMENT' }) })]);
  });
});

describe('dual write: the order is stored with its event, publishing can fail in between', () => {
  const brokenDeps = (): OrdersDeps =>
    buildDeps({ ...process.env, INBOX_URL_PAYMENTS: localQueueUrl(local.emulators.endpoints.sqs, 'commerce-local-no-such-queue') });

  it('keeps the event when SQS fails after the write; the sweeper publishes it with the same eventId, once', async () => {
    await drainQueue(local.sqs, local.paymentsInboxUrl);
    const { order } = await createOrder(brokenDeps())({ customerId: 'cus_dual', currency: 'EUR', items, correlationId: 'corr-dual' }, silentLog);
    const stored = await deps.repository.get(order.id);
    expect(stored?.order.status).toBe('PENDING_PAYMENT');
    expect(stored?.pendingEvents).toHaveLength(1);
    const pending = stored?.pendingEvents[0] as DomainEvent;
    expect(await drainQueue(local.sqs, local.paymentsInboxUrl)).toEqual([]);

    const sweeper = createSweeper(() => deps, { graceMs: 0 });
    await expect(createSweeper(brokenDeps, { graceMs: 0 })()).resolves.toMatchObject({ failed: 1 });
    await expect(sweeper()).resolves.toMatchObject({ orders: 1, published: 1, failed: 0 });
    const delivered = (await drainQueue(local.sqs, local.paymentsInboxUrl)) as DomainEvent[];
    expect(delivered).toEqual([pending]);
    expect(delivered[0]?.correlationId).toBe('corr-dual');
    expect((await deps.repository.get(order.id))?.pendingEvents).toEqual([]);
    await expect(sweeper()).resolves.toEqual({ orders: 0, published: 0, failed: 0 });
    await drainQueue(local.sqs, local.notificationsInboxUrl);
  });

  it('publishes again with the same eventId when marking published fails (consumers dedupe); other pending events stay', async () => {
    await drainQueue(local.sqs, local.paymentsInboxUrl);
    const { order } = await createOrder(brokenDeps())({ customerId: 'cus_dual', currency: 'EUR', items, correlationId: 'corr-dual-2' }, silentLog);
    await cancelOrder(brokenDeps())({ customerId: 'cus_dual', orderId: order.id, correlationId: 'corr-dual-2' }, silentLog);
    const stored = await deps.repository.get(order.id);
    expect(stored?.pendingEvents.map((event) => event.type)).toEqual(['order.placed', 'order.cancelled']);
    const [placed, cancelledEvent] = stored?.pendingEvents ?? [];

    // What createOrder knew after its own write (version 1, only order.placed) is stale now: the cancel added an
    // event. The write conditioned on version 1 fails, the re-read keeps order.cancelled pending.
    await deps.repository.markPublished(order.id, [placed?.eventId ?? ''], { version: 1, eventIds: [placed?.eventId ?? ''] });
    expect((await deps.repository.get(order.id))?.pendingEvents).toEqual([cancelledEvent]);
    expect(await deps.repository.listWithPendingEvents({ olderThan: new Date(Date.now() + 1000), limit: 100 })).toContain(order.id);

    // Publish succeeds, the mark fails (crash): the next sweep sends the same event again.
    const flaky: OrdersDeps = { ...deps, repository: Object.assign(Object.create(deps.repository) as object, { markPublished: async () => { throw new Error('crash'); } }) as unknown as OrdersDeps['repository'] };
    await createSweeper(() => flaky, { graceMs: 0 })();
    await createSweeper(() => deps, { graceMs: 0 })();
    const delivered = (await drainQueue(local.sqs, local.paymentsInboxUrl)) as DomainEvent[];
    expect(delivered.map((event) => event.eventId)).toEqual([cancelledEvent?.eventId, cancelledEvent?.eventId]);
    expect(await deps.repository.listWithPendingEvents({ olderThan: new Date(Date.now() + 1000), limit: 100 })).not.toContain(order.id);
    await drainQueue(local.sqs, local.notificationsInboxUrl);
  });
});

describe('conditional writes on dynalite: concurrent cancel and payment never lose an update', () => {
  /** deps whose next update first lets `competitor` write the same order (a deterministic interleaving). */
  const interleaved = (competitor: () => Promise<unknown>): { deps: OrdersDeps; conflicts: () => number } => {
    let pending: (() => Promise<unknown>) | undefined = competitor;
    let conflicts = 0;
    const repository: OrdersDeps['repository'] = {
      create: (order) => deps.repository.create(order),
      get: (orderId) => deps.repository.get(orderId),
      markPublished: (orderId, eventIds) => deps.repository.markPublished(orderId, eventIds),
      listByCustomer: (customerId, options) => deps.repository.listByCustomer(customerId, options),
      listWithPendingEvents: (options) => deps.repository.listWithPendingEvents(options),
      outboxShards: deps.repository.outboxShards,
      pendingEventsPage: (options) => deps.repository.pendingEventsPage(options),
      update: async (change) => {
        const run = pending;
        pending = undefined;
        if (run) await run();
        const result = await deps.repository.update(change);
        if (result === 'conflict') conflicts += 1;
        return result;
      },
    };
    return { deps: { ...deps, repository }, conflicts: () => conflicts };
  };

  it('a payment written between a cancel read and its write makes dynalite reject the stale write; the cancel re-decides', async () => {
    const order = await place('cus_race');
    const event = captured(order.id, 'cus_race');
    const racing = interleaved(() => applyPaymentEvent(deps)(event, silentLog));
    const cancelled = await cancelOrder(racing.deps)({ customerId: 'cus_race', orderId: order.id, correlationId: 'corr-race' }, silentLog);
    expect(racing.conflicts()).toBe(1);
    expect(cancelled.cancellation?.previousStatus).toBe('PAID');
    const stored = await deps.repository.get(order.id);
    expect(stored?.order).toMatchObject({ status: 'CANCELLED', payment: { paymentId: `pay_${order.id}` } });
    expect(stored?.appliedEventIds).toEqual([event.eventId]);

    const declined = await place();
    const racingFailure = interleaved(() => applyPaymentEvent(deps)(failed(declined.id), silentLog));
    await expect(
      cancelOrder(racingFailure.deps)({ customerId: 'cus_events', orderId: declined.id, correlationId: 'corr-race' }, silentLog),
    ).rejects.toMatchObject({ code: 'order-not-cancellable' });
    expect(racingFailure.conflicts()).toBe(1);
    expect((await deps.repository.get(declined.id))?.order.status).toBe('PAYMENT_FAILED');

    const late = await place('cus_race');
    const racingCancel = interleaved(() => cancelOrder(deps)({ customerId: 'cus_race', orderId: late.id, correlationId: 'c' }, silentLog));
    await expect(applyPaymentEvent(racingCancel.deps)(captured(late.id, 'cus_race'), silentLog)).resolves.toBe('recorded');
    expect(racingCancel.conflicts()).toBe(1);
    expect((await deps.repository.get(late.id))?.order.status).toBe('CANCELLED');
    await drainQueue(local.sqs, local.paymentsInboxUrl);
  });

  it('cancel racing a capture: always CANCELLED with the payment recorded', async () => {
    for (let round = 0; round < 6; round += 1) {
      const order = await place('cus_race');
      const event = captured(order.id, 'cus_race');
      await Promise.all([
        cancelOrder(deps)({ customerId: 'cus_race', orderId: order.id, correlationId: 'corr-race' }, silentLog),
        applyPaymentEvent(deps)(event, silentLog),
      ]);
      const stored = await deps.repository.get(order.id);
      expect(stored?.order).toMatchObject({ status: 'CANCELLED', payment: { paymentId: `pay_${order.id}` } });
      expect(stored?.appliedEventIds).toEqual([event.eventId]);
    }
  });

  it('cancel racing a failure: either CANCELLED (failure recorded) or PAYMENT_FAILED with the cancel refused', async () => {
    for (let round = 0; round < 6; round += 1) {
      const order = await place();
      const [cancel] = await Promise.allSettled([
        cancelOrder(deps)({ customerId: 'cus_events', orderId: order.id, correlationId: 'corr-race' }, silentLog),
        applyPaymentEvent(deps)(failed(order.id), silentLog),
      ]);
      const stored = (await deps.repository.get(order.id))?.order;
      expect(stored?.paymentFailure?.reason).toBe('card_declined');
      if (cancel.status === 'fulfilled') expect(stored?.status).toBe('CANCELLED');
      else expect(stored?.status).toBe('PAYMENT_FAILED');
    }
    await drainQueue(local.sqs, local.paymentsInboxUrl);
  });
});

describe('the inbox under the local cloud event-source runner (Lambda SQS semantics)', () => {
  it('long-polls real batches into the handler: applies once, dead-letters the poison after 5 receives', async () => {
    // Test-only: a 1 s visibility timeout so failed records come back quickly (the template says 90 s).
    await local.sqs.send(new SetQueueAttributesCommand({ QueueUrl: local.inbox.url, Attributes: { VisibilityTimeout: '1' } }));
    const invoked: string[] = [];
    const invoker: LambdaInvoker = {
      invoke: async (functionName, event) => {
        invoked.push(functionName);
        try {
          return { ok: true, payload: await (inboxHandler as SqsLambda)(event as Parameters<SqsLambda>[0], lambdaContext()) };
        } catch (error) {
          return { ok: false, error: (error as Error).message };
        }
      },
    };
    const runner = startEventSourceRunner({
      endpoints: local.emulators.endpoints,
      services: [{ template: local.template, stackName: 'orders-local', invoker }],
      waitTimeSeconds: 1,
      log: () => undefined,
    });
    try {
      const order = await place('cus_runner');
      const capture = JSON.stringify(captured(order.id, 'cus_runner'));
      await send([capture, capture, 'poison', JSON.stringify(failed('ord_unknown'))]);
      const deadline = Date.now() + 40_000;
      while (Date.now() < deadline && ((await statusOf(order.id))?.status !== 'PAID' || (await depth(local.dlqUrl)) < 2)) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect((await deps.repository.get(order.id))?.order.status).toBe('PAID');
      expect((await deps.repository.get(order.id))?.appliedEventIds).toHaveLength(1);
      expect(await depth(local.dlqUrl)).toBe(2);
      expect(new Set(invoked)).toEqual(new Set(['orders-local-inbox']));
    } finally {
      await runner.stop();
      await local.sqs.send(new SetQueueAttributesCommand({ QueueUrl: local.inbox.url, Attributes: { VisibilityTimeout: '90' } }));
    }
  }, 60_000);
});
