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
/// A table of ids rather than an enum: the IPCC tables print nearly three hundred gases, each a
/// row of data with nothing of its own in code but its reporting class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Gas(u16);

/// Every gas, one a line, in the order of `factors/gwp.csv`: CO2 by origin, methane (no origin
/// split, fossil, non-fossil), N2O, then the halogenated gases and the other species the IPCC
/// tables print (`factors/README.md`). A line is the gas id, then how ISO 14067 reports a direct
/// emission of it (`fossil`, `biogenic`, `luc`; fossil where the line says nothing: every
/// halogenated species and the other species of the tables), then `removable` for a gas whose
/// uptake (removal) is meaningful: CO2 only.
///
/// One text rather than a list of structs: the page's core module carries it, and a struct of a
/// `&str` and a class took 12 bytes a gas besides the id's text (`factors/README.md`).
pub const GASES: &str = "\
CO2_fossil fossil removable
CO2_biogenic biogenic removable
CO2_luc luc removable
CH4
CH4_fossil
CH4_biogenic biogenic
N2O
SF6
NF3
CF4
C2F6
HFC-23
HFC-32
HFC-125
HFC-134a
HFC-143a
HFC-152a
CFC-11
CFC-12
CFC-13
CFC-113
CFC-114
CFC-115
Halon-1301
Halon-1211
Halon-2402
Halon-1202
CCl4
CH3Br
CH3CCl3
HCFC-21
HCFC-22
HCFC-123
HCFC-124
HCFC-141b
HCFC-142b
HCFC-225ca
HCFC-225cb
HFC-41
HFC-134
HFC-143
HFC-152
HFC-161
HFC-227ea
HFC-236cb
HFC-236ea
HFC-236fa
HFC-245ca
HFC-245fa
HFC-365mfc
HFC-43-10mee
SO2F2
C3F8
c-C4F8
C4F10
C5F12
C6F14
C7F16
C8F18
C10F18
SF5CF3
c-C3F6
HFE-125
HFE-134
HFE-143a
HCFE-235da2
HFE-245cb2
HFE-245fa2
HFE-347mcc3
HFE-347pcf2
HFE-356pcc3
HFE-569sf2
HFE-43-10pccc124
HFE-236ca12
HFE-338pcc13
HFE-227ea
HFE-236ea2
HFE-236fa
HFE-245fa1
HFE-263fb2
HFE-329mcc2
HFE-338mcf2
HFE-347mcf2
HFE-356mec3
HFE-356pcf2
HFE-356pcf3
HFE-365mcf3
HFE-374pc2
PFPMIE
CHCl3
CH2Cl2
CH3Cl
Halon-1201
CFC-112
CFC-112a
CFC-113a
CFC-114a
E-R316c
Z-R316c
CFC-1112
CFC-1112a
HCFC-31
HCFC-121
HCFC-122
HCFC-122a
HCFC-123a
HCFC-124a
HCFC-132
HCFC-132a
HCFC-132c
HCFC-133a
HCFC-141
HCFO-1233zd(E)
HCFO-1233zd(Z)
(E/Z)-CHCl=CHF
HFC-227ca
HFC-245cb
HFC-245ea
HFC-245eb
HFC-263fb
HFC-272ca
HFC-329p
cyc(-CF2CF2CF2CH2CH2-)
cyc(-CF2CF2CF2CHFCH2-)
trans-cyc(-CF2CF2CF2CHFCHF-)
HFO-1123
HFO-1132a
HFO-1141
HFO-1225ye(Z)
HFO-1225ye(E)
HFO-1234ze(Z)
HFO-1234ze(E)
HFO-1234yf
HFO-1336mzz(E)
HFO-1336mzz(Z)
HFO-1243zf
HFO-1345zfc
n-C4F9CH=CH2
n-C6F13CH=CH2
n-C8F17CH=CH2
(CF3)2C=CH2
cyc(-CF2CF2CF2CF=CH-)
HFO-1438ezy(E)
HFO-1447fz
cyc(-CH=CFCF2CF2-)
cyc(-CH=CHCF2CF2-)
CH3CH2Cl
CH2ClCH2Cl
CHCl=CCl2
CCl2=CCl2
CH3CHClCH3
CH3(CH2)2CH2Cl
CH2Br2
Halon-2301
Halon-2311
Halon-2401
CHBr3
Halon-1011
CH3CH2Br
CH2BrCH2Br
CH3CH2CH2Br
CH3CHBrCH3
N(C2F5)3
N(CF2CF2CF3)3
N(CF2CF2CF2CF3)3
N(CF2CF2CF2CF2CF3)3
(CF3)2CFCN
cyc(-CF=CFCF2CF2-)
c-C5F8
Z-C10F18
E-C10F18
CF2=CF2
CF3CF=CF2
CF2=CFCF=CF2
CF3CF2CF=CF2
CF3CF=CFCF3
HCFE-235ca2
HFE-236ca
CF3CF2CH2OH
HFE-254cb1
HFE-263m1
CF3CH2CH2OH
HFE-338mmz1
HFE-347mmz1
HFE-347mmy1
HFE-356mff2
HFE-356mmz1
HFE-365mcf2
CF3(CH2)2CH2OH
cyc(-(CF2)4CH(OH)-)
HFE-449s1
n-HFE-7100
i-HFE-7100
n-HFE-7200
i-HFE-7200
HFE-7300
HFE-7500
(CF3)2CHOH
HG-02
HG-03
HG-04
HG-20
HG-21
HG-30
HCF2O(CF2CF2O)2CF2H
HCF2O(CF2CF2O)3CF2H
CF3CF2CF2OCH2CH3
CF3CH2OCH=CH2
CH2FOCF2CF2H
C12H5F19O2
CH3OCH2F
CH3OCHF2
CH2FOCH2F
CH2FOCHF2
CH2FOCF3
HG'-01
HG'-02
HG'-03
HFE-329me3
CF3(CF2)4CH2CH2OH
CF3(CF2)6CH2CH2OH
CF3(CF2)8CH2CH2OH
CH3OCF2CHClF
HFE-216
HCOOCF3
CF3CF2OCHO
HCOOCF2CF2CF3
HCOOCF2CF2CF2CF3
CF3CH2OCHO
HCOOCH2CH2CF3
HCOOCHFCF3
(CF3)2CHOCHO
CH3COOCF2CF2CF2CF3
CH3COOCF2CF2CF3
CH3COOCF2CF3
CH3COOCF3
FCOOCH3
FCOOCF2CH3
CF3COOCF2CH3
CF3COOCH=CH2
CF3COOCH2CH3
CF3COOCH2CH=CH2
CF3COOCH2CF3
CF3COOCH3
HCF2COOCH3
CF3COOCHF2
C3F7CH2OH
CF3CF2CF2CH2OH
CHF2CHFOCF3
CF3CHFCF2OCH2CH3
CF3CF2CF2OCHFCF3
CHF2CF2CH2OH
CF3CHFCF2CH2OH
CHF2CF2CH2OCH3
CF3CF2COCF(CF3)2
CF3CH2CHO
CH2FCH2OH
CHF2CH2OH
CF3CH2OH
CH3OC7F13
CF3COCH3
CF3COCH2CH3
c-C4F8O
C2H6
C3H8
n-C4H10
CH3CH2COCH(CH3)2
CH3CH2OCH3
(Z)-CH3CH2CH2CH=CHCH2OH
(E)-CH3CH2CH2CH=CHCH2OH
C6H18OSi2
C8H24O2Si3
C10H30O3Si4
C12H36O4Si5
C6H18O3Si3
C8H24O4Si4
C10H30O5Si5
C12H36O6Si6";

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
    /// The lines of [`GASES`], split into id and the rest (class, `removable`).
    fn lines() -> impl Iterator<Item = (&'static str, &'static str)> {
        GASES.lines().map(|l| l.split_once(' ').unwrap_or((l, "")))
    }

    /// Parses a gas id (exact spelling).
    pub fn parse(id: &str) -> Option<Gas> {
        Gas::lines()
            .position(|(g, _)| g == id)
            .and_then(|i| u16::try_from(i).ok())
            .map(Gas)
    }

    fn line(self) -> Option<(&'static str, &'static str)> {
        Gas::lines().nth(usize::from(self.0))
    }

    /// The gas id.
    pub fn id(self) -> &'static str {
        self.line().map_or("?", |(id, _)| id)
    }

    /// Every gas, in table order.
    pub fn all() -> impl Iterator<Item = Gas> {
        (0..GASES.lines().count()).filter_map(|i| u16::try_from(i).ok().map(Gas))
    }

    /// All gas ids, comma-separated, for error messages.
    pub fn known_list() -> String {
        Gas::lines()
            .map(|(id, _)| id)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// How ISO 14067 reports this gas when it comes from a direct-emission line.
    pub fn class(self) -> EmissionClass {
        self.line()
            .and_then(|(_, rest)| rest.split(' ').next())
            .and_then(EmissionClass::parse)
            .unwrap_or(EmissionClass::Fossil)
    }

    /// Whether an uptake (removal) of this gas is meaningful: only CO2.
    pub fn can_be_removed(self) -> bool {
        self.line()
            .is_some_and(|(_, rest)| rest.split(' ').any(|w| w == "removable"))
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

    /// Reads the GWP values alone (`ar4,ar5,ar6`, then one gas a line in the order of [`GASES`],
    /// without its id, cells without quotes): the table build.rs writes from `gwp.csv` for the
    /// page's core module, read without the CSV reader (whose code for the full table's rows is
    /// 3 KB of that module) and without a second copy of the ids. Names and sources are left
    /// empty (the source names the full table).
    pub fn parse_values(table: &str, text: &str) -> Result<GwpTable> {
        let mut rows = BTreeMap::new();
        let mut lines = text.lines().skip(1);
        let bad = |line: usize, detail: String| Error::InvalidFactorTable {
            path: format!("{table}:{line}"),
            table: table.to_string(),
            detail,
        };
        for (i, gas) in Gas::all().enumerate() {
            let at = i + 2;
            let line = lines
                .next()
                .ok_or_else(|| bad(at, format!("no values for {gas}")))?;
            let mut cells = line.split(',');
            let mut values = [None; 3];
            for slot in values.iter_mut() {
                let cell = cells
                    .next()
                    .ok_or_else(|| bad(at, format!("a value of {gas} is missing")))?;
                if !cell.is_empty() {
                    *slot = Some(
                        cell.parse::<f64>()
                            .ok()
                            .filter(|v| v.is_finite() && *v > 0.0)
                            .ok_or_else(|| bad(at, format!("{cell:?} is not a GWP value")))?,
                    );
                }
            }
            if cells.next().is_some() {
                return Err(bad(at, format!("{gas} has more than three values")));
            }
            let row = GwpRow {
                gas,
                name_en: String::new(),
                name_zh: String::new(),
                values,
                source: table.to_string(),
                verification: String::new(),
            };
            rows.insert(gas, row);
        }
        if lines.next().is_some() {
            return Err(bad(
                rows.len() + 2,
                format!("more lines than the {} gases", rows.len()),
            ));
        }
        Ok(GwpTable { rows })
    }

    /// The row of a gas.
    pub fn row(&self, gas: Gas) -> Option<&GwpRow> {
        self.rows.get(&gas)
    }

    /// The GWP100 of `gas` in `set`, or an error naming the line at `path` with a substitute
    /// that does not understate (`GwpTable::substitute`).
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
    /// The values-only table of the page's core module: one line per gas, in order; its errors
    /// name the line.
    #[test]
    fn values_only_table_errors_name_the_line() {
        let n = Gas::all().count();
        let text = |rows: &[(usize, &str)]| {
            let mut t = String::from("ar4,ar5,ar6\n");
            for i in 0..n {
                let line = rows
                    .iter()
                    .find(|(j, _)| *j == i)
                    .map_or("1,1,1", |(_, l)| l);
                t.push_str(line);
                t.push('\n');
            }
            t
        };
        let t = GwpTable::parse_values("gwp.csv", &text(&[(4, ",30,29.8")])).expect("parses");
        assert_eq!(t.gwp(Gas::Ch4Fossil, GwpSet::Ar5, "$").ok(), Some(30.0));
        assert_eq!(
            t.row(Gas::Ch4Fossil).and_then(|r| r.value(GwpSet::Ar4)),
            None
        );
        assert_eq!(t.rows().count(), n);
        let short: String = text(&[])
            .lines()
            .take(n)
            .map(|l| format!("{l}\n"))
            .collect();
        let last = Gas::all().last().expect("gases");
        for (text, path, detail) in [
            (
                text(&[(3, "25,28")]),
                "gwp.csv:5".to_string(),
                "a value of CH4 is missing".to_string(),
            ),
            (
                text(&[(3, "25,-1,27.9")]),
                "gwp.csv:5".into(),
                "\"-1\" is not a GWP value".into(),
            ),
            (
                text(&[(3, "25,28,27.9,1")]),
                "gwp.csv:5".into(),
                "CH4 has more than three values".into(),
            ),
            (
                short,
                format!("gwp.csv:{}", n + 1),
                format!("no values for {last}"),
            ),
            (
                text(&[]) + "1,1,1\n",
                format!("gwp.csv:{}", n + 2),
                format!("more lines than the {n} gases"),
            ),
        ] {
            let e = GwpTable::parse_values("gwp.csv", &text).expect_err(&text);
            assert_eq!(e.path(), path);
            assert!(e.to_string().contains(&detail), "{e}");
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
        assert_eq!(Gas::all().count(), GASES.lines().count());
        for (g, line) in Gas::all().zip(GASES.lines()) {
            let id = line.split(' ').next().expect("an id");
            assert_eq!(Gas::parse(id), Some(g));
            assert_eq!(g.id(), id);
        }
        assert_eq!(Gas::parse("CO2"), None);
        assert_eq!(Gas::N2o.id(), "N2O");
        assert_eq!(Gas::Co2Luc.class(), EmissionClass::LandUseChange);
        assert_eq!(Gas::Ch4Biogenic.class(), EmissionClass::Biogenic);
        assert!(Gas::Co2Biogenic.can_be_removed() && !Gas::Ch4.can_be_removed());
    }

    #[test]
    fn only_co2_is_removable_and_every_gas_but_co2_and_non_fossil_methane_is_fossil() {
        for line in GASES.lines() {
            let mut words = line.split(' ').skip(1);
            if let Some(class) = words.next() {
                assert!(EmissionClass::parse(class).is_some(), "{line}");
            }
            if let Some(w) = words.next() {
                assert_eq!(w, "removable", "{line}");
            }
            assert_eq!(words.next(), None, "{line}");
        }
        for g in Gas::all() {
            let want = match g.id() {
                "CO2_fossil" => (EmissionClass::Fossil, true),
                "CO2_biogenic" => (EmissionClass::Biogenic, true),
                "CO2_luc" => (EmissionClass::LandUseChange, true),
                "CH4_biogenic" => (EmissionClass::Biogenic, false),
                _ => (EmissionClass::Fossil, false),
            };
            assert_eq!((g.class(), g.can_be_removed()), want, "{g}");
        }
    }

    #[test]
    fn the_gas_list_is_the_table_in_its_order() {
        let text = include_str!("../../../factors/gwp.csv");
        let ids: Vec<&str> = text
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .collect();
        let listed: Vec<&str> = Gas::all().map(Gas::id).collect();
        assert_eq!(ids, listed);
    }
}
