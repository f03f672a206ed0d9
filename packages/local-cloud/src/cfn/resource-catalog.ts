import { localQueueUrl, queueArn } from '../local-defaults';
import { resolveString, resolveValue, type ResolveContext } from './intrinsics';
import type { CfnTemplate } from './template';

export interface CatalogOptions {
  region: string;
  accountId: string;
  /** Stack name used for generated names and ${AWS::StackName}; Serverless names stacks `<service>-<stage>`. */
  stackName: string;
  /** The SQS endpoint queue URLs are built on (the emulator) or undefined for AWS URLs. */
  sqsEndpoint?: string;
}

export interface NamedResource {
  logicalId: string;
  name: string;
  arn: string;
}
export interface QueueResource extends NamedResource {
  url: string;
}

/**
 * Names, ARNs and URLs of a template's queues, tables, buckets and functions, computed the way CloudFormation
 * would (explicit names resolved, otherwise `<stack>-<logicalId>`), plus the intrinsic-function context over them.
 */
export class ResourceCatalog {
  readonly context: ResolveContext;
  private readonly names = new Map<string, string>();
  private readonly resolving = new Set<string>();

  constructor(
    readonly template: CfnTemplate,
    readonly options: CatalogOptions,
  ) {
    this.context = {
      region: options.region,
      accountId: options.accountId,
      stackName: options.stackName,
      ref: (logicalId) => this.ref(logicalId),
      getAtt: (logicalId, attribute) => this.getAtt(logicalId, attribute),
    };
  }

  typeOf(logicalId: string): string | undefined {
    return this.template.Resources[logicalId]?.Type;
  }

  resolve(value: unknown): unknown {
    return resolveValue(value, this.context);
  }

  /** The physical name of a queue, table, bucket or function. */
  nameOf(logicalId: string): string {
    const cached = this.names.get(logicalId);
    if (cached) return cached;
    const resource = this.template.Resources[logicalId];
    if (!resource) throw new Error(`no resource ${logicalId} in the template`);
    if (this.resolving.has(logicalId)) throw new Error(`circular name reference through ${logicalId}`);
    this.resolving.add(logicalId);
    const property = { 'AWS::SQS::Queue': 'QueueName', 'AWS::DynamoDB::Table': 'TableName', 'AWS::S3::Bucket': 'BucketName', 'AWS::Lambda::Function': 'FunctionName' }[resource.Type];
    const explicit = property ? resource.Properties?.[property] : undefined;
    const fifo = resource.Type === 'AWS::SQS::Queue' && String(resource.Properties?.FifoQueue) === 'true';
    const generated = `${this.options.stackName}-${logicalId}`;
    const name =
      explicit !== undefined
        ? resolveString(explicit, this.context, `${logicalId}.${property}`)
        : resource.Type === 'AWS::S3::Bucket'
          ? generated.toLowerCase().slice(0, 63)
          : `${generated}${fifo ? '.fifo' : ''}`;
    this.resolving.delete(logicalId);
    this.names.set(logicalId, name);
    return name;
  }

  queue(logicalId: string): QueueResource {
    const name = this.nameOf(logicalId);
    const { region, accountId, sqsEndpoint } = this.options;
    return {
      logicalId,
      name,
      arn: queueArn(name, region, accountId),
      url: sqsEndpoint ? localQueueUrl(sqsEndpoint, name, accountId) : `https://sqs.${region}.amazonaws.com/${accountId}/${name}`,
    };
  }

  arnOf(logicalId: string): string {
    const { region, accountId } = this.options;
    const name = this.nameOf(logicalId);
    switch (this.typeOf(logicalId)) {
      case 'AWS::SQS::Queue':
        return queueArn(name, region, accountId);
      case 'AWS::DynamoDB::Table':
        return `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
      case 'AWS::S3::Bucket':
        return `arn:aws:s3:::${name}`;
      case 'AWS::Lambda::Function':
        return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
      default:
        throw new Error(`no ARN for ${logicalId} (${this.typeOf(logicalId)})`);
    }
  }

  /** Finds the queue or function an ARN (resolved) points to, by logical id. */
  logicalIdOfArn(arn: string): string | undefined {
    return Object.keys(this.template.Resources).find((logicalId) => {
      const type = this.typeOf(logicalId);
      if (type !== 'AWS::SQS::Queue' && type !== 'AWS::Lambda::Function') return false;
      return this.arnOf(logicalId) === arn;
    });
  }

  private ref(logicalId: string): string | undefined {
    switch (this.typeOf(logicalId)) {
      case 'AWS::SQS::Queue':
        return this.queue(logicalId).url;
      case 'AWS::DynamoDB::Table':
      case 'AWS::S3::Bucket':
      case 'AWS::Lambda::Function':
        return this.nameOf(logicalId);
      default:
        return undefined;
    }
  }

  private getAtt(logicalId: string, attribute: string): string | undefined {
    const type = this.typeOf(logicalId);
    if (attribute === 'Arn' && type) return this.arnOf(logicalId);
    if (type === 'AWS::SQS::Queue' && attribute === 'QueueName') return this.nameOf(logicalId);
    if (type === 'AWS::SQS::Queue' && attribute === 'QueueUrl') return this.queue(logicalId).url;
    if (type === 'AWS::S3::Bucket' && attribute === 'DomainName') return `${this.nameOf(logicalId)}.s3.amazonaws.com`;
    if (type === 'AWS::DynamoDB::Table' && attribute === 'StreamArn') return `${this.arnOf(logicalId)}/stream/local`;
    return undefined;
  }
}
