/**
 * The generated client stays the client of the committed documents: its types are regenerated in memory and compared
 * with the committed files, and every operation of every document has a method (or is knowingly left to `raw`).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SERVICES, generatedPath, readDocument } from '../bin/documents';
import { KEYED_OPERATIONS, createCommerceClient, LOCAL_BASE_URLS } from '../src/index.js';

const packageDir = join(__dirname, '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Which client method calls which operation (by operationId); a new route fails this test until it has one. */
const METHOD_OF_OPERATION: Record<(typeof SERVICES)[number], Record<string, string>> = {
  orders: { createOrder: 'create', listOrders: 'list', getOrder: 'get', cancelOrder: 'cancel', health: 'health' },
  payments: { getPayment: 'get', getPaymentAction: 'action', health: 'health' },
  notifications: { listNotifications: 'list', getNotification: 'get', health: 'health' },
};

/** Operations knowingly left to `raw`: not for frontends (Stripe calls its webhook, signed). */
const RAW_ONLY: Record<(typeof SERVICES)[number], readonly string[]> = { orders: [], payments: ['stripeWebhook'], notifications: [] };

const operationsOf = (service: (typeof SERVICES)[number]) =>
  Object.entries(readDocument(packageDir, service).paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = (item as Record<string, { operationId?: string; parameters?: { name: string; in: string }[] } | undefined>)[method];
      return operation ? [{ route: `${method.toUpperCase()} ${path}`, operationId: operation.operationId ?? '', parameters: operation.parameters ?? [] }] : [];
    }),
  );

/** What `pnpm generate` would write now, from the committed documents (bin/generate.ts --print, under tsx). */
const regenerate = async (): Promise<Record<string, string>> => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join('bin', 'generate.ts'), '--print'], {
    cwd: packageDir,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Record<string, string>;
};

describe('the generated client', () => {
  let regenerated: Record<string, string>;
  beforeAll(async () => {
    regenerated = await regenerate();
  }, 120_000);

  it.each(SERVICES)('src/generated/%s.ts is what openapi-typescript makes of the committed openapi.json (regenerate: pnpm --filter @commerce/api-client generate)', (service) => {
    expect(regenerated[service]).toContain('export interface paths');
    expect(readFileSync(generatedPath(packageDir, service), 'utf8')).toBe(regenerated[service]);
  });

  it.each(SERVICES)('has a method for every operation of %s', (service) => {
    const client = createCommerceClient({ baseUrls: LOCAL_BASE_URLS });
    const operations = operationsOf(service);
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...Object.keys(METHOD_OF_OPERATION[service]), ...RAW_ONLY[service]].sort());
    for (const name of Object.values(METHOD_OF_OPERATION[service])) expect(typeof (client[service] as unknown as Record<string, unknown>)[name]).toBe('function');
  });

  it('gives an Idempotency-Key to exactly the operations whose document declares one', () => {
    const keyed = SERVICES.flatMap((service) =>
      operationsOf(service).filter((operation) => operation.parameters.some((parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key')),
    );
    expect(keyed.map((operation) => operation.route)).toEqual([...KEYED_OPERATIONS]);
  });
});
