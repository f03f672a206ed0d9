import * as z from 'zod';
import { defineRoute, healthRoute, jsonAnswer, problemAnswer, type HttpRouteDefinition } from './http/route-definition';
import { mergeResponses, openApiDocument } from './openapi';

type Responses = Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }>;

const Thing = z.object({ id: z.string() });

const createRoute = defineRoute({
  functionName: 'createThing',
  method: 'POST',
  path: '/things',
  operationId: 'createThing',
  summary: 'Create a thing',
  scopes: ['things/write'],
  request: { body: Thing },
  bodyComponent: 'CreateThing',
  responses: {
    201: jsonAnswer('Created.', 'Thing', Thing),
    422: problemAnswer('Also thing-exists.'),
    503: problemAnswer('The store did not answer (store-unavailable).'),
  },
});

const responsesOf = (route: HttpRouteDefinition): Responses => {
  const document = openApiDocument({ title: 'Things', description: 'Things.', localPort: 3999, routes: [healthRoute, route] });
  const operations = document.paths[route.path] as Record<string, { responses: Responses }>;
  return operations[route.method.toLowerCase()]!.responses;
};

describe('openApiDocument responses', () => {
  const responses = responsesOf(createRoute);

  it("keeps API Gateway's own answer beside a route's own answer for the same status (both media types)", () => {
    expect(Object.keys(responses['503']!.content ?? {}).sort()).toEqual(['application/json', 'application/problem+json']);
    expect(responses['503']!.description).toBe(
      'API Gateway: the function did not answer within the 30 s integration timeout. The store did not answer (store-unavailable).',
    );
  });

  it('joins the shared description of a status with the route\'s own (the shared one first)', () => {
    expect(responses['422']!.description).toBe(
      'Invalid request (validation-failed): every failing field in errors[] (path and message). Also thing-exists.',
    );
    expect(Object.keys(responses['422']!.content ?? {})).toEqual(['application/problem+json']);
  });

  it("documents a status only the route has as the route's answer, and the shared ones of a body route", () => {
    expect(responses['201']!.description).toBe('Created.');
    expect(Object.keys(responses).sort((a, b) => Number(a) - Number(b))).toEqual(['201', '400', '401', '403', '413', '415', '422', '429', '500', '503']);
    expect(responses['400']!.description).toBe('Body is not JSON (malformed-json).');
  });

  it('keeps the headers of both answers', () => {
    const merged = mergeResponses(
      { '500': { description: 'Shared.', headers: { A: { schema: { type: 'string' } } }, content: { 'application/json': { schema: {} } } } },
      { '500': { description: 'Own.', headers: { B: { schema: { type: 'string' } } } } },
      'GET /x',
    ) as Responses;
    expect(merged['500']).toEqual({
      description: 'Shared. Own.',
      headers: { A: { schema: { type: 'string' } }, B: { schema: { type: 'string' } } },
      content: { 'application/json': { schema: {} } },
    });
  });

  it('refuses one media type with two schemas for the same status', () => {
    expect(() =>
      mergeResponses(
        { '503': { description: 'Shared.', content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } } } },
        { '503': { description: 'Own.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
        'POST /things',
      ),
    ).toThrow('openapi: POST /things 503 declares application/json with another schema than the shared 503 answer');
  });
});
