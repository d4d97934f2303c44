//! Verification receipts: what lets a certifier re-run a calculation and get the same result,
//! bit for bit, from the result file alone.
//!
//! Every computed result is sealed: it carries the input in canonical form (RFC 8785, the JSON
//! Canonicalization Scheme) and a receipt with
//! - `input_sha256`: SHA-256 of the canonical input text,
//! - `result_sha256`: SHA-256 of the canonical text of the result without `receipt` and
//!   `input` (the result names the engine and every factor table's digest, so those are
//!   covered),
//! - the engine and the factor-set digest, repeated for a reader.
//!
//! [`verify_with`] checks both digests, recomputes the input with the factors at hand and reports
//! every figure that differs (JSON path, recorded, recomputed), every factor whose value or
//! table changed and every table whose digest changed.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::factors::FactorSet;
use crate::result::FootprintResult;

pub mod jcs;

/// The receipt format tag.
pub const FORMAT: &str = crate::result::RECEIPT_FORMAT;

/// The canonicalisation used for both digests.
pub const CANONICALIZATION: &str = crate::result::RECEIPT_CANONICALIZATION;

/// The tag of a [`VerifyReport`].
pub const VERIFY_TAG: &str = "pcf-verify/1";

/// The checks of a verification, in the order they are made.
pub const CHECKS: &[&str] = &[
    "input_digest",
    "result_digest",
    "factor_tables",
    "recomputation",
];

use crate::result::{known, one_of};
known!(fn check_name: "a check", |v| one_of(CHECKS, v));
known!(fn verify_tag: "`pcf-verify/1`", |v| one_of(&[VERIFY_TAG], v));
known!(fn verify_status: "`match` or `mismatch`", |v| one_of(&["match", "mismatch"], v));

/// How many differing figures a report lists before it stops (the count is still exact).
pub const MAX_DIFFERENCES: usize = 100;

/// The seal of a result, a field of the typed result ([`crate::result`]).
pub use crate::result::Receipt;

/// `result` as pretty JSON with a final newline: the `pcf` crate's `compute_json` text (the
/// CLI's output, WASM `computeJson`'s, the golden `expected.json` files). Not generic, so the
/// result's serialiser is compiled once, in this crate, with the receipts' ([`seal`] writes
/// the same types): the page's core WASM module carries one copy.
pub fn to_pretty_json(result: &FootprintResult) -> Result<String> {
    let mut s = result_text(result, b"  ")?;
    s.push('\n');
    Ok(s)
}

/// `result` as JSON text indented by `indent` per level (`b""`: one line, what the WASM
/// `compute` hands to `JSON.parse`), no final newline. The same serialiser instance as
/// [`to_pretty_json`] (the indent is an argument, not a type): a crate that writes a result
/// calls this rather than a generic writer, which would compile the result's serialiser again
/// in that crate (generics are not shared across crates in the release and WASM builds).
pub fn result_text(result: &FootprintResult, indent: &[u8]) -> Result<String> {
    jcs::to_pretty(result, indent).map_err(|e| Error::NonFiniteResult {
        path: "$".into(),
        what: e.to_string(),
    })
}

/// Any value as pretty JSON with a final newline (the one output format: every report pcf
/// prints is written by this or [`to_pretty_json`]); `pcf::to_json`. Generic, so compiled in
/// each crate that calls it: the result itself goes through [`to_pretty_json`].
pub fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    let mut s = jcs::to_pretty(value, b"  ").map_err(|e| Error::NonFiniteResult {
        path: "$".into(),
        what: e.to_string(),
    })?;
    s.push('\n');
    Ok(s)
}

/// Hex SHA-256 of `bytes` (lower case): the receipts' digests, also used by the domain (PACT's
/// export id).
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// RFC 8785 canonical text of a JSON value.
pub fn canonical(value: &Value) -> Result<String> {
    jcs::to_string(value).map_err(|e| Error::NonFiniteResult {
        path: "$".into(),
        what: format!("canonical JSON: {e}"),
    })
}

/// The input document of `text` as a JSON value (same limits as any document).
pub fn input_value(text: &str) -> Result<Value> {
    crate::json::parse_value(text)
}

/// Seals a result: records the canonical input and the receipt.
pub fn seal(result: &mut FootprintResult, input: Value) -> Result<()> {
    result.receipt = None;
    result.input = None;
    // Canonicalised straight from the typed result (no intermediate JSON tree): the same text
    // as canonicalising its `serde_json::Value`, as `verify` does.
    let canonical_result = jcs::to_string(&*result).map_err(|e| Error::NonFiniteResult {
        path: "$".into(),
        what: format!("canonical JSON: {e}"),
    })?;
    let result_sha256 = sha256_hex(canonical_result.as_bytes());
    let input_sha256 = sha256_hex(canonical(&input)?.as_bytes());
    result.receipt = Some(Receipt {
        format: FORMAT,
        canonicalization: CANONICALIZATION,
        engine: result.engine.clone(),
        input_sha256,
        factor_set_sha256: result.factor_set.sha256.clone(),
        result_sha256,
    });
    result.input = Some(input);
    Ok(())
}

/// One check of a verification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct Check {
    /// `input_digest`, `result_digest`, `recomputation`, `factor_tables`.
    #[serde(deserialize_with = "check_name")]
    pub check: crate::result::Fixed,
    /// Whether it passed.
    pub ok: bool,
    /// What was found.
    pub detail: String,
    /// What was found, in Chinese (the same facts).
    #[serde(default)]
    pub detail_zh: String,
}

/// A figure that differs between the recorded and the recomputed result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct Difference {
    /// JSON path in the result.
    pub path: String,
    /// The value in the result file (absent: `null`).
    pub recorded: Value,
    /// The value computed now (absent: `null`).
    pub recomputed: Value,
}

/// A factor whose value or table changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct FactorChange {
    /// The line (`$.lines[i]` of the result) and the input path it came from.
    pub line: String,
    /// The input path of the line.
    pub input_path: String,
    /// Factor id.
    pub factor: String,
    /// Recorded value and table.
    pub recorded: Value,
    /// Value and table now.
    pub recomputed: Value,
}

/// A factor table whose digest changed, or that was recorded and is missing now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct TableChange {
    /// Table name.
    pub table: String,
    /// Recorded digest (`null` when the table is new).
    pub recorded_sha256: Option<String>,
    /// Digest now (`null` when the table is not loaded now).
    pub current_sha256: Option<String>,
}

/// The outcome of [`verify`].
#[allow(
    rustdoc::broken_intra_doc_links,
    reason = "the link names the pcf crate's verify; the text is in the committed schema"
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct VerifyReport {
    /// Always `pcf-verify/1`.
    #[serde(deserialize_with = "verify_tag")]
    pub schema: crate::result::Fixed,
    /// `match` or `mismatch`.
    #[serde(deserialize_with = "verify_status")]
    pub status: crate::result::Fixed,
    /// Engine recorded in the receipt.
    pub engine_recorded: String,
    /// Engine verifying now.
    pub engine_now: String,
    /// Each check with its outcome.
    pub checks: Vec<Check>,
    /// Factor tables whose digest differs.
    pub table_changes: Vec<TableChange>,
    /// Factors whose value or table differs, per line.
    pub factor_changes: Vec<FactorChange>,
    /// Figures that differ (at most [`MAX_DIFFERENCES`]).
    pub differences: Vec<Difference>,
    /// How many figures differ in all.
    pub differences_total: usize,
}

impl VerifyReport {
    /// Whether everything matched.
    pub fn matches(&self) -> bool {
        self.status == "match"
    }
}

/// The error of a file without a member a sealed result has.
fn not_sealed(key: &str) -> Error {
    Error::InvalidDocument {
        path: format!("$.{key}"),
        detail: format!(
            "a sealed result file has `{key}`; this file has none (was it written by `pcf compute`?)"
        ),
    }
}

/// Lists the leaf paths where two JSON values differ.
fn diff(path: &str, a: &Value, b: &Value, out: &mut Vec<Difference>, total: &mut usize) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = format!("{path}.{k}");
                diff(
                    &p,
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                    out,
                    total,
                );
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                let p = format!("{path}[{i}]");
                diff(
                    &p,
                    x.get(i).unwrap_or(&Value::Null),
                    y.get(i).unwrap_or(&Value::Null),
                    out,
                    total,
                );
            }
        }
        _ => {
            if !same_leaf(a, b) {
                *total += 1;
                if out.len() < MAX_DIFFERENCES {
                    out.push(Difference {
                        path: path.to_string(),
                        recorded: a.clone(),
                        recomputed: b.clone(),
                    });
                }
            }
        }
    }
}

/// Two JSON leaves are the same figure when equal: two integers exactly (two integers past
/// 2^53 that round to one double differ), otherwise numbers as IEEE doubles, bit for bit, but
/// for `-0` and `0`, which the canonical text writes alike (`0`); a result re-serialised by
/// JavaScript (`JSON.stringify` writes `1.0` as `1`) holds the same numbers.
fn same_leaf(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if let (Some(x), Some(y)) = (x.as_i64(), y.as_i64()) {
                return x == y;
            }
            if let (Some(x), Some(y)) = (x.as_u64(), y.as_u64()) {
                return x == y;
            }
            match (x.as_f64(), y.as_f64()) {
                (Some(x), Some(y)) => x.to_bits() == y.to_bits() || (x == 0.0 && y == 0.0),
                _ => x == y,
            }
        }
        _ => a == b,
    }
}

/// What a line's factor is compared by: its id, and its value, kg per unit and table (the
/// summary a [`FactorChange`] shows).
fn factor_of(line: &crate::result::LineResult) -> Option<(&str, Value)> {
    let f = line.factor.as_ref()?;
    let summary = serde_json::json!({
        "value": f.value,
        "kg_per_unit": f.kg_per_unit,
        "table": f.table,
    });
    Some((f.id.as_str(), summary))
}

/// A typed result as a JSON tree without its seal (`receipt`, `input`): what the digest and
/// the comparison of figures cover.
fn unsealed_tree(result: &FootprintResult) -> Result<Value> {
    let mut r = result.clone();
    r.receipt = None;
    r.input = None;
    serde_json::to_value(&r).map_err(|e| Error::NonFiniteResult {
        path: "$".into(),
        what: e.to_string(),
    })
}

/// Verifies a sealed result file (`text`) against a recomputation of its recorded input with
/// `factors` by `compute` (the `pcf` crate's `verify` passes the full `compute`, which
/// reads sector templates too; the receipt code itself knows only `pcf-result/1`).
///
/// Errors only when the file is not a sealed result (malformed JSON, no `receipt` or `input`,
/// or a field outside the `pcf-result/1` schema: unknown, missing or mistyped, at its path);
/// a recomputation that fails (say, a user table is missing) is a failed check, not an error.
pub fn verify_with(
    text: &str,
    factors: &FactorSet,
    compute: impl Fn(&str, &FactorSet) -> Result<FootprintResult>,
) -> Result<VerifyReport> {
    // The digests are over the file's own JSON tree, so that any edit to it shows; the
    // figures, tables and factors are read typed.
    let mut tree: Value = crate::json::parse_value(text)?;
    // Anything but an object (an array, a number) has no receipt.
    if !tree.is_object() {
        return Err(not_sealed("receipt"));
    }
    let seal = crate::result::envelope(text)?;
    let receipt = seal.receipt.ok_or_else(|| not_sealed("receipt"))?;
    if seal.input.is_none() {
        return Err(not_sealed("input"));
    }
    let recorded = crate::result::parse(text)?;
    let input = recorded.input.as_ref().ok_or_else(|| not_sealed("input"))?;
    let engine_recorded = receipt.engine;
    let input_sha = receipt.input_sha256;
    let result_sha = receipt.result_sha256;
    let mut checks = Vec::new();

    let input_now = sha256_hex(canonical(input)?.as_bytes());
    checks.push(Check {
        check: "input_digest",
        ok: input_now == input_sha,
        detail: if input_now == input_sha {
            format!("the input hashes to the recorded {input_sha}")
        } else {
            format!("the input was changed after sealing: it hashes to {input_now}, the receipt says {input_sha}")
        },
        detail_zh: if input_now == input_sha {
            format!("输入的哈希值与记录相符：{input_sha}")
        } else {
            format!("输入在封存后被改动：其哈希值为 {input_now}，回执记录的是 {input_sha}")
        },
    });

    if let Value::Object(m) = &mut tree {
        m.remove("receipt");
        m.remove("input");
    }
    let result_now = sha256_hex(canonical(&tree)?.as_bytes());
    checks.push(Check {
        check: "result_digest",
        ok: result_now == result_sha,
        detail: if result_now == result_sha {
            format!("the recorded result hashes to the recorded {result_sha}")
        } else {
            format!("the recorded result was changed after sealing: it hashes to {result_now}, the receipt says {result_sha}")
        },
        detail_zh: if result_now == result_sha {
            format!("所记录结果的哈希值与记录相符：{result_sha}")
        } else {
            format!("所记录的结果在封存后被改动：其哈希值为 {result_now}，回执记录的是 {result_sha}")
        },
    });

    // Tables: what the result recorded against what is loaded now.
    let mut table_changes = Vec::new();
    let recorded_tables: Vec<(String, String)> = recorded
        .factor_set
        .tables
        .iter()
        .map(|t| (t.name.clone(), t.sha256.clone()))
        .collect();
    let now_info = crate::result::FactorSetInfo::new(factors);
    let now_tables: Vec<(String, String)> = now_info
        .tables
        .iter()
        .map(|t| (t.name.clone(), t.sha256.clone()))
        .collect();
    for (name, sha) in &recorded_tables {
        let current = now_tables.iter().find(|(n, _)| n == name).map(|(_, s)| s);
        if current != Some(sha) {
            table_changes.push(TableChange {
                table: name.clone(),
                recorded_sha256: Some(sha.clone()),
                current_sha256: current.cloned(),
            });
        }
    }
    for (name, sha) in &now_tables {
        if !recorded_tables.iter().any(|(n, _)| n == name) {
            table_changes.push(TableChange {
                table: name.clone(),
                recorded_sha256: None,
                current_sha256: Some(sha.clone()),
            });
        }
    }
    checks.push(Check {
        check: "factor_tables",
        ok: table_changes.is_empty(),
        detail: if table_changes.is_empty() {
            format!(
                "the same {} factor tables, digest for digest",
                recorded_tables.len()
            )
        } else {
            let names: Vec<&str> = table_changes.iter().map(|t| t.table.as_str()).collect();
            format!("factor tables differ: {}", names.join(", "))
        },
        detail_zh: if table_changes.is_empty() {
            format!("同样的 {} 张因子表，摘要逐一相同", recorded_tables.len())
        } else {
            let names: Vec<&str> = table_changes.iter().map(|t| t.table.as_str()).collect();
            format!("因子表不同：{}", names.join("、"))
        },
    });

    // Recompute from the recorded input.
    let mut differences = Vec::new();
    let mut differences_total = 0;
    let mut factor_changes = Vec::new();
    let input_text = canonical(input)?;
    match compute(&input_text, factors) {
        Err(e) => checks.push(Check {
            check: "recomputation",
            ok: false,
            detail: format!(
                "the recorded input does not compute now: {} at {}: {}",
                e.code(),
                e.path(),
                e
            ),
            detail_zh: format!(
                "所记录的输入现在无法计算：{}，位于 {}：{}",
                e.code(),
                e.path(),
                error_text_zh(&e)
            ),
        }),
        Ok(now) => {
            diff(
                "$",
                &unsealed_tree(&recorded)?,
                &unsealed_tree(&now)?,
                &mut differences,
                &mut differences_total,
            );
            for (i, (a, b)) in recorded.lines.iter().zip(&now.lines).enumerate() {
                let (fa, fb) = (factor_of(a), factor_of(b));
                if fa != fb {
                    let id = fa
                        .as_ref()
                        .or(fb.as_ref())
                        .map(|(id, _)| *id)
                        .unwrap_or_default();
                    factor_changes.push(FactorChange {
                        line: format!("$.lines[{i}]"),
                        input_path: a.path.clone(),
                        factor: id.to_string(),
                        recorded: fa.map(|(_, s)| s).unwrap_or(Value::Null),
                        recomputed: fb.map(|(_, s)| s).unwrap_or(Value::Null),
                    });
                }
            }
            checks.push(Check {
                check: "recomputation",
                ok: differences_total == 0,
                detail: if differences_total == 0 {
                    "recomputing the input gives the recorded result, bit for bit".into()
                } else {
                    format!("recomputing the input gives {differences_total} different figure(s)")
                },
                detail_zh: if differences_total == 0 {
                    "重新计算输入得到所记录的结果，逐位相同".into()
                } else {
                    format!("重新计算输入得到 {differences_total} 个不同的数值")
                },
            });
        }
    }

    let ok = checks.iter().all(|c| c.ok);
    Ok(VerifyReport {
        schema: VERIFY_TAG,
        status: if ok { "match" } else { "mismatch" },
        engine_recorded,
        engine_now: crate::result::engine_name(),
        checks,
        table_changes,
        factor_changes,
        differences,
        differences_total,
    })
}

/// Reads a sealed `pcf-result/1` text for a use that needs its figures as sealed (`what`: "a
/// PACT export", "a report", named in the errors): the schema tag, the receipt, the typed
/// result, and the seal (the result's digest recomputed over the file's own JSON tree without
/// its receipt and input, so any edit shows). The one reading of a seal behind
/// `pcf pact export` and `pcf report` ([`verify`] reports a broken seal as a mismatch instead).
pub fn read_sealed(result_text: &str, what: &str) -> Result<FootprintResult> {
    let mut tree: Value = crate::json::parse_value(result_text)?;
    // Anything but an object has no schema tag.
    let envelope = match tree.is_object() {
        true => Some(crate::result::envelope(result_text)?),
        false => None,
    };
    let schema = envelope
        .as_ref()
        .and_then(|e| e.schema.as_deref())
        .unwrap_or("");
    if schema != crate::result::RESULT_TAG {
        return Err(Error::UnsupportedSchema {
            path: "$.schema".into(),
            found: schema.into(),
            expected: crate::result::RESULT_TAG.into(),
        });
    }
    let Some(receipt) = envelope.and_then(|e| e.receipt) else {
        return Err(Error::InvalidDocument {
            path: "$.receipt".into(),
            detail: format!(
                "{what} needs a sealed result (written by `pcf compute`) with its receipt"
            ),
        });
    };
    let result = crate::result::parse(result_text)?;
    if let Some(o) = tree.as_object_mut() {
        o.remove("receipt");
        o.remove("input");
    }
    let digest = sha256_hex(canonical(&tree)?.as_bytes());
    if digest != receipt.result_sha256 {
        return Err(Error::invalid(
            "$.receipt.result_sha256",
            format!(
                "the result was changed after it was sealed (its digest is {digest}); recompute it with `pcf compute`"
            ),
        ));
    }
    Ok(result)
}

/// An error's text in Chinese where this build has it (feature `messages-zh`), else English.
fn error_text_zh(e: &crate::error::Error) -> String {
    #[cfg(feature = "messages-zh")]
    return e.message_zh();
    #[cfg(not(feature = "messages-zh"))]
    return e.to_string();
}

#[cfg(test)]
mod tests {
    use super::same_leaf;
    use serde_json::{json, Value};

    fn n(text: &str) -> Value {
        serde_json::from_str(text).expect("a JSON number")
    }

    #[test]
    fn figures_are_compared_exactly() {
        // Two integers past 2^53 that round to the same double are different figures.
        assert!(!same_leaf(&n("9007199254740993"), &n("9007199254740992")));
        assert!(same_leaf(&n("9007199254740993"), &n("9007199254740993")));
        assert!(!same_leaf(&n("-9007199254740993"), &n("-9007199254740992")));
        // `1` and `1.0` are one figure (JSON.stringify writes the second as the first).
        assert!(same_leaf(&n("1"), &n("1.0")));
        // Doubles bit for bit: the nearest neighbours differ.
        assert!(!same_leaf(&n("0.1"), &n("0.10000000000000002")));
        // -0 and 0: the canonical text writes both as 0.
        assert!(same_leaf(&n("-0.0"), &n("0")));
        assert!(!same_leaf(&json!("1"), &n("1")));
    }
}
