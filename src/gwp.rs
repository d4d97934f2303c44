//! Greenhouse gases, GWP sets and the GWP table (`factors/gwp.csv`).
//!
//! Owns characterisation: turning kg of a gas into kg CO2e under one IPCC set. The values live
//! in the embedded table, not in code; this module only knows which gases exist and how each is
//! reported (fossil, biogenic, land-use change).

use std::collections::BTreeMap;
use std::fmt;

use crate::error::{Error, Result};

/// A greenhouse gas the engine characterises: an index into [`GASES`], whose ids are those of
/// `factors/gwp.csv` in its order (a test checks the two agree) and of the shared benchmark
/// format (`CO2_fossil`, `CH4_biogenic`, `HFC-134a`, …). Gases order as they are listed.
///
/// A table of ids rather than an enum: the IPCC tables print about a hundred gases, each a row
/// of data with nothing of its own in code but its reporting class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Gas(u16);

/// One gas of [`GASES`]: its id and how ISO 14067 reports it from a direct-emission line.
#[derive(Debug)]
pub struct GasDef {
    /// The id, as in `factors/gwp.csv`.
    pub id: &'static str,
    /// Reporting class of a direct emission.
    pub class: EmissionClass,
    /// Whether an uptake (removal) of it is meaningful: CO2 only.
    pub removable: bool,
}

const fn fossil(id: &'static str) -> GasDef {
    GasDef {
        id,
        class: EmissionClass::Fossil,
        removable: false,
    }
}

const fn co2(id: &'static str, class: EmissionClass) -> GasDef {
    GasDef {
        id,
        class,
        removable: true,
    }
}

/// Every gas, in the order of `factors/gwp.csv`: CO2 by origin, methane (no origin split,
/// fossil, non-fossil), N2O, then the halogenated gases and the other species the compiled IPCC
/// tables print (`factors/README.md`).
pub const GASES: &[GasDef] = &[
    co2("CO2_fossil", EmissionClass::Fossil),
    co2("CO2_biogenic", EmissionClass::Biogenic),
    co2("CO2_luc", EmissionClass::LandUseChange),
    fossil("CH4"),
    fossil("CH4_fossil"),
    GasDef {
        id: "CH4_biogenic",
        class: EmissionClass::Biogenic,
        removable: false,
    },
    fossil("N2O"),
    fossil("SF6"),
    fossil("NF3"),
    fossil("CF4"),
    fossil("C2F6"),
    fossil("HFC-23"),
    fossil("HFC-32"),
    fossil("HFC-125"),
    fossil("HFC-134a"),
    fossil("HFC-143a"),
    fossil("HFC-152a"),
    fossil("CFC-11"),
    fossil("CFC-12"),
    fossil("CFC-13"),
    fossil("CFC-113"),
    fossil("CFC-114"),
    fossil("CFC-115"),
    fossil("Halon-1301"),
    fossil("Halon-1211"),
    fossil("Halon-2402"),
    fossil("Halon-1202"),
    fossil("CCl4"),
    fossil("CH3Br"),
    fossil("CH3CCl3"),
    fossil("HCFC-21"),
    fossil("HCFC-22"),
    fossil("HCFC-123"),
    fossil("HCFC-124"),
    fossil("HCFC-141b"),
    fossil("HCFC-142b"),
    fossil("HCFC-225ca"),
    fossil("HCFC-225cb"),
    fossil("HFC-41"),
    fossil("HFC-134"),
    fossil("HFC-143"),
    fossil("HFC-152"),
    fossil("HFC-161"),
    fossil("HFC-227ea"),
    fossil("HFC-236cb"),
    fossil("HFC-236ea"),
    fossil("HFC-236fa"),
    fossil("HFC-245ca"),
    fossil("HFC-245fa"),
    fossil("HFC-365mfc"),
    fossil("HFC-43-10mee"),
    fossil("SO2F2"),
    fossil("C3F8"),
    fossil("c-C4F8"),
    fossil("C4F10"),
    fossil("C5F12"),
    fossil("C6F14"),
    fossil("C7F16"),
    fossil("C8F18"),
    fossil("C10F18"),
    fossil("SF5CF3"),
    fossil("c-C3F6"),
    fossil("HFE-125"),
    fossil("HFE-134"),
    fossil("HFE-143a"),
    fossil("HCFE-235da2"),
    fossil("HFE-245cb2"),
    fossil("HFE-245fa2"),
    fossil("HFE-347mcc3"),
    fossil("HFE-347pcf2"),
    fossil("HFE-356pcc3"),
    fossil("HFE-569sf2"),
    fossil("HFE-43-10pccc124"),
    fossil("HFE-236ca12"),
    fossil("HFE-338pcc13"),
    fossil("HFE-227ea"),
    fossil("HFE-236ea2"),
    fossil("HFE-236fa"),
    fossil("HFE-245fa1"),
    fossil("HFE-263fb2"),
    fossil("HFE-329mcc2"),
    fossil("HFE-338mcf2"),
    fossil("HFE-347mcf2"),
    fossil("HFE-356mec3"),
    fossil("HFE-356pcf2"),
    fossil("HFE-356pcf3"),
    fossil("HFE-365mcf3"),
    fossil("HFE-374pc2"),
    fossil("PFPMIE"),
    fossil("CHCl3"),
    fossil("CH2Cl2"),
    fossil("CH3Cl"),
    fossil("Halon-1201"),
];

/// The gases by the names of the enum they once were, so code written against it still reads
/// (`Gas::Co2Fossil`, `Gas::N2o`, …; each is its index in [`GASES`]).
#[allow(non_upper_case_globals, missing_docs)]
impl Gas {
    pub const Co2Fossil: Gas = Gas(0);
    pub const Co2Biogenic: Gas = Gas(1);
    pub const Co2Luc: Gas = Gas(2);
    pub const Ch4: Gas = Gas(3);
    pub const Ch4Fossil: Gas = Gas(4);
    pub const Ch4Biogenic: Gas = Gas(5);
    pub const N2o: Gas = Gas(6);
    pub const Sf6: Gas = Gas(7);
    pub const Nf3: Gas = Gas(8);
    pub const Cf4: Gas = Gas(9);
    pub const C2f6: Gas = Gas(10);
    pub const Hfc23: Gas = Gas(11);
    pub const Hfc32: Gas = Gas(12);
    pub const Hfc125: Gas = Gas(13);
    pub const Hfc134a: Gas = Gas(14);
    pub const Hfc143a: Gas = Gas(15);
    pub const Hfc152a: Gas = Gas(16);
}

impl Gas {
    /// Parses a gas id (exact spelling).
    pub fn parse(id: &str) -> Option<Gas> {
        GASES
            .iter()
            .position(|g| g.id == id)
            .and_then(|i| u16::try_from(i).ok())
            .map(Gas)
    }

    fn def(self) -> Option<&'static GasDef> {
        GASES.get(usize::from(self.0))
    }

    /// The gas id.
    pub fn id(self) -> &'static str {
        self.def().map_or("?", |g| g.id)
    }

    /// Every gas, in table order.
    pub fn all() -> impl Iterator<Item = Gas> {
        (0..GASES.len()).filter_map(|i| u16::try_from(i).ok().map(Gas))
    }

    /// All gas ids, comma-separated, for error messages.
    pub fn known_list() -> String {
        GASES.iter().map(|g| g.id).collect::<Vec<_>>().join(", ")
    }

    /// How ISO 14067 reports this gas when it comes from a direct-emission line.
    pub fn class(self) -> EmissionClass {
        self.def().map_or(EmissionClass::Fossil, |g| g.class)
    }

    /// Whether an uptake (removal) of this gas is meaningful: only CO2.
    pub fn can_be_removed(self) -> bool {
        self.def().is_some_and(|g| g.removable)
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
        let mut reader = crate::csv_table::open(table, text, &[GWP_COLUMNS])?;
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

    /// Reads the GWP values alone (`gas,ar4,ar5,ar6`, one gas a line, cells without quotes):
    /// the table build.rs writes from `gwp.csv` for the page's core module, read without the
    /// CSV reader (whose code for the full table's rows is 3 KB of that module). Names and
    /// sources are left empty (the source names the full table).
    pub fn parse_values(table: &str, text: &str) -> Result<GwpTable> {
        let mut rows = BTreeMap::new();
        for (i, line) in text.lines().enumerate().skip(1) {
            let bad = |detail: String| Error::InvalidFactorTable {
                path: format!("{table}:{}", i + 1),
                table: table.to_string(),
                detail,
            };
            let mut cells = line.split(',');
            let id = cells.next().unwrap_or_default();
            let gas = Gas::parse(id).ok_or_else(|| bad(format!("unknown gas {id:?}")))?;
            let mut values = [None; 3];
            for slot in values.iter_mut() {
                let cell = cells
                    .next()
                    .ok_or_else(|| bad("a value is missing".into()))?;
                if !cell.is_empty() {
                    *slot = Some(
                        cell.parse::<f64>()
                            .ok()
                            .filter(|v| v.is_finite() && *v > 0.0)
                            .ok_or_else(|| bad(format!("{cell:?} is not a GWP value")))?,
                    );
                }
            }
            let row = GwpRow {
                gas,
                name_en: String::new(),
                name_zh: String::new(),
                values,
                source: table.to_string(),
                verification: String::new(),
            };
            if rows.insert(gas, row).is_some() {
                return Err(bad(format!("gas {gas} appears twice")));
            }
        }
        Ok(GwpTable { rows })
    }

    /// The row of a gas.
    pub fn row(&self, gas: Gas) -> Option<&GwpRow> {
        self.rows.get(&gas)
    }

    /// The GWP100 of `gas` in `set`, or an error naming the line at `path` with a substitute
    /// that does not understate ([`GwpTable::substitute`]).
    pub fn gwp(&self, gas: Gas, set: GwpSet, path: &str) -> Result<f64> {
        self.rows
            .get(&gas)
            .and_then(|r| r.value(set))
            .ok_or_else(|| Error::MissingGwp {
                path: path.to_string(),
                set: set.name().to_string(),
                gas: gas.id().to_string(),
                hint: self.substitute(gas),
            })
    }

    /// The sets that print a value for `gas`, in order.
    fn sets_with(&self, gas: Gas) -> Vec<GwpSet> {
        [GwpSet::Ar4, GwpSet::Ar5, GwpSet::Ar6]
            .into_iter()
            .filter(|&s| self.rows.get(&gas).and_then(|r| r.value(s)).is_some())
            .collect()
    }

    /// What to use instead of a missing value of `gas`, never one that understates it: the sets
    /// that print it, and, for methane of one origin, methane without an origin split (`CH4`)
    /// only when the table shows it is not lower in any set that prints both: so `CH4` is offered
    /// for non-fossil methane and never for fossil methane. Starts with "; " (empty when the
    /// table prints the gas in no set).
    fn substitute(&self, gas: Gas) -> String {
        let names = |sets: &[GwpSet]| sets.iter().map(|s| s.name()).collect::<Vec<_>>().join(", ");
        let printed = self.sets_with(gas);
        let elsewhere =
            (!printed.is_empty()).then(|| format!("a set that prints {gas}: {}", names(&printed)));
        let unsplit = match gas {
            Gas::Ch4Fossil | Gas::Ch4Biogenic => Some(Gas::Ch4),
            _ => None,
        };
        let compared = unsplit.map(|u| {
            let both: Vec<(GwpSet, f64, f64)> = printed
                .iter()
                .filter_map(|&s| {
                    let g = self.rows.get(&gas)?.value(s)?;
                    let v = self.rows.get(&u)?.value(s)?;
                    Some((s, g, v))
                })
                .collect();
            let sets: Vec<GwpSet> = both.iter().map(|(s, _, _)| *s).collect();
            let never_lower = !both.is_empty() && both.iter().all(|(_, g, v)| v >= g);
            (u, never_lower, names(&sets))
        });
        match (compared, elsewhere) {
            (Some((u, true, sets)), Some(e)) => {
                format!("; use {u} (not lower than {gas} in {sets}) or {e}")
            }
            (Some((u, true, sets)), None) => format!("; use {u} (not lower than {gas} in {sets})"),
            (Some((u, false, sets)), Some(e)) if !sets.is_empty() => {
                format!("; {u} would understate it (lower than {gas} in {sets}): use {e}")
            }
            (_, Some(e)) => format!("; use {e}"),
            (_, None) => String::new(),
        }
    }

    /// All rows in gas order.
    pub fn rows(&self) -> impl Iterator<Item = &GwpRow> {
        self.rows.values()
    }
}

#[cfg(test)]
mod tests {
    /// The values-only table of the page's core module: its errors name the line.
    #[test]
    fn values_only_table_errors_name_the_line() {
        let t = GwpTable::parse_values(
            "gwp.csv",
            "gas,ar4,ar5,ar6\nCH4,25,28,27.9\nCH4_fossil,,30,29.8\n",
        )
        .expect("parses");
        assert_eq!(t.gwp(Gas::Ch4Fossil, GwpSet::Ar5, "$").ok(), Some(30.0));
        assert_eq!(
            t.row(Gas::Ch4Fossil).and_then(|r| r.value(GwpSet::Ar4)),
            None
        );
        for (text, path, detail) in [
            (
                "gas,ar4,ar5,ar6\nCH5,1,1,1\n",
                "gwp.csv:2",
                "unknown gas \"CH5\"",
            ),
            (
                "gas,ar4,ar5,ar6\nCH4,25,28\n",
                "gwp.csv:2",
                "a value is missing",
            ),
            (
                "gas,ar4,ar5,ar6\nCH4,25,-1,27.9\n",
                "gwp.csv:2",
                "\"-1\" is not a GWP value",
            ),
            (
                "gas,ar4,ar5,ar6\nCH4,25,28,27.9\nCH4,25,28,27.9\n",
                "gwp.csv:3",
                "gas CH4 appears twice",
            ),
        ] {
            let e = GwpTable::parse_values("gwp.csv", text).expect_err(text);
            assert_eq!(e.path(), path, "{text}");
            assert!(e.to_string().contains(detail), "{e}");
        }
    }

    use super::*;

    const SAMPLE: &str = "gas,name_en,name_zh,ar4,ar5,ar6,source,verification\n\
        CH4,methane,甲烷,25,28,27.9,IPCC,secondary\n\
        CH4_fossil,fossil methane,化石甲烷,,,29.8,IPCC,secondary\n\
        CH4_biogenic,non-fossil methane,非化石甲烷,,28,27.0,IPCC,secondary\n\
        HFC-41,HFC-41,HFC-41,,116,135,IPCC,secondary\n\
        HFC-134,HFC-134,HFC-134,,,,IPCC,secondary\n";

    fn missing(t: &GwpTable, gas: Gas, set: GwpSet) -> String {
        t.gwp(gas, set, "$.emissions[0].gas")
            .map(|v| format!("unexpected value {v}"))
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn parses_values_and_blanks() {
        let t = GwpTable::parse("gwp.csv", SAMPLE).expect("sample parses");
        assert_eq!(t.gwp(Gas::Ch4, GwpSet::Ar5, "$").ok(), Some(28.0));
        assert_eq!(t.gwp(Gas::Ch4Fossil, GwpSet::Ar6, "$").ok(), Some(29.8));
        let e = t
            .gwp(Gas::Ch4Fossil, GwpSet::Ar4, "$.emissions[0]")
            .unwrap_err();
        assert_eq!(e.code(), "missing_gwp");
        assert_eq!(e.path(), "$.emissions[0]");
    }

    #[test]
    fn a_missing_value_suggests_only_what_does_not_understate() {
        let t = GwpTable::parse("gwp.csv", SAMPLE).expect("sample parses");
        // Fossil methane: CH4 (27.9) is below CH4_fossil (29.8) where both are printed.
        assert_eq!(
            missing(&t, Gas::Ch4Fossil, GwpSet::Ar4),
            "the AR4 GWP set has no value for CH4_fossil; CH4 would understate it (lower than CH4_fossil in AR6): use a set that prints CH4_fossil: AR6"
        );
        // Non-fossil methane: CH4 is not below CH4_biogenic in AR5 (28 = 28) nor AR6.
        assert_eq!(
            missing(&t, Gas::Ch4Biogenic, GwpSet::Ar4),
            "the AR4 GWP set has no value for CH4_biogenic; use CH4 (not lower than CH4_biogenic in AR5, AR6) or a set that prints CH4_biogenic: AR5, AR6"
        );
        assert_eq!(
            missing(&t, Gas::parse("HFC-41").expect("a gas"), GwpSet::Ar4),
            "the AR4 GWP set has no value for HFC-41; use a set that prints HFC-41: AR5, AR6"
        );
        // A gas no set prints: no suggestion at all.
        assert_eq!(
            missing(&t, Gas::parse("HFC-134").expect("a gas"), GwpSet::Ar6),
            "the AR6 GWP set has no value for HFC-134"
        );
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
        assert_eq!(Gas::all().count(), GASES.len());
        for (g, def) in Gas::all().zip(GASES) {
            assert_eq!(Gas::parse(def.id), Some(g));
            assert_eq!(g.id(), def.id);
        }
        assert_eq!(Gas::parse("CO2"), None);
        assert_eq!(Gas::N2o.id(), "N2O");
        assert_eq!(Gas::Co2Luc.class(), EmissionClass::LandUseChange);
        assert_eq!(Gas::Ch4Biogenic.class(), EmissionClass::Biogenic);
        assert!(Gas::Co2Biogenic.can_be_removed() && !Gas::Ch4.can_be_removed());
    }

    #[test]
    fn the_gas_list_is_the_table_in_its_order() {
        let text = include_str!("../factors/gwp.csv");
        let ids: Vec<&str> = text
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .collect();
        let listed: Vec<&str> = GASES.iter().map(|g| g.id).collect();
        assert_eq!(ids, listed);
    }
}
