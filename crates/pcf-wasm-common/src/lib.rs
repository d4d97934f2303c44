//! What the two WebAssembly entry crates share: JS values in (text of a document, a string or
//! a file's bytes), values out (JSON text through `JSON.parse`), errors as JS `Error` objects
//! with `code`, `path` and `message`. No exports of its own (those are the entry crates':
//! `pcf-wasm-page`, the page's first-load module; `pcf-wasm`, everything), and no logic.
//!
//! Documents cross the boundary as JSON text (a JS object is stringified by `JSON.stringify`),
//! so the page, Node and the CLI read exactly the same bytes through the same parser; results
//! come back through `JSON.parse` of the core's JSON text, so numbers keep every bit.
#![cfg(target_arch = "wasm32")]
#![warn(missing_docs)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

use pcf_core::factors::FactorSet;
use pcf_core::{Error, ErrorReport};
use wasm_bindgen::prelude::*;

/// A JS `Error` with the report's `message`, and its `code`, `path` and (when the report has
/// it) `message_zh` as properties.
pub fn js_error(r: &ErrorReport) -> JsValue {
    let e = js_sys::Error::new(&r.message);
    let obj: &JsValue = e.as_ref();
    // Setting plain data properties on a fresh Error cannot fail; ignore the Result.
    let _ = js_sys::Reflect::set(obj, &"code".into(), &JsValue::from_str(&r.code));
    let _ = js_sys::Reflect::set(obj, &"path".into(), &JsValue::from_str(&r.path));
    if let Some(zh) = &r.message_zh {
        let _ = js_sys::Reflect::set(obj, &"message_zh".into(), &JsValue::from_str(zh));
    }
    e.into()
}

/// A core error as a JS `Error` ([`js_error`] of its report).
pub fn core_error(e: Error) -> JsValue {
    js_error(&e.report())
}

/// How a JS string becomes Rust text: wasm-bindgen's own copy (`String::from`), or a faster
/// one an entry crate brings (the full module's `TextEncoder` path).
pub type StringIn = fn(&js_sys::JsString) -> String;

/// wasm-bindgen's own copy of a JS string (one UTF-16 unit at a time; no import).
pub fn string_copy(s: &js_sys::JsString) -> String {
    String::from(s)
}

/// The text of a document given from JS: a JS string is taken as JSON text (read by
/// `string_in`); a `Uint8Array` as the bytes of a file (UTF-8, checked: `invalid_utf8` rather
/// than U+FFFD in place of what the file held); anything else is stringified. `path` names
/// the text in a size or UTF-8 error (`$`, or a table's name).
pub fn text_named(doc: &JsValue, path: &str, string_in: StringIn) -> Result<String, JsValue> {
    if let Some(s) = doc.dyn_ref::<js_sys::JsString>() {
        // Refuse a huge string before copying it into the module's memory: UTF-8 takes at
        // least one byte per UTF-16 unit, so a length over the limit is a text over it.
        let units = s.length() as usize;
        if units > pcf_core::json::MAX_DOCUMENT_BYTES {
            return Err(core_error(Error::LimitExceeded {
                path: path.into(),
                what: "document size in UTF-16 code units (JS string length)".into(),
                found: units,
                limit: pcf_core::json::MAX_DOCUMENT_BYTES,
            }));
        }
        return Ok(string_in(s));
    }
    if let Some(bytes) = doc.dyn_ref::<js_sys::Uint8Array>() {
        let len = bytes.length() as usize;
        if len > pcf_core::json::MAX_DOCUMENT_BYTES {
            return Err(core_error(Error::LimitExceeded {
                path: path.into(),
                what: "document size in bytes".into(),
                found: len,
                limit: pcf_core::json::MAX_DOCUMENT_BYTES,
            }));
        }
        // Checked in place (no second copy): the error `json::utf8` gives.
        return String::from_utf8(bytes.to_vec()).map_err(|e| {
            core_error(Error::InvalidUtf8 {
                path: path.into(),
                offset: e.utf8_error().valid_up_to(),
            })
        });
    }
    match js_sys::JSON::stringify(doc) {
        Ok(s) => s.as_string().ok_or_else(|| {
            js_error(&ErrorReport {
                message_zh: None,
                code: "invalid_document".into(),
                path: "$".into(),
                message: "the document is not JSON-serialisable".into(),
            })
        }),
        Err(_) => Err(js_error(&ErrorReport {
            message_zh: None,
            code: "invalid_document".into(),
            path: "$".into(),
            message: "the document cannot be converted to JSON (a cycle or a BigInt?)".into(),
        })),
    }
}

/// JSON text as a JS value (`JSON.parse`).
pub fn parse_out(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

/// A value handed to JS as an object: JSON text through `JSON.parse` (the same object as the
/// pretty text's), written without indentation (a quarter fewer bytes to copy, decode and
/// parse for a long audit trail). The core's pretty writer with an empty indent, not
/// serde_json's compact one: the same code as `computeJson`'s text, so a module does not
/// carry a second copy of every result type's serialiser.
pub fn object_out<T: serde::Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = pcf_core::receipt::jcs::to_pretty(value, b"").map_err(|e| {
        core_error(Error::NonFiniteResult {
            path: "$".into(),
            what: e.to_string(),
        })
    })?;
    parse_out(&text)
}

/// The built-in factor set (parsed once, borrowed: no copy per call).
pub fn builtin() -> Result<&'static FactorSet, JsValue> {
    FactorSet::builtin().map_err(core_error)
}

/// `{engine, factor_set_sha256}`: what `version()` returns in both modules. Written by hand:
/// `serde_json::json!` would keep serde_json's `Value` and its serialiser in the page's
/// first-load module for this one object (BENCHMARKS.md, issue 18).
pub fn version() -> Result<JsValue, JsValue> {
    let set = builtin()?;
    parse_out(&format!(
        "{{\"engine\":{},\"factor_set_sha256\":{}}}",
        json_string(&pcf_core::engine_name()),
        json_string(set.sha256())
    ))
}

/// `s` as a JSON string literal: quotes, backslashes and control characters escaped (RFC 8259).
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
