//! The page's first-load WebAssembly module: what the calculator needs for its first result,
//! and nothing else. `computeJson` computes a `pcf/1` document with the built-in factor
//! tables; `version` names the engine and the tables. Everything else (a sector template's
//! document, user factor tables, verify, pre-checks, PACT, uncertainty …) is the extras module
//! (`pcf-wasm`, the full build), which the page's worker loads on the first call this one
//! answers with `extras_module` (www/worker.js).
//!
//! It depends on `pcf-core` alone, so no domain code can reach it; it builds `pcf-core` without
//! its `wasm-extras` feature (the values-only GWP table and the parameter table's digest,
//! crates/pcf-core/build.rs; serde_json without `float_roundtrip`, so only texts whose numbers
//! its default reader reads exactly: `json::first_inexact_number`). A `pcf/1` document gives
//! the same bytes here as in the full module, `pcf compute` and the goldens (tests/node,
//! tests/e2e).
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

use pcf_core::{document, json, receipt, Error, FactorSet};
use pcf_wasm_common::{builtin, core_error};
use wasm_bindgen::prelude::*;

/// The built-in set only: a call with user tables goes to the extras module.
fn set_for(tables: &JsValue) -> Result<&'static FactorSet, JsValue> {
    if tables.is_undefined() || tables.is_null() {
        return builtin();
    }
    Err(core_error(Error::ExtrasModule {
        path: "tables".into(),
        detail: "user tables are read by the page's extras module, not this build".into(),
    }))
}

/// A `pcf/1` document's sealed result as pretty JSON: any other `schema` tag is an
/// `extras_module` error naming the tag (no template code is linked into this module), and so
/// is a number that serde_json's default float reader (this module has no `float_roundtrip`)
/// might read to other bits than the other builds: the extras module reads it exactly.
fn compute_json_text(text: &str, set: &FactorSet) -> pcf_core::Result<String> {
    json::check_size(text)?;
    if let Some(t) = document::schema_tag(text).filter(|t| t != document::SCHEMA_TAG) {
        return Err(Error::ExtrasModule {
            path: "$.schema".into(),
            detail: format!("{t:?} is computed by the page's extras module, not this build"),
        });
    }
    // After the tag, so a template keeps its error. The tag is the same with either float
    // reader: other fields' numbers are skipped unread, and a number as `schema` is no tag
    // whether it reads or fails.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(end) = json::first_inexact_number(body) {
        return Err(Error::ExtrasModule {
            path: json::path_before(body, end, false),
            detail: "a number this module's reader may not read exactly (a significand past \
                     2^53 or a power of ten past 22): the extras module reads it exactly"
                .into(),
        });
    }
    let mut result = pcf_core::compute_document(document::parse(text)?, set)?;
    receipt::seal(&mut result, receipt::input_value(text)?)?;
    receipt::to_pretty_json(&result)
}

/// Computes a `pcf/1` document (object or JSON text) with the built-in tables; returns the
/// result as JSON text, byte-identical to `pcf compute`.
#[wasm_bindgen(js_name = computeJson)]
pub fn compute_json(doc: JsValue, tables: JsValue) -> Result<String, JsValue> {
    let text = pcf_wasm_common::text_named(&doc, "$", pcf_wasm_common::string_copy)?;
    let set = set_for(&tables)?;
    compute_json_text(&text, set).map_err(core_error)
}

/// `{engine, factor_set_sha256}`.
#[wasm_bindgen(js_name = version)]
pub fn version() -> Result<JsValue, JsValue> {
    pcf_wasm_common::version()
}
