import middy, { type MiddlewareObj } from '@middy/core';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { toFieldIssues } from '@commerce/domain-events';
import type { Logger } from '../logger';
import { businessMetrics, flushMetrics, metricsFor, sharedTracer, type BusinessMetrics, type Metrics, type Tracer } from '../telemetry';
import { bearerToken, requireScopes, verifierFromEnvironment, type Caller, type TokenVerifier } from './auth';
import { correlationIdFrom } from './correlation';
import { HttpProblem, problems } from './problem';

export interface HttpRequest<TBody, TQuery, TParams> {
  body: TBody;
  query: TQuery;
  params: TParams;
  /**
   * The body exactly as API Gateway received it (base64-decoded when it came encoded), before any JSON parsing: what
   * a signature over the body is checked against (Stripe's webhooks, ADR 0022). '' when there is none.
   */
  rawBody: string;
  headers: Record<string, string | undefined>;
  caller: Caller;
  correlationId: string;
  logger: Logger;
  /** Business metrics of this request (flushed when it ends). */
  metrics: BusinessMetrics;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HttpRouteOptions<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined> {
  logger: Logger;
  /** The function's metrics and tracer (`createTelemetry`); default: the process's, for the logger's service. */
  metrics?: Metrics;
  tracer?: Tracer | undefined;
  /** Validated request body; its presence also turns on JSON body parsing. */
  body?: B;
  query?: Q;
  params?: P;
  /** Request headers to validate (lower-case names, other headers pass); the handler reads them from `headers`. */
  headers?: z.ZodObject;
  /** `public` skips authentication: only for health and docs routes. */
  auth?: 'required' | 'public';
  /**
   * The scopes the route needs (any one suffices), the same the route's `authorizer.scopes` in serverless.yml
   * declares for API Gateway: a valid token without them gets 403 insufficient_scope. Required unless public.
   */
  scopes?: readonly string[];
  /** Injected for tests; defaults to the JWT_ISSUER / JWT_AUDIENCE verifier. */
  verifier?: TokenVerifier;
  handle: (request: HttpRequest<Out<B>, Out<Q>, Out<P>>) => Promise<HttpResult>;
  /**
   * Turns the handler's own errors (use cases, domain) into problems; undefined for an error it does not know,
   * which then becomes a logged 500 like any other.
   */
  problemFor?: (error: unknown) => HttpProblem | undefined;
}

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;
type InternalContext = Context & { correlationId?: string; caller?: Caller; rawBody?: string };

const rawBodyOf = (event: Event): string =>
  typeof event.body !== 'string' ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;

const ANONYMOUS: Caller = { customerId: 'anonymous', scopes: [] };

const json = (status: number, body: unknown, headers: Record<string, string>, contentType = 'application/json'): Result => ({
  statusCode: status,
  headers: { 'content-type': contentType, ...headers },
  body: body === undefined ? '' : JSON.stringify(body),
});

const validate = <S extends Schema>(schema: S, value: unknown, prefix: string): z.output<S> => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw problems.validation(toFieldIssues(parsed.error, prefix ? [prefix] : []));
  return parsed.data;
};

/** Maps anything thrown to problem+json: known problems as they are, middy's parser errors to 400/415, the rest to a logged 500. */
const toProblem = (error: unknown, logger: Logger): HttpProblem => {
  if (error instanceof HttpProblem) return error;
  const { statusCode, cause } = (error ?? {}) as { statusCode?: number; cause?: { package?: string; message?: string } };
  if (cause?.package === '@middy/http-json-body-parser') {
    return statusCode === 415 ? problems.unsupportedMediaType() : problems.malformedJson(cause.message ?? 'empty body');
  }
  logger.error('unhandled error', error as Error);
  return problems.internal();
};

const problemResponder = (logger: Logger): MiddlewareObj<Event, Result, Error, InternalContext> => ({
  onError: async (request) => {
    const problem = toProblem(request.error, logger);
    if (problem.status < 500) logger.info('request rejected', { status: problem.status, code: problem.code, detail: problem.message });
    const headers = { ...problem.headers, 'x-correlation-id': request.context.correlationId ?? '' };
    request.response = json(problem.status, problem.toBody(), headers, 'application/problem+json');
  },
});

/**
 * An API Gateway HTTP API (payload v2) handler: correlation id, bearer-token verification and the route's scopes, JSON body parsing,
 * zod validation of body / query / path params (422 with every failing field), problem+json errors. Telemetry (ADR 0017):
 * log lines carry the Lambda context (cold start, request id) and the correlation id, the invocation is an X-Ray
 * subsegment annotated with the correlation id, and the request's business metrics are flushed when it ends.
 */
export const httpRoute = <B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
  options: HttpRouteOptions<B, Q, P>,
) => {
  const { logger } = options;
  const metrics = options.metrics ?? metricsFor(process.env.POWERTOOLS_SERVICE_NAME ?? 'service');
  const tracer = options.tracer ?? sharedTracer();
  const recorded = businessMetrics(metrics);
  if (options.auth !== 'public' && !options.scopes?.length) throw new Error('httpRoute: an authenticated route must declare its scopes');
  const core = async (event: Event, context: InternalContext): Promise<Result> => {
    const correlationId = context.correlationId ?? correlationIdFrom(event.headers);
    const headers = (event.headers ?? {}) as Record<string, string | undefined>;
    const caller = context.caller ?? ANONYMOUS;
    const request = {
      body: (options.body ? validate(options.body, event.body, 'body') : undefined) as Out<B>,
      query: (options.query ? validate(options.query, event.queryStringParameters ?? {}, 'query') : undefined) as Out<Q>,
      params: (options.params ? validate(options.params, event.pathParameters ?? {}, 'params') : undefined) as Out<P>,
      rawBody: context.rawBody ?? '',
      headers: options.headers ? (validate(options.headers, headers, 'headers'), headers) : headers,
      caller,
      correlationId,
      logger,
      metrics: recorded,
    };
    const result = await options.handle(request).catch((error: unknown) => {
      throw options.problemFor?.(error) ?? error;
    });
    return json(result.status, result.body, { ...result.headers, 'x-correlation-id': correlationId });
  };

  const traceable = middy<Event, Result, Error, InternalContext>(core);
  const handler = (tracer ? traceable.use(captureLambdaHandler(tracer, { captureResponse: false })) : traceable)
    .use({
      before: async (request) => {
        // Kept before the JSON body parser replaces event.body with the parsed value.
        request.context.rawBody = rawBodyOf(request.event);
        request.context.correlationId = correlationIdFrom(request.event.headers as Record<string, string | undefined>);
        logger.addContext(request.context);
        logger.resetKeys();
        logger.appendKeys({ correlationId: request.context.correlationId, route: request.event.routeKey });
        if (tracer?.isTracingEnabled()) tracer.putAnnotation('correlationId', request.context.correlationId);
      },
      after: async () => flushMetrics(metrics),
      onError: async () => flushMetrics(metrics),
    })
    .use(httpHeaderNormalizer())
    .use(problemResponder(logger));
  // Authentication runs before the body is even parsed: an anonymous caller learns nothing about the payload rules.
  if (options.auth !== 'public') {
    handler.use({
      before: async (request) => {
        const headers = request.event.headers as Record<string, string | undefined>;
        const caller = await (options.verifier ?? verifierFromEnvironment()).verify(bearerToken(headers));
        requireScopes(caller, options.scopes);
        request.context.caller = caller;
      },
    });
  }
  if (options.body) handler.use(httpJsonBodyParser({ disableContentTypeError: false }));
  return handler;
};
