import { DEFAULT_REGION } from '@commerce/serverless-config';

/** The account id every local ARN, queue URL and `${AWS::AccountId}` resolves to (the emulators' fixed account). */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = DEFAULT_REGION;
/** Fake credentials: the emulators accept any; the SDK just needs something to sign with. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** Fixed ports of `pnpm dev` (each overridable by the environment variable named beside it). Tests use port 0. */
export const DEFAULT_PORTS = {
  /** fauxqs: SQS and S3 on one port (LOCAL_SQS_PORT). */
  sqs: 4566,
  /** dynalite (LOCAL_DYNAMODB_PORT). */
  dynamodb: 8000,
} as const;

export interface Endpoints {
  /** SQS endpoint (fauxqs). */
  sqs: string;
  /** S3 endpoint (fauxqs, same port as SQS): clients must use path-style addressing. */
  s3: string;
  /** DynamoDB endpoint (dynalite). */
  dynamodb: string;
}

/**
 * The environment that points an AWS SDK v3 process at the emulators: what `pnpm dev` gives every function instance and
 * what a test gives a handler it runs in-process. Only endpoint variables and fake credentials differ from AWS.
 */
export const emulatorEnvironment = (endpoints: Endpoints, region = LOCAL_REGION): Record<string, string> => ({
  AWS_ENDPOINT_URL_SQS: endpoints.sqs,
  AWS_ENDPOINT_URL_S3: endpoints.s3,
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
  AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  AWS_REGION: region,
  AWS_DEFAULT_REGION: region,
  /** fauxqs serves S3 path-style only (`*.localhost` does not resolve here): S3 clients must set forcePathStyle. */
  AWS_S3_FORCE_PATH_STYLE: 'true',
});

export const queueArn = (name: string, region = LOCAL_REGION, accountId = LOCAL_ACCOUNT_ID): string =>
  `arn:aws:sqs:${region}:${accountId}:${name}`;

/** A queue URL on the emulator that resolves (fauxqs' own URLs use an unresolvable `sqs.<region>.localhost` host). */
export const localQueueUrl = (endpoint: string, name: string, accountId = LOCAL_ACCOUNT_ID): string =>
  `${endpoint.replace(/\/$/, '')}/${accountId}/${name}`;

export const queueNameFromArn = (arn: string): string => arn.slice(arn.lastIndexOf(':') + 1);
export const queueNameFromUrl = (url: string): string => url.slice(url.lastIndexOf('/') + 1);
