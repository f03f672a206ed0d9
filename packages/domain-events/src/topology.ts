import { eventCatalog, eventTypes, type EventType } from './catalog';
import { publishedVersions } from './definition';
import { receiptHandOff } from './documents/receipt';
import { bucketName, deadLetterQueueName, inboxQueueName, queueName, type Scope } from './naming';
import { serviceNames, type ServiceName } from './services';
import { subscribedTypes, subscribersOf } from './subscriptions';

/**
 * The system's wiring as data, derived from the catalog, the subscription table, the receipt hand-off and the
 * naming rules: what the AsyncAPI catalogue and the architecture diagram are generated from. Names are templates
 * (`{app}-{stage}-payments-inbox`), valid for every stage.
 */

export interface Queue {
  name: string;
  deadLetterQueue: string;
}

export interface Inbox extends Queue {
  owner: ServiceName;
  /** Every version of every event type the owner accepts (older versions are upcast on receipt). */
  accepts: { type: EventType; versions: number[] }[];
}

export interface EventFlow {
  type: EventType;
  producer: ServiceName;
  /** The version producers emit. */
  version: number;
  consumers: readonly ServiceName[];
}

export interface DocumentHandOff {
  document: 'receipt';
  writer: ServiceName;
  bucket: string;
  keyPrefix: string;
  reader: ServiceName;
  queue: Queue;
}

export interface Topology {
  services: readonly ServiceName[];
  inboxes: Inbox[];
  flows: EventFlow[];
  handOffs: DocumentHandOff[];
}

// The naming rules only take real segments: compute with placeholders, then show them as {app} and {stage}.
const PLACEHOLDER: Scope = { app: 'app0', stage: 'stage0' };
const template = (name: string): string => name.replace('app0-stage0-', '{app}-{stage}-').replace(/-000000000000$/, '-{accountId}');

const queueOf = (name: string): Queue => ({ name: template(name), deadLetterQueue: template(deadLetterQueueName(name)) });

export const topology = (): Topology => {
  const inboxes = serviceNames
    .filter((service) => subscribedTypes(service).length > 0)
    .map((owner) => ({
      owner,
      ...queueOf(inboxQueueName(PLACEHOLDER, owner)),
      accepts: subscribedTypes(owner).map((type) => ({ type, versions: publishedVersions(eventCatalog[type]).map(({ version }) => version) })),
    }));
  const flows = eventTypes.map((type) => ({
    type,
    producer: eventCatalog[type].producer,
    version: eventCatalog[type].version,
    consumers: subscribersOf(type),
  }));
  const { writer, bucketPurpose, keyPrefix, reader, queuePurpose } = receiptHandOff;
  const handOffs: DocumentHandOff[] = [
    {
      document: 'receipt',
      writer,
      bucket: template(bucketName(PLACEHOLDER, writer, bucketPurpose, '000000000000')),
      keyPrefix,
      reader,
      queue: queueOf(queueName(PLACEHOLDER, reader, queuePurpose)),
    },
  ];
  return { services: serviceNames, inboxes, flows, handOffs };
};
