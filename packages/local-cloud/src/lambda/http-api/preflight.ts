import type { CfnTemplate } from '../../cfn/template';
import { catalogFor } from '../../provision';
import type { LocalLambda } from '../local-lambda';
import { startHttpApiGateway } from './http-api-gateway';
import { httpApiSpec } from './routes';

export interface PreflightRequest {
  /** A path of one of the API's routes, e.g. `/payments/pay_1`. */
  path: string;
  origin: string;
  /** Access-Control-Request-Method. */
  method: string;
  /** Access-Control-Request-Headers (lower case, as browsers send them). */
  headers: string[];
}

/** No function runs for a preflight: API Gateway (and the local gateway) answers it from the CORS configuration. */
const noFunctions = new Proxy({} as LocalLambda, {
  get: () => {
    throw new Error('a CORS preflight invoked a function');
  },
});

/**
 * A browser's CORS preflight sent to the HTTP API of a packaged template, answered by `pnpm dev`'s gateway (which
 * reads the API's CorsConfiguration as API Gateway does), on an ephemeral port. The answer's headers, lower case.
 */
export const sendPreflight = async (template: CfnTemplate, stackName: string, request: PreflightRequest): Promise<{ status: number; headers: Record<string, string> }> => {
  const spec = httpApiSpec(catalogFor(template, undefined, { stackName }));
  const gateway = await startHttpApiGateway({ spec, lambda: noFunctions, port: 0, log: () => undefined });
  try {
    const response = await fetch(`${gateway.url}${request.path}`, {
      method: 'OPTIONS',
      headers: { origin: request.origin, 'access-control-request-method': request.method, 'access-control-request-headers': request.headers.join(',') },
    });
    await response.arrayBuffer();
    return { status: response.status, headers: Object.fromEntries(response.headers.entries()) };
  } finally {
    await gateway.close();
  }
};
