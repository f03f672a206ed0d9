import { execFileSync } from 'node:child_process';
import { RUNTIME_SDK_PATH } from '../lambda/local-lambda';

/**
 * Module initialisation of a handler file, as a cold start pays it: a fresh Node process (this one's binary: the
 * repo pins the Lambda runtime's major) requires it once and reports how long that took, `runs` times. The AWS SDK
 * comes from NODE_PATH, as the Lambda runtime provides it (ADR 0019). AWS_EXECUTION_ENV is set as Lambda sets it, so
 * what decides on it at init does as deployed (Powertools Tracer: with the template's active tracing, X-Ray loads).
 */
export interface InitOptions {
  env: Record<string, string>;
  nodeOptions?: string;
  runs: number;
}

const PROBE =
  'const started = process.hrtime.bigint(); require(process.argv[1]); process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));';

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const initTimesMs = (file: string, options: InitOptions): number[] =>
  Array.from({ length: options.runs }, () => {
    const output = execFileSync(process.execPath, ['-e', PROBE, file], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'bundle-report',
        AWS_SECRET_ACCESS_KEY: 'bundle-report',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        NODE_PATH: RUNTIME_SDK_PATH,
        ...options.env,
        NODE_OPTIONS: options.nodeOptions ?? '',
      },
      encoding: 'utf8',
    });
    return Number(output);
  });
