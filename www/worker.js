// The engine runs here, off the main thread, so a large model never freezes the page.
// Protocol: the page posts {id, fn, args}; the worker answers {id, ok: true, value} or
// {id, ok: false, error: {code, path, message}}. `fn` is one of the exports of the engine
// (compute is called as computeJson so the page keeps the exact sealed text) or `exports`
// (the list of functions this build has: the page enables optional features from it).
// `uncertaintyProgress` (args as `uncertainty`) runs the Monte Carlo in steps and posts
// {id, progress: {done, runs}} between them, then the report, so the page shows a progress bar;
// the steps give the same bytes as one call (UncertaintyRun).
//
// Two modules from the same crate (scripts/build-wasm.sh): the core (pkg/pcf.js: computeJson,
// factors, templates, labels, version), loaded at once for the first result, and the extras
// (pkg/pcf_extras.js: every function), loaded on the first call the core does not have
// (verify, precheck, PACT, uncertainty). The input schemas (`schema`, `templates(name)`) are
// the committed files in schema/ (the same text the engine embeds), read on demand.
import init, * as core from './pkg/pcf.js';

const ready = init();
let extras = null;
/** The extras module, instantiated once, on first use. */
function loadExtras() {
  extras ??= import('./pkg/pcf_extras.js').then(async (m) => {
    await m.default();
    return m;
  });
  return extras;
}
const CALLABLE = new Set([
  'computeJson', 'verify', 'precheck', 'factors', 'parameters', 'schema', 'templates',
  'labels', 'version',
  // Optional in a build: the page turns their tabs on from the `exports` list.
  'pactExport', 'pactImport', 'uncertainty',
]);

/** The module that has `fn`: the core when it does, else the extras. */
async function moduleFor(fn) {
  await ready;
  return typeof core[fn] === 'function' ? core : loadExtras();
}

/** The committed JSON Schema of a document tag (`pcf/1`, `pcf-battery/1` …). */
async function schemaFile(tag) {
  const resp = await fetch(`schema/${encodeURIComponent(tag.replace('/', '-'))}.schema.json`);
  if (!resp.ok) throw new Error(`schema/${tag}: HTTP ${resp.status}`);
  return resp.json();
}

async function schemaCall(fn, args) {
  if (fn === 'schema') return schemaFile('pcf/1');
  await ready;
  const tpl = core.templates().find((x) => x.name === args[0]);
  // An unknown name: the engine's own error, from the module that has the schemas.
  if (!tpl) return (await loadExtras()).templates(...args);
  return schemaFile(tpl.tag);
}

/** The functions of both modules; the extras' JS bindings are read without instantiating them. */
async function exportsList() {
  await ready;
  const all = { ...(await import('./pkg/pcf_extras.js')), ...core };
  const value = [...CALLABLE].filter((k) => typeof all[k] === 'function');
  if (typeof all.UncertaintyRun === 'function') value.push('uncertaintyProgress');
  return value;
}

self.onmessage = async (ev) => {
  const { id, fn, args } = ev.data ?? {};
  const argv = Array.isArray(args) ? args : [];
  try {
    let value;
    if (fn === 'exports') {
      value = await exportsList();
    } else if (fn === 'schema' || (fn === 'templates' && argv[0] !== undefined && argv[0] !== null)) {
      value = await schemaCall(fn, argv);
    } else if (fn === 'uncertaintyProgress') {
      const pcf = await loadExtras();
      const [doc, runs, seed, threshold, tables] = argv;
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
    } else if (CALLABLE.has(fn)) {
      const pcf = await moduleFor(fn);
      if (typeof pcf[fn] !== 'function') throw new Error(`unknown function ${fn}`);
      value = pcf[fn](...argv);
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
