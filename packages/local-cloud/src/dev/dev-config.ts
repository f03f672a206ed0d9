import { isAbsolute, join } from 'node:path';
import { LOCAL_ISSUER_PORT, localIssuerPort } from '@commerce/serverless-config';
import { DEFAULT_PORTS } from '../local-defaults';
import { repoRoot } from '../node-runtime';

export interface DevConfig {
  sqsPort: number;
  dynamodbPort: number;
  issuerPort: number;
  /** Per service: `LOCAL_HTTP_PORT_<SERVICE>` / `LOCAL_LAMBDA_PORT_<SERVICE>` override serverless.yml's ports. */
  portOverrides(service: string): { httpPort?: number; lambdaPort?: number };
  /** Where the running system's endpoints are written for `pnpm token/dlq/send-event` (LOCAL_CLOUD_STATE_FILE). */
  stateFile: string;
  /** `.local/` (gitignored): issuer key, packaged templates. */
  localDir: string;
  /** Where the bundles of every service's handlers are written (`.local/bundles/<service>`), kept between runs. */
  bundlesDir: string;
  /** Only these services (LOCAL_CLOUD_SERVICES=orders,payments); default: every services/* with a serverless.yml. */
  services?: string[];
  debug: boolean;
  /**
   * LOCAL_CLOUD_POLLERS: concurrent pollers per SQS event source (default 1: each batch holds up to 10 records, and
   * every extra poller keeps one more warm instance of its function, ~30–50 MiB, docs/performance.md).
   */
  pollers: number;
  /** LOCAL_CLOUD_BATCHING_WINDOW: override every event source's batching window in seconds (default: as declared). */
  batchingWindowOverride?: number;
}

const port = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new Error(`${name}=${value} is not a port`);
  return parsed;
};

const optionalPort = (env: NodeJS.ProcessEnv, name: string): number | undefined =>
  env[name] === undefined || env[name] === '' ? undefined : port(env, name, 0);

export const devConfig = (env: NodeJS.ProcessEnv = process.env): DevConfig => {
  const localDir = join(repoRoot(), '.local');
  const stateFile = env.LOCAL_CLOUD_STATE_FILE ?? join(localDir, 'dev-state.json');
  return {
    sqsPort: port(env, 'LOCAL_SQS_PORT', DEFAULT_PORTS.sqs),
    dynamodbPort: port(env, 'LOCAL_DYNAMODB_PORT', DEFAULT_PORTS.dynamodb),
    issuerPort: env.LOCAL_ISSUER_PORT ? localIssuerPort(env) : LOCAL_ISSUER_PORT,
    portOverrides: (service) => {
      const key = service.toUpperCase().replace(/-/g, '_');
      const httpPort = optionalPort(env, `LOCAL_HTTP_PORT_${key}`);
      const lambdaPort = optionalPort(env, `LOCAL_LAMBDA_PORT_${key}`);
      return { ...(httpPort !== undefined ? { httpPort } : {}), ...(lambdaPort !== undefined ? { lambdaPort } : {}) };
    },
    stateFile: isAbsolute(stateFile) ? stateFile : join(process.cwd(), stateFile),
    localDir,
    bundlesDir: join(localDir, 'bundles'),
    ...(env.LOCAL_CLOUD_SERVICES ? { services: env.LOCAL_CLOUD_SERVICES.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    debug: env.LOCAL_CLOUD_DEBUG === '1',
    pollers: Math.max(1, Math.floor(Number(env.LOCAL_CLOUD_POLLERS ?? 1)) || 1),
    ...(env.LOCAL_CLOUD_BATCHING_WINDOW ? { batchingWindowOverride: Number(env.LOCAL_CLOUD_BATCHING_WINDOW) } : {}),
  };
};
