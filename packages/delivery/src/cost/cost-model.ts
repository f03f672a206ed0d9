/**
 * The cost model of `pnpm cost` (ADR 0019): the packaged templates say what exists (memory, architecture, tables and
 * their indexes, queues, schedules, alarms, log retention, the HTTP API), a measured run says what one order does
 * (invocations, event records, run time and log output per function, DynamoDB calls per table: see
 * docs/cost.md), and the price table what each unit costs. Everything else is a named assumption.
 */
import { asArray, isRecord, props, referencedId, resourcesOfType, type CfnResource, type CfnTemplate } from '../policy/cfn';
import { packagedFunctions } from '../bundles/packaged-functions';
import { price, type PriceName } from './price-table';

/** How the model treats each resource type; a type missing here fails the tests (a template gained something unpriced). */
export const PRICED_RESOURCE_TYPES: Record<string, string> = {
  'AWS::Lambda::Function': 'requests and GB-s by its memory and architecture; scheduled invocations are standing cost',
  'AWS::Lambda::Version': 'free',
  'AWS::Lambda::Permission': 'free',
  'AWS::Lambda::EventSourceMapping': "SQS requests: the poller's idle long polls (standing), a receive and a delete per batch",
  'AWS::Events::Rule': 'free (scheduled rules); the invocations they cause are priced as Lambda',
  'AWS::ApiGatewayV2::Api': 'HTTP API requests',
  'AWS::ApiGatewayV2::Stage': 'free; its access log lines are priced as CloudWatch Logs',
  'AWS::ApiGatewayV2::Authorizer': 'free (JWT authorizers)',
  'AWS::ApiGatewayV2::Integration': 'free',
  'AWS::ApiGatewayV2::Route': 'free',
  'AWS::IAM::Role': 'free',
  'AWS::IAM::Policy': 'free',
  'AWS::SQS::Queue': 'requests (sends counted as delivered records; SSE-SQS is free)',
  'AWS::SQS::QueuePolicy': 'free',
  'AWS::DynamoDB::Table': 'on-demand request units per measured call (writes x (1 + indexes)), storage and PITR of what orders write',
  'AWS::S3::Bucket': 'requests and storage of the receipts; deployment buckets: a few KB of artifacts, not priced',
  'AWS::S3::BucketPolicy': 'free',
  'AWS::Logs::LogGroup': 'ingestion of the measured log output, storage for its retention (first month)',
  'AWS::CloudWatch::Alarm': 'standing: per alarm metric-month (a metric-math alarm pays for each metric it reads)',
  'AWS::CloudWatch::Dashboard': 'standing: per dashboard-month (the account\'s first 3 are free: not counted here)',
  'AWS::SNS::Topic': 'publishes (alarm notifications: none in a quiet month)',
  'AWS::SNS::TopicPolicy': 'free',
  'AWS::SNS::Subscription': 'free (email deliveries of alarms: none in a quiet month)',
  'AWS::KMS::Key': 'standing: per key-month',
  'AWS::KMS::Alias': 'free',
  'AWS::SecretsManager::Secret': 'standing: per secret-month',
  'AWS::SSM::Parameter': 'free (standard parameters)',
  'AWS::Cognito::UserPool': 'monthly active users: per customer, not per order (reported apart)',
  'AWS::Cognito::UserPoolClient': 'free',
  'AWS::Cognito::UserPoolDomain': 'free',
  'AWS::Cognito::UserPoolResourceServer': 'free',
};

export interface FunctionCounts {
  invocations: number;
  records: number;
  durationMs: number;
  logBytes: number;
}

/** What `benchmark --counts` wrote (packages/delivery/cost/measured-counts.json). */
export interface Measurement {
  command: string;
  measuredAt: string;
  ordersPlaced: number;
  /** GET /orders/{id} calls the benchmark made to see orders settle: not what a customer does. */
  ordersRead: number;
  functions: Record<string, FunctionCounts>;
  /** `<operation> <table>` → calls. */
  dynamodb: Record<string, number>;
}

export const DEFAULT_ASSUMPTIONS = {
  /** GET /orders/{id} a customer makes per order (the benchmark's own polling is taken out). */
  readsPerOrder: 1,
  /** Every item DynamoDB writes or reads is at most 1 KB (1 WRU; a read 1 RRU: strongly consistent, <= 4 KB). */
  itemKb: 1,
  /** A receipt object in S3. */
  receiptKb: 2,
  /** Lambda's own START/END/REPORT lines per invocation. */
  platformLogBytesPerInvocation: 350,
  /** One JSON access log line per HTTP API request. */
  accessLogBytesPerRequest: 450,
  /** An idle SQS event source: 5 pollers long-polling 20 s (30-day month). */
  idleReceivesPerMappingPerMonth: 5 * ((30 * 24 * 3600) / 20),
  /** Average run time of a scheduled invocation that the measured run did not see. */
  unmeasuredDurationMs: 100,
};
export type Assumptions = typeof DEFAULT_ASSUMPTIONS;

export interface CostLine {
  service: string;
  /** standing: an idle month; per-million-orders: scales with orders; active-month: any month with traffic, whatever its volume. */
  kind: 'standing' | 'per-million-orders' | 'active-month';
  item: string;
  quantity: number;
  unit: string;
  usd: number;
}

export interface StackInput {
  service: string;
  stage: string;
  template: CfnTemplate;
}

const MILLION = 1_000_000;
const GB = 1024 ** 3;

const line = (service: string, kind: CostLine['kind'], item: string, quantity: number, unit: string, unitPrice: PriceName, per = 1): CostLine => ({
  service,
  kind,
  item,
  quantity,
  unit,
  usd: (quantity / per) * price(unitPrice),
});

const logicalIdsReferenced = (value: unknown): string[] => {
  const id = referencedId(value);
  return id ? [id] : [];
};

/**
 * How many business metrics each service emits (mirrors SERVICE_METRICS of @commerce/serverless-config, which this
 * ESM package cannot import under tsx; a test keeps them equal). Plus one RecordFailures per SQS consumer.
 */
export const BUSINESS_METRICS_PER_SERVICE: Record<string, number> = { orders: 2, payments: 3, notifications: 1 };

/** Metrics an alarm reads (what CloudWatch bills per month): 1 for a single metric, each MetricStat of a metric-math alarm. */
export const alarmMetrics = (alarm: CfnResource): number => {
  const metrics = asArray(props(alarm).Metrics);
  return metrics.length === 0 ? 1 : metrics.filter((metric) => isRecord(metric) && metric.MetricStat !== undefined).length;
};

/** Monthly invocations of a `rate(N unit)` schedule. */
const invocationsPerMonth = (expression: string): number => {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) return 0;
  const minutes = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 }[match[2]!]! * Number(match[1]);
  return (30 * 24 * 60) / minutes;
};

/** `orders-local-createOrder` → `orders/createOrder`. */
const measuredKey = (localName: string): string => localName.replace(/^([a-z]+)-[a-z0-9-]*?local-/, '$1/');

export const costLines = (stacks: StackInput[], measurement: Measurement, assumptions: Assumptions = DEFAULT_ASSUMPTIONS): CostLine[] => {
  const lines: CostLine[] = [];
  const orders = measurement.ordersPlaced;
  const perOrder = (n: number) => (n / orders) * MILLION; // a count of the run → per million orders
  const measured = new Map(Object.entries(measurement.functions).map(([name, counts]) => [measuredKey(name), counts]));

  for (const { service, stage, template } of stacks) {
    const add = (...args: Parameters<typeof line>) => lines.push(line(...args));
    const functions = packagedFunctions(template, '');
    const byLogicalId = new Map(functions.map((fn) => [fn.logicalId, fn]));
    const httpFunctions = new Set(
      resourcesOfType(template, 'AWS::Lambda::Permission')
        .filter(([, resource]) => props(resource).Principal === 'apigateway.amazonaws.com')
        .flatMap(([, resource]) => logicalIdsReferenced(props(resource).FunctionName)),
    );
    const queueNames = new Map(resourcesOfType(template, 'AWS::SQS::Queue').map(([id, resource]) => [id, String(props(resource).QueueName ?? id)]));
    const mappings = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').map(([, resource]) => ({
      queue: queueNames.get(referencedId(props(resource).EventSourceArn) ?? '') ?? '',
      fn: referencedId(props(resource).FunctionName) ?? '',
    }));
    const tracing = functions.some((fn) => {
      const config = props(template.Resources[fn.logicalId]!).TracingConfig;
      return isRecord(config) && config.Mode === 'Active';
    });

    const scheduled = new Set<string>();
    // Standing: what an idle month costs.
    add(service, 'standing', 'CloudWatch alarms', resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarmMetrics(alarm)).reduce((sum, n) => sum + n, 0),
      'alarm metric-months', 'alarmMonth');
    add(service, 'standing', 'CloudWatch dashboards', resourcesOfType(template, 'AWS::CloudWatch::Dashboard').length, 'dashboard-months', 'dashboardMonth');
    add(service, 'standing', 'KMS customer managed keys', resourcesOfType(template, 'AWS::KMS::Key').length, 'key-months', 'kmsKeyMonth');
    add(service, 'standing', 'Secrets Manager secrets', resourcesOfType(template, 'AWS::SecretsManager::Secret').length, 'secret-months', 'secretMonth');
    add(service, 'standing', 'SQS idle polls of the event sources', mappings.length * assumptions.idleReceivesPerMappingPerMonth, 'requests', 'sqsRequestPerMillion', MILLION);
    for (const [, rule] of resourcesOfType(template, 'AWS::Events::Rule')) {
      const monthly = invocationsPerMonth(String(props(rule).ScheduleExpression ?? ''));
      for (const target of asArray(props(rule).Targets)) {
        const fn = byLogicalId.get(referencedId(isRecord(target) ? target.Arn : undefined) ?? '');
        if (!fn || monthly === 0) continue;
        scheduled.add(fn.logicalId);
        const counts = measured.get(`${service}/${fn.name}`);
        const durationMs = counts && counts.invocations > 0 ? counts.durationMs / counts.invocations : assumptions.unmeasuredDurationMs;
        add(service, 'standing', `Lambda requests: ${fn.name} on its schedule`, monthly, 'requests', 'lambdaRequestPerMillion', MILLION);
        add(service, 'standing', `Lambda GB-s: ${fn.name} (${fn.memoryMb} MB ${fn.architecture})`, monthly * (fn.memoryMb / 1024) * (durationMs / 1000), 'GB-s',
          fn.architecture === 'arm64' ? 'lambdaGbSecondArm64' : 'lambdaGbSecondX86');
      }
    }

    // Per million orders: what the measured run did, scaled.
    let apiRequests = 0;
    let logBytes = 0;
    let invocationsTotal = 0;
    for (const fn of functions) {
      const counts = measured.get(`${service}/${fn.name}`) ?? { invocations: 0, records: 0, durationMs: 0, logBytes: 0 };
      let invocations = counts.invocations;
      let durationMs = counts.durationMs;
      if (service === 'orders' && fn.name === 'getOrder' && counts.invocations > 0) {
        // The benchmark's own polling out, a customer's reads in, at the measured average run time.
        const average = counts.durationMs / counts.invocations;
        invocations = Math.max(0, counts.invocations - measurement.ordersRead) + assumptions.readsPerOrder * orders;
        durationMs = invocations * average;
      }
      if (invocations === 0 || scheduled.has(fn.logicalId)) continue; // a schedule's invocations are standing cost (above)
      const share = counts.invocations > 0 ? invocations / counts.invocations : 0;
      invocationsTotal += invocations;
      add(service, 'per-million-orders', `Lambda requests: ${fn.name}`, perOrder(invocations), 'requests', 'lambdaRequestPerMillion', MILLION);
      add(service, 'per-million-orders', `Lambda GB-s: ${fn.name} (${fn.memoryMb} MB ${fn.architecture})`, perOrder((fn.memoryMb / 1024) * (durationMs / 1000)), 'GB-s',
        fn.architecture === 'arm64' ? 'lambdaGbSecondArm64' : 'lambdaGbSecondX86');
      if (httpFunctions.has(fn.logicalId)) apiRequests += invocations;
      logBytes += counts.logBytes * share + invocations * assumptions.platformLogBytesPerInvocation;
      const mapping = mappings.find((candidate) => candidate.fn === fn.logicalId);
      if (mapping) {
        // Each record was one send (at most 64 KB: one request); each batch one receive and one delete.
        add(service, 'per-million-orders', `SQS requests: ${mapping.queue} (sends, receives, deletes)`, perOrder(counts.records + 2 * counts.invocations), 'requests', 'sqsRequestPerMillion', MILLION);
        if (/receipts/.test(mapping.queue)) {
          add(service, 'per-million-orders', 'S3 PUT of receipts (one per receipt event)', perOrder(counts.records), 'requests', 's3PutPerThousand', 1000);
          add(service, 'per-million-orders', 'S3 storage of those receipts (a month)', (perOrder(counts.records) * assumptions.receiptKb * 1024) / GB, 'GB-months', 's3StandardGbMonth');
        }
        if (service === 'notifications') {
          add(service, 'per-million-orders', `SES messages: one per ${mapping.queue} record`, perOrder(counts.records), 'messages', 'sesMessagePerThousand', 1000);
        }
      }
    }
    if (apiRequests > 0) {
      add(service, 'per-million-orders', 'HTTP API requests', perOrder(apiRequests), 'requests', 'httpApiRequestPerMillion', MILLION);
      logBytes += apiRequests * assumptions.accessLogBytesPerRequest;
    }
    if (tracing) add(service, 'per-million-orders', 'X-Ray traces (one per invocation)', perOrder(invocationsTotal), 'traces', 'xrayTracePerMillion', MILLION);
    // The service's business metrics and one RecordFailures per consumer (ADR 0017), where its functions export
    // metrics. Emitted only on activity: a month with traffic pays for them, an idle month does not.
    const exportsMetrics = functions.some((fn) => fn.environment.POWERTOOLS_METRICS_NAMESPACE !== undefined && fn.environment.POWERTOOLS_METRICS_DISABLED !== 'true');
    const customMetrics = exportsMetrics ? (BUSINESS_METRICS_PER_SERVICE[service] ?? 0) + mappings.length : 0;
    add(service, 'active-month', 'CloudWatch custom metrics (business metrics, RecordFailures per consumer)', customMetrics, 'metric-months', 'customMetricMonth');
    if (logBytes > 0) {
      const retentionDays = Math.min(...resourcesOfType(template, 'AWS::Logs::LogGroup').map(([, group]) => Number(props(group).RetentionInDays ?? 3653)));
      add(service, 'per-million-orders', 'CloudWatch Logs ingestion', perOrder(logBytes) / GB, 'GB', 'logsIngestionGb');
      add(service, 'per-million-orders', `CloudWatch Logs storage (${Math.min(30, retentionDays)} of ${retentionDays} days in the first month)`,
        ((perOrder(logBytes) / GB) * Math.min(30, retentionDays)) / 30, 'GB-months', 'logsStorageGbMonth');
    }

    for (const [, table] of resourcesOfType(template, 'AWS::DynamoDB::Table')) {
      const p = props(table);
      const name = String(p.TableName ?? '');
      const localName = name.replace(`-${stage}-`, '-local-');
      const indexes = asArray(p.GlobalSecondaryIndexes).length;
      const calls = Object.entries(measurement.dynamodb).filter(([key]) => key.endsWith(` ${localName}`));
      const callsOf = (operations: string[]) => calls.filter(([key]) => operations.includes(key.split(' ')[0]!)).reduce((sum, [, n]) => sum + n, 0);
      const writes = callsOf(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']) + 2 * callsOf(['TransactWriteItems']);
      // getOrder reads one item: the benchmark's polling out, a customer's reads in (as for the function above).
      const pollingReads = service === 'orders' && name.endsWith('-orders') ? measurement.ordersRead - assumptions.readsPerOrder * orders : 0;
      const reads = callsOf(['GetItem', 'Query', 'Scan', 'BatchGetItem']) + 2 * callsOf(['TransactGetItems']) - pollingReads;
      const itemsWritten = callsOf(['PutItem']);
      add(service, 'per-million-orders', `DynamoDB writes: ${name} (x ${1 + indexes} with its ${indexes} indexes)`, perOrder(writes * assumptions.itemKb * (1 + indexes)), 'WRU', 'dynamodbWriteRequestUnitPerMillion', MILLION);
      add(service, 'per-million-orders', `DynamoDB reads: ${name}`, perOrder(reads), 'RRU', 'dynamodbReadRequestUnitPerMillion', MILLION);
      const storedGb = (perOrder(itemsWritten) * assumptions.itemKb * 1024 * (1 + indexes)) / GB;
      add(service, 'per-million-orders', `DynamoDB storage of the items written (a month): ${name}`, storedGb, 'GB-months', 'dynamodbStorageGbMonth');
      if (isRecord(p.PointInTimeRecoverySpecification) && p.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled === true) {
        add(service, 'per-million-orders', `DynamoDB PITR of those items (a month): ${name}`, storedGb, 'GB-months', 'dynamodbPitrGbMonth');
      }
    }
  }
  return lines;
};

export interface CostSummary {
  standingUsd: Record<string, number>;
  perMillionOrdersUsd: Record<string, number>;
  activeMonthUsd: Record<string, number>;
}

export const summarize = (lines: CostLine[]): CostSummary => {
  const sum = (kind: CostLine['kind']) =>
    lines.filter((entry) => entry.kind === kind).reduce<Record<string, number>>((totals, entry) => ({ ...totals, [entry.service]: (totals[entry.service] ?? 0) + entry.usd }), {});
  return { standingUsd: sum('standing'), perMillionOrdersUsd: sum('per-million-orders'), activeMonthUsd: sum('active-month') };
};

/** Resource types of the templates the model does not price (must stay empty: tested). */
export const unpricedTypes = (templates: CfnTemplate[]): string[] =>
  [...new Set(templates.flatMap((template) => Object.values(template.Resources).map((resource) => resource.Type)))]
    .filter((type) => PRICED_RESOURCE_TYPES[type] === undefined)
    .sort();
