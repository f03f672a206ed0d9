import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corsGaps, documentedRequestHeaders, routeAgreement, routeTableFacts } from '@commerce/api-contracts';
import { packageService, sendPreflight, templateCors, templateHttpRoutes, type CfnTemplate } from '@commerce/local-cloud';
import { settingsFor } from '@commerce/serverless-config';
import { notificationsRoutes } from '../src/handlers/http-routes';

/**
 * The routes of the packaged template (`serverless package`: what API Gateway is given) are the route table's (same
 * functions and scopes) and the committed openapi.json's: a route in serverless.yml without its definition and
 * documentation, or the other way round, fails here. packages/local-cloud/test/stage-routes.test.ts checks the
 * same on every deployed stage. Its CORS configuration lets a browser send and read the headers the document names.
 */
const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as Record<string, unknown>;
let template: CfnTemplate;

beforeAll(async () => {
  ({ template } = await packageService({ service: 'notifications', stage: 'local' }));
}, 120_000);

it('notifications: the packaged template, the route table and openapi.json have the same routes, functions and scopes', () => {
  const templateRoutes = templateHttpRoutes(template, 'notifications-local');
  expect(templateRoutes.length).toBeGreaterThan(1);
  expect(routeAgreement({ template: templateRoutes, table: routeTableFacts(notificationsRoutes), document })).toEqual([]);
});

it("notifications: a browser on the stage's origins may send every request header openapi.json declares and read every response header (preflight through the local gateway)", async () => {
  expect(corsGaps(document, templateCors(template))).toEqual([]);
  const headers = documentedRequestHeaders(document);
  expect(headers).toEqual(expect.arrayContaining(['authorization', 'x-correlation-id']));
  for (const origin of settingsFor('local').corsOrigins) {
    const answer = await sendPreflight(template, 'notifications-local', { path: '/notifications', origin, method: 'GET', headers });
    expect(answer).toMatchObject({ status: 204, headers: { 'access-control-allow-origin': origin, 'access-control-allow-headers': headers.join(',') } });
    expect(answer.headers['access-control-allow-methods']?.split(',')).toContain('GET');
  }
  const stranger = await sendPreflight(template, 'notifications-local', { path: '/notifications', origin: 'https://elsewhere.example', method: 'GET', headers });
  expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
});
