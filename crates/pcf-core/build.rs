//! Build-time work for the built-in tables the page's core WASM module carries in part only
//! (the core computes `pcf/1` documents; the set digest still covers every table in full; the
//! other builds parse the tables and digest their text at run time; tests check both agree,
//! `src/factors.rs`):
//! - `parameters.csv`: its digest only (`pcf/1` reads no parameter);
//! - `gwp.csv`: its digest, and the table with its values only (`gwp-core.csv`: the names,
//!   sources and verification are for listings and pre-checks, in the extras module; the
//!   sources of 93 gases cost the first load 1.3 KB gzip; the ids, `GASES` in src/gwp.rs, are
//!   not repeated: a line per gas in their order);
//! - the built-in factor tables and `geographies.csv`: their digests, and their rows in a
//!   compact form (`<name>.core`) read without the CSV reader and serde (`factors/compact.rs`):
//!   a header line and a line per row, fields as the runtime's CSV reader gives them (trimmed,
//!   unquoted) separated by tabs, without the columns the core module never reads (`notes`). `csv` and the
//!   rows' deserialisers were about 25 KB of the page's first load (BENCHMARKS.md).
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::PathBuf;

fn digest(bytes: &[u8]) -> Result<String, std::fmt::Error> {
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(bytes) {
        write!(hex, "{b:02x}")?;
    }
    Ok(hex)
}

/// The tables written in compact form, each with the columns the core module never reads:
/// `notes` (and the CBAM table's `cn_code`, which only its notes quote) are for the factor
/// listing, and the geographies' names and sources for listings too, all in the extras module.
const COMPACT_TABLES: &[(&str, &[&str])] = &[
    ("electricity_cn.csv", &["notes"]),
    ("electricity_world.csv", &["notes"]),
    ("transport_uk.csv", &["notes"]),
    ("materials_uk.csv", &["notes"]),
    ("fuels_ipcc.csv", &["notes"]),
    ("steel.csv", &["notes"]),
    ("steel_cbam.csv", &["cn_code", "notes"]),
    ("battery_greet.csv", &["notes"]),
    ("pv_ice_derived.csv", &["notes"]),
    ("geographies.csv", &["name_en", "name_zh", "source"]),
    ("tiangong_derived.csv", &["notes"]),
];

/// A table's compact form (see the top): read as the runtime reads it (`csv_table::open`: a
/// byte-order mark skipped, every field trimmed), so each field is the runtime's to the byte.
fn compact(name: &str, text: &[u8], drop: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
    let text = text.strip_prefix("\u{feff}".as_bytes()).unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text);
    let header = reader.headers()?.clone();
    let keep: Vec<usize> = (0..header.len())
        .filter(|&i| !header.get(i).is_some_and(|h| drop.contains(&h)))
        .collect();
    let mut out = String::new();
    let mut line = |record: &csv::StringRecord| -> Result<(), Box<dyn std::error::Error>> {
        for (n, &i) in keep.iter().enumerate() {
            let field = record.get(i).unwrap_or_default();
            // The separators cannot be escaped: a field holding one fails the build.
            if field.contains(['\t', '\n', '\r']) {
                return Err(format!("{name}: field {field:?} holds a tab or line break").into());
            }
            if n > 0 {
                out.push('\t');
            }
            out.push_str(field);
        }
        out.push('\n');
        Ok(())
    };
    line(&header)?;
    for rec in reader.records() {
        line(&rec?)?;
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    // The tables are the workspace's top-level `factors/` (the build runs in crates/pcf-core).
    const PARAMETERS: &str = "../../factors/parameters.csv";
    println!("cargo:rerun-if-changed={PARAMETERS}");
    std::fs::write(
        out.join("parameters.csv.sha256"),
        digest(&std::fs::read(PARAMETERS)?)?,
    )?;

    const GWP: &str = "../../factors/gwp.csv";
    println!("cargo:rerun-if-changed={GWP}");
    let text = std::fs::read(GWP)?;
    std::fs::write(out.join("gwp.csv.sha256"), digest(&text)?)?;
    // The values alone, one gas a line in the table's order, which is that of `GASES` in
    // src/gwp.rs (a test checks they agree), without the ids (`GwpTable::parse_values` reads
    // them without the CSV reader): numbers need no quotes. Read as the runtime reads the table
    // (`csv_table::open`): a byte-order mark skipped, every field trimmed, so the
    // embedded values are the runtime's to the byte.
    let text = text.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text);
    let mut values = String::from("ar4,ar5,ar6\n");
    for rec in reader.records() {
        let r = rec?;
        let cell = |i: usize| r.get(i).unwrap_or_default();
        writeln!(values, "{},{},{}", cell(3), cell(4), cell(5))?;
    }
    std::fs::write(out.join("gwp-core.csv"), values)?;

    for (name, drop) in COMPACT_TABLES {
        let path = format!("../../factors/{name}");
        println!("cargo:rerun-if-changed={path}");
        let text = std::fs::read(&path)?;
        std::fs::write(out.join(format!("{name}.sha256")), digest(&text)?)?;
        std::fs::write(
            out.join(format!("{name}.core")),
            compact(name, &text, drop)?,
        )?;
    }
    Ok(())
}
