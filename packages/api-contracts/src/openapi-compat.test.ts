import { releasedApi, type FixtureApi } from './fixtures/released-api';
import { openApiIncompatibilities } from './openapi-compat';

/** The current document: the released one with one change applied. */
const changed = (change: (document: FixtureApi) => void): FixtureApi => {
  const document = structuredClone(releasedApi());
  change(document);
  return document;
};

const kindsOf = (change: (document: FixtureApi) => void): string[] => openApiIncompatibilities(releasedApi(), changed(change)).map((found) => `${found.kind} at ${found.path}`);

describe('openApiIncompatibilities', () => {
  it('finds nothing between a document and itself', () => {
    expect(openApiIncompatibilities(releasedApi(), releasedApi())).toEqual([]);
  });

  it('accepts what does not break a client: a new path version, a new optional response field (even in a closed object: clients ignore unknown fields), a new optional parameter or request field, a widened request, a new error status', () => {
    const current = changed((document) => {
      (document.paths as Record<string, unknown>)['/v2/orders'] = { post: { responses: { '201': { description: 'created' } } } };
      (document.components.schemas.Order.properties as Record<string, unknown>).cancelledAt = { type: 'string' };
      (document.components.schemas.CreateOrder.properties as Record<string, unknown>).giftWrap = { type: 'boolean' };
      document.paths['/orders'].get.parameters.push({ name: 'cursor', in: 'query', required: false, schema: { type: 'string' } as never });
      document.components.schemas.CreateOrder.properties.items.maxItems = 500;
      document.components.schemas.CreateOrder.properties.currency.enum.push('CHF');
      (document.paths['/orders'].post.responses as Record<string, unknown>)['409'] = { description: 'conflict' };
    });
    expect(openApiIncompatibilities(releasedApi(), current)).toEqual([]);
  });

  it('says where in the document, what kind and what changed (released → current)', () => {
    expect(openApiIncompatibilities(releasedApi(), changed((d) => (d.components.schemas.CreateOrder.properties.items.maxItems = 5)))).toEqual([
      { path: 'POST /orders requestBody.items', kind: 'bound-tightened', detail: 'maxItems 100 → 5' },
    ]);
    expect(openApiIncompatibilities(releasedApi(), changed((d) => d.components.schemas.Order.properties.status.enum.push('REFUNDED')))).toEqual([
      { path: 'POST /orders 201.status', kind: 'enum-value-added', detail: 'enum ["PENDING_PAYMENT","PAID"] → ["PENDING_PAYMENT","PAID","REFUNDED"] ("REFUNDED" rejected by the released schema)' },
      { path: 'GET /orders 200.items[].status', kind: 'enum-value-added', detail: 'enum ["PENDING_PAYMENT","PAID"] → ["PENDING_PAYMENT","PAID","REFUNDED"] ("REFUNDED" rejected by the released schema)' },
    ]);
  });

  it.each<[string, (document: FixtureApi) => void, string]>([
    ['an operation removed', (d) => delete (d.paths['/orders'] as Partial<FixtureApi['paths']['/orders']>).get, 'operation-removed at GET /orders'],
    ['a path renamed (removed)', (d) => { (d.paths as Record<string, unknown>)['/purchases'] = d.paths['/orders']; delete (d.paths as Partial<FixtureApi['paths']>)['/orders']; }, 'operation-removed at POST /orders'],
    ['a response field removed', (d) => delete (d.components.schemas.Order.properties as Partial<FixtureApi['components']['schemas']['Order']['properties']>).createdAt, 'property-removed at POST /orders 201.createdAt'],
    ['a response field made optional', (d) => (d.components.schemas.Order.required = ['id', 'status']), 'required-removed at POST /orders 201.totalCents'],
    ['a response field made nullable', (d) => ((d.components.schemas.Order.properties.totalCents as Record<string, unknown>).type = ['integer', 'null']), 'type-widened at POST /orders 201.totalCents'],
    ['a response field type changed', (d) => ((d.components.schemas.Order.properties.totalCents as Record<string, unknown>).type = 'string'), 'type-widened at POST /orders 201.totalCents'],
    ['a response enum value added', (d) => d.components.schemas.Order.properties.status.enum.push('REFUNDED'), 'enum-value-added at POST /orders 201.status'],
    ['a response bound loosened', (d) => delete (d.components.schemas.Order.properties.totalCents as { minimum?: number }).minimum, 'bound-loosened at POST /orders 201.totalCents'],
    ['a response header removed', (d) => delete (d.paths['/orders'].post.responses['201'].headers as Partial<{ Location: unknown }>).Location, 'response-header-removed at POST /orders 201 headers.Location'],
    ['a success response removed', (d) => { (d.paths['/orders'].post.responses as Record<string, unknown>)['200'] = d.paths['/orders'].post.responses['201']; delete (d.paths['/orders'].post.responses as Partial<Record<string, unknown>>)['201']; }, 'response-removed at POST /orders 201'],
    ['a new required request field', (d) => d.components.schemas.CreateOrder.required.push('note'), 'required-added at POST /orders requestBody.note'],
    ['a request field narrowed', (d) => (d.components.schemas.CreateOrder.properties.items.maxItems = 5), 'bound-tightened at POST /orders requestBody.items'],
    ['a request enum value removed', (d) => (d.components.schemas.CreateOrder.properties.currency.enum = ['EUR', 'USD']), 'enum-value-removed at POST /orders requestBody.currency'],
    ['a request field type changed', (d) => ((d.components.schemas.CreateOrder.properties.items.items.properties.quantity as Record<string, unknown>).type = 'string'), 'type-narrowed at POST /orders requestBody.items[].quantity'],
    ['a request object closed (clients sending extra fields are rejected)', (d) => ((d.components.schemas.CreateOrder as Record<string, unknown>).additionalProperties = false), 'additional-properties-closed at POST /orders requestBody'],
    ['a request field dropped from a closed object', (d) => { (d.components.schemas.CreateOrder as Record<string, unknown>).additionalProperties = false; delete (d.components.schemas.CreateOrder.properties as Partial<FixtureApi['components']['schemas']['CreateOrder']['properties']>).note; }, 'property-removed at POST /orders requestBody.note'],
    ['a request pattern added', (d) => ((d.components.schemas.CreateOrder.properties.note as Record<string, unknown>).pattern = '^[a-z]+$'), 'pattern-changed at POST /orders requestBody.note'],
    ['a new required parameter', (d) => d.paths['/orders'].get.parameters.push({ name: 'customer', in: 'query', required: true, schema: { type: 'string' } as never }), 'parameter-required at GET /orders parameters.query.customer'],
    ['an optional parameter made required', (d) => (d.paths['/orders'].post.parameters[0]!.required = true), 'parameter-required at POST /orders parameters.header.idempotency-key'],
    ['a parameter narrowed', (d) => (d.paths['/orders'].get.parameters[0]!.schema.maximum = 50), 'bound-tightened at GET /orders parameters.query.limit'],
    ['a scope changed', (d) => (d.paths['/orders'].get.security = [{ cognito: ['commerce/admin'] }]), 'security-changed at GET /orders security'],
    ['a union branch added to a response field', (d) => (d.paths['/orders'].get.responses['200'].content['application/json'].schema.properties.nextCursor.anyOf as unknown[]).push({ type: 'integer' }), 'branch-added at GET /orders 200.nextCursor'],
  ])('fails on %s', (_label, change, expected) => {
    expect(kindsOf(change)).toContain(expected);
  });
});
