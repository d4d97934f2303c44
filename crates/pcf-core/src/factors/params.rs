//! Parameters: sourced numbers that are not emission factors — process energy per kg, loss
//! rates, Circular Footprint Formula parameters, cycles per year, label thresholds and
//! plausibility bands (`factors/parameters.csv`). Sector templates and pre-checks read them by
//! id, so every such number in a result traces to a row and its source, like a factor.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Header of `parameters.csv`.
pub const PARAMETER_COLUMNS: &[&str] = &[
    "id",
    "name_en",
    "name_zh",
    "value",
    "unit",
    "kind",
    "geography",
    "year",
    "source",
    "licence",
    "verification",
    "notes",
];

/// Kinds of parameter rows.
pub const PARAMETER_KINDS: &[&str] = &[
    "parameter",
    "threshold",
    "plausibility_p5",
    "plausibility_p50",
    "plausibility_p95",
];

/// One parameter row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    /// Stable id.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// The value as the source gives it.
    pub value: f64,
    /// Unit, as text (`kWh/kg`, `fraction`, `kg CO2e/kWp` …).
    pub unit: String,
    /// One of [`PARAMETER_KINDS`].
    pub kind: String,
    /// Geography.
    pub geography: String,
    /// Year (absent when the source gives none).
    pub year: Option<i32>,
    /// Source.
    pub source: String,
    /// Licence.
    pub licence: String,
    /// `official` or `secondary`.
    pub verification: String,
    /// Notes.
    pub notes: String,
}

/// Parses the parameter table.
pub fn parse(table: &str, text: &str) -> Result<Vec<Parameter>> {
    let bad = |path: String, detail: String| Error::InvalidFactorTable {
        path,
        table: table.to_string(),
        detail,
    };
    let mut reader = crate::csv_table::open(table, text, &[PARAMETER_COLUMNS])?;
    let mut out: Vec<Parameter> = Vec::new();
    for (i, rec) in reader.deserialize::<Parameter>().enumerate() {
        let line = i + 2;
        let p = rec.map_err(|e| bad(format!("{table}:{line}"), format!("row {line}: {e}")))?;
        if !p.value.is_finite() || p.value < 0.0 {
            return Err(bad(
                format!("{table}:{line}:value"),
                format!("value of {} must be finite and ≥ 0", p.id),
            ));
        }
        if !PARAMETER_KINDS.contains(&p.kind.as_str()) {
            return Err(bad(
                format!("{table}:{line}:kind"),
                format!(
                    "kind {:?} must be one of {}",
                    p.kind,
                    PARAMETER_KINDS.join(", ")
                ),
            ));
        }
        if !matches!(p.verification.as_str(), "official" | "secondary") {
            return Err(bad(
                format!("{table}:{line}:verification"),
                format!("verification of {} must be official or secondary", p.id),
            ));
        }
        if p.source.is_empty() || p.licence.is_empty() {
            return Err(bad(
                format!("{table}:{line}:source"),
                format!("{} needs a source and a licence", p.id),
            ));
        }
        if let Some(first) = out.iter().position(|q| q.id == p.id) {
            return Err(Error::DuplicateId {
                path: format!("{table}:{line}"),
                id: p.id,
                first: format!("{table}:{}", first + 2),
            });
        }
        out.push(p);
    }
    Ok(out)
}
