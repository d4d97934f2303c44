//! pcf: a product carbon footprint engine — the library users depend on.
//!
//! This crate is the domain layer (sector templates, PACT exchange, pre-check schemes,
//! uncertainty, batch records, the template dispatch behind [`compute`]) over the core crate
//! `pcf-core` (units, the `pcf/1` document, factor tables, GWP, the engine, the network solver,
//! the result, receipts), whose modules it re-exports under their old paths (`pcf::model`,
//! `pcf::FactorSet` …). It takes documents as text and returns values: no file or network
//! I/O, nothing of JS. The shells over it are their own crates: the `pcf` binary
//! (crates/pcf-cli) and the WebAssembly modules (crates/pcf-wasm, crates/pcf-wasm-page).
//!
//! ```
//! let doc = r#"{
//!   "schema": "pcf/1",
//!   "product": {"name": "demo", "sector": "other", "declared_unit": {"amount": 1, "unit": "item"}},
//!   "gwp_set": "AR6",
//!   "boundary": {"kind": "cradle-to-gate", "stages": ["production"]},
//!   "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
//!   "activities": [{"amount": 10, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production"}]
//! }"#;
//! let set = pcf::FactorSet::builtin().unwrap();
//! let result = pcf::compute(doc, set).unwrap();
//! assert_eq!(result.total_kg_co2e, 10.0 * 0.6205);
//! ```
#![warn(missing_docs)]
// No panic reachable from input (ARCHITECTURE.md, invariants): the core returns an `Error` naming
// the JSON path instead. Tests (cfg(test)) may unwrap; a site that cannot fail carries a narrow
// `#[allow]` with a `reason` proving why.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented,
    )
)]
// The core (crates/pcf-core), under the paths it had before it became its own crate
// (`pcf::model`, `pcf::FactorSet` …): the domain modules below name it `crate::…` as before.
pub use pcf_core::{
    compute_document, dates, document, engine, error, factors, gwp, json, model, network, numbers,
    parts, receipt, result, units,
};
pub use pcf_core::{engine_name, Error, ErrorReport, FactorSet, FootprintResult, JsonPath, Result};

pub mod batch;
pub mod calculator;
pub mod pact;
pub mod precheck;
pub mod sectors;
pub mod uncertainty;

#[cfg(test)]
mod core_tests;

/// Computes the footprint of a document given as JSON text: a `pcf/1` document, or a sector
/// template (`pcf-battery/1`, `pcf-steel/1` … see [`sectors::TEMPLATES`]), chosen by its
/// `schema` field.
///
/// The result is sealed: it carries the canonical input and a verification receipt
/// ([`receipt`]), so the result file alone is enough for [`verify`].
pub fn compute(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    // A `pcf/1` document is read once: the typed document and the tree the receipt seals come
    // from one parse. Anything else (a template, an input in error) takes the path below,
    // which reads the text for each, so its result or error is the same as ever
    // (tests/parse_once.rs). Native only: in WebAssembly, reading the document from the tree is
    // a second copy of the document's deserialiser in the module (+29 KB gzip in the page's
    // core module, +31 KB in the extras), which costs a page or a portal more to fetch than
    // the 3 % of a sealed compute it saves.
    #[cfg(not(target_arch = "wasm32"))]
    if json::check_size(text).is_ok() {
        if let Some((doc, input)) = json::parse_object_and_value::<document::Document>(text) {
            if doc.schema == document::SCHEMA_TAG {
                let mut result = compute_document(doc, factors)?;
                receipt::seal(&mut result, input)?;
                return Ok(result);
            }
        }
    }
    let mut result = compute_unsealed(text, factors)?;
    receipt::seal(&mut result, receipt::input_value(text)?)?;
    Ok(result)
}

/// Verifies a sealed result file against a recomputation with `factors` by [`compute`] (any
/// document or sector template); see [`receipt::verify_with`].
pub fn verify(result_text: &str, factors: &FactorSet) -> Result<receipt::VerifyReport> {
    receipt::verify_with(result_text, factors, compute)
}

/// Computes the footprint like [`compute`] without sealing it (no canonical input, no
/// receipt): the number and its audit trail only, for live recomputation while a user types.
/// A result meant to be kept or verified comes from [`compute`].
pub fn compute_unsealed(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    match read(text)? {
        Read::Document(doc) => compute_document(*doc, factors),
        Read::Template(template) => (template.compute)(text, factors),
    }
}

/// Computes the figures of a document without its audit trail ([`result::Totals`]: totals per
/// stage, class, gas and group, and each line's kg CO2e), the same bits as [`compute`]'s: what
/// a page recomputing as a user types needs first. A `pcf/1` document skips building the
/// audit trail; a sector template is computed in full and summarised.
pub fn compute_totals(text: &str, factors: &FactorSet) -> Result<result::Totals> {
    match read(text)? {
        Read::Document(doc) => {
            let model = model::Model::new(*doc, factors)?;
            let supply = engine::supply(&model)?;
            let footprint = engine::characterize(&model, factors, supply)?;
            Ok(result::totals(&model, &footprint))
        }
        Read::Template(template) => Ok(result::Totals::of(&(template.compute)(text, factors)?)),
    }
}

impl calculator::Calculator {
    /// Reads and validates a `pcf/1` document (the same reading and checks, with the same
    /// errors, as [`compute_totals`]). A sector template is refused
    /// (`unsupported_schema` at `$.schema`): compute it with `compute_totals`.
    ///
    /// Defined here, not in [`calculator`], because reading a text dispatches on the sector
    /// templates, which the core modules do not know.
    pub fn new(text: &str, factors: &FactorSet) -> Result<calculator::Calculator> {
        match read(text)? {
            Read::Document(doc) => calculator::Calculator::from_document(*doc, factors),
            Read::Template(t) => Err(calculator::Calculator::template_refused(t.tag)),
        }
    }
}

/// A document read by its `schema` tag.
pub(crate) enum Read {
    Document(Box<document::Document>),
    Template(&'static sectors::Template),
}

/// Reads `text` as a `pcf/1` document, or finds the sector template its `schema` names.
/// A `pcf/1` document is parsed once: a template's text fails as a `Document` (or parses with
/// the template's tag), and only then is its tag looked for; a text that is neither keeps the
/// `Document` parse's error.
pub(crate) fn read(text: &str) -> Result<Read> {
    json::check_size(text)?;
    // Instantiated here, in the crate that also reads the sector templates (whose documents
    // share the `pcf/1` types): pcf-core's `document::parse` would be a second copy of the
    // shared types' readers in the full WASM module (the page's first-load module,
    // crates/pcf-wasm-page, without the templates, uses `document::parse`: one copy, the
    // core's, with its other readers).
    let error = match json::parse_object::<document::Document>(text) {
        Ok(doc) => {
            return Ok(match sectors::by_tag(&doc.schema) {
                Some(template) => Read::Template(template),
                None => Read::Document(Box::new(doc)),
            })
        }
        Err(e) => e,
    };
    match document::schema_tag(text)
        .as_deref()
        .and_then(sectors::by_tag)
    {
        Some(template) => Ok(Read::Template(template)),
        None => Err(error),
    }
}

/// Computes and writes the result as pretty JSON with a final newline: the exact text the CLI
/// prints, the WASM `computeJson` returns and the golden `expected.json` files hold.
pub fn compute_json(text: &str, factors: &FactorSet) -> Result<String> {
    receipt::to_pretty_json(&compute(text, factors)?)
}

/// Computes many documents given as one JSON array (`[doc, doc, …]`) in one call: the WASM
/// `computeBatch` behind the JS package's `batch`. Each element is computed from its own text,
/// exactly as [`compute_json`] would (so the figures are the same bits), and fails alone.
///
/// Returns compact JSON text, one entry per element in order:
/// `[{"index": 0, "result": {…pcf-result/1…}}, {"index": 1, "error": {"code", "path", "message"}}]`;
/// an element's error path is inside that element's own document (`$.activities[0].unit`).
/// Errors only when the text is not a JSON array (`invalid_document` at `$`) or too large.
pub fn compute_batch_json(text: &str, factors: &FactorSet) -> Result<String> {
    json::check_size(text)?;
    let items: Vec<Box<serde_json::value::RawValue>> =
        serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|e| {
            Error::InvalidDocument {
                path: "$".into(),
                detail: format!("a batch is a JSON array of documents: {e}"),
            }
        })?;
    let mut out = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("{{\"index\":{i},"));
        match compute_json(item.get(), factors) {
            Ok(result) => {
                out.push_str("\"result\":");
                out.push_str(result.trim_end());
            }
            Err(e) => {
                out.push_str("\"error\":");
                let report =
                    serde_json::to_string(&e.report()).map_err(|e| Error::NonFiniteResult {
                        path: "$".into(),
                        what: e.to_string(),
                    })?;
                out.push_str(&report);
            }
        }
        out.push('}');
    }
    out.push_str("]\n");
    Ok(out)
}

/// Pretty JSON with a final newline (the one output format of the core).
pub fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    let mut s = receipt::jcs::to_pretty(value, b"  ").map_err(|e| Error::NonFiniteResult {
        path: "$".into(),
        what: e.to_string(),
    })?;
    s.push('\n');
    Ok(s)
}

fn template(name: &str) -> Result<&'static sectors::Template> {
    sectors::by_name(name).ok_or_else(|| {
        let known: Vec<&str> = sectors::TEMPLATES.iter().map(|t| t.name).collect();
        Error::invalid(
            "template",
            format!("unknown template {name:?}; known: {}", known.join(", ")),
        )
    })
}

/// The JSON Schema of a sector template (`pcf schema <name>`), as pretty JSON with a final
/// newline.
pub fn template_schema_json(name: &str) -> Result<String> {
    Ok(template(name)?.schema.to_string())
}

/// The sector templates as pretty JSON: `[{"name", "tag"}, …]`.
pub fn templates_json() -> Result<String> {
    let list: Vec<serde_json::Value> = sectors::TEMPLATES
        .iter()
        .map(|t| serde_json::json!({"name": t.name, "tag": t.tag}))
        .collect();
    to_json(&list)
}

/// The bilingual field labels of a sector template (its own and the common ones), as pretty
/// JSON with a final newline: `[{"field", "en", "zh"}, …]`.
pub fn template_labels_json(name: &str) -> Result<String> {
    let t = template(name)?;
    let all: Vec<&sectors::Label> = sectors::COMMON_LABELS.iter().chain(t.labels).collect();
    to_json(&all)
}

/// The JSON Schema of the `pcf/1` document, as pretty JSON with a final newline.
pub fn schema_json() -> Result<String> {
    Ok(include_str!("../schema/pcf-1.schema.json").to_string())
}

/// The JSON Schemas generated from the types, as `(file name, pretty JSON)`: the input
/// documents (`pcf/1` and the templates) and the outputs (result, pre-check and verify
/// reports, error) — what the committed `schema/*.schema.json` files must equal (`tests/schema.rs`; native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn generated_schemas() -> Result<Vec<(String, String)>> {
    let mut out = vec![(
        "pcf-1.schema.json".to_string(),
        to_json(&document::json_schema())?,
    )];
    for t in sectors::TEMPLATES {
        out.push((
            format!("{}.schema.json", t.tag.replace('/', "-")),
            to_json(&(t.generate)())?,
        ));
    }
    // The output documents (serialisation contract: a field written only when present is
    // optional). Used for the JS package's TypeScript declarations, not by the WASM build.
    fn output<T: schemars::JsonSchema>() -> schemars::Schema {
        schemars::generate::SchemaSettings::default()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<T>()
    }
    for (file, schema) in [
        ("pcf-result-1.schema.json", output::<FootprintResult>()),
        (
            "pcf-precheck-1.schema.json",
            output::<precheck::PrecheckReport>(),
        ),
        (
            "pcf-verify-1.schema.json",
            output::<receipt::VerifyReport>(),
        ),
        ("pcf-error.schema.json", output::<ErrorReport>()),
        ("pcf-totals-1.schema.json", output::<result::Totals>()),
    ] {
        out.push((file.to_string(), to_json(&schema)?));
    }
    Ok(out)
}
