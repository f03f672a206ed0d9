import { asArray, isRecord, props, referencedId, render, type CfnTemplate, type Rule, type Violation } from '../cfn';

/** Where policy documents live, per resource type. */
export const policyDocuments = (type: string, properties: Record<string, unknown>): unknown[] => {
  switch (type) {
    case 'AWS::IAM::Role':
      return asArray(properties.Policies).map((policy) => (isRecord(policy) ? policy.PolicyDocument : undefined));
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
    case 'AWS::SQS::QueuePolicy':
    case 'AWS::S3::BucketPolicy':
    case 'AWS::SNS::TopicPolicy':
      return [properties.PolicyDocument];
    default:
      return [];
  }
};

/** The log actions a Lambda function needs to write its own logs. */
const LOG_WRITE_ACTIONS = new Set(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:TagResource']);

/**
 * A Lambda log-group ARN in this account and region. CloudWatch Logs needs `:*` (log streams) after the group name;
 * the framework's default role also ends the group name with `*` to cover every function of the stack
 * (`/aws/lambda/orders-dev*`), which is tolerated only after a non-empty name prefix.
 */
const LAMBDA_LOG_ARN = /^arn:[^:*]+:logs:[^:*]+:[^:*]+:log-group:\/aws\/lambda\/[A-Za-z0-9_.\-/]*[A-Za-z0-9_.-]\*?(:\*){1,2}$/;

/** `${AWS::Region}`-style placeholders hold no wildcard: make them one opaque token before matching. */
const withoutPlaceholders = (arn: string): string => arn.replace(/\$\{[^}]*\}/g, 'VAR');

const isLogsOnly = (actions: string[]): boolean => actions.length > 0 && actions.every((a) => LOG_WRITE_ACTIONS.has(a));

/** Object-level S3 actions: they apply to object ARNs, whose keys are data (receipts/{orderId}.json). */
const S3_OBJECT_ACTIONS = new Set([
  's3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectTagging', 's3:PutObjectTagging', 's3:AbortMultipartUpload',
]);

/**
 * Objects under a non-empty key prefix of one named bucket: `${ReceiptsBucket.Arn}/receipts/*`,
 * `arn:aws:s3:::commerce-dev-payments-receipts-123/receipts/*`. Never a whole bucket (`/*`) or a bucket pattern.
 */
const S3_PREFIX_ARN = /^(VAR|arn:[^:*]+:s3:::[^*/]+)\/[^*]+\*$/;

const isS3ObjectsOnly = (actions: string[]): boolean => actions.length > 0 && actions.every((a) => S3_OBJECT_ACTIONS.has(a));

/**
 * SSM SecureString decryption: `kms:Decrypt` on the keys of this account and region (`key/*`: the aws/ssm key's id
 * differs per account), allowed only when the statement pins the call to SSM (`kms:ViaService` ssm.<region>) and to
 * exactly one parameter (`kms:EncryptionContext:PARAMETER_ARN`, which SSM sets on every SecureString it decrypts).
 */
const KMS_KEYS_ARN = /^arn:[^:*]+:kms:[^:*]+:[^:*]+:key\/\*$/;
const isSsmScopedDecrypt = (actions: string[], statement: Record<string, unknown>): boolean => {
  if (actions.length !== 1 || actions[0] !== 'kms:Decrypt') return false;
  const equals = isRecord(statement.Condition) ? statement.Condition.StringEquals : undefined;
  if (!isRecord(equals)) return false;
  const via = render(equals['kms:ViaService']);
  const parameter = render(equals['kms:EncryptionContext:PARAMETER_ARN']);
  return /^ssm\.[^*]+\.amazonaws\.com$/.test(withoutPlaceholders(via)) && /^arn:[^*]+:ssm:[^*]+:parameter\/[^*]+$/.test(withoutPlaceholders(parameter));
};

/**
 * X-Ray's write actions have no resource-level permissions: a traced function needs them on `*`. Exactly these
 * two, alone in their statement, and `*` as the whole resource (ADR 0017).
 */
const XRAY_WRITE_ACTIONS = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']);
const isXrayWritesOnly = (actions: string[]): boolean => actions.length > 0 && actions.every((a) => XRAY_WRITE_ACTIONS.has(a));

export const iamWildcards: Rule = {
  id: 'iam-no-wildcards',
  description:
    'Allow statements name exact actions and resources; `*` only for Lambda log writes, S3 objects under a key prefix, kms:Decrypt pinned to SSM and one parameter, and the X-Ray writes',
  check(template: CfnTemplate): Violation[] {
    const violations: Violation[] = [];
    for (const [id, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type === 'AWS::IAM::Role') {
        // A managed policy's statements are not in the template: AWS-managed ones use wildcards (even
        // AWSLambdaBasicExecutionRole: logs on "*"). Only policies defined in this template can be checked.
        asArray(props(resource).ManagedPolicyArns)
          .filter((arn) => referencedId(arn) === undefined || template.Resources[referencedId(arn) as string] === undefined)
          .forEach((arn) =>
            violations.push({
              rule: this.id,
              resource: id,
              message: `managed policy ${render(arn)} cannot be checked for wildcards: write the statements inline (iamRoleStatements)`,
            }),
          );
      }
      const documents = policyDocuments(resource.Type, props(resource));
      documents.forEach((document, d) => {
        const statements = isRecord(document) ? asArray(document.Statement) : [];
        statements.forEach((statement, s) => {
          if (!isRecord(statement) || statement.Effect !== 'Allow') return;
          const where = `${resource.Type === 'AWS::IAM::Role' ? `policy ${d}, ` : ''}statement ${s}`;
          const say = (message: string) => violations.push({ rule: this.id, resource: id, message: `${where}: ${message}` });
          if (statement.NotAction !== undefined) say('Allow with NotAction grants everything else: list the actions');
          if (statement.NotResource !== undefined) say('Allow with NotResource grants everything else: list the resources');
          const actions = asArray(statement.Action).map(render);
          actions.filter((a) => a.includes('*')).forEach((a) => say(`wildcard action "${a}": name the exact actions`));
          const logsOnly = isLogsOnly(actions);
          const s3ObjectsOnly = isS3ObjectsOnly(actions);
          const ssmDecrypt = isSsmScopedDecrypt(actions, statement);
          const xrayWrites = isXrayWritesOnly(actions);
          asArray(statement.Resource)
            .map(render)
            .filter((r) => r.includes('*'))
            .filter((r) => !(logsOnly && LAMBDA_LOG_ARN.test(withoutPlaceholders(r))))
            .filter((r) => !(s3ObjectsOnly && S3_PREFIX_ARN.test(withoutPlaceholders(r))))
            .filter((r) => !(ssmDecrypt && KMS_KEYS_ARN.test(withoutPlaceholders(r))))
            .filter((r) => !(xrayWrites && r === '*'))
            .forEach((r) =>
              say(
                `wildcard resource "${r}": name the exact ARNs (\`*\` is allowed only for log writes inside a ` +
                  '/aws/lambda/ log-group ARN, for S3 object actions under a key prefix of one bucket: <bucket ARN>/prefix/*, and for ' +
                  'kms:Decrypt on key/* with conditions kms:ViaService = ssm.<region>.amazonaws.com and kms:EncryptionContext:PARAMETER_ARN = one parameter, ' +
                  'and for xray:PutTraceSegments/PutTelemetryRecords alone on "*")',
              ),
            );
        });
      });
    }
    return violations;
  },
};
