/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const workspaceDirs = ['packages', 'services'].flatMap((group) =>
  existsSync(join(__dirname, group))
    ? readdirSync(join(__dirname, group), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(__dirname, group, entry.name, 'package.json')))
        .map((entry) => `${group}/${entry.name}`)
    : [],
);

// middy 7 and some other runtime deps ship ESM only: let swc turn them into CommonJS for Jest.
const esmOnlyPackages = ['@middy', 'jose'];

const project = (dir: string): Config => ({
  displayName: dir,
  rootDir: join(__dirname, dir),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }],
    // Text assets bundled with esbuild's `text` loader (service templates).
    '^.+\\.(html|txt)$': join(__dirname, 'tools', 'jest-text-transform.cjs'),
  },
  transformIgnorePatterns: [`/node_modules/(?!(\\.pnpm/)?(${esmOnlyPackages.join('|')}))`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'html', 'txt'],
  // ESM packages built with tsc (packages/api-client) import their own modules as `./x.js`: the source is `./x.ts`.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  resolver: join(__dirname, 'tools', 'jest-resolver.cjs'),
  setupFiles: [join(__dirname, 'tools', 'jest-setup.cjs')],
});

const config: Config = {
  projects: workspaceDirs.map(project),
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.cjs'],
};

export default config;
