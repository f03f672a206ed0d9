import {
  bucketName,
  deadLetterQueueName,
  queueName,
  inboxDlqName,
  inboxQueueName,
  isServiceName,
  receiptHandOff,
  publishTargets,
  subscribedTypes,
  type ServiceName,
} from '@commerce/domain-events';
import { httpApiCors, type HttpApiCors } from './cors';
import { authVars, type AuthVars } from './identity-vars';
import { METRICS_NAMESPACE } from './observability/metric-names';
import { OUTBOX_SWEEP_MINUTES } from './observability/names';
import { APP, settingsFor, stripeSecretKeyParameter, stripeWebhookSecretParameter, type StageSettings } from './stages';

type CfnValue = string | { 'Fn::Sub': string };

/** Account id the local emulators use; only stage `local` runs against them. */
export const LOCAL_ACCOUNT_ID = '000000000000';

const queueArn = (name: string): CfnValue => ({ 'Fn::Sub': `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:${name}` });
const queueUrl = (name: string): CfnValue => ({ 'Fn::Sub': `https://sqs.\${AWS::Region}.\${AWS::URLSuffix}/\${AWS::AccountId}/${name}` });

/** serverless-offline does not resolve intrinsic functions in environment values: plain URLs locally. */
const inboxUrl = (stage: string, name: string): CfnValue => (stage === 'local' ? `http://sqs.localhost/${LOCAL_ACCOUNT_ID}/${name}` : queueUrl(name));

export interface ServiceVars {
  app: string;
  stage: string;
  settings: StageSettings;
  /** The stage's user pool as the JWT authorizer and the handlers see it (ADR 0011). */
  auth: AuthVars;
  /** The service's own inbox; `url` for a function that sends to it (payments' webhook and timers, ADR 0022). */
  inbox: { name: string; dlqName: string; acceptedTypes: string; url: CfnValue };
  /** `sqs:SendMessage` resources of the publisher: exactly the subscribed inboxes, never a wildcard. */
  publishQueueArns: CfnValue[];
  /** Environment for the publisher: `INBOX_URL_<SERVICE>` per target inbox. */
  publishEnvironment: Record<string, CfnValue>;
  /**
   * The receipts hand-off (DESIGN §3): payments owns the bucket, its ObjectCreated notifications on `receipts/`
   * go to the notifications service's receipts queue. Plain strings locally, intrinsic functions when deployed.
   */
  receipts: { bucketName: CfnValue; bucketArn: CfnValue; queueName: string; dlqName: string; queueArn: CfnValue; prefix: string };
  /** Environment every function of the service gets (besides its own table/bucket names). */
  commonEnvironment: Record<string, string>;
  /**
   * `custom.esbuild.sourcemap` (ADR 0019): linked maps for stage local, whose functions run with
   * `--enable-source-maps`; none in a deployed zip (they cost init time and most of its size).
   */
  sourcemap: 'linked' | false;
  /** The stage's Stripe secret key parameter (ADR 0021): its name for the environment, its ARN for IAM. */
  stripeSecretKey: { name: string; arn: CfnValue };
  /** The stage's Stripe webhook signing secret parameter (ADR 0022): its name for the environment, its ARN for IAM. */
  stripeWebhookSecret: { name: string; arn: CfnValue };
  /** `DeletionPolicy`/`UpdateReplacePolicy` of the stage's tables, buckets and DLQs (`settings.retainData`). */
  dataPolicy: 'Retain' | 'Delete';
  /** The receipts bucket's versioning status: kept versions only where data is retained (ADR 0012). */
  versioning: 'Enabled' | 'Suspended';
  /** `provider.logs.httpApi`: JSON access logs of the HTTP API, to `/aws/http-api/<stack>` with the stage's retention. */
  httpApiAccessLogs: { format: string };
  /** `provider.httpApi.cors`: the stage's frontend origins and the headers this service's routes take and give. */
  httpApiCors: HttpApiCors;
  /** A `resources` entry: the HTTP API stage's throttling (osls has no `provider.httpApi` key for it). */
  httpApiStage: { extensions: { HttpApiStage: { Properties: { DefaultRouteSettings: Record<string, unknown> } } } };
  /** The orders outbox (ADR 0010, 0017): index shards and the sweeper's schedule (its alarm threshold is the interval). */
  outbox: { shards: string; sweepRate: string };
  /** The same names for other services' resources this service must address (e.g. a bucket owner). */
  names: Record<ServiceName, { inbox: string; inboxDlq: string }>;
}

const receiptsVars = (scope: { app: string; stage: string }): ServiceVars['receipts'] => {
  const local = scope.stage === 'local';
  const { writer, bucketPurpose, reader, queuePurpose, keyPrefix } = receiptHandOff;
  const bucket = bucketName(scope, writer, bucketPurpose, local ? LOCAL_ACCOUNT_ID : '${AWS::AccountId}');
  const receiptsQueue = queueName(scope, reader, queuePurpose);
  return {
    bucketName: local ? bucket : { 'Fn::Sub': bucket },
    bucketArn: local ? `arn:aws:s3:::${bucket}` : { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::${bucket}` },
    queueName: receiptsQueue,
    dlqName: deadLetterQueueName(receiptsQueue),
    queueArn: queueArn(receiptsQueue),
    prefix: keyPrefix,
  };
};

/** One JSON object per request: who called which route, the outcome and how long it took. */
export const HTTP_API_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTimeEpoch',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  sub: '$context.authorizer.claims.sub',
  authorizerError: '$context.authorizer.error',
  integrationError: '$context.integrationErrorMessage',
});

const operationsVars = (settings: StageSettings): Pick<ServiceVars, 'dataPolicy' | 'versioning' | 'httpApiAccessLogs' | 'httpApiStage'> => ({
  dataPolicy: settings.retainData ? 'Retain' : 'Delete',
  versioning: settings.retainData ? 'Enabled' : 'Suspended',
  httpApiAccessLogs: { format: HTTP_API_ACCESS_LOG_FORMAT },
  httpApiStage: {
    extensions: {
      HttpApiStage: {
        Properties: {
          DefaultRouteSettings: {
            DetailedMetricsEnabled: false,
            ThrottlingBurstLimit: settings.apiThrottle.burst,
            ThrottlingRateLimit: settings.apiThrottle.rate,
          },
        },
      },
    },
  },
});

export const serviceVars = (service: string, stage: string): ServiceVars => {
  if (!isServiceName(service)) throw new Error(`unknown service "${service}"`);
  const scope = { app: APP, stage };
  const targets = publishTargets(service);
  return {
    app: APP,
    stage,
    settings: settingsFor(stage),
    auth: authVars(stage),
    inbox: {
      name: inboxQueueName(scope, service),
      dlqName: inboxDlqName(scope, service),
      acceptedTypes: subscribedTypes(service).join(','),
      url: inboxUrl(stage, inboxQueueName(scope, service)),
    },
    publishQueueArns: targets.map((target) => queueArn(inboxQueueName(scope, target))),
    publishEnvironment: Object.fromEntries(targets.map((target) => [`INBOX_URL_${target.toUpperCase()}`, inboxUrl(stage, inboxQueueName(scope, target))])),
    receipts: receiptsVars(scope),
    ...operationsVars(settingsFor(stage)),
    httpApiCors: httpApiCors(service, stage),
    commonEnvironment: {
      APP_NAME: APP,
      STAGE: stage,
      POWERTOOLS_SERVICE_NAME: service,
      // Custom metrics (EMF): one namespace for the app, dimensions service and stage (ADR 0017).
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      LOG_LEVEL: settingsFor(stage).logLevel,
      JWT_ISSUER: authVars(stage).issuer,
      JWT_AUDIENCE: authVars(stage).audience.join(','),
      // Source-mapped stack traces only locally: deployed bundles carry no maps and keep their names (ADR 0019).
      ...(stage === 'local' ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
      // The local cloud has no CloudWatch and no X-Ray daemon: metrics and traces are no-ops there.
      ...(stage === 'local' ? { POWERTOOLS_METRICS_DISABLED: 'true', POWERTOOLS_TRACE_ENABLED: 'false' } : {}),
    },
    sourcemap: stage === 'local' ? 'linked' : false,
    stripeSecretKey: {
      name: stripeSecretKeyParameter(stage),
      arn: { 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${stripeSecretKeyParameter(stage)}` },
    },
    stripeWebhookSecret: {
      name: stripeWebhookSecretParameter(stage),
      arn: { 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${stripeWebhookSecretParameter(stage)}` },
    },
    outbox: { shards: String(settingsFor(stage).outboxShards), sweepRate: `rate(${OUTBOX_SWEEP_MINUTES} minutes)` },
    names: Object.fromEntries(
      (['orders', 'payments', 'notifications'] as const).map((name) => [
        name,
        { inbox: inboxQueueName(scope, name), inboxDlq: inboxDlqName(scope, name) },
      ]),
    ) as ServiceVars['names'],
  };
};
