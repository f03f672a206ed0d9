import type { SESv2Client, SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { SesNotificationSender } from './ses-notification-sender';

const fakeSes = (messageId?: string) => {
  const calls: SendEmailCommandInput[] = [];
  const client = {
    send: async (command: { input: SendEmailCommandInput }) => {
      calls.push(command.input);
      return { MessageId: messageId };
    },
  };
  return { client: client as unknown as SESv2Client, calls };
};

const email = { messageId: 'ntf_0123', type: 'order.placed', to: 'ada@example.com', subject: 'Hi', text: 'text', html: '<p>html</p>' };

describe('SesNotificationSender', () => {
  it('sends from the stage identity with its configuration set, tagging the message id', async () => {
    const { client, calls } = fakeSes('ses-1');
    const sender = new SesNotificationSender(client, { fromAddress: 'no-reply@shop.example.com', configurationSet: 'commerce-prod' });
    await expect(sender.send(email)).resolves.toEqual({ provider: 'ses', providerMessageId: 'ses-1' });
    expect(calls).toEqual([
      {
        FromEmailAddress: 'no-reply@shop.example.com',
        Destination: { ToAddresses: ['ada@example.com'] },
        ConfigurationSetName: 'commerce-prod',
        EmailTags: [{ Name: 'messageId', Value: 'ntf_0123' }, { Name: 'messageType', Value: 'order_placed' }],
        Content: {
          Simple: {
            Subject: { Data: 'Hi', Charset: 'UTF-8' },
            Body: { Text: { Data: 'text', Charset: 'UTF-8' }, Html: { Data: '<p>html</p>', Charset: 'UTF-8' } },
          },
        },
      },
    ]);
  });

  it('fails when SES returns no message id', async () => {
    const { client } = fakeSes(undefined);
    await expect(new SesNotificationSender(client, { fromAddress: 'a@b.c', configurationSet: 'x' }).send(email)).rejects.toThrow(/no MessageId/);
  });
});
