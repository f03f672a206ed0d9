/**
 * `pnpm changed-services` prints the services to deploy as a JSON array in deploy order (serverless-compose.yml
 * dependsOn), and why on stderr. In GitHub Actions (GITHUB_OUTPUT set) it also writes the `services` (JSON) and
 * `count` step outputs.
 *
 * Against what a stage runs (pushes, tags, manual deploys; ADR 0016):
 *   --stage <stage> --deployed <file> [--head <sha>] [--all] [--service <name>]
 *   <file> = `aws ssm get-parameters-by-path --path /commerce/<stage>/deployed --output json` (or {"svc": "sha"}).
 * Against a base commit (pull requests):
 *   --base <sha> [--head <sha>] [--merge-base] [--all]
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDeployRecords, servicesBehind, servicesToDeploy } from '../src/change-detection/index';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    base: { type: 'string' },
    head: { type: 'string', default: 'HEAD' },
    'merge-base': { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
    stage: { type: 'string' },
    deployed: { type: 'string' },
    service: { type: 'string', multiple: true },
  },
});

const repo = resolve(import.meta.dirname, '..', '..', '..');
const cwd = process.env.INIT_CWD ?? process.cwd();
let result;
if (values.deployed !== undefined || values.stage !== undefined) {
  if (values.deployed === undefined || values.stage === undefined) throw new Error('--deployed and --stage go together');
  const deployed = parseDeployRecords(readFileSync(resolve(cwd, values.deployed), 'utf8'), values.stage);
  result = servicesBehind({ repo, head: values.head, deployed, all: values.all, only: values.service });
  for (const service of result.superseded) console.error(`${service}: skipped, ${values.stage} already runs a newer commit (${deployed[service]})`);
} else {
  result = servicesToDeploy({ repo, base: values.all ? undefined : values.base || undefined, head: values.head, mergeBase: values['merge-base'] });
}

for (const service of result.services) console.error(`${service}: ${result.reasons[service]}`);
if (result.services.length === 0) console.error('no service to deploy');
const json = JSON.stringify(result.services);
console.log(json);
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `services=${json}\ncount=${result.services.length}\n`);
