// The engine runs here, off the main thread, so a large model never freezes the page.
// Protocol: the page (engine.js) first posts {init: the compiled core module}, then
// {id, fn, args}; the worker answers {id, ok: true, value} or
// {id, ok: false, error: {code, path, message}}. `fn` is one of the exports of the engine
// (compute is called as computeJson so the page keeps the exact sealed text) or `exports`
// (the list of functions this build has: the page enables optional features from it).
// `uncertaintyProgress` (args as `uncertainty`) runs the Monte Carlo in steps and posts
// {id, progress: {done, runs}} between them, then the report, so the page shows a progress bar;
// the steps give the same bytes as one call (UncertaintyRun).
//
// Two modules from the same crate (scripts/build-wasm.sh): the core (pkg/pcf.js: computeJson
// of a pcf/1 document with the built-in factor tables, version), compiled by the page at once
// for the first result, and the extras (pkg/pcf_extras.js: every function, the sector
// templates, user factor tables, factor search), loaded here on the first call the core cannot
// answer. Both run the same engine code, so a result is the same bytes from either. The
// template list, the labels, the input schemas and the built-in factor list (`templates`,
// `labels`, `schema`, `factors()`) are static files in schema/, made from the full module by
// the build (the same values the engine returns).
import init, * as core from './pkg/pcf.js';

performance.mark('pcf-worker-start');
// The core module arrives compiled from the page (engine.js: its first message,
// {init: WebAssembly.Module}, or {init: null} when the page could not compile it: then it is
// fetched here); calls that come before it wait for it.
let gotModule;
const ready = new Promise((resolve) => { gotModule = resolve; })
  .then((module) => init(module ? { module_or_path: module } : undefined))
  .then(() => performance.mark('pcf-core-ready'));
// While the page is still fetching its document, the engine reads its built-in tables (once per
// instance; `version` needs them too). A call already waiting runs first (this is a later task),
// and then finds them read.
ready.then(() => setTimeout(() => {
  try {
    core.version();
    performance.mark('pcf-core-warm');
  } catch { /* the call that needs them reports the engine's error */ }
}), () => {});
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
  'pactExport', 'pactExportReport', 'pactExportJson', 'pactMetaNeeds', 'pactImport', 'pactImportInto', 'pactImportStages', 'uncertainty',
  'verifyDocument', 'report', 'reportKinds', 'reportFormats',
]);

const hasTables = (t) => Array.isArray(t) && t.length > 0;

/** The schema tag of a document given as JSON text or object; undefined when it has none. */
function tagOf(doc) {
  try {
    const d = typeof doc === 'string' ? JSON.parse(doc.replace(/^\uFEFF/, '')) : doc;
    return typeof d?.schema === 'string' ? d.schema : undefined;
  } catch {
    return undefined; // not JSON: the core reports the engine's error
  }
}

/** The module for a call: the core when it can answer it, else the extras. */
async function moduleFor(fn, args) {
  await ready;
  if (typeof core[fn] !== 'function') return loadExtras();
  if (fn === 'computeJson') {
    if (hasTables(args[1])) return loadExtras();
    const tag = tagOf(args[0]);
    if (tag !== undefined && tag !== 'pcf/1') return loadExtras();
  }
  return core;
}

/** A static file of schema/ (see above), parsed. */
async function staticJson(file) {
  const resp = await fetch(`schema/${encodeURIComponent(file)}`);
  if (!resp.ok) throw new Error(`schema/${file}: HTTP ${resp.status}`);
  return resp.json();
}
let templateList = null;
const templateListOnce = () => (templateList ??= staticJson('templates.json').catch((e) => {
  templateList = null;
  throw e;
}));

/** `schema`, `templates`, `labels` and the built-in factor list (`factors()`) from the
 * static files; an unknown template name gets the engine's own error from the extras module. */
async function staticCall(fn, args) {
  if (fn === 'schema') return staticJson('pcf-1.schema.json');
  if (fn === 'factors') return staticJson('factors.json');
  const list = await templateListOnce();
  if (fn === 'templates' && (args[0] === undefined || args[0] === null)) return list;
  const tpl = list.find((x) => x.name === args[0]);
  if (!tpl) return (await loadExtras())[fn](...args);
  return staticJson(fn === 'labels' ? `labels-${tpl.name}.json` : `${tpl.tag.replace('/', '-')}.schema.json`);
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
  if (ev.data && 'init' in ev.data) {
    gotModule(ev.data.init);
    return;
  }
  const { id, fn, args } = ev.data ?? {};
  const argv = Array.isArray(args) ? args : [];
  try {
    let value;
    if (fn === 'exports') {
      value = await exportsList();
    } else if (fn === 'schema' || fn === 'templates' || fn === 'labels' || (fn === 'factors' && argv[0] == null && !hasTables(argv[1]))) {
      value = await staticCall(fn, argv);
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
      const pcf = await moduleFor(fn, argv);
      if (typeof pcf[fn] !== 'function') throw new Error(`unknown function ${fn}`);
      try {
        performance.mark(`pcf-call-${fn}`);
        value = pcf[fn](...argv);
        performance.mark(`pcf-return-${fn}`);
      } catch (e) {
        if (pcf !== core || e instanceof WebAssembly.RuntimeError) throw e;
        // A document the core leaves to the extras (a case the routing above did not see):
        // the core's error code `extras_module`. Any other error of the core comes without
        // its Chinese text (not in the first-load module): the extras give the same error with it.
        if (e?.code !== 'extras_module') {
          try { (await loadExtras())[fn](...argv); } catch (x) { if (x?.code === e.code && x.path === e.path) throw x; }
          throw e;
        }
        value = (await loadExtras())[fn](...argv);
      }
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
        message_zh: e?.message_zh,
      },
    });
  }
};
