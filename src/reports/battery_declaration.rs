//! `battery-declaration`: the carbon-footprint declaration of Regulation (EU) 2023/1542,
//! art. 7(1) (a)–(g) — manufacturer, battery model, manufacturing plant, kg CO2e per kWh of the
//! energy delivered over the service life, the same per life-cycle stage, the EU declaration of
//! conformity's id, the link to the public study — with the performance class the user was
//! given (art. 7(2)), the figures of the MIIT traction-battery carbon-footprint declaration (申报)
//! (工信厅通装函〔2025〕551号: the four stages' emissions, the lifetime energy, their quotient),
//! the `eu-battery` and `cn-battery-declaration` pre-check verdicts and the result's receipt.
//! JSON (schema `schema/pcf-battery-declaration-1.schema.json`) or a printable HTML page in
//! English or Chinese, written from the same typed declaration.

use serde::Serialize;

use super::battery::figures;
use super::battery_passport::{methodology_item, performance_class_item};
use super::html::{escape, number, page, row, verdict_words};
use super::meta::{ManufacturerInfo, PlantInfo};
use super::{DocumentReceipt, Lang, Meta, ToConfirm, Verdict};
use crate::error::Result;
use crate::result::FootprintResult;

/// The document's schema tag.
pub const TAG: &str = "pcf-battery-declaration/1";

/// The declaration, as pcf writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(
        title = "pcf-battery-declaration/1: the EU Battery Regulation art. 7(1) carbon-footprint declaration and the MIIT declaration figures"
    )
)]
pub struct BatteryDeclaration {
    /// Always `pcf-battery-declaration/1`.
    pub schema: &'static str,
    /// The provision the declaration answers.
    pub legal_basis: &'static str,
    /// The calculation rules followed (a draft act: see `to_be_confirmed`).
    pub methodology: &'static str,
    /// The date of issue, when the meta gives one (`YYYY-MM-DD`; pcf reads no clock).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// (a) Administrative information about the manufacturer.
    pub manufacturer: ManufacturerInfo,
    /// (b) The battery model.
    pub battery_model: BatteryModel,
    /// (c) The geographic location of the manufacturing plant.
    pub manufacturing_plant: PlantInfo,
    /// (d) The carbon footprint per kWh of the total energy delivered over the service life.
    pub carbon_footprint: CarbonFootprint,
    /// (e) The carbon footprint per life-cycle stage (Annex II point 4), in its order.
    pub by_stage: Vec<DeclaredStage>,
    /// (f) The identification number of the EU declaration of conformity.
    pub declaration_of_conformity_id: String,
    /// (g) Web link to the public version of the study supporting the values.
    pub public_study_url: String,
    /// Art. 7(2): the performance class the user was given, as given (never computed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_class: Option<String>,
    /// The third-party verification report's reference, when the meta gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification_report: Option<String>,
    /// The MIIT traction-battery declaration figures.
    pub miit_declaration: MiitDeclaration,
    /// What the declaration cannot settle.
    pub to_be_confirmed: Vec<ToConfirm>,
    /// The verdicts of the `eu-battery` and `cn-battery-declaration` pre-checks.
    pub precheck: Vec<Verdict>,
    /// The result's receipt: what `pcf verify` checks the result file against.
    pub receipt: DocumentReceipt,
}

/// The battery model, as the study gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BatteryModel {
    /// Model name (the template's `battery.name`).
    pub name: String,
    /// Chinese name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Product code (the template's `battery.code`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Cell chemistry.
    pub chemistry: String,
    /// Vehicle category.
    pub vehicle_category: String,
    /// Usable capacity, kWh.
    pub usable_capacity_kwh: f64,
}

/// Point (d): the footprint and its functional unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CarbonFootprint {
    /// kg CO2e per kWh of lifetime energy: the result's
    /// `sector.battery.kg_co2e_per_kwh_lifetime_energy`.
    pub kg_co2e_per_kwh: f64,
    /// Total energy delivered over the service life, kWh.
    pub lifetime_energy_kwh: f64,
    /// Full-equivalent cycles per year.
    pub cycles_per_year: f64,
    /// Where the cycle count comes from.
    pub cycles_source: String,
    /// Warranty, years.
    pub warranty_years: f64,
    /// kg CO2e per battery: the result's `total_kg_co2e`.
    pub absolute_kg_co2e: f64,
    /// The GWP100 set.
    pub gwp_set: String,
}

/// Point (e): one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DeclaredStage {
    /// The stage (`raw_material_acquisition`, `main_production`, `distribution`,
    /// `end_of_life`).
    pub stage: String,
    /// Its name, English.
    pub name_en: String,
    /// Its name, Chinese.
    pub name_zh: String,
    /// kg CO2e per kWh of lifetime energy: the stage total ÷ the lifetime energy.
    pub kg_co2e_per_kwh: f64,
    /// kg CO2e per battery: the result's stage total.
    pub kg_co2e: f64,
}

/// The MIIT traction-battery declaration figures (工信厅通装函〔2025〕551号, as secondary sources
/// report it): the four stages' emissions, the lifetime energy and the footprint, their sum ÷
/// the energy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MiitDeclaration {
    /// The notice the declaration follows.
    pub basis: &'static str,
    /// The four stages' emissions, kg CO2e per battery pack.
    pub stages: Vec<MiitStage>,
    /// Their sum, kg CO2e: the result's `total_kg_co2e` (the four stages are the study's
    /// whole boundary).
    pub total_kg_co2e: f64,
    /// Total energy delivered over the service life, kWh.
    pub lifetime_energy_kwh: f64,
    /// kg CO2e per kWh: the sum ÷ the lifetime energy (the same figure as point (d)).
    pub kg_co2e_per_kwh: f64,
}

/// One stage of the MIIT declaration.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MiitStage {
    /// The stage (the template's id).
    pub stage: String,
    /// The declaration's name of it (Chinese).
    pub name_zh: String,
    /// kg CO2e per battery pack.
    pub kg_co2e: f64,
}

/// The MIIT declaration's names of the four stages, as secondary sources give them.
const MIIT_STAGE_NAMES: [(&str, &str); 4] = [
    ("raw_material_acquisition", "原材料获取"),
    ("main_production", "电池生产制造"),
    ("distribution", "分销运输"),
    ("end_of_life", "回收利用"),
];

/// Builds the declaration of a battery result: the figures from the result, the rest from the
/// meta, which must give the manufacturer (name, address), the plant (town, country), the EU
/// declaration of conformity's id and the public study's link.
pub fn build(
    result: &FootprintResult,
    meta: &Meta,
    receipt: DocumentReceipt,
    eu: Verdict,
    cn: Verdict,
) -> Result<BatteryDeclaration> {
    let f = figures(result)?;
    let manufacturer = meta.manufacturer_required()?;
    let manufacturing_plant = meta.plant_required()?;
    let declaration_of_conformity_id = meta.doc_id_required()?;
    let public_study_url = meta
        .study_url("the link to the public version of the carbon-footprint study (art. 7(1)(g))")?;
    let m = f.metrics;
    let mut to_be_confirmed = vec![
        methodology_item(),
        ToConfirm::new(
            "format",
            "The declaration's format is set by an implementing act still in draft (2024 consultation): the order and wording of the fields, and what point (a) requires besides the name and address, may change.",
            "声明格式由一项仍为草案的实施法案规定(2024年征求意见)：字段的顺序和措辞，以及(a)项除名称和地址外的要求，可能改变。",
        ),
        performance_class_item("performance_class", meta.performance_class.is_some()),
        ToConfirm::new(
            "miit_declaration",
            "The MIIT declaration figures follow the notice 工信厅通装函〔2025〕551号 as MIIT's own explanation of it describes the calculation (the four stages' emissions ÷ the energy the pack delivers over its life); the notice's text and the declaration platform's form are not yet checked.",
            "工信部申报数据依据工信部对工信厅通装函〔2025〕551号的解读所述的核算方法(四个阶段的碳排放总量÷电池包全生命周期提供的总能量)；通知原文和申报平台的表单尚未核实。",
        ),
    ];
    if meta.verification_report.is_none() {
        to_be_confirmed.push(ToConfirm::new(
            "verification_report",
            "No verification report is named: the EU footprint is verified by a notified body, and the MIIT declaration needs a third-party verifier's report; give its reference in the meta (verification_report) once done.",
            "未注明核查报告：欧盟碳足迹须经公告机构核查，工信部申报须附第三方核查报告；完成后请在 meta 中填写其编号(verification_report)。",
        ));
    }
    let by_stage = f
        .stages
        .iter()
        .map(|s| DeclaredStage {
            stage: s.id.into(),
            name_en: s.name_en.into(),
            name_zh: s.name_zh.into(),
            kg_co2e_per_kwh: s.kg_co2e_per_kwh,
            kg_co2e: s.kg_co2e,
        })
        .collect();
    let miit_stages = f
        .stages
        .iter()
        .map(|s| MiitStage {
            stage: s.id.into(),
            name_zh: MIIT_STAGE_NAMES
                .iter()
                .find(|(id, _)| *id == s.id)
                .map(|(_, n)| *n)
                .unwrap_or(s.name_zh)
                .into(),
            kg_co2e: s.kg_co2e,
        })
        .collect();
    Ok(BatteryDeclaration {
        schema: TAG,
        legal_basis: "Regulation (EU) 2023/1542, Article 7(1)",
        methodology: "Regulation (EU) 2023/1542 Annex II; draft delegated act on the carbon footprint of EV batteries, Ares(2024)3131389",
        date: meta.date.clone(),
        manufacturer,
        battery_model: BatteryModel {
            name: result.product.name.clone(),
            name_zh: result.product.name_zh.clone(),
            code: result.product.code.clone(),
            chemistry: m.chemistry.clone(),
            vehicle_category: m.vehicle_category.clone(),
            usable_capacity_kwh: m.usable_capacity_kwh,
        },
        manufacturing_plant,
        carbon_footprint: CarbonFootprint {
            kg_co2e_per_kwh: m.kg_co2e_per_kwh_lifetime_energy,
            lifetime_energy_kwh: m.lifetime_energy_kwh,
            cycles_per_year: m.cycles_per_year,
            cycles_source: m.cycles_source.clone(),
            warranty_years: m.warranty_years,
            absolute_kg_co2e: result.total_kg_co2e,
            gwp_set: result.gwp_set.clone(),
        },
        by_stage,
        declaration_of_conformity_id,
        public_study_url,
        performance_class: meta.performance_class.clone(),
        verification_report: meta.verification_report.clone(),
        miit_declaration: MiitDeclaration {
            basis: "MIIT 工信厅通装函〔2025〕551号 (30 Dec 2025), 关于开展汽车动力电池碳足迹申报工作的通知: traction-battery carbon-footprint declaration",
            stages: miit_stages,
            total_kg_co2e: result.total_kg_co2e,
            lifetime_energy_kwh: m.lifetime_energy_kwh,
            kg_co2e_per_kwh: m.kg_co2e_per_kwh_lifetime_energy,
        },
        to_be_confirmed,
        precheck: vec![eu, cn],
        receipt,
    })
}

/// The words of the page, one set per language.
struct Words {
    lang: &'static str,
    title: &'static str,
    subtitle: &'static str,
    methodology: &'static str,
    date: &'static str,
    clause: &'static str,
    item: &'static str,
    value: &'static str,
    manufacturer: &'static str,
    trade_name: &'static str,
    address: &'static str,
    contact: &'static str,
    model: &'static str,
    code: &'static str,
    chemistry: &'static str,
    category: &'static str,
    capacity: &'static str,
    plant: &'static str,
    coordinates: &'static str,
    footprint: &'static str,
    per_kwh: &'static str,
    functional_unit: &'static str,
    years: &'static str,
    cycles: &'static str,
    absolute: &'static str,
    per_battery: &'static str,
    stages: &'static str,
    stage: &'static str,
    total: &'static str,
    doc_id: &'static str,
    study: &'static str,
    class: &'static str,
    class_note: &'static str,
    verification: &'static str,
    to_confirm: &'static str,
    miit_title: &'static str,
    miit_stage_emissions: &'static str,
    miit_sum: &'static str,
    lifetime_energy: &'static str,
    miit_footprint: &'static str,
    precheck_title: &'static str,
    scheme: &'static str,
    verdict: &'static str,
    counts: &'static str,
    findings: &'static str,
    none: &'static str,
    see_below: &'static str,
    receipt_title: &'static str,
    receipt_note: &'static str,
    open_title: &'static str,
    footer: &'static str,
}

const EN: Words = Words {
    lang: "en",
    title: "Battery carbon footprint declaration",
    subtitle: "Regulation (EU) 2023/1542 on batteries and waste batteries, Article 7(1)",
    methodology: "Calculation rules",
    date: "Date of issue",
    clause: "Clause",
    item: "Item",
    value: "Declared",
    manufacturer: "Manufacturer",
    trade_name: "Registered trade name or mark",
    address: "Address",
    contact: "Contact",
    model: "Battery model",
    code: "Product code",
    chemistry: "Cell chemistry",
    category: "Vehicle category",
    capacity: "Usable capacity",
    plant: "Manufacturing plant",
    coordinates: "Coordinates",
    footprint: "Carbon footprint",
    per_kwh: "kg CO2e per kWh of total energy delivered over the expected service life",
    functional_unit: "Total energy over the service life",
    years: "years",
    cycles: "cycles per year",
    absolute: "Carbon footprint per battery",
    per_battery: "kg CO2e per battery",
    stages: "Carbon footprint per life-cycle stage",
    stage: "Life-cycle stage (Annex II point 4)",
    total: "Total",
    doc_id: "EU declaration of conformity, identification number",
    study: "Public version of the carbon footprint study",
    class: "Carbon footprint performance class",
    class_note: "given by the manufacturer; not computed by pcf",
    verification: "Verification report",
    to_confirm: "to be confirmed",
    miit_title: "MIIT traction-battery carbon footprint declaration (申报, 工信厅通装函〔2025〕551号)",
    miit_stage_emissions: "Emissions per stage, kg CO2e per battery pack",
    miit_sum: "Sum of the four stages",
    lifetime_energy: "Total energy over the service life",
    miit_footprint: "Carbon footprint (sum ÷ total energy)",
    precheck_title: "Pre-check verdicts",
    scheme: "Scheme",
    verdict: "Verdict",
    counts: "passed / failed errors / failed warnings / not applicable",
    findings: "Rules not passed",
    none: "none",
    see_below: "in the table below",
    receipt_title: "Receipt of the calculation",
    receipt_note: "The result file with this receipt is checked with `pcf verify RESULT.json`: it recomputes both digests and every figure.",
    open_title: "To be confirmed",
    footer: "Written by pcf from the sealed result; the same result and meta give the same file.",
};

const ZH: Words = Words {
    lang: "zh-CN",
    title: "电池碳足迹声明",
    subtitle: "欧盟电池与废电池法规 (EU) 2023/1542 第7条第1款",
    methodology: "计算规则",
    date: "签发日期",
    clause: "条款",
    item: "项目",
    value: "声明内容",
    manufacturer: "制造商",
    trade_name: "注册商号或商标",
    address: "地址",
    contact: "联系方式",
    model: "电池型号",
    code: "产品编码",
    chemistry: "电芯化学体系",
    category: "车辆类别",
    capacity: "可用容量",
    plant: "生产工厂",
    coordinates: "坐标",
    footprint: "碳足迹",
    per_kwh: "kg CO2e / 预期使用寿命内提供的总能量(kWh)",
    functional_unit: "使用寿命内的总能量",
    years: "年",
    cycles: "次循环/年",
    absolute: "每个电池的碳足迹",
    per_battery: "kg CO2e / 每个电池",
    stages: "各生命周期阶段的碳足迹",
    stage: "生命周期阶段(附件II第4点)",
    total: "合计",
    doc_id: "欧盟符合性声明编号",
    study: "碳足迹研究公开版本",
    class: "碳足迹性能等级",
    class_note: "由制造商提供；非 pcf 计算",
    verification: "核查报告",
    to_confirm: "待确认",
    miit_title: "工信部汽车动力电池碳足迹申报(工信厅通装函〔2025〕551号)",
    miit_stage_emissions: "各阶段排放，kg CO2e / 每个电池包",
    miit_sum: "四个阶段之和",
    lifetime_energy: "全生命周期总能量",
    miit_footprint: "碳足迹(总和 ÷ 总能量)",
    precheck_title: "预检结论",
    scheme: "方案",
    verdict: "结论",
    counts: "通过 / 错误未通过 / 警告未通过 / 不适用",
    findings: "未通过的规则",
    none: "无",
    see_below: "见下表",
    receipt_title: "计算凭据",
    receipt_note:
        "附此凭据的结果文件可用 `pcf verify RESULT.json` 核验：重新计算两个摘要和每个数字。",
    open_title: "待确认事项",
    footer: "由 pcf 根据已封存的结果生成；相同的结果和 meta 生成相同的文件。",
};

/// A figure with its unit, the figure exactly as the result writes it.
fn figure(x: f64, unit: &str) -> String {
    format!(
        "<span class=\"figure\">{}</span> {}",
        number(x),
        escape(unit)
    )
}

fn to_confirm(w: &Words) -> String {
    format!("<span class=\"tbc\">{}</span>", escape(w.to_confirm))
}

/// The declaration as a printable, self-contained HTML page in `lang`: every user text
/// escaped, every figure as the JSON declaration writes it.
pub fn html(d: &BatteryDeclaration, lang: Lang) -> String {
    let w = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let zh = lang == Lang::Zh;
    let e = |s: &str| escape(s);
    let mut b = String::new();
    b.push_str(&format!("<h1>{}</h1>\n", e(w.title)));
    b.push_str(&format!(
        "<p class=\"sub\">{}<br>{}: {}",
        e(w.subtitle),
        e(w.methodology),
        e(d.methodology)
    ));
    if let Some(date) = &d.date {
        b.push_str(&format!("<br>{}: {}", e(w.date), e(date)));
    }
    b.push_str("</p>\n");

    // Art. 7(1) (a)–(g), clause by clause.
    b.push_str(&format!(
        "<table>\n<tr><th class=\"clause\">{}</th><th>{}</th><th>{}</th></tr>\n",
        e(w.clause),
        e(w.item),
        e(w.value)
    ));
    let clause_row = |clause: &str, item: &str, value: &str| {
        format!(
            "<tr><td class=\"clause\">{}</td><th>{}</th><td>{}</td></tr>\n",
            e(clause),
            e(item),
            value
        )
    };
    let m = &d.manufacturer;
    let mut manu = e(&m.name);
    if let Some(t) = &m.trade_name {
        manu.push_str(&format!("<br>{}: {}", e(w.trade_name), e(t)));
    }
    manu.push_str(&format!("<br>{}: {}", e(w.address), e(&m.address)));
    if let Some(c) = &m.contact {
        manu.push_str(&format!("<br>{}: {}", e(w.contact), e(c)));
    }
    b.push_str(&clause_row("Art. 7(1)(a)", w.manufacturer, &manu));

    let bm = &d.battery_model;
    let mut model = match (zh, &bm.name_zh) {
        (true, Some(n)) => format!("{}<br>{}", e(n), e(&bm.name)),
        _ => e(&bm.name),
    };
    if let Some(c) = &bm.code {
        model.push_str(&format!("<br>{}: {}", e(w.code), e(c)));
    }
    model.push_str(&format!(
        "<br>{}: {}; {}: {}; {}: {}",
        e(w.chemistry),
        e(&bm.chemistry),
        e(w.category),
        e(&bm.vehicle_category),
        e(w.capacity),
        figure(bm.usable_capacity_kwh, "kWh")
    ));
    b.push_str(&clause_row("Art. 7(1)(b)", w.model, &model));

    let p = &d.manufacturing_plant;
    let mut plant = String::new();
    if let Some(n) = &p.name {
        plant.push_str(&format!("{}<br>", e(n)));
    }
    if let Some(s) = &p.street_address {
        plant.push_str(&format!("{}<br>", e(s)));
    }
    let town: Vec<String> = [&p.postal_code, &Some(p.locality.clone()), &p.region]
        .iter()
        .filter_map(|x| x.as_deref().map(e))
        .collect();
    plant.push_str(&format!("{}<br>{}", town.join(" "), e(&p.country)));
    if let (Some(lat), Some(lon)) = (p.latitude, p.longitude) {
        plant.push_str(&format!(
            "<br>{}: {}, {}",
            e(w.coordinates),
            number(lat),
            number(lon)
        ));
    }
    b.push_str(&clause_row("Art. 7(1)(c)", w.plant, &plant));

    let cf = &d.carbon_footprint;
    b.push_str(&clause_row(
        "Art. 7(1)(d)",
        w.footprint,
        &format!(
            "<strong>{}</strong><br><span class=\"note\">{}: {} ({} × {} {} × {} {}; {})</span><br>{}: {}",
            figure(cf.kg_co2e_per_kwh, w.per_kwh),
            e(w.functional_unit),
            figure(cf.lifetime_energy_kwh, "kWh"),
            figure(bm.usable_capacity_kwh, "kWh"),
            number(cf.cycles_per_year),
            e(w.cycles),
            number(cf.warranty_years),
            e(w.years),
            e(&cf.cycles_source),
            e(w.absolute),
            figure(cf.absolute_kg_co2e, "kg CO2e"),
        ),
    ));
    b.push_str(&clause_row("Art. 7(1)(e)", w.stages, &e(w.see_below)));
    b.push_str(&clause_row(
        "Art. 7(1)(f)",
        w.doc_id,
        &e(&d.declaration_of_conformity_id),
    ));
    b.push_str(&clause_row(
        "Art. 7(1)(g)",
        w.study,
        &format!(
            "<a href=\"{}\">{}</a>",
            e(&d.public_study_url),
            e(&d.public_study_url)
        ),
    ));
    b.push_str(&clause_row(
        "Art. 7(2)",
        w.class,
        &match &d.performance_class {
            Some(c) => format!("{} <span class=\"note\">({})</span>", e(c), e(w.class_note)),
            None => to_confirm(w),
        },
    ));
    b.push_str(&clause_row(
        "",
        w.verification,
        &match &d.verification_report {
            Some(v) => e(v),
            None => to_confirm(w),
        },
    ));
    b.push_str("</table>\n");

    // (e) per stage.
    b.push_str(&format!(
        "<h2>{} (Art. 7(1)(e))</h2>\n<table>\n",
        e(w.stages)
    ));
    b.push_str(&format!(
        "<tr><th>{}</th><th>kg CO2e/kWh</th><th>{}</th></tr>\n",
        e(w.stage),
        e(w.per_battery)
    ));
    for s in &d.by_stage {
        let name = if zh { &s.name_zh } else { &s.name_en };
        b.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            e(name),
            number(s.kg_co2e_per_kwh),
            number(s.kg_co2e)
        ));
    }
    b.push_str(&format!(
        "<tr><th>{}</th><td class=\"num\"><strong>{}</strong></td><td class=\"num\">{}</td></tr>\n</table>\n",
        e(w.total),
        number(cf.kg_co2e_per_kwh),
        number(cf.absolute_kg_co2e)
    ));

    // The MIIT declaration.
    let mi = &d.miit_declaration;
    b.push_str(&format!("<h2>{}</h2>\n<table>\n", e(w.miit_title)));
    b.push_str(&format!(
        "<tr><th>{}</th><th>kg CO2e</th></tr>\n",
        e(w.miit_stage_emissions)
    ));
    for s in &mi.stages {
        let name = match zh {
            true => s.name_zh.clone(),
            false => d
                .by_stage
                .iter()
                .find(|x| x.stage == s.stage)
                .map(|x| format!("{} ({})", x.name_en, s.name_zh))
                .unwrap_or_else(|| s.name_zh.clone()),
        };
        b.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{}</td></tr>\n",
            e(&name),
            number(s.kg_co2e)
        ));
    }
    b.push_str(&row(&[
        e(w.miit_sum).as_str(),
        &figure(mi.total_kg_co2e, "kg CO2e"),
    ]));
    b.push_str(&row(&[
        e(w.lifetime_energy).as_str(),
        &figure(mi.lifetime_energy_kwh, "kWh"),
    ]));
    b.push_str(&row(&[
        e(w.miit_footprint).as_str(),
        &format!(
            "<strong>{}</strong>",
            figure(mi.kg_co2e_per_kwh, "kg CO2e/kWh")
        ),
    ]));
    b.push_str(&row(&[
        e(w.verification).as_str(),
        &match &d.verification_report {
            Some(v) => e(v),
            None => to_confirm(w),
        },
    ]));
    b.push_str("</table>\n");

    // Pre-checks.
    b.push_str(&format!("<h2>{}</h2>\n", e(w.precheck_title)));
    for v in &d.precheck {
        let name = if zh {
            &v.scheme_name_zh
        } else {
            &v.scheme_name_en
        };
        b.push_str(&format!(
            "<table>\n<tr><th>{}</th><td>{} (<code>{}</code>)</td></tr>\n",
            e(w.scheme),
            e(name),
            e(&v.scheme)
        ));
        b.push_str(&format!(
            "<tr><th>{}</th><td class=\"verdict-{}\">{}</td></tr>\n",
            e(w.verdict),
            e(v.verdict),
            e(verdict_words(v.verdict, lang))
        ));
        let c = &v.counts;
        b.push_str(&format!(
            "<tr><th>{}</th><td>{} / {} / {} / {}</td></tr>\n",
            e(w.counts),
            c.passed,
            c.failed_errors,
            c.failed_warnings,
            c.not_applicable
        ));
        let findings = match v.findings.is_empty() {
            true => e(w.none),
            false => {
                let mut s = String::from("<ul>");
                for f in &v.findings {
                    let detail = if zh { &f.detail_zh } else { &f.detail };
                    s.push_str(&format!(
                        "<li><code>{}</code> ({}; {}): {}</li>",
                        e(&f.rule),
                        e(&f.severity),
                        e(&f.reference),
                        e(detail)
                    ));
                }
                s.push_str("</ul>");
                s
            }
        };
        b.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>\n</table>\n",
            e(w.findings),
            findings
        ));
    }

    // To be confirmed.
    b.push_str(&format!("<h2>{}</h2>\n<ul>\n", e(w.open_title)));
    for t in &d.to_be_confirmed {
        let reason = if zh { &t.reason_zh } else { &t.reason_en };
        b.push_str(&format!(
            "<li><code>{}</code>: {}</li>\n",
            e(&t.field),
            e(reason)
        ));
    }
    b.push_str("</ul>\n");

    // Receipt.
    let r = &d.receipt;
    b.push_str(&format!("<h2>{}</h2>\n<table>\n", e(w.receipt_title)));
    for (k, v) in [
        ("result_sha256", &r.result_sha256),
        ("input_sha256", &r.input_sha256),
        ("engine", &r.engine),
        ("factor_set_sha256", &r.factor_set_sha256),
    ] {
        b.push_str(&format!(
            "<tr><th>{}</th><td class=\"digest\">{}</td></tr>\n",
            k,
            e(v)
        ));
    }
    for v in &d.precheck {
        b.push_str(&format!(
            "<tr><th>rules_sha256 ({})</th><td class=\"digest\">{}</td></tr>\n",
            e(&v.scheme),
            e(&v.rules_sha256)
        ));
    }
    b.push_str(&format!(
        "</table>\n<p class=\"note\">{}</p>\n",
        e(w.receipt_note)
    ));
    b.push_str(&format!("<footer>{}</footer>\n", e(w.footer)));
    page(w.lang, &format!("{} — {}", w.title, bm.name), &b)
}
