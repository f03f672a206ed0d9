import { props, resourcesOfType, type CfnTemplate, type Rule, type Violation } from '../cfn';

/**
 * Runtimes not deprecated by AWS Lambda as of 2026-11 (nodejs20.x was deprecated on 2026-04-30). An allow-list fails
 * closed: a runtime nobody reviewed is refused until it is added here.
 */
export const SUPPORTED_RUNTIMES = new Set(['nodejs22.x', 'nodejs24.x', 'python3.12', 'python3.13', 'python3.14', 'java21', 'provided.al2023']);

export const lambdaRuntime: Rule = {
  id: 'lambda-runtime',
  description: `Functions use a supported runtime (${[...SUPPORTED_RUNTIMES].join(', ')})`,
  check(template: CfnTemplate): Violation[] {
    return resourcesOfType(template, 'AWS::Lambda::Function').flatMap(([id, fn]) => {
      const { Runtime, PackageType } = props(fn);
      if (PackageType === 'Image') return [];
      if (typeof Runtime === 'string' && SUPPORTED_RUNTIMES.has(Runtime)) return [];
      return [{ rule: this.id, resource: id, message: `runtime ${String(Runtime)} is deprecated or not reviewed: use nodejs24.x (or nodejs22.x)` }];
    });
  },
};
