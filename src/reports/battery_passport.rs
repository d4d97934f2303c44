//! `battery-passport`: the carbon-footprint attributes of the battery passport, as the Battery
//! Pass consortium's data model names them (aspect
//! `urn:samm:io.BatteryPass.CarbonFootprint:1.2.0#CarbonFootprintForBatteries`:
//! `batteryCarbonFootprint`, `carbonFootprintPerLifecycleStage` with its four stages,
//! `carbonFootprintPerformanceClass`, `carbonFootprintStudy`, `absoluteCarbonFootprint`), with
//! what pcf adds around them: the product, the functional unit, the items to be confirmed, the
//! `eu-battery` pre-check verdict and the result's receipt. JSON only; its schema is
//! `schema/pcf-battery-passport-1.schema.json`.

use serde::Serialize;

use super::battery::figures;
use super::{DocumentReceipt, Meta, ToConfirm, Verdict};
use crate::error::Result;
use crate::result::FootprintResult;

/// The document's schema tag.
pub const TAG: &str = "pcf-battery-passport/1";

/// The Battery Pass aspect the attributes follow.
pub const ASPECT: &str =
    "urn:samm:io.BatteryPass.CarbonFootprint:1.2.0#CarbonFootprintForBatteries";

/// The passport's carbon-footprint data, as pcf writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(title = "pcf-battery-passport/1: the battery passport's carbon-footprint attributes")
)]
pub struct BatteryPassport {
    /// Always `pcf-battery-passport/1`.
    pub schema: &'static str,
    /// The data model the attributes follow: the Battery Pass aspect's URN.
    pub aspect: &'static str,
    /// The attributes, under the data model's names.
    pub carbon_footprint: CarbonFootprintForBatteries,
    /// The battery the figures are for, as in the study.
    pub product: Product,
    /// The functional unit behind the per-kWh figures.
    pub functional_unit: FunctionalUnit,
    /// What the passport cannot settle: a draft methodology, a class no act defines yet, a
    /// legal reference not checked against the regulation's text.
    pub to_be_confirmed: Vec<ToConfirm>,
    /// The `eu-battery` pre-check's verdict on the study.
    pub precheck: Verdict,
    /// The result's receipt: what `pcf verify` checks the result file against.
    pub receipt: DocumentReceipt,
}

/// The aspect `CarbonFootprintForBatteries` (Battery Pass data model 1.2.0).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CarbonFootprintForBatteries {
    /// kg CO2e per kWh of the total energy the battery provides over its expected service
    /// life: the result's `sector.battery.kg_co2e_per_kwh_lifetime_energy`.
    pub battery_carbon_footprint: f64,
    /// Per life-cycle stage, kg CO2e per kWh of lifetime energy (the stage total ÷ the
    /// lifetime energy), in the regulation's order.
    pub carbon_footprint_per_lifecycle_stage: Vec<StageFootprint>,
    /// The performance class the user was given (meta `performance_class`); absent until one
    /// is: pcf never computes it, and no delegated act defines the classes yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carbon_footprint_performance_class: Option<String>,
    /// Web link to the public version of the carbon-footprint study (meta `public_study_url`).
    pub carbon_footprint_study: String,
    /// kg CO2e per battery, without the functional unit: the result's `total_kg_co2e`.
    pub absolute_carbon_footprint: f64,
}

/// One entry of `carbonFootprintPerLifecycleStage`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct StageFootprint {
    /// The stage, as the data model names it.
    pub lifecycle_stage: LifecycleStage,
    /// kg CO2e per kWh of lifetime energy.
    pub carbon_footprint: f64,
}

/// The data model's life-cycle stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub enum LifecycleStage {
    /// Raw material acquisition and pre-processing.
    RawMaterialExtraction,
    /// Main product production.
    MainProduction,
    /// Distribution.
    Distribution,
    /// End of life and recycling.
    Recycling,
}

impl LifecycleStage {
    /// The data model's stage of a template stage.
    fn of(stage: &str) -> Option<LifecycleStage> {
        match stage {
            "raw_material_acquisition" => Some(LifecycleStage::RawMaterialExtraction),
            "main_production" => Some(LifecycleStage::MainProduction),
            "distribution" => Some(LifecycleStage::Distribution),
            "end_of_life" => Some(LifecycleStage::Recycling),
            _ => None,
        }
    }
}

/// The battery, as the study names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Model name (the template's `battery.name`).
    pub name: String,
    /// Chinese name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Product code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Cell chemistry.
    pub chemistry: String,
    /// Vehicle category.
    pub vehicle_category: String,
}

/// The functional unit: the total energy delivered over the service life.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FunctionalUnit {
    /// Total energy delivered over the service life, kWh (capacity × cycles × years).
    pub lifetime_energy_kwh: f64,
    /// Usable capacity, kWh.
    pub usable_capacity_kwh: f64,
    /// Full-equivalent cycles per year.
    pub cycles_per_year: f64,
    /// Where the cycle count comes from.
    pub cycles_source: String,
    /// Warranty, years.
    pub warranty_years: f64,
    /// The study's functional unit in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The item every battery document carries: the calculation rules are a draft.
pub(super) fn methodology_item() -> ToConfirm {
    ToConfirm::new(
        "methodology",
        "The calculation rules are those of the Commission's draft delegated act on the carbon footprint of EV batteries (Ares(2024)3131389, April 2024), not adopted when this pcf was written: the adopted act may change them.",
        "计算规则依据欧盟委员会关于电动汽车电池碳足迹的授权法案草案(Ares(2024)3131389,2024年4月)，本版 pcf 编写时尚未通过：正式法案可能改变这些规则。",
    )
}

/// The performance-class item: absent (to be given) or given by the user (not checked).
pub(super) fn performance_class_item(field: &str, given: bool) -> ToConfirm {
    match given {
        false => ToConfirm::new(
            field,
            "No carbon-footprint performance classes exist yet: the delegated act defining them (art. 7(2)) is not adopted. Give the class you were assigned in the meta (performance_class); pcf never computes it.",
            "碳足迹性能等级尚未设立：规定等级的授权法案(第7条第2款)尚未通过。请在 meta 中填写获评的等级(performance_class)；pcf 从不计算等级。",
        ),
        true => ToConfirm::new(
            field,
            "The class is the user's (meta performance_class), as given: pcf does not compute or check it, and the delegated act defining the classes (art. 7(2)) is not adopted.",
            "等级由用户提供(meta performance_class)，按原样填写：pcf 不计算也不核对等级，规定等级的授权法案(第7条第2款)尚未通过。",
        ),
    }
}

/// Builds the passport data of a battery result: the figures from the result (the footprint
/// per kWh and the absolute one as written there, each stage's total ÷ the lifetime energy),
/// the study link and class from the meta. The meta must give `public_study_url`.
pub fn build(
    result: &FootprintResult,
    meta: &Meta,
    receipt: DocumentReceipt,
    precheck: Verdict,
) -> Result<BatteryPassport> {
    let f = figures(result)?;
    let study = meta.study_url(
        "the link to the public carbon-footprint study (the passport's carbonFootprintStudy, art. 7(1)(g))",
    )?;
    let stages = f
        .stages
        .iter()
        .filter_map(|s| {
            LifecycleStage::of(s.id).map(|lifecycle_stage| StageFootprint {
                lifecycle_stage,
                carbon_footprint: s.kg_co2e_per_kwh,
            })
        })
        .collect();
    let m = f.metrics;
    let to_be_confirmed = vec![
        methodology_item(),
        performance_class_item(
            "carbonFootprintPerformanceClass",
            meta.performance_class.is_some(),
        ),
        ToConfirm::new(
            "legal_basis",
            "That the passport must carry these attributes rests on art. 7(1)-(2) and, as read by the Battery Pass consortium, Annex XIII point 1(c) of Regulation (EU) 2023/1542; the Annex XIII reference is not yet checked against the regulation's text.",
            "电池护照须载明这些属性，依据(EU) 2023/1542 第7条第1、2款，以及电池护照联盟所解读的附件XIII第1(c)点；附件XIII的引用尚未对照法规原文核实。",
        ),
    ];
    Ok(BatteryPassport {
        schema: TAG,
        aspect: ASPECT,
        carbon_footprint: CarbonFootprintForBatteries {
            battery_carbon_footprint: m.kg_co2e_per_kwh_lifetime_energy,
            carbon_footprint_per_lifecycle_stage: stages,
            carbon_footprint_performance_class: meta.performance_class.clone(),
            carbon_footprint_study: study,
            absolute_carbon_footprint: result.total_kg_co2e,
        },
        product: Product {
            name: result.product.name.clone(),
            name_zh: result.product.name_zh.clone(),
            code: result.product.code.clone(),
            chemistry: m.chemistry.clone(),
            vehicle_category: m.vehicle_category.clone(),
        },
        functional_unit: FunctionalUnit {
            lifetime_energy_kwh: m.lifetime_energy_kwh,
            usable_capacity_kwh: m.usable_capacity_kwh,
            cycles_per_year: m.cycles_per_year,
            cycles_source: m.cycles_source.clone(),
            warranty_years: m.warranty_years,
            description: result.product.functional_unit.clone(),
        },
        to_be_confirmed,
        precheck,
        receipt,
    })
}
