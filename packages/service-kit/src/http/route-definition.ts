import * as z from 'zod';

/**
 * One HTTP route as the code runs it: the handler validates with its `request` schemas and requires its `scopes`
 * (httpRoute reads them through `routeOptions`), the OpenAPI document is generated from the same object
 * (`@commerce/service-kit/openapi`), and each service's route test checks method, path, function and scopes
 * against the routes of its packaged template (serverless.yml's httpApi events, as deployed).
 */
export interface HttpRouteDefinition {
  /** The function of serverless.yml whose httpApi event is this route. */
  functionName: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway route path, e.g. `/orders/{id}/cancel`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** The scopes its JWT authorizer requires (any one suffices), or `public` (no authorizer: health only). */
  scopes: readonly string[] | 'public';
  /** What the handler validates (422 problem+json with every failing field); header names lower case. */
  request?: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    headers?: z.ZodObject;
    body?: z.ZodType;
  };
  /** The component name of the request body's schema in the document. */
  bodyComponent?: string;
  /**
   * The handler's own answers: its success bodies and the problems particular to this route (shared ones are added;
   * for a status both have, the document keeps both answers' media types and joins the descriptions, shared first).
   */
  responses: Record<number, RouteResponse>;
  /** A cursor-paginated list: which query parameters and body fields page through it (documented as x-pagination). */
  pagination?: { limitParameter: string; cursorParameter: string; itemsField: string; nextCursorField: string };
}

export type RouteResponse =
  | { kind: 'json'; description: string; component: string; schema: z.ZodType; headers?: Record<string, ResponseHeader> }
  | { kind: 'problem'; description: string };

export interface ResponseHeader {
  description: string;
  schema: Record<string, unknown>;
}

/** A JSON success body, documented as the component `component` (the schema its body is built to). */
export const jsonAnswer = (description: string, component: string, schema: z.ZodType, headers?: Record<string, ResponseHeader>): RouteResponse => ({
  kind: 'json',
  description,
  component,
  schema,
  ...(headers ? { headers } : {}),
});

/** A problem+json answer particular to the route (e.g. 404, 409); 400/415/422/401/403/5xx are added where they apply. */
export const problemAnswer = (description: string): RouteResponse => ({ kind: 'problem', description });

/** Checks a route literal against the shape while keeping its precise zod types (for the handler's request types). */
export const defineRoute = <const R extends HttpRouteDefinition>(route: R): R => route;

type RequestOf<R> = R extends { request: infer Q } ? Q : object;
type SchemaAt<R, K extends string> = RequestOf<R> extends { [P in K]: infer S extends z.ZodType } ? S : undefined;

/** The httpRoute options a definition gives: its request schemas and its scopes (or public). */
export const routeOptions = <R extends HttpRouteDefinition>(
  route: R,
): { body?: SchemaAt<R, 'body'>; query?: SchemaAt<R, 'query'>; params?: SchemaAt<R, 'params'>; headers?: z.ZodObject; scopes?: readonly string[]; auth?: 'public' } => ({
  ...(route.request as object),
  ...(route.scopes === 'public' ? { auth: 'public' as const } : { scopes: route.scopes }),
});

/** What every service's `GET /health` answers (no token, no authorizer). */
export const HealthBody = z.object({ service: z.string(), status: z.literal('ok') });

/** The `health` function's route, the same in every service. */
export const healthRoute = defineRoute({
  functionName: 'health',
  method: 'GET',
  path: '/health',
  operationId: 'health',
  summary: 'Liveness (no token)',
  scopes: 'public',
  responses: { 200: jsonAnswer('Up.', 'Health', HealthBody) },
});

/** How every list of the services pages: `?limit=&cursor=`, answered `{ items, nextCursor }` (null on the last page). */
export const cursorPagination = { limitParameter: 'limit', cursorParameter: 'cursor', itemsField: 'items', nextCursorField: 'nextCursor' } as const;
