// The package's API over the raw wasm-bindgen exports (crates/pcf-wasm/src/lib.rs). This file has no module
// syntax: scripts/build-pkg.sh wraps it three times (browser ES module, Node CommonJS; the Node
// ES module re-exports the CommonJS one, so `import` and `require` share one instance). The
// wrapper defines `raw()` (the bindings, or a `not_initialized` PcfError) before this file.
// Every function is one call across the JS/WASM boundary; nothing is computed here.

/** Codes of the engine's errors (crates/pcf-core/src/error.rs `Error::code`), listed in the README. */
const ENGINE_ERROR_CODES = Object.freeze([
  'malformed_json',
  'invalid_document',
  'unsupported_schema',
  'limit_exceeded',
  'non_finite',
  'negative_amount',
  'not_positive',
  'unknown_unit',
  'dimension_mismatch',
  'unknown_factor',
  'no_matching_factor',
  'unknown_component',
  'duplicate_id',
  'unknown_gas',
  'missing_gwp',
  'invalid_value',
  'unsolvable_network',
  'factor_conflict',
  'invalid_factor_table',
  'expired_footprint',
  'invalid_utf8',
  'non_finite_result',
]);

/** Codes the package itself raises (not the engine). */
const PACKAGE_ERROR_CODES = Object.freeze([
  'not_initialized', // a call before init() finished (browsers)
  'unsupported', // a function this build of the engine does not have (uncertainty)
  'invalid_argument', // a JS argument of the wrong type (path names the argument)
  'worker', // the Web Worker failed to start or died
  'internal', // the engine trapped (a bug: please report it with the input)
]);

/** Every code a PcfError can have. */
const ERROR_CODES = Object.freeze([...ENGINE_ERROR_CODES, ...PACKAGE_ERROR_CODES]);

/**
 * The one error class of the package: `code` (stable, see ERROR_CODES), `path` (the JSON path
 * of the field concerned, e.g. `$.activities[0].unit`, or a table location, or the argument
 * name) and `message`.
 */
class PcfError extends Error {
  constructor(code, path, message, options) {
    super(message, options);
    this.name = 'PcfError';
    this.code = code;
    this.path = path;
    // The engine's text in Chinese (every engine error has it; options.message_zh).
    if (typeof options?.message_zh === 'string') this.message_zh = options.message_zh;
  }

  /** A plain `{code, path, message[, message_zh]}` object (what crosses a worker's postMessage). */
  toJSON() {
    const r = { code: this.code, path: this.path, message: this.message };
    if (this.message_zh !== undefined) r.message_zh = this.message_zh;
    return r;
  }
}

// Any thrown value -> PcfError (engine errors carry code and path already).
function toPcfError(err) {
  if (err instanceof PcfError) return err;
  if (err && typeof err === 'object' && typeof err.code === 'string' && typeof err.path === 'string') {
    return new PcfError(err.code, err.path, String(err.message), { cause: err, message_zh: err.message_zh });
  }
  const message = err && err.message ? String(err.message) : String(err);
  return new PcfError('internal', '$', `the engine failed: ${message}`, { cause: err });
}

function call(fn) {
  try {
    return fn();
  } catch (err) {
    throw toPcfError(err);
  }
}

// User factor tables loaded with loadFactorTables(), used when a call passes no `tables`.
let loadedTables;

function tablesOf(options) {
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw new PcfError('invalid_argument', 'options', 'options must be an object such as {tables}');
  }
  const t = options && options.tables !== undefined ? options.tables : loadedTables;
  return t === undefined || t === null ? undefined : t;
}

// A document as JSON text: strings are taken as they are (the engine reads their exact bytes);
// a Uint8Array is a file's bytes, passed on for the engine to check as UTF-8 (invalid_utf8
// rather than U+FFFD where the file had other bytes).
function textOf(doc, name) {
  if (typeof doc === 'string' || doc instanceof Uint8Array) return doc;
  if (doc === undefined) {
    throw new PcfError('invalid_argument', name, `${name} is missing`);
  }
  let text;
  try {
    text = JSON.stringify(doc);
  } catch (err) {
    throw new PcfError('invalid_document', '$', `${name} cannot be converted to JSON (a cycle or a BigInt?)`, { cause: err });
  }
  if (typeof text !== 'string') {
    throw new PcfError('invalid_document', '$', `${name} is not JSON-serialisable`);
  }
  return text;
}

/** Computes a document (pcf/1 or a sector template; object or JSON text): a pcf-result/1 object. */
function compute(doc, options) {
  const text = textOf(doc, 'doc');
  const tables = tablesOf(options);
  return call(() => raw().compute(text, tables));
}

/**
 * Computes a document without sealing it (no canonical input, no receipt): the numbers and the
 * audit trail, for recomputing live while a user types. Use compute() for a result to keep.
 */
function computeUnsealed(doc, options) {
  const text = textOf(doc, 'doc');
  const tables = tablesOf(options);
  return call(() => optional('computeUnsealed')(text, tables));
}

/**
 * The figures of a document without its audit trail (a pcf-totals/1 object: total, by stage,
 * class, gas and component, each line's kg CO2e, warnings), the same bits as compute()'s:
 * what a page shows first while a user types. About 1 KB less per line to hand over.
 */
function computeTotals(doc, options) {
  const text = textOf(doc, 'doc');
  const tables = tablesOf(options);
  return call(() => optional('computeTotals')(text, tables));
}

/**
 * A pcf/1 document prepared for recomputing as a user types: read and validated once, then
 * `setAmount(line, value)` changes one line's amount (that line's checks only) and `totals()`
 * recomputes every line and total from the prepared model: the same bits as computeTotals()
 * of the edited document. `line`: an index into the document's top-level `activities`, or a
 * line's JSON path (`'$.components[0].emissions[1]'`). A refused edit (`negative_amount`,
 * `non_finite`, an `uncertainty` range it leaves …, at `….amount`) changes nothing.
 * `free()` releases its memory at once (otherwise when it is garbage-collected).
 */
class Calculator {
  #inner;

  constructor(doc, options) {
    const Raw = optional('Calculator');
    const text = textOf(doc, 'doc');
    const tables = tablesOf(options);
    this.#inner = call(() => new Raw(text, tables));
  }

  #live() {
    if (!this.#inner) throw new PcfError('invalid_argument', 'calculator', 'this calculator was freed');
    return this.#inner;
  }

  /** Sets one line's amount (a number in the line's unit); returns the calculator. */
  setAmount(line, value) {
    if (typeof line !== 'number' && typeof line !== 'string') {
      throw new PcfError('invalid_argument', 'line', 'line must be an activity index or a JSON path');
    }
    const c = this.#live();
    call(() => c.setAmount(line, value));
    return this;
  }

  /** The pcf-totals/1 figures of the document as it stands. */
  totals() {
    const c = this.#live();
    return call(() => c.totals());
  }

  /** The document as it stands (the amounts set so far written in), as an object. */
  document() {
    const c = this.#live();
    return call(() => c.document());
  }

  /** Number of lines (activities and emissions of the product and its components). */
  get lineCount() {
    return this.#live().lineCount;
  }

  /** Releases the engine's memory for this calculator; later calls throw. */
  free() {
    if (this.#inner) {
      this.#inner.free();
      this.#inner = undefined;
    }
  }
}

/** Computes a document; the result as JSON text, byte-identical to `pcf compute`. */
function computeJson(doc, options) {
  const text = textOf(doc, 'doc');
  const tables = tablesOf(options);
  return call(() => raw().computeJson(text, tables));
}

/**
 * Computes many documents in one call across the boundary. Returns one entry per document, in
 * order: `{index, ok: true, result}` or `{index, ok: false, error: PcfError}`; one bad document
 * does not stop the others.
 */
function batch(documents, options) {
  if (!Array.isArray(documents)) {
    throw new PcfError('invalid_argument', 'documents', 'batch() takes an array of documents');
  }
  const tables = tablesOf(options);
  const out = new Array(documents.length);
  const parts = [];
  const positions = [];
  documents.forEach((doc, i) => {
    if (doc instanceof Uint8Array) {
      // A file's bytes: computed alone (the engine checks them as UTF-8 first).
      try {
        out[i] = { index: i, ok: true, result: raw().compute(doc, tables) };
      } catch (err) {
        out[i] = { index: i, ok: false, error: toPcfError(err) };
      }
      return;
    }
    if (typeof doc === 'string') {
      try {
        JSON.parse(doc);
      } catch {
        // Not JSON: computed alone, so its error is the engine's own (line, column, path).
        try {
          out[i] = { index: i, ok: true, result: raw().compute(doc, tables) };
        } catch (err) {
          out[i] = { index: i, ok: false, error: toPcfError(err) };
        }
        return;
      }
      parts.push(doc);
    } else {
      try {
        parts.push(textOf(doc, `documents[${i}]`));
      } catch (err) {
        out[i] = { index: i, ok: false, error: toPcfError(err) };
        return;
      }
    }
    positions.push(i);
  });
  if (parts.length > 0) {
    const items = call(() => raw().computeBatch(`[${parts.join(',')}]`, tables));
    items.forEach((item, k) => {
      const i = positions[item.index !== undefined ? item.index : k];
      out[i] = item.error
        ? { index: i, ok: false, error: new PcfError(item.error.code, item.error.path, item.error.message, { message_zh: item.error.message_zh }) }
        : { index: i, ok: true, result: item.result };
    });
  }
  return out;
}

/**
 * Runs a certification scheme's pre-checks (`iso14067`, `cn-label`, `eu-battery`,
 * `cn-battery-declaration`, `cbam-steel`, `fr-cre-pv`, `pact-v2`, `pact-v3`): a
 * pcf-precheck/1 report. `options.threshold`: fr-cre-pv's threshold parameter;
 * `options.meta`: for the PACT schemes on a study or result, the export's meta.
 */
function precheck(doc, scheme, options) {
  const text = textOf(doc, 'doc');
  if (typeof scheme !== 'string') {
    throw new PcfError('invalid_argument', 'scheme', 'scheme must be a string such as "iso14067"');
  }
  const tables = tablesOf(options);
  const threshold = options && options.threshold !== undefined ? options.threshold : undefined;
  const meta = options && options.meta !== undefined ? textOf(options.meta, 'meta') : undefined;
  return call(() => raw().precheck(text, scheme, tables, threshold, meta));
}

/** Verifies a sealed result (object or JSON text): a pcf-verify/1 report (`status` match or mismatch). */
function verify(result, options) {
  const text = textOf(result, 'result');
  const tables = tablesOf(options);
  return call(() => raw().verify(text, tables));
}

/** Every factor row in effect (built-in plus loaded or given user tables). */
function listFactors(options) {
  const tables = tablesOf(options);
  return call(() => raw().factors(undefined, tables));
}

/** Factor rows matching every word of `query` (id, names, source …). */
function searchFactors(query, options) {
  if (typeof query !== 'string') {
    throw new PcfError('invalid_argument', 'query', 'query must be a string');
  }
  const tables = tablesOf(options);
  return call(() => raw().factors(query, tables));
}

/** `factors.list()` and `factors.search(query)`, the same as listFactors and searchFactors. */
const factors = Object.freeze({ list: listFactors, search: searchFactors });

/** Parameter rows (process energy, losses, CFF, cycles, thresholds …), optionally searched. */
function parameters(query) {
  return call(() => raw().parameters(query === undefined ? undefined : String(query)));
}

/**
 * Loads user factor tables (`[{name, text, override?}]`, CSV or JSON by the name's extension)
 * for every later call that passes no `tables` of its own. They are checked now: a malformed
 * table or a conflicting id without `override: true` throws here. Returns the rows the tables
 * add or change (an overriding row with the built-in row's id and new values). `loadFactorTables([])` or `clearFactorTables()` goes back to the built-in set.
 */
function loadFactorTables(tables) {
  if (!Array.isArray(tables)) {
    throw new PcfError('invalid_argument', 'tables', 'tables must be an array of {name, text, override?}');
  }
  const copy = tables.map((t) => (t && typeof t === 'object' ? { ...t } : t));
  const rows = call(() => raw().factors(undefined, copy));
  const builtin = new Set(call(() => raw().factors(undefined, undefined)).map((r) => JSON.stringify(r)));
  loadedTables = copy.length > 0 ? copy : undefined;
  return rows.filter((r) => !builtin.has(JSON.stringify(r)));
}

/** Forgets the tables of loadFactorTables(). */
function clearFactorTables() {
  loadedTables = undefined;
}

/** The user tables currently loaded (copies), or an empty array. */
function loadedFactorTables() {
  return loadedTables ? loadedTables.map((t) => ({ ...t })) : [];
}

/**
 * The JSON Schema of the `pcf/1` document, or of a sector template by short name (`battery`,
 * `ev`, `steel`, `pv`, `textile`).
 */
function getSchema(name) {
  if (name === undefined || name === 'pcf' || name === 'pcf/1') return call(() => raw().schema());
  return call(() => raw().templates(String(name)));
}

/** The sector templates: `[{name, tag}]`. */
function templates() {
  return call(() => raw().templates(undefined));
}

/** English and Chinese labels of a template's fields: `[{field, en, zh}]`. */
function labels(name) {
  return call(() => raw().labels(String(name)));
}

/** Solves a pcf-bench-system process network: a pcf-bench-result object. */
function network(system) {
  const text = textOf(system, 'system');
  return call(() => raw().network(text));
}

/**
 * As network(), the result as compact JSON text (what `pcf network` writes, `input` being
 * "input"): for a large network, no JS object with one key per process to build.
 */
function networkJson(system) {
  const text = textOf(system, 'system');
  return call(() => optional('networkJson')(text));
}

/** `{engine, factor_set_sha256, package}`: the engine, the built-in factor set's digest, this package. */
function versions() {
  const v = call(() => raw().version());
  return { engine: v.engine, factor_set_sha256: v.factor_set_sha256, package: PACKAGE_VERSION };
}

function optional(name) {
  const r = raw();
  if (typeof r[name] !== 'function') {
    throw new PcfError('unsupported', name, `${name} is not in this build of the engine (${r.version().engine})`);
  }
  return r[name];
}

function parsed(v) {
  return typeof v === 'string' ? JSON.parse(v) : v;
}

/**
 * Exports a sealed result (object or JSON text, from compute) as a PACT ProductFootprint:
 * `spec` `2` or `3` (also `"2"`, `"3.0"`); `meta`: what the result does not know (ids,
 * company, product mass …), as for `pcf pact export`. `unsupported` in engines without PACT.
 */
function pactExport(result, spec, meta) {
  const f = optional('pactExport');
  const text = textOf(result, 'result');
  const metaText = meta === undefined || meta === null ? undefined : textOf(meta, 'meta');
  return call(() => parsed(f(text, spec, metaText)));
}

/**
 * As pactExport(), with what the footprint cannot say: `{footprint, conformant, warnings}`,
 * each warning `{code, path, message}` (`part_not_carried`, `spec_crossing`, `supplier_finding`,
 * `dqi_partial`, `not_conformant`). `options`: `{nonConformant}` writes a footprint that breaks a MUST of the
 * spec, marked as not conformant, instead of throwing. As `pcf pact export [--non-conformant]`.
 */
function pactExportReport(result, spec, meta, options) {
  const f = optional('pactExportReport');
  const text = textOf(result, 'result');
  const metaText = meta === undefined || meta === null ? undefined : textOf(meta, 'meta');
  const opts = options === undefined || options === null ? undefined : textOf(options, 'options');
  return call(() => parsed(f(text, spec, metaText, opts)));
}

/**
 * As pactExportReport(), the footprint as text: the bytes `pcf pact export [--non-conformant]`
 * prints (two-space indent, a final newline, numbers as the CLI writes them), for a file.
 */
function pactExportJson(result, spec, meta, options) {
  const f = optional('pactExportJson');
  const text = textOf(result, 'result');
  const metaText = meta === undefined || meta === null ? undefined : textOf(meta, 'meta');
  const opts = options === undefined || options === null ? undefined : textOf(options, 'options');
  return call(() => f(text, spec, metaText, opts));
}

/**
 * Every field the meta must give, or give right, for a PACT export of a sealed result in `spec`
 * (`2` or `3`), at once: `[{path, key, kind, code, message_en, message_zh, suggestion?}]`, each
 * with the path and code of pactExport()'s error for it (the first need is that error), its
 * message in English and Chinese, and `suggestion: {value, from}` where the result's document
 * states the value (a garment's or vehicle's mass, the study's standards). `[]`: the meta gives
 * what the export needs. `unsupported` in engines without PACT.
 */
function pactMetaNeeds(result, spec, meta) {
  const f = optional('pactMetaNeeds');
  const text = textOf(result, 'result');
  const metaText = meta === undefined || meta === null ? undefined : textOf(meta, 'meta');
  return call(() => parsed(f(text, spec, metaText)));
}

/**
 * Checks a PACT footprint (object or JSON text; bare or in an API response) against its spec
 * version: the schema, the data model's rules (validity period, v2's 5 % exemption limit) and
 * the identities between totals and parts. Returns the report of `pcf pact check`
 * (`conformant`: no MUST broken; `consistent`: the totals and parts agree); `options`:
 * `{spec, index}`.
 */
function pactCheck(footprint, options) {
  const f = optional('pactCheck');
  const text = textOf(footprint, 'footprint');
  const o = options || {};
  return call(() => parsed(f(text, o.spec, o.index)));
}

/**
 * Imports a supplier's PACT footprint (object or JSON text; v2 or v3, bare or in an API
 * response) as a pcf/1 component with a declared footprint and its `pact` provenance, ready to
 * put in `components`. `options`: `{id, stage, amount, at, index}` as for `pcf pact import`.
 * `unsupported` in engines without PACT.
 */
function pactImport(footprint, options) {
  const f = optional('pactImport');
  const text = textOf(footprint, 'footprint');
  const opts = options === undefined || options === null ? undefined : textOf(options, 'options');
  return call(() => parsed(f(text, opts)));
}

/**
 * Adds a supplier's PACT footprint to a product document in one step (`pcf pact import
 * --into`): the component pactImport() makes, appended to `components`, and a line using
 * `options.amount` of it (per the product's declared unit) at `options.stage`. `options`:
 * `{amount, unit?, per?, stage?, id?, at?, index?}` (`amount` required: `"2.5 kg"`, or a
 * number with `unit`; `per`: the quantity the footprint is stated per, pactImport's `amount`).
 * A product given as text (or bytes) comes back as text with every other byte kept; an
 * object comes back as an object. `unsupported` in engines without PACT.
 */
function pactImportInto(footprint, product, options) {
  const f = optional('pactImportInto');
  const text = textOf(footprint, 'footprint');
  const doc = textOf(product, 'product');
  const opts = options === undefined || options === null ? undefined : textOf(options, 'options');
  const out = call(() => f(text, doc, opts));
  return typeof product === 'string' || product instanceof Uint8Array ? out : JSON.parse(out);
}

/**
 * The stages a supplier line can take in a product document (object or JSON text): a pcf/1
 * document's boundary stages, or the stages of a template that have a line list.
 */
function pactImportStages(product) {
  const f = optional('pactImportStages');
  const doc = textOf(product, 'product');
  return call(() => f(doc));
}

/**
 * Monte Carlo uncertainty and ±10 % sensitivity of a document's footprint (the
 * pcf-uncertainty/1 report of `pcf uncertainty`): `{runs, seed, threshold?, tables?}`; the same
 * seed gives the same bits everywhere. Throws `unsupported` in engines without it.
 */
function uncertainty(doc, options) {
  const f = optional('uncertainty');
  const text = textOf(doc, 'doc');
  const o = options || {};
  const tables = tablesOf(o);
  return call(() => parsed(f(text, o.runs, o.seed, o.threshold, tables)));
}

/** As uncertainty(), the report as JSON text, byte-identical to `pcf uncertainty`. */
function uncertaintyJson(doc, options) {
  const f = optional('uncertaintyJson');
  const text = textOf(doc, 'doc');
  const o = options || {};
  const tables = tablesOf(o);
  return call(() => f(text, o.runs, o.seed, o.threshold, tables));
}

/**
 * Writes a document a certifier or regulator receives from a sealed result (object or JSON
 * text, from compute): `kind` `battery-passport` (the Battery Pass carbon-footprint
 * attributes, JSON), `battery-declaration` (EU Battery Regulation art. 7(1) with the MIIT
 * declaration figures, JSON or HTML), `cbam-communication` (the CBAM emissions communication
 * of a steel installation to EU importers, JSON or xlsx), `cfp-report` (the ISO 14067 /
 * GB/T 24067 CFP study report of any result, HTML or JSON) or `label` (a carbon label, SVG).
 * `options`: `{format, lang, meta, tables, uncertainty}` — `format` `json`, `html`, `xlsx` or
 * `svg`, `lang` `en` or `zh`, `meta` what the result does not know (object or JSON text; see
 * pcf's docs/reports.md), `tables` as for compute, `uncertainty` a pcf-uncertainty/1 report of
 * the same study (object or JSON text; cfp-report). Returns the document's text (JSON, HTML,
 * SVG), or its bytes as a Uint8Array (xlsx): the bytes of `pcf report`. `unsupported` in
 * engines without it.
 */
function report(kind, result, options) {
  const f = optional('report');
  if (typeof kind !== 'string') {
    throw new PcfError('invalid_argument', 'kind', 'kind must be a string such as "battery-passport"');
  }
  const text = textOf(result, 'result');
  const o = options || {};
  const tables = tablesOf(o);
  const meta = o.meta === undefined || o.meta === null ? undefined : textOf(o.meta, 'meta');
  const run = o.uncertainty === undefined || o.uncertainty === null ? undefined : textOf(o.uncertainty, 'uncertainty');
  return call(() => f(kind, text, o.format, o.lang, meta, tables, run));
}

/** The kinds of document report() writes for a sealed result (object or JSON text). */
function reportKinds(result) {
  const f = optional('reportKinds');
  const text = textOf(result, 'result');
  return call(() => f(text));
}

/**
 * Every kind of document report() writes, in `pcf report`'s order: `[{kind, applies_to,
 * formats}]`, the default format first (what a portal offers a button for).
 */
function reportFormats() {
  const f = optional('reportFormats');
  return call(() => f());
}

/**
 * Checks an input document (object or JSON text) against a receipt: a sealed result, a report
 * carrying one (report()'s JSON, a label's SVG text), a pcf-receipt/1 object, or the result
 * digest (a label's `#verify=` link). The document is computed with the built-in tables (and
 * `options.tables`) and its input digest, factor set and result digest compared with the
 * receipt's: a pcf-verify-document/1 report (`status` match or mismatch, `summary` the one
 * line of `pcf verify --document`). `unsupported` in engines without it.
 */
function verifyDocument(doc, receipt, options) {
  const f = optional('verifyDocument');
  const text = textOf(doc, 'doc');
  const r = textOf(receipt, 'receipt');
  const tables = tablesOf(options);
  return call(() => f(text, r, tables));
}

/** Whether the engine has a function (`pactExport`, `pactImport`, `uncertainty` …). */
function supports(name) {
  try {
    return typeof raw()[name] === 'function';
  } catch {
    return false;
  }
}
