// Preloaded (`node --require`) into the `serverless package` process the local cloud runs for a template-only
// package (LOCAL_CLOUD_TEMPLATE_ONLY=1, serverless-plugin.cjs): it stands in an inert plugin for the plugins that
// do nothing in such a package, so their module trees are never loaded (ADR 0009, "first start after a clone").
//
// - serverless-esbuild bundles and zips functions; a template-only package has every function `skipEsbuild`
//   (serverless-plugin.cjs), so it would only load (effect, @effect/platform, fast-check, ramda: ~9 MB of source)
//   and re-point the stub artifacts.
// - serverless-offline adds the `offline` command; `package` never runs its hooks.
//
// Neither adds, removes or changes a resource of the template: test/package-service.test.ts packages a service both
// ways (this template-only one, and a real `serverless package` with both plugins and bundles) and compares them.
//
// It also makes the services' packages, which `pnpm dev` runs side by side, take turns to load osls's configuration
// validator. osls compiles that validator (ajv, an 8.8 MB module, ~4 s of CPU) the first time it meets a schema and
// caches it in ~/.serverless/artifacts; on a machine that never ran it, three packages started at once would each
// compile it. With the turns, the first compiles and caches it and the others load the cached file.
'use strict';

const { join } = require('node:path');
const { acquireDirLock } = require('@commerce/delivery/dir-lock');

const INERT_IN_TEMPLATE_ONLY_PACKAGES = ['serverless-esbuild', 'serverless-offline'];
const VALIDATOR_LOCK = join(__dirname, '..', '..', '.local', 'locks', 'osls-config-validator.lock');
const STALE_LOCK_MS = 120_000;

/** The module of the osls CLI this process runs (resolved from the service directory, as the CLI is). */
const oslsModule = (path) => require.resolve(`osls/${path}`, { paths: [process.cwd()] });

/** Loading (and, the first time, compiling) the configuration validator takes turns across processes. */
const validatorLoadsTakeTurns = () => {
  const path = oslsModule('lib/classes/config-schema-handler/resolve-ajv-validate');
  const resolveAjvValidate = require(path);
  // Replaced before anything requires config-schema-handler, so this is the function it calls.
  require.cache[path].exports = async (schema) => {
    const release = await acquireDirLock(VALIDATOR_LOCK, { staleMs: STALE_LOCK_MS, pollMs: 100 });
    try {
      return await resolveAjvValidate(schema);
    } finally {
      release();
    }
  };
};

/** The plugins that do nothing in a template-only package get an inert stand-in. */
const inertPluginsNotLoaded = () => {
  const PluginManager = require(oslsModule('lib/classes/plugin-manager'));
  const requireServicePlugin = PluginManager.prototype.requireServicePlugin;
  const inert = new Map();
  PluginManager.prototype.requireServicePlugin = async function (serviceDir, name, ...rest) {
    if (!INERT_IN_TEMPLATE_ONLY_PACKAGES.includes(name)) return requireServicePlugin.call(this, serviceDir, name, ...rest);
    // One class per plugin name: the plugin manager refuses two plugins of one class.
    if (!inert.has(name)) {
      inert.set(name, class InertInTemplateOnlyPackage {
        constructor() {
          this.hooks = {};
        }
      });
    }
    return inert.get(name);
  };
};

if (process.env.LOCAL_CLOUD_TEMPLATE_ONLY === '1') {
  validatorLoadsTakeTurns();
  inertPluginsNotLoaded();
}
