import { props, referencedId, render, resourcesOfType, type CfnTemplate, type Rule, type Violation } from '../cfn';

export const rolePerFunction: Rule = {
  id: 'iam-role-per-function',
  description: 'Every Lambda function has its own execution role (least privilege per function)',
  check(template: CfnTemplate): Violation[] {
    const users = new Map<string, string[]>();
    for (const [id, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
      const role = props(fn).Role;
      const key = referencedId(role) ?? render(role);
      users.set(key, [...(users.get(key) ?? []), id]);
    }
    return [...users.entries()]
      .filter(([, functions]) => functions.length > 1)
      .map(([role, functions]) => ({
        rule: this.id,
        resource: role,
        message: `role is shared by ${functions.length} functions (${functions.join(', ')}): give each function its own role (iamRoleStatements on the function)`,
      }));
  },
};
