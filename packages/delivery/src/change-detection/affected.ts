import { packageDirOf, type WorkspacePackage } from './workspace';

export interface Affected {
  /** Services to deploy, sorted by name. */
  services: string[];
  /** Why each service is in the list (first reason found). */
  reasons: Record<string, string>;
}

/** Files that never change what is deployed. */
const INERT = [/\.md$/, /^docs\//, /^\.github\/(ISSUE_TEMPLATE|PULL_REQUEST_TEMPLATE)/, /^LICENSE$/, /^\.gitignore$/, /^\.editorconfig$/];

/** Does `dir` contain `file`? */
const contains = (dir: string, file: string): boolean => file.startsWith(`${dir}/`);

/**
 * Which services a set of changed files affects:
 * - a file in a workspace package affects that package and, transitively, every package depending on it;
 * - docs and markdown affect nothing, nor do files of a package that no longer exists (removing a deployed stack
 *   is a deliberate manual step);
 * - any other file (lockfile, root package.json, tsconfig, tooling, workflows, compose) affects every service.
 */
export const affectedServices = (files: string[], workspace: WorkspacePackage[], roots = ['packages', 'services', 'stacks']): Affected => {
  const services = workspace.filter((pkg) => pkg.service !== undefined);
  const reasons: Record<string, string> = {};
  const mark = (service: string, reason: string) => {
    reasons[service] ??= reason;
  };
  const dependents = (name: string, seen = new Set<string>()): WorkspacePackage[] =>
    workspace
      .filter((pkg) => pkg.dependsOn.includes(name) && !seen.has(pkg.name))
      .flatMap((pkg) => {
        seen.add(pkg.name);
        return [pkg, ...dependents(pkg.name, seen)];
      });

  for (const file of files) {
    if (INERT.some((pattern) => pattern.test(file))) continue;
    const owner = workspace.filter((pkg) => contains(pkg.dir, file)).sort((a, b) => b.dir.length - a.dir.length)[0];
    if (owner === undefined && packageDirOf(roots, file) !== undefined) continue; // a removed package
    if (owner === undefined) {
      services.forEach((pkg) => mark(pkg.service as string, `${file} is shared tooling or configuration`));
      continue;
    }
    if (owner.service !== undefined) mark(owner.service, `${file} changed`);
    dependents(owner.name)
      .filter((pkg) => pkg.service !== undefined)
      .forEach((pkg) => mark(pkg.service as string, `depends on ${owner.name} (${file} changed)`));
  }
  return { services: Object.keys(reasons).sort(), reasons };
};
