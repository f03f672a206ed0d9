import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the client's inputs and outputs live: each service's committed `openapi.json` and the types generated from
 * it. Paths are taken from the package's directory, given by the caller (the CLI runs as ESM, the tests as CommonJS).
 */
export const SERVICES = ['orders', 'payments', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const documentPath = (packageDir: string, service: ServiceName): string =>
  join(packageDir, '..', '..', 'services', service, 'openapi.json');
export const generatedPath = (packageDir: string, service: ServiceName): string => join(packageDir, 'src', 'generated', `${service}.ts`);

export interface OpenApiDocument {
  paths?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export const readDocument = (packageDir: string, service: ServiceName): OpenApiDocument =>
  JSON.parse(readFileSync(documentPath(packageDir, service), 'utf8')) as OpenApiDocument;
