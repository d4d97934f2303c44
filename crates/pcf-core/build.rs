//! Build-time work for the built-in tables the page's core WASM module carries in part only
//! (the core computes `pcf/1` documents; the set digest still covers every table in full; the
//! other builds parse the tables and digest their text at run time; tests check both agree,
//! `src/factors.rs`):
//! - `parameters.csv`: its digest only (`pcf/1` reads no parameter);
//! - `gwp.csv`: its digest, and the table with its values only (`gwp-core.csv`: the names,
//!   sources and verification are for listings and pre-checks, in the extras module; the
//!   sources of 93 gases cost the first load 1.3 KB gzip; the ids, `GASES` in src/gwp.rs, are
//!   not repeated: a line per gas in their order).
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
    Ok(())
}
