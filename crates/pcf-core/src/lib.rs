//! pcf-core: the core of the pcf product carbon footprint engine (issue 18).
//!
//! Units, the `pcf/1` input document and its validation, the factor tables and their
//! selection, GWP, the engine with its audit trail, the process-network solver, the typed
//! result, canonical JSON and verification receipts. It knows nothing of sector templates,
//! PACT, pre-check schemes or uncertainty: those are the `pcf` crate's domain modules, which
//! depend on this crate (never the other way; `tests/layers.rs`). Like the rest of pcf it does
//! no file or network I/O: it takes documents as text and returns values.
//!
//! Users of the `pcf` crate reach every module here under its old path (`pcf::model`,
//! `pcf::FactorSet`, …): `pcf` re-exports them.
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
//! let set = pcf_core::FactorSet::builtin().unwrap();
//! let doc = pcf_core::json::parse_object(doc).unwrap();
//! let result = pcf_core::compute_document(doc, set).unwrap();
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

pub(crate) mod csv_table;
pub mod dates;
pub mod document;
pub mod engine;
pub mod error;
pub mod factors;
pub mod gwp;
pub mod json;
pub mod model;
pub mod network;
pub mod numbers;
pub mod parts;
pub mod receipt;
pub mod result;
pub mod units;

pub use error::{Error, ErrorReport, JsonPath, Result};
pub use factors::FactorSet;
pub use result::{engine_name, FootprintResult};

/// Computes a parsed `pcf/1` document: its result with the audit trail, unsealed (the `pcf`
/// crate's `compute` reads the text, dispatches sector templates and seals the result).
pub fn compute_document(doc: document::Document, factors: &FactorSet) -> Result<FootprintResult> {
    let model = model::Model::new(doc, factors)?;
    let supply = engine::supply(&model)?;
    let footprint = engine::characterize(&model, factors, supply)?;
    Ok(result::build(&model, factors, &footprint))
}
