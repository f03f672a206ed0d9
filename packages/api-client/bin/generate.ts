/**
 * Writes src/generated/<service>.ts from services/<service>/openapi.json: `pnpm --filter @commerce/api-client generate`.
 * `--print` writes nothing and prints every generated source as one JSON object instead (the staleness test reads it:
 * openapi-typescript's dependencies are ESM-only, so it runs here, not inside Jest).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedTypes } from './codegen';
import { SERVICES, generatedPath } from './documents';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

const main = async (): Promise<void> => {
  const sources = Object.fromEntries(await Promise.all(SERVICES.map(async (service) => [service, await generatedTypes(packageDir, service)] as const)));
  if (process.argv.includes('--print')) {
    process.stdout.write(JSON.stringify(sources));
    return;
  }
  for (const service of SERVICES) {
    const target = generatedPath(packageDir, service);
    const changed = !existsSync(target) || readFileSync(target, 'utf8') !== sources[service];
    if (changed) writeFileSync(target, sources[service]!);
    console.log(`${changed ? 'wrote' : 'unchanged'} src/generated/${service}.ts`);
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
