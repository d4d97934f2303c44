// The engine runs here, off the main thread, so a large model never freezes the page.
// Protocol: the page posts {id, fn, args}; the worker answers {id, ok: true, value} or
// {id, ok: false, error: {code, path, message}}. `fn` is one of the exports of pkg/pcf.js
// (compute is called as computeJson so the page keeps the exact sealed text) or `exports`
// (the list of functions this build has: the page enables optional features from it).
import init, * as pcf from './pkg/pcf.js';

const ready = init();
const CALLABLE = new Set([
  'computeJson', 'verify', 'precheck', 'factors', 'parameters', 'schema', 'templates',
  'labels', 'version',
  // Extension hooks: present once the PACT and uncertainty branches are merged.
  'pactExport', 'pactImport', 'uncertainty',
]);

self.onmessage = async (ev) => {
  const { id, fn, args } = ev.data ?? {};
  try {
    await ready;
    let value;
    if (fn === 'exports') {
      value = [...CALLABLE].filter((k) => typeof pcf[k] === 'function');
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
      error: {
        code: typeof e?.code === 'string' ? e.code : 'internal',
        path: typeof e?.path === 'string' ? e.path : '',
        message: String(e?.message ?? e),
      },
    });
  }
};
