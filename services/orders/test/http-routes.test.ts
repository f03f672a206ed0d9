import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentRoutes, routeDifferences } from '@commerce/api-contracts';
import { packageService, templateHttpRoutes } from '@commerce/local-cloud';
import { ordersRoutes } from '../src/handlers/http-routes';

/**
 * The routes of the packaged template (`serverless package`: what API Gateway is given) are the route table's (same
 * function and scopes) and the committed openapi.json's: a route added to serverless.yml without its definition
 * and documentation, or the other way round, fails here.
 */
const STAGE = 'local';
let template: ReturnType<typeof templateHttpRoutes>;

beforeAll(async () => {
  const packaged = await packageService({ service: 'orders', stage: STAGE });
  template = templateHttpRoutes(packaged.template, `orders-${STAGE}`);
}, 120_000);

const table = ordersRoutes.map((route) => ({
  key: `${route.method} ${route.path}`,
  scopes: route.scopes === 'public' ? [] : [...route.scopes],
  functionName: route.functionName,
}));
const documented = documentRoutes(JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as Record<string, never>);

describe('orders HTTP routes', () => {
  it('the packaged template has routes', () => {
    expect(template.length).toBeGreaterThan(1);
  });

  it('are the route table, with the same functions and scopes', () => {
    expect(routeDifferences('the packaged template', template, 'src/handlers/http-routes.ts', table)).toEqual([]);
  });

  it('are the operations of openapi.json, with the same scopes', () => {
    expect(routeDifferences('the packaged template', template, 'openapi.json', documented)).toEqual([]);
  });
});
