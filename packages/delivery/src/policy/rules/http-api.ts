import { asArray, isProtectedStage, isRecord, numeric, props, render, resourcesOfType, type CfnTemplate, type Rule, type RuleContext, type Violation } from '../cfn';

export const httpApiCors: Rule = {
  id: 'http-api-cors',
  description: 'An HTTP API allows only named CORS origins, never `*`',
  check(template: CfnTemplate): Violation[] {
    return resourcesOfType(template, 'AWS::ApiGatewayV2::Api').flatMap(([id, api]): Violation[] => {
      const cors = props(api).CorsConfiguration;
      const origins = isRecord(cors) ? asArray(cors.AllowOrigins).map(render) : [];
      if (!origins.some((origin) => origin.includes('*'))) return [];
      return [{ rule: this.id, resource: id, message: `CORS allows origin "*": list the stage's frontend origins (corsOrigins in stages.ts)` }];
    });
  },
};

export const httpApiStageLimits: Rule = {
  id: 'http-api-stage-limits',
  description: 'On staging/prod, an HTTP API stage throttles its routes (burst and rate) and writes access logs',
  check(template: CfnTemplate, context?: RuleContext): Violation[] {
    if (!isProtectedStage(context)) return [];
    return resourcesOfType(template, 'AWS::ApiGatewayV2::Stage').flatMap(([id, stage]) => {
      const p = props(stage);
      const found: Violation[] = [];
      const say = (message: string) => found.push({ rule: this.id, resource: id, message: `stage ${context?.stage ?? '(unknown)'}: ${message}` });
      const routes = isRecord(p.DefaultRouteSettings) ? p.DefaultRouteSettings : {};
      const missing = ['ThrottlingBurstLimit', 'ThrottlingRateLimit'].filter((key) => !((numeric(routes[key]) ?? 0) > 0));
      if (missing.length > 0) say(`no ${missing.join('/')} in DefaultRouteSettings: one client could use the whole account's API and Lambda capacity`);
      const logs = isRecord(p.AccessLogSettings) ? p.AccessLogSettings : {};
      if (logs.DestinationArn === undefined || logs.Format === undefined) say('no AccessLogSettings (DestinationArn and Format): requests would leave no trace');
      return found;
    });
  },
};
