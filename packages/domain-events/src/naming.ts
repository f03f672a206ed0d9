import { eventCatalog, type EventType } from './catalog';
import type { ServiceName } from './services';
import { subscriptions } from './subscriptions';

/**
 * Deterministic resource names: any service can address another's inbox from (app, stage, service) alone, so the
 * orders <-> payments runtime cycle never becomes a deploy-time dependency (no exports, no compose outputs).
 */
export interface Scope {
  app: string;
  stage: string;
}

const SEGMENT = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

const checked = (what: string, value: string): string => {
  if (!SEGMENT.test(value)) throw new Error(`${what} "${value}" must be lower-case letters, digits and dashes (max 32)`);
  return value;
};

export const resourcePrefix = ({ app, stage }: Scope, service: ServiceName): string =>
  `${checked('app', app)}-${checked('stage', stage)}-${service}`;

export const inboxQueueName = (scope: Scope, service: ServiceName): string => `${resourcePrefix(scope, service)}-inbox`;
/** Every queue with a consumer has a dead-letter queue named after it. */
export const deadLetterQueueName = (queue: string): string => `${queue}-dlq`;
export const inboxDlqName = (scope: Scope, service: ServiceName): string => deadLetterQueueName(inboxQueueName(scope, service));
export const queueName = (scope: Scope, service: ServiceName, purpose: string): string =>
  `${resourcePrefix(scope, service)}-${checked('queue purpose', purpose)}`;
export const tableName = (scope: Scope, service: ServiceName, purpose: string): string =>
  `${resourcePrefix(scope, service)}-${checked('table purpose', purpose)}`;
/** S3 names are global: the account id keeps them unique while staying computable. */
export const bucketName = (scope: Scope, service: ServiceName, purpose: string, accountId: string): string =>
  `${resourcePrefix(scope, service)}-${checked('bucket purpose', purpose)}-${accountId}`;

export const queueUrl = (endpoint: string, accountId: string, name: string): string =>
  `${endpoint.replace(/\/$/, '')}/${accountId}/${name}`;

/** The inboxes one producer sends to: every subscriber of every event type it produces. */
export const publishTargets = (producer: ServiceName): ServiceName[] => {
  const targets = new Set<ServiceName>();
  (Object.keys(eventCatalog) as EventType[])
    .filter((type) => eventCatalog[type].producer === producer)
    .forEach((type) => subscriptions[type].forEach((consumer) => targets.add(consumer)));
  return [...targets].sort();
};
