import { describeBreakingChanges, findBreakingChanges, type BreakingChange, type JsonSchema } from '@commerce/contract-compat';
import { eventCatalog, eventTypes } from './catalog';
import { publishedVersions } from './definition';
import { receiptDocumentVersions } from './documents/receipt';
import { eventJsonSchema, receiptDocumentJsonSchema } from './json-schema';

/**
 * schemas/ holds the JSON Schema of every released contract: each (event type, version) and each receipt document
 * version, as last released. A released version may change only compatibly in both directions (docs/adr/0015): its
 * consumers read events written under the released schema (DLQ redrives, producers not yet redeployed) and consumers
 * not yet redeployed read events written under the current one. Anything else ships as a new version with an
 * upcaster. `generate` refuses to overwrite a released schema with an incompatible one; the suite fails on it.
 */

export interface ReleasableContract {
  /** Path under the package root. */
  file: string;
  label: string;
  current: Record<string, unknown>;
}

export const releasableContracts = (): ReleasableContract[] => [
  ...eventTypes.flatMap((type) =>
    publishedVersions(eventCatalog[type]).map(({ version }) => ({
      file: `schemas/${type}.v${version}.json`,
      label: `${type} v${version}`,
      current: eventJsonSchema(type, version),
    })),
  ),
  ...receiptDocumentVersions.map(({ version }) => ({
    file: `schemas/documents/receipt.v${version}.json`,
    label: `receipt document v${version}`,
    current: receiptDocumentJsonSchema(version),
  })),
];

/** What breaks between a released schema and its current form (both directions, see the module comment). */
export const contractBreakingChanges = (released: JsonSchema, current: JsonSchema): BreakingChange[] =>
  findBreakingChanges(released, current, { compatibility: 'full', undeclaredProperties: 'never-sent' });

export const describeContractBreak = (label: string, changes: readonly BreakingChange[]): string =>
  `${label} is released and its schema changed incompatibly; ship the change as a new version with an upcaster:\n${describeBreakingChanges(changes)}`;
