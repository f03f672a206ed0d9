import { APP, settingsFor } from '../stages';
import { alarmKeyAlias, alarmTopicName } from './names';
import type { Resource } from './template';

const ACCOUNT_ROOT = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' };

/**
 * What the account's own principals may do with the key, through their IAM policies (the key policy delegates to
 * IAM by naming the account): manage it, and encrypt/decrypt for a test publish. Listed, not `kms:*`.
 */
const KEY_ADMIN_ACTIONS = [
  'kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation',
  'kms:EnableKey', 'kms:DisableKey', 'kms:UpdateKeyDescription', 'kms:ListResourceTags', 'kms:TagResource', 'kms:UntagResource',
  'kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion',
  'kms:GenerateDataKey', 'kms:Decrypt',
];

/**
 * The operations stack of a stage (stacks/operations, ADR 0017): on stages with alarms, the one SNS topic every alarm
 * notifies, encrypted with a customer managed KMS key — CloudWatch cannot publish to a topic encrypted with the AWS
 * managed `alias/aws/sns` key, whose policy cannot grant it — and the topic policy letting only this account's
 * alarms publish. Nothing on dev, PR and local stages (no alarms there; the key alone would cost $1/month).
 */
export const operationsResources = (stage: string): Record<string, Resource> => {
  if (!settingsFor(stage).alarms) return {};
  const topicName = alarmTopicName(stage);
  return {
    AlarmTopicKey: {
      Type: 'AWS::KMS::Key',
      Properties: {
        Description: `Encrypts ${topicName}: the ${stage} alarms (CloudWatch publishes with it)`,
        EnableKeyRotation: true,
        PendingWindowInDays: 7,
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'AccountManagesTheKeyThroughIam', Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: KEY_ADMIN_ACTIONS, Resource: '*' },
            {
              Sid: 'CloudWatchAlarmsPublishToTheTopic',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
              Resource: '*',
            },
          ],
        },
        Tags: [
          { Key: 'app', Value: APP },
          { Key: 'stage', Value: stage },
        ],
      },
    },
    AlarmTopicKeyAlias: {
      Type: 'AWS::KMS::Alias',
      Properties: { AliasName: alarmKeyAlias(stage), TargetKeyId: { Ref: 'AlarmTopicKey' } },
    },
    AlarmTopic: {
      Type: 'AWS::SNS::Topic',
      Properties: {
        TopicName: topicName,
        DisplayName: `${APP} ${stage} alarms`,
        KmsMasterKeyId: { Ref: 'AlarmTopicKey' },
        Tags: [
          { Key: 'app', Value: APP },
          { Key: 'stage', Value: stage },
        ],
      },
    },
    AlarmTopicPolicy: {
      Type: 'AWS::SNS::TopicPolicy',
      Properties: {
        Topics: [{ Ref: 'AlarmTopic' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'ThisAccountsAlarmsPublish',
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Resource: { Ref: 'AlarmTopic' },
              Condition: {
                ArnLike: { 'aws:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*' } },
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              },
            },
          ],
        },
      },
    },
  };
};

/** `custom.vars` of stacks/operations: its resources, and the topic's name for the outputs. */
export const operationsVars = (stage: string) => ({
  stage,
  alarms: settingsFor(stage).alarms,
  topicName: alarmTopicName(stage),
  resources: { Resources: operationsResources(stage) },
});
