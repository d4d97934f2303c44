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

/// Deserialises and turns any failure into the core's error, with the JSON path of the place
/// serde_json stopped at (see [`path_at`]).
fn deserialize_located<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(&mut de).map_err(|e| located(text, &e))?;
    de.end().map_err(|e| located(text, &e))?;
    Ok(value)
}

fn located(text: &str, e: &serde_json::Error) -> Error {
    let eof = e.classify() == serde_json::error::Category::Eof;
    classify(path_at(text, e.line(), e.column(), eof), e)
}

/// The JSON path of the place a parse stopped at (serde_json's 1-based line and byte column):
/// the key or value read last, or the container opened or closed last. An error in a value
/// (wrong type, unknown field, bad number) is reported right after it, so this names the field;
/// a value of the wrong kind that starts with `[` or `{` is reported before it, so the next
/// value is named; a missing field is reported at the closing brace, so this names the object.
/// A text that ends early (`eof`) names the innermost open container, or the key whose value
/// is missing when it ends right after the colon. `tests/json_paths.rs` checks all of this
/// against a path-tracking deserialiser on every example.
pub fn path_at(text: &str, line: usize, column: usize, eof: bool) -> String {
    use crate::error::JsonPath;
    // Byte offset of the stop.
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            offset += column.min(l.len());
            break;
        }
        offset += l.len();
    }
    let bytes = text
        .as_bytes()
        .get(..offset.min(text.len()))
        .unwrap_or_default();

    enum Frame {
        Object { path: JsonPath, key: Option<String> },
        Array { path: JsonPath, index: usize },
    }
    let child = |stack: &[Frame]| -> JsonPath {
        match stack.last() {
            None => JsonPath::root(),
            Some(Frame::Object { path, key }) => match key {
                Some(k) => path.key(k),
                None => path.clone(),
            },
            Some(Frame::Array { path, index }) => path.index(*index),
        }
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut current = JsonPath::root();
    let mut expecting_key = false;
    // After a colon, before the value starts.
    let mut after_colon = false;
    // The value the text stops inside (an unterminated string, an unfinished number).
    let mut stopped_in: Option<JsonPath> = None;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'{' => {
                let p = child(&stack);
                current = p.clone();
                stack.push(Frame::Object { path: p, key: None });
                expecting_key = true;
            }
            b'[' => {
                let p = child(&stack);
                current = p.clone();
                stack.push(Frame::Array { path: p, index: 0 });
                expecting_key = false;
            }
            b'}' | b']' => {
                if let Some(f) = stack.pop() {
                    current = match f {
                        Frame::Object { path, .. } | Frame::Array { path, .. } => path,
                    };
                }
                expecting_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index, .. }) => *index += 1,
                Some(Frame::Object { .. }) => expecting_key = true,
                None => {}
            },
            b':' => {
                expecting_key = false;
                after_colon = true;
                i += 1;
                continue;
            }
            b'"' => {
                // A string: a key or a value. Read to its closing quote (escapes skipped).
                let start = i + 1;
                let mut j = start;
                while let Some(&c) = bytes.get(j).filter(|&&c| c != b'"') {
                    j += if c == b'\\' { 2 } else { 1 };
                }
                let raw = bytes.get(start..j.min(bytes.len())).unwrap_or_default();
                if j >= bytes.len() {
                    // Unterminated: the text stops inside this string (a key: its object).
                    if !expecting_key {
                        stopped_in = Some(child(&stack));
                    }
                    break;
                }
                if expecting_key {
                    let key = serde_json::from_slice::<String>(
                        bytes.get(i..(j + 1).min(bytes.len())).unwrap_or_default(),
                    )
                    .unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned());
                    if let Some(Frame::Object { path, key: k }) = stack.last_mut() {
                        current = path.key(&key);
                        *k = Some(key);
                    }
                    expecting_key = false;
                } else {
                    current = child(&stack);
                }
                i = j;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            _ => {
                // A number, true, false or null: its path is the current child's.
                current = child(&stack);
                let start = i;
                while bytes.get(i + 1).is_some_and(|c| {
                    !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    i += 1;
                }
                if i + 1 == bytes.len() {
                    // The text stops in or right after this token: inside it unless it is whole.
                    let token = bytes.get(start..).unwrap_or_default();
                    let whole = matches!(token, b"true" | b"false" | b"null")
                        || serde_json::from_slice::<f64>(token).is_ok();
                    if !whole {
                        stopped_in = Some(current.clone());
                    }
                }
            }
        }
        after_colon = false;
        i += 1;
    }
    let container = match stack.last() {
        Some(Frame::Object { path, .. }) | Some(Frame::Array { path, .. }) => path.clone(),
        None => JsonPath::root(),
    };
    if eof {
        return match stopped_in {
            Some(p) => p,
            None if after_colon => current,
            None => container,
        }
        .into();
    }
    // Stopped before a value that starts here (serde_json peeks at `[` and `{`)?
    let rest = text
        .as_bytes()
        .get(offset.min(text.len())..)
        .unwrap_or_default();
    let next = rest.iter().find(|b| !b.is_ascii_whitespace());
    let in_value_position = match stack.last() {
        Some(Frame::Object { .. }) => after_colon,
        Some(Frame::Array { .. }) => true,
        None => false,
    };
    if in_value_position && matches!(next, Some(b'[') | Some(b'{')) {
        return child(&stack).into();
    }
    current.into()
}

/// The error of a text that failed a fast parse as `T` elsewhere (a reader with its own hot
/// path): parses it again here to name the field.
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
