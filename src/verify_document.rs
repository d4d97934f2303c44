//! Verifying an input document against a receipt (`pcf verify --document DOC RECEIPT`, the JS
//! package's `verifyDocument`; issue 20): a certifier holds the document a supplier sent and
//! a receipt — a sealed result, a report that carries one (`pcf report`'s JSON documents, or
//! a label's SVG), a bare `pcf-receipt/1` object, or the result digest alone (a label's
//! `#verify=` link) — and asks whether this document, with these factor tables, is what the
//! receipt sealed.
//!
//! The document is computed and sealed here ([`crate::compute`]), and its receipt compared
//! with the one given: the canonical input digest (is it the same document?), the factor-set
//! digest (the same tables?) and the result digest (the same result, engine and figures
//! included). The answer is one line — this document, this product, this total, match or
//! mismatch and what differs — with the checks beside it ([`DocumentVerifyReport`]).
//!
//! Must not: trust a figure of the receipt file (only its digests are compared; a sealed
//! result's own seal is checked first, so an edited result file is refused), or read files.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::factors::FactorSet;
use crate::receipt::Receipt;

/// The report's schema tag.
pub const TAG: &str = "pcf-verify-document/1";

/// The checks, in the order they are made.
pub const CHECKS: &[&str] = &["input_digest", "factor_set", "result_digest"];

/// What a certifier learns from checking an input document against a receipt.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(title = "pcf-verify-document/1: an input document checked against a receipt")
)]
pub struct DocumentVerifyReport {
    /// Always `pcf-verify-document/1`.
    pub schema: &'static str,
    /// `match` when every digest the receipt gives is the document's, else `mismatch`.
    pub status: &'static str,
    /// The answer in one line: this document, this product, this total, match or mismatch and
    /// what differs.
    pub summary: String,
    /// What the receipt came in: `result` (a sealed result), `report` (a `pcf report` JSON
    /// document), `label` (a `pcf report label` SVG), `receipt` (a bare `pcf-receipt/1`
    /// object) or `digest` (the result digest alone, or a label's verification link).
    pub receipt_source: &'static str,
    /// The schema tag of the report the receipt came in, for `report` and `label`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_schema: Option<String>,
    /// The product, as the document names it.
    pub product: VerifiedProduct,
    /// The document's total, kg CO2e per declared unit, computed now.
    pub total_kg_co2e: f64,
    /// The declared unit the total is for.
    pub declared_unit: crate::document::Quantity,
    /// The total the receipt's sealed result records (only when the receipt is a sealed result).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_total_kg_co2e: Option<f64>,
    /// The engine the receipt names (absent for a digest alone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_recorded: Option<String>,
    /// The engine computing now.
    pub engine_now: String,
    /// Each digest compared.
    pub checks: Vec<DigestCheck>,
    /// The checks that did not match, in the order `input_digest`, `factor_set`,
    /// `result_digest`.
    pub differs: Vec<&'static str>,
}

impl DocumentVerifyReport {
    /// Whether every digest the receipt gives matched.
    pub fn matches(&self) -> bool {
        self.status == "match"
    }
}

/// The product of the verified document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct VerifiedProduct {
    /// Name.
    pub name: String,
    /// Chinese name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Product code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// One digest compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DigestCheck {
    /// `input_digest` (SHA-256 of the canonical input), `factor_set` (the factor set's digest)
    /// or `result_digest` (SHA-256 of the canonical result).
    pub check: &'static str,
    /// `match`, `mismatch`, or `not_given` (the receipt is a digest alone).
    pub status: &'static str,
    /// The receipt's digest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded: Option<String>,
    /// The document's, computed now.
    pub recomputed: String,
}

/// A receipt as read from whatever it came in.
struct Given {
    source: &'static str,
    report_schema: Option<String>,
    engine: Option<String>,
    input_sha256: Option<String>,
    factor_set_sha256: Option<String>,
    result_sha256: String,
    recorded_total: Option<f64>,
}

/// A report's receipt block (`pcf report`'s documents, a label's metadata): its four members,
/// whatever else the block holds.
#[derive(Deserialize)]
struct ReportReceipt {
    result_sha256: String,
    input_sha256: String,
    factor_set_sha256: String,
    engine: String,
}

/// The members of a JSON receipt file this reader looks at first.
#[derive(Deserialize)]
struct Head {
    #[serde(default, deserialize_with = "crate::json::string_or_skip")]
    schema: Option<String>,
    #[serde(default, deserialize_with = "crate::json::string_or_skip")]
    format: Option<String>,
    #[serde(default)]
    receipt: Option<serde_json::Value>,
}

/// An error of the receipt file: its path written from `$receipt` instead of `$`.
fn in_receipt(mut e: Error) -> Error {
    let p = e.path_mut();
    if p.starts_with('$') && !p.starts_with("$receipt") {
        *p = p.replacen('$', "$receipt", 1);
    }
    e
}

/// A SHA-256 digest as a receipt writes it: 64 lower-case hexadecimal digits.
fn is_digest(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn digest_at(s: String, path: &str) -> Result<String> {
    if is_digest(&s) {
        Ok(s)
    } else {
        Err(Error::invalid(
            path,
            format!("{s:?} is not a SHA-256 digest (64 lower-case hexadecimal digits)"),
        ))
    }
}

/// The digest of a receipt given as the digest alone or as a label's verification link
/// (`…#verify=<digest>`); `None` when the text is neither.
fn digest_text(text: &str) -> Option<String> {
    let t = text.trim();
    let t = match t.rfind(crate::reports::label::VERIFY_FRAGMENT) {
        Some(at) => t.get(at + crate::reports::label::VERIFY_FRAGMENT.len()..)?,
        None => t,
    };
    let lower = t.to_ascii_lowercase();
    is_digest(&lower).then_some(lower)
}

/// The JSON a label's SVG carries in `<metadata id="pcf-label">`, unescaped (the label writes
/// only `&amp;`, `&lt;` and `&gt;` there).
fn label_data(text: &str) -> Option<String> {
    const OPEN: &str = "<metadata id=\"pcf-label\">";
    let start = text.find(OPEN)? + OPEN.len();
    let len = text.get(start..)?.find("</metadata>")?;
    let data = text.get(start..start + len)?;
    Some(
        data.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// Reads a report's `receipt` block at `$receipt.receipt`.
fn report_receipt(
    value: serde_json::Value,
    source: &'static str,
    schema: Option<String>,
) -> Result<Given> {
    let r: ReportReceipt = serde_json::from_value(value).map_err(|e| Error::InvalidDocument {
        path: "$receipt.receipt".into(),
        detail: format!(
            "a report's receipt has result_sha256, input_sha256, factor_set_sha256 and engine: {e}"
        ),
    })?;
    Ok(Given {
        source,
        report_schema: schema,
        engine: Some(r.engine),
        input_sha256: Some(digest_at(r.input_sha256, "$receipt.receipt.input_sha256")?),
        factor_set_sha256: Some(digest_at(
            r.factor_set_sha256,
            "$receipt.receipt.factor_set_sha256",
        )?),
        result_sha256: digest_at(r.result_sha256, "$receipt.receipt.result_sha256")?,
        recorded_total: None,
    })
}

/// Reads the receipt text in any of its forms.
fn given(text: &str) -> Result<Given> {
    if let Some(d) = digest_text(text) {
        return Ok(Given {
            source: "digest",
            report_schema: None,
            engine: None,
            input_sha256: None,
            factor_set_sha256: None,
            result_sha256: d,
            recorded_total: None,
        });
    }
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        let data = label_data(text).ok_or_else(|| Error::InvalidDocument {
            path: "$receipt".into(),
            detail: "this XML has no pcf label data (<metadata id=\"pcf-label\">): give a label written by `pcf report label`".into(),
        })?;
        let head: Head = crate::json::parse_object(&data).map_err(in_receipt)?;
        let receipt = head.receipt.ok_or_else(|| Error::InvalidDocument {
            path: "$receipt.receipt".into(),
            detail: "the label's data has no receipt".into(),
        })?;
        return report_receipt(receipt, "label", head.schema);
    }
    if !trimmed.starts_with('{') {
        return Err(not_a_receipt());
    }
    let head: Head = crate::json::parse_object(text).map_err(in_receipt)?;
    if head.schema.as_deref() == Some(crate::result::RESULT_TAG) {
        let result = crate::reports::sealed(text).map_err(in_receipt)?;
        let r = result
            .receipt
            .as_ref()
            .ok_or_else(|| Error::InvalidDocument {
                path: "$receipt.receipt".into(),
                detail: "a sealed result has a receipt".into(),
            })?;
        return Ok(Given {
            source: "result",
            report_schema: None,
            engine: Some(r.engine.clone()),
            input_sha256: Some(digest_at(
                r.input_sha256.clone(),
                "$receipt.receipt.input_sha256",
            )?),
            factor_set_sha256: Some(digest_at(
                r.factor_set_sha256.clone(),
                "$receipt.receipt.factor_set_sha256",
            )?),
            result_sha256: digest_at(r.result_sha256.clone(), "$receipt.receipt.result_sha256")?,
            recorded_total: Some(result.total_kg_co2e),
        });
    }
    if head.format.as_deref() == Some(crate::receipt::FORMAT) {
        let r: Receipt = crate::json::parse_object(text).map_err(in_receipt)?;
        return Ok(Given {
            source: "receipt",
            report_schema: None,
            engine: Some(r.engine),
            input_sha256: Some(digest_at(r.input_sha256, "$receipt.input_sha256")?),
            factor_set_sha256: Some(digest_at(
                r.factor_set_sha256,
                "$receipt.factor_set_sha256",
            )?),
            result_sha256: digest_at(r.result_sha256, "$receipt.result_sha256")?,
            recorded_total: None,
        });
    }
    match head.receipt {
        Some(receipt) if receipt.is_object() => report_receipt(receipt, "report", head.schema),
        _ => Err(not_a_receipt()),
    }
}

/// The error of a receipt text in none of the forms [`given`] reads.
fn not_a_receipt() -> Error {
    Error::InvalidDocument {
        path: "$receipt".into(),
        detail: "not a receipt: give a sealed result (pcf compute), a report carrying a receipt (pcf report, a label's SVG), a pcf-receipt/1 object, or the result digest (a label's #verify= link)".into(),
    }
}

/// A text for the one-line summary: controls and line breaks as spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Checks the input document `doc_text` (any `pcf/1` document or sector template) against
/// the receipt in `receipt_text`, computing the document with `factors` (the tables the
/// receipt's result was computed with).
///
/// Errors (bad input): a document that does not compute (the engine's error, at the
/// document's path); a receipt text that is none of the forms this reads, an edited sealed
/// result, or a digest that is not one (at `$receipt…`).
pub fn verify_document(
    doc_text: &str,
    receipt_text: &str,
    factors: &FactorSet,
) -> Result<DocumentVerifyReport> {
    let given = given(receipt_text)?;
    let now = crate::compute(doc_text, factors)?;
    let mine = now.receipt.as_ref().ok_or_else(|| Error::NonFiniteResult {
        path: "$".into(),
        what: "the computed result has no receipt".into(),
    })?;
    let compare = |check: &'static str, recorded: &Option<String>, now: &str| DigestCheck {
        check,
        status: match recorded {
            None => "not_given",
            Some(r) if r == now => "match",
            Some(_) => "mismatch",
        },
        recorded: recorded.clone(),
        recomputed: now.to_string(),
    };
    let checks = vec![
        compare("input_digest", &given.input_sha256, &mine.input_sha256),
        compare(
            "factor_set",
            &given.factor_set_sha256,
            &mine.factor_set_sha256,
        ),
        compare(
            "result_digest",
            &Some(given.result_sha256.clone()),
            &mine.result_sha256,
        ),
    ];
    let differs: Vec<&'static str> = checks
        .iter()
        .filter(|c| c.status == "mismatch")
        .map(|c| c.check)
        .collect();
    let ok = differs.is_empty();
    let engine_now = now.engine.clone();

    // The one line.
    let number = |x: f64| serde_json::Value::from(x).to_string();
    let what = format!(
        "this document (input sha256 {}), product \"{}\", total {} kg CO2e per {} {}",
        mine.input_sha256,
        one_line(&now.product.name),
        number(now.total_kg_co2e),
        number(now.declared_unit.amount),
        one_line(&now.declared_unit.unit),
    );
    let name = |c: &str| match c {
        "input_digest" => "input digest",
        "factor_set" => "factor set",
        _ => "result digest",
    };
    let mut said: Vec<String> = Vec::new();
    if ok {
        let matched: Vec<&str> = checks
            .iter()
            .filter(|c| c.status == "match")
            .map(|c| name(c.check))
            .collect();
        let verb = if matched.len() == 1 {
            "matches"
        } else {
            "match"
        };
        said.push(format!(
            "{} {verb} the receipt's (result sha256 {})",
            matched.join(", "),
            mine.result_sha256
        ));
    } else {
        let differ: Vec<&str> = differs.iter().map(|c| name(c)).collect();
        let verb = if differ.len() == 1 {
            "differs"
        } else {
            "differ"
        };
        said.push(format!("{} {verb} from the receipt's", differ.join(", ")));
        if differs.contains(&"input_digest") {
            said.push(
                "the receipt sealed another document (or another version of this one)".into(),
            );
        }
        if differs.contains(&"factor_set") {
            said.push(
                "the factor tables differ: pass the user tables the result was computed with (--factors)"
                    .into(),
            );
        }
        if given.input_sha256.is_none() {
            said.push(
                "this document, its factor tables or the engine differ from what the receipt sealed"
                    .into(),
            );
        } else if differs == ["result_digest"] {
            said.push(match &given.engine {
                Some(e) if *e != engine_now => {
                    format!("the same document and tables give another result: the receipt's engine is {e}, this is {engine_now}")
                }
                _ => "the same document and tables give another result".into(),
            });
        }
        if let Some(t) = given.recorded_total {
            if t.to_bits() != now.total_kg_co2e.to_bits() {
                said.push(format!("the receipt's result records total {}", number(t)));
            }
        }
    }
    if given.source == "digest" {
        said.push(
            "the receipt is the result digest alone: input digest and factor set not given".into(),
        );
    }
    let summary = format!(
        "{}: {what}; {}",
        if ok { "match" } else { "mismatch" },
        said.join("; ")
    );

    Ok(DocumentVerifyReport {
        schema: TAG,
        status: if ok { "match" } else { "mismatch" },
        summary,
        receipt_source: given.source,
        report_schema: given.report_schema,
        product: VerifiedProduct {
            name: now.product.name.clone(),
            name_zh: now.product.name_zh.clone(),
            code: now.product.code.clone(),
        },
        total_kg_co2e: now.total_kg_co2e,
        declared_unit: now.declared_unit.clone(),
        recorded_total_kg_co2e: given.recorded_total,
        engine_recorded: given.engine,
        engine_now,
        checks,
        differs,
    })
}

#[cfg(test)]
mod tests;
