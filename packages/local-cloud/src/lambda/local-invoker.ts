import type { InvokeResult, LambdaInvoker } from '../runner/lambda-invoker';
import { errorPayload } from './invocation';
import type { LocalLambda } from './local-lambda';

/**
 * The event-source runner's way into the local Lambda service, in process: a function error or a timeout fails
 * the batch; a throttled invocation also fails it without running anything, so its records stay in the queue and
 * come back after the visibility timeout (nothing is deleted), as with Lambda's pollers.
 */
export const localLambdaInvoker = (lambda: LocalLambda): LambdaInvoker => ({
  async invoke(functionName, event): Promise<InvokeResult> {
    if (!lambda.has(functionName)) return { ok: false, error: `Function not found: ${functionName}` };
    const { outcome, requestId } = await lambda.invoke(functionName, event);
    if (outcome.kind === 'ok') {
      try {
        return { ok: true, payload: JSON.parse(outcome.payload) as unknown };
      } catch {
        return { ok: true, payload: outcome.payload };
      }
    }
    if (outcome.kind === 'throttled') return { ok: false, error: `TooManyRequestsException (${outcome.reason}): not invoked, the records stay in the queue`, throttled: true };
    const payload = errorPayload(outcome, requestId);
    return { ok: false, error: [payload.errorType, payload.errorMessage].filter(Boolean).join(': ') };
  },
});
