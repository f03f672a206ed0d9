/**
 * Bundle and cold-start report (a benchmark, not a test; ADR 0019): `pnpm bundle-report [--stage prod] [--runs 10]
 * [--package-dir .build/package] [--service orders] [--compare]`. Packages every service for the stage (or reads a `pnpm package:all`
 * output with --package-dir) and prints per function: zip, unzipped size, source maps in it, module initialisation
 * (median of --runs fresh Node processes) and its floor (only the SDK clients its role lets it call, bundled the
 * same way), with the budgets: zip <= 150 KiB, init <= 1.5 x floor.
 * --compare also bundles each handler as deployed, with linked source maps run under --enable-source-maps, and with
 * the AWS SDK bundled instead of taken from the runtime, and prints their sizes and init medians side by side.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { packagedFunctions, type PackagedFunction } from '@commerce/delivery/bundles';
import { discoverServices, packageAll, packageDirOf, serviceDirOf, TEMPLATE_FILE } from '@commerce/delivery/packaging';
import { entryOf, esbuildOptionsOf, readServiceDefinition, type ServiceDefinition } from '../src/dev/dev-bundles';
import { repoRoot } from '../src/node-runtime';
import { figuresOf, formatFigures, type FunctionFigures } from '../src/tools/bundle-report';
import { parseArgs, stringOption } from '../src/tools/cli-args';
import { initTimesMs, median } from '../src/tools/init-time';

const RESOURCE_ONLY = new Set(['identity', 'operations']);

const compare = async (fn: PackagedFunction, definition: ServiceDefinition, serviceDir: string, dir: string, runs: number) => {
  const entry = entryOf(serviceDir, fn.name, fn.handler);
  const deployed = esbuildOptionsOf(definition);
  const variants = {
    deployed: { options: deployed, nodeOptions: '' },
    'source maps': { options: { ...deployed, sourcemap: 'linked' as const }, nodeOptions: '--enable-source-maps' },
    'SDK bundled': { options: { ...deployed, external: (deployed.external ?? []).filter((name) => !name.startsWith('@aws-sdk')) }, nodeOptions: '' },
  };
  const { NODE_OPTIONS: _ignored, ...env } = fn.environment;
  const figures: Record<string, string> = {};
  for (const [name, variant] of Object.entries(variants)) {
    const outfile = join(dir, name.replace(/\W/g, '-'), 'handler.js');
    await esbuild.build({ ...variant.options, entryPoints: [join(serviceDir, entry)], absWorkingDir: serviceDir, outfile, logLevel: 'error' });
    const bytes = statSync(outfile).size;
    const init = median(initTimesMs(outfile, { env, runs, nodeOptions: variant.nodeOptions }));
    figures[name] = `${(bytes / 1024).toFixed(0)} KiB, ${init.toFixed(0)} ms`;
  }
  return figures;
};

const main = async (): Promise<void> => {
  const args = parseArgs(process.argv.slice(2));
  const root = repoRoot();
  const stage = stringOption(args, 'stage') ?? 'prod';
  const runs = Number(stringOption(args, 'runs') ?? 10);
  const reuse = stringOption(args, 'package-dir');
  const only = stringOption(args, 'service');
  const services = discoverServices(root).filter((service) => !RESOURCE_ONLY.has(service) && (only === undefined || service === only));
  const workDir = mkdtempSync(join(tmpdir(), 'bundle-report-'));
  try {
    const outDir = reuse ? resolve(root, reuse) : join(workDir, 'package');
    if (!reuse) {
      console.error(`packaging ${services.join(', ')} for ${stage} ...`);
      await packageAll({ root, services, stages: [stage], outDir });
    }
    const rows: FunctionFigures[] = [];
    const comparisons: Record<string, Record<string, string>> = {};
    for (const service of services) {
      const packageDir = packageDirOf(outDir, stage, service);
      const template = JSON.parse(readFileSync(join(packageDir, TEMPLATE_FILE), 'utf8'));
      const definition = readServiceDefinition(join(packageDir, TEMPLATE_FILE));
      const serviceDir = join(root, serviceDirOf(root, service));
      for (const fn of packagedFunctions(template, packageDir)) {
        console.error(`measuring ${service}/${fn.name} ...`);
        rows.push(await figuresOf(service, fn, definition, serviceDir, workDir, runs));
        if (args.options.compare === true) comparisons[`${service}/${fn.name}`] = await compare(fn, definition, serviceDir, join(workDir, 'compare', service, fn.name), runs);
      }
    }
    console.log(`stage ${stage}, node ${process.version}, median of ${runs} runs per figure, ${new Date().toISOString()}\n`);
    console.log(formatFigures(rows));
    if (args.options.compare === true) {
      console.log('\nbundle size and init (median) per variant:');
      for (const [name, figures] of Object.entries(comparisons)) {
        console.log(`  ${name}: ${Object.entries(figures).map(([variant, figure]) => `${variant} ${figure}`).join(' | ')}`);
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
