/**
 * The fault-injection soak's short form (ADR 0018), as the README's test command runs it: `pnpm soak --orders 300`
 * (bin/soak.ts) boots `npm run dev` with the local-only fault plan, places 300 orders while injecting every fault,
 * and exits 0 only when every order, charge, refund, message and queue is accounted for. Its table is the failure
 * message. The long form (5,000 orders) runs by hand: docs/performance.md.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot, tsxCommand } from '../../src/node-runtime';

const soak = (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const run = tsxCommand(join(packageRoot, 'bin', 'soak.ts'), args);
    const child = spawn(run.command, run.args, { cwd: packageRoot, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });

describe('fault-injection soak, short form (pnpm soak --orders 300)', () => {
  it('keeps every order, charges each at most once and accounts for every message under every fault at once', async () => {
    const result = await soak(['--orders', '300', '--rate', '10']);
    const table = `${result.stdout}\n${result.stderr.split('\n').filter((line) => !line.startsWith('soak: settling')).slice(-20).join('\n')}`;
    expect({ code: result.code, table }).toEqual({ code: 0, table: expect.stringContaining('SOAK PASSED: 300 orders') });
    for (const row of ['faults injected', 'provider transient error', 'consumer crash mid-batch', 'duplicate delivery', 'final states', 'DLQ depth', 'ledger', 'duration']) {
      expect(result.stdout).toContain(row);
    }
  }, 600_000);
});
