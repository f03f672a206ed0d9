import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
// Types only: the module itself loads aws-xray-sdk-core, whose cls-hooked namespace enables async hooks at import
// and slows every promise of the process, traced or not (aws/aws-xray-sdk-node#420). It is required only when
// tracing is on (sharedTracer).
import type * as PowertoolsTracerModule from '@aws-lambda-powertools/tracer';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { METRICS_NAMESPACE, type CountMetricName } from '@commerce/serverless-config/metric-names';
import { createLogger, type Logger } from '../logger';

export { BUSINESS_METRICS, METRICS_NAMESPACE, type BusinessMetricName, type CountMetricName } from '@commerce/serverless-config/metric-names';
export type { Metrics, Tracer };

/**
 * What use cases and handlers record as business metrics: a port, so use cases never see Powertools. Stored in the
 * invocation's Metrics and flushed (one EMF line) by the handler wrappers when the invocation ends.
 */
export interface BusinessMetrics {
  count(name: CountMetricName, value?: number): void;
  seconds(name: 'OldestPendingEventAge', value: number): void;
}

export const noMetrics: BusinessMetrics = { count: () => undefined, seconds: () => undefined };

/**
 * A function's logger, metrics and tracer (Powertools 2.35). `serviceName` is the `service` of every log line,
 * metric dimension and trace annotation; the stage is a default metric dimension (staging and prod may share an
 * account and the namespace). Stage `local` sets POWERTOOLS_METRICS_DISABLED and POWERTOOLS_TRACE_ENABLED=false
 * (packages/serverless-config): metrics become a no-op and no tracer is loaded; outside Lambda neither is it.
 */
export interface Telemetry {
  logger: Logger;
  metrics: Metrics;
  /** Undefined when tracing is off (stage local, tests, outside Lambda): nothing of X-Ray is loaded then. */
  tracer: Tracer | undefined;
}

const metricsByService = new Map<string, Metrics>();
let tracer: Tracer | undefined;

/** The process's Metrics for a service (one per function instance, flushed per invocation). */
export const metricsFor = (serviceName: string, env: NodeJS.ProcessEnv = process.env): Metrics => {
  let metrics = metricsByService.get(serviceName);
  if (!metrics) {
    metrics = new Metrics({
      namespace: env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
      serviceName,
      ...(env.STAGE ? { defaultDimensions: { stage: env.STAGE } } : {}),
    });
    metricsByService.set(serviceName, metrics);
  }
  return metrics;
};

/**
 * Whether this process traces, by Powertools' own rule (Tracer#setTracingEnabled, 2.35): not when
 * POWERTOOLS_TRACE_ENABLED=false (stage `local` sets it), nor outside Lambda (no AWS_EXECUTION_ENV), in SAM local or
 * the Amplify mock. Deployed functions have `Tracing: Active`.
 */
export const tracingEnabled = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false' && Boolean(env.AWS_EXECUTION_ENV) && env.AWS_EXECUTION_ENV !== 'AWS_Lambda_amplify-mock' && !env.AWS_SAM_LOCAL;

/**
 * The process's tracer: one, because X-Ray's context is process-wide; undefined when tracing is off, and then
 * `@aws-lambda-powertools/tracer` (and aws-xray-sdk-core with its async hooks) is never loaded. HTTPS calls are not
 * captured globally (the SDK clients are captured one by one with `traced`, which would otherwise be recorded twice).
 */
export const sharedTracer = (serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'service'): Tracer | undefined => {
  if (!tracer && tracingEnabled()) {
    // A require, not an import: bundled, the module is evaluated only here (esbuild's lazy initialiser).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Tracer: PowertoolsTracer } = require('./powertools-tracer') as typeof PowertoolsTracerModule;
    tracer = new PowertoolsTracer({ serviceName, captureHTTPsRequests: false });
  }
  return tracer;
};

/** An AWS SDK v3 client whose calls become X-Ray subsegments (unchanged when tracing is off). */
export const traced = <T>(client: T): T => sharedTracer()?.captureAWSv3Client(client) ?? client;

export const createTelemetry = (serviceName: string): Telemetry => ({
  logger: createLogger(serviceName),
  metrics: metricsFor(serviceName),
  tracer: sharedTracer(serviceName),
});

/** The business-metrics port over an invocation's Powertools Metrics. */
export const businessMetrics = (metrics: Metrics): BusinessMetrics => ({
  count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
  seconds: (name, value) => metrics.addMetric(name, MetricUnit.Seconds, value),
});

/** Writes what the invocation recorded (one EMF log line); nothing when it recorded nothing (idle costs nothing). */
export const flushMetrics = (metrics: Metrics): void => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
};

/** One metric with its own extra dimension, written at once (e.g. RecordFailures per consumer). */
export const countWithDimension = (metrics: Metrics, name: CountMetricName, dimension: [string, string], value: number): void => {
  const single = metrics.singleMetric();
  single.addDimension(dimension[0], dimension[1]);
  single.addMetric(name, MetricUnit.Count, value);
};

/**
 * Runs an invocation inside a `## <name>` subsegment of the function's segment, annotated with the cold start and
 * the service (what Powertools' captureLambdaHandler does for middy handlers), errors recorded on it.
 */
export const withHandlerSubsegment = async <T>(tracing: Tracer | undefined, name: string, work: () => Promise<T>): Promise<T> => {
  const parent = tracing?.isTracingEnabled() ? tracing.getSegment() : undefined;
  if (!tracing || !parent) return work();
  const subsegment = parent.addNewSubsegment(`## ${name}`);
  tracing.setSegment(subsegment);
  tracing.annotateColdStart();
  tracing.addServiceNameAnnotation();
  try {
    return await work();
  } catch (error) {
    tracing.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment.close();
    tracing.setSegment(parent);
  }
};

/**
 * The header that carries the current trace to the next hop: SQS keeps it as the message's `AWSTraceHeader`
 * system attribute, and the consuming function's segment joins the same trace. Lambda sets it per invocation.
 */
export const currentTraceHeader = (env: NodeJS.ProcessEnv = process.env): string | undefined => env._X_AMZN_TRACE_ID || undefined;
