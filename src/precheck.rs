//! Certification pre-checks: does a study meet a scheme's rules before a certifier sees it?
//!
//! A scheme is a set of rules. Each rule's text — stable id, severity, the clause or document
//! it comes from, an English and a Chinese message and fix hint — is data
//! (`factors/precheck/rules.csv`), as are the schemes (`schemes.csv`), the label catalogue
//! (`cn_label_catalogue.csv`), the thresholds (`factors/parameters.csv`) and what each finding
//! says (`details.csv`); only the test a rule applies is code: one function per rule, listed
//! with its id in one registry (`RULES`, [`checked_rules`]). A rule's outcome is
//! `pass`, `fail` or `not_applicable`, with the JSON path it concerns and what was found. The
//! verdict: `not_ready` when an error rule fails, `ready_with_warnings` when only warning rules
//! fail, `ready` otherwise.
//!
//! **What was found.** A check names its finding (`within`, `above`, `rounding_fails` …) and
//! the values it measured; the row of `details.csv` for the rule and that finding (or for `*`,
//! the findings every rule shares) gives the outcome's status and its English and Chinese
//! texts, whose `{name}` placeholders the values fill. A threshold rule's text gives the
//! measured value, the limit and the verdict in words ("excluded share 0.08, limit ≤ 0.05
//! (…): fail, above the limit"); the status and the words come from the same row, so they
//! cannot disagree.
//!
//! **Numbers in the texts** follow one rule ([`number_text`]): six significant digits (below
//! 1e15, a whole number of more digits stays whole), written as the shortest decimal that reads
//! back to the rounded value, in exponent form below 1e-4 or from 1e15 on; when a value and the
//! limit it is compared with would read the same but differ, both are written in full (the
//! shortest decimal that reads back to each f64), so a value beside its limit never reads as
//! the limit.
//! Engine errors, PACT schema violations and warnings quoted in a text are in English.
//!
//! A document that does not compute is not an error here: the `computes` rule fails with the
//! engine's error and path, and the rules that need the footprint fail with it, so a supplier
//! sees everything at once.

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::factors::FactorSet;
use crate::result::FootprintResult;
use crate::sectors::SectorMetrics;

/// The schemes, in the order `pcf precheck --help` lists them.
pub const SCHEME_IDS: &[&str] = &[
    "iso14067",
    "cn-label",
    "eu-battery",
    "cn-battery-declaration",
    "cbam-steel",
    "fr-cre-pv",
    "pact-v2",
    "pact-v3",
];

/// Options of a pre-check run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// The threshold parameter a scheme with a choice of thresholds checks against
    /// (`fr-cre-pv`: `fr.cre.pv.threshold.feed-in`, the default, or
    /// `fr.cre.pv.threshold.rooftop-tender`, on the rounded value; or an EPEAT level,
    /// `epeat.pv.threshold.low-carbon` or `epeat.pv.threshold.ultra-low-carbon`, on the exact
    /// value).
    pub threshold: Option<String>,
    /// For `pact-v2`/`pact-v3` on a study or a result: the meta JSON text of the export
    /// (see [`crate::pact::Meta`]).
    pub meta: Option<String>,
}

const SCHEMES_CSV: &str = include_str!("../factors/precheck/schemes.csv");
const RULES_CSV: &str = include_str!("../factors/precheck/rules.csv");
const CATALOGUE_CSV: &str = include_str!("../factors/precheck/cn_label_catalogue.csv");
const DETAILS_CSV: &str = include_str!("../factors/precheck/details.csv");

/// A scheme row.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Scheme {
    /// Stable id (`iso14067` …).
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// The documents the scheme rests on.
    pub source: String,
}

/// A rule row.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Rule {
    /// Stable id (`iso14067.cut_off` …).
    pub id: String,
    /// The scheme, or `*` for every scheme.
    pub scheme: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The clause or document the rule comes from.
    pub reference: String,
    /// What the rule requires, in English.
    pub message_en: String,
    /// The same in Chinese.
    pub message_zh: String,
    /// How to fix a failure, in English.
    pub hint_en: String,
    /// The same in Chinese.
    pub hint_zh: String,
}

/// A row of `details.csv`: what a rule says when its check makes a finding.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct DetailText {
    /// The rule id, or `*` for a finding every rule may make (a rule's own row wins).
    pub rule: String,
    /// The finding's name, as the check names it (`within`, `above` …).
    pub case: String,
    /// The outcome's status: `pass`, `fail` or `not_applicable`.
    pub status: String,
    /// The English text, with `{name}` placeholders for the values found.
    pub detail_en: String,
    /// The same in Chinese: the same placeholders, except those ending in `_en`/`_zh`, which
    /// are the language's own.
    pub detail_zh: String,
}

/// A catalogue row of the China label scheme.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CatalogueEntry {
    /// Stable id.
    pub id: String,
    /// The pcf sector it matches.
    pub sector: String,
    /// For steel: the route it matches (empty: any).
    pub route: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Source.
    pub source: String,
    /// Verification status of the transcription.
    pub verification: String,
    /// Notes.
    pub notes: String,
}

fn read_csv<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<Vec<T>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, r) in reader.deserialize().enumerate() {
        rows.push(r.map_err(|e| Error::InvalidFactorTable {
            path: format!("{name}:{}", i + 2),
            table: name.to_string(),
            detail: e.to_string(),
        })?);
    }
    Ok(rows)
}

/// The built-in schemes.
pub fn schemes() -> Result<Vec<Scheme>> {
    read_csv("factors/precheck/schemes.csv", SCHEMES_CSV)
}

/// The built-in rules.
pub fn rules() -> Result<Vec<Rule>> {
    read_csv("factors/precheck/rules.csv", RULES_CSV)
}

/// The built-in label catalogue.
pub fn catalogue() -> Result<Vec<CatalogueEntry>> {
    read_csv("factors/precheck/cn_label_catalogue.csv", CATALOGUE_CSV)
}

/// The built-in detail texts, each with a known status.
pub fn details() -> Result<Vec<DetailText>> {
    let name = "factors/precheck/details.csv";
    let rows: Vec<DetailText> = read_csv(name, DETAILS_CSV)?;
    for (i, r) in rows.iter().enumerate() {
        if status_of(&r.status).is_none() {
            return Err(Error::InvalidFactorTable {
                path: format!("{name}:{}", i + 2),
                table: name.to_string(),
                detail: format!("status {:?} must be pass, fail or not_applicable", r.status),
            });
        }
    }
    Ok(rows)
}

fn status_of(s: &str) -> Option<&'static str> {
    match s {
        "pass" => Some("pass"),
        "fail" => Some("fail"),
        "not_applicable" => Some("not_applicable"),
        _ => None,
    }
}

/// SHA-256 over the four pre-check tables (schemes, rules, catalogue, detail texts), each
/// followed by a NUL byte.
pub fn rules_sha256() -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for t in [SCHEMES_CSV, RULES_CSV, CATALOGUE_CSV, DETAILS_CSV] {
        h.update(t.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The outcome of one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Outcome {
    /// Rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// `pass`, `fail` or `not_applicable`.
    pub status: &'static str,
    /// JSON path of the input the rule concerns.
    pub path: String,
    /// What was found, in English, with the verdict in words; a threshold rule gives the
    /// measured value and the limit (texts: `factors/precheck/details.csv`).
    pub detail: String,
    /// The same in Chinese.
    pub detail_zh: String,
    /// What the rule requires, in English.
    pub message_en: String,
    /// The same in Chinese.
    pub message_zh: String,
    /// How to fix a failure, in English.
    pub hint_en: String,
    /// The same in Chinese.
    pub hint_zh: String,
    /// The clause or document.
    pub reference: String,
}

/// Counts of outcomes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Counts {
    /// Rules that passed.
    pub passed: usize,
    /// Error rules that failed.
    pub failed_errors: usize,
    /// Warning rules that failed.
    pub failed_warnings: usize,
    /// Info rules that failed (notes, no effect on the verdict).
    pub failed_info: usize,
    /// Rules that do not apply to this study.
    pub not_applicable: usize,
}

/// The report of `pcf precheck`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct PrecheckReport {
    /// Always `pcf-precheck/1`.
    pub schema: &'static str,
    /// Scheme id.
    pub scheme: String,
    /// Scheme name, English.
    pub scheme_name_en: String,
    /// Scheme name, Chinese.
    pub scheme_name_zh: String,
    /// The documents the scheme rests on.
    pub scheme_source: String,
    /// `ready`, `ready_with_warnings` or `not_ready`.
    pub verdict: &'static str,
    /// Counts.
    pub counts: Counts,
    /// The footprint, kg CO2e per declared unit (absent when it does not compute).
    pub total_kg_co2e: Option<f64>,
    /// The engine and factor-set digest the check ran with.
    pub engine: String,
    /// Digest of the factor set.
    pub factor_set_sha256: String,
    /// SHA-256 over the pre-check tables (schemes, rules, catalogue, detail texts), so two
    /// reports can be told to rest on the same rules.
    pub rules_sha256: String,
    /// One outcome per rule, in the scheme's order.
    pub outcomes: Vec<Outcome>,
}

impl PrecheckReport {
    /// Whether the study is ready (with or without warnings).
    pub fn ready(&self) -> bool {
        self.verdict != "not_ready"
    }
}

/// What a rule sees.
struct Ctx<'a> {
    options: &'a Options,
    input: &'a Value,
    tag: &'a str,
    result: std::result::Result<&'a FootprintResult, &'a Error>,
    factors: &'a FactorSet,
    /// For the PACT schemes: the footprint checked (given, or exported), or why there is none.
    pact: Option<std::result::Result<&'a Value, &'a Error>>,
    /// The input is a PACT footprint or a result, checked as given rather than computed.
    given: bool,
    /// Where the footprint is in the input (`$`, or `$.data` … in an API response).
    pact_base: String,
}

/// What a rule found: the finding's name (a row of `details.csv` for the rule, or for `*`),
/// the path it concerns and the values that fill the row's texts.
struct Found {
    case: &'static str,
    path: String,
    values: Vec<(&'static str, String)>,
}

/// The finding `case` at `path`.
fn found(case: &'static str, path: impl Into<String>) -> Found {
    Found {
        case,
        path: path.into(),
        values: Vec::new(),
    }
}

impl Found {
    /// Fills `{name}` with a text (an id, a path, a unit, a quoted message).
    fn text(mut self, name: &'static str, value: impl std::fmt::Display) -> Found {
        self.values.push((name, value.to_string()));
        self
    }

    /// Fills `{name}` with a number, written by [`number_text`].
    fn num(self, name: &'static str, value: f64) -> Found {
        self.text(name, number_text(value))
    }

    /// Fills a value and the limit it was compared with, written by [`number_text`], or both
    /// in full when they would read the same but differ.
    fn against(self, value: (&'static str, f64), limit: (&'static str, f64)) -> Found {
        self.all_against(&[value], limit)
    }

    /// [`Found::against`] for several values compared with one limit: all of them in full
    /// when any would read as the limit but differs from it.
    fn all_against(mut self, values: &[(&'static str, f64)], limit: (&'static str, f64)) -> Found {
        let full = values
            .iter()
            .any(|(_, v)| *v != limit.1 && number_text(*v) == number_text(limit.1));
        let write = if full { full_number_text } else { number_text };
        for (name, v) in values.iter().chain([&limit]) {
            self = self.text(name, write(*v));
        }
        self
    }
}

pub use crate::numbers::{full_number_text, number_text};

/// `template` with each `{name}` replaced by its value; a placeholder without a value stays as
/// written (the table's tests make sure none does).
fn fill(template: &str, values: &[(&'static str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        match after.split_once('}') {
            Some((name, tail)) if is_placeholder(name) => {
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = tail;
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_placeholder(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

/// The placeholders of a template, in order.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some((_, after)) = rest.split_once('{') {
        match after.split_once('}') {
            Some((name, tail)) if is_placeholder(name) => {
                names.push(name.to_string());
                rest = tail;
            }
            _ => rest = after,
        }
    }
    names
}

/// A finding written out: its status and texts from the row for the rule (or `*`).
fn written(rows: &[DetailText], rule: &str, f: &Found) -> (&'static str, String, String) {
    let row = rows
        .iter()
        .find(|r| r.rule == rule && r.case == f.case)
        .or_else(|| rows.iter().find(|r| r.rule == "*" && r.case == f.case));
    match row.and_then(|r| status_of(&r.status).map(|s| (s, r))) {
        Some((status, r)) => (
            status,
            fill(&r.detail_en, &f.values),
            fill(&r.detail_zh, &f.values),
        ),
        // Only a details.csv out of step with the code gets here; tests/precheck.rs checks
        // every finding the code names has its row.
        None => (
            "fail",
            format!("rule {rule} has no text for its finding {}: fail", f.case),
            format!("规则 {rule} 缺少结果 {} 的说明：未通过", f.case),
        ),
    }
}

impl Ctx<'_> {
    fn at(&self, pointer: &str) -> Option<&Value> {
        self.input.pointer(pointer)
    }

    fn study(&self, pointer: &str) -> Option<&Value> {
        self.input.pointer(&format!("/study{pointer}"))
    }

    /// The footprint, or the failure to say why a rule cannot be checked.
    fn computed(&self) -> std::result::Result<&FootprintResult, Found> {
        self.result.map_err(|e| {
            found("no_compute", e.path())
                .text("code", e.code())
                .text("error", e)
        })
    }

    fn is_template(&self) -> bool {
        self.tag != crate::document::SCHEMA_TAG
    }

    /// Where a stage's lines are written: the template's section, or the boundary list.
    fn stage_path(&self, stage: &str, index: usize) -> String {
        if self.is_template() && self.input.get(stage).is_some() {
            format!("$.{stage}")
        } else {
            format!("$.boundary.stages[{index}]")
        }
    }

    /// The failure of a rule that needs the template `wanted`.
    fn not_template(&self, wanted: &str) -> Found {
        found("not_template", "$.schema")
            .text("found", self.tag)
            .text("wanted", wanted)
    }
}

fn text(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn number(v: Option<&Value>) -> Option<f64> {
    v.and_then(Value::as_f64)
}

/// The electricity lines of a result: factor lines whose factor is per kWh or MWh.
fn electricity_lines(r: &FootprintResult) -> Vec<&crate::result::LineResult> {
    r.lines
        .iter()
        .filter(|l| {
            l.factor
                .as_ref()
                .is_some_and(|f| f.per_unit == "kWh" || f.per_unit == "MWh")
        })
        .collect()
}

fn lines_in_stage(r: &FootprintResult, stage: &str) -> usize {
    r.lines.iter().filter(|l| l.stage == stage).count()
}

/// Every stage of the boundary has lines or a stated exclusion: `Ok` with the passing finding,
/// or `Err` with the failing one.
fn stages_covered(c: &Ctx, required: &[&str]) -> std::result::Result<Found, Found> {
    let r = c.computed()?;
    let excluded: Vec<String> = c
        .study("/stage_exclusions")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| text(x.get("stage")).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let stages: Vec<&str> = if required.is_empty() {
        r.boundary.stages.iter().map(String::as_str).collect()
    } else {
        required.to_vec()
    };
    for (i, s) in stages.iter().enumerate() {
        if !r.boundary.stages.iter().any(|b| b == s) {
            return Err(found("stage_not_in_boundary", "$.boundary.stages")
                .text("stage", s)
                .text("stages", r.boundary.stages.join(", ")));
        }
        if lines_in_stage(r, s) == 0 && !excluded.iter().any(|x| x == s) {
            return Err(found("stage_empty", c.stage_path(s, i)).text("stage", s));
        }
    }
    Ok(found("stages_covered", "$.boundary.stages")
        .text("count", stages.len())
        .text("stages", stages.join(", ")))
}

/// Contractual instruments all carry evidence (or none are claimed).
fn instruments_evidenced(c: &Ctx) -> Option<Found> {
    let list = c
        .study("/electricity/contractual_instruments")
        .and_then(Value::as_array)?;
    for (i, x) in list.iter().enumerate() {
        if text(x.get("evidence")).is_none() {
            return Some(
                found(
                    "no_evidence",
                    format!("$.study.electricity.contractual_instruments[{i}].evidence"),
                )
                .text("name", text(x.get("name")).unwrap_or("")),
            );
        }
    }
    None
}

/// Chinese electricity uses the footprint series.
fn cn_electricity(c: &Ctx) -> Found {
    let r = match c.computed() {
        Ok(r) => r,
        Err(f) => return f,
    };
    let lines = electricity_lines(r);
    let cn: Vec<_> = lines
        .iter()
        .filter(|l| {
            l.factor
                .as_ref()
                .is_some_and(|f| f.geography == "CN" || f.geography.starts_with("CN-"))
        })
        .collect();
    if cn.is_empty() {
        return found("no_cn_electricity", "$").text("count", lines.len());
    }
    for l in &cn {
        if let Some(f) = &l.factor {
            if !f.id.starts_with("cn.elec.footprint.") {
                return found("not_footprint_factor", format!("{}.factor", l.path))
                    .text("line", &l.path)
                    .text("factor", &f.id)
                    .text("basis", f.basis);
            }
        }
    }
    found("cn_footprint", "$").text("count", cn.len())
}

fn battery_metrics<'a>(
    c: &'a Ctx,
) -> std::result::Result<&'a crate::sectors::battery::BatteryMetrics, Found> {
    let r = c.computed()?;
    match &r.sector {
        Some(SectorMetrics::Battery(b)) => Ok(b),
        _ => Err(c.not_template(crate::sectors::battery::TAG)),
    }
}

/// The study records its verification; the rule's own rows say by whom it is still needed.
fn verified(c: &Ctx) -> Found {
    let status = text(c.study("/verification/status"));
    let body = text(c.study("/verification/body"));
    match (status, body) {
        (Some("verified"), Some(b)) => found("verified", "$.study.verification").text("body", b),
        (Some("verified"), None) => found("no_body", "$.study.verification.body"),
        (Some(s), _) => found("status", "$.study.verification").text("status", s),
        (None, _) => found("none", "$.study.verification"),
    }
}

/// The PACT footprint a `pact-*` rule checks, or the failure saying why there is none.
fn pact_footprint<'a>(c: &Ctx<'a>) -> std::result::Result<&'a Value, Found> {
    match c.pact {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(found("no_pact", e.path())
            .text("code", e.code())
            .text("error", e)),
        None => Err(found("not_pact_scheme", "$")),
    }
}

/// A number written as a JSON number (v2) or a decimal string (v3).
fn pact_number(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => crate::pact::parse_decimal(s),
        _ => v.as_f64(),
    }
}

/// A JSON value as written: a string without its quotes, anything else as JSON.
fn as_written(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        _ => v.to_string(),
    }
}

fn pact_rule(id: &str, c: &Ctx) -> Found {
    let mut found = pact_rule_at_root(id, c);
    // A footprint inside a response: paths from the file's root.
    if c.pact_base != "$" && found.path.starts_with('$') {
        found.path = found.path.replacen('$', &c.pact_base, 1);
    }
    found
}

/// A value compared with a range `lo..=hi`: `within`, `below` or `above` (anything else).
fn in_range(x: f64, lo: f64, hi: f64) -> &'static str {
    if (lo..=hi).contains(&x) {
        "within"
    } else if x < lo {
        "below"
    } else {
        "above"
    }
}

fn pact_rule_at_root(id: &str, c: &Ctx) -> Found {
    let pf = match pact_footprint(c) {
        Ok(pf) => pf,
        Err(f) => return f,
    };
    let v2 = id.starts_with("pact-v2");
    let spec = if v2 {
        crate::pact::Spec::V2
    } else {
        crate::pact::Spec::V3
    };
    let pcf = &pf["pcf"];
    let param = |k: &str| c.factors.parameter(k).map(|p| p.value);
    match id.split_once('.').map_or("", |(_, r)| r) {
        "schema" => {
            let given = pf.get("specVersion").and_then(Value::as_str).unwrap_or("");
            if crate::pact::Spec::parse(given).ok() != Some(spec) {
                return found("spec_version", "$.specVersion")
                    .text("given", given)
                    .text("version", spec.version());
            }
            match crate::pact::check::check(spec, pf, "$").into_iter().next() {
                Some(v) => found("violation", v.path)
                    .text("version", spec.version())
                    .text("violation", v.detail),
                None => found("valid", "$").text("version", given),
            }
        }
        "consistency" => {
            // The identities of the data model, as `pcf pact check` and the import evaluate
            // them (`pact::check::identity_checks`): v3's two equalities, v2's inequality.
            let (excl, incl, uptake) = if v2 {
                (
                    "pCfExcludingBiogenic",
                    "pCfIncludingBiogenic",
                    "biogenicCarbonWithdrawal",
                )
            } else {
                (
                    "pcfExcludingBiogenicUptake",
                    "pcfIncludingBiogenicUptake",
                    "biogenicCO2Uptake",
                )
            };
            let path = format!("$.pcf.{incl}");
            let Some(i) = pcf.get(incl) else {
                return found("no_total", path);
            };
            let zero = Value::String("0".into());
            let u = pcf.get(uptake).unwrap_or(&zero);
            let e = pcf.get(excl).unwrap_or(&Value::Null);
            if [i, e, u].into_iter().any(|v| pact_number(v).is_none()) {
                return found("not_decimal", path);
            }
            let checks = crate::pact::check::identity_checks(spec, pf, "$");
            let total = checks.iter().find(|x| x.total_key == incl);
            let parts = checks.iter().find(|x| x.total_key == excl);
            let (Some(total), true) = (total, v2 || parts.is_some()) else {
                return found("not_decimal", path);
            };
            let with_total = |f: Found| {
                f.text("incl", as_written(i))
                    .text("excl", as_written(e))
                    .text("uptake", as_written(u))
                    .num("sum", total.sum)
                    .against(
                        ("difference", total.difference),
                        ("tolerance", total.tolerance),
                    )
            };
            match parts {
                Some(p) if !p.holds => found("parts_beyond", p.path.clone())
                    .text("excl", as_written(e))
                    .text("parts", &p.terms)
                    .num("parts_sum", p.sum)
                    .against(
                        ("parts_difference", p.difference),
                        ("parts_tolerance", p.tolerance),
                    ),
                Some(p) => with_total(
                    found(if total.holds { "within" } else { "beyond" }, path)
                        .text("parts", &p.terms)
                        .num("parts_sum", p.sum)
                        .against(
                            ("parts_difference", p.difference),
                            ("parts_tolerance", p.tolerance),
                        ),
                ),
                None => with_total(found(if total.holds { "within" } else { "beyond" }, path)),
            }
        }
        "exempted" => {
            let path = "$.pcf.exemptedEmissionsPercent";
            let Some(max) = param("pact.v2.exempted.max") else {
                return found("no_parameter", path).text("parameter", "pact.v2.exempted.max");
            };
            match pcf.get("exemptedEmissionsPercent").and_then(pact_number) {
                None => found("missing", path),
                Some(x) => found(if x <= max { "within" } else { "above" }, path)
                    .against(("value", x), ("max", max)),
            }
        }
        "dqr" => {
            let (lo_id, hi_id) = if v2 {
                ("pact.v2.dqr.min", "pact.v2.dqr.max")
            } else {
                ("pact.v3.dqr.min", "pact.v3.dqr.max")
            };
            let (Some(lo), Some(hi)) = (param(lo_id), param(hi_id)) else {
                return found("no_parameter", "$.pcf.dqi")
                    .text("parameter", format!("{lo_id} or {hi_id}"));
            };
            let Some(dqi) = pcf.get("dqi").and_then(Value::as_object) else {
                return found("none", "$.pcf.dqi");
            };
            let mut seen = Vec::new();
            for (k, v) in dqi.iter().filter(|(k, _)| k.ends_with("DQR")) {
                let path = format!("$.pcf.dqi.{k}");
                let Some(x) = pact_number(v) else {
                    return found("not_number", path).text("field", k);
                };
                // The nearer bound is the limit the value is compared with.
                match in_range(x, lo, hi) {
                    "within" => seen.push(format!("{k} {}", number_text(x))),
                    "below" => {
                        return found("below", path)
                            .text("field", k)
                            .against(("value", x), ("min", lo))
                            .num("max", hi)
                    }
                    _ => {
                        return found("above", path)
                            .text("field", k)
                            .against(("value", x), ("max", hi))
                            .num("min", lo)
                    }
                }
            }
            if seen.is_empty() {
                return found("no_dqr", "$.pcf.dqi");
            }
            found("within", "$.pcf.dqi")
                .text("ratings", seen.join(", "))
                .num("min", lo)
                .num("max", hi)
        }
        "primary_data_share" => {
            let path = "$.pcf.primaryDataShare";
            // A share in percent: the range is the definition of a share, not a parameter.
            let (lo, hi) = (0.0, 100.0);
            match pcf.get("primaryDataShare") {
                None => found("missing", path),
                Some(v) => match pact_number(v) {
                    None => found("not_number", path).text("value", as_written(v)),
                    Some(x) => match in_range(x, lo, hi) {
                        "below" => found("below", path)
                            .against(("value", x), ("min", lo))
                            .num("max", hi),
                        "above" => found("above", path)
                            .against(("value", x), ("max", hi))
                            .num("min", lo),
                        _ => found("within", path)
                            .num("value", x)
                            .num("min", lo)
                            .num("max", hi),
                    },
                },
            }
        }
        "validity" => {
            // The data model's rules for a stated validity period (`pact::check::rules`, as
            // `pcf pact check` and the export apply them).
            let ref_end = pcf
                .get("referencePeriodEnd")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let broken = crate::pact::check::rules(spec, pf, "$")
                .into_iter()
                .find(|v| v.path.starts_with("$.validityPeriod"));
            let start = pf.get("validityPeriodStart").and_then(Value::as_str);
            let end = pf.get("validityPeriodEnd").and_then(Value::as_str);
            match (broken, start, end) {
                (Some(v), _, _) => found("broken", v.path).text("finding", v.detail),
                (None, None, None) => {
                    found("none", "$.validityPeriodStart").text("ref_end", ref_end)
                }
                (None, s, e) => {
                    let limit = crate::pact::parse_date_time(ref_end)
                        .map(|t| crate::pact::add_years(t, 3))
                        .unwrap_or_default();
                    found("within", "$.validityPeriodStart")
                        .text("start", s.unwrap_or("(not stated)"))
                        .text("end", e.unwrap_or("(not stated)"))
                        .text("ref_end", ref_end)
                        .text("limit", limit)
                }
            }
        }
        _ => found("no_check", "$").text("rule", id),
    }
}

/// Applies one rule: names its finding, the path it concerns and the values it measured.
/// A rule's test: the rule id (shared tests read it) and what the rule sees.
type Test = fn(&str, &Ctx) -> Found;

/// The registry: every rule this engine checks, with its test. A rule's text (severity,
/// reference, messages, hints) is its row of `factors/precheck/rules.csv` and what it says of
/// each finding is in `details.csv`; a test proves that the two tables and this list name the
/// same rules. Adding a rule: its rows there, its line here, its function and its tests.
const RULES: &[(&str, Test)] = &[
    ("computes", check_computes),
    ("iso14067.declared_unit", check_iso14067_declared_unit),
    ("iso14067.boundary_label", check_iso14067_boundary_label),
    ("iso14067.stages", check_iso14067_stages),
    ("iso14067.cut_off", check_iso14067_cut_off),
    ("iso14067.reference_period", check_iso14067_reference_period),
    ("iso14067.gwp_single", check_iso14067_gwp_single),
    ("iso14067.gwp_stated", check_iso14067_gwp_single),
    ("iso14067.separate_classes", check_iso14067_separate_classes),
    ("iso14067.allocation", check_iso14067_allocation),
    ("iso14067.electricity", check_iso14067_electricity),
    ("iso14067.offsets", check_iso14067_offsets),
    ("iso14067.data_quality", check_iso14067_data_quality),
    ("cn-label.catalogue", check_cn_label_catalogue),
    ("cn-label.standard", check_cn_label_standard),
    ("cn-label.verification", check_cn_label_verification),
    ("cn-label.cn_electricity", check_cn_label_cn_electricity),
    ("eu-battery.template", check_eu_battery_template),
    ("eu-battery.stages", check_eu_battery_stages),
    (
        "eu-battery.functional_unit",
        check_eu_battery_functional_unit,
    ),
    ("eu-battery.cycles", check_eu_battery_cycles),
    ("eu-battery.electricity", check_eu_battery_electricity),
    ("eu-battery.verification", check_cn_label_verification),
    (
        "cn-battery-declaration.scope",
        check_cn_battery_declaration_scope,
    ),
    ("cn-battery-declaration.stages", check_eu_battery_stages),
    (
        "cn-battery-declaration.lifetime_energy",
        check_eu_battery_functional_unit,
    ),
    (
        "cn-battery-declaration.cn_electricity",
        check_cn_label_cn_electricity,
    ),
    ("cbam-steel.template", check_eu_battery_template),
    ("cbam-steel.cn_code", check_cbam_steel_cn_code),
    ("cbam-steel.monitoring", check_cbam_steel_monitoring),
    ("cbam-steel.precursors", check_cbam_steel_precursors),
    (
        "cbam-steel.default_comparison",
        check_cbam_steel_default_comparison,
    ),
    ("fr-cre-pv.template", check_eu_battery_template),
    ("fr-cre-pv.threshold", check_fr_cre_pv_threshold),
    ("fr-cre-pv.rounding_margin", check_fr_cre_pv_threshold),
    ("pact-v2.schema", pact_rule),
    ("pact-v2.consistency", pact_rule),
    ("pact-v2.exempted", pact_rule),
    ("pact-v2.dqr", pact_rule),
    ("pact-v2.primary_data_share", pact_rule),
    ("pact-v2.validity", pact_rule),
    ("pact-v3.schema", pact_rule),
    ("pact-v3.consistency", pact_rule),
    ("pact-v3.dqr", pact_rule),
    ("pact-v3.primary_data_share", pact_rule),
    ("pact-v3.validity", pact_rule),
];

/// The ids of the rules this engine can check, in the registry's order (every row of
/// `rules.csv` must be one).
pub fn checked_rules() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|(id, _)| *id)
}

/// Runs rule `id`'s test; a rule this engine has no test for is `no_check`.
fn check(id: &str, c: &Ctx) -> Found {
    match RULES.iter().find(|(r, _)| *r == id) {
        Some((_, test)) => test(id, c),
        None => found("no_check", "$").text("rule", id),
    }
}

/// `computes` (a footprint or result given as it is: `given`).
fn check_computes(_: &str, c: &Ctx) -> Found {
    if c.given {
        return found("given", "$");
    }
    match c.computed() {
        Ok(r) => found("computes", "$").num("total", r.total_kg_co2e),
        Err(f) => f,
    }
}

/// `iso14067.declared_unit`.
fn check_iso14067_declared_unit(_: &str, c: &Ctx) -> Found {
    let path = "$.product.declared_unit";
    let (amount, unit) = match c.result {
        Ok(r) => (
            Some(r.declared_unit.amount),
            Some(r.declared_unit.unit.as_str()),
        ),
        Err(_) => (
            number(c.at("/product/declared_unit/amount")),
            text(c.at("/product/declared_unit/unit")),
        ),
    };
    match (amount, unit) {
        (Some(a), Some(u)) => found(if a > 0.0 { "stated" } else { "not_positive" }, path)
            .num("amount", a)
            .text("unit", u),
        _ => found("missing", path),
    }
}

/// `iso14067.boundary_label`.
fn check_iso14067_boundary_label(_: &str, c: &Ctx) -> Found {
    let r = match c.computed() {
        Ok(r) => r,
        Err(f) => return f,
    };
    let b = &r.boundary;
    let path = "$.boundary.kind";
    if b.kind == "cradle-to-grave" {
        let has = |names: &[&str]| b.stages.iter().any(|s| names.contains(&s.as_str()));
        let case = if has(&["use", "use_phase"]) && has(&["end_of_life", "end-of-life", "eol"]) {
            "grave"
        } else {
            "grave_incomplete"
        };
        found(case, path).text("stages", b.stages.join(", "))
    } else {
        found("partial", path).text("kind", &b.kind)
    }
}

/// `iso14067.stages`.
fn check_iso14067_stages(_: &str, c: &Ctx) -> Found {
    stages_covered(c, &[]).unwrap_or_else(|f| f)
}

/// `iso14067.cut_off`.
fn check_iso14067_cut_off(_: &str, c: &Ctx) -> Found {
    let Some(criteria) = text(c.study("/cut_off/criteria")) else {
        return found("no_criteria", "$.study.cut_off");
    };
    let max = number(c.study("/cut_off/max_excluded_share"));
    let excluded = number(c.study("/cut_off/excluded_share"));
    match (max, excluded) {
        (Some(m), Some(x)) => found(
            if x <= m { "within" } else { "above" },
            "$.study.cut_off.excluded_share",
        )
        .against(("value", x), ("max", m))
        .text("criteria", criteria),
        (None, _) => found("no_max", "$.study.cut_off.max_excluded_share"),
        (_, None) => found("no_estimate", "$.study.cut_off.excluded_share"),
    }
}

/// `iso14067.reference_period`.
fn check_iso14067_reference_period(_: &str, c: &Ctx) -> Found {
    let path = "$.reference_period";
    match c.result {
        Ok(r) => found("stated", path)
            .text("start", &r.reference_period.start)
            .text("end", &r.reference_period.end),
        Err(_) => match (
            text(c.at("/reference_period/start")),
            text(c.at("/reference_period/end")),
        ) {
            (Some(s), Some(e)) => found("stated", path).text("start", s).text("end", e),
            _ => found("missing", path),
        },
    }
}

/// `iso14067.gwp_single`, `iso14067.gwp_stated`.
fn check_iso14067_gwp_single(id: &str, c: &Ctx) -> Found {
    let r = match c.computed() {
        Ok(r) => r,
        Err(f) => return f,
    };
    let code = if id == "iso14067.gwp_single" {
        "gwp_set_mixed"
    } else {
        "gwp_set_unspecified"
    };
    // One warning per fact, each with its lines (and their count) in its message.
    let hits: Vec<_> = r.warnings.iter().filter(|w| w.code == code).collect();
    match hits.first() {
        None => found("single", "$.gwp_set").text("gwp", &r.gwp_set),
        Some(w) => found("mixed", w.path.clone())
            .text("gwp", &r.gwp_set)
            .text("count", hits.len())
            .text(
                "warning",
                hits.iter()
                    .map(|w| w.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
    }
}

/// `iso14067.separate_classes`.
fn check_iso14067_separate_classes(_: &str, c: &Ctx) -> Found {
    let r = match c.computed() {
        Ok(r) => r,
        Err(f) => return f,
    };
    // A declared footprint without parts is one unsplit total; with parts, its
    // fossil, biogenic, land-use change and uptake figures are in the result's parts
    // (and its classes in `by_class`), scaled by the amount used.
    let unsplit = r
        .by_class
        .iter()
        .find(|k| k.class == "unsplit")
        .map_or(0.0, |k| k.kg_co2e);
    // The parts, with the suppliers' declared parts, whatever the verdict.
    let with_parts = |f: Found| {
        let t = &r.parts.total;
        f.text(
            "classes",
            r.by_class
                .iter()
                .map(|k| k.class)
                .collect::<Vec<_>>()
                .join(", "),
        )
        .num("fossil", t.fossil_ghg_emissions)
        .num(
            "biogenic",
            t.biogenic_non_co2_emissions
                + t.biogenic_co2_emissions
                + t.land_management_biogenic_co2_emissions,
        )
        .num("uptake", t.biogenic_co2_uptake)
        .num("luc", t.land_use_change_ghg_emissions)
        .num("aircraft", t.aircraft_ghg_emissions)
        .num(
            "removals",
            t.land_management_biogenic_co2_removals
                + t.technological_co2_removals
                + t.ccs_technological_co2_capture,
        )
        .text("unit", &r.declared_unit.unit)
        .num("amount", r.declared_unit.amount)
    };
    match r.lines.iter().find(|l| l.class == Some("unsplit")) {
        // Declarations with parts that leave part of their total in no class.
        None if unsplit != 0.0 => with_parts(found("rest", "$.by_class").num("kg", unsplit)),
        None => with_parts(found("by_class", "$.parts.total")),
        Some(l) => found("unsplit", l.path.clone())
            .num("kg", unsplit)
            .text("components", r.parts.unsplit_components.join(", ")),
    }
}

/// `iso14067.allocation`.
fn check_iso14067_allocation(_: &str, c: &Ctx) -> Found {
    let mut allocations = Vec::new();
    if let Some(a) = c.at("/allocation") {
        allocations.push(("$.allocation".to_string(), a));
    }
    if let Some(cs) = c.at("/components").and_then(Value::as_array) {
        for (i, comp) in cs.iter().enumerate() {
            if let Some(a) = comp.get("allocation") {
                allocations.push((format!("$.components[{i}].allocation"), a));
            }
        }
    }
    if allocations.is_empty() {
        return found("none", "$");
    }
    for (path, a) in &allocations {
        let method = text(a.get("method")).unwrap_or("");
        if !["mass", "energy"].contains(&method) && text(a.get("justification")).is_none() {
            return found("unjustified", format!("{path}.justification")).text("method", method);
        }
    }
    found("within", "$").text("count", allocations.len())
}

/// `iso14067.electricity`.
fn check_iso14067_electricity(_: &str, c: &Ctx) -> Found {
    let r = match c.computed() {
        Ok(r) => r,
        Err(f) => return f,
    };
    let n = electricity_lines(r).len();
    if n == 0 {
        return found("no_lines", "$");
    }
    let Some(approach) = text(c.study("/electricity/approach")) else {
        return found("no_approach", "$.study.electricity").text("count", n);
    };
    if let Some(f) = instruments_evidenced(c) {
        return f;
    }
    let instruments = c
        .study("/electricity/contractual_instruments")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if approach == "market-based" && instruments == 0 {
        return found(
            "market_no_instruments",
            "$.study.electricity.contractual_instruments",
        );
    }
    found("stated", "$.study.electricity")
        .text("approach", approach)
        .text("count", instruments)
}

/// `iso14067.offsets`.
fn check_iso14067_offsets(_: &str, c: &Ctx) -> Found {
    let list = c.study("/offsets").and_then(Value::as_array);
    let Some(list) = list.filter(|l| !l.is_empty()) else {
        return found("none", "$.study.offsets");
    };
    for (i, o) in list.iter().enumerate() {
        if o.get("netted").and_then(Value::as_bool) == Some(true) {
            return found("netted", format!("$.study.offsets[{i}].netted"))
                .text("name", text(o.get("name")).unwrap_or(""));
        }
    }
    found("separate", "$.study.offsets").text("count", list.len())
}

/// `iso14067.data_quality`.
fn check_iso14067_data_quality(_: &str, c: &Ctx) -> Found {
    let r = match c.computed() {
        Ok(r) => r,
        Err(f) => return f,
    };
    match r.data_quality.rated_share {
        Some(s) => found(if s > 0.0 { "rated" } else { "unrated" }, "$").num("share", 100.0 * s),
        None => found("no_emissions", "$"),
    }
}

/// `cn-label.catalogue`.
fn check_cn_label_catalogue(_: &str, c: &Ctx) -> Found {
    let r = match c.computed() {
        Ok(r) => r,
        Err(f) => return f,
    };
    let route = match &r.sector {
        Some(SectorMetrics::Steel(s)) => Some(s.route.as_str()),
        _ => None,
    };
    let sector = r.product.sector.as_str();
    // The catalogue is data: a table that cannot be read is a failed check saying so,
    // never an empty catalogue.
    let entries = match catalogue() {
        Ok(e) => e,
        Err(e) => return found("unreadable", "$").text("error", e),
    };
    let hit = entries
        .iter()
        .find(|e| e.sector == sector && (e.route.is_empty() || Some(e.route.as_str()) == route));
    let path = if c.is_template() {
        "$.schema"
    } else {
        "$.product.sector"
    };
    match (hit, route) {
        (Some(e), _) => found("listed", path)
            .text("sector", sector)
            .text("name_en", &e.name_en)
            .text("name_zh", &e.name_zh)
            .text("id", &e.id),
        (None, Some(route)) => found("not_listed_route", path)
            .text("sector", sector)
            .text("route", route),
        (None, None) => found("not_listed", path).text("sector", sector),
    }
}

/// `cn-label.standard`.
fn check_cn_label_standard(_: &str, c: &Ctx) -> Found {
    let standards = c.study("/standards").and_then(Value::as_array);
    let hit = standards.and_then(|l| {
        l.iter().filter_map(Value::as_str).find(|s| {
            s.replace(' ', "")
                .to_ascii_uppercase()
                .contains("GB/T24067")
        })
    });
    match hit {
        Some(s) => found("listed", "$.study.standards").text("standard", s),
        None => found("missing", "$.study.standards"),
    }
}

/// `cn-label.verification`, `eu-battery.verification`.
fn check_cn_label_verification(_: &str, c: &Ctx) -> Found {
    verified(c)
}

/// `cn-label.cn_electricity`, `cn-battery-declaration.cn_electricity`.
fn check_cn_label_cn_electricity(_: &str, c: &Ctx) -> Found {
    cn_electricity(c)
}

/// `eu-battery.template`, `cbam-steel.template`, `fr-cre-pv.template`.
fn check_eu_battery_template(id: &str, c: &Ctx) -> Found {
    let want = match id {
        "eu-battery.template" => crate::sectors::battery::TAG,
        "cbam-steel.template" => crate::sectors::steel::TAG,
        _ => crate::sectors::pv::TAG,
    };
    if c.tag == want {
        found("template", "$.schema").text("tag", want)
    } else {
        c.not_template(want)
    }
}

/// `eu-battery.stages`, `cn-battery-declaration.stages`.
fn check_eu_battery_stages(id: &str, c: &Ctx) -> Found {
    if let Err(f) = battery_metrics(c) {
        return f;
    }
    let covered = match stages_covered(c, &crate::sectors::battery::STAGES) {
        Ok(f) => f,
        Err(f) => return f,
    };
    if id == "cn-battery-declaration.stages" {
        return covered;
    }
    match c.computed() {
        Ok(r) if r.boundary.stages.iter().any(|s| s == "use") => {
            found("use_included", "$.boundary.stages")
        }
        _ => covered,
    }
}

/// `eu-battery.functional_unit`, `cn-battery-declaration.lifetime_energy`.
fn check_eu_battery_functional_unit(_: &str, c: &Ctx) -> Found {
    match battery_metrics(c) {
        Err(f) => f,
        Ok(b) => found(
            if b.lifetime_energy_kwh > 0.0 {
                "per_kwh"
            } else {
                "no_energy"
            },
            "$.battery",
        )
        .num("per_kwh", b.kg_co2e_per_kwh_lifetime_energy)
        .num("energy", b.lifetime_energy_kwh)
        .num("capacity", b.usable_capacity_kwh)
        .num("cycles", b.cycles_per_year)
        .num("years", b.warranty_years),
    }
}

/// `eu-battery.cycles`.
fn check_eu_battery_cycles(_: &str, c: &Ctx) -> Found {
    match battery_metrics(c) {
        Err(f) => f,
        Ok(b) => {
            let parameter =
                crate::sectors::battery::category_parameter(&b.vehicle_category).unwrap_or("");
            let Some(justification) = b.cycles_source.strip_prefix("custom: ") else {
                return found("regulation", "$.battery.vehicle_category")
                    .text("category", &b.vehicle_category)
                    .num("cycles", b.cycles_per_year)
                    .text("parameter", parameter);
            };
            let path = "$.battery.cycles_per_year";
            let Some(regulation) = c.factors.parameter(parameter).map(|p| p.value) else {
                return found("no_parameter", path).text("parameter", parameter);
            };
            found(
                if b.cycles_per_year == regulation {
                    "custom_equal"
                } else {
                    "custom"
                },
                path,
            )
            .text("category", &b.vehicle_category)
            .against(("cycles", b.cycles_per_year), ("regulation", regulation))
            .text("parameter", parameter)
            .text("justification", justification)
        }
    }
}

/// `eu-battery.electricity`.
fn check_eu_battery_electricity(_: &str, c: &Ctx) -> Found {
    if let Err(f) = battery_metrics(c) {
        return f;
    }
    let r = match c.computed() {
        Ok(r) => r,
        Err(f) => return f,
    };
    let n = electricity_lines(r)
        .iter()
        .filter(|l| l.stage == "main_production")
        .count();
    if n == 0 {
        return found("none_in_main", "$.main_production");
    }
    if let Some(f) = instruments_evidenced(c) {
        return f;
    }
    found("main", "$.main_production").text("count", n)
}

/// `cn-battery-declaration.scope`.
fn check_cn_battery_declaration_scope(_: &str, c: &Ctx) -> Found {
    match battery_metrics(c) {
        Err(f) => f,
        Ok(b) => {
            let path = "$.battery.usable_capacity_kwh";
            let parameter = "cn.miit.battery.min-capacity";
            let Some(min) = c.factors.parameter(parameter).map(|p| p.value) else {
                return found("no_parameter", path).text("parameter", parameter);
            };
            found(
                if b.usable_capacity_kwh > min {
                    "above"
                } else {
                    "not_above"
                },
                path,
            )
            .against(("capacity", b.usable_capacity_kwh), ("min", min))
        }
    }
}

/// `cbam-steel.cn_code`.
fn check_cbam_steel_cn_code(_: &str, c: &Ctx) -> Found {
    let code = text(c.at("/good/cn_code")).unwrap_or("");
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    let chapter = digits.get(..2).unwrap_or("");
    if ["72", "73"].contains(&chapter) && (4..=8).contains(&digits.len()) {
        found("steel", "$.good.cn_code")
            .text("code", code)
            .text("chapter", chapter)
    } else {
        found("not_steel", "$.good.cn_code").text("code", code)
    }
}

/// `cbam-steel.monitoring`.
fn check_cbam_steel_monitoring(_: &str, c: &Ctx) -> Found {
    let n = |p: &str| c.at(p).and_then(Value::as_array).map_or(0, Vec::len);
    let (mb, direct) = (n("/mass_balance"), n("/direct"));
    if c.tag != crate::sectors::steel::TAG {
        return c.not_template(crate::sectors::steel::TAG);
    }
    if mb + direct == 0 {
        found("none", "$.mass_balance")
    } else {
        found("present", "$.mass_balance")
            .text("mass_balance", mb)
            .text("fuel", direct)
    }
}

/// `cbam-steel.precursors`.
fn check_cbam_steel_precursors(_: &str, c: &Ctx) -> Found {
    let list = c.at("/precursors").and_then(Value::as_array);
    let Some(list) = list.filter(|l| !l.is_empty()) else {
        return found("none", "$.precursors");
    };
    for (i, p) in list.iter().enumerate() {
        if text(p.pointer("/provenance/supplier")).is_none()
            || text(p.pointer("/provenance/source")).is_none()
        {
            return found("no_provenance", format!("$.precursors[{i}].provenance"))
                .text("name", text(p.get("name")).unwrap_or(""));
        }
    }
    found("all", "$.precursors").text("count", list.len())
}

/// `cbam-steel.default_comparison`.
fn check_cbam_steel_default_comparison(_: &str, c: &Ctx) -> Found {
    let r = match c.computed() {
        Ok(r) => r,
        Err(f) => return f,
    };
    let Some(SectorMetrics::Steel(s)) = &r.sector else {
        return c.not_template(crate::sectors::steel::TAG);
    };
    let path = "$.good.cn_code";
    match &s.cbam_default {
        Some(d) => {
            let f = match d.year {
                Some(y) => found("compared", path).text("year", y),
                None => found("compared_base", path),
            };
            f.num("see", s.see_direct)
                .num("default", d.t_co2e_per_t)
                .text("id", &d.id)
                .num("difference", d.see_direct_minus_default)
        }
        None => found("no_default", path)
            .text("code", &s.cn_code)
            .text("country", &s.country)
            .text(
                "reason",
                s.missing_default.clone().unwrap_or_else(|| {
                    format!("no CBAM default for CN {} from {}", s.cn_code, s.country)
                }),
            ),
    }
}

/// `fr-cre-pv.threshold`, `fr-cre-pv.rounding_margin`.
fn check_fr_cre_pv_threshold(id: &str, c: &Ctx) -> Found {
    let r = match c.computed() {
        Ok(r) => r,
        Err(f) => return f,
    };
    let Some(SectorMetrics::Pv(pv)) = &r.sector else {
        return c.not_template(crate::sectors::pv::TAG);
    };
    let wanted = c
        .options
        .threshold
        .as_deref()
        .unwrap_or("fr.cre.pv.threshold.feed-in");
    let Some(t) = pv.thresholds.iter().find(|t| t.id == wanted) else {
        let known: Vec<&str> = pv.thresholds.iter().map(|t| t.id.as_str()).collect();
        return found("no_threshold", "$")
            .text("wanted", wanted)
            .text("known", known.join(", "));
    };
    let meets = |v: f64| {
        if t.comparison == "<" {
            v < t.limit_kg_co2e_per_kwp
        } else {
            v <= t.limit_kg_co2e_per_kwp
        }
    };
    let rounded_compared = t.compared == "rounded";
    let case = if id == "fr-cre-pv.threshold" {
        match (rounded_compared, t.pass) {
            (true, true) => "rounded_pass",
            (true, false) => "rounded_fail",
            (false, true) => "exact_pass",
            (false, false) => "exact_fail",
        }
    } else if !rounded_compared {
        "exact_compared"
    } else {
        match (meets(pv.kg_co2e_per_kwp), meets(pv.rounded_kg_co2e_per_kwp)) {
            (true, true) => "same_pass",
            (false, false) => "same_fail",
            (true, false) => "rounding_fails",
            (false, true) => "rounding_passes",
        }
    };
    found(case, "$.steps")
        .all_against(
            &[
                ("exact", pv.kg_co2e_per_kwp),
                ("rounded", pv.rounded_kg_co2e_per_kwp),
            ],
            ("limit", t.limit_kg_co2e_per_kwp),
        )
        .num("multiple", pv.rounding_multiple)
        .text("comparison", t.comparison)
        .text("threshold", &t.id)
}

/// Runs a scheme's rules on a document given as JSON text.
///
/// Errors: the text is not a JSON object (malformed, too large), or the scheme is unknown. A
/// document that does not compute is a failed `computes` rule, not an error.
pub fn precheck(text: &str, scheme: &str, factors: &FactorSet) -> Result<PrecheckReport> {
    precheck_with(text, scheme, &Options::default(), factors)
}

/// [`precheck`] with options (the threshold a scheme checks against).
pub fn precheck_with(
    text: &str,
    scheme: &str,
    options: &Options,
    factors: &FactorSet,
) -> Result<PrecheckReport> {
    let schemes = schemes()?;
    let Some(s) = schemes.iter().find(|s| s.id == scheme) else {
        let known: Vec<&str> = schemes.iter().map(|s| s.id.as_str()).collect();
        return Err(Error::invalid(
            "scheme",
            format!("unknown scheme {scheme:?}; known: {}", known.join(", ")),
        ));
    };
    let input: Value = crate::json::parse_value(text)?;
    if !input.is_object() {
        return Err(Error::InvalidDocument {
            path: "$".into(),
            detail: "a document is a JSON object".into(),
        });
    }
    let tag = input
        .get("schema")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    // The PACT schemes also read a PACT footprint, or a computed result, as given.
    let spec = match scheme {
        "pact-v2" => Some(crate::pact::Spec::V2),
        "pact-v3" => Some(crate::pact::Spec::V3),
        _ => None,
    };
    let located = if spec.is_some() && input.get("pcf").is_none() && input.get("data").is_some() {
        crate::pact::import::locate(&input, None).ok()
    } else {
        None
    };
    let (pf_input, pact_base) = match located {
        Some((pf, base)) => (pf.clone(), base),
        None => (input.clone(), "$".to_string()),
    };
    let is_footprint = pf_input.get("pcf").is_some() && pf_input.get("specVersion").is_some();
    let is_result = tag == crate::result::RESULT_TAG;
    let given = spec.is_some() && (is_footprint || is_result);
    let computed = if given {
        Err(Error::invalid("$", "checked as given"))
    } else {
        crate::compute(text, factors)
    };
    let meta = options.meta.as_deref();
    let footprint: Option<Result<Value>> = spec.map(|spec| {
        if is_footprint {
            Ok(pf_input.clone())
        } else if is_result {
            crate::pact::export_value(text, spec, meta)
        } else {
            match &computed {
                Ok(r) => crate::pact::export(r, spec, meta),
                Err(e) => Err(e.clone()),
            }
        }
    });
    let ctx = Ctx {
        options,
        input: &input,
        tag: &tag,
        result: computed.as_ref(),
        factors,
        pact: footprint.as_ref().map(|r| r.as_ref()),
        given,
        pact_base,
    };
    let texts = details()?;
    let mut outcomes = Vec::new();
    let mut counts = Counts::default();
    for rule in rules()?
        .into_iter()
        .filter(|r| r.scheme == "*" || r.scheme == scheme)
    {
        let found = check(&rule.id, &ctx);
        let (status, detail, detail_zh) = written(&texts, &rule.id, &found);
        match (status, rule.severity.as_str()) {
            ("pass", _) => counts.passed += 1,
            ("not_applicable", _) => counts.not_applicable += 1,
            (_, "error") => counts.failed_errors += 1,
            (_, "warning") => counts.failed_warnings += 1,
            _ => counts.failed_info += 1,
        }
        outcomes.push(Outcome {
            rule: rule.id,
            severity: rule.severity,
            status,
            path: found.path,
            detail,
            detail_zh,
            message_en: rule.message_en,
            message_zh: rule.message_zh,
            hint_en: rule.hint_en,
            hint_zh: rule.hint_zh,
            reference: rule.reference,
        });
    }
    let verdict = if counts.failed_errors > 0 {
        "not_ready"
    } else if counts.failed_warnings > 0 {
        "ready_with_warnings"
    } else {
        "ready"
    };
    Ok(PrecheckReport {
        schema: "pcf-precheck/1",
        scheme: s.id.clone(),
        scheme_name_en: s.name_en.clone(),
        scheme_name_zh: s.name_zh.clone(),
        scheme_source: s.source.clone(),
        verdict,
        counts,
        total_kg_co2e: computed.as_ref().ok().map(|r| r.total_kg_co2e),
        engine: crate::engine_name(),
        factor_set_sha256: factors.sha256().to_string(),
        rules_sha256: rules_sha256(),
        outcomes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_texts_have_six_significant_digits_and_no_float_noise() {
        for (x, want) in [
            (3.5090000000000003, "3.509"),
            (0.1 + 0.2, "0.3"),
            (548.0, "548"),
            (549.995, "549.995"),
            (549.99999, "550"),
            (549.999999, "550"),
            (0.12818002, "0.12818"),
            (52.631578947368425, "52.6316"),
            (-3.2012240000000003, "-3.20122"),
            (1234567.8, "1234568"),
            (36000.0, "36000"),
            (0.0001, "0.0001"),
            (0.00012345678, "0.000123457"),
            (5.551115123125783e-17, "5.55112e-17"),
            (7.690822499999998e301, "7.69082e301"),
            (1e15, "1e15"),
            (0.0, "0"),
            (-0.0, "0"),
            (f64::INFINITY, "inf"),
        ] {
            assert_eq!(number_text(x), want, "{x:e}");
        }
    }

    #[test]
    fn a_value_beside_its_limit_is_written_in_full() {
        let f = found("x", "$").against(("value", 5.0000001), ("max", 5.0));
        assert_eq!(
            f.values,
            vec![("value", "5.0000001".to_string()), ("max", "5".to_string())]
        );
        let f = found("x", "$").against(("value", 5.000001), ("max", 5.0));
        assert_eq!(
            f.values,
            vec![("value", "5.000001".to_string()), ("max", "5".to_string())]
        );
        let f = found("x", "$").against(("value", 0.1 + 0.2), ("max", 0.5));
        assert_eq!(
            f.values,
            vec![("value", "0.3".to_string()), ("max", "0.5".to_string())]
        );
    }

    #[test]
    fn placeholders_are_filled_by_name_and_other_braces_are_kept() {
        let values = vec![("value", "548".to_string()), ("limit", "550".to_string())];
        assert_eq!(
            fill("G = {value}, limit < {limit}: pass", &values),
            "G = 548, limit < 550: pass"
        );
        assert_eq!(fill("{missing} {value}", &values), "{missing} 548");
        assert_eq!(fill("a {b c} {", &values), "a {b c} {");
        assert_eq!(placeholders("{a}, {b_zh} and {A} {"), vec!["a", "b_zh"]);
    }

    #[test]
    fn the_registry_names_each_rule_once_and_runs_its_own_test() {
        let mut seen = std::collections::BTreeSet::new();
        for (id, _) in RULES {
            assert!(seen.insert(*id), "{id} twice in the registry");
        }
        assert_eq!(checked_rules().count(), 46);
        assert_eq!(checked_rules().next(), Some("computes"));
    }

    #[test]
    fn a_finding_without_a_row_is_a_failure_saying_so() {
        let rows = details().expect("details table");
        let (status, en, zh) = written(&rows, "iso14067.cut_off", &found("no_such_case", "$"));
        assert_eq!(status, "fail");
        assert_eq!(
            en,
            "rule iso14067.cut_off has no text for its finding no_such_case: fail"
        );
        assert_eq!(
            zh,
            "规则 iso14067.cut_off 缺少结果 no_such_case 的说明：未通过"
        );
        // A rule's own row wins over the shared one.
        let (_, en, _) = written(
            &rows,
            "fr-cre-pv.rounding_margin",
            &found("no_threshold", "$")
                .text("wanted", "w")
                .text("known", "k"),
        );
        assert_eq!(en, "threshold w is not known (known: k): fail");
    }
}
