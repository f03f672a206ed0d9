import { isRecord, PROTECTED_STAGES, props, referencedId, resourcesOfType, type CfnTemplate, type Rule, type RuleContext, type Violation } from '../cfn';

/** Resource types billed per hour (or month) whether or not anything uses them. Idle cost must be $0. */
export const STANDING_COST_TYPES: Record<string, string> = {
  'AWS::EC2::NatGateway': 'NAT gateways bill per hour',
  'AWS::EC2::Instance': 'EC2 instances bill per hour',
  'AWS::EC2::EIP': 'public IPv4 addresses bill per hour',
  'AWS::EC2::TransitGateway': 'transit gateways bill per attachment-hour',
  'AWS::EC2::ClientVpnEndpoint': 'client VPN endpoints bill per hour',
  'AWS::RDS::DBInstance': 'RDS instances bill per hour',
  'AWS::RDS::DBCluster': 'RDS/Aurora clusters bill per hour (capacity or storage)',
  'AWS::RDS::DBProxy': 'RDS proxies bill per vCPU-hour',
  'AWS::DocDB::DBCluster': 'DocumentDB bills per hour',
  'AWS::DocDB::DBInstance': 'DocumentDB bills per hour',
  'AWS::Neptune::DBCluster': 'Neptune bills per hour',
  'AWS::Neptune::DBInstance': 'Neptune bills per hour',
  'AWS::ElastiCache::CacheCluster': 'ElastiCache nodes bill per hour',
  'AWS::ElastiCache::ReplicationGroup': 'ElastiCache nodes bill per hour',
  'AWS::ElastiCache::ServerlessCache': 'ElastiCache Serverless bills a minimum storage per hour',
  'AWS::OpenSearchService::Domain': 'OpenSearch domains bill per instance-hour',
  'AWS::Elasticsearch::Domain': 'Elasticsearch domains bill per instance-hour',
  'AWS::Redshift::Cluster': 'Redshift clusters bill per node-hour',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load balancers bill per hour',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'load balancers bill per hour',
  'AWS::EKS::Cluster': 'EKS control planes bill per hour',
  'AWS::ECS::Service': 'ECS services keep tasks running',
  'AWS::MSK::Cluster': 'MSK brokers bill per hour',
  'AWS::AmazonMQ::Broker': 'Amazon MQ brokers bill per hour',
  'AWS::Kinesis::Stream': 'Kinesis streams bill per shard-hour (or stream-hour on demand)',
  'AWS::SageMaker::Endpoint': 'SageMaker endpoints bill per instance-hour',
  'AWS::KMS::Key': 'customer managed KMS keys bill per month: use SSE-SQS / SSE-S3',
  'AWS::SecretsManager::Secret': 'secrets bill per month: use SSM Parameter Store SecureString (standard tier)',
  'AWS::Lambda::ProvisionedConcurrencyConfig': 'provisioned concurrency bills per hour',
};

const costOf = (type: string, p: Record<string, unknown>): string | undefined => {
  if (STANDING_COST_TYPES[type] !== undefined) return STANDING_COST_TYPES[type];
  if ((type === 'AWS::Lambda::Alias' || type === 'AWS::Lambda::Version') && p.ProvisionedConcurrencyConfig !== undefined) {
    return 'provisioned concurrency bills per hour';
  }
  if (type === 'AWS::Lambda::EventSourceMapping' && p.ProvisionedPollerConfig !== undefined) {
    return 'provisioned event pollers bill per hour';
  }
  if (type === 'AWS::EC2::VPCEndpoint' && p.VpcEndpointType !== undefined && p.VpcEndpointType !== 'Gateway') {
    return 'interface VPC endpoints bill per AZ-hour';
  }
  if (type === 'AWS::DynamoDB::Table' && p.BillingMode !== 'PAY_PER_REQUEST') {
    return 'provisioned DynamoDB capacity bills per hour: set BillingMode PAY_PER_REQUEST';
  }
  if (type === 'AWS::DynamoDB::GlobalTable' && p.BillingMode !== 'PAY_PER_REQUEST') {
    return 'provisioned DynamoDB capacity bills per hour: set BillingMode PAY_PER_REQUEST';
  }
  if (type === 'AWS::ApiGateway::Stage' && (p.CacheClusterEnabled === true || p.CacheClusterEnabled === 'true')) {
    return 'API Gateway caches bill per hour';
  }
  return undefined;
};

/**
 * The one customer managed key allowed: on staging/prod (a known stage), a key that encrypts an SNS topic of the
 * same template — the alarm topic, which CloudWatch cannot publish to under the AWS managed key (ADR 0017).
 */
const alarmTopicKeys = (template: CfnTemplate, context?: RuleContext): Set<string> =>
  context?.stage !== undefined && PROTECTED_STAGES.includes(context.stage)
    ? new Set(resourcesOfType(template, 'AWS::SNS::Topic').map(([, topic]) => referencedId(props(topic).KmsMasterKeyId)).filter((id): id is string => id !== undefined))
    : new Set();

export const standingCost: Rule = {
  id: 'no-standing-cost',
  description: 'No resource bills while idle (NAT gateways, provisioned concurrency, RDS, provisioned capacity, ...); on staging/prod the alarm topic\'s KMS key is allowed',
  check(template: CfnTemplate, context?: RuleContext): Violation[] {
    const allowedKeys = alarmTopicKeys(template, context);
    return Object.entries(template.Resources ?? {}).flatMap(([id, resource]) => {
      if (resource.Type === 'AWS::KMS::Key' && allowedKeys.has(id)) return [];
      const why = costOf(resource.Type, isRecord(resource.Properties) ? props(resource) : {});
      return why === undefined ? [] : [{ rule: this.id, resource: id, message: `${resource.Type}: ${why} (idle cost must be $0)` }];
    });
  },
};
