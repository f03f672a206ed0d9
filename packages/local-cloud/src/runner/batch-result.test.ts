import { batchOutcome } from './batch-result';

const ids = ['m1', 'm2', 'm3'];

describe('batchOutcome (Lambda SQS batch rules)', () => {
  it('fails the whole batch on a function error', () => {
    expect(batchOutcome(ids, { ok: false, error: 'Error: boom' }, true)).toEqual({ succeeded: [], failed: ids, reason: 'Error: boom' });
  });

  it('deletes everything after a successful invocation without ReportBatchItemFailures, whatever it returned', () => {
    expect(batchOutcome(ids, { ok: true, payload: { batchItemFailures: [{ itemIdentifier: 'm1' }] } }, false)).toEqual({ succeeded: ids, failed: [] });
  });

  it('fails only the reported records, and treats an empty report or no payload as full success', () => {
    expect(batchOutcome(ids, { ok: true, payload: { batchItemFailures: [{ itemIdentifier: 'm2' }] } }, true)).toEqual({ succeeded: ['m1', 'm3'], failed: ['m2'] });
    expect(batchOutcome(ids, { ok: true, payload: { batchItemFailures: [] } }, true)).toEqual({ succeeded: ids, failed: [] });
    expect(batchOutcome(ids, { ok: true, payload: null }, true)).toEqual({ succeeded: ids, failed: [] });
  });

  it('fails the whole batch when the report is invalid (unknown, empty or missing identifiers)', () => {
    for (const failures of [[{ itemIdentifier: 'nope' }], [{ itemIdentifier: '' }], [{}], 'm1']) {
      expect(batchOutcome(ids, { ok: true, payload: { batchItemFailures: failures } }, true).failed).toEqual(ids);
    }
  });
});
