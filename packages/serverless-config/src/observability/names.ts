import { APP } from '../stages';

/** The operations stack (stacks/operations): the stage's alarm topic and its key (ADR 0017). */
export const OPERATIONS_STACK = 'operations';

/** Deterministic, so every service's alarms can target it without a stack output: `commerce-<stage>-operations-alarms`. */
export const alarmTopicName = (stage: string): string => `${APP}-${stage}-${OPERATIONS_STACK}-alarms`;

export const alarmTopicArn = (stage: string): { 'Fn::Sub': string } => ({
  'Fn::Sub': `arn:\${AWS::Partition}:sns:\${AWS::Region}:\${AWS::AccountId}:${alarmTopicName(stage)}`,
});

/** The alias of the topic's KMS key: `alias/commerce-<stage>-operations-alarms`. */
export const alarmKeyAlias = (stage: string): string => `alias/${alarmTopicName(stage)}`;

/** How often the orders' outbox sweeper runs; its alarm fires when an event has been pending longer than this. */
export const OUTBOX_SWEEP_MINUTES = 5;
