import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { PaymentCommand } from '../domain/inbox-commands';
import type { ActionTimer } from '../ports/action-timer';
import type { PaymentChecks } from '../ports/provider-webhooks';

/**
 * Payments' own inbox as a destination (ADR 0022): the webhook's checks and the expiry timers travel as commands
 * (src/domain/inbox-commands.ts) beside the domain events, handled by the same worker under the same record lease.
 */
export class SqsPaymentInbox implements ActionTimer, PaymentChecks {
  constructor(
    private readonly sqs: SQSClient,
    private readonly inboxUrl: string,
  ) {}

  checkAction(orderId: string, source: string): Promise<void> {
    return this.send({ kind: 'payments.command', command: 'check-action', orderId, source });
  }

  expireLater(orderId: string, delaySeconds: number): Promise<void> {
    return this.send({ kind: 'payments.command', command: 'expire-action', orderId }, delaySeconds);
  }

  private async send(command: PaymentCommand, delaySeconds = 0): Promise<void> {
    if (!(Number.isInteger(delaySeconds) && delaySeconds >= 0 && delaySeconds <= 900)) throw new Error(`SQS delay must be 0..900 s, got ${delaySeconds}`);
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.inboxUrl,
        MessageBody: JSON.stringify(command),
        DelaySeconds: delaySeconds,
        MessageAttributes: { command: { DataType: 'String', StringValue: command.command } },
      }),
    );
  }
}
