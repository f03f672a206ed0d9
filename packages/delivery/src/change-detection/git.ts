import { execFileSync } from 'node:child_process';

export const git = (repo: string, args: string[]): string =>
  execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });

export const commitExists = (repo: string, rev: string): boolean => {
  if (/^0+$/.test(rev)) return false; // GitHub's "before" of a newly pushed branch
  try {
    git(repo, ['cat-file', '-e', `${rev}^{commit}`]);
    return true;
  } catch {
    return false;
  }
};

/** Files that differ between two commits (`mergeBase`: since the commit where head forked from base, like a PR). */
export const changedFiles = (repo: string, base: string, head: string, mergeBase = false): string[] =>
  git(repo, ['diff', '--name-only', '--no-renames', mergeBase ? `${base}...${head}` : base, ...(mergeBase ? [] : [head])])
    .split('\n')
    .filter(Boolean);

export const filesAt = (repo: string, rev: string, paths: string[]): string[] =>
  git(repo, ['ls-tree', '-r', '--name-only', rev, '--', ...paths]).split('\n').filter(Boolean);

export const readAt = (repo: string, rev: string, path: string): string => git(repo, ['show', `${rev}:${path}`]);

/** Is `ancestor` reachable from `descendant` (equal counts)? */
export const isAncestor = (repo: string, ancestor: string, descendant: string): boolean => {
  try {
    git(repo, ['merge-base', '--is-ancestor', ancestor, descendant]);
    return true;
  } catch {
    return false;
  }
};

/** The full commit id of a revision. */
export const resolveCommit = (repo: string, rev: string): string => git(repo, ['rev-parse', '--verify', `${rev}^{commit}`]).trim();
