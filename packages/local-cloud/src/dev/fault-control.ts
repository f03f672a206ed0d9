import { createServer } from 'node:http';
import type { EmulatorHost } from '../emulators/emulator-host';
import { listen } from '../lambda/http-server';
import type { LocalLambda } from '../lambda/local-lambda';
import type { ServiceHost } from './function-host';

/**
 * Fault injection of the local soak (ADR 0018), opt-in and local only: `pnpm dev` is always stage `local`, and
 * nothing here runs unless the variables below are set in its environment.
 *
 * - `LOCAL_FAULT_*` (consumer crashes, duplicate deliveries, seed; packages/service-kit/src/faults) and
 *   `LOCAL_PAYMENT_BANK_URL` / `LOCAL_PAYMENT_BANK_TIMEOUT_MS` (payments charges through the soak's bank),
 *   `LOCAL_PAYMENT_LEASE_MS` / `LOCAL_NOTIFICATION_LEASE_MS` (leases scaled to the soak's visibility timeout) are passed
 *   to every function instance, beside the emulator endpoints: no template declares them.
 * - `LOCAL_FAULT_CONTROL_PORT` starts the control endpoint: `POST /restart/<service>` restarts that service's
 *   functions; `GET /ledger` answers, per queue, how many messages were sent, consumed (deleted) and dead-lettered,
 *   as the emulator's own message spy saw them; `GET /invocations` answers the invocations of every function since
 *   the start (restarts included): the measured invocations per order of the cost model.
 */
export const faultEnvironment = (env: NodeJS.ProcessEnv): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => /^(LOCAL_FAULT_|LOCAL_PAYMENT_|LOCAL_NOTIFICATION_)/.test(entry[0]) && entry[1] !== undefined),
  );

export type QueueLedger = Record<string, { published: number; consumed: number; dlq: number }>;

export interface FaultControl {
  url: string;
  stop(): Promise<void>;
}

export const startFaultControl = async (
  env: NodeJS.ProcessEnv,
  emulators: EmulatorHost,
  lambda: LocalLambda,
  hosts: () => ServiceHost[],
): Promise<FaultControl | undefined> => {
  if (!env.LOCAL_FAULT_CONTROL_PORT) return undefined;
  const ledger: QueueLedger = {};
  /** Invocations of the pools a restart replaced. */
  const retired: Record<string, number> = {};
  const invocations = (): Record<string, number> =>
    Object.fromEntries(
      hosts().flatMap((host) => host.functions.map((fn) => [fn.name, (retired[fn.name] ?? 0) + (lambda.pool(fn.name)?.stats.invocations ?? 0)])),
    );
  const unsubscribe = emulators.onSqsMessage(({ queueName, status }) => {
    const entry = (ledger[queueName] ??= { published: 0, consumed: 0, dlq: 0 });
    entry[status] += 1;
  });
  const server = createServer((request, response) => {
    const restart = /^\/restart\/([\w-]+)$/.exec(request.url ?? '');
    if (request.method === 'GET' && (request.url === '/ledger' || request.url === '/invocations')) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(request.url === '/ledger' ? ledger : invocations()));
      return;
    }
    const host = restart ? hosts().find((candidate) => candidate.service === restart[1]) : undefined;
    if (request.method !== 'POST' || !host) {
      response.writeHead(404).end();
      return;
    }
    Object.assign(retired, Object.fromEntries(host.functions.map((fn) => [fn.name, invocations()[fn.name] ?? 0])));
    host.restartFunctions().then(
      () => response.writeHead(204).end(),
      (error: unknown) => response.writeHead(500).end((error as Error).message),
    );
  });
  const listening = await listen(server, Number(env.LOCAL_FAULT_CONTROL_PORT));
  return {
    url: listening.url,
    stop: async () => {
      unsubscribe();
      await listening.close();
    },
  };
};
