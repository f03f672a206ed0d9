import type { InvokeResult } from './lambda-invoker';

export interface BatchOutcome {
  /** Message ids to delete from the queue. */
  succeeded: string[];
  /** Message ids left in flight: they reappear after the visibility timeout (and reach the DLQ at maxReceiveCount). */
  failed: string[];
  /** Why the whole batch failed, when it did. */
  reason?: string;
}

/**
 * Lambda's rules for an SQS batch: a function error fails the whole batch; with ReportBatchItemFailures only the
 * listed `batchItemFailures` fail, and an invalid response (unknown or empty itemIdentifier) fails the whole batch;
 * without it any successful invocation deletes the whole batch.
 */
export const batchOutcome = (messageIds: string[], result: InvokeResult, reportBatchItemFailures: boolean): BatchOutcome => {
  if (!result.ok) return { succeeded: [], failed: messageIds, reason: result.error };
  if (!reportBatchItemFailures) return { succeeded: messageIds, failed: [] };
  const payload = result.payload as { batchItemFailures?: unknown } | null | undefined;
  const failures = payload && typeof payload === 'object' ? payload.batchItemFailures : undefined;
  if (failures === undefined || failures === null) return { succeeded: messageIds, failed: [] };
  if (!Array.isArray(failures)) return { succeeded: [], failed: messageIds, reason: 'batchItemFailures is not a list' };
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !messageIds.includes(id)) {
      return { succeeded: [], failed: messageIds, reason: `invalid batchItemFailures entry ${JSON.stringify(failure)}` };
    }
    failed.add(id);
  }
  return { succeeded: messageIds.filter((id) => !failed.has(id)), failed: [...failed] };
};
