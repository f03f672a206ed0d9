/**
 * The bundle and cold-start figures of packaged functions (ADR 0019): per function its zip, what it unzips to, its
 * module initialisation, and its floor: a handler bundled the same way that only imports and constructs the AWS
 * SDK clients its role lets it call.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import * as esbuild from 'esbuild';
import { clientsOf, ZipArchive, type PackagedFunction, type SdkClient } from '@commerce/delivery/bundles';
import { esbuildOptionsOf, type ServiceDefinition } from '../dev/dev-bundles';
import { initTimesMs, median } from './init-time';

export const ZIP_BUDGET_BYTES = 150 * 1024;
export const INIT_BUDGET_RATIO = 1.5;

export interface FunctionFigures {
  service: string;
  name: string;
  zipBytes: number;
  unzippedBytes: number;
  sourceMapBytes: number;
  initMs: number;
  floorClients: string[];
  floorInitMs: number;
}

/** Unpacks a function's zip into `dir` and returns the path of its handler file. */
export const unpack = (fn: PackagedFunction, dir: string): string => {
  const archive = ZipArchive.read(fn.zip);
  for (const entry of archive.entries.filter((candidate) => !candidate.name.endsWith('/'))) {
    mkdirSync(dirname(join(dir, entry.name)), { recursive: true });
    writeFileSync(join(dir, entry.name), archive.contentOf(entry));
  }
  return join(dir, `${fn.handler.slice(0, fn.handler.lastIndexOf('.'))}.js`);
};

const floorSource = (clients: SdkClient[]): string =>
  [
    ...clients.map((client, index) => `import { ${client.className} as Client${index} } from '${client.pkg}';`),
    `const clients = [${clients.map((_, index) => `new Client${index}({})`).join(', ')}];`,
    'export const handler = async () => ({ statusCode: 200, body: String(clients.length) });',
  ].join('\n');

/** Bundles `source` with the service's esbuild options (overridable) into `outfile`. */
export const bundle = async (source: string, serviceDir: string, options: BuildOptions, outfile: string): Promise<void> => {
  await esbuild.build({
    ...options,
    stdin: { contents: source, resolveDir: serviceDir, sourcefile: 'floor.ts', loader: 'ts' },
    absWorkingDir: serviceDir,
    outfile,
    logLevel: 'error',
  });
};

export const floorOf = async (
  clients: SdkClient[],
  definition: ServiceDefinition,
  serviceDir: string,
  dir: string,
): Promise<string> => {
  const outfile = join(dir, `floor-${clients.map((client) => client.className).join('-') || 'none'}.js`);
  await bundle(floorSource(clients), serviceDir, esbuildOptionsOf(definition), outfile);
  return outfile;
};

export const figuresOf = async (
  service: string,
  fn: PackagedFunction,
  definition: ServiceDefinition,
  serviceDir: string,
  workDir: string,
  runs: number,
): Promise<FunctionFigures> => {
  const archive = ZipArchive.read(fn.zip);
  const handlerFile = unpack(fn, join(workDir, service, fn.name));
  const clients = clientsOf(fn);
  const floor = await floorOf(clients, definition, serviceDir, join(workDir, service, fn.name));
  const env = fn.environment;
  const { NODE_OPTIONS: nodeOptions, ...rest } = env;
  return {
    service,
    name: fn.name,
    zipBytes: archive.bytesLength,
    unzippedBytes: archive.unzippedSize,
    sourceMapBytes: archive.entries.filter((entry) => entry.name.endsWith('.map')).reduce((sum, entry) => sum + entry.size, 0),
    initMs: median(initTimesMs(handlerFile, { env: rest, runs, ...(nodeOptions ? { nodeOptions } : {}) })),
    floorClients: clients.map((client) => client.className),
    floorInitMs: median(initTimesMs(floor, { env: rest, runs, ...(nodeOptions ? { nodeOptions } : {}) })),
  };
};

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

export const formatFigures = (rows: FunctionFigures[]): string => {
  const header = ['function', 'zip', 'unzipped', 'maps', 'init (median)', 'floor clients', 'floor init', 'ratio', 'budgets'];
  const lines = rows.map((row) => {
    const ratio = row.floorInitMs > 0 ? row.initMs / row.floorInitMs : Number.NaN;
    const over = [
      ...(row.zipBytes > ZIP_BUDGET_BYTES ? [`zip > ${kib(ZIP_BUDGET_BYTES)}`] : []),
      ...(ratio > INIT_BUDGET_RATIO ? [`init > ${INIT_BUDGET_RATIO} x floor`] : []),
    ];
    return [
      `${row.service}/${row.name}`,
      kib(row.zipBytes),
      kib(row.unzippedBytes),
      kib(row.sourceMapBytes),
      `${row.initMs.toFixed(0)} ms`,
      row.floorClients.join(', ') || '(none)',
      `${row.floorInitMs.toFixed(0)} ms`,
      ratio.toFixed(2),
      over.length > 0 ? over.join('; ') : 'met',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const row = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [row(header), row(widths.map((width) => '-'.repeat(width))), ...lines.map(row)].join('\n');
};
