/**
 * Validates CloudFormation templates against the published resource specification, as carried by
 * `@aws-cdk/aws-service-spec` (the CloudFormation registry schemas, merged and kept current by the AWS CDK team).
 * It finds what CloudFormation itself would refuse before it creates anything: an unknown resource type or
 * property, a missing required property, a value of the wrong shape (a list where an object is expected, a word
 * where a number is expected), a Ref or Fn::GetAtt to nothing, an unknown attribute.
 *
 * An intrinsic function (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, ...) is accepted wherever a value is expected — its
 * result is only known at deploy time — except that the branches of Fn::If are checked as the value itself. A
 * `{{resolve:...}}` dynamic reference is accepted wherever a scalar is expected.
 */
import type { PropertyType, Resource, SpecDatabase, TypeDefinition } from '@aws-cdk/service-spec-types';

export interface SpecViolation {
  /** Logical id of the resource or output. */
  resource: string;
  /** Property path inside it: `Properties.Environment.Variables`. */
  path: string;
  message: string;
}

type Properties = Record<string, { required?: boolean; type: PropertyType; previousTypes?: PropertyType[] }>;

const RESOURCE_KEYS = new Set(['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata', 'CreationPolicy', 'UpdatePolicy']);
const DELETION_POLICIES = new Set(['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot']);
const TOP_LEVEL = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs']);
const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const INTRINSICS = new Set([
  'Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::If', 'Fn::Select', 'Fn::Split', 'Fn::FindInMap', 'Fn::ImportValue',
  'Fn::GetAZs', 'Fn::Base64', 'Fn::Cidr', 'Fn::Length', 'Fn::ToJsonString', 'Fn::Transform', 'Fn::Equals', 'Fn::And',
  'Fn::Or', 'Fn::Not', 'Condition',
]);
const DYNAMIC_REFERENCE = /^\{\{resolve:(ssm|ssm-secure|secretsmanager):[^}]+\}\}$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const intrinsicOf = (value: unknown): string | undefined => {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && INTRINSICS.has(keys[0]!) ? keys[0] : undefined;
};

/** Any parsed template: sections are checked, not assumed. */
export type TemplateLike = object;

export class SpecValidator {
  constructor(private readonly db: SpecDatabase) {}

  resourceType(type: string): Resource | undefined {
    return this.db.lookup('resource', 'cloudFormationType', 'equals', type)[0];
  }

  validate(parsed: TemplateLike): SpecViolation[] {
    const template = parsed as Record<string, unknown>;
    const violations: SpecViolation[] = [];
    const report = (resource: string, path: string, message: string) => violations.push({ resource, path, message });
    for (const key of Object.keys(template)) if (!TOP_LEVEL.has(key)) report('(template)', key, `unknown template section "${key}"`);
    const resources = isRecord(template.Resources) ? template.Resources : {};
    if (Object.keys(resources).length === 0) report('(template)', 'Resources', 'a template needs at least one resource');
    const parameters = new Set(Object.keys(isRecord(template.Parameters) ? template.Parameters : {}));
    const conditions = new Set(Object.keys(isRecord(template.Conditions) ? template.Conditions : {}));
    const context: Context = { resources, parameters, conditions, report };

    for (const [id, raw] of Object.entries(resources)) {
      if (!isRecord(raw)) {
        report(id, '', 'a resource must be an object');
        continue;
      }
      Object.keys(raw).filter((key) => !RESOURCE_KEYS.has(key)).forEach((key) => report(id, key, `unknown resource attribute "${key}"`));
      for (const key of ['DeletionPolicy', 'UpdateReplacePolicy'] as const) {
        if (raw[key] !== undefined && !DELETION_POLICIES.has(raw[key] as string)) report(id, key, `${key} must be one of ${[...DELETION_POLICIES].join(', ')}`);
      }
      if (typeof raw.Condition === 'string' && !conditions.has(raw.Condition)) report(id, 'Condition', `no condition "${raw.Condition}" in Conditions`);
      for (const dependency of [raw.DependsOn ?? []].flat()) {
        if (typeof dependency !== 'string' || resources[dependency] === undefined) report(id, 'DependsOn', `DependsOn names no resource of this template: ${JSON.stringify(dependency)}`);
      }
      const type = raw.Type;
      if (typeof type !== 'string') {
        report(id, 'Type', 'missing Type');
        continue;
      }
      if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') {
        this.checkIntrinsics(raw.Properties, id, 'Properties', context);
        continue;
      }
      const spec = this.resourceType(type);
      if (spec === undefined) {
        report(id, 'Type', `unknown resource type ${type}`);
        continue;
      }
      if (raw.Properties !== undefined && !isRecord(raw.Properties)) {
        report(id, 'Properties', 'Properties must be an object');
        continue;
      }
      this.checkProperties(raw.Properties ?? {}, spec.properties, id, 'Properties', context);
    }

    const outputs = isRecord(template.Outputs) ? template.Outputs : {};
    for (const [id, output] of Object.entries(outputs)) {
      if (!isRecord(output) || output.Value === undefined) {
        report(id, 'Outputs', 'an output needs a Value');
        continue;
      }
      this.checkIntrinsics(output.Value, id, 'Outputs.Value', context);
    }
    return violations;
  }

  private checkProperties(value: Record<string, unknown>, properties: Properties, id: string, path: string, context: Context): void {
    for (const [name, property] of Object.entries(properties)) {
      if (property.required && value[name] === undefined) context.report(id, `${path}.${name}`, `missing required property ${name}`);
    }
    for (const [name, given] of Object.entries(value)) {
      const property = properties[name];
      if (property === undefined) {
        context.report(id, `${path}.${name}`, `unknown property ${name} (known: ${Object.keys(properties).sort().join(', ')})`);
        continue;
      }
      this.checkValue(given, [property.type, ...(property.previousTypes ?? [])], id, `${path}.${name}`, context);
    }
  }

  /** Does `value` fit one of `types`? Reports the first type's mismatch when none fits. */
  private checkValue(value: unknown, types: PropertyType[], id: string, path: string, context: Context): void {
    const intrinsic = intrinsicOf(value);
    if (intrinsic === 'Fn::If') {
      const args = (value as Record<string, unknown>)['Fn::If'];
      if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
        context.report(id, path, 'Fn::If takes [condition, value if true, value if false]');
        return;
      }
      if (!context.conditions.has(args[0])) context.report(id, path, `Fn::If names no condition of this template: ${args[0]}`);
      args.slice(1).forEach((branch, index) => this.checkValue(branch, types, id, `${path}[Fn::If ${index === 0 ? 'true' : 'false'}]`, context));
      return;
    }
    if (intrinsic !== undefined) {
      this.checkIntrinsics(value, id, path, context);
      return;
    }
    const attempts = types.map((type) => {
      const found: SpecViolation[] = [];
      this.checkType(value, type, id, path, { ...context, report: (r, p, m) => found.push({ resource: r, path: p, message: m }) });
      return found;
    });
    if (attempts.some((found) => found.length === 0)) return;
    attempts[0]!.forEach((violation) => context.report(violation.resource, violation.path, violation.message));
  }

  private checkType(value: unknown, type: PropertyType, id: string, path: string, context: Context): void {
    const wrong = (expected: string) => context.report(id, path, `expected ${expected}, got ${describe(value)}`);
    const dynamic = typeof value === 'string' && DYNAMIC_REFERENCE.test(value);
    switch (type.type) {
      case 'string':
      case 'date-time':
        if (!['string', 'number', 'boolean'].includes(typeof value)) wrong('a string');
        return;
      case 'number':
        if (typeof value !== 'number' && !(typeof value === 'string' && (dynamic || /^-?\d+(\.\d+)?$/.test(value)))) wrong('a number');
        return;
      case 'integer':
        if (!(Number.isInteger(value) || (typeof value === 'string' && (dynamic || /^-?\d+$/.test(value))))) wrong('an integer');
        return;
      case 'boolean':
        if (typeof value !== 'boolean' && !(typeof value === 'string' && (dynamic || /^(true|false)$/i.test(value)))) wrong('a boolean');
        return;
      case 'json':
        if (typeof value === 'string' && !dynamic) {
          try {
            JSON.parse(value);
          } catch {
            wrong('a JSON object (or its JSON text)');
          }
        }
        this.checkIntrinsics(value, id, path, context);
        return;
      case 'null':
        if (value !== null) wrong('null');
        return;
      case 'tag':
        if (!isRecord(value)) return wrong('a tag { Key, Value }');
        this.checkProperties(value, { Key: { required: true, type: { type: 'string' } }, Value: { required: true, type: { type: 'string' } } }, id, path, context);
        return;
      case 'array':
        if (!Array.isArray(value)) return wrong('a list');
        value.forEach((element, index) => this.checkValue(element, [type.element], id, `${path}[${index}]`, context));
        return;
      case 'map':
        if (!isRecord(value)) return wrong('a map');
        Object.entries(value).forEach(([key, element]) => this.checkValue(element, [type.element], id, `${path}.${key}`, context));
        return;
      case 'union':
        this.checkValue(value, type.types, id, path, context);
        return;
      case 'ref': {
        const definition = this.db.get('typeDefinition', type.reference) as TypeDefinition;
        if (!isRecord(value)) return wrong(`an object (${definition.name})`);
        this.checkProperties(value, definition.properties, id, path, context);
        return;
      }
    }
  }

  /** Intrinsic functions anywhere inside a value: Ref and Fn::GetAtt must name something, Fn::If a condition. */
  private checkIntrinsics(value: unknown, id: string, path: string, context: Context): void {
    if (Array.isArray(value)) return value.forEach((element, index) => this.checkIntrinsics(element, id, `${path}[${index}]`, context));
    if (!isRecord(value)) return;
    const intrinsic = intrinsicOf(value);
    if (intrinsic === 'Ref') {
      const target = value.Ref;
      if (typeof target !== 'string' || !(PSEUDO_PARAMETERS.has(target) || context.parameters.has(target) || context.resources[target] !== undefined)) {
        context.report(id, path, `Ref names nothing in this template: ${JSON.stringify(target)}`);
      }
      return;
    }
    if (intrinsic === 'Fn::GetAtt') {
      this.checkGetAtt(value['Fn::GetAtt'], id, path, context);
      return;
    }
    if (intrinsic === 'Fn::If') {
      const args = value['Fn::If'];
      if (Array.isArray(args) && typeof args[0] === 'string' && !context.conditions.has(args[0])) context.report(id, path, `Fn::If names no condition of this template: ${args[0]}`);
      if (Array.isArray(args)) args.slice(1).forEach((branch) => this.checkIntrinsics(branch, id, path, context));
      return;
    }
    Object.entries(value).forEach(([key, element]) => this.checkIntrinsics(element, id, `${path}.${key}`, context));
  }

  private checkGetAtt(args: unknown, id: string, path: string, context: Context): void {
    const [target, attribute] = typeof args === 'string' ? [args.split('.')[0], args.split('.').slice(1).join('.')] : Array.isArray(args) ? args : [];
    const resource = typeof target === 'string' ? context.resources[target] : undefined;
    if (!isRecord(resource)) {
      context.report(id, path, `Fn::GetAtt names no resource of this template: ${JSON.stringify(target)}`);
      return;
    }
    if (typeof attribute !== 'string') return; // computed attribute name
    const type = typeof resource.Type === 'string' ? resource.Type : '';
    if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return;
    const spec = this.resourceType(type);
    if (spec !== undefined && spec.attributes[attribute] === undefined) {
      context.report(id, path, `${type} has no attribute ${attribute} (it has: ${Object.keys(spec.attributes).sort().join(', ')})`);
    }
  }
}

interface Context {
  resources: Record<string, unknown>;
  parameters: Set<string>;
  conditions: Set<string>;
  report: (resource: string, path: string, message: string) => void;
}

const describe = (value: unknown): string => (Array.isArray(value) ? 'a list' : value === null ? 'null' : isRecord(value) ? 'an object' : `${typeof value} ${JSON.stringify(value)}`);

export const formatSpecViolation = (violation: SpecViolation): string => `${violation.resource} ${violation.path}: ${violation.message}`;
