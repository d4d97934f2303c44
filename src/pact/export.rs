//! A sealed `pcf-result/1` as a PACT ProductFootprint (v2.3 or v3.0).
//!
//! What comes from the result (per one PACT declared unit, see [`super::pact_unit`]):
//! - every emission figure from the result's `parts` ([`crate::parts`]): the totals
//!   excluding and including biogenic CO2 uptake, fossil, land-use change, land-management,
//!   biogenic, aircraft, packaging and outbound-logistics emissions, the uptake, removals and
//!   CCS, carbon contents and land occupation. The product's own lines add to them by class and
//!   gas; a supplier's imported footprint adds each part it declared times the amount used, so
//!   a footprint rolled up from suppliers reports their parts, scaled. v2 has one
//!   land-management figure (the biogenic CO2 emissions and removals) and counts biogenic CO2
//!   emissions among its other biogenic emissions. A part the spec version has no field for is
//!   a `part_not_carried` warning, never dropped quietly; supplier figures crossing spec
//!   versions a `spec_crossing` one. Optional fields are written when not zero or when a
//!   supplier states them.
//! - carbon contents: the meta's, else the suppliers' declared contents (0 and said so when
//!   nobody states them).
//! - `characterizationFactors` (v2, AR5/AR6 only) and `ipccCharacterizationFactors`: the
//!   result's GWP set, then any other set a CO2e factor was published with.
//! - standards (`crossSectoralStandards…`, `productOrSectorSpecificRules`) from the study's
//!   `standards`; `exemptedEmissionsPercent` from its cut-off `excluded_share` (0 and said so
//!   when none is stated) plus each supplier's exempted share weighted by its share of the
//!   footprint excluding uptake; assurance/verification from its `verification` when
//!   `verified`.
//! - `primaryDataShare` and the v3 `dqi` (technological, geographical, temporal) from the
//!   result's `data_quality` summary (own ratings and v3 suppliers' DQRs); v2's `dqi` from the
//!   v2 suppliers' DQRs (`data_quality.pact_v2_dqi`), and left out when none states them (pcf
//!   does not collect completeness and reliability; the spec makes it optional).
//! - Checks: the footprint is checked against the schema ([`check::check`]) and the data
//!   model's rules ([`check::rules`]: validity period, v2's 5 % exemption limit); a violation
//!   is an error naming the field unless [`ExportOptions::non_conformant`] asks for the file,
//!   which is then marked `NOT CONFORMANT`. Figures that break the v3 identities
//!   ([`check::identities`]) come from suppliers' declarations or from a part v3 has no field
//!   for (pcf's own lines keep them): an `inconsistent` warning. Every warning is also a
//!   sentence of the `comment`.
//! - `secondaryEmissionFactorSources`: the factor tables the lines use, each with its SHA-256.
//!
//! What the result does not know comes from [`Meta`] (the `--meta` JSON), with deterministic
//! defaults: `id` is a UUID (version 8, RFC 9562) made of the first 128 bits of the receipt's
//! `result_sha256`, so the same result always exports the same id; `created` is the end of the
//! reference period; `companyName` "not stated", `companyIds` `urn:pcf:company:not-stated`,
//! `productIds` `urn:pcf:input-sha256:<input digest>`; carbon contents 0 (stated in the
//! comment). The product mass is needed where PACT asks for it and pcf cannot derive it.
//!
//! [`meta_needs`] lists every field the meta must give (or give right) for a result and a spec
//! version at once — the product mass, carbon contents, the cross-sectoral standards, and meta
//! values the footprint's checks refuse — each with the path of the export's error, an English
//! and a Chinese message, and the value the document states where it states one (a garment's
//! or a vehicle's mass, the study's standards). The export checks the same list first: its
//! error is the first need's, its message lists them all.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{check, decimal, pact_unit, parse_date, Spec};
use crate::error::{Error, Result};
use crate::parts::Part;
use crate::units::Unit;

/// What an export needs beyond the result: ids, company, product data. Every field is
/// optional. Amounts are per the result's declared unit (not per PACT unit).
///
/// Read by hand ([`Meta::parse`]) rather than derived: it keeps a deserialiser per type out of
/// the WASM build. Its JSON Schema (`schema/pcf-pact-meta-1.schema.json`, the page's PACT form)
/// is derived on native builds; each field's doc comment is its description there.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(
        rename_all = "camelCase",
        deny_unknown_fields,
        title = "pcf PACT export meta: what a PACT footprint needs that the result does not know",
        description = "The meta JSON of `pcf pact export --meta` (the JS `pactExport` meta): every key optional, amounts per the result's declared unit. What the export needs and lacks for a result is listed by `pactMetaNeeds`."
    )
)]
pub struct Meta {
    /// The footprint's id, a UUID. Default: a UUID made of the result's digest, so the same
    /// result always exports the same id.
    pub id: Option<String>,
    /// The footprint's version, an integer (PACT v2 only; default 1).
    pub version: Option<i64>,
    /// When the footprint was created, an RFC 3339 date-time (`2025-12-31T00:00:00Z`).
    /// Default: the end of the reference period.
    pub created: Option<String>,
    /// When the footprint was last updated, an RFC 3339 date-time (PACT v2 only).
    pub updated: Option<String>,
    /// `Active` (the default) or `Deprecated`.
    pub status: Option<String>,
    /// The ids (UUIDs) of the earlier footprints of this product that this one replaces.
    pub preceding_pf_ids: Option<Vec<String>>,
    /// The start of the footprint's validity period, an RFC 3339 date-time.
    pub validity_period_start: Option<String>,
    /// The end of the footprint's validity period, an RFC 3339 date-time.
    pub validity_period_end: Option<String>,
    /// The data owner's name, as the footprint names the company (default "not stated").
    pub company_name: Option<String>,
    /// The data owner's ids, URNs (`urn:uuid:…`, `urn:epc:id:sgln:…`; default
    /// `urn:pcf:company:not-stated`).
    pub company_ids: Option<Vec<String>>,
    /// The product's ids, URNs (default `urn:pcf:input-sha256:<input digest>`).
    pub product_ids: Option<Vec<String>>,
    /// What the product is (default: its name and functional unit).
    pub product_description: Option<String>,
    /// The product's trade name (default: the product name).
    pub product_name_company: Option<String>,
    /// The product's UN CPC code (PACT v2 only; default "not stated").
    pub product_category_cpc: Option<String>,
    /// The product's classifications, URNs (`urn:pact:productclassification:un-cpc:…`).
    pub product_classifications: Option<Vec<String>>,
    /// Text put before the comment pcf writes (the receipt's digests and what the footprint
    /// cannot say).
    pub comment: Option<String>,
    /// kg of product, without packaging, in the result's declared unit (one battery pack, one
    /// garment …). PACT v3 needs it for a piece (`productMassPerDeclaredUnit`); where PACT has
    /// no unit for the result's (kWp; a piece in v2) the footprint is exported per kilogram of
    /// product with it.
    pub product_mass_kg: Option<f64>,
    /// kg of fossil carbon in the result's declared unit (default: the suppliers' declared
    /// contents, else 0, said in the comment).
    pub fossil_carbon_content_kg: Option<f64>,
    /// kg of biogenic carbon in the result's declared unit (default: the suppliers' declared
    /// contents, else 0, said in the comment).
    pub biogenic_carbon_content_kg: Option<f64>,
    /// Whether the footprint includes packaging emissions (default: when a supplier's
    /// footprint does).
    pub packaging_emissions_included: Option<bool>,
    /// The country the footprint is for, ISO 3166-1 alpha-2 (`CN`, `DE` …).
    pub geography_country: Option<String>,
    /// The country subdivision the footprint is for, ISO 3166-2 (`CN-JS` …).
    pub geography_country_subdivision: Option<String>,
    /// The UN M49 region or subregion the footprint is for (`Eastern Asia`, `Europe` …).
    pub geography_region_or_subregion: Option<String>,
    /// The cross-sectoral standards the study follows, by their PACT names: `ISO14067`,
    /// `ISO14083`, `ISO14040-44`, `GHGP-Product`, `PEF`, `PACT-1.0`, `PACT-2.0` or `PACT-3.0`
    /// (v2's own names are read as these). Default: read from the study's `standards`.
    pub cross_sectoral_standards: Option<Vec<String>>,
    /// How biogenic emissions and removals were accounted: `PEF`, `ISO`, `GHGP` or `Quantis`
    /// (PACT v2 only).
    pub biogenic_accounting_methodology: Option<String>,
}

/// The figures of a result the export reads ([`ResultView::of`] the typed result).
struct ResultView {
    engine: String,
    product_name: String,
    functional_unit: Option<String>,
    declared_amount: f64,
    declared_unit: String,
    gwp_set: String,
    boundary_kind: String,
    stages: Vec<String>,
    boundary_cut_off: Option<String>,
    period_start: String,
    period_end: String,
    lines: Vec<LineView>,
    supply: Vec<SupplyView>,
    dq: DqView,
    /// Factor tables: (name, sha256).
    tables: Vec<(String, String)>,
    /// Every part in total (kg per the result's declared unit), by key.
    parts: std::collections::BTreeMap<String, f64>,
    /// Components whose declared footprint gives no parts.
    unsplit_components: Vec<String>,
}

struct LineView {
    /// (table, GWP set) of the factor used.
    factor: Option<(String, String)>,
    /// A supplier's PACT footprint behind a declared line.
    pact: Option<DeclaredView>,
}

/// What the export reads of a declared line imported from PACT.
struct DeclaredView {
    /// The footprint id.
    id: String,
    /// Its `specVersion`.
    spec_version: String,
    /// The line's weight in the footprint: its total excluding uptake (kg CO2e per the
    /// result's declared unit).
    excluding: f64,
    /// The parts it states (by key), as written in the line.
    stated: Vec<String>,
    /// Its exempted share, percent.
    exempted_percent: Option<f64>,
    /// Its `packagingEmissionsIncluded`.
    packaging_included: Option<bool>,
    /// Its biogenic non-CO2 emissions (kg CO2e per the result's declared unit): a v2
    /// `otherBiogenicGhgEmissions`, which may hold biogenic CO2 too.
    biogenic_non_co2: f64,
    /// Where it breaks the data model (found on import: identities, rules).
    findings: Vec<String>,
    /// Its supplier.
    company: String,
    /// The JSON path of its line in the result.
    path: String,
}

struct SupplyView {
    process: String,
    allocation_share: f64,
    allocation: Option<String>,
}

struct DqView {
    primary_data_share: Option<f64>,
    rated_share: Option<f64>,
    technological: Option<f64>,
    geographical: Option<f64>,
    temporal: Option<f64>,
    /// PACT v2 suppliers' ratings: coverage, technological, temporal, geographical,
    /// completeness, reliability.
    pact_v2: Option<[f64; 6]>,
}

struct ReceiptView {
    input_sha256: String,
    result_sha256: String,
}

/// What the export reads of the result's input document: its study block, and the mass of one
/// product where the document states it.
#[derive(Default)]
struct StudyView {
    standards: Vec<String>,
    /// (criteria, excluded share).
    cut_off: Option<(String, Option<f64>)>,
    /// (body, reference) when verified.
    verified: Option<(String, Option<String>)>,
    /// The mass of one item of the product as the document states it, kg, and where (a path
    /// in the result): a suggestion for the meta's `productMassKg`, never used unasked.
    item_mass: Option<(f64, &'static str)>,
}

impl ResultView {
    /// The figures of a typed result the export uses.
    fn of(r: &crate::FootprintResult) -> Result<ResultView> {
        let lines = r
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| -> Result<LineView> {
                Ok(LineView {
                    factor: l
                        .factor
                        .as_ref()
                        .map(|f| (f.table.clone(), f.gwp_set.to_string())),
                    pact: l
                        .declared_by
                        .as_ref()
                        .and_then(|d| d.pact.as_ref())
                        .map(|pv| -> Result<DeclaredView> {
                            let part = |p: Part| l.parts.as_ref().and_then(|parts| parts.get(p));
                            // A declared line always has its total; one without is not a result
                            // this engine wrote, named rather than weighted as 0.
                            let excluding =
                                part(Part::Excluding).or(l.kg_co2e).ok_or_else(|| {
                                    Error::invalid(
                                        format!("$.lines[{i}].kg_co2e"),
                                        "a supplier's declared line has no total",
                                    )
                                })?;
                            Ok(DeclaredView {
                                id: pv.id.clone(),
                                spec_version: pv.spec_version.clone(),
                                excluding,
                                stated: Part::ALL
                                    .iter()
                                    .filter(|&&p| part(p).is_some())
                                    .map(|p| p.key().to_string())
                                    .collect(),
                                exempted_percent: pv.exempted_emissions_percent,
                                packaging_included: pv.packaging_emissions_included,
                                biogenic_non_co2: part(Part::BiogenicNonCo2).unwrap_or(0.0),
                                findings: pv.findings.clone(),
                                company: pv.company_name.clone(),
                                path: format!("$.lines[{i}]"),
                            })
                        })
                        .transpose()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let dq = &r.data_quality;
        Ok(ResultView {
            engine: r.engine.clone(),
            product_name: r.product.name.clone(),
            functional_unit: r.product.functional_unit.clone(),
            declared_amount: r.declared_unit.amount,
            declared_unit: r.declared_unit.unit.clone(),
            gwp_set: r.gwp_set.clone(),
            boundary_kind: r.boundary.kind.clone(),
            stages: r.boundary.stages.clone(),
            boundary_cut_off: r.boundary.cut_off.clone(),
            period_start: r.reference_period.start.clone(),
            period_end: r.reference_period.end.clone(),
            lines,
            supply: r
                .supply
                .iter()
                .map(|s| SupplyView {
                    process: s.process.clone(),
                    allocation_share: s.allocation_share,
                    allocation: s.allocation.clone(),
                })
                .collect(),
            dq: DqView {
                primary_data_share: dq.primary_data_share,
                rated_share: dq.rated_share,
                technological: dq.technological,
                geographical: dq.geographical,
                temporal: dq.temporal,
                pact_v2: dq.pact_v2_dqi.as_ref().map(|d| {
                    [
                        d.coverage_percent,
                        d.technological,
                        d.temporal,
                        d.geographical,
                        d.completeness,
                        d.reliability,
                    ]
                }),
            },
            tables: r
                .factor_set
                .tables
                .iter()
                .map(|t| (t.name.clone(), t.sha256.clone()))
                .collect(),
            parts: Part::ALL
                .iter()
                .map(|&p| (p.key().to_string(), r.parts.total.get(p)))
                .collect(),
            unsplit_components: r.parts.unsplit_components.clone(),
        })
    }
}

/// What the export reads of a result's canonical input (any document kind: `pcf/1` or a
/// sector template, each with the same optional `study`), and the product mass the textile and
/// vehicle templates state; every other member is the document's.
#[derive(serde::Deserialize)]
struct InputStudy {
    #[serde(default)]
    schema: Option<String>,
    #[serde(default)]
    study: Option<crate::document::Study>,
    /// `pcf-textile/1`: the garment, with its final mass (`mass_kg`).
    #[serde(default)]
    garment: Option<StatedMass>,
    /// `pcf-ev/1`: the vehicle, with its curb mass (`curb_mass_kg`).
    #[serde(default)]
    vehicle: Option<StatedMass>,
}

/// The masses a template states of one item of its product (every other member ignored).
#[derive(serde::Deserialize)]
struct StatedMass {
    #[serde(default)]
    mass_kg: Option<f64>,
    #[serde(default)]
    curb_mass_kg: Option<f64>,
}

impl StudyView {
    /// The study block of the result's canonical input (already validated when computed), and
    /// the mass of one item of the product where the template states it: a garment's final
    /// mass (`pcf-textile/1`), a vehicle's curb mass (`pcf-ev/1`). The battery and PV templates
    /// state no mass of the pack or module, and `pcf/1` none of its product.
    fn of(input: Option<&Value>) -> Result<StudyView> {
        let Some(input) = input else {
            return Ok(StudyView::default());
        };
        let read = InputStudy::deserialize(input).map_err(|e| Error::InvalidDocument {
            path: "$.input.study".into(),
            detail: e.to_string(),
        })?;
        let item_mass = match read.schema.as_deref() {
            Some("pcf-textile/1") => read
                .garment
                .and_then(|g| g.mass_kg)
                .map(|m| (m, "$.input.garment.mass_kg")),
            Some("pcf-ev/1") => read
                .vehicle
                .and_then(|v| v.curb_mass_kg)
                .map(|m| (m, "$.input.vehicle.curb_mass_kg")),
            _ => None,
        }
        .filter(|(m, _)| m.is_finite() && *m > 0.0);
        let Some(s) = read.study else {
            return Ok(StudyView {
                item_mass,
                ..StudyView::default()
            });
        };
        Ok(StudyView {
            standards: s.standards,
            cut_off: s.cut_off.map(|c| (c.criteria, c.excluded_share)),
            verified: s
                .verification
                .filter(|v| v.status == "verified")
                .and_then(|v| Some((v.body?, v.reference))),
            item_mass,
        })
    }
}

/// The keys of the meta JSON, in the order of [`Meta`]'s fields, each with the name messages
/// give it in English and in Chinese.
const META_FIELDS: &[(&str, &str, &str)] = &[
    ("id", "footprint id", "碳足迹编号"),
    ("version", "footprint version", "碳足迹版本"),
    ("created", "creation time", "创建时间"),
    ("updated", "update time", "更新时间"),
    ("status", "status", "状态"),
    (
        "precedingPfIds",
        "ids of the earlier footprints",
        "先前碳足迹的编号",
    ),
    (
        "validityPeriodStart",
        "start of the validity period",
        "有效期开始时间",
    ),
    (
        "validityPeriodEnd",
        "end of the validity period",
        "有效期结束时间",
    ),
    ("companyName", "company name", "公司名称"),
    ("companyIds", "company ids", "公司标识"),
    ("productIds", "product ids", "产品标识"),
    ("productDescription", "product description", "产品描述"),
    ("productNameCompany", "trade name", "商品名称"),
    ("productCategoryCpc", "UN CPC code", "联合国产品总分类代码"),
    (
        "productClassifications",
        "product classifications",
        "产品分类",
    ),
    ("comment", "comment", "备注"),
    ("productMassKg", "product mass", "产品质量"),
    (
        "fossilCarbonContentKg",
        "fossil carbon content",
        "化石碳含量",
    ),
    (
        "biogenicCarbonContentKg",
        "biogenic carbon content",
        "生物源碳含量",
    ),
    (
        "packagingEmissionsIncluded",
        "inclusion of packaging emissions",
        "是否包含包装排放",
    ),
    ("geographyCountry", "country", "国家"),
    (
        "geographyCountrySubdivision",
        "country subdivision",
        "国家行政区划",
    ),
    (
        "geographyRegionOrSubregion",
        "region or subregion",
        "地区或次区域",
    ),
    (
        "crossSectoralStandards",
        "cross-sectoral standards",
        "跨行业标准",
    ),
    (
        "biogenicAccountingMethodology",
        "biogenic accounting methodology",
        "生物源核算方法",
    ),
];

/// The names of a meta key in English and Chinese (the key itself if it is none).
fn meta_names(key: &str) -> (&str, &str) {
    META_FIELDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or((key, key), |(_, en, zh)| (*en, *zh))
}

fn meta_error(key: &str, what: &str) -> Error {
    Error::InvalidDocument {
        path: format!("$meta.{key}"),
        detail: format!("expected {what}"),
    }
}

fn meta_text(key: &str, v: &Value) -> Result<Option<String>> {
    v.as_str()
        .map(|s| Some(s.to_string()))
        .ok_or_else(|| meta_error(key, "a string"))
}

fn meta_texts(key: &str, v: &Value) -> Result<Option<Vec<String>>> {
    v.as_array()
        .and_then(|a| {
            a.iter()
                .map(|i| i.as_str().map(str::to_string))
                .collect::<Option<Vec<String>>>()
        })
        .map(Some)
        .ok_or_else(|| meta_error(key, "an array of strings"))
}

fn meta_number(key: &str, v: &Value) -> Result<Option<f64>> {
    v.as_f64()
        .map(Some)
        .ok_or_else(|| meta_error(key, "a number"))
}

impl Meta {
    /// Reads the meta JSON text: an object whose keys are all optional (`null` is absent); an
    /// unknown key or a value of the wrong type is an error at `$meta.<key>`.
    pub fn parse(text: &str) -> Result<Meta> {
        let v: Value = crate::json::parse_value(text).map_err(|mut e| {
            let p = e.path_mut();
            *p = p.replacen('$', "$meta", 1);
            e
        })?;
        let o = v.as_object().ok_or_else(|| Error::InvalidDocument {
            path: "$meta".into(),
            detail: "the meta JSON is an object".into(),
        })?;
        let mut m = Meta::default();
        for (k, v) in o.iter().filter(|(_, v)| !v.is_null()) {
            let key = k.as_str();
            match key {
                "id" => m.id = meta_text(key, v)?,
                "version" => {
                    m.version = Some(v.as_i64().ok_or_else(|| meta_error(key, "an integer"))?)
                }
                "created" => m.created = meta_text(key, v)?,
                "updated" => m.updated = meta_text(key, v)?,
                "status" => m.status = meta_text(key, v)?,
                "precedingPfIds" => m.preceding_pf_ids = meta_texts(key, v)?,
                "validityPeriodStart" => m.validity_period_start = meta_text(key, v)?,
                "validityPeriodEnd" => m.validity_period_end = meta_text(key, v)?,
                "companyName" => m.company_name = meta_text(key, v)?,
                "companyIds" => m.company_ids = meta_texts(key, v)?,
                "productIds" => m.product_ids = meta_texts(key, v)?,
                "productDescription" => m.product_description = meta_text(key, v)?,
                "productNameCompany" => m.product_name_company = meta_text(key, v)?,
                "productCategoryCpc" => m.product_category_cpc = meta_text(key, v)?,
                "productClassifications" => m.product_classifications = meta_texts(key, v)?,
                "comment" => m.comment = meta_text(key, v)?,
                "productMassKg" => m.product_mass_kg = meta_number(key, v)?,
                "fossilCarbonContentKg" => m.fossil_carbon_content_kg = meta_number(key, v)?,
                "biogenicCarbonContentKg" => m.biogenic_carbon_content_kg = meta_number(key, v)?,
                "packagingEmissionsIncluded" => {
                    m.packaging_emissions_included = Some(
                        v.as_bool()
                            .ok_or_else(|| meta_error(key, "true or false"))?,
                    )
                }
                "geographyCountry" => m.geography_country = meta_text(key, v)?,
                "geographyCountrySubdivision" => {
                    m.geography_country_subdivision = meta_text(key, v)?
                }
                "geographyRegionOrSubregion" => {
                    m.geography_region_or_subregion = meta_text(key, v)?
                }
                "crossSectoralStandards" => m.cross_sectoral_standards = meta_texts(key, v)?,
                "biogenicAccountingMethodology" => {
                    m.biogenic_accounting_methodology = meta_text(key, v)?
                }
                _ => {
                    return Err(Error::InvalidDocument {
                        path: format!("$meta.{key}"),
                        detail: format!(
                            "unknown field `{key}`, expected one of {}",
                            META_FIELDS
                                .iter()
                                .map(|(k, _, _)| *k)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    })
                }
            }
        }
        Ok(m)
    }
}

/// A ProductFootprint, v2.3.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProductFootprintV2 {
    id: String,
    spec_version: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    preceding_pf_ids: Option<Vec<String>>,
    version: i64,
    created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    validity_period_start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    validity_period_end: Option<String>,
    company_name: String,
    company_ids: Vec<String>,
    product_description: String,
    product_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    product_classifications: Option<Vec<String>>,
    product_category_cpc: String,
    product_name_company: String,
    comment: String,
    pcf: CarbonFootprintV2,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CarbonFootprintV2 {
    declared_unit: Cow<'static, str>,
    unitary_product_amount: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    product_mass_per_declared_unit: Option<String>,
    #[serde(rename = "pCfExcludingBiogenic")]
    pcf_excluding_biogenic: String,
    #[serde(rename = "pCfIncludingBiogenic")]
    pcf_including_biogenic: String,
    fossil_ghg_emissions: String,
    fossil_carbon_content: String,
    biogenic_carbon_content: String,
    d_luc_ghg_emissions: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    land_management_ghg_emissions: Option<String>,
    other_biogenic_ghg_emissions: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    i_luc_ghg_emissions: Option<String>,
    biogenic_carbon_withdrawal: String,
    aircraft_ghg_emissions: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    packaging_ghg_emissions: Option<String>,
    characterization_factors: String,
    ipcc_characterization_factors_sources: Vec<String>,
    cross_sectoral_standards_used: Vec<Cow<'static, str>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cross_sectoral_standards: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    product_or_sector_specific_rules: Vec<SectorRule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    biogenic_accounting_methodology: Option<String>,
    boundary_processes_description: String,
    reference_period_start: String,
    reference_period_end: String,
    #[serde(flatten)]
    geography: Geography,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    secondary_emission_factor_sources: Vec<FactorSource>,
    exempted_emissions_percent: f64,
    exempted_emissions_description: String,
    packaging_emissions_included: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allocation_rules_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    primary_data_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dqi: Option<DqiV2>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assurance: Option<AssuranceV2>,
}

/// A ProductFootprint, v3.0.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProductFootprintV3 {
    id: String,
    spec_version: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    preceding_pf_ids: Option<Vec<String>>,
    created: String,
    status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    validity_period_start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    validity_period_end: Option<String>,
    company_name: String,
    company_ids: Vec<String>,
    product_description: String,
    product_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    product_classifications: Option<Vec<String>>,
    product_name_company: String,
    comment: String,
    pcf: CarbonFootprintV3,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CarbonFootprintV3 {
    declared_unit_of_measurement: Cow<'static, str>,
    declared_unit_amount: String,
    product_mass_per_declared_unit: String,
    reference_period_start: String,
    reference_period_end: String,
    #[serde(flatten)]
    geography: Geography,
    boundary_processes_description: String,
    pcf_excluding_biogenic_uptake: String,
    pcf_including_biogenic_uptake: String,
    fossil_ghg_emissions: String,
    fossil_carbon_content: String,
    biogenic_carbon_content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recycled_carbon_content: Option<String>,
    land_use_change_ghg_emissions: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    land_carbon_leakage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    land_management_fossil_ghg_emissions: Option<String>,
    #[serde(
        rename = "landManagementBiogenicCO2Emissions",
        skip_serializing_if = "Option::is_none",
        default
    )]
    land_management_biogenic_co2_emissions: Option<String>,
    #[serde(rename = "landManagementBiogenicCO2Removals")]
    land_management_biogenic_co2_removals: String,
    #[serde(rename = "biogenicCO2Uptake")]
    biogenic_co2_uptake: String,
    #[serde(rename = "biogenicNonCO2Emissions")]
    biogenic_non_co2_emissions: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    land_area_occupation: Option<String>,
    #[serde(rename = "technologicalCO2Removals")]
    technological_co2_removals: String,
    #[serde(
        rename = "ccsTechnologicalCO2CaptureIncluded",
        skip_serializing_if = "Option::is_none",
        default
    )]
    ccs_technological_co2_capture_included: Option<bool>,
    #[serde(
        rename = "ccsTechnologicalCO2Capture",
        skip_serializing_if = "Option::is_none",
        default
    )]
    ccs_technological_co2_capture: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ccu_carbon_content: Option<String>,
    aircraft_ghg_emissions: String,
    packaging_emissions_included: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    packaging_ghg_emissions: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    packaging_biogenic_carbon_content: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    outbound_logistics_ghg_emissions: Option<String>,
    ipcc_characterization_factors: Vec<String>,
    cross_sectoral_standards: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    product_or_sector_specific_rules: Vec<SectorRule>,
    exempted_emissions_percent: String,
    exempted_emissions_description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    allocation_rules_description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    secondary_emission_factor_sources: Vec<FactorSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    primary_data_share: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dqi: Option<DqiV3>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    verification: Option<VerificationV3>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Geography {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    geography_region_or_subregion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    geography_country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    geography_country_subdivision: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SectorRule {
    operator: Cow<'static, str>,
    rule_names: Vec<String>,
    other_operator_name: String,
}

#[derive(Serialize, Deserialize)]
struct FactorSource {
    name: String,
    version: String,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AssuranceV2 {
    assurance: bool,
    provider_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comments: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DqiV3 {
    #[serde(rename = "technologicalDQR")]
    technological: String,
    #[serde(rename = "geographicalDQR")]
    geographical: String,
    #[serde(rename = "temporalDQR")]
    temporal: String,
}

#[derive(Serialize, Deserialize)]
struct DqiV2 {
    #[serde(rename = "coveragePercent")]
    coverage_percent: f64,
    #[serde(rename = "technologicalDQR")]
    technological: f64,
    #[serde(rename = "temporalDQR")]
    temporal: f64,
    #[serde(rename = "geographicalDQR")]
    geographical: f64,
    #[serde(rename = "completenessDQR")]
    completeness: f64,
    #[serde(rename = "reliabilityDQR")]
    reliability: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct VerificationV3 {
    provider_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comments: Option<String>,
}

/// PACT v3 cross-sectoral standard names in a study's standards, and the standards that are
/// not cross-sectoral (reported as product or sector rules).
fn standards(study: &[String]) -> (Vec<String>, Vec<String>) {
    let mut known = Vec::new();
    let mut other = Vec::new();
    for s in study {
        let u = s.to_ascii_uppercase();
        let name = if u.contains("ISO 14067") || u.contains("ISO14067") {
            Some("ISO14067")
        } else if u.contains("ISO 14083") || u.contains("ISO14083") {
            Some("ISO14083")
        } else if u.contains("14040") || u.contains("14044") {
            Some("ISO14040-44")
        } else if u.contains("GHG PROTOCOL") || u.contains("GHGP") {
            Some("GHGP-Product")
        } else if u.starts_with("PACT") {
            ["1", "2", "3"]
                .into_iter()
                .find(|v| u.contains(&format!("PACT {v}")) || u.contains(&format!("PACT-{v}")))
                .map(|v| match v {
                    "1" => "PACT-1.0",
                    "2" => "PACT-2.0",
                    _ => "PACT-3.0",
                })
        } else if u
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w == "PEF")
        {
            Some("PEF")
        } else {
            None
        };
        match name {
            Some(n) if !known.iter().any(|k| k == n) => known.push(n.to_string()),
            Some(_) => {}
            None => other.push(s.clone()),
        }
    }
    (known, other)
}

/// The PACT v3 name of a v2 `crossSectoralStandardsUsed` name (`ISO Standard 14067` →
/// `ISO14067`); `None` for any other text.
fn standard_of_v2_name(name: &str) -> Option<&'static str> {
    match check::STANDARDS_USED_V2.iter().position(|n| *n == name)? {
        0 => Some("GHGP-Product"),
        1 => Some("ISO14067"),
        _ => Some("ISO14040-44"),
    }
}

/// The v2 `crossSectoralStandardsUsed` names of PACT v3 names.
fn standards_used_v2(known: &[String]) -> Vec<&'static str> {
    let mut out = Vec::new();
    for k in known {
        let n = match k.as_str() {
            "GHGP-Product" => check::STANDARDS_USED_V2[0],
            "ISO14067" => check::STANDARDS_USED_V2[1],
            "ISO14040-44" => check::STANDARDS_USED_V2[2],
            _ => continue,
        };
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// A UUID (version 8, RFC 9562) of the first 128 bits of a hex digest.
pub fn uuid_of_digest(hex: &str) -> Option<String> {
    let h: Vec<u8> = hex.bytes().take(32).collect();
    if h.len() != 32 || !h.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut s = String::with_capacity(36);
    for (i, c) in h.into_iter().enumerate() {
        if matches!(i, 8 | 12 | 16 | 20) {
            s.push('-');
        }
        let c = char::from(c.to_ascii_lowercase());
        s.push(match i {
            // The version nibble.
            12 => '8',
            // The variant: the two high bits of this nibble are 10.
            16 => char::from_digit(c.to_digit(16).unwrap_or(0) & 0x3 | 0x8, 16).unwrap_or('8'),
            _ => c,
        });
    }
    Some(s)
}

/// Options of an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Write the footprint even where it breaks a MUST of the spec (`pcf pact export
    /// --non-conformant`), marked as not conformant: its `comment` starts with
    /// `NOT CONFORMANT`, and each broken rule is a warning. Without it such an export fails,
    /// naming the field.
    pub non_conformant: bool,
}

impl ExportOptions {
    /// Reads options given as JSON text (`{"nonConformant": true}`, every key optional; the
    /// WASM `pactExportReport`): a wrong type or unknown key is an error at `options.<key>`.
    pub fn parse(text: &str) -> Result<ExportOptions> {
        let v: Value = crate::json::parse_value(text).map_err(|mut e| {
            let p = e.path_mut();
            *p = p.replacen('$', "options", 1);
            e
        })?;
        let o = v.as_object().ok_or_else(|| Error::InvalidDocument {
            path: "options".into(),
            detail: "the export options are an object".into(),
        })?;
        let mut opts = ExportOptions::default();
        for (k, v) in o.iter().filter(|(_, v)| !v.is_null()) {
            match k.as_str() {
                "nonConformant" => {
                    opts.non_conformant = v.as_bool().ok_or_else(|| Error::InvalidDocument {
                        path: "options.nonConformant".into(),
                        detail: "expected true or false".into(),
                    })?
                }
                _ => {
                    return Err(Error::InvalidDocument {
                        path: format!("options.{k}"),
                        detail: format!("unknown field `{k}`, expected nonConformant"),
                    })
                }
            }
        }
        Ok(opts)
    }
}

/// Something an exported footprint cannot say, or says against the spec.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportWarning {
    /// `part_not_carried` (a part the spec version has no field for, in the totals but not
    /// reported apart), `spec_crossing` (a figure carried into a spec version whose definition
    /// differs), `supplier_finding` (a supplier's footprint breaks the data model: an identity
    /// or a rule, found on import; its figures are used as declared), `dqi_partial` (the
    /// ratings cover part of the footprint), `not_conformant` (a MUST broken on request).
    pub code: &'static str,
    /// The field of the footprint it is about (`$pact.pcf.…`), or of the result.
    pub path: String,
    /// What it is, with the figures.
    pub message: String,
}

/// A footprint and what it cannot say.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportReport {
    /// The ProductFootprint.
    pub footprint: Value,
    /// `false` only for a footprint written with [`ExportOptions::non_conformant`] that
    /// breaks the spec.
    pub conformant: bool,
    /// Every warning; each is also a sentence of the footprint's `comment`.
    pub warnings: Vec<ExportWarning>,
}

/// Reads a sealed result, checks its seal, and maps it to a ProductFootprint of `spec`;
/// `meta` is the optional meta JSON text. The footprint is checked against the spec
/// ([`check::check`]) before it is returned: a violation is an error naming the field.
pub fn export_value(result_text: &str, spec: Spec, meta: Option<&str>) -> Result<Value> {
    Ok(export_report(result_text, spec, meta, ExportOptions::default())?.footprint)
}

/// [`export_value`] with its warnings, and with the options.
pub fn export_report(
    result_text: &str,
    spec: Spec,
    meta: Option<&str>,
    opts: ExportOptions,
) -> Result<ExportReport> {
    let sealed = Sealed::read(result_text)?;
    let meta = match meta {
        Some(t) => Meta::parse(t)?,
        None => Meta::default(),
    };
    build(&sealed, &meta, spec, opts)
}

/// What an export of a result reads: its figures, its input's study and stated mass, its
/// receipt.
struct Sealed {
    result: ResultView,
    study: StudyView,
    receipt: ReceiptView,
}

impl Sealed {
    /// Reads a sealed result and checks its seal.
    fn read(result_text: &str) -> Result<Sealed> {
        let result = crate::receipt::read_sealed(result_text, "a PACT export")?;
        let receipt = result
            .receipt
            .as_ref()
            .map(|rc| ReceiptView {
                input_sha256: rc.input_sha256.clone(),
                result_sha256: rc.result_sha256.clone(),
            })
            .ok_or_else(|| Error::InvalidDocument {
                path: "$.receipt".into(),
                detail:
                    "a PACT export needs a sealed result (written by `pcf compute`) with its receipt"
                        .into(),
            })?;
        Ok(Sealed {
            result: ResultView::of(&result)?,
            study: StudyView::of(result.input.as_ref())?,
            receipt,
        })
    }
}

/// [`export_value`] as pretty JSON with a final newline (what `pcf pact export` prints).
pub fn export_json(result_text: &str, spec: Spec, meta: Option<&str>) -> Result<String> {
    crate::to_json(&export_value(result_text, spec, meta)?)
}

/// [`export_value`] of a result in memory (it must be sealed, as [`crate::compute`] makes it).
pub fn export(result: &crate::FootprintResult, spec: Spec, meta: Option<&str>) -> Result<Value> {
    export_value(&crate::receipt::to_pretty_json(result)?, spec, meta)
}

/// A field of the meta that an export needs and the meta does not give, or gives in a way PACT
/// does not take ([`meta_needs`]): what the export's error says of it, at the path that error
/// names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetaNeed {
    /// The path the export's error names: `$meta.productMassKg` (a piece's mass in v3, or a
    /// mass that is not a positive number), `$.declared_unit.unit` (PACT has no unit for the
    /// result's: the mass exports it per kilogram), `$meta.fossilCarbonContentKg` …,
    /// `$.input.study.standards` (the cross-sectoral standards), or a field of the footprint
    /// that a meta value breaks (`$pact.companyIds[0]`).
    pub path: String,
    /// The meta key that gives it (`productMassKg`, `crossSectoralStandards` …).
    pub key: &'static str,
    /// `missing` (the meta does not give it) or `invalid` (it gives a value PACT does not
    /// take).
    pub kind: &'static str,
    /// The code of the export's error (`invalid_value`; `invalid_document` for a footprint
    /// field a meta value leaves out).
    pub code: &'static str,
    /// What is needed, in English: sentences naming the field and its key.
    pub message_en: String,
    /// The same in Chinese.
    pub message_zh: String,
    /// The value the result's document states for it, when it states one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<MetaSuggestion>,
}

/// A value for a meta key that the result's input document states.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetaSuggestion {
    /// The value as the meta takes it: kg per declared unit, a list of standard names.
    pub value: Value,
    /// Where the document states it: a path in the result (`$.input.garment.mass_kg`,
    /// `$.input.study.standards`).
    pub from: String,
}

/// Every field the meta must give (or give right) for a PACT export of the result in
/// `result_text` (a sealed `pcf-result/1`) in `spec`, at once: the product mass where PACT
/// needs it (v3: the mass of a piece; a unit PACT has none for, and a piece in v2: exported per
/// kilogram), carbon contents of 0 or more, the cross-sectoral standards (v2: one of its own
/// three among them), and any meta value the footprint's checks refuse. Each with the path and
/// code of the export's error (the first is the error [`export_report`] gives; its message
/// lists them all), an English and a Chinese message, and the value the document states for
/// it where it states one (a garment's or vehicle's mass; the study's standards the meta's
/// list leaves out), never a figure of pcf's own. Empty: the meta gives what the export needs
/// (it may still fail for what the meta cannot change, such as a GWP set v2 does not take).
/// The meta is read as the export reads it: a wrong type or unknown key is that error.
pub fn meta_needs(result_text: &str, spec: Spec, meta: Option<&str>) -> Result<Vec<MetaNeed>> {
    let sealed = Sealed::read(result_text)?;
    let meta = match meta {
        Some(t) => Meta::parse(t)?,
        None => Meta::default(),
    };
    let mut out = needs(&sealed.result, &sealed.study, &meta, spec)?;
    // The values the meta gives that the footprint's checks refuse: found on a draft with
    // stand-ins for what is missing (never exported), so that they are listed with the rest.
    let mut stand_in = meta.clone();
    for n in &out {
        match n.key {
            "productMassKg" => stand_in.product_mass_kg = Some(1.0),
            "crossSectoralStandards" => {
                stand_in.cross_sectoral_standards = Some(vec!["ISO14067".to_string()])
            }
            "fossilCarbonContentKg" => stand_in.fossil_carbon_content_kg = None,
            "biogenicCarbonContentKg" => stand_in.biogenic_carbon_content_kg = None,
            _ => {}
        }
    }
    // A draft that fails does so for what the meta cannot change (the export says it).
    if let Ok((value, _)) = draft(&sealed, &stand_in, spec) {
        let mut violations = check::check(spec, &value, "$pact");
        violations.extend(check::rules(spec, &value, "$pact"));
        for v in violations {
            let Some(key) = meta_key_of(&v.path).filter(|k| gives(&meta, k)) else {
                continue;
            };
            let (en, zh) = meta_names(key);
            out.push(MetaNeed {
                message_en: format!(
                    "The meta gives the {en} ({key}) a value PACT {} does not take at {}: {}.",
                    spec.version(),
                    v.path,
                    v.detail
                ),
                message_zh: format!(
                    "元数据给出的{zh}（{key}）不符合 PACT {}（{}）：{}。",
                    spec.version(),
                    v.path,
                    v.detail
                ),
                path: v.path,
                key,
                kind: "invalid",
                code: v.code,
                suggestion: None,
            });
        }
    }
    Ok(out)
}

/// The meta key whose value a field of the footprint carries (`$pact.companyIds[0]` →
/// `companyIds`, `$pact.pcf.productMassPerDeclaredUnit` → `productMassKg`).
fn meta_key_of(path: &str) -> Option<&'static str> {
    let rest = path.strip_prefix("$pact.")?;
    let (inner, field) = match rest.strip_prefix("pcf.") {
        Some(f) => (true, f),
        None => (false, rest),
    };
    let name = field.split(['.', '[']).next()?;
    let key = match (inner, name) {
        (true, "productMassPerDeclaredUnit") => "productMassKg",
        (true, "fossilCarbonContent") => "fossilCarbonContentKg",
        (true, "biogenicCarbonContent") => "biogenicCarbonContentKg",
        (true, "crossSectoralStandardsUsed") => "crossSectoralStandards",
        (_, n) => n,
    };
    META_FIELDS.iter().map(|(k, _, _)| *k).find(|k| *k == key)
}

/// Whether the meta gives a key.
fn gives(m: &Meta, key: &str) -> bool {
    match key {
        "id" => m.id.is_some(),
        "version" => m.version.is_some(),
        "created" => m.created.is_some(),
        "updated" => m.updated.is_some(),
        "status" => m.status.is_some(),
        "precedingPfIds" => m.preceding_pf_ids.is_some(),
        "validityPeriodStart" => m.validity_period_start.is_some(),
        "validityPeriodEnd" => m.validity_period_end.is_some(),
        "companyName" => m.company_name.is_some(),
        "companyIds" => m.company_ids.is_some(),
        "productIds" => m.product_ids.is_some(),
        "productDescription" => m.product_description.is_some(),
        "productNameCompany" => m.product_name_company.is_some(),
        "productCategoryCpc" => m.product_category_cpc.is_some(),
        "productClassifications" => m.product_classifications.is_some(),
        "comment" => m.comment.is_some(),
        "productMassKg" => m.product_mass_kg.is_some(),
        "fossilCarbonContentKg" => m.fossil_carbon_content_kg.is_some(),
        "biogenicCarbonContentKg" => m.biogenic_carbon_content_kg.is_some(),
        "packagingEmissionsIncluded" => m.packaging_emissions_included.is_some(),
        "geographyCountry" => m.geography_country.is_some(),
        "geographyCountrySubdivision" => m.geography_country_subdivision.is_some(),
        "geographyRegionOrSubregion" => m.geography_region_or_subregion.is_some(),
        "crossSectoralStandards" => m.cross_sectoral_standards.is_some(),
        "biogenicAccountingMethodology" => m.biogenic_accounting_methodology.is_some(),
        _ => false,
    }
}

/// The PACT cross-sectoral standard names of an export (the meta's, else those recognised in
/// the study's standards) and the study's standards that are not cross-sectoral.
fn known_standards(study: &StudyView, meta: &Meta) -> (Vec<String>, Vec<String>) {
    let (mut known, other) = standards(&study.standards);
    if let Some(m) = &meta.cross_sectoral_standards {
        // v2's deprecated names (`crossSectoralStandardsUsed`, which the v2 error lists) are
        // the v3 names they stand for: given in the meta, they are read as those.
        known = Vec::new();
        for name in m {
            let v3 = standard_of_v2_name(name).map_or_else(|| name.clone(), str::to_string);
            if !known.contains(&v3) {
                known.push(v3);
            }
        }
    }
    (known, other)
}

/// What the meta must give (or give right) before anything else of `spec` is written, in the
/// order the export checks it: the product mass, the carbon contents, the cross-sectoral
/// standards. The messages name each field by its name and its key.
fn needs(r: &ResultView, study: &StudyView, meta: &Meta, spec: Spec) -> Result<Vec<MetaNeed>> {
    let unit_path = "$.declared_unit.unit";
    let unit = Unit::parse(&r.declared_unit)
        .ok_or_else(|| Error::invalid(unit_path, "unknown declared unit"))?;
    let ver = spec.version();
    let need =
        |path: &str, key: &'static str, kind: &'static str, en: String, zh: String| MetaNeed {
            path: path.to_string(),
            key,
            kind,
            code: "invalid_value",
            message_en: en,
            message_zh: zh,
            suggestion: None,
        };
    let mut out = Vec::new();
    // The document's mass of one item, per declared unit (a number of items).
    let stated_mass = study.item_mass.and_then(|(m, from)| {
        let items = r.declared_amount * unit.factor_to(&Unit::parse("item")?)?;
        let kg = m * items;
        (kg.is_finite() && kg > 0.0).then(|| MetaSuggestion {
            value: Value::from(kg),
            from: from.to_string(),
        })
    });
    let declared = format!("{} {}", decimal(r.declared_amount), unit.symbol());
    match meta.product_mass_kg {
        Some(m) if !(m.is_finite() && m > 0.0) => out.push(MetaNeed {
            suggestion: stated_mass,
            ..need(
                "$meta.productMassKg",
                "productMassKg",
                "invalid",
                format!("The product mass (productMassKg) must be a number of kg greater than 0; the meta gives {m}."),
                format!("产品质量（productMassKg）须为大于 0 的千克数；元数据给出的是 {m}。"),
            )
        }),
        Some(_) => {}
        None => match pact_unit(&unit, spec) {
            None => {
                let names: Vec<&str> = super::UNITS
                    .iter()
                    .filter(|(_, _, v3)| spec == Spec::V3 || !v3)
                    .map(|(n, _, _)| *n)
                    .collect();
                out.push(MetaNeed {
                    suggestion: stated_mass,
                    ..need(
                        unit_path,
                        "productMassKg",
                        "missing",
                        format!(
                            "PACT {ver} has no declared unit for {} ({}), its units being {}: give the product mass (productMassKg, kg of product in the declared unit, {declared}) to export per kilogram.",
                            unit.symbol(),
                            unit.dimension(),
                            names.join(", ")
                        ),
                        format!(
                            "PACT {ver} 没有与 {} 对应的声明单位：请填写产品质量（productMassKg，即声明单位 {declared} 的产品千克数），改为按千克导出。",
                            unit.symbol()
                        ),
                    )
                })
            }
            Some(("piece", _)) if spec == Spec::V3 => out.push(MetaNeed {
                suggestion: stated_mass,
                ..need(
                    "$meta.productMassKg",
                    "productMassKg",
                    "missing",
                    format!("PACT requires the mass of a piece (productMassPerDeclaredUnit): give the product mass (productMassKg, kg of product without packaging in the declared unit, {declared})."),
                    format!("PACT 要求给出一件产品的质量（productMassPerDeclaredUnit）：请填写产品质量（productMassKg，即声明单位 {declared} 的产品千克数，不含包装）。"),
                )
            }),
            Some(_) => {}
        },
    }
    for (v, key, en, zh) in [
        (
            meta.fossil_carbon_content_kg,
            "fossilCarbonContentKg",
            "fossil carbon content",
            "化石碳含量",
        ),
        (
            meta.biogenic_carbon_content_kg,
            "biogenicCarbonContentKg",
            "biogenic carbon content",
            "生物源碳含量",
        ),
    ] {
        if let Some(x) = v.filter(|x| !(x.is_finite() && *x >= 0.0)) {
            out.push(need(
                &format!("$meta.{key}"),
                key,
                "invalid",
                format!("The {en} ({key}) is a number of kg, 0 or more; the meta gives {x}."),
                format!("{zh}（{key}）须为不小于 0 的千克数；元数据给出的是 {x}。"),
            ));
        }
    }
    // The study's own names, offered when the meta's list replaces them.
    let (of_study, _) = standards(&study.standards);
    let study_suggestion = |ok: bool| {
        (meta.cross_sectoral_standards.is_some() && ok && !of_study.is_empty()).then(|| {
            MetaSuggestion {
                value: Value::from(of_study.clone()),
                from: "$.input.study.standards".to_string(),
            }
        })
    };
    let (known, _) = known_standards(study, meta);
    if known.is_empty() {
        out.push(MetaNeed {
            suggestion: study_suggestion(true),
            ..need(
                "$.input.study.standards",
                "crossSectoralStandards",
                "missing",
                "PACT requires the cross-sectoral standards the study follows (crossSectoralStandards: ISO14067, ISO14040-44, GHGP-Product, PEF, PACT-3.0 …): list them in the study's standards or give them in the meta.".to_string(),
                "PACT 要求列出研究所遵循的跨行业标准（crossSectoralStandards，如 ISO14067、PEF）：请在研究的 standards 中列出，或在元数据中填写。".to_string(),
            )
        });
    } else if spec == Spec::V2 && standards_used_v2(&known).is_empty() {
        out.push(MetaNeed {
            suggestion: study_suggestion(!standards_used_v2(&of_study).is_empty()),
            ..need(
                "$.input.study.standards",
                "crossSectoralStandards",
                "missing",
                format!(
                    "PACT v2 requires one of {} among the cross-sectoral standards (crossSectoralStandards, found {}): add ISO14067, ISO14040-44 or GHGP-Product.",
                    check::STANDARDS_USED_V2.join(", "),
                    known.join(", ")
                ),
                format!(
                    "PACT v2 要求跨行业标准（crossSectoralStandards，现为 {}）中至少有 ISO14067、ISO14040-44 或 GHGP-Product 之一。",
                    known.join("、")
                ),
            )
        });
    }
    Ok(out)
}

/// The export's error for what the meta lacks: the first need's code and path, a message
/// listing every one.
fn needs_error(needs: &[MetaNeed]) -> Option<Error> {
    let first = needs.first()?;
    let text = |n: &MetaNeed| n.message_en.trim_end_matches('.').to_string();
    let detail = match needs.len() {
        1 => text(first),
        n => format!(
            "{}: {}",
            if needs.iter().all(|x| x.kind == "missing") {
                format!("PACT needs {n} fields the meta does not give")
            } else {
                format!("PACT needs {n} fields of the meta given or corrected")
            },
            needs
                .iter()
                .enumerate()
                .map(|(i, x)| format!("({}) {}", i + 1, text(x)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    Some(match first.code {
        "invalid_document" => Error::InvalidDocument {
            path: first.path.clone(),
            detail,
        },
        _ => Error::invalid(first.path.clone(), detail),
    })
}

/// The footprint checked as the spec says, with what it cannot say: the draft, then the
/// schema and the data model's rules (a violation is the error unless
/// [`ExportOptions::non_conformant`]).
fn build(sealed: &Sealed, meta: &Meta, spec: Spec, opts: ExportOptions) -> Result<ExportReport> {
    let (value, mut warnings) = draft(sealed, meta, spec)?;
    // Paths into the export start with `$pact` (a value from the meta JSON, or a derived one).
    let mut violations = check::check(spec, &value, "$pact");
    violations.extend(check::rules(spec, &value, "$pact"));
    let conformant = violations.is_empty();
    if let Some(v) = violations.first() {
        if !opts.non_conformant {
            return Err(v.clone().into_error());
        }
    }
    for v in &violations {
        warnings.push(ExportWarning {
            code: "not_conformant",
            path: v.path.clone(),
            message: format!(
                "{}: {} (written as asked, marked not conformant)",
                v.path, v.detail
            ),
        });
    }
    let mut value = value;
    if !warnings.is_empty() {
        let mut said: Vec<String> = Vec::new();
        if !conformant {
            said.push(format!("NOT CONFORMANT to PACT {}.", spec.version()));
        }
        let current = value
            .get("comment")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        said.push(current);
        for w in &warnings {
            if w.code != "not_conformant" {
                said.push(format!("Warning ({}): {}.", w.code, w.message));
            } else {
                said.push(format!("Not conformant: {}.", w.message));
            }
        }
        if let Some(o) = value.as_object_mut() {
            o.insert("comment".into(), Value::String(said.join(" ")));
        }
    }
    Ok(ExportReport {
        footprint: value,
        conformant,
        warnings,
    })
}

/// The footprint of `spec` as pcf writes it, before the spec's checks, with its warnings; an
/// error first when the meta lacks what it needs ([`needs`]: every field at once).
fn draft(sealed: &Sealed, meta: &Meta, spec: Spec) -> Result<(Value, Vec<ExportWarning>)> {
    let (r, study, receipt) = (&sealed.result, &sealed.study, &sealed.receipt);
    if let Some(e) = needs_error(&needs(r, study, meta, spec)?) {
        return Err(e);
    }
    let unit_path = "$.declared_unit.unit";
    let unit = Unit::parse(&r.declared_unit)
        .ok_or_else(|| Error::invalid(unit_path, "unknown declared unit"))?;
    let mass = meta.product_mass_kg;
    // The PACT unit and how many of them the declared unit is (a unit PACT has none for is
    // exported per kilogram of product: `needs` made sure the meta gives the mass).
    let (pact_name, amount) = match (pact_unit(&unit, spec), mass) {
        (Some((name, sym)), _) => {
            let to = Unit::parse(sym).ok_or_else(|| Error::invalid(unit_path, "no unit"))?;
            let f = unit
                .factor_to(&to)
                .ok_or_else(|| Error::invalid(unit_path, "no conversion"))?;
            (name, r.declared_amount * f)
        }
        (None, Some(m)) => ("kilogram", m),
        (None, None) => {
            return Err(Error::invalid(
                unit_path,
                "no PACT unit and no product mass",
            ))
        }
    };
    let mass_per_unit = match (pact_name, mass) {
        ("kilogram", _) => Some(1.0),
        (_, Some(m)) => Some(m / amount),
        ("piece", None) if spec == Spec::V3 => {
            return Err(Error::invalid("$meta.productMassKg", "no mass of a piece"))
        }
        _ => None,
    };
    // Every part per PACT declared unit, and whether any supplier states it.
    let total = |p: Part| r.parts.get(p.key()).copied().unwrap_or(0.0);
    let per_unit = |p: Part| total(p) / amount;
    let stated = |p: Part| {
        r.lines
            .iter()
            .filter_map(|l| l.pact.as_ref())
            .any(|d| d.stated.iter().any(|k| k == p.key()))
    };
    // An optional field: written when its figure is not zero or a supplier states it.
    let optional = |p: Part| (per_unit(p) != 0.0 || stated(p)).then(|| decimal(per_unit(p)));
    let mut warnings: Vec<ExportWarning> = Vec::new();
    // The meta's carbon contents are 0 or more (`needs`).
    let carbon = |v: Option<f64>, key: &str, part: Part| -> Result<(f64, bool)> {
        match v {
            None => Ok((per_unit(part), stated(part))),
            Some(x) if x.is_finite() && x >= 0.0 => Ok((x / amount, true)),
            Some(x) => Err(Error::invalid(format!("$meta.{key}"), format!("{x}"))),
        }
    };
    let (fossil_c, fossil_c_known) = carbon(
        meta.fossil_carbon_content_kg,
        "fossilCarbonContentKg",
        Part::FossilCarbon,
    )?;
    let (bio_c, bio_c_known) = carbon(
        meta.biogenic_carbon_content_kg,
        "biogenicCarbonContentKg",
        Part::BiogenicCarbon,
    )?;
    // Parts this spec version has no field for: in the totals, named here.
    for &part in Part::ALL {
        let v = per_unit(part);
        if super::fields::field(part, spec).is_some() || v == 0.0 {
            continue;
        }
        let carried_in = match (spec, part) {
            (Spec::V2, Part::LandManagementBiogenicEmissions)
            | (Spec::V2, Part::LandManagementBiogenicRemovals) => {
                Some("landManagementGhgEmissions, with the other land-management flows")
            }
            (Spec::V2, Part::BiogenicCo2) => Some("otherBiogenicGhgEmissions"),
            (Spec::V2, Part::LandManagementFossil) => {
                Some("fossilGhgEmissions (as v3 also counts it; v2 does not report it apart)")
            }
            _ => None,
        };
        if let Some(field) = carried_in {
            if part == Part::LandManagementFossil {
                warnings.push(ExportWarning {
                    code: "part_not_carried",
                    path: format!("$.parts.total.{}", part.key()),
                    message: format!(
                        "{} {} {} per {pact_name} is in {field}",
                        part.key(),
                        decimal(v),
                        part.unit().symbol()
                    ),
                });
            }
            continue;
        }
        warnings.push(ExportWarning {
            code: "part_not_carried",
            path: format!("$.parts.total.{}", part.key()),
            message: format!(
                "{} {} {} per {pact_name}: PACT {} has no field for it; {}",
                part.key(),
                decimal(v),
                part.unit().symbol(),
                spec.version(),
                if part.unit() == crate::parts::PartUnit::KgCo2e {
                    "it is in the totals but not reported apart"
                } else {
                    "not reported"
                }
            ),
        });
    }
    // Supplier figures that cross into the other spec version.
    let crossing: Vec<&DeclaredView> = r
        .lines
        .iter()
        .filter_map(|l| l.pact.as_ref())
        .filter(|d| {
            !d.spec_version
                .starts_with(if spec == Spec::V2 { '2' } else { '3' })
        })
        .collect();
    if !crossing.is_empty() {
        let ids: Vec<&str> = crossing.iter().map(|d| d.id.as_str()).collect();
        let (from, to) = match spec {
            Spec::V2 => ("v3", "v2.3"),
            Spec::V3 => ("v2", "v3.0"),
        };
        let mut message = format!(
            "supplier footprints of PACT {from} ({}) are carried into PACT {to} field by field: pcfExcludingBiogenicUptake ↔ pCfExcludingBiogenic, pcfIncludingBiogenicUptake ↔ pCfIncludingBiogenic, biogenicCO2Uptake ↔ biogenicCarbonWithdrawal, landUseChangeGhgEmissions ↔ dLucGhgEmissions, landCarbonLeakage ↔ iLucGhgEmissions, biogenicNonCO2Emissions ↔ otherBiogenicGhgEmissions; v2's totals leave out the biogenic CO2 emissions that v3's include",
            ids.join(", ")
        );
        let v2_other: f64 = crossing
            .iter()
            .filter(|d| d.spec_version.starts_with('2'))
            .map(|d| d.biogenic_non_co2)
            .sum();
        if spec == Spec::V3 && v2_other != 0.0 {
            message.push_str(&format!(
                "; {} kg CO2e per {pact_name} of v2 otherBiogenicGhgEmissions (which may hold biogenic CO2) is reported as biogenicNonCO2Emissions",
                decimal(v2_other / amount)
            ));
        }
        warnings.push(ExportWarning {
            code: "spec_crossing",
            path: "$.lines".into(),
            message,
        });
    }
    // Data-quality ratings on the other version's scale are not carried.
    let v3_dqi = match (r.dq.technological, r.dq.geographical, r.dq.temporal) {
        (Some(t), Some(g), Some(ti)) => Some((t, g, ti)),
        _ => None,
    };
    match spec {
        Spec::V2 if v3_dqi.is_some() => warnings.push(ExportWarning {
            code: "part_not_carried",
            path: "$.data_quality".into(),
            message: "the data-quality ratings on the 1–5 scale (pcf's own ratings and PACT v3 DQRs) have no place in PACT v2's 1–3 dqi: not reported".into(),
        }),
        Spec::V3 if r.dq.pact_v2.is_some() => warnings.push(ExportWarning {
            code: "part_not_carried",
            path: "$.data_quality.pact_v2_dqi".into(),
            message: "the PACT v2 suppliers' DQRs (1–3 scale, with coverage, completeness and reliability) have no place in PACT v3's 1–5 dqi: not reported".into(),
        }),
        _ => {}
    }

    // Reference period: first day 00:00Z to the day after the last (PACT's end is excluded).
    let days = |d: &str, k: &str| {
        parse_date(d).ok_or_else(|| {
            Error::invalid(
                format!("$.reference_period.{k}"),
                format!("{d:?} is not a date YYYY-MM-DD"),
            )
        })
    };
    let ref_start = super::date_time_of_days(days(&r.period_start, "start")?);
    let ref_end = super::date_time_of_days(days(&r.period_end, "end")? + 1);

    // GWP sets: the result's, then those of CO2e factors used.
    let mut ar = vec![r.gwp_set.clone()];
    for l in &r.lines {
        if let Some((_, g)) = &l.factor {
            if g.starts_with("AR") && !ar.contains(g) {
                ar.push(g.clone());
            }
        }
    }
    // Factor tables used.
    // In the order the lines first use them.
    let mut tables: Vec<&str> = Vec::new();
    for l in &r.lines {
        if let Some((t, _)) = &l.factor {
            if t != "inline" && !tables.contains(&t.as_str()) {
                tables.push(t);
            }
        }
    }
    let sources: Vec<FactorSource> = tables
        .iter()
        .filter_map(|t| {
            r.tables
                .iter()
                .find(|(name, _)| name == t)
                .map(|(name, sha)| FactorSource {
                    name: format!("pcf factor table {name}"),
                    version: format!("sha256:{}", sha.get(..16).unwrap_or(sha)),
                })
        })
        .collect();

    // Not empty, and in v2 with one of its own three (`needs`).
    let (known, other) = known_standards(study, meta);
    let rules: Vec<SectorRule> = if other.is_empty() {
        Vec::new()
    } else {
        vec![SectorRule {
            operator: Cow::Borrowed("Other"),
            rule_names: other,
            other_operator_name: "as named in the study's standards".into(),
        }]
    };
    let (own_exempted, mut exempted_text) = match &study.cut_off {
        Some((criteria, share)) => (
            share.unwrap_or(0.0) * 100.0,
            match share {
                Some(_) => format!("cut-off: {criteria}"),
                None => format!("cut-off: {criteria}; no excluded share estimated (0 reported)"),
            },
        ),
        None => (
            0.0,
            "no cut-off or excluded share stated in the study (0 reported)".to_string(),
        ),
    };
    // Each supplier's exempted share counts with its weight in the footprint excluding
    // uptake: the percent of the product's footprint its exemptions stand for.
    // A footprint excluding uptake of 0 or less (removals outweigh emissions) has no share to
    // weigh by: the suppliers' exempted shares are then listed, not added.
    let excl_total = total(Part::Excluding);
    let exempting: Vec<&DeclaredView> = r
        .lines
        .iter()
        .filter_map(|l| l.pact.as_ref())
        .filter(|d| d.exempted_percent.is_some_and(|p| p != 0.0))
        .collect();
    let supplier_exempted: Vec<(String, f64)> = if excl_total > 0.0 {
        exempting
            .iter()
            .filter_map(|d| {
                let p = d.exempted_percent?;
                Some((d.id.clone(), d.excluding.max(0.0) / excl_total * p))
            })
            .collect()
    } else {
        if !exempting.is_empty() {
            exempted_text.push_str(&format!(
                "; suppliers' exempted shares not added, the footprint excluding uptake being {} (no share to weigh them by): {}",
                decimal(excl_total),
                exempting
                    .iter()
                    .map(|d| format!("{} % ({})", decimal(d.exempted_percent.unwrap_or(0.0)), d.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        Vec::new()
    };
    let exempted = if supplier_exempted.is_empty() {
        own_exempted
    } else {
        exempted_text.push_str(&format!(
            "; suppliers' exempted emissions, weighted by their share of the footprint: {}",
            supplier_exempted
                .iter()
                .map(|(id, x)| format!("{} % ({id})", decimal(*x)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        // Σ wᵢ·pᵢ / T as the suppliers' weighted mean × their share W / T of the footprint
        // (W = Σ wᵢ): when they exempt the same percent and make the whole footprint (W is
        // T, the same canonical sum), that percent exactly, not 5.000000000000001.
        let weighted: Vec<(f64, f64)> = exempting
            .iter()
            .filter_map(|d| Some((d.excluding.max(0.0), d.exempted_percent?)))
            .collect();
        let share =
            crate::engine::canonical_sum(weighted.iter().map(|(w, _)| *w).collect()) / excl_total;
        let suppliers = crate::engine::weighted_mean(&weighted).map_or(0.0, |m| m * share);
        crate::engine::canonical_sum(vec![suppliers, own_exempted])
    };
    let mut boundary = format!("{}: {}", r.boundary_kind, r.stages.join(", "));
    if let Some(c) = &r.boundary_cut_off {
        boundary.push_str(&format!("; cut-off: {c}"));
    }
    let allocation: Vec<String> = r
        .supply
        .iter()
        .filter_map(|s| {
            s.allocation.as_ref().map(|a| {
                format!(
                    "{}: {a} allocation, share {}",
                    s.process, s.allocation_share
                )
            })
        })
        .collect();
    let allocation = (!allocation.is_empty()).then(|| allocation.join("; "));
    let verified = study.verified.clone();

    let mut comment = String::new();
    if let Some(c) = &meta.comment {
        comment.push_str(c);
        comment.push('\n');
    }
    comment.push_str(&format!(
        "Computed by {} (pcf-result/1, receipt result_sha256 {}, input_sha256 {}); the result file reproduces every figure (pcf verify).",
        r.engine, receipt.result_sha256, receipt.input_sha256
    ));
    if !r.unsplit_components.is_empty() {
        comment.push_str(&format!(
            " The declared footprints of {} give no fossil/biogenic split: in the totals, not in the parts.",
            r.unsplit_components.join(", ")
        ));
    }
    if !fossil_c_known || !bio_c_known {
        comment.push_str(" Carbon contents not assessed by pcf: reported as 0 unless given.");
    } else if meta.fossil_carbon_content_kg.is_none() || meta.biogenic_carbon_content_kg.is_none() {
        comment.push_str(
            " Carbon contents: the suppliers' declared contents times the amounts used, unless given.",
        );
    }
    let geography = Geography {
        geography_region_or_subregion: meta.geography_region_or_subregion.clone(),
        geography_country: meta.geography_country.clone(),
        geography_country_subdivision: meta.geography_country_subdivision.clone(),
    };
    let id = match &meta.id {
        Some(id) => id.clone(),
        None => uuid_of_digest(&receipt.result_sha256)
            .ok_or_else(|| Error::invalid("$.receipt.result_sha256", "not a SHA-256 hex digest"))?,
    };
    let company_ids = meta
        .company_ids
        .clone()
        .unwrap_or_else(|| vec!["urn:pcf:company:not-stated".into()]);
    let product_ids = meta
        .product_ids
        .clone()
        .unwrap_or_else(|| vec![format!("urn:pcf:input-sha256:{}", receipt.input_sha256)]);
    let description =
        meta.product_description
            .clone()
            .unwrap_or_else(|| match &r.functional_unit {
                Some(fu) => format!("{} ({fu})", r.product_name),
                None => r.product_name.clone(),
            });
    let name = meta
        .product_name_company
        .clone()
        .unwrap_or_else(|| r.product_name.clone());
    let company = meta
        .company_name
        .clone()
        .unwrap_or_else(|| "not stated".into());
    let created = meta.created.clone().unwrap_or_else(|| ref_end.clone());
    let status = meta.status.clone().unwrap_or_else(|| "Active".into());
    // Packaging emissions are included when the meta says so, else when a supplier's
    // footprint includes them.
    let packaging = meta.packaging_emissions_included.unwrap_or_else(|| {
        r.lines
            .iter()
            .filter_map(|l| l.pact.as_ref())
            .any(|d| d.packaging_included == Some(true))
    });
    let packaging_figure = optional(Part::Packaging);
    if !packaging && packaging_figure.is_some() && per_unit(Part::Packaging) != 0.0 {
        warnings.push(ExportWarning {
            code: "part_not_carried",
            path: "$.parts.total.packaging_ghg_emissions".into(),
            message: format!(
                "packaging_ghg_emissions {} kg CO2e per {pact_name}: packagingEmissionsIncluded is false (meta packagingEmissionsIncluded), and then PACT forbids packagingGhgEmissions; it is in the totals but not reported apart",
                decimal(per_unit(Part::Packaging))
            ),
        });
    }
    // "MUST be undefined if packagingEmissionsIncluded is false" (v2.3 and v3.0).
    let packaging_figure = packaging_figure.filter(|_| packaging);
    let excl = per_unit(Part::Excluding);
    let incl = per_unit(Part::Including);
    // PACT v2's total excluding biogenic leaves out biogenic CO2 emissions; pcf's own
    // biogenic CO2 emissions are in the total excluding uptake (as v3 counts them).
    let own_biogenic_co2 = per_unit(Part::BiogenicCo2);
    let excl_v2 = excl - own_biogenic_co2;
    if spec == Spec::V2 && own_biogenic_co2 != 0.0 {
        warnings.push(ExportWarning {
            code: "spec_crossing",
            path: "$.parts.total.biogenic_co2_emissions".into(),
            message: format!(
                "biogenic_co2_emissions {} kg CO2e per {pact_name} are left out of pCfExcludingBiogenic, which PACT v2 defines without biogenic CO2 emissions ({} with them, as pcf and v3 count); they are in pCfIncludingBiogenic and otherBiogenicGhgEmissions",
                decimal(own_biogenic_co2),
                decimal(excl)
            ),
        });
    }
    // The data-quality ratings rate the lines that have them: say how much of the footprint.
    if let (Some(share), true) = (r.dq.rated_share, spec == Spec::V3) {
        if share < 1.0 && r.dq.technological.is_some() {
            warnings.push(ExportWarning {
                code: "dqi_partial",
                path: "$.data_quality.rated_share".into(),
                message: format!(
                    "the dqi rates {} % of the footprint (the lines with ratings, weighted by their emissions); the rest has no rating",
                    crate::numbers::number_text(share * 100.0)
                ),
            });
        }
    }

    let value = match spec {
        Spec::V2 => {
            let cf = match r.gwp_set.as_str() {
                "AR5" | "AR6" => r.gwp_set.clone(),
                other => {
                    return Err(Error::invalid(
                        "$.gwp_set",
                        format!("PACT v2 characterizationFactors is AR5 or AR6; the result uses {other}"),
                    ))
                }
            };
            let used = standards_used_v2(&known);
            let new_names: Vec<String> = known
                .iter()
                .filter(|k| check::STANDARDS.contains(&k.as_str()))
                .cloned()
                .collect();
            if excl_v2 < 0.0 {
                return Err(Error::invalid(
                    "$.lines",
                    format!("PACT v2 pCfExcludingBiogenic must be 0 or more; fossil and land-use removals make it {excl_v2}"),
                ));
            }
            // v2 reports land management in one figure, and biogenic CO2 emissions among
            // the other biogenic emissions.
            let land_management = [
                Part::LandManagement,
                Part::LandManagementBiogenicEmissions,
                Part::LandManagementBiogenicRemovals,
            ];
            let lm_value = crate::engine::canonical_sum(land_management.iter().map(|p| per_unit(*p)).collect());
            let lm = (lm_value != 0.0 || land_management.iter().any(|p| stated(*p)))
                .then(|| decimal(lm_value));
            let other_biogenic = crate::engine::canonical_sum(vec![
                per_unit(Part::BiogenicNonCo2),
                per_unit(Part::BiogenicCo2),
            ]);
            serde_json::to_value(ProductFootprintV2 {
                id,
                spec_version: Cow::Borrowed(spec.version()),
                preceding_pf_ids: meta.preceding_pf_ids.clone(),
                version: meta.version.unwrap_or(1),
                created,
                updated: meta.updated.clone(),
                status,
                validity_period_start: meta.validity_period_start.clone(),
                validity_period_end: meta.validity_period_end.clone(),
                company_name: company,
                company_ids,
                product_description: description,
                product_ids,
                product_classifications: meta.product_classifications.clone(),
                product_category_cpc: meta
                    .product_category_cpc
                    .clone()
                    .unwrap_or_else(|| "not stated".into()),
                product_name_company: name,
                comment,
                pcf: CarbonFootprintV2 {
                    declared_unit: Cow::Borrowed(pact_name),
                    unitary_product_amount: decimal(amount),
                    product_mass_per_declared_unit: mass_per_unit.map(decimal),
                    pcf_excluding_biogenic: decimal(excl_v2),
                    pcf_including_biogenic: decimal(incl),
                    fossil_ghg_emissions: decimal(per_unit(Part::Fossil)),
                    fossil_carbon_content: decimal(fossil_c),
                    biogenic_carbon_content: decimal(bio_c),
                    d_luc_ghg_emissions: decimal(per_unit(Part::LandUseChange)),
                    land_management_ghg_emissions: lm,
                    other_biogenic_ghg_emissions: decimal(other_biogenic),
                    i_luc_ghg_emissions: optional(Part::LandCarbonLeakage),
                    biogenic_carbon_withdrawal: decimal(per_unit(Part::BiogenicUptake)),
                    aircraft_ghg_emissions: decimal(per_unit(Part::Aircraft)),
                    packaging_ghg_emissions: packaging_figure.clone(),
                    characterization_factors: cf,
                    ipcc_characterization_factors_sources: ar,
                    cross_sectoral_standards_used: used.into_iter().map(Cow::Borrowed).collect(),
                    cross_sectoral_standards: new_names,
                    product_or_sector_specific_rules: rules,
                    biogenic_accounting_methodology: meta.biogenic_accounting_methodology.clone(),
                    boundary_processes_description: boundary,
                    reference_period_start: ref_start,
                    reference_period_end: ref_end,
                    geography,
                    secondary_emission_factor_sources: sources,
                    exempted_emissions_percent: exempted,
                    exempted_emissions_description: exempted_text,
                    packaging_emissions_included: packaging,
                    allocation_rules_description: allocation,
                    primary_data_share: r.dq.primary_data_share.map(|s| s * 100.0),
                    dqi: r.dq.pact_v2.map(|d| DqiV2 {
                        coverage_percent: d[0],
                        technological: d[1],
                        temporal: d[2],
                        geographical: d[3],
                        completeness: d[4],
                        reliability: d[5],
                    }),
                    assurance: verified.map(|(b, reference)| AssuranceV2 {
                        assurance: true,
                        provider_name: b,
                        comments: reference.map(|x| format!("reference {x}")),
                    }),
                },
            })
        }
        Spec::V3 => {
            let dq = &r.dq;
            // Stated when CCS or technological removals are part of the footprint.
            let ccs_included = (optional(Part::CcsCapture).is_some()
                || per_unit(Part::TechnologicalRemovals) != 0.0)
                .then_some(true);
            serde_json::to_value(ProductFootprintV3 {
                id,
                spec_version: Cow::Borrowed(spec.version()),
                preceding_pf_ids: meta.preceding_pf_ids.clone(),
                created,
                status,
                validity_period_start: meta.validity_period_start.clone(),
                validity_period_end: meta.validity_period_end.clone(),
                company_name: company,
                company_ids,
                product_description: description,
                product_ids,
                product_classifications: meta.product_classifications.clone(),
                product_name_company: name,
                comment,
                pcf: CarbonFootprintV3 {
                    declared_unit_of_measurement: Cow::Borrowed(pact_name),
                    declared_unit_amount: decimal(amount),
                    // Not relevant for energy, transport and service units: 0, as the spec says.
                    product_mass_per_declared_unit: decimal(mass_per_unit.unwrap_or(0.0)),
                    reference_period_start: ref_start,
                    reference_period_end: ref_end,
                    geography,
                    boundary_processes_description: boundary,
                    pcf_excluding_biogenic_uptake: decimal(excl),
                    pcf_including_biogenic_uptake: decimal(incl),
                    fossil_ghg_emissions: decimal(per_unit(Part::Fossil)),
                    fossil_carbon_content: decimal(fossil_c),
                    biogenic_carbon_content: decimal(bio_c),
                    recycled_carbon_content: optional(Part::RecycledCarbon),
                    land_use_change_ghg_emissions: decimal(per_unit(Part::LandUseChange)),
                    land_carbon_leakage: optional(Part::LandCarbonLeakage),
                    land_management_fossil_ghg_emissions: optional(Part::LandManagementFossil),
                    land_management_biogenic_co2_emissions: optional(
                        Part::LandManagementBiogenicEmissions,
                    ),
                    land_management_biogenic_co2_removals: decimal(per_unit(
                        Part::LandManagementBiogenicRemovals,
                    )),
                    biogenic_co2_uptake: decimal(per_unit(Part::BiogenicUptake)),
                    biogenic_non_co2_emissions: decimal(per_unit(Part::BiogenicNonCo2)),
                    land_area_occupation: optional(Part::LandArea),
                    technological_co2_removals: decimal(per_unit(Part::TechnologicalRemovals)),
                    ccs_technological_co2_capture_included: ccs_included,
                    ccs_technological_co2_capture: optional(Part::CcsCapture),
                    ccu_carbon_content: optional(Part::CcuCarbon),
                    aircraft_ghg_emissions: decimal(per_unit(Part::Aircraft)),
                    packaging_emissions_included: packaging,
                    packaging_ghg_emissions: packaging_figure.clone(),
                    packaging_biogenic_carbon_content: optional(Part::PackagingBiogenicCarbon),
                    outbound_logistics_ghg_emissions: optional(Part::OutboundLogistics),
                    ipcc_characterization_factors: ar,
                    cross_sectoral_standards: known,
                    product_or_sector_specific_rules: rules,
                    exempted_emissions_percent: decimal(exempted),
                    exempted_emissions_description: exempted_text,
                    allocation_rules_description: allocation,
                    secondary_emission_factor_sources: sources,
                    primary_data_share: dq.primary_data_share.map(|s| decimal(s * 100.0)),
                    dqi: match (dq.technological, dq.geographical, dq.temporal) {
                        (Some(t), Some(g), Some(ti)) => Some(DqiV3 {
                            technological: decimal(t),
                            geographical: decimal(g),
                            temporal: decimal(ti),
                        }),
                        _ => None,
                    },
                    verification: verified.map(|(b, reference)| VerificationV3 {
                        provider_name: b,
                        comments: reference.map(|x| format!("reference {x}")),
                    }),
                },
            })
        }
    }
    .map_err(|e| Error::NonFiniteResult {
        path: "$".into(),
        what: e.to_string(),
    })?;
    // pcf's own lines add to the parts so that the data model's identities hold: figures that
    // break them come from suppliers' declarations, each found on import (in the rounding of
    // the supplier's own decimals), and are said here with the supplier, not changed.
    for d in r.lines.iter().filter_map(|l| l.pact.as_ref()) {
        for f in &d.findings {
            warnings.push(ExportWarning {
                code: "supplier_finding",
                path: format!("{}.declared_by.pact.findings", d.path),
                message: format!(
                    "the footprint {} of {} (in this one as declared): {f}",
                    d.id, d.company
                ),
            });
        }
    }
    Ok((value, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The footprint types are typed both ways: an export reads back into them and is written
    /// again as the same JSON, in both spec versions.
    #[test]
    fn an_exported_footprint_reads_back_into_its_types() {
        let set = crate::FactorSet::builtin().expect("built-in");
        let input = std::fs::read_to_string("tests/golden/pact-imported-coil/input.json")
            .expect("golden input");
        let result = crate::compute_json(&input, set).expect("computes");
        let meta = r#"{"crossSectoralStandards": ["ISO14067"], "productMassKg": 1}"#;
        for spec in [Spec::V2, Spec::V3] {
            let pf = export_value(&result, spec, Some(meta)).expect("exports");
            let back = match spec {
                Spec::V2 => serde_json::from_value::<ProductFootprintV2>(pf.clone())
                    .map(serde_json::to_value),
                Spec::V3 => serde_json::from_value::<ProductFootprintV3>(pf.clone())
                    .map(serde_json::to_value),
            }
            .expect("reads back")
            .expect("writes");
            assert_eq!(back, pf, "{spec:?}");
        }
    }

    /// v2's own standard names (which its error lists) given in the meta are the v3 names
    /// they stand for: the same export in both versions (issue 21: v2 refused them).
    #[test]
    fn v2_standard_names_in_the_meta_are_read_as_their_v3_names() {
        let set = crate::FactorSet::builtin().expect("built-in");
        let input = std::fs::read_to_string("tests/golden/pact-imported-coil/input.json")
            .expect("golden input");
        let result = crate::compute_json(&input, set).expect("computes");
        let v3 = r#"{"crossSectoralStandards": ["ISO14067", "ISO14040-44"], "productMassKg": 1}"#;
        let v2 = r#"{"crossSectoralStandards": ["ISO Standard 14067", "ISO Standard 14044", "ISO14067"], "productMassKg": 1}"#;
        for spec in [Spec::V2, Spec::V3] {
            let want = export_value(&result, spec, Some(v3)).expect("v3 names export");
            let got = export_value(&result, spec, Some(v2)).expect("v2 names export");
            assert_eq!(got, want, "{spec:?}");
        }
        let pf = export_value(&result, Spec::V2, Some(v2)).expect("exports");
        assert_eq!(
            pf["pcf"]["crossSectoralStandardsUsed"],
            serde_json::json!(["ISO Standard 14067", "ISO Standard 14044"])
        );
        assert_eq!(
            pf["pcf"]["crossSectoralStandards"],
            serde_json::json!(["ISO14067", "ISO14040-44"])
        );
    }
}

#[cfg(test)]
mod needs_tests {
    use super::*;
    use serde_json::json;

    fn result_of(example: &str) -> String {
        let set = crate::FactorSet::builtin().expect("built-in");
        let text = std::fs::read_to_string(format!("examples/{example}")).expect("example");
        crate::compute_json(&text, set).expect("computes")
    }

    /// A need as (path, key, kind, suggestion: value and where from).
    type Brief = (String, &'static str, &'static str, Option<(Value, String)>);

    /// Each need in brief.
    fn brief(needs: &[MetaNeed]) -> Vec<Brief> {
        needs
            .iter()
            .map(|n| {
                (
                    n.path.clone(),
                    n.key,
                    n.kind,
                    n.suggestion
                        .as_ref()
                        .map(|s| (s.value.clone(), s.from.clone())),
                )
            })
            .collect()
    }

    const MASS_V3: &str = "$meta.productMassKg";
    const NO_UNIT: &str = "$.declared_unit.unit";
    const STANDARDS: &str = "$.input.study.standards";

    /// Every example, both spec versions, no meta: every field the export needs at once, the
    /// mass suggested where the template states it (a garment's, a vehicle's), and the export's
    /// error is the first of them, its message listing them all.
    #[test]
    fn every_example_lists_every_field_its_export_needs() {
        let mass = |path: &str, s: Option<(f64, &str)>| {
            (
                path.to_string(),
                "productMassKg",
                "missing",
                s.map(|(v, f)| (json!(v), f.to_string())),
            )
        };
        let standards = (
            STANDARDS.to_string(),
            "crossSectoralStandards",
            "missing",
            None,
        );
        type Case = (&'static str, Option<(f64, &'static str)>, bool);
        let cases: &[Case] = &[
            // (example, the mass it states, whether its unit is a piece or kWp: mass needed)
            ("battery-lfp-60kwh-generic.json", None, true),
            ("battery-m1-75kwh.json", None, true),
            ("battery-nmc811-per-kwh.json", None, true),
            ("ev-compact-car-generic.json", None, true),
            (
                "ev-m1-compact-car.json",
                Some((1750.0, "$.input.vehicle.curb_mass_kg")),
                true,
            ),
            ("pv-cre-ecs-mono-module.json", None, true),
            ("pv-mono-module-generic.json", None, true),
            ("steel-bf-bof-coil.json", None, false),
            ("steel-dri-eaf-slab.json", None, false),
            ("steel-hot-rolled-coil-generic.json", None, false),
            ("steel-scrap-eaf-rebar.json", None, false),
            ("textile-cotton-tshirt-generic.json", None, true),
            (
                "textile-tshirt-recycled-polyester.json",
                Some((0.17, "$.input.garment.mass_kg")),
                true,
            ),
        ];
        assert_eq!(
            cases.len(),
            std::fs::read_dir("examples")
                .expect("examples")
                .filter(|e| e
                    .as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "json")))
                .count(),
            "every example"
        );
        for &(example, stated, needs_mass) in cases {
            let result = result_of(example);
            let pv = example.starts_with("pv-");
            for spec in [Spec::V3, Spec::V2] {
                let got = meta_needs(&result, spec, None).expect("needs");
                let mut want = Vec::new();
                if needs_mass {
                    // v3 takes a piece (with its mass); kWp, and a piece in v2, go per kilogram.
                    let path = if spec == Spec::V3 && !pv {
                        MASS_V3
                    } else {
                        NO_UNIT
                    };
                    want.push(mass(path, stated));
                }
                want.push(standards.clone());
                assert_eq!(brief(&got), want, "{example} {spec:?}");
                let e = export_value(&result, spec, None).expect_err("needs a meta");
                assert_eq!(
                    (e.code(), e.path()),
                    ("invalid_value", want[0].0.as_str()),
                    "{example} {spec:?}"
                );
                let message = e.to_string();
                for n in &got {
                    assert!(
                        message.contains(n.message_en.trim_end_matches('.')),
                        "{example} {spec:?}: {message}"
                    );
                }
                if got.len() > 1 {
                    assert!(
                        message.contains("PACT needs 2 fields the meta does not give: (1) "),
                        "{message}"
                    );
                }
                // Given what it needs (the document's mass where it states one), it exports.
                let meta = json!({
                    "productMassKg": stated.map_or(2.5, |(v, _)| v),
                    "crossSectoralStandards": ["ISO14067"],
                });
                let meta = meta.to_string();
                assert_eq!(
                    meta_needs(&result, spec, Some(&meta)).expect("needs"),
                    vec![],
                    "{example} {spec:?}"
                );
                export_value(&result, spec, Some(&meta)).expect("exports");
            }
        }
    }

    /// The messages, in both languages, name each field and its key.
    #[test]
    fn the_messages_name_each_field_in_english_and_chinese() {
        let textile = result_of("textile-tshirt-recycled-polyester.json");
        let got = meta_needs(&textile, Spec::V3, None).expect("needs");
        let texts: Vec<(&str, &str)> = got
            .iter()
            .map(|n| (n.message_en.as_str(), n.message_zh.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                (
                    "PACT requires the mass of a piece (productMassPerDeclaredUnit): give the product mass (productMassKg, kg of product without packaging in the declared unit, 1 item).",
                    "PACT 要求给出一件产品的质量（productMassPerDeclaredUnit）：请填写产品质量（productMassKg，即声明单位 1 item 的产品千克数，不含包装）。",
                ),
                (
                    "PACT requires the cross-sectoral standards the study follows (crossSectoralStandards: ISO14067, ISO14040-44, GHGP-Product, PEF, PACT-3.0 …): list them in the study's standards or give them in the meta.",
                    "PACT 要求列出研究所遵循的跨行业标准（crossSectoralStandards，如 ISO14067、PEF）：请在研究的 standards 中列出，或在元数据中填写。",
                ),
            ]
        );
        let pv = result_of("pv-mono-module-generic.json");
        let got = meta_needs(&pv, Spec::V2, None).expect("needs");
        assert_eq!(
            got.first().map(|n| (n.message_en.as_str(), n.message_zh.as_str())),
            Some((
                "PACT 2.3.0 has no declared unit for kWp (peak power), its units being kilogram, liter, cubic meter, kilowatt hour, megajoule, ton kilometer, square meter: give the product mass (productMassKg, kg of product in the declared unit, 1 kWp) to export per kilogram.",
                "PACT 2.3.0 没有与 kWp 对应的声明单位：请填写产品质量（productMassKg，即声明单位 1 kWp 的产品千克数），改为按千克导出。",
            ))
        );
    }

    /// Values the meta gives wrong are listed with the missing ones: a mass of 0 (with the
    /// document's mass suggested), a negative carbon content, a company id that is no URN; the
    /// export's error is still the first, at its path.
    #[test]
    fn wrong_values_are_listed_with_the_missing_ones() {
        let textile = result_of("textile-tshirt-recycled-polyester.json");
        let meta = r#"{"productMassKg": 0, "fossilCarbonContentKg": -1, "companyIds": ["ACME"]}"#;
        let got = meta_needs(&textile, Spec::V3, Some(meta)).expect("needs");
        assert_eq!(
            brief(&got),
            vec![
                (
                    MASS_V3.to_string(),
                    "productMassKg",
                    "invalid",
                    Some((json!(0.17), "$.input.garment.mass_kg".to_string()))
                ),
                (
                    "$meta.fossilCarbonContentKg".to_string(),
                    "fossilCarbonContentKg",
                    "invalid",
                    None
                ),
                (
                    STANDARDS.to_string(),
                    "crossSectoralStandards",
                    "missing",
                    None
                ),
                (
                    "$pact.companyIds[0]".to_string(),
                    "companyIds",
                    "invalid",
                    None
                ),
            ]
        );
        assert_eq!(
            got.iter().map(|n| n.message_en.as_str()).collect::<Vec<_>>(),
            vec![
                "The product mass (productMassKg) must be a number of kg greater than 0; the meta gives 0.",
                "The fossil carbon content (fossilCarbonContentKg) is a number of kg, 0 or more; the meta gives -1.",
                "PACT requires the cross-sectoral standards the study follows (crossSectoralStandards: ISO14067, ISO14040-44, GHGP-Product, PEF, PACT-3.0 …): list them in the study's standards or give them in the meta.",
                "The meta gives the company ids (companyIds) a value PACT 3.0.0 does not take at $pact.companyIds[0]: \"ACME\" is not a URN (urn:…).",
            ]
        );
        let e = export_value(&textile, Spec::V3, Some(meta)).expect_err("needs");
        assert_eq!((e.code(), e.path()), ("invalid_value", MASS_V3));
        assert!(
            e.to_string().starts_with(
                "PACT needs 3 fields of the meta given or corrected: (1) The product mass"
            ),
            "{e}"
        );
        // The company id alone: the export names it where its check does.
        let meta = r#"{"productMassKg": 0.17, "crossSectoralStandards": ["ISO14067"], "companyIds": ["ACME"]}"#;
        let got = meta_needs(&textile, Spec::V3, Some(meta)).expect("needs");
        assert_eq!(
            got.iter().map(|n| n.path.as_str()).collect::<Vec<_>>(),
            vec!["$pact.companyIds[0]"]
        );
        let e = export_value(&textile, Spec::V3, Some(meta)).expect_err("URN");
        assert_eq!((e.code(), e.path()), (got[0].code, "$pact.companyIds[0]"));
        // A meta the export cannot read is the export's error.
        let e =
            meta_needs(&textile, Spec::V3, Some(r#"{"productMassKg": "0.17"}"#)).expect_err("type");
        assert_eq!(
            (e.code(), e.path()),
            ("invalid_document", "$meta.productMassKg")
        );
    }

    /// The study's standards, when the meta's list replaces them with none PACT v2 takes, are
    /// the suggestion; a study that states none gives no suggestion.
    #[test]
    fn the_studys_standards_are_suggested_where_the_meta_replaces_them() {
        let set = crate::FactorSet::builtin().expect("built-in");
        let mut doc: Value = serde_json::from_str(
            &std::fs::read_to_string("examples/steel-bf-bof-coil.json").expect("example"),
        )
        .expect("JSON");
        doc["study"] = json!({"standards": ["ISO 14067:2018", "EN 15804"]});
        let result = crate::compute_json(&doc.to_string(), set).expect("computes");
        assert_eq!(meta_needs(&result, Spec::V2, None).expect("needs"), vec![]);
        let meta = r#"{"crossSectoralStandards": ["PEF"]}"#;
        assert_eq!(
            meta_needs(&result, Spec::V3, Some(meta)).expect("needs"),
            vec![]
        );
        let got = meta_needs(&result, Spec::V2, Some(meta)).expect("needs");
        assert_eq!(
            brief(&got),
            vec![(
                STANDARDS.to_string(),
                "crossSectoralStandards",
                "missing",
                Some((json!(["ISO14067"]), "$.input.study.standards".to_string()))
            )]
        );
        assert_eq!(
            got[0].message_en,
            "PACT v2 requires one of GHG Protocol Product standard, ISO Standard 14067, ISO Standard 14044 among the cross-sectoral standards (crossSectoralStandards, found PEF): add ISO14067, ISO14040-44 or GHGP-Product."
        );
        let e = export_value(&result, Spec::V2, Some(meta)).expect_err("v2 standards");
        assert_eq!((e.code(), e.path()), ("invalid_value", STANDARDS));
        let meta = r#"{"crossSectoralStandards": []}"#;
        let got = meta_needs(&result, Spec::V3, Some(meta)).expect("needs");
        assert_eq!(
            brief(&got),
            vec![(
                STANDARDS.to_string(),
                "crossSectoralStandards",
                "missing",
                Some((json!(["ISO14067"]), "$.input.study.standards".to_string()))
            )]
        );
    }

    /// The meta's JSON Schema has every key the meta reads, in its order, each with a
    /// description (the page's form shows it as the field's help).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_meta_schema_describes_every_key() {
        let schema = serde_json::to_value(schemars::schema_for!(Meta)).expect("schema");
        let props = schema["properties"].as_object().expect("properties");
        let keys: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut want: Vec<&str> = META_FIELDS.iter().map(|(k, _, _)| *k).collect();
        want.sort_unstable();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, want);
        for (k, p) in props {
            assert!(
                p["description"].as_str().is_some_and(|d| d.len() > 20),
                "{k} has a description"
            );
        }
        assert_eq!(schema["additionalProperties"], json!(false));
    }
}
