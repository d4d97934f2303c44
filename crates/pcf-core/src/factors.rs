//! Emission-factor tables: the built-in tables embedded from `factors/` at build time, user
//! tables layered over them, digests, and lookup by id.
//!
//! Owns the factor-table format (see `factors/README.md`) and its validation. It does no I/O:
//! user tables arrive as text from the CLI or the page. It knows nothing of documents; the
//! engine asks it for a factor by id and gets the row with its provenance.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::csv_table;
use crate::error::{Error, Result};
use crate::gwp::{EmissionClass, Gas, GwpSet, GwpTable};
use crate::units::{Dimension, Unit};

#[cfg(any(test, all(target_arch = "wasm32", not(feature = "wasm-extras"))))]
mod compact;
pub mod derived;
pub mod params;
pub mod recipe;
pub mod select;
pub mod uncertainty;

pub use params::Parameter;

/// How a built-in table is read.
#[derive(Clone, Copy)]
enum Format {
    /// The factor format ([`FACTOR_COLUMNS`]).
    Factors,
    /// IPCC fuel properties; factors derived in code ([`derived::fuel_factors`]).
    Fuels,
    /// CBAM default values: the base and the published marked-up values, read as printed
    /// ([`derived::cbam_factors`]).
    Cbam,
    /// Derived rows: recipes over the factors of the earlier tables ([`recipe`]).
    #[allow(dead_code)] // until the first derived table is registered (issue 19)
    Recipes,
}

/// The built-in factor tables, in precedence order (a later table may not redefine an id of an
/// earlier one; only user tables override), as two lists made from one:
/// - `BUILTIN_TABLES`: `(name, format, CSV text)`, parsed at run time by the native and extras
///   builds;
/// - `BUILTIN_COMPACT_TABLES`: `(name, format, compact rows, digest)`, written by build.rs for
///   the page's core WASM module, read by [`compact`] without `csv` and serde (the test
///   `the_compact_tables_are_the_csv_tables` checks both give the same set).
macro_rules! builtin_tables {
    ($(($name:literal, $format:expr)),* $(,)?) => {
        #[cfg(any(test, feature = "wasm-extras", not(target_arch = "wasm32")))]
        const BUILTIN_TABLES: &[(&str, Format, &str)] =
            &[$(($name, $format, include_str!(concat!("../../../factors/", $name)))),*];
        #[cfg(any(test, all(target_arch = "wasm32", not(feature = "wasm-extras"))))]
        const BUILTIN_COMPACT_TABLES: &[(&str, Format, &str, &str)] = &[$((
            $name,
            $format,
            include_str!(concat!(env!("OUT_DIR"), "/", $name, ".core")),
            include_str!(concat!(env!("OUT_DIR"), "/", $name, ".sha256")),
        )),*];
    };
}

builtin_tables![
    ("electricity_cn.csv", Format::Factors),
    ("electricity_world.csv", Format::Factors),
    ("transport_uk.csv", Format::Factors),
    ("materials_uk.csv", Format::Factors),
    ("fuels_ipcc.csv", Format::Fuels),
    ("steel.csv", Format::Factors),
    ("steel_cbam.csv", Format::Cbam),
    ("battery_greet.csv", Format::Factors),
    ("pv_ice_derived.csv", Format::Recipes),
    ("tiangong_derived.csv", Format::Recipes),
];

/// The geography hierarchy's name (in the set digest's listing of every build).
const GEOGRAPHY_TABLE_NAME: &str = "geographies.csv";

/// The built-in geography hierarchy.
#[cfg(any(test, feature = "wasm-extras", not(target_arch = "wasm32")))]
const GEOGRAPHY_TABLE: (&str, &str) = (
    GEOGRAPHY_TABLE_NAME,
    include_str!("../../../factors/geographies.csv"),
);

/// The geography hierarchy in build.rs's compact form (codes and parents) and its digest, for
/// the page's core WASM module.
#[cfg(any(test, all(target_arch = "wasm32", not(feature = "wasm-extras"))))]
const GEOGRAPHY_COMPACT_TABLE: (&str, &str, &str) = (
    GEOGRAPHY_TABLE_NAME,
    include_str!(concat!(env!("OUT_DIR"), "/geographies.csv.core")),
    include_str!(concat!(env!("OUT_DIR"), "/geographies.csv.sha256")),
);

/// The built-in parameter table (not in the page's core WASM module: see `PARAMETERS_SHA256`).
#[cfg(any(test, feature = "wasm-extras", not(target_arch = "wasm32")))]
const PARAMETER_TABLE: (&str, &str) = (
    PARAMETER_TABLE_NAME,
    include_str!("../../../factors/parameters.csv"),
);

/// The parameter table's name alone (a reference to `PARAMETER_TABLE.0` would keep the whole
/// table, text included, in the page's core module, which needs only its name and digest).
const PARAMETER_TABLE_NAME: &str = "parameters.csv";

/// Hex SHA-256 of the built-in parameter table, computed by build.rs (what the page's core
/// WASM module uses instead of the table).
#[cfg(any(test, all(target_arch = "wasm32", not(feature = "wasm-extras"))))]
const PARAMETERS_SHA256: &str = include_str!(concat!(env!("OUT_DIR"), "/parameters.csv.sha256"));

/// The GWP table's name (in the set digest's listing of every build).
const GWP_TABLE_NAME: &str = "gwp.csv";

/// The built-in GWP table.
#[cfg(any(test, feature = "wasm-extras", not(target_arch = "wasm32")))]
const GWP_TABLE: (&str, &str) = (GWP_TABLE_NAME, include_str!("../../../factors/gwp.csv"));

/// The GWP table's values alone (`ar4,ar5,ar6`, one gas a line in the order of `gwp::GASES`),
/// written by build.rs for the page's core WASM module, which characterises gases but lists no
/// table.
#[cfg(any(test, all(target_arch = "wasm32", not(feature = "wasm-extras"))))]
const GWP_CORE_TABLE: (&str, &str) = (
    GWP_TABLE_NAME,
    include_str!(concat!(env!("OUT_DIR"), "/gwp-core.csv")),
);

/// Hex SHA-256 of the built-in GWP table, computed by build.rs (the core module's digest).
#[cfg(any(test, all(target_arch = "wasm32", not(feature = "wasm-extras"))))]
const GWP_SHA256: &str = include_str!(concat!(env!("OUT_DIR"), "/gwp.csv.sha256"));

/// The header every factor table (CSV) has, in this order: [`FACTOR_COLUMNS_ALL`] without its
/// two optional columns.
pub const FACTOR_COLUMNS: &[&str] = FACTOR_COLUMNS_ALL.split_at(FACTOR_COLUMNS_ALL.len() - 2).0;

/// The factor header with the optional `series` column.
pub const FACTOR_COLUMNS_WITH_SERIES: &[&str] =
    FACTOR_COLUMNS_ALL.split_at(FACTOR_COLUMNS_ALL.len() - 1).0;

/// The factor header with both optional columns: `series` (the same quantity across years and
/// geographies, used by `factor_select`) and `uncertainty` (a distribution, see
/// [`uncertainty::Distribution`]).
pub const FACTOR_COLUMNS_ALL: &[&str] = &[
    "id",
    "name_en",
    "name_zh",
    "value",
    "value_unit",
    "per_unit",
    "basis",
    "gwp_set",
    "class",
    "geography",
    "year",
    "source",
    "licence",
    "verification",
    "notes",
    "series",
    "uncertainty",
];

/// What a factor's value is a quantity of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Basis {
    /// kg CO2e, characterised by the source with the given GWP set (`None`: the source does not say).
    Co2e(Option<GwpSet>),
    /// kg of one gas, characterised by the document's GWP set at compute time.
    Gas(Gas),
}

impl Basis {
    /// `CO2e` or the gas id.
    pub fn name(&self) -> &'static str {
        match self {
            Basis::Co2e(_) => "CO2e",
            Basis::Gas(g) => g.id(),
        }
    }

    /// The GWP set column as written in tables: `AR5`, `unspecified`, or empty for gases.
    pub fn gwp_set_name(&self) -> &'static str {
        match self {
            Basis::Co2e(Some(s)) => s.name(),
            Basis::Co2e(None) => "unspecified",
            Basis::Gas(_) => "",
        }
    }
}

/// How far a factor's transcription has been checked (see `../shared/docs/SOURCES.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verification {
    /// Read in the official text.
    Official,
    /// Read in third-party transcriptions.
    Secondary,
    /// Computed by this project from open inventory data and shipped factors (the row's
    /// `notes` give the recipe; the test suite recomputes it).
    Derived,
    /// Supplied by the user; not checked by this project.
    User,
}

impl Verification {
    pub(crate) fn parse(s: &str) -> Option<Verification> {
        match s {
            "official" => Some(Verification::Official),
            "secondary" => Some(Verification::Secondary),
            "derived" => Some(Verification::Derived),
            "user" => Some(Verification::User),
            _ => None,
        }
    }

    /// The name used in tables and results.
    pub fn name(self) -> &'static str {
        match self {
            Verification::Official => "official",
            Verification::Secondary => "secondary",
            Verification::Derived => "derived",
            Verification::User => "user",
        }
    }
}

/// A validated emission factor: `value` kg (of CO2e or of a gas) per one `per_unit`.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    /// Stable id.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// The value as written in the table, in `value_unit` per `per_unit`.
    pub value: f64,
    /// The numerator mass unit as written (`kg`, `g`, `t`).
    pub value_unit: Unit,
    /// The value converted to kg per `per_unit` (`value × value_unit/kg`).
    pub kg_per_unit: f64,
    /// The denominator unit.
    pub per_unit: Unit,
    /// CO2e or a gas.
    pub basis: Basis,
    /// Reporting class.
    pub class: EmissionClass,
    /// Geography code.
    pub geography: String,
    /// Data year.
    pub year: Option<i32>,
    /// Citation.
    pub source: String,
    /// Licence of the source.
    pub licence: String,
    /// Verification status.
    pub verification: Verification,
    /// What the factor is and is not for.
    pub notes: String,
    /// Series (same quantity across years and geographies), when the table gives one.
    pub series: Option<String>,
    /// Uncertainty, when the source gives one.
    pub uncertainty: Option<uncertainty::Distribution>,
    /// Name of the table it came from.
    pub table: String,
}

/// One row of a factor table as written: the boundary type of the CSV and JSON formats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactorRow {
    /// Stable id, unique across all tables in use.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name (may be empty in user tables).
    #[serde(default)]
    pub name_zh: String,
    /// The value as the source gives it.
    pub value: f64,
    /// Mass unit of the numerator: `g`, `kg` or `t`.
    pub value_unit: String,
    /// Unit of the denominator (the unit of the activity amount).
    pub per_unit: String,
    /// `CO2e` or a gas id such as `CO2_fossil`.
    pub basis: String,
    /// For CO2e rows: `AR4`, `AR5`, `AR6` or `unspecified`; empty for gas rows.
    #[serde(default)]
    pub gwp_set: String,
    /// `fossil`, `biogenic`, `luc`, `aircraft` or `unsplit`.
    #[serde(default = "default_class")]
    pub class: String,
    /// Geography code.
    #[serde(default)]
    pub geography: String,
    /// Data year (empty when unknown).
    #[serde(default)]
    pub year: Option<i32>,
    /// Citation of the source.
    pub source: String,
    /// Licence of the source.
    #[serde(default)]
    pub licence: String,
    /// `official`, `secondary` or `user`.
    #[serde(default = "default_verification")]
    pub verification: String,
    /// Notes.
    #[serde(default)]
    pub notes: String,
    /// Series id, for selection by geography and year (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub series: String,
    /// Uncertainty, e.g. `lognormal:gsd=1.1` (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uncertainty: String,
}

fn default_class() -> String {
    "fossil".to_string()
}

fn default_verification() -> String {
    "user".to_string()
}

/// CSV form of a row: every cell as text, so an empty year or value is reported, not guessed.
#[derive(Deserialize)]
struct CsvRow {
    id: String,
    name_en: String,
    name_zh: String,
    value: String,
    value_unit: String,
    per_unit: String,
    basis: String,
    gwp_set: String,
    class: String,
    geography: String,
    year: String,
    source: String,
    licence: String,
    verification: String,
    notes: String,
    #[serde(default)]
    series: String,
    #[serde(default)]
    uncertainty: String,
}

impl CsvRow {
    /// The row checked and made a factor: `value` and `year` parsed from their text, then
    /// [`Factor::from_row`]. `line` is the row's line in table `name`.
    fn into_factor(self, name: &str, line: usize) -> Result<Factor> {
        let at = |col: &str| format!("{name}:{line}:{col}");
        let value: f64 = self.value.parse().map_err(|_| Error::InvalidFactorTable {
            path: at("value"),
            table: name.to_string(),
            detail: format!("value {:?} of {} is not a number", self.value, self.id),
        })?;
        let year = if self.year.is_empty() {
            None
        } else {
            Some(
                self.year
                    .parse::<i32>()
                    .map_err(|_| Error::InvalidFactorTable {
                        path: at("year"),
                        table: name.to_string(),
                        detail: format!("year {:?} of {} is not an integer", self.year, self.id),
                    })?,
            )
        };
        let row = FactorRow {
            id: self.id,
            name_en: self.name_en,
            name_zh: self.name_zh,
            value,
            value_unit: self.value_unit,
            per_unit: self.per_unit,
            basis: self.basis,
            gwp_set: self.gwp_set,
            class: self.class,
            geography: self.geography,
            year,
            source: self.source,
            licence: self.licence,
            verification: self.verification,
            notes: self.notes,
            series: self.series,
            uncertainty: self.uncertainty,
        };
        Factor::from_row(row, name, &at)
    }
}

impl Factor {
    /// Validates a row. `at(column)` names the location of a column for errors.
    pub fn from_row(row: FactorRow, table: &str, at: &dyn Fn(&str) -> String) -> Result<Factor> {
        let bad = |col: &str, detail: String| Error::InvalidFactorTable {
            path: at(col),
            table: table.to_string(),
            detail,
        };
        let id = row.id.trim().to_string();
        if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad(
                "id",
                format!("id {:?} must be non-empty without spaces", row.id),
            ));
        }
        if !row.value.is_finite() {
            return Err(bad("value", format!("value of {id} is not finite")));
        }
        if row.value < 0.0 {
            return Err(bad(
                "value",
                format!("value of {id} is negative ({})", row.value),
            ));
        }
        let value_unit = Unit::parse(&row.value_unit)
            .filter(|u| u.dimension() == Dimension::Mass)
            .ok_or_else(|| {
                bad(
                    "value_unit",
                    format!(
                        "value_unit {:?} of {id} is not a mass unit (g, kg, t)",
                        row.value_unit
                    ),
                )
            })?;
        let per_unit = Unit::parse(&row.per_unit).ok_or_else(|| {
            bad(
                "per_unit",
                format!("per_unit {:?} of {id} is not a known unit", row.per_unit),
            )
        })?;
        let kg = Unit::parse("kg").ok_or_else(|| bad("value_unit", "no kg unit".into()))?;
        let to_kg = value_unit
            .factor_to(&kg)
            .ok_or_else(|| bad("value_unit", "not a mass unit".into()))?;
        let kg_per_unit = row.value * to_kg;
        let basis = if row.basis == "CO2e" {
            let set = match row.gwp_set.as_str() {
                "unspecified" => None,
                s => Some(GwpSet::parse(s).ok_or_else(|| {
                    bad(
                        "gwp_set",
                        format!(
                            "gwp_set {:?} of {id} must be AR4, AR5, AR6 or unspecified",
                            row.gwp_set
                        ),
                    )
                })?),
            };
            Basis::Co2e(set)
        } else {
            let gas = Gas::parse(&row.basis).ok_or_else(|| {
                bad(
                    "basis",
                    format!(
                        "basis {:?} of {id} must be CO2e or one of {}",
                        row.basis,
                        Gas::known_list()
                    ),
                )
            })?;
            if !row.gwp_set.is_empty() {
                return Err(bad(
                    "gwp_set",
                    format!("{id} is a {gas} factor: gwp_set must be empty"),
                ));
            }
            Basis::Gas(gas)
        };
        let class = EmissionClass::parse(&row.class).ok_or_else(|| {
            bad(
                "class",
                format!(
                    "class {:?} of {id} must be fossil, biogenic, luc, aircraft or unsplit",
                    row.class
                ),
            )
        })?;
        let verification = Verification::parse(&row.verification).ok_or_else(|| {
            bad(
                "verification",
                format!(
                    "verification {:?} of {id} must be official, secondary, derived or user",
                    row.verification
                ),
            )
        })?;
        if row.source.trim().is_empty() {
            return Err(bad("source", format!("{id} has no source")));
        }
        let uncertainty = match row.uncertainty.trim() {
            "" => None,
            text => Some(
                uncertainty::Distribution::parse(text, row.value)
                    .map_err(|e| bad("uncertainty", format!("uncertainty of {id}: {e}")))?,
            ),
        };
        Ok(Factor {
            id,
            name_en: row.name_en,
            name_zh: row.name_zh,
            value: row.value,
            value_unit,
            kg_per_unit,
            per_unit,
            basis,
            class,
            geography: row.geography,
            year: row.year,
            source: row.source,
            licence: row.licence,
            verification,
            notes: row.notes,
            series: Some(row.series.trim().to_string()).filter(|s| !s.is_empty()),
            uncertainty,
            table: table.to_string(),
        })
    }

    /// The row form, for listing and export.
    pub fn to_row(&self) -> FactorRow {
        FactorRow {
            id: self.id.clone(),
            name_en: self.name_en.clone(),
            name_zh: self.name_zh.clone(),
            value: self.value,
            value_unit: self.value_unit.symbol().to_string(),
            per_unit: self.per_unit.symbol().to_string(),
            basis: self.basis.name().to_string(),
            gwp_set: self.basis.gwp_set_name().to_string(),
            class: self.class.name().to_string(),
            geography: self.geography.clone(),
            year: self.year,
            source: self.source.clone(),
            licence: self.licence.clone(),
            verification: self.verification.name().to_string(),
            notes: self.notes.clone(),
            series: self.series.clone().unwrap_or_default(),
            uncertainty: self.uncertainty.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// Where a table comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the build from `factors/`.
    Builtin,
    /// Supplied by the user. Its rows may replace rows of lower tables with the same id only
    /// when `overrides` is set (`--override` on the CLI, `override: true` in JS); otherwise
    /// such a conflict is an error.
    User {
        /// Whether the table may override ids of lower tables.
        overrides: bool,
    },
}

impl Origin {
    /// `builtin` or `user`.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Builtin => "builtin",
            Origin::User { .. } => "user",
        }
    }
}

/// A parsed factor table with its digest.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorTable {
    /// File or table name.
    pub name: String,
    /// Built-in or user.
    pub origin: Origin,
    /// Lower-case hex SHA-256 of the table's bytes as read.
    pub sha256: String,
    /// The rows, in file order.
    pub factors: Vec<Factor>,
}

/// Hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Maximum size of one user factor table, in bytes.
pub const MAX_TABLE_BYTES: usize = 8 * 1024 * 1024;
/// Maximum number of rows in one user factor table.
pub const MAX_TABLE_ROWS: usize = 100_000;

impl FactorTable {
    /// Parses a CSV table with the header [`FACTOR_COLUMNS`].
    pub fn from_csv(name: &str, origin: Origin, text: &str) -> Result<FactorTable> {
        check_size(name, text)?;
        let mut reader = csv_table::open(
            name,
            text,
            &[
                FACTOR_COLUMNS,
                FACTOR_COLUMNS_WITH_SERIES,
                FACTOR_COLUMNS_ALL,
            ],
        )?;
        let mut factors = Vec::new();
        for (i, rec) in reader.deserialize::<CsvRow>().enumerate() {
            let line = i + 2;
            if factors.len() >= MAX_TABLE_ROWS {
                return Err(Error::LimitExceeded {
                    path: name.to_string(),
                    what: "number of factor rows".into(),
                    found: factors.len() + 1,
                    limit: MAX_TABLE_ROWS,
                });
            }
            let r = rec.map_err(|e| Error::InvalidFactorTable {
                path: format!("{name}:{line}"),
                table: name.to_string(),
                detail: format!("row {line}: {e}"),
            })?;
            factors.push(r.into_factor(name, line)?);
        }
        FactorTable::new(name, origin, text, factors)
    }

    /// Parses a JSON table: an array of [`FactorRow`] objects.
    pub fn from_json(name: &str, origin: Origin, text: &str) -> Result<FactorTable> {
        check_size(name, text)?;
        let rows: Vec<FactorRow> =
            crate::json::parse(text).map_err(|e| Error::InvalidFactorTable {
                path: format!("{name}:{}", e.path()),
                table: name.to_string(),
                detail: e.to_string(),
            })?;
        if rows.len() > MAX_TABLE_ROWS {
            return Err(Error::LimitExceeded {
                path: name.to_string(),
                what: "number of factor rows".into(),
                found: rows.len(),
                limit: MAX_TABLE_ROWS,
            });
        }
        let mut factors = Vec::with_capacity(rows.len());
        for (i, row) in rows.into_iter().enumerate() {
            let at = |col: &str| format!("{name}:$[{i}].{col}");
            factors.push(Factor::from_row(row, name, &at)?);
        }
        FactorTable::new(name, origin, text, factors)
    }

    #[cfg(any(test, feature = "wasm-extras", not(target_arch = "wasm32")))]
    /// A built-in table; a derived one is computed over the `earlier` tables.
    #[cfg(any(test, feature = "wasm-extras", not(target_arch = "wasm32")))]
    fn builtin(
        name: &str,
        format: Format,
        text: &str,
        earlier: &[FactorTable],
        gwp: &GwpTable,
    ) -> Result<FactorTable> {
        let factors = match format {
            Format::Factors => return FactorTable::from_csv(name, Origin::Builtin, text),
            Format::Fuels => derived::fuel_factors(name, text)?,
            Format::Cbam => derived::cbam_factors(name, text)?,
            Format::Recipes => {
                recipe::recipe_factors_of(name, recipe::recipe_rows(name, text)?, earlier, gwp)?
            }
        };
        FactorTable::new(name, Origin::Builtin, text, factors)
    }

    fn new(name: &str, origin: Origin, text: &str, factors: Vec<Factor>) -> Result<FactorTable> {
        FactorTable::with_digest(name, origin, sha256_hex(text.as_bytes()), factors)
    }

    /// A table of `factors` whose text has the digest `sha256` (computed at run time from the
    /// text read, or by build.rs for the compact built-in tables); ids must be unique.
    fn with_digest(
        name: &str,
        origin: Origin,
        sha256: String,
        factors: Vec<Factor>,
    ) -> Result<FactorTable> {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, f) in factors.iter().enumerate() {
            if let Some(first) = seen.insert(&f.id, i) {
                return Err(Error::DuplicateId {
                    path: format!("{name}:{}", i + 2),
                    id: f.id.clone(),
                    first: format!("{name}:{}", first + 2),
                });
            }
        }
        Ok(FactorTable {
            name: name.to_string(),
            origin,
            sha256,
            factors,
        })
    }
}

fn check_size(name: &str, text: &str) -> Result<()> {
    if text.len() > MAX_TABLE_BYTES {
        return Err(Error::LimitExceeded {
            path: name.to_string(),
            what: "factor table size in bytes".into(),
            found: text.len(),
            limit: MAX_TABLE_BYTES,
        });
    }
    Ok(())
}

/// The built-in factor tables (in precedence order) and geography hierarchy, however read:
/// from the CSV text, or from build.rs's compact form ([`compact`]).
#[derive(Debug, PartialEq)]
struct BuiltinParts {
    tables: Vec<FactorTable>,
    geographies: select::Geographies,
    geographies_sha256: String,
}

impl BuiltinParts {
    /// The tables and hierarchy parsed from their CSV text, digests computed from the text.
    #[cfg(any(test, feature = "wasm-extras", not(target_arch = "wasm32")))]
    fn parse(gwp: &GwpTable) -> Result<BuiltinParts> {
        let mut tables = Vec::with_capacity(BUILTIN_TABLES.len());
        for (name, format, text) in BUILTIN_TABLES {
            let t = FactorTable::builtin(name, *format, text, &tables, gwp)?;
            tables.push(t);
        }
        Ok(BuiltinParts {
            tables,
            geographies: select::Geographies::parse(GEOGRAPHY_TABLE.0, GEOGRAPHY_TABLE.1)?,
            geographies_sha256: sha256_hex(GEOGRAPHY_TABLE.1.as_bytes()),
        })
    }
}

/// A user override: an id defined by a user table that hides a row of a lower table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// The id.
    pub id: String,
    /// Table whose row is used.
    pub table: String,
    /// Table whose row is hidden.
    pub hidden: String,
}

/// The tables in use, in precedence order (later wins), with the id index.
#[derive(Debug, Clone)]
pub struct FactorSet {
    tables: Vec<FactorTable>,
    parameters: Vec<Parameter>,
    parameters_sha256: String,
    geographies: select::Geographies,
    geographies_sha256: String,
    index: BTreeMap<String, (usize, usize)>,
    gwp: GwpTable,
    gwp_sha256: String,
    overrides: Vec<Override>,
    sha256: String,
}

/// The GWP table of this build and its digest (the derived tables need it before the set is
/// built).
fn builtin_gwp() -> Result<(GwpTable, String)> {
    #[cfg(any(feature = "wasm-extras", not(target_arch = "wasm32")))]
    let out = (
        GwpTable::parse(GWP_TABLE.0, GWP_TABLE.1)?,
        sha256_hex(GWP_TABLE.1.as_bytes()),
    );
    #[cfg(all(target_arch = "wasm32", not(feature = "wasm-extras")))]
    let out = (
        GwpTable::parse_values(GWP_CORE_TABLE.0, GWP_CORE_TABLE.1)?,
        GWP_SHA256.to_string(),
    );
    Ok(out)
}

impl FactorSet {
    /// The built-in set, parsed once per process.
    pub fn builtin() -> Result<&'static FactorSet> {
        static SET: OnceLock<Result<FactorSet>> = OnceLock::new();
        SET.get_or_init(|| {
            // The page's core WASM module reads build.rs's compact form of the tables (no
            // `csv`, no serde, no digests to compute); every other build parses the CSV text.
            let (gwp, gwp_sha256) = builtin_gwp()?;
            #[cfg(any(feature = "wasm-extras", not(target_arch = "wasm32")))]
            let parts = BuiltinParts::parse(&gwp)?;
            #[cfg(all(target_arch = "wasm32", not(feature = "wasm-extras")))]
            let parts = compact::builtin_parts(&gwp)?;
            FactorSet::from_builtin_parts(parts, gwp, gwp_sha256)
        })
        .as_ref()
        .map_err(Clone::clone)
    }

    /// The built-in set from its factor tables and geographies, with the GWP table (and its
    /// digest) and the parameter table of this build.
    fn from_builtin_parts(
        parts: BuiltinParts,
        gwp: GwpTable,
        gwp_sha256: String,
    ) -> Result<FactorSet> {
        // The page's core WASM module computes `pcf/1` documents only, which read no
        // parameter (the sector templates and the pre-check do, in the extras module): it
        // has no parameter rows, and carries the table's digest (made by build.rs) instead
        // of its text and parser, so they and the time to parse them stay out of the
        // first load. The set digest is the same.
        #[cfg(any(feature = "wasm-extras", not(target_arch = "wasm32")))]
        let (parameters, parameters_sha256) = (
            params::parse(PARAMETER_TABLE.0, PARAMETER_TABLE.1)?,
            sha256_hex(PARAMETER_TABLE.1.as_bytes()),
        );
        #[cfg(all(target_arch = "wasm32", not(feature = "wasm-extras")))]
        let (parameters, parameters_sha256) = (Vec::new(), PARAMETERS_SHA256.to_string());
        FactorSet::build(
            parts.tables,
            gwp,
            gwp_sha256,
            parameters,
            parameters_sha256,
            parts.geographies,
            parts.geographies_sha256,
        )
    }

    /// The built-in set with user tables layered on top, each later table taking precedence
    /// over everything before it. Overrides are recorded and reported in results.
    pub fn with_user_tables(user: Vec<FactorTable>) -> Result<FactorSet> {
        let base = FactorSet::builtin()?;
        let mut tables = base.tables.clone();
        tables.extend(user);
        FactorSet::build(
            tables,
            base.gwp.clone(),
            base.gwp_sha256.clone(),
            base.parameters.clone(),
            base.parameters_sha256.clone(),
            base.geographies.clone(),
            base.geographies_sha256.clone(),
        )
    }

    fn build(
        tables: Vec<FactorTable>,
        gwp: GwpTable,
        gwp_sha256: String,
        parameters: Vec<Parameter>,
        parameters_sha256: String,
        geographies: select::Geographies,
        geographies_sha256: String,
    ) -> Result<FactorSet> {
        let mut index: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut overrides = Vec::new();
        for (t, table) in tables.iter().enumerate() {
            for (r, f) in table.factors.iter().enumerate() {
                if let Some((pt, pr)) = index.insert(f.id.clone(), (t, r)) {
                    // `pt` was enumerated over `tables` above; the fallback is never taken.
                    let prev_name = tables.get(pt).map(|p| p.name.clone()).unwrap_or_default();
                    match table.origin {
                        Origin::Builtin => {
                            return Err(Error::DuplicateId {
                                path: format!("{}:{}", table.name, r + 2),
                                id: f.id.clone(),
                                first: format!("{}:{}", prev_name, pr + 2),
                            })
                        }
                        Origin::User { overrides: false } => {
                            return Err(Error::FactorConflict {
                                path: format!("{}:{}", table.name, r + 2),
                                id: f.id.clone(),
                                table: table.name.clone(),
                                hidden: prev_name.clone(),
                            })
                        }
                        Origin::User { overrides: true } => {}
                    }
                    overrides.push(Override {
                        id: f.id.clone(),
                        table: table.name.clone(),
                        hidden: prev_name.clone(),
                    });
                }
            }
        }
        // The set digest covers the GWP table, the parameter table and every factor table, in
        // precedence order.
        let mut listing = format!(
            "{}\t{}\n{}\t{}\n{}\t{}\n",
            GWP_TABLE_NAME,
            gwp_sha256,
            PARAMETER_TABLE_NAME,
            parameters_sha256,
            GEOGRAPHY_TABLE_NAME,
            geographies_sha256
        );
        for t in &tables {
            listing.push_str(&format!("{}\t{}\t{}\n", t.origin.name(), t.name, t.sha256));
        }
        Ok(FactorSet {
            sha256: sha256_hex(listing.as_bytes()),
            tables,
            parameters,
            parameters_sha256,
            geographies,
            geographies_sha256,
            index,
            gwp,
            gwp_sha256,
            overrides,
        })
    }

    /// Looks a factor up by id.
    pub fn get(&self, id: &str) -> Option<&Factor> {
        let (t, r) = self.index.get(id)?;
        self.tables.get(*t)?.factors.get(*r)
    }

    /// A suggestion for an unknown id: the closest id sharing the longest prefix.
    pub fn suggest(&self, id: &str) -> Option<&str> {
        let common = |a: &str| {
            a.chars()
                .zip(id.chars())
                .take_while(|(x, y)| x == y)
                .count()
        };
        self.index
            .keys()
            .map(|k| (common(k), k))
            .filter(|(n, _)| *n >= 4)
            .max_by_key(|(n, _)| *n)
            .map(|(_, k)| k.as_str())
    }

    /// The tables in precedence order.
    pub fn tables(&self) -> &[FactorTable] {
        &self.tables
    }

    /// The GWP table.
    pub fn gwp(&self) -> &GwpTable {
        &self.gwp
    }

    /// The parameter rows (`factors/parameters.csv`), in file order.
    pub fn parameters(&self) -> &[Parameter] {
        &self.parameters
    }

    /// Parameters whose id, names or source contain every word of `query` (case-insensitive),
    /// in file order.
    pub fn search_parameters(&self, query: &str) -> Vec<&Parameter> {
        let words: Vec<String> = query.split_whitespace().map(|w| w.to_lowercase()).collect();
        self.parameters
            .iter()
            .filter(|p| {
                let hay =
                    format!("{} {} {} {}", p.id, p.name_en, p.name_zh, p.source).to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect()
    }

    /// The geography hierarchy used for fallback.
    pub fn geographies(&self) -> &select::Geographies {
        &self.geographies
    }

    /// A parameter by id.
    pub fn parameter(&self, id: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.id == id)
    }

    /// Hex SHA-256 of the parameter table.
    pub fn parameters_sha256(&self) -> &str {
        &self.parameters_sha256
    }

    /// Hex SHA-256 of the GWP table.
    pub fn gwp_sha256(&self) -> &str {
        &self.gwp_sha256
    }

    /// Ids defined by user tables that hide a lower row.
    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// Digest of the whole set: SHA-256 of the listing `gwp.csv\t<sha>\n`,
    /// `parameters.csv\t<sha>\n`, `geographies.csv\t<sha>\n`, then `<origin>\t<name>\t<sha>\n` per table in precedence
    /// order.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Every factor in effect (hidden rows excluded), ordered by id.
    pub fn effective(&self) -> impl Iterator<Item = &Factor> {
        self.index
            .values()
            .filter_map(|(t, r)| self.tables.get(*t).and_then(|tb| tb.factors.get(*r)))
    }

    /// Factors whose id, names, geography or source contain every word of `query`
    /// (case-insensitive), ordered by id. A word of a synonym group (`factors/synonyms.csv`:
    /// 铜, copper, Cu) also matches the group's other terms ([`search_terms`]).
    pub fn search<'a>(&'a self, query: &str) -> Vec<&'a Factor> {
        let words: Vec<Vec<SearchTerm>> = query.split_whitespace().map(search_terms).collect();
        self.effective()
            .filter(|f| {
                let hay = format!(
                    "{} {} {} {} {}",
                    f.id, f.name_en, f.name_zh, f.geography, f.source
                )
                .to_lowercase();
                let tokens: Vec<&str> = hay.split(|c: char| !c.is_alphanumeric()).collect();
                words
                    .iter()
                    .all(|terms| terms.iter().any(|t| t.found(&hay, &tokens)))
            })
            .collect()
    }
}

/// The synonym groups of the factor search: one line per group, its terms separated by
/// spaces (English, Chinese, symbols), then a comma and a note.
const SYNONYMS: &str = include_str!("../../../factors/synonyms.csv");

/// One way a search word can be found in a factor's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchTerm {
    /// Anywhere in the text (lowercase).
    Substring(String),
    /// As a whole word (lowercase): a short symbol such as `cu` or `li`, which would otherwise
    /// match inside other words.
    Token(String),
}

impl SearchTerm {
    fn found(&self, hay: &str, tokens: &[&str]) -> bool {
        match self {
            SearchTerm::Substring(s) => hay.contains(s.as_str()),
            SearchTerm::Token(s) => tokens.contains(&s.as_str()),
        }
    }
}

/// What a query word matches: the word itself anywhere, and, when it belongs to a synonym
/// group, the group's other terms: symbols of up to three ASCII letters as whole words,
/// other terms anywhere (so the groups leave out a Chinese character that is part of
/// unrelated words: 铁 would find 铁路, rail).
pub fn search_terms(word: &str) -> Vec<SearchTerm> {
    let w = word.to_lowercase();
    let group = SYNONYMS.lines().skip(1).find_map(|line| {
        let terms = line.split(',').next().unwrap_or_default();
        terms
            .split_whitespace()
            .any(|t| t.to_lowercase() == w)
            .then_some(terms)
    });
    let Some(group) = group else {
        return vec![SearchTerm::Substring(w)];
    };
    let short = |t: &str| t.is_ascii() && t.len() <= 3;
    // The word itself: a short symbol as a whole word, anything else anywhere.
    let mut out = vec![if short(&w) {
        SearchTerm::Token(w.clone())
    } else {
        SearchTerm::Substring(w.clone())
    }];
    for t in group.split_whitespace() {
        let t = t.to_lowercase();
        let term = if short(&t) {
            SearchTerm::Token(t)
        } else {
            SearchTerm::Substring(t)
        };
        if !out.contains(&term) {
            out.push(term);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,licence,verification,notes\n";

    fn table(rows: &str) -> Result<FactorTable> {
        FactorTable::from_csv(
            "user.csv",
            Origin::User { overrides: true },
            &format!("{HEADER}{rows}"),
        )
    }

    #[test]
    fn a_search_word_finds_its_synonyms_and_short_symbols_only_as_words() {
        use SearchTerm::{Substring as S, Token as T};
        assert_eq!(
            search_terms("铜"),
            [S("铜".into()), S("copper".into()), T("cu".into())]
        );
        assert_eq!(
            search_terms("Cu"),
            [T("cu".into()), S("copper".into()), S("铜".into())]
        );
        assert_eq!(search_terms("plastic"), [S("plastic".into())]);
        let set = FactorSet::with_user_tables(vec![table(
            "x.copper.foil,Copper foil,,1,kg,kg,CO2e,AR6,fossil,CN,2023,s,l,user,\n\
             x.cu.wire,Wire (Cu),,1,kg,kg,CO2e,AR6,fossil,CN,2023,s,l,user,\n\
             x.truck.articulated,Articulated truck,,1,kg,tkm,CO2e,AR6,fossil,CN,2023,s,l,user,\n",
        )
        .unwrap()])
        .unwrap();
        let ids = |q: &str| -> Vec<String> {
            set.search(q)
                .iter()
                .filter(|f| f.id.starts_with("x."))
                .map(|f| f.id.clone())
                .collect()
        };
        assert_eq!(ids("铜"), ["x.copper.foil", "x.cu.wire"]);
        assert_eq!(ids("cu"), ["x.copper.foil", "x.cu.wire"]);
        assert_eq!(ids("copper foil"), ["x.copper.foil"]);
        // "cu" inside "articulated" is not the symbol.
        assert!(!ids("Cu").contains(&"x.truck.articulated".to_string()));
        assert_eq!(ids("arti"), ["x.truck.articulated"]);
    }

    /// Each synonym line is `terms,note` without quotes, and no term is in two groups.
    #[test]
    fn the_synonym_groups_are_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        assert_eq!(SYNONYMS.lines().next(), Some("terms,notes"));
        for line in SYNONYMS.lines().skip(1) {
            assert!(!line.contains('"'), "{line}");
            let (terms, _) = line.split_once(',').expect("terms,note");
            assert!(terms.split_whitespace().count() >= 2, "{line}");
            for t in terms.split_whitespace() {
                assert!(seen.insert(t.to_lowercase()), "{t} is in two groups");
            }
        }
    }

    /// build.rs gives the page's core module the GWP table's digest and its values alone:
    /// the same digest as the text's, and the same value for every gas and set.
    #[test]
    fn the_core_modules_gwp_table_has_the_full_tables_values_and_digest() {
        assert_eq!(GWP_SHA256, sha256_hex(GWP_TABLE.1.as_bytes()));
        assert_eq!(FactorSet::builtin().unwrap().gwp_sha256(), GWP_SHA256);
        let full = GwpTable::parse(GWP_TABLE.0, GWP_TABLE.1).expect("full");
        let core = GwpTable::parse_values(GWP_CORE_TABLE.0, GWP_CORE_TABLE.1).expect("core");
        let mut n = 0;
        for row in full.rows() {
            for set in [GwpSet::Ar4, GwpSet::Ar5, GwpSet::Ar6] {
                assert_eq!(
                    core.row(row.gas).and_then(|r| r.value(set)),
                    row.value(set),
                    "{} {set:?}",
                    row.gas
                );
                n += 1;
            }
        }
        assert_eq!(full.rows().count(), core.rows().count());
        assert_eq!(n, 3 * 278, "{n} cells");
    }

    /// The page's core module reads the built-in tables and geographies from build.rs's
    /// compact form: every factor (each field, numbers to the bit, but the notes, which the
    /// compact form leaves out), the hierarchy and the digests must be the CSV reader's, so the
    /// set and its digest are the same.
    #[test]
    fn the_compact_tables_are_the_csv_tables() {
        let (gwp, gwp_sha256) = builtin_gwp().expect("GWP table");
        let mut csv = BuiltinParts::parse(&gwp).expect("CSV tables");
        let compact = compact::builtin_parts(&gwp).expect("compact tables");
        for f in csv.tables.iter_mut().flat_map(|t| t.factors.iter_mut()) {
            assert!(!f.notes.is_empty(), "{} has notes in the CSV", f.id);
            f.notes.clear();
        }
        assert_eq!(compact.tables.len(), BUILTIN_TABLES.len());
        for ((c, t), (_, _, text)) in compact.tables.iter().zip(&csv.tables).zip(BUILTIN_TABLES) {
            assert_eq!(c.sha256, sha256_hex(text.as_bytes()), "{}", t.name);
            assert_eq!(c.factors.len(), t.factors.len(), "{}", t.name);
            for (cf, tf) in c.factors.iter().zip(&t.factors) {
                assert_eq!(cf, tf);
                // `==` on f64 would accept 0.0 for -0.0: the bits too.
                assert_eq!(cf.value.to_bits(), tf.value.to_bits(), "{}", tf.id);
                assert_eq!(
                    cf.kg_per_unit.to_bits(),
                    tf.kg_per_unit.to_bits(),
                    "{}",
                    tf.id
                );
            }
        }
        // The Debug text names every field, with each number's shortest round-trip digits.
        assert_eq!(format!("{compact:?}"), format!("{csv:?}"));
        assert_eq!(compact, csv);
        assert_eq!(
            compact.geographies_sha256,
            sha256_hex(GEOGRAPHY_TABLE.1.as_bytes())
        );
        assert_eq!(compact.geographies.parent("CN-JS"), Some("CN-ECG"));
        let builtin = FactorSet::builtin().expect("built-in set");
        let set = FactorSet::from_builtin_parts(compact, gwp, gwp_sha256)
            .expect("set from the compact tables");
        assert_eq!(set.sha256(), builtin.sha256());
        assert_eq!(set.tables(), &csv.tables[..]);
        assert_eq!(set.geographies(), builtin.geographies());
        let factors: usize = set.tables().iter().map(|t| t.factors.len()).sum();
        assert!(factors > 200, "{factors} factors");
    }

    #[test]
    fn the_build_time_parameter_digest_is_the_tables_digest() {
        // build.rs digests factors/parameters.csv for the page's core module; the set digest
        // it gives must be the one every other build computes from the text.
        assert_eq!(PARAMETERS_SHA256, sha256_hex(PARAMETER_TABLE.1.as_bytes()));
        assert_eq!(
            FactorSet::builtin().unwrap().parameters_sha256(),
            PARAMETERS_SHA256
        );
    }

    #[test]
    fn builtin_tables_load_with_unique_ids_and_provenance() {
        let set = FactorSet::builtin().expect("built-in tables are valid");
        assert!(set.tables().len() >= 4);
        for t in set.tables() {
            assert_eq!(t.sha256.len(), 64);
            assert!(!t.factors.is_empty(), "{} is empty", t.name);
            for f in &t.factors {
                assert!(f.value.is_finite() && f.value >= 0.0, "{}", f.id);
                assert!(!f.source.is_empty(), "{} has no source", f.id);
                assert!(!f.licence.is_empty(), "{} has no licence", f.id);
                // The CRE PV country mixes are published without a data year, and stoichiometric
                // constants have none.
                assert!(
                    f.year.is_some()
                        || f.id.starts_with("fr.cre.")
                        || f.id.starts_with("stoich.")
                        // TianGong data sets that state no reference year
                        // (tests/derived_tiangong.rs checks the year is the data set's).
                        || f.id.starts_with("tiangong."),
                    "{} has no year",
                    f.id
                );
                assert_ne!(f.verification, Verification::User, "{}", f.id);
                assert!(!f.name_zh.is_empty(), "{} has no Chinese name", f.id);
            }
        }
        assert!(set.overrides().is_empty());
    }

    #[test]
    fn tonnes_per_mwh_become_kg_per_mwh() {
        let t =
            table("x.ets,ETS,电网,0.5703,t,MWh,CO2_fossil,,fossil,CN,2022,MEE,public,official,\n")
                .expect("valid row");
        let f = &t.factors[0];
        // 0.5703 t is 0.5703 × 1000 kg: one multiplication, the same bits everywhere.
        assert_eq!(f.kg_per_unit, 0.5703 * 1000.0);
        assert!((f.kg_per_unit - 570.3).abs() < 1e-12);
        assert_eq!(f.per_unit.symbol(), "MWh");
        assert_eq!(f.basis, Basis::Gas(Gas::Co2Fossil));
    }

    #[test]
    fn rejects_bad_rows_with_their_location() {
        let e = table("a,A,,-1,kg,kWh,CO2e,AR6,fossil,CN,2023,S,L,official,\n").unwrap_err();
        assert_eq!(e.code(), "invalid_factor_table");
        assert_eq!(e.path(), "user.csv:2:value");
        let e = table("a,A,,1,kg,kWhh,CO2e,AR6,fossil,CN,2023,S,L,official,\n").unwrap_err();
        assert_eq!(e.path(), "user.csv:2:per_unit");
        let e = table("a,A,,1,kWh,kWh,CO2e,AR6,fossil,CN,2023,S,L,official,\n").unwrap_err();
        assert_eq!(e.path(), "user.csv:2:value_unit");
        let e = table("a,A,,1,kg,kWh,CO2e,AR7,fossil,CN,2023,S,L,official,\n").unwrap_err();
        assert_eq!(e.path(), "user.csv:2:gwp_set");
        let e = table("a,A,,NaN,kg,kWh,CO2e,AR6,fossil,CN,2023,S,L,official,\n").unwrap_err();
        assert_eq!(e.path(), "user.csv:2:value");
        let e = table("a,A,,1,kg,kWh,CO2e,AR6,fossil,CN,2023,,L,official,\n").unwrap_err();
        assert_eq!(e.path(), "user.csv:2:source");
        let e = table(
            "a,A,,1,kg,kWh,CO2e,AR6,fossil,CN,2023,S,L,official,\na,A,,1,kg,kWh,CO2e,AR6,fossil,CN,2023,S,L,official,\n",
        )
        .unwrap_err();
        assert_eq!(e.code(), "duplicate_id");
        assert_eq!(e.path(), "user.csv:3");
    }

    #[test]
    fn the_optional_uncertainty_column_is_parsed_and_checked() {
        let header = format!("{}\n", FACTOR_COLUMNS_ALL.join(","));
        let ok = FactorTable::from_csv(
            "u.csv",
            Origin::User { overrides: false },
            &format!("{header}u.a,A,,0.6,kg,kWh,CO2e,AR6,fossil,CN,2024,S,L,user,,u,lognormal:gsd=1.08\n"),
        )
        .expect("valid");
        assert_eq!(
            ok.factors[0].uncertainty,
            Some(uncertainty::Distribution::Lognormal { gsd: 1.08 })
        );
        assert_eq!(ok.factors[0].to_row().uncertainty, "lognormal:gsd=1.08");
        let e = FactorTable::from_csv(
            "u.csv",
            Origin::User { overrides: false },
            &format!("{header}u.a,A,,0.6,kg,kWh,CO2e,AR6,fossil,CN,2024,S,L,user,,u,\"uniform:min=1,max=2\"\n"),
        )
        .unwrap_err();
        assert_eq!(e.path(), "u.csv:2:uncertainty");
        assert_eq!(
            e.to_string(),
            "factor table u.csv: uncertainty of u.a: the value 0.6 lies outside [1, 2]"
        );
    }

    #[test]
    fn rejects_a_wrong_header() {
        let e = FactorTable::from_csv(
            "u.csv",
            Origin::User { overrides: false },
            "id,value\nx,1\n",
        )
        .unwrap_err();
        assert_eq!(e.path(), "u.csv:1");
    }

    #[test]
    fn a_user_row_with_a_builtin_id_is_a_conflict_unless_overriding_is_asked_for() {
        let builtin = FactorSet::builtin().expect("valid");
        let id = builtin.effective().next().expect("non-empty").id.clone();
        let text =
            format!("{HEADER}{id},mine,,1,kg,kWh,CO2e,AR6,fossil,CN,2024,my audit,own,user,\n");
        let user = FactorTable::from_csv("user.csv", Origin::User { overrides: false }, &text)
            .expect("valid table");
        let e = FactorSet::with_user_tables(vec![user]).unwrap_err();
        assert_eq!(e.code(), "factor_conflict");
        assert_eq!(e.path(), "user.csv:2");
        assert_eq!(
            e.to_string(),
            format!("factor {id} of user.csv is also defined in electricity_cn.csv; allow the override explicitly (pcf --override, or override: true in JS) to use it")
        );
    }

    #[test]
    fn user_tables_override_builtin_rows_and_say_so() {
        let builtin = FactorSet::builtin().expect("valid");
        let id = builtin.effective().next().expect("non-empty").id.clone();
        let user = table(&format!(
            "{id},mine,,1,kg,kWh,CO2e,AR6,fossil,CN,2024,my audit,own,user,\n"
        ))
        .expect("valid");
        let set = FactorSet::with_user_tables(vec![user]).expect("layered");
        assert_eq!(set.get(&id).map(|f| f.table.as_str()), Some("user.csv"));
        assert_eq!(set.overrides().len(), 1);
        assert_eq!(set.overrides()[0].id, id);
        assert_ne!(set.sha256(), builtin.sha256());
    }

    #[test]
    fn json_tables_parse_like_csv() {
        let t = FactorTable::from_json(
            "mine.json",
            Origin::User { overrides: false },
            r#"[{"id":"steel.mine","name_en":"my steel","value":1.9,"value_unit":"t","per_unit":"t","basis":"CO2e","gwp_set":"AR6","source":"EPD 123"}]"#,
        )
        .expect("valid");
        assert_eq!(t.factors[0].kg_per_unit, 1900.0);
        assert_eq!(t.factors[0].verification, Verification::User);
        let e = FactorTable::from_json(
            "mine.json",
            Origin::User { overrides: false },
            r#"[{"id":"x","name_en":"x","value":"1","value_unit":"t","per_unit":"t","basis":"CO2e","source":"s"}]"#,
        )
        .unwrap_err();
        assert_eq!(e.path(), "mine.json:$[0].value");
    }
}
