import type { ResourceCatalog } from '../cfn/resource-catalog';
import { resourcesOfType } from '../cfn/template';

/** An SQS event source of a function, as AWS::Lambda::EventSourceMapping declares it. */
export interface SqsEventSource {
  logicalId: string;
  functionName: string;
  queue: { name: string; arn: string; url: string };
  /** 1..10000; SQS returns at most 10 per receive, larger batches are gathered over the batching window. */
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  reportBatchItemFailures: boolean;
  enabled: boolean;
}

const functionNameOf = (value: unknown): string => {
  const text = String(value);
  // A function ARN (arn:aws:lambda:<region>:<account>:function:<name>[:alias]) or a plain name.
  const match = /:function:([^:]+)/.exec(text);
  return match?.[1] ?? text;
};

/** The SQS event sources of a packaged template (other event source types are ignored). */
export const sqsEventSources = (catalog: ResourceCatalog): SqsEventSource[] =>
  resourcesOfType(catalog.template, 'AWS::Lambda::EventSourceMapping').flatMap(([logicalId, resource]) => {
    const properties = resource.Properties ?? {};
    const sourceArn = String(catalog.resolve(properties.EventSourceArn));
    if (!sourceArn.startsWith('arn:aws:sqs:')) return [];
    const queueLogicalId = catalog.logicalIdOfArn(sourceArn);
    if (!queueLogicalId) throw new Error(`${logicalId}: the event source ${sourceArn} is not a queue of this template`);
    const functionResponseTypes = (catalog.resolve(properties.FunctionResponseTypes) as string[] | undefined) ?? [];
    return [
      {
        logicalId,
        functionName: functionNameOf(catalog.resolve(properties.FunctionName)),
        queue: catalog.queue(queueLogicalId),
        batchSize: Number(catalog.resolve(properties.BatchSize) ?? 10),
        maximumBatchingWindowInSeconds: Number(catalog.resolve(properties.MaximumBatchingWindowInSeconds) ?? 0),
        reportBatchItemFailures: functionResponseTypes.includes('ReportBatchItemFailures'),
        enabled: catalog.resolve(properties.Enabled) !== false && catalog.resolve(properties.Enabled) !== 'false',
      },
    ];
  });
