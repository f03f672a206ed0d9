import { describeBreakingChanges, findBreakingChanges, type Compatibility, type JsonSchema } from './index';

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
