// The engine runs here, off the main thread, so a large model never freezes the page.
// Protocol: the page posts {id, fn, args}; the worker answers {id, ok: true, value} or
// {id, ok: false, error: {code, path, message}}. `fn` is one of the exports of pkg/pcf.js
// (compute is called as computeJson so the page keeps the exact sealed text) or `exports`
// (the list of functions this build has: the page enables optional features from it).
// `uncertaintyProgress` (args as `uncertainty`) runs the Monte Carlo in steps and posts
// {id, progress: {done, runs}} between them, then the report, so the page shows a progress bar;
// the steps give the same bytes as one call (UncertaintyRun).
import init, * as pcf from './pkg/pcf.js';

const ready = init();
const CALLABLE = new Set([
  'computeJson', 'verify', 'precheck', 'factors', 'parameters', 'schema', 'templates',
  'labels', 'version',
  // Optional in a build: the page turns their tabs on from the `exports` list.
  'pactExport', 'pactImport', 'uncertainty',
]);

self.onmessage = async (ev) => {
  const { id, fn, args } = ev.data ?? {};
  try {
    await ready;
    let value;
    if (fn === 'exports') {
      value = [...CALLABLE].filter((k) => typeof pcf[k] === 'function');
      if (typeof pcf.UncertaintyRun === 'function') value.push('uncertaintyProgress');
    } else if (fn === 'uncertaintyProgress' && typeof pcf.UncertaintyRun === 'function') {
      const [doc, runs, seed, threshold, tables] = Array.isArray(args) ? args : [];
      const run = new pcf.UncertaintyRun(doc, runs, seed, threshold, tables);
      try {
        const step = Math.max(1, Math.ceil(run.runs / 50));
        while (run.done < run.runs) {
          run.step(step);
          self.postMessage({ id, progress: { done: run.done, runs: run.runs } });
        }
        value = run.finish();
      } finally {
        run.free?.();
      }
    } else if (CALLABLE.has(fn) && typeof pcf[fn] === 'function') {
      value = pcf[fn](...(Array.isArray(args) ? args : []));
    } else {
      throw Object.assign(new Error(`unknown function ${fn}`), { code: 'internal', path: '' });
    }
    self.postMessage({ id, ok: true, value });
  } catch (e) {
    self.postMessage({
      id,
      ok: false,
      // A trap (unreachable, out of memory, out-of-bounds access): this instance must not be
      // used again; the page replaces the worker.
      fatal: e instanceof WebAssembly.RuntimeError,
      error: {
        code: typeof e?.code === 'string' ? e.code : 'internal',
        path: typeof e?.path === 'string' ? e.path : '',
        message: String(e?.message ?? e),
      },
    });
  }
};
