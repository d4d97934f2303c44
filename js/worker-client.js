// Promise-based client of the pcf Web Worker (worker.js). Every method returns a promise of
// what the function of the same name in index.js returns; errors reject with a PcfError.
import { PcfError } from './index.js';

const METHODS = ['compute', 'computeJson', 'computeUnsealed', 'computeTotals', 'batch', 'precheck', 'verify', 'listFactors', 'searchFactors',
  'parameters', 'loadFactorTables', 'clearFactorTables', 'getSchema', 'templates', 'labels', 'network',
  'networkJson', 'versions', 'pactExport', 'pactExportReport', 'pactExportJson', 'pactMetaNeeds', 'pactCheck', 'pactImport', 'pactImportInto', 'pactImportStages', 'uncertainty', 'uncertaintyJson', 'report', 'reportKinds', 'reportFormats', 'verifyDocument', 'supports'];

/**
 * Starts the engine in a module Web Worker. `options.workerUrl`: where worker.js is (default:
 * next to this file); `options.wasm`: the wasm URL or bytes passed to init() in the worker.
 */
export function createPcfWorker(options = {}) {
  const url = options.workerUrl || new URL('./worker.js', import.meta.url);
  const worker = new Worker(url, { type: 'module' });
  const waiting = new Map();
  let next = 0;
  let dead;

  const fail = (error) => {
    dead = error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.onmessage = (event) => {
    const { id, ok, value, error } = event.data || {};
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    if (ok) w.resolve(value);
    else w.reject(new PcfError(error.code, error.path, error.message, { message_zh: error.message_zh }));
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    fail(new PcfError('worker', '$', `the pcf worker failed: ${event.message || 'could not start'}`));
  };

  const send = (fn, args) => {
    if (dead) return Promise.reject(dead);
    const id = next++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, fn, args });
    });
  };

  const ready = send('init', options.wasm === undefined ? [] : [options.wasm]);
  const client = {
    /** Resolves when the engine in the worker is loaded. */
    ready,
    /** Stops the worker; pending calls reject with code `worker`. */
    terminate() {
      worker.terminate();
      fail(new PcfError('worker', '$', 'the pcf worker was terminated'));
    },
  };
  for (const m of METHODS) {
    client[m] = (...args) => ready.then(() => send(m, args));
    // batch items come back as plain objects: rebuild their PcfError.
  }
  const rawBatch = client.batch;
  client.batch = (...args) =>
    rawBatch(...args).then((items) =>
      items.map((item) => (item.ok ? item : { ...item, error: new PcfError(item.error.code, item.error.path, item.error.message, { message_zh: item.error.message_zh }) })),
    );
  return client;
}
