/**
 * The generated policies as JSON for `aws iam` (pseudo parameters filled in), or as a CloudFormation template that
 * creates both roles of a stage (pseudo parameters through Fn::Sub), split into managed policies that each stay
 * under IAM's 6,144-character limit.
 */
import type { PolicyDocument, TrustPolicy } from './policies';
import type { Statement } from './resource-access';

export interface Account {
  account?: string;
  region?: string;
  partition?: string;
}

/** Fills `${AWS::AccountId}`, `${AWS::Region}`, `${AWS::Partition}` in (ACCOUNT / REGION where not given). */
export const fillPseudoParameters = <T>(document: T, { account = 'ACCOUNT', region = 'REGION', partition = 'aws' }: Account): T =>
  JSON.parse(JSON.stringify(document).replaceAll('${AWS::AccountId}', account).replaceAll('${AWS::Region}', region).replaceAll('${AWS::Partition}', partition)) as T;

const withSub = (value: unknown): unknown => {
  if (typeof value === 'string') return value.includes('${') ? { 'Fn::Sub': value } : value;
  if (Array.isArray(value)) return value.map(withSub);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withSub(inner)]));
  return value;
};

/** IAM's limit for a managed policy, whitespace excluded. */
export const MANAGED_POLICY_LIMIT = 6144;

/** Statements in consecutive chunks, each a policy under the limit once filled in (a 12-digit account, a long region). */
export const splitPolicy = (policy: PolicyDocument): PolicyDocument[] => {
  const size = (statements: Statement[]) =>
    JSON.stringify(fillPseudoParameters({ Version: policy.Version, Statement: statements }, { account: '123456789012', region: 'ap-southeast-4', partition: 'aws-us-gov' })).length;
  const chunks: Statement[][] = [[]];
  for (const statement of policy.Statement) {
    const current = chunks.at(-1)!;
    if (current.length > 0 && size([...current, statement]) > MANAGED_POLICY_LIMIT) chunks.push([statement]);
    else current.push(statement);
  }
  return chunks.map((Statement) => ({ Version: policy.Version, Statement }));
};

export interface RoleDefinition {
  name: string;
  description: string;
  trust: TrustPolicy;
  permissions: PolicyDocument;
}

const logicalIdOf = (name: string) => name.split(/[^A-Za-z0-9]+/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

/** A template creating the roles; `GitHubRepository` (owner/name) is its one parameter. */
export const rolesTemplate = (roles: RoleDefinition[], description: string) => ({
  AWSTemplateFormatVersion: '2010-09-09',
  Description: description,
  Parameters: { GitHubRepository: { Type: 'String', Description: 'owner/name of the GitHub repository whose workflows deploy', AllowedPattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$' } },
  Resources: Object.fromEntries(
    roles.flatMap((role) => {
      const roleId = logicalIdOf(role.name);
      const policies = splitPolicy(role.permissions).map((document, index) => [
        `${roleId}Policy${index + 1}`,
        {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { ManagedPolicyName: `${role.name}-${index + 1}`, PolicyDocument: withSub(document) },
        },
      ] as const);
      return [
        [roleId, {
          Type: 'AWS::IAM::Role',
          Properties: {
            RoleName: role.name,
            Description: role.description,
            MaxSessionDuration: 3600,
            AssumeRolePolicyDocument: withSub(role.trust),
            ManagedPolicyArns: policies.map(([id]) => ({ Ref: id })),
          },
        }],
        ...policies,
      ];
    }),
  ),
  Outputs: Object.fromEntries(roles.map((role) => [`${logicalIdOf(role.name)}Arn`, { Value: { 'Fn::GetAtt': [logicalIdOf(role.name), 'Arn'] } }])),
});
