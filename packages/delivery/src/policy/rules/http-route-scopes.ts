import { props, resourcesOfType, type CfnTemplate, type Rule, type Violation } from '../cfn';

/**
 * A JWT route must name the scopes it needs (ADR 0011): without AuthorizationScopes API Gateway lets any token of
 * the pool through, whatever it was granted.
 */
export const httpRouteScopes: Rule = {
  id: 'http-route-scopes',
  description: 'Every JWT-authorized HTTP API route declares AuthorizationScopes',
  check(template: CfnTemplate): Violation[] {
    return resourcesOfType(template, 'AWS::ApiGatewayV2::Route').flatMap(([id, route]) => {
      const { RouteKey, AuthorizationType, AuthorizationScopes } = props(route);
      if (AuthorizationType !== 'JWT' || (Array.isArray(AuthorizationScopes) && AuthorizationScopes.length > 0)) return [];
      return [{ rule: this.id, resource: id, message: `route "${String(RouteKey)}" has no scopes: add \`authorizer: { name: jwt, scopes: [...] }\`` }];
    });
  },
};
