import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file';

/**
 * What a set of bundles was built from: a key for the build's settings (options, entry points, esbuild version) and
 * the size and modification time of every input file, plus a content hash of the workspace's own (not
 * node_modules), so a file touched without a change (a branch switched and back) does not cost a build. When the key
 * matches and no input changed, the bundles on disk are current and `pnpm dev` starts without building them again
 * (docs/performance.md).
 */
export interface BundleManifest {
  key: string;
  /**
   * Absolute input path → [mtimeMs, size] or [mtimeMs, size, sha256 of the content]; mtimeMs 0 marks an input that
   * changed during the build (never fresh).
   */
  inputs: Record<string, [number, number] | [number, number, string]>;
  /** Output paths, absolute. */
  outputs: string[];
}

const FILE = '.local-cloud-bundles.json';

export const buildKey = (settings: unknown): string => createHash('sha256').update(JSON.stringify(settings)).digest('hex');

const contentHash = (path: string): string | undefined => {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
};

/** A file of the workspace itself, not of a dependency under node_modules. */
export const inWorkspace = (path: string): boolean => !path.split('/').includes('node_modules');

const fingerprintOf = (path: string): [number, number] | undefined => {
  try {
    const stats = statSync(path);
    return [stats.mtimeMs, stats.size];
  } catch {
    return undefined;
  }
};

/** The inputs of the bundles in `dir` when they are current for `key`; undefined when they must be built. */
export const currentInputs = (dir: string, key: string): string[] | undefined => {
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, FILE), 'utf8')) as BundleManifest;
  } catch {
    return undefined;
  }
  if (manifest.key !== key || manifest.outputs.length === 0 || !manifest.outputs.every((output) => existsSync(output))) return undefined;
  const fresh = Object.entries(manifest.inputs).every(([path, [mtimeMs, size, hash]]) => {
    const now = fingerprintOf(path);
    if (mtimeMs === 0 || now === undefined || now[1] !== size) return false;
    return now[0] === mtimeMs || (hash !== undefined && contentHash(path) === hash);
  });
  return fresh ? Object.keys(manifest.inputs) : undefined;
};

/** Records a successful build; an input modified after `buildStartedAt` is recorded as changed. */
export const recordBuild = (dir: string, key: string, inputs: string[], outputs: string[], buildStartedAt: number): void => {
  const manifest: BundleManifest = {
    key,
    inputs: Object.fromEntries(
      inputs.map((path) => {
        const fingerprint = fingerprintOf(path);
        if (!fingerprint || fingerprint[0] >= buildStartedAt) return [path, [0, 0]];
        const hash = inWorkspace(path) ? contentHash(path) : undefined;
        return [path, hash ? [...fingerprint, hash] : fingerprint];
      }),
    ),
    outputs,
  };
  writeFileAtomically(join(dir, FILE), JSON.stringify(manifest));
};
