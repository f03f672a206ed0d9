/**
 * Benchmark of the local system (not a test): `pnpm --filter @commerce/local-cloud run benchmark [--orders 200]
 * [--rate 10] [--burst N] [--health-seconds S] [--batching-window 0]`. Boots it with the README's command
 * (`npm run dev`) on free ports, then prints the time from the command to ready (and the system's own figure, from
 * bin/dev.ts starting) and, on the warm system:
 * - `--burst N`: N concurrent POST /orders at once: their statuses, the slowest answer, and when all were PAID;
 * - `--orders N --rate R`: N orders at a steady R per second: placed -> PAID latency p50/p90/p99/max;
 * - `--health-seconds S`: GET /health at 10 keep-alive connections for S seconds: requests per second;
 * and the peak resident memory of the whole process tree (from the spawn, and during the load alone). Latency is
 * taken from the order itself: `createdAt` (placed) to `updatedAt` of its PAID state, both written by orders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Agent, get } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { presentServices, startDevProcess } from '../src/dev/launch-dev';
import { treeRssBytes } from '../src/dev/processes';
import { parseArgs, stringOption } from '../src/tools/cli-args';

type Order = { id: string; status: string; createdAt: string; updatedAt: string };

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const histogram = (values: number[], bounds: number[]): Record<string, number> => {
  const labels = [...bounds.map((bound) => `<${bound}`), `>=${bounds.at(-1)}`];
  const counts = Object.fromEntries(labels.map((label) => [label, 0]));
  for (const value of values) {
    const index = bounds.findIndex((bound) => value < bound);
    counts[labels[index === -1 ? labels.length - 1 : index]!]! += 1;
  }
  return counts;
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** GET `url` on `connections` keep-alive connections for `seconds`: requests per second and non-200 answers. */
const hammer = async (url: string, seconds: number, connections = 10): Promise<{ requestsPerSecond: number; requests: number; non200: number }> => {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let requests = 0;
  let non200 = 0;
  const end = Date.now() + seconds * 1000;
  const once = (): Promise<void> =>
    new Promise((resolve) => {
      get(url, { agent }, (response) => {
        response.resume();
        response.on('end', () => {
          requests++;
          if (response.statusCode !== 200) non200++;
          resolve();
        });
      }).on('error', () => {
        non200++;
        resolve();
      });
    });
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (Date.now() < end) await once();
  }));
  agent.destroy();
  return { requestsPerSecond: Math.round(requests / ((Date.now() - started) / 1000)), requests, non200 };
};

const main = async (): Promise<void> => {
  const args = parseArgs(process.argv.slice(2));
  const burst = Number(stringOption(args, 'burst') ?? 0);
  const healthSeconds = Number(stringOption(args, 'health-seconds') ?? 0);
  const count = Number(stringOption(args, 'orders') ?? (burst > 0 || healthSeconds > 0 ? 0 : 200));
  const rate = Number(stringOption(args, 'rate') ?? 10);
  const window = stringOption(args, 'batching-window');
  // --counts <file>: invocations per function and DynamoDB calls of the run, written on stop (the cost model's input).
  const countsFile = stringOption(args, 'counts');
  const missing = ['orders', 'payments', 'notifications'].filter((name) => !presentServices().includes(name));
  if (missing.length > 0) throw new Error(`the benchmark needs every service; missing: ${missing.join(', ')}`);

  const loadAtStart = loadavg();
  let peak = 0;
  let loadPeak = 0;
  let sampler: NodeJS.Timeout | undefined;
  // Sampled from the spawn on: packaging and booting count too.
  const devEnv = {
    ...(window !== undefined ? { LOCAL_CLOUD_BATCHING_WINDOW: window } : {}),
    ...(countsFile ? { LOCAL_CLOUD_INVOCATION_COUNTS: resolve(countsFile) } : {}),
  };
  let ordersPlaced = 0;
  let ordersRead = 0;
  const dev = await startDevProcess(600_000, devEnv, (child) => {
    sampler = setInterval(() => {
      const rss = treeRssBytes(child.pid!);
      peak = Math.max(peak, rss);
      loadPeak = Math.max(loadPeak, rss);
    }, 250);
  });
  try {
    const token = (await dev.tool('token', ['cus-benchmark'])).stdout.trim();
    const api = dev.state.services.orders!.url;
    const call = async (path: string, body?: unknown): Promise<Order> => {
      if (!body) ordersRead += 1;
      const response = await fetch(`${api}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${path}: HTTP ${response.status} ${text}`);
      const order = JSON.parse(text) as Order;
      if (!order.id) throw new Error(`${path}: HTTP ${response.status} without an order: ${text}`);
      if (body) ordersPlaced += 1; // placed and answered: what the counts are divided by
      return order;
    };
    // Warm-up outside the measurement: one order through every hop (cold starts may time out on a busy machine).
    let warm: Order | undefined;
    for (let attempt = 1; !warm; attempt += 1) {
      warm = await call('/orders', { currency: 'EUR', items: [{ sku: 'WARM', quantity: 1, unitPriceCents: 100 }] }).catch((error: unknown) => {
        if (attempt >= 3) throw error;
        return undefined;
      });
    }
    for (let i = 0; i < 300 && (await call(`/orders/${warm.id}`)).status !== 'PAID'; i += 1) await sleep(100);

    const settle = async (orders: Order[], timeoutMs: number, pollMs: number): Promise<Map<string, Order>> => {
      const done = new Map<string, Order>();
      const deadline = Date.now() + timeoutMs;
      while (done.size < orders.length && Date.now() < deadline) {
        await sleep(pollMs);
        for (const order of orders.filter((candidate) => !done.has(candidate.id))) {
          const current = await call(`/orders/${order.id}`).catch(() => undefined);
          if (current && current.status !== 'PENDING_PAYMENT') done.set(order.id, current);
        }
      }
      return done;
    };
    const figures: Record<string, unknown> = {};
    loadPeak = 0;

    if (burst > 0) {
      const burstStarted = Date.now();
      const answers = await Promise.all(
        Array.from({ length: burst }, (_, index) =>
          call('/orders', { currency: 'EUR', items: [{ sku: `BURST-${index}`, quantity: 1, unitPriceCents: 100 + index }] }).then(
            (order) => ({ order, ms: Date.now() - burstStarted }),
            (error: unknown) => ({ error: (error as Error).message.slice(0, 160), ms: Date.now() - burstStarted }),
          ),
        ),
      );
      const created = answers.flatMap((answer) => ('order' in answer ? [answer.order] : []));
      const done = await settle(created, 120_000, 250);
      const paid = [...done.values()].filter((order) => order.status === 'PAID');
      figures.burst = {
        requests: burst,
        created: created.length,
        failed: burst - created.length,
        firstFailure: answers.flatMap((answer) => ('error' in answer ? [answer.error] : []))[0],
        slowestAnswerMs: Math.max(...answers.map((answer) => answer.ms)),
        paid: paid.length,
        allPaidWithinMs: paid.length === burst ? Math.max(...paid.map((order) => Date.parse(order.updatedAt))) - burstStarted : null,
      };
    }

    if (healthSeconds > 0) figures.health = { connections: 10, seconds: healthSeconds, ...(await hammer(`${api}/health`, healthSeconds)) };

    const started = Date.now();
    const placed: Promise<Order | Error>[] = [];
    for (let index = 0; index < count; index += 1) {
      const due = started + (index * 1000) / rate;
      await sleep(Math.max(0, due - Date.now()));
      placed.push(
        call('/orders', { currency: 'EUR', items: [{ sku: `SKU-${index}`, quantity: 1, unitPriceCents: 1000 + index }] }).catch(
          (error: unknown) => error as Error,
        ),
      );
    }
    const results = await Promise.all(placed);
    const orders = results.filter((result): result is Order => !(result instanceof Error));
    const placementErrors = results.filter((result): result is Error => result instanceof Error).map((error) => error.message.slice(0, 160));
    const done = await settle(orders, 180_000, 1_000);
    // The median of each 10 s of placements: whether the run settled (a cold JIT makes the first seconds slower).
    const byTenSeconds = new Map<number, number[]>();
    for (const order of done.values()) {
      if (order.status !== 'PAID') continue;
      const second = Math.floor((Date.parse(order.createdAt) - started) / 10_000) * 10;
      const bucket = byTenSeconds.get(second) ?? [];
      bucket.push(Date.parse(order.updatedAt) - Date.parse(order.createdAt));
      byTenSeconds.set(second, bucket);
    }
    const p50ByTenSeconds = Object.fromEntries(
      [...byTenSeconds].sort(([a], [b]) => a - b).map(([second, values]) => [`${second}s`, percentile(values.sort((a, b) => a - b), 50)]),
    );
    const latencies = [...done.values()]
      .filter((order) => order.status === 'PAID')
      .map((order) => Date.parse(order.updatedAt) - Date.parse(order.createdAt))
      .sort((a, b) => a - b);
    const steady =
      count > 0
        ? {
            steady: {
              orders: count,
              ratePerSecond: rate,
              placed: orders.length,
              placementErrors: placementErrors.length,
              firstPlacementError: placementErrors[0],
              paid: latencies.length,
              notPaidInTime: orders.length - latencies.length,
              placedToPaidMs: { p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), max: latencies.at(-1) },
              /** How many orders took under 50 ms, 50–100 ms, ... (the last bucket: 1 s and more). */
              histogramMs: histogram(latencies, [50, 100, 150, 200, 300, 500, 1000]),
              /** placed -> PAID p50 of the orders placed in each 10 s of the run. */
              p50ByTenSecondsMs: p50ByTenSeconds,
            },
          }
        : {};
    const result = {
      readyInSeconds: Number((dev.readyInMs / 1000).toFixed(1)),
      systemReadyInSeconds: Number((dev.systemReadyInMs / 1000).toFixed(1)),
      batchingWindow: window === undefined ? 'as declared' : `${window} s (override)`,
      ...figures,
      ...steady,
      peakTreeMemoryMiB: Math.round(peak / 1024 / 1024),
      peakTreeMemoryDuringLoadMiB: Math.round(loadPeak / 1024 / 1024),
      cpus: cpus().length,
      loadAverageAtStart: loadAtStart.map((value) => Number(value.toFixed(1))),
      loadAverageAtEnd: loadavg().map((value) => Number(value.toFixed(1))),
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    clearInterval(sampler);
    await dev.stop();
    if (countsFile) {
      const counts = JSON.parse(readFileSync(resolve(countsFile), 'utf8')) as Record<string, unknown>;
      const run = { command: `benchmark ${process.argv.slice(2).join(' ')}`, measuredAt: new Date().toISOString(), ordersPlaced, ordersRead };
      // Failed placements still ran createOrder: a run that had any is no measurement of an order.
      if (ordersPlaced !== count + 1) console.error(`--counts: ${count + 1 - ordersPlaced} placements failed; rerun on a quieter machine`);
      writeFileSync(resolve(countsFile), `${JSON.stringify({ ...run, ...counts }, null, 2)}\n`);
    }
    const logFile = stringOption(args, 'log');
    if (logFile) writeFileSync(logFile, dev.output());
  }
};

main().catch((error: unknown) => {
  console.error(`benchmark: ${(error as Error).message}`);
  process.exit(1);
});
