//! The built-in factor tables and geography hierarchy in the compact form build.rs writes, for
//! the page's core WASM module: a header line, then a line per row, each field as the CSV
//! reader gives it (trimmed, unquoted) and separated by tabs, with only the columns the core
//! reads; the tables' digests come from build.rs too. Without the `notes` columns, its factors
//! have empty notes (notes are for the factor listing, in the extras module; no result shows
//! them).
//!
//! Read without `csv` and serde (about 25 KB of the page's first load, BENCHMARKS.md), through
//! the same conversions and checks as the CSV rows (`CsvRow::into_factor`, the derived tables'
//! `*_factors_of`, `Geographies::from_rows`); numbers are parsed from their text with
//! `str::parse`, as the CSV reader's deserialiser does. Every other build parses the CSV text;
//! the test `the_compact_tables_are_the_csv_tables` checks that both give the same set.

use super::derived::{self, CbamRow, FuelRow};
use super::recipe::{self, RecipeRow};
use super::{
    select, BuiltinParts, CsvRow, FactorTable, Format, Origin, BUILTIN_COMPACT_TABLES,
    GEOGRAPHY_COMPACT_TABLE,
};
use crate::error::{Error, Result};
use crate::gwp::GwpTable;

/// One table in compact form.
struct Compact<'a> {
    name: &'a str,
    header: Vec<&'a str>,
    body: &'a str,
}

/// One row of a compact table, its cells looked up by column name.
struct Row<'a, 'h> {
    table: &'a str,
    /// The row's line in the CSV table (the header is line 1), for errors.
    line: usize,
    header: &'h [&'a str],
    cells: Vec<&'a str>,
}

impl<'a> Compact<'a> {
    fn new(name: &'a str, text: &'a str) -> Compact<'a> {
        let (head, body) = text.split_once('\n').unwrap_or((text, ""));
        Compact {
            name,
            header: head.split('\t').collect(),
            body,
        }
    }

    fn rows(&self) -> impl Iterator<Item = Row<'a, '_>> {
        self.body.lines().enumerate().map(|(i, line)| Row {
            table: self.name,
            line: i + 2,
            header: &self.header,
            cells: line.split('\t').collect(),
        })
    }
}

impl<'a> Row<'a, '_> {
    /// The cell of `column`; empty when the table has no such column, as the CSV reader's
    /// default for the optional columns (`series`, `uncertainty`).
    fn text(&self, column: &str) -> &'a str {
        self.header
            .iter()
            .position(|h| *h == column)
            .and_then(|i| self.cells.get(i))
            .copied()
            .unwrap_or("")
    }

    fn string(&self, column: &str) -> String {
        self.text(column).to_string()
    }

    /// A number read from its text (`str::parse`, as the CSV deserialiser reads `f64`).
    fn number(&self, column: &str) -> Result<f64> {
        let text = self.text(column);
        text.parse().map_err(|_| Error::InvalidFactorTable {
            path: format!("{}:{}:{column}", self.table, self.line),
            table: self.table.to_string(),
            detail: format!("{column} {text:?} is not a number"),
        })
    }

    /// An optional year: an empty cell is none, as the CSV deserialiser reads `Option<i32>`.
    fn optional_year(&self, column: &str) -> Result<Option<i32>> {
        match self.text(column) {
            "" => Ok(None),
            text => text
                .parse()
                .map(Some)
                .map_err(|_| Error::InvalidFactorTable {
                    path: format!("{}:{}:{column}", self.table, self.line),
                    table: self.table.to_string(),
                    detail: format!("{column} {text:?} is not an integer"),
                }),
        }
    }

    /// An optional number: an empty cell is none, as the CSV deserialiser reads `Option<f64>`.
    fn optional_number(&self, column: &str) -> Result<Option<f64>> {
        match self.text(column) {
            "" => Ok(None),
            _ => self.number(column).map(Some),
        }
    }
}

/// The built-in factor tables and geography hierarchy from build.rs's compact form.
pub(super) fn builtin_parts(gwp: &GwpTable) -> Result<BuiltinParts> {
    let mut tables = Vec::with_capacity(BUILTIN_COMPACT_TABLES.len());
    for (name, format, text, sha256) in BUILTIN_COMPACT_TABLES {
        let t = table(name, *format, text, sha256, &tables, gwp)?;
        tables.push(t);
    }
    let (name, text, sha256) = GEOGRAPHY_COMPACT_TABLE;
    let compact = Compact::new(name, text);
    let rows = compact
        .rows()
        .map(|r| (r.string("code"), r.string("parent")))
        .collect();
    Ok(BuiltinParts {
        tables,
        geographies: select::Geographies::from_rows(name, rows)?,
        geographies_sha256: sha256.to_string(),
    })
}

fn table(
    name: &str,
    format: Format,
    text: &str,
    sha256: &str,
    earlier: &[FactorTable],
    gwp: &GwpTable,
) -> Result<FactorTable> {
    let compact = Compact::new(name, text);
    let mut factors = match format {
        Format::Factors => compact
            .rows()
            .map(|r| {
                CsvRow {
                    id: r.string("id"),
                    name_en: r.string("name_en"),
                    name_zh: r.string("name_zh"),
                    value: r.string("value"),
                    value_unit: r.string("value_unit"),
                    per_unit: r.string("per_unit"),
                    basis: r.string("basis"),
                    gwp_set: r.string("gwp_set"),
                    class: r.string("class"),
                    geography: r.string("geography"),
                    year: r.string("year"),
                    source: r.string("source"),
                    licence: r.string("licence"),
                    verification: r.string("verification"),
                    notes: r.string("notes"),
                    series: r.string("series"),
                    uncertainty: r.string("uncertainty"),
                }
                .into_factor(name, r.line)
            })
            .collect::<Result<Vec<_>>>()?,
        Format::Fuels => {
            let rows = compact
                .rows()
                .map(|r| {
                    Ok(FuelRow {
                        fuel: r.string("fuel"),
                        name_en: r.string("name_en"),
                        name_zh: r.string("name_zh"),
                        ncv_gj_per_t: r.number("ncv_gj_per_t")?,
                        co2_kg_per_tj: r.number("co2_kg_per_tj")?,
                        ch4_kg_per_tj: r.number("ch4_kg_per_tj")?,
                        n2o_kg_per_tj: r.number("n2o_kg_per_tj")?,
                        class: r.string("class"),
                        source: r.string("source"),
                        licence: r.string("licence"),
                        verification: r.string("verification"),
                        notes: r.string("notes"),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            derived::fuel_factors_of(name, rows)?
        }
        Format::Cbam => {
            let rows = compact
                .rows()
                .map(|r| {
                    Ok(CbamRow {
                        id: r.string("id"),
                        name_en: r.string("name_en"),
                        name_zh: r.string("name_zh"),
                        cn_code: r.string("cn_code"),
                        country: r.string("country"),
                        base: r.number("base")?,
                        published_2026: r.optional_number("published_2026")?,
                        published_2027: r.optional_number("published_2027")?,
                        published_2028: r.optional_number("published_2028")?,
                        source: r.string("source"),
                        licence: r.string("licence"),
                        verification: r.string("verification"),
                        notes: r.string("notes"),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            derived::cbam_factors_of(name, rows)?
        }
        Format::Recipes => {
            let rows = compact
                .rows()
                .map(|r| {
                    Ok(RecipeRow {
                        id: r.string("id"),
                        name_en: r.string("name_en"),
                        name_zh: r.string("name_zh"),
                        per_unit: r.string("per_unit"),
                        gwp_set: r.string("gwp_set"),
                        class: r.string("class"),
                        geography: r.string("geography"),
                        year: r.optional_year("year")?,
                        source: r.string("source"),
                        licence: r.string("licence"),
                        notes: r.string("notes"),
                        terms: r.string("terms"),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            recipe::recipe_factors_of(name, rows, earlier, gwp)?
        }
    };
    // The derived tables write their notes from the source's (absent here): none, rather
    // than half a sentence.
    for f in &mut factors {
        f.notes.clear();
    }
    FactorTable::with_digest(name, Origin::Builtin, sha256.to_string(), factors)
}
