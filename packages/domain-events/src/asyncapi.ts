import { eventCatalog, type EventType } from './catalog';
import { eventJsonSchema, receiptDocumentJsonSchema } from './json-schema';
import { receiptDocumentVersions } from './documents/receipt';
import type { ServiceName } from './services';
import { topology, type Inbox } from './topology';

/**
 * The event catalogue as an AsyncAPI 3 document: one channel per queue (each service's inbox, the receipts queue),
 * one message per event type and version (its payload the envelope's JSON Schema, as in schemas/), and per service
 * the operations it sends and receives, from the subscription table. Written to asyncapi.json by
 * `pnpm --filter @commerce/domain-events run generate`; a test fails when the committed file is stale.
 */

type Json = Record<string, unknown>;

const ASYNCAPI_VERSION = '3.0.0';
const SQS_BINDING_VERSION = '0.2.0';

const messageKey = (type: EventType, version: number): string => `${type}.v${version}`;
const inboxChannel = (service: ServiceName): string => `${service}Inbox`;
const RECEIPTS_CHANNEL = 'receiptsQueue';
const RECEIPT_MESSAGE = 'receipt.created';
const capitalised = (text: string): string => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/** A JSON Schema as an AsyncAPI schema (a superset of draft-07; ours use no keyword that differs from 2020-12). */
const asAsyncApiSchema = ({ $schema: _schema, $id: _id, ...schema }: Json): Json => schema;

const nameParameters = {
  app: { description: 'The application name (`commerce`).' },
  stage: { description: 'The stage: `local`, `dev`, `staging`, `prod` or a pull-request stage.' },
};

const sqsQueueBinding = (name: string, deadLetterQueue: string): Json => ({
  sqs: {
    queue: { name, fifoQueue: false },
    deadLetterQueue: { name: deadLetterQueue, fifoQueue: false },
    bindingVersion: SQS_BINDING_VERSION,
  },
});

const eventMessages = (): Json =>
  Object.fromEntries(
    topology().inboxes.flatMap(({ accepts }) => accepts).flatMap(({ type, versions }) =>
      versions.map((version) => {
        const definition = eventCatalog[type];
        const current = version === definition.version;
        return [
          messageKey(type, version),
          {
            name: type,
            title: `${definition.title} v${version}`,
            summary: definition.description,
            description: current
              ? `Emitted by ${definition.producer}. JSON Schema: packages/domain-events/schemas/${type}.v${version}.json.`
              : `Superseded by v${definition.version}: no longer emitted, still accepted (consumers upcast it to v${definition.version}). JSON Schema: packages/domain-events/schemas/${type}.v${version}.json.`,
            contentType: 'application/json',
            correlationId: { $ref: '#/components/correlationIds/correlationId' },
            tags: [{ name: definition.producer }],
            payload: asAsyncApiSchema(eventJsonSchema(type, version)),
          },
        ];
      }),
    ),
  );

const inboxChannelOf = (inbox: Inbox): Json => ({
  address: inbox.name,
  title: `${inbox.owner} inbox`,
  description: `The ${inbox.owner} service's inbox: every producer sends it the events ${inbox.owner} subscribes to. A record that keeps failing (maxReceiveCount, at least 5 by the template rules) moves to ${inbox.deadLetterQueue} (redrive with \`pnpm dlq redrive\`).`,
  parameters: nameParameters,
  messages: Object.fromEntries(
    inbox.accepts.flatMap(({ type, versions }) =>
      versions.map((version) => [messageKey(type, version), { $ref: `#/components/messages/${messageKey(type, version)}` }]),
    ),
  ),
  bindings: sqsQueueBinding(inbox.name, inbox.deadLetterQueue),
});

const eventOperations = (): Json => {
  const { inboxes, flows } = topology();
  const sends = inboxes.flatMap((inbox) => {
    const producers = [...new Set(flows.filter((flow) => flow.consumers.includes(inbox.owner)).map((flow) => flow.producer))];
    return producers.map((producer) => {
      const carried = flows.filter((flow) => flow.producer === producer && flow.consumers.includes(inbox.owner));
      return [
        `${producer}.sendTo${capitalised(inbox.owner)}Inbox`,
        {
          action: 'send',
          title: `${producer} → ${inbox.owner}`,
          summary: `${producer} sends ${carried.map((flow) => `${flow.type} v${flow.version}`).join(', ')} to the ${inbox.owner} inbox.`,
          channel: { $ref: `#/channels/${inboxChannel(inbox.owner)}` },
          messages: carried.map((flow) => ({ $ref: `#/channels/${inboxChannel(inbox.owner)}/messages/${messageKey(flow.type, flow.version)}` })),
          tags: [{ name: producer }],
        },
      ];
    });
  });
  const receives = inboxes.map((inbox) => [
    `${inbox.owner}.receiveInbox`,
    {
      action: 'receive',
      title: `${inbox.owner} inbox consumer`,
      summary: `${inbox.owner} consumes its inbox in batches with partial batch failures; older versions are upcast.`,
      channel: { $ref: `#/channels/${inboxChannel(inbox.owner)}` },
      messages: inbox.accepts.flatMap(({ type, versions }) =>
        versions.map((version) => ({ $ref: `#/channels/${inboxChannel(inbox.owner)}/messages/${messageKey(type, version)}` })),
      ),
      tags: [{ name: inbox.owner }],
    },
  ]);
  return Object.fromEntries([...sends, ...receives]);
};

/** The S3 ObjectCreated notification as the receipts queue delivers it (the fields the reader relies on). */
const s3NotificationSchema = (bucket: string, keyPrefix: string): Json => ({
  type: 'object',
  description: `An S3 event notification of ${bucket}; the object it names is a receipt document (components.schemas).`,
  properties: {
    Records: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          eventSource: { const: 'aws:s3' },
          eventName: { type: 'string', pattern: '^ObjectCreated:' },
          s3: {
            type: 'object',
            properties: {
              bucket: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
              object: { type: 'object', properties: { key: { type: 'string', pattern: `^${keyPrefix}` } }, required: ['key'] },
            },
            required: ['bucket', 'object'],
          },
        },
        required: ['eventSource', 'eventName', 's3'],
      },
    },
  },
  required: ['Records'],
});

export const asyncApiDocument = (packageVersion: string): Json => {
  const [receipts] = topology().handOffs;
  if (!receipts) throw new Error('the receipt hand-off is missing from the topology');
  const channels: Json = Object.fromEntries(topology().inboxes.map((inbox) => [inboxChannel(inbox.owner), inboxChannelOf(inbox)]));
  channels[RECEIPTS_CHANNEL] = {
    address: receipts.queue.name,
    title: 'receipts queue',
    description: `${receipts.writer} writes ${receipts.keyPrefix}{orderId}.json to its bucket ${receipts.bucket} (accountId: the AWS account; S3 names are global); the bucket's ObjectCreated notifications on ${receipts.keyPrefix} go to this queue of ${receipts.reader}, which reads the receipt document. Dead letters: ${receipts.queue.deadLetterQueue}.`,
    parameters: nameParameters,
    messages: { [RECEIPT_MESSAGE]: { $ref: `#/components/messages/${RECEIPT_MESSAGE}` } },
    bindings: sqsQueueBinding(receipts.queue.name, receipts.queue.deadLetterQueue),
  };
  return {
    asyncapi: ASYNCAPI_VERSION,
    info: {
      title: 'Commerce domain events',
      version: packageVersion,
      description: [
        'Every domain event of the orders, payments and notifications services, generated from `packages/domain-events`',
        '(the catalog, the subscription table and the naming rules). Each event travels as the JSON body of an SQS message:',
        'the envelope (`eventId` = idempotency key, `type`, `version`, `occurredAt`, `producer`, `correlationId`,',
        '`causationId`) around the payload. Producers send each event to the inbox of every subscriber. Readers must',
        'ignore fields they do not know; a released version never changes incompatibly (a change ships as a new version',
        'with an upcaster, docs/adr/0015-contract-catalogue-and-compatibility.md).',
      ].join(' '),
    },
    defaultContentType: 'application/json',
    channels,
    operations: {
      ...eventOperations(),
      [`${receipts.reader}.receiveReceipts`]: {
        action: 'receive',
        title: `${receipts.reader} receipts consumer`,
        summary: `S3 notifies the ${receipts.reader} receipts queue when ${receipts.writer} writes a receipt; ${receipts.reader} reads and validates it.`,
        channel: { $ref: `#/channels/${RECEIPTS_CHANNEL}` },
        messages: [{ $ref: `#/channels/${RECEIPTS_CHANNEL}/messages/${RECEIPT_MESSAGE}` }],
        tags: [{ name: receipts.reader }],
      },
    },
    components: {
      messages: {
        ...eventMessages(),
        [RECEIPT_MESSAGE]: {
          name: 's3:ObjectCreated',
          title: 'Receipt Created (S3 notification)',
          summary: `${receipts.writer} wrote a receipt document to ${receipts.keyPrefix}{orderId}.json.`,
          contentType: 'application/json',
          tags: [{ name: receipts.writer }],
          payload: s3NotificationSchema(receipts.bucket, receipts.keyPrefix),
        },
      },
      schemas: Object.fromEntries(
        receiptDocumentVersions.map(({ version }) => [`receipt.v${version}`, asAsyncApiSchema(receiptDocumentJsonSchema(version))]),
      ),
      correlationIds: {
        correlationId: {
          description: 'Shared by the request and every event of one business flow (an order from placement to its notifications).',
          location: '$message.payload#/correlationId',
        },
      },
    },
  };
};
