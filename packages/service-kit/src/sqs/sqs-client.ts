import { SQSClient } from '@aws-sdk/client-sqs';
import { traced } from '../telemetry';

/**
 * The SQS client every service uses. With an endpoint override (AWS_ENDPOINT_URL_SQS, the local emulator) the
 * queue URL's host must not be used as the endpoint, so requests reach the emulator whatever host the URL names.
 * Its calls are X-Ray subsegments when tracing is on.
 */
export const createSqsClient = (env: NodeJS.ProcessEnv = process.env): SQSClient =>
  traced(new SQSClient({ useQueueUrlAsEndpoint: !(env.AWS_ENDPOINT_URL_SQS ?? env.AWS_ENDPOINT_URL) }));
