import { join } from 'node:path';
import { localIssuerUrl } from '@commerce/serverless-config';
import { repoRoot } from '../node-runtime';
import { apiDocsRoutes } from '../lambda/http-api/api-docs';
import { catalogFor } from '../provision';
import type { CfnTemplate } from '../cfn/template';
import type { Endpoints } from '../local-defaults';
import { functionSpecs, type FunctionSpec } from '../lambda/function-specs';
import { startHttpApiGateway, type HttpApiGateway } from '../lambda/http-api/http-api-gateway';
import { httpApiSpec, type HttpApiSpec } from '../lambda/http-api/routes';
import { startInvokeApi, type InvokeApi } from '../lambda/invoke-api';
import type { LocalLambda } from '../lambda/local-lambda';
import type { LogStream } from './log-stream';

export interface ServiceHostOptions {
  service: string;
  stage: string;
  template: CfnTemplate;
  endpoints: Endpoints;
  lambda: LocalLambda;
  /** Where the local cloud's bundles of this service's handlers are (`<dir>/src/handlers/x.js`). */
  bundlesDir: string;
  httpPort: number;
  lambdaPort: number;
  /** The running local issuer: the template holds the issuer URL of the port it was packaged with. */
  issuer: string;
  log: LogStream;
}

export interface ServiceHost {
  service: string;
  url: string;
  lambdaEndpoint: string;
  functions: FunctionSpec[];
  api: HttpApiSpec;
  /** A restart of the service's functions: every pool replaced, warm instances dropped (in-flight ones finish). */
  restartFunctions(): Promise<void>;
  /** Stops its endpoints and its functions' instances. */
  stop(): Promise<void>;
}

/** `http://127.0.0.1:<any port>/local-issuer`: the local issuer's URL as packaged into a template. */
const packagedIssuer = new RegExp(`^${localIssuerUrl(0).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(':0', ':\\d+')}`);

const withRunningIssuer = (value: string, issuer: string): string => value.replace(packagedIssuer, issuer);

/**
 * One service of the local system (ADR 0009): its functions from its packaged template in the local Lambda
 * service, its HTTP API (API Gateway's behaviour) on httpPort and the Lambda Invoke API on lambdaPort — the
 * endpoints serverless-offline gave it before (custom.serverless-offline's ports, the same function names).
 */
export const startServiceHost = async (options: ServiceHostOptions): Promise<ServiceHost> => {
  const { service, lambda, log } = options;
  const catalog = catalogFor(options.template, options.endpoints, { stackName: `${service}-${options.stage}` });
  const functions = functionSpecs(catalog).map((spec) => ({
    ...spec,
    environment: Object.fromEntries(Object.entries(spec.environment).map(([key, value]) => [key, withRunningIssuer(value, options.issuer)])),
  }));
  const declared = httpApiSpec(catalog);
  const api: HttpApiSpec = {
    ...declared,
    routes: declared.routes.map((route) =>
      route.authorizer ? { ...route, authorizer: { ...route.authorizer, issuer: withRunningIssuer(route.authorizer.issuer, options.issuer) } } : route,
    ),
  };
  const output = { stdout: log.sink(service), stderr: log.sink(service, 'warn') };
  const addFunctions = async (): Promise<void> => {
    for (const spec of functions) await lambda.add({ spec, service, codeDir: options.bundlesDir, output });
  };
  await addFunctions();

  let gateway: HttpApiGateway | undefined;
  let invokeApi: InvokeApi | undefined;
  const stop = async (): Promise<void> => {
    await Promise.all([gateway?.close(), invokeApi?.close()]);
    await lambda.stop(service);
  };
  try {
    gateway = await startHttpApiGateway({
      spec: api,
      lambda,
      port: options.httpPort,
      log: (level, message) => log.line(service, message, level),
      localRoutes: {
        '/__local-cloud-ready': (response) => response.writeHead(204).end(),
        ...apiDocsRoutes(join(repoRoot(), 'services', service, 'openapi.json')), // GET /docs and /openapi.json (ADR 0013)
      },
    });
    invokeApi = await startInvokeApi({ lambda, port: options.lambdaPort, functions: functions.map((fn) => fn.name) });
  } catch (error) {
    await stop();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      const which = gateway ? `LOCAL_LAMBDA_PORT_${service.toUpperCase()} (${options.lambdaPort})` : `LOCAL_HTTP_PORT_${service.toUpperCase()} (${options.httpPort})`;
      throw new Error(`${service}: port in use, set ${which} to another port`, { cause: error });
    }
    throw error;
  }
  return { service, url: gateway.url, lambdaEndpoint: invokeApi.url, functions, api, restartFunctions: addFunctions, stop };
};
