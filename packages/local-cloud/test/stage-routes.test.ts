import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corsGaps, routeAgreement, routeTableFacts } from '@commerce/api-contracts';
import { CHECKED_STAGES, discoverServices, serviceDirOf } from '@commerce/delivery/packaging';
import { settingsFor } from '@commerce/serverless-config';
import { packageService, templateCors, templateHttpRoutes, type CfnTemplate } from '../src';
import { repoRoot } from '../src/node-runtime';

/**
 * What each service's test/http-routes.test.ts checks on stage local, on every deployed stage the delivery checks
 * (ADR 0013): the packaged template's routes, the route table and openapi.json agree, and the API's CORS allows the
 * stage's origins, every request header the document declares, and exposes every response header it names.
 * Template-only packages (as `pnpm dev` makes them): the routes and CORS are in the template, not in the bundles.
 */
const root = repoRoot();
/** The services with an HTTP API: a route table (src/handlers/http-routes.ts, exported as `<service>Routes`) and openapi.json. */
const apiServices = discoverServices(root).filter((service) => {
  try {
    readFileSync(join(root, serviceDirOf(root, service), 'openapi.json'));
    return true;
  } catch {
    return false;
  }
});
type RouteTable = Parameters<typeof routeTableFacts>[0];

const templates = new Map<string, CfnTemplate>();
const templateOf = (service: string, stage: string): CfnTemplate => templates.get(`${service}/${stage}`)!;

beforeAll(async () => {
  // One service at a time, its stages in turn: each is a Serverless CLI run (the package is reused while nothing changed).
  for (const service of apiServices) {
    for (const stage of CHECKED_STAGES) templates.set(`${service}/${stage}`, (await packageService({ service, stage })).template);
  }
}, 600_000);

test('the services with an HTTP API are found', () => {
  expect(apiServices).toEqual(expect.arrayContaining(['orders', 'payments', 'notifications']));
});

describe.each(apiServices)('%s HTTP routes', (service) => {
  const dir = join(root, serviceDirOf(root, service));
  const document = (): Record<string, unknown> => JSON.parse(readFileSync(join(dir, 'openapi.json'), 'utf8')) as Record<string, unknown>;

  test.each(CHECKED_STAGES)('stage %s: the packaged template, the route table and openapi.json have the same routes, functions and scopes', async (stage) => {
    const table = ((await import(join(dir, 'src', 'handlers', 'http-routes.ts'))) as Record<string, RouteTable | undefined>)[`${service}Routes`];
    expect(table).toBeDefined();
    const templateRoutes = templateHttpRoutes(templateOf(service, stage), `${service}-${stage}`);
    expect(templateRoutes.length).toBeGreaterThan(1);
    expect(routeAgreement({ template: templateRoutes, table: routeTableFacts(table!), document: document() })).toEqual([]);
  });

  test.each(CHECKED_STAGES)("stage %s: CORS allows the stage's origins, every request header openapi.json declares and exposes every response header", (stage) => {
    const cors = templateCors(templateOf(service, stage));
    expect(cors.allowOrigins).toEqual(settingsFor(stage).corsOrigins);
    expect(corsGaps(document(), cors)).toEqual([]);
  });
});
