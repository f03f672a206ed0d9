import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/**
 * The stage a packaged template was built for: `service.provider.stage` of the `serverless-state.json` beside it
 * (every `serverless package` writes one). Undefined when there is none: the rules then apply staging/prod's demands.
 */
export const stageOfTemplate = (templatePath: string): string | undefined => {
  const state = join(dirname(templatePath), 'serverless-state.json');
  if (!existsSync(state)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(state, 'utf8')) as { service?: { provider?: { stage?: unknown } } };
    const stage = parsed.service?.provider?.stage;
    return typeof stage === 'string' ? stage : undefined;
  } catch {
    return undefined;
  }
};
