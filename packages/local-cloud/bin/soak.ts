/**
 * The fault-injection soak (ADR 0018, docs/performance.md): `pnpm soak [--orders 300] [--rate 10] [--customers 20]
 * [--cancel 0.2] [--decline 0.1] [--transient 0.1] [--timeout-after-charge 0.05] [--consumer-crash 0.05]
 * [--duplicate 0.1] [--restarts 3] [--poison 3] [--visibility 16] [--seed 1] [--settle-timeout 120] [--json file] [--log file]`.
 * Boots the local system with `npm run dev` and the local-only fault plan, places the orders, checks every order
 * against the bank's books and the emulator's ledger, prints one table and exits 1 on any violation.
 */
import { writeFileSync } from 'node:fs';
import { defaultSoakOptions, runSoak, type SoakOptions } from '../src/soak/run-soak';
import { soakTable } from '../src/soak/soak-table';
import { parseArgs, stringOption } from '../src/tools/cli-args';

const main = async (): Promise<void> => {
  const args = parseArgs(process.argv.slice(2));
  const number = (name: string, fallback: number): number => {
    const value = stringOption(args, name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} ${value} must be a non-negative number`);
    return parsed;
  };
  const d = defaultSoakOptions;
  const options: SoakOptions = {
    orders: number('orders', d.orders),
    rate: number('rate', d.rate) || d.rate,
    customers: number('customers', d.customers) || 1,
    cancelRate: number('cancel', d.cancelRate),
    cancelWithinMs: number('cancel-within-ms', d.cancelWithinMs),
    declineRate: number('decline', d.declineRate),
    transientRate: number('transient', d.transientRate),
    timeoutAfterChargeRate: number('timeout-after-charge', d.timeoutAfterChargeRate),
    consumerCrashRate: number('consumer-crash', d.consumerCrashRate),
    duplicateRate: number('duplicate', d.duplicateRate),
    restarts: number('restarts', d.restarts),
    poison: number('poison', d.poison),
    visibilitySeconds: number('visibility', d.visibilitySeconds) || 1,
    seed: number('seed', d.seed),
    settleTimeoutMs: number('settle-timeout', d.settleTimeoutMs / 1000) * 1000,
    progress: (line) => process.stderr.write(`soak: ${line}\n`),
  };
  const result = await runSoak(options);
  console.log(soakTable(result));
  const { devOutput, ...figures } = result;
  const json = stringOption(args, 'json');
  if (json) writeFileSync(json, JSON.stringify({ ...figures, bank: { ...result.bank, charges: result.bank.charges.length, refunds: result.bank.refunds.length } }, null, 2));
  const log = stringOption(args, 'log');
  if (log) writeFileSync(log, devOutput);
  process.exitCode = result.verdict.violations.length === 0 ? 0 : 1;
};

main().catch((error: unknown) => {
  console.error(`soak: ${(error as Error).stack ?? (error as Error).message}`);
  process.exit(2);
});
