import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { readDocument, type ServiceName } from './documents';

/**
 * The client's types, generated with openapi-typescript from each service's committed `openapi.json`: nothing in
 * src/generated/ is written by hand. `pnpm --filter @commerce/api-client generate` writes them; a test regenerates
 * them and fails when a committed file differs (the document changed, the client did not).
 */
export const generatedTypes = async (packageDir: string, service: ServiceName): Promise<string> => {
  const nodes = await openapiTS(readDocument(packageDir, service) as unknown as OpenAPI3, { silent: true });
  const header =
    `// Generated from services/${service}/openapi.json by openapi-typescript: do not edit.\n` +
    '// Regenerate with `pnpm --filter @commerce/api-client generate` (a test fails while this file is stale).\n\n';
  return `${header}${astToString(nodes)}`;
};
