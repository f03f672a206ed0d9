#!/usr/bin/env node
// Package every service (or --service ...) for a stage (or --stage ..., default $STAGE or dev), offline, into
// .build/package/<stage>/<service>/ (or --out). CI checks those templates with `pnpm policy` and deploys exactly
// them with `serverless deploy --package <dir>`. Needs Node >= 22.18 (type stripping): `pnpm run` provides Node 24.
import { parseArgs } from 'node:util';
import { resolve, relative } from 'node:path';
import { discoverServices, packageAll } from '../packages/delivery/src/packaging.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    stage: { type: 'string', multiple: true },
    service: { type: 'string', multiple: true },
    out: { type: 'string', default: '.build/package' },
    concurrency: { type: 'string', default: '2' },
  },
});
const split = (list) => (list ?? []).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);

const known = discoverServices(root);
const services = split(values.service).length > 0 ? split(values.service) : known;
const unknown = services.filter((service) => !known.includes(service));
if (unknown.length > 0) {
  console.error(`unknown service(s): ${unknown.join(', ')} (services: ${known.join(', ')})`);
  process.exit(2);
}
const stages = split(values.stage).length > 0 ? split(values.stage) : [process.env.STAGE || 'dev'];
const outDir = resolve(root, values.out);

console.log(`packaging ${services.join(', ')} for ${stages.join(', ')} into ${relative(root, outDir)}/`);
try {
  await packageAll({
    root,
    services,
    stages,
    outDir,
    concurrency: Number(values.concurrency),
    onPackaged: ({ service, stage, template }, seconds) =>
      console.log(`  ${service} ${stage}: ${relative(root, template)} (${seconds.toFixed(1)} s)`),
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
