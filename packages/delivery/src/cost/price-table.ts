/**
 * The prices `pnpm cost` uses: on-demand list prices of us-east-1 (N. Virginia) in USD, without free tiers, as
 * read on 2026-12-02 from the pages cited (stored copies found with the search tool; AWS's own pages where they
 * showed the figure, otherwise the third-party page that did). The stages deploy to eu-west-1 (Ireland), whose
 * prices are the same or a few percent higher for these services: treat the result as us-east-1's.
 */
export const PRICE_TABLE = {
  region: 'us-east-1',
  readOn: '2026-12-02',
  prices: {
    lambdaRequestPerMillion: { usd: 0.2, source: 'https://git.mcrn.ar/mariano/lambda_local_runner/src/branch/main/docs/lambdas-md/lambda-13-cost.md' },
    lambdaGbSecondArm64: { usd: 0.0000133334, source: 'https://cloudchipr.com/blog/aws-lambda-pricing (first 7.5 billion GB-s)' },
    lambdaGbSecondX86: { usd: 0.0000166667, source: 'https://cloudchipr.com/blog/aws-lambda-pricing (first 6 billion GB-s)' },
    httpApiRequestPerMillion: {
      usd: 1.0,
      source: 'https://docs.aws.amazon.com/pt_br/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html (first 300 million, metered in 512 KB increments)',
    },
    sqsRequestPerMillion: { usd: 0.4, source: 'https://cloudburn.io/blog/amazon-sqs-pricing (standard queues; every 64 KB chunk of a payload is one request)' },
    dynamodbWriteRequestUnitPerMillion: { usd: 0.625, source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing (on-demand, after the November 2024 reduction)' },
    dynamodbReadRequestUnitPerMillion: { usd: 0.125, source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing (on-demand)' },
    dynamodbStorageGbMonth: { usd: 0.25, source: 'not shown in the stored pages: AWS list price as published (check https://aws.amazon.com/dynamodb/pricing/on-demand/)' },
    dynamodbPitrGbMonth: { usd: 0.2, source: 'not shown in the stored pages: AWS list price as published (check https://aws.amazon.com/dynamodb/pricing/on-demand/)' },
    s3PutPerThousand: { usd: 0.005, source: 'not shown in the stored pages: AWS list price as published (check https://aws.amazon.com/s3/pricing/)' },
    s3GetPerThousand: { usd: 0.0004, source: 'not shown in the stored pages: AWS list price as published (check https://aws.amazon.com/s3/pricing/)' },
    s3StandardGbMonth: { usd: 0.023, source: 'https://deepeshsoni.com/archives/256 (S3 Standard, first 50 TB)' },
    logsIngestionGb: { usd: 0.5, source: 'https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/' },
    logsStorageGbMonth: { usd: 0.03, source: 'not shown in the stored pages: AWS list price as published (check https://aws.amazon.com/cloudwatch/pricing/)' },
    customMetricMonth: { usd: 0.3, source: 'https://signoz.io/guides/cloudwatch-pricing (first 10,000 metrics)' },
    alarmMonth: { usd: 0.1, source: 'https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm (standard resolution)' },
    dashboardMonth: { usd: 3.0, source: 'https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/' },
    xrayTracePerMillion: { usd: 5.0, source: 'not shown in the stored pages: AWS list price as published (check https://aws.amazon.com/xray/pricing/)' },
    snsPublishPerMillion: { usd: 0.5, source: 'not shown in the stored pages: AWS list price as published (check https://aws.amazon.com/sns/pricing/)' },
    kmsKeyMonth: { usd: 1.0, source: 'https://aws.amazon.com/kms/pricing/ (customer managed keys; AWS managed and owned keys are free)' },
    kmsRequestPerTenThousand: { usd: 0.03, source: 'https://www.wring.co/blog/aws-kms-pricing-guide' },
    secretMonth: { usd: 0.4, source: 'not shown in the stored pages: AWS list price as published (check https://aws.amazon.com/secrets-manager/pricing/)' },
    sesMessagePerThousand: { usd: 0.1, source: 'https://www.acecloudinterviews.com/tutorials/aws/ses/' },
    cognitoMauEssentials: { usd: 0.015, source: 'not shown in the stored pages: AWS list price as published, above 10,000 MAU (check https://aws.amazon.com/cognito/pricing/)' },
  },
} as const;

export type PriceName = keyof typeof PRICE_TABLE.prices;
export const price = (name: PriceName): number => PRICE_TABLE.prices[name].usd;
