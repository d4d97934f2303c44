//! pcf: a product carbon footprint engine.
//!
//! The library is the pure core: it takes documents as text and returns values. It does no
//! file or network I/O and knows nothing of JS. The CLI (`src/main.rs`) and the WASM shim
//! (`src/wasm.rs`) are thin layers over the functions here.
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

pub mod document;
pub mod engine;
pub mod error;
pub mod factors;
pub mod gwp;
pub mod json;
pub mod model;
pub mod network;
pub mod result;
pub mod sectors;
pub mod units;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{Error, ErrorReport, JsonPath, Result};
pub use factors::FactorSet;
pub use result::FootprintResult;

/// `pcf <version>`, written into every result.
pub fn engine_name() -> String {
    format!("pcf {}", env!("CARGO_PKG_VERSION"))
}

/// Computes the footprint of a document given as JSON text: a `pcf/1` document, or a sector
/// template (`pcf-battery/1`, `pcf-steel/1`), chosen by its `schema` field.
pub fn compute(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    #[derive(serde::Deserialize)]
    struct Tag {
        #[serde(default)]
        schema: Option<serde_json::Value>,
    }
    json::check_size(text)?;
    let tag = serde_json::from_str::<Tag>(text.strip_prefix('\u{feff}').unwrap_or(text))
        .ok()
        .and_then(|t| t.schema)
        .and_then(|s| s.as_str().map(str::to_string));
    match tag.as_deref() {
        Some(sectors::battery::TAG) => return sectors::compute_battery(text, factors),
        Some(sectors::steel::TAG) => return sectors::compute_steel(text, factors),
        _ => {}
    }
    let doc: document::Document = json::parse(text)?;
    compute_document(doc, factors)
}

/// Computes a parsed `pcf/1` document.
pub fn compute_document(doc: document::Document, factors: &FactorSet) -> Result<FootprintResult> {
    let model = model::Model::new(doc, factors)?;
    let supply = engine::supply(&model)?;
    let footprint = engine::characterize(&model, factors, supply)?;
    Ok(result::build(&model, factors, &footprint))
}

/// Computes and writes the result as pretty JSON with a final newline: the exact text the CLI
/// prints, the WASM `computeJson` returns and the golden `expected.json` files hold.
pub fn compute_json(text: &str, factors: &FactorSet) -> Result<String> {
    to_json(&compute(text, factors)?)
}

/// Pretty JSON with a final newline (the one output format of the core).
pub fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value).map_err(|e| Error::NonFiniteResult {
        path: "$".into(),
        what: e.to_string(),
    })?;
    s.push('\n');
    Ok(s)
}

/// The JSON Schema of a sector template (`battery`, `steel`), as pretty JSON with a final
/// newline.
pub fn template_schema_json(name: &str) -> Result<String> {
    match name {
        "battery" => to_json(&schemars::schema_for!(sectors::battery::BatteryDocument)),
        "steel" => to_json(&schemars::schema_for!(sectors::steel::SteelDocument)),
        other => Err(Error::invalid(
            "template",
            format!("unknown template {other:?}; known: battery, steel"),
        )),
    }
}

/// The JSON Schema of the `pcf/1` document, as pretty JSON with a final newline.
pub fn schema_json() -> Result<String> {
    to_json(&document::json_schema())
}
