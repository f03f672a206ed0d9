import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative } from 'node:path';
import type * as Esbuild from 'esbuild';
import type { BuildContext, BuildOptions, OutputFile, Plugin } from 'esbuild';

/** The parts of a service's resolved configuration (`serverless-state.json` of its package) the bundles need. */
export interface ServiceDefinition {
  provider: { runtime?: string };
  custom?: { esbuild?: Record<string, unknown> };
  functions?: Record<string, { handler?: string; esbuildEntrypoint?: string; skipEsbuild?: boolean; runtime?: string }>;
}

export interface DevBundles {
  entries: string[];
  /** Milliseconds the first build took. */
  builtInMs: number;
  stop(): Promise<void>;
}

export interface DevBundlesOptions {
  service: string;
  serviceDir: string;
  definition: ServiceDefinition;
  /** Where `<handler path>.js` of every function is written: serverless-offline's handler location. */
  outDir: string;
  /** Rebuild results after the first build (file saved → rebuilt, or the build error). */
  onRebuild(level: 'info' | 'error', message: string): void;
}

/** serverless-esbuild's own option names, which are not esbuild's (serverless-esbuild strips the same list). */
const PLUGIN_OPTIONS = [
  'concurrency',
  'zipConcurrency',
  'exclude',
  'nativeZip',
  'packager',
  'packagePath',
  'watch',
  'keepOutputDirectory',
  'packagerOptions',
  'installExtraArgs',
  'outputFileExtension',
  'outputBuildFolder',
  'outputWorkFolder',
  'nodeExternals',
  'skipBuild',
  'skipRebuild',
  'skipBuildExcludeFns',
  'stripEntryResolveExtensions',
  'disposeContext',
  'resolveExtensions',
] as const;

/** serverless-esbuild's handler-to-entry rule: `src/x.handler` → the first of src/x{.ts,.js,.jsx,.tsx} (or src/x/index.*). */
const DEFAULT_EXTENSIONS = ['.ts', '.js', '.jsx', '.tsx'];

export const entryOf = (serviceDir: string, functionName: string, handler: string, extensions = DEFAULT_EXTENSIONS): string => {
  const file = handler.slice(0, handler.lastIndexOf(extname(handler)));
  for (const extension of extensions) {
    for (const candidate of [file + extension, join(file, 'index') + extension]) {
      if (existsSync(join(serviceDir, candidate))) return relative(serviceDir, join(serviceDir, candidate));
    }
  }
  throw new Error(`function ${functionName}: no handler file for ${handler} (looked for ${file}{${extensions.join(',')}})`);
};

/**
 * The esbuild options serverless-esbuild would use for this service: its defaults (bundle, platform node, the
 * runtime's target, no externals), the service's `custom.esbuild` over them, the plugin's own keys removed and
 * `exclude` turned into externals, exactly as its bundle step does.
 */
export const esbuildOptionsOf = (definition: ServiceDefinition): BuildOptions => {
  const custom = { ...(definition.custom?.esbuild ?? {}) };
  if (custom.plugins !== undefined || custom.config !== undefined) {
    throw new Error('custom.esbuild.plugins/config are not supported by the local cloud bundles yet');
  }
  const runtime = definition.provider.runtime ?? '';
  const target = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  const exclude = (custom.exclude as string[] | undefined) ?? ['aws-sdk'];
  const external = [...((custom.external as string[] | undefined) ?? []), ...(exclude.includes('*') ? [] : exclude)];
  const outputFileExtension = (custom.outputFileExtension as string | undefined) ?? '.js';
  const options: Record<string, unknown> = { bundle: true, platform: 'node', ...(target ? { target: `node${target}` } : {}), ...custom, external };
  for (const key of PLUGIN_OPTIONS) delete options[key];
  if (outputFileExtension !== '.js') options.outExtension = { '.js': outputFileExtension };
  return options as BuildOptions;
};

/** The esbuild that serverless-esbuild in this service would load, so local bundles and Lambda's come from one build tool. */
const esbuildOf = (serviceDir: string): typeof Esbuild => {
  const plugin = require.resolve('serverless-esbuild', { paths: [serviceDir] });
  return createRequire(plugin)('esbuild') as typeof Esbuild;
};

interface BuildMessage {
  text: string;
  location?: { file: string; line: number } | null;
}

const describe = (errors: BuildMessage[]): string => {
  const first = errors[0];
  if (!first) return 'unknown error';
  return `${first.location ? `${first.location.file}:${first.location.line}: ` : ''}${first.text}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`;
};

/**
 * Writes a successful build's files (only those whose content changed, each through a rename so a function instance
 * never loads half a file) and leaves the last good files alone when a build fails: esbuild writing itself would
 * remove them on a failed rebuild.
 */
const writeOutputs = (files: OutputFile[], written: Map<string, string>): void => {
  for (const file of files) {
    if (written.get(file.path) === file.hash) continue;
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    written.set(file.path, file.hash);
  }
};

/** Writes and reports every build: the first one settles `firstBuild`; later ones (watch mode) go to onRebuild. */
const buildReporter = (options: DevBundlesOptions, firstBuild: { resolve(errors: BuildMessage[]): void }): Plugin => ({
  name: 'local-cloud-builds',
  setup(build) {
    const written = new Map<string, string>();
    let builds = 0;
    let started = 0;
    build.onStart(() => {
      started = Date.now();
    });
    build.onEnd((result) => {
      builds += 1;
      if (result.errors.length === 0) writeOutputs(result.outputFiles ?? [], written);
      if (builds === 1) return firstBuild.resolve(result.errors);
      if (result.errors.length > 0) {
        options.onRebuild('error', `rebuild failed, still running the last good build: ${describe(result.errors)}`);
      } else {
        options.onRebuild('info', `source changed: rebuilt in ${Date.now() - started} ms (idle function instances pick it up)`);
      }
    });
  },
});

/**
 * Bundles every function of one service the way serverless-esbuild does for Lambda (same esbuild, same options,
 * one output file per handler), but in a single esbuild build with all handlers as entry points, so shared code is
 * parsed once instead of once per function; then watches every file the bundles were built from (the service's and
 * the shared packages') and rebuilds on change. serverless-offline runs these files (ADR 0006).
 */
export const startDevBundles = async (options: DevBundlesOptions): Promise<DevBundles> => {
  const { definition, serviceDir } = options;
  const custom = definition.custom?.esbuild ?? {};
  const extensions = (custom.resolveExtensions as string[] | undefined) ?? DEFAULT_EXTENSIONS;
  const entries = [
    ...new Set(
      Object.entries(definition.functions ?? {})
        .filter(([, fn]) => fn.handler !== undefined && !fn.skipEsbuild && (fn.runtime ?? definition.provider.runtime ?? '').startsWith('nodejs'))
        .map(([name, fn]) => entryOf(serviceDir, name, fn.esbuildEntrypoint ?? fn.handler!, extensions)),
    ),
  ];
  const esbuild = esbuildOf(serviceDir);
  const started = Date.now();
  let settleFirstBuild!: (errors: BuildMessage[]) => void;
  const firstBuild = new Promise<BuildMessage[]>((resolve) => (settleFirstBuild = resolve));
  const context: BuildContext = await esbuild.context({
    ...esbuildOptionsOf(definition),
    absWorkingDir: serviceDir,
    entryPoints: entries,
    outdir: options.outDir,
    outbase: serviceDir,
    write: false,
    logLevel: 'silent',
    plugins: [buildReporter(options, { resolve: settleFirstBuild })],
  });
  // Watch mode starts with a full build, then rebuilds whenever a file that went into the bundles changes.
  await context.watch();
  const errors = await firstBuild;
  if (errors.length > 0) {
    await context.dispose();
    throw new Error(`${options.service}: bundling the handlers failed: ${describe(errors)}`);
  }
  return { entries, builtInMs: Date.now() - started, stop: () => context.dispose() };
};

/** The resolved service definition stored beside a packaged template. */
export const readServiceDefinition = (templatePath: string): ServiceDefinition => {
  const state = JSON.parse(readFileSync(join(dirname(templatePath), 'serverless-state.json'), 'utf8')) as { service: ServiceDefinition };
  return state.service;
};
