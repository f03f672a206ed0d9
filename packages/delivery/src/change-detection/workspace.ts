import { load } from 'js-yaml';
import { filesAt, readAt } from './git';

export interface WorkspacePackage {
  name: string;
  /** Directory relative to the repository root, e.g. `services/orders`. */
  dir: string;
  /** Names of the workspace packages it depends on (any dependency field). */
  dependsOn: string[];
  /** A deployable stack: a directory under services/ or stacks/ with a serverless.yml. */
  service?: string;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** `packages/*`-style globs from pnpm-workspace.yaml (one level, the only form this repository uses). */
export const workspaceRoots = (yaml: string): string[] => {
  const parsed = load(yaml) as { packages?: unknown } | undefined;
  const globs = Array.isArray(parsed?.packages) ? parsed.packages.filter((g): g is string => typeof g === 'string') : [];
  return globs.map((glob) => {
    if (!/^[\w.-]+(\/[\w.-]+)*\/\*$/.test(glob)) throw new Error(`unsupported pnpm-workspace glob "${glob}": use "<dir>/*"`);
    return glob.slice(0, -2);
  });
};

/** The directory of the workspace package a path would belong to (`services/orders/src/x.ts` -> `services/orders`). */
export const packageDirOf = (roots: string[], path: string): string | undefined => {
  const root = roots.find((r) => path.startsWith(`${r}/`));
  const name = root === undefined ? undefined : path.slice(root.length + 1).split('/')[0];
  return root === undefined || !name || !path.slice(root.length + 1).includes('/') ? undefined : `${root}/${name}`;
};

/** The workspace packages as they are at `rev` (read from git, not from the working tree). */
export const workspaceAt = (repo: string, rev: string): WorkspacePackage[] => {
  const roots = workspaceRoots(readAt(repo, rev, 'pnpm-workspace.yaml'));
  const files = filesAt(repo, rev, ['.']);
  const manifests = files
    .filter((file) => file.endsWith('/package.json'))
    .filter((file) => packageDirOf(roots, file) === file.slice(0, -'/package.json'.length))
    .map((file) => file.slice(0, -'/package.json'.length));
  const parsed = manifests.map((dir) => ({ dir, manifest: JSON.parse(readAt(repo, rev, `${dir}/package.json`)) as Record<string, unknown> }));
  const names = new Set(parsed.map(({ manifest }) => manifest.name).filter((name): name is string => typeof name === 'string'));
  return parsed.map(({ dir, manifest }) => {
    const dependsOn = DEPENDENCY_FIELDS.flatMap((field) => Object.keys((manifest[field] as Record<string, string> | undefined) ?? {}))
      .filter((dep) => names.has(dep));
    const group = ['services/', 'stacks/'].find((prefix) => dir.startsWith(prefix));
    const isService = group !== undefined && files.includes(`${dir}/serverless.yml`);
    return {
      name: typeof manifest.name === 'string' ? manifest.name : dir,
      dir,
      dependsOn: [...new Set(dependsOn)].sort(),
      ...(isService ? { service: dir.slice(group.length) } : {}),
    };
  });
};
