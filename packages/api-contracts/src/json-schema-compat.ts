/**
 * Is a JSON Schema (draft 2020-12, as zod and OpenAPI 3.1 write them) still compatible with its released version?
 * Generic: the OpenAPI comparer uses it for request and response bodies and parameters, and it serves event schemas
 * the same way. What counts as breaking depends on who holds the data to the schema (`role`):
 *
 * - `accepted`: data others write and we validate (request bodies, parameters). Breaking = the current schema rejects
 *   something the released one accepted: a type or enum value removed, a new required field, a bound tightened, a
 *   pattern or format added or changed, additional properties closed, a property dropped from a closed object.
 * - `produced`: data we write and others read (responses). Breaking = a reader can get what the released schema
 *   promised it would not: a property removed, a required property made optional, a type or enum value added
 *   (null too), a bound loosened, a pattern or format dropped or changed. Adding an optional property is not
 *   breaking: readers ignore properties they do not know.
 * - `both`: data written and read by parties released at different times (events, stored and replayed): either.
 *
 * It compares the keywords zod and this repo's documents use (type, enum/const, properties, required,
 * additionalProperties, items, anyOf/oneOf, string/number/array bounds, pattern, format, $ref); others are ignored.
 */

export type SchemaRole = 'accepted' | 'produced' | 'both';

export type JsonSchema = boolean | { [keyword: string]: unknown };

export interface Incompatibility {
  /** Where: `body.items[].quantity`, `GET /orders parameters.query.limit`, ... */
  path: string;
  kind:
    | 'type-narrowed'
    | 'type-widened'
    | 'enum-value-removed'
    | 'enum-value-added'
    | 'bound-tightened'
    | 'bound-loosened'
    | 'pattern-changed'
    | 'format-changed'
    | 'property-removed'
    | 'required-added'
    | 'required-removed'
    | 'additional-properties-closed'
    | 'branch-removed'
    | 'branch-added'
    | (string & {});
  detail: string;
}

export interface CompareOptions {
  role: SchemaRole;
  /** Resolves a `$ref` of the released (`released`) or current (`current`) schema; default: `#/...` pointers into each root. */
  resolveReleased?: (ref: string) => JsonSchema | undefined;
  resolveCurrent?: (ref: string) => JsonSchema | undefined;
  /** Prefix of every reported path. */
  at?: string;
}

/** A resolver of local JSON pointers (`#/components/schemas/Order`, `#/$defs/x`) against a root document. */
export const pointerResolver =
  (root: unknown) =>
  (ref: string): JsonSchema | undefined => {
    if (!ref.startsWith('#')) return undefined;
    let node: unknown = root;
    for (const raw of ref.slice(1).split('/').filter(Boolean)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!node || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return node as JsonSchema | undefined;
  };

type Schema = Record<string, unknown>;

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;

const asObject = (schema: JsonSchema | undefined): Schema => (schema === true || schema === undefined ? {} : schema === false ? { not: {} } : schema);

const typesOf = (schema: Schema): Set<string> | undefined => {
  const type = schema.type;
  if (typeof type === 'string') return new Set([type]);
  if (Array.isArray(type)) return new Set(type.map(String));
  return undefined;
};

const valuesOf = (schema: Schema): unknown[] | undefined => {
  if ('const' in schema) return [schema.const];
  return Array.isArray(schema.enum) ? schema.enum : undefined;
};

const covers = (types: Set<string>, type: string): boolean => types.has(type) || (type === 'integer' && types.has('number'));

const branchesOf = (schema: Schema): Schema[] | undefined => {
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  return Array.isArray(branches) ? branches.map(asObject) : undefined;
};

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

class Comparer {
  readonly found: Incompatibility[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly options: Required<Omit<CompareOptions, 'at'>>) {}

  private get narrowing(): boolean {
    return this.options.role !== 'produced';
  }

  private get widening(): boolean {
    return this.options.role !== 'accepted';
  }

  private report(path: string, kind: Incompatibility['kind'], detail: string): void {
    this.found.push({ path: path || '(root)', kind, detail });
  }

  private deref(schema: Schema, resolve: (ref: string) => JsonSchema | undefined): Schema {
    let current = schema;
    for (let depth = 0; typeof current.$ref === 'string' && depth < 32; depth++) {
      const target = resolve(current.$ref);
      if (target === undefined) throw new Error(`json-schema-compat: cannot resolve ${current.$ref}`);
      const { $ref: _ref, ...siblings } = current;
      current = { ...asObject(target), ...siblings };
    }
    return current;
  }

  /** Compares without recording: does `current` break `released`? */
  private breaks(released: Schema, current: Schema, path: string): boolean {
    const probe = new Comparer(this.options);
    probe.compare(released, current, path);
    return probe.found.length > 0;
  }

  compare(releasedInput: JsonSchema, currentInput: JsonSchema, path: string): void {
    const released = this.deref(asObject(releasedInput), this.options.resolveReleased);
    const current = this.deref(asObject(currentInput), this.options.resolveCurrent);
    const key = `${path}\u0000${JSON.stringify(released)}\u0000${JSON.stringify(current)}`;
    if (this.seen.has(key)) return; // a recursive schema: already under comparison
    this.seen.add(key);

    const releasedBranches = branchesOf(released);
    const currentBranches = branchesOf(current);
    if (releasedBranches || currentBranches) {
      const before = releasedBranches ?? [released];
      const after = currentBranches ?? [current];
      if (this.narrowing) {
        before.forEach((branch, index) => {
          const keep = new Comparer({ ...this.options, role: 'accepted' });
          if (!after.some((candidate) => !keep.breaks(branch, candidate, path))) {
            this.report(path, 'branch-removed', `alternative ${index + 1} of the released schema (${JSON.stringify(branch).slice(0, 120)}) is no longer accepted`);
          }
        });
      }
      if (this.widening) {
        after.forEach((branch, index) => {
          const keep = new Comparer({ ...this.options, role: 'produced' });
          if (!before.some((candidate) => !keep.breaks(candidate, branch, path))) {
            this.report(path, 'branch-added', `alternative ${index + 1} of the current schema (${JSON.stringify(branch).slice(0, 120)}) was not in the released one`);
          }
        });
      }
      return;
    }

    this.compareTypes(released, current, path);
    this.compareValues(released, current, path);
    this.compareBounds(released, current, path);
    for (const keyword of ['pattern', 'format'] as const) {
      const kind = keyword === 'pattern' ? 'pattern-changed' : 'format-changed';
      const [before, after] = [released[keyword], current[keyword]];
      if (same(before, after)) continue;
      if (this.narrowing && after !== undefined) this.report(path, kind, `${keyword} ${JSON.stringify(before ?? null)} -> ${JSON.stringify(after)}`);
      else if (this.widening && before !== undefined) this.report(path, kind, `${keyword} ${JSON.stringify(before)} -> ${JSON.stringify(after ?? null)}`);
    }
    this.compareObjects(released, current, path);
    if (released.items !== undefined || current.items !== undefined) {
      this.compare((released.items as JsonSchema) ?? true, (current.items as JsonSchema) ?? true, `${path}[]`);
    }
  }

  private compareTypes(released: Schema, current: Schema, path: string): void {
    const before = typesOf(released);
    const after = typesOf(current);
    if (this.narrowing && after) {
      const lost = before ? [...before].filter((type) => !covers(after, type)) : ['any'];
      if (lost.length > 0) this.report(path, 'type-narrowed', `type ${[...(before ?? ['any'])].join('|')} -> ${[...after].join('|')} (no longer ${lost.join(', ')})`);
    }
    if (this.widening && before) {
      const gained = after ? [...after].filter((type) => !covers(before, type)) : ['any'];
      if (gained.length > 0) this.report(path, 'type-widened', `type ${[...before].join('|')} -> ${[...(after ?? ['any'])].join('|')} (now also ${gained.join(', ')})`);
    }
  }

  private compareValues(released: Schema, current: Schema, path: string): void {
    const before = valuesOf(released);
    const after = valuesOf(current);
    if (this.narrowing && after) {
      const removed = before ? before.filter((value) => !after.some((kept) => same(kept, value))) : undefined;
      if (!before) this.report(path, 'enum-value-removed', `now only ${JSON.stringify(after)}`);
      else if (removed!.length > 0) this.report(path, 'enum-value-removed', `${JSON.stringify(removed)} no longer allowed`);
    }
    if (this.widening && before) {
      const added = after ? after.filter((value) => !before.some((known) => same(known, value))) : undefined;
      if (!after) this.report(path, 'enum-value-added', `was only ${JSON.stringify(before)}, now any value`);
      else if (added!.length > 0) this.report(path, 'enum-value-added', `${JSON.stringify(added)} can now occur`);
    }
  }

  private compareBounds(released: Schema, current: Schema, path: string): void {
    const check = (keyword: string, tighter: (before: number, after: number) => boolean): void => {
      const before = released[keyword] as number | undefined;
      const after = current[keyword] as number | undefined;
      if (before === after) return;
      const tightened = after !== undefined && (before === undefined || tighter(before, after));
      if (this.narrowing && tightened) this.report(path, 'bound-tightened', `${keyword} ${before ?? 'none'} -> ${after}`);
      if (this.widening && !tightened) this.report(path, 'bound-loosened', `${keyword} ${before ?? 'none'} -> ${after ?? 'none'}`);
    };
    for (const keyword of LOWER_BOUNDS) check(keyword, (before, after) => after > before);
    for (const keyword of UPPER_BOUNDS) check(keyword, (before, after) => after < before);
  }

  private compareObjects(released: Schema, current: Schema, path: string): void {
    const before = (released.properties ?? {}) as Record<string, JsonSchema>;
    const after = (current.properties ?? {}) as Record<string, JsonSchema>;
    const closed = current.additionalProperties === false;
    for (const [name, schema] of Object.entries(before)) {
      const at = path ? `${path}.${name}` : name;
      if (!(name in after)) {
        if (this.widening) this.report(at, 'property-removed', 'readers no longer get it');
        else if (closed) this.report(at, 'property-removed', 'writers that send it are now rejected (additionalProperties: false)');
        continue;
      }
      this.compare(schema, after[name]!, at);
    }
    const requiredBefore = new Set((released.required ?? []) as string[]);
    const requiredAfter = new Set((current.required ?? []) as string[]);
    if (this.narrowing) {
      for (const name of requiredAfter) {
        if (!requiredBefore.has(name)) this.report(path ? `${path}.${name}` : name, 'required-added', 'a new required field: writers that leave it out are rejected');
      }
      if (released.additionalProperties !== false && closed && Object.keys(before).length > 0) {
        this.report(path, 'additional-properties-closed', 'properties the released schema let through are now rejected');
      }
    }
    if (this.widening) {
      for (const name of requiredBefore) {
        if (!requiredAfter.has(name) && name in after) this.report(path ? `${path}.${name}` : name, 'required-removed', 'readers may no longer get it');
      }
    }
  }
}

/** The breaking changes from `released` to `current`, for data held to the schema as `role` says. Empty when compatible. */
export const schemaIncompatibilities = (released: JsonSchema, current: JsonSchema, options: CompareOptions): Incompatibility[] => {
  const comparer = new Comparer({
    role: options.role,
    resolveReleased: options.resolveReleased ?? pointerResolver(released),
    resolveCurrent: options.resolveCurrent ?? pointerResolver(current),
  });
  comparer.compare(released, current, options.at ?? '');
  return comparer.found;
};
