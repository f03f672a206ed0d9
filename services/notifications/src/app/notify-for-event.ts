import type { DomainEvent } from '@commerce/domain-events';
import { eventSourceKey } from '../domain/message';
import { contentForEvent } from '../domain/message-content';
import type { AppLogger } from '../ports/app-logger';
import { deliverMessage, type DeliveryDeps, type DeliveryResult } from './deliver-message';

/** One message per (event, customer): the customer the event is about, deduplicated on the event id. */
export const notifyForEvent = async (deps: DeliveryDeps, event: DomainEvent, logger: AppLogger): Promise<DeliveryResult | undefined> => {
  const content = contentForEvent(event);
  if (!content) {
    logger.info('no message for this event type', { eventType: event.type });
    return undefined;
  }
  return deliverMessage(deps, content, eventSourceKey(event.eventId), logger, event.correlationId);
};
