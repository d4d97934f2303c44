//! Reading JSON text into boundary types, with the document limits and errors that name the
//! JSON path of the offending field.
//!
//! Every document the core accepts enters through [`parse`], so the limits hold everywhere.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{Error, Result};

/// Largest document accepted, in bytes (64 MiB: the shared 50k-process networks are 22 MB).
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;

/// Most lines (activities and emissions, all components together) in one document.
pub const MAX_LINES: usize = 200_000;
/// Most components in one document.
pub const MAX_COMPONENTS: usize = 50_000;

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

/// Bytes as text: UTF-8 or an [`Error::InvalidUtf8`] at `path` (`$` for a document, the name
/// of a table) with the offset of the first bad byte. Nothing is replaced: a Latin-1 or UTF-16
/// file is refused, never read with U+FFFD where its characters were. Checks the size first,
/// so a huge buffer is refused before it is scanned.
pub fn utf8<'a>(bytes: &'a [u8], path: &str) -> Result<&'a str> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::LimitExceeded {
            path: path.into(),
            what: "document size in bytes".into(),
            found: bytes.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
        path: path.into(),
        offset: e.valid_up_to(),
    })
}

/// Leaves `additionalProperties` out of the schema of an output type that a reader reads
/// strictly (`deny_unknown_fields`, so that an unknown field of a result is an error at its
/// path): the committed output schemas describe what pcf writes and stay as they were.
#[cfg(not(target_arch = "wasm32"))]
pub fn schema_as_written(schema: &mut schemars::Schema) {
    schema.remove("additionalProperties");
}

/// Parses `text` as `T`. Syntax errors give [`Error::MalformedJson`] with line and column; type
/// errors give [`Error::InvalidDocument`] with the JSON path of the field; nesting deeper than
/// serde_json's limit of 128 gives [`Error::LimitExceeded`].
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T> {
    check_size(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_elements(text)?;
    deserialize_located(text)
}

/// Most elements (array items plus object members, at any depth) in one document read through
/// [`parse`]: 8,000,000. A sealed result at the size limit has about 3 million; a hostile text
/// of tiny values (`[0,0,0,…]`, two bytes each) would otherwise become tens of millions of
/// values, gigabytes of memory, from 64 MiB of text.
pub const MAX_ELEMENTS: usize = 8_000_000;

/// Counts the elements of `text` (see [`MAX_ELEMENTS`]) in one pass over its bytes, before
/// anything is built; stops at the first element over the limit. Text that is not JSON is
/// left to the parser.
pub fn check_elements(text: &str) -> Result<()> {
    // Every element counted below owns a byte of its own (a comma, or the first byte of a
    // container's first element), so a text of at most MAX_ELEMENTS bytes cannot exceed the
    // limit: no pass needed (a twentieth of computing a 1,000-line product in WASM).
    if text.len() <= MAX_ELEMENTS {
        return Ok(());
    }
    let n = count_elements(text, MAX_ELEMENTS);
    if n > MAX_ELEMENTS {
        return Err(Error::LimitExceeded {
            path: "$".into(),
            what: "number of JSON elements (array items and object members, read up to the first over the limit)".into(),
            found: n,
            limit: MAX_ELEMENTS,
        });
    }
    Ok(())
}

/// The elements of `text`, counted up to the first over `limit`: commas outside strings, plus
/// the first element of each non-empty container (strings skipped in a tight inner loop).
fn count_elements(text: &str, limit: usize) -> usize {
    let b = text.as_bytes();
    let mut n = 0usize;
    // Right after `[` or `{`: the next token starts the container's first element.
    let mut fresh = false;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                if fresh {
                    n += 1;
                    fresh = false;
                }
                i += 1;
                while let Some(&c) = b.get(i) {
                    if c == b'"' {
                        break;
                    }
                    i += if c == b'\\' { 2 } else { 1 };
                }
            }
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            b',' => {
                n += 1;
                fresh = false;
                if n > limit {
                    break;
                }
            }
            b'[' | b'{' => {
                if fresh {
                    n += 1;
                }
                fresh = true;
            }
            b']' | b'}' => fresh = false,
            _ => {
                if fresh {
                    n += 1;
                    fresh = false;
                }
            }
        }
        i += 1;
    }
    n
}

/// The first number of `text` that serde_json's default float reader (without its
/// `float_roundtrip` feature, as in the page's first-load module) might read to other bits
/// than `float_roundtrip`'s exact reader: `None` when every number token is read the same by
/// both; else the byte offset right after that token (where serde_json reports an error in
/// it, so [`path_before`] names it). Strings are skipped (escapes included); every other
/// token starting with `-` or a digit counts, wherever it is. A text with such a number is
/// computed by the extras module, which keeps `float_roundtrip` (crates/pcf-wasm-page).
///
/// The class, from serde_json 1.x's `de.rs` (`parse_integer`, `parse_decimal`,
/// `parse_exponent`, `f64_from_parts`): both readers share the code that reads an integer
/// token (no `.`, no exponent) whose magnitude fits a `u64` (kept as `u64`/`i64`, `-0` and
/// negatives past `i64` as `-(m as f64)`), so any such integer is read alike. For any other
/// token serde_json accumulates every digit (integer and fraction parts, leading zeros adding
/// nothing) into a `u64` significand `s` and counts the exponent `e` as the written exponent
/// minus the number of fraction digits; the default reader then computes `s as f64` times or
/// divided by `10^|e|`. With `s ≤ 2^53` and `|e| ≤ 22` both operands are exact f64s, so that
/// one IEEE operation is correctly rounded: the nearest f64, which `float_roundtrip` gives
/// (Clinger's fast path). Anything else (a longer significand, a larger exponent, a
/// malformed number) is outside the class, conservatively.
pub fn first_inexact_number(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                i += 1;
                while let Some(&c) = b.get(i) {
                    if c == b'"' {
                        break;
                    }
                    i += if c == b'\\' { 2 } else { 1 };
                }
            }
            b'-' | b'0'..=b'9' => {
                let (end, same) = number_token(b, i);
                if !same {
                    return Some(end);
                }
                // `end` is past the token: its next byte is not part of a number.
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Reads the number token at `start` with serde_json's grammar (as far as serde_json reads
/// it): its end, and whether both of serde_json's float readers give it the same bits (see
/// [`first_inexact_number`]).
fn number_token(b: &[u8], start: usize) -> (usize, bool) {
    const FAST_SIGNIFICAND: u64 = 1 << 53;
    const FAST_EXPONENT: i64 = 22;
    let mut i = start;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    // The significand as serde_json accumulates it; `None` once past u64 (serde_json's
    // overflow paths, which differ between the readers).
    let mut significand = Some(0u64);
    let digits = |i: &mut usize, significand: &mut Option<u64>| -> usize {
        let from = *i;
        while let Some(&d @ b'0'..=b'9') = b.get(*i) {
            *significand = significand
                .and_then(|s| s.checked_mul(10))
                .and_then(|s| s.checked_add(u64::from(d - b'0')));
            *i += 1;
        }
        *i - from
    };
    match b.get(i) {
        // One leading zero only: `01` is serde_json's error.
        Some(b'0') => {
            i += 1;
            if matches!(b.get(i), Some(b'0'..=b'9')) {
                return (i, false);
            }
        }
        Some(b'1'..=b'9') => {
            digits(&mut i, &mut significand);
        }
        _ => return (i, false),
    }
    let mut exponent: i64 = 0;
    let mut float = false;
    if b.get(i) == Some(&b'.') {
        float = true;
        i += 1;
        let n = digits(&mut i, &mut significand);
        if n == 0 {
            return (i, false);
        }
        exponent = -(n as i64);
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        float = true;
        i += 1;
        let negative = b.get(i) == Some(&b'-');
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        // Only whether |written| fits matters: capped, and a capped exponent is out.
        let mut written: i64 = 0;
        let from = i;
        while let Some(&d @ b'0'..=b'9') = b.get(i) {
            written = (written * 10 + i64::from(d - b'0')).min(i64::from(i32::MAX));
            i += 1;
        }
        if i == from || written == i64::from(i32::MAX) {
            return (i, false);
        }
        exponent += if negative { -written } else { written };
    }
    let same = match significand {
        None => false,
        Some(_) if !float => true,
        Some(s) => s <= FAST_SIGNIFICAND && (-FAST_EXPONENT..=FAST_EXPONENT).contains(&exponent),
    };
    (i, same)
}

/// Parses `text` as free JSON (a PACT footprint, a result file, a meta object) with the limits
/// of [`parse`], refusing an object that repeats a key: serde_json's `Value` would keep the
/// last value and drop the first without a word (a supplier's footprint with two
/// `pcfExcludingBiogenicUptake` would be read as whichever came second). The error is
/// `invalid_document` at the repeated key's path, as for a typed document's repeated field.
pub fn parse_value(text: &str) -> Result<serde_json::Value> {
    check_size(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_elements(text)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde::de::DeserializeSeed::deserialize(StrictValue, &mut de)
        .map_err(|e| located(text, &e))?;
    de.end().map_err(|e| located(text, &e))?;
    Ok(value)
}

/// Reads a top-level object once into both a boundary type and the JSON tree (for a receipt,
/// which canonicalises the input): [`parse_value`], then `T` from the tree. `None` when either
/// step fails: the caller then reads the text as before ([`parse_object`], …), whose error
/// names the place, so an input in error is reported exactly as before, and an input that
/// reads is read to the same values (serde_json gives a type the same numbers and strings from
/// its tree as from the text).
pub fn parse_object_and_value<T: DeserializeOwned>(text: &str) -> Option<(T, serde_json::Value)> {
    if text
        .trim_start_matches([' ', '\t', '\n', '\r', '\u{feff}'])
        .as_bytes()
        .first()
        != Some(&b'{')
    {
        return None;
    }
    let value = parse_value(text).ok()?;
    let _count = LineCount::start();
    let typed = T::deserialize(&value).ok()?;
    Some((typed, value))
}

/// Builds a `serde_json::Value` like its own `Deserialize`, but a repeated key is an error.
struct StrictValue;

impl<'de> serde::de::DeserializeSeed<'de> for StrictValue {
    type Value = serde_json::Value;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        de: D,
    ) -> std::result::Result<serde_json::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for StrictValue {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(
        self,
        de: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        de.deserialize_any(StrictValue)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(StrictValue)? {
            out.push(v);
        }
        Ok(serde_json::Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        use serde::de::Error as _;
        let mut out = serde_json::Map::new();
        while let Some(k) = map.next_key::<String>()? {
            // Refused at the key, before its value is read: the error's place names the key.
            if out.contains_key(&k) {
                return Err(A::Error::custom(format!("duplicate key `{k}`")));
            }
            let v = map.next_value_seed(StrictValue)?;
            out.insert(k, v);
        }
        Ok(serde_json::Value::Object(out))
    }
}

/// Parses `text` as `T` like [`parse`], requiring the top-level value to be a JSON object: a
/// document, template or network given as an array is an [`Error::InvalidDocument`] at `$`
/// that says so (serde would otherwise read the array positionally into the struct's fields,
/// or report its first element's type). Other non-objects get serde's type error at `$`.
pub fn parse_object<T: DeserializeOwned>(text: &str) -> Result<T> {
    check_size(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_object(text)?;
    check_elements(text)?;
    deserialize_located(text)
}

/// Rejects a text whose top-level value is not an object (see [`parse_object`]); an empty
/// text or one that is not JSON is left to the parser, which names the place.
pub fn check_object(text: &str) -> Result<()> {
    let first = text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .as_bytes()
        .first();
    if first == Some(&b'[') {
        return Err(Error::InvalidDocument {
            path: "$".into(),
            detail: "the document must be a JSON object, not an array".into(),
        });
    }
    Ok(())
}

/// Deserialises and turns any failure into the core's error, with the JSON path of the place
/// serde_json stopped at (see [`path_at`]).
fn deserialize_located<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T> {
    let _count = LineCount::start();
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(&mut de).map_err(|e| located(text, &e))?;
    de.end().map_err(|e| located(text, &e))?;
    Ok(value)
}

/// `deserialize_with` for a field read only when it is a string (a tag such as `schema`):
/// anything else is skipped without being built (`serde::de::IgnoredAny`), so a hostile
/// value in it costs no memory.
pub fn string_or_skip<'de, D: serde::Deserializer<'de>>(
    de: D,
) -> std::result::Result<Option<String>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any value")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_bool<E>(self, _: bool) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E>(self, _: i64) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E>(self, _: u64) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E>(self, _: f64) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            while map
                .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                .is_some()
            {}
            Ok(None)
        }
    }
    de.deserialize_any(V)
}

// ---------------------------------------------------------------- counted lists

thread_local! {
    /// Lines read so far by the parse running on this thread (`None` outside [`parse`]).
    static LINES_READ: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// Counts lines for the duration of one parse (a batch parses on many threads at once: the
/// count is per thread, as each parse runs on one).
struct LineCount(Option<usize>);

impl LineCount {
    fn start() -> LineCount {
        LineCount(LINES_READ.with(|c| c.replace(Some(0))))
    }
}

impl Drop for LineCount {
    fn drop(&mut self) {
        LINES_READ.with(|c| c.set(self.0));
    }
}

/// The message a counted list fails with; [`classify`] turns it into the limit error.
const LINES_OVER: &str = "pcf: too many lines";
/// The same for a list of components.
const COMPONENTS_OVER: &str = "pcf: too many components";

/// `deserialize_with` of every list of activity or emission lines (documents and templates):
/// reads the list while counting its elements against [`MAX_LINES`] for the
/// whole document, and stops at the first line over the limit. A hostile document of a
/// million lines therefore costs the memory of the limit, not of the million (the model
/// counts again, exactly, for documents built in code).
pub fn lines<'de, D, T>(de: D) -> std::result::Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    de.deserialize_seq(Counted::<T>(LINES_OVER, std::marker::PhantomData))
}

/// `deserialize_with` of a document's list of components: stops at the first one over
/// [`MAX_COMPONENTS`].
pub fn components<'de, D, T>(de: D) -> std::result::Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    de.deserialize_seq(Counted::<T>(COMPONENTS_OVER, std::marker::PhantomData))
}

struct Counted<T>(&'static str, std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Counted<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<Vec<T>, A::Error> {
        use serde::de::Error as _;
        let mut out = Vec::new();
        while let Some(item) = seq.next_element()? {
            let over = if self.0 == LINES_OVER {
                LINES_READ.with(|c| match c.get() {
                    Some(n) => {
                        c.set(Some(n + 1));
                        n + 1 > MAX_LINES
                    }
                    None => false,
                })
            } else {
                out.len() + 1 > MAX_COMPONENTS
            };
            if over {
                return Err(A::Error::custom(self.0));
            }
            out.push(item);
        }
        Ok(out)
    }
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
    // Byte offset of the stop.
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            offset += column.min(l.len());
            break;
        }
        offset += l.len();
    }
    path_before(text, offset, eof)
}

/// [`path_at`] given the stop's byte offset in `text`.
pub fn path_before(text: &str, offset: usize, eof: bool) -> String {
    use crate::error::JsonPath;
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

/// `$.components[50000]` (where reading stopped) → `$.components`, the list.
fn components_path(path: &str) -> String {
    match path.rfind('[') {
        Some(i) if path.ends_with(']') => path[..i].to_string(),
        _ => path.to_string(),
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
        Category::Data if detail == LINES_OVER => Error::LimitExceeded {
            path: "$".into(),
            what: "number of lines (read up to the first over the limit)".into(),
            found: MAX_LINES + 1,
            limit: MAX_LINES,
        },
        Category::Data if detail == COMPONENTS_OVER => Error::LimitExceeded {
            path: components_path(&path),
            what: "number of components (read up to the first over the limit)".into(),
            found: MAX_COMPONENTS + 1,
            limit: MAX_COMPONENTS,
        },
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
    fn elements_are_array_items_and_object_members() {
        // 3 items at the top, 2 in the inner array, 2 members (one a string with a comma, a
        // bracket and an escaped quote in it), nothing for an empty array.
        let t = r#"[1, [2,3], {"a": "x,[\"]", "b": []}]"#;
        assert_eq!(count_elements(t, 100), 7);
        assert_eq!(count_elements("{}", 100), 0);
        assert_eq!(count_elements("[[[]]]", 100), 2);
        assert_eq!(count_elements("[0,0,0,0,0]", 2), 3);
        let e =
            parse::<serde_json::Value>(&format!("[{}0]", "0,".repeat(MAX_ELEMENTS))).unwrap_err();
        assert_eq!(e.code(), "limit_exceeded");
        assert_eq!(e.path(), "$");
    }

    #[test]
    fn a_text_never_has_more_elements_than_bytes() {
        // Why check_elements skips texts of at most MAX_ELEMENTS bytes: the densest texts
        // (one-byte elements, nested empty containers, unterminated or malformed ones) count
        // at most one element per byte.
        for t in [
            "[0,0,0]",
            "[[],[],[]]",
            "[[[[[[0]]]]]]",
            "{\"a\":0,\"b\":[0,0]}",
            ",,,,",
            "[,,,]",
            "[[[[",
            "[{[{",
            "[0",
            "0,0,0",
            "[\"",
            "[\"\\",
            "{,}",
            "[1,[2,3],{\"a\":[]}]",
        ] {
            assert!(
                count_elements(t, usize::MAX) <= t.len(),
                "{t}: {}",
                count_elements(t, usize::MAX)
            );
        }
        for n in 1..200 {
            for unit in ["0,", "[],", "[0],", ",", "[", "[0,"] {
                let t = format!("[{}]", unit.repeat(n));
                assert!(count_elements(&t, usize::MAX) <= t.len(), "{t}");
            }
        }
    }

    /// `first_inexact_number` of a text, as the token it stops after (`None`: every number is
    /// read to the same bits with or without `float_roundtrip`).
    fn inexact(text: &str) -> Option<&str> {
        let end = first_inexact_number(text)?;
        let start = text[..end]
            .rfind(|c: char| !matches!(c, '0'..='9' | '-' | '+' | '.' | 'e' | 'E'))
            .map_or(0, |i| i + 1);
        Some(&text[start..end])
    }

    #[test]
    fn numbers_in_the_fast_path_class() {
        for t in [
            "0",
            "-0",
            "1",
            "-1.25",
            "0.5",
            "1E+5",
            "1e-5",
            "2.5e3",
            "0e0",
            "-0.0",
            // |exponent| up to 22, counted as serde_json does (written minus fraction digits).
            "1e22",
            "1e-22",
            "1.5e-21",
            "15e-22",
            "123e-22",
            "4.5e+21",
            // Significands up to 2^53, leading zeros of a fraction adding nothing.
            "9007199254740992e0",
            "0.9007199254740992",
            "123456789012345.6",
            "0.000000001",
            // Integers read alike by both readers up to u64::MAX, either sign.
            "9007199254740993",
            "18446744073709551615",
            "-18446744073709551615",
            "-9223372036854775809",
            "[true,false,null]",
        ] {
            assert_eq!(inexact(t), None, "{t}");
        }
        // 22 fraction digits; 31 made up by a written exponent (to 0, not to -23); 23.
        assert_eq!(inexact(&format!("0.{}1", "0".repeat(21))), None);
        assert_eq!(inexact(&format!("0.{}1e+31", "0".repeat(30))), None);
        let t = format!("0.{}1e+8", "0".repeat(30));
        assert_eq!(inexact(&t), Some(&*t));
        let t = format!("0.{}1", "0".repeat(22));
        assert_eq!(inexact(&t), Some(&*t));
    }

    #[test]
    fn numbers_outside_the_fast_path_class() {
        for (t, token) in [
            ("1e23", "1e23"),
            ("1e-23", "1e-23"),
            ("1.5e-22", "1.5e-22"),
            ("1e-30", "1e-30"),
            ("1e400", "1e400"),
            ("-1e400", "-1e400"),
            ("1e2147483647", "1e2147483647"),
            ("1e-99999999999", "1e-99999999999"),
            // Significands past 2^53 (16+ digits, trailing zeros counted).
            ("9007199254740993e0", "9007199254740993e0"),
            ("0.9007199254740993", "0.9007199254740993"),
            ("9007199254740992.0", "9007199254740992.0"),
            ("1234567890123456.7", "1234567890123456.7"),
            ("0.12345678901234567", "0.12345678901234567"),
            // Integers past u64::MAX take serde_json's inexact overflow path.
            ("18446744073709551616", "18446744073709551616"),
            ("-18446744073709551616", "-18446744073709551616"),
            // Malformed: serde_json's errors, left to the extras module too.
            ("01", "0"),
            ("-", "-"),
            ("[-a]", "-"),
            ("1.", "1."),
            ("1.e5", "1."),
            ("1e+", "1e+"),
        ] {
            assert_eq!(inexact(t), Some(token), "{t}");
        }
    }

    #[test]
    fn strings_are_skipped_and_every_other_number_counts() {
        // Digits in strings, keys and escapes are not numbers.
        assert_eq!(
            inexact(r#"{"1e400": "12345678901234567890 \" 1e99"}"#),
            None
        );
        assert_eq!(inexact(r#"["\\", "\"1e99"]"#), None);
        // After an escaped backslash the string ends: the next number counts.
        assert_eq!(inexact(r#"["\\", 1e99]"#), Some("1e99"));
        // The first one out, anywhere (extensions, unknown fields …).
        let t = r#"{"a": 1, "b": [0.1, 2e-3], "extensions": {"x": 1e23}, "c": 1e99}"#;
        assert_eq!(first_inexact_number(t), t.find("1e23").map(|i| i + 4));
        assert_eq!(
            path_before(t, first_inexact_number(t).unwrap(), false),
            "$.extensions.x"
        );
        let t = "{\n \"activities\": [{\"amount\": 0.30000000000000004}]}";
        assert_eq!(
            path_before(t, first_inexact_number(t).unwrap(), false),
            "$.activities[0].amount"
        );
        assert_eq!(inexact("[1e5 2]"), None);
        assert_eq!(inexact("[1.5.3]"), None);
    }

    /// serde_json's default reader (`f64_from_parts` without `float_roundtrip`): the
    /// significand as f64, times or divided by the power of ten of the table (exact up to 22).
    fn default_reader(negative: bool, significand: u64, exponent: i32) -> f64 {
        const POW10: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        let pow = POW10[exponent.unsigned_abs() as usize];
        let f = significand as f64;
        let f = if exponent >= 0 { f * pow } else { f / pow };
        if negative {
            -f
        } else {
            f
        }
    }

    /// The token of significand `s` and exponent `e` written with `k` fraction digits (the
    /// written exponent makes up the rest), as serde_json reads it back to `(s, e)`.
    fn written(s: u64, e: i32, k: usize, upper: bool, plus: bool, bare: bool) -> String {
        let d = s.to_string();
        let mut t = if k == 0 {
            d
        } else if k < d.len() {
            format!("{}.{}", &d[..d.len() - k], &d[d.len() - k..])
        } else {
            format!("0.{}{d}", "0".repeat(k - d.len()))
        };
        let x = e + k as i32;
        if !(bare && x == 0) {
            t.push(if upper { 'E' } else { 'e' });
            if plus && x >= 0 {
                t.push('+');
            }
            t.push_str(&x.to_string());
        }
        t
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// In the class, serde_json's default formula gives `str::parse`'s bits (correctly
        /// rounded), which are `float_roundtrip`'s (serde_json in native builds).
        #[test]
        fn the_class_reads_exactly(
            s in 0u64..=(1 << 53),
            e in -22i32..=22,
            k in 0usize..=24,
            negative: bool,
            upper: bool,
            plus: bool,
            bare: bool,
        ) {
            let t = format!("{}{}", if negative { "-" } else { "" }, written(s, e, k, upper, plus, bare));
            proptest::prop_assert_eq!(first_inexact_number(&t), None, "{}", t);
            let exact = t.parse::<f64>().unwrap();
            let fast = default_reader(negative, s, e);
            proptest::prop_assert_eq!(fast.to_bits(), exact.to_bits(), "{}", t);
            let roundtrip = serde_json::from_str::<f64>(&t).unwrap();
            proptest::prop_assert_eq!(roundtrip.to_bits(), exact.to_bits(), "{}", t);
        }

        /// Integer tokens: both readers share the `u64`/`i64` code, and `u64 as f64` (serde's
        /// `f64` from a `u64`) is correctly rounded too, past 2^53.
        #[test]
        fn integers_read_exactly(m: u64, negative: bool) {
            let t = format!("{}{m}", if negative { "-" } else { "" });
            proptest::prop_assert_eq!(first_inexact_number(&t), None, "{}", t);
            let exact = t.parse::<f64>().unwrap();
            let read = serde_json::from_str::<f64>(&t).unwrap();
            proptest::prop_assert_eq!(read.to_bits(), exact.to_bits(), "{}", t);
        }

        /// Past 2^53 with a fraction or exponent, the token is left to the extras module.
        #[test]
        fn long_significands_are_out(s in (1u64 << 53) + 1.., e in -22i32..=22, k in 1usize..=20) {
            let t = written(s, e, k, false, false, false);
            proptest::prop_assert_eq!(first_inexact_number(&t), Some(t.len()), "{}", t);
        }
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let e = parse::<Doc>(r#"{"lines":[]} x"#).unwrap_err();
        assert_eq!(e.code(), "malformed_json");
    }
}
