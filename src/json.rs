//! Reading JSON text into boundary types, with the document limits and errors that name the
//! JSON path of the offending field.
//!
//! Every document the core accepts enters through [`parse`], so the limits hold everywhere.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{Error, Result};

/// Largest document accepted, in bytes (64 MiB: the shared 50k-process networks are 22 MB).
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// Rejects a document above [`MAX_DOCUMENT_BYTES`].
pub fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::LimitExceeded {
            path: "$".into(),
            what: "document size in bytes".into(),
            found: text.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    Ok(())
}

/// Parses `text` as `T`. Syntax errors give [`Error::MalformedJson`] with line and column; type
/// errors give [`Error::InvalidDocument`] with the JSON path of the field; nesting deeper than
/// serde_json's limit of 128 gives [`Error::LimitExceeded`].
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T> {
    check_size(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    deserialize_located(text)
}

/// Deserialises with path tracking and turns any failure into the core's error.
fn deserialize_located<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = json_path(e.path());
        let inner = e.into_inner();
        classify(path, &inner)
    })?;
    de.end().map_err(|e| classify("$".into(), &e))?;
    Ok(value)
}

/// The error of a text that failed a fast, untracked parse as `T`: parses it again with path
/// tracking to name the field. (For readers that parse without tracking on the hot path.)
pub fn locate_error<'de, T: Deserialize<'de>>(text: &'de str) -> Error {
    match deserialize_located::<T>(text) {
        Err(e) => e,
        Ok(_) => Error::InvalidDocument {
            path: "$".into(),
            detail: "the document could not be read".into(),
        },
    }
}

fn classify(path: String, e: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let text = e.to_string();
    // serde_json appends " at line L column C"; keep the message without it.
    let detail = match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text.clone(),
    };
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            if detail.contains("recursion limit exceeded") {
                Error::LimitExceeded {
                    path,
                    what: "nesting depth".into(),
                    found: 129,
                    limit: 128,
                }
            } else {
                Error::MalformedJson {
                    path,
                    line: e.line(),
                    column: e.column(),
                    detail,
                }
            }
        }
        Category::Data => Error::InvalidDocument { path, detail },
    }
}

/// Turns serde_path_to_error's `a.b[2].c` into `$.a.b[2].c`.
fn json_path(p: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = crate::error::JsonPath::root();
    for seg in p.iter() {
        out = match seg {
            Segment::Seq { index } => out.index(*index),
            Segment::Map { key } => out.key(key),
            Segment::Enum { variant } => out.key(variant),
            Segment::Unknown => out,
        };
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        lines: Vec<Line>,
    }
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Line {
        amount: f64,
    }

    #[test]
    fn type_errors_name_the_path() {
        let e = parse::<Doc>(r#"{"lines":[{"amount":1},{"amount":"NaN"}]}"#).unwrap_err();
        assert_eq!(e.code(), "invalid_document");
        assert_eq!(e.path(), "$.lines[1].amount");
        assert_eq!(e.to_string(), "invalid type: string \"NaN\", expected f64");
    }

    #[test]
    fn unknown_fields_are_rejected_not_dropped() {
        let e = parse::<Doc>(r#"{"lines":[{"amount":1,"amout":2}]}"#).unwrap_err();
        assert_eq!(e.path(), "$.lines[0].amout");
        assert_eq!(e.code(), "invalid_document");
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let e = parse::<Doc>("{\"lines\":[\n{\"amount\":1,}]}").unwrap_err();
        assert_eq!(e.code(), "malformed_json");
        assert_eq!(
            e.to_string(),
            "malformed JSON at line 2, column 13: trailing comma"
        );
    }

    #[test]
    fn huge_numbers_and_deep_nesting_are_errors() {
        let e = parse::<Doc>(r#"{"lines":[{"amount":1e400}]}"#).unwrap_err();
        assert_eq!(e.code(), "malformed_json");
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let e = parse::<serde_json::Value>(&deep).unwrap_err();
        assert_eq!(e.code(), "limit_exceeded");
        assert_eq!(
            e.to_string(),
            "nesting depth is 129, above the limit of 128"
        );
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let e = parse::<Doc>(r#"{"lines":[]} x"#).unwrap_err();
        assert_eq!(e.code(), "malformed_json");
    }
}
