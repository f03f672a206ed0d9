// Loaded by every function instance of the local Lambda service (src/lambda/instance-worker.cjs, a worker thread
// with `codeDir` in its workerData). Nothing happens in a main thread. In an instance, when the
// local cloud has rebuilt the bundles (it rewrites the manifest in the bundles directory after writing the changed
// files), the instance forgets the bundles that changed, so its next invocation loads the new code: the instance
// stays warm and the edit shows up on the very next request (ADR 0006).
const { existsSync, statSync, watch } = require('node:fs');
const { join, sep } = require('node:path');
const { isMainThread, workerData } = require('node:worker_threads');

const MANIFEST = '.local-cloud-bundles.json';
const codeDir = isMainThread ? undefined : workerData?.codeDir;

if (typeof codeDir === 'string' && existsSync(join(codeDir, MANIFEST))) {
  const prefix = codeDir.endsWith(sep) ? codeDir : codeDir + sep;
  let loadedSince = Date.now();
  const forgetChanged = () => {
    for (const path of Object.keys(require.cache)) {
      if (!path.startsWith(prefix)) continue;
      let changed = true;
      try {
        changed = statSync(path).mtimeMs >= loadedSince;
      } catch {
        // gone: forget it
      }
      if (changed) delete require.cache[path];
    }
    loadedSince = Date.now();
  };
  const watcher = watch(codeDir, { persistent: false }, (_event, file) => {
    if (file === MANIFEST) forgetChanged();
  });
  watcher.on('error', () => watcher.close());
}
