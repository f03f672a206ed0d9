/**
 * Is a changed JSON Schema still compatible with the released one? The question is always about a writer and a
 * reader: a change breaks when some value a writer may send is rejected by a reader. Which side runs the new schema
 * decides the direction (docs/adr/0015-contract-catalogue-and-compatibility.md):
 *
 * - `backward`: readers validate with the current schema and receive data written under the released one (a
 *   consumer redriving an old event from its DLQ, a server reading requests from clients built on the old
 *   document). Broken by narrowing: a tighter limit, pattern or format, a removed enum value, a new required
 *   property, a changed type.
 * - `forward`: readers still validate with the released schema and receive data written under the current one (a
 *   consumer not yet redeployed, a client reading responses). Broken by widening: a looser limit, an added enum
 *   value, a property no longer required (or removed).
 * - `full`: both.
 *
 * The check proves that one schema accepts everything the other accepts, keyword by keyword, for the keywords
 * contracts use (type, properties, required, additionalProperties, items, prefixItems, enum, const, bounds, pattern,
 * format, anyOf/oneOf/allOf, local $ref). What it cannot prove it reports as breaking: a changed pattern or an
 * unknown assertion keyword that differs is a finding, never a silent pass. Annotations (title, description,
 * examples, ...) never break.
 *
 * It serves event schemas (packages/domain-events, `full`) and OpenAPI documents (packages/api-contracts: request
 * bodies and parameters `backward`, responses `forward`); the options below say what writers and readers do with
 * properties a schema does not declare, which is where those contracts differ.
 */

export type JsonSchema = boolean | { [keyword: string]: unknown };
export type Direction = 'backward' | 'forward';
export type Compatibility = Direction | 'full';

/**
 * What kind of change broke, released → current. Narrowing kinds come from the `backward` direction, widening ones
 * from `forward`:
 * - `type-narrowed` / `type-widened`: a JSON type no longer / newly accepted (null included; `false` accepts none).
 * - `enum-value-removed` / `enum-value-added`: an enum or const value no longer / newly possible (also a fixed
 *   value the other side's constraints reject, and an enum where any value was allowed or the reverse).
 * - `bound-tightened` / `bound-loosened`: minimum/maximum (exclusive too), multipleOf, min/maxLength,
 *   min/maxItems, min/maxProperties, uniqueItems.
 * - `pattern-changed`, `format-changed`: added, removed or changed (a changed one cannot be proven wider).
 * - `required-added`: a property readers now require. `required-removed`: a property readers require is now optional.
 * - `property-removed`: a required property no longer declared, a property a closed object no longer lets through,
 *   or (with `removedProperties: 'breaking'`) an optional property no longer declared.
 * - `property-added`: a new property readers' closed object rejects.
 * - `additional-properties-closed` / `additional-properties-opened`: undeclared properties writers may send are
 *   rejected by `additionalProperties: false` on the current / released side.
 * - `branch-removed` / `branch-added`: a whole alternative of a writer's anyOf/oneOf is of a type the reader does
 *   not accept (`null` dropped from / added to a nullable field, say).
 * - `unprovable-change`: a change this check cannot reason about (an assertion keyword it does not model, an allOf
 *   it cannot merge), reported rather than passed.
 */
export type BreakingKind =
  | 'type-narrowed'
  | 'type-widened'
  | 'enum-value-removed'
  | 'enum-value-added'
  | 'bound-tightened'
  | 'bound-loosened'
  | 'pattern-changed'
  | 'format-changed'
  | 'required-added'
  | 'required-removed'
  | 'property-removed'
  | 'property-added'
  | 'additional-properties-closed'
  | 'additional-properties-opened'
  | 'branch-removed'
  | 'branch-added'
  | 'unprovable-change';

export interface BreakingChange {
  direction: Direction;
  /** Where in the data, e.g. `payload.items` (`[]` = every element, `(root)` = the value itself). */
  path: string;
  kind: BreakingKind;
  /** What changed, released → current, e.g. `maxItems 100 → 5`. */
  change: string;
}

export interface CompatibilityOptions {
  compatibility: Compatibility;
  /** The documents local `$ref`s resolve against (an OpenAPI document, say); default: the schemas themselves. */
  releasedRoot?: unknown;
  currentRoot?: unknown;
  /**
   * What writers send under names their schema neither declares nor forbids (no `additionalProperties`).
   * - `never-sent` (default): writers validate with the same schema and drop what it does not declare (zod objects
   *   strip unknown keys), so such properties never travel: declaring a new optional one is compatible, and so is
   *   closing the object.
   * - `other-names`: writers may send extra properties (an HTTP client passing fields through), but not under a
   *   name the contract goes on to declare: declaring a new optional property is compatible, closing the object
   *   (`additionalProperties: false`) or constraining its extras is not.
   * - `any-value`: writers may send anything under any name: a newly declared property must accept any value.
   */
  undeclaredProperties?: 'never-sent' | 'other-names' | 'any-value';
  /**
   * What readers do with a property their schema closes out (`additionalProperties: false`). `rejected` (default):
   * they validate, so a writer sending it breaks them. `ignored`: tolerant readers drop what they do not know
   * (HTTP clients reading responses, ADR 0013), so a new optional property in a closed object is compatible.
   * An `additionalProperties` schema is always checked: what it constrains is data, not an unknown field.
   */
  readerUndeclaredProperties?: 'rejected' | 'ignored';
  /**
   * A property the released schema declares as optional and the current one no longer declares. `compatible`
   * (default): readers must cope with its absence anyway (events, ADR 0015). `breaking`: readers on the released
   * schema count on getting it when it applies (an HTTP client showing a response field), so it is a `forward`
   * finding (`property-removed`).
   */
  removedProperties?: 'compatible' | 'breaking';
}

type SchemaObject = { [keyword: string]: unknown };
type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

const ALL_TYPES: readonly JsonType[] = ['null', 'boolean', 'object', 'array', 'number', 'integer', 'string'];

/** Keywords that describe and never constrain. */
const ANNOTATIONS = new Set([
  '$schema', '$id', '$anchor', '$comment', '$defs', 'definitions', 'title', 'description', 'default', 'examples',
  'example', 'deprecated', 'readOnly', 'writeOnly', 'contentMediaType', 'contentEncoding', 'discriminator', 'xml',
  'externalDocs',
]);

/** Assertion keywords this module reasons about; any other one must be unchanged. */
const UNDERSTOOD = new Set([
  '$ref', 'type', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'properties', 'required', 'additionalProperties',
  'minProperties', 'maxProperties', 'items', 'prefixItems', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems', 'minLength',
  'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
]);

const TYPE_KINDS = new Set<BreakingKind>(['type-narrowed', 'type-widened']);

const STRUCTURAL = new Set(['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties', 'items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems']);

interface Context {
  direction: Direction;
  writerRoot: unknown;
  readerRoot: unknown;
  undeclared: NonNullable<CompatibilityOptions['undeclaredProperties']>;
  readerUndeclared: NonNullable<CompatibilityOptions['readerUndeclaredProperties']>;
  /** Whether a property the reader declares and the writer does not is itself a finding (forward, removedProperties). */
  removalBreaks: boolean;
  /** $ref pairs being compared: a recursive schema is assumed compatible on its second visit. */
  refsInProgress: Set<string>;
}

const isObject = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown): string => (value === undefined ? 'none' : JSON.stringify(value));

const deepEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
};

const childPath = (path: string, segment: string): string => (path === '(root)' ? segment : `${path}.${segment}`);
const itemsPath = (path: string, index = ''): string => `${path === '(root)' ? '' : path}[${index}]`;

const resolvePointer = (root: unknown, ref: string): unknown => {
  if (!ref.startsWith('#')) throw new Error(`only local $ref is supported, found "${ref}"`);
  return ref
    .slice(1)
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, segment) => {
      if (!isObject(node) && !Array.isArray(node)) throw new Error(`$ref "${ref}" does not resolve`);
      const next = (node as Record<string, unknown>)[segment];
      if (next === undefined) throw new Error(`$ref "${ref}" does not resolve`);
      return next;
    }, root);
};

/** A schema with its `$ref` replaced by the target (2020-12: sibling keywords still apply). */
const dereference = (schema: JsonSchema, root: unknown): JsonSchema => {
  if (!isObject(schema) || typeof schema.$ref !== 'string') return schema;
  const { $ref, ...siblings } = schema;
  const target = dereference(resolvePointer(root, $ref) as JsonSchema, root);
  if (target === false) return false;
  return target === true ? siblings : { ...target, ...siblings };
};

const typesOf = (schema: SchemaObject): JsonType[] => {
  if (typeof schema.type === 'string') return [schema.type as JsonType];
  if (Array.isArray(schema.type)) return schema.type as JsonType[];
  return [...ALL_TYPES];
};

const accepts = (types: readonly JsonType[], type: JsonType): boolean =>
  types.includes(type) || (type === 'integer' && types.includes('number'));

const jsonTypeOf = (value: unknown): JsonType => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
};

interface Bound {
  value: number;
  exclusive: boolean;
}

/** The tighter of `minimum`/`exclusiveMinimum` (or the maximums), over integers when the schema is integer only. */
const numericBound = (schema: SchemaObject, side: 'lower' | 'upper', integerOnly: boolean): Bound | undefined => {
  const inclusive = schema[side === 'lower' ? 'minimum' : 'maximum'];
  const exclusive = schema[side === 'lower' ? 'exclusiveMinimum' : 'exclusiveMaximum'];
  const candidates: Bound[] = [];
  if (typeof inclusive === 'number') candidates.push({ value: inclusive, exclusive: false });
  if (typeof exclusive === 'number') candidates.push({ value: exclusive, exclusive: true });
  const normalised = candidates.map((bound) => {
    if (!integerOnly) return bound;
    if (side === 'lower') return { value: bound.exclusive ? Math.floor(bound.value) + 1 : Math.ceil(bound.value), exclusive: false };
    return { value: bound.exclusive ? Math.ceil(bound.value) - 1 : Math.floor(bound.value), exclusive: false };
  });
  const tighter = (a: Bound, b: Bound): Bound => {
    if (a.value !== b.value) return (side === 'lower' ? a.value > b.value : a.value < b.value) ? a : b;
    return a.exclusive ? a : b;
  };
  return normalised.reduce<Bound | undefined>((best, bound) => (best ? tighter(best, bound) : bound), undefined);
};

/** Does the reader's bound exclude values inside the writer's? */
const boundNarrows = (writer: Bound | undefined, reader: Bound | undefined, side: 'lower' | 'upper'): boolean => {
  if (!reader) return false;
  if (!writer) return true;
  if (writer.value !== reader.value) return side === 'lower' ? reader.value > writer.value : reader.value < writer.value;
  return reader.exclusive && !writer.exclusive;
};

const showBound = (bound: Bound | undefined, side: 'lower' | 'upper'): string => {
  if (!bound) return 'none';
  return `${side === 'lower' ? (bound.exclusive ? '>' : '≥') : bound.exclusive ? '<' : '≤'} ${bound.value}`;
};

const splitAnnotations = (schema: SchemaObject): SchemaObject =>
  Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key) && !key.startsWith('x-')));

const without = (schema: SchemaObject, ...keys: string[]): SchemaObject =>
  Object.fromEntries(Object.entries(schema).filter(([key]) => !keys.includes(key)));

/** allOf of conjuncts that constrain disjoint keywords (or only add properties and required) merged into one schema. */
const mergeAllOf = (schema: SchemaObject): SchemaObject | undefined => {
  const conjuncts = [without(schema, 'allOf'), ...(schema.allOf as JsonSchema[])];
  const merged: SchemaObject = {};
  for (const conjunct of conjuncts) {
    if (conjunct === true) continue;
    if (!isObject(conjunct)) return undefined;
    for (const [key, value] of Object.entries(splitAnnotations(conjunct))) {
      if (key === 'properties' && isObject(value)) {
        const properties = (merged.properties ?? {}) as SchemaObject;
        if (Object.keys(value).some((name) => name in properties)) return undefined;
        merged.properties = { ...properties, ...value };
      } else if (key === 'required' && Array.isArray(value)) {
        merged.required = [...new Set([...((merged.required as string[] | undefined) ?? []), ...(value as string[])])];
      } else if (key in merged && !deepEqual(merged[key], value)) {
        return undefined;
      } else {
        merged[key] = value;
      }
    }
  }
  return merged;
};

class Comparison {
  readonly findings: BreakingChange[] = [];

  constructor(private readonly context: Context) {}

  /** Records that the reader rejects some value the writer may send; `released`/`current` are ordered for people. */
  private report(path: string, kind: BreakingKind, what: string, writerValue: string, readerValue: string, note?: string): void {
    const [released, current] = this.context.direction === 'backward' ? [writerValue, readerValue] : [readerValue, writerValue];
    this.findings.push({ direction: this.context.direction, path, kind, change: `${what} ${released} → ${current}${note ? ` (${note})` : ''}` });
  }

  /** The kind of a finding by direction: backward findings narrow, forward ones widen. */
  private by(narrowed: BreakingKind, widened: BreakingKind): BreakingKind {
    return this.context.direction === 'backward' ? narrowed : widened;
  }

  private get readerName(): string {
    return this.context.direction === 'backward' ? 'the current schema' : 'the released schema';
  }

  /** Everything `writer` accepts must be accepted by `reader`. */
  compare(writerInput: JsonSchema, readerInput: JsonSchema, path: string): void {
    const refOf = (schema: JsonSchema): string => (isObject(schema) && typeof schema.$ref === 'string' ? schema.$ref : '');
    const refKey = `${refOf(writerInput)}|${refOf(readerInput)}`;
    const recursive = refKey !== '|';
    if (recursive && this.context.refsInProgress.has(refKey)) return;
    if (recursive) this.context.refsInProgress.add(refKey);
    try {
      this.compareResolved(dereference(writerInput, this.context.writerRoot), dereference(readerInput, this.context.readerRoot), path);
    } finally {
      if (recursive) this.context.refsInProgress.delete(refKey);
    }
  }

  private compareResolved(writerInput: JsonSchema, readerInput: JsonSchema, path: string): void {
    if (writerInput === false) return;
    if (readerInput === false) {
      this.report(path, this.by('type-narrowed', 'type-widened'), 'schema', 'accepts values', 'rejects every value');
      return;
    }
    const writer = splitAnnotations(writerInput === true ? {} : writerInput);
    const reader = splitAnnotations(readerInput === true ? {} : readerInput);
    if (Object.keys(reader).length === 0) return;

    const writerUnion = (writer.anyOf ?? writer.oneOf) as JsonSchema[] | undefined;
    if (writerUnion) {
      const siblings = without(writer, 'anyOf', 'oneOf');
      writerUnion.forEach((branch) => this.compareBranch(isObject(branch) ? { ...siblings, ...branch } : branch, readerInput, path, writerUnion.length > 1));
      return;
    }
    if (writer.allOf) {
      const merged = mergeAllOf(writer);
      if (merged) this.compareResolved(merged, readerInput, path);
      else if (!deepEqual(writer, reader)) this.report(path, 'unprovable-change', 'allOf', 'released', 'changed', 'cannot tell whether every value is still accepted');
      return;
    }
    if (reader.allOf) {
      this.compareResolved(writer, without(reader, 'allOf'), path);
      (reader.allOf as JsonSchema[]).forEach((conjunct) => this.compare(writer, conjunct, path));
      return;
    }
    const readerUnion = (reader.anyOf ?? reader.oneOf) as JsonSchema[] | undefined;
    if (readerUnion) {
      this.compareResolved(writer, without(reader, 'anyOf', 'oneOf'), path);
      this.compareWithSomeBranch(writer, readerUnion, path);
      return;
    }

    this.compareUnknownKeywords(writer, reader, path);
    if (this.compareValues(writer, reader, path)) return;
    const types = this.compareTypes(writer, reader, path);
    if (types.some((type) => type === 'number' || type === 'integer')) this.compareNumbers(writer, reader, path, types);
    if (types.includes('string')) this.compareStrings(writer, reader, path);
    if (types.includes('array')) this.compareArrays(writer, reader, path);
    if (types.includes('object')) this.compareObjects(writer, reader, path);
  }

  /**
   * One alternative of a writer's union against the reader. When the reader rejects it by type alone (null dropped
   * from a nullable field, a new kind of value in a response), the findings are about the branch as a whole.
   */
  private compareBranch(branch: JsonSchema, reader: JsonSchema, path: string, oneOfSeveral: boolean): void {
    const attempt = new Comparison(this.context);
    attempt.compare(branch, reader, path);
    const whole = oneOfSeveral && attempt.findings.length > 0 && attempt.findings.every((found) => found.path === path && TYPE_KINDS.has(found.kind));
    const kind = this.by('branch-removed', 'branch-added');
    this.findings.push(...(whole ? attempt.findings.map((found) => ({ ...found, kind })) : attempt.findings));
  }

  /** A union reader accepts the writer when one of its branches does; otherwise report the closest branch. */
  private compareWithSomeBranch(writer: SchemaObject, branches: JsonSchema[], path: string): void {
    const attempts = branches.map((branch) => {
      const attempt = new Comparison(this.context);
      attempt.compare(writer, branch, path);
      return attempt.findings;
    });
    if (attempts.some((findings) => findings.length === 0)) return;
    const closest = attempts.reduce((best, findings) => (findings.length < best.length ? findings : best));
    this.findings.push(...closest);
  }

  private compareUnknownKeywords(writer: SchemaObject, reader: SchemaObject, path: string): void {
    Object.keys(reader)
      .filter((keyword) => !UNDERSTOOD.has(keyword) && !deepEqual(writer[keyword], reader[keyword]))
      .forEach((keyword) =>
        this.report(path, 'unprovable-change', keyword, show(writer[keyword]), show(reader[keyword]), 'a keyword this check does not reason about: it must not change'),
      );
  }

  /** const/enum. Returns true when the writer sends a fixed set of values (nothing else left to compare). */
  private compareValues(writer: SchemaObject, reader: SchemaObject, path: string): boolean {
    const valuesOf = (schema: SchemaObject): unknown[] | undefined =>
      'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? (schema.enum as unknown[]) : undefined;
    const writerValues = valuesOf(writer);
    const readerValues = valuesOf(reader);
    const what = 'enum' in writer || 'enum' in reader ? 'enum' : 'const';
    const kind = this.by('enum-value-removed', 'enum-value-added');
    if (!writerValues) {
      if (readerValues) this.report(path, kind, what, 'any value', show(readerValues));
      return false;
    }
    const rejected = writerValues.filter((value) =>
      readerValues ? !readerValues.some((candidate) => deepEqual(candidate, value)) : !this.valueMeetsScalarKeywords(value, reader),
    );
    if (rejected.length > 0) {
      const readerShown = readerValues ? show(readerValues) : 'constraints';
      this.report(path, kind, what, show(writerValues), readerShown, `${rejected.map(show).join(', ')} rejected by ${this.readerName}`);
    }
    return true;
  }

  /** A fixed writer value against a reader without enum: its type, bounds, length and pattern. */
  private valueMeetsScalarKeywords(value: unknown, reader: SchemaObject): boolean {
    const type = jsonTypeOf(value);
    if (!accepts(typesOf(reader), type)) return false;
    if (typeof value === 'number') {
      const lower = numericBound(reader, 'lower', false);
      const upper = numericBound(reader, 'upper', false);
      if (lower && (value < lower.value || (lower.exclusive && value === lower.value))) return false;
      if (upper && (value > upper.value || (upper.exclusive && value === upper.value))) return false;
      if (typeof reader.multipleOf === 'number' && !Number.isInteger(value / reader.multipleOf)) return false;
    }
    if (typeof value === 'string') {
      const length = [...value].length;
      if (typeof reader.minLength === 'number' && length < reader.minLength) return false;
      if (typeof reader.maxLength === 'number' && length > reader.maxLength) return false;
      if (typeof reader.pattern === 'string' && !new RegExp(reader.pattern, 'u').test(value)) return false;
      if (typeof reader.format === 'string') return false;
    }
    // Structured fixed values are rare in contracts: accept them only when the reader does not constrain structure.
    if (type === 'object' || type === 'array') return !Object.keys(reader).some((keyword) => STRUCTURAL.has(keyword));
    return true;
  }

  /** The writer's types the reader still accepts (the rest is reported). */
  private compareTypes(writer: SchemaObject, reader: SchemaObject, path: string): JsonType[] {
    const writerTypes = typesOf(writer);
    const readerTypes = typesOf(reader);
    const rejected = writerTypes.filter((type) => !accepts(readerTypes, type));
    if (rejected.length > 0) {
      const shown = (schema: SchemaObject, types: JsonType[]): string => ('type' in schema ? types.join(' | ') : 'any');
      this.report(path, this.by('type-narrowed', 'type-widened'), 'type', shown(writer, writerTypes), shown(reader, readerTypes));
    }
    return writerTypes.filter((type) => accepts(readerTypes, type));
  }

  private get bound(): BreakingKind {
    return this.by('bound-tightened', 'bound-loosened');
  }

  private compareNumbers(writer: SchemaObject, reader: SchemaObject, path: string, types: JsonType[]): void {
    const integerOnly = !types.includes('number');
    for (const side of ['lower', 'upper'] as const) {
      const writerBound = numericBound(writer, side, integerOnly);
      const readerBound = numericBound(reader, side, integerOnly);
      if (boundNarrows(writerBound, readerBound, side)) {
        this.report(path, this.bound, side === 'lower' ? 'minimum' : 'maximum', showBound(writerBound, side), showBound(readerBound, side));
      }
    }
    const readerStep = reader.multipleOf;
    if (typeof readerStep === 'number' && !(integerOnly && Number.isInteger(readerStep) && readerStep === 1)) {
      const writerStep = writer.multipleOf;
      if (typeof writerStep !== 'number' || !Number.isInteger(Number((writerStep / readerStep).toFixed(9)))) {
        this.report(path, this.bound, 'multipleOf', show(writerStep), show(readerStep));
      }
    }
  }

  /** A count limit: min/max of length, items or properties. */
  private compareCount(writer: SchemaObject, reader: SchemaObject, path: string, minKeyword: string, maxKeyword: string): void {
    const writerMin = typeof writer[minKeyword] === 'number' ? (writer[minKeyword] as number) : 0;
    const readerMin = typeof reader[minKeyword] === 'number' ? (reader[minKeyword] as number) : 0;
    if (readerMin > writerMin) this.report(path, this.bound, minKeyword, show(writer[minKeyword]), show(reader[minKeyword]));
    const writerMax = typeof writer[maxKeyword] === 'number' ? (writer[maxKeyword] as number) : Infinity;
    const readerMax = typeof reader[maxKeyword] === 'number' ? (reader[maxKeyword] as number) : Infinity;
    if (readerMax < writerMax) this.report(path, this.bound, maxKeyword, show(writer[maxKeyword]), show(reader[maxKeyword]));
  }

  private compareStrings(writer: SchemaObject, reader: SchemaObject, path: string): void {
    this.compareCount(writer, reader, path, 'minLength', 'maxLength');
    for (const keyword of ['pattern', 'format']) {
      if (reader[keyword] !== undefined && reader[keyword] !== writer[keyword]) {
        const note = writer[keyword] === undefined ? undefined : 'a changed pattern or format cannot be proven wider';
        this.report(path, keyword === 'pattern' ? 'pattern-changed' : 'format-changed', keyword, show(writer[keyword]), show(reader[keyword]), note);
      }
    }
  }

  private compareArrays(writer: SchemaObject, reader: SchemaObject, path: string): void {
    this.compareCount(writer, reader, path, 'minItems', 'maxItems');
    if (reader.uniqueItems === true && writer.uniqueItems !== true) this.report(path, this.bound, 'uniqueItems', show(writer.uniqueItems), 'true');
    // Draft-07 tuple form `items: [...]` is prefixItems with additional items in `additionalItems`.
    const tuple = (schema: SchemaObject): JsonSchema[] =>
      (Array.isArray(schema.items) ? schema.items : Array.isArray(schema.prefixItems) ? schema.prefixItems : []) as JsonSchema[];
    const rest = (schema: SchemaObject): JsonSchema =>
      ((Array.isArray(schema.items) ? schema.additionalItems : schema.items) ?? true) as JsonSchema;
    const writerTuple = tuple(writer);
    const readerTuple = tuple(reader);
    const positions = Math.max(writerTuple.length, readerTuple.length);
    for (let index = 0; index < positions; index += 1) {
      this.compare(writerTuple[index] ?? rest(writer), readerTuple[index] ?? rest(reader), itemsPath(path, String(index)));
    }
    this.compare(rest(writer), rest(reader), itemsPath(path));
  }

  private compareObjects(writer: SchemaObject, reader: SchemaObject, path: string): void {
    this.compareCount(writer, reader, path, 'minProperties', 'maxProperties');
    const writerProperties = (writer.properties ?? {}) as Record<string, JsonSchema>;
    const readerProperties = (reader.properties ?? {}) as Record<string, JsonSchema>;
    const writerRequired = new Set((writer.required ?? []) as string[]);
    const readerRequired = new Set((reader.required ?? []) as string[]);
    const { undeclared: writers, readerUndeclared, removalBreaks } = this.context;
    // What the writer may send under names it does not declare, and whether under names the reader declares.
    const undeclared = (writer.additionalProperties ?? (writers === 'never-sent' ? false : true)) as JsonSchema;
    const underDeclaredNames = writer.additionalProperties !== undefined || writers === 'any-value';
    const readerOthers = (reader.additionalProperties ?? true) as JsonSchema;
    const readerRejectsOthers = readerOthers === false && readerUndeclared === 'rejected';
    const removed = (name: string): boolean => !(name in writerProperties) && !readerRequired.has(name) && removalBreaks;

    for (const name of readerRequired) {
      if (writerRequired.has(name)) continue;
      const kind = this.context.direction === 'backward' ? 'required-added' : name in writerProperties ? 'required-removed' : 'property-removed';
      this.report(childPath(path, name), kind, 'presence', name in writerProperties ? 'optional' : 'undeclared', 'required');
    }
    for (const name of Object.keys(readerProperties).filter(removed)) {
      this.report(childPath(path, name), 'property-removed', 'presence', 'undeclared', 'optional', 'readers on the released schema no longer get it');
    }
    for (const [name, schema] of Object.entries(writerProperties)) {
      if (name in readerProperties || readerOthers !== false) this.compare(schema, readerProperties[name] ?? readerOthers, childPath(path, name));
      else if (readerRejectsOthers) this.report(childPath(path, name), this.by('property-removed', 'property-added'), 'property', 'allowed', 'not allowed');
    }
    if (undeclared === false) return;
    if (underDeclaredNames) {
      for (const [name, schema] of Object.entries(readerProperties)) {
        if (!(name in writerProperties) && !removed(name)) this.compare(undeclared, schema, childPath(path, name));
      }
    }
    if (readerOthers !== false) this.compare(undeclared, readerOthers, childPath(path, '*'));
    else if (readerRejectsOthers) {
      this.report(path, this.by('additional-properties-closed', 'additional-properties-opened'), 'additionalProperties', show(writer.additionalProperties), 'false');
    }
  }
}

/** The breaking changes from `released` to `current` in the directions `compatibility` asks for. */
export const findBreakingChanges = (released: JsonSchema, current: JsonSchema, options: CompatibilityOptions): BreakingChange[] => {
  const run = (direction: Direction): BreakingChange[] => {
    const backward = direction === 'backward';
    const comparison = new Comparison({
      direction,
      writerRoot: backward ? (options.releasedRoot ?? released) : (options.currentRoot ?? current),
      readerRoot: backward ? (options.currentRoot ?? current) : (options.releasedRoot ?? released),
      undeclared: options.undeclaredProperties ?? 'never-sent',
      readerUndeclared: options.readerUndeclaredProperties ?? 'rejected',
      removalBreaks: !backward && options.removedProperties === 'breaking',
      refsInProgress: new Set(),
    });
    comparison.compare(backward ? released : current, backward ? current : released, '(root)');
    return comparison.findings;
  };
  const directions: Direction[] = options.compatibility === 'full' ? ['backward', 'forward'] : [options.compatibility];
  return directions.flatMap(run);
};

const WHY: Record<Direction, string> = {
  backward: 'readers on the current schema reject data written under the released one',
  forward: 'readers still on the released schema reject data written under the current one',
};

/** One line per change, for test failures and CLI output. */
export const describeBreakingChanges = (changes: readonly BreakingChange[]): string =>
  changes.map(({ direction, path, change }) => `${path}: ${change} — ${direction}: ${WHY[direction]}`).join('\n');
