import type { SoakResult } from './run-soak';

const row = (label: string, value: string | number): string => `  ${label.padEnd(40)} ${value}`;
const seconds = (ms: number | undefined): string => (ms === undefined ? 'did not settle' : `${(ms / 1000).toFixed(1)} s`);

/** The soak's one table: orders, faults by kind, retries, duplicates, final states, DLQ depth, ledger, duration. */
export const soakTable = (result: SoakResult, ordersForCounts = result.placed): string => {
  const { options, verdict, bank } = result;
  const invocationRows = Object.entries(result.invocations)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, count]) => row(`  ${name.replace(/-local-/, ' ')}`, `${count} (${(count / Math.max(1, ordersForCounts)).toFixed(2)} per order)`));
  const lines = [
    `SOAK ${verdict.violations.length === 0 ? 'PASSED' : 'FAILED'}: ${options.orders} orders at ${options.rate}/s, seed ${options.seed}`,
    row('orders placed', `${result.placed} (${result.placementErrors.length} placement error(s))`),
    row('cancellations accepted / refused (409)', `${result.cancelsAccepted} / ${result.cancelsRefused}`),
    'faults injected',
    ...Object.entries(result.faults).map(([kind, count]) => row(`  ${kind}`, count)),
    row('records failed and redelivered', result.retries.records),
    row('HTTP calls retried by the client', result.retries.httpCalls),
    row('outbox sweeps fired early by the soak', result.retries.sweeps),
    row('duplicates absorbed (bank replays)', `${bank.replays} replayed provider call(s); ${bank.charges.length} charge(s), ${bank.refunds.length} refund(s) in the bank`),
    'final states',
    ...Object.entries(verdict.finalStates).map(([state, count]) => row(`  ${state}`, count)),
    'DLQ depth',
    ...Object.entries(result.dlqDepth).map(([dlq, depth]) => row(`  ${dlq}`, depth)),
    'ledger (sent = consumed + dead-lettered)',
    ...Object.entries(result.ledger)
      .filter(([queue]) => !queue.endsWith('-dlq'))
      .map(([queue, entry]) => row(`  ${queue}`, `${entry.published} = ${entry.consumed} + ${entry.dlq}`)),
    'invocations (GET routes: the soak\'s own reads)',
    ...invocationRows,
    row('settled after the last order', seconds(result.settledInMs)),
    row('duration (boot to end)', seconds(result.durationMs)),
    ...(verdict.violations.length > 0 ? ['violations', ...verdict.violations.slice(0, 50).map((violation) => `  - ${violation}`)] : []),
    ...(verdict.violations.length > 50 ? [`  ... and ${verdict.violations.length - 50} more`] : []),
  ];
  return lines.join('\n');
};
