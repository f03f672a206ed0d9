/**
 * Writes every generated file (src/generated-files.ts): the JSON Schemas in schemas/, docs/events.md, asyncapi.json
 * and the topology diagram in docs/architecture.md. A released schema is overwritten only by a compatible change:
 * an incompatible one is refused with what broke (add a version instead), and then no file at all is written (the
 * catalogue and the event reference would describe the refused schema).
 * Run: `pnpm --filter @commerce/domain-events run generate`
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles } from '../generated-files';
import { contractBreakingChanges, describeContractBreak, releasableContracts } from '../released-schemas';

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const { version } = JSON.parse(read('package.json')) as { version: string };

const refusals = releasableContracts().flatMap(({ file, label, current }) => {
  if (!existsSync(join(root, file))) return [];
  const changes = contractBreakingChanges(JSON.parse(read(file)) as Record<string, unknown>, current);
  return changes.length > 0 ? [{ file, message: describeContractBreak(label, changes) }] : [];
});

if (refusals.length > 0) {
  // Nothing is written: asyncapi.json and docs/events.md would otherwise describe the refused schema.
  console.error(refusals.map(({ message }) => message).join('\n\n'));
  console.error('\nnothing written');
  process.exitCode = 1;
} else {
  for (const { path, content } of generatedFiles(version, read)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  console.log('wrote schemas/, docs/events.md, asyncapi.json and the topology section of docs/architecture.md');
}
