//! PACT exchange: a computed `pcf-result/1` as a PACT ProductFootprint (Technical
//! Specifications v2.3 and v3.0), and a supplier's PACT footprint as a component of a `pcf/1`
//! product (multi-tier roll-up).
//!
//! - [`export`](mod@export) ([`export.rs`](mod@export)) maps a sealed result to a ProductFootprint.
//! - [`import`](mod@import) ([`import.rs`](mod@import)) turns a ProductFootprint into a declared-footprint
//!   [`Component`](crate::document::Component) carrying a [`PactProvenance`] block.
//! - [`into`] ([`into.rs`](into)) writes that component and a line using it into a product
//!   document's text, in one step (`pcf pact import --into`).
//! - [`check`] ([`check.rs`](check)) is the spec's schema in Rust (required fields, types,
//!   enums, patterns, date-times, UUIDs, URNs): every export is checked before it is returned,
//!   every import before it is read, and the `pact-v2`/`pact-v3` pre-checks use it. It keeps
//!   JSON Schema validation out of the WASM build; `tests/pact.rs` checks every export against
//!   the official OpenAPI schemas too.
//!
//! Decimals are written as the shortest decimal that reads back to the same f64, without an
//! exponent (Rust's `Display` for f64), as PACT's `Decimal` pattern requires.

use crate::error::{Error, Result};

/// The date arithmetic PACT fields need, defined in the core's [`crate::dates`].
pub use crate::dates::{add_years, date_time_of_days, parse_date, parse_date_time};

pub mod check;
pub mod export;
pub mod fields;
pub mod import;
pub mod into;

pub use crate::document::PactProvenance;
pub use export::{
    export, export_json, export_report, export_value, meta_needs, ExportOptions, ExportReport,
    ExportWarning, Meta, MetaNeed, MetaSuggestion,
};
pub use import::{import, import_json, ImportOptions};
pub use into::{import_into, IntoOptions};

/// A version of the PACT Technical Specifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spec {
    /// v2 (written as 2.3.0).
    V2,
    /// v3 (written as 3.0.0).
    V3,
}

impl Spec {
    /// `2` → v2, `3` → v3 (also `2.3`, `v3`, `3.0.0` …: the major version decides).
    pub fn parse(s: &str) -> Result<Spec> {
        let t = s.trim().trim_start_matches(['v', 'V']);
        match t.split('.').next() {
            Some("2") => Ok(Spec::V2),
            Some("3") => Ok(Spec::V3),
            _ => Err(Error::invalid(
                "spec",
                format!("unknown PACT spec version {s:?}; known: 2 (2.3), 3 (3.0)"),
            )),
        }
    }

    /// The `specVersion` an export writes.
    pub fn version(self) -> &'static str {
        match self {
            Spec::V2 => "2.3.0",
            Spec::V3 => "3.0.0",
        }
    }

    /// `pact-v2` or `pact-v3`.
    pub fn scheme(self) -> &'static str {
        match self {
            Spec::V2 => "pact-v2",
            Spec::V3 => "pact-v3",
        }
    }
}

/// PACT declared units and the pcf unit each one is: `(PACT name, pcf symbol, v3 only)`.
pub const UNITS: &[(&str, &str, bool)] = &[
    ("kilogram", "kg", false),
    ("liter", "L", false),
    ("cubic meter", "m3", false),
    ("kilowatt hour", "kWh", false),
    ("megajoule", "MJ", false),
    ("ton kilometer", "tkm", false),
    ("square meter", "m2", false),
    ("piece", "item", true),
    ("hour", "h", true),
];

/// The PACT declared unit a pcf unit maps to in `spec`, with the pcf symbol of that unit:
/// mass → kilogram, L and mL → liter, m3 → cubic meter, Wh…TWh → kilowatt hour, J…PJ →
/// megajoule, t·km → ton kilometer, areas → square meter; in v3 also item → piece and time →
/// hour. `None`: PACT has no unit of that dimension (kWp, km, pkm, power; item and time in v2).
pub fn pact_unit(unit: &crate::units::Unit, spec: Spec) -> Option<(&'static str, &'static str)> {
    use crate::units::Dimension as D;
    let s = unit.symbol();
    let name = match unit.dimension() {
        D::Mass => "kilogram",
        D::Volume if s == "m3" => "cubic meter",
        D::Volume => "liter",
        D::Energy if s.ends_with("Wh") => "kilowatt hour",
        D::Energy => "megajoule",
        D::MassDistance => "ton kilometer",
        D::Area => "square meter",
        D::Count => "piece",
        D::Time => "hour",
        _ => return None,
    };
    UNITS
        .iter()
        .find(|(n, _, v3)| *n == name && (spec == Spec::V3 || !v3))
        .map(|(n, sym, _)| (*n, *sym))
}

/// The pcf unit symbol of a PACT declared unit (any version).
pub fn pcf_unit(pact: &str) -> Option<&'static str> {
    UNITS
        .iter()
        .find(|(n, _, _)| *n == pact)
        .map(|(_, s, _)| *s)
}

/// A PACT decimal string: the shortest decimal that reads back to `v`, no exponent, `0` for
/// negative zero.
pub fn decimal(v: f64) -> String {
    if v == 0.0 {
        return "0".to_string();
    }
    format!("{v}")
}

/// Reads a PACT decimal string (`^[+-]?\d+(\.\d+)?$`).
pub fn parse_decimal(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    s.trim_start_matches('+')
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_decimals_never_panic() {
        assert_eq!(parse_decimal("é"), None);
    }

    #[test]
    fn decimals_have_no_exponent() {
        assert_eq!(decimal(1e-7), "0.0000001");
        assert_eq!(decimal(-0.0), "0");
        assert_eq!(decimal(2.5e21), "2500000000000000000000");
        assert_eq!(parse_decimal("+1.50"), Some(1.5));
        assert_eq!(parse_decimal("1e3"), None);
        assert_eq!(parse_decimal("1."), None);
    }
}
