//! The documents certifiers and regulators receive, built from a sealed result (issue 20):
//! `pcf report KIND RESULT.json`, the JS package's `report(kind, result, options)`.
//!
//! Each kind is one module with pure builders — the typed result, the user's meta
//! ([`meta::Meta`]) and the pre-check verdicts in, a typed document out, then its text (JSON,
//! HTML in English or Chinese, or a label's SVG) or its bytes (an `.xlsx` workbook). This module reads the sealed result (its seal checked over
//! the file's JSON tree, as `pcf verify` and the PACT export do), says which kinds apply to
//! it, runs the pre-check scheme each kind answers to on the result's own input, and hands the
//! pieces to the kind's builder.
//!
//! Every document carries the result's receipt ([`DocumentReceipt`]: `result_sha256`,
//! `input_sha256`, the engine and the factor-set digest) and the verdict of its scheme
//! ([`Verdict`]). The same result, meta and language give the same bytes: no clock (a date only
//! from the meta), numbers written as the result writes them (the shortest decimal that reads
//! back to the same f64), nothing rounded.
//!
//! Must not: read or write files, compute a footprint figure of its own beyond the arithmetic
//! a document's unit or template asks for (per kWh of lifetime energy; the CBAM template's SEE
//! total, embedded electricity per tonne and effective carbon price), or settle what the
//! sources leave open (an unverified item is written "to be confirmed" or left to the meta).

use serde::Serialize;

use crate::error::{Error, Result};
use crate::factors::FactorSet;
use crate::result::FootprintResult;

mod battery;
pub mod battery_declaration;
pub mod battery_passport;
pub mod cbam_communication;
pub mod cfp_report;
mod html;
pub mod label;
pub mod meta;

pub use meta::Meta;

/// A kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The carbon-footprint attributes of the Battery Pass data model (JSON).
    BatteryPassport,
    /// The EU Battery Regulation art. 7(1) carbon-footprint declaration, with the MIIT
    /// traction-battery declaration figures (JSON or HTML).
    BatteryDeclaration,
    /// The CBAM emissions data communication of a steel installation's operator to reporting
    /// declarants (JSON or an `.xlsx` workbook).
    CbamCommunication,
    /// The ISO 14067:2018 / GB/T 24067-2024 CFP study report (HTML or JSON), for any result.
    CfpReport,
    /// A product carbon label (SVG) with the QR code of the result's verification link.
    Label,
}

/// One kind's row: its name, what it applies to, and the formats it is written in (the first
/// is the default).
struct KindRow {
    kind: Kind,
    name: &'static str,
    applies_to: &'static str,
    formats: &'static [Format],
    applies: fn(&FootprintResult) -> bool,
}

fn is_battery(r: &FootprintResult) -> bool {
    r.template == Some(crate::sectors::battery::TAG)
        && matches!(r.sector, Some(crate::sectors::SectorMetrics::Battery(_)))
}

const PASSPORT: KindRow = KindRow {
    kind: Kind::BatteryPassport,
    name: "battery-passport",
    applies_to: "a result of the traction-battery template (pcf-battery/1)",
    formats: &[Format::Json],
    applies: is_battery,
};

const DECLARATION: KindRow = KindRow {
    kind: Kind::BatteryDeclaration,
    name: "battery-declaration",
    applies_to: "a result of the traction-battery template (pcf-battery/1)",
    formats: &[Format::Json, Format::Html],
    applies: is_battery,
};

fn is_steel(r: &FootprintResult) -> bool {
    r.template == Some(crate::sectors::steel::TAG)
        && matches!(r.sector, Some(crate::sectors::SectorMetrics::Steel(_)))
}

const CBAM_COMMUNICATION: KindRow = KindRow {
    kind: Kind::CbamCommunication,
    name: "cbam-communication",
    applies_to: "a result of the steel (CBAM) template (pcf-steel/1)",
    formats: &[Format::Json, Format::Xlsx],
    applies: is_steel,
};

const CFP_REPORT: KindRow = KindRow {
    kind: Kind::CfpReport,
    name: "cfp-report",
    applies_to: "any sealed result",
    formats: &[Format::Html, Format::Json],
    applies: |_| true,
};

fn any_result(_: &FootprintResult) -> bool {
    true
}

const LABEL: KindRow = KindRow {
    kind: Kind::Label,
    name: "label",
    applies_to: "every sealed result",
    formats: &[Format::Svg],
    applies: any_result,
};

/// The kinds, in the order `pcf report --help` lists them.
const KIND_ROWS: &[&KindRow] = &[
    &PASSPORT,
    &DECLARATION,
    &CBAM_COMMUNICATION,
    &CFP_REPORT,
    &LABEL,
];

/// The kinds' names (`battery-passport`, `battery-declaration`, `cbam-communication`,
/// `cfp-report`, `label`).
pub const KINDS: &[&str] = &[
    "battery-passport",
    "battery-declaration",
    "cbam-communication",
    "cfp-report",
    "label",
];

impl Kind {
    fn row(self) -> &'static KindRow {
        match self {
            Kind::BatteryPassport => &PASSPORT,
            Kind::BatteryDeclaration => &DECLARATION,
            Kind::CbamCommunication => &CBAM_COMMUNICATION,
            Kind::CfpReport => &CFP_REPORT,
            Kind::Label => &LABEL,
        }
    }

    /// The kind's name, as `pcf report` takes it.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// Reads a kind's name; an unknown one is `invalid_value` at `kind`, listing the kinds.
    pub fn parse(name: &str) -> Result<Kind> {
        KIND_ROWS
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.kind)
            .ok_or_else(|| {
                Error::invalid(
                    "kind",
                    format!("unknown kind {name:?}; known: {}", KINDS.join(", ")),
                )
            })
    }

    /// The formats the kind is written in; the first is the default.
    pub fn formats(self) -> &'static [Format] {
        self.row().formats
    }
}

/// A document's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON (pretty, final newline), the same in both languages.
    Json,
    /// A printable, self-contained HTML page (inline CSS, no scripts, no external requests).
    Html,
    /// An Office Open XML workbook (`.xlsx`): bytes, not text.
    Xlsx,
    /// A self-contained SVG image (no script, no external reference).
    Svg,
}

impl Format {
    /// `json`, `html` or `svg`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Svg => "svg",
        }
    }

    /// Reads `json`, `html`, `xlsx` or `svg`; anything else is `invalid_value` at `format`.
    pub fn parse(name: &str) -> Result<Format> {
        match name {
            "json" => Ok(Format::Json),
            "html" => Ok(Format::Html),
            "xlsx" => Ok(Format::Xlsx),
            "svg" => Ok(Format::Svg),
            other => Err(Error::invalid(
                "format",
                format!("unknown format {other:?}; known: json, html, xlsx, svg"),
            )),
        }
    }

    /// Whether a document in this format is bytes rather than UTF-8 text (`xlsx`).
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }

    /// The media type of a document in this format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Html => "text/html; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Svg => "image/svg+xml",
        }
    }
}

/// The language of an HTML page or a label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Reads `en` or `zh`; anything else is `invalid_value` at `lang`.
    pub fn parse(name: &str) -> Result<Lang> {
        match name {
            "en" => Ok(Lang::En),
            "zh" => Ok(Lang::Zh),
            other => Err(Error::invalid(
                "lang",
                format!("unknown language {other:?}; known: en, zh"),
            )),
        }
    }
}

/// What a report is asked for besides the kind and the result.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// The format; `None`: the kind's first (JSON).
    pub format: Option<Format>,
    /// The language of an HTML page or a label (JSON documents carry both languages' texts).
    pub lang: Lang,
    /// The meta JSON text ([`meta::Meta`]): what the result does not know.
    pub meta: Option<String>,
    /// A `pcf uncertainty` report (`pcf-uncertainty/1` JSON text) of the same study, for the
    /// kinds that show one (`cfp-report`).
    pub uncertainty: Option<String>,
}

/// A written document.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The document's text, for a text format (JSON, HTML); empty for a binary one (xlsx),
    /// whose bytes are in `binary`.
    pub text: String,
    /// The document's bytes, for a binary format (xlsx); `None` for a text format.
    pub binary: Option<Vec<u8>>,
    /// Its format.
    pub format: Format,
}

impl Report {
    /// The document's bytes, whatever its format: what `pcf report -o FILE` writes.
    pub fn bytes(&self) -> &[u8] {
        match &self.binary {
            Some(b) => b,
            None => self.text.as_bytes(),
        }
    }
}

/// The result's receipt as every document carries it: what `pcf verify` checks the result
/// file against.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentReceipt {
    /// SHA-256 of the canonical result without `receipt` and `input` (the result's
    /// `receipt.result_sha256`).
    pub result_sha256: String,
    /// SHA-256 of the canonical input document (`receipt.input_sha256`).
    pub input_sha256: String,
    /// The engine that computed the result (`pcf <version>`).
    pub engine: String,
    /// Digest of the factor set the result was computed with.
    pub factor_set_sha256: String,
}

/// A pre-check scheme's verdict on the study, as a document carries it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    /// Scheme id (`eu-battery`, `cn-battery-declaration` …).
    pub scheme: String,
    /// Scheme name, English.
    pub scheme_name_en: String,
    /// Scheme name, Chinese.
    pub scheme_name_zh: String,
    /// `ready`, `ready_with_warnings` or `not_ready`.
    pub verdict: &'static str,
    /// Counts of the outcomes.
    pub counts: crate::precheck::Counts,
    /// SHA-256 over the pre-check tables the verdict rests on.
    pub rules_sha256: String,
    /// The rules that did not pass (failed errors, warnings and notes), in the scheme's order.
    pub findings: Vec<Finding>,
}

/// A rule that did not pass.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The clause or document the rule comes from.
    pub reference: String,
    /// What was found, English.
    pub detail: String,
    /// The same in Chinese.
    pub detail_zh: String,
}

impl Verdict {
    fn of(r: crate::precheck::PrecheckReport) -> Verdict {
        Verdict {
            scheme: r.scheme,
            scheme_name_en: r.scheme_name_en,
            scheme_name_zh: r.scheme_name_zh,
            verdict: r.verdict,
            counts: r.counts,
            rules_sha256: r.rules_sha256,
            findings: r
                .outcomes
                .into_iter()
                .filter(|o| o.status == "fail")
                .map(|o| Finding {
                    rule: o.rule,
                    severity: o.severity,
                    reference: o.reference,
                    detail: o.detail,
                    detail_zh: o.detail_zh,
                })
                .collect(),
        }
    }
}

/// An item a document cannot settle: a field whose source is a draft or unverified, or that
/// the user has still to supply, with why, in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ToConfirm {
    /// The field (the document's own name for it).
    pub field: String,
    /// Why it is to be confirmed, English.
    pub reason_en: String,
    /// The same in Chinese.
    pub reason_zh: String,
}

impl ToConfirm {
    fn new(field: &str, en: &str, zh: &str) -> ToConfirm {
        ToConfirm {
            field: field.into(),
            reason_en: en.into(),
            reason_zh: zh.into(),
        }
    }
}

/// The kinds that apply to a result, in [`KINDS`] order (what the page offers).
pub fn kinds_for(result: &FootprintResult) -> Vec<&'static str> {
    KIND_ROWS
        .iter()
        .filter(|r| (r.applies)(result))
        .map(|r| r.name)
        .collect()
}

/// One kind as the page and embedders list it: its name, what it applies to and its formats
/// (the first is the default).
#[derive(Debug, Clone, Serialize)]
pub struct KindInfo {
    /// The kind's name, as `pcf report` takes it.
    pub kind: &'static str,
    /// What it applies to, in words.
    pub applies_to: &'static str,
    /// Its formats (`json`, `html`, `xlsx`, `svg`), the default first.
    pub formats: Vec<&'static str>,
}

/// Every kind, in [`KINDS`] order, with its formats: what the page offers a button for.
pub fn kind_infos() -> Vec<KindInfo> {
    KIND_ROWS
        .iter()
        .map(|r| KindInfo {
            kind: r.name,
            applies_to: r.applies_to,
            formats: r.formats.iter().map(|f| f.name()).collect(),
        })
        .collect()
}

/// [`kinds_for`] of a sealed result's text (its seal checked as for [`report`]).
pub fn kinds_for_text(result_text: &str) -> Result<Vec<&'static str>> {
    Ok(kinds_for(&sealed(result_text)?))
}

/// Reads a sealed `pcf-result/1` text: the schema tag, the receipt and the seal (the result's
/// digest recomputed over the file's own JSON tree, so any edit shows), then the typed result.
pub fn sealed(result_text: &str) -> Result<FootprintResult> {
    let result = crate::receipt::read_sealed(result_text, "a report")?;
    if result.input.is_none() {
        return Err(Error::InvalidDocument {
            path: "$.input".into(),
            detail: "a report needs the result's input (written by `pcf compute`)".into(),
        });
    }
    Ok(result)
}

/// The receipt block of a sealed result.
fn receipt_of(result: &FootprintResult) -> Result<DocumentReceipt> {
    let rc = result
        .receipt
        .as_ref()
        .ok_or_else(|| Error::InvalidDocument {
            path: "$.receipt".into(),
            detail: "a report needs a sealed result (written by `pcf compute`) with its receipt"
                .into(),
        })?;
    Ok(DocumentReceipt {
        result_sha256: rc.result_sha256.clone(),
        input_sha256: rc.input_sha256.clone(),
        engine: rc.engine.clone(),
        factor_set_sha256: rc.factor_set_sha256.clone(),
    })
}

/// Runs `scheme` on the result's own input with `factors`, and checks the study it checked is
/// the sealed one: the same factor set and the same total, bit for bit (else the user tables
/// differ from the result's, or another pcf computed it).
fn verdict(result: &FootprintResult, scheme: &str, factors: &FactorSet) -> Result<Verdict> {
    checked_precheck(result, scheme, factors).map(Verdict::of)
}

/// The whole pre-check report of [`verdict`] (every outcome, passed ones too), checked the same
/// way.
fn checked_precheck(
    result: &FootprintResult,
    scheme: &str,
    factors: &FactorSet,
) -> Result<crate::precheck::PrecheckReport> {
    let input = result
        .input
        .as_ref()
        .ok_or_else(|| Error::InvalidDocument {
            path: "$.input".into(),
            detail: "a report needs the result's input (written by `pcf compute`)".into(),
        })?;
    let text =
        serde_json::to_string(input).map_err(|e| Error::invalid("$.input", e.to_string()))?;
    let report = crate::precheck::precheck(&text, scheme, factors)?;
    let sealed_set = result.factor_set.sha256.as_str();
    if report.factor_set_sha256 != sealed_set
        || report.total_kg_co2e.map(f64::to_bits) != Some(result.total_kg_co2e.to_bits())
    {
        return Err(Error::invalid(
            "$.receipt.factor_set_sha256",
            format!(
                "the result was computed with factor set {sealed_set} and total {}; its input computes here with factor set {} to {}: give the user factor tables it was computed with (--factors), or recompute it with `pcf compute`",
                html::number(result.total_kg_co2e),
                report.factor_set_sha256,
                report
                    .total_kg_co2e
                    .map(html::number)
                    .unwrap_or_else(|| "an error".into()),
            ),
        ));
    }
    Ok(report)
}

/// A format a kind's row does not list (checked before any builder runs).
fn unreachable_format(format: Format) -> Result<String> {
    Err(Error::invalid(
        "format",
        format!("this kind is not written as {}", format.name()),
    ))
}

/// Writes the document `kind` (a name of [`KINDS`]) of a sealed result text, with the
/// pre-check of its scheme run with `factors` (the set the result was computed with).
///
/// Errors (all bad input): an unknown kind, format or a format the kind is not written in; a
/// text that is not a sealed result (or was edited after sealing); a kind that does not apply
/// to the result (the message names the kinds that do); a meta JSON with a missing or wrong
/// field (at `$meta.…`); a factor set under which the result's input does not compute to the
/// sealed figures; an uncertainty run that is not of the result's study (at `$uncertainty.…`),
/// or one given to a kind that shows none (at `uncertainty`).
pub fn report(
    kind: &str,
    result_text: &str,
    options: &Options,
    factors: &FactorSet,
) -> Result<Report> {
    let kind = Kind::parse(kind)?;
    let row = kind.row();
    let format = options
        .format
        .or_else(|| row.formats.first().copied())
        .unwrap_or(Format::Json);
    if !row.formats.contains(&format) {
        let names: Vec<&str> = row.formats.iter().map(|f| f.name()).collect();
        return Err(Error::invalid(
            "format",
            format!(
                "{} is written as {}, not {}",
                row.name,
                names.join(" or "),
                format.name()
            ),
        ));
    }
    let result = sealed(result_text)?;
    if !(row.applies)(&result) {
        let what = result
            .template
            .map(|t| format!("a {t} result"))
            .unwrap_or_else(|| "a pcf/1 result".into());
        let apply = kinds_for(&result);
        // A vehicle's battery is a study of its own: its documents come from its result.
        let vehicle = match matches!(kind, Kind::BatteryPassport | Kind::BatteryDeclaration)
            && result.template == Some(crate::sectors::ev::TAG)
        {
            true => {
                "; a vehicle's battery gets its documents from its own result: compute the \
                     battery template the vehicle embeds (`battery.template`) with `pcf compute`, \
                     then `pcf report` that result"
            }
            false => "",
        };
        return Err(Error::invalid(
            "kind",
            format!(
                "{} applies to {}; this is {what}, to which {}{vehicle}",
                row.name,
                row.applies_to,
                match apply.is_empty() {
                    true => "no kind of report applies yet".to_string(),
                    false => format!("these kinds apply: {}", apply.join(", ")),
                }
            ),
        ));
    }
    let meta = match &options.meta {
        Some(t) => Meta::parse(t)?,
        None => Meta::default(),
    };
    if options.uncertainty.is_some() && kind != Kind::CfpReport {
        return Err(Error::invalid(
            "uncertainty",
            format!(
                "{} shows no uncertainty run; only cfp-report takes one",
                row.name
            ),
        ));
    }
    let receipt = receipt_of(&result)?;
    if kind == Kind::CbamCommunication {
        let v = verdict(&result, "cbam-steel", factors)?;
        let doc = cbam_communication::build(&result, &meta, receipt, v)?;
        return Ok(match format {
            Format::Xlsx => Report {
                text: String::new(),
                binary: Some(cbam_communication::xlsx(&doc)?),
                format,
            },
            _ => Report {
                text: crate::to_json(&doc)?,
                binary: None,
                format,
            },
        });
    }
    let text = match kind {
        Kind::BatteryPassport => {
            let v = verdict(&result, "eu-battery", factors)?;
            let doc = battery_passport::build(&result, &meta, receipt, v)?;
            crate::to_json(&doc)?
        }
        Kind::BatteryDeclaration => {
            let eu = verdict(&result, "eu-battery", factors)?;
            let cn = verdict(&result, "cn-battery-declaration", factors)?;
            let doc = battery_declaration::build(&result, &meta, receipt, eu, cn)?;
            match format {
                Format::Json => crate::to_json(&doc)?,
                Format::Html => battery_declaration::html(&doc, options.lang),
                Format::Xlsx | Format::Svg => unreachable_format(format)?,
            }
        }
        // Written above: bytes, not text.
        Kind::CbamCommunication => String::new(),
        Kind::CfpReport => {
            let pre = checked_precheck(&result, cfp_report::SCHEME, factors)?;
            let run = options
                .uncertainty
                .as_deref()
                .map(cfp_report::read_uncertainty)
                .transpose()?;
            let doc = cfp_report::build(&result, &meta, receipt, pre, run)?;
            match format {
                Format::Json => crate::to_json(&doc)?,
                Format::Html => cfp_report::html(&doc, options.lang),
                Format::Xlsx | Format::Svg => unreachable_format(format)?,
            }
        }
        Kind::Label => {
            let v = verdict(&result, label::precheck_scheme(&meta), factors)?;
            let doc = label::build(&result, &meta, receipt, v)?;
            label::svg(&doc, options.lang)?
        }
    };
    Ok(Report {
        text,
        binary: None,
        format,
    })
}

#[cfg(test)]
mod tests;
