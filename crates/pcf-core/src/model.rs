//! The validated model: what a [`Document`] means once every id, unit, stage and number has
//! been checked. Validation happens once, here; the engine works only on these types.
//!
//! The model is a small process network: process 0 is the product itself (one run makes one
//! declared unit), processes 1.. are the components in document order. Lines are per run of
//! their process.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::document::{
    Activity, Allocation, Component, DataQuality, Document, GasEmission, Quantity, SCHEMA_TAG,
};
use crate::error::{Error, JsonPath, Result};
use crate::factors::select::YearRule;
use crate::factors::{Basis, Factor, FactorSet, Verification};
use crate::gwp::{EmissionClass, Gas, GwpSet};
use crate::units::{Dimension, Unit};

/// The document size limits, defined with the other limits of reading in [`crate::json`].
pub use crate::json::{MAX_COMPONENTS, MAX_LINES};

/// Sectors a document may declare.
pub const SECTORS: &[&str] = &["battery", "ev", "textile", "pv", "steel", "other"];
/// Boundary kinds a document may declare.
pub const BOUNDARY_KINDS: &[&str] = &[
    "cradle-to-gate",
    "cradle-to-grave",
    "gate-to-gate",
    "partial",
];

/// A validated study.
#[derive(Debug, Clone)]
pub struct Model {
    /// The document as read (echoed in the result).
    pub document: Document,
    /// The GWP set.
    pub gwp: GwpSet,
    /// The declared unit.
    pub declared_unit: Unit,
    /// Stages of the boundary in reporting order.
    pub stages: Vec<String>,
    /// Process 0 is the product; 1.. the components in document order.
    pub processes: Vec<Process>,
    /// Notes about the inputs that do not stop the calculation.
    /// Its warnings.
    pub warnings: Vec<Warning>,
}

/// A note attached to a result: something a certifier should look at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct Warning {
    /// Stable code.
    pub code: String,
    /// JSON path: the first of `paths`.
    pub path: String,
    /// Every place the fact applies to, in document order, each once (one warning per fact
    /// and document: a GWP set that is not stated on twelve lines is one warning with their
    /// twelve paths; in a sector template, a field that became several lines is listed once);
    /// its first is `path`.
    pub paths: Vec<String>,
    /// Message (says how many lines when the fact applies to several).
    pub message: String,
}

/// A warning as `pcf-totals/1` carries it: its code, first path and message (which says how
/// many lines it applies to), without the list of every path, which live recomputation would
/// otherwise write on every call (the full result has it).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct BriefWarning {
    /// Stable code.
    pub code: String,
    /// JSON path: the first place it applies to.
    pub path: String,
    /// Message.
    pub message: String,
}

impl BriefWarning {
    /// The brief form of a warning.
    pub fn of(w: &Warning) -> BriefWarning {
        BriefWarning {
            code: w.code.clone(),
            path: w.path.clone(),
            message: w.message.clone(),
        }
    }
}

impl Warning {
    /// A warning about one place.
    pub fn new(code: &str, path: impl Into<String>, message: impl Into<String>) -> Warning {
        let path = path.into();
        Warning {
            code: code.to_string(),
            paths: vec![path.clone()],
            path,
            message: message.into(),
        }
    }
}

/// The lines whose CO2e value is characterised with another GWP set than the study's, or states
/// none, gathered while the document is read so that each fact becomes one warning with the list
/// of its lines ([`GwpNotes::into_warnings`]).
#[derive(Default)]
struct GwpNotes {
    /// Per line, in document order: the value's set (`None`: not stated), the path, and its
    /// subject: an index in [`GwpNotes::subjects`], or `None` for an inline factor (counted,
    /// not named: its path is the line's).
    lines: Vec<(Option<GwpSet>, String, Option<usize>)>,
    /// What each value is, in words (`factor cn.elec.footprint.2023.national`), in order of
    /// first use.
    subjects: Vec<String>,
    /// Subject index by table factor id.
    factor_subjects: BTreeMap<String, usize>,
    /// Subject index by component id (declared footprints): kept apart from factor ids so a
    /// component named like a factor is its own subject.
    component_subjects: BTreeMap<String, usize>,
}

/// What a noted value is, by key: a table factor (its id) or a declared footprint (its
/// component's id).
enum Subject<'a> {
    Factor(&'a str),
    Component(&'a str),
}

/// How many subjects a GWP warning's message names before `and N more`.
const GWP_SUBJECTS_NAMED: usize = 10;

/// What a GWP warning's message names: a table factor or declared footprint, or the inline
/// factors (how many).
#[derive(PartialEq)]
enum Named {
    Subject(usize),
    Inline(usize),
}

impl GwpNotes {
    /// One warning per fact: `gwp_set_unspecified` for every line whose value states no set,
    /// `gwp_set_mixed` per other set, in order of first occurrence, each with its lines' paths
    /// and a message that counts them and names what they use.
    fn into_warnings(self, study: GwpSet) -> Vec<Warning> {
        /// One warning's lines: its set, paths, what it names in order of first use, the
        /// subjects already named (by subject index: a line looks its subject up once, not
        /// along the list; no set type, which cost the page's module 3 KB) and where the count
        /// of inline factors is.
        struct Group {
            set: Option<GwpSet>,
            paths: Vec<String>,
            named: Vec<Named>,
            subjects: Vec<bool>,
            inline: Option<usize>,
        }
        // At most one group per GWP set and one without: a short list.
        let mut groups: Vec<Group> = Vec::new();
        for (set, path, subject) in self.lines {
            let at = match groups.iter().position(|g| g.set == set) {
                Some(i) => i,
                None => {
                    groups.push(Group {
                        set,
                        paths: Vec::new(),
                        named: Vec::new(),
                        subjects: vec![false; self.subjects.len()],
                        inline: None,
                    });
                    groups.len() - 1
                }
            };
            if let Some(g) = groups.get_mut(at) {
                g.paths.push(path);
                match subject {
                    Some(i) => {
                        if g.subjects.get(i) == Some(&false) {
                            if let Some(b) = g.subjects.get_mut(i) {
                                *b = true;
                            }
                            g.named.push(Named::Subject(i));
                        }
                    }
                    None => match g.inline.and_then(|k| g.named.get_mut(k)) {
                        Some(Named::Inline(k)) => *k += 1,
                        _ => {
                            g.inline = Some(g.named.len());
                            g.named.push(Named::Inline(1));
                        }
                    },
                }
            }
        }
        groups
            .into_iter()
            .map(
                |Group {
                     set, paths, named, ..
                 }| {
                    let n = paths.len();
                    let mut words: Vec<String> = named
                        .iter()
                        .take(GWP_SUBJECTS_NAMED)
                        .map(|x| match x {
                            Named::Subject(i) => self.subjects.get(*i).cloned().unwrap_or_default(),
                            Named::Inline(1) => "1 inline factor".to_string(),
                            Named::Inline(k) => format!("{k} inline factors"),
                        })
                        .collect();
                    if named.len() > GWP_SUBJECTS_NAMED {
                        words.push(format!("and {} more", named.len() - GWP_SUBJECTS_NAMED));
                    }
                    let (lines, value, uses) = if n == 1 {
                        ("1 line".to_string(), "a CO2e value", "uses")
                    } else {
                        (format!("{n} lines"), "CO2e values", "use")
                    };
                    let (code, fact) = match set {
                        Some(s) => (
                            "gwp_set_mixed",
                            format!("characterised with {s} while the study uses {study}"),
                        ),
                        None if n == 1 => (
                            "gwp_set_unspecified",
                            "that does not state its GWP set".to_string(),
                        ),
                        None => (
                            "gwp_set_unspecified",
                            "that do not state their GWP set".to_string(),
                        ),
                    };
                    let message = format!("{lines} {uses} {value} {fact}: {}", words.join(", "));
                    Warning {
                        code: code.into(),
                        path: paths.first().cloned().unwrap_or_default(),
                        paths,
                        message,
                    }
                },
            )
            .collect()
    }
}

/// One process of the network.
#[derive(Debug, Clone)]
pub struct Process {
    /// `(product)` for process 0, else the component id.
    pub id: String,
    /// JSON path of its definition.
    pub path: String,
    /// Amount of its product made per run.
    pub output: f64,
    /// Unit of `output`.
    pub output_unit: Unit,
    /// Share of the process burden its product carries (1 without allocation).
    pub share: f64,
    /// The allocation method, when there is one.
    pub allocation: Option<String>,
    /// Lines per run.
    pub lines: Vec<Line>,
}

/// A validated line.
#[derive(Debug, Clone)]
pub struct Line {
    /// JSON path of the line.
    pub path: String,
    /// Optional id.
    pub id: Option<String>,
    /// Optional name.
    pub name: Option<String>,
    /// Index into [`Model::stages`].
    pub stage: usize,
    /// Reporting group (component id, label, or `(product)`): shared by the consecutive lines
    /// of one group (one allocation per owner, not per line).
    pub group: Arc<str>,
    /// Amount as written.
    pub amount: f64,
    /// Unit as written.
    pub unit: Unit,
    /// What the line is of.
    pub kind: LineKind,
    /// Data quality as written.
    pub data_quality: Option<DataQuality>,
    /// Uncertainty of the amount as given by the user (in the line's unit), for Monte Carlo.
    pub uncertainty: Option<crate::factors::uncertainty::Distribution>,
}

/// What a line is an amount of.
#[derive(Debug, Clone)]
pub enum LineKind {
    /// An amount times an emission factor.
    Factor {
        /// The factor row (a table row, or an inline factor made into one), shared by the
        /// lines of one document that use it.
        factor: Arc<Factor>,
        /// `true` for an inline factor.
        inline: bool,
        /// How it was chosen, for `factor_select` lines.
        selection: Option<Box<crate::factors::select::Selection>>,
        /// The amount in the factor's `per_unit`.
        converted: f64,
    },
    /// A direct emission of a gas.
    Gas {
        /// The gas.
        gas: Gas,
        /// kg of gas, negative for a removal.
        kg: f64,
        /// Reporting class.
        class: EmissionClass,
    },
    /// A supplier's declared footprint per run.
    Declared {
        /// kg CO2e per run counted in the totals: the total including biogenic CO2 uptake when
        /// the declaration gives its parts, else the declared (unsplit) total.
        kg_co2e: f64,
        /// The declared parts per run and how they split into classes (`None`: an unsplit
        /// declaration).
        split: Option<Box<DeclaredSplit>>,
        /// Supplier.
        supplier: String,
        /// Source document.
        source: String,
        /// Verification as declared.
        verification: Option<String>,
        /// The PACT footprint it was imported from.
        pact: Option<Box<crate::document::PactProvenance>>,
    },
    /// An amount of another process's product.
    Input {
        /// Index of the supplying process.
        process: usize,
        /// The amount in the supplier's output unit.
        converted: f64,
    },
}

/// A declared footprint's parts, per run of its process.
#[derive(Debug, Clone)]
pub struct DeclaredSplit {
    /// Every part's value (`None`: not declared); the total excluding uptake is always set.
    pub parts: crate::parts::DeclaredParts,
    /// The classes the total including uptake splits into ([`crate::parts::declared_classes`]).
    pub classes: Vec<(EmissionClass, f64)>,
}

const PRODUCT: &str = "(product)";

struct Ctx<'a> {
    factors: &'a FactorSet,
    period_end_year: i32,
    /// The reference period, as written (`YYYY-MM-DD`, checked).
    period: (&'a str, &'a str),
    stages: &'a [String],
    gwp: GwpSet,
    components: BTreeMap<&'a str, usize>,
    outputs: Vec<Option<Unit>>,
    line_ids: BTreeMap<String, String>,
    /// Lines whose value has another GWP set than the study's, or none.
    gwp_notes: GwpNotes,
    /// Other warnings, one per fact (a supplier's PACT findings, a declaration's unsplit rest).
    warnings: Vec<Warning>,
    /// One copy of each table row in use, by its address in the factor set (which outlives
    /// the validation): a thousand lines on one factor share one row.
    shared_factors: BTreeMap<usize, Arc<Factor>>,
    /// Units already read in this document, by symbol as written: a document uses a few units
    /// on many lines, and [`Unit::parse`] scans its alias and unit tables (135 entries) each
    /// time. The same function of the same text, so the same unit.
    units_seen: Vec<(String, Unit)>,
    /// The group of the last line read (see [`Ctx::group`]).
    last_group: Option<Arc<str>>,
}

fn share(v: f64, path: &JsonPath, what: &str) -> Result<f64> {
    let v = finite_non_negative(v, path, what)?;
    if v > 1.0 {
        return Err(Error::invalid(
            path.clone(),
            format!("{what} {v} must be a share from 0 to 1"),
        ));
    }
    Ok(v)
}

/// Checks the study statements: shares 0–1, known words, excluded stages in the boundary.
fn check_study(study: &crate::document::Study, stages: &[String], sp: &JsonPath) -> Result<()> {
    if let Some(c) = &study.cut_off {
        let cp = sp.key("cut_off");
        if c.criteria.trim().is_empty() {
            return Err(Error::invalid(
                cp.key("criteria"),
                "state the cut-off criteria in words",
            ));
        }
        if let Some(v) = c.max_excluded_share {
            share(
                v,
                &cp.key("max_excluded_share"),
                "the largest excluded share",
            )?;
        }
        if let Some(v) = c.excluded_share {
            share(v, &cp.key("excluded_share"), "the excluded share")?;
        }
    }
    if let Some(e) = &study.electricity {
        let ep = sp.key("electricity");
        if !["location-based", "market-based"].contains(&e.approach.as_str()) {
            return Err(Error::invalid(
                ep.key("approach"),
                format!(
                    "electricity approach {:?} must be location-based or market-based",
                    e.approach
                ),
            ));
        }
        for (i, c) in e.contractual_instruments.iter().enumerate() {
            if let Some(k) = c.kwh {
                finite_non_negative(
                    k,
                    &ep.key("contractual_instruments").index(i).key("kwh"),
                    "kWh covered",
                )?;
            }
        }
    }
    for (i, o) in study.offsets.iter().enumerate() {
        finite_non_negative(
            o.kg_co2e,
            &sp.key("offsets").index(i).key("kg_co2e"),
            "offset kg CO2e",
        )?;
    }
    for (i, x) in study.stage_exclusions.iter().enumerate() {
        if !stages.contains(&x.stage) {
            return Err(Error::invalid(
                sp.key("stage_exclusions").index(i).key("stage"),
                format!(
                    "stage {:?} is not one of the boundary's stages ({})",
                    x.stage,
                    stages.join(", ")
                ),
            ));
        }
    }
    if let Some(v) = &study.verification {
        if !["none", "pending", "verified"].contains(&v.status.as_str()) {
            return Err(Error::invalid(
                sp.key("verification").key("status"),
                format!(
                    "verification status {:?} must be none, pending or verified",
                    v.status
                ),
            ));
        }
    }
    Ok(())
}

/// A finite number of any sign (a non-finite one is `non_finite` at its path). The one check
/// of its kind: the sector templates use it too.
pub fn finite(v: f64, path: &JsonPath, what: &str) -> Result<f64> {
    if !v.is_finite() {
        return Err(Error::NonFinite {
            path: path.into(),
            what: what.into(),
            value: v.to_string(),
        });
    }
    Ok(v)
}

/// A finite number, 0 or more (`non_finite`, then `negative_amount`, at its path); the sector
/// templates use it too.
pub fn finite_non_negative(v: f64, path: &JsonPath, what: &str) -> Result<f64> {
    let v = finite(v, path, what)?;
    if v < 0.0 {
        return Err(Error::NegativeAmount {
            path: path.into(),
            what: what.into(),
            value: v,
        });
    }
    Ok(v)
}

fn positive(v: f64, path: &JsonPath, what: &str) -> Result<f64> {
    let v = finite_non_negative(v, path, what)?;
    if v == 0.0 {
        return Err(Error::NotPositive {
            path: path.into(),
            what: what.into(),
            value: v,
        });
    }
    Ok(v)
}

fn unit(symbol: &str, path: &JsonPath) -> Result<Unit> {
    Unit::parse(symbol).ok_or_else(|| Error::UnknownUnit {
        path: path.into(),
        unit: symbol.to_string(),
        hint: Unit::suggest(symbol)
            .map(|s| format!("; did you mean {s:?}?"))
            .unwrap_or_default(),
    })
}

fn convert(amount: f64, from: &Unit, to: &Unit, path: &JsonPath) -> Result<f64> {
    let k = from.factor_to(to).ok_or_else(|| Error::DimensionMismatch {
        path: path.into(),
        from: from.symbol().to_string(),
        from_dim: from.dimension().name().to_string(),
        to: to.symbol().to_string(),
        to_dim: to.dimension().name().to_string(),
    })?;
    Ok(amount * k)
}

/// [`convert`] with the error at `p.key`, built only on failure.
fn convert_at(amount: f64, from: &Unit, to: &Unit, p: &JsonPath, key: &str) -> Result<f64> {
    match from.factor_to(to) {
        Some(k) => Ok(amount * k),
        None => convert(amount, from, to, &p.key(key)),
    }
}

/// A `YYYY-MM-DD` date as a reference period's start or end must be (the sector templates
/// check one too, `sectors::period_end_year`).
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(_), Some(m), Some(d)) => (1..=12).contains(&m) && (1..=31).contains(&d),
        _ => false,
    }
}

/// Checks a line's `uncertainty` against its distribution's parameters and its amount.
fn amount_uncertainty(
    u: &Option<crate::document::AmountUncertainty>,
    amount: f64,
    kind: &LineKind,
    p: &JsonPath,
) -> Result<Option<crate::factors::uncertainty::Distribution>> {
    use crate::factors::uncertainty::Distribution;
    let Some(u) = u else { return Ok(None) };
    let up = p.key("uncertainty");
    if let LineKind::Input { .. } = kind {
        return Err(Error::invalid(
            up,
            "an input line cannot carry an uncertainty (the network's scaling is not \
             simulated): give it to the component's own lines",
        ));
    }
    let given = [
        ("gsd", u.gsd),
        ("sd", u.sd),
        ("min", u.min),
        ("mode", u.mode),
        ("max", u.max),
    ];
    let wanted: &[&str] = match u.distribution.as_str() {
        "lognormal" => &["gsd"],
        "normal" => &["sd"],
        "triangular" => &["min", "mode", "max"],
        "uniform" => &["min", "max"],
        other => {
            return Err(Error::invalid(
                up.key("distribution"),
                format!("distribution {other:?} must be lognormal, normal, triangular or uniform"),
            ))
        }
    };
    let d = &u.distribution;
    for (k, v) in given {
        match (wanted.contains(&k), v) {
            (true, None) => {
                return Err(Error::invalid(
                    up.key(k),
                    format!("a {d} uncertainty needs {}", wanted.join(", ")),
                ))
            }
            (false, Some(_)) => {
                return Err(Error::invalid(
                    up.key(k),
                    format!("a {d} uncertainty takes only {}", wanted.join(", ")),
                ))
            }
            (_, Some(v)) if !v.is_finite() => {
                return Err(Error::NonFinite {
                    path: up.key(k).into(),
                    what: k.into(),
                    value: v.to_string(),
                })
            }
            _ => {}
        }
    }
    let g = |k: usize| given.get(k).and_then(|(_, v)| *v).unwrap_or(f64::NAN);
    let dist = match d.as_str() {
        "lognormal" => {
            if g(0) < 1.0 {
                return Err(Error::invalid(
                    up.key("gsd"),
                    format!("gsd must be at least 1, got {}", g(0)),
                ));
            }
            Distribution::Lognormal { gsd: g(0) }
        }
        "normal" => {
            if g(1) < 0.0 {
                return Err(Error::NegativeAmount {
                    path: up.key("sd").into(),
                    what: "standard deviation".into(),
                    value: g(1),
                });
            }
            Distribution::Normal { sd: g(1) }
        }
        _ => {
            let (min, max) = (g(2), g(4));
            let mode = if d == "triangular" { g(3) } else { min };
            if min > max {
                return Err(Error::invalid(
                    up.key("max"),
                    format!("max {max} is below min {min}"),
                ));
            }
            if d == "triangular" && !(min <= mode && mode <= max) {
                return Err(Error::invalid(
                    up.key("mode"),
                    format!("mode {mode} must lie within [{min}, {max}]"),
                ));
            }
            if amount < min {
                return Err(Error::invalid(
                    up.key("min"),
                    format!("the amount {amount} is below min {min}"),
                ));
            }
            if amount > max {
                return Err(Error::invalid(
                    up.key("max"),
                    format!("the amount {amount} is above max {max}"),
                ));
            }
            if d == "triangular" {
                Distribution::Triangular { min, mode, max }
            } else {
                Distribution::Uniform { min, max }
            }
        }
    };
    Ok(Some(dist))
}

fn data_quality(dq: &Option<DataQuality>, p: &JsonPath) -> Result<()> {
    if let Some(dq) = dq {
        let dp = p.key("data_quality");
        for (k, v) in [
            ("technological", dq.technological),
            ("geographical", dq.geographical),
            ("temporal", dq.temporal),
            ("precision", dq.precision),
        ] {
            if let Some(v) = v {
                if !(1..=5).contains(&v) {
                    return Err(Error::invalid(
                        dp.key(k),
                        format!("{k} rating {v} must be 1 (very good) to 5 (very poor)"),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn gwp_basis(s: &str, path: &JsonPath) -> Result<Option<GwpSet>> {
    if s == "unspecified" {
        return Ok(None);
    }
    GwpSet::parse(s).map(Some).ok_or_else(|| {
        Error::invalid(
            path,
            format!("GWP set {s:?} must be AR4, AR5, AR6 or unspecified"),
        )
    })
}

impl Model {
    /// Validates a document against a factor set.
    pub fn new(document: Document, factors: &FactorSet) -> Result<Model> {
        let root = JsonPath::root();
        if document.schema != SCHEMA_TAG {
            return Err(Error::UnsupportedSchema {
                path: root.key("schema").into(),
                found: document.schema.clone(),
                expected: SCHEMA_TAG.into(),
            });
        }
        let gwp = GwpSet::parse(&document.gwp_set).ok_or_else(|| {
            Error::invalid(
                root.key("gwp_set"),
                format!("gwp_set {:?} must be AR4, AR5 or AR6", document.gwp_set),
            )
        })?;
        let pp = root.key("product");
        if !SECTORS.contains(&document.product.sector.as_str()) {
            return Err(Error::invalid(
                pp.key("sector"),
                format!(
                    "sector {:?} must be one of {}",
                    document.product.sector,
                    SECTORS.join(", ")
                ),
            ));
        }
        let du = &document.product.declared_unit;
        let dp = pp.key("declared_unit");
        let declared_amount = positive(du.amount, &dp.key("amount"), "declared unit amount")?;
        let declared_unit = unit(&du.unit, &dp.key("unit"))?;

        let bp = root.key("boundary");
        if !BOUNDARY_KINDS.contains(&document.boundary.kind.as_str()) {
            return Err(Error::invalid(
                bp.key("kind"),
                format!(
                    "boundary kind {:?} must be one of {}",
                    document.boundary.kind,
                    BOUNDARY_KINDS.join(", ")
                ),
            ));
        }
        let stages = document.boundary.stages.clone();
        if stages.is_empty() {
            return Err(Error::invalid(
                bp.key("stages"),
                "the boundary must list at least one stage",
            ));
        }
        for (i, s) in stages.iter().enumerate() {
            if s.trim().is_empty() {
                return Err(Error::invalid(
                    bp.key("stages").index(i),
                    "empty stage name",
                ));
            }
            if let Some(j) = stages.iter().take(i).position(|t| t == s) {
                return Err(Error::DuplicateId {
                    path: bp.key("stages").index(i).into(),
                    id: s.clone(),
                    first: bp.key("stages").index(j).into(),
                });
            }
        }
        if let Some(study) = &document.study {
            check_study(study, &stages, &root.key("study"))?;
        }
        let per = root.key("reference_period");
        for (k, v) in [
            ("start", &document.reference_period.start),
            ("end", &document.reference_period.end),
        ] {
            if !is_date(v) {
                return Err(Error::invalid(
                    per.key(k),
                    format!("{v:?} is not a date YYYY-MM-DD"),
                ));
            }
        }
        if document.reference_period.start > document.reference_period.end {
            return Err(Error::invalid(
                per.key("end"),
                "the period ends before it starts",
            ));
        }

        // Limits.
        if document.components.len() > MAX_COMPONENTS {
            return Err(Error::LimitExceeded {
                path: root.key("components").into(),
                what: "number of components".into(),
                found: document.components.len(),
                limit: MAX_COMPONENTS,
            });
        }
        let lines = document.activities.len()
            + document.emissions.len()
            + document
                .components
                .iter()
                .map(|c| c.activities.len() + c.emissions.len())
                .sum::<usize>();
        if lines > MAX_LINES {
            return Err(Error::LimitExceeded {
                path: root.into(),
                what: "number of lines".into(),
                found: lines,
                limit: MAX_LINES,
            });
        }

        // Components: ids and output units first, so lines can refer to any of them.
        let cp = root.key("components");
        let mut components = BTreeMap::new();
        let mut outputs = vec![Some(declared_unit)];
        for (i, c) in document.components.iter().enumerate() {
            let p = cp.index(i);
            if c.id.trim().is_empty() {
                return Err(Error::invalid(
                    p.key("id"),
                    "component id must not be empty",
                ));
            }
            if let Some(first) = components.insert(c.id.as_str(), i + 1) {
                return Err(Error::DuplicateId {
                    path: p.key("id").into(),
                    id: c.id.clone(),
                    first: cp.index(first - 1).key("id").into(),
                });
            }
            let q = match (&c.declared, &c.output) {
                (Some(d), None) => (&d.per, p.key("declared").key("per")),
                (None, Some(o)) => (o, p.key("output")),
                (Some(_), Some(_)) => {
                    return Err(Error::invalid(
                        p.key("output"),
                        "a component with a declared footprint takes its output from declared.per; remove output",
                    ))
                }
                (None, None) => {
                    return Err(Error::invalid(
                        p.key("output"),
                        "a component needs an output (amount and unit) or a declared footprint",
                    ))
                }
            };
            outputs.push(Some(unit(&q.0.unit, &q.1.key("unit"))?));
        }

        let period_end_year = document
            .reference_period
            .end
            .get(0..4)
            .and_then(|y| y.parse::<i32>().ok())
            .unwrap_or(0);
        let mut ctx = Ctx {
            factors,
            period_end_year,
            period: (
                &document.reference_period.start,
                &document.reference_period.end,
            ),
            stages: &stages,
            gwp,
            components,
            outputs,
            line_ids: BTreeMap::new(),
            gwp_notes: GwpNotes::default(),
            warnings: Vec::new(),
            shared_factors: BTreeMap::new(),
            units_seen: Vec::new(),
            last_group: None,
        };

        let mut processes = Vec::with_capacity(document.components.len() + 1);
        let product_lines = ctx.lines(
            &document.activities,
            &document.emissions,
            &root,
            None,
            PRODUCT,
        )?;
        let (share, allocation) = match &document.allocation {
            Some(a) => (
                allocation_share(a, &root.key("allocation"))?,
                Some(a.method.clone()),
            ),
            None => (1.0, None),
        };
        processes.push(Process {
            id: PRODUCT.into(),
            path: root.clone().into(),
            output: declared_amount,
            output_unit: declared_unit,
            share,
            allocation,
            lines: product_lines,
        });
        for (i, c) in document.components.iter().enumerate() {
            processes.push(ctx.component(c, &cp.index(i))?);
        }
        let mut warnings = ctx.gwp_notes.into_warnings(gwp);
        warnings.append(&mut ctx.warnings);
        Ok(Model {
            document,
            gwp,
            declared_unit,
            stages,
            processes,
            warnings,
        })
    }
}

/// Where a line is in a [`Model`]: its process and its index among that process's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineAt {
    /// Index into [`Model::processes`].
    pub process: usize,
    /// Index into the process's [`Process::lines`].
    pub line: usize,
}

impl Model {
    /// The line validation named `path` (`$.activities[3]`, `$.emissions[0]`,
    /// `$.components[1].activities[2]`; a trailing `.amount` is accepted).
    pub fn line_at(&self, path: &str) -> Option<LineAt> {
        let path = path.strip_suffix(".amount").unwrap_or(path);
        self.processes.iter().enumerate().find_map(|(pi, p)| {
            p.lines
                .iter()
                .position(|l| l.path == path)
                .map(|li| LineAt {
                    process: pi,
                    line: li,
                })
        })
    }

    /// Sets one line's amount as if the document had said `value` there and been validated
    /// again: the checks [`Model::new`] makes of a line's amount, in its order (finite and not
    /// negative at `….amount`, then the line's `uncertainty` against the amount), the unit
    /// conversion by the same factor, and the document updated too. On an error nothing
    /// changes. `-0` is taken as `0` (what JSON carries from a JS `-0`). A declared
    /// footprint's line has no amount to set (`invalid_value` at `line`).
    pub fn set_amount(&mut self, at: LineAt, value: f64) -> Result<()> {
        let value = if value == 0.0 { 0.0 } else { value };
        let not_a_line = || Error::invalid("line", "no such line");
        let Model {
            document,
            processes,
            ..
        } = self;
        let (activities, emissions) = match at.process.checked_sub(1) {
            None => (&mut document.activities, &mut document.emissions),
            Some(c) => {
                let c = document.components.get_mut(c).ok_or_else(not_a_line)?;
                (&mut c.activities, &mut c.emissions)
            }
        };
        let n_activities = activities.len();
        // The unit a line's amount converts to: its factor's, its supplier's output, kg.
        let target = |kind: &LineKind| -> Option<Unit> {
            match kind {
                LineKind::Factor { factor, .. } => Some(factor.per_unit),
                LineKind::Input { process, .. } => processes.get(*process).map(|p| p.output_unit),
                LineKind::Gas { .. } => Unit::parse("kg"),
                LineKind::Declared { .. } => None,
            }
        };
        let line = processes
            .get(at.process)
            .and_then(|p| p.lines.get(at.line))
            .ok_or_else(not_a_line)?;
        let p = JsonPath::from_written(&line.path);
        let to = target(&line.kind).ok_or_else(|| {
            Error::invalid(
                "line",
                format!(
                    "{} is a declared footprint: it has no amount to set",
                    line.path
                ),
            )
        })?;
        let amount = finite_non_negative(value, &p.key("amount"), "amount")?;
        let converted = convert(amount, &line.unit, &to, &p.key("unit"))?;
        let (kind, uncertainty) = match (&line.kind, at.line.checked_sub(n_activities)) {
            (
                LineKind::Factor {
                    factor,
                    inline,
                    selection,
                    ..
                },
                None,
            ) => {
                let kind = LineKind::Factor {
                    factor: Arc::clone(factor),
                    inline: *inline,
                    selection: selection.clone(),
                    converted,
                };
                let a = activities.get(at.line).ok_or_else(not_a_line)?;
                let u = amount_uncertainty(&a.uncertainty, amount, &kind, &p)?;
                (kind, u)
            }
            (LineKind::Input { process, .. }, None) => {
                let kind = LineKind::Input {
                    process: *process,
                    converted,
                };
                let a = activities.get(at.line).ok_or_else(not_a_line)?;
                let u = amount_uncertainty(&a.uncertainty, amount, &kind, &p)?;
                (kind, u)
            }
            (LineKind::Gas { gas, class, .. }, Some(e)) => {
                let removal = emissions.get(e).ok_or_else(not_a_line)?.removal;
                let kind = LineKind::Gas {
                    gas: *gas,
                    kg: if removal { -converted } else { converted },
                    class: *class,
                };
                (kind, None)
            }
            _ => return Err(not_a_line()),
        };
        match at.line.checked_sub(n_activities) {
            None => {
                if let Some(a) = activities.get_mut(at.line) {
                    a.amount = amount;
                }
            }
            Some(e) => {
                if let Some(e) = emissions.get_mut(e) {
                    e.amount = amount;
                }
            }
        }
        if let Some(l) = processes
            .get_mut(at.process)
            .and_then(|p| p.lines.get_mut(at.line))
        {
            l.amount = amount;
            l.kind = kind;
            l.uncertainty = uncertainty;
        }
        Ok(())
    }
}

impl Ctx<'_> {
    /// Checks a PACT provenance block: its periods are RFC 3339 date-times, its figures finite,
    /// and its validity period overlaps the study's reference period (a footprint that expired
    /// before the period began, or becomes valid after it ended, is `expired_footprint`).
    fn pact_valid(
        &self,
        pv: &crate::document::PactProvenance,
        p: &JsonPath,
    ) -> Result<crate::document::PactProvenance> {
        use crate::dates::{parse_date, parse_date_time};
        let instant = |v: &str, path: JsonPath| {
            parse_date_time(v)
                .ok_or_else(|| Error::invalid(path, format!("{v:?} is not an RFC 3339 date-time")))
        };
        let vp = p.key("validity_period");
        let start = instant(&pv.validity_period.start, vp.key("start"))?;
        let end = instant(&pv.validity_period.end, vp.key("end"))?;
        let rp = p.key("reference_period");
        instant(&pv.reference_period.start, rp.key("start"))?;
        instant(&pv.reference_period.end, rp.key("end"))?;
        // PACT v3's total excluding uptake is signed (removals included); v2's is 0 or more.
        let excl_path = p.key("pcf_excluding_biogenic");
        if pv.spec_version.starts_with('2') {
            finite_non_negative(pv.pcf_excluding_biogenic, &excl_path, "PACT v2 footprint")?;
        } else {
            finite(pv.pcf_excluding_biogenic, &excl_path, "PACT footprint")?;
        }
        // The study's period as instants: from its first day's start to its last day's end.
        let (ps, pe) = self.period;
        let (Some(s), Some(e)) = (parse_date(ps), parse_date(pe)) else {
            return Ok(pv.clone());
        };
        let (study_start, study_end) = (s * 86_400, (e + 1) * 86_400);
        if end <= study_start {
            return Err(Error::ExpiredFootprint {
                path: vp.key("end").into(),
                detail: format!(
                    "the PACT footprint {} expired at {} (validity {} – {}), before the reference period {ps} – {pe} began",
                    pv.id, pv.validity_period.end, pv.validity_period.start, pv.validity_period.end
                ),
            });
        }
        if start >= study_end {
            return Err(Error::ExpiredFootprint {
                path: vp.key("start").into(),
                detail: format!(
                    "the PACT footprint {} is valid only from {} (validity {} – {}), after the reference period {ps} – {pe} ended",
                    pv.id, pv.validity_period.start, pv.validity_period.start, pv.validity_period.end
                ),
            });
        }
        Ok(pv.clone())
    }

    fn component(&mut self, c: &Component, p: &JsonPath) -> Result<Process> {
        let stage_default = match &c.stage {
            Some(s) => Some(self.stage(s, &p.key("stage"))?),
            None => None,
        };
        if let Some(d) = &c.declared {
            if !c.activities.is_empty() || !c.emissions.is_empty() {
                return Err(Error::invalid(
                    p.key("activities"),
                    "a component with a declared footprint has no lines of its own",
                ));
            }
            let dp = p.key("declared");
            let output = positive(
                d.per.amount,
                &dp.key("per").key("amount"),
                "declared per amount",
            )?;
            let output_unit = unit(&d.per.unit, &dp.key("per").key("unit"))?;
            // With its parts, the declared total excluding uptake may be negative (it includes
            // land-management and technological removals, as PACT v3's
            // `pcfExcludingBiogenicUptake` does); a plain total is an emission, 0 or more.
            let kg = match &d.parts {
                Some(_) => finite(d.kg_co2e, &dp.key("kg_co2e"), "declared footprint")?,
                None => finite_non_negative(d.kg_co2e, &dp.key("kg_co2e"), "declared footprint")?,
            };
            let stage = stage_default.ok_or_else(|| {
                Error::invalid(
                    p.key("stage"),
                    "a component with a declared footprint needs a stage",
                )
            })?;
            if let Some(g) = &d.gwp_set {
                let set = gwp_basis(g, &dp.key("gwp_set"))?;
                self.gwp_note(
                    set,
                    || dp.as_str().to_string(),
                    Some(Subject::Component(&c.id)),
                    || format!("the declared footprint of {}", c.id),
                );
            }
            if d.provenance.supplier.trim().is_empty() || d.provenance.source.trim().is_empty() {
                return Err(Error::invalid(
                    dp.key("provenance"),
                    "a declared footprint needs its supplier and source",
                ));
            }
            let pact = match &c.pact {
                Some(pv) => Some(self.pact_valid(pv, &p.key("pact"))?),
                None => None,
            };
            if let Some(pv) = &pact {
                if !pv.findings.is_empty() {
                    self.warnings.push(Warning::new(
                        "pact_findings",
                        p.key("pact").key("findings"),
                        format!(
                            "the PACT footprint {} of {} breaks the PACT data model beyond its schema (its figures are used as declared): {}",
                            pv.id,
                            c.id,
                            pv.findings.join("; ")
                        ),
                    ));
                }
            }
            let (line_kg, split) = match &d.parts {
                None => (kg, None),
                Some(parts) => {
                    let split = self.declared_split(parts, kg, &dp.key("parts"), &c.id)?;
                    let incl = split.parts.get(crate::parts::Part::Including).unwrap_or(kg);
                    (incl, Some(Box::new(split)))
                }
            };
            let (share, allocation) = match &c.allocation {
                Some(a) => (
                    allocation_share(a, &p.key("allocation"))?,
                    Some(a.method.clone()),
                ),
                None => (1.0, None),
            };
            return Ok(Process {
                id: c.id.clone(),
                path: p.into(),
                output,
                output_unit,
                share,
                allocation,
                lines: vec![Line {
                    path: dp.into(),
                    id: None,
                    name: c.name.clone(),
                    stage,
                    group: Arc::from(c.id.as_str()),
                    amount: output,
                    unit: output_unit,
                    kind: LineKind::Declared {
                        kg_co2e: line_kg,
                        split,
                        supplier: d.provenance.supplier.clone(),
                        source: d.provenance.source.clone(),
                        verification: d.provenance.verification.clone(),
                        pact: pact.map(Box::new),
                    },
                    data_quality: None,
                    uncertainty: None,
                }],
            });
        }
        if c.pact.is_some() {
            return Err(Error::invalid(
                p.key("pact"),
                "a pact block describes a declared footprint; give `declared` too",
            ));
        }
        let o: &Quantity = c
            .output
            .as_ref()
            .ok_or_else(|| Error::invalid(p.key("output"), "a component needs an output"))?;
        let output = positive(o.amount, &p.key("output").key("amount"), "component output")?;
        let output_unit = unit(&o.unit, &p.key("output").key("unit"))?;
        let lines = self.lines(&c.activities, &c.emissions, p, stage_default, &c.id)?;
        let (share, allocation) = match &c.allocation {
            Some(a) => (
                allocation_share(a, &p.key("allocation"))?,
                Some(a.method.clone()),
            ),
            None => (1.0, None),
        };
        Ok(Process {
            id: c.id.clone(),
            path: p.into(),
            output,
            output_unit,
            share,
            allocation,
            lines,
        })
    }

    /// Checks a declaration's parts (finite, with the sign each part may take; the total
    /// excluding uptake, when repeated, equal to `kg_co2e`), fills in the totals (including
    /// uptake: as declared, or the total excluding it plus the uptake) and splits the total
    /// into classes. What the parts leave unexplained is unsplit, with a warning.
    fn declared_split(
        &mut self,
        parts: &crate::parts::DeclaredParts,
        excl: f64,
        pp: &JsonPath,
        component: &str,
    ) -> Result<DeclaredSplit> {
        use crate::parts::{Part, PartSign};
        for &part in Part::ALL {
            let Some(v) = parts.get(part) else { continue };
            let path = pp.key(part.key());
            let what = format!("declared {}", part.key().replace('_', " "));
            match part.sign() {
                PartSign::NonNegative => {
                    finite_non_negative(v, &path, &what)?;
                }
                PartSign::Any | PartSign::NonPositive => {
                    finite(v, &path, &what)?;
                    if part.sign() == PartSign::NonPositive && v > 0.0 {
                        return Err(Error::invalid(
                            path,
                            format!("{what} is an uptake or removal: 0 or negative, got {v}"),
                        ));
                    }
                }
            }
        }
        if let Some(x) = parts.get(Part::Excluding) {
            if x != excl {
                return Err(Error::invalid(
                    pp.key(Part::Excluding.key()),
                    format!(
                        "the total excluding biogenic CO2 uptake is the declaration's kg_co2e ({excl}); the parts repeat it as {x}"
                    ),
                ));
            }
        }
        let mut parts = *parts;
        parts.pcf_excluding_biogenic_uptake = Some(excl);
        let incl = match parts.get(Part::Including) {
            Some(i) => i,
            None => excl + parts.get(Part::BiogenicUptake).unwrap_or(0.0),
        };
        parts.pcf_including_biogenic_uptake = Some(incl);
        let classes = crate::parts::declared_classes(&parts, incl);
        // A rest is in the class `unsplit` only when it is more than float noise
        // (`parts::UNEXPLAINED_REST`): the warning says so exactly when the report has it.
        if let Some((_, unsplit)) = classes.iter().find(|(c, _)| *c == EmissionClass::Unsplit) {
            let text = crate::numbers::number_text;
            self.warnings.push(Warning::new(
                "declared_parts_unsplit",
                pp,
                format!(
                    "{} of the {} kg CO2e that {component} declares (biogenic CO2 uptake included) is in none of the fossil, biogenic, land-use change and aircraft parts it gives: reported as unsplit",
                    text(*unsplit),
                    text(incl)
                ),
            ));
        }
        Ok(DeclaredSplit { parts, classes })
    }

    fn stage(&self, s: &str, path: &JsonPath) -> Result<usize> {
        self.stages.iter().position(|t| t == s).ok_or_else(|| {
            Error::invalid(
                path,
                format!(
                    "stage {s:?} is not in the system boundary ({})",
                    self.stages.join(", ")
                ),
            )
        })
    }

    fn line_stage(
        &self,
        s: &Option<String>,
        default: Option<usize>,
        p: &JsonPath,
    ) -> Result<usize> {
        match (s, default) {
            (Some(s), _) => match self.stages.iter().position(|t| t == s) {
                Some(i) => Ok(i),
                None => self.stage(s, &p.key("stage")),
            },
            (None, Some(d)) => Ok(d),
            (None, None) => Err(Error::invalid(
                p.key("stage"),
                format!("a stage is required (one of {})", self.stages.join(", ")),
            )),
        }
    }

    fn line_id(&mut self, id: &Option<String>, p: &JsonPath) -> Result<()> {
        if let Some(id) = id {
            let here: String = p.key("id").into();
            if let Some(first) = self.line_ids.insert(id.clone(), here.clone()) {
                return Err(Error::DuplicateId {
                    path: here,
                    id: id.clone(),
                    first,
                });
            }
        }
        Ok(())
    }

    fn group(&mut self, label: &Option<String>, owner: &str, p: &JsonPath) -> Result<Arc<str>> {
        let name = match label {
            None => owner,
            Some(l) if owner == PRODUCT => l.as_str(),
            Some(l) if l == owner => l.as_str(),
            Some(_) => {
                return Err(Error::invalid(
                    p.key("component"),
                    format!("lines of component {owner:?} belong to it; remove this label"),
                ))
            }
        };
        // Consecutive lines mostly share their group: keep the last one.
        match &self.last_group {
            Some(g) if &**g == name => Ok(Arc::clone(g)),
            _ => {
                let g: Arc<str> = Arc::from(name);
                self.last_group = Some(Arc::clone(&g));
                Ok(g)
            }
        }
    }

    /// [`Unit::parse`] through [`Ctx::units_seen`] (at most 16 symbols kept).
    fn unit_seen(&mut self, symbol: &str) -> Option<Unit> {
        if let Some((_, u)) = self.units_seen.iter().find(|(s, _)| s == symbol) {
            return Some(*u);
        }
        let u = Unit::parse(symbol)?;
        if self.units_seen.len() < 16 {
            self.units_seen.push((symbol.to_string(), u));
        }
        Some(u)
    }

    /// The shared copy of a row of the factor set.
    fn shared(&mut self, f: &Factor) -> Arc<Factor> {
        let at = f as *const Factor as usize;
        Arc::clone(
            self.shared_factors
                .entry(at)
                .or_insert_with(|| Arc::new(f.clone())),
        )
    }

    /// Notes a line whose value has a basis other than the study's (`gwp_set_mixed`) or none
    /// (`gwp_set_unspecified`). `subject` names what the value is: a table factor's id or a
    /// component id (a declared footprint), whose wording `what` is built once; `None` for an
    /// inline factor. Nothing is built for a value on the study's set.
    fn gwp_note(
        &mut self,
        set: Option<GwpSet>,
        path: impl FnOnce() -> String,
        subject: Option<Subject<'_>>,
        what: impl FnOnce() -> String,
    ) {
        if set == Some(self.gwp) {
            return;
        }
        let notes = &mut self.gwp_notes;
        let index = subject.map(|subject| {
            let (by_key, key) = match subject {
                Subject::Factor(id) => (&mut notes.factor_subjects, id),
                Subject::Component(id) => (&mut notes.component_subjects, id),
            };
            match by_key.get(key) {
                Some(&i) => i,
                None => {
                    notes.subjects.push(what());
                    let i = notes.subjects.len() - 1;
                    by_key.insert(key.to_string(), i);
                    i
                }
            }
        });
        notes.lines.push((set, path(), index));
    }

    fn lines(
        &mut self,
        activities: &[Activity],
        emissions: &[GasEmission],
        owner_path: &JsonPath,
        stage_default: Option<usize>,
        owner: &str,
    ) -> Result<Vec<Line>> {
        let mut out = Vec::with_capacity(activities.len() + emissions.len());
        let ap = owner_path.key("activities");
        for (i, a) in activities.iter().enumerate() {
            out.push(self.activity(a, &ap.index(i), stage_default, owner)?);
        }
        let ep = owner_path.key("emissions");
        for (i, e) in emissions.iter().enumerate() {
            out.push(self.emission(e, &ep.index(i), stage_default, owner)?);
        }
        Ok(out)
    }

    fn activity(
        &mut self,
        a: &Activity,
        p: &JsonPath,
        stage_default: Option<usize>,
        owner: &str,
    ) -> Result<Line> {
        self.line_id(&a.id, p)?;
        data_quality(&a.data_quality, p)?;
        // Paths of fields are built only for an error (the common case has none).
        let amount = if a.amount.is_finite() && a.amount >= 0.0 {
            a.amount
        } else {
            finite_non_negative(a.amount, &p.key("amount"), "amount")?
        };
        let u = match self.unit_seen(&a.unit) {
            Some(u) => u,
            None => unit(&a.unit, &p.key("unit"))?,
        };
        let stage = self.line_stage(&a.stage, stage_default, p)?;
        let group = self.group(&a.component, owner, p)?;
        let kind =
            match (&a.factor, &a.inline_factor, &a.input, &a.factor_select) {
                (None, None, None, Some(sel)) => {
                    let sp = p.key("factor_select");
                    let year = match sel.year {
                        Some(y) => YearRule::Pinned(y),
                        None => YearRule::NotAfter(self.period_end_year),
                    };
                    let (f, selection) = self.factors.select(
                        &sel.series,
                        &sel.geography,
                        year,
                        sel.geography_fallback,
                        sp.as_str(),
                    )?;
                    let converted = convert_at(amount, &u, &f.per_unit, p, "unit")?;
                    if let Basis::Co2e(set) = f.basis {
                        self.gwp_note(
                            set,
                            || sp.as_str().to_string(),
                            Some(Subject::Factor(&f.id)),
                            || format!("factor {}", f.id),
                        );
                    }
                    LineKind::Factor {
                        factor: self.shared(f),
                        inline: false,
                        selection: Some(Box::new(selection)),
                        converted,
                    }
                }
                (Some(id), None, None, None) => {
                    let f = self.factors.get(id).ok_or_else(|| Error::UnknownFactor {
                        path: p.key("factor").into(),
                        id: id.clone(),
                        hint: self
                            .factors
                            .suggest(id)
                            .map(|s| format!("; did you mean {s:?}?"))
                            .unwrap_or_default(),
                    })?;
                    let converted = convert_at(amount, &u, &f.per_unit, p, "unit")?;
                    if let Basis::Co2e(set) = f.basis {
                        self.gwp_note(
                            set,
                            || p.key("factor").into(),
                            Some(Subject::Factor(&f.id)),
                            || format!("factor {}", f.id),
                        );
                    }
                    LineKind::Factor {
                        factor: self.shared(f),
                        inline: false,
                        selection: None,
                        converted,
                    }
                }
                (None, Some(inl), None, None) => {
                    let fp = p.key("inline_factor");
                    let path_s: String = fp.clone().into();
                    let at = |col: &str| -> String { fp.key(col).into() };
                    // The checks a document's own numbers and units get everywhere else (the
                    // table checks below would call each of these an `invalid_value`).
                    if inl.value < 0.0 {
                        return Err(Error::NegativeAmount {
                            path: at("value"),
                            what: "inline factor value".into(),
                            value: inl.value,
                        });
                    }
                    let value_unit = unit(&inl.value_unit, &fp.key("value_unit"))?;
                    let kg = unit("kg", &fp.key("value_unit"))?;
                    convert(1.0, &value_unit, &kg, &fp.key("value_unit"))?;
                    unit(&inl.per_unit, &fp.key("per_unit"))?;
                    let row = crate::factors::FactorRow {
                        id: inl.id.clone().unwrap_or_else(|| path_s.clone()),
                        name_en: a.name.clone().unwrap_or_default(),
                        name_zh: String::new(),
                        value: inl.value,
                        value_unit: inl.value_unit.clone(),
                        per_unit: inl.per_unit.clone(),
                        basis: inl.basis.clone(),
                        gwp_set: if inl.basis == "CO2e" {
                            inl.gwp_set.clone().unwrap_or_else(|| "unspecified".into())
                        } else {
                            inl.gwp_set.clone().unwrap_or_default()
                        },
                        class: inl.class.clone().unwrap_or_else(|| "fossil".into()),
                        geography: inl.geography.clone().unwrap_or_default(),
                        year: inl.year,
                        source: inl.source.clone(),
                        licence: String::new(),
                        verification: Verification::User.name().into(),
                        notes: String::new(),
                        series: String::new(),
                        uncertainty: inl.uncertainty.clone().unwrap_or_default(),
                    };
                    let f = Factor::from_row(row, "inline", &at).map_err(|e| match e {
                        Error::InvalidFactorTable { path, detail, .. } => {
                            Error::InvalidValue { path, detail }
                        }
                        other => other,
                    })?;
                    let converted = convert(amount, &u, &f.per_unit, &p.key("unit"))?;
                    if let Basis::Co2e(set) = f.basis {
                        self.gwp_note(set, || path_s.clone(), None, String::new);
                    }
                    LineKind::Factor {
                        factor: Arc::new(f),
                        inline: true,
                        selection: None,
                        converted,
                    }
                }
                (None, None, Some(c), None) => {
                    let process = *self.components.get(c.as_str()).ok_or_else(|| {
                        Error::UnknownComponent {
                            path: p.key("input").into(),
                            id: c.clone(),
                        }
                    })?;
                    let to = self
                        .outputs
                        .get(process)
                        .copied()
                        .flatten()
                        .ok_or_else(|| Error::UnknownComponent {
                            path: p.key("input").into(),
                            id: c.clone(),
                        })?;
                    let converted = convert(amount, &u, &to, &p.key("unit"))?;
                    LineKind::Input { process, converted }
                }
                _ => {
                    return Err(Error::invalid(
                        p,
                        "a line needs exactly one of factor, factor_select, inline_factor or input",
                    ))
                }
            };
        Ok(Line {
            path: p.into(),
            id: a.id.clone(),
            name: a.name.clone(),
            stage,
            group,
            amount,
            unit: u,
            uncertainty: amount_uncertainty(&a.uncertainty, amount, &kind, p)?,
            kind,
            data_quality: a.data_quality.clone(),
        })
    }

    fn emission(
        &mut self,
        e: &GasEmission,
        p: &JsonPath,
        stage_default: Option<usize>,
        owner: &str,
    ) -> Result<Line> {
        self.line_id(&e.id, p)?;
        data_quality(&e.data_quality, p)?;
        let gas = Gas::parse(&e.gas).ok_or_else(|| Error::UnknownGas {
            path: p.key("gas").into(),
            gas: e.gas.clone(),
            known: Gas::known_list(),
        })?;
        // Characterisation needs the gas in the study's set: check now, with the line's path.
        self.factors
            .gwp()
            .gwp(gas, self.gwp, p.key("gas").as_str())?;
        let amount = finite_non_negative(e.amount, &p.key("amount"), "amount")?;
        let u = unit(&e.unit, &p.key("unit"))?;
        if u.dimension() != Dimension::Mass {
            return Err(Error::DimensionMismatch {
                path: p.key("unit").into(),
                from: u.symbol().into(),
                from_dim: u.dimension().name().into(),
                to: "kg".into(),
                to_dim: Dimension::Mass.name().into(),
            });
        }
        let kg_unit = unit("kg", p)?;
        let kg = convert(amount, &u, &kg_unit, &p.key("unit"))?;
        if e.removal && !gas.can_be_removed() {
            return Err(Error::invalid(
                p.key("removal"),
                format!("only CO2 can be removed; {gas} cannot"),
            ));
        }
        let stage = self.line_stage(&e.stage, stage_default, p)?;
        let group = self.group(&e.component, owner, p)?;
        let class = if e.aircraft {
            EmissionClass::Aircraft
        } else {
            gas.class()
        };
        Ok(Line {
            path: p.into(),
            id: e.id.clone(),
            name: e.name.clone(),
            stage,
            group,
            amount,
            unit: u,
            kind: LineKind::Gas {
                gas,
                kg: if e.removal { -kg } else { kg },
                class,
            },
            data_quality: e.data_quality.clone(),
            uncertainty: None,
        })
    }
}

/// The share of a multi-output process's burden carried by its reference output.
fn allocation_share(a: &Allocation, p: &JsonPath) -> Result<f64> {
    let op = p.key("outputs");
    if a.outputs.len() < 2 {
        return Err(Error::invalid(
            op,
            "allocation needs at least two outputs (the product and a co-product)",
        ));
    }
    if a.reference >= a.outputs.len() {
        return Err(Error::invalid(
            p.key("reference"),
            format!(
                "reference {} is not an index of outputs (0..{})",
                a.reference,
                a.outputs.len() - 1
            ),
        ));
    }
    let mut props = Vec::with_capacity(a.outputs.len());
    for (i, o) in a.outputs.iter().enumerate() {
        let q = op.index(i);
        let amount = finite_non_negative(o.amount, &q.key("amount"), "output amount")?;
        let u = unit(&o.unit, &q.key("unit"))?;
        let prop = match a.method.as_str() {
            "mass" => {
                let kg = unit("kg", &q)?;
                convert(amount, &u, &kg, &q.key("unit"))?
            }
            "energy" => match o.energy_mj {
                Some(mj) => finite_non_negative(mj, &q.key("energy_mj"), "energy content")?,
                None => {
                    let mj = unit("MJ", &q)?;
                    convert(amount, &u, &mj, &q.key("unit")).map_err(|_| {
                        Error::invalid(
                            q.key("energy_mj"),
                            "energy allocation needs an energy unit or energy_mj",
                        )
                    })?
                }
            },
            "economic" => {
                let price = o.price.ok_or_else(|| {
                    Error::invalid(q.key("price"), "economic allocation needs a price per unit")
                })?;
                amount * finite_non_negative(price, &q.key("price"), "price")?
            }
            "explicit" => {
                let s = o.share.ok_or_else(|| {
                    Error::invalid(
                        q.key("share"),
                        "explicit allocation needs a share per output",
                    )
                })?;
                let s = finite_non_negative(s, &q.key("share"), "share")?;
                if s > 1.0 {
                    return Err(Error::invalid(q.key("share"), "a share cannot exceed 1"));
                }
                s
            }
            m => {
                return Err(Error::invalid(
                    p.key("method"),
                    format!("allocation method {m:?} must be mass, energy, economic or explicit"),
                ))
            }
        };
        props.push(prop);
    }
    let total: f64 = props.iter().sum();
    if !(total.is_finite() && total > 0.0) {
        return Err(Error::invalid(
            op,
            "the outputs' allocation properties sum to zero",
        ));
    }
    if a.method == "explicit" && (total - 1.0).abs() > 1e-9 {
        return Err(Error::invalid(
            op,
            format!("explicit shares must sum to 1, they sum to {total}"),
        ));
    }
    let r = props.get(a.reference).copied().unwrap_or(0.0);
    Ok(if a.method == "explicit" { r } else { r / total })
}
