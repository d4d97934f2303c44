//! The input document, `"schema": "pcf/1"`: the versioned boundary types users write.
//!
//! These types only describe the JSON; they are not used for calculation. [`crate::model`]
//! validates a [`Document`] once into the internal model, where invalid values cannot exist.
//! The JSON Schema in `schema/pcf-1.schema.json` is generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema tag this engine reads.
pub const SCHEMA_TAG: &str = "pcf/1";

/// Parses `text` as a `pcf/1` document ([`crate::json::parse_object`]: size and element
/// limits, a top-level object, errors at their JSON path). Not generic: the document's
/// deserialiser instantiated in this crate, with the core's other readers (the page's core
/// WASM module carries one copy).
pub fn parse(text: &str) -> crate::error::Result<Document> {
    crate::json::parse_object(text)
}

/// The `schema` tag of a JSON text, when it is an object whose `schema` is a string (any
/// other text: `None`): what chooses between a `pcf/1` document and a sector template before
/// either is read.
pub fn schema_tag(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Tag {
        #[serde(default, deserialize_with = "crate::json::string_or_skip")]
        schema: Option<String>,
    }
    serde_json::from_str::<Tag>(text.strip_prefix('\u{feff}').unwrap_or(text))
        .ok()
        .and_then(|t| t.schema)
}

/// A product carbon-footprint study: the product, its declared unit, the system boundary,
/// and the inventory (activities, direct gas emissions, components) for one declared unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "pcf/1 product footprint document")]
pub struct Document {
    /// Always `pcf/1`.
    pub schema: String,
    /// What is being assessed.
    pub product: Product,
    /// The GWP100 set used to characterise gases: `AR4`, `AR5` or `AR6`.
    pub gwp_set: String,
    /// Which life-cycle stages are inside the study.
    pub boundary: Boundary,
    /// The period the inventory data represent.
    pub reference_period: Period,
    /// Activity data lines: an amount of something multiplied by an emission factor, or an
    /// amount of a component.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub activities: Vec<Activity>,
    /// Direct emissions (or CO2 removals) of individual gases, characterised by `gwp_set`.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub emissions: Vec<GasEmission>,
    /// Sub-products (modelled with their own lines, or by a supplier's declared footprint),
    /// used by the product's lines or by each other, loops included.
    #[serde(default, deserialize_with = "crate::json::components")]
    pub components: Vec<Component>,
    /// Allocation when the product's own process also makes co-products.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation: Option<Allocation>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// What a certifier asks about the study beyond the numbers: standards followed, cut-off,
    /// electricity modelling, offsets, excluded stages, verification. Read by the pre-checks;
    /// it changes no number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study: Option<Study>,
}

/// Statements about the study that the pre-checks (`pcf precheck`) examine.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Study {
    /// Standards and rules followed, e.g. `ISO 14067:2018`, `GB/T 24067-2024`,
    /// `PACT 3.0`.
    #[serde(default)]
    pub standards: Vec<String>,
    /// Cut-off criteria and what they excluded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cut_off: Option<CutOff>,
    /// How electricity is modelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub electricity: Option<ElectricityModelling>,
    /// Offsets the organisation holds; reported beside the footprint, never subtracted.
    #[serde(default)]
    pub offsets: Vec<Offset>,
    /// Stages of the boundary that have no lines, each with the reason.
    #[serde(default)]
    pub stage_exclusions: Vec<StageExclusion>,
    /// Third-party verification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
}

/// Cut-off criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CutOff {
    /// The criteria in words (e.g. "flows below 1 % of mass and of emissions").
    pub criteria: String,
    /// The largest share of the footprint the criteria allow to exclude, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_excluded_share: Option<f64>,
    /// The estimated share of the footprint excluded, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded_share: Option<f64>,
}

/// Electricity modelling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElectricityModelling {
    /// `location-based` (grid mix) or `market-based` (contractual instruments).
    pub approach: String,
    /// Contractual instruments claimed (green certificates, PPAs, green-power trades).
    #[serde(default)]
    pub contractual_instruments: Vec<ContractualInstrument>,
}

/// A contractual instrument for electricity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractualInstrument {
    /// What it is (e.g. "GEC green electricity certificates", "PPA with wind farm X").
    pub name: String,
    /// kWh covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kwh: Option<f64>,
    /// Evidence: certificate numbers, trading-platform record, contract reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// An offset held by the organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Offset {
    /// What it is (registry, project).
    pub name: String,
    /// kg CO2e it claims.
    pub kg_co2e: f64,
    /// Whether the figure the organisation communicates subtracts it (ISO 14067 forbids it).
    #[serde(default)]
    pub netted: bool,
}

/// A stage of the boundary with no lines, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageExclusion {
    /// The stage.
    pub stage: String,
    /// Why it has no lines.
    pub reason: String,
}

/// Third-party verification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// `none`, `pending` or `verified`.
    pub status: String,
    /// The verification body (for the EU Battery Regulation, a notified body).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Certificate or statement reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// The product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Name.
    pub name: String,
    /// Chinese name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Supply chain: `battery`, `ev`, `textile`, `pv`, `steel` or `other`.
    pub sector: String,
    /// The declared (or functional) unit the inventory is for: e.g. 1 item, 1 kWp, 1 t.
    pub declared_unit: Quantity,
    /// Functional unit in words, when the study has one (e.g. "1 kWh delivered over life").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_unit: Option<String>,
    /// Product code (CN code, GTIN, internal id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// An amount with a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quantity {
    /// The amount, finite and greater than zero.
    pub amount: f64,
    /// A unit symbol of the registry (`kg`, `kWh`, `tkm`, `kWp`, `item` …).
    pub unit: String,
}

/// The system boundary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Boundary {
    /// `cradle-to-gate`, `cradle-to-grave`, `gate-to-gate` or `partial`.
    pub kind: String,
    /// The life-cycle stages included, in reporting order; every line names one of them.
    pub stages: Vec<String>,
    /// Cut-off criteria, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cut_off: Option<String>,
}

/// A time period, ISO dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
    pub end: String,
}

/// One activity line: an amount, and what it is an amount of.
///
/// Exactly one of `factor`, `factor_select`, `inline_factor` or `input` says what the amount
/// is of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Optional id of the line (unique within the document when given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What the line is, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The amount, finite and not negative.
    pub amount: f64,
    /// Unit of the amount; converted to the factor's unit.
    pub unit: String,
    /// Id of an emission factor in the built-in or user tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<String>,
    /// A factor given in the line itself, with its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline_factor: Option<InlineFactor>,
    /// A factor chosen by series, geography and year (instead of an id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_select: Option<FactorSelect>,
    /// Id of a component of this document whose output this line uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Life-cycle stage (one of the boundary's stages). Lines of a component default to the
    /// component's stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Reporting group for the per-component breakdown (lines of a component belong to it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// Data-quality information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_quality: Option<DataQuality>,
    /// Uncertainty of the amount, for `pcf uncertainty` (Monte Carlo); it changes no figure
    /// of `compute`. Not allowed on `input` lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<AmountUncertainty>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The uncertainty of a line's amount: a distribution and its parameters, in the line's own
/// `unit` (`gsd` is dimensionless). `lognormal` takes `gsd` (≥ 1; the amount is the median),
/// `normal` takes `sd` (the amount is the mean), `triangular` takes `min`, `mode`, `max`
/// and `uniform` takes `min`, `max` (the amount must lie within [min, max]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AmountUncertainty {
    /// `lognormal`, `normal`, `triangular` or `uniform`.
    pub distribution: String,
    /// Geometric standard deviation (lognormal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsd: Option<f64>,
    /// Standard deviation (normal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sd: Option<f64>,
    /// Lower bound (triangular, uniform).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Mode (triangular).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<f64>,
    /// Upper bound (triangular, uniform).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// A factor written in a line: `value` (`value_unit`, default kg) of CO2e or of a gas per one
/// `per_unit`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InlineFactor {
    /// Optional id, shown in the audit trail (default: the line's path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The value, finite and not negative.
    pub value: f64,
    /// Mass unit of the value: `g`, `kg` (default) or `t`.
    #[serde(default = "default_kg")]
    pub value_unit: String,
    /// The unit the value is per.
    pub per_unit: String,
    /// `CO2e` (default) or a gas id.
    #[serde(default = "default_co2e")]
    pub basis: String,
    /// For CO2e: the GWP set the source used (`AR4`, `AR5`, `AR6` or `unspecified`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gwp_set: Option<String>,
    /// `fossil` (default), `biogenic`, `luc`, `aircraft` or `unsplit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// Where the value comes from (required).
    pub source: String,
    /// Data year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Geography.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geography: Option<String>,
    /// Uncertainty: `lognormal:gsd=1.1`, `normal:sd=0.02`, `triangular:min=..,mode=..,max=..`
    /// or `uniform:min=..,max=..` (in the factor's unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<String>,
}

/// Choose a factor by series, geography and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactorSelect {
    /// Series id (the `series` column of the factor tables), e.g. `cn.elec.co2avg`.
    pub series: String,
    /// Geography code, e.g. `CN-JS` (see `factors/geographies.csv`).
    pub geography: String,
    /// Pin this year; by default the latest year not after the end of the reference period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// When the geography has no row, walk up province → grid region → country → world
    /// (default false: no match is an error). Every step is reported in the result.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub geography_fallback: bool,
}

fn default_kg() -> String {
    "kg".to_string()
}

fn default_co2e() -> String {
    "CO2e".to_string()
}

/// A direct emission of one gas (or, with `removal`, an uptake of CO2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GasEmission {
    /// Optional id of the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What the emission is, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Gas id: `CO2_fossil`, `CO2_biogenic`, `CO2_luc`, `CH4`, `CH4_fossil`, `CH4_biogenic`,
    /// `N2O`, `SF6`, `NF3`, or another of the 278 gases of `factors/gwp.csv` (HFCs such as
    /// `HFC-134a`, HFOs such as `HFO-1234yf`, PFCs such as `CF4` and `c-C4F8`, HFEs, CFCs, HCFCs
    /// such as `HCFC-22`, halons, and other species by formula).
    pub gas: String,
    /// Mass of gas, finite and not negative.
    pub amount: f64,
    /// A mass unit.
    pub unit: String,
    /// A removal (uptake) rather than an emission: counted negative, CO2 gases only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub removal: bool,
    /// Report as aircraft emissions.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub aircraft: bool,
    /// Life-cycle stage (defaults to the component's stage inside a component).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Reporting group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// Data-quality information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_quality: Option<DataQuality>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A sub-product: modelled by its own lines per `output`, or by a supplier's declared footprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Id, unique among components; lines use it in `input`.
    pub id: String,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How much of the component its lines make (one run of its process). Required unless
    /// `declared` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<Quantity>,
    /// Default stage of its lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Its activity lines, per `output`.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub activities: Vec<Activity>,
    /// Its direct gas emissions, per `output`.
    #[serde(default, deserialize_with = "crate::json::lines")]
    pub emissions: Vec<GasEmission>,
    /// Allocation of its process among co-products.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation: Option<Allocation>,
    /// A supplier's declared footprint, used instead of lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared: Option<DeclaredFootprint>,
    /// Where a declared footprint imported from a PACT ProductFootprint comes from (written by
    /// `pcf pact import`): its id, company, spec version, verification, data quality and
    /// validity period, checked against the reference period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pact: Option<PactProvenance>,
}

/// The provenance and data quality of a supplier's PACT ProductFootprint, kept on the
/// component it was imported as. Figures are as the footprint states them, per one PACT
/// declared unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PactProvenance {
    /// The ProductFootprint id.
    pub id: String,
    /// Its `specVersion` (e.g. `3.0.0`).
    pub spec_version: String,
    /// The data owner.
    pub company_name: String,
    /// The data owner's URNs.
    #[serde(default)]
    pub company_ids: Vec<String>,
    /// The product's URNs.
    #[serde(default)]
    pub product_ids: Vec<String>,
    /// The PACT declared unit (`kilogram`, `piece` …).
    pub declared_unit: String,
    /// kg CO2e per declared unit, biogenic CO2 uptake excluded (the figure rolled up):
    /// signed in PACT v3 (removals included), 0 or more in v2.
    pub pcf_excluding_biogenic: f64,
    /// kg CO2e per declared unit, biogenic CO2 uptake included, when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pcf_including_biogenic: Option<f64>,
    /// The IPCC assessment reports of the GWP values used.
    #[serde(default)]
    pub characterization_factors: Vec<String>,
    /// The reference period, RFC 3339 date-times (end excluded).
    pub reference_period: Period,
    /// The validity period, RFC 3339 date-times (end excluded): as stated, or the spec's
    /// default of three years from the end of the reference period.
    pub validity_period: Period,
    /// Primary data share, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_data_share: Option<f64>,
    /// Data-quality ratings (DQR) as stated: 1 (best) to 3 in v2, 1 to 5 in v3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dqi: Option<PactDqi>,
    /// Third-party assurance (v2) or verification (v3), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<PactVerification>,
    /// The share of emissions the supplier left out of its footprint, percent
    /// (`exemptedEmissionsPercent`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempted_emissions_percent: Option<f64>,
    /// Why they were left out (`exemptedEmissionsDescription`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exempted_emissions_description: Option<String>,
    /// Whether packaging emissions are included (`packagingEmissionsIncluded`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packaging_emissions_included: Option<bool>,
    /// The footprint's geography as stated: a UN M49 region, an ISO 3166-1 country or an
    /// ISO 3166-2 subdivision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geography: Option<PactGeography>,
    /// The processes in its boundary (`boundaryProcessesDescription`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundary_processes_description: Option<String>,
    /// The cross-sectoral standards it follows (v3 `crossSectoralStandards`, v2
    /// `crossSectoralStandardsUsed` and `crossSectoralStandards`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cross_sectoral_standards: Vec<String>,
    /// Where the footprint breaks the PACT data model beyond its schema, as found on import:
    /// an identity between totals and parts, the validity period rules, v2's 5 % exemption
    /// limit (`pact::check::identities`, `pact::check::rules`). Its figures are used as
    /// declared; computing it gives a `pact_findings` warning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<String>,
    /// The footprint's data model extensions (`extensions`), kept verbatim: pcf computes
    /// nothing from them, and drops none of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<serde_json::Value>,
    /// Properties of the footprint that its PACT version does not define, kept verbatim by
    /// their path in the footprint (`$.pcf.otherOperatorName`): never dropped silently.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unknown_properties: BTreeMap<String, serde_json::Value>,
}

/// The geography of a PACT footprint: at most one of the three is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PactGeography {
    /// `geographyRegionOrSubregion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_or_subregion: Option<String>,
    /// `geographyCountry`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// `geographyCountrySubdivision`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_subdivision: Option<String>,
}

/// PACT data-quality ratings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PactDqi {
    /// Technological DQR.
    pub technological: f64,
    /// Geographical DQR.
    pub geographical: f64,
    /// Temporal DQR.
    pub temporal: f64,
    /// Completeness DQR (v2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completeness: Option<f64>,
    /// Reliability DQR (v2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<f64>,
    /// Share of the footprint the ratings cover, percent (v2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage_percent: Option<f64>,
}

/// Assurance (v2) or verification (v3) of a PACT footprint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PactVerification {
    /// v2 `assurance.assurance`; true for a v3 `verification` block.
    pub assured: bool,
    /// The independent third party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// Coverage (`product level` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<String>,
    /// Level (`limited`, `reasonable`; v2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The standard assured against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// When it was completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<String>,
}

/// A footprint declared by a supplier: `kg_co2e` per `per`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredFootprint {
    /// kg CO2e per `per`, biogenic CO2 uptake excluded: finite; not negative without
    /// `parts` (with them it may be, its removals outweighing its emissions, as PACT v3's
    /// `pcfExcludingBiogenicUptake` may).
    pub kg_co2e: f64,
    /// The declared unit of the supplier's footprint.
    pub per: Quantity,
    /// The GWP set of the declaration (`AR4`, `AR5`, `AR6` or `unspecified`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gwp_set: Option<String>,
    /// The parts of the footprint the supplier declares (fossil, biogenic, land-use change,
    /// uptake, removals, carbon contents …), per `per`, as `pcf pact import` writes them. With
    /// them, the line counts the total including biogenic CO2 uptake and reports each part;
    /// without them, `kg_co2e` is an unsplit total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<crate::parts::DeclaredParts>,
    /// Who declared it and how it was checked.
    pub provenance: Provenance,
}

/// Where a declared footprint comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// Supplier name.
    pub supplier: String,
    /// Document, EPD, PACT footprint id or study.
    pub source: String,
    /// Year of the declaration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// `third-party`, `self-declared` or `unverified`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<String>,
}

/// Allocation of a multi-output process: the share of its burden that the modelled product
/// carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// `mass`, `energy`, `economic` or `explicit`.
    pub method: String,
    /// Every output of the process, the modelled product included.
    pub outputs: Vec<AllocationOutput>,
    /// Why this method (required by the ISO 14067 hierarchy for `economic` and `explicit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// Index in `outputs` of the modelled product (default 0).
    #[serde(default)]
    pub reference: usize,
}

/// One output of a multi-output process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocationOutput {
    /// Name.
    pub name: String,
    /// Amount of this output per run.
    pub amount: f64,
    /// Its unit (a mass unit for `mass`; an energy unit for `energy` unless `energy_mj` is given).
    pub unit: String,
    /// Price per unit, for `economic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
    /// Energy content of the whole amount in MJ, for `energy` when the unit is not energy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_mj: Option<f64>,
    /// Share, for `explicit` (shares sum to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

/// Data-quality information of a line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataQuality {
    /// Primary (measured at the supplier's site) rather than secondary data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
    /// Technological representativeness, 1 (very good) to 5 (very poor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technological: Option<u8>,
    /// Geographical representativeness, 1 to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geographical: Option<u8>,
    /// Temporal (time-related) representativeness, 1 to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporal: Option<u8>,
    /// Precision (PEF data-quality rating), 1 to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<u8>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// The JSON Schema of [`Document`], as committed in `schema/pcf-1.schema.json`.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Document)).unwrap_or(serde_json::Value::Null)
}
