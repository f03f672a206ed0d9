/**
 * The functions of a packaged service as the bundle report and the cost model read them: zip, handler, memory,
 * architecture, environment, and the AWS SDK clients its role lets it call.
 */
import { join } from 'node:path';
import { asArray, isRecord, props, referencedId, resourcesOfType, type CfnTemplate } from '../policy/cfn';

export interface PackagedFunction {
  /** The serverless.yml name (its zip is `<name>.zip`). */
  name: string;
  logicalId: string;
  zip: string;
  /** `src/handlers/x.handler`. */
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  architecture: 'arm64' | 'x86_64';
  /** Plain-string variables (intrinsics and dynamic references left out). */
  environment: Record<string, string>;
  /** IAM actions of its role (logs:* left out: Lambda writes those). */
  actions: string[];
}

/** An SDK v3 client: its package and class. */
export interface SdkClient {
  pkg: string;
  className: string;
}

/**
 * Which client a function needs to call an action of its role. Actions of an event source mapping (the Lambda
 * service polls the queue with the function's role) and KMS (used by SQS/SSM on the function's behalf) need none.
 */
const CLIENT_OF_SERVICE: Record<string, SdkClient> = {
  dynamodb: { pkg: '@aws-sdk/client-dynamodb', className: 'DynamoDBClient' },
  sqs: { pkg: '@aws-sdk/client-sqs', className: 'SQSClient' },
  s3: { pkg: '@aws-sdk/client-s3', className: 'S3Client' },
  ses: { pkg: '@aws-sdk/client-sesv2', className: 'SESv2Client' },
  'cognito-idp': { pkg: '@aws-sdk/client-cognito-identity-provider', className: 'CognitoIdentityProviderClient' },
  ssm: { pkg: '@aws-sdk/client-ssm', className: 'SSMClient' },
  secretsmanager: { pkg: '@aws-sdk/client-secrets-manager', className: 'SecretsManagerClient' },
  sns: { pkg: '@aws-sdk/client-sns', className: 'SNSClient' },
  cloudwatch: { pkg: '@aws-sdk/client-cloudwatch', className: 'CloudWatchClient' },
};
const EVENT_SOURCE_ACTIONS = new Set(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility']);
const IMPLICIT_SERVICES = new Set(['logs', 'kms', 'xray']);

export const clientsOf = (fn: Pick<PackagedFunction, 'actions'>): SdkClient[] => {
  const services = new Set(
    fn.actions
      .filter((action) => !EVENT_SOURCE_ACTIONS.has(action))
      .map((action) => action.split(':')[0]!)
      .filter((service) => !IMPLICIT_SERVICES.has(service)),
  );
  return [...services].sort().map((service) => {
    const client = CLIENT_OF_SERVICE[service];
    if (!client) throw new Error(`no SDK client known for IAM service "${service}" (packages/delivery/src/bundles/packaged-functions.ts)`);
    return client;
  });
};

const actionsOfRole = (template: CfnTemplate, role: unknown): string[] => {
  const id = referencedId(role);
  const resource = id ? template.Resources[id] : undefined;
  if (!resource) return [];
  return asArray(props(resource).Policies)
    .flatMap((policy) => (isRecord(policy) && isRecord(policy.PolicyDocument) ? asArray(policy.PolicyDocument.Statement) : []))
    .filter((statement) => isRecord(statement) && statement.Effect === 'Allow')
    .flatMap((statement) => asArray((statement as Record<string, unknown>).Action).map(String))
    .filter((action) => !action.startsWith('logs:'));
};

/** `CreateOrderLambdaFunction` → `createOrder` (the Serverless Framework's naming, reversed). */
const functionNameOf = (logicalId: string): string => {
  const base = logicalId.replace(/LambdaFunction$/, '');
  return base.charAt(0).toLowerCase() + base.slice(1);
};

export const packagedFunctions = (template: CfnTemplate, packageDir: string): PackagedFunction[] =>
  resourcesOfType(template, 'AWS::Lambda::Function').map(([logicalId, resource]) => {
    const p = props(resource);
    const code = isRecord(p.Code) ? String(p.Code.S3Key ?? '') : '';
    const zipName = code.split('/').pop() || `${functionNameOf(logicalId)}.zip`;
    const variables = isRecord(p.Environment) && isRecord(p.Environment.Variables) ? p.Environment.Variables : {};
    return {
      name: zipName.replace(/\.zip$/, ''),
      logicalId,
      zip: join(packageDir, zipName),
      handler: String(p.Handler),
      memoryMb: Number(p.MemorySize ?? 1024),
      timeoutSeconds: Number(p.Timeout ?? 6),
      architecture: asArray(p.Architectures)[0] === 'arm64' ? 'arm64' : 'x86_64',
      environment: Object.fromEntries(
        Object.entries(variables).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !entry[1].startsWith('{{resolve:')),
      ),
      actions: actionsOfRole(template, p.Role),
    };
  });
