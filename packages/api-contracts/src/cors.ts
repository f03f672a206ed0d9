import type { OpenApiLike } from './openapi-compat';

/**
 * What a browser needs from an HTTP API's CORS configuration to use the API as its OpenAPI document describes it:
 * every request header the document has clients send allowed (header parameters, `Authorization` for a secured
 * operation, `Content-Type` for a JSON body: application/json is not a "simple" type), and every response header it
 * documents exposed (scripts read only CORS-safelisted response headers otherwise).
 */

export interface CorsHeaders {
  /** CorsConfiguration.AllowHeaders. */
  allowHeaders: string[];
  /** CorsConfiguration.ExposeHeaders. */
  exposeHeaders: string[];
}

/** Response headers every script may read without their being exposed (Fetch standard). */
const SAFELISTED_RESPONSE_HEADERS = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, { headers?: Record<string, unknown> }>;
}

const operationsOf = (document: OpenApiLike): Operation[] =>
  Object.values(document.paths ?? {}).flatMap((item) => Object.entries(item).filter(([method]) => METHODS.includes(method)).map(([, operation]) => operation as Operation));

/** The request headers browsers send to the API as its document describes it (lower case, sorted). */
export const documentedRequestHeaders = (document: OpenApiLike): string[] => {
  const names = new Set<string>();
  for (const operation of operationsOf(document)) {
    for (const parameter of operation.parameters ?? []) if (parameter.in === 'header') names.add(parameter.name.toLowerCase());
    if ((operation.security ?? []).length > 0) names.add('authorization');
    if (operation.requestBody) names.add('content-type');
  }
  return [...names].sort();
};

/** The response headers the document declares that are not CORS-safelisted (lower case, sorted). */
export const documentedResponseHeaders = (document: OpenApiLike): string[] => {
  const names = new Set<string>();
  for (const operation of operationsOf(document)) {
    for (const response of Object.values(operation.responses ?? {})) for (const name of Object.keys(response.headers ?? {})) names.add(name.toLowerCase());
  }
  return [...names].filter((name) => !SAFELISTED_RESPONSE_HEADERS.includes(name)).sort();
};

/** What the CORS configuration lacks for the document: headers a browser could not send or not read. Empty when none. */
export const corsGaps = (document: OpenApiLike, cors: CorsHeaders): string[] => {
  const allowed = cors.allowHeaders.map((name) => name.toLowerCase());
  const exposed = cors.exposeHeaders.map((name) => name.toLowerCase());
  return [
    ...documentedRequestHeaders(document).filter((name) => !allowed.includes('*') && !allowed.includes(name)).map((name) => `request header ${name} is not in AllowHeaders`),
    ...documentedResponseHeaders(document).filter((name) => !exposed.includes('*') && !exposed.includes(name)).map((name) => `response header ${name} is not in ExposeHeaders`),
  ];
};
