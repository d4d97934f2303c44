//! Sector templates: structured inputs a person in the industry recognises, each turned into a
//! `pcf/1` document, computed by the same engine, and given the sector's own metrics.
//!
//! A template owns its validation ("cycles per year must be greater than zero", with the path
//! in the template) and maps every path of the generic document back to its own, so errors and
//! the audit trail speak the user's terms.

pub mod battery;
pub mod ev;
pub mod pv;
pub mod steel;
pub mod textile;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::factors::FactorSet;
use crate::result::FootprintResult;

/// A sector template: its name (`pcf schema <name>`), its schema tag, how to compute it, its
/// JSON Schema and its bilingual field labels. Adding a sector = one module and one row of
/// [`TEMPLATES`].
pub struct Template {
    /// Short name: `battery`, `steel` …
    pub name: &'static str,
    /// The `schema` tag of its documents, e.g. `pcf-battery/1`.
    pub tag: &'static str,
    /// Computes a document of this template given as JSON text.
    pub compute: fn(&str, &FactorSet) -> Result<FootprintResult>,
    /// Generates the JSON Schema from the template's types (native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub generate: fn() -> schemars::Schema,
    /// English and Chinese labels of its fields, for the page.
    pub labels: &'static [Label],
}

/// The sector templates, in the order the page lists them.
pub const TEMPLATES: &[Template] = &[
    Template {
        name: "battery",
        tag: battery::TAG,
        compute: compute_battery,
        #[cfg(not(target_arch = "wasm32"))]
        generate: || schemars::schema_for!(battery::BatteryDocument),
        labels: battery::LABELS,
    },
    Template {
        name: "ev",
        tag: ev::TAG,
        compute: compute_ev,
        #[cfg(not(target_arch = "wasm32"))]
        generate: || schemars::schema_for!(ev::EvDocument),
        labels: ev::LABELS,
    },
    Template {
        name: "steel",
        tag: steel::TAG,
        compute: compute_steel,
        #[cfg(not(target_arch = "wasm32"))]
        generate: || schemars::schema_for!(steel::SteelDocument),
        labels: steel::LABELS,
    },
    Template {
        name: "pv",
        tag: pv::TAG,
        compute: compute_pv,
        #[cfg(not(target_arch = "wasm32"))]
        generate: || schemars::schema_for!(pv::PvDocument),
        labels: pv::LABELS,
    },
    Template {
        name: "textile",
        tag: textile::TAG,
        compute: compute_textile,
        #[cfg(not(target_arch = "wasm32"))]
        generate: || schemars::schema_for!(textile::TextileDocument),
        labels: textile::LABELS,
    },
];

/// The committed JSON Schema text of a template (`schema/<tag with / as ->.schema.json`);
/// `tests/schema.rs` checks it equals what [`Template::generate`] makes from the types, so the
/// WASM build need not carry the schema generator. Kept out of [`TEMPLATES`] so that a build
/// which never asks for a schema text (the page's core module, `src/wasm.rs`) leaves the texts
/// out.
pub fn schema_text(name: &str) -> Option<&'static str> {
    Some(match name {
        "battery" => include_str!("../../schema/pcf-battery-1.schema.json"),
        "ev" => include_str!("../../schema/pcf-ev-1.schema.json"),
        "steel" => include_str!("../../schema/pcf-steel-1.schema.json"),
        "pv" => include_str!("../../schema/pcf-pv-1.schema.json"),
        "textile" => include_str!("../../schema/pcf-textile-1.schema.json"),
        _ => return None,
    })
}

/// The template of a schema tag.
pub fn by_tag(tag: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.tag == tag)
}

/// The template of a short name.
pub fn by_name(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
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

/// Computes the `pcf/1` document a template expanded into, with every path of errors and of
/// the audit trail mapped back to the template, and marks the result with the template's tag.
fn compute_expanded(
    document: crate::document::Document,
    paths: &PathMap,
    tag: &'static str,
    factors: &FactorSet,
) -> Result<FootprintResult> {
    let mut result =
        crate::compute_document(document, factors).map_err(|e| paths.rewrite_error(e))?;
    paths.rewrite_result(&mut result);
    result.template = Some(tag);
    Ok(result)
}

/// Computes a traction-battery template.
fn compute_battery(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    let doc: battery::BatteryDocument = crate::json::parse_object(text)?;
    let spec = doc.battery.clone();
    let expanded = battery::expand(doc, factors)?;
    let mut result = compute_expanded(
        expanded.document.clone(),
        &expanded.paths,
        battery::TAG,
        factors,
    )?;
    let band = battery_band(&spec, &result, factors);
    if let Some(b) = band.as_ref().filter(|b| !b.within_p5_p95) {
        result.warnings.push(crate::model::Warning::new(
            "outside_plausibility_band",
            "$.battery",
            format!(
                "cradle-to-gate {} kg CO2e per kWh of capacity is outside the published P5–P95 band {}–{} for {}: check the inventory",
                b.value, b.p5, b.p95, spec.chemistry
            ),
        ));
    }
    result.sector = Some(SectorMetrics::Battery(battery::metrics(
        &spec,
        &expanded,
        result.total_kg_co2e,
        band,
    )));
    Ok(result)
}

/// Computes an electric-vehicle template. An embedded battery study is first computed on its
/// own, so that its errors come in its own terms (under `$.battery.template`) and its metrics
/// (lifetime energy, per kWh of it) are the battery template's.
fn compute_ev(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    let doc: ev::EvDocument = crate::json::parse_object(text)?;
    let expanded = ev::expand(doc.clone(), factors)?;
    let battery_study = match &expanded.battery {
        Some(b) => {
            let r = compute_expanded(
                b.expanded.document.clone(),
                &b.expanded.paths,
                battery::TAG,
                factors,
            )
            .map_err(|e| b.prefix.rewrite_error(e))?;
            Some(ev::BatteryStudy {
                metrics: battery::metrics(
                    &b.spec,
                    &b.expanded,
                    r.total_kg_co2e,
                    battery_band(&b.spec, &r, factors),
                ),
                by_stage: r
                    .by_stage
                    .iter()
                    .map(|s| ev::StageKg {
                        stage: s.stage.clone(),
                        kg_co2e: s.kg_co2e,
                    })
                    .collect(),
            })
        }
        None => None,
    };
    let mut result =
        compute_expanded(expanded.document.clone(), &expanded.paths, ev::TAG, factors)?;
    if let Some(w) = ev::curb_mass_warning(&doc, &expanded) {
        result.warnings.push(w);
    }
    result.sector = Some(SectorMetrics::Ev(Box::new(ev::metrics(
        &doc,
        &expanded,
        &result,
        battery_study,
    ))));
    Ok(result)
}

/// Where a computed battery's cradle-to-gate footprint per kWh of capacity falls in the
/// published band of its chemistry.
fn battery_band(
    spec: &battery::BatterySpec,
    result: &FootprintResult,
    factors: &FactorSet,
) -> Option<battery::Plausibility> {
    let cradle_to_gate = crate::engine::canonical_sum(
        result
            .by_stage
            .iter()
            .filter(|s| s.stage == "raw_material_acquisition" || s.stage == "main_production")
            .map(|s| s.kg_co2e)
            .collect(),
    );
    battery::plausibility(
        &spec.chemistry,
        cradle_to_gate,
        spec.usable_capacity_kwh,
        factors,
    )
}

/// Computes a steel template.
fn compute_steel(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    let doc: steel::SteelDocument = crate::json::parse_object(text)?;
    let expanded = steel::expand(doc.clone())?;
    let mut result = compute_expanded(
        expanded.document.clone(),
        &expanded.paths,
        steel::TAG,
        factors,
    )?;
    let by_stage: Vec<f64> = result.by_stage.iter().map(|s| s.kg_co2e).collect();
    let m = steel::metrics(&doc, &expanded, &by_stage, factors);
    if let Some(why) = &m.missing_default {
        result.warnings.push(crate::model::Warning::new(
            "no_cbam_default",
            "$.good.cn_code",
            why.clone(),
        ));
    }
    result.sector = Some(SectorMetrics::Steel(m));
    Ok(result)
}

/// Computes a photovoltaic-module template.
fn compute_pv(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    let doc: pv::PvDocument = crate::json::parse_object(text)?;
    let expanded = pv::expand(doc, factors)?;
    let mut result =
        compute_expanded(expanded.document.clone(), &expanded.paths, pv::TAG, factors)?;
    result.sector = Some(SectorMetrics::Pv(pv::metrics(
        &expanded,
        result.total_kg_co2e,
    )?));
    Ok(result)
}

/// Computes a textile template.
fn compute_textile(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    let doc: textile::TextileDocument = crate::json::parse_object(text)?;
    let expanded = textile::expand(doc, factors)?;
    let mut result = compute_expanded(
        expanded.document.clone(),
        &expanded.paths,
        textile::TAG,
        factors,
    )?;
    result.sector = Some(SectorMetrics::Textile(textile::metrics(&expanded, &result)));
    Ok(result)
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
