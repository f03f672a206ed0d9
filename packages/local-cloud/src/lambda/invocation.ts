/** What one invocation of a local function ended with, in the terms the Lambda service uses. */
export type InvocationOutcome =
  | { kind: 'ok'; payload: string; durationMs: number; initMs?: number }
  /** The handler threw or rejected (Lambda: `X-Amz-Function-Error: Unhandled`), or its module failed to load. */
  | { kind: 'error'; errorType: string; errorMessage: string; trace: string[]; durationMs: number; initMs?: number }
  /** It ran past its timeout; the instance was shut down, as Lambda resets the execution environment. */
  | { kind: 'timeout'; timeoutMs: number; durationMs: number }
  /** No instance became free within the wait bound and the function was at its concurrency limit. */
  | { kind: 'throttled'; reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded'; waitedMs: number };

/** The Lambda context fields a handler reads (functions get getRemainingTimeInMillis & co. in the worker). */
export interface InvocationContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  /** Set in the instance when the invocation starts (after init): now + the function's timeout. */
  deadlineMs: number;
}

/** Lambda's error payload for a failed invocation (what the Invoke API returns with X-Amz-Function-Error). */
export const errorPayload = (outcome: Exclude<InvocationOutcome, { kind: 'ok' }>, requestId: string): Record<string, unknown> => {
  switch (outcome.kind) {
    case 'error':
      return { errorType: outcome.errorType, errorMessage: outcome.errorMessage, trace: outcome.trace };
    case 'timeout':
      return {
        errorType: 'Sandbox.Timedout',
        errorMessage: `RequestId: ${requestId} Error: Task timed out after ${(outcome.timeoutMs / 1000).toFixed(2)} seconds`,
      };
    case 'throttled':
      return { Type: 'User', message: 'Rate Exceeded.', Reason: outcome.reason };
  }
};
