//! Greenhouse gases, GWP sets and the GWP table (`factors/gwp.csv`).
//!
//! Owns characterisation: turning kg of a gas into kg CO2e under one IPCC set. The values live
//! in the embedded table, not in code; this module only knows which gases exist and how each is
//! reported (fossil, biogenic, land-use change).

use std::collections::BTreeMap;
use std::fmt;

use crate::error::{Error, Result};

/// A greenhouse gas the engine characterises. The ids are those of `factors/gwp.csv` and of the
/// shared benchmark format (`CO2_fossil`, `CH4_biogenic`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Gas {
    Co2Fossil,
    Co2Biogenic,
    Co2Luc,
    Ch4,
    Ch4Fossil,
    Ch4Biogenic,
    N2o,
    Sf6,
    Nf3,
    Cf4,
    C2f6,
    Hfc23,
    Hfc32,
    Hfc125,
    Hfc134a,
    Hfc143a,
    Hfc152a,
}

const GASES: &[(Gas, &str)] = &[
    (Gas::Co2Fossil, "CO2_fossil"),
    (Gas::Co2Biogenic, "CO2_biogenic"),
    (Gas::Co2Luc, "CO2_luc"),
    (Gas::Ch4, "CH4"),
    (Gas::Ch4Fossil, "CH4_fossil"),
    (Gas::Ch4Biogenic, "CH4_biogenic"),
    (Gas::N2o, "N2O"),
    (Gas::Sf6, "SF6"),
    (Gas::Nf3, "NF3"),
    (Gas::Cf4, "CF4"),
    (Gas::C2f6, "C2F6"),
    (Gas::Hfc23, "HFC-23"),
    (Gas::Hfc32, "HFC-32"),
    (Gas::Hfc125, "HFC-125"),
    (Gas::Hfc134a, "HFC-134a"),
    (Gas::Hfc143a, "HFC-143a"),
    (Gas::Hfc152a, "HFC-152a"),
];

impl Gas {
    /// Parses a gas id (exact spelling).
    pub fn parse(id: &str) -> Option<Gas> {
        GASES.iter().find(|(_, s)| *s == id).map(|(g, _)| *g)
    }

    /// The gas id.
    pub fn id(self) -> &'static str {
        GASES
            .iter()
            .find(|(g, _)| *g == self)
            .map(|(_, s)| *s)
            .unwrap_or("?")
    }

    /// All gas ids, comma-separated, for error messages.
    pub fn known_list() -> String {
        GASES.iter().map(|(_, s)| *s).collect::<Vec<_>>().join(", ")
    }

    /// How ISO 14067 reports this gas when it comes from a direct-emission line.
    pub fn class(self) -> EmissionClass {
        match self {
            Gas::Co2Biogenic | Gas::Ch4Biogenic => EmissionClass::Biogenic,
            Gas::Co2Luc => EmissionClass::LandUseChange,
            _ => EmissionClass::Fossil,
        }
    }

    /// Whether an uptake (removal) of this gas is meaningful: only CO2.
    pub fn can_be_removed(self) -> bool {
        matches!(self, Gas::Co2Fossil | Gas::Co2Biogenic | Gas::Co2Luc)
    }
}

impl fmt::Display for Gas {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The reporting class of an emission, kept apart as ISO 14067 and GB/T 24067 require.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EmissionClass {
    /// Fossil emissions (the default).
    Fossil,
    /// Biogenic emissions.
    Biogenic,
    /// Direct land-use change.
    LandUseChange,
    /// Aircraft emissions (reported separately).
    Aircraft,
    /// A total that its source does not split by class (a supplier's declared footprint):
    /// reported apart rather than counted as fossil.
    Unsplit,
}

impl EmissionClass {
    /// Parses a class name as used in factor tables and documents.
    pub fn parse(s: &str) -> Option<EmissionClass> {
        match s {
            "fossil" => Some(EmissionClass::Fossil),
            "biogenic" => Some(EmissionClass::Biogenic),
            "luc" => Some(EmissionClass::LandUseChange),
            "aircraft" => Some(EmissionClass::Aircraft),
            "unsplit" => Some(EmissionClass::Unsplit),
            _ => None,
        }
    }

    /// The name used in tables and results.
    pub fn name(self) -> &'static str {
        match self {
            EmissionClass::Fossil => "fossil",
            EmissionClass::Biogenic => "biogenic",
            EmissionClass::LandUseChange => "luc",
            EmissionClass::Aircraft => "aircraft",
            EmissionClass::Unsplit => "unsplit",
        }
    }
}

/// An IPCC GWP100 set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GwpSet {
    /// Fourth Assessment Report (2007).
    Ar4,
    /// Fifth Assessment Report (2013), without climate-carbon feedback.
    Ar5,
    /// Sixth Assessment Report (2021).
    Ar6,
}

impl GwpSet {
    /// Parses `AR4`, `AR5` or `AR6`.
    pub fn parse(s: &str) -> Option<GwpSet> {
        match s {
            "AR4" => Some(GwpSet::Ar4),
            "AR5" => Some(GwpSet::Ar5),
            "AR6" => Some(GwpSet::Ar6),
            _ => None,
        }
    }

    /// `AR4`, `AR5` or `AR6`.
    pub fn name(self) -> &'static str {
        match self {
            GwpSet::Ar4 => "AR4",
            GwpSet::Ar5 => "AR5",
            GwpSet::Ar6 => "AR6",
        }
    }

    fn column(self) -> usize {
        match self {
            GwpSet::Ar4 => 0,
            GwpSet::Ar5 => 1,
            GwpSet::Ar6 => 2,
        }
    }
}

impl fmt::Display for GwpSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One row of the GWP table: values per set (absent where the source gives none) and where
/// they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct GwpRow {
    /// The gas.
    pub gas: Gas,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    values: [Option<f64>; 3],
    /// Citation.
    pub source: String,
    /// official or secondary.
    pub verification: String,
}

impl GwpRow {
    /// The GWP100 of this gas in `set`, if the table has one.
    pub fn value(&self, set: GwpSet) -> Option<f64> {
        self.values.get(set.column()).copied().flatten()
    }
}

/// The parsed GWP table.
#[derive(Debug, Clone, PartialEq)]
pub struct GwpTable {
    rows: BTreeMap<Gas, GwpRow>,
}

/// Header of `gwp.csv`.
pub const GWP_COLUMNS: &[&str] = &[
    "gas",
    "name_en",
    "name_zh",
    "ar4",
    "ar5",
    "ar6",
    "source",
    "verification",
];

#[derive(serde::Deserialize)]
struct GwpCsvRow {
    gas: String,
    name_en: String,
    name_zh: String,
    ar4: String,
    ar5: String,
    ar6: String,
    source: String,
    verification: String,
}

impl GwpTable {
    /// Parses the GWP table from CSV text (`gas,name_en,name_zh,ar4,ar5,ar6,source,verification`).
    pub fn parse(table: &str, text: &str) -> Result<GwpTable> {
        let mut rows = BTreeMap::new();
        let mut reader = crate::factors::csv_table::open(table, text, &[GWP_COLUMNS])?;
        for (i, rec) in reader.deserialize::<GwpCsvRow>().enumerate() {
            let line = i + 2;
            let at = |col: &str| format!("{table}:{line}:{col}");
            let bad = |col: &str, detail: String| Error::InvalidFactorTable {
                path: at(col),
                table: table.to_string(),
                detail,
            };
            let r = rec.map_err(|e| bad("", format!("row {line}: {e}")))?;
            let gas = Gas::parse(&r.gas)
                .ok_or_else(|| bad("gas", format!("unknown gas {:?} on row {line}", r.gas)))?;
            let mut values = [None; 3];
            for (slot, (col, cell)) in
                values
                    .iter_mut()
                    .zip([("ar4", &r.ar4), ("ar5", &r.ar5), ("ar6", &r.ar6)])
            {
                if cell.is_empty() {
                    continue;
                }
                let v: f64 = cell.parse().map_err(|_| {
                    bad(col, format!("{col} {cell:?} on row {line} is not a number"))
                })?;
                if !v.is_finite() || v <= 0.0 {
                    return Err(bad(col, format!("{col} on row {line} must be > 0")));
                }
                *slot = Some(v);
            }
            if r.source.is_empty() {
                return Err(bad("source", format!("row {line} has no source")));
            }
            let row = GwpRow {
                gas,
                name_en: r.name_en,
                name_zh: r.name_zh,
                values,
                source: r.source,
                verification: r.verification,
            };
            if rows.insert(gas, row).is_some() {
                return Err(bad("gas", format!("gas {gas} appears twice")));
            }
        }
        Ok(GwpTable { rows })
    }

    /// The row of a gas.
    pub fn row(&self, gas: Gas) -> Option<&GwpRow> {
        self.rows.get(&gas)
    }

    /// The GWP100 of `gas` in `set`, or an error naming the line at `path`.
    pub fn gwp(&self, gas: Gas, set: GwpSet, path: &str) -> Result<f64> {
        self.rows
            .get(&gas)
            .and_then(|r| r.value(set))
            .ok_or_else(|| Error::MissingGwp {
                path: path.to_string(),
                set: set.name().to_string(),
                gas: gas.id().to_string(),
                hint: match gas {
                    Gas::Ch4Fossil | Gas::Ch4Biogenic => {
                        "; use CH4 (no origin split) with this set".to_string()
                    }
                    _ => String::new(),
                },
            })
    }

    /// All rows in gas order.
    pub fn rows(&self) -> impl Iterator<Item = &GwpRow> {
        self.rows.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "gas,name_en,name_zh,ar4,ar5,ar6,source,verification\n\
        CH4,methane,甲烷,25,28,27.9,IPCC,secondary\n\
        CH4_fossil,fossil methane,化石甲烷,,,29.8,IPCC,secondary\n";

    #[test]
    fn parses_values_and_blanks() {
        let t = GwpTable::parse("gwp.csv", SAMPLE).expect("sample parses");
        assert_eq!(t.gwp(Gas::Ch4, GwpSet::Ar5, "$").ok(), Some(28.0));
        assert_eq!(t.gwp(Gas::Ch4Fossil, GwpSet::Ar6, "$").ok(), Some(29.8));
        let e = t
            .gwp(Gas::Ch4Fossil, GwpSet::Ar4, "$.emissions[0]")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "the AR4 GWP set has no value for CH4_fossil; use CH4 (no origin split) with this set"
        );
        assert_eq!(e.path(), "$.emissions[0]");
    }

    #[test]
    fn rejects_unknown_gas_with_location() {
        let e = GwpTable::parse(
            "gwp.csv",
            "gas,name_en,name_zh,ar4,ar5,ar6,source,verification\nXX,x,x,1,1,1,s,official\n",
        )
        .unwrap_err();
        assert_eq!(e.code(), "invalid_factor_table");
        assert_eq!(e.path(), "gwp.csv:2:gas");
    }

    #[test]
    fn gas_ids_round_trip() {
        for (g, s) in GASES {
            assert_eq!(Gas::parse(s), Some(*g));
            assert_eq!(g.id(), *s);
        }
    }
}
