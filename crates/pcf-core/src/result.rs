//! The result document, `"schema": "pcf-result/1"`: the boundary type of a computed footprint.
//!
//! Every number in it traces to a line (`lines[].path`), a factor row (`lines[].factor`, with
//! its table, source and licence) and the factor-set digest. Numbers are written as the
//! shortest decimal that reads back to the same f64 (serde_json's ryu): that is the single
//! formatting rule at the output boundary; nothing is rounded.

use serde::{Deserialize, Serialize};

use crate::document::{Boundary, Period, Product, Quantity};
use crate::engine::Footprint;
use crate::factors::{Basis, Factor, FactorSet};
use crate::model::{LineKind, Model, Warning};
use crate::network::SolveMethod;
use crate::parts::PartValues;

pub mod sector_metrics;

pub use sector_metrics::SectorMetrics;

/// The result schema tag.
pub const RESULT_TAG: &str = "pcf-result/1";

/// The sector template tags a result may name in `template`: the `pcf` crate's sector
/// templates' `TAG`s (a test there checks they are the same list). Here so that a result read
/// back names one of them (the core does not know the templates themselves).
pub const TEMPLATE_TAGS: &[&str] = &[
    "pcf-battery/1",
    "pcf-ev/1",
    "pcf-steel/1",
    "pcf-pv/1",
    "pcf-textile/1",
];

/// The receipt format tag (`receipt::FORMAT`; here, as the typed receipt is read back here).
pub const RECEIPT_FORMAT: &str = "pcf-receipt/1";

/// The canonicalisation of both digests (`receipt::CANONICALIZATION`).
pub const RECEIPT_CANONICALIZATION: &str = "RFC 8785 (JCS)";

/// Reads a sealed or unsealed `pcf-result/1` text into the typed result: the same limits as
/// any document ([`crate::json::parse_object`]); a field of the wrong type, a missing field or
/// an unknown one (every type of the result denies unknown fields: the field set is fixed by
/// the schema, and a sealed result's digest covers every field, so a field a reader would drop
/// is an edited or foreign file) is `invalid_document` at its JSON path. Not generic, so the
/// deserialiser is compiled once, in this crate, whoever reads a result.
pub fn parse(text: &str) -> crate::error::Result<FootprintResult> {
    crate::json::parse_object(text)
}

/// What a reader of a sealed result checks before reading the figures: the schema tag, the
/// receipt and whether the canonical input is there (not built: skipped). Any other member is
/// left for [`parse`], so a file that is not a result at all is named by what it lacks
/// (`$.schema`, `$.receipt`) rather than by its first missing figure.
#[derive(Debug, Clone, Deserialize)]
pub struct Envelope {
    /// The schema tag, when it is a string.
    #[serde(default, deserialize_with = "crate::json::string_or_skip")]
    pub schema: Option<String>,
    /// The receipt of a sealed result.
    #[serde(default)]
    pub receipt: Option<Receipt>,
    /// Whether the canonical input is there.
    #[serde(default)]
    pub input: Option<serde::de::IgnoredAny>,
}

/// [`Envelope`] of a text, with the errors of [`parse`].
pub fn envelope(text: &str) -> crate::error::Result<Envelope> {
    crate::json::parse_object(text)
}

// Reading back the texts of a closed set. The result writes them as `&'static str` (the
// writer is the page's, unchanged); a reader maps each onto the set's own text, so a value
// outside the set is an error at its path, like an unknown field, and the typed result keeps
// comparing with the same strings.

/// A text of a closed set, the set's own `&'static str` (spelled as an alias so that serde's
/// derive reads it through the field's `deserialize_with` instead of borrowing it from the
/// input, which would tie the result to a `'static` text).
pub type Fixed = &'static str;

/// One closed set of texts: what it is (for the error) and how to find a text in it.
#[derive(Clone, Copy)]
pub(crate) struct Known {
    what: &'static str,
    find: fn(&str) -> Option<&'static str>,
}

impl<'de> serde::de::Visitor<'de> for Known {
    type Value = &'static str;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.what)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<&'static str, E> {
        (self.find)(v)
            .filter(|k| *k == v)
            .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
    }
}

/// [`Known`] for an optional field (`null` or absent: `None`).
struct OptKnown(Known);

impl<'de> serde::de::Visitor<'de> for OptKnown {
    type Value = Option<&'static str>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.what)
    }
    fn visit_none<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_str(self.0).map(Some)
    }
}

/// The text of `set` equal to `v`.
pub(crate) fn one_of(set: &'static [&'static str], v: &str) -> Option<&'static str> {
    set.iter().copied().find(|s| *s == v)
}

/// Declares `fn $name(deserializer) -> &'static str` reading a text of a closed set, and with
/// `opt` one returning `Option<&'static str>`.
macro_rules! known {
    ($vis:vis fn $name:ident: $what:literal, $find:expr) => {
        $vis fn $name<'de, D: serde::Deserializer<'de>>(
            d: D,
        ) -> std::result::Result<&'static str, D::Error> {
            d.deserialize_str($crate::result::Known::new($what, $find))
        }
    };
    ($vis:vis opt fn $name:ident: $what:literal, $find:expr) => {
        $vis fn $name<'de, D: serde::Deserializer<'de>>(
            d: D,
        ) -> std::result::Result<Option<&'static str>, D::Error> {
            $crate::result::Known::new($what, $find).optional(d)
        }
    };
}
pub(crate) use known;

impl Known {
    /// A set: what it is, and how to find a text in it.
    pub(crate) const fn new(what: &'static str, find: fn(&str) -> Option<&'static str>) -> Known {
        Known { what, find }
    }

    /// Reads an optional text of the set.
    pub(crate) fn optional<'de, D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Option<&'static str>, D::Error> {
        d.deserialize_option(OptKnown(self))
    }
}

/// A CO2e basis or a gas id.
fn co2e_or_gas(v: &str) -> Option<&'static str> {
    if v == "CO2e" {
        Some("CO2e")
    } else {
        crate::gwp::Gas::parse(v).map(crate::gwp::Gas::id)
    }
}

known!(fn result_tag: "`pcf-result/1`", |v| one_of(&[RESULT_TAG], v));
known!(opt fn template_tag: "a sector template tag", |v| one_of(TEMPLATE_TAGS, v));
known!(fn class_name: "an emission class", |v| crate::gwp::EmissionClass::parse(v).map(crate::gwp::EmissionClass::name));
known!(opt fn opt_class_name: "an emission class", |v| crate::gwp::EmissionClass::parse(v).map(crate::gwp::EmissionClass::name));
known!(fn co2e_or_gas_id: "`CO2e` or a gas id", co2e_or_gas);
known!(opt fn gas_id: "a gas id", |v| crate::gwp::Gas::parse(v).map(crate::gwp::Gas::id));
known!(fn unit_symbol: "a unit symbol", |v| crate::units::Unit::parse(v).map(|u| u.symbol()));
known!(opt fn opt_unit_symbol: "a unit symbol", |v| crate::units::Unit::parse(v).map(|u| u.symbol()));
known!(fn line_kind: "a line kind", |v| one_of(&["factor", "gas", "declared", "input"], v));
known!(fn gwp_set_column: "a GWP set", |v| match v {
    "unspecified" => Some("unspecified"),
    _ => crate::gwp::GwpSet::parse(v).map(crate::gwp::GwpSet::name),
});
known!(fn verification_name: "a verification status", |v| crate::factors::Verification::parse(v).map(crate::factors::Verification::name));
known!(fn data_basis_name: "a data basis", |v| one_of(&DATA_BASES, v));
known!(fn origin_name: "`builtin` or `user`", |v| one_of(&["builtin", "user"], v));
known!(fn receipt_format: "`pcf-receipt/1`", |v| one_of(&[RECEIPT_FORMAT], v));
known!(fn receipt_canonicalization: "`RFC 8785 (JCS)`", |v| one_of(&[RECEIPT_CANONICALIZATION], v));

/// A computed footprint.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
#[allow(
    rustdoc::broken_intra_doc_links,
    reason = "the link names the pcf crate's compute; the text is in the committed schema"
)]
pub struct FootprintResult {
    /// Always `pcf-result/1`.
    #[serde(deserialize_with = "result_tag")]
    pub schema: Fixed,
    /// `pcf <version>`.
    pub engine: String,
    /// The sector template the input was written in (absent for plain `pcf/1`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "template_tag"
    )]
    pub template: Option<Fixed>,
    /// The product, as in the input.
    pub product: Product,
    /// The declared unit every total is for.
    pub declared_unit: Quantity,
    /// GWP set used for gases.
    pub gwp_set: String,
    /// The boundary, as in the input.
    pub boundary: Boundary,
    /// The reference period, as in the input.
    pub reference_period: Period,
    /// Total kg CO2e per declared unit (removals included, as negative numbers).
    pub total_kg_co2e: f64,
    /// Per life-cycle stage, in boundary order.
    pub by_stage: Vec<StageTotal>,
    /// Per class (fossil, biogenic, luc, aircraft; `unsplit` for declared footprints without a
    /// split), reported separately as ISO 14067 requires.
    pub by_class: Vec<ClassTotal>,
    /// What the figures rest on: the lines' kg CO2e by the verification status of their factor
    /// (`official`, `secondary`, `derived`, `user`), supplier declarations (`declared`) and the
    /// gases the document states (`direct`), each with its share of the total, so a reader
    /// sees how much is generic data to be replaced by supplier data.
    #[serde(default)]
    pub by_data_basis: Vec<DataBasisTotal>,
    /// Sum of CO2 removals (zero or negative), already included in the totals.
    pub removals_kg_co2e: f64,
    /// The parts PACT and ISO 14067 report apart (fossil, biogenic, land-use change, uptake,
    /// removals, aircraft, packaging, carbon contents …), in total and per stage: what the
    /// product's own lines add by class and gas, plus each supplier's declared parts times
    /// the amount used ([`crate::parts`]).
    pub parts: PartsReport,
    /// Per gas; `CO2e` collects CO2e-basis factors and declared footprints.
    pub by_gas: Vec<GasTotal>,
    /// Per reporting group: `(product)`, component ids and line labels.
    pub by_component: Vec<GroupTotal>,
    /// Runs of each process per declared unit.
    pub supply: Vec<ProcessSupply>,
    /// How the process network was solved.
    pub solver: SolveMethod,
    /// The audit trail: every line with its amount, conversion, factor and result.
    pub lines: Vec<LineResult>,
    /// Tables and digests used.
    pub factor_set: FactorSetInfo,
    /// Data quality of the whole footprint, weighted by contribution.
    pub data_quality: DataQualitySummary,
    /// Points a certifier should look at; none of them changed a number.
    pub warnings: Vec<Warning>,
    /// The sector's own metrics, for sector templates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<SectorMetrics>,
    // `crate::compute` (below) is the `pcf` crate's: the doc text is in the committed JSON
    // Schemas and the package's types, kept as it was when the core was that crate's.
    /// The verification receipt (see [`crate::receipt`]); set by [`crate::compute`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<Receipt>,
    /// The input document in canonical form (RFC 8785), so the file alone is enough to verify.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<serde_json::Value>,
}

/// The totals tag.
pub const TOTALS_TAG: &str = "pcf-totals/1";

// `crate::compute_totals` (below) is the `pcf` crate's: the doc text is in the committed JSON
// Schemas and the package's types, kept as it was when the core was that crate's.
/// The figures of a result without its audit trail: what a page recomputing as a user types
/// shows first ([`crate::compute_totals`]). Every figure is the same bits as the full result's
/// field of the same name; `lines_kg_co2e[i]` is `lines[i].kg_co2e`.
#[allow(
    rustdoc::broken_intra_doc_links,
    reason = "the link names the pcf crate's compute_totals; the text is in the committed schema"
)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Totals {
    /// Always `pcf-totals/1`.
    pub schema: &'static str,
    /// Total kg CO2e per declared unit (removals included, as negative numbers).
    pub total_kg_co2e: f64,
    /// Per life-cycle stage, in boundary order.
    pub by_stage: Vec<StageTotal>,
    /// Per class, as in the result.
    pub by_class: Vec<ClassTotal>,
    /// Per data basis, as in the result.
    pub by_data_basis: Vec<DataBasisTotal>,
    /// Sum of CO2 removals (zero or negative), already included in the totals.
    pub removals_kg_co2e: f64,
    /// Per gas, as in the result.
    pub by_gas: Vec<GasTotal>,
    /// Per reporting group, as in the result.
    pub by_component: Vec<GroupTotal>,
    /// kg CO2e of each line of the result's audit trail, in its order (`null` for an input
    /// line, which carries no emission of its own).
    pub lines_kg_co2e: Vec<Option<f64>>,
    /// The result's warnings, each without its list of paths (`path` is the first; the full
    /// result lists them all).
    pub warnings: Vec<crate::model::BriefWarning>,
}

impl Totals {
    /// The totals of a full result.
    pub fn of(r: &FootprintResult) -> Totals {
        Totals {
            schema: TOTALS_TAG,
            total_kg_co2e: r.total_kg_co2e,
            by_stage: r.by_stage.clone(),
            by_class: r.by_class.clone(),
            by_data_basis: r.by_data_basis.clone(),
            removals_kg_co2e: r.removals_kg_co2e,
            by_gas: r.by_gas.clone(),
            by_component: r.by_component.clone(),
            lines_kg_co2e: r.lines.iter().map(|l| l.kg_co2e).collect(),
            warnings: r
                .warnings
                .iter()
                .map(crate::model::BriefWarning::of)
                .collect(),
        }
    }
}

/// The totals of a model and its footprint, without building the audit trail: the same
/// figures as [`Totals::of`] of [`build`].
pub fn totals(model: &Model, fp: &Footprint) -> Totals {
    let lines_kg_co2e = contributions_by_line(model, fp)
        .into_iter()
        .flatten()
        .map(|c| c.map(|c| c.kg_co2e))
        .collect();
    let (by_stage, by_class, by_gas, by_component) = groups(model, fp);
    Totals {
        schema: TOTALS_TAG,
        total_kg_co2e: fp.total,
        by_stage,
        by_class,
        by_data_basis: data_basis(model, fp),
        removals_kg_co2e: fp.removals,
        by_gas,
        by_component,
        lines_kg_co2e,
        // A warning or two per document, without their lists of paths: cheap per call.
        warnings: model
            .warnings
            .iter()
            .map(crate::model::BriefWarning::of)
            .collect(),
    }
}

/// The data bases of [`DataBasisTotal`], in the order results list them.
pub const DATA_BASES: [&str; 6] = [
    "official",
    "secondary",
    "derived",
    "user",
    "declared",
    "direct",
];

/// The total per data basis, in [`DATA_BASES`] order, of the bases some line rests on.
fn data_basis(model: &Model, fp: &Footprint) -> Vec<DataBasisTotal> {
    use crate::factors::Verification;
    let mut kg = [0.0; DATA_BASES.len()];
    let mut used = [false; DATA_BASES.len()];
    for c in &fp.contributions {
        let Some(line) = model
            .processes
            .get(c.process)
            .and_then(|p| p.lines.get(c.line))
        else {
            continue;
        };
        let i = match &line.kind {
            LineKind::Factor { factor, .. } => match factor.verification {
                Verification::Official => 0,
                Verification::Secondary => 1,
                Verification::Derived => 2,
                Verification::User => 3,
            },
            LineKind::Declared { .. } => 4,
            LineKind::Gas { .. } => 5,
            LineKind::Input { .. } => continue,
        };
        if let (Some(k), Some(u)) = (kg.get_mut(i), used.get_mut(i)) {
            *k += c.kg_co2e;
            *u = true;
        }
    }
    DATA_BASES
        .iter()
        .zip(kg.iter().zip(&used))
        .filter(|(_, (_, used))| **used)
        .map(|(basis, (kg, _))| DataBasisTotal {
            basis,
            kg_co2e: *kg,
            share: (fp.total > 0.0).then(|| kg / fp.total),
        })
        .collect()
}

/// Each line's contribution (`None` for inputs), per process and line.
fn contributions_by_line<'a>(
    model: &Model,
    fp: &'a Footprint,
) -> Vec<Vec<Option<&'a crate::engine::Contribution>>> {
    let mut by_line: Vec<Vec<Option<&crate::engine::Contribution>>> = model
        .processes
        .iter()
        .map(|p| vec![None; p.lines.len()])
        .collect();
    for c in &fp.contributions {
        if let Some(slot) = by_line.get_mut(c.process).and_then(|v| v.get_mut(c.line)) {
            *slot = Some(c);
        }
    }
    by_line
}

type Groups = (
    Vec<StageTotal>,
    Vec<ClassTotal>,
    Vec<GasTotal>,
    Vec<GroupTotal>,
);

/// The totals per stage, class, gas and reporting group.
fn groups(model: &Model, fp: &Footprint) -> Groups {
    (
        model
            .stages
            .iter()
            .zip(&fp.by_stage)
            .map(|(s, v)| StageTotal {
                stage: s.clone(),
                kg_co2e: *v,
            })
            .collect(),
        fp.by_class
            .iter()
            .map(|(k, v)| ClassTotal {
                class: k.name(),
                kg_co2e: *v,
            })
            .collect(),
        fp.by_gas
            .iter()
            .map(|(g, kg, co2e)| GasTotal {
                gas: g.map(|g| g.id()).unwrap_or("CO2e"),
                kg: g.map(|_| *kg),
                kg_co2e: *co2e,
            })
            .collect(),
        fp.by_group
            .iter()
            .map(|(g, v)| GroupTotal {
                component: g.clone(),
                kg_co2e: *v,
            })
            .collect(),
    )
}

/// The parts of a footprint, in total and per stage (kg CO2e per declared unit; carbon
/// contents kg C, land occupation m²·year per declared unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct PartsReport {
    /// Every part for the whole footprint. `pcf_including_biogenic_uptake` is
    /// `total_kg_co2e`, bit for bit.
    pub total: PartValues,
    /// Per life-cycle stage, in boundary order.
    pub by_stage: Vec<StageParts>,
    /// Components whose declared footprint gives no parts: their totals are in
    /// `pcf_excluding_biogenic_uptake` and `pcf_including_biogenic_uptake` only (class
    /// `unsplit`).
    pub unsplit_components: Vec<String>,
}

/// The parts of one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct StageParts {
    /// Stage name.
    pub stage: String,
    /// Its parts.
    pub parts: PartValues,
}

/// Sums every line's parts per stage and in total, each a canonical sum (ascending order of
/// value) of the lines' values: a declared footprint's parts × its process's share ×
/// scaling (the order of the engine's own products), and an own line's contribution in the
/// parts of its class and gas ([`crate::parts::own_line_parts`]). The total including uptake
/// is every line's contribution: the engine's own sums, the same bits.
fn parts_report(model: &Model, fp: &Footprint) -> PartsReport {
    use crate::parts::Part;
    let n_stages = model.stages.len();
    let mut values: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); n_stages]; Part::ALL.len()];
    // In the order of the processes; `listed` (by process index) answers "already listed?"
    // without a scan, and costs the page's module no set type (a BTreeSet here and in the
    // model's GWP notes added 3 KB gzip).
    let mut unsplit: Vec<String> = Vec::new();
    let mut listed = vec![false; model.processes.len()];
    let index = |p: Part| Part::ALL.iter().position(|q| *q == p).unwrap_or(0);
    for c in &fp.contributions {
        let Some(p) = model.processes.get(c.process) else {
            continue;
        };
        let Some(l) = p.lines.get(c.line) else {
            continue;
        };
        let s = fp.supply.scaling.get(c.process).copied().unwrap_or(0.0);
        let mut add = |part: Part, v: f64| {
            if part == Part::Including {
                return;
            }
            if let Some(slot) = values
                .get_mut(index(part))
                .and_then(|st| st.get_mut(l.stage))
            {
                slot.push(v);
            }
        };
        match &l.kind {
            LineKind::Declared {
                split: Some(split), ..
            } => {
                for &part in Part::ALL {
                    if let Some(v) = split.parts.get(part) {
                        add(part, v * p.share * s);
                    }
                }
            }
            kind => {
                if matches!(kind, LineKind::Declared { .. })
                    && listed.get(c.process) == Some(&false)
                {
                    if let Some(l) = listed.get_mut(c.process) {
                        *l = true;
                    }
                    unsplit.push(p.id.clone());
                }
                let (parts, n) =
                    crate::parts::own_line_parts(c.class, c.gas.map(|(g, _)| g), c.kg_co2e);
                for &part in parts.iter().take(n) {
                    add(part, c.kg_co2e);
                }
            }
        }
    }
    let sum = crate::engine::canonical_sum;
    let mut total = PartValues::default();
    let mut by_stage: Vec<StageParts> = model
        .stages
        .iter()
        .map(|st| StageParts {
            stage: st.clone(),
            parts: PartValues::default(),
        })
        .collect();
    for (&part, per_stage) in Part::ALL.iter().zip(values) {
        if per_stage.iter().all(Vec::is_empty) {
            continue;
        }
        *total.get_mut(part) = sum(per_stage.iter().flatten().copied().collect());
        for (st, v) in by_stage.iter_mut().zip(per_stage) {
            *st.parts.get_mut(part) = sum(v);
        }
    }
    total.pcf_including_biogenic_uptake = fp.total;
    for (st, v) in by_stage.iter_mut().zip(&fp.by_stage) {
        st.parts.pcf_including_biogenic_uptake = *v;
    }
    PartsReport {
        total,
        by_stage,
        unsplit_components: unsplit,
    }
}

/// Total of one stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct StageTotal {
    /// Stage name.
    pub stage: String,
    /// kg CO2e.
    pub kg_co2e: f64,
}

/// The lines resting on one kind of data ([`FootprintResult::by_data_basis`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct DataBasisTotal {
    /// `official`, `secondary`, `derived` or `user` (the verification status of the lines'
    /// factors), `declared` (supplier declarations) or `direct` (gases the document states).
    #[serde(deserialize_with = "data_basis_name")]
    pub basis: Fixed,
    /// kg CO2e of those lines per declared unit.
    pub kg_co2e: f64,
    /// Their share of the total (absent when the total is not positive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

/// Total of one class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct ClassTotal {
    /// `fossil`, `biogenic`, `luc`, `aircraft`, or `unsplit` (declared footprints whose source
    /// gives no split).
    #[serde(deserialize_with = "class_name")]
    pub class: Fixed,
    /// kg CO2e.
    pub kg_co2e: f64,
}

/// Total of one gas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct GasTotal {
    /// Gas id, or `CO2e` for CO2e-basis factors and declared footprints.
    #[serde(deserialize_with = "co2e_or_gas_id")]
    pub gas: Fixed,
    /// kg of the gas (absent for `CO2e`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kg: Option<f64>,
    /// kg CO2e.
    pub kg_co2e: f64,
}

/// Total of one reporting group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct GroupTotal {
    /// Group name.
    pub component: String,
    /// kg CO2e.
    pub kg_co2e: f64,
}

/// Scaling of one process.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct ProcessSupply {
    /// `(product)` or the component id.
    pub process: String,
    /// Its output per run.
    pub output: Quantity,
    /// Runs per declared unit.
    pub scaling: f64,
    /// Allocation share (1 without allocation).
    pub allocation_share: f64,
    /// Allocation method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation: Option<String>,
}

/// One line of the audit trail.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct LineResult {
    /// JSON path of the line in the input.
    pub path: String,
    /// Line id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Line name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `factor`, `gas`, `declared` or `input`.
    #[serde(deserialize_with = "line_kind")]
    pub kind: Fixed,
    /// Process the line belongs to.
    pub process: String,
    /// Reporting group.
    pub component: String,
    /// Stage.
    pub stage: String,
    /// Amount as written.
    pub amount: f64,
    /// Unit as written (canonical symbol).
    #[serde(deserialize_with = "unit_symbol")]
    pub unit: Fixed,
    /// Amount in the factor's unit (factor lines) or the supplier's output unit (inputs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted_amount: Option<f64>,
    /// The unit of `converted_amount`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_unit_symbol"
    )]
    pub converted_unit: Option<Fixed>,
    /// The factor row used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<FactorUse>,
    /// How the factor was chosen (lines with `factor_select`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<crate::factors::select::Selection>,
    /// Gas, for gas lines and gas-basis factors.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "gas_id"
    )]
    pub gas: Option<Fixed>,
    /// GWP applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gwp: Option<f64>,
    /// kg of gas per declared unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gas_kg: Option<f64>,
    /// Declared footprint provenance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared_by: Option<DeclaredBy>,
    /// The parts a declared footprint gives, per declared unit of the product (each declared
    /// part × share × scaling): only those it declares (and its two totals); absent for other
    /// lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<crate::parts::DeclaredParts>,
    /// Supplying component, for inputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// kg CO2e per run of the process, before allocation (absent for inputs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_run_kg_co2e: Option<f64>,
    /// Runs of the process per declared unit.
    pub scaling: f64,
    /// Allocation share of the process.
    pub allocation_share: f64,
    /// kg CO2e per declared unit (absent for inputs: their emissions are in the supplier's lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kg_co2e: Option<f64>,
    /// Reporting class (absent for inputs, and for a declared footprint with parts: its
    /// classes come from its `parts`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_class_name"
    )]
    pub class: Option<Fixed>,
    /// Data quality as written in the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_quality: Option<crate::document::DataQuality>,
    /// Uncertainty of the amount as given in the input (`lognormal:gsd=1.1` …, in `unit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_uncertainty: Option<String>,
}

/// Data quality of the whole footprint, each figure weighted by the lines' contributions
/// (|kg CO2e| per declared unit; a supplier's footprint with parts by its total excluding
/// uptake; the product's own biogenic CO2 uptake weighs 0, not being an emission; lines
/// without a contribution, i.e. inputs from components, carry none — their supplier's lines
/// do). Each figure is exactly the lines' value when they all agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct DataQualitySummary {
    /// Share of the footprint from lines marked `primary` (supplier-specific data), 0–1.
    pub primary_data_share: Option<f64>,
    /// Contribution-weighted mean technological rating (1 very good – 5 very poor) over the
    /// lines rated for it.
    pub technological: Option<f64>,
    /// Contribution-weighted mean geographical rating.
    pub geographical: Option<f64>,
    /// Contribution-weighted mean temporal rating.
    pub temporal: Option<f64>,
    /// Contribution-weighted mean precision rating.
    pub precision: Option<f64>,
    /// Share of the footprint from lines with at least one rating, 0–1.
    pub rated_share: Option<f64>,
    /// PACT v2 suppliers' ratings, on their own 1–3 scale (absent when none states them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pact_v2_dqi: Option<PactV2Dqi>,
}

impl DataQualitySummary {
    /// Summarises the lines (`None` for a figure when no line, or no emission, is rated).
    ///
    /// A supplier's PACT footprint counts with what it states: its primary data share (a
    /// fraction of its weight) and, for v3, its DQRs (1–5, the scale of the ratings here).
    /// v2 DQRs (1–3, with completeness and reliability) are summarised apart
    /// (`pact_v2_dqi`). A declared footprint with parts weighs its total excluding biogenic
    /// CO2 uptake (the basis PACT rates; its absolute value); the product's own biogenic CO2
    /// uptake (a biogenic line below 0) weighs 0, not being an emission; every other line
    /// its contribution's absolute value (removals are claims that need data too).
    pub fn of(lines: &[LineResult]) -> DataQualitySummary {
        let rated: Vec<LineRating> = lines.iter().filter_map(LineRating::of).collect();
        // Every figure is a weighted mean over the lines (`engine::weighted_mean`: exact when
        // the values agree, finite near f64::MAX); a share is the mean of 1 (or a supplier's
        // fraction) on the lines it counts and 0 on the others.
        let mean = crate::engine::weighted_mean;
        let over = |pick: &dyn Fn(&LineRating) -> f64| -> Option<f64> {
            mean(
                &rated
                    .iter()
                    .map(|r| (r.weight, pick(r)))
                    .collect::<Vec<_>>(),
            )
        };
        let rated_mean = |pick: &dyn Fn(&LineRating) -> Option<f64>| -> Option<f64> {
            mean(
                &rated
                    .iter()
                    .filter_map(|r| pick(r).map(|x| (r.weight, x)))
                    .collect::<Vec<_>>(),
            )
        };
        let v2_mean = |pick: fn(&crate::document::PactDqi) -> Option<f64>| {
            rated_mean(&|r| r.v2.and_then(pick))
        };
        let pact_v2_dqi = rated
            .iter()
            .any(|r| r.v2.is_some())
            .then(|| {
                Some(PactV2Dqi {
                    coverage_percent: over(&|r| {
                        r.v2.and_then(|d| d.coverage_percent).unwrap_or(0.0)
                    })?,
                    technological: v2_mean(|d| Some(d.technological))?,
                    temporal: v2_mean(|d| Some(d.temporal))?,
                    geographical: v2_mean(|d| Some(d.geographical))?,
                    completeness: v2_mean(|d| d.completeness)?,
                    reliability: v2_mean(|d| d.reliability)?,
                    rated_share: over(&|r| if r.v2.is_some() { 1.0 } else { 0.0 })?,
                })
            })
            .flatten();
        DataQualitySummary {
            primary_data_share: over(&|r| r.primary),
            technological: rated_mean(&|r| r.technological),
            geographical: rated_mean(&|r| r.geographical),
            temporal: rated_mean(&|r| r.temporal),
            precision: rated_mean(&|r| r.precision),
            rated_share: over(&|r| {
                let any = r.technological.is_some()
                    || r.geographical.is_some()
                    || r.temporal.is_some()
                    || r.precision.is_some();
                if any {
                    1.0
                } else {
                    0.0
                }
            }),
            pact_v2_dqi,
        }
    }
}

/// What one emitting line brings to the data-quality summary.
struct LineRating<'a> {
    /// Its weight: |kg CO2e| (a declared footprint with parts: of its total excluding uptake;
    /// the product's own biogenic CO2 uptake: 0).
    weight: f64,
    /// The fraction of it that is primary data (own lines: 0 or 1).
    primary: f64,
    technological: Option<f64>,
    geographical: Option<f64>,
    temporal: Option<f64>,
    precision: Option<f64>,
    /// A PACT v2 supplier's ratings (1–3 scale).
    v2: Option<&'a crate::document::PactDqi>,
}

impl<'a> LineRating<'a> {
    fn of(l: &'a LineResult) -> Option<LineRating<'a>> {
        let kg = l.kg_co2e?;
        let pact = l.declared_by.as_ref().and_then(|d| d.pact.as_ref());
        let weight = match l
            .parts
            .as_ref()
            .and_then(|p| p.pcf_excluding_biogenic_uptake)
        {
            Some(excl) => excl.abs(),
            // The product's own biogenic CO2 uptake is not an emission: it weighs nothing
            // (PACT rates the footprint excluding it).
            None if kg < 0.0 && l.class == Some("biogenic") => 0.0,
            None => kg.abs(),
        };
        if let Some(pv) = pact {
            let v3 = pv.spec_version.starts_with('3');
            let dqi = pv.dqi.as_ref();
            let v3_dqi = dqi.filter(|_| v3);
            return Some(LineRating {
                weight,
                primary: pv.primary_data_share.map_or(0.0, |s| s / 100.0),
                technological: v3_dqi.map(|d| d.technological),
                geographical: v3_dqi.map(|d| d.geographical),
                temporal: v3_dqi.map(|d| d.temporal),
                precision: None,
                v2: dqi.filter(|d| {
                    !v3 && d.completeness.is_some()
                        && d.reliability.is_some()
                        && d.coverage_percent.is_some()
                }),
            });
        }
        let dq = l.data_quality.as_ref();
        let r = |pick: fn(&crate::document::DataQuality) -> Option<u8>| {
            dq.and_then(pick).map(f64::from)
        };
        Some(LineRating {
            weight,
            primary: if dq.and_then(|d| d.primary) == Some(true) {
                1.0
            } else {
                0.0
            },
            technological: r(|d| d.technological),
            geographical: r(|d| d.geographical),
            temporal: r(|d| d.temporal),
            precision: r(|d| d.precision),
            v2: None,
        })
    }
}

/// The PACT v2 data-quality ratings of the suppliers that state them (1 best – 3), each a
/// mean weighted by the supplier's share of the footprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct PactV2Dqi {
    /// Percent of the whole footprint these ratings cover: each supplier's own coverage
    /// times its share.
    pub coverage_percent: f64,
    /// Technological DQR.
    pub technological: f64,
    /// Temporal DQR.
    pub temporal: f64,
    /// Geographical DQR.
    pub geographical: f64,
    /// Completeness DQR.
    pub completeness: f64,
    /// Reliability DQR.
    pub reliability: f64,
    /// Share of the footprint from suppliers with v2 ratings, 0–1.
    pub rated_share: f64,
}

/// The factor behind a line, with its provenance.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct FactorUse {
    /// Factor id.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Value as in the table.
    pub value: f64,
    /// Numerator unit as in the table.
    #[serde(deserialize_with = "unit_symbol")]
    pub value_unit: Fixed,
    /// Denominator unit.
    #[serde(deserialize_with = "unit_symbol")]
    pub per_unit: Fixed,
    /// kg per `per_unit`.
    pub kg_per_unit: f64,
    /// CO2e or a gas.
    #[serde(deserialize_with = "co2e_or_gas_id")]
    pub basis: Fixed,
    /// GWP set of a CO2e factor.
    #[serde(
        default,
        skip_serializing_if = "str::is_empty",
        deserialize_with = "gwp_set_column"
    )]
    pub gwp_set: Fixed,
    /// Geography.
    pub geography: String,
    /// Year.
    pub year: Option<i32>,
    /// Source citation.
    pub source: String,
    /// Licence.
    pub licence: String,
    /// Verification status.
    #[serde(deserialize_with = "verification_name")]
    pub verification: Fixed,
    /// Table name (`inline` for a factor written in the line).
    pub table: String,
    /// Uncertainty of the factor, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<String>,
}

/// Who declared a footprint.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct DeclaredBy {
    /// Supplier.
    pub supplier: String,
    /// Source.
    pub source: String,
    /// Verification as declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<String>,
    /// The PACT footprint the declaration was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pact: Option<crate::document::PactProvenance>,
}

/// The factor tables behind a result.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct FactorSetInfo {
    /// Digest of the whole set (see [`FactorSet::sha256`]).
    pub sha256: String,
    /// Digest of the GWP table.
    pub gwp_table_sha256: String,
    /// Digest of the parameter table.
    pub parameters_sha256: String,
    /// Tables in precedence order (later wins).
    pub tables: Vec<TableInfo>,
    /// User rows that hide built-in or earlier rows.
    pub overrides: Vec<OverrideInfo>,
}

/// One table.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct TableInfo {
    /// Name.
    pub name: String,
    /// `builtin` or `user`.
    #[serde(deserialize_with = "origin_name")]
    pub origin: Fixed,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Number of rows.
    pub rows: usize,
    /// Precedence, 0 lowest.
    pub precedence: usize,
}

/// One override.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct OverrideInfo {
    /// Factor id.
    pub id: String,
    /// Table whose row is used.
    pub used: String,
    /// Table whose row is hidden.
    pub hidden: String,
}

impl FactorUse {
    fn new(f: &Factor) -> FactorUse {
        FactorUse {
            id: f.id.clone(),
            name_en: f.name_en.clone(),
            name_zh: f.name_zh.clone(),
            value: f.value,
            value_unit: f.value_unit.symbol(),
            per_unit: f.per_unit.symbol(),
            kg_per_unit: f.kg_per_unit,
            basis: f.basis.name(),
            gwp_set: match f.basis {
                Basis::Co2e(_) => f.basis.gwp_set_name(),
                Basis::Gas(_) => "",
            },
            geography: f.geography.clone(),
            year: f.year,
            source: f.source.clone(),
            licence: f.licence.clone(),
            verification: f.verification.name(),
            table: f.table.clone(),
            uncertainty: f.uncertainty.map(|d| d.to_string()),
        }
    }
}

impl FactorSetInfo {
    /// Describes a factor set.
    pub fn new(set: &FactorSet) -> FactorSetInfo {
        FactorSetInfo {
            sha256: set.sha256().to_string(),
            gwp_table_sha256: set.gwp_sha256().to_string(),
            parameters_sha256: set.parameters_sha256().to_string(),
            tables: set
                .tables()
                .iter()
                .enumerate()
                .map(|(i, t)| TableInfo {
                    name: t.name.clone(),
                    origin: t.origin.name(),
                    sha256: t.sha256.clone(),
                    rows: t.factors.len(),
                    precedence: i,
                })
                .collect(),
            overrides: set
                .overrides()
                .iter()
                .map(|o| OverrideInfo {
                    id: o.id.clone(),
                    used: o.table.clone(),
                    hidden: o.hidden.clone(),
                })
                .collect(),
        }
    }
}

/// Builds the result document from a model and its footprint.
pub fn build(model: &Model, set: &FactorSet, fp: &Footprint) -> FootprintResult {
    let doc = &model.document;
    let contrib = contributions_by_line(model, fp);
    let mut lines = Vec::new();
    for (pi, p) in model.processes.iter().enumerate() {
        let scaling = fp.supply.scaling.get(pi).copied().unwrap_or(0.0);
        for (li, l) in p.lines.iter().enumerate() {
            let c = contrib.get(pi).and_then(|v| v.get(li)).copied().flatten();
            let mut r = LineResult {
                path: l.path.clone(),
                id: l.id.clone(),
                name: l.name.clone(),
                kind: "factor",
                process: p.id.clone(),
                component: l.group.to_string(),
                stage: model.stages.get(l.stage).cloned().unwrap_or_default(),
                amount: l.amount,
                unit: l.unit.symbol(),
                converted_amount: None,
                converted_unit: None,
                factor: None,
                selection: None,
                gas: c.and_then(|c| c.gas.map(|(g, _)| g.id())),
                gwp: c.and_then(|c| c.gwp),
                gas_kg: c.and_then(|c| c.gas.map(|(_, kg)| kg)),
                declared_by: None,
                parts: None,
                input: None,
                per_run_kg_co2e: c.map(|c| c.per_run_kg_co2e),
                scaling,
                allocation_share: p.share,
                kg_co2e: c.map(|c| c.kg_co2e),
                class: c.map(|c| c.class.name()),
                data_quality: l.data_quality.clone(),
                amount_uncertainty: l.uncertainty.map(|d| d.to_string()),
            };
            match &l.kind {
                LineKind::Factor {
                    factor,
                    converted,
                    selection,
                    ..
                } => {
                    r.selection = selection.as_deref().cloned();
                    r.converted_amount = Some(*converted);
                    r.converted_unit = Some(factor.per_unit.symbol());
                    r.factor = Some(FactorUse::new(factor));
                }
                LineKind::Gas { .. } => r.kind = "gas",
                LineKind::Declared {
                    supplier,
                    source,
                    verification,
                    pact,
                    split,
                    ..
                } => {
                    r.kind = "declared";
                    // Its classes are in its parts (and in `by_class`), not one class.
                    if split.is_some() {
                        r.class = None;
                    }
                    r.parts = split.as_ref().map(|split| {
                        let mut v = crate::parts::DeclaredParts::default();
                        for &part in crate::parts::Part::ALL {
                            if let Some(x) = split.parts.get(part) {
                                *v.get_mut(part) = Some(x * p.share * scaling);
                            }
                        }
                        v
                    });
                    r.declared_by = Some(DeclaredBy {
                        supplier: supplier.clone(),
                        source: source.clone(),
                        verification: verification.clone(),
                        pact: pact.as_deref().cloned(),
                    });
                }
                LineKind::Input { process, converted } => {
                    r.kind = "input";
                    let sup = model.processes.get(*process);
                    r.input = sup.map(|s| s.id.clone());
                    r.converted_amount = Some(*converted);
                    r.converted_unit = sup.map(|s| s.output_unit.symbol());
                }
            }
            lines.push(r);
        }
    }
    let data_quality = DataQualitySummary::of(&lines);
    let (by_stage, by_class, by_gas, by_component) = groups(model, fp);
    FootprintResult {
        schema: RESULT_TAG,
        engine: engine_name(),
        template: None,
        product: doc.product.clone(),
        declared_unit: doc.product.declared_unit.clone(),
        gwp_set: model.gwp.name().to_string(),
        boundary: doc.boundary.clone(),
        reference_period: doc.reference_period.clone(),
        total_kg_co2e: fp.total,
        by_stage,
        by_class,
        by_data_basis: data_basis(model, fp),
        removals_kg_co2e: fp.removals,
        parts: parts_report(model, fp),
        by_gas,
        by_component,
        supply: model
            .processes
            .iter()
            .enumerate()
            .map(|(i, p)| ProcessSupply {
                process: p.id.clone(),
                output: Quantity {
                    amount: p.output,
                    unit: p.output_unit.symbol().to_string(),
                },
                scaling: fp.supply.scaling.get(i).copied().unwrap_or(0.0),
                allocation_share: p.share,
                allocation: p.allocation.clone(),
            })
            .collect(),
        solver: fp.supply.method,
        lines,
        data_quality,
        factor_set: FactorSetInfo::new(set),
        warnings: model.warnings.clone(),
        sector: None,
        receipt: None,
        input: None,
    }
}

/// `pcf <version>`, written into every result.
pub fn engine_name() -> String {
    format!("pcf {}", env!("CARGO_PKG_VERSION"))
}

/// The seal of a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct Receipt {
    /// Always `pcf-receipt/1`.
    #[serde(deserialize_with = "receipt_format")]
    pub format: Fixed,
    /// How input and result are canonicalised before hashing.
    #[serde(deserialize_with = "receipt_canonicalization")]
    pub canonicalization: Fixed,
    /// The engine that computed the result.
    pub engine: String,
    /// SHA-256 of the canonical input (the `input` member of the result file).
    pub input_sha256: String,
    /// Digest of the factor set used (also in `factor_set.sha256`).
    pub factor_set_sha256: String,
    /// SHA-256 of the canonical result without `receipt` and `input`.
    pub result_sha256: String,
}
