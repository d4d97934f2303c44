//! The textile template, `"schema": "pcf-textile/1"`: one garment through the stages of the
//! PEFCR Apparel & Footwear — fibre, spinning, fabric (knitting or weaving), finishing
//! (pre-treatment, dyeing, printing), making-up, distribution, use and end of life.
//!
//! - **Mass balance.** Each process stage k loses a fraction `loss_k` of what enters it. Going
//!   back from the final mass M of the garment, the mass entering making-up is
//!   `M / (1 − loss_making_up)`, the mass entering finishing that divided by
//!   `(1 − loss_finishing)`, and so on; the fibre needed is `M / Π_k (1 − loss_k)`. Spinning
//!   losses default to the Ecobalyse rates of the spinning method (`parameters.csv`); other
//!   losses are the user's (0 allowed).
//! - **Process energy.** Electricity (kWh) and heat (MJ) per kg *entering* a stage, times the
//!   mass entering it; every figure is the user's (the mill's). There are no built-in energy
//!   defaults: the open knitting, weaving and dyeing figures found (Ecobalyse's) are ADEME
//!   Base Impacts data, which pcf does not ship (`factors/README.md`, parameters section), so
//!   a stage without its electricity, or a `dyeing` stage without its heat, is an error naming
//!   the missing field. The factors are the ones the user names (`electricity`, `heat`, per
//!   stage or for all).
//! - **Fibres and the Circular Footprint Formula** (PEF material part, per kg of fibre):
//!   `E = (1 − R1)·E_v + R1·(A·E_rec + (1 − A)·E_v·Qsin/Qp)`, written as up to three lines per
//!   fibre so that every term carries its factor's provenance: the virgin part
//!   `m·(1 − R1)` kg × E_v, the recycled part `m·R1·A` kg × E_rec, and the recycled part
//!   `m·R1·(1 − A)·Q` kg × E_v. A and Q come from a named PEFCR A&F Table 21 set or are given.
//! - **Use** (optional): `N = days worn / wears per wash` washes; washing `N·M·e_wash` kWh,
//!   tumble drying `N·dryer ratio·M·e_dry` kWh, ironing `N·ironing ratio·t_iron·P_iron` kWh,
//!   from the garment type's parameters (ADEME / PEFCR A&F draft via Ecobalyse) unless given,
//!   times the electricity factor the user names.
//!
//! The template becomes a `pcf/1` document whose declared unit is one garment; the sector
//! metrics give the footprint per garment and per kg, the mass balance, the CFF terms of each
//! fibre and the use-phase figures.

use crate::model::{finite, finite_non_negative};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    between, computed, generated_line, no_stage, parameter, Expansion, Lines, Metrics,
    SectorMetrics,
};
use crate::document::{
    Activity, Boundary, Component, Document, FactorSelect, GasEmission, InlineFactor, Period,
    Product, Quantity,
};
use crate::error::{Error, JsonPath, Result};
use crate::factors::FactorSet;
use crate::result::FootprintResult;

/// The metrics this template adds to a result, defined with the result's types.
pub use crate::result::sector_metrics::{MaterialTerms, StageMass, TextileMetrics, UseFigures};

/// The template's schema tag.
pub const TAG: &str = "pcf-textile/1";

/// Stages of the generated document, in reporting order.
pub const STAGES: [&str; 8] = [
    "fibre",
    "spinning",
    "fabric",
    "finishing",
    "making_up",
    "distribution",
    "use",
    "end_of_life",
];

/// Named Circular Footprint Formula parameter sets (PEFCR A&F v1.2 Table 21), each with rows
/// `textile.cff.<name>.a` and `.q` in `parameters.csv`.
pub const CFF_SETS: &[&str] = &[
    "natural-recycled-textiles",
    "synthetic-recycled-textiles",
    "rpet",
    "pet-bottles",
];

/// The shares of the fibres must sum to 1 within this tolerance.
pub const SHARE_TOLERANCE: f64 = 1e-9;

/// A garment footprint study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "pcf-textile/1 garment template")]
pub struct TextileDocument {
    /// Always `pcf-textile/1`.
    pub schema: String,
    /// The garment.
    pub garment: Garment,
    /// GWP100 set: `AR4`, `AR5` or `AR6`.
    pub gwp_set: String,
    /// The period the data represent.
    pub reference_period: Period,
    /// The fibres of the garment, with their shares of its final mass (summing to 1).
    pub materials: Vec<Material>,
    /// The process stages between fibre and garment: losses and energy.
    pub processes: Processes,
    /// Electricity factor of the process stages (a stage may name its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electricity: Option<FactorRef>,
    /// Heat factor of the process stages, per MJ of heat (a stage may name its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heat: Option<FactorRef>,
    /// Distribution to the point of sale (lines as in `pcf/1`, without `stage`).
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub distribution: Vec<Activity>,
    /// The use phase (washing, drying, ironing); absent for a cradle-to-gate study.
    #[serde(default, rename = "use", skip_serializing_if = "Option::is_none")]
    pub use_phase: Option<UsePhase>,
    /// End of life: collection, sorting, disposal (lines without `stage`).
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub end_of_life: Vec<Activity>,
    /// Direct gas emissions; each names one of the stages.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub emissions: Vec<GasEmission>,
    /// Sub-products used by the lines, as in `pcf/1`.
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

/// The garment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Garment {
    /// Name.
    pub name: String,
    /// Chinese name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Garment type, e.g. `tshirt`: its use-phase parameters are the rows
    /// `textile.<type>.*` of `parameters.csv` (a type without rows needs its use data given).
    #[serde(rename = "type")]
    pub kind: String,
    /// Final mass of one garment, kg.
    pub mass_kg: f64,
    /// Product code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// An emission factor: exactly one of a factor id, a choice by series and place, or a factor
/// written here with its source.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactorRef {
    /// Id of an emission factor in the built-in or user tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<String>,
    /// A factor chosen by series, geography and year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_select: Option<FactorSelect>,
    /// A factor given here, with its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline_factor: Option<InlineFactor>,
}

/// One fibre of the garment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Fibre (cotton, polyester, wool …).
    pub name: String,
    /// Share of the garment's final mass, 0–1.
    pub share: f64,
    /// E_v: the footprint of one unit of virgin fibre (per kg; no open fibre factor set
    /// exists, so give your supplier's value or your own with its source).
    pub virgin: FactorRef,
    /// Recycled content and its Circular Footprint Formula parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recycled: Option<Recycled>,
}

/// Recycled content of a fibre, counted by the Circular Footprint Formula.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recycled {
    /// R1: share of the fibre that is recycled, 0–1.
    pub content: f64,
    /// A named PEFCR A&F parameter set: `natural-recycled-textiles`,
    /// `synthetic-recycled-textiles`, `rpet` or `pet-bottles` (instead of `a` and `q`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cff_parameters: Option<String>,
    /// A: allocation factor between supplier and user of recycled material, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub a: Option<f64>,
    /// Qsin/Qp: quality of the recycled input relative to the primary material, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<f64>,
    /// E_rec: the footprint of the recycling process, per unit of recycled fibre.
    pub recycling: FactorRef,
}

/// The four process stages between fibre and garment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Processes {
    /// Spinning: `method` `open-end`, `ring` or `filament` gives the default loss.
    pub spinning: ProcessStage,
    /// Fabric: `method` `knitting-straight`, `knitting-circular` or `weaving`; the electricity
    /// is always the mill's own (no built-in default).
    pub fabric: ProcessStage,
    /// Finishing (pre-treatment, dyeing, printing): `method` `dyeing` needs the dye-house's own
    /// heat as well as its electricity (no built-in defaults).
    pub finishing: ProcessStage,
    /// Making-up (cutting and sewing): loss is the cutting waste.
    pub making_up: ProcessStage,
}

/// One process stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessStage {
    /// Method (see the stage): for spinning it gives the default loss; for fabric and
    /// finishing it names the process and gives no energy figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// Fraction of the mass entering the stage that is lost, at least 0 and below 1 (default
    /// from the method where the parameter table has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<f64>,
    /// Electricity per kg entering the stage, kWh: required, 0 allowed (pcf ships no
    /// process-energy defaults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electricity_kwh_per_kg: Option<f64>,
    /// Heat per kg entering the stage, MJ: required for finishing `method` `dyeing`, 0 allowed;
    /// otherwise none when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heat_mj_per_kg: Option<f64>,
    /// Electricity factor of this stage's site (default: the document's `electricity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electricity: Option<FactorRef>,
    /// Heat factor of this stage's site (default: the document's `heat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heat: Option<FactorRef>,
    /// Other lines of the stage (chemicals, dyes, water …), as in `pcf/1`, without `stage`.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::json::lines"
    )]
    pub lines: Vec<Activity>,
}

/// The use phase. Every number defaults to the garment type's parameter row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UsePhase {
    /// Electricity factor of the country of use.
    pub electricity: FactorRef,
    /// Days the garment is worn over its life.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_worn: Option<f64>,
    /// Wears between two washes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wears_per_wash: Option<f64>,
    /// Share of washes followed by tumble drying, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dryer_ratio: Option<f64>,
    /// Share of washes followed by ironing, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ironing_ratio: Option<f64>,
    /// Ironing time per ironing, hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ironing_time_h: Option<f64>,
    /// Washing electricity per kg of laundry, kWh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub washing_kwh_per_kg: Option<f64>,
    /// Tumble-drying electricity per kg dried, kWh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drying_kwh_per_kg: Option<f64>,
    /// Power of the iron, kW.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iron_power_kw: Option<f64>,
}

/// The textile (garment) sector.
pub struct Textile;

impl super::Sector for Textile {
    const NAME: &'static str = "textile";
    const TAG: &'static str = TAG;
    const LABELS: &'static [Label] = LABELS;
    const SCHEMA: &'static str = include_str!("../../schema/pcf-textile-1.schema.json");
    type Input = TextileDocument;
    type Figures = Figures;

    fn tag_of(input: &TextileDocument) -> &str {
        &input.schema
    }

    fn expand(input: &TextileDocument, factors: &FactorSet) -> Result<Expansion<Figures>> {
        expand(input, factors)
    }

    fn metrics(
        _input: &TextileDocument,
        figures: &Figures,
        result: &FootprintResult,
        _factors: &FactorSet,
    ) -> Result<Metrics> {
        Ok(Metrics::new(SectorMetrics::Textile(metrics(
            figures, result,
        ))))
    }
}

/// What the expansion computes for the metrics.
pub struct Figures {
    /// Garment type.
    pub garment_type: String,
    /// Final mass, kg.
    pub mass_kg: f64,
    /// Fibre needed, kg.
    pub fibre_kg: f64,
    /// The mass balance.
    pub mass_balance: Vec<StageMass>,
    /// Fibre terms, with kg CO2e still zero (filled in by [`metrics`]).
    pub materials: Vec<MaterialTerms>,
    /// Use figures.
    pub use_phase: Option<UseFigures>,
}

/// Checks that a factor reference names exactly one factor.
fn check_ref(r: &FactorRef, path: &JsonPath, what: &str) -> Result<()> {
    let n = usize::from(r.factor.is_some())
        + usize::from(r.factor_select.is_some())
        + usize::from(r.inline_factor.is_some());
    if n != 1 {
        return Err(Error::invalid(
            path,
            format!("{what} needs exactly one of factor, factor_select or inline_factor"),
        ));
    }
    Ok(())
}

/// A generated line of `amount` `unit` with the factor `r` (at `ref_path`), reported at
/// `path`: errors about the factor point at the factor, everything else at `path`.
#[allow(clippy::too_many_arguments)]
fn factor_line(
    lines: &mut Lines,
    id: Option<String>,
    name: String,
    amount: f64,
    unit: &str,
    stage: &str,
    r: &FactorRef,
    ref_path: &JsonPath,
    path: &JsonPath,
) {
    let here = lines.next();
    for key in ["factor", "factor_select", "inline_factor"] {
        lines
            .paths
            .push(here.key(key).into(), ref_path.key(key).into());
    }
    lines.push(
        path.clone(),
        Activity {
            id,
            factor: r.factor.clone(),
            inline_factor: r.inline_factor.clone(),
            factor_select: r.factor_select.clone(),
            ..generated_line(name, amount, unit, stage)
        },
    );
}

/// Id of a generated fibre line: `fibre[<material>].<term>`.
fn fibre_line_id(i: usize, term: &str) -> String {
    format!("fibre[{i}].{term}")
}

/// A process stage's methods, and the loss its method gives by default (spinning only: the
/// process-energy figures never have a default).
struct StageDefaults {
    methods: &'static [&'static str],
    loss: Option<String>,
}

fn stage_defaults(stage: &str, method: Option<&str>) -> StageDefaults {
    let methods: &'static [&'static str] = match stage {
        "spinning" => &["open-end", "ring", "filament"],
        "fabric" => &["knitting-straight", "knitting-circular", "weaving"],
        "finishing" => &["dyeing"],
        _ => &[],
    };
    let loss = match (stage, method) {
        ("spinning", Some(m)) if methods.contains(&m) => Some(format!("textile.spinning.loss.{m}")),
        _ => None,
    };
    StageDefaults { methods, loss }
}

/// Why a method has no built-in energy figure: the open figures found for it (Ecobalyse's
/// knitting, weaving and dyeing processes) are ADEME Base Impacts data, which pcf does not ship.
const NO_ENERGY_DEFAULT: &str =
    "the open figures found come from ADEME Base Impacts, which pcf does not ship";

/// The error for a missing energy figure of a stage (`what`: `electricity` or `heat`, `unit`:
/// `kWh` or `MJ`), at `path`.
fn missing_energy(
    stage: &str,
    method: Option<&str>,
    what: &str,
    unit: &str,
    path: JsonPath,
) -> Error {
    let label = stage.replace('_', "-");
    let site = if stage == "finishing" {
        "dye-house's"
    } else {
        "mill's"
    };
    let detail = match method {
        Some(m) if stage == "fabric" || (stage == "finishing" && m == "dyeing") => format!(
            "{m} has no built-in {what} default ({NO_ENERGY_DEFAULT}); state the {site} {unit} per kg (0 allowed)"
        ),
        _ => format!(
            "give the {label} {what} in {unit} per kg (0 allowed); pcf has no built-in process-energy defaults"
        ),
    };
    Error::invalid(path, detail)
}

/// A stage's own numbers, validated and with their defaults.
struct StagePlan {
    stage: &'static str,
    loss: f64,
    loss_source: String,
    kwh_per_kg: f64,
    mj_per_kg: f64,
}

fn plan_stage(
    stage: &'static str,
    s: &ProcessStage,
    path: &JsonPath,
    factors: &FactorSet,
) -> Result<StagePlan> {
    let label = stage.replace('_', "-");
    let method = s.method.as_deref();
    let d = stage_defaults(stage, method);
    if let Some(m) = method {
        if !d.methods.contains(&m) {
            let detail = if d.methods.is_empty() {
                format!("{label} has no methods; remove method {m:?}")
            } else {
                format!(
                    "{label} method {m:?} must be one of {}",
                    d.methods.join(", ")
                )
            };
            return Err(Error::invalid(path.key("method"), detail));
        }
    }
    let (loss, loss_source) = match (s.loss, &d.loss) {
        (Some(l), _) => {
            let lp = path.key("loss");
            let l = finite(l, &lp, &format!("{label} loss"))?;
            if !(0.0..1.0).contains(&l) {
                return Err(Error::invalid(
                    lp,
                    format!("{label} loss must be at least 0 and below 1, got {l}"),
                ));
            }
            (l, "given".to_string())
        }
        (None, Some(id)) => parameter(factors, id, &path.key("method"))?,
        (None, None) => {
            let hint = if stage == "spinning" {
                " or the spinning method (open-end, ring, filament)"
            } else {
                ""
            };
            return Err(Error::invalid(
                path.key("loss"),
                format!("give the {label} loss (a fraction, 0 allowed){hint}"),
            ));
        }
    };
    let kwh_path = path.key("electricity_kwh_per_kg");
    let kwh_per_kg = match s.electricity_kwh_per_kg {
        Some(v) => finite_non_negative(v, &kwh_path, &format!("{label} electricity per kg"))?,
        None => {
            return Err(missing_energy(
                stage,
                method,
                "electricity",
                "kWh",
                kwh_path,
            ))
        }
    };
    let heat_path = path.key("heat_mj_per_kg");
    let mj_per_kg = match s.heat_mj_per_kg {
        Some(v) => finite_non_negative(v, &heat_path, &format!("{label} heat per kg"))?,
        // Dyeing is a heat process: its heat is required, never taken as none.
        None if stage == "finishing" && method == Some("dyeing") => {
            return Err(missing_energy(stage, method, "heat", "MJ", heat_path))
        }
        None => 0.0,
    };
    Ok(StagePlan {
        stage,
        loss,
        loss_source,
        kwh_per_kg,
        mj_per_kg,
    })
}

/// Validates the template and turns it into a `pcf/1` document.
fn expand(doc: &TextileDocument, factors: &FactorSet) -> Result<Expansion<Figures>> {
    let root = JsonPath::root();
    let gp = root.key("garment");
    let g = &doc.garment;
    let mass_path = gp.key("mass_kg");
    let mass = finite_non_negative(g.mass_kg, &mass_path, "garment mass")?;
    if mass <= 0.0 {
        return Err(Error::NotPositive {
            path: mass_path.into(),
            what: "garment mass".into(),
            value: g.mass_kg,
        });
    }

    // Mass balance, from the garment back to the fibre.
    let pp = root.key("processes");
    let p = &doc.processes;
    let plans = [
        plan_stage("spinning", &p.spinning, &pp.key("spinning"), factors)?,
        plan_stage("fabric", &p.fabric, &pp.key("fabric"), factors)?,
        plan_stage("finishing", &p.finishing, &pp.key("finishing"), factors)?,
        plan_stage("making_up", &p.making_up, &pp.key("making_up"), factors)?,
    ];
    let mut output = mass;
    let mut inputs = [0.0; 4];
    for (k, plan) in plans.iter().enumerate().rev() {
        let input = computed(
            output / (1.0 - plan.loss),
            &pp.key(plan.stage),
            "mass entering the stage",
        )?;
        if let Some(slot) = inputs.get_mut(k) {
            *slot = input;
        }
        output = input;
    }
    let fibre_kg = output;
    let mut mass_balance = Vec::new();
    for (k, plan) in plans.iter().enumerate() {
        let input_kg = inputs.get(k).copied().unwrap_or(0.0);
        let output_kg = inputs.get(k + 1).copied().unwrap_or(mass);
        mass_balance.push(StageMass {
            stage: std::borrow::Cow::Borrowed(plan.stage),
            loss: plan.loss,
            loss_source: plan.loss_source.clone(),
            input_kg,
            output_kg,
        });
    }

    let mut lines = Lines::default();

    // Fibres and the Circular Footprint Formula.
    let mp = root.key("materials");
    if doc.materials.is_empty() {
        return Err(Error::invalid(&mp, "give at least one fibre"));
    }
    let mut share_sum = 0.0;
    let mut materials = Vec::new();
    for (i, m) in doc.materials.iter().enumerate() {
        let here = mp.index(i);
        let share = between(m.share, 0.0, 1.0, &here.key("share"), "fibre share")?;
        share_sum += share;
        let vp = here.key("virgin");
        check_ref(&m.virgin, &vp, "the virgin fibre factor")?;
        let m_kg = fibre_kg * share;
        let mut t = MaterialTerms {
            name: m.name.clone(),
            share,
            fibre_kg: m_kg,
            recycled_content: 0.0,
            a: None,
            q: None,
            cff_source: None,
            virgin_kg: m_kg,
            recycled_a_kg: 0.0,
            recycled_q_kg: 0.0,
            virgin_kg_co2e: 0.0,
            recycled_a_kg_co2e: 0.0,
            recycled_q_kg_co2e: 0.0,
            kg_co2e: 0.0,
            kg_co2e_per_kg_fibre: 0.0,
        };
        let Some(r) = &m.recycled else {
            factor_line(
                &mut lines,
                Some(fibre_line_id(i, "virgin")),
                format!("{}: virgin fibre, {m_kg} kg (share {share})", m.name),
                m_kg,
                "kg",
                "fibre",
                &m.virgin,
                &vp,
                &vp,
            );
            materials.push(t);
            continue;
        };
        let rp = here.key("recycled");
        let r1 = between(r.content, 0.0, 1.0, &rp.key("content"), "recycled content")?;
        let (a, q, source) = match (&r.cff_parameters, r.a, r.q) {
            (Some(set), None, None) => {
                let sp = rp.key("cff_parameters");
                if !CFF_SETS.contains(&set.as_str()) {
                    return Err(Error::invalid(
                        sp,
                        format!(
                            "CFF parameter set {set:?} must be one of {}",
                            CFF_SETS.join(", ")
                        ),
                    ));
                }
                let (a, sa) = parameter(factors, &format!("textile.cff.{set}.a"), &sp)?;
                let (q, sq) = parameter(factors, &format!("textile.cff.{set}.q"), &sp)?;
                (a, q, format!("A: {sa}; Q: {sq}"))
            }
            (None, Some(a), Some(q)) => (
                between(a, 0.0, 1.0, &rp.key("a"), "CFF allocation factor A")?,
                between(q, 0.0, 1.0, &rp.key("q"), "CFF quality ratio Qsin/Qp")?,
                "given".to_string(),
            ),
            _ => {
                return Err(Error::invalid(
                    rp,
                    format!(
                        "recycled content needs either cff_parameters ({}) or both a and q",
                        CFF_SETS.join(", ")
                    ),
                ))
            }
        };
        let ep = rp.key("recycling");
        check_ref(&r.recycling, &ep, "the recycling process factor")?;
        t.recycled_content = r1;
        t.a = Some(a);
        t.q = Some(q);
        t.cff_source = Some(source);
        t.virgin_kg = m_kg * (1.0 - r1);
        t.recycled_a_kg = m_kg * r1 * a;
        t.recycled_q_kg = m_kg * r1 * (1.0 - a) * q;
        if t.virgin_kg > 0.0 {
            factor_line(
                &mut lines,
                Some(fibre_line_id(i, "virgin")),
                format!(
                    "{}: virgin part (1 − R1)·E_v, {m_kg} kg × (1 − {r1})",
                    m.name
                ),
                t.virgin_kg,
                "kg",
                "fibre",
                &m.virgin,
                &vp,
                &vp,
            );
        }
        if t.recycled_a_kg > 0.0 {
            factor_line(
                &mut lines,
                Some(fibre_line_id(i, "recycled-a")),
                format!(
                    "{}: recycled part R1·A·E_rec, {m_kg} kg × {r1} × A {a}",
                    m.name
                ),
                t.recycled_a_kg,
                "kg",
                "fibre",
                &r.recycling,
                &ep,
                &ep,
            );
        }
        if t.recycled_q_kg > 0.0 {
            factor_line(
                &mut lines,
                Some(fibre_line_id(i, "recycled-q")),
                format!(
                    "{}: recycled part R1·(1 − A)·E_v·Qsin/Qp, {m_kg} kg × {r1} × (1 − {a}) × Q {q}",
                    m.name
                ),
                t.recycled_q_kg,
                "kg",
                "fibre",
                &m.virgin,
                &vp,
                &vp,
            );
        }
        materials.push(t);
    }
    if (share_sum - 1.0).abs() > SHARE_TOLERANCE {
        return Err(Error::invalid(
            mp,
            format!("the fibre shares must sum to 1, got {share_sum}"),
        ));
    }

    // Process energy and the stages' own lines.
    let stage_docs = [&p.spinning, &p.fabric, &p.finishing, &p.making_up];
    for (k, plan) in plans.iter().enumerate() {
        let sp = pp.key(plan.stage);
        let label = plan.stage.replace('_', "-");
        let s = stage_docs.get(k).copied().cloned().unwrap_or_default();
        let input_kg = inputs.get(k).copied().unwrap_or(0.0);
        for (per_kg, unit, what, own, common, key) in [
            (
                plan.kwh_per_kg,
                "kWh",
                "electricity",
                &s.electricity,
                &doc.electricity,
                "electricity_kwh_per_kg",
            ),
            (
                plan.mj_per_kg,
                "MJ",
                "heat",
                &s.heat,
                &doc.heat,
                "heat_mj_per_kg",
            ),
        ] {
            if per_kg == 0.0 {
                continue;
            }
            let amount = computed(input_kg * per_kg, &sp.key(key), &format!("{label} {what}"))?;
            let (r, ref_path) = match (own, common) {
                (Some(r), _) => (r, sp.key(what)),
                (None, Some(r)) => (r, root.key(what)),
                (None, None) => {
                    return Err(Error::invalid(
                        root.key(what),
                        format!(
                            "{label} uses {what}: name its factor under {what} (or under processes.{}.{what})",
                            plan.stage
                        ),
                    ))
                }
            };
            check_ref(r, &ref_path, &format!("the {what} factor"))?;
            // Every process-energy figure is the user's own (there are no defaults).
            factor_line(
                &mut lines,
                None,
                format!("{label} {what}: {input_kg} kg entering × {per_kg} {unit}/kg (given)"),
                amount,
                unit,
                plan.stage,
                r,
                &ref_path,
                &sp.key(key),
            );
        }
        lines.section(&s.lines, &sp.key("lines"), plan.stage, no_stage)?;
    }

    lines.section(
        &doc.distribution,
        &root.key("distribution"),
        "distribution",
        no_stage,
    )?;

    // Use phase.
    let use_phase = match &doc.use_phase {
        None => None,
        Some(u) => Some(use_lines(u, g, mass, factors, &mut lines)?),
    };

    lines.section(
        &doc.end_of_life,
        &root.key("end_of_life"),
        "end_of_life",
        no_stage,
    )?;

    let has_use = doc.use_phase.is_some();
    let has_eol = !doc.end_of_life.is_empty();
    let (kind, stages, cut_off): (&str, Vec<&str>, Option<String>) = match (has_use, has_eol) {
        (true, true) => ("cradle-to-grave", STAGES.to_vec(), None),
        (false, false) => (
            "cradle-to-gate",
            STAGES
                .iter()
                .copied()
                .filter(|s| *s != "use" && *s != "end_of_life")
                .collect(),
            None,
        ),
        (true, false) => (
            "partial",
            STAGES
                .iter()
                .copied()
                .filter(|s| *s != "end_of_life")
                .collect(),
            Some("end of life not modelled".into()),
        ),
        (false, true) => (
            "partial",
            STAGES.iter().copied().filter(|s| *s != "use").collect(),
            Some("use phase not modelled".into()),
        ),
    };

    let document = Document {
        schema: crate::document::SCHEMA_TAG.into(),
        product: Product {
            name: g.name.clone(),
            name_zh: g.name_zh.clone(),
            sector: "textile".into(),
            declared_unit: Quantity {
                amount: 1.0,
                unit: "item".into(),
            },
            functional_unit: Some(format!(
                "one garment ({}) of {mass} kg; fibre needed {fibre_kg} kg",
                g.kind
            )),
            code: g.code.clone(),
        },
        gwp_set: doc.gwp_set.clone(),
        boundary: Boundary {
            kind: kind.into(),
            stages: stages.iter().map(|s| s.to_string()).collect(),
            cut_off,
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
            garment_type: g.kind.clone(),
            mass_kg: mass,
            fibre_kg,
            mass_balance,
            materials,
            use_phase,
        },
    })
}

/// The use-phase lines: washes `N = days worn / wears per wash`; washing `N·M·e_wash`,
/// drying `N·r_dry·M·e_dry`, ironing `N·r_iron·t·P` kWh.
fn use_lines(
    u: &UsePhase,
    g: &Garment,
    mass: f64,
    factors: &FactorSet,
    lines: &mut Lines,
) -> Result<UseFigures> {
    let root = JsonPath::root();
    let up = root.key("use");
    let known_types: Vec<String> = factors
        .parameters()
        .iter()
        .filter_map(|p| {
            p.id.strip_prefix("textile.")
                .and_then(|rest| rest.strip_suffix(".days-worn"))
                .map(str::to_string)
        })
        .collect();
    let mut sources = Vec::new();
    // A garment-type number: given, or the type's parameter row.
    let mut typed = |given: Option<f64>, key: &str, suffix: &str, what: &str| -> Result<f64> {
        let path = up.key(key);
        if let Some(v) = given {
            sources.push(format!("{what}: {v} (given)"));
            return finite_non_negative(v, &path, what);
        }
        let id = format!("textile.{}.{suffix}", g.kind);
        match factors.parameter(&id) {
            Some(p) => {
                sources.push(format!("{what}: {} ({}, {})", p.value, p.id, p.source));
                Ok(p.value)
            }
            None => Err(Error::invalid(
                root.key("garment").key("type"),
                format!(
                    "garment type {:?} has no use-phase parameters (known: {}); give use.{key} and the other use numbers",
                    g.kind,
                    known_types.join(", ")
                ),
            )),
        }
    };
    let days = typed(u.days_worn, "days_worn", "days-worn", "days worn")?;
    let wears = typed(
        u.wears_per_wash,
        "wears_per_wash",
        "wears-per-wash",
        "wears per wash",
    )?;
    let dryer = typed(u.dryer_ratio, "dryer_ratio", "dryer-ratio", "dryer ratio")?;
    let ironing = typed(
        u.ironing_ratio,
        "ironing_ratio",
        "ironing-ratio",
        "ironing ratio",
    )?;
    let iron_h = typed(
        u.ironing_time_h,
        "ironing_time_h",
        "ironing-time",
        "ironing time (h)",
    )?;
    let mut general = |given: Option<f64>, key: &str, id: &str, what: &str| -> Result<f64> {
        let path = up.key(key);
        match given {
            Some(v) => {
                sources.push(format!("{what}: {v} (given)"));
                finite_non_negative(v, &path, what)
            }
            None => {
                let (v, s) = parameter(factors, id, &path)?;
                sources.push(format!("{what}: {v} ({s})"));
                Ok(v)
            }
        }
    };
    let e_wash = general(
        u.washing_kwh_per_kg,
        "washing_kwh_per_kg",
        "textile.use.washing.elec",
        "washing kWh per kg",
    )?;
    let e_dry = general(
        u.drying_kwh_per_kg,
        "drying_kwh_per_kg",
        "textile.use.drying.elec",
        "drying kWh per kg",
    )?;
    let power = general(
        u.iron_power_kw,
        "iron_power_kw",
        "textile.use.iron.power",
        "iron power (kW)",
    )?;
    for (v, key, what) in [
        (dryer, "dryer_ratio", "dryer ratio"),
        (ironing, "ironing_ratio", "ironing ratio"),
    ] {
        between(v, 0.0, 1.0, &up.key(key), what)?;
    }
    if wears <= 0.0 {
        return Err(Error::NotPositive {
            path: up.key("wears_per_wash").into(),
            what: "wears per wash".into(),
            value: wears,
        });
    }
    let washes = computed(days / wears, &up.key("days_worn"), "number of washes")?;
    let washing_kwh = computed(washes * mass * e_wash, &up, "washing electricity")?;
    let drying_kwh = computed(washes * dryer * mass * e_dry, &up, "drying electricity")?;
    let ironing_kwh = computed(
        washes * ironing * iron_h * power,
        &up,
        "ironing electricity",
    )?;
    let total_kwh = computed(
        washing_kwh + drying_kwh + ironing_kwh,
        &up,
        "use electricity",
    )?;
    let ep = up.key("electricity");
    check_ref(&u.electricity, &ep, "the use-phase electricity factor")?;
    for (id, name, kwh) in [
        (
            "use.washing",
            format!("washing: {washes} washes × {mass} kg × {e_wash} kWh/kg"),
            washing_kwh,
        ),
        (
            "use.drying",
            format!("tumble drying: {washes} washes × ratio {dryer} × {mass} kg × {e_dry} kWh/kg"),
            drying_kwh,
        ),
        (
            "use.ironing",
            format!("ironing: {washes} washes × ratio {ironing} × {iron_h} h × {power} kW"),
            ironing_kwh,
        ),
    ] {
        if kwh > 0.0 {
            factor_line(
                lines,
                Some(id.into()),
                name,
                kwh,
                "kWh",
                "use",
                &u.electricity,
                &ep,
                &up,
            );
        }
    }
    Ok(UseFigures {
        days_worn: days,
        wears_per_wash: wears,
        washes,
        washing_kwh,
        drying_kwh,
        ironing_kwh,
        total_kwh,
        sources,
    })
}

/// The textile metrics of a computed footprint.
pub fn metrics(e: &Figures, result: &FootprintResult) -> TextileMetrics {
    let line_kg = |id: &str| -> f64 {
        result
            .lines
            .iter()
            .filter(|l| l.id.as_deref() == Some(id))
            .filter_map(|l| l.kg_co2e)
            // From +0.0: an empty f64 sum is −0.0.
            .fold(0.0, |a, b| a + b)
    };
    let materials = e
        .materials
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut t = t.clone();
            t.virgin_kg_co2e = line_kg(&fibre_line_id(i, "virgin"));
            t.recycled_a_kg_co2e = line_kg(&fibre_line_id(i, "recycled-a"));
            t.recycled_q_kg_co2e = line_kg(&fibre_line_id(i, "recycled-q"));
            t.kg_co2e = t.virgin_kg_co2e + t.recycled_a_kg_co2e + t.recycled_q_kg_co2e;
            t.kg_co2e_per_kg_fibre = if t.fibre_kg > 0.0 {
                t.kg_co2e / t.fibre_kg
            } else {
                0.0
            };
            t
        })
        .collect();
    TextileMetrics {
        garment_type: e.garment_type.clone(),
        mass_kg: e.mass_kg,
        kg_co2e_per_garment: result.total_kg_co2e,
        kg_co2e_per_kg: result.total_kg_co2e / e.mass_kg,
        fibre_kg: e.fibre_kg,
        mass_balance: e.mass_balance.clone(),
        materials,
        use_phase: e.use_phase.clone(),
    }
}

use super::{label, Label};

/// Bilingual labels of the template's own fields (the common ones are in
/// [`super::COMMON_LABELS`]).
pub const LABELS: &[Label] = &[
    label("garment", "Garment", "服装"),
    label("garment.name", "Garment name", "服装名称"),
    label("garment.name_zh", "Chinese name", "中文名称"),
    label("garment.type", "Garment type", "服装类型"),
    label(
        "garment.mass_kg",
        "Final mass per garment (kg)",
        "单件成品质量(kg)",
    ),
    label("garment.code", "Product code", "产品编码"),
    label("materials", "Fibres", "纤维原料"),
    label(
        "materials.share",
        "Share of final mass (0–1)",
        "占成品质量比例(0–1)",
    ),
    label(
        "materials.virgin",
        "Virgin fibre factor E_v",
        "原生纤维排放因子 E_v",
    ),
    label("materials.recycled", "Recycled content", "再生成分"),
    label(
        "materials.recycled.content",
        "Recycled content R1 (0–1)",
        "再生含量 R1(0–1)",
    ),
    label(
        "materials.recycled.cff_parameters",
        "PEFCR CFF parameter set",
        "PEFCR循环足迹公式参数组",
    ),
    label("materials.recycled.a", "Allocation factor A", "分配系数 A"),
    label(
        "materials.recycled.q",
        "Quality ratio Qsin/Qp",
        "质量比 Qsin/Qp",
    ),
    label(
        "materials.recycled.recycling",
        "Recycling process factor E_rec",
        "回收再生过程排放因子 E_rec",
    ),
    label("processes", "Process stages", "加工工序"),
    label("processes.spinning", "Spinning", "纺纱"),
    label(
        "processes.fabric",
        "Fabric (knitting or weaving)",
        "织造(针织或机织)",
    ),
    label(
        "processes.finishing",
        "Finishing (pre-treatment, dyeing, printing)",
        "染整(前处理、染色、印花)",
    ),
    label(
        "processes.making_up",
        "Making-up (cutting, sewing)",
        "成衣制作(裁剪、缝制)",
    ),
    label("*.method", "Method", "工艺方法"),
    label("*.loss", "Loss (fraction of input)", "损耗率(占投入比例)"),
    label(
        "*.electricity_kwh_per_kg",
        "Electricity per kg processed (kWh)",
        "每千克加工量耗电(kWh)",
    ),
    label(
        "*.heat_mj_per_kg",
        "Heat per kg processed (MJ)",
        "每千克加工量耗热(MJ)",
    ),
    label("*.lines", "Other lines of the stage", "本工序其他活动数据"),
    label("electricity", "Electricity factor", "电力排放因子"),
    label("*.electricity", "Electricity factor", "电力排放因子"),
    label("heat", "Heat factor", "热力排放因子"),
    label("*.heat", "Heat factor", "热力排放因子"),
    label("distribution", "Distribution", "分销"),
    label("use", "Use phase", "使用阶段"),
    label("use.days_worn", "Days worn", "穿着天数"),
    label("use.wears_per_wash", "Wears per wash", "每次洗涤前穿着次数"),
    label("use.dryer_ratio", "Tumble-dryer ratio", "滚筒烘干比例"),
    label("use.ironing_ratio", "Ironing ratio", "熨烫比例"),
    label("use.ironing_time_h", "Ironing time (h)", "熨烫时间(h)"),
    label(
        "use.washing_kwh_per_kg",
        "Washing electricity per kg (kWh)",
        "每千克洗涤耗电(kWh)",
    ),
    label(
        "use.drying_kwh_per_kg",
        "Drying electricity per kg (kWh)",
        "每千克烘干耗电(kWh)",
    ),
    label("use.iron_power_kw", "Iron power (kW)", "熨斗功率(kW)"),
    label("end_of_life", "End of life", "寿命终止"),
    // Fields of a factor given at the top level (`electricity`, `heat`).
    label("*.series", "Factor series", "因子系列"),
    label("*.geography", "Geography", "地区"),
    label("*.year", "Year", "年份"),
    label(
        "*.geography_fallback",
        "Fall back to a wider region",
        "允许回退到上级地区",
    ),
    label("*.id", "Id", "编号"),
    label("*.value", "Value", "数值"),
    label("*.value_unit", "Mass unit of the value", "数值的质量单位"),
    label("*.per_unit", "Per unit", "每单位"),
    label("*.basis", "CO2e or gas", "CO2当量或气体"),
    label("*.class", "Emission class", "排放类别"),
    label("*.gwp_set", "GWP set of the source", "数据源采用的GWP版本"),
    label("*.source", "Source", "数据来源"),
    label("*.uncertainty", "Uncertainty", "不确定性"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn wool(recycled: serde_json::Value) -> String {
        serde_json::json!({
            "schema": TAG,
            "garment": {"name": "recycled wool test", "type": "jumper", "mass_kg": 0.207},
            "gwp_set": "AR6",
            "reference_period": {"start": "2025-01-01", "end": "2025-12-31"},
            "materials": [{
                "name": "wool",
                "share": 1,
                "virgin": {"inline_factor": {"value": 80.3, "per_unit": "kg", "source": "PEFCR example"}},
                "recycled": recycled
            }],
            "processes": {
                "spinning": {"loss": 0, "electricity_kwh_per_kg": 0},
                "fabric": {"loss": 0, "electricity_kwh_per_kg": 0},
                "finishing": {"loss": 0, "electricity_kwh_per_kg": 0},
                "making_up": {"loss": 0, "electricity_kwh_per_kg": 0}
            }
        })
        .to_string()
    }

    fn compute(text: &str) -> Result<FootprintResult> {
        crate::compute(text, FactorSet::builtin()?)
    }

    #[test]
    fn pefcr_recycled_wool_example_gives_1_745() {
        let text = wool(serde_json::json!({
            "content": 1, "a": 0.8, "q": 0.5,
            "recycling": {"inline_factor": {"value": 0.5, "per_unit": "kg", "source": "PEFCR example"}}
        }));
        let r = compute(&text).expect("computes");
        // 0.207 × (0.8 × 0.5 + 0.2 × 80.3 × 0.5) = 0.207 × 8.43
        assert!(
            (r.total_kg_co2e - 1.74501).abs() < 1e-12,
            "{}",
            r.total_kg_co2e
        );
        let Some(crate::sectors::SectorMetrics::Textile(m)) = &r.sector else {
            panic!("textile metrics expected");
        };
        let t = &m.materials[0];
        assert!((t.kg_co2e_per_kg_fibre - 8.43).abs() < 1e-12);
        assert!((t.recycled_a_kg_co2e - 0.0828).abs() < 1e-12);
        assert!((t.recycled_q_kg_co2e - 1.66221).abs() < 1e-12);
        assert_eq!(t.virgin_kg, 0.0);
    }

    #[test]
    fn named_cff_set_equals_its_a_and_q() {
        let text = wool(serde_json::json!({
            "content": 1, "cff_parameters": "natural-recycled-textiles",
            "recycling": {"inline_factor": {"value": 0.5, "per_unit": "kg", "source": "PEFCR example"}}
        }));
        let r = compute(&text).expect("computes");
        assert!((r.total_kg_co2e - 1.74501).abs() < 1e-12);
    }

    #[test]
    fn losses_divide_the_final_mass() {
        let mut doc: TextileDocument =
            serde_json::from_str(&wool(serde_json::Value::Null)).expect("parses");
        doc.processes.spinning.loss = Some(0.5);
        doc.processes.making_up.loss = Some(0.2);
        let e = expand(&doc, FactorSet::builtin().expect("builtin"))
            .expect("expands")
            .figures;
        // 0.207 / (0.8 × 0.5)
        assert!((e.fibre_kg - 0.207 / 0.8 / 0.5).abs() < 1e-15);
        assert_eq!(e.mass_balance[3].input_kg, 0.207 / 0.8);
        assert_eq!(e.mass_balance[0].output_kg, e.mass_balance[1].input_kg);
    }

    /// The wool document with `stage` replaced by `value`, as text.
    fn with_stage(stage: &str, value: serde_json::Value) -> String {
        let mut doc: serde_json::Value =
            serde_json::from_str(&wool(serde_json::Value::Null)).expect("parses");
        doc["processes"][stage] = value;
        doc.to_string()
    }

    // Regression guard: the knitting and dyeing energy defaults were ADEME Base Impacts figures
    // (via Ecobalyse) and were removed; a method alone must not bring a number back.
    #[test]
    fn a_knitting_stage_without_its_electricity_is_refused_naming_the_field() {
        for method in ["knitting-circular", "knitting-straight", "weaving"] {
            let text = with_stage(
                "fabric",
                serde_json::json!({"method": method, "loss": 0.05}),
            );
            let e = compute(&text).expect_err("refused");
            assert_eq!(e.code(), "invalid_value", "{method}");
            assert_eq!(
                e.path(),
                "$.processes.fabric.electricity_kwh_per_kg",
                "{method}"
            );
            assert_eq!(
                e.to_string(),
                format!(
                    "{method} has no built-in electricity default (the open figures found come \
                     from ADEME Base Impacts, which pcf does not ship); state the mill's kWh per \
                     kg (0 allowed)"
                )
            );
        }
    }

    #[test]
    fn a_dyeing_stage_needs_its_own_heat_and_electricity() {
        let e = compute(&with_stage(
            "finishing",
            serde_json::json!({"method": "dyeing", "loss": 0, "electricity_kwh_per_kg": 1.5}),
        ))
        .expect_err("refused");
        assert_eq!(e.code(), "invalid_value");
        assert_eq!(e.path(), "$.processes.finishing.heat_mj_per_kg");
        assert_eq!(
            e.to_string(),
            "dyeing has no built-in heat default (the open figures found come from ADEME Base \
             Impacts, which pcf does not ship); state the dye-house's MJ per kg (0 allowed)"
        );
        let e = compute(&with_stage(
            "finishing",
            serde_json::json!({"method": "dyeing", "loss": 0, "heat_mj_per_kg": 15}),
        ))
        .expect_err("refused");
        assert_eq!(e.path(), "$.processes.finishing.electricity_kwh_per_kg");
        // Without a method the message says the figure is the user's, with no method to blame.
        let e = compute(&with_stage("making_up", serde_json::json!({"loss": 0.1})))
            .expect_err("refused");
        assert_eq!(e.path(), "$.processes.making_up.electricity_kwh_per_kg");
        assert_eq!(
            e.to_string(),
            "give the making-up electricity in kWh per kg (0 allowed); pcf has no built-in \
             process-energy defaults"
        );
    }

    #[test]
    fn the_removed_base_impacts_rows_are_not_shipped() {
        let set = FactorSet::builtin().expect("builtin");
        for id in [
            "textile.knitting.straight.elec",
            "textile.knitting.circular.elec",
            "textile.finishing.heat",
            "textile.finishing.elec",
        ] {
            assert!(set.parameter(id).is_none(), "{id} is shipped again");
        }
    }

    #[test]
    fn the_stages_own_figures_make_the_energy_lines() {
        // Fabric 1.0 kWh/kg, dyeing 1.5 kWh/kg and 15 MJ/kg, no losses: each line is the
        // garment mass × the figure, with the factor the document names.
        let mut doc: serde_json::Value =
            serde_json::from_str(&wool(serde_json::Value::Null)).expect("parses");
        doc["processes"]["fabric"] = serde_json::json!({"method": "knitting-circular", "loss": 0, "electricity_kwh_per_kg": 1.0});
        doc["processes"]["finishing"] = serde_json::json!({
            "method": "dyeing", "loss": 0, "electricity_kwh_per_kg": 1.5, "heat_mj_per_kg": 15
        });
        doc["electricity"] = serde_json::json!({"inline_factor": {"value": 0.5, "per_unit": "kWh", "source": "test"}});
        doc["heat"] = serde_json::json!({"inline_factor": {"value": 0.07, "per_unit": "MJ", "source": "test"}});
        let r = compute(&doc.to_string()).expect("computes");
        let stage_kg = |stage: &str| -> f64 {
            r.lines
                .iter()
                .filter(|l| l.stage == stage)
                .filter_map(|l| l.kg_co2e)
                .sum()
        };
        assert!((stage_kg("fabric") - 0.207 * 1.0 * 0.5).abs() < 1e-15);
        assert!((stage_kg("finishing") - (0.207 * 1.5 * 0.5 + 0.207 * 15.0 * 0.07)).abs() < 1e-15);
    }

    #[test]
    fn a_loss_of_one_is_refused_in_the_users_terms() {
        let mut doc: TextileDocument =
            serde_json::from_str(&wool(serde_json::Value::Null)).expect("parses");
        doc.processes.spinning.loss = Some(1.0);
        let text = serde_json::to_string(&doc).expect("serialises");
        let e = compute(&text).expect_err("refused");
        assert_eq!(e.path(), "$.processes.spinning.loss");
        assert_eq!(
            e.to_string(),
            "spinning loss must be at least 0 and below 1, got 1"
        );
    }
}
