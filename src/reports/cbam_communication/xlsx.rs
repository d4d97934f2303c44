//! The communication as an `.xlsx` workbook, laid out after the Commission's CBAM
//! Communication template for installations: `Summary_Communication` (the one-page extract the
//! template sends to reporting declarants: installation, production process and routes,
//! emissions, further information, then the summary of products), `D_Processes` (the
//! production process and its electricity), `E_PurchPrec` (purchased precursors) and
//! `pcf_Receipt` (the receipt, the pre-check verdict, what is to be confirmed). Cell positions
//! are pcf's own: the workbook is not the Commission's file and does not claim its cell map.
//!
//! Every figure is written as the f64 of the typed communication (Excel keeps the number as
//! its shortest round-trip decimal), so reading the cell back gives the same bits. The
//! document properties are fixed: title, subject, author (the engine), the receipt digests as
//! custom properties, and the creation date of the meta's `date` or 1980-01-01.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::CbamCommunication;
use crate::error::{Error, Result};

/// The creation date when the meta gives none: the zip format's first date, which the
/// workbook's entries carry too.
const NO_DATE: (u16, u8, u8) = (1980, 1, 1);

/// What the workbook writes where the communication has nothing yet.
const TBC: &str = "to be confirmed";

fn failed(e: XlsxError) -> Error {
    Error::invalid("format", format!("cannot write the xlsx workbook: {e}"))
}

/// The cell formats.
struct Formats {
    title: Format,
    section: Format,
    header: Format,
    label: Format,
    text: Format,
    tbc: Format,
    share: Format,
    number: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            section: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_background_color(Color::RGB(0xD9D9D9)),
            header: border(
                Format::new()
                    .set_bold()
                    .set_text_wrap()
                    .set_background_color(Color::RGB(0xDDEBF7)),
            ),
            label: border(Format::new().set_text_wrap()),
            text: border(Format::new().set_text_wrap()),
            tbc: border(
                Format::new()
                    .set_bold()
                    .set_font_color(Color::RGB(0x8A4B00)),
            ),
            share: border(Format::new().set_num_format("0.00%")),
            number: border(Format::new()),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x444444)),
        }
    }
}

/// A worksheet and the row being written.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    row: u32,
}

impl Sheet<'_> {
    fn text(&mut self, col: u16, s: &str, f: &Format) -> Result<()> {
        self.ws
            .write_string_with_format(self.row, col, s, f)
            .map_err(failed)?;
        Ok(())
    }

    fn num(&mut self, col: u16, x: f64) -> Result<()> {
        let f = self.f;
        self.ws
            .write_number_with_format(self.row, col, x, &f.number)
            .map_err(failed)?;
        Ok(())
    }

    /// A text when given, else "to be confirmed".
    fn opt(&mut self, col: u16, s: Option<&str>) -> Result<()> {
        let f = self.f;
        match s {
            Some(s) => self.text(col, s, &f.text),
            None => self.text(col, TBC, &f.tbc),
        }
    }

    /// A text when given, else an empty bordered cell (optional fields).
    fn maybe(&mut self, col: u16, s: Option<&str>) -> Result<()> {
        let f = self.f;
        self.text(col, s.unwrap_or(""), &f.text)
    }

    fn title(&mut self, s: &str) -> Result<()> {
        let f = self.f;
        self.text(0, s, &f.title)?;
        self.row += 1;
        Ok(())
    }

    fn note(&mut self, s: &str) -> Result<()> {
        let f = self.f;
        self.text(0, s, &f.note)?;
        self.row += 1;
        Ok(())
    }

    fn section(&mut self, number: &str, s: &str) -> Result<()> {
        self.row += 1;
        let f = self.f;
        self.text(0, number, &f.section)?;
        self.text(1, s, &f.section)?;
        self.row += 1;
        Ok(())
    }

    fn header(&mut self, first: u16, cells: &[&str]) -> Result<()> {
        let f = self.f;
        for (i, c) in cells.iter().enumerate() {
            self.text(first + i as u16, c, &f.header)?;
        }
        self.row += 1;
        Ok(())
    }

    /// A parameter row: label in B, text value in C.
    fn param(&mut self, label: &str, value: Option<&str>) -> Result<()> {
        let f = self.f;
        self.text(1, label, &f.label)?;
        self.opt(2, value)?;
        self.row += 1;
        Ok(())
    }

    /// An optional parameter row: label in B, the value or an empty cell in C.
    fn param_optional(&mut self, label: &str, value: Option<&str>) -> Result<()> {
        let f = self.f;
        self.text(1, label, &f.label)?;
        self.maybe(2, value)?;
        self.row += 1;
        Ok(())
    }

    /// A figure row: label in B, number in C, unit in D.
    fn figure(&mut self, label: &str, x: f64, unit: &str) -> Result<()> {
        let f = self.f;
        self.text(1, label, &f.label)?;
        self.num(2, x)?;
        self.text(3, unit, &f.text)?;
        self.row += 1;
        Ok(())
    }

    fn widths(&mut self, widths: &[f64]) -> Result<()> {
        for (i, w) in widths.iter().enumerate() {
            self.ws.set_column_width(i as u16, *w).map_err(failed)?;
        }
        Ok(())
    }
}

/// The columns of the summary of products, in the template's order (less its CN name and the
/// other sectors' parameters; with the production route, which the template has per process).
pub const PRODUCT_COLUMNS: [&str; 23] = [
    "#",
    "Production process from which the products arise",
    "Type of aggregated good or precursor",
    "CN Codes",
    "Product name (used for communication with reporting declarant, e.g. on invoices)",
    "Production route",
    "SEE (direct)",
    "SEE (indirect)",
    "SEE (total)",
    "Unit",
    "Share of emissions by default value",
    "Source for electricity EF",
    "Embedded electricity (MWh/t)",
    "Electricity EF (tCO2e/MWh)",
    "Qualifying parameters",
    "Type of instrument (carbon pricing)",
    "Share of total embedded emissions covered by the carbon price",
    "Currency",
    "Carbon price (CP) due (per produced t)",
    "Type of rebate",
    "Share of embedded emissions covered by the rebate",
    "Amount of rebate (per produced t)",
    "Result: Effective CP due (per produced t)",
];

/// The workbook's bytes: the same communication gives the same bytes.
pub fn xlsx(d: &CbamCommunication) -> Result<Vec<u8>> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let (y, m, day) = d
        .date
        .as_deref()
        .filter(|t| crate::dates::parse_date(t).is_some())
        .and_then(|t| {
            Some((
                t.get(0..4)?.parse::<u16>().ok()?,
                t.get(5..7)?.parse::<u8>().ok()?,
                t.get(8..10)?.parse::<u8>().ok()?,
            ))
        })
        .unwrap_or(NO_DATE);
    let created = ExcelDateTime::from_ymd(y, m, day).map_err(failed)?;
    let r = &d.receipt;
    let properties = DocProperties::new()
        .set_title(format!("CBAM communication: {}", d.installation.name))
        .set_subject("CBAM emissions data communication to reporting declarants")
        .set_author(r.engine.as_str())
        .set_keywords(format!("CBAM, CN {}", cn_codes(d)))
        .set_comment(format!(
            "Written by {} from the sealed result {}; check it with `pcf verify RESULT.json`.",
            r.engine, r.result_sha256
        ))
        .set_creation_datetime(&created)
        .set_custom_property("schema", super::TAG)
        .set_custom_property("result_sha256", r.result_sha256.as_str())
        .set_custom_property("input_sha256", r.input_sha256.as_str())
        .set_custom_property("factor_set_sha256", r.factor_set_sha256.as_str());
    wb.set_properties(&properties);

    summary(wb.add_worksheet(), &f, d)?;
    processes(wb.add_worksheet(), &f, d)?;
    precursors(wb.add_worksheet(), &f, d)?;
    receipt(wb.add_worksheet(), &f, d)?;
    wb.save_to_buffer().map_err(failed)
}

fn cn_codes(d: &CbamCommunication) -> String {
    d.goods
        .iter()
        .map(|g| g.cn_code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn summary(ws: &mut Worksheet, f: &Formats, d: &CbamCommunication) -> Result<()> {
    ws.set_name("Summary_Communication").map_err(failed)?;
    let mut s = Sheet { ws, f, row: 0 };
    s.widths(&[6.0, 52.0, 44.0, 14.0, 40.0, 16.0, 14.0, 14.0, 14.0, 12.0])?;
    s.title("Communication with reporting declarants")?;
    s.note("The main information on the installation, its production processes and its products, communicated to the reporting declarants importing the goods into the European Union, in English as in the Commission's CBAM Communication template for installations (sheet Summary_Communication).")?;
    s.note("Written by pcf from a sealed result, laid out after that template; not the Commission's file. Cells marked \"to be confirmed\" are for the operator to complete: see the sheet pcf_Receipt.")?;

    s.section("1", "Summary of the installation and production processes")?;
    s.section("1", "Installation details")?;
    s.header(1, &["Parameter", "Value"])?;
    let i = &d.installation;
    s.param("Name of the installation (English name):", Some(&i.name))?;
    s.param_optional("Name of the installation (local):", i.name_local.as_deref())?;
    s.param_optional(
        "Unique installation identifier:",
        i.installation_id.as_deref(),
    )?;
    s.param("Street, Number:", Some(&i.street_address))?;
    s.param_optional("Economic activity:", i.economic_activity.as_deref())?;
    s.param_optional("Post code:", i.postal_code.as_deref())?;
    s.param_optional("P.O. Box:", i.po_box.as_deref())?;
    s.param("City:", Some(&i.city))?;
    s.param("Country:", Some(&i.country))?;
    s.param("UNLOCODE:", Some(&i.unlocode))?;
    s.figure(
        "Coordinates of the main emission source (latitude):",
        i.latitude,
        "decimal degrees",
    )?;
    s.figure(
        "Coordinates of the main emission source (longitude):",
        i.longitude,
        "decimal degrees",
    )?;
    s.param("Reporting period start:", Some(&d.reporting_period.start))?;
    s.param("Reporting period end:", Some(&d.reporting_period.end))?;
    let o = &d.operator;
    s.param("Operator:", Some(&o.name))?;
    s.param_optional("Operator's address:", o.address.as_deref())?;
    s.param_optional(
        "Name of authorized representative:",
        o.representative.as_deref(),
    )?;
    s.param_optional("Email:", o.email.as_deref())?;
    s.param_optional("Telephone:", o.telephone.as_deref())?;

    s.section(
        "2",
        "Summary of the production processes and production routes",
    )?;
    s.header(1, &["(a) Aggregated good produced", "Route 1"])?;
    for (n, g) in d.goods.iter().enumerate() {
        let t = &f.text;
        s.text(0, &format!("G{}", n + 1), t)?;
        s.opt(1, g.aggregated_goods_category.as_deref())?;
        s.text(2, &g.production_route, t)?;
        s.row += 1;
    }
    s.header(
        1,
        &[
            "(b) Production process",
            "Aggregated goods category",
            "Activity level",
            "Unit",
        ],
    )?;
    for (n, g) in d.goods.iter().enumerate() {
        let t = &f.text;
        s.text(0, &format!("P{}", n + 1), t)?;
        s.text(1, &format!("Production of {}", g.product_name), t)?;
        s.opt(2, g.aggregated_goods_category.as_deref())?;
        s.num(3, d.emissions.activity_level_t)?;
        s.text(4, "t", t)?;
        s.row += 1;
    }

    s.section(
        "3",
        "Summary of emissions by monitoring methodology and data quality",
    )?;
    s.header(1, &["Parameter", "Value", "Unit"])?;
    let e = &d.emissions;
    s.param("Monitoring methodology:", Some(e.monitoring.approach))?;
    s.figure(
        "Carbon mass balance: flows",
        e.monitoring.mass_balance_flows as f64,
        "flows",
    )?;
    s.figure(
        "Fuel combustion: lines",
        e.monitoring.fuel_lines as f64,
        "lines",
    )?;
    s.figure(
        "Direct gas emissions: lines",
        e.monitoring.gas_emission_lines as f64,
        "lines",
    )?;
    s.figure(
        "Total direct emissions during reporting period (attributed to the production process):",
        e.attributed_direct_t,
        "tCO2e",
    )?;
    s.figure(
        "Total indirect emissions during reporting period:",
        e.attributed_indirect_t,
        "tCO2e",
    )?;
    s.figure(
        "Direct emissions embedded in the precursors consumed:",
        e.precursors_direct_t,
        "tCO2e",
    )?;
    s.figure(
        "Indirect emissions embedded in the precursors consumed:",
        e.precursors_indirect_t,
        "tCO2e",
    )?;
    s.figure(
        "Net carbon of the mass balance (inputs - outputs):",
        e.net_carbon_t,
        "t C",
    )?;
    let q = &d.data_quality;
    s.param_optional("General information on data quality:", q.general.as_deref())?;
    s.param_optional(
        "Justification for use of default values (if relevant):",
        q.default_values_justification.as_deref(),
    )?;
    s.param_optional(
        "Information on quality assurance:",
        q.quality_assurance.as_deref(),
    )?;

    s.section("4", "Further information")?;
    s.header(1, &["Parameter", "Value"])?;
    let instruments: Vec<&str> = d
        .goods
        .iter()
        .filter_map(|g| g.carbon_price.as_ref().map(|c| c.instrument.as_str()))
        .collect();
    s.param(
        "Carbon price instrument:",
        (!instruments.is_empty())
            .then(|| instruments.join("; "))
            .as_deref(),
    )?;
    match &d.verifier {
        Some(v) => {
            s.param("Verifier of the emissions data:", Some(&v.name))?;
            s.param_optional("Verifier's address:", v.address.as_deref())?;
            s.param_optional(
                "Accreditation Member State:",
                v.accreditation_member_state.as_deref(),
            )?;
            s.param_optional(
                "Name of the national accreditation body:",
                v.accreditation_body.as_deref(),
            )?;
            s.param_optional(
                "Registration number issued by the accreditation body:",
                v.registration_number.as_deref(),
            )?;
        }
        None => s.param("Verifier of the emissions data:", None)?,
    }
    s.param("Verification report:", d.verification_report.as_deref())?;
    s.param_optional(
        "Any additional information:",
        d.additional_information.as_deref(),
    )?;
    if let Some(date) = &d.date {
        s.param("Date of this communication:", Some(date))?;
    }

    s.section("2", "Summary of products")?;
    s.header(0, &PRODUCT_COLUMNS)?;
    for (n, g) in d.goods.iter().enumerate() {
        let t = &f.text;
        s.text(0, &(n + 1).to_string(), t)?;
        s.text(
            1,
            &format!("P{}: Production of {}", n + 1, g.product_name),
            t,
        )?;
        s.opt(2, g.aggregated_goods_category.as_deref())?;
        s.text(3, &g.cn_code, t)?;
        s.text(4, &g.product_name, t)?;
        s.text(5, &g.production_route, t)?;
        s.num(6, g.see_direct)?;
        s.num(7, g.see_indirect)?;
        s.num(8, g.see_total)?;
        s.text(9, g.unit, t)?;
        s.opt(10, None)?;
        s.maybe(11, g.electricity_ef_source.as_deref())?;
        match g.embedded_electricity_mwh_per_t {
            Some(x) => s.num(12, x)?,
            None => s.maybe(12, None)?,
        }
        match g.electricity_ef_t_co2e_per_mwh {
            Some(x) => s.num(13, x)?,
            None => s.maybe(13, None)?,
        }
        let params: Vec<String> = g
            .qualifying_parameters
            .iter()
            .map(|p| format!("{}: {}", p.name, p.value))
            .collect();
        match params.is_empty() {
            true => s.opt(14, None)?,
            false => s.text(14, &params.join("; "), t)?,
        }
        match &g.carbon_price {
            Some(c) => {
                s.text(15, &c.instrument, t)?;
                match c.share_covered {
                    Some(x) => {
                        let sh = &f.share;
                        s.ws.write_number_with_format(s.row, 16, x, sh)
                            .map_err(failed)?;
                    }
                    None => s.maybe(16, None)?,
                }
                s.text(17, &c.currency, t)?;
                s.num(18, c.due_per_t)?;
                match &c.rebate {
                    Some(rb) => {
                        s.text(19, &rb.kind, t)?;
                        match rb.share_covered {
                            Some(x) => {
                                let sh = &f.share;
                                s.ws.write_number_with_format(s.row, 20, x, sh)
                                    .map_err(failed)?;
                            }
                            None => s.maybe(20, None)?,
                        }
                        s.num(21, rb.amount_per_t)?;
                    }
                    None => {
                        for c in 19..=21 {
                            s.maybe(c, None)?;
                        }
                    }
                }
                s.num(22, c.effective_due_per_t)?;
            }
            None => {
                s.opt(15, None)?;
                for c in 16..=22 {
                    s.maybe(c, None)?;
                }
            }
        }
        s.row += 1;
    }
    for g in &d.goods {
        if let Some(def) = &g.cbam_default {
            s.row += 1;
            s.note("For comparison only, not part of the communication: the CBAM default value of the CN code and country (direct embedded emissions).")?;
            s.header(1, &["Parameter", "Value", "Unit"])?;
            s.param("Default value (factor id):", Some(&def.id))?;
            if let Some(y) = def.year {
                s.figure("Year of the default value:", f64::from(y), "year")?;
            }
            s.figure("Default value:", def.t_co2e_per_t, "tCO2e/t")?;
            s.figure(
                "SEE (direct) minus the default value:",
                def.see_direct_minus_default,
                "tCO2e/t",
            )?;
            if let Some(pct) = def.see_direct_vs_default_percent {
                s.figure("SEE (direct) against the default value:", pct, "%")?;
            }
        }
    }
    Ok(())
}

fn processes(ws: &mut Worksheet, f: &Formats, d: &CbamCommunication) -> Result<()> {
    ws.set_name("D_Processes").map_err(failed)?;
    let mut s = Sheet { ws, f, row: 0 };
    s.widths(&[6.0, 52.0, 30.0, 14.0, 16.0, 16.0, 34.0, 44.0, 18.0])?;
    s.title("Emissions attribution: production process")?;
    let e = &d.emissions;
    for (n, g) in d.goods.iter().enumerate() {
        s.section(
            &format!("P{}", n + 1),
            &format!("Production of {}", g.product_name),
        )?;
        s.header(1, &["Parameter", "Value", "Unit"])?;
        s.param("CN code:", Some(&g.cn_code))?;
        s.param("Production route:", Some(&g.production_route))?;
        s.figure(
            "Total production level (activity level):",
            e.activity_level_t,
            "t",
        )?;
        s.figure(
            "Directly attributable emissions:",
            e.attributed_direct_t,
            "tCO2e",
        )?;
        s.figure(
            "Indirect emissions (electricity consumed):",
            e.attributed_indirect_t,
            "tCO2e",
        )?;
        if let Some(x) = g.embedded_electricity_mwh_per_t {
            s.figure("Embedded electricity:", x, "MWh/t")?;
        }
    }
    s.section("", "Electricity consumed")?;
    if e.electricity.is_empty() {
        s.note("The study has no electricity line.")?;
        return Ok(());
    }
    s.header(
        0,
        &[
            "#",
            "Line",
            "Amount",
            "Unit",
            "Emission factor",
            "Factor unit (kg CO2e per)",
            "Factor id",
            "Source",
            "Emissions (kg CO2e)",
        ],
    )?;
    for (n, l) in e.electricity.iter().enumerate() {
        let t = &f.text;
        s.text(0, &(n + 1).to_string(), t)?;
        s.maybe(1, l.name.as_deref())?;
        s.num(2, l.amount)?;
        s.text(3, &l.unit, t)?;
        s.num(4, l.factor_kg_co2e_per_unit)?;
        s.text(5, &l.factor_per_unit, t)?;
        s.text(6, &l.factor_id, t)?;
        s.text(7, &l.factor_source, t)?;
        s.num(8, l.kg_co2e)?;
        s.row += 1;
    }
    Ok(())
}

fn precursors(ws: &mut Worksheet, f: &Formats, d: &CbamCommunication) -> Result<()> {
    ws.set_name("E_PurchPrec").map_err(failed)?;
    let mut s = Sheet { ws, f, row: 0 };
    s.widths(&[
        6.0, 36.0, 12.0, 8.0, 14.0, 14.0, 10.0, 40.0, 48.0, 8.0, 14.0, 14.0, 14.0,
    ])?;
    s.title("Purchased precursors")?;
    let p = &d.precursors;
    if p.list.is_empty() {
        s.note("The study consumes no purchased precursor.")?;
    } else {
        s.header(
            0,
            &[
                "ID",
                "Precursor",
                "Amount consumed",
                "Unit",
                "SEE (direct)",
                "SEE (indirect)",
                "Unit",
                "Declared by (supplier)",
                "Source",
                "Year",
                "Verification",
                "Country code",
                "Route",
            ],
        )?;
        for (n, x) in p.list.iter().enumerate() {
            let t = &f.text;
            s.text(0, &format!("PP{}", n + 1), t)?;
            s.text(1, &x.name, t)?;
            s.num(2, x.amount)?;
            s.text(3, &x.unit, t)?;
            s.num(4, x.see_direct)?;
            s.num(5, x.see_indirect)?;
            s.text(6, super::SEE_UNIT, t)?;
            s.text(7, &x.supplier, t)?;
            s.text(8, &x.source, t)?;
            match x.year {
                Some(y) => s.num(9, f64::from(y))?,
                None => s.maybe(9, None)?,
            }
            s.maybe(10, x.verification.as_deref())?;
            s.opt(11, None)?;
            s.opt(12, None)?;
            s.row += 1;
        }
    }
    s.row += 1;
    s.header(1, &["Parameter", "Value", "Unit"])?;
    s.figure(
        "Direct emissions embedded in the precursors consumed:",
        p.direct_t,
        "tCO2e",
    )?;
    s.figure(
        "Indirect emissions embedded in the precursors consumed:",
        p.indirect_t,
        "tCO2e",
    )?;
    Ok(())
}

fn receipt(ws: &mut Worksheet, f: &Formats, d: &CbamCommunication) -> Result<()> {
    ws.set_name("pcf_Receipt").map_err(failed)?;
    let mut s = Sheet { ws, f, row: 0 };
    s.widths(&[6.0, 40.0, 90.0, 16.0])?;
    s.title("Receipt, pre-check and items to be confirmed (pcf)")?;
    s.section("", "Document")?;
    s.param("Schema of the JSON form:", Some(d.schema))?;
    s.param("Legal basis:", Some(d.legal_basis))?;
    s.param("Layout:", Some(d.template))?;
    s.param_optional("Date:", d.date.as_deref())?;
    s.section("", "Receipt of the calculation")?;
    let r = &d.receipt;
    for (k, v) in [
        ("result_sha256", &r.result_sha256),
        ("input_sha256", &r.input_sha256),
        ("engine", &r.engine),
        ("factor_set_sha256", &r.factor_set_sha256),
        ("rules_sha256", &d.precheck.rules_sha256),
    ] {
        s.param(k, Some(v))?;
    }
    s.note("The result file with this receipt is checked with `pcf verify RESULT.json`: it recomputes both digests and every figure.")?;
    s.section("", "Pre-check")?;
    let v = &d.precheck;
    s.param(
        "Scheme:",
        Some(&format!("{} ({})", v.scheme_name_en, v.scheme)),
    )?;
    s.param("Verdict:", Some(v.verdict))?;
    let c = &v.counts;
    s.param(
        "Passed / failed errors / failed warnings / not applicable:",
        Some(&format!(
            "{} / {} / {} / {}",
            c.passed, c.failed_errors, c.failed_warnings, c.not_applicable
        )),
    )?;
    for x in &v.findings {
        s.param(
            &format!("{} ({})", x.rule, x.severity),
            Some(&format!("{}: {}", x.reference, x.detail)),
        )?;
    }
    s.section("", "To be confirmed")?;
    for t in &d.to_be_confirmed {
        s.param(&t.field, Some(&t.reason_en))?;
    }
    Ok(())
}
