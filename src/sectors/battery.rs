//! The traction-battery template, `"schema": "pcf-battery/1"` (EU Battery Regulation
//! (EU) 2023/1542 art. 7 and Annex II; China MIIT traction-battery declaration 2025).
//!
//! A battery maker fills in the pack (chemistry, usable capacity, vehicle category, warranty)
//! and lines under the four life-cycle stages of the regulation; the use stage is excluded. The
//! template becomes an ordinary `pcf/1` document, is computed like any other, and adds the
//! sector metrics: total energy delivered over the service life
//! `E = usable capacity × full-equivalent cycles per year × warranty years`, the footprint per
//! kWh of that energy (the declared functional unit) and, as a different quantity, per kWh of
//! capacity.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{computed, positive, same_stage, Expansion, Lines, Metrics, SectorMetrics};
use crate::document::{
    Activity, Boundary, Component, Document, GasEmission, Period, Product, Quantity,
};
use crate::error::{Error, JsonPath, Result};
use crate::factors::FactorSet;
use crate::model::Warning;
use crate::result::FootprintResult;

/// The metrics this template adds to a result, defined with the result's types.
pub use crate::result::sector_metrics::{BatteryMetrics, Plausibility};

/// The template's schema tag.
pub const TAG: &str = "pcf-battery/1";

/// The four life-cycle stages of the EU Battery Regulation, in reporting order.
pub const STAGES: [&str; 4] = [
    "raw_material_acquisition",
    "main_production",
    "distribution",
    "end_of_life",
];

/// A traction battery footprint study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "pcf-battery/1 traction battery template")]
pub struct BatteryDocument {
    /// Always `pcf-battery/1`.
    pub schema: String,
    /// The pack.
    pub battery: BatterySpec,
    /// GWP100 set: `AR4`, `AR5` or `AR6`.
    pub gwp_set: String,
    /// The period the data represent.
    pub reference_period: Period,
    /// Raw material acquisition and pre-processing: cathode active material, anode, electrolyte,
    /// separator, foils, housing, BMS and pack parts (lines as in `pcf/1`, without `stage`).
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub raw_material_acquisition: Vec<Activity>,
    /// Main product production: cell manufacturing (dry rooms included) and pack assembly.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub main_production: Vec<Activity>,
    /// Distribution to the point of sale.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub distribution: Vec<Activity>,
    /// End of life and recycling.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub end_of_life: Vec<Activity>,
    /// Direct gas emissions; each names one of the four stages.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub emissions: Vec<GasEmission>,
    /// Sub-products (cells, cathode material …) used by the lines, as in `pcf/1`.
    #[serde(default, deserialize_with = "crate::json::components")]
    pub components: Vec<Component>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Statements for the pre-checks (standards, cut-off, electricity, verification), as in
    /// `pcf/1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study: Option<crate::document::Study>,
}

/// The pack and its service life.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatterySpec {
    /// Model name.
    pub name: String,
    /// Chinese name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Cell chemistry: `LFP`, `NMC811`, `NMC622`, `NMC532`, `NCA`, `LMFP`, `sodium-ion` or `other`.
    pub chemistry: String,
    /// Usable energy capacity, kWh.
    pub usable_capacity_kwh: f64,
    /// Vehicle category: `M1`, `N1`, `L`, `M2`, `M3`, `N2` or `N3`.
    pub vehicle_category: String,
    /// Warranty, years.
    pub warranty_years: f64,
    /// A custom number of full-equivalent cycles per year, with its justification, instead of
    /// the regulation's value for the category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycles_per_year: Option<CustomCycles>,
    /// Product code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What the amounts of the raw-material lines are per: `pack` (default) or `kWh` (per kWh
    /// of usable capacity, as material inventories are often given; multiplied by the capacity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub material_amounts_per: Option<String>,
}

/// A justified custom cycle count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomCycles {
    /// Full-equivalent cycles per year.
    pub value: f64,
    /// Why this value applies.
    pub justification: String,
}

/// Chemistries the template accepts.
pub const CHEMISTRIES: &[&str] = &[
    "LFP",
    "NMC811",
    "NMC622",
    "NMC532",
    "NCA",
    "LMFP",
    "sodium-ion",
    "other",
];

/// The plausibility band of a chemistry, if `parameters.csv` has one, and where the pack's
/// cradle-to-gate footprint per kWh of capacity falls in it.
pub fn plausibility(
    chemistry: &str,
    cradle_to_gate_kg_co2e: f64,
    capacity_kwh: f64,
    factors: &FactorSet,
) -> Option<Plausibility> {
    let key = chemistry.to_ascii_lowercase();
    let get = |q: &str| factors.parameter(&format!("battery.band.{key}.{q}"));
    let (p5, p50, p95) = (get("p5")?, get("p50")?, get("p95")?);
    let value = cradle_to_gate_kg_co2e / capacity_kwh;
    Some(Plausibility {
        quantity: std::borrow::Cow::Borrowed("cradle-to-gate kg CO2e per kWh of capacity (raw material acquisition + main production), against a published distribution in kg CO2/kWh"),
        value,
        p5: p5.value,
        p50: p50.value,
        p95: p95.value,
        within_p5_p95: (p5.value..=p95.value).contains(&value),
        source: format!("{}, {}, {}: {}", p5.id, p50.id, p95.id, p5.source),
    })
}

pub(crate) fn category_parameter(category: &str) -> Option<&'static str> {
    match category {
        "M1" | "N1" => Some("battery.eu.cycles.m1n1"),
        "L" => Some("battery.eu.cycles.l"),
        "M2" | "M3" | "N2" | "N3" => Some("battery.eu.cycles.m2m3n2n3"),
        _ => None,
    }
}

/// The traction-battery sector.
pub struct Battery;

impl super::Sector for Battery {
    const NAME: &'static str = "battery";
    const TAG: &'static str = TAG;
    const LABELS: &'static [Label] = LABELS;
    const SCHEMA: &'static str = include_str!("../../schema/pcf-battery-1.schema.json");
    type Input = BatteryDocument;
    type Figures = Figures;

    fn tag_of(input: &BatteryDocument) -> &str {
        &input.schema
    }

    fn expand(input: &BatteryDocument, factors: &FactorSet) -> Result<Expansion<Figures>> {
        expand(input, factors)
    }

    fn metrics(
        input: &BatteryDocument,
        figures: &Figures,
        result: &FootprintResult,
        factors: &FactorSet,
    ) -> Result<Metrics> {
        let (m, warning) = metrics(&input.battery, figures, result, factors);
        Ok(Metrics {
            sector: SectorMetrics::Battery(m),
            warnings: warning.into_iter().collect(),
        })
    }
}

/// What the expansion computes for the metrics: the service-life figures.
pub struct Figures {
    /// Cycles per year.
    pub cycles: f64,
    /// Where they come from.
    pub cycles_source: String,
    /// Lifetime energy, kWh.
    pub lifetime_energy_kwh: f64,
}

/// Validates the template's own fields and turns it into a `pcf/1` document.
fn expand(doc: &BatteryDocument, factors: &FactorSet) -> Result<Expansion<Figures>> {
    let root = JsonPath::root();
    let bp = root.key("battery");
    let b = &doc.battery;
    if !CHEMISTRIES.contains(&b.chemistry.as_str()) {
        return Err(Error::invalid(
            bp.key("chemistry"),
            format!(
                "chemistry {:?} must be one of {}",
                b.chemistry,
                CHEMISTRIES.join(", ")
            ),
        ));
    }
    let capacity = positive(
        b.usable_capacity_kwh,
        &bp.key("usable_capacity_kwh"),
        "usable capacity",
    )?;
    let years = positive(
        b.warranty_years,
        &bp.key("warranty_years"),
        "warranty years",
    )?;
    let parameter = category_parameter(&b.vehicle_category).ok_or_else(|| {
        Error::invalid(
            bp.key("vehicle_category"),
            format!(
                "vehicle category {:?} must be one of M1, N1, L, M2, M3, N2, N3",
                b.vehicle_category
            ),
        )
    })?;
    let (cycles, cycles_source) = match &b.cycles_per_year {
        Some(c) => {
            let cp = bp.key("cycles_per_year");
            let v = positive(c.value, &cp.key("value"), "cycles per year")?;
            if c.justification.trim().is_empty() {
                return Err(Error::invalid(
                    cp.key("justification"),
                    "a custom number of cycles per year needs its justification",
                ));
            }
            (v, format!("custom: {}", c.justification.trim()))
        }
        None => super::parameter(factors, parameter, &bp.key("vehicle_category"))?,
    };
    let lifetime_energy_kwh = computed(
        capacity * cycles * years,
        &bp,
        "lifetime energy (capacity × cycles × years)",
    )?;

    let per_kwh = match b.material_amounts_per.as_deref() {
        None | Some("pack") => false,
        Some("kWh") => true,
        Some(other) => {
            return Err(Error::invalid(
                bp.key("material_amounts_per"),
                format!("material amounts are per \"pack\" or per \"kWh\", not {other:?}"),
            ))
        }
    };
    // Lines: each section's lines get its stage, and their paths map back to the section.
    let mut lines = Lines::default();
    for (stage, section) in [
        ("raw_material_acquisition", &doc.raw_material_acquisition),
        ("main_production", &doc.main_production),
        ("distribution", &doc.distribution),
        ("end_of_life", &doc.end_of_life),
    ] {
        let from = lines.activities.len();
        lines.section(section, &root.key(stage), stage, same_stage)?;
        if per_kwh && stage == "raw_material_acquisition" {
            for a in lines.activities.iter_mut().skip(from) {
                let scaled = a.amount * capacity;
                a.name = Some(format!(
                    "{} ({} {}/kWh × {capacity} kWh)",
                    a.name.as_deref().unwrap_or("material"),
                    a.amount,
                    a.unit
                ));
                a.amount = scaled;
            }
        }
    }
    let document = Document {
        schema: crate::document::SCHEMA_TAG.into(),
        product: Product {
            name: b.name.clone(),
            name_zh: b.name_zh.clone(),
            sector: "battery".into(),
            declared_unit: Quantity {
                amount: 1.0,
                unit: "item".into(),
            },
            functional_unit: Some(format!(
                "total energy delivered over the service life: {capacity} kWh × {cycles} cycles/year × {years} years = {lifetime_energy_kwh} kWh"
            )),
            code: b.code.clone(),
        },
        gwp_set: doc.gwp_set.clone(),
        boundary: Boundary {
            kind: "partial".into(),
            stages: STAGES.iter().map(|s| s.to_string()).collect(),
            cut_off: Some(
                "use stage excluded (EU Battery Regulation Annex II)".into(),
            ),
        },
        reference_period: doc.reference_period.clone(),
        activities: lines.activities,
        emissions: doc.emissions.clone(),
        components: doc.components.clone(),
        allocation: None,
        notes: doc.notes.clone(),
        study: doc.study.clone(),
    };
    Ok(Expansion {
        document,
        paths: lines.paths,
        figures: Figures {
            cycles,
            cycles_source,
            lifetime_energy_kwh,
        },
    })
}

/// The metrics of a computed battery footprint, and the warning when its cradle-to-gate
/// footprint per kWh of capacity is outside its chemistry's published band (also for a
/// battery study embedded in a `pcf-ev/1` vehicle).
pub fn metrics(
    b: &BatterySpec,
    e: &Figures,
    result: &FootprintResult,
    factors: &FactorSet,
) -> (BatteryMetrics, Option<Warning>) {
    let cradle_to_gate = crate::engine::canonical_sum(
        result
            .by_stage
            .iter()
            .filter(|s| s.stage == "raw_material_acquisition" || s.stage == "main_production")
            .map(|s| s.kg_co2e)
            .collect(),
    );
    let band = plausibility(&b.chemistry, cradle_to_gate, b.usable_capacity_kwh, factors);
    let warning = band.as_ref().filter(|p| !p.within_p5_p95).map(|p| {
        Warning::new(
            "outside_plausibility_band",
            "$.battery",
            format!(
                "cradle-to-gate {} kg CO2e per kWh of capacity is outside the published P5–P95 band {}–{} for {}: check the inventory",
                p.value, p.p5, p.p95, b.chemistry
            ),
        )
    });
    let total_kg_co2e = result.total_kg_co2e;
    let m = BatteryMetrics {
        chemistry: b.chemistry.clone(),
        vehicle_category: b.vehicle_category.clone(),
        usable_capacity_kwh: b.usable_capacity_kwh,
        cycles_per_year: e.cycles,
        cycles_source: e.cycles_source.clone(),
        warranty_years: b.warranty_years,
        lifetime_energy_kwh: e.lifetime_energy_kwh,
        kg_co2e_per_kwh_lifetime_energy: total_kg_co2e / e.lifetime_energy_kwh,
        kg_co2e_per_kwh_capacity: total_kg_co2e / b.usable_capacity_kwh,
        plausibility: band,
    };
    (m, warning)
}

use super::{label, Label};

/// Bilingual labels of the template's own fields (the common ones are in
/// [`super::COMMON_LABELS`]).
pub const LABELS: &[Label] = &[
    label("battery", "Battery pack", "动力电池包"),
    label("battery.name", "Model", "型号"),
    label("battery.name_zh", "Chinese name", "中文名称"),
    label("battery.chemistry", "Cell chemistry", "电芯化学体系"),
    label(
        "battery.usable_capacity_kwh",
        "Usable capacity (kWh)",
        "可用容量(kWh)",
    ),
    label("battery.vehicle_category", "Vehicle category", "车辆类别"),
    label("battery.warranty_years", "Warranty (years)", "质保年限(年)"),
    label(
        "battery.cycles_per_year",
        "Custom full-equivalent cycles per year",
        "自定义年等效满充循环次数",
    ),
    label(
        "battery.cycles_per_year.value",
        "Cycles per year",
        "每年循环次数",
    ),
    label(
        "battery.cycles_per_year.justification",
        "Justification",
        "理由说明",
    ),
    label("battery.code", "Product code", "产品编码"),
    label(
        "battery.material_amounts_per",
        "Raw-material amounts per (pack or kWh)",
        "原材料用量基准(每包或每kWh)",
    ),
    label(
        "raw_material_acquisition",
        "Raw material acquisition and pre-processing",
        "原材料获取与预处理",
    ),
    label("main_production", "Main product production", "主要产品生产"),
    label("distribution", "Distribution", "分销"),
    label("end_of_life", "End of life and recycling", "寿命终止与回收"),
];

#[cfg(test)]
mod plausibility_tests {
    use super::*;

    #[test]
    fn a_pack_is_placed_in_its_chemistry_band() {
        let set = FactorSet::builtin().expect("built-in");
        // LFP band 54–69 kg/kWh (P5–P95): 60 kWh pack at 3,600 kg cradle-to-gate = 60 → within.
        let p = plausibility("LFP", 3600.0, 60.0, set).expect("LFP has a band");
        assert_eq!((p.value, p.p5, p.p50, p.p95), (60.0, 54.0, 62.0, 69.0));
        assert!(p.within_p5_p95);
        // 4,200 kg → 70 per kWh: above P95.
        assert!(
            !plausibility("LFP", 4200.0, 60.0, set)
                .expect("band")
                .within_p5_p95
        );
        // NMC811 band 59–115.
        assert!(
            plausibility("NMC811", 4200.0, 60.0, set)
                .expect("band")
                .within_p5_p95
        );
        // No band for NCA in the parameter table.
        assert!(plausibility("NCA", 4200.0, 60.0, set).is_none());
    }

    #[test]
    fn outside_the_band_the_result_warns() {
        let set = FactorSet::builtin().expect("built-in");
        let doc = r#"{"schema":"pcf-battery/1","battery":{"name":"p","chemistry":"LFP","usable_capacity_kwh":10,
          "vehicle_category":"M1","warranty_years":8},"gwp_set":"AR6","reference_period":{"start":"2025-01-01","end":"2025-12-31"},
          "main_production":[{"amount":1000,"unit":"kg","inline_factor":{"value":1,"per_unit":"kg","gwp_set":"AR6","source":"test"}}]}"#;
        let r = crate::compute(doc, set).expect("computes");
        let w = r
            .warnings
            .iter()
            .find(|w| w.code == "outside_plausibility_band")
            .expect("a warning: 100 kg/kWh is above the LFP P95 of 69");
        assert_eq!(w.path, "$.battery");
    }
}
