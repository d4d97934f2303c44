//! The electric-vehicle template, `"schema": "pcf-ev/1"`: one vehicle from its materials to,
//! optionally, its use and end of life.
//!
//! A carmaker fills in the vehicle (category, curb mass, lifetime distance), lines for the glider
//! (body and chassis materials), the drivetrain, assembly energy and end of life, the traction
//! battery — either an embedded `pcf-battery/1` study or a supplier's declared footprint — and
//! optionally the use phase: `lifetime km × kWh per km × charging-loss factor` of grid
//! electricity. The template becomes an ordinary `pcf/1` document with stages `glider`,
//! `drivetrain`, `battery`, `assembly` and, when given, `use` and `end_of_life`. An embedded
//! battery becomes a component whose lines are the battery study's own lines, so the audit trail
//! keeps each of them (with its factor and gas split) at its path in the template
//! (`$.battery.template.main_production[0]`).
//!
//! The metrics separate cradle-to-gate (every stage but use and end of life) from
//! cradle-to-grave (all stages, only when the use phase is given), give kg CO2e per km and the
//! battery's share of cradle-to-gate.

use crate::model::finite;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::battery::{self, BatteryDocument, BatteryMetrics};
use super::{
    computed, generated_line, period_end_year, positive, same_stage, Expansion, Lines, Metrics,
    PathMap, SectorMetrics,
};
use crate::document::{
    Activity, Boundary, Component, DeclaredFootprint, Document, FactorSelect, GasEmission, Period,
    Product, Provenance, Quantity,
};
use crate::error::{Error, JsonPath, Result};
use crate::factors::select::YearRule;
use crate::factors::FactorSet;
use crate::result::FootprintResult;
use crate::units::{Dimension, Unit};

/// The metrics this template adds to a result, defined with the result's types.
pub use crate::result::sector_metrics::{EvBatteryFigures, EvMetrics, PerKm, StageKg};

/// The template's schema tag.
pub const TAG: &str = "pcf-ev/1";

/// Stage of the glider lines.
pub const GLIDER: &str = "glider";
/// Stage of the drivetrain lines.
pub const DRIVETRAIN: &str = "drivetrain";
/// Stage of the traction battery (and only of it).
pub const BATTERY: &str = "battery";
/// Stage of the assembly lines.
pub const ASSEMBLY: &str = "assembly";
/// Stage of the use phase.
pub const USE: &str = "use";
/// Stage of the end-of-life lines.
pub const END_OF_LIFE: &str = "end_of_life";

/// The cradle-to-gate stages, in reporting order.
pub const GATE_STAGES: [&str; 4] = [GLIDER, DRIVETRAIN, BATTERY, ASSEMBLY];

/// Vehicle categories (UN ECE / EU type approval) the template accepts.
pub const CATEGORIES: &[&str] = &["M1", "M2", "M3", "N1", "N2", "N3", "L"];

/// Id of the generated battery component; the components of an embedded battery study become
/// `battery.<id>`.
pub const BATTERY_COMPONENT: &str = "battery";

/// An electric-vehicle footprint study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "pcf-ev/1 electric vehicle template")]
pub struct EvDocument {
    /// Always `pcf-ev/1`.
    pub schema: String,
    /// The vehicle.
    pub vehicle: Vehicle,
    /// GWP100 set: `AR4`, `AR5` or `AR6`.
    pub gwp_set: String,
    /// The period the data represent.
    pub reference_period: Period,
    /// Glider: body and chassis materials (steel, aluminium, plastics, glass, rubber …), lines as
    /// in `pcf/1`, without `stage`.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub glider: Vec<Activity>,
    /// Drivetrain: motor, inverter, reducer, on-board charger, cables (lines without `stage`).
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub drivetrain: Vec<Activity>,
    /// The traction battery: exactly one of `template` or `declared`.
    pub battery: EvBattery,
    /// Vehicle assembly: electricity, heat and other plant energy (lines without `stage`).
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub assembly: Vec<Activity>,
    /// The use phase (grid electricity over the lifetime distance); without it the study is
    /// cradle-to-gate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_phase: Option<UsePhase>,
    /// End of life: transport to the dismantler, dismantling, shredding (lines without `stage`).
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub end_of_life: Vec<Activity>,
    /// Direct gas emissions (refrigerant fill losses, paint-shop solvents …); each names one of
    /// the stages `glider`, `drivetrain`, `assembly`, `end_of_life` (or `use`).
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub emissions: Vec<GasEmission>,
    /// Sub-products (an e-drive unit declared by its supplier …) used by the lines, as in
    /// `pcf/1`; their stage is not `battery`, and their ids not `battery` or `battery.*`.
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

/// The vehicle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vehicle {
    /// Model name.
    pub name: String,
    /// Chinese name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Vehicle category: `M1`, `M2`, `M3`, `N1`, `N2`, `N3` or `L`.
    pub category: String,
    /// Curb mass, kg: a check against the mass of the listed glider and drivetrain materials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub curb_mass_kg: Option<f64>,
    /// Lifetime distance, km: needed for the use phase and for kg CO2e per km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime_km: Option<f64>,
    /// Product code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The traction battery: an embedded battery study or a supplier's declaration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvBattery {
    /// A whole `pcf-battery/1` document, computed with the same factor tables; its lines become
    /// the vehicle's `battery` stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<BatteryDocument>,
    /// A supplier's declared footprint of the pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared: Option<DeclaredBattery>,
}

/// A battery pack's footprint declared by its supplier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredBattery {
    /// Pack name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// kg CO2e per pack (cradle-to-gate of the pack), finite and not negative.
    pub kg_co2e: f64,
    /// Usable capacity, kWh (for kg CO2e per kWh of capacity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usable_capacity_kwh: Option<f64>,
    /// The GWP set of the declaration (`AR4`, `AR5`, `AR6` or `unspecified`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gwp_set: Option<String>,
    /// Who declared it and how it was checked.
    pub provenance: Provenance,
}

/// The use phase: grid electricity over the vehicle's lifetime distance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UsePhase {
    /// Electricity drawn from the grid per km, kWh/km, as measured at the plug (WLTP, CLTC).
    pub kwh_per_km: f64,
    /// When `kwh_per_km` is measured at the battery rather than the plug: grid kWh per battery
    /// kWh (≥ 1, e.g. 1.1 for 10 % charging losses). Default: none applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charging_loss_factor: Option<f64>,
    /// Id of the grid factor (e.g. `cn.elec.footprint.2024.national`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<String>,
    /// The grid factor chosen by series, geography and year (e.g. series `cn.elec.footprint`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_select: Option<FactorSelect>,
    /// Where the consumption figure comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The embedded battery study's own results, computed by the battery template.
#[derive(Debug, Clone, PartialEq)]
pub struct BatteryStudy {
    /// Its metrics.
    pub metrics: BatteryMetrics,
    /// Its totals per stage.
    pub by_stage: Vec<StageKg>,
}

/// The electric-vehicle sector.
pub struct Ev;

impl super::Sector for Ev {
    const NAME: &'static str = "ev";
    const TAG: &'static str = TAG;
    const LABELS: &'static [Label] = LABELS;
    const SCHEMA: &'static str = include_str!("../../schema/pcf-ev-1.schema.json");
    type Input = EvDocument;
    type Figures = Figures;

    fn tag_of(input: &EvDocument) -> &str {
        &input.schema
    }

    fn expand(input: &EvDocument, factors: &FactorSet) -> Result<Expansion<Figures>> {
        expand(input, factors)
    }

    fn metrics(
        input: &EvDocument,
        figures: &Figures,
        result: &FootprintResult,
        _factors: &FactorSet,
    ) -> Result<Metrics> {
        Ok(Metrics {
            warnings: curb_mass_warning(input, figures).into_iter().collect(),
            sector: SectorMetrics::Ev(Box::new(metrics(input, figures, result))),
        })
    }
}

/// The embedded battery study, expanded.
struct EmbeddedBattery {
    /// The battery template's own expansion (its `pcf/1` document, paths and lifetime energy).
    expanded: Expansion<battery::Figures>,
    /// Maps the battery template's paths to the vehicle's (`$` → `$.battery.template`).
    prefix: PathMap,
}

impl EmbeddedBattery {
    /// The battery study computed on its own by the battery template (errors under
    /// `$.battery.template`), for its metrics and stage totals.
    fn study(self, doc: &BatteryDocument, factors: &FactorSet) -> Result<BatteryStudy> {
        let EmbeddedBattery { expanded, prefix } = self;
        let (r, figures) = super::compute_expansion::<battery::Battery>(expanded, factors)
            .map_err(|e| prefix.rewrite_error(e))?;
        let (metrics, _) = battery::metrics(&doc.battery, &figures, &r, factors);
        Ok(BatteryStudy {
            metrics,
            by_stage: r
                .by_stage
                .iter()
                .map(|s| StageKg {
                    stage: s.stage.clone(),
                    kg_co2e: s.kg_co2e,
                })
                .collect(),
        })
    }
}

/// What the expansion computes for the metrics.
pub struct Figures {
    /// The embedded battery study's own results (template form).
    pub battery_study: Option<BatteryStudy>,
    /// Grid electricity of the use phase, kWh.
    pub use_phase_kwh: Option<f64>,
    /// Mass of the glider and drivetrain lines in mass units, kg.
    pub listed_material_kg: f64,
}

/// The battery-study path of an `$.activities[j]`-style path, in the vehicle's terms.
fn battery_path(e: &EmbeddedBattery, generated: &str) -> String {
    e.prefix.rewrite(&e.expanded.paths.rewrite(generated))
}

fn renamed(id: &str) -> String {
    format!("{BATTERY_COMPONENT}.{id}")
}

/// A battery line moved into the vehicle: its stage becomes `battery`, its input and id are
/// renamed into the battery's namespace, and a `factor_select` without a year is pinned to the
/// year the battery study itself would take when the two studies end in different years.
fn battery_line(
    mut a: Activity,
    factors: &FactorSet,
    years: (i32, i32),
    here: &str,
) -> Result<Activity> {
    if a.stage.is_some() {
        a.stage = Some(BATTERY.into());
    }
    a.component = None;
    a.id = a.id.as_deref().map(renamed);
    a.input = a.input.as_deref().map(renamed);
    let (battery_year, vehicle_year) = years;
    if battery_year != vehicle_year {
        if let Some(fs) = a.factor_select.as_mut() {
            if fs.year.is_none() {
                let (f, _) = factors.select(
                    &fs.series,
                    &fs.geography,
                    YearRule::NotAfter(battery_year),
                    fs.geography_fallback,
                    &format!("{here}.factor_select"),
                )?;
                fs.year = f.year;
            }
        }
    }
    Ok(a)
}

fn battery_emission(mut e: GasEmission) -> GasEmission {
    if e.stage.is_some() {
        e.stage = Some(BATTERY.into());
    }
    e.component = None;
    e.id = e.id.as_deref().map(renamed);
    e
}

/// Validates the template's own fields and turns it into a `pcf/1` document.
fn expand(doc: &EvDocument, factors: &FactorSet) -> Result<Expansion<Figures>> {
    let root = JsonPath::root();
    let vp = root.key("vehicle");
    let v = &doc.vehicle;
    if !CATEGORIES.contains(&v.category.as_str()) {
        return Err(Error::invalid(
            vp.key("category"),
            format!(
                "vehicle category {:?} must be one of {}",
                v.category,
                CATEGORIES.join(", ")
            ),
        ));
    }
    if let Some(m) = v.curb_mass_kg {
        positive(m, &vp.key("curb_mass_kg"), "curb mass")?;
    }
    let lifetime_km = match v.lifetime_km {
        Some(km) => Some(positive(km, &vp.key("lifetime_km"), "lifetime distance")?),
        None => None,
    };

    // The vehicle's own sections: each line gets its section's stage.
    let mut lines = Lines::default();
    for (stage, section) in [
        (GLIDER, &doc.glider),
        (DRIVETRAIN, &doc.drivetrain),
        (ASSEMBLY, &doc.assembly),
        (END_OF_LIFE, &doc.end_of_life),
    ] {
        lines.section(section, &root.key(stage), stage, same_stage)?;
    }
    // Only for the curb-mass check; the model validates units and amounts.
    let mut listed_material_kg = 0.0;
    if let Some(kg) = Unit::parse("kg") {
        for a in doc.glider.iter().chain(&doc.drivetrain) {
            if let Some(u) = Unit::parse(&a.unit) {
                if u.dimension() == Dimension::Mass && a.amount.is_finite() {
                    listed_material_kg += a.amount * u.factor_to(&kg).unwrap_or(0.0);
                }
            }
        }
    }

    if !listed_material_kg.is_finite() {
        return Err(Error::NonFiniteResult {
            path: root.key(GLIDER).into(),
            what: "mass of the listed glider and drivetrain materials".into(),
        });
    }

    // The vehicle's own components and emissions: never in the battery stage, so that the
    // battery stage is the battery alone.
    let cp = root.key("components");
    for (i, c) in doc.components.iter().enumerate() {
        if c.id == BATTERY_COMPONENT || c.id.starts_with("battery.") {
            return Err(Error::invalid(
                cp.index(i).key("id"),
                format!(
                    "component id {:?} is reserved for the traction battery",
                    c.id
                ),
            ));
        }
        let stages = std::iter::once((c.stage.as_ref(), cp.index(i).key("stage")))
            .chain(c.activities.iter().enumerate().map(|(j, a)| {
                (
                    a.stage.as_ref(),
                    cp.index(i).key("activities").index(j).key("stage"),
                )
            }))
            .chain(c.emissions.iter().enumerate().map(|(j, e)| {
                (
                    e.stage.as_ref(),
                    cp.index(i).key("emissions").index(j).key("stage"),
                )
            }));
        for (s, p) in stages {
            if s.map(String::as_str) == Some(BATTERY) {
                return Err(Error::invalid(
                    p,
                    "the battery stage holds the traction battery only (give it under battery)",
                ));
            }
        }
    }
    for (i, e) in doc.emissions.iter().enumerate() {
        if e.stage.as_deref() == Some(BATTERY) {
            return Err(Error::invalid(
                root.key("emissions").index(i).key("stage"),
                "the battery stage holds the traction battery only (give its emissions in the battery template)",
            ));
        }
    }
    let mut components = doc.components.clone();

    // The battery: exactly one form.
    let bp = root.key("battery");
    let bc = components.len();
    let mut embedded = None;
    let battery_name = match (&doc.battery.template, &doc.battery.declared) {
        (Some(_), Some(_)) | (None, None) => {
            return Err(Error::invalid(
                bp,
                "give the battery either as a template (a pcf-battery/1 study) or as declared (a supplier's footprint), exactly one",
            ))
        }
        (None, Some(d)) => {
            let dp = bp.key("declared");
            if let Some(c) = d.usable_capacity_kwh {
                positive(c, &dp.key("usable_capacity_kwh"), "usable capacity")?;
            }
            lines.paths.push(
                cp.index(bc).key("declared").into(),
                dp.clone().into(),
            );
            lines.paths.push(cp.index(bc).into(), dp.into());
            components.push(Component {
                id: BATTERY_COMPONENT.into(),
                name: d.name.clone(),
                output: None,
                stage: Some(BATTERY.into()),
                activities: Vec::new(),
                emissions: Vec::new(),
                allocation: None,
                declared: Some(DeclaredFootprint {
                    kg_co2e: d.kg_co2e,
                    per: Quantity {
                        amount: 1.0,
                        unit: "item".into(),
                    },
                    gwp_set: d.gwp_set.clone(),
                    parts: None,
                    provenance: d.provenance.clone(),
                }),
                pact: None,
            });
            d.name.clone().unwrap_or_else(|| "traction battery".into())
        }
        (Some(t), None) => {
            let tp = bp.key("template");
            let mut prefix = PathMap::default();
            prefix.push("$".into(), tp.clone().into());
            if t.gwp_set != doc.gwp_set {
                return Err(Error::invalid(
                    tp.key("gwp_set"),
                    format!(
                        "the battery study uses {} while the vehicle uses {}; one GWP set for both",
                        t.gwp_set, doc.gwp_set
                    ),
                ));
            }
            if t.battery.vehicle_category != v.category {
                return Err(Error::invalid(
                    tp.key("battery").key("vehicle_category"),
                    format!(
                        "the battery is for vehicle category {:?} but the vehicle is {:?}",
                        t.battery.vehicle_category, v.category
                    ),
                ));
            }
            let expanded = super::expand::<battery::Battery>(t, factors)
                .map_err(|e| prefix.rewrite_error(e))?;
            let e = EmbeddedBattery { expanded, prefix };
            // The years a `factor_select` without one takes in each study: dates the model
            // has not read yet, so a text that is not a date is its error here, at its path.
            let years = (
                period_end_year(&t.reference_period, &tp.key("reference_period"))?,
                period_end_year(&doc.reference_period, &root.key("reference_period"))?,
            );
            let here = |generated: String| battery_path(&e, &generated);
            let bdoc = &e.expanded.document;
            let gen = cp.index(bc);
            let mut battery_lines = Vec::with_capacity(bdoc.activities.len());
            for (j, a) in bdoc.activities.iter().enumerate() {
                let to = here(format!("$.activities[{j}]"));
                lines
                    .paths
                    .push(gen.key("activities").index(j).into(), to.clone());
                battery_lines.push(battery_line(a.clone(), factors, years, &to)?);
            }
            for j in 0..bdoc.emissions.len() {
                lines.paths.push(
                    gen.key("emissions").index(j).into(),
                    here(format!("$.emissions[{j}]")),
                );
            }
            let mut subs = Vec::with_capacity(bdoc.components.len());
            for (i, c) in bdoc.components.iter().enumerate() {
                let to = here(format!("$.components[{i}]"));
                lines.paths.push(cp.index(bc + 1 + i).into(), to.clone());
                let mut c = c.clone();
                c.id = renamed(&c.id);
                c.stage = Some(BATTERY.into());
                c.activities = c
                    .activities
                    .into_iter()
                    .enumerate()
                    .map(|(j, a)| {
                        battery_line(a, factors, years, &format!("{to}.activities[{j}]"))
                    })
                    .collect::<Result<_>>()?;
                c.emissions = c.emissions.into_iter().map(battery_emission).collect();
                subs.push(c);
            }
            lines.paths.push(gen.into(), tp.into());
            components.push(Component {
                id: BATTERY_COMPONENT.into(),
                name: Some(bdoc.product.name.clone()),
                output: Some(Quantity {
                    amount: 1.0,
                    unit: "item".into(),
                }),
                stage: Some(BATTERY.into()),
                activities: battery_lines,
                emissions: bdoc.emissions.iter().cloned().map(battery_emission).collect(),
                allocation: None,
                declared: None,
                pact: None,
            });
            components.extend(subs);
            let name = bdoc.product.name.clone();
            embedded = Some(e);
            name
        }
    };
    lines.push(
        bp,
        Activity {
            input: Some(BATTERY_COMPONENT.into()),
            ..generated_line(
                format!("traction battery: {battery_name}"),
                1.0,
                "item",
                BATTERY,
            )
        },
    );

    // The use phase: one generated line whose name states the formula.
    let mut use_phase_kwh = None;
    if let Some(u) = &doc.use_phase {
        let up = root.key("use_phase");
        let km = lifetime_km.ok_or_else(|| {
            Error::invalid(
                vp.key("lifetime_km"),
                "the use phase needs the lifetime distance (vehicle.lifetime_km)",
            )
        })?;
        let per_km = positive(u.kwh_per_km, &up.key("kwh_per_km"), "electricity per km")?;
        let loss = match u.charging_loss_factor {
            Some(f) => {
                let f = finite(f, &up.key("charging_loss_factor"), "charging-loss factor")?;
                if f < 1.0 {
                    return Err(Error::invalid(
                        up.key("charging_loss_factor"),
                        format!(
                            "the charging-loss factor is grid kWh per battery kWh, at least 1, got {f}"
                        ),
                    ));
                }
                Some(f)
            }
            None => None,
        };
        let (factor_path, which) = match (&u.factor, &u.factor_select) {
            (Some(_), None) => (up.key("factor"), "factor"),
            (None, Some(_)) => (up.key("factor_select"), "factor_select"),
            _ => {
                return Err(Error::invalid(
                    up,
                    "the use phase needs its grid factor: factor or factor_select, exactly one",
                ))
            }
        };
        let kwh = computed(
            match loss {
                Some(f) => km * per_km * f,
                None => km * per_km,
            },
            &up,
            "use-phase electricity (km × kWh/km)",
        )?;
        let formula = match loss {
            Some(f) => format!(
                "use: {km} km × {per_km} kWh/km × charging losses {f} = {kwh} kWh of grid electricity"
            ),
            None => format!("use: {km} km × {per_km} kWh/km = {kwh} kWh of grid electricity"),
        };
        let gen = lines.next();
        // A unit that does not fit the grid factor is the factor's fault: point at it.
        lines.paths.push(gen.key("unit").into(), factor_path.into());
        lines
            .paths
            .push(gen.key(which).into(), up.key(which).into());
        lines.push(
            up,
            Activity {
                factor: u.factor.clone(),
                factor_select: u.factor_select.clone(),
                note: u.source.clone(),
                ..generated_line(formula, kwh, "kWh", USE)
            },
        );
        use_phase_kwh = Some(kwh);
    }

    let has_end_of_life = !doc.end_of_life.is_empty()
        || doc
            .emissions
            .iter()
            .any(|e| e.stage.as_deref() == Some(END_OF_LIFE))
        || doc
            .components
            .iter()
            .any(|c| c.stage.as_deref() == Some(END_OF_LIFE));
    let mut stages: Vec<String> = GATE_STAGES.iter().map(|s| s.to_string()).collect();
    if doc.use_phase.is_some() {
        stages.push(USE.into());
    }
    if has_end_of_life {
        stages.push(END_OF_LIFE.into());
    }
    let (kind, cut_off) = match (doc.use_phase.is_some(), has_end_of_life) {
        (true, true) => ("cradle-to-grave", None),
        (true, false) => (
            "cradle-to-grave",
            Some("end of life not modelled (no end-of-life lines)".to_string()),
        ),
        (false, true) => (
            "partial",
            Some("use phase not modelled; cradle-to-gate plus end of life".to_string()),
        ),
        (false, false) => ("cradle-to-gate", None),
    };
    let functional_unit = lifetime_km.map(|km| format!("one vehicle over a lifetime of {km} km"));
    let document = Document {
        schema: crate::document::SCHEMA_TAG.into(),
        product: Product {
            name: v.name.clone(),
            name_zh: v.name_zh.clone(),
            sector: "ev".into(),
            declared_unit: Quantity {
                amount: 1.0,
                unit: "item".into(),
            },
            functional_unit,
            code: v.code.clone(),
        },
        gwp_set: doc.gwp_set.clone(),
        boundary: Boundary {
            kind: kind.into(),
            stages,
            cut_off,
        },
        reference_period: doc.reference_period.clone(),
        activities: lines.activities,
        emissions: doc.emissions.clone(),
        components,
        allocation: None,
        notes: doc.notes.clone(),
        study: doc.study.clone(),
    };
    // The embedded battery study is computed last, as its own template: a vehicle's error
    // in the vehicle's fields comes first.
    let battery_study = match (embedded, &doc.battery.template) {
        (Some(e), Some(t)) => Some(e.study(t, factors)?),
        _ => None,
    };
    Ok(Expansion {
        document,
        paths: lines.paths,
        figures: Figures {
            battery_study,
            use_phase_kwh,
            listed_material_kg,
        },
    })
}

/// Canonical sum of the line contributions of some stages.
fn stages_sum(r: &FootprintResult, stages: &[&str]) -> f64 {
    crate::engine::canonical_sum(
        r.lines
            .iter()
            .filter(|l| stages.contains(&l.stage.as_str()))
            .filter_map(|l| l.kg_co2e)
            .collect(),
    )
}

/// The metrics of a computed vehicle footprint (with the battery template's own results, for
/// the template form).
pub fn metrics(doc: &EvDocument, e: &Figures, r: &FootprintResult) -> EvMetrics {
    let (battery_metrics, template_by_stage) = match &e.battery_study {
        Some(s) => (Some(s.metrics.clone()), Some(s.by_stage.clone())),
        None => (None, None),
    };
    let gate = stages_sum(r, &GATE_STAGES);
    let battery_kg = stages_sum(r, &[BATTERY]);
    let grave = doc.use_phase.as_ref().map(|_| r.total_kg_co2e);
    let per_km = doc.vehicle.lifetime_km.map(|km| match grave {
        Some(g) => PerKm {
            basis: "cradle-to-grave",
            kg_co2e_per_km: g / km,
        },
        None => PerKm {
            basis: "cradle-to-gate",
            kg_co2e_per_km: gate / km,
        },
    });
    let capacity = match (&doc.battery.declared, &battery_metrics) {
        (_, Some(m)) => Some(m.usable_capacity_kwh),
        (Some(d), None) => d.usable_capacity_kwh,
        (None, None) => None,
    };
    let battery = EvBatteryFigures {
        form: if e.battery_study.is_some() {
            "template"
        } else {
            "declared"
        },
        kg_co2e: battery_kg,
        usable_capacity_kwh: capacity,
        kg_co2e_per_kwh_capacity: capacity.map(|c| battery_kg / c),
        template: battery_metrics,
        template_by_stage,
        supplier: doc
            .battery
            .declared
            .as_ref()
            .map(|d| d.provenance.supplier.clone()),
    };
    EvMetrics {
        category: doc.vehicle.category.clone(),
        lifetime_km: doc.vehicle.lifetime_km,
        curb_mass_kg: doc.vehicle.curb_mass_kg,
        listed_material_kg: e.listed_material_kg,
        cradle_to_gate_kg_co2e: gate,
        cradle_to_grave_kg_co2e: grave,
        use_phase_kwh: e.use_phase_kwh,
        per_km,
        battery_kg_co2e: battery_kg,
        battery_share_of_cradle_to_gate: (gate > 0.0).then(|| battery_kg / gate),
        battery,
    }
}

/// The warning when the listed materials weigh more than the vehicle.
pub fn curb_mass_warning(doc: &EvDocument, e: &Figures) -> Option<crate::model::Warning> {
    let curb = doc.vehicle.curb_mass_kg?;
    (e.listed_material_kg > curb).then(|| {
        crate::model::Warning::new(
            "materials_exceed_curb_mass",
            "$.vehicle.curb_mass_kg",
            format!(
                "the glider and drivetrain lines list {} kg of material, more than the curb mass of {curb} kg",
                e.listed_material_kg
            ),
        )
    })
}

use super::{label, Label};

/// Bilingual labels of the template's own fields (the common ones are in
/// [`super::COMMON_LABELS`]).
pub const LABELS: &[Label] = &[
    label("vehicle", "Vehicle", "车辆"),
    label("vehicle.name", "Model", "车型"),
    label("vehicle.name_zh", "Chinese name", "中文名称"),
    label("vehicle.category", "Vehicle category", "车辆类别"),
    label("vehicle.curb_mass_kg", "Curb mass (kg)", "整备质量(kg)"),
    label(
        "vehicle.lifetime_km",
        "Lifetime distance (km)",
        "全生命周期行驶里程(km)",
    ),
    label("vehicle.code", "Product code", "产品编码"),
    label(
        "glider",
        "Glider: body and chassis materials",
        "车身与底盘材料",
    ),
    label(
        "drivetrain",
        "Drivetrain (motor, inverter …)",
        "驱动系统(电机、逆变器等)",
    ),
    label("battery", "Traction battery", "动力电池"),
    label(
        "battery.template",
        "Battery footprint study (pcf-battery/1)",
        "电池碳足迹核算(pcf-battery/1)",
    ),
    label(
        "battery.declared",
        "Supplier's declared battery footprint",
        "供应商声明的电池碳足迹",
    ),
    label(
        "battery.declared.kg_co2e",
        "kg CO2e per pack",
        "每个电池包的碳足迹(kg CO2e)",
    ),
    label(
        "battery.declared.usable_capacity_kwh",
        "Usable capacity (kWh)",
        "可用容量(kWh)",
    ),
    label(
        "battery.declared.gwp_set",
        "GWP set of the declaration",
        "声明采用的GWP版本",
    ),
    label("battery.declared.provenance", "Provenance", "数据来源"),
    label("battery.declared.provenance.supplier", "Supplier", "供应商"),
    label(
        "battery.declared.provenance.source",
        "Source document",
        "来源文件",
    ),
    label("battery.declared.provenance.year", "Year", "年份"),
    label(
        "battery.declared.provenance.verification",
        "Verification",
        "核查情况",
    ),
    label("battery.template.schema", "Battery template", "电池模板"),
    label("battery.template.battery", "Battery pack", "动力电池包"),
    label(
        "battery.template.gwp_set",
        "GWP set of the battery study",
        "电池核算采用的GWP版本",
    ),
    label(
        "battery.template.reference_period",
        "Reference period of the battery study",
        "电池核算数据时间范围",
    ),
    label(
        "battery.template.raw_material_acquisition",
        "Battery: raw material acquisition and pre-processing",
        "电池:原材料获取与预处理",
    ),
    label(
        "battery.template.main_production",
        "Battery: main product production",
        "电池:主要产品生产",
    ),
    label(
        "battery.template.distribution",
        "Battery: distribution",
        "电池:分销",
    ),
    label(
        "battery.template.end_of_life",
        "Battery: end of life and recycling",
        "电池:寿命终止与回收",
    ),
    label(
        "battery.template.emissions",
        "Battery: direct gas emissions",
        "电池:直接温室气体排放",
    ),
    label(
        "battery.template.components",
        "Battery: components and supplier footprints",
        "电池:组件与供应商碳足迹",
    ),
    label("battery.template.notes", "Battery notes", "电池备注"),
    label(
        "battery.template.study",
        "About the battery study",
        "电池研究说明",
    ),
    label("assembly", "Vehicle assembly energy", "整车装配能耗"),
    label("use_phase", "Use phase", "使用阶段"),
    label(
        "use_phase.kwh_per_km",
        "Electricity per km at the plug (kWh/km)",
        "每公里耗电量(充电桩端,kWh/km)",
    ),
    label(
        "use_phase.charging_loss_factor",
        "Charging-loss factor (≥ 1)",
        "充电损耗系数(≥1)",
    ),
    label(
        "use_phase.factor",
        "Grid emission factor id",
        "电网排放因子编号",
    ),
    label(
        "use_phase.factor_select",
        "Grid factor chosen by series and place",
        "按系列与地区选择电网因子",
    ),
    label(
        "use_phase.factor_select.series",
        "Factor series",
        "因子系列",
    ),
    label(
        "use_phase.factor_select.geography",
        "Grid region",
        "电网地区",
    ),
    label("use_phase.factor_select.year", "Factor year", "因子年份"),
    label(
        "use_phase.factor_select.geography_fallback",
        "Fall back to the parent region",
        "允许回退至上级地区",
    ),
    label(
        "use_phase.source",
        "Source of the consumption figure",
        "能耗数据来源",
    ),
    label("end_of_life", "End of life", "报废处理"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sectors::SectorMetrics;
    use serde_json::{json, Value};

    const EXAMPLE: &str = include_str!("../../examples/ev-m1-compact-car.json");
    const BATTERY_EXAMPLE: &str = include_str!("../../examples/battery-m1-75kwh.json");

    fn example() -> Value {
        serde_json::from_str(EXAMPLE).expect("the example is JSON")
    }

    fn run(doc: &Value) -> Result<FootprintResult> {
        let set = FactorSet::builtin()?;
        crate::compute(&doc.to_string(), set)
    }

    fn ev(r: &FootprintResult) -> &EvMetrics {
        match &r.sector {
            Some(SectorMetrics::Ev(m)) => m,
            other => panic!("not EV metrics: {other:?}"),
        }
    }

    fn line<'a>(r: &'a FootprintResult, path: &str) -> &'a crate::result::LineResult {
        r.lines
            .iter()
            .find(|l| l.path == path)
            .unwrap_or_else(|| panic!("no line at {path}"))
    }

    fn close(got: f64, want: f64, tol: f64) {
        assert!((got - want).abs() <= tol, "got {got}, want {want} ± {tol}");
    }

    fn error(doc: &Value) -> (String, String) {
        match run(doc) {
            Ok(_) => panic!("computed"),
            Err(e) => (e.code().to_string(), e.path().to_string()),
        }
    }

    #[test]
    fn use_phase_is_km_times_kwh_per_km_times_grid_factor() {
        let r = run(&example()).expect("computes");
        let u = line(&r, "$.use_phase");
        assert_eq!(u.stage, USE);
        // 150,000 km × 0.15 kWh/km = 22,500 kWh × 0.5777 (cn.elec.footprint CN 2024).
        close(u.amount, 22_500.0, 1e-9);
        close(u.kg_co2e.unwrap_or(f64::NAN), 12_998.25, 1e-6);
        assert_eq!(
            u.name.as_deref(),
            Some("use: 150000 km × 0.15 kWh/km = 22500 kWh of grid electricity")
        );
        let m = ev(&r);
        close(m.use_phase_kwh.unwrap_or(f64::NAN), 22_500.0, 1e-9);
    }

    #[test]
    fn cradle_to_gate_grave_per_km_and_battery_share_of_the_example() {
        let r = run(&example()).expect("computes");
        let m = ev(&r);
        close(m.cradle_to_gate_kg_co2e, 11685.1303, 1e-6);
        close(
            m.cradle_to_grave_kg_co2e.unwrap_or(f64::NAN),
            24718.9508,
            1e-6,
        );
        close(r.total_kg_co2e, 24718.9508, 1e-6);
        let per_km = m.per_km.as_ref().expect("lifetime distance given");
        assert_eq!(per_km.basis, "cradle-to-grave");
        close(per_km.kg_co2e_per_km, 24718.9508 / 150_000.0, 1e-12);
        close(m.battery_kg_co2e, 4614.4935, 1e-6);
        close(
            m.battery_share_of_cradle_to_gate.unwrap_or(f64::NAN),
            4614.4935 / 11685.1303,
            1e-9,
        );
        close(m.listed_material_kg, 1_445.0, 1e-9);
        let t = m.battery.template.as_ref().expect("template form");
        close(t.lifetime_energy_kwh, 36_000.0, 1e-9);
        close(
            t.kg_co2e_per_kwh_lifetime_energy,
            4614.4935 / 36_000.0,
            1e-12,
        );
        assert_eq!(r.boundary.kind, "cradle-to-grave");
    }

    #[test]
    fn embedded_battery_equals_the_battery_template_computed_alone() {
        let r = run(&example()).expect("computes");
        let set = FactorSet::builtin().expect("built-in set");
        let alone = crate::compute(BATTERY_EXAMPLE, set).expect("battery computes");
        assert_eq!(
            ev(&r).battery_kg_co2e.to_bits(),
            alone.total_kg_co2e.to_bits()
        );
        let by_stage = ev(&r).battery.template_by_stage.clone().unwrap_or_default();
        assert_eq!(by_stage.len(), battery::STAGES.len());
        // Every battery line keeps its factor and its path in the template.
        let l = line(&r, "$.battery.template.main_production[0]");
        assert_eq!(l.stage, BATTERY);
        assert_eq!(l.component, BATTERY_COMPONENT);
        close(l.kg_co2e.unwrap_or(f64::NAN), 3_000.0 * 0.5777, 1e-9);
        let cam = line(&r, "$.battery.template.components[0].declared");
        assert_eq!(cam.component, "battery.cam");
        close(cam.kg_co2e.unwrap_or(f64::NAN), 1_800.0, 1e-9);
    }

    #[test]
    fn charging_losses_scale_the_use_phase() {
        let mut d = example();
        d["use_phase"] = json!({
            "kwh_per_km": 0.15,
            "factor": "cn.elec.footprint.2023.national"
        });
        let r = run(&d).expect("computes");
        close(
            line(&r, "$.use_phase").kg_co2e.unwrap_or(f64::NAN),
            13_961.25,
            1e-6,
        );
        d["use_phase"]["charging_loss_factor"] = json!(1.1);
        let r = run(&d).expect("computes");
        let u = line(&r, "$.use_phase");
        close(u.amount, 24_750.0, 1e-9);
        close(u.kg_co2e.unwrap_or(f64::NAN), 24_750.0 * 0.6205, 1e-6);
        d["use_phase"]["charging_loss_factor"] = json!(0.9);
        assert_eq!(
            error(&d),
            (
                "invalid_value".into(),
                "$.use_phase.charging_loss_factor".into()
            )
        );
    }

    #[test]
    fn without_use_phase_cradle_to_grave_is_null_and_per_km_is_cradle_to_gate() {
        let mut d = example();
        d.as_object_mut().map(|o| o.remove("use_phase"));
        d.as_object_mut().map(|o| o.remove("end_of_life"));
        let r = run(&d).expect("computes");
        let m = ev(&r);
        assert_eq!(r.boundary.kind, "cradle-to-gate");
        assert_eq!(m.cradle_to_grave_kg_co2e, None);
        close(m.cradle_to_gate_kg_co2e, 11685.1303, 1e-6);
        let per_km = m.per_km.as_ref().expect("lifetime distance given");
        assert_eq!(per_km.basis, "cradle-to-gate");
        close(per_km.kg_co2e_per_km, 11685.1303 / 150_000.0, 1e-12);
    }

    #[test]
    fn battery_factor_selection_follows_the_battery_study_period() {
        // The battery study ends in 2023, the vehicle's in 2025: the battery's electricity is
        // the 2023 factor, as when the battery template is computed alone.
        let mut d = example();
        d["battery"]["template"]["reference_period"] =
            json!({"start": "2023-01-01", "end": "2023-12-31"});
        let r = run(&d).expect("computes");
        let l = line(&r, "$.battery.template.main_production[0]");
        assert_eq!(
            l.factor.as_ref().map(|f| f.id.as_str()),
            Some("cn.elec.footprint.2023.national")
        );
        let set = FactorSet::builtin().expect("built-in set");
        let alone =
            crate::compute(&d["battery"]["template"].to_string(), set).expect("battery computes");
        assert_eq!(
            ev(&r).battery_kg_co2e.to_bits(),
            alone.total_kg_co2e.to_bits()
        );
        // The vehicle's own assembly electricity stays 2024.
        let a = line(&r, "$.assembly[0]");
        assert_eq!(
            a.factor.as_ref().map(|f| f.id.as_str()),
            Some("cn.elec.footprint.2024.national")
        );
    }

    #[test]
    fn template_errors_name_the_template_path() {
        let mut d = example();
        d["battery"] = json!({});
        assert_eq!(error(&d), ("invalid_value".into(), "$.battery".into()));

        let mut d = example();
        d["vehicle"]
            .as_object_mut()
            .map(|o| o.remove("lifetime_km"));
        assert_eq!(
            error(&d),
            ("invalid_value".into(), "$.vehicle.lifetime_km".into())
        );

        let mut d = example();
        d["battery"]["template"]["gwp_set"] = json!("AR5");
        assert_eq!(
            error(&d),
            ("invalid_value".into(), "$.battery.template.gwp_set".into())
        );

        let mut d = example();
        d["components"][0]["stage"] = json!("battery");
        assert_eq!(
            error(&d),
            ("invalid_value".into(), "$.components[0].stage".into())
        );

        let mut d = example();
        d["use_phase"]["factor"] = json!("cn.elec.footprint.2023.national");
        assert_eq!(error(&d), ("invalid_value".into(), "$.use_phase".into()));

        let mut d = example();
        d["use_phase"]["factor_select"]["geography"] = json!("XX");
        assert_eq!(
            error(&d).1,
            "$.use_phase.factor_select",
            "a grid factor that matches nothing is reported at the use phase"
        );

        let mut d = example();
        d["use_phase"]["kwh_per_km"] = json!(f64::MAX);
        d["vehicle"]["lifetime_km"] = json!(f64::MAX);
        assert_eq!(
            error(&d),
            ("non_finite_result".into(), "$.use_phase".into())
        );
    }

    #[test]
    fn a_period_end_that_is_not_a_date_is_an_error_at_its_path_not_year_0() {
        // Regression: the battery study's year was 0 for an end that does not start with a
        // year, and its grid factor was then looked for "not after 0" (no_matching_factor at
        // a line) before the date itself was reported.
        let mut d = example();
        d["battery"]["template"]["reference_period"]["end"] = json!("31/12/2025");
        let e = run(&d).expect_err("not a date");
        assert_eq!(
            (e.code(), e.path(), e.to_string().as_str()),
            (
                "invalid_value",
                "$.battery.template.reference_period.end",
                "\"31/12/2025\" is not a date YYYY-MM-DD"
            )
        );
        let mut d = example();
        d["reference_period"]["end"] = json!("2025-12-32");
        assert_eq!(
            error(&d),
            ("invalid_value".into(), "$.reference_period.end".into())
        );
    }

    #[test]
    fn listed_materials_heavier_than_the_vehicle_are_a_warning() {
        let mut d = example();
        d["vehicle"]["curb_mass_kg"] = json!(1000);
        let r = run(&d).expect("computes");
        assert!(r
            .warnings
            .iter()
            .any(|w| w.code == "materials_exceed_curb_mass" && w.path == "$.vehicle.curb_mass_kg"));
        close(r.total_kg_co2e, 24718.9508, 1e-6);
    }
}
