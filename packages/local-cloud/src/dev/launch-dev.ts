import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot, repoRoot, tsxCommand } from '../node-runtime';
import type { DevState } from './dev-state';
import { freePorts } from './free-ports';
import { processGroupMembers } from './processes';

export interface DevProcess {
  /** Milliseconds from spawning the command (`npm run dev`) to its ready line. */
  readyInMs: number;
  /** The system's own figure from its ready line (from bin/dev.ts starting, without npm, the install check and pnpm). */
  systemReadyInMs: number;
  state: DevState;
  /** Environment that points the tools (`bin/*.ts`) at this system. */
  env: Record<string, string>;
  output(): string;
  /** Runs a tool of the local cloud (`dlq`, `send-event`, `token`) against this system, like `pnpm <tool>`. */
  tool(name: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /**
   * Ctrl-C, as a developer would: SIGINT to the command's whole process group, like a terminal does. Resolves with
   * the exit code once every process of the group has ended (SIGKILL to stragglers after 30 s).
   */
  stop(): Promise<number | null>;
  /** Processes of the command's group still alive (none once stop() resolved). */
  survivors(): number[];
  child: ChildProcess;
}

/** The services present in this checkout (the end-to-end flows that need a missing one stay pending). */
export const presentServices = (): string[] =>
  ['orders', 'payments', 'notifications'].filter((name) => existsSync(join(repoRoot(), 'services', name, 'serverless.yml')));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Boots the local system with the README's command, `npm run dev` (npm → scripts/bootstrap.mjs → pnpm → bin/dev.ts),
 * in a process group of its own like a terminal's foreground job, with every port free and ephemeral (never the
 * fixed defaults), and waits for its ready line. Used by the end-to-end test and the benchmark.
 */
export const startDevProcess = async (
  timeoutMs: number,
  extraEnv: Record<string, string> = {},
  onSpawn?: (child: ChildProcess) => void,
): Promise<DevProcess> => {
  const services = presentServices();
  const ports = await freePorts(3 + services.length * 2);
  const stateFile = join(mkdtempSync(join(tmpdir(), 'local-cloud-e2e-')), 'dev-state.json');
  const env: Record<string, string> = {
    LOCAL_SQS_PORT: String(ports[0]),
    LOCAL_DYNAMODB_PORT: String(ports[1]),
    LOCAL_ISSUER_PORT: String(ports[2]),
    LOCAL_CLOUD_STATE_FILE: stateFile,
    NO_COLOR: '1',
    ...Object.fromEntries(
      services.flatMap((service, index) => [
        [`LOCAL_HTTP_PORT_${service.toUpperCase()}`, String(ports[3 + index * 2])],
        [`LOCAL_LAMBDA_PORT_${service.toUpperCase()}`, String(ports[4 + index * 2])],
      ]),
    ),
    ...extraEnv,
  };
  const spawnedAt = Date.now();
  const child = spawn('npm', ['run', '--silent', 'dev'], {
    cwd: repoRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() can signal the whole job as Ctrl-C does
  });
  onSpawn?.(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pnpm dev not ready within ${timeoutMs} ms:\n${output.slice(-4000)}`)), timeoutMs);
    const check = setInterval(() => {
      if (output.includes('LOCAL CLOUD READY')) {
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`pnpm dev exited (${code}) before ready:\n${output.slice(-4000)}`));
    });
  });

  const tool: DevProcess['tool'] = (name, toolArgs) =>
    new Promise((resolve) => {
      const run = tsxCommand(join(packageRoot, 'bin', `${name}.ts`), toolArgs);
      const toolChild = spawn(run.command, run.args, { cwd: packageRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      toolChild.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      toolChild.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      toolChild.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    });

  const readyInMs = Date.now() - spawnedAt;
  const systemReadyInMs = Math.round(Number(/LOCAL CLOUD READY in ([\d.]+) s/.exec(output)?.[1] ?? NaN) * 1000);
  const group = child.pid!;
  return {
    readyInMs,
    systemReadyInMs,
    state: JSON.parse(readFileSync(stateFile, 'utf8')) as DevState,
    env,
    output: () => output,
    tool,
    child,
    survivors: () => processGroupMembers(group),
    stop: async () => {
      if (processGroupMembers(group).length === 0) return child.exitCode;
      process.kill(-group, 'SIGINT');
      const deadline = Date.now() + 30_000;
      while (processGroupMembers(group).length > 0 && Date.now() < deadline) await sleep(100);
      if (processGroupMembers(group).length > 0) process.kill(-group, 'SIGKILL');
      return exited;
    },
  };
};
