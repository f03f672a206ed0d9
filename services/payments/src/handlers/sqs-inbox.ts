import { parseEvent, toFieldIssues, type DomainEvent } from '@commerce/domain-events';
import { createTelemetry, sqsBatchConsumer, UnexpectedEventError } from '@commerce/service-kit';
import type { PaymentService } from '../app/payment-service';
import { paymentService } from '../composition';
import { isPaymentCommandBody, PaymentCommand } from '../domain/inbox-commands';

const telemetry = createTelemetry('payments');

/** The domain events payments subscribes to. */
const ACCEPTED = ['order.placed', 'order.cancelled'] as const;

type InboxItem = { kind: 'event'; event: DomainEvent } | { kind: 'command'; command: PaymentCommand };

export class InvalidCommandError extends Error {
  override readonly name = 'InvalidCommandError';
}

/** A record is a domain event of an accepted type (validated, upcast) or one of payments' own commands (ADR 0022). */
export const parseInboxRecord = (body: string): InboxItem => {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (isPaymentCommandBody(json)) {
    const parsed = PaymentCommand.safeParse(json);
    if (!parsed.success) {
      throw new InvalidCommandError(`invalid payments command: ${toFieldIssues(parsed.error).map((issue) => `${issue.path} ${issue.message}`).join('; ')}`);
    }
    return { kind: 'command', command: parsed.data };
  }
  const event = parseEvent(body);
  if (!(ACCEPTED as readonly string[]).includes(event.type)) throw new UnexpectedEventError(`this inbox does not accept ${event.type}`);
  return { kind: 'event', event };
};

/**
 * The payments inbox: order.placed, order.cancelled, and payments' own commands (a verified webhook's check-action, the
 * expiry timer's expire-action). A record fails (and SQS redelivers it, then dead-letters it) when it is invalid, when
 * the provider fails transiently, or when another worker holds the same order.
 */
export const createInboxHandler = (service: () => PaymentService = paymentService) =>
  sqsBatchConsumer<InboxItem>({
    ...telemetry,
    parse: (record) => parseInboxRecord(record.body),
    describe: (item) =>
      item.kind === 'event'
        ? { eventId: item.event.eventId, eventType: item.event.type, correlationId: item.event.correlationId }
        : { command: item.command.command, orderId: item.command.orderId },
    handle: async (item, { logger: log }) => {
      if (item.kind === 'command') {
        const { command } = item;
        if (command.command === 'check-action') return service().onActionCheck(command.orderId, log);
        return service().onActionExpired(command.orderId, log);
      }
      const { event } = item;
      if (event.type === 'order.placed') return service().onOrderPlaced(event, log);
      if (event.type === 'order.cancelled') return service().onOrderCancelled(event, log);
      throw new Error(`unexpected ${event.type}`);
    },
  });

export const handler = createInboxHandler();
