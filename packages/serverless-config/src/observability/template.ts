/** The slice of a packaged CloudFormation template the observability generator reads and extends. */
export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  [attribute: string]: unknown;
}

export interface Template {
  Resources: Record<string, Resource>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Logical id a `Ref` / `Fn::GetAtt` points at. */
export const targetOf = (value: unknown): string | undefined => {
  if (!isRecord(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
};

export interface FunctionInfo {
  logicalId: string;
  /** `orders-prod-createOrder` */
  name: string;
  /** `createOrder`: the function's key in serverless.yml. */
  shortName: string;
  roleId?: string;
  traced: boolean;
}

export interface QueueInfo {
  logicalId: string;
  name: string;
  /** `inbox`, `inbox-dlq`, `receipts`: the name without `commerce-<stage>-<service>-`. */
  shortName: string;
}

export interface TemplateInventory {
  functions: FunctionInfo[];
  /** Queues a function consumes (event source mappings): the inboxes. */
  consumed: QueueInfo[];
  /** The functions those event sources invoke (SQS consumers). */
  consumers: FunctionInfo[];
  /** Queues another queue's RedrivePolicy dead-letters into. */
  deadLetterQueues: QueueInfo[];
  /** Logical ids of the HTTP APIs. */
  httpApis: string[];
}

const stringProperty = (resource: Resource, name: string, fallback: string): string => {
  const value = resource.Properties?.[name];
  return typeof value === 'string' ? value : fallback;
};

/** What a packaged service template contains that is worth watching. */
export const inventoryOf = (template: Template, service: string, stage: string): TemplateInventory => {
  const entries = Object.entries(template.Resources);
  const ofType = (type: string) => entries.filter(([, resource]) => resource.Type === type);
  const functionPrefix = `${service}-${stage}-`;
  const queuePrefix = new RegExp(`^[a-z0-9]+-${stage}-${service}-`);
  const queue = (logicalId: string): QueueInfo => {
    const name = stringProperty(template.Resources[logicalId]!, 'QueueName', logicalId);
    return { logicalId, name, shortName: name.replace(queuePrefix, '') };
  };
  const queues = new Set(ofType('AWS::SQS::Queue').map(([id]) => id));
  const consumedIds = new Set(
    ofType('AWS::Lambda::EventSourceMapping').map(([, mapping]) => targetOf(mapping.Properties?.EventSourceArn)).filter((id): id is string => id !== undefined && queues.has(id)),
  );
  const dlqIds = new Set(
    ofType('AWS::SQS::Queue')
      .map(([, q]) => (isRecord(q.Properties?.RedrivePolicy) ? targetOf(q.Properties.RedrivePolicy.deadLetterTargetArn) : undefined))
      .filter((id): id is string => id !== undefined && queues.has(id)),
  );
  const consumerIds = new Set(
    ofType('AWS::Lambda::EventSourceMapping')
      .filter(([, mapping]) => consumedIds.has(targetOf(mapping.Properties?.EventSourceArn) ?? ''))
      .map(([, mapping]) => targetOf(mapping.Properties?.FunctionName)),
  );
  const functions = ofType('AWS::Lambda::Function').map(([logicalId, fn]): FunctionInfo => {
    const name = stringProperty(fn, 'FunctionName', logicalId);
    const tracing = fn.Properties?.TracingConfig;
    const roleId = targetOf(fn.Properties?.Role);
    return {
      logicalId,
      name,
      shortName: name.startsWith(functionPrefix) ? name.slice(functionPrefix.length) : name,
      ...(roleId ? { roleId } : {}),
      traced: isRecord(tracing) && tracing.Mode === 'Active',
    };
  });
  return {
    functions,
    consumers: functions.filter((fn) => consumerIds.has(fn.logicalId)),
    consumed: [...consumedIds].sort().map(queue),
    deadLetterQueues: [...dlqIds].sort().map(queue),
    httpApis: ofType('AWS::ApiGatewayV2::Api').map(([id]) => id),
  };
};
