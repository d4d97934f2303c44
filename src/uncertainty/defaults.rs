//! Default uncertainty of a line from its data-quality ratings: the pedigree approach of
//! ecoinvent, with the basic uncertainty by data type and the pedigree uncertainty factors
//! read from `factors/uncertainty_defaults.csv` (each row with its source).
//!
//! Every factor U of the table is a 95 % interval factor (U = GSD²) of a lognormal. A line's
//! geometric standard deviation is
//! `GSD = exp(½ · sqrt(ln²U_basic + ln²U_reliability + ln²U_completeness + ln²U_temporal +
//! ln²U_geographical + ln²U_technological))`
//! (Frischknecht et al. 2007, ecoinvent report No. 1; Ciroth et al. 2016).
//!
//! PEF data-quality ratings (1 very good … 5 very poor) map to the pedigree indicators:
//! `precision` → reliability, `technological` → further technological correlation,
//! `geographical` → geographical correlation, `temporal` → temporal correlation. PEF does not
//! rate completeness (its cut-off rules handle it): completeness is always scored 1. On a line
//! with at least one rating, an indicator left unrated counts as 5 (very poor), the pedigree
//! convention for unknown quality.
//!
//! A line without any rating, whose factor row gives no distribution, gets the documented
//! default of its data type: a lognormal with `GSD = sqrt(U_basic)` (the basic uncertainty
//! alone). The same default is what `pcf factors list --json` shows as a row's
//! `uncertainty_default` when the row itself gives none ([`Defaults::factor_default`]).

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use serde::Serialize;

use crate::document::DataQuality;
use crate::error::{Error, Result};
use crate::factors::{Basis, Factor, FactorRow};
use crate::result::LineResult;
use crate::units::{Dimension, Unit};

/// The embedded table.
pub const TABLE_TEXT: &str = include_str!("../../factors/uncertainty_defaults.csv");
/// Its file name.
pub const TABLE_NAME: &str = "uncertainty_defaults.csv";

const HEADER: [&str; 10] = [
    "id",
    "kind",
    "indicator",
    "score",
    "factor",
    "applies_to",
    "source",
    "licence",
    "verification",
    "notes",
];

/// The parsed defaults table: basic factors by data type, pedigree factors by indicator and
/// score.
#[derive(Debug, Clone)]
pub struct Defaults {
    basic: BTreeMap<String, f64>,
    basic_source: BTreeMap<String, String>,
    pedigree: BTreeMap<(String, u8), f64>,
    /// SHA-256 of the table text.
    pub sha256: String,
}

const INDICATORS: [&str; 5] = [
    "reliability",
    "completeness",
    "temporal",
    "geographical",
    "technological",
];
const BASIC: [&str; 6] = [
    "basic.demand",
    "basic.transport",
    "basic.air.co2",
    "basic.air.ch4",
    "basic.air.n2o",
    "basic.air.other",
];

impl Defaults {
    /// Parses and checks the embedded table (every basic type and every indicator × score
    /// present, factors finite and ≥ 1, source and licence filled).
    pub fn builtin() -> Result<Defaults> {
        Defaults::parse(TABLE_NAME, TABLE_TEXT)
    }

    /// Parses a table in the same format.
    pub fn parse(name: &str, text: &str) -> Result<Defaults> {
        let bad = |row: usize, col: &str, detail: String| Error::InvalidFactorTable {
            path: format!("{name}:{row}:{col}"),
            table: name.to_string(),
            detail,
        };
        let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let header: Vec<String> = rdr
            .headers()
            .map_err(|e| bad(1, "", e.to_string()))?
            .iter()
            .map(str::to_string)
            .collect();
        if header != HEADER {
            return Err(bad(1, "", format!("header must be {}", HEADER.join(","))));
        }
        let mut basic = BTreeMap::new();
        let mut basic_source = BTreeMap::new();
        let mut pedigree = BTreeMap::new();
        for (i, rec) in rdr.records().enumerate() {
            let row = i + 2;
            let rec = rec.map_err(|e| bad(row, "", e.to_string()))?;
            let get = |k: usize| rec.get(k).unwrap_or("").trim();
            let factor: f64 = get(4)
                .parse()
                .map_err(|_| bad(row, "factor", format!("{:?} is not a number", get(4))))?;
            if !(factor.is_finite() && factor >= 1.0) {
                return Err(bad(row, "factor", format!("{factor} must be ≥ 1")));
            }
            for (k, col) in [(6, "source"), (7, "licence"), (8, "verification")] {
                if get(k).is_empty() {
                    return Err(bad(row, col, format!("{col} is empty")));
                }
            }
            match get(1) {
                "basic" => {
                    if basic.insert(get(0).to_string(), factor).is_some() {
                        return Err(bad(row, "id", format!("duplicate id {}", get(0))));
                    }
                    basic_source.insert(get(0).to_string(), get(6).to_string());
                }
                "pedigree" => {
                    let score: u8 = get(3)
                        .parse()
                        .ok()
                        .filter(|s| (1..=5).contains(s))
                        .ok_or_else(|| bad(row, "score", "score must be 1 to 5".into()))?;
                    let ind = get(2).to_string();
                    if !INDICATORS.contains(&ind.as_str()) {
                        return Err(bad(row, "indicator", format!("unknown indicator {ind}")));
                    }
                    if pedigree.insert((ind, score), factor).is_some() {
                        return Err(bad(row, "id", format!("duplicate row {}", get(0))));
                    }
                }
                other => return Err(bad(row, "kind", format!("unknown kind {other:?}"))),
            }
        }
        for b in BASIC {
            if !basic.contains_key(b) {
                return Err(bad(1, "id", format!("missing row {b}")));
            }
        }
        for ind in INDICATORS {
            for s in 1..=5u8 {
                if !pedigree.contains_key(&(ind.to_string(), s)) {
                    return Err(bad(1, "id", format!("missing row pedigree.{ind}.{s}")));
                }
            }
        }
        Ok(Defaults {
            basic,
            basic_source,
            pedigree,
            sha256: hex(&Sha256::digest(text.as_bytes())),
        })
    }

    /// The basic-uncertainty row id for a result line (its data type).
    pub fn data_type(line: &LineResult) -> &'static str {
        let per_unit = line.factor.as_ref().and_then(|f| Unit::parse(f.per_unit));
        type_of(line.gas, per_unit)
    }

    /// The basic-uncertainty row id for a factor row: by its gas basis, its unit (transport
    /// per tonne-km or passenger-km), or else a demand.
    pub fn factor_data_type(f: &Factor) -> &'static str {
        let gas = match f.basis {
            Basis::Gas(g) => Some(g.id()),
            Basis::Co2e(_) => None,
        };
        type_of(gas, Some(f.per_unit))
    }

    /// The data-type default of a quantity: a lognormal with `GSD = sqrt(U_basic)`.
    pub fn basic_gsd(&self, data_type: &str) -> Option<f64> {
        self.basic.get(data_type).map(|u| libm::sqrt(*u))
    }

    /// The documented default uncertainty of a factor row that gives none (`None` when the
    /// row has its own distribution).
    pub fn factor_default(&self, f: &Factor) -> Option<DataTypeDefault> {
        if f.uncertainty.is_some() {
            return None;
        }
        let data_type = Defaults::factor_data_type(f);
        let u95 = *self.basic.get(data_type)?;
        let gsd = libm::sqrt(u95);
        Some(DataTypeDefault {
            distribution: crate::factors::uncertainty::Distribution::Lognormal { gsd }.to_string(),
            data_type,
            u95,
            table: TABLE_NAME,
            source: self
                .basic_source
                .get(data_type)
                .cloned()
                .unwrap_or_default(),
        })
    }

    /// The default lognormal GSD of a line from its ratings, with the row ids used; `None`
    /// when the line has no rating.
    pub fn gsd(&self, line: &LineResult) -> Option<(f64, Vec<String>)> {
        let dq: &DataQuality = line.data_quality.as_ref()?;
        let ratings = [
            ("reliability", dq.precision),
            ("temporal", dq.temporal),
            ("geographical", dq.geographical),
            ("technological", dq.technological),
        ];
        if ratings.iter().all(|(_, r)| r.is_none()) {
            return None;
        }
        let basic_id = Defaults::data_type(line);
        let mut used = vec![basic_id.to_string()];
        let mut sum = sq_ln(self.basic.get(basic_id).copied().unwrap_or(1.0));
        let mut add = |ind: &str, score: u8| {
            let u = self
                .pedigree
                .get(&(ind.to_string(), score))
                .copied()
                .unwrap_or(1.0);
            used.push(format!("pedigree.{ind}.{score}"));
            sum += sq_ln(u);
        };
        add("completeness", 1);
        for (ind, r) in ratings {
            add(ind, r.unwrap_or(5));
        }
        Some((libm::exp(0.5 * libm::sqrt(sum)), used))
    }
}

/// The documented default uncertainty of a factor row by its data type (boundary type of
/// `pcf factors list --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataTypeDefault {
    /// The distribution, written as a factor table's `uncertainty` cell.
    pub distribution: String,
    /// The row of `uncertainty_defaults.csv` (`basic.demand`, `basic.transport` …).
    pub data_type: &'static str,
    /// That row's 95 % interval factor U (= GSD²).
    pub u95: f64,
    /// The table it comes from.
    pub table: &'static str,
    /// The row's source.
    pub source: String,
}

/// The data type of a gas (CO2, CH4, N2O or other), or of a transport or demand quantity.
fn type_of(gas: Option<&str>, per_unit: Option<Unit>) -> &'static str {
    if let Some(g) = gas {
        return if g.starts_with("CO2") {
            "basic.air.co2"
        } else if g.starts_with("CH4") {
            "basic.air.ch4"
        } else if g == "N2O" {
            "basic.air.n2o"
        } else {
            "basic.air.other"
        };
    }
    let transport = per_unit
        .map(|u| u.dimension())
        .is_some_and(|d| d == Dimension::MassDistance || d == Dimension::PersonDistance);
    if transport {
        "basic.transport"
    } else {
        "basic.demand"
    }
}

fn sq_ln(u: f64) -> f64 {
    let l = libm::log(u);
    l * l
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A factor row as listed (`pcf factors list|search|show --json`, WASM `factors`): the row as
/// written, and, when the row gives no uncertainty, the documented default of its data type
/// (`factors/uncertainty_defaults.csv`). The row fields alone read back as a user table.
#[derive(Debug, Clone, Serialize)]
pub struct FactorListing {
    /// The row as written.
    #[serde(flatten)]
    pub row: FactorRow,
    /// The default uncertainty by data type, for a row without its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertainty_default: Option<DataTypeDefault>,
}

/// The listing form of factors, with their data-type default uncertainty.
pub fn listing<'a>(factors: impl IntoIterator<Item = &'a Factor>) -> Result<Vec<FactorListing>> {
    let defaults = Defaults::builtin()?;
    Ok(factors
        .into_iter()
        .map(|f| FactorListing {
            row: f.to_row(),
            uncertainty_default: defaults.factor_default(f),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_is_complete() {
        let d = Defaults::builtin().expect("table parses");
        assert_eq!(d.basic.len(), BASIC.len());
        assert_eq!(d.pedigree.len(), 25);
        assert_eq!(d.pedigree.get(&("technological".into(), 5)), Some(&2.8));
        assert_eq!(d.basic.get("basic.transport"), Some(&2.0));
    }

    #[test]
    fn a_bad_table_names_row_and_column() {
        let text = format!("{}\nbasic.demand,basic,,,0.5,x,s,l,v,\n", HEADER.join(","));
        let e = Defaults::parse("t.csv", &text).unwrap_err();
        assert_eq!(e.path(), "t.csv:2:factor");
    }
}
