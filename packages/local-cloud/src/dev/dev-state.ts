import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Endpoints } from '../local-defaults';

/** What a running `pnpm dev` publishes for the tools (token, dlq, send-event) and tests. */
export interface DevState {
  pid: number;
  stage: string;
  endpoints: Endpoints;
  issuer: string;
  audience: string;
  services: Record<string, { url: string; lambdaEndpoint: string }>;
  /** Queue name -> URL of every provisioned queue. */
  queues: Record<string, string>;
  startedAt: string;
  readyAt: string;
}

export const writeDevState = (path: string, state: DevState): void => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(state, null, 2)}\n`);
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The state of the running `pnpm dev`, if one is running (a stale file of a dead process is ignored). */
export const readDevState = (path: string): DevState | undefined => {
  if (!existsSync(path)) return undefined;
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as DevState;
    return alive(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
};

export const removeDevState = (path: string, pid = process.pid): void => {
  if (!existsSync(path)) return;
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as DevState;
    if (state.pid === pid) rmSync(path);
  } catch {
    rmSync(path, { force: true });
  }
};
