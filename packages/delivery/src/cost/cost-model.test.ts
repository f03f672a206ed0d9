import type { CfnTemplate } from '../policy/cfn';
import { costLines, DEFAULT_ASSUMPTIONS, summarize, unpricedTypes, type Measurement } from './cost-model';

const getAtt = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** One HTTP function and one queue consumer, as `serverless package` writes them. */
const fixture: CfnTemplate = {
  Resources: {
    PlaceLambdaFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: { Handler: 'src/place.handler', MemorySize: 512, Architectures: ['arm64'], Code: { S3Key: 'x/place.zip' }, Role: { 'Fn::GetAtt': ['PlaceRole', 'Arn'] } },
    },
    WorkLambdaFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: { Handler: 'src/work.handler', MemorySize: 1024, Code: { S3Key: 'x/work.zip' } },
    },
    PlaceRole: { Type: 'AWS::IAM::Role', Properties: {} },
    PlacePermission: { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: getAtt('PlaceLambdaFunction'), Principal: 'apigateway.amazonaws.com' } },
    Inbox: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'shop-prod-inbox' } },
    WorkMapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: getAtt('Inbox'), FunctionName: getAtt('WorkLambdaFunction') } },
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Properties: { TableName: 'shop-prod-orders', GlobalSecondaryIndexes: [{ IndexName: 'by-customer' }], PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } },
    },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 14 } },
    Alarm: { Type: 'AWS::CloudWatch::Alarm', Properties: {} },
    Key: { Type: 'AWS::KMS::Key', Properties: {} },
  },
};

/** 10 orders: 10 placements of 100 ms, 2 batches of 5 records taking 1 s in all; 10 puts and 20 gets. */
const measurement: Measurement = {
  command: 'fixture',
  measuredAt: '2026-12-02T00:00:00Z',
  ordersPlaced: 10,
  ordersRead: 0,
  functions: {
    'shop-local-place': { invocations: 10, records: 0, durationMs: 1000, logBytes: 0 },
    'shop-local-work': { invocations: 2, records: 10, durationMs: 1000, logBytes: 0 },
  },
  dynamodb: { 'PutItem shop-local-orders': 10, 'GetItem shop-local-orders': 20, 'GetItem other-local-table': 99 },
};

const lines = costLines([{ service: 'shop', stage: 'prod', template: fixture }], measurement);
const find = (item: string) => {
  const found = lines.find((entry) => entry.item.startsWith(item));
  if (!found) throw new Error(`no line "${item}" in ${lines.map((entry) => entry.item).join(' | ')}`);
  return found;
};

test('Lambda per million orders: requests, and GB-s by memory at the architecture of the template', () => {
  expect(find('Lambda requests: place').quantity).toBe(1_000_000);
  // 0.5 GB x 0.1 s per order = 0.05 GB-s; arm64 price
  expect(find('Lambda GB-s: place').quantity).toBeCloseTo(50_000);
  expect(find('Lambda GB-s: place').usd).toBeCloseTo(50_000 * 0.0000133334);
  // 1 GB x 1 s per 10 orders; no architecture = x86_64
  expect(find('Lambda GB-s: work').usd).toBeCloseTo(100_000 * 0.0000166667);
});

test('HTTP API requests only for functions API Gateway invokes; SQS: a send per record, a receive and a delete per batch', () => {
  expect(find('HTTP API requests').quantity).toBe(1_000_000);
  expect(find('SQS requests: shop-prod-inbox').quantity).toBe((10 + 2 * 2) * 100_000);
});

test("DynamoDB: the table's own calls, writes times (1 + its indexes), PITR where enabled", () => {
  expect(find('DynamoDB writes: shop-prod-orders').quantity).toBe(2_000_000);
  expect(find('DynamoDB reads: shop-prod-orders').quantity).toBe(2_000_000);
  expect(find('DynamoDB reads: shop-prod-orders').usd).toBeCloseTo(0.25);
  expect(find('DynamoDB PITR').quantity).toBeGreaterThan(0);
});

test('standing: alarms, keys and the idle polls of each event source', () => {
  expect(find('CloudWatch alarms').usd).toBeCloseTo(0.1);
  expect(find('KMS customer managed keys').usd).toBeCloseTo(1);
  expect(find('SQS idle polls').quantity).toBe(DEFAULT_ASSUMPTIONS.idleReceivesPerMappingPerMonth);
  expect(summarize(lines).standingUsd.shop).toBeCloseTo(0.1 + 1 + DEFAULT_ASSUMPTIONS.idleReceivesPerMappingPerMonth * 0.4e-6);
});

test('an alarm costs per metric it reads: one for a metric alarm, each MetricStat of a metric-math alarm (the 5xx rate: 2)', () => {
  const stat = (id: string) => ({ Id: id, MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: id }, Period: 300, Stat: 'Sum' } });
  const rate = { Type: 'AWS::CloudWatch::Alarm', Properties: { Metrics: [stat('5xx'), stat('Count'), { Id: 'rate', Expression: '100 * m5xx / count' }] } };
  const withRate = costLines([{ service: 'shop', stage: 'prod', template: { Resources: { ...fixture.Resources, Rate: rate } } }], measurement);
  expect(withRate.find((entry) => entry.item === 'CloudWatch alarms')).toMatchObject({ quantity: 3, unit: 'alarm metric-months' });
  expect(withRate.find((entry) => entry.item === 'CloudWatch alarms')?.usd).toBeCloseTo(0.3);
});

test("custom metrics: the service's business metrics and RecordFailures per consumer, paid in a month with traffic, not while idle", () => {
  const metered: CfnTemplate = structuredClone(fixture);
  metered.Resources.PlaceLambdaFunction!.Properties!.Environment = { Variables: { POWERTOOLS_METRICS_NAMESPACE: 'commerce' } };
  const lines = costLines([{ service: 'payments', stage: 'prod', template: metered }], measurement);
  // PaymentsCaptured, PaymentsDeclined, PaymentsRefunded, and RecordFailures of the one consumer
  expect(lines.filter((entry) => entry.item.startsWith('CloudWatch custom metrics'))).toEqual([expect.objectContaining({ kind: 'active-month', quantity: 4 })]);
  expect(summarize(lines).activeMonthUsd.payments).toBeCloseTo(4 * 0.3);
  expect(summarize(lines).standingUsd.payments).toBeCloseTo(summarize(costLines([{ service: 'payments', stage: 'prod', template: fixture }], measurement)).standingUsd.payments!);
});

test('a resource type the model does not price is reported', () => {
  expect(unpricedTypes([fixture])).toEqual([]);
  const grown: CfnTemplate = { Resources: { ...fixture.Resources, Db: { Type: 'AWS::RDS::DBInstance' } } };
  expect(unpricedTypes([grown])).toEqual(['AWS::RDS::DBInstance']);
});
