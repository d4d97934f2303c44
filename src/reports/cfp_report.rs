//! `cfp-report`: the carbon footprint of product (CFP) study report of ISO 14067:2018 and its
//! Chinese adoption GB/T 24067-2024, for any sealed result (every sector, `pcf/1` or a
//! template): the goal of the study (from the meta), the functional or declared unit, the
//! system boundary and its life-cycle stages, the time boundary, the cut-off criteria and what
//! was excluded, allocation, electricity, the data sources (every factor table with its digest,
//! every line with its factor, source and licence) and their quality, the GWP set, the results
//! per stage, per class (fossil, biogenic, land-use change and aircraft apart), removals and
//! every part, the uncertainty when a `pcf uncertainty` run is attached, the limitations (the
//! result's warnings), the `iso14067` pre-check with every outcome and its reference, and a
//! critical-review section left blank for the reviewer. JSON (schema
//! `schema/pcf-cfp-report-1.schema.json`) or a printable, self-contained HTML page in English
//! or Chinese with an inline SVG chart of the stages, both written from the same typed report.
//!
//! Every figure is the result's (or the uncertainty run's) own f64, written as the result file
//! writes it; the report computes none (no shares, no sums). The item list follows a
//! paraphrase of the standard's report clause from secondary sources: the report says so in
//! `to_be_confirmed`.

use serde::{Deserialize, Serialize};

use super::html::{escape, number, page_styled, verdict_words};
use super::meta::Party;
use super::{DocumentReceipt, Lang, Meta, ToConfirm, Verdict};
use crate::document::{
    CutOff, ElectricityModelling, Offset, Period, Quantity, Study, Verification,
};
use crate::error::{Error, Result};
use crate::precheck::PrecheckReport;
use crate::result::{
    ClassTotal, DataBasisTotal, DataQualitySummary, FootprintResult, GasTotal, OverrideInfo,
    PartsReport, StageTotal,
};
use crate::uncertainty::{Statistics, Threshold};

/// The document's schema tag.
pub const TAG: &str = "pcf-cfp-report/1";

/// The pre-check scheme the report carries: ISO 14067:2018 / GB/T 24067-2024.
pub const SCHEME: &str = "iso14067";

/// The standards the report answers.
pub const STANDARDS: &str = "ISO 14067:2018; GB/T 24067-2024";

/// How many bars of the uncertainty run's sensitivity analysis the report carries.
pub const SENSITIVITY_BARS: usize = 5;

/// The CFP study report, as pcf writes it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(
        title = "pcf-cfp-report/1: the ISO 14067:2018 / GB/T 24067-2024 carbon footprint of product study report"
    )
)]
pub struct CfpReport {
    /// Always `pcf-cfp-report/1`.
    pub schema: &'static str,
    /// The standards the report answers (`ISO 14067:2018; GB/T 24067-2024`).
    pub standards: &'static str,
    /// The report's own reference, when the meta gives one (`cfp_study.report_id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_id: Option<String>,
    /// The date of issue, when the meta gives one (`YYYY-MM-DD`; pcf reads no clock).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who commissioned the study (meta `cfp_study.commissioner`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commissioner: Option<Party>,
    /// Who carried out the study (meta `cfp_study.practitioner`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub practitioner: Option<Party>,
    /// The product, as in the study.
    pub product: ProductInfo,
    /// The goal of the study.
    pub goal: Goal,
    /// The functional or declared unit.
    pub unit: UnitInfo,
    /// The system boundary and its life-cycle stages.
    pub system_boundary: SystemBoundary,
    /// The time boundary: the period the data represent (the result's `reference_period`).
    pub reference_period: Period,
    /// The cut-off criteria and what they excluded.
    pub cut_off: CutOffInfo,
    /// The processes with an allocation share other than 1 or a stated allocation method (the
    /// result's `supply`); empty when nothing is allocated.
    pub allocation: Vec<AllocatedProcess>,
    /// How electricity is modelled (the study's `study.electricity`), when stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub electricity: Option<ElectricityModelling>,
    /// The data sources: factor tables and every line's factor.
    pub data_sources: DataSources,
    /// The data-quality summary (the result's `data_quality`).
    pub data_quality: DataQualitySummary,
    /// What the figures rest on (the result's `by_data_basis`).
    pub by_data_basis: Vec<DataBasisTotal>,
    /// The GWP set and the gases characterised.
    pub gwp: GwpInfo,
    /// The results.
    pub results: Results,
    /// Offsets the organisation holds (the study's `study.offsets`): reported apart, never
    /// subtracted from the footprint.
    pub offsets: Vec<Offset>,
    /// The Monte Carlo uncertainty run, when one is attached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<UncertaintyInfo>,
    /// The limitations: the result's warnings, none of which changed a number.
    pub limitations: Vec<Limitation>,
    /// The third-party verification as the study records it (`study.verification`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
    /// The reference of a verification report, when the meta gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_report: Option<String>,
    /// The `iso14067` pre-check's verdict.
    pub precheck: Verdict,
    /// Every outcome of that pre-check, passed ones too, with its reference.
    pub precheck_outcomes: Vec<PrecheckOutcome>,
    /// The critical review, left blank for the reviewer.
    pub critical_review: CriticalReview,
    /// What the report cannot settle or the user has still to give.
    pub to_be_confirmed: Vec<ToConfirm>,
    /// The result's receipt: what `pcf verify` checks the result file against.
    pub receipt: DocumentReceipt,
}

/// The product, as the study gives it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductInfo {
    /// Name.
    pub name: String,
    /// Chinese name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Product code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Supply chain (`battery`, `steel` …, `other`).
    pub sector: String,
    /// The sector template the study was written in, when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<&'static str>,
}

/// The goal of the study: the meta's `cfp_study`, and the standards the study says it follows.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The intended application.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intended_application: Option<String>,
    /// The reasons for carrying out the study.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
    /// The intended audience.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intended_audience: Option<String>,
    /// Whether the results are intended for a comparison disclosed to the public.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparative_assertion: Option<bool>,
    /// The CFP-PCR or product-specific standard followed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cfp_pcr: Option<String>,
    /// The standards and rules the study says it follows (`study.standards`).
    pub standards_followed: Vec<String>,
}

/// The functional or declared unit.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitInfo {
    /// The declared unit every figure is for (the result's `declared_unit`).
    pub declared_unit: Quantity,
    /// The functional unit in words, when the study gives one (`product.functional_unit`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub functional_unit: Option<String>,
}

/// The system boundary.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SystemBoundary {
    /// `cradle-to-gate`, `cradle-to-grave`, `gate-to-gate` or `partial`.
    pub kind: String,
    /// Whether the footprint is a partial CFP (any boundary but cradle-to-grave).
    pub partial_cfp: bool,
    /// The life-cycle stages of the boundary, in its order.
    pub stages: Vec<StageRow>,
}

/// One life-cycle stage of the boundary.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StageRow {
    /// The stage id.
    pub stage: String,
    /// Its name, English (the template's label, else the id).
    pub name_en: String,
    /// Its name, Chinese (the template's label, else the id).
    pub name_zh: String,
    /// Lines of the result in the stage that carry emissions (input lines excluded).
    pub lines: usize,
    /// kg CO2e per declared unit: the result's stage total.
    pub kg_co2e: f64,
    /// Why the stage has no lines, when the study says so (`study.stage_exclusions`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusion_reason: Option<String>,
}

/// The cut-off criteria.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CutOffInfo {
    /// The boundary's cut-off in words (`boundary.cut_off`), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boundary: Option<String>,
    /// The study's criteria with the shares allowed and estimated (`study.cut_off`), when
    /// given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub study: Option<CutOff>,
}

/// A process whose emissions are shared with co-products.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AllocatedProcess {
    /// `(product)` or the component id.
    pub process: String,
    /// The share of its emissions the product carries.
    pub allocation_share: f64,
    /// The allocation method, when stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

/// The data sources.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DataSources {
    /// Digest of the whole factor set.
    pub factor_set_sha256: String,
    /// Digest of the GWP table.
    pub gwp_table_sha256: String,
    /// Digest of the parameter table.
    pub parameters_sha256: String,
    /// The factor tables, in precedence order.
    pub tables: Vec<TableRow>,
    /// User rows that hide built-in or earlier rows.
    pub overrides: Vec<OverrideInfo>,
    /// Every line that carries emissions, with its factor or supplier.
    pub lines: Vec<LineRow>,
}

/// A factor table.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TableRow {
    /// Name.
    pub name: String,
    /// `builtin` or `user`.
    pub origin: &'static str,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Rows.
    pub rows: usize,
    /// The licences of the table's factors the study uses, in the order of the lines.
    pub licences_used: Vec<String>,
}

/// A line of the study, as the data sources list it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LineRow {
    /// JSON path of the line in the input.
    pub path: String,
    /// Line name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `factor`, `gas` or `declared`.
    pub kind: &'static str,
    /// Life-cycle stage.
    pub stage: String,
    /// Amount as written.
    pub amount: f64,
    /// Its unit.
    pub unit: &'static str,
    /// The factor, for factor lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor: Option<LineFactor>,
    /// The gas, for gas lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gas: Option<&'static str>,
    /// The supplier and its source, for declared footprints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    /// The supplier's source, for declared footprints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplier_source: Option<String>,
    /// Whether the line is marked primary (supplier-specific) data.
    pub primary: bool,
    /// kg CO2e per declared unit.
    pub kg_co2e: f64,
}

/// The factor of a line.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LineFactor {
    /// Factor id.
    pub id: String,
    /// Value as in the table.
    pub value: f64,
    /// Numerator unit.
    pub value_unit: &'static str,
    /// Denominator unit.
    pub per_unit: &'static str,
    /// Geography.
    pub geography: String,
    /// Year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Source citation.
    pub source: String,
    /// Licence.
    pub licence: String,
    /// Verification status (`official`, `secondary`, `derived`, `user` …).
    pub verification: &'static str,
    /// Table (`inline` for a factor written in the line).
    pub table: String,
}

/// The GWP set and the gases.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GwpInfo {
    /// `AR4`, `AR5` or `AR6`.
    pub set: String,
    /// The IPCC report it comes from, 100-year horizon.
    pub source: String,
    /// Per gas (the result's `by_gas`).
    pub by_gas: Vec<GasTotal>,
}

/// The results, kg CO2e per declared unit.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// The CFP (or partial CFP): the result's `total_kg_co2e`.
    pub total_kg_co2e: f64,
    /// Per life-cycle stage (the result's `by_stage`).
    pub by_stage: Vec<StageTotal>,
    /// Per class: fossil, biogenic, land-use change and aircraft apart (the result's
    /// `by_class`).
    pub by_class: Vec<ClassTotal>,
    /// CO2 removals, already in the totals (the result's `removals_kg_co2e`).
    pub removals_kg_co2e: f64,
    /// Every part in total and per stage (the result's `parts`).
    pub parts: PartsReport,
}

/// An attached `pcf uncertainty` run: its method, statistics and largest sensitivities.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UncertaintyInfo {
    /// The engine that ran it.
    pub engine: String,
    /// Monte Carlo runs.
    pub runs: u32,
    /// The seed.
    pub seed: u64,
    /// How the run was matched to the result: the same product, declared unit, factor-set
    /// digest and deterministic total, bit for bit.
    pub matched_by: &'static str,
    /// The run's deterministic footprint: the result's total.
    pub deterministic_kg_co2e: f64,
    /// Statistics of the simulated totals, kg CO2e per declared unit.
    pub statistics: Statistics,
    /// The probability of exceeding a threshold, when the run had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    /// The largest swings of the ±10 % one-at-a-time sensitivity analysis, largest first.
    pub sensitivity: Vec<SensitivityBar>,
}

/// One bar of the sensitivity analysis (the run's `sensitivity`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SensitivityBar {
    /// 1 for the largest swing.
    pub rank: usize,
    /// `line` or `factor`.
    pub parameter: String,
    /// The line's path or the factor id.
    pub id: String,
    /// Lines moved.
    pub lines: usize,
    /// Total with the parameter at −10 %.
    pub low_kg_co2e: f64,
    /// Total with the parameter at +10 %.
    pub high_kg_co2e: f64,
    /// |high − low|.
    pub swing_kg_co2e: f64,
}

/// A warning of the result.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Limitation {
    /// Stable code.
    pub code: String,
    /// JSON path: the first place it applies to.
    pub path: String,
    /// How many places it applies to.
    pub places: usize,
    /// Message.
    pub message: String,
}

/// One outcome of the pre-check.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PrecheckOutcome {
    /// Rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// `pass`, `fail` or `not_applicable`.
    pub status: &'static str,
    /// The clause or document the rule comes from.
    pub reference: String,
    /// What the rule requires, English.
    pub requirement_en: String,
    /// The same in Chinese.
    pub requirement_zh: String,
    /// What was found, English.
    pub detail: String,
    /// The same in Chinese.
    pub detail_zh: String,
}

/// The critical review: blank fields for the reviewer to complete on the printed report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CriticalReview {
    /// What the review follows.
    pub basis: &'static str,
    /// The reviewers' names (blank: `null`).
    pub reviewers: Option<String>,
    /// Their organisation (blank: `null`).
    pub organisation: Option<String>,
    /// Internal, external or panel review (blank: `null`).
    pub review_type: Option<String>,
    /// The date of the review (blank: `null`).
    pub date: Option<String>,
    /// The review statement (blank: `null`).
    pub statement: Option<String>,
}

/// The run fields the report reads from a `pcf-uncertainty/1` text; the rest of the run
/// (histogram, sources, every line) is not carried.
#[derive(Debug, Clone, Deserialize)]
pub struct UncertaintyRun {
    engine: String,
    product: String,
    declared_unit: Quantity,
    factor_set_sha256: String,
    method: RunMethod,
    deterministic_kg_co2e: f64,
    statistics: Statistics,
    #[serde(default)]
    threshold: Option<Threshold>,
    #[serde(default)]
    sensitivity: Vec<SensitivityBar>,
}

#[derive(Debug, Clone, Deserialize)]
struct RunMethod {
    runs: u32,
    seed: u64,
}

/// Reads a `pcf uncertainty` report (`pcf-uncertainty/1` JSON text); errors name their path
/// under `$uncertainty`.
pub fn read_uncertainty(text: &str) -> Result<UncertaintyRun> {
    /// The format tag alone, read first, so that another document is named by its tag.
    #[derive(Deserialize)]
    struct Tag {
        #[serde(default, deserialize_with = "crate::json::string_or_skip")]
        format: Option<String>,
    }
    let under = |mut e: Error| {
        let p = e.path_mut();
        *p = p.replacen('$', "$uncertainty", 1);
        e
    };
    let tag: Tag = crate::json::parse_object(text).map_err(under)?;
    if tag.format.as_deref() != Some(crate::uncertainty::FORMAT) {
        return Err(Error::invalid(
            "$uncertainty.format",
            format!(
                "not a run of `pcf uncertainty`: the format is {}, not {}",
                tag.format
                    .map(|f| format!("{f:?}"))
                    .unwrap_or_else(|| "missing".into()),
                crate::uncertainty::FORMAT
            ),
        ));
    }
    crate::json::parse_object(text).map_err(under)
}

const MATCHED_BY: &str =
    "the same product, declared unit and factor-set digest, and the deterministic total equal to the result's bit for bit";

/// The run, if it is of this result's study: else an error at the field that differs.
fn matched(run: UncertaintyRun, r: &FootprintResult) -> Result<UncertaintyInfo> {
    let differs = |field: &str, run_has: String, result_has: String| {
        Err(Error::invalid(
            format!("$uncertainty.{field}"),
            format!("the uncertainty run is of another study: its {field} is {run_has}, the result's {result_has}"),
        ))
    };
    if run.product != r.product.name {
        return differs(
            "product",
            format!("{:?}", run.product),
            format!("{:?}", r.product.name),
        );
    }
    if run.declared_unit.unit != r.declared_unit.unit
        || run.declared_unit.amount.to_bits() != r.declared_unit.amount.to_bits()
    {
        return differs(
            "declared_unit",
            format!(
                "{} {}",
                number(run.declared_unit.amount),
                run.declared_unit.unit
            ),
            format!(
                "{} {}",
                number(r.declared_unit.amount),
                r.declared_unit.unit
            ),
        );
    }
    if run.factor_set_sha256 != r.factor_set.sha256 {
        return differs(
            "factor_set_sha256",
            run.factor_set_sha256.clone(),
            r.factor_set.sha256.clone(),
        );
    }
    if run.deterministic_kg_co2e.to_bits() != r.total_kg_co2e.to_bits() {
        return differs(
            "deterministic_kg_co2e",
            number(run.deterministic_kg_co2e),
            number(r.total_kg_co2e),
        );
    }
    let mut sensitivity = run.sensitivity;
    sensitivity.truncate(SENSITIVITY_BARS);
    Ok(UncertaintyInfo {
        engine: run.engine,
        runs: run.method.runs,
        seed: run.method.seed,
        matched_by: MATCHED_BY,
        deterministic_kg_co2e: run.deterministic_kg_co2e,
        statistics: run.statistics,
        threshold: run.threshold,
        sensitivity,
    })
}

/// The study's statements (`study` of the input, for `pcf/1` and the templates that have it).
fn study_of(r: &FootprintResult) -> Result<Option<Study>> {
    let Some(v) = r.input.as_ref().and_then(|i| i.get("study")) else {
        return Ok(None);
    };
    Study::deserialize(v)
        .map(Some)
        .map_err(|e| Error::InvalidDocument {
            path: "$.input.study".into(),
            detail: e.to_string(),
        })
}

/// The names of the templates' fixed life-cycle stages: (template tag, stage id, English,
/// Chinese). A `pcf/1` study names its own stages; they are written as given.
pub const STAGE_NAMES: &[(&str, &str, &str, &str)] = &[
    (
        "pcf-battery/1",
        "raw_material_acquisition",
        "Raw material acquisition and pre-processing",
        "原材料获取与预处理",
    ),
    (
        "pcf-battery/1",
        "main_production",
        "Main product production",
        "主要产品生产",
    ),
    ("pcf-battery/1", "distribution", "Distribution", "分销"),
    (
        "pcf-battery/1",
        "end_of_life",
        "End of life and recycling",
        "寿命终止与回收",
    ),
    (
        "pcf-steel/1",
        "direct",
        "Direct emissions of the installation",
        "设施直接排放",
    ),
    (
        "pcf-steel/1",
        "indirect",
        "Indirect emissions: electricity",
        "间接排放:电力",
    ),
    (
        "pcf-steel/1",
        "precursors_direct",
        "Precursors: direct embedded emissions",
        "前体:直接隐含排放",
    ),
    (
        "pcf-steel/1",
        "precursors_indirect",
        "Precursors: indirect embedded emissions",
        "前体:间接隐含排放",
    ),
    ("pcf-textile/1", "fibre", "Fibre production", "纤维生产"),
    ("pcf-textile/1", "spinning", "Spinning", "纺纱"),
    ("pcf-textile/1", "fabric", "Fabric production", "面料生产"),
    ("pcf-textile/1", "finishing", "Finishing", "染整"),
    ("pcf-textile/1", "making_up", "Making up", "成衣制作"),
    ("pcf-textile/1", "distribution", "Distribution", "分销"),
    ("pcf-textile/1", "use", "Use phase", "使用阶段"),
    ("pcf-textile/1", "end_of_life", "End of life", "寿命终止"),
    (
        "pcf-ev/1",
        "glider",
        "Glider (body and chassis)",
        "车身与底盘",
    ),
    ("pcf-ev/1", "drivetrain", "Drivetrain", "动力传动系统"),
    ("pcf-ev/1", "battery", "Traction battery", "动力电池"),
    ("pcf-ev/1", "assembly", "Vehicle assembly", "整车装配"),
    ("pcf-ev/1", "use", "Use phase", "使用阶段"),
    ("pcf-ev/1", "end_of_life", "End of life", "报废处理"),
    (
        "pcf-pv/1",
        "metallurgical-si",
        "Metallurgical-grade silicon",
        "工业硅",
    ),
    ("pcf-pv/1", "polysilicon", "Polysilicon", "多晶硅"),
    ("pcf-pv/1", "ingot", "Ingot", "硅锭"),
    ("pcf-pv/1", "brick", "Brick", "硅块"),
    ("pcf-pv/1", "wafer", "Wafer", "硅片"),
    ("pcf-pv/1", "cell", "Cell", "电池片"),
    ("pcf-pv/1", "module", "Module", "组件"),
    ("pcf-pv/1", "glass", "Glass", "玻璃"),
    ("pcf-pv/1", "frame", "Frame", "边框"),
];

/// A stage's names: the template's name of the stage, else the id as the study gives it.
fn stage_names(template: Option<&str>, stage: &str) -> (String, String) {
    match STAGE_NAMES
        .iter()
        .find(|(t, s, _, _)| Some(*t) == template && *s == stage)
    {
        Some((_, _, en, zh)) => (en.to_string(), zh.to_string()),
        None => (stage.to_string(), stage.to_string()),
    }
}

/// The IPCC report a GWP set comes from.
fn gwp_source(set: &str) -> String {
    match set {
        "AR4" => "IPCC Fourth Assessment Report (AR4, 2007), GWP 100-year".into(),
        "AR5" => "IPCC Fifth Assessment Report (AR5, 2013), GWP 100-year".into(),
        "AR6" => "IPCC Sixth Assessment Report (AR6, 2021), GWP 100-year".into(),
        other => format!("{other}, GWP 100-year"),
    }
}

/// Builds the report of any sealed result: the figures from the result, the goal and parties
/// from the meta (each optional; what is missing is listed in `to_be_confirmed`), the
/// `iso14067` pre-check report (`pre`, checked against the result by the caller) and an
/// uncertainty run, which must be of the same study.
pub fn build(
    result: &FootprintResult,
    meta: &Meta,
    receipt: DocumentReceipt,
    pre: PrecheckReport,
    run: Option<UncertaintyRun>,
) -> Result<CfpReport> {
    let r = result;
    let study = study_of(r)?.unwrap_or_default();
    let uncertainty = run.map(|u| matched(u, r)).transpose()?;
    let cfp = meta.cfp_study.clone().unwrap_or_default();

    let stages = r
        .boundary
        .stages
        .iter()
        .map(|s| {
            let (name_en, name_zh) = stage_names(r.template, s);
            let total = r.by_stage.iter().find(|t| &t.stage == s).ok_or_else(|| {
                Error::invalid(
                    "$.by_stage",
                    format!("the result has no total for the stage {s}"),
                )
            })?;
            Ok(StageRow {
                stage: s.clone(),
                name_en,
                name_zh,
                lines: r
                    .lines
                    .iter()
                    .filter(|l| &l.stage == s && l.kg_co2e.is_some())
                    .count(),
                kg_co2e: total.kg_co2e,
                exclusion_reason: study
                    .stage_exclusions
                    .iter()
                    .find(|x| &x.stage == s)
                    .map(|x| x.reason.clone()),
            })
        })
        .collect::<Result<Vec<StageRow>>>()?;

    let lines: Vec<LineRow> = r
        .lines
        .iter()
        .filter_map(|l| {
            let kg = l.kg_co2e?;
            Some(LineRow {
                path: l.path.clone(),
                name: l.name.clone(),
                kind: l.kind,
                stage: l.stage.clone(),
                amount: l.amount,
                unit: l.unit,
                factor: l.factor.as_ref().map(|f| LineFactor {
                    id: f.id.clone(),
                    value: f.value,
                    value_unit: f.value_unit,
                    per_unit: f.per_unit,
                    geography: f.geography.clone(),
                    year: f.year,
                    source: f.source.clone(),
                    licence: f.licence.clone(),
                    verification: f.verification,
                    table: f.table.clone(),
                }),
                gas: if l.kind == "gas" { l.gas } else { None },
                supplier: l.declared_by.as_ref().map(|d| d.supplier.clone()),
                supplier_source: l.declared_by.as_ref().map(|d| d.source.clone()),
                primary: l.data_quality.as_ref().and_then(|d| d.primary) == Some(true),
                kg_co2e: kg,
            })
        })
        .collect();

    let tables = r
        .factor_set
        .tables
        .iter()
        .map(|t| {
            let mut licences_used: Vec<String> = Vec::new();
            for f in lines.iter().filter_map(|l| l.factor.as_ref()) {
                if f.table == t.name && !licences_used.contains(&f.licence) {
                    licences_used.push(f.licence.clone());
                }
            }
            TableRow {
                name: t.name.clone(),
                origin: t.origin,
                sha256: t.sha256.clone(),
                rows: t.rows,
                licences_used,
            }
        })
        .collect();

    let allocation = r
        .supply
        .iter()
        .filter(|p| p.allocation.is_some() || p.allocation_share != 1.0)
        .map(|p| AllocatedProcess {
            process: p.process.clone(),
            allocation_share: p.allocation_share,
            method: p.allocation.clone(),
        })
        .collect();

    let mut to_be_confirmed = vec![
        ToConfirm::new(
            "clause_references",
            "The items of this report follow ISO 14067:2018's requirements for the CFP study report (clause 7) and its critical review (clause 8) as secondary sources summarise them; the licensed text was not read, so the clause numbers and the exact list are to be confirmed.",
            "本报告的内容项依据二手资料对 ISO 14067:2018 碳足迹研究报告(第7章)和鉴定性评审(第8章)要求的概述；未查阅标准正式文本，条款编号和完整清单待确认。",
        ),
        ToConfirm::new(
            "gb_t_24067_template",
            "GB/T 24067-2024 adds a study-report template of its own, whose field list was not read: this report gives ISO 14067's items with Chinese headings.",
            "GB/T 24067-2024 另附碳足迹研究报告模板，其字段清单尚未查阅；本报告按 ISO 14067 的内容项给出中文标题。",
        ),
    ];
    for (given, field, en, zh) in [
        (
            cfp.intended_application.is_some(),
            "goal.intended_application",
            "The intended application of the study is not given: state it in the meta (cfp_study.intended_application).",
            "未给出研究的预期用途：请在 meta 中填写(cfp_study.intended_application)。",
        ),
        (
            cfp.reasons.is_some(),
            "goal.reasons",
            "The reasons for carrying out the study are not given: state them in the meta (cfp_study.reasons).",
            "未给出开展研究的理由：请在 meta 中填写(cfp_study.reasons)。",
        ),
        (
            cfp.intended_audience.is_some(),
            "goal.intended_audience",
            "The intended audience is not given: state it in the meta (cfp_study.intended_audience).",
            "未给出目标受众：请在 meta 中填写(cfp_study.intended_audience)。",
        ),
        (
            cfp.comparative_assertion.is_some(),
            "goal.comparative_assertion",
            "Whether the results are intended for a comparison disclosed to the public is not stated: give it in the meta (cfp_study.comparative_assertion).",
            "未说明结果是否拟用于向公众披露的比较：请在 meta 中填写(cfp_study.comparative_assertion)。",
        ),
        (
            cfp.commissioner.is_some(),
            "commissioner",
            "Who commissioned the study is not given: name them in the meta (cfp_study.commissioner).",
            "未给出研究委托方：请在 meta 中填写(cfp_study.commissioner)。",
        ),
    ] {
        if !given {
            to_be_confirmed.push(ToConfirm::new(field, en, zh));
        }
    }
    if uncertainty.is_none() {
        to_be_confirmed.push(ToConfirm::new(
            "uncertainty",
            "No uncertainty run is attached: run `pcf uncertainty` on the study and attach its report (--uncertainty), or state the uncertainty otherwise.",
            "未附不确定性分析：请对研究运行 `pcf uncertainty` 并附上其报告(--uncertainty)，或以其他方式说明不确定性。",
        ));
    }
    to_be_confirmed.push(ToConfirm::new(
        "critical_review",
        "Left blank for the reviewer. Whether a critical review is required depends on the intended application (for a comparison disclosed to the public, secondary sources say it is); ISO/TS 14071 describes the review. To be confirmed against the standard.",
        "留空，由评审人填写。是否须进行鉴定性评审取决于预期用途(据二手资料，向公众披露的比较须评审)；评审程序见 ISO/TS 14071。待依据标准确认。",
    ));

    Ok(CfpReport {
        schema: TAG,
        standards: STANDARDS,
        report_id: cfp.report_id.clone(),
        date: meta.date.clone(),
        commissioner: cfp.commissioner.clone(),
        practitioner: cfp.practitioner.clone(),
        product: ProductInfo {
            name: r.product.name.clone(),
            name_zh: r.product.name_zh.clone(),
            code: r.product.code.clone(),
            sector: r.product.sector.clone(),
            template: r.template,
        },
        goal: Goal {
            intended_application: cfp.intended_application.clone(),
            reasons: cfp.reasons.clone(),
            intended_audience: cfp.intended_audience.clone(),
            comparative_assertion: cfp.comparative_assertion,
            cfp_pcr: cfp.cfp_pcr.clone(),
            standards_followed: study.standards.clone(),
        },
        unit: UnitInfo {
            declared_unit: r.declared_unit.clone(),
            functional_unit: r.product.functional_unit.clone(),
        },
        system_boundary: SystemBoundary {
            kind: r.boundary.kind.clone(),
            partial_cfp: r.boundary.kind != "cradle-to-grave",
            stages,
        },
        reference_period: r.reference_period.clone(),
        cut_off: CutOffInfo {
            boundary: r.boundary.cut_off.clone(),
            study: study.cut_off.clone(),
        },
        allocation,
        electricity: study.electricity.clone(),
        data_sources: DataSources {
            factor_set_sha256: r.factor_set.sha256.clone(),
            gwp_table_sha256: r.factor_set.gwp_table_sha256.clone(),
            parameters_sha256: r.factor_set.parameters_sha256.clone(),
            tables,
            overrides: r.factor_set.overrides.clone(),
            lines,
        },
        data_quality: r.data_quality.clone(),
        by_data_basis: r.by_data_basis.clone(),
        gwp: GwpInfo {
            set: r.gwp_set.clone(),
            source: gwp_source(&r.gwp_set),
            by_gas: r.by_gas.clone(),
        },
        results: Results {
            total_kg_co2e: r.total_kg_co2e,
            by_stage: r.by_stage.clone(),
            by_class: r.by_class.clone(),
            removals_kg_co2e: r.removals_kg_co2e,
            parts: r.parts.clone(),
        },
        offsets: study.offsets.clone(),
        uncertainty,
        limitations: r
            .warnings
            .iter()
            .map(|w| Limitation {
                code: w.code.clone(),
                path: w.path.clone(),
                places: w.paths.len().max(1),
                message: w.message.clone(),
            })
            .collect(),
        verification: study.verification.clone(),
        verification_report: meta.verification_report.clone(),
        precheck_outcomes: pre
            .outcomes
            .iter()
            .map(|o| PrecheckOutcome {
                rule: o.rule.clone(),
                severity: o.severity.clone(),
                status: o.status,
                reference: o.reference.clone(),
                requirement_en: o.message_en.clone(),
                requirement_zh: o.message_zh.clone(),
                detail: o.detail.clone(),
                detail_zh: o.detail_zh.clone(),
            })
            .collect(),
        precheck: Verdict::of(pre),
        critical_review: CriticalReview {
            basis: "ISO 14067:2018 critical review (clause 8, to be confirmed); ISO/TS 14071",
            reviewers: None,
            organisation: None,
            review_type: None,
            date: None,
            statement: None,
        },
        to_be_confirmed,
        receipt,
    })
}

/// The names of the classes of `by_class`, English and Chinese.
const CLASS_NAMES: &[(&str, &str, &str)] = &[
    (
        "fossil",
        "Fossil GHG emissions and removals",
        "化石温室气体排放和清除",
    ),
    (
        "biogenic",
        "Biogenic GHG emissions and removals",
        "生物源温室气体排放和清除",
    ),
    (
        "luc",
        "Direct land-use change (dLUC)",
        "直接土地利用变化(dLUC)",
    ),
    ("aircraft", "Aircraft transport", "航空运输"),
    (
        "unsplit",
        "Supplier footprints without a split",
        "未拆分的供应商碳足迹",
    ),
];

/// The names of the parts (`crate::parts::Part`), English and Chinese.
pub const PART_NAMES: &[(&str, &str, &str)] = &[
    (
        "pcf_excluding_biogenic_uptake",
        "Total excluding biogenic CO2 uptake",
        "不含生物源CO2吸收的总量",
    ),
    (
        "pcf_including_biogenic_uptake",
        "Total including biogenic CO2 uptake (the CFP)",
        "含生物源CO2吸收的总量(碳足迹)",
    ),
    (
        "fossil_ghg_emissions",
        "Fossil GHG emissions",
        "化石温室气体排放",
    ),
    (
        "land_use_change_ghg_emissions",
        "Direct land-use change (dLUC) emissions",
        "直接土地利用变化(dLUC)排放",
    ),
    (
        "land_carbon_leakage",
        "Indirect land-use change (iLUC)",
        "间接土地利用变化(iLUC)",
    ),
    (
        "land_management_ghg_emissions",
        "Land-management emissions and removals",
        "土地管理排放和清除",
    ),
    (
        "land_management_fossil_ghg_emissions",
        "Land-management fossil emissions",
        "土地管理化石排放",
    ),
    (
        "land_management_biogenic_co2_emissions",
        "Land-management biogenic CO2 emissions",
        "土地管理生物源CO2排放",
    ),
    (
        "land_management_biogenic_co2_removals",
        "Land-management biogenic CO2 removals",
        "土地管理生物源CO2清除",
    ),
    (
        "biogenic_non_co2_emissions",
        "Biogenic non-CO2 emissions",
        "生物源非CO2排放",
    ),
    (
        "biogenic_co2_emissions",
        "Biogenic CO2 emissions",
        "生物源CO2排放",
    ),
    (
        "biogenic_co2_uptake",
        "Biogenic CO2 uptake",
        "生物源CO2吸收",
    ),
    (
        "aircraft_ghg_emissions",
        "Aircraft GHG emissions (part of the fossil emissions)",
        "航空运输温室气体排放(属于化石排放)",
    ),
    (
        "packaging_ghg_emissions",
        "Packaging GHG emissions",
        "包装温室气体排放",
    ),
    (
        "outbound_logistics_ghg_emissions",
        "Outbound logistics GHG emissions",
        "出厂物流温室气体排放",
    ),
    (
        "technological_co2_removals",
        "Technological CO2 removals",
        "技术性CO2清除",
    ),
    (
        "ccs_technological_co2_capture",
        "CO2 captured and stored (CCS)",
        "碳捕集与封存(CCS)",
    ),
    (
        "fossil_carbon_content",
        "Fossil carbon content",
        "化石碳含量",
    ),
    (
        "biogenic_carbon_content",
        "Biogenic carbon content",
        "生物源碳含量",
    ),
    (
        "recycled_carbon_content",
        "Recycled carbon content",
        "再生碳含量",
    ),
    (
        "packaging_biogenic_carbon_content",
        "Biogenic carbon content of the packaging",
        "包装生物源碳含量",
    ),
    (
        "ccu_carbon_content",
        "Carbon captured and used (CCU) in the product",
        "产品中捕集利用的碳(CCU)",
    ),
    (
        "land_area_occupation",
        "Agricultural land occupation",
        "农业用地占用",
    ),
];

/// The names of the data bases of `by_data_basis`, English and Chinese.
const BASIS_NAMES: &[(&str, &str, &str)] = &[
    ("official", "Official factors", "官方因子"),
    ("secondary", "Secondary factors", "二手因子"),
    ("derived", "Derived factors", "推导因子"),
    ("user", "User factor tables", "用户因子表"),
    ("declared", "Supplier declarations", "供应商声明"),
    ("direct", "Gases the study states", "研究所列的直接排放气体"),
];

fn name_in<'a>(table: &'a [(&str, &'a str, &'a str)], key: &'a str, zh: bool) -> &'a str {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, z)| if zh { *z } else { *en })
        .unwrap_or(key)
}

/// The words of the page, one set per language.
struct Words {
    lang: &'static str,
    title: &'static str,
    subtitle: &'static str,
    report_id: &'static str,
    date: &'static str,
    cfp: &'static str,
    partial_cfp: &'static str,
    per: &'static str,
    item: &'static str,
    to_complete: &'static str,
    yes: &'static str,
    no: &'static str,
    none: &'static str,
    not_rated: &'static str,
    // 1. Goal
    goal: &'static str,
    goal_ref: &'static str,
    intended_application: &'static str,
    reasons: &'static str,
    intended_audience: &'static str,
    comparative: &'static str,
    cfp_pcr: &'static str,
    standards_followed: &'static str,
    commissioner: &'static str,
    practitioner: &'static str,
    // 2. Scope
    scope: &'static str,
    scope_ref: &'static str,
    product: &'static str,
    code: &'static str,
    sector: &'static str,
    template: &'static str,
    declared_unit: &'static str,
    functional_unit: &'static str,
    cfp_kind: &'static str,
    full_cfp: &'static str,
    partial_cfp_long: &'static str,
    boundary: &'static str,
    time_boundary: &'static str,
    cut_off: &'static str,
    cut_off_max: &'static str,
    cut_off_excluded: &'static str,
    not_stated: &'static str,
    electricity: &'static str,
    instruments: &'static str,
    stages: &'static str,
    stage: &'static str,
    lines: &'static str,
    included: &'static str,
    excluded: &'static str,
    no_lines: &'static str,
    allocation: &'static str,
    allocation_ref: &'static str,
    process: &'static str,
    share: &'static str,
    method: &'static str,
    no_allocation: &'static str,
    // 3. Data
    data: &'static str,
    data_ref: &'static str,
    data_basis: &'static str,
    basis: &'static str,
    dq: &'static str,
    primary_share: &'static str,
    rated_share: &'static str,
    technological: &'static str,
    geographical: &'static str,
    temporal: &'static str,
    precision: &'static str,
    dq_note: &'static str,
    tables: &'static str,
    table: &'static str,
    origin: &'static str,
    rows: &'static str,
    licences: &'static str,
    overrides: &'static str,
    line_list: &'static str,
    line: &'static str,
    amount: &'static str,
    factor: &'static str,
    source: &'static str,
    licence: &'static str,
    verification_status: &'static str,
    primary: &'static str,
    supplier: &'static str,
    // 4. GWP
    gwp: &'static str,
    gwp_ref: &'static str,
    gwp_set: &'static str,
    gas: &'static str,
    gas_kg: &'static str,
    // 5. Results
    results: &'static str,
    results_ref: &'static str,
    chart_title: &'static str,
    total: &'static str,
    by_class: &'static str,
    class: &'static str,
    class_note: &'static str,
    removals: &'static str,
    parts: &'static str,
    parts_by_stage: &'static str,
    parts_by_stage_note: &'static str,
    part: &'static str,
    unit: &'static str,
    unsplit: &'static str,
    offsets: &'static str,
    offsets_note: &'static str,
    netted: &'static str,
    // 6. Uncertainty
    uncertainty: &'static str,
    uncertainty_ref: &'static str,
    not_attached: &'static str,
    runs: &'static str,
    seed: &'static str,
    mean: &'static str,
    sd: &'static str,
    interval: &'static str,
    median: &'static str,
    range: &'static str,
    threshold: &'static str,
    sensitivity: &'static str,
    low: &'static str,
    high: &'static str,
    swing: &'static str,
    matched_by: &'static str,
    // 7. Limitations
    limitations: &'static str,
    limitations_ref: &'static str,
    no_warnings: &'static str,
    places: &'static str,
    // 8. Pre-check
    precheck: &'static str,
    precheck_short: &'static str,
    scheme: &'static str,
    verdict: &'static str,
    counts: &'static str,
    rule: &'static str,
    reference: &'static str,
    status: &'static str,
    finding: &'static str,
    // 9. Critical review
    review: &'static str,
    review_ref: &'static str,
    review_note: &'static str,
    reviewers: &'static str,
    organisation: &'static str,
    review_type: &'static str,
    review_date: &'static str,
    statement: &'static str,
    signature: &'static str,
    recorded_verification: &'static str,
    verification_report: &'static str,
    // The rest
    open_title: &'static str,
    receipt_title: &'static str,
    receipt_note: &'static str,
    footer: &'static str,
}

const EN: Words = Words {
    lang: "en",
    title: "Carbon footprint of product (CFP) study report",
    subtitle: "ISO 14067:2018 / GB/T 24067-2024",
    report_id: "Report",
    date: "Date of issue",
    cfp: "Carbon footprint of the product (CFP)",
    partial_cfp: "Partial carbon footprint of the product (partial CFP)",
    per: "per",
    item: "Item",
    to_complete: "to be completed",
    yes: "yes",
    no: "no",
    none: "none",
    not_rated: "not rated",
    goal: "1. Goal of the study",
    goal_ref: "ISO 14067:2018 / GB/T 24067-2024: goal of the CFP study, stated in the CFP study report",
    intended_application: "Intended application",
    reasons: "Reasons for carrying out the study",
    intended_audience: "Intended audience",
    comparative: "Comparison intended to be disclosed to the public",
    cfp_pcr: "CFP-PCR or product rules followed",
    standards_followed: "Standards the study follows",
    commissioner: "Commissioner of the study",
    practitioner: "Practitioner of the study",
    scope: "2. Scope of the study",
    scope_ref: "ISO 14067:2018 / GB/T 24067-2024: scope of the study — functional or declared unit, system boundary, time boundary, cut-off criteria, allocation, electricity",
    product: "Product",
    code: "Code",
    sector: "Sector",
    template: "Template",
    declared_unit: "Declared unit (every figure is per this unit)",
    functional_unit: "Functional unit",
    cfp_kind: "CFP or partial CFP",
    full_cfp: "CFP (cradle to grave)",
    partial_cfp_long: "partial CFP: the boundary is not cradle to grave",
    boundary: "System boundary",
    time_boundary: "Time boundary (period the data represent)",
    cut_off: "Cut-off criteria",
    cut_off_max: "largest share the criteria allow to exclude",
    cut_off_excluded: "estimated share excluded",
    not_stated: "not stated",
    electricity: "Electricity modelling",
    instruments: "contractual instruments",
    stages: "Life-cycle stages",
    stage: "Stage",
    lines: "Lines",
    included: "included",
    excluded: "excluded",
    no_lines: "no lines and no stated reason",
    allocation: "Allocation",
    allocation_ref: "ISO 14067:2018 / GB/T 24067-2024: allocation procedures, documented in the report",
    process: "Process",
    share: "Share",
    method: "Method",
    no_allocation: "No allocation: every process's emissions are carried by the product in full (share 1).",
    data: "3. Data sources and data quality",
    data_ref: "ISO 14067:2018 / GB/T 24067-2024: data and data quality; site-specific and secondary data",
    data_basis: "What the footprint rests on",
    basis: "Basis",
    dq: "Data quality (weighted by contribution)",
    primary_share: "Primary (supplier-specific) data share",
    rated_share: "Share of the footprint with a rating",
    technological: "Technological representativeness",
    geographical: "Geographical representativeness",
    temporal: "Temporal representativeness",
    precision: "Precision",
    dq_note: "Ratings from 1 (very good) to 5 (very poor); shares from 0 to 1.",
    tables: "Factor tables",
    table: "Table",
    origin: "Origin",
    rows: "Rows",
    licences: "Licences of the factors used",
    overrides: "User rows that hide built-in rows",
    line_list: "Lines, with their factors and sources",
    line: "Line",
    amount: "Amount",
    factor: "Factor",
    source: "Source",
    licence: "Licence",
    verification_status: "Status",
    primary: "primary data",
    supplier: "Supplier",
    gwp: "4. GWP and greenhouse gases",
    gwp_ref: "ISO 14067:2018 / GB/T 24067-2024: GWP100 characterisation factors, GHGs included",
    gwp_set: "GWP set",
    gas: "Gas",
    gas_kg: "kg of gas",
    results: "5. Results",
    results_ref: "ISO 14067:2018 / GB/T 24067-2024: CFP per life-cycle stage; fossil, biogenic, dLUC and aircraft GHG emissions and removals reported separately",
    chart_title: "kg CO2e per life-cycle stage",
    total: "Total",
    by_class: "By class",
    class: "Class",
    class_note: "The classes are disjoint and add up to the total; aircraft emissions are a class of their own here and part of the fossil emissions in the parts below.",
    removals: "CO2 removals (included in the totals)",
    parts: "Parts reported apart from the total",
    parts_by_stage: "Parts per life-cycle stage",
    parts_by_stage_note: "The parts that are not zero, per stage (every part per stage is in the JSON form of this report).",
    part: "Part",
    unit: "Unit",
    unsplit: "Supplier footprints without a split (in the totals only)",
    offsets: "Offsets (reported separately, not subtracted)",
    offsets_note: "ISO 14067 leaves offsetting outside the CFP: these are not part of any figure above.",
    netted: "netted in the organisation's communication",
    uncertainty: "6. Uncertainty",
    uncertainty_ref: "ISO 14067:2018 / GB/T 24067-2024: interpretation — uncertainty and sensitivity",
    not_attached: "No uncertainty run is attached. Run `pcf uncertainty STUDY.json --runs N` and pass its report with --uncertainty.",
    runs: "Runs",
    seed: "Seed",
    mean: "Mean",
    sd: "Standard deviation",
    interval: "95 % interval (2.5th – 97.5th percentile)",
    median: "Median",
    range: "Smallest – largest run",
    threshold: "Probability of exceeding",
    sensitivity: "Largest sensitivities (±10 % one at a time)",
    low: "Total at −10 %",
    high: "Total at +10 %",
    swing: "Swing",
    matched_by: "Matched to this result by",
    limitations: "7. Limitations",
    limitations_ref: "ISO 14067:2018 / GB/T 24067-2024: limitations of the CFP study",
    no_warnings: "The result carries no warnings.",
    places: "places",
    precheck: "8. Pre-check against ISO 14067 / GB/T 24067",
    precheck_short: "Pre-check (ISO 14067 / GB/T 24067)",
    scheme: "Scheme",
    verdict: "Verdict",
    counts: "passed / failed errors / failed warnings / not applicable",
    rule: "Rule",
    reference: "Reference",
    status: "Status",
    finding: "Finding",
    review: "9. Critical review",
    review_ref: "ISO 14067:2018 / GB/T 24067-2024: critical review; ISO/TS 14071",
    review_note: "To be completed by the reviewer.",
    reviewers: "Reviewer(s)",
    organisation: "Organisation",
    review_type: "Type of review (internal, external, panel)",
    review_date: "Date",
    statement: "Review statement",
    signature: "Signature",
    recorded_verification: "Verification as the study records it",
    verification_report: "Verification report",
    open_title: "To be confirmed or completed",
    receipt_title: "Receipt of the calculation",
    receipt_note: "The result file with this receipt is checked with `pcf verify RESULT.json`: it recomputes both digests and every figure.",
    footer: "Written by pcf from the sealed result; the same result, meta and uncertainty run give the same file.",
};

const ZH: Words = Words {
    lang: "zh-CN",
    title: "产品碳足迹研究报告",
    subtitle: "GB/T 24067-2024《温室气体 产品碳足迹 量化要求和指南》/ ISO 14067:2018",
    report_id: "报告编号",
    date: "签发日期",
    cfp: "产品碳足迹",
    partial_cfp: "产品部分碳足迹",
    per: "每",
    item: "项目",
    to_complete: "待填写",
    yes: "是",
    no: "否",
    none: "无",
    not_rated: "未评级",
    goal: "1. 研究目的",
    goal_ref: "ISO 14067:2018 / GB/T 24067-2024：碳足迹研究的目的，在研究报告中说明",
    intended_application: "预期用途",
    reasons: "开展研究的理由",
    intended_audience: "目标受众",
    comparative: "是否拟用于向公众披露的比较",
    cfp_pcr: "遵循的碳足迹产品种类规则(CFP-PCR)或具体产品标准",
    standards_followed: "研究遵循的标准",
    commissioner: "研究委托方",
    practitioner: "研究执行方",
    scope: "2. 研究范围",
    scope_ref: "ISO 14067:2018 / GB/T 24067-2024：研究范围——功能单位或声明单位、系统边界、时间边界、取舍准则、分配、电力",
    product: "产品",
    code: "编码",
    sector: "行业",
    template: "模板",
    declared_unit: "声明单位(所有数值均以此为单位)",
    functional_unit: "功能单位",
    cfp_kind: "碳足迹或部分碳足迹",
    full_cfp: "产品碳足迹(摇篮到坟墓)",
    partial_cfp_long: "产品部分碳足迹：边界不是摇篮到坟墓",
    boundary: "系统边界",
    time_boundary: "时间边界(数据所代表的时间段)",
    cut_off: "取舍准则",
    cut_off_max: "准则允许排除的最大比例",
    cut_off_excluded: "估计排除比例",
    not_stated: "未说明",
    electricity: "电力建模",
    instruments: "合同工具",
    stages: "生命周期阶段",
    stage: "阶段",
    lines: "数据行",
    included: "包含",
    excluded: "排除",
    no_lines: "无数据行且未说明理由",
    allocation: "分配",
    allocation_ref: "ISO 14067:2018 / GB/T 24067-2024：分配程序，在报告中说明",
    process: "过程",
    share: "分配比例",
    method: "方法",
    no_allocation: "无分配：各过程的排放全部计入本产品(比例为1)。",
    data: "3. 数据来源和数据质量",
    data_ref: "ISO 14067:2018 / GB/T 24067-2024：数据和数据质量；现场数据和二手数据",
    data_basis: "碳足迹所依据的数据",
    basis: "依据",
    dq: "数据质量(按贡献加权)",
    primary_share: "初级数据(供应商特定数据)占比",
    rated_share: "有评级的碳足迹占比",
    technological: "技术代表性",
    geographical: "地理代表性",
    temporal: "时间代表性",
    precision: "精确度",
    dq_note: "评级从1(很好)到5(很差)；比例从0到1。",
    tables: "排放因子表",
    table: "因子表",
    origin: "来源类型",
    rows: "行数",
    licences: "所用因子的许可",
    overrides: "覆盖内置行的用户行",
    line_list: "数据行及其因子和来源",
    line: "数据行",
    amount: "数量",
    factor: "因子",
    source: "来源",
    licence: "许可",
    verification_status: "状态",
    primary: "初级数据",
    supplier: "供应商",
    gwp: "4. 全球变暖潜势和温室气体",
    gwp_ref: "ISO 14067:2018 / GB/T 24067-2024：GWP100 特征化因子，所含温室气体",
    gwp_set: "GWP 版本",
    gas: "气体",
    gas_kg: "气体质量(kg)",
    results: "5. 结果",
    results_ref: "ISO 14067:2018 / GB/T 24067-2024：各生命周期阶段的碳足迹；化石、生物源、直接土地利用变化和航空运输的温室气体排放和清除分别报告",
    chart_title: "各生命周期阶段的 kg CO2e",
    total: "合计",
    by_class: "按类别",
    class: "类别",
    class_note: "各类别互不重叠，相加等于总量；航空运输在此单列为一类，在下表的分项中属于化石排放。",
    removals: "CO2 清除(已计入总量)",
    parts: "与总量分开报告的分项",
    parts_by_stage: "各生命周期阶段的分项",
    parts_by_stage_note: "各阶段中不为零的分项(各阶段的全部分项见本报告的 JSON 格式)。",
    part: "分项",
    unit: "单位",
    unsplit: "未拆分的供应商碳足迹(仅计入总量)",
    offsets: "碳抵消(单独报告，不予扣减)",
    offsets_note: "ISO 14067 不将碳抵消纳入碳足迹：以下数值不属于上文任何结果。",
    netted: "在组织对外信息中已扣减",
    uncertainty: "6. 不确定性",
    uncertainty_ref: "ISO 14067:2018 / GB/T 24067-2024：结果解释——不确定性和敏感性",
    not_attached: "未附不确定性分析。请运行 `pcf uncertainty STUDY.json --runs N`，并用 --uncertainty 附上其报告。",
    runs: "模拟次数",
    seed: "随机种子",
    mean: "平均值",
    sd: "标准差",
    interval: "95% 区间(第2.5至97.5百分位)",
    median: "中位数",
    range: "最小值 – 最大值",
    threshold: "超过阈值的概率",
    sensitivity: "敏感性最大的参数(逐一±10%)",
    low: "−10% 时的总量",
    high: "+10% 时的总量",
    swing: "变幅",
    matched_by: "与本结果的匹配依据",
    limitations: "7. 局限性",
    limitations_ref: "ISO 14067:2018 / GB/T 24067-2024：碳足迹研究的局限性",
    no_warnings: "结果中没有警告。",
    places: "处",
    precheck: "8. 依据 ISO 14067 / GB/T 24067 的预检",
    precheck_short: "预检(ISO 14067 / GB/T 24067)",
    scheme: "方案",
    verdict: "结论",
    counts: "通过 / 错误未通过 / 警告未通过 / 不适用",
    rule: "规则",
    reference: "依据",
    status: "状态",
    finding: "结果",
    review: "9. 鉴定性评审",
    review_ref: "ISO 14067:2018 / GB/T 24067-2024：鉴定性评审；ISO/TS 14071",
    review_note: "由评审人填写。",
    reviewers: "评审人",
    organisation: "所属机构",
    review_type: "评审类型(内部、外部、评审组)",
    review_date: "日期",
    statement: "评审声明",
    signature: "签名",
    recorded_verification: "研究记录的核查情况",
    verification_report: "核查报告",
    open_title: "待确认或待填写事项",
    receipt_title: "计算凭据",
    receipt_note: "附此凭据的结果文件可用 `pcf verify RESULT.json` 核验：重新计算两个摘要和每个数字。",
    footer: "由 pcf 根据已封存的结果生成；相同的结果、meta 和不确定性分析生成相同的文件。",
};

/// The report's own style rules (after the shared ones).
const STYLE: &str = "\
h3{font-size:1rem;margin:1rem 0 .4rem}
p.ref{margin:0 0 .5rem;color:#555;font-size:.85em;font-style:italic}
.summary{border:2px solid #333;padding:.4rem .8rem;margin:1rem 0}
.summary td.big{font-size:1.2em;font-weight:600}
table.small{font-size:.85em}
table.wide{font-size:.78em}
figure{margin:.4rem 0 .8rem}
figcaption{font-size:.85em;color:#444}
table.wrap td.num{white-space:normal;word-break:break-all}
.review th{width:16rem}
td.status-pass{color:#155724}
td.status-fail{color:#a00}
.blank{height:1.8rem}
.blank.tall{height:7rem}
@media print{.review{break-inside:avoid}figure{break-inside:avoid}}
";

/// A text to be completed, as the page writes it.
fn to_complete(w: &Words) -> String {
    format!("<span class=\"tbc\">{}</span>", escape(w.to_complete))
}

/// An optional text, escaped, or "to be completed".
fn or_complete(v: &Option<String>, w: &Words) -> String {
    v.as_deref().map(escape).unwrap_or_else(|| to_complete(w))
}

/// A party: name, address, contact.
fn party(p: &Option<Party>, w: &Words) -> String {
    let Some(p) = p else {
        return to_complete(w);
    };
    [&p.name, &p.address, &p.contact]
        .iter()
        .filter_map(|v| v.as_deref().map(escape))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// An optional figure as the result writes it, or the words for none.
fn opt_number(x: Option<f64>, none: &str) -> String {
    x.map(number).unwrap_or_else(|| escape(none))
}

/// A number cell.
fn num(x: f64) -> String {
    format!("<td class=\"num\">{}</td>", number(x))
}

/// A heading with the requirement it answers.
fn heading(title: &str, reference: &str) -> String {
    format!(
        "<h2>{}</h2>\n<p class=\"ref\">{}</p>\n",
        escape(title),
        escape(reference)
    )
}

/// A two-column table row: a header cell (plain text, escaped here) and a value (HTML).
fn row2(item: &str, value: &str) -> String {
    format!("<tr><th>{}</th><td>{}</td></tr>\n", escape(item), value)
}

/// A coordinate of the chart, with one decimal (layout only: the figures are the labels).
fn coord(x: f64) -> String {
    format!("{x:.1}")
}

/// The stages as a horizontal bar chart, inline SVG (well-formed XML: every text escaped):
/// one row per stage, its name above a bar from zero to its kg CO2e, the figure written as
/// the result writes it at the right. A negative stage (net removals) is drawn left of zero.
pub fn stage_chart(stages: &[StageRow], zh: bool, title: &str) -> String {
    const WIDTH: f64 = 720.0;
    const BAR_AREA: f64 = 520.0;
    const ROW: f64 = 40.0;
    const TOP: f64 = 8.0;
    let lo = stages.iter().map(|s| s.kg_co2e).fold(0.0_f64, f64::min);
    let hi = stages.iter().map(|s| s.kg_co2e).fold(0.0_f64, f64::max);
    let span = if hi - lo > 0.0 { hi - lo } else { 1.0 };
    let x_of = |v: f64| (v - lo) / span * BAR_AREA;
    let zero = x_of(0.0);
    let height = TOP * 2.0 + ROW * stages.len() as f64;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{t}\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n<title>{t}</title>\n",
        w = coord(WIDTH),
        h = coord(height),
        t = escape(title)
    );
    for (i, st) in stages.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let name = if zh { &st.name_zh } else { &st.name_en };
        let (a, b) = if st.kg_co2e < 0.0 {
            (x_of(st.kg_co2e), zero)
        } else {
            (zero, x_of(st.kg_co2e))
        };
        let colour = if st.kg_co2e < 0.0 {
            "#4a8f5d"
        } else {
            "#3b6ea5"
        };
        s.push_str(&format!(
            "<text x=\"0.0\" y=\"{}\" fill=\"#222\">{}</text>\n",
            coord(y + 13.0),
            escape(name)
        ));
        s.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14.0\" fill=\"{colour}\"/>\n",
            coord(a),
            coord(y + 19.0),
            coord(b - a)
        ));
        s.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#222\">{}</text>\n",
            coord(WIDTH),
            coord(y + 31.0),
            number(st.kg_co2e)
        ));
    }
    s.push_str(&format!(
        "<line x1=\"{z}\" y1=\"{t}\" x2=\"{z}\" y2=\"{b}\" stroke=\"#555\" stroke-width=\"1\"/>\n</svg>",
        z = coord(zero),
        t = coord(TOP),
        b = coord(height - TOP)
    ));
    s
}

/// The parts not zero in total or in any stage, in the result's order.
fn nonzero_parts(p: &PartsReport) -> Vec<crate::parts::Part> {
    crate::parts::Part::ALL
        .iter()
        .copied()
        .filter(|&part| {
            p.total.get(part) != 0.0 || p.by_stage.iter().any(|s| s.parts.get(part) != 0.0)
        })
        .collect()
}

/// A stage's name in the page's language.
fn stage_label(d: &CfpReport, stage: &str, zh: bool) -> String {
    d.system_boundary
        .stages
        .iter()
        .find(|x| x.stage == stage)
        .map(|x| {
            if zh {
                x.name_zh.clone()
            } else {
                x.name_en.clone()
            }
        })
        .unwrap_or_else(|| stage.to_string())
}

/// A boundary kind in words, with the kind as written.
fn boundary_words(kind: &str, zh: bool) -> String {
    let words = match (kind, zh) {
        ("cradle-to-gate", false) => "cradle to gate",
        ("cradle-to-gate", true) => "摇篮到大门",
        ("cradle-to-grave", false) => "cradle to grave",
        ("cradle-to-grave", true) => "摇篮到坟墓",
        ("gate-to-gate", false) => "gate to gate",
        ("gate-to-gate", true) => "大门到大门",
        ("partial", false) => "partial",
        ("partial", true) => "部分",
        _ => return kind.to_string(),
    };
    format!("{words} ({kind})")
}

/// The GWP set's source in the page's language (the JSON's `gwp.source` is English).
fn gwp_words(d: &CfpReport, zh: bool) -> String {
    let report = match d.gwp.set.as_str() {
        "AR4" => "IPCC 第四次评估报告(AR4, 2007)",
        "AR5" => "IPCC 第五次评估报告(AR5, 2013)",
        "AR6" => "IPCC 第六次评估报告(AR6, 2021)",
        _ => return d.gwp.source.clone(),
    };
    match zh {
        true => format!("{report}，100年全球变暖潜势"),
        false => d.gwp.source.clone(),
    }
}

/// A pre-check outcome's status and the rule's severity, in words.
fn outcome_words(status: &str, severity: &str, lang: Lang) -> (&'static str, &'static str) {
    let zh = lang == Lang::Zh;
    let st = match (status, zh) {
        ("pass", false) => "passed",
        ("pass", true) => "通过",
        ("fail", false) => "failed",
        ("fail", true) => "未通过",
        (_, false) => "not applicable",
        (_, true) => "不适用",
    };
    let sev = match (severity, zh) {
        ("error", false) => "error rule",
        ("error", true) => "错误级规则",
        ("warning", false) => "warning rule",
        ("warning", true) => "警告级规则",
        (_, false) => "information",
        (_, true) => "提示",
    };
    (st, sev)
}

/// The report as a printable, self-contained HTML page in `lang`: every user text escaped,
/// every figure as the JSON report writes it, the stages also as an inline SVG chart.
pub fn html(d: &CfpReport, lang: Lang) -> String {
    let w = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let zh = lang == Lang::Zh;
    let e = |s: &str| escape(s);
    let unit_words = format!(
        "kg CO2e {} {} {}",
        w.per,
        number(d.unit.declared_unit.amount),
        d.unit.declared_unit.unit
    );
    let product_name = match (zh, &d.product.name_zh) {
        (true, Some(n)) => n.clone(),
        _ => d.product.name.clone(),
    };
    let cfp_words = if d.system_boundary.partial_cfp {
        w.partial_cfp
    } else {
        w.cfp
    };
    let mut b = String::new();

    // Title and summary.
    b.push_str(&format!("<h1>{}</h1>\n", e(w.title)));
    b.push_str(&format!(
        "<p class=\"sub\"><strong>{}</strong><br>{}",
        e(&product_name),
        e(w.subtitle)
    ));
    if let Some(id) = &d.report_id {
        b.push_str(&format!("<br>{}: {}", e(w.report_id), e(id)));
    }
    if let Some(date) = &d.date {
        b.push_str(&format!("<br>{}: {}", e(w.date), e(date)));
    }
    b.push_str("</p>\n");
    b.push_str(&format!(
        "<div class=\"summary\">\n<table>\n<tr><th>{}</th><td class=\"big\"><span class=\"figure\">{}</span> {}</td></tr>\n",
        e(cfp_words),
        number(d.results.total_kg_co2e),
        e(&unit_words)
    ));
    b.push_str(&row2(
        w.boundary,
        &format!(
            "{}<br>{}",
            e(&boundary_words(&d.system_boundary.kind, zh)),
            e(if d.system_boundary.partial_cfp {
                w.partial_cfp_long
            } else {
                w.full_cfp
            })
        ),
    ));
    b.push_str(&row2(w.gwp_set, &e(&gwp_words(d, zh))));
    b.push_str(&row2(
        w.precheck_short,
        &format!(
            "<span class=\"verdict-{}\">{}</span>",
            e(d.precheck.verdict),
            e(verdict_words(d.precheck.verdict, lang))
        ),
    ));
    b.push_str("</table>\n</div>\n");

    // 1. Goal.
    let g = &d.goal;
    b.push_str(&heading(w.goal, w.goal_ref));
    b.push_str("<table>\n");
    b.push_str(&row2(
        w.intended_application,
        &or_complete(&g.intended_application, w),
    ));
    b.push_str(&row2(w.reasons, &or_complete(&g.reasons, w)));
    b.push_str(&row2(
        w.intended_audience,
        &or_complete(&g.intended_audience, w),
    ));
    b.push_str(&row2(
        w.comparative,
        &match g.comparative_assertion {
            Some(true) => e(w.yes),
            Some(false) => e(w.no),
            None => to_complete(w),
        },
    ));
    b.push_str(&row2(
        w.cfp_pcr,
        &g.cfp_pcr.as_deref().map(e).unwrap_or_else(|| e(w.none)),
    ));
    b.push_str(&row2(
        w.standards_followed,
        &match g.standards_followed.is_empty() {
            true => e(w.not_stated),
            false => g
                .standards_followed
                .iter()
                .map(|s| e(s))
                .collect::<Vec<_>>()
                .join("; "),
        },
    ));
    b.push_str(&row2(w.commissioner, &party(&d.commissioner, w)));
    if d.practitioner.is_some() {
        b.push_str(&row2(w.practitioner, &party(&d.practitioner, w)));
    }
    b.push_str("</table>\n");

    // 2. Scope.
    b.push_str(&heading(w.scope, w.scope_ref));
    b.push_str("<table>\n");
    let p = &d.product;
    let mut product = e(&d.product.name);
    if let Some(n) = &p.name_zh {
        product.push_str(&format!("<br>{}", e(n)));
    }
    if let Some(c) = &p.code {
        product.push_str(&format!("<br>{}: {}", e(w.code), e(c)));
    }
    product.push_str(&format!("<br>{}: {}", e(w.sector), e(&p.sector)));
    if let Some(t) = p.template {
        product.push_str(&format!("; {}: <code>{}</code>", e(w.template), e(t)));
    }
    b.push_str(&row2(w.product, &product));
    b.push_str(&row2(
        w.declared_unit,
        &format!(
            "{} {}",
            number(d.unit.declared_unit.amount),
            e(&d.unit.declared_unit.unit)
        ),
    ));
    b.push_str(&row2(
        w.functional_unit,
        &d.unit
            .functional_unit
            .as_deref()
            .map(e)
            .unwrap_or_else(|| e(w.not_stated)),
    ));
    b.push_str(&row2(
        w.cfp_kind,
        &e(if d.system_boundary.partial_cfp {
            w.partial_cfp_long
        } else {
            w.full_cfp
        }),
    ));
    b.push_str(&row2(
        w.boundary,
        &e(&boundary_words(&d.system_boundary.kind, zh)),
    ));
    b.push_str(&row2(
        w.time_boundary,
        &format!(
            "{} – {}",
            e(&d.reference_period.start),
            e(&d.reference_period.end)
        ),
    ));
    let mut cut = Vec::new();
    if let Some(c) = &d.cut_off.boundary {
        cut.push(e(c));
    }
    if let Some(c) = &d.cut_off.study {
        let mut t = e(&c.criteria);
        if let Some(m) = c.max_excluded_share {
            t.push_str(&format!("; {}: {}", e(w.cut_off_max), number(m)));
        }
        if let Some(x) = c.excluded_share {
            t.push_str(&format!("; {}: {}", e(w.cut_off_excluded), number(x)));
        }
        cut.push(t);
    }
    b.push_str(&row2(
        w.cut_off,
        &match cut.is_empty() {
            true => format!("<span class=\"tbc\">{}</span>", e(w.not_stated)),
            false => cut.join("<br>"),
        },
    ));
    b.push_str(&row2(
        w.electricity,
        &match &d.electricity {
            Some(el) => {
                let mut t = e(&el.approach);
                for i in &el.contractual_instruments {
                    t.push_str(&format!("<br>{}: {}", e(w.instruments), e(&i.name)));
                    if let Some(k) = i.kwh {
                        t.push_str(&format!(" ({} kWh)", number(k)));
                    }
                    if let Some(ev) = &i.evidence {
                        t.push_str(&format!(" — {}", e(ev)));
                    }
                }
                t
            }
            None => e(w.not_stated),
        },
    ));
    b.push_str("</table>\n");

    b.push_str(&format!(
        "<h3>{}</h3>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>kg CO2e</th></tr>\n",
        e(w.stages),
        e(w.stage),
        e(w.lines),
        e(w.status)
    ));
    for s in &d.system_boundary.stages {
        let name = if zh { &s.name_zh } else { &s.name_en };
        let status = match (&s.exclusion_reason, s.lines) {
            (Some(r), _) => format!("{}: {}", e(w.excluded), e(r)),
            (None, 0) => format!("<span class=\"tbc\">{}</span>", e(w.no_lines)),
            (None, _) => e(w.included),
        };
        b.push_str(&format!(
            "<tr><td>{} <code>{}</code></td><td class=\"num\">{}</td><td>{}</td>{}</tr>\n",
            e(name),
            e(&s.stage),
            s.lines,
            status,
            num(s.kg_co2e)
        ));
    }
    b.push_str("</table>\n");

    b.push_str(&format!(
        "<h3>{}</h3>\n<p class=\"ref\">{}</p>\n",
        e(w.allocation),
        e(w.allocation_ref)
    ));
    if d.allocation.is_empty() {
        b.push_str(&format!("<p>{}</p>\n", e(w.no_allocation)));
    } else {
        b.push_str(&format!(
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
            e(w.process),
            e(w.share),
            e(w.method)
        ));
        for a in &d.allocation {
            b.push_str(&format!(
                "<tr><td><code>{}</code></td>{}<td>{}</td></tr>\n",
                e(&a.process),
                num(a.allocation_share),
                a.method
                    .as_deref()
                    .map(e)
                    .unwrap_or_else(|| e(w.not_stated))
            ));
        }
        b.push_str("</table>\n");
    }

    // 3. Data.
    b.push_str(&heading(w.data, w.data_ref));
    b.push_str(&format!(
        "<h3>{}</h3>\n<table>\n<tr><th>{}</th><th>kg CO2e</th><th>{}</th></tr>\n",
        e(w.data_basis),
        e(w.basis),
        e(w.share)
    ));
    for x in &d.by_data_basis {
        b.push_str(&format!(
            "<tr><td>{} <code>{}</code></td>{}<td class=\"num\">{}</td></tr>\n",
            e(name_in(BASIS_NAMES, x.basis, zh)),
            e(x.basis),
            num(x.kg_co2e),
            opt_number(x.share, "—")
        ));
    }
    b.push_str("</table>\n");
    let q = &d.data_quality;
    b.push_str(&format!("<h3>{}</h3>\n<table>\n", e(w.dq)));
    for (item, v) in [
        (w.primary_share, q.primary_data_share),
        (w.rated_share, q.rated_share),
        (w.technological, q.technological),
        (w.geographical, q.geographical),
        (w.temporal, q.temporal),
        (w.precision, q.precision),
    ] {
        b.push_str(&row2(item, &opt_number(v, w.not_rated)));
    }
    b.push_str(&format!(
        "</table>\n<p class=\"note\">{}</p>\n",
        e(w.dq_note)
    ));

    let ds = &d.data_sources;
    b.push_str(&format!(
        "<h3>{}</h3>\n<table class=\"small\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>SHA-256</th><th>{}</th></tr>\n",
        e(w.tables),
        e(w.table),
        e(w.origin),
        e(w.rows),
        e(w.licences)
    ));
    for t in &ds.tables {
        b.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td><td class=\"digest\">{}</td><td>{}</td></tr>\n",
            e(&t.name),
            e(t.origin),
            t.rows,
            e(&t.sha256),
            t.licences_used.iter().map(|l| e(l)).collect::<Vec<_>>().join("<br>")
        ));
    }
    b.push_str("</table>\n");
    if !ds.overrides.is_empty() {
        b.push_str(&format!("<p>{}:</p>\n<ul>\n", e(w.overrides)));
        for o in &ds.overrides {
            b.push_str(&format!(
                "<li><code>{}</code>: {} → {}</li>\n",
                e(&o.id),
                e(&o.hidden),
                e(&o.used)
            ));
        }
        b.push_str("</ul>\n");
    }
    b.push_str(&format!(
        "<h3>{}</h3>\n<table class=\"wide\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>kg CO2e</th></tr>\n",
        e(w.line_list),
        e(w.stage),
        e(w.line),
        e(w.amount),
        e(w.factor),
        e(w.source),
        e(w.licence),
        e(w.verification_status)
    ));
    for l in &ds.lines {
        let mut line = l.name.as_deref().map(e).unwrap_or_default();
        if !line.is_empty() {
            line.push_str("<br>");
        }
        line.push_str(&format!("<code>{}</code>", e(&l.path)));
        if l.primary {
            line.push_str(&format!(" ({})", e(w.primary)));
        }
        let (factor, source, licence, status) = match (&l.factor, &l.gas, &l.supplier) {
            (Some(f), _, _) => (
                format!(
                    "<code>{}</code><br>{} {}/{}; {}{}",
                    e(&f.id),
                    number(f.value),
                    e(f.value_unit),
                    e(f.per_unit),
                    e(&f.geography),
                    f.year.map(|y| format!(", {y}")).unwrap_or_default()
                ),
                e(&f.source),
                e(&f.licence),
                e(f.verification),
            ),
            (None, Some(g), _) => (
                format!("<code>{}</code>", e(g)),
                String::new(),
                String::new(),
                e("direct"),
            ),
            (None, None, Some(s)) => (
                format!("{}: {}", e(w.supplier), e(s)),
                l.supplier_source.as_deref().map(e).unwrap_or_default(),
                String::new(),
                e("declared"),
            ),
            (None, None, None) => (String::new(), String::new(), String::new(), e(l.kind)),
        };
        b.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>\n",
            e(&l.stage),
            line,
            number(l.amount),
            e(l.unit),
            factor,
            source,
            licence,
            status,
            num(l.kg_co2e)
        ));
    }
    b.push_str("</table>\n");

    // 4. GWP.
    b.push_str(&heading(w.gwp, w.gwp_ref));
    b.push_str(&format!(
        "<table>\n{}</table>\n",
        row2(
            w.gwp_set,
            &format!("<code>{}</code>: {}", e(&d.gwp.set), e(&gwp_words(d, zh)))
        )
    ));
    b.push_str(&format!(
        "<table>\n<tr><th>{}</th><th>{}</th><th>kg CO2e</th></tr>\n",
        e(w.gas),
        e(w.gas_kg)
    ));
    for g in &d.gwp.by_gas {
        b.push_str(&format!(
            "<tr><td><code>{}</code></td><td class=\"num\">{}</td>{}</tr>\n",
            e(g.gas),
            g.kg.map(number).unwrap_or_else(|| "—".into()),
            num(g.kg_co2e)
        ));
    }
    b.push_str("</table>\n");

    // 5. Results.
    let res = &d.results;
    b.push_str(&heading(w.results, w.results_ref));
    b.push_str(&format!(
        "<p><strong>{}: <span class=\"figure\">{}</span> {}</strong></p>\n",
        e(cfp_words),
        number(res.total_kg_co2e),
        e(&unit_words)
    ));
    b.push_str(&format!(
        "<figure>\n{}\n<figcaption>{} ({})</figcaption>\n</figure>\n",
        stage_chart(&d.system_boundary.stages, zh, w.chart_title),
        e(w.chart_title),
        e(&unit_words)
    ));
    b.push_str(&format!(
        "<table>\n<tr><th>{}</th><th>kg CO2e</th></tr>\n",
        e(w.stage)
    ));
    for s in &res.by_stage {
        b.push_str(&format!(
            "<tr><td>{} <code>{}</code></td>{}</tr>\n",
            e(&stage_label(d, &s.stage, zh)),
            e(&s.stage),
            num(s.kg_co2e)
        ));
    }
    b.push_str(&format!(
        "<tr><th>{}</th><td class=\"num\"><strong>{}</strong></td></tr>\n</table>\n",
        e(w.total),
        number(res.total_kg_co2e)
    ));
    b.push_str(&format!(
        "<h3>{}</h3>\n<table>\n<tr><th>{}</th><th>kg CO2e</th></tr>\n",
        e(w.by_class),
        e(w.class)
    ));
    for c in &res.by_class {
        b.push_str(&format!(
            "<tr><td>{} <code>{}</code></td>{}</tr>\n",
            e(name_in(CLASS_NAMES, c.class, zh)),
            e(c.class),
            num(c.kg_co2e)
        ));
    }
    b.push_str(&format!(
        "<tr><th>{}</th>{}</tr>\n</table>\n<p class=\"note\">{}</p>\n",
        e(w.removals),
        num(res.removals_kg_co2e),
        e(w.class_note)
    ));
    // Every part in total; then, per stage, the parts that are not zero everywhere (rows are
    // stages, so that a long boundary does not widen the page).
    b.push_str(&format!(
        "<h3>{}</h3>\n<table class=\"small\">\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        e(w.parts),
        e(w.part),
        e(w.unit),
        e(w.total)
    ));
    for &part in crate::parts::Part::ALL {
        b.push_str(&format!(
            "<tr><td>{} <code>{}</code></td><td>{}</td>{}</tr>\n",
            e(name_in(PART_NAMES, part.key(), zh)),
            e(part.key()),
            e(part.unit().symbol()),
            num(res.parts.total.get(part))
        ));
    }
    b.push_str("</table>\n");
    let shown = nonzero_parts(&res.parts);
    if !shown.is_empty() {
        b.push_str(&format!(
            "<h3>{}</h3>\n<p class=\"note\">{}</p>\n<table class=\"wide wrap\">\n<tr><th>{}</th>",
            e(w.parts_by_stage),
            e(w.parts_by_stage_note),
            e(w.stage)
        ));
        for part in &shown {
            b.push_str(&format!(
                "<th><code>{}</code> ({})</th>",
                e(part.key()),
                e(part.unit().symbol())
            ));
        }
        b.push_str("</tr>\n");
        for st in &res.parts.by_stage {
            b.push_str(&format!(
                "<tr><td>{} <code>{}</code></td>",
                e(&stage_label(d, &st.stage, zh)),
                e(&st.stage)
            ));
            for &part in &shown {
                b.push_str(&num(st.parts.get(part)));
            }
            b.push_str("</tr>\n");
        }
        b.push_str("</table>\n");
    }
    if !res.parts.unsplit_components.is_empty() {
        b.push_str(&format!(
            "<p>{}: {}</p>\n",
            e(w.unsplit),
            res.parts
                .unsplit_components
                .iter()
                .map(|c| format!("<code>{}</code>", e(c)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !d.offsets.is_empty() {
        b.push_str(&format!(
            "<h3>{}</h3>\n<p class=\"note\">{}</p>\n<table>\n",
            e(w.offsets),
            e(w.offsets_note)
        ));
        for o in &d.offsets {
            let mut v = format!("{} kg CO2e", number(o.kg_co2e));
            if o.netted {
                v.push_str(&format!(" <span class=\"tbc\">({})</span>", e(w.netted)));
            }
            b.push_str(&row2(&o.name, &v));
        }
        b.push_str("</table>\n");
    }

    // 6. Uncertainty.
    b.push_str(&heading(w.uncertainty, w.uncertainty_ref));
    match &d.uncertainty {
        None => b.push_str(&format!("<p class=\"tbc\">{}</p>\n", e(w.not_attached))),
        Some(u) => {
            let st = &u.statistics;
            b.push_str("<table>\n");
            b.push_str(&row2(
                w.runs,
                &format!("{}; {}: {}; {}", u.runs, e(w.seed), u.seed, e(&u.engine)),
            ));
            b.push_str(&row2(
                w.mean,
                &format!("{} {}", number(st.mean), e(&unit_words)),
            ));
            b.push_str(&row2(w.sd, &number(st.sd)));
            b.push_str(&row2(w.median, &number(st.p50)));
            b.push_str(&row2(
                w.interval,
                &format!("{} – {}", number(st.p2_5), number(st.p97_5)),
            ));
            b.push_str(&row2(
                w.range,
                &format!("{} – {}", number(st.min), number(st.max)),
            ));
            if let Some(t) = &u.threshold {
                b.push_str(&row2(
                    &format!("{} {} kg CO2e", w.threshold, number(t.kg_co2e)),
                    &format!(
                        "{} (± {}; {}/{})",
                        number(t.probability_exceeding),
                        number(t.standard_error),
                        t.runs_exceeding,
                        u.runs
                    ),
                ));
            }
            b.push_str(&row2(w.matched_by, &e(u.matched_by)));
            b.push_str("</table>\n");
            if !u.sensitivity.is_empty() {
                b.push_str(&format!(
                    "<h3>{}</h3>\n<table class=\"small\">\n<tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
                    e(w.sensitivity),
                    e(w.item),
                    e(w.low),
                    e(w.high),
                    e(w.swing)
                ));
                for s in &u.sensitivity {
                    b.push_str(&format!(
                        "<tr><td class=\"num\">{}</td><td>{} <code>{}</code></td>{}{}{}</tr>\n",
                        s.rank,
                        e(&s.parameter),
                        e(&s.id),
                        num(s.low_kg_co2e),
                        num(s.high_kg_co2e),
                        num(s.swing_kg_co2e)
                    ));
                }
                b.push_str("</table>\n");
            }
        }
    }

    // 7. Limitations.
    b.push_str(&heading(w.limitations, w.limitations_ref));
    if d.limitations.is_empty() {
        b.push_str(&format!("<p>{}</p>\n", e(w.no_warnings)));
    } else {
        b.push_str("<ul>\n");
        for l in &d.limitations {
            b.push_str(&format!(
                "<li><code>{}</code> (<code>{}</code>{}): {}</li>\n",
                e(&l.code),
                e(&l.path),
                if l.places > 1 {
                    format!(", {} {}", l.places, e(w.places))
                } else {
                    String::new()
                },
                e(&l.message)
            ));
        }
        b.push_str("</ul>\n");
    }

    // 8. Pre-check.
    let v = &d.precheck;
    b.push_str(&format!("<h2>{}</h2>\n<table>\n", e(w.precheck)));
    b.push_str(&row2(
        w.scheme,
        &format!(
            "{} (<code>{}</code>)",
            e(if zh {
                &v.scheme_name_zh
            } else {
                &v.scheme_name_en
            }),
            e(&v.scheme)
        ),
    ));
    b.push_str(&row2(
        w.verdict,
        &format!(
            "<span class=\"verdict-{}\">{}</span>",
            e(v.verdict),
            e(verdict_words(v.verdict, lang))
        ),
    ));
    let c = &v.counts;
    b.push_str(&row2(
        w.counts,
        &format!(
            "{} / {} / {} / {}",
            c.passed, c.failed_errors, c.failed_warnings, c.not_applicable
        ),
    ));
    b.push_str(&format!(
        "</table>\n<table class=\"small\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        e(w.rule),
        e(w.reference),
        e(w.status),
        e(w.finding)
    ));
    for o in &d.precheck_outcomes {
        let (status, severity) = outcome_words(o.status, &o.severity, lang);
        b.push_str(&format!(
            "<tr><td><code>{}</code><br>{}</td><td>{}</td><td class=\"status-{}\">{}<br><span class=\"note\">{}</span></td><td>{}</td></tr>\n",
            e(&o.rule),
            e(if zh { &o.requirement_zh } else { &o.requirement_en }),
            e(&o.reference),
            e(o.status),
            e(status),
            e(severity),
            e(if zh { &o.detail_zh } else { &o.detail })
        ));
    }
    b.push_str("</table>\n");

    // 9. Critical review: blank.
    b.push_str("<section class=\"review\">\n");
    b.push_str(&heading(w.review, w.review_ref));
    b.push_str(&format!(
        "<p class=\"note\">{} ({})</p>\n<table>\n",
        e(w.review_note),
        e(d.critical_review.basis)
    ));
    for item in [w.reviewers, w.organisation, w.review_type, w.review_date] {
        b.push_str(&format!(
            "<tr><th>{}</th><td class=\"blank\"></td></tr>\n",
            e(item)
        ));
    }
    b.push_str(&format!(
        "<tr><th>{}</th><td class=\"blank tall\"></td></tr>\n<tr><th>{}</th><td class=\"blank\"></td></tr>\n</table>\n",
        e(w.statement),
        e(w.signature)
    ));
    b.push_str("<table>\n");
    b.push_str(&row2(
        w.recorded_verification,
        &match &d.verification {
            Some(v) => [
                Some(v.status.as_str()),
                v.body.as_deref(),
                v.reference.as_deref(),
            ]
            .iter()
            .flatten()
            .map(|t| e(t))
            .collect::<Vec<_>>()
            .join("; "),
            None => e(w.not_stated),
        },
    ));
    b.push_str(&row2(
        w.verification_report,
        &d.verification_report
            .as_deref()
            .map(e)
            .unwrap_or_else(|| e(w.none)),
    ));
    b.push_str("</table>\n</section>\n");

    // To be confirmed.
    b.push_str(&format!("<h2>{}</h2>\n<ul>\n", e(w.open_title)));
    for t in &d.to_be_confirmed {
        b.push_str(&format!(
            "<li><code>{}</code>: {}</li>\n",
            e(&t.field),
            e(if zh { &t.reason_zh } else { &t.reason_en })
        ));
    }
    b.push_str("</ul>\n");

    // Receipt.
    let r = &d.receipt;
    b.push_str(&format!("<h2>{}</h2>\n<table>\n", e(w.receipt_title)));
    for (k, v) in [
        ("result_sha256", &r.result_sha256),
        ("input_sha256", &r.input_sha256),
        ("engine", &r.engine),
        ("factor_set_sha256", &r.factor_set_sha256),
        ("gwp_table_sha256", &ds.gwp_table_sha256),
        ("parameters_sha256", &ds.parameters_sha256),
        ("rules_sha256 (iso14067)", &v.rules_sha256),
    ] {
        b.push_str(&format!(
            "<tr><th>{}</th><td class=\"digest\">{}</td></tr>\n",
            e(k),
            e(v)
        ));
    }
    b.push_str(&format!(
        "</table>\n<p class=\"note\">{}</p>\n",
        e(w.receipt_note)
    ));
    b.push_str(&format!("<footer>{}</footer>\n", e(w.footer)));
    page_styled(
        w.lang,
        &format!("{} — {}", w.title, product_name),
        STYLE,
        &b,
    )
}

#[cfg(test)]
mod tests {
    //! The report on shipped examples of every sector and on a study with every class: each
    //! stage and class figure appears with the result file's own digits, in both languages;
    //! user texts are escaped; the bytes repeat; the chart is well-formed SVG.

    use super::*;
    use crate::factors::FactorSet;
    use crate::reports::{report, sealed, Format, Options, Report};

    fn set() -> &'static FactorSet {
        FactorSet::builtin().expect("built-in")
    }

    fn example(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name);
        std::fs::read_to_string(path).expect("example exists")
    }

    /// The sealed result text of a study text, as `pcf compute` writes it.
    fn sealed_of(study: &str) -> String {
        crate::compute_json(study, set()).expect("computes")
    }

    fn write(text: &str, format: Format, lang: Lang, meta: Option<&str>) -> Result<Report> {
        let o = Options {
            format: Some(format),
            lang,
            meta: meta.map(str::to_string),
            uncertainty: None,
        };
        report("cfp-report", text, &o, set())
    }

    fn html_of(text: &str, lang: Lang) -> String {
        write(text, Format::Html, lang, None).expect("writes").text
    }

    /// Examples of five sectors: templates and plain `pcf/1`.
    const EXAMPLES: &[&str] = &[
        "battery-m1-75kwh.json",
        "steel-bf-bof-coil.json",
        "textile-tshirt-recycled-polyester.json",
        "pv-cre-ecs-mono-module.json",
        "ev-m1-compact-car.json",
        "battery-lfp-60kwh-generic.json",
    ];

    /// A `pcf/1` study with a fossil line, a removal, land-use change and aircraft emissions,
    /// a stage without lines, study statements and markup in every user text.
    const STUDY: &str = r#"{
      "schema": "pcf/1",
      "product": {"name": "<script>alert('x')</script> panel", "name_zh": "<b>板</b>", "sector": "other",
                  "declared_unit": {"amount": 1, "unit": "item"}, "functional_unit": "one panel & its <frame>"},
      "gwp_set": "AR6",
      "boundary": {"kind": "cradle-to-gate", "stages": ["make<1>", "grow & fly", "empty"],
                   "cut_off": "flows < 1 % of mass"},
      "reference_period": {"start": "2025-01-01", "end": "2025-12-31"},
      "activities": [
        {"name": "grid <electricity>", "amount": 120.5, "unit": "kWh", "factor": "cn.elec.footprint.2024.national", "stage": "make<1>",
         "data_quality": {"primary": true, "technological": 2, "geographical": 1, "temporal": 1}}
      ],
      "emissions": [
        {"gas": "CO2_biogenic", "amount": 700.25, "unit": "kg", "removal": true, "stage": "grow & fly"},
        {"gas": "CO2_luc", "amount": 3.3, "unit": "kg", "stage": "grow & fly"},
        {"gas": "CO2_fossil", "amount": 1.7, "unit": "kg", "aircraft": true, "stage": "grow & fly"},
        {"gas": "CH4_biogenic", "amount": 0.01, "unit": "kg", "stage": "grow & fly"}
      ],
      "study": {
        "standards": ["ISO 14067:2018", "GB/T 24067-2024 <x>"],
        "cut_off": {"criteria": "mass < 1 %", "max_excluded_share": 0.05, "excluded_share": 0.01},
        "electricity": {"approach": "location-based"},
        "stage_exclusions": [{"stage": "empty", "reason": "nothing <happens> here"}],
        "offsets": [{"name": "forest <credits>", "kg_co2e": 50, "netted": false}],
        "verification": {"status": "pending", "body": "Verifier & Co"}
      }
    }"#;

    const META: &str = r#"{
      "date": "2026-05-01",
      "verification_report": "VR-<7>",
      "cfp_study": {
        "report_id": "CFP-2026-<1>",
        "intended_application": "supplier <disclosure>",
        "reasons": "customer request & tender",
        "intended_audience": "B2B customers",
        "comparative_assertion": false,
        "cfp_pcr": "none <yet>",
        "commissioner": {"name": "<script>Buyer</script> Ltd", "address": "1 Road", "contact": "a@b.invalid"},
        "practitioner": {"name": "Analyst & Sons"}
      }
    }"#;

    /// The digits the result file writes for `"kg_co2e": X` at each stage and class, checked to
    /// be the same as `number` writes.
    fn written(result_text: &str, x: f64) -> String {
        let digits = number(x);
        assert!(
            result_text.contains(&format!("\"kg_co2e\": {digits}"))
                || result_text.contains(&format!("\"total_kg_co2e\": {digits}"))
                || result_text.contains(&format!("\"removals_kg_co2e\": {digits}")),
            "{digits} is not as the result file writes it"
        );
        digits
    }

    #[test]
    fn every_stage_and_class_figure_appears_with_the_results_digits_in_both_languages() {
        let mut studies: Vec<String> = EXAMPLES.iter().map(|e| example(e)).collect();
        studies.push(STUDY.to_string());
        for study in &studies {
            let text = sealed_of(study);
            let r = sealed(&text).expect("sealed");
            for lang in [Lang::En, Lang::Zh] {
                let page = html_of(&text, lang);
                for s in &r.by_stage {
                    let d = written(&text, s.kg_co2e);
                    assert!(
                        page.contains(&format!("<td class=\"num\">{d}</td>")),
                        "{}: stage {} {d} ({lang:?})",
                        r.product.name,
                        s.stage
                    );
                    // In the chart too.
                    assert!(page.contains(&format!("text-anchor=\"end\" fill=\"#222\">{d}</text>")));
                }
                for c in &r.by_class {
                    let d = written(&text, c.kg_co2e);
                    assert!(
                        page.contains(&format!(
                            "<code>{}</code></td><td class=\"num\">{d}</td>",
                            c.class
                        )),
                        "{}: class {} {d}",
                        r.product.name,
                        c.class
                    );
                }
                let total = written(&text, r.total_kg_co2e);
                assert!(page.contains(&format!("<span class=\"figure\">{total}</span>")));
                let removals = written(&text, r.removals_kg_co2e);
                assert!(page.contains(&format!("<td class=\"num\">{removals}</td>")));
                let rc = r.receipt.as_ref().expect("sealed");
                for digest in [&rc.result_sha256, &rc.input_sha256, &rc.factor_set_sha256] {
                    assert!(page.contains(digest.as_str()));
                }
                assert!(page.contains(&escape(&rc.engine)));
            }
            // The JSON form carries the same f64s.
            let v: serde_json::Value = serde_json::from_str(
                &write(&text, Format::Json, Lang::En, None)
                    .expect("writes")
                    .text,
            )
            .expect("JSON");
            assert_eq!(v["schema"], TAG);
            let res = &v["results"];
            assert_eq!(
                res["total_kg_co2e"].as_f64().map(f64::to_bits),
                Some(r.total_kg_co2e.to_bits())
            );
            for (i, s) in r.by_stage.iter().enumerate() {
                assert_eq!(
                    res["by_stage"][i]["kg_co2e"].as_f64().map(f64::to_bits),
                    Some(s.kg_co2e.to_bits())
                );
                assert_eq!(
                    v["system_boundary"]["stages"][i]["kg_co2e"]
                        .as_f64()
                        .map(f64::to_bits),
                    Some(s.kg_co2e.to_bits())
                );
            }
            for (i, c) in r.by_class.iter().enumerate() {
                assert_eq!(res["by_class"][i]["class"], c.class);
                assert_eq!(
                    res["by_class"][i]["kg_co2e"].as_f64().map(f64::to_bits),
                    Some(c.kg_co2e.to_bits())
                );
            }
            assert_eq!(v["precheck"]["scheme"], SCHEME);
            assert_eq!(
                v["receipt"]["result_sha256"],
                r.receipt.as_ref().expect("sealed").result_sha256.as_str()
            );
        }
    }

    #[test]
    fn every_class_and_part_is_reported_apart() {
        let text = sealed_of(STUDY);
        let r = sealed(&text).expect("sealed");
        let classes: Vec<&str> = r.by_class.iter().map(|c| c.class).collect();
        for c in ["fossil", "biogenic", "luc", "aircraft"] {
            assert!(classes.contains(&c), "{c} in {classes:?}");
        }
        assert!(r.removals_kg_co2e < 0.0);
        for lang in [Lang::En, Lang::Zh] {
            let page = html_of(&text, lang);
            let zh = lang == Lang::Zh;
            for c in &r.by_class {
                assert!(page.contains(&escape(name_in(CLASS_NAMES, c.class, zh))));
            }
            // Every part in total, and per stage every part not zero, with the result's
            // digits.
            for &part in crate::parts::Part::ALL {
                assert!(
                    page.contains(&format!(
                        "<code>{}</code></td><td>{}</td>{}</tr>",
                        part.key(),
                        part.unit().symbol(),
                        num(r.parts.total.get(part))
                    )),
                    "{}",
                    part.key()
                );
            }
            let shown = nonzero_parts(&r.parts);
            for p in [
                "fossil_ghg_emissions",
                "land_use_change_ghg_emissions",
                "biogenic_co2_uptake",
                "biogenic_non_co2_emissions",
                "aircraft_ghg_emissions",
            ] {
                assert!(shown.iter().any(|s| s.key() == p), "{p}");
            }
            for st in &r.parts.by_stage {
                let mut row = format!("<code>{}</code></td>", escape(&st.stage));
                for &part in &shown {
                    row.push_str(&num(st.parts.get(part)));
                }
                assert!(page.contains(&format!("{row}</tr>")), "{}", st.stage);
            }
        }
    }

    #[test]
    fn user_texts_are_escaped_in_both_languages() {
        let text = sealed_of(STUDY);
        for lang in [Lang::En, Lang::Zh] {
            let page = write(&text, Format::Html, lang, Some(META))
                .expect("writes")
                .text;
            assert!(!page.contains("<script"), "{lang:?}");
            assert!(!page.contains("<b>") && !page.contains("<frame>") && !page.contains("<x>"));
            assert!(page.contains("&lt;script&gt;Buyer&lt;/script&gt; Ltd"));
            assert!(page.contains("make&lt;1&gt;"));
            assert!(page.contains("grow &amp; fly"));
            assert!(page.contains("nothing &lt;happens&gt; here"));
            assert!(page.contains("forest &lt;credits&gt;"));
            assert!(page.contains("CFP-2026-&lt;1&gt;"));
            let name = match lang {
                Lang::En => "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; panel",
                Lang::Zh => "&lt;b&gt;板&lt;/b&gt;",
            };
            assert!(page.contains(name), "{lang:?}");
            // The only elements are pcf's own.
            assert_eq!(page.matches("<svg").count(), 1);
        }
    }

    /// The `<svg>…</svg>` of a page.
    #[cfg(not(target_arch = "wasm32"))]
    fn svg_of(page: &str) -> &str {
        let start = page.find("<svg").expect("a chart");
        let end = page.find("</svg>").expect("its end") + "</svg>".len();
        &page[start..end]
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_chart_is_well_formed_svg_with_a_bar_per_stage() {
        for study in [
            example("textile-tshirt-recycled-polyester.json"),
            STUDY.to_string(),
        ] {
            let text = sealed_of(&study);
            let r = sealed(&text).expect("sealed");
            for lang in [Lang::En, Lang::Zh] {
                let page = html_of(&text, lang);
                let doc = roxmltree::Document::parse(svg_of(&page)).expect("well-formed XML");
                let root = doc.root_element();
                assert_eq!(root.tag_name().name(), "svg");
                assert_eq!(
                    root.tag_name().namespace(),
                    Some("http://www.w3.org/2000/svg")
                );
                let rects: Vec<_> = root.children().filter(|n| n.has_tag_name("rect")).collect();
                assert_eq!(rects.len(), r.boundary.stages.len());
                let texts: Vec<&str> = root
                    .children()
                    .filter(|n| n.has_tag_name("text"))
                    .filter_map(|n| n.text())
                    .collect();
                for (s, st) in r.by_stage.iter().zip(&r.boundary.stages) {
                    let (en, zh) = stage_names(r.template, st);
                    let name = if lang == Lang::Zh { zh } else { en };
                    // The parser unescapes: the stage's own text, markup and all.
                    assert!(texts.contains(&name.as_str()), "{name} in {texts:?}");
                    assert!(texts.contains(&number(s.kg_co2e).as_str()));
                }
                for rect in &rects {
                    let w: f64 = rect
                        .attribute("width")
                        .expect("width")
                        .parse()
                        .expect("a number");
                    assert!((0.0..=720.0).contains(&w));
                }
            }
        }
        // A negative stage (the removal) is drawn left of the zero line.
        let page = html_of(&sealed_of(STUDY), Lang::En);
        let doc = roxmltree::Document::parse(svg_of(&page)).expect("well-formed XML");
        let line = doc
            .descendants()
            .find(|n| n.has_tag_name("line"))
            .expect("zero line");
        let zero: f64 = line.attribute("x1").expect("x1").parse().expect("number");
        assert!(zero > 0.0);
    }

    #[test]
    fn the_same_result_gives_the_same_bytes() {
        for name in ["steel-bf-bof-coil.json", "battery-m1-75kwh.json"] {
            let text = sealed_of(&example(name));
            for (format, lang) in [
                (Format::Html, Lang::En),
                (Format::Html, Lang::Zh),
                (Format::Json, Lang::En),
            ] {
                let a = write(&text, format, lang, Some(META)).expect("writes");
                let b = write(&text, format, lang, Some(META)).expect("writes");
                assert_eq!(a.text, b.text);
                assert_eq!(a.format, format);
            }
            // JSON is the same in both languages; HTML differs.
            assert_eq!(
                write(&text, Format::Json, Lang::En, None)
                    .expect("writes")
                    .text,
                write(&text, Format::Json, Lang::Zh, None)
                    .expect("writes")
                    .text
            );
        }
    }

    #[test]
    fn html_is_the_default_format_and_pages_are_self_contained() {
        let text = sealed_of(&example("steel-bf-bof-coil.json"));
        let o = Options::default();
        let d = report("cfp-report", &text, &o, set()).expect("writes");
        assert_eq!(d.format, Format::Html);
        assert!(d.text.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        let zh = html_of(&text, Lang::Zh);
        assert!(zh.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        assert!(zh.contains("产品碳足迹研究报告") && zh.contains("鉴定性评审"));
        for page in [&d.text, &zh] {
            assert!(!page.contains("<script") && !page.contains("src=") && !page.contains("url("));
            assert!(page.contains("default-src 'none'"));
            // The critical review is blank: six empty cells for the reviewer.
            assert_eq!(page.matches("<td class=\"blank").count(), 6);
        }
    }

    #[test]
    fn the_goal_comes_from_the_meta_and_what_is_missing_is_listed() {
        let text = sealed_of(STUDY);
        let fields = |meta: Option<&str>| -> Vec<String> {
            let v: serde_json::Value = serde_json::from_str(
                &write(&text, Format::Json, Lang::En, meta)
                    .expect("writes")
                    .text,
            )
            .expect("JSON");
            v["to_be_confirmed"]
                .as_array()
                .expect("list")
                .iter()
                .map(|t| t["field"].as_str().expect("field").to_string())
                .collect()
        };
        assert_eq!(
            fields(None),
            [
                "clause_references",
                "gb_t_24067_template",
                "goal.intended_application",
                "goal.reasons",
                "goal.intended_audience",
                "goal.comparative_assertion",
                "commissioner",
                "uncertainty",
                "critical_review"
            ]
        );
        assert_eq!(
            fields(Some(META)),
            [
                "clause_references",
                "gb_t_24067_template",
                "uncertainty",
                "critical_review"
            ]
        );
        let v: serde_json::Value = serde_json::from_str(
            &write(&text, Format::Json, Lang::En, Some(META))
                .expect("writes")
                .text,
        )
        .expect("JSON");
        assert_eq!(v["goal"]["intended_application"], "supplier <disclosure>");
        assert_eq!(v["goal"]["comparative_assertion"], false);
        assert_eq!(v["commissioner"]["name"], "<script>Buyer</script> Ltd");
        assert_eq!(v["report_id"], "CFP-2026-<1>");
        assert_eq!(v["date"], "2026-05-01");
        // From the study: standards, cut-off, exclusions, offsets, verification.
        assert_eq!(v["goal"]["standards_followed"][0], "ISO 14067:2018");
        assert_eq!(v["cut_off"]["boundary"], "flows < 1 % of mass");
        assert_eq!(v["cut_off"]["study"]["max_excluded_share"], 0.05);
        assert_eq!(
            v["system_boundary"]["stages"][2]["exclusion_reason"],
            "nothing <happens> here"
        );
        assert_eq!(v["system_boundary"]["partial_cfp"], true);
        assert_eq!(v["offsets"][0]["kg_co2e"], 50.0);
        assert_eq!(v["verification"]["status"], "pending");
        // The critical review is null everywhere but its basis.
        let review = v["critical_review"].as_object().expect("object");
        assert_eq!(review.len(), 6);
        assert!(review.iter().all(|(k, x)| k == "basis" || x.is_null()));
        // The primary line and the data-quality summary are the result's.
        let r = sealed(&text).expect("sealed");
        assert_eq!(
            v["data_quality"]["primary_data_share"].as_f64(),
            r.data_quality.primary_data_share
        );
        assert_eq!(v["data_sources"]["lines"][0]["primary"], true);
    }

    #[test]
    fn meta_errors_name_their_path() {
        let text = sealed_of(STUDY);
        for (meta, code, path) in [
            (
                r#"{"cfp_study": {"commissioner": {"address": "x"}}}"#,
                "invalid_document",
                "$meta.cfp_study.commissioner.name",
            ),
            (
                r#"{"cfp_study": {"practitioner": {"name": " "}}}"#,
                "invalid_value",
                "$meta.cfp_study.practitioner.name",
            ),
            (
                r#"{"cfp_study": {"reasons": ""}}"#,
                "invalid_value",
                "$meta.cfp_study.reasons",
            ),
            (
                r#"{"cfp_study": {"comparative_assertion": "no"}}"#,
                "invalid_document",
                "$meta.cfp_study.comparative_assertion",
            ),
            (
                r#"{"cfp_study": {"goal": "x"}}"#,
                "invalid_document",
                "$meta.cfp_study.goal",
            ),
        ] {
            let e = write(&text, Format::Html, Lang::En, Some(meta)).expect_err("bad meta");
            assert_eq!((e.code(), e.path()), (code, path), "{meta}: {e}");
        }
    }

    fn run_of(study: &str, runs: u32) -> String {
        crate::uncertainty::run_json(
            study,
            set(),
            crate::uncertainty::Options {
                runs,
                seed: 7,
                threshold: Some(1000.0),
            },
        )
        .expect("runs")
    }

    #[test]
    fn an_uncertainty_run_of_the_same_study_is_shown_and_another_is_refused() {
        let study = example("battery-lfp-60kwh-generic.json");
        let text = sealed_of(&study);
        let run = run_of(&study, 200);
        let o = |u: &str, format| Options {
            format: Some(format),
            lang: Lang::En,
            meta: None,
            uncertainty: Some(u.to_string()),
        };
        let page = report("cfp-report", &text, &o(&run, Format::Html), set())
            .expect("writes")
            .text;
        let v: serde_json::Value = serde_json::from_str(&run).expect("JSON");
        let st = &v["statistics"];
        for key in ["mean", "sd", "p2_5", "p50", "p97_5", "min", "max"] {
            let x = st[key].as_f64().expect("a number");
            // As the run file writes it.
            assert!(run.contains(&format!("\"{key}\": {}", number(x))));
            assert!(page.contains(&number(x)), "{key}");
        }
        assert!(!page.contains("No uncertainty run is attached"));
        let doc: serde_json::Value = serde_json::from_str(
            &report("cfp-report", &text, &o(&run, Format::Json), set())
                .expect("writes")
                .text,
        )
        .expect("JSON");
        assert_eq!(doc["uncertainty"]["runs"], 200);
        assert_eq!(doc["uncertainty"]["statistics"], *st);
        assert_eq!(doc["uncertainty"]["threshold"], v["threshold"]);
        assert_eq!(
            doc["uncertainty"]["sensitivity"].as_array().map(Vec::len),
            Some(SENSITIVITY_BARS.min(v["sensitivity"].as_array().expect("list").len()))
        );
        let open: Vec<&str> = doc["to_be_confirmed"]
            .as_array()
            .expect("list")
            .iter()
            .map(|t| t["field"].as_str().expect("field"))
            .collect();
        assert!(!open.contains(&"uncertainty"));

        // A run of another study, a text that is not a run, a run given to another kind.
        let other = run_of(&example("battery-nmc811-per-kwh.json"), 20);
        let e = report("cfp-report", &text, &o(&other, Format::Html), set())
            .expect_err("another study");
        assert_eq!(
            (e.code(), e.path()),
            ("invalid_value", "$uncertainty.product")
        );
        let edited = run.replacen(
            "\"deterministic_kg_co2e\": ",
            "\"deterministic_kg_co2e\": 1",
            1,
        );
        let e = report("cfp-report", &text, &o(&edited, Format::Html), set()).expect_err("edited");
        assert_eq!(
            (e.code(), e.path()),
            ("invalid_value", "$uncertainty.deterministic_kg_co2e")
        );
        let e = report("cfp-report", &text, &o(&text, Format::Html), set()).expect_err("a result");
        assert_eq!(e.path(), "$uncertainty.format");
        let e =
            report("cfp-report", &text, &o("[1]", Format::Html), set()).expect_err("not an object");
        assert_eq!((e.code(), e.path()), ("invalid_document", "$uncertainty"));
        let battery = sealed_of(&example("battery-m1-75kwh.json"));
        let e = report("battery-passport", &battery, &o(&run, Format::Json), set())
            .expect_err("not cfp-report");
        assert_eq!((e.code(), e.path()), ("invalid_value", "uncertainty"));
    }

    #[test]
    fn cfp_report_applies_to_every_result() {
        for name in EXAMPLES {
            let r = sealed(&sealed_of(&example(name))).expect("sealed");
            assert!(
                crate::reports::kinds_for(&r).ends_with(&["cfp-report", "label"]),
                "{name}"
            );
        }
    }

    #[test]
    fn every_part_class_basis_and_template_stage_has_a_name() {
        for &part in crate::parts::Part::ALL {
            assert!(
                PART_NAMES.iter().any(|(k, _, _)| *k == part.key()),
                "{}",
                part.key()
            );
        }
        assert_eq!(PART_NAMES.len(), crate::parts::Part::ALL.len());
        for c in ["fossil", "biogenic", "luc", "aircraft", "unsplit"] {
            assert!(crate::gwp::EmissionClass::parse(c).is_some());
            assert!(CLASS_NAMES.iter().any(|(k, _, _)| *k == c));
        }
        for b in crate::result::DATA_BASES {
            assert!(BASIS_NAMES.iter().any(|(k, _, _)| *k == b), "{b}");
        }
        // Every stage of every template example has a name of its own.
        for name in EXAMPLES {
            let r = sealed(&sealed_of(&example(name))).expect("sealed");
            if r.template.is_none() {
                continue;
            }
            for s in &r.boundary.stages {
                let (en, zh) = stage_names(r.template, s);
                assert!(en != *s && zh != *s, "{name}: stage {s}");
            }
        }
        for (t, _, _, _) in STAGE_NAMES {
            assert!(crate::sectors::by_tag(t).is_some(), "{t}");
        }
    }
}
