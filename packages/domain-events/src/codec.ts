import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { publishedVersions, type EventDefinition } from './definition';
import { EnvelopeSchema, type Envelope } from './envelope';
import { EventParseError, EventValidationError, toFieldIssues, type FieldIssue } from './errors';

type AnyCatalog = Record<string, EventDefinition>;

/** A fully typed event of one type of a catalog, at its current version. */
export type EventOf<TCatalog extends AnyCatalog, TType extends keyof TCatalog> = Omit<Envelope, 'type' | 'payload'> & {
  type: TType;
  payload: z.output<TCatalog[TType]['schema']>;
};

/** The discriminated union of every event in a catalog (narrow on `type`). */
export type AnyEventOf<TCatalog extends AnyCatalog> = { [K in keyof TCatalog]: EventOf<TCatalog, K> }[keyof TCatalog];

export interface EventContext {
  correlationId: string;
  /** The id of the message or request that caused this event; defaults to the correlation id. */
  causationId?: string;
  eventId?: string;
  occurredAt?: Date;
}

export type SafeParseResult<T> = { success: true; event: T } | { success: false; error: EventParseError };

export interface EventCodec<TCatalog extends AnyCatalog> {
  createEvent<TType extends keyof TCatalog & string>(
    type: TType,
    payload: z.input<TCatalog[TType]['schema']>,
    context: EventContext,
  ): EventOf<TCatalog, TType>;
  parseEvent(input: unknown): AnyEventOf<TCatalog>;
  safeParseEvent(input: unknown): SafeParseResult<AnyEventOf<TCatalog>>;
}

const fail = (issues: FieldIssue[]): never => {
  throw new EventParseError(issues);
};

const decodeJson = (input: string): unknown => {
  try {
    return JSON.parse(input) as unknown;
  } catch (error) {
    return fail([{ path: '', message: `not JSON: ${(error as Error).message}` }]);
  }
};

const upcast = (type: string, from: number, run: () => unknown): unknown => {
  try {
    return run();
  } catch (error) {
    return fail([{ path: 'payload', message: `${type} v${from} could not be upcast: ${(error as Error).message}` }]);
  }
};

export const createEventCodec = <TCatalog extends AnyCatalog>(catalog: TCatalog): EventCodec<TCatalog> => {
  const definitionOf = (type: string): EventDefinition | undefined =>
    Object.prototype.hasOwnProperty.call(catalog, type) ? catalog[type] : undefined;

  const createEvent: EventCodec<TCatalog>['createEvent'] = (type, payload, context) => {
    const definition = definitionOf(type);
    if (!definition) throw new EventValidationError(type, [{ path: 'type', message: 'unknown event type' }]);
    const parsedPayload = definition.schema.safeParse(payload);
    if (!parsedPayload.success) throw new EventValidationError(type, toFieldIssues(parsedPayload.error, ['payload']));
    const envelope = EnvelopeSchema.safeParse({
      eventId: context.eventId ?? randomUUID(),
      type,
      version: definition.version,
      occurredAt: (context.occurredAt ?? new Date()).toISOString(),
      producer: definition.producer,
      correlationId: context.correlationId,
      causationId: context.causationId ?? context.correlationId,
      payload: parsedPayload.data,
    });
    if (!envelope.success) throw new EventValidationError(type, toFieldIssues(envelope.error));
    return envelope.data as EventOf<TCatalog, typeof type>;
  };

  const parseEvent = (input: unknown): AnyEventOf<TCatalog> => {
    const raw = typeof input === 'string' ? decodeJson(input) : input;
    const envelope = EnvelopeSchema.safeParse(raw);
    if (!envelope.success) return fail(toFieldIssues(envelope.error));
    const { type, version, payload } = envelope.data;
    const definition = definitionOf(type) ?? fail([{ path: 'type', message: `unknown event type "${type}"` }]);
    const versions = publishedVersions(definition);
    const start = versions.findIndex((entry) => entry.version === version);
    if (start < 0) {
      return fail([
        { path: 'version', message: `${type} has no version ${version} (known: ${versions.map((v) => v.version).join(', ')})` },
      ]);
    }
    let current: unknown = payload;
    for (let index = start; index < versions.length; index += 1) {
      const step = versions[index]!;
      const parsed = step.schema.safeParse(current);
      if (!parsed.success) return fail(toFieldIssues(parsed.error, ['payload']));
      const legacy = definition.legacy[index];
      current = legacy ? upcast(type, legacy.version, () => legacy.upcast(parsed.data as never)) : parsed.data;
    }
    return { ...envelope.data, version: definition.version, payload: current } as AnyEventOf<TCatalog>;
  };

  const safeParseEvent = (input: unknown): SafeParseResult<AnyEventOf<TCatalog>> => {
    try {
      return { success: true, event: parseEvent(input) };
    } catch (error) {
      if (error instanceof EventParseError) return { success: false, error };
      return { success: false, error: new EventParseError([{ path: '', message: (error as Error).message }]) };
    }
  };

  return { createEvent, parseEvent, safeParseEvent };
};
