import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../node-runtime';

/** A function instance as the local Lambda service runs it: a worker thread with `codeDir` in its workerData. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', (file) => parentPort.postMessage(require(require('node:path').join(workerData.codeDir, file))));
`;

describe('function-reload.cjs (loaded by every function instance)', () => {
  let dir: string;
  let worker: Worker;
  const ask = (file: string): Promise<{ value: string; token: number }> =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(file);
    });
  const rebuilt = async (): Promise<void> => {
    writeFileSync(join(dir, 'manifest.tmp'), JSON.stringify({ at: Date.now() }));
    renameSync(join(dir, 'manifest.tmp'), join(dir, '.local-cloud-bundles.json')); // as recordBuild does
    await new Promise((resolve) => setTimeout(resolve, 300));
  };
  const bundle = (file: string, value: string): void => writeFileSync(join(dir, file), `module.exports = { value: ${JSON.stringify(value)}, token: Math.random() };\n`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'function-reload-'));
    bundle('handler.js', 'v1');
    bundle('other.js', 'other');
    writeFileSync(join(dir, '.local-cloud-bundles.json'), '{}');
    worker = new Worker(WORKER, { eval: true, workerData: { codeDir: dir }, execArgv: ['--require', join(packageRoot, 'function-reload.cjs')] });
    await new Promise((resolve) => setTimeout(resolve, 100)); // worker started before the first "build"
  });

  afterAll(async () => {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the loaded bundle until the local cloud records a rebuild, then loads the changed one only', async () => {
    expect((await ask('handler.js')).value).toBe('v1');
    const other = await ask('other.js');

    bundle('handler.js', 'v2');
    expect((await ask('handler.js')).value).toBe('v1'); // written, but the build is not recorded yet

    await rebuilt();
    expect((await ask('handler.js')).value).toBe('v2');
    expect(await ask('other.js')).toEqual(other); // unchanged bundle: still the loaded module

    bundle('handler.js', 'v3');
    await rebuilt();
    expect((await ask('handler.js')).value).toBe('v3');
  });
});
