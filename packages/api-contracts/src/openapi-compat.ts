import { pointerResolver, schemaIncompatibilities, type Incompatibility, type JsonSchema } from './json-schema-compat';

/**
 * Breaking changes of an OpenAPI 3.1 document against its released version: what a client built against the
 * released document would trip over. An operation removed, a new required parameter or body, a parameter or
 * request body narrowed (`accepted` role), a success response, response header or media type removed, a response
 * body widened or a field of it removed (`produced` role), a scope requirement changed. A path the released document
 * does not have is new (for example `/v2/orders`), so a breaking change ships there, beside the old path.
 */

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
  const resolveReleased = pointerResolver(released);
  const resolveCurrent = pointerResolver(current);
  const compare = (before: JsonSchema | undefined, after: JsonSchema | undefined, role: 'accepted' | 'produced', at: string): void => {
    found.push(...schemaIncompatibilities(before ?? true, after ?? true, { role, resolveReleased, resolveCurrent, at }));
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
      if (was) compare(was.schema, parameter.schema, 'accepted', `${key} parameters.${name}`);
    }

    const bodyBefore = before.requestBody;
    const bodyAfter = after.requestBody;
    if (bodyAfter?.required && !bodyBefore?.required) {
      found.push({ path: `${key} requestBody`, kind: 'request-body-required', detail: 'a request body is now required' });
    }
    for (const [mediaType, content] of Object.entries(bodyBefore?.content ?? {})) {
      const now = bodyAfter?.content?.[mediaType];
      if (!now) found.push({ path: `${key} requestBody ${mediaType}`, kind: 'request-media-type-removed', detail: `${mediaType} bodies are no longer accepted` });
      else compare(content.schema, now.schema, 'accepted', `${key} requestBody`);
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
        else compare(content.schema, body.schema, 'produced', `${key} ${status}`);
      }
    }
  }
  return found;
};
