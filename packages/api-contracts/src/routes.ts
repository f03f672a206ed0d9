import type { OpenApiLike } from './openapi-compat';

/**
 * The routes of an HTTP API as three sources state them: the packaged template (AWS::ApiGatewayV2::Route, what
 * production serves), the service's route table (what the handlers run) and its OpenAPI document (what clients read).
 */
export interface RouteFacts {
  /** `GET /orders/{id}`. */
  key: string;
  /** The scopes the JWT authorizer requires; empty for a public route. */
  scopes: string[];
  /** The function that serves it, without the `<service>-<stage>-` prefix (when the source knows it). */
  functionName?: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** The document's operations as routes: scopes from each operation's security requirement. */
export const documentRoutes = (document: OpenApiLike): RouteFacts[] =>
  Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path}`,
        scopes: ((operation as { security?: Record<string, string[]>[] }).security ?? []).flatMap((requirement) => Object.values(requirement).flat()).sort(),
      })),
  );

/** What differs between two statements of the same routes (`expected` named `expectedName` in the messages). */
export const routeDifferences = (expectedName: string, expected: RouteFacts[], actualName: string, actual: RouteFacts[]): string[] => {
  const actualByKey = new Map(actual.map((route) => [route.key, route]));
  const expectedKeys = new Set(expected.map((route) => route.key));
  const differences: string[] = [];
  for (const route of expected) {
    const other = actualByKey.get(route.key);
    if (!other) {
      differences.push(`${route.key} is in ${expectedName} but not in ${actualName}`);
      continue;
    }
    if (JSON.stringify([...route.scopes].sort()) !== JSON.stringify([...other.scopes].sort())) {
      differences.push(`${route.key}: scopes ${JSON.stringify(route.scopes)} in ${expectedName}, ${JSON.stringify(other.scopes)} in ${actualName}`);
    }
    if (route.functionName && other.functionName && route.functionName !== other.functionName) {
      differences.push(`${route.key}: function ${route.functionName} in ${expectedName}, ${other.functionName} in ${actualName}`);
    }
  }
  for (const route of actual) if (!expectedKeys.has(route.key)) differences.push(`${route.key} is in ${actualName} but not in ${expectedName}`);
  return differences;
};

/** A route table's routes (HttpRouteDefinition-shaped: method, path, scopes or `public`, functionName) as RouteFacts. */
export const routeTableFacts = (routes: readonly { method: string; path: string; scopes: readonly string[] | 'public'; functionName: string }[]): RouteFacts[] =>
  routes.map((route) => ({ key: `${route.method} ${route.path}`, scopes: route.scopes === 'public' ? [] : [...route.scopes], functionName: route.functionName }));

/**
 * Everything on which the packaged template, the route table and the OpenAPI document disagree: a route one has
 * and another has not, or other scopes or another function for the same route. Empty when the three agree.
 */
export const routeAgreement = (sources: { template: RouteFacts[]; table: RouteFacts[]; document: OpenApiLike }): string[] => [
  ...routeDifferences('the packaged template', sources.template, 'the route table (src/handlers/http-routes.ts)', sources.table),
  ...routeDifferences('the packaged template', sources.template, 'openapi.json', documentRoutes(sources.document)),
];
