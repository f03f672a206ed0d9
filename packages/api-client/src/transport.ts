import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { problemFrom } from './problem.js';
import { retryingFetch, type FetchLike, type RetryOptions } from './retry.js';
import { bearerToken, type TokenProvider } from './token.js';

/** What every service client is configured with. */
export interface ServiceClientOptions {
  /** The service's API, e.g. `http://localhost:3001` locally or the stage's API Gateway URL. */
  baseUrl: string;
  /** Asked for the bearer token before each request (see TokenProvider). */
  token?: TokenProvider;
  /** The fetch to send requests with (default: the global fetch, looked up on each request). */
  fetch?: FetchLike;
  /** Retry policy of the requests that are safe to send twice; `false` sends every request once. */
  retry?: RetryOptions | false;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

/** Per-call options of every operation. */
export interface CallOptions {
  /** Sent as `x-correlation-id`; the services carry it into every event and log line of the request. */
  correlationId?: string;
  signal?: AbortSignal;
}

const globalFetch: FetchLike = (request, init) => globalThis.fetch(request, init);

/** An openapi-fetch client of one service's generated `paths`, with the token and retry policy wired in. */
export const createTransport = <Paths extends object>(options: ServiceClientOptions, middleware: Middleware[] = []): Client<Paths> => {
  const send = options.fetch ?? globalFetch;
  const client = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: options.retry === false ? send : retryingFetch(send, options.retry),
    headers: options.headers,
  });
  if (options.token) client.use(bearerToken(options.token));
  client.use(...middleware);
  return client;
};

/** The body of a 2xx answer, or a thrown ProblemError for any other. */
export const unwrap = async <T>(result: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> => {
  const { data, error, response } = await result;
  if (!response.ok) throw problemFrom(response, error);
  return data as T;
};

export const correlationHeader = (options: CallOptions): { 'x-correlation-id'?: string } =>
  options.correlationId === undefined ? {} : { 'x-correlation-id': options.correlationId };
