import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { packageRoot } from '../node-runtime';
import { entryOf, esbuildOptionsOf, startDevBundles, type DevBundles } from './dev-bundles';

describe('esbuildOptionsOf (what serverless-esbuild would build with)', () => {
  it('applies serverless-esbuild defaults under the service options and drops the plugin-only keys', () => {
    const options = esbuildOptionsOf({
      provider: { runtime: 'nodejs24.x' },
      custom: {
        esbuild: { minify: true, sourcemap: true, exclude: [], packager: 'pnpm', outputWorkFolder: '.esbuild/local', loader: { '.txt': 'text' } },
      },
    });
    expect(options).toEqual({ bundle: true, platform: 'node', target: 'node24', minify: true, sourcemap: true, loader: { '.txt': 'text' }, external: [] });
  });

  it('keeps serverless-esbuild defaults: aws-sdk excluded, the runtime as target, extra externals and extensions', () => {
    expect(esbuildOptionsOf({ provider: { runtime: 'nodejs22.x' } })).toEqual({ bundle: true, platform: 'node', target: 'node22', external: ['aws-sdk'] });
    expect(esbuildOptionsOf({ provider: {}, custom: { esbuild: { external: ['sharp'], exclude: ['*'], outputFileExtension: '.cjs' } } })).toEqual({
      bundle: true,
      platform: 'node',
      external: ['sharp'],
      outExtension: { '.js': '.cjs' },
    });
  });

  it('refuses esbuild plugins instead of silently building without them', () => {
    expect(() => esbuildOptionsOf({ provider: {}, custom: { esbuild: { plugins: './plugins.js' } } })).toThrow(/plugins\/config are not supported/);
  });
});

describe('startDevBundles (a watched build of a service’s handlers)', () => {
  // Inside the package, so serverless-esbuild and its esbuild resolve from the fixture as from a service.
  let serviceDir: string;
  let outDir: string;
  let bundles: DevBundles | undefined;
  const rebuilds: { level: string; message: string }[] = [];
  const definition = {
    provider: { runtime: 'nodejs24.x' },
    custom: { esbuild: { bundle: true, minify: true, sourcemap: true, exclude: [], loader: { '.txt': 'text' } } },
    functions: { hello: { handler: 'src/handlers/hello.handler' }, banner: { handler: 'src/handlers/banner.handler' }, hello2: { handler: 'src/handlers/hello.handler' } },
  };

  const write = (path: string, text: string): void => {
    mkdirSync(join(serviceDir, path, '..'), { recursive: true });
    writeFileSync(join(serviceDir, path), text);
  };
  const loadHandler = (file: string): { handler: () => Promise<string> } => {
    // Evaluated from disk each time, as a new function instance would (Jest's own require caches file contents).
    const path = join(outDir, file);
    const module = { exports: {} as { handler: () => Promise<string> } };
    runInThisContext(Module.wrap(readFileSync(path, 'utf8')))(module.exports, require, module, path, join(path, '..'));
    return module.exports;
  };
  /** Makes an edit and waits for the rebuild it causes to be reported at `level` (info: built, error: failed). */
  const editAndAwaitRebuild = async (level: 'info' | 'error', edit: () => void, timeoutMs = 20_000): Promise<void> => {
    const before = rebuilds.length;
    edit();
    const deadline = Date.now() + timeoutMs;
    while (!rebuilds.slice(before).some((rebuild) => rebuild.level === level)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for a rebuild (${level}); rebuilds: ${JSON.stringify(rebuilds)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    serviceDir = mkdtempSync(join(packageRoot, '.tmp-dev-bundles-'));
    outDir = join(serviceDir, '.bundles');
    write('src/greeting.ts', "export const greeting = (name: string): string => `hello ${name}`;\n");
    write('src/banner.txt', 'v1 banner');
    write('src/handlers/hello.ts', "import { greeting } from '../greeting';\nexport const handler = async (): Promise<string> => greeting('dev');\n");
    write('src/handlers/banner/index.ts', "import text from '../../banner.txt';\nexport const handler = async (): Promise<string> => text;\n");
    bundles = await startDevBundles({ service: 'fixture', serviceDir, outDir, definition, onRebuild: (level, message) => rebuilds.push({ level, message }) });
  }, 30_000);

  afterAll(async () => {
    await bundles?.stop();
    rmSync(serviceDir, { recursive: true, force: true });
  });

  it('writes one bundle per handler file, at the handler’s path, as serverless-offline looks it up', async () => {
    expect(bundles!.entries.sort()).toEqual(['src/handlers/banner/index.ts', 'src/handlers/hello.ts']);
    expect(existsSync(join(outDir, 'src/handlers/hello.js.map'))).toBe(true);
    expect(await loadHandler('src/handlers/hello.js').handler()).toBe('hello dev');
    expect(await loadHandler('src/handlers/banner/index.js').handler()).toBe('v1 banner');
    expect(rebuilds).toEqual([]);
    // src/, src/handlers/ and src/handlers/banner/: file events on the sources' own directories, none in node_modules
    expect(bundles!.watchedDirectories()).toBe(3);
  });

  it('rebuilds when a file the bundle imports changes', async () => {
    await editAndAwaitRebuild('info', () => write('src/greeting.ts', "export const greeting = (name: string): string => `hi again ${name}`;\n"));
    expect(await loadHandler('src/handlers/hello.js').handler()).toBe('hi again dev');
  }, 30_000);

  it('follows a new file a handler starts importing', async () => {
    write('src/punctuation.ts', "export const mark = '!';\n");
    await editAndAwaitRebuild('info', () =>
      write('src/handlers/hello.ts', "import { greeting } from '../greeting';\nimport { mark } from '../punctuation';\nexport const handler = async (): Promise<string> => greeting('dev') + mark;\n"),
    );
    expect(await loadHandler('src/handlers/hello.js').handler()).toBe('hi again dev!');
    await editAndAwaitRebuild('info', () => write('src/punctuation.ts', "export const mark = '?';\n"));
    expect(await loadHandler('src/handlers/hello.js').handler()).toBe('hi again dev?');
  }, 30_000);

  it('reports a broken edit with file and line, and keeps the last good bundle', async () => {
    const good = readFileSync(join(outDir, 'src/handlers/hello.js'), 'utf8');
    await editAndAwaitRebuild('error', () => write('src/greeting.ts', 'export const greeting = (name: string): string => `oops ${name};\n'));
    expect(rebuilds.find((rebuild) => rebuild.level === 'error')!.message).toMatch(/rebuild failed, still running the last good build: src\/greeting\.ts:\d+: Unterminated/);
    expect(readFileSync(join(outDir, 'src/handlers/hello.js'), 'utf8')).toBe(good);
  }, 30_000);

  it('starts from the bundles of an earlier run when nothing they were built from changed', async () => {
    await editAndAwaitRebuild('info', () => write('src/greeting.ts', "export const greeting = (name: string): string => `back ${name}`;\n"));
    await bundles!.stop();
    bundles = undefined;
    const start = () => startDevBundles({ service: 'fixture', serviceDir, outDir, definition, onRebuild: () => undefined });

    const again = await start();
    expect(again).toMatchObject({ reused: true });
    expect(again.watchedDirectories()).toBe(3);
    await again.stop();

    const touched = new Date(Date.now() + 5_000);
    utimesSync(join(serviceDir, 'src/greeting.ts'), touched, touched); // a branch switched and back: same content
    const afterTouch = await start();
    expect(afterTouch).toMatchObject({ reused: true });
    await afterTouch.stop();

    write('src/punctuation.ts', "export const mark = '.';\n");
    const changed = await start();
    expect(changed).toMatchObject({ reused: false });
    expect(await loadHandler('src/handlers/hello.js').handler()).toBe('back dev.');
    await changed.stop();

    const withOtherOptions = await startDevBundles({ service: 'fixture', serviceDir, outDir, definition: { ...definition, custom: { esbuild: { minify: false } } }, onRebuild: () => undefined });
    expect(withOtherOptions).toMatchObject({ reused: false });
    await withOtherOptions.stop();
  }, 30_000);

  it('bundles what the service declared, not what a template-only package stubbed, and refuses an empty set', async () => {
    const stubbed = {
      ...definition,
      functions: {
        hello: { handler: 'src/handlers/hello.handler', skipEsbuild: true, localCloudStub: { skipEsbuild: false } },
        banner: { handler: 'src/handlers/banner.handler', skipEsbuild: true, localCloudStub: { skipEsbuild: true } },
      },
    };
    const built = await startDevBundles({ service: 'fixture', serviceDir, outDir: join(serviceDir, '.stubbed'), definition: stubbed, onRebuild: () => undefined });
    expect(built.entries).toEqual(['src/handlers/hello.ts']);
    await built.stop();
    const nothing = { ...definition, functions: { banner: stubbed.functions.banner } };
    await expect(startDevBundles({ service: 'fixture', serviceDir, outDir: join(serviceDir, '.none'), definition: nothing, onRebuild: () => undefined })).rejects.toThrow(
      /fixture: no Node.js function to bundle/,
    );
  });

  it('names the function whose handler file is missing', () => {
    expect(() => entryOf(serviceDir, 'ghost', 'src/handlers/ghost.handler')).toThrow(/function ghost: no handler file for src\/handlers\/ghost\.handler/);
  });
});
