/**
 * `pnpm changed-services --base <sha> [--head <sha>] [--merge-base] [--all]`
 * Prints the services to deploy as a JSON array in deploy order (serverless-compose.yml dependsOn), and why on
 * stderr. In GitHub Actions (GITHUB_OUTPUT set) also writes the `services` (JSON) and `count` step outputs.
 */
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { servicesToDeploy } from '../src/change-detection/index';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    base: { type: 'string' },
    head: { type: 'string', default: 'HEAD' },
    'merge-base': { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
  },
});

const repo = resolve(import.meta.dirname, '..', '..', '..');
const result = servicesToDeploy({
  repo,
  base: values.all ? undefined : values.base || undefined,
  head: values.head,
  mergeBase: values['merge-base'],
});

for (const service of result.services) console.error(`${service}: ${result.reasons[service]}`);
if (result.services.length === 0) console.error('no service to deploy');
const json = JSON.stringify(result.services);
console.log(json);
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `services=${json}\ncount=${result.services.length}\n`);
