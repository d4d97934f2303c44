//! The sector metrics a result carries (`sector`): the serialised shapes only, so the typed
//! result ([`crate::result::FootprintResult`]) is defined without the sector templates. The
//! templates (`pcf::sectors`, a domain module of the `pcf` crate) compute them and re-export
//! each type under its old path (`sectors::SectorMetrics`, `sectors::battery::BatteryMetrics`
//! …).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{known, one_of};

known!(fn per_km_basis: "`cradle-to-grave` or `cradle-to-gate`", |v| one_of(&["cradle-to-grave", "cradle-to-gate"], v));
known!(fn battery_form: "`template` or `declared`", |v| one_of(&["template", "declared"], v));
known!(fn comparison: "`<` or `≤`", |v| one_of(&["<", "≤"], v));
known!(fn compared: "`rounded` or `exact`", |v| one_of(&["rounded", "exact"], v));

/// The battery metrics added to the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct BatteryMetrics {
    /// Cell chemistry.
    pub chemistry: String,
    /// Vehicle category.
    pub vehicle_category: String,
    /// Usable capacity, kWh.
    pub usable_capacity_kwh: f64,
    /// Full-equivalent cycles per year used.
    pub cycles_per_year: f64,
    /// Where the cycle count comes from: a parameter row or the user's justification.
    pub cycles_source: String,
    /// Warranty, years.
    pub warranty_years: f64,
    /// Total energy delivered over the service life, kWh (capacity × cycles × years).
    pub lifetime_energy_kwh: f64,
    /// kg CO2e per kWh of lifetime energy: the functional unit of the regulation.
    pub kg_co2e_per_kwh_lifetime_energy: f64,
    /// kg CO2e per kWh of usable capacity: a different quantity, for comparison with
    /// capacity-based figures only.
    pub kg_co2e_per_kwh_capacity: f64,
    /// The cradle-to-gate figure per kWh of capacity against the published distribution for
    /// the chemistry, when `parameters.csv` has one (NMC811, LFP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plausibility: Option<Plausibility>,
}

/// A footprint placed in a published distribution (a plausibility check, not a rule).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct Plausibility {
    /// What is compared.
    pub quantity: Cow<'static, str>,
    /// The pack's value: (raw material acquisition + main production) ÷ usable capacity.
    pub value: f64,
    /// P5 of the distribution.
    pub p5: f64,
    /// P50.
    pub p50: f64,
    /// P95.
    pub p95: f64,
    /// Whether the value lies within P5–P95.
    pub within_p5_p95: bool,
    /// Parameter ids and their source.
    pub source: String,
}

/// kg CO2e per km, with what it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct PerKm {
    /// `cradle-to-grave` (with the use phase) or `cradle-to-gate` (production only).
    #[serde(deserialize_with = "per_km_basis")]
    pub basis: super::Fixed,
    /// kg CO2e per km of lifetime distance.
    pub kg_co2e_per_km: f64,
}

/// The battery's figures in the vehicle's metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct EvBatteryFigures {
    /// `template` (an embedded battery study) or `declared` (a supplier's declaration).
    #[serde(deserialize_with = "battery_form")]
    pub form: super::Fixed,
    /// kg CO2e of the pack.
    pub kg_co2e: f64,
    /// Usable capacity, kWh, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usable_capacity_kwh: Option<f64>,
    /// kg CO2e per kWh of usable capacity, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kg_co2e_per_kwh_capacity: Option<f64>,
    /// The battery template's own metrics (lifetime energy, per kWh of it), for the template form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<BatteryMetrics>,
    /// The battery study's totals per stage of the EU Battery Regulation, for the template form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_by_stage: Option<Vec<StageKg>>,
    /// The declaring supplier, for the declared form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
}

/// A stage total of the embedded battery study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct StageKg {
    /// Stage of the battery study.
    pub stage: String,
    /// kg CO2e.
    pub kg_co2e: f64,
}

/// The EV metrics added to the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct EvMetrics {
    /// Vehicle category.
    pub category: String,
    /// Lifetime distance, km, when given.
    pub lifetime_km: Option<f64>,
    /// Curb mass, kg, when given.
    pub curb_mass_kg: Option<f64>,
    /// Mass of the glider and drivetrain lines given in mass units, kg (battery excluded).
    pub listed_material_kg: f64,
    /// kg CO2e per vehicle, cradle-to-gate: glider, drivetrain, battery and assembly.
    pub cradle_to_gate_kg_co2e: f64,
    /// kg CO2e per vehicle, cradle-to-grave: every stage; null without a use phase.
    pub cradle_to_grave_kg_co2e: Option<f64>,
    /// Grid electricity over the lifetime, kWh (with the use phase).
    pub use_phase_kwh: Option<f64>,
    /// kg CO2e per km: cradle-to-grave when the use phase is given, else cradle-to-gate;
    /// null without a lifetime distance.
    pub per_km: Option<PerKm>,
    /// kg CO2e of the battery stage.
    pub battery_kg_co2e: f64,
    /// The battery's share of cradle-to-gate (0–1); null when cradle-to-gate is not positive.
    pub battery_share_of_cradle_to_gate: Option<f64>,
    /// The battery's own figures.
    pub battery: EvBatteryFigures,
}

/// One threshold compared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct ThresholdCheck {
    /// Parameter id (`parameters.csv`).
    pub id: String,
    /// What it is.
    pub name: String,
    /// The limit, kg CO2e/kWp.
    pub limit_kg_co2e_per_kwp: f64,
    /// `<` (strictly below) or `≤`.
    #[serde(deserialize_with = "comparison")]
    pub comparison: super::Fixed,
    /// `rounded` (the scheme's rounded value) or `exact`.
    #[serde(deserialize_with = "compared")]
    pub compared: super::Fixed,
    /// The value compared, kg CO2e/kWp.
    pub value_kg_co2e_per_kwp: f64,
    /// Whether the value meets the threshold.
    pub pass: bool,
}

/// The lifetime figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct LifetimeMetrics {
    /// First-year specific yield, kWh/kWp/year.
    pub yield_kwh_per_kwp: f64,
    /// Years.
    pub years: u32,
    /// Annual degradation, fraction.
    pub annual_degradation: f64,
    /// Σ_{t=1..L} (1 − d)^(t−1): equivalent full years of first-year yield.
    pub degradation_sum: f64,
    /// Lifetime electricity, kWh per kWp (yield × the sum).
    pub lifetime_kwh_per_kwp: f64,
    /// g CO2e per kWh over life: 1000 · G / lifetime kWh.
    pub g_co2e_per_kwh: f64,
}

/// The PV metrics added to the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct PvMetrics {
    /// G, kg CO2e/kWp, exact.
    pub kg_co2e_per_kwp: f64,
    /// G rounded to the nearest multiple of the scheme's rounding (halves up).
    pub rounded_kg_co2e_per_kwp: f64,
    /// The rounding multiple, kg CO2e/kWp.
    pub rounding_multiple: f64,
    /// Where it comes from: the parameter id and its source.
    pub rounding_source: String,
    /// The CRE and EPEAT thresholds.
    pub thresholds: Vec<ThresholdCheck>,
    /// Rated power of one module, Wp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module_power_wp: Option<f64>,
    /// kg CO2e per module (G × Wp / 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kg_co2e_per_module: Option<f64>,
    /// Lifetime electricity and g CO2e/kWh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime: Option<LifetimeMetrics>,
}

/// One flow of the mass balance, as computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct CarbonFlowResult {
    /// Material.
    pub name: String,
    /// `input` or `output`.
    pub direction: String,
    /// Mass, t.
    pub amount_t: f64,
    /// Carbon content.
    pub carbon_content: f64,
    /// Carbon, t (amount × content).
    pub carbon_t: f64,
}

/// The CBAM default value compared with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct CbamDefault {
    /// Factor id.
    pub id: String,
    /// Year of the value (the base, listed under 2025, or a year's published value with its
    /// mark-up).
    pub year: Option<i32>,
    /// t CO2e per t.
    pub t_co2e_per_t: f64,
    /// SEE (direct) minus the default value, t CO2e per t.
    pub see_direct_minus_default: f64,
    /// How far the SEE (direct) is from the default value, percent of the default
    /// (`see_direct_minus_default` ÷ `t_co2e_per_t` × 100; negative: below the default); absent
    /// when the default is not above zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub see_direct_vs_default_percent: Option<f64>,
}

/// The steel metrics added to the result (t and t CO2e per t).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct SteelMetrics {
    /// Route.
    pub route: String,
    /// CN code.
    pub cn_code: String,
    /// Country.
    pub country: String,
    /// Activity level AL, t.
    pub activity_level_t: f64,
    /// The mass balance, flow by flow.
    pub mass_balance: Vec<CarbonFlowResult>,
    /// Net carbon (inputs − outputs), t.
    pub net_carbon_t: f64,
    /// Attributed direct emissions of the installation, t CO2e.
    pub attributed_direct_t: f64,
    /// Attributed indirect emissions, t CO2e.
    pub attributed_indirect_t: f64,
    /// Σ M_i · SEE_i, direct, t CO2e.
    pub precursors_direct_t: f64,
    /// Σ M_i · SEE_i, indirect, t CO2e.
    pub precursors_indirect_t: f64,
    /// Specific embedded emissions, direct, t CO2e per t of good (what CBAM counts for iron
    /// and steel).
    pub see_direct: f64,
    /// Specific embedded emissions, indirect.
    pub see_indirect: f64,
    /// The CBAM default value for the CN code and country, when the tables have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cbam_default: Option<CbamDefault>,
    /// Why there is no default value (the `no_cbam_default` warning's message), not serialised.
    #[serde(skip)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub missing_default: Option<String>,
}

/// Mass through one process stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct StageMass {
    /// Stage.
    pub stage: Cow<'static, str>,
    /// Fraction lost.
    pub loss: f64,
    /// Where the loss comes from: a parameter row or the user.
    pub loss_source: String,
    /// kg entering the stage per garment.
    pub input_kg: f64,
    /// kg leaving it per garment.
    pub output_kg: f64,
}

/// The Circular Footprint Formula terms of one fibre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct MaterialTerms {
    /// Fibre.
    pub name: String,
    /// Share of the final mass.
    pub share: f64,
    /// kg of fibre needed per garment (share × fibre needed).
    pub fibre_kg: f64,
    /// R1 (0 without recycled content).
    pub recycled_content: f64,
    /// A, when there is recycled content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a: Option<f64>,
    /// Qsin/Qp, when there is recycled content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<f64>,
    /// Where A and Q come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cff_source: Option<String>,
    /// kg counted with E_v as virgin fibre: m·(1 − R1).
    pub virgin_kg: f64,
    /// kg counted with E_rec: m·R1·A.
    pub recycled_a_kg: f64,
    /// kg counted with E_v for the recycled part: m·R1·(1 − A)·Q.
    pub recycled_q_kg: f64,
    /// kg CO2e of the virgin part.
    pub virgin_kg_co2e: f64,
    /// kg CO2e of A·E_rec.
    pub recycled_a_kg_co2e: f64,
    /// kg CO2e of (1 − A)·E_v·Q.
    pub recycled_q_kg_co2e: f64,
    /// kg CO2e of the fibre per garment.
    pub kg_co2e: f64,
    /// kg CO2e per kg of fibre: the formula's E.
    pub kg_co2e_per_kg_fibre: f64,
}

/// The use-phase figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct UseFigures {
    /// Days worn.
    pub days_worn: f64,
    /// Wears per wash.
    pub wears_per_wash: f64,
    /// Washes over the life: days worn / wears per wash.
    pub washes: f64,
    /// Washing electricity, kWh per garment.
    pub washing_kwh: f64,
    /// Tumble-drying electricity, kWh.
    pub drying_kwh: f64,
    /// Ironing electricity, kWh.
    pub ironing_kwh: f64,
    /// Total electricity, kWh.
    pub total_kwh: f64,
    /// Each number used and where it comes from.
    pub sources: Vec<String>,
}

/// The textile metrics added to the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct TextileMetrics {
    /// Garment type.
    pub garment_type: String,
    /// Final mass, kg.
    pub mass_kg: f64,
    /// kg CO2e per garment (the declared unit).
    pub kg_co2e_per_garment: f64,
    /// kg CO2e per kg of garment.
    pub kg_co2e_per_kg: f64,
    /// kg of fibre needed per garment.
    pub fibre_kg: f64,
    /// The mass balance, spinning to making-up.
    pub mass_balance: Vec<StageMass>,
    /// The fibres and their CFF terms.
    pub materials: Vec<MaterialTerms>,
    /// The use phase, when modelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_phase: Option<UseFigures>,
}

/// Sector metrics attached to a result, keyed by sector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectorMetrics {
    /// Traction battery (`pcf-battery/1`).
    Battery(BatteryMetrics),
    /// Electric vehicle (`pcf-ev/1`).
    Ev(Box<EvMetrics>),
    /// Steel (`pcf-steel/1`).
    Steel(SteelMetrics),
    /// Photovoltaic modules (`pcf-pv/1`).
    Pv(PvMetrics),
    /// Garment (`pcf-textile/1`).
    Textile(TextileMetrics),
}
