import { load } from 'js-yaml';

/**
 * Services in an order that honours serverless-compose.yml `dependsOn` (dependencies first, then by name). Services
 * the compose file does not list come last.
 */
export const deployOrder = (services: string[], composeYaml: string): string[] => {
  const compose = load(composeYaml) as { services?: Record<string, { dependsOn?: string | string[] }> } | undefined;
  const graph = new Map(
    Object.entries(compose?.services ?? {}).map(([name, entry]) => [name, [entry?.dependsOn ?? []].flat()]),
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`serverless-compose.yml: dependsOn cycle through ${name}`);
    visiting.add(name);
    [...(graph.get(name) ?? [])].sort().forEach(visit);
    visiting.delete(name);
    ordered.push(name);
  };
  [...graph.keys()].sort().forEach(visit);
  const wanted = new Set(services);
  return [...ordered.filter((name) => wanted.has(name)), ...services.filter((name) => !graph.has(name)).sort()];
};
