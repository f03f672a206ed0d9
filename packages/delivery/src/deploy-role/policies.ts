/**
 * The stage's two deploy roles, generated from what its packaged templates contain (ADR 0016):
 * - the CloudFormation execution role: for every resource type of the templates, the actions of RESOURCE_ACCESS on
 *   the stage's names; plus reading the deployment artifacts (Lambda's CreateFunction reads the code with the
 *   caller's credentials), passing exactly the functions' roles, and resolving the templates' SSM references;
 * - the GitHub deploy role: drive CloudFormation on the stage's stacks, move artifacts in their deployment
 *   buckets, pass only the execution role, read and write the stage's deployment records.
 */
import { RESOURCE_ACCESS, deploymentBucketArns, uncoveredTypes, type Statement } from './resource-access';
import { arn, roleStage, rolesOf, stackPrefixes, type RoleScope } from './scope';

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

export interface TemplateInput {
  service: string;
  template: { Resources: Record<string, { Type: string }> };
}

export const resourceTypesOf = (templates: TemplateInput[]): string[] =>
  [...new Set(templates.flatMap(({ template }) => Object.values(template.Resources).map((resource) => resource.Type)))].sort();

const sidOf = (text: string): string => text.replace(/^AWS::/, '').replace(/[^A-Za-z0-9]/g, '');

/** SSM parameters the templates resolve (`{{resolve:ssm:/commerce/<stage>/...}}`), renamed to the scope's stage. */
const resolvedParameters = (templates: TemplateInput[], scope: RoleScope, packagedStage: string): string[] => {
  const names = templates.flatMap(({ template }) => [...JSON.stringify(template).matchAll(/\{\{resolve:ssm:(\/[A-Za-z0-9_./-]+?)(?::\d+)?\}\}/g)].map((m) => m[1]!));
  return [...new Set(names.map((name) => name.replace(`/commerce/${packagedStage}/`, `/commerce/${scope.stage}/`)))].sort();
};

export interface GenerateOptions {
  /** The stage the templates were packaged for (its names are rewritten to `scope.stage`, e.g. pr-123 -> pr-*). */
  packagedStage: string;
  scope: RoleScope;
}

export const executionRolePolicy = (templates: TemplateInput[], { scope, packagedStage }: GenerateOptions): PolicyDocument => {
  const types = resourceTypesOf(templates);
  const missing = uncoveredTypes(types);
  if (missing.length > 0) throw new Error(`the execution role cannot create ${missing.join(', ')}: add them to RESOURCE_ACCESS (packages/delivery/src/deploy-role/resource-access.ts)`);

  // Each type on the names of the stacks that contain it: no alarm permission for a stack without alarms.
  const scopeOf = (type: string): RoleScope => ({
    ...scope,
    services: [...new Set(templates.filter(({ template }) => Object.values(template.Resources).some((r) => r.Type === type)).map((t) => t.service))].sort(),
  });
  const scoped = new Map<string, Statement>();
  const unscoped: Statement[] = [];
  for (const type of types) {
    const access = RESOURCE_ACCESS[type]!;
    const resources = access.resources(scopeOf(type));
    const condition = access.condition?.(scopeOf(type));
    const key = JSON.stringify([resources, condition ?? null]);
    const existing = scoped.get(key);
    if (existing) {
      existing.Sid += sidOf(type.split('::').at(-1)!);
      existing.Action = [...new Set([...existing.Action, ...access.actions])];
    } else {
      scoped.set(key, { Sid: sidOf(type), Effect: 'Allow', Action: [...access.actions], Resource: resources, ...(condition ? { Condition: condition } : {}) });
    }
    if (access.unscoped) {
      const extra = access.unscoped.condition?.(scope);
      unscoped.push({ Sid: `${sidOf(type)}NoResourceLevel`, Effect: 'Allow', Action: access.unscoped.actions, Resource: access.unscoped.resource ?? ['*'], ...(extra ? { Condition: extra } : {}) });
    }
  }

  const statements = [...scoped.values(), ...unscoped];
  if (types.includes('AWS::Lambda::Function')) {
    const withFunctions = scopeOf('AWS::Lambda::Function');
    statements.push(
      // CreateFunction and UpdateFunctionCode read the zip from the deployment bucket with the caller's credentials.
      { Sid: 'ReadDeploymentArtifacts', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: deploymentBucketArns(withFunctions).map((bucket) => `${bucket}/*`) },
      {
        Sid: 'PassOnlyTheFunctionRoles', Effect: 'Allow', Action: ['iam:PassRole'],
        Resource: RESOURCE_ACCESS['AWS::IAM::Role']!.resources(withFunctions),
        Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      },
    );
  }
  const parameters = resolvedParameters(templates, scope, packagedStage);
  if (parameters.length > 0) {
    statements.push({ Sid: 'ResolveDynamicReferences', Effect: 'Allow', Action: ['ssm:GetParameters', 'ssm:GetParameter'], Resource: parameters.map((name) => arn('ssm', `parameter${name}`)) });
  }
  return { Version: '2012-10-17', Statement: statements };
};

export const ciRolePolicy = (scope: RoleScope): PolicyDocument => {
  const stackActions = ['cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents', 'cloudformation:DescribeStackResource', 'cloudformation:DescribeStackResources',
    'cloudformation:ListStackResources', 'cloudformation:GetTemplate', 'cloudformation:CreateChangeSet', 'cloudformation:DescribeChangeSet', 'cloudformation:ExecuteChangeSet',
    'cloudformation:DeleteChangeSet', 'cloudformation:CreateStack', 'cloudformation:UpdateStack', ...(scope.stage === 'prod' ? [] : ['cloudformation:DeleteStack'])];
  const buckets = deploymentBucketArns(scope);
  const statements: Statement[] = [
    { Sid: 'Stacks', Effect: 'Allow', Action: stackActions, Resource: stackPrefixes(scope).map((p) => arn('cloudformation', `stack/${p.slice(0, -1)}/*`)) },
    { Sid: 'CloudFormationNoResourceLevel', Effect: 'Allow', Action: ['cloudformation:ValidateTemplate', 'cloudformation:ListExports'], Resource: ['*'] },
    { Sid: 'DeploymentBuckets', Effect: 'Allow', Action: ['s3:ListBucket', 's3:ListBucketVersions', 's3:GetBucketLocation'], Resource: buckets },
    { Sid: 'DeploymentArtifacts', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: buckets.map((bucket) => `${bucket}/*`) },
    // osls compares the deployed code with lambda:GetFunction to skip a deploy whose files did not change.
    { Sid: 'SkipUnchangedDeploys', Effect: 'Allow', Action: ['lambda:GetFunction'], Resource: stackPrefixes(scope).map((p) => arn('lambda', `function:${p}*`)) },
    {
      Sid: 'PassOnlyTheExecutionRole', Effect: 'Allow', Action: ['iam:PassRole'], Resource: [arn('iam', `role/${rolesOf(scope).execution}`, { region: false })],
      Condition: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
    },
    { Sid: 'ReadDeploymentRecords', Effect: 'Allow', Action: ['ssm:GetParametersByPath'], Resource: [arn('ssm', `parameter/commerce/${scope.stage}/deployed`)] },
    { Sid: 'WriteDeploymentRecords', Effect: 'Allow', Action: ['ssm:GetParameter', 'ssm:PutParameter'], Resource: [arn('ssm', `parameter/commerce/${scope.stage}/deployed/*`)] },
  ];
  if (scope.stage === 'pr-*') {
    // The preview removal empties the stage's buckets before CloudFormation deletes them (pr.yml).
    statements.push(
      { Sid: 'ListBucketsNoResourceLevel', Effect: 'Allow', Action: ['s3:ListAllMyBuckets'], Resource: ['*'] },
      { Sid: 'EmptyPreviewBuckets', Effect: 'Allow', Action: ['s3:ListBucket', 's3:DeleteObject'], Resource: [arn('s3', 'commerce-pr-*', { region: false, account: false }), arn('s3', 'commerce-pr-*/*', { region: false, account: false })] },
    );
  }
  return { Version: '2012-10-17', Statement: statements };
};

export interface TrustPolicy {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Principal: Record<string, string>; Action: string[]; Condition: Statement['Condition'] }[];
}

/** CloudFormation, acting for a stack of this account. */
export const executionTrustPolicy = (): TrustPolicy => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'CloudFormation', Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: ['sts:AssumeRole'], Condition: { StringEquals: { 'aws:SourceAccount': '${AWS::AccountId}' } } }],
});

/** Only jobs of this repository running in the GitHub environment of the stage (`preview` for pr-*). */
export const ciTrustPolicy = (scope: RoleScope, repository: string): TrustPolicy => ({
  Version: '2012-10-17',
  Statement: [{
    Sid: 'GitHubEnvironment', Effect: 'Allow', Action: ['sts:AssumeRoleWithWebIdentity'],
    Principal: { Federated: arn('iam', 'oidc-provider/token.actions.githubusercontent.com', { region: false }) },
    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': `repo:${repository}:environment:${environmentOf(scope)}` } },
  }],
});

export const environmentOf = roleStage;

/** Statements that may have `Resource: "*"`: their actions take no resource ARN (named `...NoResourceLevel`). */
export const isNoResourceLevel = (statement: Statement): boolean => statement.Sid.endsWith('NoResourceLevel');

/** Does an IAM resource pattern (`*` wildcards) match an ARN? */
export const arnMatches = (pattern: string, candidate: string): boolean =>
  new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(candidate);

/**
 * The named resources of a template whose ARN no resource pattern of their type admits: a name the execution
 * role could not create. Names CloudFormation generates (`<stack>-<logicalId>-<random>`) are checked too.
 */
export const namesOutsideTheRole = (template: TemplateInput['template'] & { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }, stack: string, policy: PolicyDocument, render: (value: unknown) => string): string[] =>
  Object.entries(template.Resources).flatMap(([id, resource]) => {
    const naming = RESOURCE_ACCESS[resource.Type]?.name;
    if (naming === undefined) return [];
    const given = resource.Properties?.[naming.property];
    if (given === undefined && naming.generated === undefined) return [];
    const name = given === undefined ? naming.generated!(stack, id) : render(given);
    const candidate = naming.arn(name);
    const create = RESOURCE_ACCESS[resource.Type]!.create;
    const admitted = policy.Statement.some(
      (statement) => !isNoResourceLevel(statement) && statement.Action.includes(create) && statement.Resource.some((pattern) => arnMatches(pattern, candidate)),
    );
    return admitted ? [] : [`${id} (${resource.Type}) ${candidate}`];
  });
