import { faultPlanFrom, type LocalFaultPlan } from '@commerce/service-kit/faults';
import { createAwsClients } from '../aws-clients';
import { resourcesOfType, type CfnTemplate } from '../cfn/template';
import type { S3Upload } from '../emulators/emulator-host';
import { LOCAL_REGION, type Endpoints } from '../local-defaults';
import { catalogFor } from '../provision';
import { sqsEventSources, type SqsEventSource } from './event-source-mappings';
import { lambdaInvokeApi, type LambdaInvoker } from './lambda-invoker';
import { consoleLog, type RunnerLog } from './runner-log';
import { S3Notifier } from './s3-notifier';
import { scheduleSources, startSchedules, type ScheduleSource } from './schedules';
import { SqsPoller } from './sqs-poller';

export interface RunnerService {
  /** The service's packaged template: its event source mappings, functions and buckets. */
  template: CfnTemplate;
  /** As given to provisionFromTemplate (`<service>-<stage>`); default `local`. */
  stackName?: string;
  /** Where its functions run: the Lambda Invoke API endpoint (a service's lambdaPort)... */
  lambdaEndpoint?: string;
  /** ...or any invoker (tests). */
  invoker?: LambdaInvoker;
}

export interface RunnerOptions {
  endpoints: Endpoints;
  services: RunnerService[];
  region?: string;
  /** The source of S3 uploads: `startEmulators()`' result or the in-process emulator host. */
  uploads?: { onS3Upload(listener: (upload: S3Upload) => void): () => void };
  log?: RunnerLog;
  /** Pollers per event source (default 2). */
  concurrency?: number;
  /** Long-poll wait in seconds (default 20). */
  waitTimeSeconds?: number;
  /** Send S3's one-off `s3:TestEvent` to every notification queue at start, as S3 does (default true). */
  s3TestEvents?: boolean;
  /**
   * Override every mapping's MaximumBatchingWindowInSeconds (e.g. 0 to measure the system without batching
   * delays). Default: the template's value, as Lambda would use it.
   */
  batchingWindowOverride?: number;
  /** Local fault injection (ADR 0018): default the `LOCAL_FAULT_*` variables of this process (none: no faults). */
  faults?: LocalFaultPlan;
}

export interface EventSourceRunner {
  sources: SqsEventSource[];
  /** EventBridge rate() schedules with a Lambda target, run every period. */
  schedules: ScheduleSource[];
  /** Resolves when every S3 notification in progress has been delivered. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Lambda's event sources, locally: an SqsPoller per AWS::Lambda::EventSourceMapping of every service, and the S3
 * ObjectCreated notifications of every bucket (to a queue or a function, with prefix/suffix filters).
 */
export const startEventSourceRunner = (options: RunnerOptions): EventSourceRunner => {
  const region = options.region ?? LOCAL_REGION;
  const log = options.log ?? consoleLog;
  const clients = createAwsClients(options.endpoints, { region });
  const invokers = new Map<string, LambdaInvoker>();
  const buckets = new Map<string, Record<string, unknown> | undefined>();
  const pollers: SqsPoller[] = [];
  const sources: SqsEventSource[] = [];
  const faults = options.faults ?? faultPlanFrom(process.env);
  const schedules: ScheduleSource[] = [];

  for (const service of options.services) {
    const invoker = service.invoker ?? (service.lambdaEndpoint ? lambdaInvokeApi(service.lambdaEndpoint) : undefined);
    const catalog = catalogFor(service.template, options.endpoints, { region, ...(service.stackName ? { stackName: service.stackName } : {}) });
    for (const [logicalId] of resourcesOfType(service.template, 'AWS::Lambda::Function')) {
      if (invoker) invokers.set(catalog.nameOf(logicalId), invoker);
    }
    for (const [logicalId, bucket] of resourcesOfType(service.template, 'AWS::S3::Bucket')) {
      const notifications = bucket.Properties?.NotificationConfiguration;
      buckets.set(catalog.nameOf(logicalId), notifications ? (catalog.resolve(notifications) as Record<string, unknown>) : undefined);
    }
    schedules.push(...scheduleSources(catalog));
    for (const declared of sqsEventSources(catalog)) {
      const source =
        options.batchingWindowOverride === undefined ? declared : { ...declared, maximumBatchingWindowInSeconds: options.batchingWindowOverride };
      if (!invoker) throw new Error(`no lambdaEndpoint or invoker for ${source.functionName}`);
      sources.push(source);
      pollers.push(
        new SqsPoller({
          source,
          sqs: clients.sqs,
          invoker,
          region,
          log,
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          ...(options.waitTimeSeconds !== undefined ? { waitTimeSeconds: options.waitTimeSeconds } : {}),
          ...(faults ? { faults } : {}),
        }),
      );
    }
  }

  const notifier = new S3Notifier({
    buckets,
    s3: clients.s3,
    sqs: clients.sqs,
    sqsEndpoint: options.endpoints.sqs,
    region,
    invokerFor: (name) => invokers.get(name),
    log,
  });
  const unsubscribe = options.uploads?.onS3Upload((upload) => void notifier.handle(upload));
  const testEvents = options.s3TestEvents === false ? Promise.resolve() : notifier.sendTestEvents();
  pollers.forEach((poller) => poller.start());
  const stopSchedules = startSchedules(schedules, (name) => invokers.get(name), region, log);

  return {
    sources,
    schedules,
    drain: async () => {
      await testEvents;
      await notifier.drain();
    },
    stop: async () => {
      stopSchedules();
      unsubscribe?.();
      await Promise.all(pollers.map((poller) => poller.stop()));
      await testEvents;
      await notifier.drain();
      clients.destroy();
    },
  };
};
