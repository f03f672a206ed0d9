import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createEvent } from '@commerce/domain-events';
import { createLogger, domainEventConsumer, httpRoute, SqsEventPublisher } from '../index';
import { apiEvent, lambdaContext } from '../testing';

// Metrics that really write EMF here (the other test files run with POWERTOOLS_METRICS_DISABLED=true).
const disabledBefore = process.env.POWERTOOLS_METRICS_DISABLED;
beforeAll(() => (process.env.POWERTOOLS_METRICS_DISABLED = 'false'));
afterAll(() => (process.env.POWERTOOLS_METRICS_DISABLED = disabledBefore));
const liveMetrics = (serviceName: string): Metrics => new Metrics({ namespace: 'commerce', serviceName, defaultDimensions: { stage: 'test' } });

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

/** The EMF lines written to stdout while `work` runs. */
const emfLinesOf = async (work: () => Promise<unknown>): Promise<Emf[]> => {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(chunk.toString());
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines.flatMap((line) => line.split('\n')).filter((line) => line.includes('"_aws"')).map((line) => JSON.parse(line) as Emf);
};

const logger = createLogger('test');

describe('httpRoute telemetry', () => {
  it("flushes the request's business metrics as one EMF line with the service and stage dimensions", async () => {
    const metrics = liveMetrics('orders');
    const route = httpRoute({
      logger,
      metrics,
      auth: 'public',
      handle: async ({ metrics: recorded }) => {
        recorded.count('OrdersPlaced');
        return { status: 201, body: {} };
      },
    });
    const [emf, ...more] = await emfLinesOf(() => route(apiEvent({ method: 'POST', path: '/orders' }), lambdaContext()));
    expect(more).toEqual([]);
    expect(emf?._aws.CloudWatchMetrics).toEqual([{ Namespace: 'commerce', Dimensions: [['service', 'stage']], Metrics: [{ Name: 'OrdersPlaced', Unit: 'Count' }] }]);
    expect(emf).toMatchObject({ service: 'orders', stage: 'test', OrdersPlaced: 1 });
  });

  it('writes nothing for a request that recorded nothing, and flushes after a failed request too', async () => {
    const metrics = liveMetrics('orders');
    const quiet = httpRoute({ logger, metrics, auth: 'public', handle: async () => ({ status: 200, body: {} }) });
    expect(await emfLinesOf(() => quiet(apiEvent({}), lambdaContext()))).toEqual([]);

    const failing = httpRoute({
      logger,
      metrics,
      auth: 'public',
      handle: async ({ metrics: recorded }) => {
        recorded.count('OrdersPlaced', 2);
        throw new Error('after the fact');
      },
    });
    const lines = await emfLinesOf(async () => expect((await failing(apiEvent({}), lambdaContext())).statusCode).toBe(500));
    expect(lines.map((line) => line.OrdersPlaced)).toEqual([2]);
  });
});

const record = (messageId: string, body: string): SQSRecord => ({
  messageId, body, receiptHandle: `rh-${messageId}`, md5OfBody: '', eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:commerce-local-payments-inbox', awsRegion: 'eu-west-1',
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
});

const placed = createEvent('order.placed', {
  orderId: 'o1', customerId: 'c1', currency: 'EUR', items: [{ sku: 'A', quantity: 1, unitPriceCents: 100 }], totalCents: 100,
}, { correlationId: 'corr' });

describe('SQS consumer telemetry', () => {
  it("counts a batch's failed records as RecordFailures of its consumer, and flushes what the records recorded", async () => {
    const metrics = liveMetrics('payments');
    const handler = domainEventConsumer({
      logger,
      metrics,
      consumer: 'inbox',
      accept: ['order.placed'],
      handle: async (_event, { metrics: recorded }) => recorded.count('PaymentsCaptured'),
    });
    const lines = await emfLinesOf(() => handler({ Records: [record('good', JSON.stringify(placed)), record('bad', 'not json'), record('worse', '{}')] }, lambdaContext()));
    const failures = lines.find((line) => 'RecordFailures' in line);
    expect(failures).toMatchObject({ RecordFailures: 2, consumer: 'inbox', service: 'payments', stage: 'test' });
    expect(failures?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'stage', 'consumer']]);
    const business = lines.find((line) => 'PaymentsCaptured' in line);
    expect(business).toMatchObject({ PaymentsCaptured: 1, service: 'payments', stage: 'test' });
    expect(business).not.toHaveProperty('consumer');
  });

  it('writes no metric for a batch without failures or business metrics', async () => {
    const handler = domainEventConsumer({ logger, metrics: liveMetrics('payments'), accept: ['order.placed'], handle: async () => undefined });
    expect(await emfLinesOf(() => handler({ Records: [record('good', JSON.stringify(placed))] }, lambdaContext()))).toEqual([]);
  });
});

describe('trace propagation across SQS', () => {
  const sent: { Entries: { MessageSystemAttributes?: Record<string, { StringValue: string }> }[] }[] = [];
  const sqs = { send: async (command: { input: (typeof sent)[number] }) => (sent.push(command.input), { Failed: [] }) } as unknown as SQSClient;
  beforeEach(() => (sent.length = 0));

  it("sends the invocation's trace header as every message's AWSTraceHeader system attribute", async () => {
    const header = 'Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1';
    await new SqsEventPublisher(sqs, { payments: 'q1', notifications: 'q2' }, { traceHeader: () => header }).publish([placed]);
    expect(sent.flatMap((call) => call.Entries.map((entry) => entry.MessageSystemAttributes?.AWSTraceHeader?.StringValue))).toEqual([header, header]);
  });

  it('reads it from _X_AMZN_TRACE_ID by default, and sends no system attribute without one (local, tests)', async () => {
    delete process.env._X_AMZN_TRACE_ID;
    await new SqsEventPublisher(sqs, { payments: 'q1', notifications: 'q2' }).publish([placed]);
    expect(sent.flatMap((call) => call.Entries.map((entry) => entry.MessageSystemAttributes))).toEqual([undefined, undefined]);

    process.env._X_AMZN_TRACE_ID = 'Root=1-1-1;Parent=2;Sampled=1';
    try {
      await new SqsEventPublisher(sqs, { payments: 'q1', notifications: 'q2' }).publish([placed]);
    } finally {
      delete process.env._X_AMZN_TRACE_ID;
    }
    expect(sent.slice(2).map((call) => call.Entries[0]?.MessageSystemAttributes?.AWSTraceHeader?.StringValue)).toEqual(['Root=1-1-1;Parent=2;Sampled=1', 'Root=1-1-1;Parent=2;Sampled=1']);
  });
});

describe('the tracer is loaded only when tracing is on', () => {
  // In a process of its own: whether aws-xray-sdk-core was ever required (its cls-hooked namespace enables async
  // hooks at import, which slows every promise of the process: measured 2x on createOrder locally).
  const probe = (env: Record<string, string | undefined>): { tracer: boolean; captured: boolean; xray: boolean } => {
    const script = [
      "const telemetry = require('./src/telemetry');",
      "const client = telemetry.traced(new (require('@aws-sdk/client-sqs').SQSClient)({ region: 'eu-west-1' }));",
      'const captured = client.middlewareStack.identify().some((name) => /xray/i.test(name));',
      'const result = { captured, tracer: telemetry.sharedTracer() !== undefined };',
      "result.xray = Object.keys(require.cache).some((path) => path.includes('aws-xray-sdk-core'));",
      'console.log(JSON.stringify(result));',
    ].join('\n');
    const childEnv: NodeJS.ProcessEnv = { ...process.env, POWERTOOLS_TRACE_ENABLED: undefined, AWS_EXECUTION_ENV: undefined, AWS_SAM_LOCAL: undefined, ...env };
    for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..', '..'), env: childEnv, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { tracer: boolean; captured: boolean; xray: boolean };
  };

  it('stage local (POWERTOOLS_TRACE_ENABLED=false) and outside Lambda: no tracer, SDK clients not captured, X-Ray never loaded', () => {
    expect(probe({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', POWERTOOLS_TRACE_ENABLED: 'false' })).toEqual({ tracer: false, captured: false, xray: false });
    expect(probe({})).toEqual({ tracer: false, captured: false, xray: false });
  });

  it('a deployed function (in Lambda, tracing not turned off): the tracer, and SDK clients captured', () => {
    expect(probe({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' })).toEqual({ tracer: true, captured: true, xray: true });
  });
});
