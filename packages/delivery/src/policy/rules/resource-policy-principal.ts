import { asArray, isRecord, props, render, type CfnTemplate, type Rule, type Violation } from '../cfn';

/** Resource policies: who else may act on a queue, topic or bucket. */
const RESOURCE_POLICY_TYPES = new Set(['AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy', 'AWS::S3::BucketPolicy']);

/** `Principal: "*"` or `{ AWS: "*" }` (or a list holding `*`): anyone, any account. */
const isAnyone = (principal: unknown): boolean => {
  if (principal === undefined) return false;
  if (!isRecord(principal)) return asArray(principal).map(render).includes('*');
  return asArray(principal.AWS).map(render).includes('*');
};

const hasCondition = (statement: Record<string, unknown>): boolean =>
  isRecord(statement.Condition) && Object.values(statement.Condition).some((test) => isRecord(test) && Object.keys(test).length > 0);

export const resourcePolicyPrincipal: Rule = {
  id: 'resource-policy-principal',
  description: 'A queue, topic or bucket policy never allows `Principal: "*"` (or `{AWS: "*"}`) without a restricting Condition',
  check(template: CfnTemplate): Violation[] {
    return Object.entries(template.Resources ?? {})
      .filter(([, resource]) => RESOURCE_POLICY_TYPES.has(resource.Type))
      .flatMap(([id, resource]) => {
        const document = props(resource).PolicyDocument;
        return asArray(isRecord(document) ? document.Statement : undefined).flatMap((statement, s): Violation[] => {
          if (!isRecord(statement) || statement.Effect !== 'Allow') return [];
          if (!isAnyone(statement.Principal) || hasCondition(statement)) return [];
          return [{
            rule: this.id,
            resource: id,
            message: `statement ${s}: allows any principal ("*") without a Condition: name the service or account, or pin aws:SourceArn / aws:SourceAccount`,
          }];
        });
      });
  },
};
