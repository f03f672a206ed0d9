import { isRecord, props, render, resourcesOfType, type CfnTemplate, type Rule, type Violation } from '../cfn';

export const logRetention: Rule = {
  id: 'log-retention',
  description: 'Every log group has a retention; every function logs to a log group the template manages',
  check(template: CfnTemplate): Violation[] {
    const groups = resourcesOfType(template, 'AWS::Logs::LogGroup');
    const withoutRetention = groups
      .filter(([, group]) => props(group).RetentionInDays === undefined)
      .map(([id]) => ({ rule: this.id, resource: id, message: 'log group has no RetentionInDays: logs would be kept (and billed) forever' }));
    const managedNames = new Set(groups.map(([, group]) => render(props(group).LogGroupName)));
    const unmanaged = resourcesOfType(template, 'AWS::Lambda::Function')
      .filter(([, fn]) => {
        const { FunctionName, LoggingConfig } = props(fn);
        const custom = isRecord(LoggingConfig) ? LoggingConfig.LogGroup : undefined;
        const logGroup = custom !== undefined ? render(custom) : typeof FunctionName === 'string' ? `/aws/lambda/${FunctionName}` : undefined;
        return logGroup !== undefined && !managedNames.has(logGroup);
      })
      .map(([id]) => ({
        rule: this.id,
        resource: id,
        message: 'function logs to a group the template does not create: Lambda would create it with no retention (keep `disableLogs` off)',
      }));
    return [...withoutRetention, ...unmanaged];
  },
};
