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

/// Computes the footprint of a `pcf/1` document given as JSON text.
pub fn compute(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    let doc: document::Document = json::parse(text)?;
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

/// The JSON Schema of the `pcf/1` document, as pretty JSON with a final newline.
pub fn schema_json() -> Result<String> {
    to_json(&document::json_schema())
}
