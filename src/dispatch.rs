//! Reading a document's text by its `schema` tag and computing it: a `pcf/1` document through
//! the core (`compute_document`), a sector template through its [`crate::sectors`] driver;
//! sealing ([`crate::receipt`]), verifying, the totals, batches. The crate root re-exports
//! the entry points (`pcf::compute` …).

use crate::sectors;
use crate::{calculator, compute_document, document, engine, json, model, receipt, result};
use crate::{Error, FactorSet, FootprintResult, Result};

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
