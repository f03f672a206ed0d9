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
