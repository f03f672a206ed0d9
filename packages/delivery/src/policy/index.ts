import type { CfnTemplate, Rule, Violation } from './cfn';
import { httpRouteAuthorizer } from './rules/http-route-authorizer';
import { httpRouteScopes } from './rules/http-route-scopes';
import { iamWildcards } from './rules/iam-wildcards';
import { lambdaRuntime } from './rules/lambda-runtime';
import { logRetention } from './rules/log-retention';
import { noPaymentSecrets, paymentProvider } from './rules/payments';
import { rolePerFunction } from './rules/role-per-function';
import { s3BucketHardening } from './rules/s3';
import { sqsEncryptionAndDlq, sqsMaxReceiveCount, sqsVisibilityTimeout } from './rules/sqs';
import { standingCost } from './rules/standing-cost';

export type { CfnResource, CfnTemplate, Rule, Violation } from './cfn';

export const rules: readonly Rule[] = [
  iamWildcards,
  rolePerFunction,
  httpRouteAuthorizer,
  httpRouteScopes,
  sqsEncryptionAndDlq,
  sqsMaxReceiveCount,
  sqsVisibilityTimeout,
  s3BucketHardening,
  logRetention,
  lambdaRuntime,
  standingCost,
  paymentProvider,
  noPaymentSecrets,
];

export const checkTemplate = (template: CfnTemplate, ruleSet: readonly Rule[] = rules): Violation[] => {
  if (typeof template !== 'object' || template === null || typeof template.Resources !== 'object') {
    throw new Error('not a CloudFormation template: no Resources');
  }
  return ruleSet.flatMap((rule) => rule.check(template));
};

export const formatViolation = ({ rule, resource, message }: Violation): string => `${resource} [${rule}] ${message}`;
