import type { z } from 'zod';
import type { ServiceName } from './services';

/** An older published version of an event payload and how to lift it to the next version. */
export interface LegacyVersion {
  version: number;
  schema: z.ZodType;
  /** Turns a payload of `version` into a payload of `version + 1`. */
  upcast: (payload: never) => unknown;
}

export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  /** Machine name, `<aggregate>.<past-tense verb>`: the value of the envelope's `type`. */
  type: TType;
  /** The business name people use for it, e.g. "Order Placed". */
  title: string;
  description: string;
  producer: ServiceName;
  /** The current version: what producers emit and what consumers receive after upcasting. */
  version: number;
  schema: TSchema;
  /** Earlier published versions, oldest first, each upcasting to the one after it. */
  legacy: readonly LegacyVersion[];
}

export const defineEvent = <const TType extends string, TSchema extends z.ZodType>(
  definition: Omit<EventDefinition<TType, TSchema>, 'legacy'> & { legacy?: readonly LegacyVersion[] },
): EventDefinition<TType, TSchema> => {
  const legacy = definition.legacy ?? [];
  legacy.forEach((entry, index) => {
    const next = legacy[index + 1]?.version ?? definition.version;
    if (entry.version + 1 !== next) {
      throw new Error(`${definition.type}: legacy version ${entry.version} must upcast to ${entry.version + 1}, found ${next}`);
    }
  });
  return { ...definition, legacy };
};

/** Every version a definition accepts, oldest first, with the payload schema of each. */
export const publishedVersions = (definition: EventDefinition): { version: number; schema: z.ZodType }[] => [
  ...definition.legacy.map(({ version, schema }) => ({ version, schema })),
  { version: definition.version, schema: definition.schema },
];
