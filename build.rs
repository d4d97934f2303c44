//! Build-time digests of the built-in tables the page's core WASM module carries as a digest
//! only: `parameters.csv` (the core computes `pcf/1` documents, which read no parameter, so it
//! leaves the table's text and parser out; the factor-set digest still covers the table). The
//! other builds parse the table and digest its text at run time; a test checks both digests
//! agree (`src/factors.rs`).
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    const TABLE: &str = "factors/parameters.csv";
    println!("cargo:rerun-if-changed={TABLE}");
    let text = std::fs::read(TABLE)?;
    let mut hex = String::with_capacity(64);
    for b in Sha256::digest(&text) {
        write!(hex, "{b:02x}")?;
    }
    let out = PathBuf::from(std::env::var("OUT_DIR")?).join("parameters.csv.sha256");
    std::fs::write(out, hex)?;
    Ok(())
}
