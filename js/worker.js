// pcf Web Worker: runs the engine off the page's main thread, for large models and batches.
// Start it with createPcfWorker() from './worker-client.js' (or `new Worker(url, {type:
// 'module'})` and the same messages):
//   -> {id, fn, args}              fn: a function name of the package (compute, batch, …)
//   <- {id, ok: true, value}  or  {id, ok: false, error: {code, path, message, message_zh?}}
// The first message may be {id, fn: 'init', args: [wasmUrlOrBytes]}; otherwise the module is
// loaded from next to index.js on the first call.
import * as pcf from './index.js';

const CALLABLE = new Set(['init', 'compute', 'computeJson', 'computeUnsealed', 'computeTotals', 'batch', 'precheck', 'verify', 'listFactors',
  'searchFactors', 'parameters', 'loadFactorTables', 'clearFactorTables', 'getSchema', 'templates',
  'labels', 'network', 'networkJson', 'versions', 'pactExport', 'pactExportReport', 'pactExportJson', 'pactMetaNeeds', 'pactCheck', 'pactImport', 'pactImportInto', 'pactImportStages', 'uncertainty', 'uncertaintyJson', 'report', 'reportKinds', 'reportFormats', 'verifyDocument', 'supports']);

function plainError(err) {
  const e = err instanceof pcf.PcfError ? err : new pcf.PcfError('internal', '$', String(err && err.message ? err.message : err));
  return e.toJSON();
}

self.onmessage = async (event) => {
  const { id, fn, args = [] } = event.data || {};
  try {
    if (!CALLABLE.has(fn)) {
      throw new pcf.PcfError('invalid_argument', 'fn', `the worker has no function ${JSON.stringify(fn)}`);
    }
    if (fn === 'init') {
      await pcf.init(...args);
      self.postMessage({ id, ok: true, value: true });
      return;
    }
    await pcf.init();
    let value = pcf[fn](...args);
    if (fn === 'batch') {
      // PcfError instances do not survive postMessage as a class: send plain objects.
      value = value.map((item) => (item.ok ? item : { ...item, error: plainError(item.error) }));
    }
    self.postMessage({ id, ok: true, value });
  } catch (err) {
    self.postMessage({ id, ok: false, error: plainError(err) });
  }
};
