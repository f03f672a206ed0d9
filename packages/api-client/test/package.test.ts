/**
 * The package as an npm consumer gets it: `pnpm build` (tsc) writes ESM + .d.ts into dist/, the `exports` map
 * resolves from Node, and the browser path bundles for the browser platform (no Node-only import anywhere).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const packageDir = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; import: string }> };

describe('@commerce/api-client as a package', () => {
  beforeAll(() => {
    // The Node that runs the suite (the workspace's pinned one), running the workspace's tsc like `pnpm build` does.
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: packageDir, stdio: 'pipe' });
  }, 120_000);

  it('builds ESM and declarations where its exports map points', () => {
    const entry = manifest.exports['.']!;
    expect(existsSync(join(packageDir, entry.import))).toBe(true);
    expect(readFileSync(join(packageDir, entry.types), 'utf8')).toContain('createCommerceClient');
    expect(readFileSync(join(packageDir, entry.import), 'utf8')).toMatch(/^export \{/m);
  });

  it('is imported by name from Node as an ES module', () => {
    const script = "import { createCommerceClient, LOCAL_BASE_URLS, ProblemError } from '@commerce/api-client'; " +
      'const client = createCommerceClient({ baseUrls: LOCAL_BASE_URLS }); ' +
      "console.log(typeof client.orders.create, typeof client.orders.list({}).pages, typeof ProblemError);";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: packageDir, encoding: 'utf8' });
    expect(out.trim()).toBe('function function function');
  });

  it('bundles for the browser: global fetch only, no Node built-in', async () => {
    const result = await build({
      entryPoints: [join(packageDir, 'dist', 'index.js')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('openapi-fetch'))).toBe(true);
    expect(inputs.filter((input) => input.startsWith('node:') || /(^|\/)node_modules\/(undici|node-fetch)\//.test(input))).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });
});
