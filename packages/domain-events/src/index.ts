import { eventCatalog } from './catalog';
import { createEventCodec, type AnyEventOf, type EventOf } from './codec';

export * from './catalog';
export * from './codec';
export * from './definition';
export * from './documents/receipt';
export * from './envelope';
export * from './errors';
export * from './json-schema';
export * from './naming';
export * from './primitives';
export * from './services';
export * from './subscriptions';

export type DomainEvent = AnyEventOf<typeof eventCatalog>;
export type DomainEventOf<TType extends keyof typeof eventCatalog> = EventOf<typeof eventCatalog, TType>;

/** createEvent / parseEvent / safeParseEvent bound to the system's catalog. */
export const { createEvent, parseEvent, safeParseEvent } = createEventCodec(eventCatalog);
