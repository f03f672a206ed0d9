import { schemaIncompatibilities, type JsonSchema } from './json-schema-compat';

const item = { type: 'object', required: ['sku', 'quantity'], properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } } };
const event = (items: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): JsonSchema => ({
  type: 'object',
  required: ['orderId', 'items'],
  properties: { orderId: { type: 'string' }, items: { type: 'array', minItems: 1, maxItems: 100, items: item, ...items }, currency: { enum: ['EUR', 'USD'] }, ...extra },
});

const kinds = (released: JsonSchema, current: JsonSchema, role: 'accepted' | 'produced' | 'both') =>
  schemaIncompatibilities(released, current, { role }).map((found) => `${found.kind} at ${found.path}`);

describe('schemaIncompatibilities (an event schema, role both: events are written and read by parties released apart)', () => {
  it('finds nothing for the same schema or a new optional field', () => {
    expect(kinds(event(), event(), 'both')).toEqual([]);
    expect(kinds(event(), event({}, { note: { type: 'string' } }), 'both')).toEqual([]);
  });

  it('fails on order.placed v1 items narrowed from at most 100 to at most 5 (issue #15)', () => {
    expect(kinds(event(), event({ maxItems: 5 }), 'both')).toEqual(['bound-tightened at items']);
  });

  it('fails on a field removed, a type changed, a new required field, an enum value removed or added', () => {
    const { currency: _drop, ...withoutCurrency } = (event() as { properties: Record<string, unknown> }).properties;
    expect(kinds(event(), { ...(event() as object), properties: withoutCurrency }, 'both')).toEqual(['property-removed at currency']);
    expect(kinds(event(), event({}, { orderId: { type: 'integer' } }), 'both')).toEqual(['type-narrowed at orderId', 'type-widened at orderId']);
    expect(kinds(event(), { ...(event() as object), required: ['orderId', 'items', 'currency'] }, 'both')).toEqual(['required-added at currency']);
    expect(kinds(event(), event({}, { currency: { enum: ['EUR'] } }), 'both')).toEqual(['enum-value-removed at currency']);
    expect(kinds(event(), event({}, { currency: { enum: ['EUR', 'USD', 'GBP'] } }), 'both')).toEqual(['enum-value-added at currency']);
  });

  it('looks into array items and $refs', () => {
    const narrowedItem = { ...item, properties: { ...item.properties, quantity: { type: 'integer', minimum: 2 } } };
    expect(kinds(event(), event({ items: narrowedItem }), 'both')).toEqual(['bound-tightened at items[].quantity']);
    const viaRef = { $defs: { Item: narrowedItem }, ...(event({ items: { $ref: '#/$defs/Item' } }) as object) };
    expect(kinds(event(), viaRef, 'both')).toEqual(['bound-tightened at items[].quantity']);
  });
});

describe('schemaIncompatibilities by role', () => {
  const released = { type: 'object', required: ['a'], properties: { a: { type: 'string', maxLength: 10 }, b: { type: 'string' } } };
  const looser = { type: 'object', required: ['a'], properties: { a: { type: 'string', maxLength: 20 }, b: { type: 'string' } } };
  const optionalA = { type: 'object', properties: { a: { type: 'string', maxLength: 10 }, b: { type: 'string' } } };

  it('accepted (a request): widening is fine, narrowing breaks', () => {
    expect(kinds(released, looser, 'accepted')).toEqual([]);
    expect(kinds(released, optionalA, 'accepted')).toEqual([]);
    expect(kinds(looser, released, 'accepted')).toEqual(['bound-tightened at a']);
    expect(kinds(optionalA, released, 'accepted')).toEqual(['required-added at a']);
  });

  it('produced (a response): narrowing is fine, widening and removal break', () => {
    expect(kinds(looser, released, 'produced')).toEqual([]);
    expect(kinds(released, looser, 'produced')).toEqual(['bound-loosened at a']);
    expect(kinds(released, optionalA, 'produced')).toEqual(['required-removed at a']);
    expect(kinds(released, { ...released, properties: { a: released.properties.a } }, 'produced')).toEqual(['property-removed at b']);
  });

  it('treats a nullable field (anyOf with null) as a union: dropping null from a response is fine, adding it is not', () => {
    const nullable = { anyOf: [{ type: 'string' }, { type: 'null' }] };
    expect(kinds(nullable, { type: 'string' }, 'produced')).toEqual([]);
    expect(kinds({ type: 'string' }, nullable, 'produced')).toEqual(['branch-added at (root)']);
    expect(kinds(nullable, { type: 'string' }, 'accepted')).toEqual(['branch-removed at (root)']);
  });
});
