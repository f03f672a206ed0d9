// One holder at a time across processes: the lock is a directory (mkdir is atomic; EEXIST means it is held).
// CommonJS and dependency-free so both TypeScript (packaging.ts) and the Serverless CLI's preload
// (packages/local-cloud/template-only-preload.cjs) use this one implementation.
'use strict';

const { mkdirSync, rmSync, statSync } = require('node:fs');
const { dirname } = require('node:path');

/** Waits for the lock (taking over one older than `staleMs`: a killed holder's) and returns its release. */
const acquireDirLock = async (lock, { staleMs, pollMs, timeoutMs = Number.POSITIVE_INFINITY }) => {
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      return () => rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > staleMs) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
};

/** Runs `work` holding the lock; releases it however `work` ends. */
const withDirLock = async (lock, options, work) => {
  const release = await acquireDirLock(lock, options);
  try {
    return await work();
  } finally {
    release();
  }
};

module.exports = { acquireDirLock, withDirLock };
