//! The steel template, `"schema": "pcf-steel/1"`: an installation's production of one good
//! (CN code) over a reporting period, in the terms of CBAM (Reg. (EU) 2023/956; Impl. Reg.
//! 2023/1773 Annex III).
//!
//! - Direct emissions: the carbon mass balance `Em = 3.664 · Σ AD_k · CC_k` (outputs negative),
//!   fuel combustion lines and direct gas emissions.
//! - Indirect emissions: electricity lines.
//! - Precursors: `M_i` tonnes with their specific embedded emissions `SEE_i` (direct and
//!   indirect), as declared by their producer.
//! - Specific embedded emissions of the good: `SEE = (AttrEm + Σ M_i · SEE_i) / AL`, direct and
//!   indirect separately; compared with the CBAM default value of the CN code and country for
//!   the year, as the regulation prints it (with that year's mark-up): the value is read from
//!   the table, never computed, and a year the table prints no value for has none (a
//!   `no_cbam_default` warning says so). For iron and steel only the direct part counts in the
//!   definitive period.
//!
//! The template becomes a `pcf/1` document whose declared unit is the activity level AL; its
//! stages are `direct`, `indirect`, `precursors_direct` and `precursors_indirect`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{between, generated_line, Expansion, Lines, Metrics, SectorMetrics};
use crate::document::{
    Activity, Boundary, Component, DeclaredFootprint, Document, GasEmission, Period, Product,
    Provenance, Quantity,
};
use crate::error::{Error, JsonPath, Result};
use crate::factors::select::YearRule;
use crate::factors::FactorSet;
use crate::model::Warning;
use crate::result::FootprintResult;
use crate::units::{Dimension, Unit};

/// The metrics this template adds to a result, defined with the result's types.
pub use crate::result::sector_metrics::{CarbonFlowResult, CbamDefault, SteelMetrics};

/// The template's schema tag.
pub const TAG: &str = "pcf-steel/1";

/// Stages of the generated document.
pub const STAGES: [&str; 4] = [
    "direct",
    "indirect",
    "precursors_direct",
    "precursors_indirect",
];

/// The factor that turns tonnes of carbon into tonnes of CO2 (44.01/12.011), from `steel.csv`.
pub const CARBON_TO_CO2: &str = "stoich.carbon.co2";

/// An installation's production of one good.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "pcf-steel/1 steel (CBAM) template")]
pub struct SteelDocument {
    /// Always `pcf-steel/1`.
    pub schema: String,
    /// The installation.
    pub installation: Installation,
    /// The good and its activity level.
    pub good: Good,
    /// GWP100 set: `AR4`, `AR5` or `AR6`.
    pub gwp_set: String,
    /// The reporting period.
    pub reference_period: Period,
    /// Carbon mass balance: every carbon-bearing input and output.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub mass_balance: Vec<CarbonFlow>,
    /// Other direct emissions: fuel combustion lines (lines as in `pcf/1`, without `stage`).
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub direct: Vec<Activity>,
    /// Direct emissions of gases (process emissions, CH4, N2O), without `stage`.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub emissions: Vec<GasEmission>,
    /// Indirect emissions: electricity consumed (lines without `stage`).
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub indirect: Vec<Activity>,
    /// Precursors used, with their specific embedded emissions.
    #[serde(default)]
    pub precursors: Vec<Precursor>,
    /// Year of the CBAM default value compared with (default: the end of the reference period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cbam_year: Option<i32>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Statements for the pre-checks (standards, cut-off, electricity, verification), as in
    /// `pcf/1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study: Option<crate::document::Study>,
}

/// The installation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Installation {
    /// Name.
    pub name: String,
    /// Chinese name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Route: `BF-BOF`, `scrap-EAF` or `DRI-EAF`.
    pub route: String,
    /// Country of the installation (ISO 3166-1 alpha-2), for the CBAM default value.
    pub country: String,
}

/// The good produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Good {
    /// Name.
    pub name: String,
    /// CN code (`7208`, `7214 20 00` …).
    pub cn_code: String,
    /// Activity level AL: the mass of the good produced in the period.
    pub activity_level: Quantity,
}

/// One carbon-bearing flow of the mass balance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarbonFlow {
    /// Material.
    pub name: String,
    /// `input` or `output`.
    pub direction: String,
    /// Mass of the material (a mass unit).
    pub amount: f64,
    /// Its unit.
    pub unit: String,
    /// Carbon content, mass fraction 0–1.
    pub carbon_content: f64,
}

/// A precursor with its specific embedded emissions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Precursor {
    /// Name (pig iron, DRI, crude steel …).
    pub name: String,
    /// Mass used, M_i.
    pub amount: Quantity,
    /// Direct specific embedded emissions, t CO2e per t.
    pub see_direct: f64,
    /// Indirect specific embedded emissions, t CO2e per t (default 0).
    #[serde(default)]
    pub see_indirect: f64,
    /// Who declared the values and where.
    pub provenance: Provenance,
}

/// The steel sector (CBAM).
pub struct Steel;

impl super::Sector for Steel {
    const NAME: &'static str = "steel";
    const TAG: &'static str = TAG;
    const LABELS: &'static [Label] = LABELS;
    const SCHEMA: &'static str = include_str!("../../schema/pcf-steel-1.schema.json");
    type Input = SteelDocument;
    type Figures = Figures;

    fn tag_of(input: &SteelDocument) -> &str {
        &input.schema
    }

    fn expand(input: &SteelDocument, _factors: &FactorSet) -> Result<Expansion<Figures>> {
        expand(input)
    }

    fn metrics(
        input: &SteelDocument,
        figures: &Figures,
        result: &FootprintResult,
        factors: &FactorSet,
    ) -> Result<Metrics> {
        // Each stage by its name (never by position, never 0 for a missing one): the expansion
        // writes all four, so a missing one is the engine's failure, named.
        let mut by_stage = [0.0; 4];
        for (slot, name) in by_stage.iter_mut().zip(STAGES) {
            *slot = result
                .by_stage
                .iter()
                .find(|s| s.stage == name)
                .map(|s| s.kg_co2e)
                .ok_or_else(|| {
                    Error::invalid("$.by_stage", format!("the result has no stage {name:?}"))
                })?;
        }
        let year = match input.cbam_year {
            Some(y) => y,
            None => super::period_end_year(
                &input.reference_period,
                &JsonPath::root().key("reference_period"),
            )?,
        };
        let m = metrics(input, figures, &by_stage, year, factors);
        let warnings = m
            .missing_default
            .iter()
            .map(|why| Warning::new("no_cbam_default", "$.good.cn_code", why.clone()))
            .collect();
        Ok(Metrics {
            sector: SectorMetrics::Steel(m),
            warnings,
        })
    }
}

/// What the expansion computes for the metrics.
pub struct Figures {
    /// AL in t.
    pub activity_level_t: f64,
    /// The mass balance.
    pub flows: Vec<CarbonFlowResult>,
    /// Net carbon, t.
    pub net_carbon_t: f64,
}

fn tonnes(q_amount: f64, unit: &str, path: &JsonPath, what: &str) -> Result<f64> {
    let u = Unit::parse(unit).ok_or_else(|| Error::UnknownUnit {
        path: path.key("unit").into(),
        unit: unit.to_string(),
        hint: Unit::suggest(unit)
            .map(|s| format!("; did you mean {s:?}?"))
            .unwrap_or_default(),
    })?;
    let t = Unit::parse("t").ok_or_else(|| Error::invalid(path, "no tonne unit"))?;
    let k = u.factor_to(&t).ok_or_else(|| Error::DimensionMismatch {
        path: path.key("unit").into(),
        from: u.symbol().into(),
        from_dim: u.dimension().name().into(),
        to: "t".into(),
        to_dim: Dimension::Mass.name().into(),
    })?;
    let a = between(q_amount, 0.0, f64::MAX, &path.key("amount"), what)?;
    // The conversion itself can overflow (1e300 Mt): check the tonnes too.
    between(a * k, 0.0, f64::MAX, &path.key("amount"), what)
}

/// Lines under a steel section give no stage (the template's own wording).
fn stage_free(given: &str, section: &str, path: JsonPath) -> Result<()> {
    Err(Error::invalid(
        path,
        format!("lines under {section} belong to it; remove stage {given:?}"),
    ))
}

/// Validates the template and turns it into a `pcf/1` document.
fn expand(doc: &SteelDocument) -> Result<Expansion<Figures>> {
    let root = JsonPath::root();
    let ip = root.key("installation");
    if !["BF-BOF", "scrap-EAF", "DRI-EAF"].contains(&doc.installation.route.as_str()) {
        return Err(Error::invalid(
            ip.key("route"),
            format!(
                "route {:?} must be BF-BOF, scrap-EAF or DRI-EAF",
                doc.installation.route
            ),
        ));
    }
    let gp = root.key("good");
    let al = &doc.good.activity_level;
    let al_path = gp.key("activity_level");
    let activity_level_t = tonnes(al.amount, &al.unit, &al_path, "activity level")?;
    if activity_level_t <= 0.0 {
        return Err(Error::NotPositive {
            path: al_path.key("amount").into(),
            what: "activity level".into(),
            value: al.amount,
        });
    }

    // Mass balance: carbon in − carbon out, in the document order of the flows.
    let mp = root.key("mass_balance");
    let mut flows = Vec::new();
    let (mut carbon_in, mut carbon_out) = (0.0, 0.0);
    for (i, f) in doc.mass_balance.iter().enumerate() {
        let p = mp.index(i);
        let amount_t = tonnes(f.amount, &f.unit, &p, "amount")?;
        let cc = between(
            f.carbon_content,
            0.0,
            1.0,
            &p.key("carbon_content"),
            "carbon content",
        )?;
        let carbon_t = amount_t * cc;
        match f.direction.as_str() {
            "input" => carbon_in += carbon_t,
            "output" => carbon_out += carbon_t,
            other => {
                return Err(Error::invalid(
                    p.key("direction"),
                    format!("direction {other:?} must be input or output"),
                ))
            }
        }
        flows.push(CarbonFlowResult {
            name: f.name.clone(),
            direction: f.direction.clone(),
            amount_t,
            carbon_content: cc,
            carbon_t,
        });
    }
    let net_carbon_t = carbon_in - carbon_out;
    if net_carbon_t < 0.0 {
        return Err(Error::invalid(
            mp,
            format!(
                "the outputs carry more carbon ({carbon_out} t) than the inputs ({carbon_in} t)"
            ),
        ));
    }

    let mut lines = Lines::default();
    if !doc.mass_balance.is_empty() {
        lines.push(
            mp,
            Activity {
                factor: Some(CARBON_TO_CO2.into()),
                ..generated_line(
                    format!(
                        "net carbon of the mass balance: {carbon_in} t C in − {carbon_out} t C out"
                    ),
                    net_carbon_t,
                    "t",
                    "direct",
                )
            },
        );
    }
    lines.section(&doc.direct, &root.key("direct"), "direct", stage_free)?;
    lines.section(&doc.indirect, &root.key("indirect"), "indirect", stage_free)?;
    let mut emissions = Vec::new();
    for (j, e) in doc.emissions.iter().enumerate() {
        if let Some(s) = &e.stage {
            stage_free(s, "emissions", root.key("emissions").index(j).key("stage"))?;
        }
        let mut e = e.clone();
        e.stage = Some("direct".into());
        emissions.push(e);
    }

    // Precursors: declared components, one per part (direct, indirect) that is not zero.
    let pp = root.key("precursors");
    let mut components = Vec::new();
    for (i, pr) in doc.precursors.iter().enumerate() {
        let p = pp.index(i);
        let m_t = tonnes(
            pr.amount.amount,
            &pr.amount.unit,
            &p.key("amount"),
            "precursor mass",
        )?;
        for (part, see, stage) in [
            ("direct", pr.see_direct, "precursors_direct"),
            ("indirect", pr.see_indirect, "precursors_indirect"),
        ] {
            let see = between(see, 0.0, f64::MAX, &p.key(&format!("see_{part}")), "SEE")?;
            if part == "indirect" && see == 0.0 {
                continue;
            }
            let id = format!("precursor-{i}-{part}");
            let generated = root.key("components").index(components.len());
            // The declared footprint is the precursor's SEE: name the precursor, not a
            // `declared` field the user never wrote (first match wins, so this goes first).
            lines
                .paths
                .push(generated.key("declared").into(), p.clone().into());
            lines.paths.push(generated.into(), p.clone().into());
            components.push(Component {
                id: id.clone(),
                name: Some(format!("{} (SEE {part})", pr.name)),
                output: None,
                stage: Some(stage.into()),
                activities: Vec::new(),
                emissions: Vec::new(),
                allocation: None,
                declared: Some(DeclaredFootprint {
                    kg_co2e: see,
                    // t CO2e per t = kg CO2e per kg: per 1 kg keeps M (t → kg) exact.
                    per: Quantity {
                        amount: 1.0,
                        unit: "kg".into(),
                    },
                    gwp_set: None,
                    parts: None,
                    provenance: pr.provenance.clone(),
                }),
                pact: None,
            });
            lines.push(
                p.clone(),
                Activity {
                    input: Some(id),
                    ..generated_line(
                        format!("{}: M = {m_t} t, SEE {part} = {see} t CO2e/t", pr.name),
                        m_t,
                        "t",
                        stage,
                    )
                },
            );
        }
    }

    let document = Document {
        schema: crate::document::SCHEMA_TAG.into(),
        product: Product {
            name: doc.good.name.clone(),
            name_zh: None,
            sector: "steel".into(),
            declared_unit: doc.good.activity_level.clone(),
            functional_unit: Some(format!(
                "{} produced by {} ({}) in the reporting period",
                doc.good.name, doc.installation.name, doc.installation.route
            )),
            code: Some(doc.good.cn_code.clone()),
        },
        gwp_set: doc.gwp_set.clone(),
        boundary: Boundary {
            kind: "cradle-to-gate".into(),
            stages: STAGES.iter().map(|s| s.to_string()).collect(),
            cut_off: None,
        },
        reference_period: doc.reference_period.clone(),
        activities: lines.activities,
        emissions,
        components,
        allocation: None,
        notes: doc.notes.clone(),
        study: doc.study.clone(),
    };
    Ok(Expansion {
        document,
        paths: lines.paths,
        figures: Figures {
            activity_level_t,
            flows,
            net_carbon_t,
        },
    })
}

/// The steel metrics of a computed footprint (`by_stage` in kg CO2e, in [`STAGES`] order;
/// `year`: the CBAM year, `cbam_year` or the reference period's end).
pub fn metrics(
    doc: &SteelDocument,
    e: &Figures,
    by_stage_kg: &[f64; 4],
    year: i32,
    factors: &FactorSet,
) -> SteelMetrics {
    let [dir, ind, pdir, pind] = by_stage_kg.map(|kg| kg / 1000.0);
    let al = e.activity_level_t;
    let see_direct = (dir + pdir) / al;
    let series = format!(
        "eu.cbam.default.{}.{}",
        doc.installation.country.to_ascii_lowercase(),
        doc.good.cn_code.replace(' ', "")
    );
    // The value printed for the study's year exactly: a year the table prints no value for
    // (a country with only the base, or a year after the last column) has none, never a
    // neighbouring year's value or one computed from the base.
    let cbam_default = factors
        .select(
            &series,
            &doc.installation.country,
            YearRule::Pinned(year),
            false,
            "$.good.cn_code",
        )
        .ok()
        .map(|(f, _)| CbamDefault {
            id: f.id.clone(),
            year: f.year,
            t_co2e_per_t: f.value,
            see_direct_minus_default: see_direct - f.value,
            see_direct_vs_default_percent: (f.value > 0.0)
                .then(|| (see_direct - f.value) / f.value * 100.0),
        });
    let missing = match &cbam_default {
        Some(_) => None,
        None => Some(missing_default(doc, &series, year, factors)),
    };
    SteelMetrics {
        route: doc.installation.route.clone(),
        cn_code: doc.good.cn_code.clone(),
        country: doc.installation.country.clone(),
        activity_level_t: al,
        mass_balance: e.flows.clone(),
        net_carbon_t: e.net_carbon_t,
        attributed_direct_t: dir,
        attributed_indirect_t: ind,
        precursors_direct_t: pdir,
        precursors_indirect_t: pind,
        see_direct,
        see_indirect: (ind + pind) / al,
        cbam_default,
        missing_default: missing,
    }
}

/// Why a study has no CBAM default value, in words: the years the tables print a value for
/// this CN code and country, when there are any.
fn missing_default(doc: &SteelDocument, series: &str, year: i32, factors: &FactorSet) -> String {
    let country = &doc.installation.country;
    let mut years: Vec<i32> = factors
        .effective()
        .filter(|f| f.series.as_deref() == Some(series) && f.geography == *country)
        .filter_map(|f| f.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    let cn = &doc.good.cn_code;
    if years.is_empty() {
        return format!("no CBAM default value for CN {cn} from {country} in the factor tables");
    }
    let printed = years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "the factor tables have no published CBAM default value for CN {cn} from {country} for {year} (they print one for {printed} only); none is computed from another year's value"
    )
}

use super::{label, Label};

/// Bilingual labels of the template's own fields (the common ones are in
/// [`super::COMMON_LABELS`]).
pub const LABELS: &[Label] = &[
    label("installation", "Installation", "生产设施"),
    label("installation.name", "Installation name", "设施名称"),
    label("installation.name_zh", "Chinese name", "中文名称"),
    label("installation.route", "Production route", "生产工艺路线"),
    label(
        "installation.country",
        "Country (ISO 3166)",
        "所在国家(ISO 3166)",
    ),
    label("good", "Good", "产品"),
    label("good.name", "Good", "产品名称"),
    label("good.cn_code", "CN code", "CN编码"),
    label(
        "good.activity_level",
        "Activity level (mass produced)",
        "活动水平(产量)",
    ),
    label("mass_balance", "Carbon mass balance", "碳质量平衡"),
    label("mass_balance.direction", "Input or output", "输入或输出"),
    label(
        "mass_balance.carbon_content",
        "Carbon content (mass fraction)",
        "含碳量(质量分数)",
    ),
    label("direct", "Direct emissions: fuels", "直接排放:燃料"),
    label(
        "indirect",
        "Indirect emissions: electricity",
        "间接排放:电力",
    ),
    label("precursors", "Precursors", "前体材料"),
    label(
        "precursors.see_direct",
        "Direct specific embedded emissions (t CO2e/t)",
        "直接隐含排放强度(t CO2e/t)",
    ),
    label(
        "precursors.see_indirect",
        "Indirect specific embedded emissions (t CO2e/t)",
        "间接隐含排放强度(t CO2e/t)",
    ),
    label("precursors.provenance", "Who declared it", "数据来源"),
    label(
        "cbam_year",
        "Year of the CBAM default compared with",
        "对比的CBAM默认值年份",
    ),
];
