import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { NotificationSender, OutgoingEmail, SendReceipt } from '../ports/notification-sender';

export interface SesSenderOptions {
  /** The verified sender identity's address (stage setting sesFromAddress). */
  fromAddress: string;
  /** Configuration set for event publishing / suppression (stage setting sesConfigurationSet). */
  configurationSet: string;
}

/** SES tag values allow letters, digits, `_` and `-` only. */
const tagValue = (value: string): string => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);

/** Sends through Amazon SES v2. The message id travels as an email tag so SES events can be joined to the log. */
export class SesNotificationSender implements NotificationSender {
  constructor(
    private readonly ses: SESv2Client,
    private readonly options: SesSenderOptions,
  ) {}

  async send(email: OutgoingEmail): Promise<SendReceipt> {
    const output = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.options.fromAddress,
        Destination: { ToAddresses: [email.to] },
        ConfigurationSetName: this.options.configurationSet,
        EmailTags: [
          { Name: 'messageId', Value: tagValue(email.messageId) },
          { Name: 'messageType', Value: tagValue(email.type) },
        ],
        Content: {
          Simple: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
          },
        },
      }),
    );
    if (!output.MessageId) throw new Error('SES accepted the email but returned no MessageId');
    return { provider: 'ses', providerMessageId: output.MessageId };
  }
}
