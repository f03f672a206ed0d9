import { ResponseContract } from '@commerce/api-contracts';

/** The OpenAPI document each API origin is held to (checkResponsesOf), and what did not conform since the last test. */
const contracts = new Map<string, ResponseContract>();
const violations: string[] = [];
/** The local cloud's own routes beside each API (docs, readiness), which no service document describes. */
const LOCAL_ROUTES = /^\/(docs(\/.*)?|openapi\.json|__local-cloud-ready)$/;

afterEach(() => {
  const fresh = violations.splice(0);
  if (fresh.length > 0) throw new Error(`responses that do not conform to their API's openapi.json:\n${fresh.join('\n')}`);
});

/** From now on, every `http` response from `origin` is validated against `document`; a test that saw one that does not conform fails. */
export const checkResponsesOf = (origin: string, document: Record<string, unknown>): void => {
  contracts.set(new URL(origin).origin, new ResponseContract(document, origin));
};

/** How many responses were validated so far, over every checked origin (to show a test's responses were). */
export const checkedResponseCount = (): number => [...contracts.values()].reduce((sum, contract) => sum + contract.checked, 0);

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** One real HTTP call with a JSON body (or none); the response body parsed as JSON when it is JSON. */
export const http = async <T = Record<string, unknown>>(
  url: string,
  options: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> => {
  const response = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  const { origin, pathname } = new URL(url);
  const contract = contracts.get(origin);
  if (contract && !LOCAL_ROUTES.test(pathname)) {
    const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
    violations.push(...contract.record({ method, path: pathname, status: response.status, contentType: response.headers.get('content-type'), body }));
  }
  return { status: response.status, headers: response.headers, body: body as T };
};

/**
 * A fetch whose every answer from a checked origin (checkResponsesOf) is validated like `http`'s: for clients that
 * send their own requests (e.g. @commerce/api-client's `fetch` option). The answer is returned untouched (a clone
 * is read for the check); wrap the innermost fetch, so that every attempt of a retrying client is checked.
 */
export const checkingFetch =
  (send: (request: Request, init?: RequestInit) => Promise<Response> = (request, init) => fetch(request, init)) =>
  async (request: Request, init?: RequestInit): Promise<Response> => {
    const method = (init?.method ?? request.method).toUpperCase();
    const response = await send(request, init);
    const { origin, pathname } = new URL(request.url);
    const contract = contracts.get(origin);
    if (contract && !LOCAL_ROUTES.test(pathname)) {
      const text = await response.clone().text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      violations.push(...contract.record({ method, path: pathname, status: response.status, contentType: response.headers.get('content-type'), body }));
    }
    return response;
  };

/** Polls `probe` until it returns a value (not undefined), or fails with the last observation. */
export const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 75_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};
