import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type Endpoints } from './local-defaults';

export interface AwsClients {
  sqs: SQSClient;
  s3: S3Client;
  dynamodb: DynamoDBClient;
  region: string;
  destroy(): void;
}

export interface ClientOptions {
  region?: string;
  /** Omit to use the default credential chain (a deployed stage); given endpoints default to fake credentials. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * SDK clients for the emulators (endpoints given) or for real AWS (endpoints omitted). SQS clients keep the
 * configured endpoint for every call (`useQueueUrlAsEndpoint: false`); S3 is path-style against the emulator.
 */
export const createAwsClients = (endpoints: Endpoints | undefined, options: ClientOptions = {}): AwsClients => {
  const region = options.region ?? (endpoints ? LOCAL_REGION : (process.env.AWS_REGION ?? LOCAL_REGION));
  const credentials = options.credentials ?? (endpoints ? LOCAL_CREDENTIALS : undefined);
  const common = { region, ...(credentials ? { credentials } : {}) };
  const sqs = new SQSClient({ ...common, ...(endpoints ? { endpoint: endpoints.sqs, useQueueUrlAsEndpoint: false } : {}) });
  const s3 = new S3Client({ ...common, ...(endpoints ? { endpoint: endpoints.s3, forcePathStyle: true } : {}) });
  const dynamodb = new DynamoDBClient({ ...common, ...(endpoints ? { endpoint: endpoints.dynamodb } : {}) });
  return {
    sqs,
    s3,
    dynamodb,
    region,
    destroy: () => {
      sqs.destroy();
      s3.destroy();
      dynamodb.destroy();
    },
  };
};
