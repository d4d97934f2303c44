//! RFC 8785 (JCS) canonical JSON text, written in one buffer.
//!
//! The same text as `serde_json_canonicalizer` (the reference in the tests: every golden result
//! and random JSON values give the same bytes), about five times faster: that crate keeps every
//! property of every object in its own buffers and re-parses each key to sort it, which was
//! most of the time of sealing a result. Here serde_json's serializer drives a [`Formatter`]
//! that writes everything into one buffer; an object's members are recorded as offsets and, at
//! its end, copied back in key order (UTF-16 code units, as RFC 8785 requires).
//!
//! What is the same as the reference, by construction:
//! - strings: serde_json's escaping (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control
//!   characters as `\u00xx`), everything else as UTF-8;
//! - numbers: every integer and float as an IEEE double in ECMAScript's shortest form
//!   (`ryu_js`), as JSON.stringify writes it; a non-finite float nested in a value is `null`
//!   (serde_json writes it so before the formatter sees it);
//! - a duplicate key or a raw value is an error.

use std::io;

use serde::Serialize;
use serde_json::ser::{CharEscape, Formatter};

/// A member of an object being written: its key (with quotes, escaped) and value, as offsets
/// into the buffer (the value follows the key; no `:` is written until the object ends).
#[derive(Clone, Copy)]
struct Member {
    key_start: usize,
    key_end: usize,
    value_end: usize,
    /// The key is ASCII without escapes: byte order is its RFC 8785 order.
    plain: bool,
}

/// An object being written.
struct Frame {
    /// Offset of its first member in the buffer (nothing is written for `{`).
    start: usize,
    /// Index of its first member in `members`.
    first_member: usize,
    /// The key being written, then the value being written.
    key_start: usize,
    key_end: usize,
    plain: bool,
}

/// The buffer and the open objects of a canonical text being written.
#[derive(Default)]
pub struct Jcs {
    buf: Vec<u8>,
    frames: Vec<Frame>,
    members: Vec<Member>,
    order: Vec<usize>,
    scratch: Vec<u8>,
}

fn invalid(msg: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

/// The key's characters (without quotes), unescaped when it holds an escape.
fn key_text(key: &[u8]) -> io::Result<std::borrow::Cow<'_, str>> {
    if key.contains(&b'\\') {
        let s: String = serde_json::from_slice(key).map_err(|_| invalid("key"))?;
        Ok(std::borrow::Cow::Owned(s))
    } else {
        std::str::from_utf8(inner(key))
            .map(std::borrow::Cow::Borrowed)
            .map_err(|_| invalid("key is not UTF-8"))
    }
}

/// A key as written, without its quotes.
fn inner(k: &[u8]) -> &[u8] {
    k.get(1..k.len().saturating_sub(1)).unwrap_or_default()
}

/// Whether a key as written is ASCII without escapes.
fn plain(k: &[u8]) -> bool {
    k.iter().all(|&c| c < 0x80 && c != b'\\')
}

/// RFC 8785 order of two keys (as written, with quotes): by UTF-16 code units.
fn key_order(a: &[u8], a_plain: bool, b: &[u8], b_plain: bool) -> io::Result<std::cmp::Ordering> {
    if a_plain && b_plain {
        // ASCII: byte order is code-unit order (compare inside the quotes).
        return Ok(inner(a).cmp(inner(b)));
    }
    let (a, b) = (key_text(a)?, key_text(b)?);
    Ok(a.encode_utf16().cmp(b.encode_utf16()))
}

impl Jcs {
    fn end_object(&mut self) -> io::Result<()> {
        let frame = self.frames.pop().ok_or_else(|| invalid("end_object"))?;
        let members = self.members.get(frame.first_member..).unwrap_or_default();
        let buf = &self.buf;
        let key = |m: &Member| buf.get(m.key_start..m.key_end).unwrap_or_default();
        self.order.clear();
        self.order.extend(0..members.len());
        let mut sorted = true;
        for w in members.windows(2) {
            if let [a, b] = w {
                if key_order(key(a), a.plain, key(b), b.plain)? != std::cmp::Ordering::Less {
                    sorted = false;
                    break;
                }
            }
        }
        if !sorted {
            let mut failed = None;
            self.order
                .sort_by(|&i, &j| match (members.get(i), members.get(j)) {
                    (Some(a), Some(b)) => key_order(key(a), a.plain, key(b), b.plain)
                        .unwrap_or_else(|e| {
                            failed = Some(e);
                            std::cmp::Ordering::Equal
                        }),
                    _ => std::cmp::Ordering::Equal,
                });
            if let Some(e) = failed {
                return Err(e);
            }
            for w in self.order.windows(2) {
                if let [i, j] = w {
                    if let (Some(a), Some(b)) = (members.get(*i), members.get(*j)) {
                        if key_order(key(a), a.plain, key(b), b.plain)? == std::cmp::Ordering::Equal
                        {
                            return Err(invalid("duplicate object key"));
                        }
                    }
                }
            }
        }
        let scratch = &mut self.scratch;
        scratch.clear();
        scratch.push(b'{');
        for (n, &i) in self.order.iter().enumerate() {
            let Some(m) = members.get(i) else { continue };
            if n > 0 {
                scratch.push(b',');
            }
            scratch.extend_from_slice(buf.get(m.key_start..m.key_end).unwrap_or_default());
            scratch.push(b':');
            scratch.extend_from_slice(buf.get(m.key_end..m.value_end).unwrap_or_default());
        }
        scratch.push(b'}');
        self.members.truncate(frame.first_member);
        self.buf.truncate(frame.start);
        self.buf.extend_from_slice(&self.scratch);
        Ok(())
    }

    fn number(&mut self, v: f64) -> io::Result<()> {
        if !v.is_finite() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "NaN and +/-Infinity are not permitted in JSON",
            ));
        }
        let mut b = ryu_js::Buffer::new();
        self.buf.extend_from_slice(b.format_finite(v).as_bytes());
        Ok(())
    }
}

/// The formatter over [`Jcs`] (serde_json's serializer writes nothing itself: every byte goes
/// through these methods; the writer it is given is not used).
pub struct JcsFormatter<'a>(&'a mut Jcs);

macro_rules! numbers {
    ($($f:ident: $t:ty),*) => {$(
        fn $f<W: ?Sized + io::Write>(&mut self, _: &mut W, v: $t) -> io::Result<()> {
            self.0.number(v as f64)
        }
    )*};
}

impl Formatter for JcsFormatter<'_> {
    fn write_null<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.0.buf.extend_from_slice(b"null");
        Ok(())
    }
    fn write_bool<W: ?Sized + io::Write>(&mut self, _: &mut W, v: bool) -> io::Result<()> {
        self.0
            .buf
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    numbers!(write_i8: i8, write_i16: i16, write_i32: i32, write_i64: i64, write_i128: i128,
        write_u8: u8, write_u16: u16, write_u32: u32, write_u64: u64, write_u128: u128,
        write_f32: f32, write_f64: f64);
    fn write_number_str<W: ?Sized + io::Write>(&mut self, _: &mut W, v: &str) -> io::Result<()> {
        let n: f64 = v
            .parse()
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "Cannot parse str to f64"))?;
        self.0.number(n)
    }
    fn begin_string<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.0.buf.push(b'"');
        Ok(())
    }
    fn end_string<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.0.buf.push(b'"');
        Ok(())
    }
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        _: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        self.0.buf.extend_from_slice(fragment.as_bytes());
        Ok(())
    }
    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        _: &mut W,
        e: CharEscape,
    ) -> io::Result<()> {
        let buf = &mut self.0.buf;
        match e {
            CharEscape::Quote => buf.extend_from_slice(b"\\\""),
            CharEscape::ReverseSolidus => buf.extend_from_slice(b"\\\\"),
            CharEscape::Solidus => buf.push(b'/'),
            CharEscape::Backspace => buf.extend_from_slice(b"\\b"),
            CharEscape::FormFeed => buf.extend_from_slice(b"\\f"),
            CharEscape::LineFeed => buf.extend_from_slice(b"\\n"),
            CharEscape::CarriageReturn => buf.extend_from_slice(b"\\r"),
            CharEscape::Tab => buf.extend_from_slice(b"\\t"),
            CharEscape::AsciiControl(b) => buf.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                hex_digit(b >> 4),
                hex_digit(b & 0xF),
            ]),
        }
        Ok(())
    }
    fn begin_array<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.0.buf.push(b'[');
        Ok(())
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.0.buf.push(b']');
        Ok(())
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        _: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if !first {
            self.0.buf.push(b',');
        }
        Ok(())
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let j = &mut *self.0;
        j.frames.push(Frame {
            start: j.buf.len(),
            first_member: j.members.len(),
            key_start: 0,
            key_end: 0,
            plain: true,
        });
        Ok(())
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        self.0.end_object()
    }
    fn begin_object_key<W: ?Sized + io::Write>(&mut self, _: &mut W, _: bool) -> io::Result<()> {
        let j = &mut *self.0;
        let at = j.buf.len();
        let f = j
            .frames
            .last_mut()
            .ok_or_else(|| invalid("key outside an object"))?;
        f.key_start = at;
        Ok(())
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let j = &mut *self.0;
        let at = j.buf.len();
        let f = j
            .frames
            .last_mut()
            .ok_or_else(|| invalid("key outside an object"))?;
        f.key_end = at;
        f.plain = plain(j.buf.get(f.key_start..at).unwrap_or_default());
        Ok(())
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        Ok(())
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let j = &mut *self.0;
        let f = j
            .frames
            .last()
            .ok_or_else(|| invalid("value outside an object"))?;
        j.members.push(Member {
            key_start: f.key_start,
            key_end: f.key_end,
            value_end: j.buf.len(),
            plain: f.plain,
        });
        Ok(())
    }
    fn write_raw_fragment<W: ?Sized + io::Write>(&mut self, _: &mut W, _: &str) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "Raw values are not supported for JCS serialization",
        ))
    }
}

/// Every JSON text pcf writes, pretty or canonical, goes through one serializer type,
/// `serde_json::Serializer<&mut Vec<u8>, Format>`: so each `Serialize` impl of the result
/// types is compiled once, not once per formatter (a second copy of every serialiser cost the
/// page's WASM module about 5 KB gzip). Each method is one `match` that calls the formatter
/// chosen; the bytes are those of serde_json's `PrettyFormatter` or of [`JcsFormatter`].
pub enum Format<'a> {
    /// serde_json's pretty formatter (its indent; an empty one for one line per value).
    Pretty(serde_json::ser::PrettyFormatter<'a>),
    /// RFC 8785 canonical text, written into its own buffer (the writer is not used).
    Canonical(JcsFormatter<'a>),
}

macro_rules! delegate {
    ($($f:ident($($a:ident: $t:ty),*);)*) => {$(
        fn $f<W: ?Sized + io::Write>(&mut self, w: &mut W $(, $a: $t)*) -> io::Result<()> {
            match self {
                Format::Pretty(f) => f.$f(w $(, $a)*),
                Format::Canonical(f) => f.$f(w $(, $a)*),
            }
        }
    )*};
}

impl Formatter for Format<'_> {
    delegate! {
        write_null();
        write_bool(v: bool);
        write_i8(v: i8);
        write_i16(v: i16);
        write_i32(v: i32);
        write_i64(v: i64);
        write_i128(v: i128);
        write_u8(v: u8);
        write_u16(v: u16);
        write_u32(v: u32);
        write_u64(v: u64);
        write_u128(v: u128);
        write_f32(v: f32);
        write_f64(v: f64);
        write_number_str(v: &str);
        begin_string();
        end_string();
        write_string_fragment(v: &str);
        write_char_escape(v: CharEscape);
        write_byte_array(v: &[u8]);
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
        write_raw_fragment(v: &str);
    }
}

/// Writes `value` with `format` into `out` (the one serializer type, see [`Format`]).
pub fn write<T: Serialize + ?Sized>(
    value: &T,
    out: &mut Vec<u8>,
    format: Format<'_>,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, format);
    value.serialize(&mut ser)
}

/// The RFC 8785 canonical text of `value`.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut jcs = Jcs {
        buf: Vec::with_capacity(4096),
        ..Jcs::default()
    };
    write(
        value,
        &mut Vec::new(),
        Format::Canonical(JcsFormatter(&mut jcs)),
    )?;
    // Every byte written is either copied from a `&str` or ASCII, and members are moved whole.
    String::from_utf8(jcs.buf).map_err(|_| serde_json::Error::io(invalid("not UTF-8")))
}

/// Pretty text of `value` with serde_json's pretty formatter of `indent` (the same bytes as
/// `serde_json::to_string_pretty` for two spaces), through the one serializer type.
pub fn to_pretty<T: Serialize + ?Sized>(value: &T, indent: &[u8]) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(4096);
    write(
        value,
        &mut out,
        Format::Pretty(serde_json::ser::PrettyFormatter::with_indent(indent)),
    )?;
    // serde_json writes UTF-8 only.
    String::from_utf8(out).map_err(|_| serde_json::Error::io(invalid("not UTF-8")))
}

/// The lower-case hex digit of a nibble (`n` < 16; a larger value gives `0`).
fn hex_digit(n: u8) -> u8 {
    b"0123456789abcdef"
        .get(usize::from(n))
        .copied()
        .unwrap_or(b'0')
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    fn same(v: &Value) {
        let reference = serde_json_canonicalizer::to_string(v).expect("reference");
        assert_eq!(super::to_string(v).expect("jcs"), reference, "{v}");
    }

    #[test]
    fn matches_the_reference_on_tricky_values() {
        same(
            &json!({"b": 1, "a": [1.5, -0.0, 1e21, 1e-7, 123456789012345680000.0, 5e-324], "c": {"z": null, "y": true, "x": false}}),
        );
        same(
            &json!({"\u{e000}": 1, "\u{10000}": 2, "a\"b": 3, "a\\b": 4, "a\nb": 5, "\u{1}": 6, "": 7, "é": 8, "ab": 9, "a": 10, "abc": 11}),
        );
        same(&json!([
            "\u{7f}",
            "\u{2028}",
            "tab\there",
            "\u{1f}",
            "\"q\"",
            "ü€𝄞"
        ]));
        same(&json!({"n": u64::MAX, "i": i64::MIN, "f": 0.1, "big": 9007199254740993u64}));
        same(&json!([]));
        same(&json!({}));
        same(&json!([{}, [], {"a": [{"b": {"c": {}}}]}]));
    }

    #[test]
    fn rejects_what_the_reference_rejects() {
        // A duplicate key can only come from a custom Serialize: a map with two equal keys.
        struct Dup;
        impl serde::Serialize for Dup {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("a", &1)?;
                m.serialize_entry("a", &2)?;
                m.end()
            }
        }
        assert!(serde_json_canonicalizer::to_string(&Dup).is_err());
        assert!(super::to_string(&Dup).is_err());
    }
}
