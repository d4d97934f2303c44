//! Certification pre-checks: does a study meet a scheme's rules before a certifier sees it?
//!
//! A scheme is a set of rules. Each rule's text — stable id, severity, the clause or document
//! it comes from, an English and a Chinese message and fix hint — is data
//! (`factors/precheck/rules.csv`), as are the schemes (`schemes.csv`), the label catalogue
//! (`cn_label_catalogue.csv`) and the thresholds (`factors/parameters.csv`); only the test a
//! rule applies is code ([`check`]). A rule's outcome is `pass`, `fail` or `not_applicable`,
//! with the JSON path it concerns and what was found. The verdict: `not_ready` when an error
//! rule fails, `ready_with_warnings` when only warning rules fail, `ready` otherwise.
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
    /// `fr.cre.pv.threshold.rooftop-tender`).
    pub threshold: Option<String>,
    /// For `pact-v2`/`pact-v3` on a study or a result: the meta JSON text of the export
    /// (see [`crate::pact::Meta`]).
    pub meta: Option<String>,
}

const SCHEMES_CSV: &str = include_str!("../factors/precheck/schemes.csv");
const RULES_CSV: &str = include_str!("../factors/precheck/rules.csv");
const CATALOGUE_CSV: &str = include_str!("../factors/precheck/cn_label_catalogue.csv");

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

/// SHA-256 over the three pre-check tables, each followed by a NUL byte.
pub fn rules_sha256() -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for t in [SCHEMES_CSV, RULES_CSV, CATALOGUE_CSV] {
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
    /// What was found (figures, ids).
    pub detail: String,
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
    /// SHA-256 over the pre-check tables (schemes, rules, catalogue), so two reports can be
    /// told to rest on the same rules.
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

/// What a rule found.
struct Found {
    status: &'static str,
    path: String,
    detail: String,
}

fn pass(path: impl Into<String>, detail: impl Into<String>) -> Found {
    Found {
        status: "pass",
        path: path.into(),
        detail: detail.into(),
    }
}

fn fail(path: impl Into<String>, detail: impl Into<String>) -> Found {
    Found {
        status: "fail",
        path: path.into(),
        detail: detail.into(),
    }
}

fn not_applicable(path: impl Into<String>, detail: impl Into<String>) -> Found {
    Found {
        status: "not_applicable",
        path: path.into(),
        detail: detail.into(),
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
            fail(
                e.path(),
                format!("the study does not compute ({}): {e}", e.code()),
            )
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

/// Every stage of the boundary has lines or a stated exclusion.
fn stages_covered(c: &Ctx, required: &[&str]) -> Found {
    let r = match c.computed() {
        Ok(r) => r,
        Err(f) => return f,
    };
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
            return fail(
                "$.boundary.stages",
                format!("stage {s} is not in the boundary"),
            );
        }
        if lines_in_stage(r, s) == 0 && !excluded.iter().any(|x| x == s) {
            return fail(
                c.stage_path(s, i),
                format!("stage {s} has no lines and no stated exclusion"),
            );
        }
    }
    pass(
        "$.boundary.stages",
        format!("{} stage(s): {}", stages.len(), stages.join(", ")),
    )
}

/// Contractual instruments all carry evidence (or none are claimed).
fn instruments_evidenced(c: &Ctx) -> Option<Found> {
    let list = c
        .study("/electricity/contractual_instruments")
        .and_then(Value::as_array)?;
    for (i, x) in list.iter().enumerate() {
        if text(x.get("evidence")).is_none() {
            return Some(fail(
                format!("$.study.electricity.contractual_instruments[{i}].evidence"),
                format!(
                    "contractual instrument {:?} has no evidence",
                    text(x.get("name")).unwrap_or("")
                ),
            ));
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
        return not_applicable(
            "$",
            format!(
                "no electricity line uses a Chinese factor ({} electricity line(s) in all)",
                lines.len()
            ),
        );
    }
    for l in &cn {
        if let Some(f) = &l.factor {
            if !f.id.starts_with("cn.elec.footprint.") {
                return fail(
                    format!("{}.factor", l.path),
                    format!(
                        "{} uses {} ({}), not an electricity carbon-footprint factor",
                        l.path, f.id, f.basis
                    ),
                );
            }
        }
    }
    pass(
        "$",
        format!(
            "{} Chinese electricity line(s), all from cn.elec.footprint",
            cn.len()
        ),
    )
}

fn battery_metrics<'a>(
    c: &'a Ctx,
) -> std::result::Result<&'a crate::sectors::battery::BatteryMetrics, Found> {
    let r = c.computed()?;
    match &r.sector {
        Some(SectorMetrics::Battery(b)) => Ok(b),
        _ => Err(fail(
            "$.schema",
            format!("the study is {}, not pcf-battery/1", c.tag),
        )),
    }
}

fn verified(c: &Ctx, who: &str) -> Found {
    let status = text(c.study("/verification/status"));
    let body = text(c.study("/verification/body"));
    match (status, body) {
        (Some("verified"), Some(b)) => pass("$.study.verification", format!("verified by {b}")),
        (Some(s), _) => fail(
            "$.study.verification",
            format!("verification status {s}; {who} still needed"),
        ),
        (None, _) => fail(
            "$.study.verification",
            format!("no verification recorded; {who} still needed"),
        ),
    }
}

/// Applies one rule.
/// The PACT footprint a `pact-*` rule checks, or the failure saying why there is none.
fn pact_footprint<'a>(c: &Ctx<'a>) -> std::result::Result<&'a Value, Found> {
    match c.pact {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(fail(
            e.path(),
            format!("no PACT footprint ({}): {e}", e.code()),
        )),
        None => Err(fail("$", "not a PACT scheme")),
    }
}

/// A number written as a JSON number (v2) or a decimal string (v3).
fn pact_number(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => crate::pact::parse_decimal(s),
        _ => v.as_f64(),
    }
}

/// Half a unit in the last decimal place written (`"0.384"` → 0.0005): the rounding a value
/// as written can carry.
fn half_last_place(v: &Value) -> f64 {
    let text = match v {
        Value::String(s) => s.clone(),
        _ => v.to_string(),
    };
    let places = text.split_once('.').map_or(0, |(_, f)| f.len());
    0.5 * 10f64.powi(-(places.min(300) as i32))
}

fn pact_rule(id: &str, c: &Ctx) -> Found {
    let mut found = pact_rule_at_root(id, c);
    // A footprint inside a response: paths from the file's root.
    if c.pact_base != "$" && found.path.starts_with('$') {
        found.path = found.path.replacen('$', &c.pact_base, 1);
    }
    found
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
                return fail(
                    "$.specVersion",
                    format!("specVersion {given:?} is not PACT {}", spec.version()),
                );
            }
            match crate::pact::check::check(spec, pf, "$").into_iter().next() {
                Some(v) => fail(v.path, v.detail),
                None => pass("$", format!("valid against PACT {given}")),
            }
        }
        "consistency" => {
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
                return not_applicable(path, format!("no {incl} stated"));
            };
            let zero = Value::String("0".into());
            let u = pcf.get(uptake).unwrap_or(&zero);
            let e = pcf.get(excl).unwrap_or(&Value::Null);
            let (Some(iv), Some(ev), Some(uv)) = (pact_number(i), pact_number(e), pact_number(u))
            else {
                return fail(
                    path,
                    format!("{excl}, {incl} and {uptake} must be decimals"),
                );
            };
            let tolerance = half_last_place(i) + half_last_place(e) + half_last_place(u);
            let diff = iv - (ev + uv);
            let said = format!(
                "{incl} {iv}; {excl} {ev} + {uptake} {uv} = {}; difference {diff}, rounding allows {tolerance}",
                ev + uv
            );
            if diff.abs() <= tolerance {
                pass(path, said)
            } else {
                fail(path, said)
            }
        }
        "exempted" => {
            let path = "$.pcf.exemptedEmissionsPercent";
            let Some(max) = param("pact.v2.exempted.max") else {
                return fail(path, "parameter pact.v2.exempted.max is missing");
            };
            match pcf.get("exemptedEmissionsPercent").and_then(pact_number) {
                None => fail(path, "no exempted share stated"),
                Some(x) if x <= max => pass(path, format!("{x} % ≤ {max} %")),
                Some(x) => fail(path, format!("{x} % is above {max} %")),
            }
        }
        "dqr" => {
            let (lo, hi) = if v2 {
                (param("pact.v2.dqr.min"), param("pact.v2.dqr.max"))
            } else {
                (param("pact.v3.dqr.min"), param("pact.v3.dqr.max"))
            };
            let (Some(lo), Some(hi)) = (lo, hi) else {
                return fail("$.pcf.dqi", "the DQR range parameters are missing");
            };
            let Some(dqi) = pcf.get("dqi").and_then(Value::as_object) else {
                return not_applicable("$.pcf.dqi", "no data-quality ratings stated");
            };
            let mut seen = Vec::new();
            for (k, v) in dqi.iter().filter(|(k, _)| k.ends_with("DQR")) {
                match pact_number(v) {
                    Some(x) if (lo..=hi).contains(&x) => seen.push(format!("{k} {x}")),
                    Some(x) => {
                        return fail(
                            format!("$.pcf.dqi.{k}"),
                            format!("{k} {x} is outside {lo}–{hi}"),
                        )
                    }
                    None => return fail(format!("$.pcf.dqi.{k}"), format!("{k} is not a number")),
                }
            }
            pass("$.pcf.dqi", format!("{} within {lo}–{hi}", seen.join(", ")))
        }
        "primary_data_share" => {
            let path = "$.pcf.primaryDataShare";
            match pcf.get("primaryDataShare").map(pact_number) {
                None => fail(path, "no primary data share stated"),
                Some(Some(x)) if (0.0..=100.0).contains(&x) => pass(path, format!("{x} %")),
                Some(x) => fail(path, format!("{x:?} is not a share of 0–100 %")),
            }
        }
        other => fail(
            "$",
            format!("rule {id} ({other}) has no check in this engine"),
        ),
    }
}

fn check(id: &str, c: &Ctx) -> Found {
    if id.starts_with("pact-v2.") || id.starts_with("pact-v3.") {
        return pact_rule(id, c);
    }
    if id == "computes" && c.given {
        return not_applicable(
            "$",
            "a PACT footprint or a computed result is checked as given",
        );
    }
    match id {
        "computes" => match c.result {
            Ok(r) => pass(
                "$",
                format!("{} kg CO2e per declared unit", r.total_kg_co2e),
            ),
            Err(e) => fail(e.path(), format!("{}: {e}", e.code())),
        },
        "iso14067.declared_unit" => {
            if let Ok(r) = c.result {
                return pass(
                    "$.product.declared_unit",
                    format!("{} {}", r.declared_unit.amount, r.declared_unit.unit),
                );
            }
            match (
                number(c.at("/product/declared_unit/amount")),
                text(c.at("/product/declared_unit/unit")),
            ) {
                (Some(a), Some(u)) if a > 0.0 => {
                    pass("$.product.declared_unit", format!("{a} {u}"))
                }
                _ => fail(
                    "$.product.declared_unit",
                    "no declared unit with an amount above zero and a unit",
                ),
            }
        }
        "iso14067.boundary_label" => {
            let r = match c.computed() {
                Ok(r) => r,
                Err(f) => return f,
            };
            let b = &r.boundary;
            if b.kind == "cradle-to-grave" {
                let has = |names: &[&str]| b.stages.iter().any(|s| names.contains(&s.as_str()));
                if has(&["use", "use_phase"]) && has(&["end_of_life", "end-of-life", "eol"]) {
                    pass(
                        "$.boundary.kind",
                        "cradle-to-grave with use and end-of-life stages",
                    )
                } else {
                    fail(
                        "$.boundary.kind",
                        format!(
                            "cradle-to-grave declared but the stages ({}) lack use or end of life",
                            b.stages.join(", ")
                        ),
                    )
                }
            } else {
                pass(
                    "$.boundary.kind",
                    format!("{}: a partial footprint, labelled as such", b.kind),
                )
            }
        }
        "iso14067.stages" => stages_covered(c, &[]),
        "iso14067.cut_off" => {
            let Some(criteria) = text(c.study("/cut_off/criteria")) else {
                return fail("$.study.cut_off", "no cut-off criteria stated");
            };
            let max = number(c.study("/cut_off/max_excluded_share"));
            let excluded = number(c.study("/cut_off/excluded_share"));
            match (max, excluded) {
                (Some(m), Some(x)) if x <= m => pass(
                    "$.study.cut_off.excluded_share",
                    format!("{criteria}: excluded {x} ≤ {m}"),
                ),
                (Some(m), Some(x)) => fail(
                    "$.study.cut_off.excluded_share",
                    format!("excluded share {x} is above the criteria's {m}"),
                ),
                (None, _) => fail(
                    "$.study.cut_off.max_excluded_share",
                    "the criteria do not state the largest share they allow to exclude",
                ),
                (_, None) => fail(
                    "$.study.cut_off.excluded_share",
                    "the excluded share is not estimated",
                ),
            }
        }
        "iso14067.reference_period" => match c.result {
            Ok(r) => pass(
                "$.reference_period",
                format!("{} to {}", r.reference_period.start, r.reference_period.end),
            ),
            Err(_) => match (
                text(c.at("/reference_period/start")),
                text(c.at("/reference_period/end")),
            ) {
                (Some(s), Some(e)) => pass("$.reference_period", format!("{s} to {e}")),
                _ => fail(
                    "$.reference_period",
                    "no reference period with start and end",
                ),
            },
        },
        "iso14067.gwp_single" | "iso14067.gwp_stated" => {
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
                None => pass("$.gwp_set", format!("{} throughout", r.gwp_set)),
                Some(w) => fail(
                    w.path.clone(),
                    hits.iter()
                        .map(|w| w.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            }
        }
        "iso14067.separate_classes" => {
            let r = match c.computed() {
                Ok(r) => r,
                Err(f) => return f,
            };
            match r.lines.iter().find(|l| l.class == Some("unsplit")) {
                None => pass(
                    "$",
                    format!(
                        "reported by class: {}",
                        r.by_class
                            .iter()
                            .map(|k| k.class)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
                Some(l) => fail(
                    l.path.clone(),
                    format!(
                        "{} kg CO2e from a declared footprint without a fossil/biogenic split",
                        l.kg_co2e.unwrap_or(0.0)
                    ),
                ),
            }
        }
        "iso14067.allocation" => {
            let mut found = Vec::new();
            if let Some(a) = c.at("/allocation") {
                found.push(("$.allocation".to_string(), a));
            }
            if let Some(cs) = c.at("/components").and_then(Value::as_array) {
                for (i, comp) in cs.iter().enumerate() {
                    if let Some(a) = comp.get("allocation") {
                        found.push((format!("$.components[{i}].allocation"), a));
                    }
                }
            }
            if found.is_empty() {
                return not_applicable("$", "no multi-output process");
            }
            for (path, a) in &found {
                let method = text(a.get("method")).unwrap_or("");
                if !["mass", "energy"].contains(&method) && text(a.get("justification")).is_none() {
                    return fail(
                        format!("{path}.justification"),
                        format!("{method} allocation without a justification"),
                    );
                }
            }
            pass(
                "$",
                format!("{} allocation(s) within the hierarchy", found.len()),
            )
        }
        "iso14067.electricity" => {
            let r = match c.computed() {
                Ok(r) => r,
                Err(f) => return f,
            };
            let n = electricity_lines(r).len();
            if n == 0 {
                return not_applicable("$", "no electricity line");
            }
            let Some(approach) = text(c.study("/electricity/approach")) else {
                return fail(
                    "$.study.electricity",
                    format!("{n} electricity line(s) but no statement of the modelling"),
                );
            };
            if let Some(f) = instruments_evidenced(c) {
                return f;
            }
            let instruments = c
                .study("/electricity/contractual_instruments")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            if approach == "market-based" && instruments == 0 {
                return fail(
                    "$.study.electricity.contractual_instruments",
                    "market-based modelling without contractual instruments",
                );
            }
            pass(
                "$.study.electricity",
                format!("{approach}, {instruments} contractual instrument(s) with evidence"),
            )
        }
        "iso14067.offsets" => {
            let list = c.study("/offsets").and_then(Value::as_array);
            let Some(list) = list.filter(|l| !l.is_empty()) else {
                return pass("$.study.offsets", "no offsets claimed");
            };
            for (i, o) in list.iter().enumerate() {
                if o.get("netted").and_then(Value::as_bool) == Some(true) {
                    return fail(
                        format!("$.study.offsets[{i}].netted"),
                        format!(
                            "offset {:?} is subtracted from the communicated figure",
                            text(o.get("name")).unwrap_or("")
                        ),
                    );
                }
            }
            pass(
                "$.study.offsets",
                format!("{} offset(s) reported separately", list.len()),
            )
        }
        "iso14067.data_quality" => {
            let r = match c.computed() {
                Ok(r) => r,
                Err(f) => return f,
            };
            match r.data_quality.rated_share {
                Some(s) if s > 0.0 => pass(
                    "$",
                    format!("lines rated for data quality make up {s} of the footprint"),
                ),
                _ => fail("$", "no line states its data quality"),
            }
        }
        "cn-label.catalogue" => {
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
                Err(e) => {
                    return fail(
                        "$",
                        format!("the label catalogue (cn_label_catalogue.csv) cannot be read: {e}"),
                    )
                }
            };
            let hit = entries.iter().find(|e| {
                e.sector == sector && (e.route.is_empty() || Some(e.route.as_str()) == route)
            });
            let path = if c.is_template() {
                "$.schema"
            } else {
                "$.product.sector"
            };
            match hit {
                Some(e) => pass(path, format!("{} ({}): {}", e.name_en, e.name_zh, e.id)),
                None => fail(
                    path,
                    format!(
                        "sector {sector}{} is not in the catalogue table",
                        route.map(|r| format!(", route {r}")).unwrap_or_default()
                    ),
                ),
            }
        }
        "cn-label.standard" => {
            let standards = c.study("/standards").and_then(Value::as_array);
            let hit = standards.and_then(|l| {
                l.iter().filter_map(Value::as_str).find(|s| {
                    s.replace(' ', "")
                        .to_ascii_uppercase()
                        .contains("GB/T24067")
                })
            });
            match hit {
                Some(s) => pass("$.study.standards", s.to_string()),
                None => fail("$.study.standards", "GB/T 24067 is not among the standards"),
            }
        }
        "cn-label.verification" => verified(c, "certification by an approved body"),
        "cn-label.cn_electricity" | "cn-battery-declaration.cn_electricity" => cn_electricity(c),
        "eu-battery.template" | "cbam-steel.template" => {
            let want = if id == "eu-battery.template" {
                crate::sectors::battery::TAG
            } else {
                crate::sectors::steel::TAG
            };
            if c.tag == want {
                pass("$.schema", want)
            } else {
                fail("$.schema", format!("the study is {}, not {want}", c.tag))
            }
        }
        "eu-battery.stages" | "cn-battery-declaration.stages" => {
            if let Err(f) = battery_metrics(c) {
                return f;
            }
            let found = stages_covered(c, &crate::sectors::battery::STAGES);
            if found.status != "pass" {
                return found;
            }
            match c.computed() {
                Ok(r) if r.boundary.stages.iter().any(|s| s == "use") => {
                    fail("$.boundary.stages", "the use stage must be excluded")
                }
                _ => found,
            }
        }
        "eu-battery.functional_unit" | "cn-battery-declaration.lifetime_energy" => {
            match battery_metrics(c) {
                Err(f) => f,
                Ok(b) if b.lifetime_energy_kwh > 0.0 => pass(
                    "$.battery",
                    format!(
                        "{} kg CO2e per kWh over {} kWh ({} kWh × {} cycles/year × {} years)",
                        b.kg_co2e_per_kwh_lifetime_energy,
                        b.lifetime_energy_kwh,
                        b.usable_capacity_kwh,
                        b.cycles_per_year,
                        b.warranty_years
                    ),
                ),
                Ok(_) => fail("$.battery", "no lifetime energy"),
            }
        }
        "eu-battery.cycles" => match battery_metrics(c) {
            Err(f) => f,
            Ok(b) if b.cycles_source.starts_with("custom") => fail(
                "$.battery.cycles_per_year",
                format!("{} cycles/year, {}", b.cycles_per_year, b.cycles_source),
            ),
            Ok(b) => pass(
                "$.battery.vehicle_category",
                format!(
                    "{}: {} cycles/year ({})",
                    b.vehicle_category, b.cycles_per_year, b.cycles_source
                ),
            ),
        },
        "eu-battery.electricity" => {
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
                return fail(
                    "$.main_production",
                    "no electricity line in main production",
                );
            }
            if let Some(f) = instruments_evidenced(c) {
                return f;
            }
            pass(
                "$.main_production",
                format!("{n} electricity line(s) in main production"),
            )
        }
        "eu-battery.verification" => verified(c, "verification by a notified body"),
        "cn-battery-declaration.scope" => match battery_metrics(c) {
            Err(f) => f,
            Ok(b) => {
                let min = c
                    .factors
                    .parameter("cn.miit.battery.min-capacity")
                    .map_or(2.0, |p| p.value);
                if b.usable_capacity_kwh > min {
                    pass(
                        "$.battery.usable_capacity_kwh",
                        format!("{} kWh > {min} kWh", b.usable_capacity_kwh),
                    )
                } else {
                    fail(
                        "$.battery.usable_capacity_kwh",
                        format!("{} kWh is not above {min} kWh", b.usable_capacity_kwh),
                    )
                }
            }
        },
        "cbam-steel.cn_code" => {
            let code = text(c.at("/good/cn_code")).unwrap_or("");
            let digits: String = code.chars().filter(char::is_ascii_digit).collect();
            if (digits.starts_with("72") || digits.starts_with("73"))
                && (4..=8).contains(&digits.len())
            {
                pass("$.good.cn_code", code.to_string())
            } else {
                fail(
                    "$.good.cn_code",
                    format!("{code:?} is not a CN code of chapter 72 or 73"),
                )
            }
        }
        "cbam-steel.monitoring" => {
            let n = |p: &str| c.at(p).and_then(Value::as_array).map_or(0, Vec::len);
            let (mb, direct) = (n("/mass_balance"), n("/direct"));
            if c.tag != crate::sectors::steel::TAG {
                return fail(
                    "$.schema",
                    format!("the study is {}, not pcf-steel/1", c.tag),
                );
            }
            if mb + direct == 0 {
                fail(
                    "$.mass_balance",
                    "neither a carbon mass balance nor fuel lines",
                )
            } else {
                pass(
                    "$.mass_balance",
                    format!("{mb} mass-balance flow(s), {direct} fuel line(s)"),
                )
            }
        }
        "cbam-steel.precursors" => {
            let list = c.at("/precursors").and_then(Value::as_array);
            let Some(list) = list.filter(|l| !l.is_empty()) else {
                return not_applicable("$.precursors", "no precursors");
            };
            for (i, p) in list.iter().enumerate() {
                if text(p.pointer("/provenance/supplier")).is_none()
                    || text(p.pointer("/provenance/source")).is_none()
                {
                    return fail(
                        format!("$.precursors[{i}].provenance"),
                        format!(
                            "precursor {:?} does not say who declared its embedded emissions",
                            text(p.get("name")).unwrap_or("")
                        ),
                    );
                }
            }
            pass(
                "$.precursors",
                format!("{} precursor(s), each with its provenance", list.len()),
            )
        }
        "cbam-steel.default_comparison" => {
            let r = match c.computed() {
                Ok(r) => r,
                Err(f) => return f,
            };
            match &r.sector {
                Some(SectorMetrics::Steel(s)) => match &s.cbam_default {
                    Some(d) => pass(
                        "$.good.cn_code",
                        format!(
                            "SEE direct {} t CO2e/t vs default {} ({}, {}): difference {}",
                            s.see_direct,
                            d.t_co2e_per_t,
                            d.id,
                            d.year
                                .map(|y| y.to_string())
                                .unwrap_or_else(|| "base".into()),
                            d.see_direct_minus_default
                        ),
                    ),
                    None => fail(
                        "$.good.cn_code",
                        s.missing_default.clone().unwrap_or_else(|| {
                            format!("no CBAM default for CN {} from {}", s.cn_code, s.country)
                        }),
                    ),
                },
                _ => fail(
                    "$.schema",
                    format!("the study is {}, not pcf-steel/1", c.tag),
                ),
            }
        }
        "fr-cre-pv.template" => {
            if c.tag == crate::sectors::pv::TAG {
                pass("$.schema", crate::sectors::pv::TAG)
            } else {
                fail("$.schema", format!("the study is {}, not pcf-pv/1", c.tag))
            }
        }
        "fr-cre-pv.threshold" | "fr-cre-pv.rounding_margin" => {
            let r = match c.computed() {
                Ok(r) => r,
                Err(f) => return f,
            };
            let Some(SectorMetrics::Pv(pv)) = &r.sector else {
                return fail("$.schema", format!("the study is {}, not pcf-pv/1", c.tag));
            };
            let wanted = c
                .options
                .threshold
                .as_deref()
                .unwrap_or("fr.cre.pv.threshold.feed-in");
            let Some(t) = pv.thresholds.iter().find(|t| t.id == wanted) else {
                let known: Vec<&str> = pv.thresholds.iter().map(|t| t.id.as_str()).collect();
                return fail(
                    "$",
                    format!("no threshold {wanted}; known: {}", known.join(", ")),
                );
            };
            let meets = |v: f64| {
                if t.comparison == "<" {
                    v < t.limit_kg_co2e_per_kwp
                } else {
                    v <= t.limit_kg_co2e_per_kwp
                }
            };
            let said = format!(
                "G {} → rounded {} kg CO2e/kWp; {} {} {} ({})",
                pv.kg_co2e_per_kwp,
                pv.rounded_kg_co2e_per_kwp,
                t.compared,
                t.comparison,
                t.limit_kg_co2e_per_kwp,
                t.id
            );
            if id == "fr-cre-pv.threshold" {
                if t.pass {
                    pass("$.steps", said)
                } else {
                    fail("$.steps", said)
                }
            } else if meets(pv.kg_co2e_per_kwp) == meets(pv.rounded_kg_co2e_per_kwp) {
                pass("$.steps", said)
            } else {
                fail("$.steps", said)
            }
        }
        other => fail("$", format!("rule {other} has no check in this engine")),
    }
}

/// The ids of the rules this engine can check (every row of `rules.csv` must be one).
pub const CHECKED_RULES: &[&str] = &[
    "computes",
    "iso14067.declared_unit",
    "iso14067.boundary_label",
    "iso14067.stages",
    "iso14067.cut_off",
    "iso14067.reference_period",
    "iso14067.gwp_single",
    "iso14067.gwp_stated",
    "iso14067.separate_classes",
    "iso14067.allocation",
    "iso14067.electricity",
    "iso14067.offsets",
    "iso14067.data_quality",
    "cn-label.catalogue",
    "cn-label.standard",
    "cn-label.verification",
    "cn-label.cn_electricity",
    "eu-battery.template",
    "eu-battery.stages",
    "eu-battery.functional_unit",
    "eu-battery.cycles",
    "eu-battery.electricity",
    "eu-battery.verification",
    "cn-battery-declaration.scope",
    "cn-battery-declaration.stages",
    "cn-battery-declaration.lifetime_energy",
    "cn-battery-declaration.cn_electricity",
    "cbam-steel.template",
    "cbam-steel.cn_code",
    "cbam-steel.monitoring",
    "cbam-steel.precursors",
    "cbam-steel.default_comparison",
    "fr-cre-pv.template",
    "fr-cre-pv.threshold",
    "fr-cre-pv.rounding_margin",
    "pact-v2.schema",
    "pact-v2.consistency",
    "pact-v2.exempted",
    "pact-v2.dqr",
    "pact-v2.primary_data_share",
    "pact-v3.schema",
    "pact-v3.consistency",
    "pact-v3.dqr",
    "pact-v3.primary_data_share",
];

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
    let mut outcomes = Vec::new();
    let mut counts = Counts::default();
    for rule in rules()?
        .into_iter()
        .filter(|r| r.scheme == "*" || r.scheme == scheme)
    {
        let found = check(&rule.id, &ctx);
        match (found.status, rule.severity.as_str()) {
            ("pass", _) => counts.passed += 1,
            ("not_applicable", _) => counts.not_applicable += 1,
            (_, "error") => counts.failed_errors += 1,
            (_, "warning") => counts.failed_warnings += 1,
            _ => counts.failed_info += 1,
        }
        outcomes.push(Outcome {
            rule: rule.id,
            severity: rule.severity,
            status: found.status,
            path: found.path,
            detail: found.detail,
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
