//! The full WebAssembly module: every JS export of pcf (the Node/JS package `pkg/`, and the
//! page's extras module, which its worker loads on the first call the first-load module
//! `pcf-wasm-page` cannot answer). Each export converts its JS arguments, makes one call into
//! the `pcf` library and converts the answer; errors become JS `Error` objects with `code`,
//! `path` and `message` (`pcf-wasm-common`).
#![cfg(target_arch = "wasm32")]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

use wasm_bindgen::prelude::*;

use pcf::factors::{FactorSet, FactorTable, Origin};
use pcf::{Error, ErrorReport};
use pcf_wasm_common::{core_error, js_error, object_out, parse_out};

/// A JS value's text (see `pcf_wasm_common::text_named`), strings through [`string_in`].
fn text_of(doc: &JsValue) -> Result<String, JsValue> {
    text_named(doc, "$")
}

/// As [`text_of`]; `path` names the text in a size or UTF-8 error (`$`, or a table's name).
fn text_named(doc: &JsValue, path: &str) -> Result<String, JsValue> {
    pcf_wasm_common::text_named(doc, path, string_in)
}

// The page's first-load module (pcf-wasm-page) reads a few KB per call and keeps
// wasm-bindgen's copy: string_in and its import cost it 327 bytes gzip.
#[wasm_bindgen]
extern "C" {
    /// The JS engine's own UTF-8 encoder (every target wasm-bindgen supports has it: its glue
    /// uses it too).
    type TextEncoder;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<TextEncoder, JsValue>;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, s: &js_sys::JsString) -> js_sys::Uint8Array;
}

thread_local! {
    static ENCODER: Option<TextEncoder> = TextEncoder::new().ok();
}

/// A JS string as UTF-8 in the module's memory. wasm-bindgen's own conversion copies a string
/// one UTF-16 unit at a time in a JS loop (66 ms for a 22 MB network file in Node 20); the JS
/// engine's `TextEncoder` encodes it natively and the bytes come in by one block copy (11 ms):
/// the same bytes (both write U+FFFD for a lone surrogate), so the same text.
fn string_in(s: &js_sys::JsString) -> String {
    ENCODER
        .with(|e| e.as_ref().map(|e| e.encode(s).to_vec()))
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| String::from(s))
}

/// A result as a JS object: its JSON text on one line (a quarter fewer bytes to copy, decode
/// and parse than the pretty text for a long audit trail) through `JSON.parse`, written by the
/// core's own result writer (`receipt::result_text`), not a generic one: a generic writer
/// would compile the result's serialiser a second time into this module.
fn result_out(result: &pcf::FootprintResult) -> Result<JsValue, JsValue> {
    parse_out(&pcf::receipt::result_text(result, b"").map_err(core_error)?)
}

/// The built-in set (borrowed: no copy per call) or the built-in set with user tables.
fn set_for(tables: &JsValue) -> Result<std::borrow::Cow<'static, FactorSet>, JsValue> {
    if tables.is_undefined() || tables.is_null() {
        return FactorSet::builtin()
            .map(std::borrow::Cow::Borrowed)
            .map_err(core_error);
    }
    let arr: js_sys::Array = tables.clone().dyn_into().map_err(|_| {
        js_error(&ErrorReport {
            message_zh: None,
            code: "invalid_value".into(),
            path: "tables".into(),
            message: "user tables must be an array of {name, text}".into(),
        })
    })?;
    let mut user = Vec::new();
    for (i, t) in arr.iter().enumerate() {
        let get = |k: &str| {
            js_sys::Reflect::get(&t, &k.into())
                .ok()
                .and_then(|v| v.as_string())
                .ok_or_else(|| {
                    js_error(&ErrorReport {
                        message_zh: None,
                        code: "invalid_value".into(),
                        path: format!("tables[{i}].{k}"),
                        message: format!("user table {i} needs a string {k}"),
                    })
                })
        };
        let name = get("name")?;
        // The text: a string, or the file's bytes (Uint8Array, checked as UTF-8).
        let text = match js_sys::Reflect::get(&t, &"text".into()) {
            Ok(v) if v.is_instance_of::<js_sys::Uint8Array>() => text_named(&v, &name)?,
            _ => get("text")?,
        };
        // `override`: absent (false) or a boolean; anything else (`"true"`, 1) is an error,
        // not a silent `false`.
        let bad_override = || {
            js_error(&ErrorReport {
                message_zh: None,
                code: "invalid_value".into(),
                path: format!("tables[{i}].override"),
                message: format!("user table {i}: override must be true or false"),
            })
        };
        let v = js_sys::Reflect::get(&t, &"override".into()).map_err(|_| bad_override())?;
        let overrides = if v.is_undefined() || v.is_null() {
            false
        } else {
            v.as_bool().ok_or_else(bad_override)?
        };
        let origin = Origin::User { overrides };
        let table = if name.to_ascii_lowercase().ends_with(".json") {
            FactorTable::from_json(&name, origin, &text)
        } else {
            FactorTable::from_csv(&name, origin, &text)
        }
        .map_err(core_error)?;
        user.push(table);
    }
    FactorSet::with_user_tables(user)
        .map(std::borrow::Cow::Owned)
        .map_err(core_error)
}

/// Computes a `pcf/1` document (object or JSON text); returns the result object.
/// `tables`: optional array of `{name, text, override?}` user factor tables (CSV or JSON by
/// name); a table replaces built-in factors with the same id only with `override: true`.
#[wasm_bindgen(js_name = compute)]
pub fn compute(doc: JsValue, tables: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&doc)?;
    let set = set_for(&tables)?;
    result_out(&pcf::compute(&text, &set).map_err(core_error)?)
}

/// Computes a document; returns the result as JSON text, byte-identical to `pcf compute`.
#[wasm_bindgen(js_name = computeJson)]
pub fn compute_json(doc: JsValue, tables: JsValue) -> Result<String, JsValue> {
    let text = text_of(&doc)?;
    let set = set_for(&tables)?;
    pcf::compute_json(&text, &set).map_err(core_error)
}

/// Computes many documents in one call: `text` is a JSON array of documents; returns
/// `[{index, result} | {index, error: {code, path, message}}]` in input order (one failing
/// document does not stop the others). `tables` as for `compute`.
#[wasm_bindgen(js_name = computeBatch)]
pub fn compute_batch(text: JsValue, tables: JsValue) -> Result<JsValue, JsValue> {
    // Taken as a JsValue so a text over the size limit is refused before it is copied in.
    let text = text_of(&text)?;
    let set = set_for(&tables)?;
    parse_out(&pcf::compute_batch_json(&text, &set).map_err(core_error)?)
}

/// Verifies a result file (object or JSON text) written by `pcf compute` or `computeJson`:
/// returns the `pcf-verify/1` report (`status` is `match` or `mismatch`). `tables`: the user
/// factor tables the result was computed with, as for `compute`.
#[wasm_bindgen(js_name = verify)]
pub fn verify(result: JsValue, tables: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&result)?;
    let set = set_for(&tables)?;
    let report = pcf::verify(&text, &set).map_err(core_error)?;
    parse_out(&pcf::to_json(&report).map_err(core_error)?)
}

/// Runs a certification scheme's pre-checks on a document (object or JSON text); returns the
/// `pcf-precheck/1` report. `scheme`: `iso14067`, `cn-label`, `eu-battery`,
/// `cn-battery-declaration`, `cbam-steel`, `fr-cre-pv`, `pact-v2` or `pact-v3` (which also
/// read a PACT footprint or a result as given); `tables` as for `compute`; `threshold`: the
/// threshold parameter for schemes with a choice (fr-cre-pv); `meta`: for the PACT schemes on
/// a study or result, the export's meta (object or JSON text).
#[wasm_bindgen(js_name = precheck)]
pub fn precheck(
    doc: JsValue,
    scheme: String,
    tables: JsValue,
    threshold: Option<String>,
    meta: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text_of(&doc)?;
    let set = set_for(&tables)?;
    let meta = optional_text(&meta)?;
    let options = pcf::precheck::Options { threshold, meta };
    let report =
        pcf::precheck::precheck_with(&text, &scheme, &options, &set).map_err(core_error)?;
    parse_out(&pcf::to_json(&report).map_err(core_error)?)
}

/// `undefined`/`null` → none; otherwise JSON text as for [`text_of`].
fn optional_text(v: &JsValue) -> Result<Option<String>, JsValue> {
    if v.is_undefined() || v.is_null() {
        Ok(None)
    } else {
        text_of(v).map(Some)
    }
}

/// Writes a document a certifier or regulator receives from a sealed result (object or JSON
/// text, from `compute`): `kind` `battery-passport`, `battery-declaration`,
/// `cbam-communication`, `cfp-report` or `label`; `format` `json`, `html`, `xlsx` or `svg`
/// (default: the kind's first, json; html for cfp-report; svg for label); `lang` `en` or `zh`
/// (an HTML page's or a label's language); `meta` (object or JSON text) what the result does
/// not know; `tables` the user factor tables the result was computed with; `uncertainty`
/// (object or JSON text) a `pcf uncertainty` report of the same study, for cfp-report. Returns
/// the document's text (JSON, HTML, SVG), or its bytes as a `Uint8Array` (xlsx): the bytes of
/// `pcf report`. Same code as `pcf report`.
#[wasm_bindgen(js_name = report)]
pub fn report(
    kind: String,
    result: JsValue,
    format: Option<String>,
    lang: Option<String>,
    meta: JsValue,
    tables: JsValue,
    uncertainty: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text_of(&result)?;
    let set = set_for(&tables)?;
    let options = pcf::reports::Options {
        format: format
            .map(|f| pcf::reports::Format::parse(&f))
            .transpose()
            .map_err(core_error)?,
        lang: lang
            .map(|l| pcf::reports::Lang::parse(&l))
            .transpose()
            .map_err(core_error)?
            .unwrap_or_default(),
        meta: optional_text(&meta)?,
        uncertainty: optional_text(&uncertainty)?,
    };
    let r = pcf::reports::report(&kind, &text, &options, &set).map_err(core_error)?;
    Ok(match &r.binary {
        Some(bytes) => js_sys::Uint8Array::from(bytes.as_slice()).into(),
        None => JsValue::from_str(&r.text),
    })
}

/// The kinds of document that apply to a sealed result (object or JSON text): what `report`
/// takes for it, in `pcf report`'s order.
#[wasm_bindgen(js_name = reportKinds)]
pub fn report_kinds(result: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&result)?;
    let kinds = pcf::reports::kinds_for_text(&text).map_err(core_error)?;
    parse_out(&pcf::to_json(&kinds).map_err(core_error)?)
}

/// Every kind of document `report` writes, in `pcf report`'s order:
/// `[{kind, applies_to, formats}]`, the default format first.
#[wasm_bindgen(js_name = reportFormats)]
pub fn report_formats() -> Result<JsValue, JsValue> {
    parse_out(&pcf::to_json(&pcf::reports::kind_infos()).map_err(core_error)?)
}

/// Checks an input document (object or JSON text: `pcf/1` or a sector template) against a
/// receipt: a sealed result, a report carrying one (`report`'s JSON, a label's SVG text), a
/// `pcf-receipt/1` object, or the result digest (a label's `#verify=` link). Returns the
/// `pcf-verify-document/1` report (`status` `match` or `mismatch`, `summary` the one line).
/// `tables`: the user factor tables the receipt's result was computed with. Same code as
/// `pcf verify --document`.
#[wasm_bindgen(js_name = verifyDocument)]
pub fn verify_document(
    doc: JsValue,
    receipt: JsValue,
    tables: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text_of(&doc)?;
    let receipt = text_of(&receipt)?;
    let set = set_for(&tables)?;
    let report = pcf::verify_document(&text, &receipt, &set).map_err(core_error)?;
    parse_out(&pcf::to_json(&report).map_err(core_error)?)
}

/// Exports a sealed result (object or JSON text, from `compute`) as a PACT ProductFootprint;
/// `spec`: `2` or `3` (also `"2"`, `"3.0"`); `meta`: optional object or JSON text with what the
/// result does not know (ids, company, product mass …). Same code as `pcf pact export`.
#[wasm_bindgen(js_name = pactExport)]
pub fn pact_export(result: JsValue, spec: JsValue, meta: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&result)?;
    let spec = spec_of(&spec)?;
    let meta = optional_text(&meta)?;
    parse_out(&pcf::pact::export_json(&text, spec, meta.as_deref()).map_err(core_error)?)
}

/// As `pactExport`, with what the footprint cannot say: `{footprint, conformant, warnings}`
/// (each warning `{code, path, message}`: a part the spec version has no field for, a
/// supplier figure crossing spec versions, figures that break an identity, a MUST broken on
/// request); `options`: optional `{nonConformant}` (write a footprint that breaks a MUST,
/// marked as not conformant). Same code as `pcf pact export [--non-conformant]`.
#[wasm_bindgen(js_name = pactExportReport)]
pub fn pact_export_report(
    result: JsValue,
    spec: JsValue,
    meta: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let report = export_report_of(&result, &spec, &meta, &options)?;
    parse_out(&pcf::to_json(&report).map_err(core_error)?)
}

/// As `pactExportReport`, the footprint as text: the bytes `pcf pact export [--non-conformant]`
/// prints (two-space indent, a final newline; numbers as the CLI writes them, which
/// `JSON.stringify` of the parsed footprint would not: v2's `0.0`). For a file to download.
#[wasm_bindgen(js_name = pactExportJson)]
pub fn pact_export_json(
    result: JsValue,
    spec: JsValue,
    meta: JsValue,
    options: JsValue,
) -> Result<String, JsValue> {
    let report = export_report_of(&result, &spec, &meta, &options)?;
    pcf::to_json(&report.footprint).map_err(core_error)
}

/// The export report of `pactExportReport` and `pactExportJson`: their arguments read once,
/// the same way.
fn export_report_of(
    result: &JsValue,
    spec: &JsValue,
    meta: &JsValue,
    options: &JsValue,
) -> Result<pcf::pact::ExportReport, JsValue> {
    let text = text_of(result)?;
    let spec = spec_of(spec)?;
    let meta = optional_text(meta)?;
    let opts = match optional_text(options)? {
        Some(t) => pcf::pact::ExportOptions::parse(&t).map_err(core_error)?,
        None => pcf::pact::ExportOptions::default(),
    };
    pcf::pact::export_report(&text, spec, meta.as_deref(), opts).map_err(core_error)
}

/// Every field the meta must give, or give right, for a PACT export of a sealed result (object
/// or JSON text) in `spec` (`2` or `3`), at once: `[{path, key, kind, code, message_en,
/// message_zh, suggestion?: {value, from}}]`, each with the path and code of the export's error
/// and the value the document states where it states one; `[]` when the meta gives what the
/// export needs. `meta`: optional object or JSON text, read as `pactExport` reads it.
#[wasm_bindgen(js_name = pactMetaNeeds)]
pub fn pact_meta_needs(result: JsValue, spec: JsValue, meta: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&result)?;
    let spec = spec_of(&spec)?;
    let meta = optional_text(&meta)?;
    let needs = pcf::pact::meta_needs(&text, spec, meta.as_deref()).map_err(core_error)?;
    parse_out(&pcf::to_json(&needs).map_err(core_error)?)
}

/// Checks a PACT footprint (object or JSON text; bare or in a response) against its spec
/// version: schema, the data model's rules and the identities between totals and parts;
/// `spec` (optional) the version it must be, `index` (optional) which footprint of a list.
/// Returns the report of `pcf pact check` (`conformant`: no MUST broken; `consistent`: the
/// totals and parts agree).
#[wasm_bindgen(js_name = pactCheck)]
pub fn pact_check(footprint: JsValue, spec: JsValue, index: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&footprint)?;
    let spec = if spec.is_undefined() || spec.is_null() {
        None
    } else {
        Some(spec_of(&spec)?)
    };
    let index = if index.is_undefined() || index.is_null() {
        None
    } else {
        let i = index
            .as_f64()
            .filter(|i| i.fract() == 0.0 && *i >= 0.0 && *i < 1e9);
        Some(
            i.ok_or_else(|| core_error(Error::invalid("index", "expected an index (0, 1 …)")))?
                as usize,
        )
    };
    let report = pcf::pact::check::check_report(&text, spec, index).map_err(core_error)?;
    parse_out(&pcf::to_json(&report).map_err(core_error)?)
}

/// A PACT spec version given as a number or text (`2`, `"3.0"` …).
fn spec_of(spec: &JsValue) -> Result<pcf::pact::Spec, JsValue> {
    let spec = spec
        .as_string()
        .or_else(|| spec.as_f64().map(|n| n.to_string()))
        .unwrap_or_default();
    pcf::pact::Spec::parse(&spec).map_err(core_error)
}

/// Imports a supplier's PACT footprint (object or JSON text, v2 or v3, bare or in a response)
/// as a `pcf/1` component; `options`: optional `{id, stage, amount, at, index}` as for
/// `pcf pact import`. Same code as the CLI.
#[wasm_bindgen(js_name = pactImport)]
pub fn pact_import(footprint: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&footprint)?;
    let opts = match optional_text(&options)? {
        Some(t) => pcf::pact::ImportOptions::parse(&t).map_err(core_error)?,
        None => pcf::pact::ImportOptions::default(),
    };
    parse_out(&pcf::pact::import_json(&text, &opts).map_err(core_error)?)
}

/// Adds a supplier's PACT footprint (object, JSON text or file bytes) to a product document
/// in one step: the component ([`pact_import`]'s) and a line using `options.amount` of it
/// (per the product's declared unit) at `options.stage`. `product`: JSON text (returned as
/// text with every other byte kept) or an object (stringified first); `options`: `{amount,
/// unit?, per?, stage?, id?, at?, index?}` as for `pcf pact import --into`. Returns the
/// product document as text. Same code as the CLI.
#[wasm_bindgen(js_name = pactImportInto)]
pub fn pact_import_into(
    footprint: JsValue,
    product: JsValue,
    options: JsValue,
) -> Result<String, JsValue> {
    let text = text_named(&footprint, "$pact")?;
    let doc = text_of(&product)?;
    let opts = match optional_text(&options)? {
        Some(t) => pcf::pact::IntoOptions::parse(&t).map_err(core_error)?,
        None => pcf::pact::IntoOptions::parse("{}").map_err(core_error)?,
    };
    pcf::pact::import_into(&text, &doc, &opts).map_err(core_error)
}

/// The stages a supplier line can take in a product document (object or JSON text): a
/// `pcf/1` document's boundary stages, or a template's stages that have a line list.
#[wasm_bindgen(js_name = pactImportStages)]
pub fn pact_import_stages(product: JsValue) -> Result<JsValue, JsValue> {
    let doc = text_of(&product)?;
    let stages = pcf::pact::into::stages(&doc).map_err(core_error)?;
    let text = serde_json::to_string(&stages)
        .map_err(|e| core_error(Error::invalid("$", e.to_string())))?;
    parse_out(&text)
}

/// Solves a `pcf-bench-system` network; returns its `pcf-bench-result` object.
#[wasm_bindgen(js_name = network)]
pub fn network(doc: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&doc)?;
    let out = pcf::network::network_json(&text, "input").map_err(core_error)?;
    parse_out(&out)
}

/// As `network`, the result as JSON text (compact): what `pcf network` writes, without the
/// final newline and with `input` = `"input"`. Text in, text out, like the CLI: no JS object
/// to build for a large network's supply map.
#[wasm_bindgen(js_name = networkJson)]
pub fn network_json(doc: JsValue) -> Result<String, JsValue> {
    let text = text_of(&doc)?;
    pcf::network::network_json(&text, "input").map_err(core_error)
}

/// Where a network's time goes inside the module: the medians of `runs` runs of each phase
/// (`{runs, parse_ms, matrix_ms, solve_only_ms, result_ms, solve_ms, serialise_ms}`, timed
/// with `performance.now()`), as `pcf network FILE --timings N` prints natively; what
/// `network` adds (the text's copy into the module, `JSON.parse` of the result) is the
/// caller's to time. For benchmarks (scripts/bench-wasm.mjs).
#[wasm_bindgen(js_name = networkTimings)]
pub fn network_timings(doc: JsValue, runs: u32) -> Result<JsValue, JsValue> {
    let text = text_of(&doc)?;
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into())?;
    let now: js_sys::Function = js_sys::Reflect::get(&performance, &"now".into())?.dyn_into()?;
    let clock = || {
        now.call0(&performance)
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(f64::NAN)
    };
    let phases = pcf::network::neutral::phase_timings(&text, "input", runs as usize, clock)
        .map_err(core_error)?;
    object_out(&phases)
}

/// Factor rows in effect (optionally only those matching every word of `query`); `tables`:
/// user factor tables layered on the built-in ones, as for `compute`.
#[wasm_bindgen(js_name = factors)]
pub fn factors(query: Option<String>, tables: JsValue) -> Result<JsValue, JsValue> {
    let set = set_for(&tables)?;
    let rows = match query {
        Some(q) => pcf::uncertainty::listing(set.search(&q)),
        None => pcf::uncertainty::listing(set.effective()),
    }
    .map_err(core_error)?;
    parse_out(&pcf::to_json(&rows).map_err(core_error)?)
}

/// Parameter rows (process energy, losses, CFF, cycles, thresholds, plausibility bands),
/// optionally only those whose id, names or source contain every word of `query`.
#[wasm_bindgen(js_name = parameters)]
pub fn parameters(query: Option<String>) -> Result<JsValue, JsValue> {
    let set = FactorSet::builtin().map_err(core_error)?;
    let rows = set.search_parameters(&query.unwrap_or_default());
    parse_out(&pcf::to_json(&rows).map_err(core_error)?)
}

/// The JSON Schema of the `pcf/1` document.
#[wasm_bindgen(js_name = schema)]
pub fn schema() -> Result<JsValue, JsValue> {
    parse_out(&pcf::schema_json().map_err(core_error)?)
}

/// The JSON Schema of a sector template by short name (`battery`, `steel` …); without a name,
/// the list of templates `[{name, tag}]`.
#[wasm_bindgen(js_name = templates)]
pub fn templates(name: Option<String>) -> Result<JsValue, JsValue> {
    match name {
        Some(n) => parse_out(&pcf::template_schema_json(&n).map_err(core_error)?),
        None => parse_out(&pcf::templates_json().map_err(core_error)?),
    }
}

/// The bilingual field labels of a sector template: `[{field, en, zh}]`.
#[wasm_bindgen(js_name = labels)]
pub fn labels(name: String) -> Result<JsValue, JsValue> {
    parse_out(&pcf::template_labels_json(&name).map_err(core_error)?)
}

/// `{engine, factor_set_sha256}`.
#[wasm_bindgen(js_name = version)]
pub fn version() -> Result<JsValue, JsValue> {
    pcf_wasm_common::version()
}

/// Computes a document like `compute` but without sealing it (no canonical input, no receipt):
/// the numbers and the audit trail, for recomputing live while a user types. Use `compute` or
/// `computeJson` for a result to keep, download or verify.
#[wasm_bindgen(js_name = computeUnsealed)]
pub fn compute_unsealed(doc: JsValue, tables: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&doc)?;
    let set = set_for(&tables)?;
    let result = pcf::compute_unsealed(&text, &set).map_err(core_error)?;
    result_out(&result)
}

/// The figures of a document without its audit trail (`pcf-totals/1`: `total_kg_co2e`,
/// `by_stage`, `by_class`, `removals_kg_co2e`, `by_gas`, `by_component`, `lines_kg_co2e`,
/// `warnings`), the same numbers as `compute`'s: what a page shows first while a user types
/// (a few KB to hand over instead of about 1 KB per line).
#[wasm_bindgen(js_name = computeTotals)]
pub fn compute_totals(doc: JsValue, tables: JsValue) -> Result<JsValue, JsValue> {
    let text = text_of(&doc)?;
    let set = set_for(&tables)?;
    object_out(&pcf::compute_totals(&text, &set).map_err(core_error)?)
}

// ---- Uncertainty (issue 10): Monte Carlo, at once or in steps for a progress bar ----

fn uncertainty_options(
    runs: u32,
    seed: f64,
    threshold: Option<f64>,
) -> Result<pcf::uncertainty::Options, JsValue> {
    // A JS number is exact up to 2^53 − 1; the CLI takes any u64, so seeds above that are
    // CLI-only.
    if !((0.0..=9_007_199_254_740_991.0).contains(&seed) && seed.fract() == 0.0) {
        return Err(js_error(&ErrorReport {
            message_zh: None,
            code: "invalid_value".into(),
            path: "seed".into(),
            message: format!("seed must be an integer from 0 to 2^53 − 1, got {seed}"),
        }));
    }
    Ok(pcf::uncertainty::Options {
        runs,
        seed: seed as u64,
        threshold,
    })
}

/// Monte Carlo uncertainty and ±10 % sensitivity of a document (object or JSON text, any
/// template): returns the `pcf-uncertainty/1` object, bit-identical to `pcf uncertainty FILE
/// --runs N --seed S [--threshold X]`. `tables` as for `compute`.
#[wasm_bindgen(js_name = uncertainty)]
pub fn uncertainty(
    doc: JsValue,
    runs: u32,
    seed: f64,
    threshold: Option<f64>,
    tables: JsValue,
) -> Result<JsValue, JsValue> {
    parse_out(&uncertainty_json(doc, runs, seed, threshold, tables)?)
}

/// As `uncertainty`, returning the JSON text (byte-identical to the CLI's output).
#[wasm_bindgen(js_name = uncertaintyJson)]
pub fn uncertainty_json(
    doc: JsValue,
    runs: u32,
    seed: f64,
    threshold: Option<f64>,
    tables: JsValue,
) -> Result<String, JsValue> {
    let text = text_of(&doc)?;
    let set = set_for(&tables)?;
    let options = uncertainty_options(runs, seed, threshold)?;
    pcf::uncertainty::run_json(&text, &set, options).map_err(core_error)
}

/// A Monte Carlo simulation run in steps, so a Web Worker can report progress:
/// `const r = new UncertaintyRun(doc, runs, seed, threshold, tables);
/// while (r.step(500) < r.runs) postMessage({done: r.done});
/// const report = r.finish();` — any step sizes give the same bits as `uncertainty()`.
#[wasm_bindgen]
pub struct UncertaintyRun {
    sim: Option<pcf::uncertainty::Simulation>,
    runs: u32,
}

#[wasm_bindgen]
impl UncertaintyRun {
    /// Computes the document and prepares the simulation (errors as for `uncertainty`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        doc: JsValue,
        runs: u32,
        seed: f64,
        threshold: Option<f64>,
        tables: JsValue,
    ) -> Result<UncertaintyRun, JsValue> {
        let text = text_of(&doc)?;
        let set = set_for(&tables)?;
        let options = uncertainty_options(runs, seed, threshold)?;
        let sim = pcf::uncertainty::Simulation::new(&text, &set, options).map_err(core_error)?;
        Ok(UncertaintyRun {
            sim: Some(sim),
            runs,
        })
    }

    /// Runs asked for.
    #[wasm_bindgen(getter)]
    pub fn runs(&self) -> u32 {
        self.runs
    }

    /// Runs done so far.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> u32 {
        self.sim.as_ref().map(|s| s.done()).unwrap_or(self.runs)
    }

    /// Does up to `max_runs` more runs; returns the runs done so far.
    pub fn step(&mut self, max_runs: u32) -> u32 {
        match self.sim.as_mut() {
            Some(s) => s.step(max_runs),
            None => self.runs,
        }
    }

    /// Completes the remaining runs and returns the `pcf-uncertainty/1` object (once).
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        parse_out(&self.finish_json()?)
    }

    /// As `finish`, returning the JSON text.
    #[wasm_bindgen(js_name = finishJson)]
    pub fn finish_json(&mut self) -> Result<String, JsValue> {
        let sim = self.sim.take().ok_or_else(|| {
            js_error(&ErrorReport {
                message_zh: None,
                code: "invalid_value".into(),
                path: "$".into(),
                message: "this simulation has already been finished".into(),
            })
        })?;
        let report = sim.finish().map_err(core_error)?;
        pcf::uncertainty::report_json(&report).map_err(core_error)
    }
}

/// A document prepared for recomputing as a user types: read and validated once, then
/// `setAmount(line, value)` changes one line (that line's checks and unit conversion) and
/// `totals()` recomputes every line and total from the prepared model — the same bits as
/// `computeTotals` of the edited document:
/// `const c = new Calculator(doc, tables); c.setAmount(3, 12.5); c.totals()`.
/// `line`: an index into the document's top-level `activities`, or a line's JSON path
/// (`"$.components[0].activities[2]"`). pcf/1 documents only (a template: `computeTotals`).
#[wasm_bindgen(js_name = Calculator)]
pub struct WasmCalculator {
    set: std::borrow::Cow<'static, FactorSet>,
    calc: pcf::calculator::Calculator,
}

#[wasm_bindgen(js_class = Calculator)]
impl WasmCalculator {
    /// Reads and validates the document (object, JSON text or UTF-8 bytes); errors as for
    /// `computeTotals`. `tables` as for `compute`.
    #[wasm_bindgen(constructor)]
    pub fn new(doc: JsValue, tables: JsValue) -> Result<WasmCalculator, JsValue> {
        let text = text_of(&doc)?;
        let set = set_for(&tables)?;
        let calc = pcf::calculator::Calculator::new(&text, &set).map_err(core_error)?;
        Ok(WasmCalculator { set, calc })
    }

    /// Sets one line's amount (a number in the line's unit). Errors as `computeTotals` gives
    /// for the document object with that value (`negative_amount` at `$.activities[3].amount`,
    /// an `uncertainty` range …; a value JSON cannot carry — NaN, ±Infinity, not a number — is
    /// `invalid_document` at that path, as `JSON.stringify` makes it null). On an error
    /// nothing changes.
    #[wasm_bindgen(js_name = setAmount)]
    pub fn set_amount(&mut self, line: JsValue, value: JsValue) -> Result<(), JsValue> {
        let path;
        let r = if let Some(i) = line.as_f64() {
            if !(i >= 0.0 && i.fract() == 0.0 && i <= u32::MAX as f64) {
                return Err(js_error(&ErrorReport {
                    message_zh: None,
                    code: "invalid_value".into(),
                    path: "line".into(),
                    message: format!("line {i} must be an activity index (0, 1, …) or a JSON path"),
                }));
            }
            pcf::calculator::LineRef::Activity(i as usize)
        } else if let Some(p) = line.as_string() {
            path = p;
            pcf::calculator::LineRef::Path(&path)
        } else {
            return Err(js_error(&ErrorReport {
                message_zh: None,
                code: "invalid_value".into(),
                path: "line".into(),
                message: "line must be an activity index or a line's JSON path".into(),
            }));
        };
        match value.as_f64() {
            Some(v) if v.is_finite() => self.calc.set_amount(r, v).map_err(core_error),
            _ => {
                // What `computeTotals` says of the document object with that value: JSON has
                // no NaN or infinity (`JSON.stringify` writes null) and reads only numbers.
                let at = self.calc.amount_path(r).map_err(core_error)?;
                Err(core_error(Error::InvalidDocument {
                    path: at,
                    detail: "amount must be a finite number (JSON has no NaN or infinity)".into(),
                }))
            }
        }
    }

    /// The figures (`pcf-totals/1`) of the document as it stands.
    pub fn totals(&self) -> Result<JsValue, JsValue> {
        object_out(&self.calc.totals(&self.set).map_err(core_error)?)
    }

    /// The document as it stands (with the amounts set so far), as an object.
    pub fn document(&self) -> Result<JsValue, JsValue> {
        object_out(self.calc.document())
    }

    /// Number of lines (activities and emissions of the product and its components).
    #[wasm_bindgen(getter, js_name = lineCount)]
    pub fn line_count(&self) -> u32 {
        u32::try_from(self.calc.line_count()).unwrap_or(u32::MAX)
    }
}
