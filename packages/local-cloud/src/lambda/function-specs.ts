import type { ResourceCatalog } from '../cfn/resource-catalog';
import { resourcesOfType } from '../cfn/template';

/** A function as its packaged template declares it: what Lambda would run. */
export interface FunctionSpec {
  logicalId: string;
  /** The physical name (`orders-local-createOrder`): what the Invoke API and event sources address. */
  name: string;
  arn: string;
  /** `src/handlers/http-health.handler`. */
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** The function's own variables, intrinsics resolved against the local stack. */
  environment: Record<string, string>;
  /** ReservedConcurrentExecutions, when declared. */
  reservedConcurrency?: number;
}

const toStringValue = (value: unknown, where: string): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`${where}: an environment value must resolve to a string, got ${JSON.stringify(value)}`);
};

/** Every AWS::Lambda::Function of a packaged template, with CloudFormation's defaults (3 s, 128 MB). */
export const functionSpecs = (catalog: ResourceCatalog): FunctionSpec[] =>
  resourcesOfType(catalog.template, 'AWS::Lambda::Function').map(([logicalId, resource]) => {
    const properties = resource.Properties ?? {};
    const variables = (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    const environment = Object.fromEntries(
      Object.entries(variables).map(([key, value]) => [key, toStringValue(catalog.resolve(value), `${logicalId}.Environment.${key}`)]),
    );
    const reserved = properties.ReservedConcurrentExecutions;
    return {
      logicalId,
      name: catalog.nameOf(logicalId),
      arn: catalog.arnOf(logicalId),
      handler: String(catalog.resolve(properties.Handler)),
      runtime: String(catalog.resolve(properties.Runtime) ?? 'nodejs24.x'),
      timeoutSeconds: Number(catalog.resolve(properties.Timeout) ?? 3),
      memoryMb: Number(catalog.resolve(properties.MemorySize) ?? 128),
      environment,
      ...(reserved !== undefined ? { reservedConcurrency: Number(catalog.resolve(reserved)) } : {}),
    };
  });
