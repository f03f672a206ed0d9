import * as z from 'zod';
import { eventCatalog, type EventType } from './catalog';
import { publishedVersions, type EventDefinition } from './definition';
import { receiptDocumentVersions } from './documents/receipt';
import { EnvelopeSchema } from './envelope';

/** JSON Schema (draft 2020-12) of the full envelope of one (type, version). */
export const eventJsonSchema = (type: EventType, version?: number): Record<string, unknown> =>
  definitionJsonSchema(eventCatalog[type], version);

/** The same for any event definition (a catalog entry, or a changed copy of one in a test). */
export const definitionJsonSchema = (definition: EventDefinition, version?: number): Record<string, unknown> => {
  const { type } = definition;
  const wanted = version ?? definition.version;
  const entry = publishedVersions(definition).find((candidate) => candidate.version === wanted);
  if (!entry) throw new Error(`${type} has no version ${wanted}`);
  const schema = EnvelopeSchema.extend({ type: z.literal(type), version: z.literal(wanted), payload: entry.schema });
  return {
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }),
    $id: `urn:commerce:event:${type}:v${wanted}`,
    title: `${definition.title} (v${wanted})`,
    description: definition.description,
  };
};

/** JSON Schema (draft 2020-12) of one published version of the receipt document at receipts/{orderId}.json. */
export const receiptDocumentJsonSchema = (version?: number): Record<string, unknown> => {
  const wanted = version ?? receiptDocumentVersions[receiptDocumentVersions.length - 1]!.version;
  const entry = receiptDocumentVersions.find((candidate) => candidate.version === wanted);
  if (!entry) throw new Error(`the receipt document has no version ${wanted}`);
  return {
    ...z.toJSONSchema(entry.schema, { target: 'draft-2020-12', io: 'input' }),
    $id: `urn:commerce:document:receipt:v${wanted}`,
    title: `Receipt document (v${wanted})`,
    description: 'Written by payments to receipts/{orderId}.json when a payment is captured; read by notifications.',
  };
};
