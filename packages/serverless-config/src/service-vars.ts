import {
  inboxDlqName,
  inboxQueueName,
  isServiceName,
  publishTargets,
  subscribedTypes,
  type ServiceName,
} from '@commerce/domain-events';
import { APP, settingsFor, type StageSettings } from './stages';

type CfnValue = string | { 'Fn::Sub': string };

const queueArn = (name: string): CfnValue => ({ 'Fn::Sub': `arn:\${AWS::Partition}:sqs:\${AWS::Region}:\${AWS::AccountId}:${name}` });
const queueUrl = (name: string): CfnValue => ({ 'Fn::Sub': `https://sqs.\${AWS::Region}.\${AWS::URLSuffix}/\${AWS::AccountId}/${name}` });

export interface ServiceVars {
  app: string;
  stage: string;
  settings: StageSettings;
  inbox: { name: string; dlqName: string; acceptedTypes: string };
  /** `sqs:SendMessage` resources of the publisher: exactly the subscribed inboxes, never a wildcard. */
  publishQueueArns: CfnValue[];
  /** Environment for the publisher: `INBOX_URL_<SERVICE>` per target inbox. */
  publishEnvironment: Record<string, CfnValue>;
  /** The same names for other services' resources this service must address (e.g. a bucket owner). */
  names: Record<ServiceName, { inbox: string; inboxDlq: string }>;
}

export const serviceVars = (service: string, stage: string): ServiceVars => {
  if (!isServiceName(service)) throw new Error(`unknown service "${service}"`);
  const scope = { app: APP, stage };
  const targets = publishTargets(service);
  return {
    app: APP,
    stage,
    settings: settingsFor(stage),
    inbox: {
      name: inboxQueueName(scope, service),
      dlqName: inboxDlqName(scope, service),
      acceptedTypes: subscribedTypes(service).join(','),
    },
    publishQueueArns: targets.map((target) => queueArn(inboxQueueName(scope, target))),
    publishEnvironment: Object.fromEntries(
      targets.map((target) => [`INBOX_URL_${target.toUpperCase()}`, queueUrl(inboxQueueName(scope, target))]),
    ),
    names: Object.fromEntries(
      (['orders', 'payments', 'notifications'] as const).map((name) => [
        name,
        { inbox: inboxQueueName(scope, name), inboxDlq: inboxDlqName(scope, name) },
      ]),
    ) as ServiceVars['names'],
  };
};
