//! `cbam-communication`: the emissions data communication an installation's operator sends to
//! its EU importer (the reporting declarant) under CBAM, for a steel good: the installation
//! (name, address, UN/LOCODE, coordinates of its main emission source), the operator, the
//! reporting period, the good by CN code with its production route, its specific direct and
//! indirect embedded emissions (SEE), the precursors with their declared SEE, the carbon price
//! due, the `cbam-steel` pre-check verdict and the result's receipt.
//!
//! Written as JSON (`pcf-cbam-communication/1`, schema
//! `schema/pcf-cbam-communication-1.schema.json`) or as an `.xlsx` workbook laid out after the
//! Commission's "CBAM Communication template for installations" (its sheets
//! `Summary_Communication`, `D_Processes`, `E_PurchPrec`), in English as that template's summary
//! sheet is, from the same typed document. The workbook is written with `rust_xlsxwriter` in
//! memory; its document properties are fixed (the creation date is the meta's `date`, else
//! 1980-01-01, the zip format's first date, which the entries carry too), so the same result
//! and meta give the same bytes, natively and in WebAssembly.
//!
//! The figures are the result's: SEE direct and indirect as `sector.steel` writes them, the
//! attributed and precursor emissions, the activity level. pcf adds three sums the template
//! asks for and documents: SEE total (direct + indirect), the embedded electricity (the
//! electricity lines' kWh ÷ 1000 ÷ the activity level) and the effective carbon price due
//! (due − rebate).

use serde::Serialize;

use super::meta::QualifyingParameter;
use super::{DocumentReceipt, Meta, ToConfirm, Verdict};
use crate::error::{Error, Result};
use crate::result::FootprintResult;
use crate::sectors::steel::{CbamDefault, SteelDocument, SteelMetrics};
use crate::sectors::SectorMetrics;

/// The document's schema tag.
pub const TAG: &str = "pcf-cbam-communication/1";

/// What the communication answers.
const LEGAL_BASIS: &str = "Regulation (EU) 2023/956 (CBAM); Implementing Regulation (EU) 2023/1773, Article 3(5) and Annex IV (content of the recommended communication from operators of installations to reporting declarants), sections 1 and 2";

/// The template whose layout the workbook follows.
const TEMPLATE: &str = "European Commission, CBAM Communication template for installations (version of 13 December 2024): laid out after its sheets Summary_Communication, D_Processes and E_PurchPrec; written by pcf, not the Commission's file";

/// The unit of the specific embedded emissions.
const SEE_UNIT: &str = "t CO2e/t";

/// The communication, as pcf writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(
        title = "pcf-cbam-communication/1: the CBAM emissions data communication from an installation's operator to reporting declarants"
    )
)]
pub struct CbamCommunication {
    /// Always `pcf-cbam-communication/1`.
    pub schema: &'static str,
    /// The provisions the communication answers.
    pub legal_basis: &'static str,
    /// The template the workbook is laid out after.
    pub template: &'static str,
    /// The date of issue, when the meta gives one (`YYYY-MM-DD`; pcf reads no clock).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The reporting period: the study's reference period.
    pub reporting_period: ReportingPeriod,
    /// The installation.
    pub installation: Installation,
    /// The operator of the installation.
    pub operator: Operator,
    /// The verifier, when the meta names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verifier: Option<Verifier>,
    /// The verification report's reference, when the meta gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_report: Option<String>,
    /// The emissions of the production process in the reporting period.
    pub emissions: Emissions,
    /// The goods by CN code (a steel study has one).
    pub goods: Vec<Good>,
    /// The precursors consumed, with their specific embedded emissions as their producers
    /// declared them.
    pub precursors: Precursors,
    /// Data quality, as the meta gives it.
    pub data_quality: DataQuality,
    /// Any additional information for the declarant (meta `cbam.additional_information`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_information: Option<String>,
    /// What the communication cannot settle, or the user has still to give.
    pub to_be_confirmed: Vec<ToConfirm>,
    /// The `cbam-steel` pre-check's verdict on the study.
    pub precheck: Verdict,
    /// The result's receipt: what `pcf verify` checks the result file against.
    pub receipt: DocumentReceipt,
}

/// The reporting period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportingPeriod {
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
    pub end: String,
}

/// The installation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Installation {
    /// The installation's name (the study's `installation.name`).
    pub name: String,
    /// Its name in the local language (the study's `installation.name_zh`), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_local: Option<String>,
    /// Unique installation identifier, when it has one (meta).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installation_id: Option<String>,
    /// Economic activity (meta).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub economic_activity: Option<String>,
    /// Street and number (meta).
    pub street_address: String,
    /// Post code (meta).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// P.O. box (meta).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub po_box: Option<String>,
    /// City (meta).
    pub city: String,
    /// Country, ISO 3166-1 alpha-2 (the study's `installation.country`).
    pub country: String,
    /// UN/LOCODE of the location (meta).
    pub unlocode: String,
    /// Latitude of the main emission source, decimal degrees (meta).
    pub latitude: f64,
    /// Longitude of the main emission source, decimal degrees (meta).
    pub longitude: f64,
}

/// The operator.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Operator {
    /// Name.
    pub name: String,
    /// Address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Authorised representative.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub representative: Option<String>,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
}

/// The verifier.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Verifier {
    /// Company name.
    pub name: String,
    /// Address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Member State of accreditation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accreditation_member_state: Option<String>,
    /// National accreditation body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accreditation_body: Option<String>,
    /// Registration number issued by the accreditation body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration_number: Option<String>,
}

/// The production process's emissions in the reporting period (t CO2e), as the result gives
/// them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Emissions {
    /// Activity level: the mass of the good produced, t (`sector.steel.activity_level_t`).
    pub activity_level_t: f64,
    /// Directly attributable emissions, t CO2e (`sector.steel.attributed_direct_t`).
    pub attributed_direct_t: f64,
    /// Indirect emissions (electricity consumed), t CO2e (`attributed_indirect_t`).
    pub attributed_indirect_t: f64,
    /// Σ M_i · SEE_i of the precursors, direct, t CO2e (`precursors_direct_t`).
    pub precursors_direct_t: f64,
    /// Σ M_i · SEE_i of the precursors, indirect, t CO2e (`precursors_indirect_t`).
    pub precursors_indirect_t: f64,
    /// Net carbon of the mass balance (inputs − outputs), t C (`net_carbon_t`).
    pub net_carbon_t: f64,
    /// How the direct emissions were determined.
    pub monitoring: Monitoring,
    /// The electricity consumed, line by line.
    pub electricity: Vec<ElectricityLine>,
}

/// How the direct emissions were determined.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Monitoring {
    /// The approach, in words.
    pub approach: &'static str,
    /// Flows of the carbon mass balance.
    pub mass_balance_flows: usize,
    /// Fuel combustion lines.
    pub fuel_lines: usize,
    /// Direct gas emission lines (process emissions, CH4, N2O).
    pub gas_emission_lines: usize,
}

/// One electricity line of the study (its `indirect` section).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ElectricityLine {
    /// The line's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Amount as written.
    pub amount: f64,
    /// Unit as written.
    pub unit: String,
    /// The emission factor row used.
    pub factor_id: String,
    /// The factor, kg CO2e per `factor_per_unit`.
    pub factor_kg_co2e_per_unit: f64,
    /// The factor's unit.
    pub factor_per_unit: String,
    /// The factor's source.
    pub factor_source: String,
    /// The line's emissions in the reporting period, kg CO2e.
    pub kg_co2e: f64,
}

/// One good, by CN code.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Good {
    /// CN code (`sector.steel.cn_code`).
    pub cn_code: String,
    /// The product's name, as used with the declarant (the study's `good.name`).
    pub product_name: String,
    /// Aggregated goods category (meta `cbam.aggregated_goods_category`), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aggregated_goods_category: Option<String>,
    /// Production route, as the study names it (`BF-BOF`, `DRI-EAF`, `scrap-EAF`).
    pub production_route: String,
    /// Specific direct embedded emissions, t CO2e/t (`sector.steel.see_direct`).
    pub see_direct: f64,
    /// Specific indirect embedded emissions, t CO2e/t (`sector.steel.see_indirect`).
    pub see_indirect: f64,
    /// SEE direct + SEE indirect, t CO2e/t (the template's SEE (total)).
    pub see_total: f64,
    /// Always `t CO2e/t`.
    pub unit: &'static str,
    /// Embedded electricity, MWh per t of good: the electricity lines' kWh ÷ 1000 ÷ the
    /// activity level; absent when a line is not in energy units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub embedded_electricity_mwh_per_t: Option<f64>,
    /// The electricity emission factor, t CO2e/MWh (the factor row's kg CO2e/kWh), when the
    /// study has exactly one electricity line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub electricity_ef_t_co2e_per_mwh: Option<f64>,
    /// The source of that factor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub electricity_ef_source: Option<String>,
    /// Qualifying parameters, as the meta gives them.
    pub qualifying_parameters: Vec<QualifyingParameter>,
    /// The carbon price due, when the meta gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carbon_price: Option<CarbonPriceDue>,
    /// For comparison only: the CBAM default value the result compared SEE direct with
    /// (`sector.steel.cbam_default`), when the tables have one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cbam_default: Option<CbamDefault>,
}

/// The carbon price due for the good's embedded emissions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CarbonPriceDue {
    /// Type of instrument.
    pub instrument: String,
    /// The legal act or scheme.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_act: Option<String>,
    /// Currency, ISO 4217.
    pub currency: String,
    /// Carbon price due per t of good.
    pub due_per_t: f64,
    /// Share of the total embedded emissions covered, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_covered: Option<f64>,
    /// The rebate, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rebate: Option<RebateDue>,
    /// Effective carbon price due per t of good: `due_per_t` − the rebate's `amount_per_t`
    /// (the template's result column).
    pub effective_due_per_t: f64,
    /// Notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A rebate of the carbon price.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RebateDue {
    /// Type of rebate.
    pub kind: String,
    /// Rebate per t of good, in the carbon price's currency.
    pub amount_per_t: f64,
    /// Share of the embedded emissions covered by the rebate, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_covered: Option<f64>,
}

/// The precursors.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Precursors {
    /// Σ M_i · SEE_i, direct, t CO2e (`sector.steel.precursors_direct_t`).
    pub direct_t: f64,
    /// Σ M_i · SEE_i, indirect, t CO2e (`sector.steel.precursors_indirect_t`).
    pub indirect_t: f64,
    /// Each precursor, in the study's order.
    pub list: Vec<Precursor>,
}

/// One precursor, as the study gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Precursor {
    /// Name.
    pub name: String,
    /// Mass consumed in the reporting period, as written.
    pub amount: f64,
    /// Its unit.
    pub unit: String,
    /// Specific direct embedded emissions, t CO2e/t, as declared.
    pub see_direct: f64,
    /// Specific indirect embedded emissions, t CO2e/t, as declared.
    pub see_indirect: f64,
    /// Who declared them.
    pub supplier: String,
    /// Where (the supplier's communication, a default value …).
    pub source: String,
    /// Year of the declaration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// `third-party`, `self-declared` or `unverified`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification: Option<String>,
}

/// Data quality, as the meta gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DataQuality {
    /// General information on data quality.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub general: Option<String>,
    /// Justification for the use of default values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_values_justification: Option<String>,
    /// Information on quality assurance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality_assurance: Option<String>,
}

/// The steel metrics and the study of a `pcf-steel/1` result.
fn steel(result: &FootprintResult) -> Result<(&SteelMetrics, SteelDocument)> {
    let Some(SectorMetrics::Steel(m)) = &result.sector else {
        return Err(Error::invalid(
            "$.sector",
            "a CBAM communication needs a result of the pcf-steel/1 template",
        ));
    };
    let input = result
        .input
        .as_ref()
        .ok_or_else(|| Error::InvalidDocument {
            path: "$.input".into(),
            detail: "a report needs the result's input (written by `pcf compute`)".into(),
        })?;
    let doc: SteelDocument = serde_json::from_value(input.clone())
        .map_err(|e| Error::invalid("$.input", format!("not a pcf-steel/1 study: {e}")))?;
    Ok((m, doc))
}

/// A text, required inside a meta block that was given.
fn given(v: &Option<String>, path: &str, why: &str) -> Result<String> {
    v.clone().ok_or_else(|| Error::InvalidDocument {
        path: path.into(),
        detail: format!("missing: {why}; give it in the meta JSON (--meta)"),
    })
}

/// The carbon price of the meta, checked complete, with its effective amount.
fn carbon_price(c: &super::meta::CarbonPrice) -> Result<CarbonPriceDue> {
    let p = "$meta.cbam.carbon_price";
    let instrument = given(
        &c.instrument,
        &format!("{p}.instrument"),
        "the type of carbon pricing instrument",
    )?;
    let currency = given(
        &c.currency,
        &format!("{p}.currency"),
        "the carbon price's currency",
    )?;
    let due_per_t = c.due_per_t.ok_or_else(|| Error::InvalidDocument {
        path: format!("{p}.due_per_t"),
        detail:
            "missing: the carbon price due per tonne of the good; give it in the meta JSON (--meta)"
                .into(),
    })?;
    let rebate = match &c.rebate {
        None => None,
        Some(r) => Some(RebateDue {
            kind: given(&r.kind, &format!("{p}.rebate.kind"), "the type of rebate")?,
            amount_per_t: r.amount_per_t.ok_or_else(|| Error::InvalidDocument {
                path: format!("{p}.rebate.amount_per_t"),
                detail:
                    "missing: the rebate per tonne of the good; give it in the meta JSON (--meta)"
                        .into(),
            })?,
            share_covered: r.share_covered,
        }),
    };
    let effective_due_per_t = match &rebate {
        Some(r) => due_per_t - r.amount_per_t,
        None => due_per_t,
    };
    Ok(CarbonPriceDue {
        instrument,
        legal_act: c.legal_act.clone(),
        currency,
        due_per_t,
        share_covered: c.share_covered,
        rebate,
        effective_due_per_t,
        notes: c.notes.clone(),
    })
}

/// Builds the communication of a steel result: the figures from the result and its sealed
/// study, the rest from the meta's `cbam` section, which must give the installation's street,
/// city, UN/LOCODE (of the study's country) and coordinates, and the operator's name and an
/// e-mail address or telephone number.
pub fn build(
    result: &FootprintResult,
    meta: &Meta,
    receipt: DocumentReceipt,
    precheck: Verdict,
) -> Result<CbamCommunication> {
    let (m, study) = steel(result)?;
    let cbam = meta.cbam_required()?;
    let inst = cbam.installation_required()?;
    let op = cbam.operator_required()?;
    let country = &study.installation.country;
    let code: String = inst.unlocode.chars().filter(|c| *c != ' ').collect();
    if !code.starts_with(country.as_str()) {
        return Err(Error::invalid(
            "$meta.cbam.installation.unlocode",
            format!(
                "{:?} is a location outside the study's country {country}: a UN/LOCODE begins with its country's code",
                inst.unlocode
            ),
        ));
    }
    let verifier = match &cbam.verifier {
        None => None,
        Some(v) => Some(Verifier {
            name: given(
                &v.name,
                "$meta.cbam.verifier.name",
                "the verifier's company name",
            )?,
            address: v.address.clone(),
            accreditation_member_state: v.accreditation_member_state.clone(),
            accreditation_body: v.accreditation_body.clone(),
            registration_number: v.registration_number.clone(),
        }),
    };
    let price = cbam.carbon_price.as_ref().map(carbon_price).transpose()?;

    // The electricity lines, as the result writes them.
    let lines: Vec<&crate::result::LineResult> = result
        .lines
        .iter()
        .filter(|l| l.stage == "indirect")
        .collect();
    let electricity: Vec<ElectricityLine> = lines
        .iter()
        .filter_map(|l| {
            let f = l.factor.as_ref()?;
            Some(ElectricityLine {
                name: l.name.clone(),
                amount: l.amount,
                unit: l.unit.to_string(),
                factor_id: f.id.clone(),
                factor_kg_co2e_per_unit: f.kg_per_unit,
                factor_per_unit: f.per_unit.to_string(),
                factor_source: f.source.clone(),
                kg_co2e: l.kg_co2e.unwrap_or(0.0),
            })
        })
        .collect();
    let in_kwh = !lines.is_empty()
        && lines.len() == electricity.len()
        && lines.iter().all(|l| l.converted_unit == Some("kWh"));
    let embedded_electricity_mwh_per_t = in_kwh.then(|| {
        let kwh: f64 = lines.iter().filter_map(|l| l.converted_amount).sum();
        kwh / 1000.0 / m.activity_level_t
    });
    // One electricity line in kWh: its factor is the good's electricity emission factor
    // (kg CO2e/kWh is t CO2e/MWh).
    let single: Option<(f64, String)> = match (electricity.as_slice(), lines.first()) {
        ([e], Some(l)) if l.converted_unit == Some("kWh") && e.factor_per_unit == "kWh" => Some((
            e.factor_kg_co2e_per_unit,
            format!("{} ({})", e.factor_source, e.factor_id),
        )),
        _ => None,
    };

    let period = &study.reference_period;
    let mut to_be_confirmed = vec![ToConfirm::new(
        "legal_basis",
        "Annex IV of Implementing Regulation (EU) 2023/1773 was read (section 1: general information, points 1 to 3, and recommended improvements 1 to 9; section 2: sector-specific parameters) in the text published in the Official Journal (L 228, 15.9.2023), as legalize.dev reproduces it from EUR-Lex. The installation and its operator answer its point 1, the aggregated goods category and the route point 2, and each good's CN code, SEE, data quality, qualifying parameters and carbon price point 3 with section 2. Still to be confirmed: whether a later amendment of the Regulation changed Annex IV (EUR-Lex lists a consolidated version of 31 October 2024, not read). The reporting period, the economic activity, the SEE total and the layout are not in Annex IV: they follow the Commission's CBAM Communication template for installations (version of 13 December 2024, as third parties parsed it).",
        "已查阅实施条例(EU) 2023/1773附件IV(第1节：一般信息第1至3点及建议改进第1至9点；第2节：行业特定参数)，依据《欧盟官方公报》(L 228，2023年9月15日)公布的文本(legalize.dev 转载自 EUR-Lex)。设施及其运营者信息对应其第1点，汇总货物类别和生产工艺路线对应第2点，各产品的CN编码、SEE、数据质量、合格参数和碳价对应第3点及第2节。仍待确认：该条例此后的修订是否改动了附件IV(EUR-Lex 列有2024年10月31日的合并版本，未查阅)。报告期、经济活动、SEE合计及版式不在附件IV中，沿用欧盟委员会《设施CBAM通报模板》(2024年12月13日版，第三方解析)。",
    )];
    if crate::dates::parse_date(&period.end).is_some() && period.end.as_str() >= "2026-01-01" {
        to_be_confirmed.push(ToConfirm::new(
            "definitive_period",
            "The reporting period falls in CBAM's definitive period (from 1 January 2026): the calculation rules of Implementing Regulation (EU) 2025/2547 and the verification rules of 2025/2546 apply, actual embedded emissions need an accredited verifier's opinion, and for iron and steel only the direct emissions are counted (the indirect ones are still communicated). No definitive-period version of the template was found: this follows the transitional one.",
            "报告期属于CBAM正式期(2026年1月1日起)：适用实施条例(EU) 2025/2547的计算规则和2025/2546的核查规则，实际隐含排放须经认可核查机构出具意见，钢铁产品只计直接排放(间接排放仍须通报)。未找到正式期版本的模板：本通报沿用过渡期模板。",
        ));
    }
    if cbam.aggregated_goods_category.is_none() {
        to_be_confirmed.push(ToConfirm::new(
            "aggregated_goods_category",
            "The good's aggregated goods category (Crude steel, Iron or steel products …) is not given: pcf does not derive it from the CN code, whose headings can fall in more than one category; give it in the meta (cbam.aggregated_goods_category).",
            "未提供该产品的汇总货物类别(粗钢、钢铁制品等)：pcf 不根据CN编码推断(同一品目可能属于不同类别)；请在 meta 中填写(cbam.aggregated_goods_category)。",
        ));
    }
    to_be_confirmed.push(ToConfirm::new(
        "production_route",
        "The production route is the study's (BF-BOF, DRI-EAF or scrap-EAF); it is not mapped to the route names of the template's code list.",
        "生产工艺路线为研究中的名称(BF-BOF、DRI-EAF 或 scrap-EAF)，未对应到模板代码表中的路线名称。",
    ));
    if cbam.qualifying_parameters.is_empty() {
        to_be_confirmed.push(ToConfirm::new(
            "qualifying_parameters",
            "No qualifying parameters are given. For crude steel and iron or steel products, Annex IV section 2 of Implementing Regulation (EU) 2023/1773 asks for the main reducing agent used for the precursor (if known), the mass % of Mn, Cr, Ni and of the other alloy elements, the tonnes of scrap per tonne and the share of pre-consumer scrap (for products also the mass % of materials that are not iron or steel, if more than 1 % to 5 % of the mass), and its Article 3(2)(g) the identification number of the steel mill, where known; give them in the meta (cbam.qualifying_parameters).",
            "未提供合格参数。对粗钢及钢铁制品，实施条例(EU) 2023/1773附件IV第2节要求前体生产所用的主要还原剂(如已知)、Mn、Cr、Ni及其他合金元素的质量百分比、每吨产品所用废钢吨数及消费前废钢所占比例(制品还要求非钢铁材料超过总质量1%至5%时的质量百分比)，其第3条第2款(g)项要求钢厂识别号(如已知)；请在 meta 中填写(cbam.qualifying_parameters)。",
        ));
    }
    if price.is_none() {
        to_be_confirmed.push(ToConfirm::new(
            "carbon_price",
            "No carbon price due is given: if a carbon price is due in the country of production for these emissions, give its instrument, currency and amount per tonne in the meta (cbam.carbon_price), with any rebate.",
            "未提供应付碳价：如生产国对这些排放征收碳价，请在 meta 中填写其工具类型、币种和每吨金额(cbam.carbon_price)以及任何返还。",
        ));
    }
    if !study.precursors.is_empty() {
        to_be_confirmed.push(ToConfirm::new(
            "precursors",
            "The precursors' specific embedded emissions are those their producers declared (see each one's supplier and source); their country of production and production route are not in the study: add them to the template's purchased precursors.",
            "前体材料的隐含排放强度为其生产商申报的数值(见各自的供应商和来源)；研究中没有其生产国和生产工艺路线：请在模板的外购前体材料中补充。",
        ));
    }
    to_be_confirmed.push(ToConfirm::new(
        "default_values_share",
        "pcf does not state the share of the embedded emissions that comes from default values: the installation's own emissions are the study's lines, and the precursors' are as declared (see their source).",
        "pcf 不给出隐含排放中来自默认值的比例：设施自身排放来自研究中的数据行，前体材料的排放按其申报(见来源)。",
    ));
    if verifier.is_none() && meta.verification_report.is_none() {
        to_be_confirmed.push(ToConfirm::new(
            "verification",
            "No verifier or verification report is named: give them in the meta (cbam.verifier, verification_report) once the emissions are verified.",
            "未注明核查机构或核查报告：完成核查后请在 meta 中填写(cbam.verifier、verification_report)。",
        ));
    }
    if embedded_electricity_mwh_per_t.is_none() && !lines.is_empty() {
        to_be_confirmed.push(ToConfirm::new(
            "embedded_electricity",
            "An electricity line is not in energy units, so the embedded electricity per tonne is not written.",
            "有电力数据行不是能量单位，因此未写出每吨的隐含电量。",
        ));
    }

    let see_total = m.see_direct + m.see_indirect;
    Ok(CbamCommunication {
        schema: TAG,
        legal_basis: LEGAL_BASIS,
        template: TEMPLATE,
        date: meta.date.clone(),
        reporting_period: ReportingPeriod {
            start: period.start.clone(),
            end: period.end.clone(),
        },
        installation: Installation {
            name: study.installation.name.clone(),
            name_local: study.installation.name_zh.clone(),
            installation_id: inst.installation_id,
            economic_activity: inst.economic_activity,
            street_address: inst.street_address,
            postal_code: inst.postal_code,
            po_box: inst.po_box,
            city: inst.city,
            country: m.country.clone(),
            unlocode: inst.unlocode,
            latitude: inst.latitude,
            longitude: inst.longitude,
        },
        operator: Operator {
            name: op.name.unwrap_or_default(),
            address: op.address,
            representative: op.representative,
            email: op.email,
            telephone: op.telephone,
        },
        verifier,
        verification_report: meta.verification_report.clone(),
        emissions: Emissions {
            activity_level_t: m.activity_level_t,
            attributed_direct_t: m.attributed_direct_t,
            attributed_indirect_t: m.attributed_indirect_t,
            precursors_direct_t: m.precursors_direct_t,
            precursors_indirect_t: m.precursors_indirect_t,
            net_carbon_t: m.net_carbon_t,
            monitoring: Monitoring {
                approach: "calculation-based (Implementing Regulation (EU) 2023/1773 Annex III): a carbon mass balance, fuel combustion lines and direct gas emission lines, as the study gives them",
                mass_balance_flows: study.mass_balance.len(),
                fuel_lines: study.direct.len(),
                gas_emission_lines: study.emissions.len(),
            },
            electricity,
        },
        goods: vec![Good {
            cn_code: m.cn_code.clone(),
            product_name: study.good.name.clone(),
            aggregated_goods_category: cbam.aggregated_goods_category.clone(),
            production_route: m.route.clone(),
            see_direct: m.see_direct,
            see_indirect: m.see_indirect,
            see_total,
            unit: SEE_UNIT,
            embedded_electricity_mwh_per_t,
            electricity_ef_t_co2e_per_mwh: single.as_ref().map(|e| e.0),
            electricity_ef_source: single.map(|e| e.1),
            qualifying_parameters: cbam.qualifying_parameters.clone(),
            carbon_price: price,
            cbam_default: m.cbam_default.clone(),
        }],
        precursors: Precursors {
            direct_t: m.precursors_direct_t,
            indirect_t: m.precursors_indirect_t,
            list: study
                .precursors
                .iter()
                .map(|p| Precursor {
                    name: p.name.clone(),
                    amount: p.amount.amount,
                    unit: p.amount.unit.clone(),
                    see_direct: p.see_direct,
                    see_indirect: p.see_indirect,
                    supplier: p.provenance.supplier.clone(),
                    source: p.provenance.source.clone(),
                    year: p.provenance.year,
                    verification: p.provenance.verification.clone(),
                })
                .collect(),
        },
        data_quality: DataQuality {
            general: cbam.data_quality.clone(),
            default_values_justification: cbam.default_values_justification.clone(),
            quality_assurance: cbam.quality_assurance.clone(),
        },
        additional_information: cbam.additional_information.clone(),
        to_be_confirmed,
        precheck,
        receipt,
    })
}

mod xlsx;
pub use xlsx::{xlsx, PRODUCT_COLUMNS};

// The tests read the workbook back with calamine, a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    //! The communication of the three shipped steel examples: its figures are the result's
    //! bit for bit, the workbook read back (calamine, an independent reader) holds every
    //! number of the JSON document with the same bits, the same inputs give the same bytes,
    //! and the meta's errors name their path.
    use super::*;
    use crate::factors::FactorSet;
    use crate::reports::{report, sealed, Format, Lang, Options, Report};
    use calamine::{Data, Reader, Xlsx};

    const EXAMPLES: [&str; 3] = [
        "steel-bf-bof-coil.json",
        "steel-dri-eaf-slab.json",
        "steel-scrap-eaf-rebar.json",
    ];

    fn read(rel: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
        std::fs::read_to_string(path).expect("file exists")
    }

    fn sealed_text(example: &str) -> String {
        crate::compute_json(
            &read(&format!("examples/{example}")),
            FactorSet::builtin().expect("built-in"),
        )
        .expect("computes")
    }

    fn meta() -> String {
        read("tests/data/reports/cbam-meta.json")
    }

    fn run(text: &str, format: Option<Format>, meta: Option<&str>) -> Result<Report> {
        let o = Options {
            format,
            lang: Lang::En,
            meta: meta.map(str::to_string),
            uncertainty: None,
        };
        report(
            "cbam-communication",
            text,
            &o,
            FactorSet::builtin().expect("built-in"),
        )
    }

    fn steel_metrics(r: &FootprintResult) -> &SteelMetrics {
        match &r.sector {
            Some(SectorMetrics::Steel(m)) => m,
            _ => panic!("a steel result"),
        }
    }

    fn bits(v: &serde_json::Value) -> u64 {
        v.as_f64().expect("a number").to_bits()
    }

    /// Every number of a JSON value but the pre-check's counts, in document order.
    fn numbers(v: &serde_json::Value, out: &mut Vec<f64>) {
        match v {
            serde_json::Value::Number(n) => out.push(n.as_f64().expect("f64")),
            serde_json::Value::Array(a) => a.iter().for_each(|x| numbers(x, out)),
            serde_json::Value::Object(o) => o
                .iter()
                .filter(|(k, _)| k.as_str() != "precheck")
                .for_each(|(_, x)| numbers(x, out)),
            _ => {}
        }
    }

    /// The workbook's sheets as rows of cells.
    fn workbook(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
        let mut wb: Xlsx<_> =
            Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an xlsx workbook");
        let names = wb.sheet_names().to_vec();
        names
            .into_iter()
            .map(|n| {
                let range = wb.worksheet_range(&n).expect("a sheet");
                let rows = range.rows().map(<[Data]>::to_vec).collect();
                (n, rows)
            })
            .collect()
    }

    fn cell(d: &Data) -> String {
        match d {
            Data::String(s) => s.clone(),
            Data::Empty => String::new(),
            other => other.to_string(),
        }
    }

    /// The number in column `col` of the row of sheet `sheet` whose column B is `label`.
    fn figure(wb: &[(String, Vec<Vec<Data>>)], sheet: &str, label: &str, col: usize) -> f64 {
        let rows = &wb.iter().find(|(n, _)| n == sheet).expect("the sheet").1;
        let row = rows
            .iter()
            .find(|r| r.get(1).map(cell).as_deref() == Some(label))
            .unwrap_or_else(|| panic!("{sheet}: no row {label:?}"));
        match row.get(col) {
            Some(Data::Float(x)) => *x,
            Some(Data::Int(x)) => *x as f64,
            other => panic!("{sheet} {label:?}: not a number: {other:?}"),
        }
    }

    #[test]
    fn figures_are_the_results_bit_for_bit() {
        for example in EXAMPLES {
            let text = sealed_text(example);
            let r = sealed(&text).expect("sealed");
            let m = steel_metrics(&r);
            let doc = run(&text, None, Some(&meta())).expect("writes");
            assert_eq!(doc.format, Format::Json);
            let v: serde_json::Value = serde_json::from_str(&doc.text).expect("JSON");
            assert_eq!(v["schema"], TAG);
            let g = &v["goods"][0];
            assert_eq!(g["cn_code"], m.cn_code.as_str(), "{example}");
            assert_eq!(g["production_route"], m.route.as_str());
            assert_eq!(bits(&g["see_direct"]), m.see_direct.to_bits(), "{example}");
            assert_eq!(bits(&g["see_indirect"]), m.see_indirect.to_bits());
            assert_eq!(
                bits(&g["see_total"]),
                (m.see_direct + m.see_indirect).to_bits()
            );
            let e = &v["emissions"];
            for (key, x) in [
                ("activity_level_t", m.activity_level_t),
                ("attributed_direct_t", m.attributed_direct_t),
                ("attributed_indirect_t", m.attributed_indirect_t),
                ("precursors_direct_t", m.precursors_direct_t),
                ("precursors_indirect_t", m.precursors_indirect_t),
                ("net_carbon_t", m.net_carbon_t),
            ] {
                assert_eq!(bits(&e[key]), x.to_bits(), "{example} {key}");
            }
            // The embedded electricity: the indirect lines' kWh ÷ 1000 ÷ the activity level.
            let kwh: f64 = r
                .lines
                .iter()
                .filter(|l| l.stage == "indirect")
                .filter_map(|l| l.converted_amount)
                .sum();
            assert_eq!(
                bits(&g["embedded_electricity_mwh_per_t"]),
                (kwh / 1000.0 / m.activity_level_t).to_bits()
            );
            assert_eq!(
                bits(&g["electricity_ef_t_co2e_per_mwh"]),
                0.5777f64.to_bits()
            );
            let d = m.cbam_default.as_ref().expect("a default value for CN");
            assert_eq!(
                bits(&g["cbam_default"]["t_co2e_per_t"]),
                d.t_co2e_per_t.to_bits()
            );
            // The carbon price: the meta's, the effective amount due − rebate.
            let c = &g["carbon_price"];
            assert_eq!(bits(&c["due_per_t"]), 12.5f64.to_bits());
            assert_eq!(bits(&c["effective_due_per_t"]), (12.5f64 - 10.25).to_bits());
            // The installation: the study's name and country, the meta's address.
            assert_eq!(v["installation"]["country"], "CN");
            assert_eq!(v["installation"]["unlocode"], "CNSHA");
            assert_eq!(
                v["reporting_period"],
                serde_json::json!({"start": "2026-01-01", "end": "2026-12-31"})
            );
            assert_eq!(v["precheck"]["scheme"], "cbam-steel");
            let rc = r.receipt.as_ref().expect("sealed");
            assert_eq!(v["receipt"]["result_sha256"], rc.result_sha256.as_str());
            assert_eq!(v["receipt"]["input_sha256"], rc.input_sha256.as_str());
        }
        // The DRI example's precursor, as its study declares it.
        let text = sealed_text("steel-dri-eaf-slab.json");
        let v: serde_json::Value =
            serde_json::from_str(&run(&text, None, Some(&meta())).expect("writes").text)
                .expect("JSON");
        let p = &v["precursors"]["list"][0];
        assert_eq!(p["name"], "direct reduced iron");
        assert_eq!(
            (
                bits(&p["amount"]),
                bits(&p["see_direct"]),
                bits(&p["see_indirect"])
            ),
            (950f64.to_bits(), 1f64.to_bits(), 0.1f64.to_bits())
        );
    }

    #[test]
    fn the_workbook_holds_every_number_of_the_document_with_the_same_bits() {
        for example in EXAMPLES {
            let text = sealed_text(example);
            let r = sealed(&text).expect("sealed");
            let m = steel_metrics(&r);
            let json = run(&text, Some(Format::Json), Some(&meta())).expect("writes");
            let doc = run(&text, Some(Format::Xlsx), Some(&meta())).expect("writes");
            assert_eq!(doc.format, Format::Xlsx);
            assert!(doc.text.is_empty());
            let bytes = doc.binary.as_deref().expect("bytes");
            assert_eq!(doc.bytes(), bytes);
            assert!(bytes.starts_with(b"PK\x03\x04"), "a zip package");
            let wb = workbook(bytes);
            let names: Vec<&str> = wb.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(
                names,
                [
                    "Summary_Communication",
                    "D_Processes",
                    "E_PurchPrec",
                    "pcf_Receipt"
                ]
            );
            // Every number of the JSON document (but the pre-check's counts) is a numeric
            // cell of the workbook, with the same bits.
            let mut cells: Vec<u64> = wb
                .iter()
                .flat_map(|(_, rows)| rows.iter().flatten())
                .filter_map(|d| match d {
                    Data::Float(x) => Some(x.to_bits()),
                    Data::Int(x) => Some((*x as f64).to_bits()),
                    _ => None,
                })
                .collect();
            let value: serde_json::Value = serde_json::from_str(&json.text).expect("JSON");
            let mut wanted = Vec::new();
            numbers(&value, &mut wanted);
            assert!(wanted.len() >= 20, "{example}: {} numbers", wanted.len());
            for x in wanted {
                let at = cells.iter().position(|c| *c == x.to_bits());
                assert!(at.is_some(), "{example}: {x} is not in the workbook");
                cells.swap_remove(at.unwrap_or_default());
            }
            // And by place: the result's figures where the template puts them.
            let s = "Summary_Communication";
            for (label, x) in [
                (
                    "Total direct emissions during reporting period (attributed to the production process):",
                    m.attributed_direct_t,
                ),
                (
                    "Total indirect emissions during reporting period:",
                    m.attributed_indirect_t,
                ),
                (
                    "Direct emissions embedded in the precursors consumed:",
                    m.precursors_direct_t,
                ),
                (
                    "Indirect emissions embedded in the precursors consumed:",
                    m.precursors_indirect_t,
                ),
                ("Coordinates of the main emission source (latitude):", 31.23),
                ("Coordinates of the main emission source (longitude):", 121.47),
            ] {
                assert_eq!(figure(&wb, s, label, 2).to_bits(), x.to_bits(), "{label}");
            }
            assert_eq!(
                figure(
                    &wb,
                    "D_Processes",
                    "Total production level (activity level):",
                    2
                )
                .to_bits(),
                m.activity_level_t.to_bits()
            );
            let rows = &wb[0].1;
            let header = rows
                .iter()
                .position(|r| r.first().map(cell).as_deref() == Some("#"))
                .expect("the summary of products");
            let heads: Vec<String> = rows[header].iter().map(cell).collect();
            assert_eq!(heads, PRODUCT_COLUMNS);
            let product = &rows[header + 1];
            let col = |name: &str| {
                let i = PRODUCT_COLUMNS
                    .iter()
                    .position(|c| *c == name)
                    .expect("a column");
                product[i].clone()
            };
            assert_eq!(cell(&col("CN Codes")), m.cn_code);
            assert_eq!(cell(&col("Production route")), m.route);
            assert_eq!(col("SEE (direct)"), Data::Float(m.see_direct));
            assert_eq!(col("SEE (indirect)"), Data::Float(m.see_indirect));
            assert_eq!(
                col("SEE (total)"),
                Data::Float(m.see_direct + m.see_indirect)
            );
            assert_eq!(
                cell(&col("Share of emissions by default value")),
                "to be confirmed"
            );
            assert_eq!(
                col("Result: Effective CP due (per produced t)"),
                Data::Float(2.25)
            );
            // The receipt, as text.
            let rc = r.receipt.as_ref().expect("sealed");
            let receipt: Vec<String> = wb[3].1.iter().flatten().map(cell).collect();
            assert!(receipt.contains(&rc.result_sha256));
            assert!(receipt.contains(&rc.input_sha256));
        }
    }

    #[test]
    fn the_same_inputs_give_the_same_bytes_and_the_date_is_the_metas() {
        let text = sealed_text("steel-scrap-eaf-rebar.json");
        let once = run(&text, Some(Format::Xlsx), Some(&meta())).expect("writes");
        let again = run(&text, Some(Format::Xlsx), Some(&meta())).expect("writes");
        assert_eq!(once.bytes(), again.bytes());
        // The core properties, as stored (calamine does not read them).
        let core = |bytes: &[u8]| zip_text(bytes, "docProps/core.xml");
        assert!(core(once.bytes()).contains(
            "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-03-01T00:00:00Z</dcterms:created>"
        ));
        // Without a date: 1980-01-01, the zip format's first date.
        let no_date = meta().replace("\"date\": \"2026-03-01\"", "\"date\": null");
        let undated = run(&text, Some(Format::Xlsx), Some(&no_date)).expect("writes");
        assert!(core(undated.bytes()).contains(">1980-01-01T00:00:00Z</dcterms:created>"));
        assert_ne!(undated.bytes(), once.bytes());
    }

    /// A file of the package, as text.
    fn zip_text(bytes: &[u8], name: &str) -> String {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
        let mut out = String::new();
        zip.by_name(name)
            .expect("the file")
            .read_to_string(&mut out)
            .expect("UTF-8");
        out
    }

    #[test]
    fn the_metas_errors_name_their_path() {
        let text = sealed_text("steel-bf-bof-coil.json");
        let full: serde_json::Value = serde_json::from_str(&meta()).expect("JSON");
        let with = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut m = full.clone();
            edit(&mut m);
            run(&text, None, Some(&m.to_string())).expect_err("refused")
        };
        let cases: Vec<(Error, &str, &str)> = vec![
            (
                run(&text, None, None).expect_err("no meta"),
                "invalid_document",
                "$meta.cbam",
            ),
            (
                with(&|m| {
                    m["cbam"]["installation"]
                        .as_object_mut()
                        .expect("object")
                        .remove("unlocode");
                }),
                "invalid_document",
                "$meta.cbam.installation.unlocode",
            ),
            (
                with(&|m| m["cbam"]["installation"]["unlocode"] = "DEHAM".into()),
                "invalid_value",
                "$meta.cbam.installation.unlocode",
            ),
            (
                with(&|m| m["cbam"]["installation"]["unlocode"] = "CN-SHA".into()),
                "invalid_value",
                "$meta.cbam.installation.unlocode",
            ),
            (
                with(&|m| {
                    m["cbam"]["installation"]
                        .as_object_mut()
                        .expect("object")
                        .remove("longitude");
                }),
                "invalid_document",
                "$meta.cbam.installation.longitude",
            ),
            (
                with(&|m| {
                    let o = m["cbam"]["operator"].as_object_mut().expect("object");
                    o.remove("email");
                    o.remove("telephone");
                }),
                "invalid_document",
                "$meta.cbam.operator.email",
            ),
            (
                with(&|m| m["cbam"]["carbon_price"]["currency"] = "yuan".into()),
                "invalid_value",
                "$meta.cbam.carbon_price.currency",
            ),
            (
                with(&|m| {
                    m["cbam"]["carbon_price"]
                        .as_object_mut()
                        .expect("object")
                        .remove("due_per_t");
                }),
                "invalid_document",
                "$meta.cbam.carbon_price.due_per_t",
            ),
            (
                with(&|m| m["cbam"]["carbon_price"]["share_covered"] = 1.5.into()),
                "invalid_value",
                "$meta.cbam.carbon_price.share_covered",
            ),
            (
                with(&|m| m["cbam"]["operator"]["name"] = " ".into()),
                "invalid_value",
                "$meta.cbam.operator.name",
            ),
            (
                with(&|m| m["cbam"]["installation"]["street"] = "x".into()),
                "invalid_document",
                "$meta.cbam.installation.street",
            ),
        ];
        for (e, code, path) in cases {
            assert_eq!((e.code(), e.path()), (code, path), "{e}");
        }
    }

    #[test]
    fn the_communication_applies_to_steel_only_and_xlsx_to_it_alone() {
        let battery = crate::compute_json(
            &read("examples/battery-m1-75kwh.json"),
            FactorSet::builtin().expect("built-in"),
        )
        .expect("computes");
        let e = run(&battery, None, Some(&meta())).expect_err("not steel");
        assert_eq!((e.code(), e.path()), ("invalid_value", "kind"));
        assert!(
            e.to_string().contains("cbam-communication applies to a result of the steel (CBAM) template (pcf-steel/1); this is a pcf-battery/1 result, to which these kinds apply: battery-passport, battery-declaration, cfp-report, label"),
            "{e}"
        );
        let o = Options {
            format: Some(Format::Xlsx),
            ..Default::default()
        };
        let e = report(
            "battery-passport",
            &battery,
            &o,
            FactorSet::builtin().expect("built-in"),
        )
        .expect_err("no xlsx");
        assert_eq!((e.code(), e.path()), ("invalid_value", "format"));
        let e = run(
            &sealed_text("steel-bf-bof-coil.json"),
            Some(Format::Html),
            Some(&meta()),
        )
        .expect_err("no html");
        assert_eq!((e.code(), e.path()), ("invalid_value", "format"));
        assert!(e.to_string().contains("written as json or xlsx"), "{e}");
    }

    #[test]
    fn without_the_optional_meta_the_open_items_are_to_be_confirmed() {
        let text = sealed_text("steel-bf-bof-coil.json");
        let least = r#"{"cbam": {
            "installation": {"street_address": "1 Road", "city": "Tangshan", "unlocode": "CN TSN", "latitude": 39.6, "longitude": 118.2},
            "operator": {"name": "Op", "telephone": "+86 0"}}}"#;
        let v: serde_json::Value =
            serde_json::from_str(&run(&text, None, Some(least)).expect("writes").text)
                .expect("JSON");
        let fields: Vec<&str> = v["to_be_confirmed"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|t| t["field"].as_str().expect("a field"))
            .collect();
        assert_eq!(
            fields,
            [
                "legal_basis",
                "definitive_period",
                "aggregated_goods_category",
                "production_route",
                "qualifying_parameters",
                "carbon_price",
                "default_values_share",
                "verification"
            ]
        );
        // Annex IV was read: the legal basis names its sections, and what stays open is only
        // whether a later amendment changed it.
        assert_eq!(v["legal_basis"], LEGAL_BASIS);
        assert!(LEGAL_BASIS.contains("Annex IV"));
        let basis = v["to_be_confirmed"][0]["reason_en"]
            .as_str()
            .expect("a reason");
        assert!(
            basis.contains("Annex IV of Implementing Regulation (EU) 2023/1773 was read"),
            "{basis}"
        );
        assert!(
            basis.contains("consolidated version of 31 October 2024"),
            "{basis}"
        );
        assert!(!basis.contains("not read for this pcf"), "{basis}");
        let qualifying = v["to_be_confirmed"][4]["reason_en"]
            .as_str()
            .expect("a reason");
        assert!(qualifying.contains("Annex IV section 2"), "{qualifying}");
        assert!(v["goods"][0].get("carbon_price").is_none());
        assert!(v.get("date").is_none());
        // The BF-BOF example has no precursor: an empty list, and the sums are the result's.
        assert_eq!(v["precursors"]["list"], serde_json::json!([]));
        let wb = workbook(
            run(&text, Some(Format::Xlsx), Some(least))
                .expect("writes")
                .bytes(),
        );
        let cells: Vec<String> = wb[0].1.iter().flatten().map(cell).collect();
        assert!(cells.iter().filter(|c| *c == "to be confirmed").count() >= 4);
    }
}
