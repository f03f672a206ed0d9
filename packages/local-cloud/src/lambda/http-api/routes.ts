import type { ResourceCatalog } from '../../cfn/resource-catalog';
import { resourcesOfType, type CfnTemplate } from '../../cfn/template';
import { catalogFor } from '../../provision';

export interface JwtAuthorizerSpec {
  name: string;
  issuer: string;
  audience: string[];
  /** `$request.header.Authorization` → `authorization`. */
  identityHeader: string;
}

export interface HttpRoute {
  /** `GET /orders/{id}`, `ANY /{proxy+}` or `$default`. */
  routeKey: string;
  method: string;
  path: string;
  functionName: string;
  /** The integration's timeout (HTTP API: at most 30 s). */
  integrationTimeoutMs: number;
  payloadFormatVersion: string;
  authorizer?: JwtAuthorizerSpec;
  /** The route's AuthorizationScopes: the token must carry at least one of them. */
  scopes: string[];
  match(method: string, path: string): Record<string, string> | undefined;
  /** Higher wins when several routes match (literal segments over parameters over greedy paths, methods over ANY). */
  specificity: number;
}

export interface CorsSpec {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAge?: number;
  allowCredentials: boolean;
}

export interface HttpApiSpec {
  routes: HttpRoute[];
  cors?: CorsSpec;
}

/** The logical ids an intrinsic value refers to with Ref (e.g. a route's Target `integrations/<Ref>`). */
const refsIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.Ref === 'string') return [record.Ref];
    return Object.values(record).flatMap(refsIn);
  }
  return [];
};

const getAttTarget = (value: unknown): string | undefined => {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return String(getAtt[0]);
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
};

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for an HTTP API path: `{name}` is one segment, `{name+}` the rest of the path. */
export const pathMatcher = (path: string): { match(path: string): Record<string, string> | undefined; specificity: number } => {
  const names: string[] = [];
  let specificity = 0;
  const segments = path.split('/').filter(Boolean);
  const pattern = segments
    .map((segment) => {
      const greedy = /^\{([^}]+)\+\}$/.exec(segment);
      if (greedy) {
        names.push(greedy[1]!);
        return '/(.+)';
      }
      const param = /^\{([^}]+)\}$/.exec(segment);
      if (param) {
        names.push(param[1]!);
        specificity += 10;
        return '/([^/]+)';
      }
      specificity += 100;
      return `/${escapeRegex(segment)}`;
    })
    .join('');
  const greedy = names.length > 0 && /\+\}$/.test(segments[segments.length - 1] ?? '');
  const regex = new RegExp(`^${pattern || ''}/?$`);
  return {
    specificity: specificity * 10 + segments.length - (greedy ? 1000 : 0),
    match(candidate) {
      const found = regex.exec(candidate === '' ? '/' : candidate);
      if (!found) return undefined;
      return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)]));
    },
  };
};

/**
 * The HTTP API of a packaged template: its routes (AWS::ApiGatewayV2::Route → Integration → function), their JWT
 * authorizers and scopes, and the API's CORS configuration. What API Gateway would serve, from what is deployed.
 */
export const httpApiSpec = (catalog: ResourceCatalog): HttpApiSpec => {
  const resources = catalog.template.Resources;
  const authorizers = new Map<string, JwtAuthorizerSpec>();
  for (const [logicalId, resource] of resourcesOfType(catalog.template, 'AWS::ApiGatewayV2::Authorizer')) {
    const properties = resource.Properties ?? {};
    if (properties.AuthorizerType !== 'JWT') continue;
    const jwt = catalog.resolve(properties.JwtConfiguration) as { Issuer?: string; Audience?: string[] } | undefined;
    const source = (catalog.resolve(properties.IdentitySource) as string[] | undefined)?.[0] ?? '$request.header.Authorization';
    authorizers.set(logicalId, {
      name: String(properties.Name ?? logicalId),
      issuer: String(jwt?.Issuer ?? ''),
      audience: jwt?.Audience ?? [],
      identityHeader: source.replace(/^\$request\.header\./i, '').toLowerCase(),
    });
  }

  const routes = resourcesOfType(catalog.template, 'AWS::ApiGatewayV2::Route').map(([logicalId, resource]): HttpRoute => {
    const properties = resource.Properties ?? {};
    const routeKey = String(properties.RouteKey);
    const integrationId = refsIn(properties.Target)[0];
    const integration = integrationId ? resources[integrationId] : undefined;
    if (!integration) throw new Error(`${logicalId}: its Target is not an integration of this template`);
    const functionId = getAttTarget(integration.Properties?.IntegrationUri);
    if (!functionId || resources[functionId]?.Type !== 'AWS::Lambda::Function') throw new Error(`${logicalId}: its integration does not invoke a function of this template`);
    const authorizerId = properties.AuthorizationType === 'JWT' ? refsIn(properties.AuthorizerId)[0] : undefined;
    const authorizer = authorizerId ? authorizers.get(authorizerId) : undefined;
    if (authorizerId && !authorizer) throw new Error(`${logicalId}: no JWT authorizer ${authorizerId}`);
    const [method = 'ANY', path = '/'] = routeKey === '$default' ? ['ANY', '/{proxy+}'] : routeKey.split(' ');
    const matcher = pathMatcher(path);
    return {
      routeKey,
      method: method.toUpperCase(),
      path,
      functionName: catalog.nameOf(functionId),
      integrationTimeoutMs: Number(catalog.resolve(integration.Properties?.TimeoutInMillis) ?? 30_000),
      payloadFormatVersion: String(catalog.resolve(integration.Properties?.PayloadFormatVersion) ?? '2.0'),
      ...(authorizer ? { authorizer } : {}),
      scopes: (catalog.resolve(properties.AuthorizationScopes) as string[] | undefined) ?? [],
      match: (requestMethod, requestPath) => (method === 'ANY' || method.toUpperCase() === requestMethod ? matcher.match(requestPath) : undefined),
      specificity: matcher.specificity * 2 + (method === 'ANY' ? 0 : 1) - (routeKey === '$default' ? 1_000_000 : 0),
    };
  });

  const api = resourcesOfType(catalog.template, 'AWS::ApiGatewayV2::Api')[0]?.[1];
  const cors = catalog.resolve(api?.Properties?.CorsConfiguration) as
    | { AllowOrigins?: string[]; AllowMethods?: string[]; AllowHeaders?: string[]; ExposeHeaders?: string[]; MaxAge?: number; AllowCredentials?: boolean }
    | undefined;
  return {
    routes: routes.sort((a, b) => b.specificity - a.specificity),
    ...(cors
      ? {
          cors: {
            allowOrigins: cors.AllowOrigins ?? [],
            allowMethods: (cors.AllowMethods ?? []).map((m) => m.toUpperCase()),
            allowHeaders: (cors.AllowHeaders ?? []).map((h) => h.toLowerCase()),
            exposeHeaders: cors.ExposeHeaders ?? [],
            ...(cors.MaxAge !== undefined ? { maxAge: Number(cors.MaxAge) } : {}),
            allowCredentials: cors.AllowCredentials === true,
          },
        }
      : {}),
  };
};

/** The route API Gateway picks for a request, with its path parameters. */
export const findRoute = (spec: HttpApiSpec, method: string, path: string): { route: HttpRoute; params: Record<string, string> } | undefined => {
  for (const route of spec.routes) {
    const params = route.match(method, path);
    if (params) return { route, params };
  }
  return undefined;
};

/** A packaged template's HTTP API CORS configuration (its `HttpApi`), each list empty when the template has none. */
export const templateCors = (template: CfnTemplate): { allowOrigins: string[]; allowHeaders: string[]; exposeHeaders: string[] } => {
  const cors = template.Resources.HttpApi?.Properties?.CorsConfiguration as { AllowOrigins?: string[]; AllowHeaders?: string[]; ExposeHeaders?: string[] } | undefined;
  return { allowOrigins: cors?.AllowOrigins ?? [], allowHeaders: cors?.AllowHeaders ?? [], exposeHeaders: cors?.ExposeHeaders ?? [] };
};

/**
 * A packaged template's routes as the service's route test compares them: `METHOD /path`, the authorizer's scopes,
 * and the function without its `<stackName>-` prefix (serverless.yml's function name).
 */
export const templateHttpRoutes = (template: CfnTemplate, stackName: string): { key: string; scopes: string[]; functionName: string }[] =>
  httpApiSpec(catalogFor(template, undefined, { stackName })).routes.map((route) => ({
    key: route.routeKey,
    scopes: [...route.scopes].sort(),
    functionName: route.functionName.replace(`${stackName}-`, ''),
  }));
