import { findBreakingChanges, type BreakingKind, type CompatibilityOptions, type JsonSchema } from '@commerce/contract-compat';

/**
 * Breaking changes of an OpenAPI 3.1 document against its released version: what a client built against the
 * released document would trip over. An operation removed, a new required parameter or body, a parameter or
 * request body narrowed, a success response, response header or media type removed, a response body widened or a
 * field of it removed, a scope requirement changed. A path the released document does not have is new (for example
 * `/v2/orders`), so a breaking change ships there, beside the old path.
 *
 * Schemas are compared by `@commerce/contract-compat` (ADR 0015), with the documents as the roots of their `$ref`s:
 * - request bodies and parameters are written by clients built on the released document and read by the service on
 *   the current one: `backward`. Clients may send extra properties (closing an object breaks them), but not under
 *   names a later version declares (a new optional field is compatible): `undeclaredProperties: 'other-names'`.
 * - response bodies are written by the service on the current document and read by clients built on the released
 *   one: `forward`. Clients ignore fields they do not know, even where the document closes the object (zod output
 *   schemas say `additionalProperties: false`), so a new optional response field is compatible; a field they were
 *   promised and no longer get breaks them, optional or not.
 */

/**
 * What broke. Schema findings carry contract-compat's kinds (`type-narrowed`, `bound-loosened`, `branch-added`,
 * ..., see `BreakingKind`); the document's own structure adds the rest.
 */
export type IncompatibilityKind =
  | BreakingKind
  | 'operation-removed'
  | 'security-changed'
  | 'parameter-required'
  | 'request-body-required'
  | 'request-media-type-removed'
  | 'response-removed'
  | 'response-header-removed'
  | 'response-media-type-removed';

export interface Incompatibility {
  /** Where: `POST /orders requestBody.items[].quantity`, `GET /orders parameters.query.limit`, `POST /orders 201.status`, ... */
  path: string;
  kind: IncompatibilityKind;
  detail: string;
}

type Profile = Omit<CompatibilityOptions, 'releasedRoot' | 'currentRoot'>;

/** Requests and parameters: the service reads what clients built on the released document send. */
const ACCEPTED: Profile = { compatibility: 'backward', undeclaredProperties: 'other-names' };

/** Responses: clients built on the released document read what the service sends now. */
const PRODUCED: Profile = { compatibility: 'forward', readerUndeclaredProperties: 'ignored', removedProperties: 'breaking' };

/** `POST /orders 201` + `items[].quantity` → `POST /orders 201.items[].quantity` (`(root)`: the location itself). */
const located = (at: string, path: string): string => (path === '(root)' ? at : path.startsWith('[') ? `${at}${path}` : `${at}.${path}`);

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface MediaTypes {
  [mediaType: string]: { schema?: JsonSchema };
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: MediaTypes };
  responses?: Record<string, { headers?: Record<string, unknown>; content?: MediaTypes }>;
  security?: Record<string, string[]>[];
}

export interface OpenApiLike {
  paths?: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const operationsOf = (document: OpenApiLike): Map<string, Operation> => {
  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (METHODS.includes(method)) operations.set(`${method.toUpperCase()} ${path}`, operation as Operation);
    }
  }
  return operations;
};

/** Parameters by `in` and name (header names compared without case, as HTTP does). */
const parametersOf = (operation: Operation): Map<string, Parameter> =>
  new Map((operation.parameters ?? []).map((parameter) => [`${parameter.in}.${parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name}`, parameter]));

const securityOf = (operation: Operation): string[] =>
  (operation.security ?? []).map((requirement) => JSON.stringify(Object.entries(requirement).map(([scheme, scopes]) => [scheme, [...scopes].sort()]).sort()));

export const openApiIncompatibilities = (released: OpenApiLike, current: OpenApiLike): Incompatibility[] => {
  const found: Incompatibility[] = [];
  const compare = (before: JsonSchema | undefined, after: JsonSchema | undefined, profile: Profile, at: string): void => {
    const changes = findBreakingChanges(before ?? true, after ?? true, { ...profile, releasedRoot: released, currentRoot: current });
    found.push(...changes.map(({ path, kind, change }) => ({ path: located(at, path), kind, detail: change })));
  };
  const currentOperations = operationsOf(current);

  for (const [key, before] of operationsOf(released)) {
    const after = currentOperations.get(key);
    if (!after) {
      found.push({ path: key, kind: 'operation-removed', detail: 'clients calling it get 404; keep it, or ship the change under a new path version' });
      continue;
    }
    const [securityBefore, securityAfter] = [securityOf(before), securityOf(after)];
    const stricter = securityAfter.length > 0 && (securityBefore.length === 0 || securityBefore.some((requirement) => !securityAfter.includes(requirement)));
    if (stricter) found.push({ path: `${key} security`, kind: 'security-changed', detail: `${securityBefore.join(' | ') || 'none'} -> ${securityAfter.join(' | ')}` });

    const parametersBefore = parametersOf(before);
    for (const [name, parameter] of parametersOf(after)) {
      const was = parametersBefore.get(name);
      if (parameter.required && !was?.required) {
        found.push({ path: `${key} parameters.${name}`, kind: 'parameter-required', detail: was ? 'an optional parameter became required' : 'a new required parameter' });
      }
      if (was) compare(was.schema, parameter.schema, ACCEPTED, `${key} parameters.${name}`);
    }

    const bodyBefore = before.requestBody;
    const bodyAfter = after.requestBody;
    if (bodyAfter?.required && !bodyBefore?.required) {
      found.push({ path: `${key} requestBody`, kind: 'request-body-required', detail: 'a request body is now required' });
    }
    for (const [mediaType, content] of Object.entries(bodyBefore?.content ?? {})) {
      const now = bodyAfter?.content?.[mediaType];
      if (!now) found.push({ path: `${key} requestBody ${mediaType}`, kind: 'request-media-type-removed', detail: `${mediaType} bodies are no longer accepted` });
      else compare(content.schema, now.schema, ACCEPTED, `${key} requestBody`);
    }

    for (const [status, response] of Object.entries(before.responses ?? {})) {
      const now = after.responses?.[status];
      if (!now) {
        if (/^2/.test(status)) found.push({ path: `${key} ${status}`, kind: 'response-removed', detail: `clients expecting ${status} get another status` });
        continue;
      }
      for (const header of Object.keys(response.headers ?? {})) {
        const kept = Object.keys(now.headers ?? {}).some((name) => name.toLowerCase() === header.toLowerCase());
        if (!kept) found.push({ path: `${key} ${status} headers.${header}`, kind: 'response-header-removed', detail: 'clients reading it no longer get it' });
      }
      for (const [mediaType, content] of Object.entries(response.content ?? {})) {
        const body = now.content?.[mediaType];
        if (!body) found.push({ path: `${key} ${status} ${mediaType}`, kind: 'response-media-type-removed', detail: `the ${status} answer is no longer ${mediaType}` });
        else compare(content.schema, body.schema, PRODUCED, `${key} ${status}`);
      }
    }
  }
  return found;
};
