import { settingsFor } from '../stages';
import { alarmResource, alarmSpecs } from './alarms';
import { dashboardResource } from './dashboard';
import { alarmTopicArn } from './names';
import { inventoryOf, type Resource, type Template } from './template';

export * from './alarms';
export * from './dashboard';
export * from './metric-names';
export * from './names';
export * from './operations-stack';
export * from './template';

/**
 * X-Ray's write actions: AWS authorizes them on no resource, so `Resource: "*"` (the one exception the
 * iam-no-wildcards rule allows for them, and only them).
 */
export const XRAY_WRITE_STATEMENT = {
  Effect: 'Allow',
  Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  Resource: '*',
} as const;

interface RolePolicy {
  PolicyDocument?: { Statement?: unknown[] };
}

/**
 * osls grants a traced function's X-Ray writes on the shared role only; serverless-iam-roles-per-function gives
 * each function its own role without them. Adds them to the role of every function with active tracing.
 */
const grantTraceWrites = (template: Template, service: string, stage: string): void => {
  for (const fn of inventoryOf(template, service, stage).functions) {
    const role = fn.roleId ? template.Resources[fn.roleId] : undefined;
    if (!fn.traced || role?.Type !== 'AWS::IAM::Role') continue;
    const policies = (role.Properties?.Policies ?? []) as RolePolicy[];
    const statements = policies[0]?.PolicyDocument?.Statement;
    if (!statements) throw new Error(`${fn.roleId}: no inline policy to add the X-Ray writes of ${fn.name} to`);
    if (!statements.some((statement) => JSON.stringify(statement) === JSON.stringify(XRAY_WRITE_STATEMENT))) statements.push({ ...XRAY_WRITE_STATEMENT, Action: [...XRAY_WRITE_STATEMENT.Action] });
  }
};

/** The alarms and the dashboard of a service template on a stage with alarms (none elsewhere: $0 idle). */
export const observabilityResources = (template: Template, service: string, stage: string): Record<string, Resource> => {
  const settings = settingsFor(stage);
  if (!settings.alarms) return {};
  const inventory = inventoryOf(template, service, stage);
  const specs = alarmSpecs(inventory, service, stage, settings.alarmThresholds);
  const alarms = Object.fromEntries(specs.map((spec) => [spec.logicalId, alarmResource(spec, service, stage, alarmTopicArn(stage))]));
  const names = Object.values(alarms).map((alarm) => String(alarm.Properties?.AlarmName));
  return { ...alarms, ServiceDashboard: dashboardResource(inventory, service, stage, names) };
};

/**
 * What the observability plugin does to a packaged service template (ADR 0017): X-Ray writes for traced functions,
 * then, where the stage has alarms, every alarm and the service's dashboard. Mutates and returns the template.
 */
export const addObservability = (template: Template, service: string, stage: string): Template => {
  grantTraceWrites(template, service, stage);
  const added = observabilityResources(template, service, stage);
  const clash = Object.keys(added).filter((id) => template.Resources[id] !== undefined);
  if (clash.length > 0) throw new Error(`observability: the template already defines ${clash.join(', ')}`);
  Object.assign(template.Resources, added);
  return template;
};
