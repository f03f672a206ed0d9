import { affectedServices, type Affected } from './affected';
import { changedFiles, commitExists, readAt } from './git';
import { deployOrder } from './deploy-order';
import { workspaceAt, workspaceRoots } from './workspace';

export { affectedServices, type Affected } from './affected';
export { deployOrder } from './deploy-order';
export { workspaceAt, type WorkspacePackage } from './workspace';

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

/** The services to deploy for base..head, in compose deploy order. */
export const servicesToDeploy = ({ repo, base, head, mergeBase = false }: ChangeQuery): Affected => {
  const workspace = workspaceAt(repo, head);
  const all = workspace.flatMap((pkg) => (pkg.service ? [pkg.service] : []));
  const bad = all.filter((service) => !SERVICE_NAME.test(service));
  if (bad.length > 0) throw new Error(`invalid service directory name(s): ${bad.join(', ')}`);

  const affected =
    base !== undefined && commitExists(repo, base)
      ? affectedServices(changedFiles(repo, base, head, mergeBase), workspace, workspaceRoots(readAt(repo, head, 'pnpm-workspace.yaml')))
      : { services: all, reasons: Object.fromEntries(all.map((s) => [s, `no usable base commit (${base ?? 'none'})`])) };
  let compose = '';
  try {
    compose = readAt(repo, head, 'serverless-compose.yml');
  } catch {
    // no compose file: name order
  }
  return { services: deployOrder(affected.services, compose), reasons: affected.reasons };
};
