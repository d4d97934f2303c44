//! Opening a CSV table and checking its header: one place for every table format (factors,
//! fuels, CBAM, parameters, geographies, GWP), so they all report a wrong header the same way.

use crate::error::{Error, Result};

/// Opens `text` (a leading byte-order mark is skipped) and checks that its header equals one
/// of `accepted`; returns a reader (trimming every field) at the first row. The error names
/// `table:1` and says what was expected and found.
pub fn open<'a>(table: &str, text: &'a str, accepted: &[&[&str]]) -> Result<csv::Reader<&'a [u8]>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let bad = |detail: String| Error::InvalidFactorTable {
        path: format!("{table}:1"),
        table: table.to_string(),
        detail,
    };
    let headers = reader
        .headers()
        .map_err(|e| bad(format!("cannot read the header: {e}")))?;
    let found: Vec<&str> = headers.iter().collect();
    if accepted.iter().any(|h| found == *h) {
        return Ok(reader);
    }
    Err(bad(format!(
        "the header must be {}; found {}",
        accepted
            .iter()
            .map(|h| h.join(","))
            .collect::<Vec<_>>()
            .join(" or "),
        found.join(",")
    )))
}
