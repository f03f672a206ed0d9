import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routeAgreement, routeTableFacts } from '@commerce/api-contracts';
import { packageService, templateHttpRoutes } from '@commerce/local-cloud';
import { paymentsRoutes } from '../src/handlers/http-routes';

/**
 * The routes of the packaged template (`serverless package`: what API Gateway is given) are the route table's (same
 * functions and scopes) and the committed openapi.json's: a route in serverless.yml without its definition and
 * documentation, or the other way round, fails here.
 */
it('payments: the packaged template, the route table and openapi.json have the same routes, functions and scopes', async () => {
  const { template } = await packageService({ service: 'payments', stage: 'local' });
  const templateRoutes = templateHttpRoutes(template, 'payments-local');
  expect(templateRoutes.length).toBeGreaterThan(1);
  const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as Record<string, unknown>;
  expect(routeAgreement({ template: templateRoutes, table: routeTableFacts(paymentsRoutes), document })).toEqual([]);
}, 120_000);
