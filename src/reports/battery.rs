//! What both battery documents read from a `pcf-battery/1` result: the template's metrics (the
//! lifetime energy, the footprint per kWh of it) and the totals of the regulation's four
//! life-cycle stages, each also per kWh of lifetime energy.

use crate::error::{Error, Result};
use crate::result::FootprintResult;
use crate::sectors::battery::{BatteryMetrics, LABELS, STAGES};
use crate::sectors::SectorMetrics;

/// One life-cycle stage of the regulation (Annex II point 4, in its order).
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// The template's stage id (`raw_material_acquisition` …).
    pub id: &'static str,
    /// The stage's English name (the template's label).
    pub name_en: &'static str,
    /// The stage's Chinese name (the template's label).
    pub name_zh: &'static str,
    /// kg CO2e per battery: the result's stage total.
    pub kg_co2e: f64,
    /// kg CO2e per kWh of lifetime energy: the stage total ÷ the lifetime energy.
    pub kg_co2e_per_kwh: f64,
}

/// The figures of a battery result.
pub struct Figures<'a> {
    /// The template's metrics.
    pub metrics: &'a BatteryMetrics,
    /// The four stages, in the regulation's order.
    pub stages: Vec<Stage>,
}

/// The figures of a `pcf-battery/1` result; another result is `invalid_value` at `$.sector`
/// (the report's dispatch refuses it before, naming the kinds that apply).
pub fn figures(result: &FootprintResult) -> Result<Figures<'_>> {
    let Some(SectorMetrics::Battery(metrics)) = &result.sector else {
        return Err(Error::invalid(
            "$.sector",
            "a battery document needs a result of the pcf-battery/1 template",
        ));
    };
    let mut stages = Vec::with_capacity(STAGES.len());
    for id in STAGES {
        let total = result
            .by_stage
            .iter()
            .find(|s| s.stage == id)
            .ok_or_else(|| {
                Error::invalid(
                    "$.by_stage",
                    format!("the result has no total for the stage {id}"),
                )
            })?;
        let label = LABELS.iter().find(|l| l.field == id);
        stages.push(Stage {
            id,
            name_en: label.map(|l| l.en).unwrap_or(id),
            name_zh: label.map(|l| l.zh).unwrap_or(id),
            kg_co2e: total.kg_co2e,
            kg_co2e_per_kwh: total.kg_co2e / metrics.lifetime_energy_kwh,
        });
    }
    Ok(Figures { metrics, stages })
}
