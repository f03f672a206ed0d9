import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** fauxqs 2.4.1 needs `node:sqlite`. */
const MIN_NODE = [22, 5] as const;

export const assertNodeForEmulators = (version = process.versions.node): void => {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
    throw new Error(
      `the emulators need Node >= ${MIN_NODE.join('.')} but this is Node ${version}: run through pnpm (\`pnpm test\`, \`pnpm dev\`), which puts the repo's pinned Node first on PATH`,
    );
  }
};

/** Command + arguments that run a TypeScript file with the current Node and tsx's loader, in one process. */
export const tsxCommand = (script: string, args: string[] = []): { command: string; args: string[] } => ({
  command: process.execPath,
  args: ['--import', pathToFileURL(require.resolve('tsx')).href, script, ...args],
});

/** The repository root: the nearest directory above `from` holding pnpm-workspace.yaml. */
export const repoRoot = (from = __dirname): string => {
  let dir = from;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
};

export const packageRoot = join(__dirname, '..');

/**
 * The Serverless CLI (osls) a service resolves, and the environment the local cloud runs it with: no telemetry or
 * notices, and Node's on-disk compile cache (`.local/node-compile-cache`), so its thousands of modules are compiled
 * once, not on every start (LOCAL_CLOUD_COMPILE_CACHE=0 turns that off). `env` goes over it.
 */
export const serverlessCli = (serviceDir: string, env: Record<string, string> = {}): { bin: string; env: NodeJS.ProcessEnv } => ({
  bin: require.resolve('osls/bin/serverless.js', { paths: [serviceDir] }),
  env: {
    ...process.env,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    ...(process.env.LOCAL_CLOUD_COMPILE_CACHE === '0' ? {} : { NODE_COMPILE_CACHE: join(repoRoot(), '.local', 'node-compile-cache') }),
    ...env,
  },
});
