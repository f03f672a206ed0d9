import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { inboxQueueName } from '@commerce/domain-events';
import {
  createAwsClients,
  localQueueUrl,
  packageService,
  provisionFromTemplate,
  startEmulators,
  type AwsClients,
  type CfnTemplate,
  type Emulators,
  type ProvisionedResources,
} from '@commerce/local-cloud';
import { startLocalIssuer, type LocalIssuer } from '@commerce/service-kit/testing';
import { APP } from '@commerce/serverless-config';

export interface LocalOrders {
  emulators: Emulators;
  clients: AwsClients;
  sqs: SQSClient;
  resources: ProvisionedResources;
  template: CfnTemplate;
  issuer: LocalIssuer;
  tableName: string;
  inbox: { url: string; arn: string };
  dlqUrl: string;
  /** The other services' inboxes orders publishes to (created here: their own stacks are not under test). */
  paymentsInboxUrl: string;
  notificationsInboxUrl: string;
  stop(): Promise<void>;
}

const STAGE = 'local';

/**
 * The orders service's resources on the local emulators, provisioned from its own packaged template, plus a local
 * JWT issuer; process.env is pointed at them, so the real handler modules (their real composition) run against them.
 */
export const startLocalOrders = async (): Promise<LocalOrders> => {
  const emulators = await startEmulators();
  const issuer = await startLocalIssuer();
  const { template } = await packageService({ service: 'orders', stage: STAGE });
  const resources = await provisionFromTemplate(template, emulators.endpoints, { stackName: `orders-${STAGE}` });
  const clients = createAwsClients(emulators.endpoints);
  const scope = { app: APP, stage: STAGE };
  const createInbox = async (service: 'payments' | 'notifications') => {
    const name = inboxQueueName(scope, service);
    await clients.sqs.send(new CreateQueueCommand({ QueueName: name }));
    return localQueueUrl(emulators.endpoints.sqs, name);
  };
  const paymentsInboxUrl = await createInbox('payments');
  const notificationsInboxUrl = await createInbox('notifications');
  const inbox = resources.queues.Inbox;
  const table = resources.tables.OrdersTable;
  if (!inbox?.deadLetter || !table) throw new Error('the orders template must define Inbox (with a DLQ) and OrdersTable');

  Object.assign(process.env, emulators.env, {
    ORDERS_TABLE: table.name,
    INBOX_URL_PAYMENTS: paymentsInboxUrl,
    INBOX_URL_NOTIFICATIONS: notificationsInboxUrl,
    JWT_ISSUER: issuer.issuer,
    JWT_AUDIENCE: issuer.clientId,
  });

  return {
    emulators,
    clients,
    sqs: clients.sqs,
    resources,
    template,
    issuer,
    tableName: table.name,
    inbox: { url: inbox.url, arn: inbox.arn },
    dlqUrl: inbox.deadLetter.url,
    paymentsInboxUrl,
    notificationsInboxUrl,
    stop: async () => {
      clients.destroy();
      await issuer.stop();
      await emulators.stop();
    },
  };
};
