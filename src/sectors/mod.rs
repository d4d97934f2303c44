//! Sector templates: structured inputs a person in the industry recognises, each turned into a
//! `pcf/1` document, computed by the same engine, and given the sector's own metrics.
//!
//! A template owns its validation ("cycles per year must be greater than zero", with the path
//! in the template) and maps every path of the generic document back to its own, so errors and
//! the audit trail speak the user's terms.

pub mod battery;
pub mod steel;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::factors::FactorSet;
use crate::result::FootprintResult;

/// Sector metrics attached to a result, keyed by sector.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectorMetrics {
    /// Traction battery (`pcf-battery/1`).
    Battery(battery::BatteryMetrics),
    /// Steel (`pcf-steel/1`).
    Steel(steel::SteelMetrics),
}

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
pub fn compute_battery(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    let doc: battery::BatteryDocument = crate::json::parse(text)?;
    let spec = doc.battery.clone();
    let expanded = battery::expand(doc, factors)?;
    let mut result = compute_expanded(
        expanded.document.clone(),
        &expanded.paths,
        battery::TAG,
        factors,
    )?;
    result.sector = Some(SectorMetrics::Battery(battery::metrics(
        &spec,
        &expanded,
        result.total_kg_co2e,
    )));
    Ok(result)
}

/// Computes a steel template.
pub fn compute_steel(text: &str, factors: &FactorSet) -> Result<FootprintResult> {
    let doc: steel::SteelDocument = crate::json::parse(text)?;
    let expanded = steel::expand(doc.clone())?;
    let mut result = compute_expanded(
        expanded.document.clone(),
        &expanded.paths,
        steel::TAG,
        factors,
    )?;
    let by_stage: Vec<f64> = result.by_stage.iter().map(|s| s.kg_co2e).collect();
    let m = steel::metrics(&doc, &expanded, &by_stage, factors);
    if m.cbam_default.is_none() {
        result.warnings.push(crate::model::Warning {
            code: "no_cbam_default".into(),
            path: "$.good.cn_code".into(),
            message: format!(
                "no CBAM default value for CN {} from {} in the factor tables",
                m.cn_code, m.country
            ),
        });
    }
    result.sector = Some(SectorMetrics::Steel(m));
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

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
