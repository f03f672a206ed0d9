// One Lambda execution environment of the local cloud (ADR 0009): a worker thread that loads one function's bundle
// and runs one invocation at a time, as long as its instance lives. The parent (function-instance.ts) owns the
// clocks: it starts the function's timeout when this worker says the invocation began (after the module's init, as
// in Lambda, whose init phase is timed apart) and terminates the worker on a timeout.
//
// Messages in:  { id, event, context: { awsRequestId, functionName, ... }, timeoutMs }
// Messages out: { id, phase: 'start', initMs } once the handler is loaded, then
//               { id, phase: 'end', ok: true, payload } (payload: the JSON text of the result, as Lambda returns it)
//               { id, phase: 'end', ok: false, error: { errorType, errorMessage, trace } }
const { parentPort, workerData } = require('node:worker_threads');
const { join } = require('node:path');

const { codeDir, handler, sourceMaps, reloadModule } = workerData;
if (sourceMaps) process.setSourceMapsEnabled(true);
// Forget bundles the local cloud rebuilt, so the next invocation runs the saved code in this warm instance.
if (reloadModule) require(reloadModule);

const dot = handler.lastIndexOf('.');
const modulePath = join(codeDir, handler.slice(0, dot));
const exportName = handler.slice(dot + 1);

const asError = (error, fallbackType) => {
  if (error instanceof Error) {
    return {
      errorType: error.name && error.name !== 'Error' ? error.name : fallbackType,
      errorMessage: error.message,
      trace: String(error.stack ?? '').split('\n'),
    };
  }
  return { errorType: fallbackType, errorMessage: typeof error === 'string' ? error : JSON.stringify(error) ?? String(error), trace: [] };
};

let loaded; // { fn, module } of the last load: reused while require's cache still holds that module

const load = () => {
  const cached = loaded && require.cache[loaded.module.id] === loaded.module;
  if (cached) return { fn: loaded.fn, initMs: 0 };
  const started = performance.now();
  let exports;
  try {
    exports = require(modulePath);
  } catch (error) {
    const described = asError(error, 'Runtime.ImportModuleError');
    described.errorType = 'Runtime.ImportModuleError';
    throw described;
  }
  const fn = exports?.[exportName];
  if (typeof fn !== 'function') {
    throw { errorType: 'Runtime.HandlerNotFound', errorMessage: `${handler} is undefined or not exported`, trace: [] };
  }
  // function-reload.cjs deletes the module from require's cache after a rebuild: the next invocation loads it anew.
  loaded = { fn, module: require.cache[require.resolve(modulePath)] };
  return { fn, initMs: performance.now() - started };
};

/** Runs an async or callback-style handler, as the Node.js runtime does. */
const run = (fn, event, context) =>
  new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error, value) => {
      if (settled) return;
      settled = true;
      if (error !== undefined && error !== null) reject(error);
      else resolve(value);
    };
    const lambdaContext = {
      ...context,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, Math.floor(context.deadlineMs - Date.now())),
      done: settle,
      fail: (error) => settle(error ?? new Error('handler failed')),
      succeed: (value) => settle(null, value),
    };
    try {
      const result = fn(event, lambdaContext, settle);
      if (result && typeof result.then === 'function') result.then((value) => settle(null, value), (error) => settle(error ?? new Error('rejected')));
      else if (fn.length < 3 && result !== undefined) settle(null, result);
    } catch (error) {
      settle(error);
    }
  });

parentPort.on('message', async ({ id, event, context, timeoutMs }) => {
  let fn;
  try {
    const loaded = load();
    fn = loaded.fn;
    parentPort.postMessage({ id, phase: 'start', initMs: loaded.initMs });
  } catch (error) {
    parentPort.postMessage({ id, phase: 'start', initMs: 0 });
    parentPort.postMessage({ id, phase: 'end', ok: false, error: error.errorType ? error : asError(error, 'Runtime.ImportModuleError') });
    return;
  }
  try {
    // The function's clock starts after its init, as in Lambda.
    const value = await run(fn, event, { ...context, deadlineMs: Date.now() + timeoutMs });
    parentPort.postMessage({ id, phase: 'end', ok: true, payload: value === undefined ? 'null' : JSON.stringify(value) });
  } catch (error) {
    parentPort.postMessage({ id, phase: 'end', ok: false, error: asError(error, 'Error') });
  }
});
