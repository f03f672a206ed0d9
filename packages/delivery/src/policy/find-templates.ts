import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATE_FILE } from '../packaging';

/** Packaged templates under the given files or directories (searched recursively, skipping node_modules). */
export const findTemplates = (paths: string[]): string[] =>
  paths.flatMap((path) => {
    if (!existsSync(path)) return [];
    if (statSync(path).isFile()) return [path];
    return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name === 'node_modules') return [];
      const child = join(path, entry.name);
      if (entry.isDirectory()) return findTemplates([child]);
      return entry.name === TEMPLATE_FILE ? [child] : [];
    });
  }).sort();
