import { describeBreakingChanges, findBreakingChanges, type Compatibility, type CompatibilityOptions, type JsonSchema } from './index';

const order = (overrides: Record<string, unknown> = {}, required = ['orderId', 'items']): JsonSchema => ({
  type: 'object',
  properties: {
    orderId: { type: 'string', pattern: '^[a-z0-9-]{1,36}$' },
    items: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', properties: { quantity: { type: 'integer', minimum: 1, maximum: 1000 } }, required: ['quantity'] } },
    status: { type: 'string', enum: ['PENDING', 'PAID'] },
    note: { type: 'string', maxLength: 500 },
    ...overrides,
  },
  required,
});

const changes = (released: JsonSchema, current: JsonSchema, compatibility: Compatibility = 'backward', extra = {}) =>
  findBreakingChanges(released, current, { compatibility, ...extra }).map(({ direction, path, change }) => `${direction} ${path}: ${change}`);

describe('narrowing breaks readers of released data (backward)', () => {
  it.each<[string, JsonSchema, string]>([
    ['a lowered maxItems', order({ items: { type: 'array', minItems: 1, maxItems: 5, items: { type: 'object', properties: { quantity: { type: 'integer', minimum: 1, maximum: 1000 } }, required: ['quantity'] } } }), 'backward items: maxItems 100 → 5'],
    ['a raised minItems', order({ items: { type: 'array', minItems: 2, maxItems: 100, items: { type: 'object', properties: { quantity: { type: 'integer', minimum: 1, maximum: 1000 } }, required: ['quantity'] } } }), 'backward items: minItems 1 → 2'],
    ['a lowered maximum in an array element', order({ items: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', properties: { quantity: { type: 'integer', minimum: 1, maximum: 10 } }, required: ['quantity'] } } }), 'backward items[].quantity: maximum ≤ 1000 → ≤ 10'],
    ['a lowered maxLength', order({ note: { type: 'string', maxLength: 50 } }), 'backward note: maxLength 500 → 50'],
    ['an added minLength', order({ note: { type: 'string', minLength: 1, maxLength: 500 } }), 'backward note: minLength none → 1'],
    ['a changed type', order({ note: { type: 'number' } }), 'backward note: type string → number'],
    ['a removed enum value', order({ status: { type: 'string', enum: ['PENDING'] } }), 'backward status: enum ["PENDING","PAID"] → ["PENDING"] ("PAID" rejected by the current schema)'],
    ['an enum where any string was allowed', order({ note: { type: 'string', maxLength: 500, enum: ['a', 'b'] } }), 'backward note: enum any value → ["a","b"]'],
    ['a changed pattern', order({ orderId: { type: 'string', pattern: '^[a-z]{1,36}$' } }), 'backward orderId: pattern "^[a-z0-9-]{1,36}$" → "^[a-z]{1,36}$" (a changed pattern or format cannot be proven wider)'],
    ['an added format', order({ note: { type: 'string', maxLength: 500, format: 'email' } }), 'backward note: format none → "email"'],
    ['a new required property', order({ giftWrap: { type: 'boolean' } }, ['orderId', 'items', 'giftWrap']), 'backward giftWrap: presence undeclared → required'],
    ['an optional property made required', order({}, ['orderId', 'items', 'note']), 'backward note: presence optional → required'],
  ])('%s', (_name, current, expected) => {
    expect(changes(order(), current)).toEqual([expected]);
  });

  it('number → integer, an added exclusiveMinimum and an added multipleOf', () => {
    expect(changes({ type: 'number' }, { type: 'integer' })).toEqual(['backward (root): type number → integer']);
    expect(changes({ type: 'number', minimum: 0 }, { type: 'number', exclusiveMinimum: 0 })).toEqual(['backward (root): minimum ≥ 0 → > 0']);
    expect(changes({ type: 'number' }, { type: 'number', multipleOf: 0.01 })).toEqual(['backward (root): multipleOf none → 0.01']);
    expect(changes({ type: 'number', multipleOf: 0.02 }, { type: 'number', multipleOf: 0.01 })).toEqual([]);
  });

  it('a removed branch of a union, and null no longer accepted', () => {
    const released = { anyOf: [{ type: 'string' }, { type: 'null' }] };
    expect(changes(released, { type: 'string' })).toEqual(['backward (root): type null → string']);
    expect(changes({ anyOf: [{ type: 'string' }, { type: 'integer' }] }, { anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] })).toEqual([]);
  });

  it('additionalProperties: false added, when writers may send undeclared properties', () => {
    const released = { type: 'object', properties: { a: { type: 'string' } } };
    const current = { ...released, additionalProperties: false };
    expect(changes(released, current, 'backward', { undeclaredProperties: 'any-value' })).toEqual(['backward (root): additionalProperties none → false']);
    expect(changes(released, current)).toEqual([]);
  });

  it('uniqueItems added, a tuple position tightened', () => {
    expect(changes({ type: 'array' }, { type: 'array', uniqueItems: true })).toEqual(['backward (root): uniqueItems none → true']);
    expect(changes({ type: 'array', prefixItems: [{ type: 'string' }] }, { type: 'array', prefixItems: [{ type: 'string', maxLength: 3 }] })).toEqual([
      'backward [0]: maxLength none → 3',
    ]);
    // Draft-07 tuples: `items: [...]` with `additionalItems`.
    expect(changes({ type: 'array', items: [{ type: 'string' }] }, { type: 'array', items: [{ type: 'string' }], additionalItems: false })).toEqual([
      'backward []: schema accepts values → rejects every value',
    ]);
  });

  it('a keyword the check does not understand must not change', () => {
    expect(changes({ type: 'string' }, { type: 'string', not: { const: 'x' } })).toEqual([
      'backward (root): not none → {"const":"x"} (a keyword this check does not reason about: it must not change)',
    ]);
    expect(changes({ type: 'string', not: { const: 'x' } }, { type: 'string', not: { const: 'x' } })).toEqual([]);
  });

  it('a fixed value the new constraints reject', () => {
    expect(changes({ const: 'abc' }, { type: 'string', maxLength: 2 })).toEqual(['backward (root): const ["abc"] → constraints ("abc" rejected by the current schema)']);
    expect(changes({ enum: ['ab', 'cd'] }, { type: 'string', pattern: '^[a-z]{2}$' })).toEqual([]);
  });
});

describe('widening breaks readers still on the released schema (forward)', () => {
  it.each<[string, JsonSchema, string]>([
    ['a raised maxItems', order({ items: { type: 'array', minItems: 1, maxItems: 200, items: { type: 'object', properties: { quantity: { type: 'integer', minimum: 1, maximum: 1000 } }, required: ['quantity'] } } }), 'forward items: maxItems 100 → 200'],
    ['an added enum value', order({ status: { type: 'string', enum: ['PENDING', 'PAID', 'REFUNDED'] } }), 'forward status: enum ["PENDING","PAID"] → ["PENDING","PAID","REFUNDED"] ("REFUNDED" rejected by the released schema)'],
    ['a required property removed', order({ orderId: undefined }, ['items']), 'forward orderId: presence required → undeclared'],
    ['a required property made optional', order({}, ['items']), 'forward orderId: presence required → optional'],
    ['a removed pattern', order({ orderId: { type: 'string' } }), 'forward orderId: pattern "^[a-z0-9-]{1,36}$" → none'],
  ])('%s', (_name, current, expected) => {
    const withoutUndefined = JSON.parse(JSON.stringify(current)) as JsonSchema;
    expect(changes(order(), withoutUndefined, 'forward')).toEqual([expected]);
    expect(changes(order(), withoutUndefined, 'backward')).toEqual([]);
  });
});

describe('compatible in both directions (full)', () => {
  it('an added optional property: writers never send what their schema does not declare', () => {
    expect(changes(order(), order({ giftWrap: { type: 'boolean' } }), 'full')).toEqual([]);
  });

  it('an added optional property that must accept anything when writers may send undeclared properties', () => {
    expect(changes(order(), order({ giftWrap: { type: 'boolean' } }), 'backward', { undeclaredProperties: 'any-value' })).toEqual([
      'backward giftWrap: type any → boolean',
    ]);
  });

  it('annotations, extensions and key order never break', () => {
    const released = order();
    const current = { description: 'An order', 'x-owner': 'orders', required: ['orderId', 'items'], ...(order() as object), title: 'Order' };
    expect(changes(released, current, 'full')).toEqual([]);
  });

  it('a $ref and the schema it points to are the same contract, resolved against each document', () => {
    const releasedDoc = { components: { schemas: { Order: order() } } };
    const currentDoc = { components: { schemas: { Order: order({ items: { type: 'array', maxItems: 5 } }) } } };
    const ref = { $ref: '#/components/schemas/Order' };
    expect(findBreakingChanges(ref, order(), { compatibility: 'full', releasedRoot: releasedDoc })).toEqual([]);
    expect(changes(ref, ref, 'backward', { releasedRoot: releasedDoc, currentRoot: currentDoc })).toEqual(['backward items: maxItems 100 → 5']);
  });

  it('a recursive schema is compared once per pair of definitions', () => {
    const tree = (maxLength: number) => ({
      $defs: { node: { type: 'object', properties: { name: { type: 'string', maxLength }, children: { type: 'array', items: { $ref: '#/$defs/node' } } } } },
      $ref: '#/$defs/node',
    });
    expect(changes(tree(10), tree(10), 'full')).toEqual([]);
    expect(changes(tree(10), tree(5))).toEqual(['backward name: maxLength 10 → 5']);
  });

  it('allOf on either side', () => {
    const base = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const extended = { allOf: [base, { properties: { b: { type: 'integer' } } }] };
    expect(changes(extended, { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, required: ['a'] }, 'full')).toEqual([]);
    expect(changes(base, { allOf: [base, { properties: { a: { maxLength: 3 } } }] })).toEqual(['backward a: maxLength none → 3']);
  });
});

describe('describeBreakingChanges', () => {
  it('says where, what and for whom', () => {
    const found = findBreakingChanges({ type: 'array', maxItems: 100 }, { type: 'array', maxItems: 5 }, { compatibility: 'full' });
    expect(describeBreakingChanges(found)).toBe(
      '(root): maxItems 100 → 5 — backward: readers on the current schema reject data written under the released one',
    );
  });
});

const kinds = (released: JsonSchema, current: JsonSchema, options: CompatibilityOptions) =>
  findBreakingChanges(released, current, options).map(({ kind, path }) => `${kind} at ${path}`);

const open = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): JsonSchema => ({ type: 'object', properties, ...extra });
const closed = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): JsonSchema => open(properties, { ...extra, additionalProperties: false });
const text = { type: 'string' };

describe('the kind of each breaking change', () => {
  it.each<[string, JsonSchema, JsonSchema, CompatibilityOptions, string]>([
    ['type-narrowed', { type: 'number' }, { type: 'integer' }, { compatibility: 'backward' }, 'type-narrowed at (root)'],
    ['type-widened', { type: 'integer' }, { type: 'number' }, { compatibility: 'forward' }, 'type-widened at (root)'],
    ['type-narrowed (a schema that rejects everything)', { type: 'array' }, { type: 'array', items: false }, { compatibility: 'backward' }, 'type-narrowed at []'],
    ['enum-value-removed', { enum: ['a', 'b'] }, { enum: ['a'] }, { compatibility: 'backward' }, 'enum-value-removed at (root)'],
    ['enum-value-added', { enum: ['a'] }, { enum: ['a', 'b'] }, { compatibility: 'forward' }, 'enum-value-added at (root)'],
    ['enum-value-added (any value where one was fixed)', { const: 'a' }, text, { compatibility: 'forward' }, 'enum-value-added at (root)'],
    ['bound-tightened', { type: 'string', maxLength: 10 }, { type: 'string', maxLength: 5 }, { compatibility: 'backward' }, 'bound-tightened at (root)'],
    ['bound-tightened (uniqueItems)', { type: 'array' }, { type: 'array', uniqueItems: true }, { compatibility: 'backward' }, 'bound-tightened at (root)'],
    ['bound-loosened', { type: 'integer', minimum: 0 }, { type: 'integer' }, { compatibility: 'forward' }, 'bound-loosened at (root)'],
    ['pattern-changed (added)', text, { type: 'string', pattern: '^[a-z]+$' }, { compatibility: 'backward' }, 'pattern-changed at (root)'],
    ['format-changed (removed)', { type: 'string', format: 'email' }, text, { compatibility: 'forward' }, 'format-changed at (root)'],
    ['required-added', open({ a: text }), open({ a: text }, { required: ['a'] }), { compatibility: 'backward' }, 'required-added at a'],
    ['required-removed', open({ a: text }, { required: ['a'] }), open({ a: text }), { compatibility: 'forward' }, 'required-removed at a'],
    ['property-removed (a required one)', open({ a: text }, { required: ['a'] }), open({}), { compatibility: 'forward' }, 'property-removed at a'],
    ['property-removed (from a closed object)', open({ a: text, b: text }), closed({ a: text }), { compatibility: 'backward' }, 'property-removed at b'],
    ['property-added (to a closed object)', closed({ a: text }), closed({ a: text, b: text }), { compatibility: 'forward' }, 'property-added at b'],
    ['additional-properties-closed', open({ a: text }), closed({ a: text }), { compatibility: 'backward', undeclaredProperties: 'other-names' }, 'additional-properties-closed at (root)'],
    ['additional-properties-opened', closed({ a: text }), open({ a: text }), { compatibility: 'forward', undeclaredProperties: 'other-names' }, 'additional-properties-opened at (root)'],
    ['branch-removed', { anyOf: [text, { type: 'null' }] }, text, { compatibility: 'backward' }, 'branch-removed at (root)'],
    ['branch-added', text, { anyOf: [text, { type: 'null' }] }, { compatibility: 'forward' }, 'branch-added at (root)'],
    ['unprovable-change', text, { type: 'string', not: { const: 'x' } }, { compatibility: 'backward' }, 'unprovable-change at (root)'],
  ])('%s', (_kind, released, current, options, expected) => {
    expect(kinds(released, current, options)).toEqual([expected]);
  });

  it('a branch still of an accepted type keeps the kind of what changed inside it', () => {
    const released = { anyOf: [open({ a: { type: 'string', maxLength: 10 } }), { type: 'null' }] };
    const current = { anyOf: [open({ a: { type: 'string', maxLength: 5 } }), { type: 'null' }] };
    expect(kinds(released, current, { compatibility: 'backward' })).toEqual(['bound-tightened at a']);
  });
});

describe('what writers and readers do with undeclared properties', () => {
  it('other-names: writers send extras, never under a name the contract goes on to declare', () => {
    const options: CompatibilityOptions = { compatibility: 'backward', undeclaredProperties: 'other-names' };
    expect(kinds(order(), order({ giftWrap: { type: 'boolean' } }), options)).toEqual([]);
    expect(kinds(open({ a: text }), closed({ a: text }), options)).toEqual(['additional-properties-closed at (root)']);
    expect(kinds(open({ a: text }), open({ a: text }, { additionalProperties: { type: 'integer' } }), options)).toEqual(['type-narrowed at *']);
    expect(kinds(open({ a: text }), open({ a: text }, { additionalProperties: { type: 'integer' } }), { compatibility: 'backward' })).toEqual([]);
    // An explicit additionalProperties schema is what the writer sends under any name, declared later or not.
    const map = { type: 'object', additionalProperties: text };
    expect(kinds(map, { ...map, properties: { a: { type: 'string', maxLength: 3 } } }, options)).toEqual(['bound-tightened at a']);
  });

  it('readers that ignore undeclared properties: a new field in a closed object is compatible, an additionalProperties schema still counts', () => {
    const tolerant: CompatibilityOptions = { compatibility: 'forward', readerUndeclaredProperties: 'ignored' };
    expect(kinds(closed({ a: text }), closed({ a: text, b: text }), { compatibility: 'forward' })).toEqual(['property-added at b']);
    expect(kinds(closed({ a: text }), closed({ a: text, b: text }), tolerant)).toEqual([]);
    expect(kinds(closed({ a: text }), open({ a: text }), { ...tolerant, undeclaredProperties: 'any-value' })).toEqual([]);
    const map = { type: 'object', additionalProperties: text };
    expect(kinds(map, { ...map, properties: { n: { type: 'integer' } } }, tolerant)).toEqual(['type-widened at n']);
  });

  it('removedProperties: breaking reports an optional property readers on the released schema no longer get, once, forward only', () => {
    const released = open({ a: text, b: text }, { required: ['a'] });
    expect(kinds(released, open({ a: text }, { required: ['a'] }), { compatibility: 'full' })).toEqual([]);
    expect(findBreakingChanges(released, open({ a: text }, { required: ['a'] }), { compatibility: 'full', removedProperties: 'breaking' })).toEqual([
      { direction: 'forward', path: 'b', kind: 'property-removed', change: 'presence optional → undeclared (readers on the released schema no longer get it)' },
    ]);
    expect(kinds(released, open({ b: text }), { compatibility: 'full', removedProperties: 'breaking' })).toEqual(['property-removed at a']);
    expect(kinds(open({ a: text }), open({ a: text, b: text }), { compatibility: 'full', removedProperties: 'breaking' })).toEqual([]);
  });
});

// The scenarios of api-contracts' former comparer (schemaIncompatibilities, merged into this module): its role
// `both` is `full`, `accepted` is `backward`, `produced` is `forward` with removed properties breaking.
describe('an event schema compared in both directions', () => {
  const item = { type: 'object', required: ['sku', 'quantity'], properties: { sku: text, quantity: { type: 'integer', minimum: 1 } } };
  const event = (items: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): JsonSchema => ({
    type: 'object',
    required: ['orderId', 'items'],
    properties: { orderId: text, items: { type: 'array', minItems: 1, maxItems: 100, items: item, ...items }, currency: { enum: ['EUR', 'USD'] }, ...extra },
  });
  const full: CompatibilityOptions = { compatibility: 'full' };

  it('finds nothing for the same schema or a new optional field', () => {
    expect(kinds(event(), event(), full)).toEqual([]);
    expect(kinds(event(), event({}, { note: text }), full)).toEqual([]);
  });

  it('fails on order.placed v1 items narrowed from at most 100 to at most 5 (issue #15)', () => {
    expect(kinds(event(), event({ maxItems: 5 }), full)).toEqual(['bound-tightened at items']);
  });

  it('fails on a type changed, a new required field, an enum value removed or added', () => {
    expect(kinds(event(), event({}, { orderId: { type: 'integer' } }), full)).toEqual(['type-narrowed at orderId', 'type-widened at orderId']);
    expect(kinds(event(), { ...(event() as object), required: ['orderId', 'items', 'currency'] }, full)).toEqual(['required-added at currency']);
    expect(kinds(event(), event({}, { currency: { enum: ['EUR'] } }), full)).toEqual(['enum-value-removed at currency']);
    expect(kinds(event(), event({}, { currency: { enum: ['EUR', 'USD', 'GBP'] } }), full)).toEqual(['enum-value-added at currency']);
  });

  it('an optional field removed: compatible for events (ADR 0015), breaking where readers count on it', () => {
    const { currency: _drop, ...withoutCurrency } = (event() as { properties: Record<string, unknown> }).properties;
    const current = { ...(event() as object), properties: withoutCurrency };
    expect(kinds(event(), current, full)).toEqual([]);
    expect(kinds(event(), current, { ...full, removedProperties: 'breaking' })).toEqual(['property-removed at currency']);
  });

  it('looks into array items and $refs', () => {
    const narrowedItem = { ...item, properties: { ...item.properties, quantity: { type: 'integer', minimum: 2 } } };
    expect(kinds(event(), event({ items: narrowedItem }), full)).toEqual(['bound-tightened at items[].quantity']);
    const viaRef = { $defs: { Item: narrowedItem }, ...(event({ items: { $ref: '#/$defs/Item' } }) as object) };
    expect(kinds(event(), viaRef, full)).toEqual(['bound-tightened at items[].quantity']);
  });
});

describe('by direction: data a service accepts (backward) and produces (forward)', () => {
  const released = { type: 'object', required: ['a'], properties: { a: { type: 'string', maxLength: 10 }, b: text } };
  const looser = { type: 'object', required: ['a'], properties: { a: { type: 'string', maxLength: 20 }, b: text } };
  const optionalA = { type: 'object', properties: { a: { type: 'string', maxLength: 10 }, b: text } };
  const accepted: CompatibilityOptions = { compatibility: 'backward' };
  const produced: CompatibilityOptions = { compatibility: 'forward', removedProperties: 'breaking' };

  it('accepted (a request): widening is fine, narrowing breaks', () => {
    expect(kinds(released, looser, accepted)).toEqual([]);
    expect(kinds(released, optionalA, accepted)).toEqual([]);
    expect(kinds(looser, released, accepted)).toEqual(['bound-tightened at a']);
    expect(kinds(optionalA, released, accepted)).toEqual(['required-added at a']);
  });

  it('produced (a response): narrowing is fine, widening and removal break', () => {
    expect(kinds(looser, released, produced)).toEqual([]);
    expect(kinds(released, looser, produced)).toEqual(['bound-loosened at a']);
    expect(kinds(released, optionalA, produced)).toEqual(['required-removed at a']);
    expect(kinds(released, { ...released, properties: { a: released.properties.a } }, produced)).toEqual(['property-removed at b']);
  });

  it('a nullable field (anyOf with null) is a union: dropping null from a response is fine, adding it is not', () => {
    const nullable = { anyOf: [text, { type: 'null' }] };
    expect(kinds(nullable, text, produced)).toEqual([]);
    expect(kinds(text, nullable, produced)).toEqual(['branch-added at (root)']);
    expect(kinds(nullable, text, accepted)).toEqual(['branch-removed at (root)']);
  });
});
