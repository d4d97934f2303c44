//! pcf: a product carbon footprint engine — the library users depend on.
//!
//! This crate is the domain layer (sector templates, PACT exchange, pre-check schemes, the
//! documents for certifiers and regulators, uncertainty, batch records, the template dispatch
//! behind [`compute`]) over the core crate `pcf-core` (units, the `pcf/1` document, factor
//! tables, GWP, the engine, the network solver, the result, receipts), whose modules it
//! re-exports under their old paths (`pcf::model`, `pcf::FactorSet` …). It takes documents as
//! text and returns values: no file or network I/O, nothing of JS. The shells over it are their
//! own crates: the `pcf` binary (crates/pcf-cli) and the WebAssembly modules (crates/pcf-wasm,
//! crates/pcf-wasm-page).
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
pub mod dispatch;
pub mod pact;
pub mod precheck;
pub mod reports;
pub mod schemas;
pub mod sectors;
pub mod uncertainty;
pub mod verify_document;

// The entry points, at the crate root as before (`pcf::compute` …). The root defines nothing
// itself: each item lives in one module, so the modules' references form a graph that
// tests/layers.rs checks for cycles.
pub use dispatch::{
    compute, compute_batch_json, compute_json, compute_totals, compute_unsealed, verify,
};
pub use receipt::to_json;
#[cfg(not(target_arch = "wasm32"))]
pub use schemas::generated_schemas;
pub use schemas::{schema_json, template_labels_json, template_schema_json, templates_json};
pub use verify_document::verify_document;

#[cfg(test)]
mod core_tests;
