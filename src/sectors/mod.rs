//! Sector templates: structured inputs a person in the industry recognises, each turned into a
//! `pcf/1` document, computed by the same engine, and given the sector's own metrics.
//!
//! A sector is one module implementing [`Sector`]: its input type, `expand` (the template's
//! own validation, in its terms, and the `pcf/1` [`Document`] it becomes, with the [`PathMap`]
//! back to its fields) and `metrics` (the sector's figures, read from the computed result).
//! One generic driver ([`compute`]) does the rest for every sector: read the text, check the
//! `schema` tag, expand, compute the document with [`crate::compute_document`], map the paths
//! of errors, lines and warnings back to the template, add the metrics. Sectors produce a
//! document for the engine and read its result; the engine never calls them.
//!
//! The checks every template repeats live here once: [`positive`], [`between`], [`computed`],
//! [`parameter`], [`period_end_year`], and the stage loops ([`Lines`]: a section's lines into
//! the generated document, each with its stage and its path).
//!
//! To add a sector: a module implementing [`Sector`] (its input type, labels, expansion and
//! metrics), its committed schema (`UPDATE_GOLDEN=1 cargo test --test schema`), its example and
//! golden cases, its metrics variant in `pcf-core`'s `result::sector_metrics`, and one line in
//! the [`registry!`] call below.

pub mod battery;
pub mod ev;
pub mod pv;
pub mod steel;
pub mod textile;

use serde::Serialize;

use crate::document::{Activity, Document, Period};
use crate::error::{Error, JsonPath, Result};
use crate::factors::FactorSet;
use crate::model::{finite, Warning};
use crate::result::FootprintResult;

/// A sector template. Implemented by a unit type per sector (`battery::Battery` …) and
/// registered once in [`TEMPLATES`].
pub trait Sector {
    /// Short name (`pcf schema <name>`): `battery`, `steel` …
    const NAME: &'static str;
    /// The `schema` tag of its documents, e.g. `pcf-battery/1`.
    const TAG: &'static str;
    /// English and Chinese labels of its own fields (the shared ones are [`COMMON_LABELS`]).
    const LABELS: &'static [Label];
    /// The committed JSON Schema text of its input (`schema/<tag with / as ->.schema.json`);
    /// `tests/schema.rs` checks it equals what the input type generates, so the WASM build
    /// need not carry the schema generator.
    const SCHEMA: &'static str;
    /// The template document.
    type Input: serde::de::DeserializeOwned + schemars::JsonSchema;
    /// What the expansion computed that the metrics need besides the result.
    type Figures;
    /// The input's `schema` field.
    fn tag_of(input: &Self::Input) -> &str;
    /// Validates the template's own fields (errors at its paths) and turns it into a `pcf/1`
    /// document. The `schema` tag is already checked.
    fn expand(input: &Self::Input, factors: &FactorSet) -> Result<Expansion<Self::Figures>>;
    /// The sector's metrics (and any warning in its terms) of the computed result, whose
    /// paths are already the template's.
    fn metrics(
        input: &Self::Input,
        figures: &Self::Figures,
        result: &FootprintResult,
        factors: &FactorSet,
    ) -> Result<Metrics>;
}

/// A template expanded: the `pcf/1` document, the path map back to the template, and the
/// sector's own figures.
pub struct Expansion<F> {
    /// The generic document.
    pub document: Document,
    /// `pcf/1` paths → template paths.
    pub paths: PathMap,
    /// What the metrics need besides the result.
    pub figures: F,
}

/// What a sector adds to a computed result.
pub struct Metrics {
    /// Its metrics.
    pub sector: SectorMetrics,
    /// Warnings in the template's terms, after the engine's.
    pub warnings: Vec<Warning>,
}

impl Metrics {
    /// Metrics without warnings.
    pub fn new(sector: SectorMetrics) -> Metrics {
        Metrics {
            sector,
            warnings: Vec::new(),
        }
    }
}

/// A registered sector as the dispatch sees it: its name, tag, compute function, schema and
/// labels. Built from a [`Sector`] by [`Template::of`], so it is a table of plain function
/// pointers (static dispatch, one copy of the driver per sector, as before the trait).
pub struct Template {
    /// Short name: `battery`, `steel` …
    pub name: &'static str,
    /// The `schema` tag of its documents, e.g. `pcf-battery/1`.
    pub tag: &'static str,
    /// Computes a document of this template given as JSON text ([`compute`]).
    pub compute: fn(&str, &FactorSet) -> Result<FootprintResult>,
    /// Generates the JSON Schema from the template's types (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub generate: fn() -> schemars::Schema,
    /// The committed JSON Schema text ([`Sector::SCHEMA`]).
    pub schema: &'static str,
    /// English and Chinese labels of its fields, for the page.
    pub labels: &'static [Label],
}

impl Template {
    /// The registry row of a sector.
    pub const fn of<S: Sector>() -> Template {
        Template {
            name: S::NAME,
            tag: S::TAG,
            compute: compute::<S>,
            #[cfg(not(target_arch = "wasm32"))]
            generate: generate::<S>,
            schema: S::SCHEMA,
            labels: S::LABELS,
        }
    }
}

/// The JSON Schema of a sector's input, generated from its type.
#[cfg(not(target_arch = "wasm32"))]
fn generate<S: Sector>() -> schemars::Schema {
    schemars::schema_for!(S::Input)
}

/// Calls a [`SectorVisitor`] with each registered sector's type: for code that needs the input
/// type itself (the tests' round trips and parse-error paths), from the same list as
/// [`TEMPLATES`].
pub trait SectorVisitor {
    /// Called once per sector, in registry order.
    fn visit<S: Sector>(&mut self);
}

/// The registry: `TEMPLATES` and `visit_all` from one list of sectors.
macro_rules! registry {
    ($($sector:ty),+ $(,)?) => {
        /// The sector templates, in the order the page lists them.
        pub const TEMPLATES: &[Template] = &[$(Template::of::<$sector>()),+];

        /// Calls `v` with every sector of [`TEMPLATES`], in its order.
        pub fn visit_all<V: SectorVisitor>(v: &mut V) {
            $(v.visit::<$sector>();)+
        }
    };
}

// One line per sector, in the order the page lists them.
registry!(
    battery::Battery,
    ev::Ev,
    steel::Steel,
    pv::Pv,
    textile::Textile,
);

/// The committed JSON Schema text of a template by short name.
pub fn schema_text(name: &str) -> Option<&'static str> {
    by_name(name).map(|t| t.schema)
}

/// The template of a schema tag.
pub fn by_tag(tag: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.tag == tag)
}

/// The template of a short name.
pub fn by_name(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

/// The driver: reads a template document given as JSON text, expands it, computes it and adds
/// its metrics ([`Template::compute`]).
pub fn compute<S: Sector>(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    let input: S::Input = crate::json::parse_object(text)?;
    let expansion = expand::<S>(&input, factors)?;
    let (mut result, figures) = compute_expansion::<S>(expansion, factors)?;
    let m = S::metrics(&input, &figures, &result, factors)?;
    result.warnings.extend(m.warnings);
    result.sector = Some(m.sector);
    Ok(result)
}

/// Checks a parsed template's `schema` tag and expands it (also for a template embedded in
/// another: `pcf-ev/1`'s battery study).
pub fn expand<S: Sector>(input: &S::Input, factors: &FactorSet) -> Result<Expansion<S::Figures>> {
    let found = S::tag_of(input);
    if found != S::TAG {
        return Err(Error::UnsupportedSchema {
            path: JsonPath::root().key("schema").into(),
            found: found.to_string(),
            expected: S::TAG.into(),
        });
    }
    S::expand(input, factors)
}

/// Computes the `pcf/1` document a template expanded into, with every path of errors and of
/// the audit trail mapped back to the template, and marks the result with the template's tag;
/// the sector's figures come back for its metrics.
pub fn compute_expansion<S: Sector>(
    expansion: Expansion<S::Figures>,
    factors: &FactorSet,
) -> Result<(FootprintResult, S::Figures)> {
    let Expansion {
        document,
        paths,
        figures,
    } = expansion;
    let mut result =
        crate::compute_document(document, factors).map_err(|e| paths.rewrite_error(e))?;
    paths.rewrite_result(&mut result);
    result.template = Some(S::TAG);
    Ok((result, figures))
}

/// A finite number greater than zero: `non_finite`, then `not_positive` (a negative number
/// too: the templates' rule, where the model's says `negative_amount`).
pub fn positive(v: f64, path: &JsonPath, what: &str) -> Result<f64> {
    let v = finite(v, path, what)?;
    if v <= 0.0 {
        return Err(Error::NotPositive {
            path: path.into(),
            what: what.into(),
            value: v,
        });
    }
    Ok(v)
}

/// A finite number from `lo` to `hi`: `non_finite`, then `invalid_value` ("{what} must be
/// between {lo} and {hi}, got {v}").
pub fn between(v: f64, lo: f64, hi: f64, path: &JsonPath, what: &str) -> Result<f64> {
    let v = finite(v, path, what)?;
    if v < lo || v > hi {
        return Err(Error::invalid(
            path,
            format!("{what} must be between {lo} and {hi}, got {v}"),
        ));
    }
    Ok(v)
}

/// A figure the template computes from the user's numbers, which must stay finite (inputs
/// near `f64::MAX` can overflow): `non_finite_result` at `path`.
pub fn computed(v: f64, path: &JsonPath, what: &str) -> Result<f64> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(Error::NonFiniteResult {
            path: path.into(),
            what: what.into(),
        })
    }
}

/// A parameter row's value with "id (source)"; a missing row is `invalid_value` at `path`.
pub fn parameter(factors: &FactorSet, id: &str, path: &JsonPath) -> Result<(f64, String)> {
    factors
        .parameter(id)
        .map(|p| (p.value, format!("{} ({})", p.id, p.source)))
        .ok_or_else(|| Error::invalid(path, format!("the parameter table has no row {id}")))
}

/// The year of a reference period's end (`period` is its path), which chooses factors before
/// the model has read the document: a text that is not a date is the model's own error at
/// `…end`, never year 0.
pub fn period_end_year(p: &Period, period: &JsonPath) -> Result<i32> {
    let end = &p.end;
    match end.get(0..4).and_then(|y| y.parse().ok()) {
        Some(y) if crate::model::is_date(end) => Ok(y),
        _ => Err(Error::invalid(
            period.key("end"),
            format!("{end:?} is not a date YYYY-MM-DD"),
        )),
    }
}

/// A generated line of `amount` `unit` in `stage`, what it is an amount of still to say.
pub fn generated_line(name: String, amount: f64, unit: &str, stage: &str) -> Activity {
    Activity {
        id: None,
        name: Some(name),
        amount,
        unit: unit.into(),
        factor: None,
        inline_factor: None,
        factor_select: None,
        input: None,
        stage: Some(stage.into()),
        component: None,
        data_quality: None,
        uncertainty: None,
        note: None,
    }
}

/// What a line under a template section may say in its own `stage` field (`given`, the
/// section's `stage`, the field's path): `Ok` or the template's error.
pub type StageRule = fn(given: &str, stage: &str, path: JsonPath) -> Result<()>;

/// A line may repeat its section's stage, nothing else (battery, EV).
pub fn same_stage(given: &str, stage: &str, path: JsonPath) -> Result<()> {
    if given == stage {
        return Ok(());
    }
    no_stage(given, stage, path)
}

/// A line under a section gives no stage (textile).
pub fn no_stage(given: &str, stage: &str, path: JsonPath) -> Result<()> {
    Err(Error::invalid(
        path,
        format!("a line under {stage} belongs to that stage; remove stage {given:?}"),
    ))
}

/// The generated document's lines and the path map back to the template, built together so
/// that every generated line has its template path.
#[derive(Default)]
pub struct Lines {
    /// The generated lines, in order.
    pub activities: Vec<Activity>,
    /// `pcf/1` paths → template paths.
    pub paths: PathMap,
}

impl Lines {
    /// The path the next line gets in the generated document: `$.activities[n]`.
    pub fn next(&self) -> JsonPath {
        JsonPath::root()
            .key("activities")
            .index(self.activities.len())
    }

    /// Adds a line that comes from `from` in the template.
    pub fn push(&mut self, from: impl Into<String>, a: Activity) {
        self.paths.push(self.next().into(), from.into());
        self.activities.push(a);
    }

    /// The user's own lines under a section at `path`, each given the section's `stage`;
    /// `rule` checks a line's own `stage` field.
    pub fn section(
        &mut self,
        lines: &[Activity],
        path: &JsonPath,
        stage: &str,
        rule: StageRule,
    ) -> Result<()> {
        for (j, a) in lines.iter().enumerate() {
            let here = path.index(j);
            if let Some(s) = &a.stage {
                rule(s, stage, here.key("stage"))?;
            }
            let mut a = a.clone();
            a.stage = Some(stage.into());
            self.push(here, a);
        }
        Ok(())
    }
}

/// A field label for the page. `field` is the field's path in the template with array
/// indices left out (`battery.usable_capacity_kwh`, `main_production.amount`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Label {
    /// Path of the field in the template, without array indices.
    pub field: &'static str,
    /// English label.
    pub en: &'static str,
    /// Chinese label (简体中文).
    pub zh: &'static str,
}

/// Shorthand for a [`Label`] row.
pub const fn label(field: &'static str, en: &'static str, zh: &'static str) -> Label {
    Label { field, en, zh }
}

/// Labels of the fields every template shares (top level) and of a `pcf/1` line, which the
/// page shows under any section of lines.
pub const COMMON_LABELS: &[Label] = &[
    label("schema", "Template", "模板"),
    label(
        "gwp_set",
        "GWP set (IPCC report)",
        "全球变暖潜势(IPCC报告版本)",
    ),
    label("reference_period", "Reference period", "数据时间范围"),
    label("reference_period.start", "From", "起始日期"),
    label("reference_period.end", "To", "截止日期"),
    label("emissions", "Direct gas emissions", "直接温室气体排放"),
    label(
        "components",
        "Components and supplier footprints",
        "组件与供应商碳足迹",
    ),
    label("notes", "Notes", "备注"),
    label("study", "About the study", "研究说明"),
    label("study.standards", "Standards followed", "遵循的标准"),
    label("study.cut_off", "Cut-off criteria", "取舍准则"),
    label("study.cut_off.criteria", "Criteria", "准则"),
    label(
        "study.cut_off.max_excluded_share",
        "Largest share the criteria allow to exclude (0–1)",
        "准则允许排除的最大比例(0–1)",
    ),
    label(
        "study.cut_off.excluded_share",
        "Estimated share excluded (0–1)",
        "估计排除比例(0–1)",
    ),
    label("study.electricity", "Electricity modelling", "电力建模"),
    label(
        "study.electricity.approach",
        "Approach (location-based or market-based)",
        "方法(基于位置或基于市场)",
    ),
    label(
        "study.electricity.contractual_instruments",
        "Contractual instruments (green certificates, PPAs)",
        "合同工具(绿证、购电协议)",
    ),
    label(
        "study.offsets",
        "Offsets held (reported, never subtracted)",
        "持有的碳抵消(单独报告,不得抵扣)",
    ),
    label(
        "study.stage_exclusions",
        "Stages without lines, and why",
        "无数据的阶段及原因",
    ),
    label(
        "study.verification",
        "Third-party verification",
        "第三方核查",
    ),
    label(
        "study.verification.status",
        "Status (none, pending, verified)",
        "状态(无、进行中、已核查)",
    ),
    label("study.verification.body", "Verification body", "核查机构"),
    label(
        "study.verification.reference",
        "Certificate or statement",
        "证书或声明编号",
    ),
    label("*.evidence", "Evidence", "证明材料"),
    label(
        "*.netted",
        "Subtracted from the communicated figure",
        "是否从对外数据中抵扣",
    ),
    label("*.reason", "Reason", "原因"),
    label("*.stage", "Stage", "阶段"),
    label("*.kwh", "kWh covered", "覆盖电量(kWh)"),
    label("*.kg_co2e", "kg CO2e", "千克二氧化碳当量"),
    label("*.name", "Description", "名称"),
    label("*.amount", "Amount", "数量"),
    label("*.unit", "Unit", "单位"),
    label("*.factor", "Emission factor id", "排放因子编号"),
    label(
        "*.factor_select",
        "Factor chosen by series and place",
        "按系列与地区选择因子",
    ),
    label("*.inline_factor", "Own emission factor", "自有排放因子"),
    label("*.input", "Component used", "使用的组件"),
    label(
        "*.data_quality",
        "Data quality (1 best – 5)",
        "数据质量(1最好–5)",
    ),
    label("*.primary", "Primary data", "初级数据"),
];

pub use crate::result::sector_metrics::SectorMetrics;

/// Maps path prefixes of the generated `pcf/1` document to the template's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PathMap {
    entries: Vec<(String, String)>,
}

impl PathMap {
    /// Records that `from` (and everything under it) is `to` in the template.
    pub fn push(&mut self, from: String, to: String) {
        self.entries.push((from, to));
    }

    /// The template path of a generated path (unchanged when no entry matches).
    pub fn rewrite(&self, path: &str) -> String {
        for (from, to) in &self.entries {
            if let Some(rest) = path.strip_prefix(from.as_str()) {
                if rest.is_empty() || rest.starts_with('.') || rest.starts_with('[') {
                    return format!("{to}{rest}");
                }
            }
        }
        path.to_string()
    }

    /// Rewrites the path of an error.
    pub fn rewrite_error(&self, mut e: Error) -> Error {
        let p = self.rewrite(e.path());
        *e.path_mut() = p;
        e
    }

    /// Rewrites every path of a result (lines and warnings).
    pub fn rewrite_result(&self, r: &mut FootprintResult) {
        for l in &mut r.lines {
            l.path = self.rewrite(&l.path);
        }
        for w in &mut r.warnings {
            w.path = self.rewrite(&w.path);
            // Several generated lines can come from one template field (a line per stage or
            // per term): the field is listed once.
            let mut seen = std::collections::BTreeSet::new();
            let mut paths: Vec<String> = Vec::with_capacity(w.paths.len());
            for p in &w.paths {
                let p = self.rewrite(p);
                if seen.insert(p.clone()) {
                    paths.push(p);
                }
            }
            w.paths = paths;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field path of a schema (array indices left out), with whether it is reached
    /// through an array.
    fn fields(
        root: &serde_json::Value,
        node: &serde_json::Value,
        prefix: &str,
        in_array: bool,
        depth: usize,
        out: &mut Vec<(String, bool)>,
    ) {
        if depth > 8 {
            return;
        }
        if let Some(r) = node.get("$ref").and_then(|r| r.as_str()) {
            let name = r.rsplit('/').next().unwrap_or_default();
            if let Some(def) = root.get("$defs").and_then(|d| d.get(name)) {
                fields(root, def, prefix, in_array, depth + 1, out);
            }
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            for sub in node
                .get(key)
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
            {
                fields(root, sub, prefix, in_array, depth + 1, out);
            }
        }
        if let Some(items) = node.get("items") {
            fields(root, items, prefix, true, depth + 1, out);
        }
        if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
            for (k, sub) in props {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                out.push((path.clone(), in_array));
                fields(root, sub, &path, in_array, depth + 1, out);
            }
        }
    }

    #[test]
    fn every_template_field_has_english_and_chinese_labels() {
        for t in TEMPLATES {
            let schema = serde_json::from_str::<serde_json::Value>(
                schema_text(t.name).expect("committed schema"),
            )
            .expect("schema is JSON");
            let mut all = Vec::new();
            fields(&schema, &schema, "", false, 0, &mut all);
            assert!(
                all.iter().any(|(f, a)| f == "gwp_set" && !a) && all.iter().any(|(_, a)| *a),
                "{}: the schema walk finds top-level and list fields",
                t.name
            );
            let labels: Vec<&Label> = COMMON_LABELS.iter().chain(t.labels).collect();
            let labelled = |f: &str| {
                let last = f.rsplit('.').next().unwrap_or(f);
                labels
                    .iter()
                    .any(|l| l.field == f || l.field.strip_prefix("*.") == Some(last))
            };
            // The template's own fields (top level, and objects not inside lists) need labels.
            for (f, in_array) in &all {
                if !in_array && f.split('.').count() <= 3 {
                    assert!(labelled(f), "{}: field {f} has no label", t.name);
                }
            }
            for l in &labels {
                assert!(!l.en.trim().is_empty() && !l.zh.trim().is_empty());
                let exists = match l.field.strip_prefix("*.") {
                    Some(last) => all.iter().any(|(f, _)| f.rsplit('.').next() == Some(last)),
                    None => all.iter().any(|(f, _)| f == l.field),
                };
                assert!(
                    exists || COMMON_LABELS.contains(l),
                    "{}: label for {} names no field",
                    t.name,
                    l.field
                );
            }
        }
    }

    #[test]
    fn template_names_and_tags_are_unique() {
        for (i, a) in TEMPLATES.iter().enumerate() {
            for b in &TEMPLATES[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.tag, b.tag);
            }
            assert_eq!(by_tag(a.tag).map(|t| t.name), Some(a.name));
        }
    }

    #[test]
    fn paths_are_rewritten_at_segment_boundaries_only() {
        let mut m = PathMap::default();
        m.push("$.activities[1]".into(), "$.main_production[0]".into());
        assert_eq!(
            m.rewrite("$.activities[1].unit"),
            "$.main_production[0].unit"
        );
        assert_eq!(m.rewrite("$.activities[1]"), "$.main_production[0]");
        assert_eq!(m.rewrite("$.activities[10].unit"), "$.activities[10].unit");
    }
}
