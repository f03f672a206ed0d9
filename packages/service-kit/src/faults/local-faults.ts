import { createHash } from 'node:crypto';

/**
 * Fault injection for the local soak (ADR 0018): opt-in, local only. The local cloud passes the `LOCAL_FAULT_*`
 * variables of `pnpm dev`'s own environment to its function instances and its event-source runner; no template
 * declares them (policy rule `no-local-faults`), and a function whose STAGE is not `local` ignores them anyway.
 */
export interface LocalFaultPlan {
  /** Share (0..1) of first deliveries after which the consumer's process dies (a crash mid-batch). */
  consumerCrashRate: number;
  /** Share (0..1) of records the event-source runner delivers a second time (SQS' at-least-once delivery). */
  duplicateDeliveryRate: number;
  /** Seed of every decision: one seed, one run, the same faults. */
  seed: number;
}

const rate = (env: NodeJS.ProcessEnv, name: string): number => {
  const value = Number(env[name] ?? 0);
  if (!(value >= 0 && value <= 1)) throw new Error(`${name}=${env[name]} must be a share within 0..1`);
  return value;
};

/** The plan of `LOCAL_FAULT_CONSUMER_CRASH_RATE`, `LOCAL_FAULT_DUPLICATE_DELIVERY_RATE`, `LOCAL_FAULT_SEED`. */
export const faultPlanFrom = (env: NodeJS.ProcessEnv): LocalFaultPlan | undefined => {
  const plan = {
    consumerCrashRate: rate(env, 'LOCAL_FAULT_CONSUMER_CRASH_RATE'),
    duplicateDeliveryRate: rate(env, 'LOCAL_FAULT_DUPLICATE_DELIVERY_RATE'),
    seed: Number(env.LOCAL_FAULT_SEED ?? 1) || 1,
  };
  return plan.consumerCrashRate > 0 || plan.duplicateDeliveryRate > 0 ? plan : undefined;
};

/** The plan a function instance runs with: none unless its STAGE is `local` (a deployed function never injects). */
export const functionFaultPlan = (env: NodeJS.ProcessEnv = process.env): LocalFaultPlan | undefined =>
  env.STAGE === 'local' ? faultPlanFrom(env) : undefined;

/** A deterministic draw in [0, 1) for one decision (`kind` + what it is about), so a seed replays the same faults. */
export const faultDraw = (seed: number, kind: string, subject: string): number =>
  createHash('sha256').update(`${seed}:${kind}:${subject}`).digest().readUInt32BE(0) / 2 ** 32;

/** The line every injected fault logs, which the soak counts: `[fault-injected] <kind> <detail>`. */
export const faultLine = (kind: string, detail: string): string => `[fault-injected] ${kind} ${detail}`;
