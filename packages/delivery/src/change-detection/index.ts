import { affectedServices, type Affected } from './affected';
import { changedFiles, commitExists, isAncestor, readAt, resolveCommit } from './git';
import type { DeployRecords } from './deploy-records';
import { deployOrder } from './deploy-order';
import { workspaceAt, workspaceRoots, type WorkspacePackage } from './workspace';

export { affectedServices, type Affected } from './affected';
export { deployOrder } from './deploy-order';
export { workspaceAt, type WorkspacePackage } from './workspace';
export { deployRecordName, deployRecordPath, parseDeployRecords, type DeployRecords } from './deploy-records';

/** Names that are safe to hand to a shell or a path, whatever a branch contains. */
const SERVICE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface ChangeQuery {
  repo: string;
  /** Base commit; a missing or all-zero base means "everything changed". */
  base: string | undefined;
  head: string;
  /** Compare with the merge base of base and head (pull requests) instead of base itself (pushes). */
  mergeBase?: boolean;
}

const servicesOf = (workspace: WorkspacePackage[]): string[] => {
  const all = workspace.flatMap((pkg) => (pkg.service ? [pkg.service] : []));
  const bad = all.filter((service) => !SERVICE_NAME.test(service));
  if (bad.length > 0) throw new Error(`invalid service directory name(s): ${bad.join(', ')}`);
  return all;
};

const composeAt = (repo: string, head: string): string => {
  try {
    return readAt(repo, head, 'serverless-compose.yml');
  } catch {
    return ''; // no compose file: name order
  }
};

/** The services to deploy for base..head, in compose deploy order. */
export const servicesToDeploy = ({ repo, base, head, mergeBase = false }: ChangeQuery): Affected => {
  const workspace = workspaceAt(repo, head);
  const all = servicesOf(workspace);

  const affected =
    base !== undefined && commitExists(repo, base)
      ? affectedServices(changedFiles(repo, base, head, mergeBase), workspace, workspaceRoots(readAt(repo, head, 'pnpm-workspace.yaml')))
      : { services: all, reasons: Object.fromEntries(all.map((s) => [s, `no usable base commit (${base ?? 'none'})`])) };
  return { services: deployOrder(affected.services, composeAt(repo, head)), reasons: affected.reasons };
};

export interface DeployedQuery {
  repo: string;
  head: string;
  /** What the stage runs: service -> the commit it last deployed successfully (parseDeployRecords). */
  deployed: DeployRecords;
  /** Every service, changed or not (a manual redeploy) — but never one already running a newer commit. */
  all?: boolean;
  /** Only these services (a deploy job re-checking its own service just before it deploys). */
  only?: string[];
}

export interface Plan extends Affected {
  /** Services left out because the stage already runs a newer commit than head (a later run got there first). */
  superseded: string[];
}

/**
 * The services a stage needs to reach `head`, each diffed against the commit the stage last deployed for it
 * (ADR 0016), in compose deploy order:
 * - no record (first deploy to the stage) or a recorded commit this history lacks (force-push): deploy;
 * - recorded commit == head, or head is an ancestor of it (an older run queued behind a newer one): skip;
 * - otherwise: deploy when the files changed between the recorded commit and head affect the service.
 */
export const servicesBehind = ({ repo, head, deployed, all = false, only }: DeployedQuery): Plan => {
  const headCommit = resolveCommit(repo, head);
  const workspace = workspaceAt(repo, headCommit);
  const roots = workspaceRoots(readAt(repo, headCommit, 'pnpm-workspace.yaml'));
  const services = servicesOf(workspace).filter((service) => only === undefined || only.includes(service));
  const reasons: Record<string, string> = {};
  const superseded: string[] = [];
  const affectedSince = new Map<string, Affected>();
  for (const service of services) {
    const recorded = deployed[service];
    if (recorded === undefined) {
      reasons[service] = 'first deploy to this stage (no deployment record)';
    } else if (!commitExists(repo, recorded)) {
      reasons[service] = `the recorded commit ${recorded} is not in this history (force-push?): deploying in full`;
    } else if (recorded === headCommit || isAncestor(repo, headCommit, recorded)) {
      if (recorded !== headCommit) superseded.push(service);
      if (all && recorded === headCommit) reasons[service] = `redeploy requested (already at ${headCommit})`;
    } else if (all) {
      reasons[service] = 'redeploy of every service requested';
    } else {
      if (!affectedSince.has(recorded)) affectedSince.set(recorded, affectedServices(changedFiles(repo, recorded, headCommit), workspace, roots));
      const reason = affectedSince.get(recorded)!.reasons[service];
      if (reason !== undefined) reasons[service] = `${reason} since ${recorded.slice(0, 12)}, the deployed commit`;
    }
  }
  return { services: deployOrder(Object.keys(reasons), composeAt(repo, headCommit)), reasons, superseded: superseded.sort() };
};
