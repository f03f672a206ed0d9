import { isProtectedStage, resourcesOfType, type CfnTemplate, type Rule, type RuleContext, type Violation } from '../cfn';
import { deadLetterQueues } from './sqs';

/** The framework's deployment bucket holds artifacts only: it may go with the stack. */
const DEPLOYMENT_BUCKET = 'ServerlessDeploymentBucket';

export const statefulRetain: Rule = {
  id: 'stateful-retain',
  description: 'On staging/prod, tables, buckets (but the deployment bucket) and DLQs have DeletionPolicy and UpdateReplacePolicy Retain',
  check(template: CfnTemplate, context?: RuleContext): Violation[] {
    if (!isProtectedStage(context)) return [];
    const dlqs = deadLetterQueues(template);
    const stateful = [
      ...resourcesOfType(template, 'AWS::DynamoDB::Table'),
      ...resourcesOfType(template, 'AWS::S3::Bucket').filter(([id]) => id !== DEPLOYMENT_BUCKET),
      ...resourcesOfType(template, 'AWS::SQS::Queue').filter(([id]) => dlqs.has(id)),
    ];
    return stateful
      .filter(([, resource]) => resource.DeletionPolicy !== 'Retain' || resource.UpdateReplacePolicy !== 'Retain')
      .map(([id, resource]) => ({
        rule: this.id,
        resource: id,
        message: `stage ${context?.stage ?? '(unknown)'}: ${resource.Type} has DeletionPolicy ${resource.DeletionPolicy ?? '(Delete)'} and ` +
          `UpdateReplacePolicy ${resource.UpdateReplacePolicy ?? '(Delete)'}: both must be Retain (a stack deletion or replacement would destroy data)`,
      }));
  },
};
