import { props, resourcesOfType, type CfnTemplate, type Rule, type Violation } from '../cfn';

/** Routes that are public by design, by path: health checks and API docs. */
export const PUBLIC_PATHS = [/^\/health$/, /^\/docs(\/.*)?$/, /^\/openapi\.(json|ya?ml)$/];

/**
 * Routes that are public by design, by exact route key (method and path): Stripe's webhook, which carries no token
 * and is authenticated by its Stripe-Signature over the body instead (ADR 0022). Nothing else.
 */
export const PUBLIC_ROUTE_KEYS = ['POST /payments/webhooks/stripe'];

const pathOf = (routeKey: string): string => routeKey.split(' ').slice(1).join(' ') || routeKey;

export const httpRouteAuthorizer: Rule = {
  id: 'http-route-authorizer',
  description: "Every HTTP API route has an authorizer, except health and docs routes and Stripe's signed webhook",
  check(template: CfnTemplate): Violation[] {
    return resourcesOfType(template, 'AWS::ApiGatewayV2::Route').flatMap(([id, route]) => {
      const { RouteKey, AuthorizationType, AuthorizerId } = props(route);
      const routeKey = typeof RouteKey === 'string' ? RouteKey : '?';
      const authorized =
        AuthorizationType === 'AWS_IAM' || ((AuthorizationType === 'JWT' || AuthorizationType === 'CUSTOM') && AuthorizerId !== undefined);
      if (authorized || PUBLIC_PATHS.some((path) => path.test(pathOf(routeKey))) || PUBLIC_ROUTE_KEYS.includes(routeKey)) return [];
      return [
        {
          rule: this.id,
          resource: id,
          message: `route "${routeKey}" has no authorizer: add \`authorizer: { name: jwt }\` (only /health, /docs, /openapi.* and POST /payments/webhooks/stripe may be public)`,
        },
      ];
    });
  },
};
