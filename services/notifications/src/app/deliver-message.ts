import { randomUUID } from 'node:crypto';
import type { BusinessMetrics } from '@commerce/service-kit';
import { MessageInFlightError, TemplateError } from '../domain/errors';
import { CHANNEL, messageIdFor, type MessageRecord, type RenderedMessage } from '../domain/message';
import type { MessageContent } from '../domain/message-content';
import type { AppLogger } from '../ports/app-logger';
import type { Clock } from '../ports/clock';
import type { CustomerDirectory } from '../ports/customer-directory';
import type { MessageLog } from '../ports/message-log';
import type { NotificationSender } from '../ports/notification-sender';
import type { TemplateRenderer } from '../ports/template-renderer';

export interface DeliveryDeps {
  messageLog: MessageLog;
  sender: NotificationSender;
  directory: CustomerDirectory;
  renderer: TemplateRenderer;
  clock: Clock;
  /** How long a claim protects an attempt that is sending: longer than the longest send, shorter than the queue's visibility timeout. */
  leaseMs: number;
  newToken?: () => string;
  /** Counts MessagesSent (ADR 0017); none in tests that do not ask. */
  metrics?: BusinessMetrics;
}

export type DeliveryOutcome =
  /** First attempt: claimed, sent, recorded. */
  | 'sent'
  /** A previous attempt claimed it but never recorded a send (crashed or failed): this one took over and sent. */
  | 'retried'
  /** Already SENT: nothing to do (redelivery, duplicate notification). */
  | 'duplicate';

export interface DeliveryResult {
  messageId: string;
  outcome: DeliveryOutcome;
}

const render = (deps: DeliveryDeps, content: MessageContent): RenderedMessage => {
  try {
    return deps.renderer.render(content.type, content.model);
  } catch (error) {
    if (error instanceof TemplateError) throw error;
    throw new TemplateError(`rendering ${content.type} failed: ${(error as Error).message}`);
  }
};

/**
 * Sends the message for (sourceKey, customer) at most once per successful claim, and records exactly one send:
 *
 * 1. render (a template failure is poison: it fails the record before anything is written);
 * 2. claim: create the record in SENDING under a fresh token and a lease — conditional on the id being new;
 *    if it exists: SENT -> duplicate, done; SENDING under a live lease -> another attempt is sending, fail the record
 *    (it is redelivered later); SENDING with an expired lease -> take the claim over (conditional on the old token);
 * 3. send through the port; on failure release the claim (lease ends now) and fail the record;
 * 4. mark SENT conditional on still holding the claim.
 *
 * See docs/adr/0030-notifications-exactly-once-delivery.md for why this is safe under redelivery and concurrency, and
 * for the one window (a crash between the provider accepting and step 4) where a second email can go out.
 */
export const deliverMessage = async (
  deps: DeliveryDeps,
  content: MessageContent,
  sourceKey: string,
  logger: AppLogger,
  correlationId?: string,
): Promise<DeliveryResult> => {
  const messageId = messageIdFor(sourceKey, content.customerId);
  const rendered = render(deps, content);
  const recipient = await deps.directory.emailOf(content.customerId);
  const now = deps.clock.now();
  const token = (deps.newToken ?? randomUUID)();
  const leaseExpiresAt = now.getTime() + deps.leaseMs;

  let outcome: DeliveryOutcome = 'sent';
  const created = await deps.messageLog.create({
    messageId,
    sourceKey,
    customerId: content.customerId,
    type: content.type,
    orderId: content.orderId,
    channel: CHANNEL,
    recipient,
    ...rendered,
    status: 'SENDING',
    createdAt: now.toISOString(),
    claimToken: token,
    leaseExpiresAt,
    attempts: 1,
    ...(correlationId ? { correlationId } : {}),
  } satisfies MessageRecord);

  if (!created) {
    const existing = await deps.messageLog.get(messageId);
    if (!existing) throw new MessageInFlightError(`message ${messageId} exists but could not be read`);
    if (existing.status === 'SENT') {
      logger.info('message already sent: acknowledging the duplicate', { messageId });
      return { messageId, outcome: 'duplicate' };
    }
    if (existing.leaseExpiresAt > now.getTime()) {
      throw new MessageInFlightError(`message ${messageId} is being sent by another attempt (lease until ${new Date(existing.leaseExpiresAt).toISOString()})`);
    }
    const tookOver = await deps.messageLog.takeOver(messageId, existing.claimToken, {
      token,
      leaseExpiresAt,
      now: now.getTime(),
      content: { ...rendered, recipient },
    });
    if (!tookOver) throw new MessageInFlightError(`another attempt took over message ${messageId} first`);
    logger.warn('taking over an unfinished send', { messageId, previousAttempts: existing.attempts, lastError: existing.lastError });
    outcome = 'retried';
  }

  let sent;
  try {
    sent = await deps.sender.send({ messageId, type: content.type, to: recipient, ...rendered });
  } catch (error) {
    await deps.messageLog.release(messageId, token, (error as Error).message).catch(() => undefined);
    throw error;
  }

  const marked = await deps.messageLog.markSent(messageId, token, {
    sentAt: deps.clock.now().toISOString(),
    provider: sent.provider,
    providerMessageId: sent.providerMessageId,
  });
  if (!marked) {
    // Our lease ran out while sending and another attempt took over: it records its own send. The customer may get
    // this message twice; fail the record so its redelivery finds the message SENT and acknowledges it.
    logger.warn('claim lost after sending: the message may have been sent twice', { messageId, providerMessageId: sent.providerMessageId });
    throw new MessageInFlightError(`lost the claim on message ${messageId} while sending`);
  }
  logger.info('message sent', { messageId, type: content.type, outcome, provider: sent.provider });
  deps.metrics?.count('MessagesSent');
  return { messageId, outcome };
};
