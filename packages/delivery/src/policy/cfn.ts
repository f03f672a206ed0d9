// The module itself, not the observability index: tsx loads serverless-config as CommonJS, and an ES module's named
// import from it sees only exports declared in that file, not `export *` re-exports (the policy CLI failed so).
import { targetOf } from '@commerce/serverless-config/template-references';

/** The slice of a CloudFormation template the policy rules read. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
}

export interface Violation {
  rule: string;
  /** Logical id of the offending resource. */
  resource: string;
  message: string;
}

/** What a rule knows besides the template: the stage it was packaged for (undefined = unknown). */
export interface RuleContext {
  stage?: string;
}

export interface Rule {
  id: string;
  /** One line: what the rule demands and why. */
  description: string;
  check(template: CfnTemplate, context?: RuleContext): Violation[];
}

/** Stages whose data must survive a stack deletion or replacement. An unknown stage counts as one (fail closed). */
export const PROTECTED_STAGES: readonly string[] = ['staging', 'prod'];
export const isProtectedStage = (context: RuleContext | undefined): boolean =>
  context?.stage === undefined || PROTECTED_STAGES.includes(context.stage);

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const asArray = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export const resourcesOfType = (template: CfnTemplate, type: string): [string, CfnResource][] =>
  Object.entries(template.Resources ?? {}).filter(([, resource]) => resource.Type === type);

export const props = (resource: CfnResource): Record<string, unknown> => resource.Properties ?? {};

/** Logical id a value points at through `Ref`, `Fn::GetAtt` (array or dotted form), if any: the one the alarm generator uses. */
export const referencedId: (value: unknown) => string | undefined = targetOf;

/**
 * A best-effort string rendering of a value that may be an intrinsic function: literals stay literal, `Fn::Sub`
 * keeps its template (`${AWS::Region}`), `Fn::Join` joins its parts, and any other intrinsic becomes `${...}`.
 * Wildcards written by the author survive; wildcards cannot appear out of a Ref or GetAtt.
 */
export const render = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isRecord(value)) {
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') return sub;
    if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return join[1].map(render).join(join[0]);
    }
    const id = referencedId(value);
    return id ? `\${${id}}` : '${...}';
  }
  return '${...}';
};

/** A number from a literal or numeric string; undefined for anything computed at deploy time. */
export const numeric = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return Number(value);
  return undefined;
};
