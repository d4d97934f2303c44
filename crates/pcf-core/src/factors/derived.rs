//! Factors computed in code from source tables, so no derived number is typed by hand:
//!
//! - IPCC 2006 fuel factors (`fuels_ipcc.csv`): per TJ as published, and per tonne as
//!   `NCV [GJ/t] × EF [kg/TJ] ÷ 1000`, for CO2, CH4 and N2O; a biomass row (`class` biogenic)
//!   gives biogenic CO2 and non-fossil CH4;
//! - CBAM default values (`steel_cbam.csv`): the base and the 2026–2028 values as the
//!   regulation prints them (its `published_YYYY` columns), each read verbatim, never computed
//!   as base × (1 + mark-up) (the regulation marks up unrounded bases, so a product of the
//!   rounded base can differ from the printed figure in the last digit). A year the table
//!   prints no value for has no factor.
//!
//! Each derived row says in `notes` how it was computed or read, and the table's digest is the
//! digest of the source CSV, so a certifier can recompute or compare every value.

use serde::Deserialize;

use super::{Basis, Factor, Verification};
use crate::error::{Error, Result};
use crate::gwp::{EmissionClass, Gas};
use crate::units::Unit;

/// Header of `fuels_ipcc.csv`.
pub const FUEL_COLUMNS: &[&str] = &[
    "fuel",
    "name_en",
    "name_zh",
    "ncv_gj_per_t",
    "co2_kg_per_tj",
    "ch4_kg_per_tj",
    "n2o_kg_per_tj",
    "class",
    "source",
    "licence",
    "verification",
    "notes",
];

/// Header of `steel_cbam.csv`.
pub const CBAM_COLUMNS: &[&str] = &[
    "id",
    "name_en",
    "name_zh",
    "cn_code",
    "country",
    "base",
    "published_2026",
    "published_2027",
    "published_2028",
    "source",
    "licence",
    "verification",
    "notes",
];

/// The years of the CBAM table's `published_YYYY` columns: the default values with the year's
/// mark-up as Impl. Reg. (EU) 2025/2621 prints them.
pub const CBAM_PUBLISHED_YEARS: &[i32] = &[2026, 2027, 2028];

/// The year a CBAM base default value is listed under (before the first marked-up year).
pub const CBAM_BASE_YEAR: i32 = 2025;

/// One fuel of the IPCC table, as read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FuelRow {
    /// Fuel id (`gas_diesel_oil`).
    pub fuel: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Net calorific value, GJ per tonne.
    pub ncv_gj_per_t: f64,
    /// CO2, kg per TJ (NCV basis).
    pub co2_kg_per_tj: f64,
    /// CH4, kg per TJ.
    pub ch4_kg_per_tj: f64,
    /// N2O, kg per TJ.
    pub n2o_kg_per_tj: f64,
    /// The fuel's carbon: `fossil`, or `biogenic` for biomass (its CO2 is `CO2_biogenic` and its
    /// CH4 `CH4_biogenic`; see [`fuel_gases`]).
    pub class: String,
    /// Source.
    pub source: String,
    /// Licence.
    pub licence: String,
    /// Verification.
    pub verification: String,
    /// Notes.
    pub notes: String,
}

/// One CBAM default value, as read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CbamRow {
    /// Id of the base row.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// CN code.
    pub cn_code: String,
    /// Country of origin (ISO 3166 alpha-2).
    pub country: String,
    /// Default value, t CO2e per t of good.
    pub base: f64,
    /// The 2026 value as published (with that year's mark-up), when the table has it.
    pub published_2026: Option<f64>,
    /// Published 2027 value.
    pub published_2027: Option<f64>,
    /// Published 2028 value.
    pub published_2028: Option<f64>,
    /// Source.
    pub source: String,
    /// Licence.
    pub licence: String,
    /// Verification.
    pub verification: String,
    /// Notes.
    pub notes: String,
}

fn read_rows<T: for<'de> Deserialize<'de>>(
    table: &str,
    text: &str,
    columns: &[&str],
) -> Result<Vec<T>> {
    let mut reader = crate::csv_table::open(table, text, &[columns])?;
    let mut rows = Vec::new();
    for (i, rec) in reader.deserialize::<T>().enumerate() {
        rows.push(rec.map_err(|e| Error::InvalidFactorTable {
            path: format!("{table}:{}", i + 2),
            table: table.to_string(),
            detail: format!("row {}: {e}", i + 2),
        })?);
    }
    Ok(rows)
}

fn unit(symbol: &str, table: &str) -> Result<Unit> {
    Unit::parse(symbol).ok_or_else(|| Error::InvalidFactorTable {
        path: table.to_string(),
        table: table.to_string(),
        detail: format!("unit {symbol} is not in the registry"),
    })
}

fn verification(s: &str, table: &str, line: usize) -> Result<Verification> {
    match s {
        "official" => Ok(Verification::Official),
        "secondary" => Ok(Verification::Secondary),
        other => Err(Error::InvalidFactorTable {
            path: format!("{table}:{line}:verification"),
            table: table.to_string(),
            detail: format!("verification {other:?} must be official or secondary"),
        }),
    }
}

fn check(table: &str, line: usize, col: &str, v: f64) -> Result<f64> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(Error::InvalidFactorTable {
            path: format!("{table}:{line}:{col}"),
            table: table.to_string(),
            detail: format!("{col} must be a finite number ≥ 0, got {v}"),
        })
    }
}

/// Reads the IPCC fuel table.
pub fn fuel_rows(table: &str, text: &str) -> Result<Vec<FuelRow>> {
    let rows: Vec<FuelRow> = read_rows(table, text, FUEL_COLUMNS)?;
    check_fuel_rows(table, &rows)?;
    Ok(rows)
}

/// The checks of the fuel table's rows, however they were read.
fn check_fuel_rows(table: &str, rows: &[FuelRow]) -> Result<()> {
    for (i, r) in rows.iter().enumerate() {
        let line = i + 2;
        check(table, line, "ncv_gj_per_t", r.ncv_gj_per_t)?;
        check(table, line, "co2_kg_per_tj", r.co2_kg_per_tj)?;
        check(table, line, "ch4_kg_per_tj", r.ch4_kg_per_tj)?;
        check(table, line, "n2o_kg_per_tj", r.n2o_kg_per_tj)?;
        fuel_gases(table, line, &r.class)?;
        verification(&r.verification, table, line)?;
    }
    Ok(())
}

/// The gases a fuel row's CO2, CH4 and N2O factors are in, by the row's `class`: a fossil fuel's
/// CO2 and CH4 are `CO2_fossil` and `CH4_fossil`; a biomass fuel's (`biogenic`) are
/// `CO2_biogenic` and `CH4_biogenic`, so ISO 14067 reporting keeps its CO2 apart from fossil CO2
/// and its methane takes the non-fossil GWP. N2O is N2O either way. Each factor's reporting class
/// is its gas's ([`Gas::class`]).
pub fn fuel_gases(table: &str, line: usize, class: &str) -> Result<[Gas; 3]> {
    match class {
        "fossil" => Ok([Gas::Co2Fossil, Gas::Ch4Fossil, Gas::N2o]),
        "biogenic" => Ok([Gas::Co2Biogenic, Gas::Ch4Biogenic, Gas::N2o]),
        other => Err(Error::InvalidFactorTable {
            path: format!("{table}:{line}:class"),
            table: table.to_string(),
            detail: format!("class {other:?} must be fossil or biogenic"),
        }),
    }
}

/// kg of gas per tonne of fuel: `NCV [GJ/t] × EF [kg/TJ] ÷ 1000 [GJ/TJ]`.
pub fn per_tonne(ncv_gj_per_t: f64, ef_kg_per_tj: f64) -> f64 {
    ncv_gj_per_t * ef_kg_per_tj / 1000.0
}

/// Factors derived from the IPCC fuel table: per TJ and per tonne, for CO2, CH4 and N2O (fossil
/// or biogenic CO2 and CH4 by the row's `class`, [`fuel_gases`]).
pub fn fuel_factors(table: &str, text: &str) -> Result<Vec<Factor>> {
    fuel_factors_of(table, read_rows(table, text, FUEL_COLUMNS)?)
}

/// [`fuel_factors`] from the rows however read (CSV or build.rs's compact form); checks them.
pub(super) fn fuel_factors_of(table: &str, rows: Vec<FuelRow>) -> Result<Vec<Factor>> {
    check_fuel_rows(table, &rows)?;
    let kg = unit("kg", table)?;
    let tj = unit("TJ", table)?;
    let t = unit("t", table)?;
    let mut out = Vec::new();
    for (i, r) in rows.into_iter().enumerate() {
        let ver = verification(&r.verification, table, i + 2)?;
        let [co2, ch4, n2o] = fuel_gases(table, i + 2, &r.class)?;
        let biogenic = co2 == Gas::Co2Biogenic;
        let (co2_en, co2_zh, ch4_en, ch4_zh) = if biogenic {
            (
                "biogenic CO2",
                "生物源二氧化碳",
                "non-fossil CH4",
                "非化石源甲烷",
            )
        } else {
            ("CO2", "二氧化碳", "CH4", "甲烷")
        };
        for (gas, key, gas_name, gas_zh, ef) in [
            (co2, "co2", co2_en, co2_zh, r.co2_kg_per_tj),
            (ch4, "ch4", ch4_en, ch4_zh, r.ch4_kg_per_tj),
            (n2o, "n2o", "N2O", "氧化亚氮", r.n2o_kg_per_tj),
        ] {
            let make = |id: String,
                        value: f64,
                        per: Unit,
                        name_en: String,
                        name_zh: String,
                        notes: String| Factor {
                id,
                name_en,
                name_zh,
                value,
                value_unit: kg,
                kg_per_unit: value,
                per_unit: per,
                basis: Basis::Gas(gas),
                class: gas.class(),
                geography: "WORLD".into(),
                year: Some(2006),
                source: r.source.clone(),
                licence: r.licence.clone(),
                verification: ver,
                notes,
                series: None,
                uncertainty: None,
                table: table.to_string(),
            };
            out.push(make(
                format!("ipcc2006.fuel.{}.{key}.per-tj", r.fuel),
                ef,
                tj,
                format!(
                    "{}, {gas_name} from combustion per TJ (NCV basis)",
                    r.name_en
                ),
                format!("{}燃烧{gas_zh}排放因子（每TJ，低位热值）", r.name_zh),
                format!(
                    "IPCC 2006 default emission factor as published; {}",
                    r.notes
                ),
            ));
            out.push(make(
                format!("ipcc2006.fuel.{}.{key}.per-t", r.fuel),
                per_tonne(r.ncv_gj_per_t, ef),
                t,
                format!("{}, {gas_name} from combustion per tonne", r.name_en),
                format!("{}燃烧{gas_zh}排放因子（每吨）", r.name_zh),
                format!(
                    "derived in code: NCV {} GJ/t × {ef} kg/TJ ÷ 1000",
                    r.ncv_gj_per_t
                ),
            ));
        }
    }
    Ok(out)
}

/// Reads the CBAM default-value table.
pub fn cbam_rows(table: &str, text: &str) -> Result<Vec<CbamRow>> {
    let rows: Vec<CbamRow> = read_rows(table, text, CBAM_COLUMNS)?;
    check_cbam_rows(table, &rows)?;
    Ok(rows)
}

/// The checks of the CBAM table's rows, however they were read.
fn check_cbam_rows(table: &str, rows: &[CbamRow]) -> Result<()> {
    for (i, r) in rows.iter().enumerate() {
        check(table, i + 2, "base", r.base)?;
        for &year in CBAM_PUBLISHED_YEARS {
            if let Some(v) = r.published(year) {
                check(table, i + 2, &format!("published_{year}"), v)?;
            }
        }
        verification(&r.verification, table, i + 2)?;
    }
    Ok(())
}

impl CbamRow {
    /// The value the table prints for `year` (a `published_YYYY` column), if any: read, never
    /// computed from the base.
    pub fn published(&self, year: i32) -> Option<f64> {
        match year {
            2026 => self.published_2026,
            2027 => self.published_2027,
            2028 => self.published_2028,
            _ => None,
        }
    }
}

/// Factors from the CBAM table: the base value (listed under [`CBAM_BASE_YEAR`]) and one factor
/// `id.YEAR` per year the table prints a value for, with that value as printed.
pub fn cbam_factors(table: &str, text: &str) -> Result<Vec<Factor>> {
    cbam_factors_of(table, read_rows(table, text, CBAM_COLUMNS)?)
}

/// [`cbam_factors`] from the rows however read (CSV or build.rs's compact form); checks them.
pub(super) fn cbam_factors_of(table: &str, rows: Vec<CbamRow>) -> Result<Vec<Factor>> {
    check_cbam_rows(table, &rows)?;
    let t = unit("t", table)?;
    let mut out = Vec::new();
    for (i, r) in rows.into_iter().enumerate() {
        let ver = verification(&r.verification, table, i + 2)?;
        let make =
            |id: String, value: f64, year: i32, name_en: String, name_zh: String, notes: String| {
                Factor {
                    id,
                    name_en,
                    name_zh,
                    value,
                    value_unit: t,
                    kg_per_unit: value * 1000.0,
                    per_unit: t,
                    basis: Basis::Co2e(None),
                    class: EmissionClass::Fossil,
                    geography: r.country.clone(),
                    year: Some(year),
                    source: r.source.clone(),
                    licence: r.licence.clone(),
                    verification: ver,
                    notes,
                    // Base and marked-up values form one series over the years, so
                    // `factor_select` picks the value of the study's year.
                    series: Some(r.id.clone()),
                    uncertainty: None,
                    table: table.to_string(),
                }
            };
        out.push(make(
            r.id.clone(),
            r.base,
            CBAM_BASE_YEAR,
            r.name_en.clone(),
            r.name_zh.clone(),
            format!("CN {}; base default value; {}", r.cn_code, r.notes),
        ));
        for &year in CBAM_PUBLISHED_YEARS {
            if let Some(v) = r.published(year) {
                out.push(make(
                    format!("{}.{year}", r.id),
                    v,
                    year,
                    format!("{} ({year}, published value with mark-up)", r.name_en),
                    format!("{}（{year}年，含加成的公布值）", r.name_zh),
                    format!(
                        "CN {}; the {year} default value with that year's mark-up as published, read from column published_{year}",
                        r.cn_code
                    ),
                ));
            }
        }
    }
    Ok(out)
}
