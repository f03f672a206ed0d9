/**
 * Resolves the CloudFormation intrinsic functions a packaged Serverless template uses for local resources:
 * Ref, Fn::GetAtt, Fn::Sub (both forms), Fn::Join, Fn::Select and the pseudo parameters.
 */
export interface ResolveContext {
  region: string;
  accountId: string;
  stackName: string;
  /** Ref value of a logical id (queue URL, table/bucket name, function name...). */
  ref(logicalId: string): string | undefined;
  /** Fn::GetAtt value. */
  getAtt(logicalId: string, attribute: string): string | undefined;
}

const pseudo = (name: string, context: ResolveContext): string | undefined =>
  ({
    'AWS::AccountId': context.accountId,
    'AWS::Region': context.region,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': context.stackName,
    'AWS::NoValue': '',
  })[name];

const unresolved = (what: string): never => {
  throw new Error(`cannot resolve ${what} locally`);
};

const ref = (name: string, context: ResolveContext): string =>
  pseudo(name, context) ?? context.ref(name) ?? unresolved(`Ref ${name}`);

const getAtt = (target: unknown, context: ResolveContext): string => {
  const [logicalId, attribute] = typeof target === 'string' ? target.split('.', 2) : (target as [string, string]);
  if (!logicalId || !attribute) return unresolved(`Fn::GetAtt ${JSON.stringify(target)}`);
  return context.getAtt(logicalId, attribute) ?? unresolved(`Fn::GetAtt ${logicalId}.${attribute}`);
};

const substitute = (text: string, variables: Record<string, unknown>, context: ResolveContext): string =>
  text.replace(/\$\{(!?)([^}]+)\}/g, (whole, literal: string, name: string) => {
    if (literal) return `\${${name}}`;
    if (name in variables) return String(resolveValue(variables[name], context));
    if (name.includes('.') && !name.startsWith('AWS::')) return getAtt(name, context);
    return ref(name, context);
  });

export const resolveValue = (value: unknown, context: ResolveContext): unknown => {
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, context));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key) {
    if (key === 'Ref') return ref(argument as string, context);
    if (key === 'Fn::GetAtt') return getAtt(argument, context);
    if (key === 'Fn::Sub') {
      if (typeof argument === 'string') return substitute(argument, {}, context);
      const [text, variables] = argument as [string, Record<string, unknown>];
      return substitute(text, variables, context);
    }
    if (key === 'Fn::Join') {
      const [separator, parts] = argument as [string, unknown[]];
      return (resolveValue(parts, context) as unknown[]).map(String).join(separator);
    }
    if (key === 'Fn::Select') {
      const [index, list] = argument as [number | string, unknown];
      return (resolveValue(list, context) as unknown[])[Number(index)];
    }
    if (key.startsWith('Fn::')) return unresolved(key);
  }
  return Object.fromEntries(entries.map(([name, item]) => [name, resolveValue(item, context)]));
};

export const resolveString = (value: unknown, context: ResolveContext, what: string): string => {
  const resolved = resolveValue(value, context);
  if (typeof resolved !== 'string' && typeof resolved !== 'number') throw new Error(`${what} did not resolve to a string`);
  return String(resolved);
};
