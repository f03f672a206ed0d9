/**
 * What the deploy roles of one stage are scoped to: the stage and the stacks (`<service>-<stage>`) its packaged
 * templates define. ARNs are written with CloudFormation's pseudo parameters (`${AWS::Partition}`,
 * `${AWS::Region}`, `${AWS::AccountId}`): `toJson` fills them in, `toCloudFormation` wraps them in Fn::Sub.
 */
export interface RoleScope {
  /** `dev`, `staging`, `prod`, or `pr-*` for the one role all preview stages share. */
  stage: string;
  /** The stacks' services (`orders`, `identity`, ...), from the packaged templates. */
  services: string[];
}

export const arn = (service: string, rest: string, { region = true, account = true } = {}): string =>
  `arn:\${AWS::Partition}:${service}:${region ? '${AWS::Region}' : ''}:${account ? '${AWS::AccountId}' : ''}:${rest}`;

/** Names the framework derives from the stack: functions, their roles and log groups, generated names. */
export const stackPrefixes = ({ stage, services }: RoleScope): string[] => services.map((service) => `${service}-${stage}-`);
/** Names the services choose for their data: `commerce-<stage>-<service>-...` (queues, tables, buckets, alarms). */
export const appPrefixes = ({ stage, services }: RoleScope): string[] => services.map((service) => `commerce-${stage}-${service}-`);

/** The stage in role and GitHub environment names: `preview` for the one pair every `pr-<n>` stage shares. */
export const roleStage = (scope: RoleScope): string => (scope.stage === 'pr-*' ? 'preview' : scope.stage);
export const rolesOf = (scope: RoleScope) => ({ execution: `commerce-${roleStage(scope)}-cfn-execution`, ci: `commerce-${roleStage(scope)}-github-deploy` });
