import { isProtectedStage, isRecord, props, resourcesOfType, type CfnTemplate, type Rule, type RuleContext, type Violation } from '../cfn';

const enabled = (value: unknown): boolean => value === true || value === 'true';
const flag = (properties: Record<string, unknown>, block: string, key: string): boolean => {
  const settings = properties[block];
  return isRecord(settings) && enabled(settings[key]);
};

export const dynamodbProtection: Rule = {
  id: 'dynamodb-sse-and-pitr',
  description: 'Every table sets SSESpecification.SSEEnabled; on staging/prod also point-in-time recovery and deletion protection',
  check(template: CfnTemplate, context?: RuleContext): Violation[] {
    const protectedStage = isProtectedStage(context);
    return resourcesOfType(template, 'AWS::DynamoDB::Table').flatMap(([id, table]) => {
      const p = props(table);
      const found: Violation[] = [];
      const say = (message: string) => found.push({ rule: this.id, resource: id, message });
      if (!flag(p, 'SSESpecification', 'SSEEnabled')) say('table without `SSESpecification: { SSEEnabled: true }`');
      if (protectedStage && !flag(p, 'PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled')) {
        say(`stage ${context?.stage ?? '(unknown)'}: table without point-in-time recovery (PointInTimeRecoverySpecification)`);
      }
      if (protectedStage && !enabled(p.DeletionProtectionEnabled)) {
        say(`stage ${context?.stage ?? '(unknown)'}: table without DeletionProtectionEnabled: true`);
      }
      return found;
    });
  },
};
