import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { faultDraw } from '@commerce/service-kit/faults';
import { createAwsClients } from '../aws-clients';
import type { QueueLedger } from '../dev/fault-control';
import { freePorts } from '../dev/free-ports';
import { presentServices, startDevProcess } from '../dev/launch-dev';
import { signDevToken } from '../dev/local-issuer';
import { devConfig } from '../dev/dev-config';
import { BANK_DECLINE_ABOVE_CENTS, startLocalBank, type BankLedger } from './local-bank';
import { checkSoak, type CustomerMessage, type FinalOrder, type PlacedOrder, type SoakVerdict } from './soak-checks';

export interface SoakOptions {
  orders: number;
  /** Orders placed per second. */
  rate: number;
  customers: number;
  /** Shares (0..1) of orders: cancelled at a random moment within `cancelWithinMs` of placing, over the decline limit. */
  cancelRate: number;
  cancelWithinMs: number;
  declineRate: number;
  /** Provider faults (the bank): a 503 before anything, or the charge made and the answer held past the timeout. */
  transientRate: number;
  timeoutAfterChargeRate: number;
  /** Share of consumer invocations that crash mid-batch, and of records delivered twice. */
  consumerCrashRate: number;
  duplicateRate: number;
  /** Restarts of one service's functions during the placing (round robin over the services). */
  restarts: number;
  /** Deliberate poison messages, spread over the inboxes: they must end, and only they, in the DLQs. */
  poison: number;
  /**
   * The source queues' visibility timeout during the run (seconds; declared: 90–180 s), so that retries land within
   * it. It must stay above payments' lease (PAYMENT_LEASE_MS, 60 s) divided by maxReceiveCount - 1 (4): a record
   * whose consumer crashed while holding the lease is redelivered, finds the lease live and fails until it expires.
   */
  visibilitySeconds: number;
  seed: number;
  /** How long to wait for the system to settle after the last order. */
  settleTimeoutMs: number;
  /** Progress lines (stderr). */
  progress?: (line: string) => void;
}

export const defaultSoakOptions: SoakOptions = {
  orders: 300,
  rate: 10,
  customers: 20,
  cancelRate: 0.2,
  cancelWithinMs: 1_500,
  declineRate: 0.1,
  transientRate: 0.1,
  timeoutAfterChargeRate: 0.05,
  consumerCrashRate: 0.05,
  duplicateRate: 0.1,
  restarts: 3,
  poison: 3,
  visibilitySeconds: 16,
  seed: 1,
  settleTimeoutMs: 120_000,
};

export interface SoakResult {
  options: SoakOptions;
  verdict: SoakVerdict;
  placed: number;
  placementErrors: string[];
  cancelsAccepted: number;
  cancelsRefused: number;
  faults: Record<string, number>;
  /** Records that failed and came back (runner lines), HTTP calls the soak had to retry, outbox sweeps it fired. */
  retries: { records: number; httpCalls: number; sweeps: number };
  bank: BankLedger;
  ledger: QueueLedger;
  dlqDepth: Record<string, number>;
  /** Invocations per function over the run (the soak's own reads included: GET routes). */
  invocations: Record<string, number>;
  durationMs: number;
  settledInMs: number | undefined;
  /** Everything `npm run dev` printed. */
  devOutput: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const TERMINAL = new Set(['PAID', 'PAYMENT_FAILED', 'CANCELLED']);
const POISON_MARKER = 'soak-deliberate-poison';

/**
 * The fault-injection soak (ADR 0018): boots the local system as a user does (`npm run dev`, startDevProcess) with
 * the local-only fault plan, places `orders` orders at a steady rate through the HTTP API (some cancelled at random
 * moments, some over the decline limit) while the bank, the consumers, the runner and the control endpoint inject
 * faults, waits until everything settled, then checks the outcome against the bank's books and the emulator's ledger.
 */
export const runSoak = async (options: SoakOptions): Promise<SoakResult> => {
  const say = options.progress ?? (() => undefined);
  const missing = ['orders', 'payments', 'notifications'].filter((name) => !presentServices().includes(name));
  if (missing.length > 0) throw new Error(`the soak needs every service; missing: ${missing.join(', ')}`);
  const started = Date.now();
  const bank = await startLocalBank({
    transientRate: options.transientRate,
    timeoutAfterChargeRate: options.timeoutAfterChargeRate,
    holdMs: 1_500,
    maxFaultsPerKey: 1,
    seed: options.seed,
  });
  const [controlPort] = await freePorts(1);
  const leaseMs = String(options.visibilitySeconds * 750);
  const dev = await startDevProcess(300_000, {
    LOCAL_FAULT_CONSUMER_CRASH_RATE: String(options.consumerCrashRate),
    LOCAL_FAULT_DUPLICATE_DELIVERY_RATE: String(options.duplicateRate),
    LOCAL_FAULT_SEED: String(options.seed),
    LOCAL_FAULT_CONTROL_PORT: String(controlPort),
    LOCAL_PAYMENT_BANK_URL: bank.url,
    LOCAL_PAYMENT_BANK_TIMEOUT_MS: '500',
    // Payments' and notifications' leases below the soak's visibility timeout, as deployed (60 s under >= 120 s): a
    // crashed holder's lease has expired when its record comes back (ADR 0018). Notifications' 60 s claim once
    // outlived four 16 s receives of an order.placed whose sender crashed, and dead-lettered it.
    LOCAL_PAYMENT_LEASE_MS: leaseMs,
    LOCAL_NOTIFICATION_LEASE_MS: leaseMs,
  });
  const control = `http://127.0.0.1:${controlPort}`;
  const { sqs } = createAwsClients(dev.state.endpoints);
  let httpRetries = 0;
  try {
    say(`ready in ${(dev.readyInMs / 1000).toFixed(1)} s; bank ${bank.url}; control ${control}`);
    const queues = Object.entries(dev.state.queues);
    const sources = queues.filter(([name]) => !name.endsWith('-dlq'));
    for (const [, url] of sources) {
      await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: String(options.visibilitySeconds) } }));
    }

    const customers = Array.from({ length: options.customers }, (_, index) => `soak-${options.seed}-cus-${index + 1}`);
    const issuerPort = Number(dev.env.LOCAL_ISSUER_PORT);
    const tokens = new Map<string, string>();
    for (const customer of customers) tokens.set(customer, await signDevToken(devConfig().localDir, customer, { issuerPort }));

    /** A call through a service's HTTP API; 5xx answers and refused connections (a restart) are retried. */
    const call = async (service: string, customer: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const response = await fetch(`${dev.state.services[service]!.url}${path}`, {
            method: init.method ?? 'GET',
            headers: { authorization: `Bearer ${tokens.get(customer)!}`, 'content-type': 'application/json', ...init.headers },
            ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
          });
          const text = await response.text();
          if (response.status < 500 || attempt >= 8) return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
        } catch (error) {
          if (attempt >= 8) throw error;
        }
        httpRetries += 1;
        await sleep(250 * attempt);
      }
    };

    const poisonsSent: Record<string, number> = {};
    const placed: PlacedOrder[] = [];
    const placementErrors: string[] = [];
    const pending: Promise<void>[] = [];
    let cancelsRefused = 0;
    const restartAt = Array.from({ length: options.restarts }, (_, index) => Math.floor(((index + 1) * options.orders) / (options.restarts + 1)));
    const restartOrder = ['payments', 'orders', 'notifications'];
    let restarts = 0;
    // Warm-up, as the benchmark does: one order through every hop before the load (cold starts on a busy machine
    // may take seconds). It is checked like the others.
    const warm = await call('orders', customers[0]!, '/orders', {
      method: 'POST',
      headers: { 'idempotency-key': `soak-${options.seed}-warm-up` },
      body: { currency: 'EUR', items: [{ sku: 'SOAK-WARM-UP', quantity: 1, unitPriceCents: 100 }] },
    });
    if (warm.status !== 201) throw new Error(`warm-up order: ${warm.status} ${JSON.stringify(warm.body).slice(0, 200)}`);
    placed.push({ id: String(warm.body.id), customerId: customers[0]!, declineIntended: false, cancelAccepted: false });
    for (let waited = 0; waited < 60_000; waited += 500) {
      if ((await call('orders', customers[0]!, `/orders/${String(warm.body.id)}`)).body.status === 'PAID') break;
      await sleep(500);
    }
    const placing = Date.now();

    for (let index = 0; index < options.orders; index += 1) {
      await sleep(Math.max(0, placing + (index * 1000) / options.rate - Date.now()));
      if (restartAt.includes(index)) {
        const service = restartOrder[restarts % restartOrder.length]!;
        restarts += 1;
        pending.push(fetch(`${control}/restart/${service}`, { method: 'POST' }).then((response) => say(`restarted ${service}'s functions: ${response.status}`)));
      }
      if (index > 0 && options.poison > 0 && index % Math.max(1, Math.floor(options.orders / options.poison)) === 0) {
        pending.push(sendPoison(Math.floor(index / Math.max(1, Math.floor(options.orders / options.poison)))));
      }
      const customer = customers[index % customers.length]!;
      const declineIntended = faultDraw(options.seed, 'soak-decline', String(index)) < options.declineRate;
      const cancel = faultDraw(options.seed, 'soak-cancel', String(index)) < options.cancelRate;
      const unitPriceCents = declineIntended ? BANK_DECLINE_ABOVE_CENTS + 1 : 100 + (index % 5000);
      pending.push(
        (async () => {
          const answer = await call('orders', customer, '/orders', {
            method: 'POST',
            headers: { 'idempotency-key': `soak-${options.seed}-${index}` },
            body: { currency: 'EUR', items: [{ sku: `SOAK-${index}`, quantity: 1, unitPriceCents }] },
          }).catch((error: unknown) => ({ status: 0, body: { error: (error as Error).message } as Record<string, unknown> }));
          if (answer.status !== 201 && answer.status !== 200) {
            placementErrors.push(`order ${index}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
            return;
          }
          const order: PlacedOrder = { id: String(answer.body.id), customerId: customer, declineIntended, cancelAccepted: false };
          placed.push(order);
          if (!cancel) return;
          await sleep(faultDraw(options.seed, 'soak-cancel-at', String(index)) * options.cancelWithinMs);
          const cancelled = await call('orders', customer, `/orders/${order.id}/cancel`, { method: 'POST' });
          if (cancelled.status === 200) order.cancelAccepted = true;
          else if (cancelled.status === 409) cancelsRefused += 1;
          else placementErrors.push(`cancel ${order.id}: ${cancelled.status} ${JSON.stringify(cancelled.body).slice(0, 200)}`);
        })(),
      );
    }
    await Promise.all(pending);
    say(`placed ${placed.length} order(s) in ${((Date.now() - placing) / 1000).toFixed(1)} s; waiting for the system to settle`);

    async function sendPoison(index: number): Promise<void> {
      const [name, url] = sources[index % sources.length]!;
      poisonsSent[`${name}-dlq`] = (poisonsSent[`${name}-dlq`] ?? 0) + 1;
      await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify({ [POISON_MARKER]: index, note: 'not an event' }) }));
    }

    const listAll = async <T>(service: string, customer: string, path: string): Promise<T[]> => {
      const items: T[] = [];
      let cursor: string | null = null;
      do {
        const page = await call(service, customer, `${path}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        if (page.status !== 200) throw new Error(`GET ${path}: ${page.status} ${JSON.stringify(page.body).slice(0, 200)}`);
        items.push(...((page.body.items as T[]) ?? []));
        cursor = (page.body.nextCursor as string | null) ?? null;
      } while (cursor);
      return items;
    };
    const readLedger = async (): Promise<QueueLedger> => (await (await fetch(`${control}/ledger`)).json()) as QueueLedger;
    const leftIn = async (): Promise<Record<string, number>> => {
      const left: Record<string, number> = {};
      for (const [name, url] of sources) {
        const { Attributes } = await sqs.send(
          new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
        );
        left[name] = Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesDelayed ?? 0);
      }
      return left;
    };
    // Settled: every order terminal, every cancelled capture refunded, every queue empty, twice in a row.
    const settleStarted = Date.now();
    let finals = new Map<string, FinalOrder>();
    let settledInMs: number | undefined;
    let quietRounds = 0;
    let sweeps = 0;
    let lastSweep = Date.now();
    while (Date.now() - settleStarted < options.settleTimeoutMs) {
      await sleep(2_000);
      const read = new Map<string, FinalOrder>();
      const readAll = await Promise.all(customers.map((customer) => listAll<FinalOrder>('orders', customer, '/orders').catch(() => undefined)));
      if (readAll.includes(undefined)) continue; // an overloaded machine: read again next round
      for (const order of readAll.flatMap((orders) => orders ?? [])) read.set(order.id, order);
      finals = read;
      const open = placed.filter((order) => !TERMINAL.has(finals.get(order.id)?.status ?? ''));
      const ledger = bank.ledger();
      const unrefunded = placed.filter(
        (order) =>
          finals.get(order.id)?.status === 'CANCELLED' &&
          ledger.charges.some((charge) => charge.orderId === order.id && charge.outcome === 'captured') &&
          !ledger.refunds.some((refund) => refund.orderId === order.id),
      );
      const left = Object.values(await leftIn()).reduce((sum, value) => sum + value, 0);
      quietRounds = open.length === 0 && unrefunded.length === 0 && left === 0 ? quietRounds + 1 : 0;
      if (quietRounds >= 2) {
        settledInMs = Date.now() - settleStarted;
        break;
      }
      if (open.length > 0 && left === 0 && Date.now() - lastSweep > 30_000) {
        // Nothing in flight, yet orders wait: fire the outbox sweeper's schedule now rather than in up to 5 minutes.
        lastSweep = Date.now();
        sweeps += 1;
        const fired = await fetch(`${dev.state.services.orders!.lambdaEndpoint}/2015-03-31/functions/orders-local-republishEvents/invocations`, {
          method: 'POST',
          body: JSON.stringify({ 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} }),
        });
        say(`fired the outbox sweeper (orders-local-republishEvents): ${fired.status} ${(await fired.text()).slice(0, 200)}`);
      }
      say(`settling: ${open.length} order(s) not terminal, ${unrefunded.length} cancelled capture(s) not refunded, ${left} message(s) in the queues`);
    }

    const messages = new Map<string, CustomerMessage[]>();
    const unreadable: string[] = [];
    for (const customer of customers) {
      const read = await listAll<CustomerMessage>('notifications', customer, '/notifications').catch((error: unknown) => {
        unreadable.push(`${customer}'s messages could not be read: ${(error as Error).message}`);
        return [];
      });
      messages.set(customer, read);
    }
    const deadLetters: Record<string, string[]> = {};
    const dlqDepth: Record<string, number> = {};
    for (const [name, url] of queues.filter(([queue]) => queue.endsWith('-dlq'))) {
      const bodies: string[] = [];
      for (;;) {
        const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 600, WaitTimeSeconds: 0 }));
        if (!Messages?.length) break;
        bodies.push(...Messages.map((message) => message.Body ?? ''));
      }
      deadLetters[name] = bodies;
      dlqDepth[name] = bodies.length;
    }
    const ledger = await readLedger();
    const invocations = (await (await fetch(`${control}/invocations`)).json()) as Record<string, number>;
    const verdict = checkSoak({
      placed,
      finals,
      bank: bank.ledger(),
      messages,
      deadLetters,
      poisonsSent,
      poisonMarker: POISON_MARKER,
      ledger,
      leftInQueues: await leftIn(),
    });
    if (settledInMs === undefined) verdict.violations.unshift(`the system did not settle within ${options.settleTimeoutMs / 1000} s`);
    verdict.violations.push(...unreadable, ...placementErrors.map((error) => `placing: ${error}`));
    const output = dev.output();
    const faultLines = (kind: string): number => output.split('\n').filter((line) => line.includes(`[fault-injected] ${kind}`)).length;
    const duplicateRecords = output
      .split('\n')
      .filter((line) => line.includes('[fault-injected] duplicate-delivery'))
      .reduce((sum, line) => sum + Number(/duplicate-delivery (\d+) record/.exec(line)?.[1] ?? 0), 0);
    const retriedRecords = output
      .split('\n')
      .reduce((sum, line) => sum + Number(/: (\d+)\/\d+ record\(s\) failed/.exec(line)?.[1] ?? 0) + Number(/throttled, (\d+) record\(s\) stay/.exec(line)?.[1] ?? 0), 0);
    return {
      options,
      verdict,
      placed: placed.length,
      placementErrors,
      cancelsAccepted: placed.filter((order) => order.cancelAccepted).length,
      cancelsRefused,
      faults: {
        'provider transient error': bank.ledger().faults.transient,
        'provider timeout after the charge': bank.ledger().faults.timeoutAfterCharge,
        'consumer crash mid-batch': faultLines('consumer-crash'),
        'duplicate delivery (records)': duplicateRecords,
        "restart of a service's functions": restarts,
        'poison message': Object.values(poisonsSent).reduce((sum, value) => sum + value, 0),
      },
      retries: { records: retriedRecords, httpCalls: httpRetries, sweeps },
      bank: bank.ledger(),
      ledger,
      dlqDepth,
      invocations,
      durationMs: Date.now() - started,
      settledInMs,
      devOutput: output,
    };
  } finally {
    sqs.destroy();
    await dev.stop();
    await bank.close();
  }
};
