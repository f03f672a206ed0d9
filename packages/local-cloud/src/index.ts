export { startEmulators, type Emulators, type StartEmulatorsOptions } from './emulators/start-emulators';
export type { S3Upload } from './emulators/emulator-host';
export {
  provisionFromTemplate,
  type ProvisionedBucket,
  type ProvisionedQueue,
  type ProvisionedResources,
  type ProvisionedTable,
  type ProvisionOptions,
} from './provision';
export { packageService, readPackagedTemplate, type PackagedService, type PackageOptions } from './package-service';
export { readTemplate, type CfnTemplate, type CfnResource } from './cfn/template';
export { createAwsClients, type AwsClients, type ClientOptions } from './aws-clients';
export {
  DEFAULT_PORTS,
  LOCAL_ACCOUNT_ID,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  emulatorEnvironment,
  localQueueUrl,
  type Endpoints,
} from './local-defaults';
export { startEventSourceRunner, type EventSourceRunner, type RunnerOptions, type RunnerService } from './runner/event-source-runner';
export { sqsEventSources, type SqsEventSource } from './runner/event-source-mappings';
export { lambdaInvokeApi, type InvokeResult, type LambdaInvoker } from './runner/lambda-invoker';
export type { LogLevel, RunnerLog } from './runner/runner-log';
export { toSqsEvent, toSqsRecord } from './runner/sqs-lambda-event';
export { s3EventRecord } from './runner/s3-notifications';
export { presentServices, startDevProcess, type DevProcess } from './dev/launch-dev';
export type { DevState } from './dev/dev-state';
export { LocalLambda, defaultLimits, type LambdaLimits, type LocalFunction } from './lambda/local-lambda';
export { functionSpecs, type FunctionSpec } from './lambda/function-specs';
export { httpApiSpec, templateCors, templateHttpRoutes, type HttpApiSpec, type HttpRoute } from './lambda/http-api/routes';
export { startHttpApiGateway, type HttpApiGateway } from './lambda/http-api/http-api-gateway';
export { sendPreflight, type PreflightRequest } from './lambda/http-api/preflight';
export { startInvokeApi, type InvokeApi } from './lambda/invoke-api';
export type { InvocationOutcome } from './lambda/invocation';
