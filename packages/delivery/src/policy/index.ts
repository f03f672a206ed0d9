import type { CfnTemplate, Rule, RuleContext, Violation } from './cfn';
import { dynamodbProtection } from './rules/dynamodb';
import { httpApiCors, httpApiStageLimits } from './rules/http-api';
import { httpRouteAuthorizer } from './rules/http-route-authorizer';
import { httpRouteScopes } from './rules/http-route-scopes';
import { iamHiddenWildcards } from './rules/iam-hidden-wildcards';
import { iamWildcards } from './rules/iam-wildcards';
import { lambdaRuntime } from './rules/lambda-runtime';
import { noLocalFaults } from './rules/local-faults';
import { logRetention } from './rules/log-retention';
import { dlqAlarm, inboxAgeAlarm, lambdaTracing, noAlarmsOnDev } from './rules/observability';
import { noPaymentSecrets, paymentProvider } from './rules/payments';
import { resourcePolicyPrincipal } from './rules/resource-policy-principal';
import { rolePerFunction } from './rules/role-per-function';
import { s3BucketHardening } from './rules/s3';
import { sqsEncryptionAndDlq, sqsMaxConcurrency, sqsMaxReceiveCount, sqsVisibilityTimeout } from './rules/sqs';
import { sqsMessageRetention } from './rules/sqs-retention';
import { statefulRetain } from './rules/stateful-retain';
import { standingCost } from './rules/standing-cost';

export type { CfnResource, CfnTemplate, Rule, RuleContext, Violation } from './cfn';

export const rules: readonly Rule[] = [
  iamWildcards,
  iamHiddenWildcards,
  resourcePolicyPrincipal,
  rolePerFunction,
  httpRouteAuthorizer,
  httpRouteScopes,
  sqsEncryptionAndDlq,
  sqsMaxReceiveCount,
  sqsVisibilityTimeout,
  sqsMessageRetention,
  sqsMaxConcurrency,
  s3BucketHardening,
  dynamodbProtection,
  statefulRetain,
  httpApiCors,
  httpApiStageLimits,
  logRetention,
  lambdaRuntime,
  lambdaTracing,
  dlqAlarm,
  inboxAgeAlarm,
  noAlarmsOnDev,
  standingCost,
  paymentProvider,
  noPaymentSecrets,
  noLocalFaults,
];

export const checkTemplate = (template: CfnTemplate, ruleSet: readonly Rule[] = rules, context: RuleContext = {}): Violation[] => {
  if (typeof template !== 'object' || template === null || typeof template.Resources !== 'object') {
    throw new Error('not a CloudFormation template: no Resources');
  }
  return ruleSet.flatMap((rule) => rule.check(template, context));
};

export const formatViolation = ({ rule, resource, message }: Violation): string => `${resource} [${rule}] ${message}`;
