//! The photovoltaic module template, `"schema": "pcf-pv/1"`: the French CRE simplified carbon
//! assessment (évaluation carbone simplifiée, ECS) of crystalline-silicon modules.
//!
//! `G [kg CO2e/kWp] = Σ_i Σ_j GWP_ij · X_ij · Q_ij` over the manufacturing steps i
//! (metallurgical silicon, polysilicon, ingot, brick, wafer, cell, module, glass, frame) and the
//! sites j supplying each step: `X_ij` the site's share of the step's supply, `Q_ij` the
//! quantity of the step's product per kWp of modules, `GWP_ij` the per-unit value for the site's
//! country (CRE tender specifications, ECS annex; the form `G_i = Σ_j (GWP_ij · X_ij) · Q_ij` as
//! explained by Synapsun, "Introduction à l'Évaluation Carbone Simplifiée : calcul", 2017).
//!
//! **Loss and breakage coefficients.** The CRE 3 method had none; the CRE 4 specifications
//! added "coefficients pertes et casse" (same Synapsun article), but no source at hand says how
//! they enter the formula. The template therefore takes `Q` as the quantity of the step's
//! product per kWp *before* losses and multiplies it by the coefficient (≥ 1, default 1):
//! `Q_ij · k_ij` is what the site must supply per kWp of finished modules. A person whose CRE
//! document gives the quantity after losses leaves the coefficient at 1.
//!
//! **GWP_ij.** By default a site's value is the row of the series `fr.cre.ecs.<step>` for its
//! country (`factor_select`, latest year not after the reference period): the official default
//! table is not shipped, the user loads it as a factor table (`factors/templates/fr_cre_ecs.csv`).
//! A site may instead give a factor id, its own `factor_select`, or the supplier's own value as
//! an `inline_factor` with its source.
//!
//! **Rounding.** The scheme rounds G to a multiple of `fr.cre.pv.rounding` (10 kg CO2e/kWp in
//! the current tenders; 50 in the earlier PPE2 method, "arrondies au multiple de 50 le plus
//! proche", Synapsun ECS filter note, 2025). pcf rounds to the **nearest** multiple, halves up
//! (545 → 550, 544.9 → 540); the CRE thresholds are compared with the rounded value, the EPEAT
//! levels (not a CRE rule) with the exact one.
//!
//! **Lifetime.** With a specific yield Y (kWh/kWp/year), a lifetime of L years and an annual
//! degradation d: `g CO2e/kWh = 1000 · G / (Y · Σ_{t=1..L} (1 − d)^(t−1))`. The sum is taken
//! term by term with plain multiplications (no `powf`), so the bits are the same on every
//! platform.
//!
//! Each (step, site) becomes one `pcf/1` line (amount `X · Q · k` in the step's unit, stage =
//! the step), so the audit trail shows every term of the sum under `$.steps[i].sites[j]`.

use crate::model::{finite, finite_non_negative};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    computed, generated_line, parameter, positive, Expansion, Lines, Metrics, SectorMetrics,
};
use crate::document::{
    Activity, Boundary, Document, FactorSelect, InlineFactor, Period, Product, Quantity,
};
use crate::error::{Error, JsonPath, Result};
use crate::factors::FactorSet;
use crate::result::FootprintResult;

/// The metrics this template adds to a result, defined with the result's types.
pub use crate::result::sector_metrics::{LifetimeMetrics, PvMetrics, ThresholdCheck};

/// The template's schema tag.
pub const TAG: &str = "pcf-pv/1";

/// The manufacturing steps of the CRE assessment, in supply-chain order; each is the suffix of
/// its factor series `fr.cre.ecs.<step>` and the stage of its lines.
pub const STEPS: [&str; 9] = [
    "metallurgical-si",
    "polysilicon",
    "ingot",
    "brick",
    "wafer",
    "cell",
    "module",
    "glass",
    "frame",
];

/// Parameter id of the rounding multiple.
pub const ROUNDING: &str = "fr.cre.pv.rounding";

/// Shares of a step must sum to 1 within this tolerance.
pub const SHARE_TOLERANCE: f64 = 1e-6;

/// The longest lifetime accepted, years.
pub const MAX_YEARS: u32 = 100;

/// The thresholds compared with, by parameter id: (id, strictly below?, compared with the
/// rounded value?).
const THRESHOLDS: [(&str, bool, bool); 4] = [
    ("fr.cre.pv.threshold.feed-in", true, true),
    ("fr.cre.pv.threshold.rooftop-tender", false, true),
    ("epeat.pv.threshold.low-carbon", false, false),
    ("epeat.pv.threshold.ultra-low-carbon", false, false),
];

/// A PV module footprint in the CRE simplified carbon assessment structure, per kWp.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "pcf-pv/1 photovoltaic module template (CRE simplified carbon assessment)")]
pub struct PvDocument {
    /// Always `pcf-pv/1`.
    pub schema: String,
    /// The module.
    pub module: ModuleSpec,
    /// GWP100 set: `AR4`, `AR5` or `AR6`.
    pub gwp_set: String,
    /// The period the data represent (chooses the year of `fr.cre.ecs.*` rows).
    pub reference_period: Period,
    /// The manufacturing steps, each with the sites supplying it.
    pub steps: Vec<Step>,
    /// Lifetime electricity, for g CO2e per kWh.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime: Option<Lifetime>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Statements for the pre-checks (standards, cut-off, electricity, verification), as in
    /// `pcf/1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study: Option<crate::document::Study>,
}

/// The module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModuleSpec {
    /// Model name.
    pub name: String,
    /// Chinese name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Cell technology, in words (`mono-Si PERC`, `TOPCon` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology: Option<String>,
    /// Rated power of one module, Wp: adds the footprint per module.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_wp: Option<f64>,
    /// Product code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// One manufacturing step and the sites supplying it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// `metallurgical-si`, `polysilicon`, `ingot`, `brick`, `wafer`, `cell`, `module`, `glass`
    /// or `frame`.
    pub step: String,
    /// Unit of the step's product (`kg`, `m2`, `Wp` …), as the GWP values are per; `kWh` when
    /// the step is given as its electricity use with an electricity factor.
    pub unit: String,
    /// Quantity Q of the step's product per kWp of modules, before losses (default for the
    /// sites).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_per_kwp: Option<f64>,
    /// Loss and breakage coefficient k ≥ 1 multiplying Q (default for the sites; default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss_coefficient: Option<f64>,
    /// The sites; their shares sum to 1.
    #[serde(deserialize_with = "crate::json::lines")]
    pub sites: Vec<Site>,
}

/// A site (plant) supplying part of a step.
///
/// At most one of `factor`, `factor_select` or `inline_factor`; with none, GWP_ij is the row of
/// the series `fr.cre.ecs.<step>` for `country`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Plant or supplier name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Country of the site (ISO 3166-1 alpha-2, as in the CRE table).
    pub country: String,
    /// Share X of the step's supply from this site, 0–1 (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// Quantity Q per kWp at this site, before losses (default: the step's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity_per_kwp: Option<f64>,
    /// Loss and breakage coefficient k ≥ 1 at this site (default: the step's, else 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss_coefficient: Option<f64>,
    /// GWP_ij by factor id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<String>,
    /// GWP_ij chosen by series, geography and year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_select: Option<FactorSelect>,
    /// GWP_ij as the supplier's own value, with its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline_factor: Option<InlineFactor>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Lifetime electricity of 1 kWp.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lifetime {
    /// Specific yield in the first year, kWh per kWp per year (> 0).
    pub yield_kwh_per_kwp: f64,
    /// Service life, whole years (1–100).
    pub years: u32,
    /// Annual degradation of the yield, fraction 0 ≤ d < 1 (0.005 for 0.5 %/year).
    pub annual_degradation: f64,
}

/// A threshold row read during expansion.
#[derive(Debug, Clone)]
struct Threshold {
    id: String,
    name: String,
    limit: f64,
    strict: bool,
    rounded: bool,
}

/// The photovoltaic-module sector (CRE simplified carbon assessment).
pub struct Pv;

impl super::Sector for Pv {
    const NAME: &'static str = "pv";
    const TAG: &'static str = TAG;
    const LABELS: &'static [Label] = LABELS;
    const SCHEMA: &'static str = include_str!("../../schema/pcf-pv-1.schema.json");
    type Input = PvDocument;
    type Figures = Figures;

    fn tag_of(input: &PvDocument) -> &str {
        &input.schema
    }

    fn expand(input: &PvDocument, factors: &FactorSet) -> Result<Expansion<Figures>> {
        expand(input, factors)
    }

    fn metrics(
        _input: &PvDocument,
        figures: &Figures,
        result: &FootprintResult,
        _factors: &FactorSet,
    ) -> Result<Metrics> {
        Ok(Metrics::new(SectorMetrics::Pv(metrics(
            figures,
            result.total_kg_co2e,
        )?)))
    }
}

/// What the expansion reads for the metrics: the scheme's rounding and thresholds, the
/// module's power and the lifetime electricity.
pub struct Figures {
    rounding_multiple: f64,
    rounding_source: String,
    thresholds: Vec<Threshold>,
    power_wp: Option<f64>,
    lifetime: Option<(Lifetime, f64)>,
}

fn loss_coefficient(v: f64, path: &JsonPath, step: &str) -> Result<f64> {
    let v = finite(v, path, "loss coefficient")?;
    if v < 1.0 {
        return Err(Error::invalid(
            path.clone(),
            format!(
                "the loss coefficient of step {step} must be at least 1 (quantity supplied per \
                 quantity used), got {v}"
            ),
        ));
    }
    Ok(v)
}

/// Σ_{t=1..years} (1 − d)^(t−1), term by term.
pub fn degradation_sum(years: u32, d: f64) -> f64 {
    let keep = 1.0 - d;
    let (mut sum, mut term) = (0.0, 1.0);
    for _ in 0..years {
        sum += term;
        term *= keep;
    }
    sum
}

/// `g` rounded to the nearest multiple of `multiple`, halves up (for g ≥ 0).
pub fn round_to_multiple(g: f64, multiple: f64) -> f64 {
    (g / multiple).round() * multiple
}

/// Validates the template's own fields, reads the scheme's parameters and turns it into a
/// `pcf/1` document.
fn expand(doc: &PvDocument, factors: &FactorSet) -> Result<Expansion<Figures>> {
    let root = JsonPath::root();
    let mp = root.key("module");
    let power_wp = match doc.module.power_wp {
        Some(w) => Some(positive(w, &mp.key("power_wp"), "module power")?),
        None => None,
    };

    let lifetime = match &doc.lifetime {
        None => None,
        Some(l) => {
            let lp = root.key("lifetime");
            positive(
                l.yield_kwh_per_kwp,
                &lp.key("yield_kwh_per_kwp"),
                "specific yield",
            )?;
            if l.years == 0 || l.years > MAX_YEARS {
                return Err(Error::invalid(
                    lp.key("years"),
                    format!(
                        "the lifetime must be between 1 and {MAX_YEARS} whole years, got {}",
                        l.years
                    ),
                ));
            }
            let dp = lp.key("annual_degradation");
            let d = finite(l.annual_degradation, &dp, "annual degradation")?;
            if !(0.0..1.0).contains(&d) {
                return Err(Error::invalid(
                    dp,
                    format!(
                        "the annual degradation is a fraction from 0 up to (not including) 1, \
                         e.g. 0.005 for 0.5 %/year; got {d}"
                    ),
                ));
            }
            Some((l.clone(), degradation_sum(l.years, d)))
        }
    };

    let param = |id: &str| {
        factors.parameter(id).ok_or_else(|| {
            Error::invalid(root.clone(), format!("the parameter table has no row {id}"))
        })
    };
    let (rounding_multiple, rounding_source) = parameter(factors, ROUNDING, &root)?;
    if rounding_multiple <= 0.0 {
        return Err(Error::invalid(
            root.clone(),
            format!("parameter {ROUNDING} must be greater than zero"),
        ));
    }
    let mut thresholds = Vec::new();
    for (id, strict, rounded) in THRESHOLDS {
        let p = param(id)?;
        thresholds.push(Threshold {
            id: p.id.clone(),
            name: p.name_en.clone(),
            limit: p.value,
            strict,
            rounded,
        });
    }

    let sp = root.key("steps");
    if doc.steps.is_empty() {
        return Err(Error::invalid(
            sp,
            "give at least one manufacturing step with its sites",
        ));
    }
    let mut lines = Lines::default();
    let mut seen: Vec<(&str, JsonPath)> = Vec::new();
    for (i, s) in doc.steps.iter().enumerate() {
        let here = sp.index(i);
        let step = s.step.as_str();
        if !STEPS.contains(&step) {
            return Err(Error::invalid(
                here.key("step"),
                format!(
                    "step {step:?} must be one of {} (the CRE assessment's steps)",
                    STEPS.join(", ")
                ),
            ));
        }
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == step) {
            return Err(Error::DuplicateId {
                path: here.key("step").into(),
                id: step.to_string(),
                first: first.clone().into(),
            });
        }
        seen.push((step, here.key("step")));
        let step_q = match s.quantity_per_kwp {
            Some(q) => Some(finite_non_negative(
                q,
                &here.key("quantity_per_kwp"),
                "quantity per kWp",
            )?),
            None => None,
        };
        let step_k = match s.loss_coefficient {
            Some(k) => loss_coefficient(k, &here.key("loss_coefficient"), step)?,
            None => 1.0,
        };
        let sites_path = here.key("sites");
        if s.sites.is_empty() {
            return Err(Error::invalid(
                sites_path,
                format!("step {step} needs at least one site"),
            ));
        }
        let series = format!("fr.cre.ecs.{step}");
        let mut share_sum = 0.0;
        for (j, site) in s.sites.iter().enumerate() {
            let p = sites_path.index(j);
            if site.country.trim().is_empty() {
                return Err(Error::invalid(
                    p.key("country"),
                    format!("site {j} of step {step} needs its country"),
                ));
            }
            let x = match site.share {
                Some(x) => {
                    let x = finite(x, &p.key("share"), "share")?;
                    if !(0.0..=1.0).contains(&x) {
                        return Err(Error::invalid(
                            p.key("share"),
                            format!("the share of a site is a fraction from 0 to 1, got {x}"),
                        ));
                    }
                    x
                }
                None => 1.0,
            };
            share_sum += x;
            let q = match site.quantity_per_kwp {
                Some(q) => finite_non_negative(q, &p.key("quantity_per_kwp"), "quantity per kWp")?,
                None => step_q.ok_or_else(|| {
                    Error::invalid(
                        p.key("quantity_per_kwp"),
                        format!(
                            "site {j} of step {step} has no quantity per kWp: give it on the \
                             site or on the step"
                        ),
                    )
                })?,
            };
            let k = match site.loss_coefficient {
                Some(k) => loss_coefficient(k, &p.key("loss_coefficient"), step)?,
                None => step_k,
            };
            let amount = computed(x * q * k, &p, "share × quantity × loss coefficient")?;
            let given = [
                site.factor.is_some(),
                site.factor_select.is_some(),
                site.inline_factor.is_some(),
            ];
            if given.iter().filter(|g| **g).count() > 1 {
                return Err(Error::invalid(
                    p,
                    "a site gives at most one of factor, factor_select or inline_factor",
                ));
            }
            let generated = lines.next();
            let factor_select = if given.iter().any(|g| *g) {
                site.factor_select.clone()
            } else {
                // The CRE default: the step's series for the site's country. Errors about a
                // selection the user did not write name the site and its country.
                if !factors
                    .effective()
                    .any(|f| f.series.as_deref() == Some(series.as_str()))
                {
                    return Err(Error::UnknownFactor {
                        path: p.into(),
                        id: series,
                        hint: "; no factor table with this series is loaded: load the CRE ECS \
                               default table (format of factors/templates/fr_cre_ecs.csv) or \
                               give the site's factor, factor_select or inline_factor"
                            .into(),
                    });
                }
                lines.paths.push(
                    generated.key("factor_select").key("geography").into(),
                    p.key("country").into(),
                );
                lines
                    .paths
                    .push(generated.key("factor_select").into(), p.clone().into());
                Some(FactorSelect {
                    series: series.clone(),
                    geography: site.country.clone(),
                    year: None,
                    geography_fallback: false,
                })
            };
            // The generated line's unit and amount are the step's unit and the site's Q.
            lines
                .paths
                .push(generated.key("unit").into(), here.key("unit").into());
            lines.paths.push(
                generated.key("amount").into(),
                p.key("quantity_per_kwp").into(),
            );
            // An inline factor without an id is named by the site's path in the audit trail.
            let inline_factor = site.inline_factor.clone().map(|mut f| {
                if f.id.is_none() {
                    f.id = Some(p.key("inline_factor").into());
                }
                f
            });
            let who = site.name.as_deref().unwrap_or("site");
            // The generated line's own path last: the more specific ones above match first.
            lines.push(
                p.clone(),
                Activity {
                    factor: site.factor.clone(),
                    inline_factor,
                    factor_select,
                    note: site.note.clone(),
                    ..generated_line(
                        format!(
                            "{step}: {who} ({}), X {x} × Q {q} {}/kWp × k {k}",
                            site.country, s.unit
                        ),
                        amount,
                        &s.unit,
                        step,
                    )
                },
            );
        }
        if (share_sum - 1.0).abs() > SHARE_TOLERANCE {
            return Err(Error::invalid(
                sites_path,
                format!("site shares of step {step} must sum to 1, got {share_sum}"),
            ));
        }
    }

    let stages: Vec<String> = STEPS
        .iter()
        .filter(|s| doc.steps.iter().any(|t| t.step == **s))
        .map(|s| s.to_string())
        .collect();
    let document = Document {
        schema: crate::document::SCHEMA_TAG.into(),
        product: Product {
            name: doc.module.name.clone(),
            name_zh: doc.module.name_zh.clone(),
            sector: "pv".into(),
            declared_unit: Quantity {
                amount: 1.0,
                unit: "kWp".into(),
            },
            functional_unit: Some(
                "1 kWp of modules, manufacturing steps of the CRE simplified carbon assessment"
                    .into(),
            ),
            code: doc.module.code.clone(),
        },
        gwp_set: doc.gwp_set.clone(),
        boundary: Boundary {
            kind: "cradle-to-gate".into(),
            stages,
            cut_off: Some(
                "CRE simplified carbon assessment: the listed manufacturing steps only (transport, \
                 installation, use and end of life outside)"
                    .into(),
            ),
        },
        reference_period: doc.reference_period.clone(),
        activities: lines.activities,
        emissions: Vec::new(),
        components: Vec::new(),
        allocation: None,
        notes: doc.notes.clone(),
        study: doc.study.clone(),
    };
    Ok(Expansion {
        document,
        paths: lines.paths,
        figures: Figures {
            rounding_multiple,
            rounding_source,
            thresholds,
            power_wp,
            lifetime,
        },
    })
}

/// The metrics of a computed PV footprint (`total_kg_co2e` is G, per kWp); a figure that
/// overflows (a huge module power or yield) is an error naming its field.
pub fn metrics(e: &Figures, total_kg_co2e: f64) -> Result<PvMetrics> {
    let g = total_kg_co2e;
    let rounded = round_to_multiple(g, e.rounding_multiple);
    let thresholds = e
        .thresholds
        .iter()
        .map(|t| {
            let value = if t.rounded { rounded } else { g };
            ThresholdCheck {
                id: t.id.clone(),
                name: t.name.clone(),
                limit_kg_co2e_per_kwp: t.limit,
                comparison: if t.strict { "<" } else { "≤" },
                compared: if t.rounded { "rounded" } else { "exact" },
                value_kg_co2e_per_kwp: value,
                pass: if t.strict {
                    value < t.limit
                } else {
                    value <= t.limit
                },
            }
        })
        .collect();
    let lifetime = e.lifetime.as_ref().map(|(l, sum)| {
        let kwh = l.yield_kwh_per_kwp * sum;
        LifetimeMetrics {
            yield_kwh_per_kwp: l.yield_kwh_per_kwp,
            years: l.years,
            annual_degradation: l.annual_degradation,
            degradation_sum: *sum,
            lifetime_kwh_per_kwp: kwh,
            g_co2e_per_kwh: 1000.0 * g / kwh,
        }
    });
    let per_module = e.power_wp.map(|w| g * w / 1000.0);
    let overflow = |path: &str, what: &str| Error::NonFiniteResult {
        path: path.into(),
        what: what.into(),
    };
    if per_module.is_some_and(|v| !v.is_finite()) {
        return Err(overflow("$.module.power_wp", "kg CO2e per module"));
    }
    if let Some(l) = &lifetime {
        if !(l.lifetime_kwh_per_kwp.is_finite() && l.g_co2e_per_kwh.is_finite()) {
            return Err(overflow("$.lifetime", "lifetime electricity"));
        }
    }
    Ok(PvMetrics {
        kg_co2e_per_kwp: g,
        rounded_kg_co2e_per_kwp: rounded,
        rounding_multiple: e.rounding_multiple,
        rounding_source: e.rounding_source.clone(),
        thresholds,
        module_power_wp: e.power_wp,
        kg_co2e_per_module: per_module,
        lifetime,
    })
}

use super::{label, Label};

/// Bilingual labels of the template's own fields (the common ones are in
/// [`super::COMMON_LABELS`]).
pub const LABELS: &[Label] = &[
    label("module", "PV module", "光伏组件"),
    label("module.name", "Model", "型号"),
    label("module.name_zh", "Chinese name", "中文名称"),
    label("module.technology", "Cell technology", "电池技术"),
    label("module.power_wp", "Module power (Wp)", "组件功率(Wp)"),
    label("module.code", "Product code", "产品编码"),
    label(
        "steps",
        "Manufacturing steps (CRE simplified carbon assessment)",
        "制造工序(法国CRE简化碳评估)",
    ),
    label("steps.step", "Step", "工序"),
    label("steps.unit", "Unit of the step's product", "工序产品单位"),
    label(
        "*.quantity_per_kwp",
        "Quantity per kWp, before losses",
        "每千瓦峰值用量(损耗前)",
    ),
    label(
        "*.loss_coefficient",
        "Loss and breakage coefficient (≥ 1)",
        "损耗与破损系数(≥ 1)",
    ),
    label("steps.sites", "Manufacturing sites", "生产基地"),
    label("steps.sites.country", "Country of the site", "基地所在国家"),
    label(
        "steps.sites.share",
        "Share of the step's supply",
        "供应占比",
    ),
    label("steps.sites.note", "Note", "备注"),
    label("lifetime", "Lifetime electricity", "全寿命发电量"),
    label(
        "lifetime.yield_kwh_per_kwp",
        "Specific yield (kWh/kWp per year)",
        "年等效发电量(kWh/kWp·年)",
    ),
    label("lifetime.years", "Lifetime (years)", "使用寿命(年)"),
    label(
        "lifetime.annual_degradation",
        "Annual degradation (fraction)",
        "年衰减率(比例)",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_to_the_nearest_multiple_halves_up() {
        assert_eq!(round_to_multiple(544.0, 10.0), 540.0);
        assert_eq!(round_to_multiple(544.9, 10.0), 540.0);
        assert_eq!(round_to_multiple(545.0, 10.0), 550.0);
        assert_eq!(round_to_multiple(546.0, 10.0), 550.0);
        assert_eq!(round_to_multiple(524.0, 50.0), 500.0);
        assert_eq!(round_to_multiple(525.0, 50.0), 550.0);
        assert_eq!(round_to_multiple(0.0, 10.0), 0.0);
    }

    #[test]
    fn degradation_sum_matches_the_closed_form() {
        // (1 − 0.995^30) / 0.005 = 27.92316…
        let closed = (1.0 - 0.995f64.powi(30)) / 0.005;
        let s = degradation_sum(30, 0.005);
        assert!((s - closed).abs() < 1e-9, "{s} vs {closed}");
        assert!((s - 27.923_162).abs() < 1e-5, "{s}");
        assert_eq!(degradation_sum(25, 0.0), 25.0);
        assert_eq!(degradation_sum(1, 0.9), 1.0);
    }

    fn doc(steps: &str, lifetime: &str) -> String {
        format!(
            r#"{{"schema":"pcf-pv/1","module":{{"name":"m","power_wp":500}},"gwp_set":"AR6",
            "reference_period":{{"start":"2025-01-01","end":"2025-12-31"}},
            "steps":{steps}{lifetime}}}"#
        )
    }

    fn own(v: f64, per: &str) -> String {
        format!(r#"{{"value":{v},"per_unit":"{per}","source":"test value"}}"#)
    }

    #[test]
    fn g_is_the_sum_of_share_quantity_loss_and_gwp_and_the_metrics_follow() {
        // Wafer: 0.6 × 3 m2 × 1.1 × 40 + 0.4 × 3 m2 × 1.1 × 20 = 79.2 + 26.4 = 105.6
        // Glass: 1 × 10 kg × 1 × 1.5 = 15. G = 120.6.
        let steps = format!(
            r#"[{{"step":"wafer","unit":"m2","quantity_per_kwp":3,"loss_coefficient":1.1,
                 "sites":[{{"country":"CN","share":0.6,"inline_factor":{}}},
                          {{"country":"FR","share":0.4,"inline_factor":{}}}]}},
                {{"step":"glass","unit":"kg","sites":[{{"country":"CN","quantity_per_kwp":10,
                 "inline_factor":{}}}]}}]"#,
            own(40.0, "m2"),
            own(20.0, "m2"),
            own(1.5, "kg")
        );
        let text = doc(
            &steps,
            r#","lifetime":{"yield_kwh_per_kwp":1100,"years":30,"annual_degradation":0.005}"#,
        );
        let set = FactorSet::builtin().expect("built-in set");
        let r = crate::compute(&text, set).expect("computes");
        assert!(
            (r.total_kg_co2e - 120.6).abs() < 1e-9,
            "{}",
            r.total_kg_co2e
        );
        let Some(super::super::SectorMetrics::Pv(m)) = &r.sector else {
            panic!("pv metrics");
        };
        assert_eq!(m.rounded_kg_co2e_per_kwp, 120.0);
        assert!(m.thresholds.iter().all(|t| t.pass));
        assert!((m.kg_co2e_per_module.unwrap_or(0.0) - 60.3).abs() < 1e-9);
        let l = m.lifetime.as_ref().expect("lifetime");
        // 1000 × 120.6 / (1100 × 27.923162) = 3.926359 g/kWh
        assert!(
            (l.g_co2e_per_kwh - 3.926_359).abs() < 1e-5,
            "{}",
            l.g_co2e_per_kwh
        );
        assert_eq!(r.lines[0].path, "$.steps[0].sites[0]");
        assert_eq!(r.lines[2].path, "$.steps[1].sites[0]");
    }

    #[test]
    fn overflowing_metrics_are_errors_not_infinities() {
        let steps = format!(
            r#"[{{"step":"frame","unit":"kg","quantity_per_kwp":1,"sites":[{{"country":"CN","inline_factor":{}}}]}}]"#,
            own(10.0, "kg")
        );
        let set = FactorSet::builtin().expect("built-in set");
        let text = doc(
            &steps,
            r#","lifetime":{"yield_kwh_per_kwp":1e308,"years":30,"annual_degradation":0}"#,
        );
        let e = crate::compute(&text, set).expect_err("overflows");
        assert_eq!((e.code(), e.path()), ("non_finite_result", "$.lifetime"));
        let text = doc(&steps, "").replace("\"power_wp\":500", "\"power_wp\":1e308");
        let e = crate::compute(&text, set).expect_err("overflows");
        assert_eq!(
            (e.code(), e.path()),
            ("non_finite_result", "$.module.power_wp")
        );
    }

    #[test]
    fn errors_name_the_template_path() {
        let set = FactorSet::builtin().expect("built-in set");
        let cases = [
            (
                r#"[{"step":"wafer","unit":"m2","quantity_per_kwp":3,"sites":[{"country":"CN","share":0.5,"factor":"x"}]}]"#,
                "invalid_value",
                "$.steps[0].sites",
            ),
            (
                r#"[{"step":"wafer","unit":"m2","quantity_per_kwp":3,"sites":[{"country":"CN"}]}]"#,
                "unknown_factor",
                "$.steps[0].sites[0]",
            ),
            (
                r#"[{"step":"wafer","unit":"m2","loss_coefficient":0.9,"sites":[{"country":"CN"}]}]"#,
                "invalid_value",
                "$.steps[0].loss_coefficient",
            ),
            (
                r#"[{"step":"wafer","unit":"m2","sites":[{"country":"CN","factor":"x"}]}]"#,
                "invalid_value",
                "$.steps[0].sites[0].quantity_per_kwp",
            ),
            (
                r#"[{"step":"wafer","unit":"m3","quantity_per_kwp":1,"sites":[{"country":"CN","inline_factor":{"value":1,"per_unit":"m2","source":"t"}}]}]"#,
                "dimension_mismatch",
                "$.steps[0].unit",
            ),
            (r#"[]"#, "invalid_value", "$.steps"),
        ];
        for (steps, code, path) in cases {
            let e = crate::compute(&doc(steps, ""), set).expect_err("fails");
            assert_eq!((e.code(), e.path()), (code, path), "{e}");
        }
    }
}
