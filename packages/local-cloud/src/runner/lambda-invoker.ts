/** `throttled`: the function was not invoked at all (429 TooManyRequestsException). */
export type InvokeResult = { ok: true; payload: unknown } | { ok: false; error: string; throttled?: boolean };

export interface LambdaInvoker {
  /** `signal` aborts the call (the local cloud stopping): the result is then a failure. */
  invoke(functionName: string, event: unknown, signal?: AbortSignal): Promise<InvokeResult>;
}

const describeError = (payload: string): string => {
  try {
    const error = JSON.parse(payload) as { errorType?: string; errorMessage?: string; Message?: string };
    return [error.errorType, error.errorMessage ?? error.Message].filter(Boolean).join(': ') || payload;
  } catch {
    return payload;
  }
};

/**
 * Calls functions through the AWS Lambda Invoke API (RequestResponse) at `endpoint`: the local
 * lambdaPort runs the same bundled handler code as Lambda. A function error (X-Amz-Function-Error) is a failure.
 */
export const lambdaInvokeApi = (endpoint: string): LambdaInvoker => ({
  async invoke(functionName, event, signal) {
    const url = `${endpoint.replace(/\/$/, '')}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
        body: JSON.stringify(event),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      return { ok: false, error: `invoke ${functionName} at ${endpoint} failed: ${(error as Error).message}` };
    }
    const text = await response.text();
    if (response.status === 429) return { ok: false, error: `invoke ${functionName}: throttled (${describeError(text)})`, throttled: true };
    if (response.status !== 200) return { ok: false, error: `invoke ${functionName}: HTTP ${response.status} ${describeError(text)}` };
    if (response.headers.get('x-amz-function-error')) return { ok: false, error: describeError(text) };
    if (!text) return { ok: true, payload: null };
    try {
      return { ok: true, payload: JSON.parse(text) as unknown };
    } catch {
      return { ok: true, payload: text };
    }
  },
});
