import type { EventType } from './catalog';
import type { ServiceName } from './services';

/**
 * Which services consume which event type. The single source for: where a producer sends each event, the
 * producer's `sqs:SendMessage` resources, and what each consumer accepts from its inbox.
 * Adding a consumer = one line here + redeploying the producer (docs/adr/0004-point-to-point-inboxes.md).
 */
export const subscriptions = {
  'order.placed': ['payments', 'notifications'],
  'order.cancelled': ['payments', 'notifications'],
  'payment.captured': ['orders'],
  'payment.failed': ['orders', 'notifications'],
  'payment.action.required': ['orders'],
  'payment.refunded': ['orders', 'notifications'],
} as const satisfies Record<EventType, readonly ServiceName[]>;

export const subscribersOf = (type: EventType): readonly ServiceName[] => subscriptions[type];

/** The event types a service receives in its inbox. */
export const subscribedTypes = (service: ServiceName): EventType[] =>
  (Object.keys(subscriptions) as EventType[]).filter((type) =>
    (subscriptions[type] as readonly ServiceName[]).includes(service),
  );
