import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot, repoRoot, tsxCommand } from '../node-runtime';
import type { DevState } from './dev-state';
import { freePorts } from './free-ports';

export interface DevProcess {
  /** Milliseconds from spawning the command to its ready line. */
  readyInMs: number;
  state: DevState;
  /** Environment that points the tools (`bin/*.ts`) at this system. */
  env: Record<string, string>;
  output(): string;
  /** Runs a tool of the local cloud (`dlq`, `send-event`, `token`) against this system, like `pnpm <tool>`. */
  tool(name: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Ctrl-C, as a developer would; resolves with the exit code. */
  stop(): Promise<number | null>;
  child: ChildProcess;
}

/** The services present in this checkout (the end-to-end flows that need a missing one stay pending). */
export const presentServices = (): string[] =>
  ['orders', 'payments', 'notifications'].filter((name) => existsSync(join(repoRoot(), 'services', name, 'serverless.yml')));

/**
 * Boots the local system through `bin/dev.ts` — the same entry point as `pnpm dev` — with every port free and
 * ephemeral (never the fixed defaults), and waits for its ready line. Used by the end-to-end test and the benchmark.
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
  const { command, args } = tsxCommand(join(packageRoot, 'bin', 'dev.ts'));
  const spawnedAt = Date.now();
  const child = spawn(command, args, { cwd: packageRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  return {
    readyInMs,
    state: JSON.parse(readFileSync(stateFile, 'utf8')) as DevState,
    env,
    output: () => output,
    tool,
    child,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
};
