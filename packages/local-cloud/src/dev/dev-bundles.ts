import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import type * as Esbuild from 'esbuild';
import type { BuildContext, BuildOptions, Metafile, OutputFile } from 'esbuild';
import { writeFileAtomically } from './atomic-file';
import { buildKey, currentInputs, inWorkspace, recordBuild } from './bundle-manifest';
import { SourceWatcher } from './source-watcher';

/** The parts of a service's resolved configuration (`serverless-state.json` of its package) the bundles need. */
export interface ServiceDefinition {
  provider: { runtime?: string };
  custom?: { esbuild?: Record<string, unknown> };
  functions?: Record<
    string,
    {
      handler?: string;
      esbuildEntrypoint?: string;
      skipEsbuild?: boolean;
      runtime?: string;
      /** Set by serverless-plugin.cjs when it packaged the template only: what the service itself declared. */
      localCloudStub?: { skipEsbuild: boolean };
    }
  >;
}

export interface DevBundles {
  entries: string[];
  /** True when the bundles of an earlier run were current and used without building. */
  reused: boolean;
  /** Milliseconds the first build took (or the check that it was not needed). */
  builtInMs: number;
  /** How many source directories are being watched. */
  watchedDirectories(): number;
  stop(): Promise<void>;
}

export interface DevBundlesOptions {
  service: string;
  serviceDir: string;
  definition: ServiceDefinition;
  /** Where `<handler path>.js` of every function is written: where the function instances load them. Kept between runs. */
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
      if (existsSync(join(serviceDir, candidate))) return normalize(candidate);
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
    writeFileAtomically(file.path, file.contents);
    written.set(file.path, file.hash);
  }
};

/** The directories of a build's own source files (not node_modules: a dependency change needs a restart). */
export const sourceDirectoriesOf = (inputs: string[]): Set<string> =>
  new Set(inputs.filter(inWorkspace).map((input) => dirname(input)));

/** A build's input files, absolute (esbuild names them relative to the working directory; `ns:path` ones are virtual). */
const inputsOf = (metafile: Metafile, serviceDir: string): string[] =>
  Object.keys(metafile.inputs)
    .filter((input) => !input.includes(':'))
    .map((input) => resolve(serviceDir, input));

/**
 * Bundles every function of one service the way serverless-esbuild does for Lambda (same esbuild, same options,
 * one output file per handler), but in a single esbuild build with all handlers as entry points, so shared code is
 * parsed once instead of once per function. Then it watches the directories of every source file the bundles were
 * built from (the service's and the shared packages') with file events and rebuilds incrementally on change.
 * The local Lambda service's instances run these files (ADRs 0006, 0009).
 */
export const startDevBundles = async (options: DevBundlesOptions): Promise<DevBundles> => {
  const { definition, serviceDir } = options;
  const custom = definition.custom?.esbuild ?? {};
  const extensions = (custom.resolveExtensions as string[] | undefined) ?? DEFAULT_EXTENSIONS;
  const entries = [
    ...new Set(
      Object.entries(definition.functions ?? {})
        .filter(([, fn]) => fn.handler !== undefined && !(fn.localCloudStub?.skipEsbuild ?? fn.skipEsbuild))
        .filter(([, fn]) => (fn.runtime ?? definition.provider.runtime ?? '').startsWith('nodejs'))
        .map(([name, fn]) => entryOf(serviceDir, name, fn.esbuildEntrypoint ?? fn.handler!, extensions)),
    ),
  ];
  if (entries.length === 0) throw new Error(`${options.service}: no Node.js function to bundle (every handler is skipEsbuild or missing)`);
  const started = Date.now();
  const esbuild = esbuildOf(serviceDir);
  const buildOptions = esbuildOptionsOf(definition);
  const key = buildKey({ options: buildOptions, entries, esbuild: esbuild.version, outDir: options.outDir });
  const context: BuildContext = await esbuild.context({
    ...buildOptions,
    absWorkingDir: serviceDir,
    entryPoints: entries,
    outdir: options.outDir,
    outbase: serviceDir,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const written = new Map<string, string>();
  /** Builds, writes what changed, and follows the inputs; resolves with the errors (none: success). */
  const build = async (): Promise<BuildMessage[]> => {
    const buildStartedAt = Date.now();
    try {
      const result = await context.rebuild();
      const outputs = result.outputFiles ?? [];
      writeOutputs(outputs, written);
      const inputs = inputsOf(result.metafile!, serviceDir);
      recordBuild(options.outDir, key, inputs, outputs.map((file) => file.path), buildStartedAt);
      watcher.update(sourceDirectoriesOf(inputs));
      return [];
    } catch (error) {
      return (error as { errors?: BuildMessage[] }).errors ?? [{ text: (error as Error).message }];
    }
  };

  let building: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const rebuild = (): void => {
    if (stopped) return;
    if (building) {
      again = true; // one more build once this one ends, so the last save always wins
      return;
    }
    const rebuildStarted = Date.now();
    building = build().then((errors) => {
      if (errors.length > 0) options.onRebuild('error', `rebuild failed, still running the last good build: ${describe(errors)}`);
      else options.onRebuild('info', `source changed: rebuilt in ${Date.now() - rebuildStarted} ms; the next invocation runs it`);
      building = undefined;
      if (again) {
        again = false;
        rebuild();
      }
    });
  };
  const watcher = new SourceWatcher(rebuild);

  // Bundles left by an earlier run are used as they are when nothing they were built from changed since; the
  // incremental build then starts with the first edit.
  const current = currentInputs(options.outDir, key);
  if (current) {
    watcher.update(sourceDirectoriesOf(current));
  } else {
    const errors = await build();
    if (errors.length > 0) {
      watcher.close();
      await context.dispose();
      throw new Error(`${options.service}: bundling the handlers failed: ${describe(errors)}`);
    }
  }
  return {
    entries,
    reused: current !== undefined,
    builtInMs: Date.now() - started,
    watchedDirectories: () => watcher.size,
    stop: async () => {
      stopped = true;
      watcher.close();
      await building;
      await context.dispose();
    },
  };
};

/** The resolved service definition stored beside a packaged template. */
export const readServiceDefinition = (templatePath: string): ServiceDefinition => {
  const state = JSON.parse(readFileSync(join(dirname(templatePath), 'serverless-state.json'), 'utf8')) as { service: ServiceDefinition };
  return state.service;
};
