import { asArray, isRecord, props, referencedId, render, resourcesOfType, type CfnTemplate, type Rule, type Violation } from '../cfn';

const PUBLIC_ACCESS_FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/** A Deny-all-actions statement when the request is not over TLS. */
const isTlsOnlyStatement = (statement: unknown): boolean => {
  if (!isRecord(statement) || statement.Effect !== 'Deny') return false;
  const actions = asArray(statement.Action).map(render);
  if (!actions.some((action) => action === 's3:*' || action === '*')) return false;
  const principal = statement.Principal;
  if (!(principal === '*' || (isRecord(principal) && asArray(principal.AWS).includes('*')))) return false;
  const condition = isRecord(statement.Condition) ? statement.Condition.Bool : undefined;
  const secure = isRecord(condition) ? condition['aws:SecureTransport'] : undefined;
  return secure === false || secure === 'false';
};

export const s3BucketHardening: Rule = {
  id: 's3-bucket-hardening',
  description: 'Every bucket blocks public access, sets default encryption and has a TLS-only bucket policy',
  check(template: CfnTemplate): Violation[] {
    const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy').map(([, policy]) => props(policy));
    return resourcesOfType(template, 'AWS::S3::Bucket').flatMap(([id, bucket]) => {
      const p = props(bucket);
      const found: Violation[] = [];
      const say = (message: string) => found.push({ rule: this.id, resource: id, message });
      const block = isRecord(p.PublicAccessBlockConfiguration) ? p.PublicAccessBlockConfiguration : {};
      const missing = PUBLIC_ACCESS_FLAGS.filter((flag) => block[flag] !== true && block[flag] !== 'true');
      if (missing.length > 0) say(`public access is not fully blocked (${missing.join(', ')} not true): set PublicAccessBlockConfiguration`);
      const encryption = isRecord(p.BucketEncryption) ? asArray(p.BucketEncryption.ServerSideEncryptionConfiguration) : [];
      if (encryption.length === 0) say('bucket has no default encryption: set BucketEncryption (SSEAlgorithm AES256 or aws:kms)');
      const name = p.BucketName === undefined ? undefined : render(p.BucketName);
      const ownPolicies = policies.filter((policy) =>
        referencedId(policy.Bucket) === id || (name !== undefined && render(policy.Bucket) === name),
      );
      const tlsOnly = ownPolicies.some((policy) =>
        isRecord(policy.PolicyDocument) && asArray(policy.PolicyDocument.Statement).some(isTlsOnlyStatement),
      );
      if (!tlsOnly) say('bucket has no TLS-only policy: add a BucketPolicy denying s3:* when aws:SecureTransport is false');
      return found;
    });
  },
};
