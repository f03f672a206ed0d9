import type { Message } from '@aws-sdk/client-sqs';
import { faultDraw, type LocalFaultPlan } from '@commerce/service-kit/faults';

/**
 * Injected duplicate delivery (ADR 0018, local soak only): the records of a delivered batch that SQS' at-least-once
 * delivery hands out a second time. Decided per message on its first delivery, from the plan's seed. The copy is the
 * same message (id, body, attributes) with a receive count of 2, as a second receive of it would give.
 */
export const duplicatesOf = (plan: LocalFaultPlan | undefined, messages: Message[]): Message[] => {
  if (!plan || plan.duplicateDeliveryRate === 0) return [];
  return messages
    .filter((message) => message.Attributes?.ApproximateReceiveCount === '1')
    .filter((message) => faultDraw(plan.seed, 'duplicate-delivery', message.MessageId!) < plan.duplicateDeliveryRate)
    .map((message) => ({ ...message, Attributes: { ...message.Attributes, ApproximateReceiveCount: '2' } }));
};
