/** What the client calls to send a request: the global `fetch`, or any wrapper of it. */
export type FetchLike = (request: Request, init?: RequestInit) => Promise<Response>;

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** Backoff before the first retry, doubled for each next one, half of it random (default 250 ms). */
  baseDelayMs?: number;
  /** Longest wait before a retry, also the cap of a `Retry-After` (default 5000 ms). */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { retries: 3, baseDelayMs: 250, maxDelayMs: 5000 };

/**
 * Only requests that can be sent twice without a second effect are retried: reads, and writes that carry an
 * Idempotency-Key (the server answers a repeat with the first result).
 */
export const isRetryableRequest = (request: Request): boolean =>
  request.method === 'GET' || request.method === 'HEAD' || request.headers.has('Idempotency-Key');

/** 429 and 5xx may succeed later; every other 4xx is an answer about the request itself and is never retried. */
export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

/** A network failure, as fetch reports it (a TypeError), not the caller's abort. */
const isNetworkError = (error: unknown): boolean => error instanceof TypeError;

const retryAfterMs = (response: Response): number | undefined => {
  const value = response.headers.get('Retry-After');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
};

export type Sleep = (ms: number, signal?: AbortSignal | null) => Promise<void>;

const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Wraps a fetch so that a retryable request is sent again, with backoff, after a network error, a 5xx or a 429
 * (honouring Retry-After), up to `retries` times. Every attempt sends the very same request (a clone: same URL,
 * headers — so the same Idempotency-Key and token — and body). The last answer, or the last network error, is what
 * the caller gets.
 */
export const retryingFetch = (
  base: FetchLike,
  options: RetryOptions = {},
  wait: Sleep = sleep,
  random: () => number = Math.random,
): FetchLike => {
  const { retries, baseDelayMs, maxDelayMs } = { ...DEFAULT_RETRY, ...options };
  const backoff = (attempt: number): number => {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return ceiling / 2 + random() * (ceiling / 2);
  };
  return async (request, init) => {
    if (!isRetryableRequest(request) || retries <= 0) return base(request, init);
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= retries;
      try {
        const response = await base(last ? request : request.clone(), init);
        if (last || !isRetryableStatus(response.status)) return response;
        await response.body?.cancel();
        await wait(Math.min(maxDelayMs, retryAfterMs(response) ?? backoff(attempt)), request.signal);
      } catch (error) {
        if (last || !isNetworkError(error) || request.signal?.aborted) throw error;
        await wait(backoff(attempt), request.signal);
      }
    }
  };
};
