import { asArray, isRecord, props, render, type CfnTemplate, type Rule, type Violation } from '../cfn';

/** Resource policies: who else may act on a queue, topic or bucket. */
const RESOURCE_POLICY_TYPES = new Set(['AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy', 'AWS::S3::BucketPolicy']);

/** `Principal: "*"` or `{ AWS: "*" }` (or a list holding `*`): anyone, any account. */
const isAnyone = (principal: unknown): boolean => {
  if (principal === undefined) return false;
  if (!isRecord(principal)) return asArray(principal).map(render).includes('*');
  return asArray(principal.AWS).map(render).includes('*');
};

/**
 * Condition keys that narrow who the caller is (its account, organisation, ARN, the resource or network it comes
 * from). `aws:SecureTransport` and the like do not: anyone could still call over TLS.
 */
const RESTRICTING_KEYS = new Set([
  'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths',
  'aws:principalarn', 'aws:principalaccount', 'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalservicename',
  'aws:sourcevpc', 'aws:sourcevpce', 'aws:userid',
]);

const hasRestrictingCondition = (statement: Record<string, unknown>): boolean =>
  isRecord(statement.Condition) &&
  Object.entries(statement.Condition).some(([operator, test]) =>
    !operator.startsWith('Null') && isRecord(test) && Object.keys(test).some((key) => RESTRICTING_KEYS.has(key.toLowerCase())),
  );

export const resourcePolicyPrincipal: Rule = {
  id: 'resource-policy-principal',
  description: 'A queue, topic or bucket policy never allows `Principal: "*"` (or `{AWS: "*"}`) without a Condition on the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, ...)',
  check(template: CfnTemplate): Violation[] {
    return Object.entries(template.Resources ?? {})
      .filter(([, resource]) => RESOURCE_POLICY_TYPES.has(resource.Type))
      .flatMap(([id, resource]) => {
        const document = props(resource).PolicyDocument;
        return asArray(isRecord(document) ? document.Statement : undefined).flatMap((statement, s): Violation[] => {
          if (!isRecord(statement) || statement.Effect !== 'Allow') return [];
          if (!isAnyone(statement.Principal) || hasRestrictingCondition(statement)) return [];
          return [{
            rule: this.id,
            resource: id,
            message: `statement ${s}: allows any principal ("*") without a Condition restricting the caller: name the service or account, or pin aws:SourceArn / aws:SourceAccount`,
          }];
        });
      });
  },
};
