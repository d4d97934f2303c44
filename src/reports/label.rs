//! `label`: a product carbon label as one self-contained SVG image — the result's total as the
//! result writes it, its unit and declared unit, the functional unit, the product, the scheme
//! and validity the user gives (`--meta`, `label`), and a QR code of the verification link
//! `<base>/#verify=<result digest>` (or the digest alone), with the receipt, the engine, the
//! factor set and the pre-check verdict in small print and, as JSON, in the SVG's `metadata`.
//!
//! The figure is never rounded: `DELIVERABLES.md` gives no label rounding rule with official or
//! secondary certainty (the China label shows "the result as a number"; the CRE's rounding is
//! the pv template's own metric), so the label shows the exact figure. The scheme is the
//! user's name for it: pcf certifies nothing, and says so on the label. What the sources leave
//! open (the layout, whether a scheme's label has a QR code, the unit a scheme asks for) is
//! listed "to be confirmed".
//!
//! The QR code is encoded by the `qrcode` crate (error correction level M) and drawn here as
//! one SVG path of unit squares over a white quiet zone of four modules; no script, no font
//! file, no external reference.

use serde::Serialize;

use super::html::number;
use super::{DocumentReceipt, Lang, Meta, ToConfirm, Verdict};
use crate::error::{Error, Result};
use crate::result::FootprintResult;

/// The tag of the label's data (the JSON in the SVG's `metadata`).
pub const TAG: &str = "pcf-label/1";

/// The pre-check scheme a label's verdict comes from unless the meta names another.
pub const DEFAULT_PRECHECK: &str = "iso14067";

/// The part of the verification link before the digest.
pub const VERIFY_FRAGMENT: &str = "#verify=";

/// What a label shows, and the JSON its SVG carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Always `pcf-label/1`.
    pub schema: &'static str,
    /// The product, as in the study.
    pub product: LabelProduct,
    /// The figure: the result's `total_kg_co2e`, exact.
    pub kg_co2e: f64,
    /// Its unit, `kg CO2e`.
    pub unit: &'static str,
    /// The declared unit the figure is for (the result's `declared_unit`).
    pub declared_unit: DeclaredUnit,
    /// The study's functional unit in words, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub functional_unit: Option<String>,
    /// The scheme as the user names it (meta `label.scheme`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// First day of validity (meta).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// Last day of validity (meta).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// The certificate's number and body (meta).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    /// What the QR code encodes: `<base>/#verify=<result_sha256>`, or the digest alone.
    pub verification_link: String,
    /// What the label cannot settle.
    pub to_be_confirmed: Vec<ToConfirm>,
    /// The verdict of the pre-check scheme the label names (default `iso14067`).
    pub precheck: Verdict,
    /// The result's receipt.
    pub receipt: DocumentReceipt,
}

/// The product on a label.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LabelProduct {
    /// Name.
    pub name: String,
    /// Chinese name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    /// Product code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The declared unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeclaredUnit {
    /// Amount.
    pub amount: f64,
    /// Unit symbol.
    pub unit: String,
}

/// The pre-check scheme a label's meta names, or [`DEFAULT_PRECHECK`].
pub fn precheck_scheme(meta: &Meta) -> &str {
    meta.label
        .as_ref()
        .and_then(|l| l.precheck.as_deref())
        .unwrap_or(DEFAULT_PRECHECK)
}

/// The verification link of a result digest: `<base>/#verify=<digest>` (no second `/` when the
/// base ends with one), or the digest alone without a base.
pub fn verification_link(base: Option<&str>, result_sha256: &str) -> String {
    match base {
        None => result_sha256.to_string(),
        Some(b) => {
            let slash = if b.ends_with('/') { "" } else { "/" };
            format!("{b}{slash}{VERIFY_FRAGMENT}{result_sha256}")
        }
    }
}

/// Builds the label of any sealed result; the meta's `label` is optional in every field (what
/// is missing is written "to be confirmed").
pub fn build(
    result: &FootprintResult,
    meta: &Meta,
    receipt: DocumentReceipt,
    precheck: Verdict,
) -> Result<Label> {
    let lm = meta.label.clone().unwrap_or_default();
    let mut to_be_confirmed = vec![
        ToConfirm::new(
            "layout",
            "The layout is pcf's own: no scheme's official mark or artwork was read (the CNCA label's artwork was not found). The issuer adds the scheme's mark where the scheme allows it.",
            "版式为 pcf 自拟，未采用任何方案的官方标志或图样(未找到 CNCA 碳足迹标识图样)；方案允许时由发布者加上其标志。",
        ),
        ToConfirm::new(
            "qr_code",
            "Whether a scheme's label carries a QR code or an online lookup is not confirmed; this code links to the result's receipt, for checking the figure with pcf verify.",
            "方案标识是否带二维码或在线查询尚未确认；本二维码指向结果的回执，用于以 pcf verify 核对数值。",
        ),
        ToConfirm::new(
            "unit",
            "The unit and the functional or declared unit a scheme requires on its label were not read in the scheme's rules: the label shows the study's declared unit and the exact figure, unrounded.",
            "方案对标识上单位及功能单位/声明单位的要求未从其规则中核实：标识显示研究的声明单位和未经修约的精确数值。",
        ),
    ];
    if lm.scheme.is_none() {
        to_be_confirmed.push(ToConfirm::new(
            "scheme",
            "No scheme is named: give the label scheme in the meta (label.scheme). pcf does not certify.",
            "未注明标识方案：请在 meta 中填写(label.scheme)。pcf 不做认证。",
        ));
    }
    if lm.valid_from.is_none() && lm.valid_until.is_none() {
        to_be_confirmed.push(ToConfirm::new(
            "validity",
            "No validity is given: give the dates in the meta (label.valid_from, label.valid_until). pcf reads no clock and computes no expiry.",
            "未给出有效期：请在 meta 中填写日期(label.valid_from、label.valid_until)。pcf 不读取时钟，也不推算到期日。",
        ));
    }
    let verification_link = verification_link(lm.verify_url.as_deref(), &receipt.result_sha256);
    Ok(Label {
        schema: TAG,
        product: LabelProduct {
            name: result.product.name.clone(),
            name_zh: result.product.name_zh.clone(),
            code: result.product.code.clone(),
        },
        kg_co2e: result.total_kg_co2e,
        unit: "kg CO2e",
        declared_unit: DeclaredUnit {
            amount: result.declared_unit.amount,
            unit: result.declared_unit.unit.clone(),
        },
        functional_unit: result.product.functional_unit.clone(),
        scheme: lm.scheme,
        valid_from: lm.valid_from,
        valid_until: lm.valid_until,
        certificate: lm.certificate,
        verification_link,
        to_be_confirmed,
        precheck,
        receipt,
    })
}

/// A text as XML character data or a quoted attribute value: markup characters escaped, and
/// the characters XML 1.0 does not allow at all (most C0 controls, U+FFFE, U+FFFF) replaced
/// by U+FFFD, so any text from a study or the meta gives a well-formed SVG.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A character's advance in ems, roughly: wide (CJK, full-width) 1, others 0.6 (a generous
/// average of a sans-serif's letters and digits), so wrapped lines stay inside the label.
fn advance(c: char) -> f64 {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        1.0
    } else {
        0.6
    }
}

/// Splits `text` into lines no wider than `width` at font size `size`: at spaces where it can,
/// anywhere in a word too long for a line (and between any two CJK characters).
fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let max = width / size;
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w: f64 = word.chars().map(advance).sum();
        let space = if line.is_empty() { 0.0 } else { 0.6 };
        if used + space + w <= max {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            used += space + w;
            continue;
        }
        if w <= max {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push_str(word);
            used = w;
            continue;
        }
        // A word longer than a line: fill the current line, then break anywhere.
        if !line.is_empty() {
            line.push(' ');
            used += 0.6;
        }
        for c in word.chars() {
            let a = advance(c);
            if used + a > max && !line.trim().is_empty() {
                lines.push(std::mem::take(&mut line).trim_end().to_string());
                used = 0.0;
            }
            line.push(c);
            used += a;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The label's words in one language.
struct Words {
    lang: &'static str,
    title: &'static str,
    product: &'static str,
    code: &'static str,
    functional_unit: &'static str,
    scheme: &'static str,
    valid: &'static str,
    from: &'static str,
    until: &'static str,
    certificate: &'static str,
    to_be_confirmed: &'static str,
    scan: &'static str,
    result: &'static str,
    input: &'static str,
    factor_set: &'static str,
    precheck: &'static str,
    not_certified: &'static str,
    open_items: &'static str,
}

const EN: Words = Words {
    lang: "en",
    title: "Product carbon footprint",
    product: "Product",
    code: "Code",
    functional_unit: "Functional unit",
    scheme: "Scheme",
    valid: "Valid",
    from: "from",
    until: "until",
    certificate: "Certificate",
    to_be_confirmed: "to be confirmed",
    scan: "Scan to verify",
    result: "result",
    input: "input",
    factor_set: "factor set",
    precheck: "pre-check",
    not_certified: "Figures computed by pcf from the sealed result; the scheme is named by the issuer, pcf does not certify.",
    open_items: "Layout, QR code and unit are pcf's, not read in any scheme's rules: to be confirmed.",
};

const ZH: Words = Words {
    lang: "zh",
    title: "产品碳足迹",
    product: "产品",
    code: "编码",
    functional_unit: "功能单位",
    scheme: "标识方案",
    valid: "有效期",
    from: "自",
    until: "至",
    certificate: "证书",
    to_be_confirmed: "待确认",
    scan: "扫码核验",
    result: "结果",
    input: "输入",
    factor_set: "因子集",
    precheck: "预检",
    not_certified: "数值由 pcf 根据已封存的结果计算；标识方案由发布者注明，pcf 不做认证。",
    open_items: "版式、二维码和单位为 pcf 自拟，未依据任何方案的规则：待确认。",
};

/// The label's width in SVG user units (and CSS pixels).
const WIDTH: f64 = 400.0;
/// The margin on every side.
const MARGIN: f64 = 16.0;
/// The QR code's side, quiet zone included.
const QR_SIDE: f64 = 128.0;
/// The quiet zone around the code, in modules.
const QUIET: usize = 4;

/// A number of user units as the SVG writes it: at most two decimals, no trailing zeros.
fn u(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// The QR code of `data` (level M) as a group at (`x`, `y`) of side [`QR_SIDE`]: a white
/// square (the quiet zone) and one path of the dark modules, a horizontal run of modules per
/// subpath `M{col} {row}h{run}v1h-{run}z` in module units, scaled to the side.
fn qr_group(data: &str, x: f64, y: f64) -> Result<String> {
    let code = qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| {
            Error::invalid(
                "$meta.label.verify_url",
                format!("the verification link does not fit a QR code: {e}"),
            )
        })?;
    let n = code.width();
    let colors = code.to_colors();
    let side = n + 2 * QUIET;
    let scale = QR_SIDE / side as f64;
    let mut d = String::new();
    for (row, cells) in colors.chunks(n).enumerate() {
        let mut col = 0;
        while col < n {
            if cells.get(col) == Some(&qrcode::Color::Dark) {
                let start = col;
                while cells.get(col) == Some(&qrcode::Color::Dark) {
                    col += 1;
                }
                let run = col - start;
                d.push_str(&format!(
                    "M{} {}h{run}v1h-{run}z",
                    start + QUIET,
                    row + QUIET
                ));
            } else {
                col += 1;
            }
        }
    }
    Ok(format!(
        "<g id=\"qr\" transform=\"translate({} {}) scale({})\" shape-rendering=\"crispEdges\">\
<rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
<path fill=\"#000\" d=\"{d}\"/></g>\n",
        u(x),
        u(y),
        scale
    ))
}

/// One `<text>` element per line at `x`, from baseline `y` down by `step`; returns the
/// elements and the next baseline. `bold_prefix`: a leading label of the first line set bold.
fn text_lines(
    lines: &[String],
    x: f64,
    y: f64,
    step: f64,
    attrs: &str,
    bold_prefix: Option<&str>,
) -> (String, f64) {
    let mut out = String::new();
    let mut y = y;
    for (i, line) in lines.iter().enumerate() {
        let rest = bold_prefix.and_then(|p| line.strip_prefix(p).map(|r| (p, r)));
        let body = match (i, rest) {
            (0, Some((p, r))) => format!(
                "<tspan font-weight=\"600\">{}</tspan>{}",
                escape(p),
                escape(r)
            ),
            _ => escape(line),
        };
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" {attrs}>{body}</text>\n",
            u(x),
            u(y)
        ));
        y += step;
    }
    (out, y)
}

/// The label as a self-contained SVG image in `lang`. Errors only when the verification link
/// does not fit a QR code (the meta's base is limited well below that).
pub fn svg(label: &Label, lang: Lang) -> Result<String> {
    let w = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let zh = lang == Lang::Zh;
    let sep = if zh { "：" } else { ": " };
    let full = WIDTH - 2.0 * MARGIN;
    let qr_x = WIDTH - MARGIN - QR_SIDE;
    let left = qr_x - 12.0 - MARGIN;
    let sans = "font-family=\"system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif\"";
    let mono = "font-family=\"ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace\"";
    let mut body = String::new();

    // The title and the scheme, left of the code.
    let mut y = MARGIN + 20.0;
    body.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"18\" font-weight=\"700\">{}</text>\n",
        u(MARGIN),
        u(y),
        escape(w.title)
    ));
    y += 20.0;
    let scheme = match &label.scheme {
        Some(s) => format!("{}{sep}{s}", w.scheme),
        None => format!("{}{sep}{}", w.scheme, w.to_be_confirmed),
    };
    let fill = if label.scheme.is_none() {
        " fill=\"#8a4b00\""
    } else {
        ""
    };
    let (t, ny) = text_lines(
        &wrap(&scheme, left, 11.0),
        MARGIN,
        y,
        14.0,
        &format!("font-size=\"11\"{fill}"),
        Some(w.scheme),
    );
    body.push_str(&t);
    y = ny + 18.0;

    // The figure, sized to fit the column (a bold digit is about 0.7 em wide), and its unit.
    let value = number(label.kg_co2e);
    let size = (left / (0.72 * value.chars().count() as f64)).clamp(10.0, 34.0);
    body.push_str(&format!(
        "<text id=\"value\" x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"700\">{}</text>\n",
        u(MARGIN),
        u(y),
        u(size),
        escape(&value)
    ));
    y += 20.0;
    let unit = format!(
        "kg CO₂e / {} {}",
        number(label.declared_unit.amount),
        label.declared_unit.unit
    );
    let (t, ny) = text_lines(
        &wrap(&unit, left, 13.0),
        MARGIN,
        y,
        16.0,
        "id=\"unit\" font-size=\"13\"",
        None,
    );
    body.push_str(&t);
    y = ny;

    // The code on the right, with its caption.
    let qr_y = MARGIN + 32.0;
    body.push_str(&qr_group(&label.verification_link, qr_x, qr_y)?);
    body.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}</text>\n",
        u(qr_x + QR_SIDE / 2.0),
        u(qr_y + QR_SIDE + 11.0),
        escape(w.scan)
    ));
    y = y.max(qr_y + QR_SIDE + 14.0) + 8.0;
    body.push_str(&format!(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\" stroke-width=\"0.8\"/>\n",
        u(MARGIN),
        u(y),
        u(WIDTH - MARGIN),
        u(y)
    ));
    y += 16.0;

    // The product, the functional unit, the validity, the certificate: full width.
    let name = match (zh, &label.product.name_zh) {
        (true, Some(n)) => n.clone(),
        _ => label.product.name.clone(),
    };
    let mut fields: Vec<(&str, String, bool)> = vec![(w.product, name, false)];
    if let Some(c) = &label.product.code {
        fields.push((w.code, c.clone(), false));
    }
    if let Some(f) = &label.functional_unit {
        fields.push((w.functional_unit, f.clone(), false));
    }
    let validity = match (&label.valid_from, &label.valid_until) {
        (Some(a), Some(b)) => Some(format!("{a} – {b}")),
        (Some(a), None) => Some(format!("{} {a}", w.from)),
        (None, Some(b)) => Some(format!("{} {b}", w.until)),
        (None, None) => None,
    };
    match validity {
        Some(v) => fields.push((w.valid, v, false)),
        None => fields.push((w.valid, w.to_be_confirmed.into(), true)),
    }
    if let Some(c) = &label.certificate {
        fields.push((w.certificate, c.clone(), false));
    }
    for (name, value, open) in fields {
        let fill = if open { " fill=\"#8a4b00\"" } else { "" };
        let (t, ny) = text_lines(
            &wrap(&format!("{name}{sep}{value}"), full, 11.0),
            MARGIN,
            y,
            14.0,
            &format!("font-size=\"11\"{fill}"),
            Some(name),
        );
        body.push_str(&t);
        y = ny + 2.0;
    }
    y += 2.0;
    body.push_str(&format!(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\" stroke-width=\"0.8\"/>\n",
        u(MARGIN),
        u(y),
        u(WIDTH - MARGIN),
        u(y)
    ));
    y += 13.0;

    // Small print: the link, the receipt, the engine and the verdict, what pcf does not do.
    let (t, ny) = text_lines(
        &wrap(&label.verification_link, full, 7.5),
        MARGIN,
        y,
        10.0,
        &format!("id=\"link\" font-size=\"7.5\" {mono}"),
        None,
    );
    body.push_str(&t);
    y = ny + 2.0;
    let r = &label.receipt;
    for (name, digest) in [
        (w.result, &r.result_sha256),
        (w.input, &r.input_sha256),
        (w.factor_set, &r.factor_set_sha256),
    ] {
        body.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"7.5\" fill=\"#444\">{}</text>\
<text x=\"{}\" y=\"{}\" font-size=\"7.4\" fill=\"#444\" {mono}>{}</text>\n",
            u(MARGIN),
            u(y),
            escape(name),
            u(MARGIN + 52.0),
            u(y),
            escape(digest)
        ));
        y += 10.0;
    }
    let verdict = format!(
        "{} · {} {}{sep}{}",
        r.engine, w.precheck, label.precheck.scheme, label.precheck.verdict
    );
    let small = [
        (verdict, "#444"),
        (w.not_certified.to_string(), "#444"),
        (w.open_items.to_string(), "#8a4b00"),
    ];
    for (text, color) in small {
        let (t, ny) = text_lines(
            &wrap(&text, full, 8.0),
            MARGIN,
            y + 2.0,
            10.5,
            &format!("font-size=\"8\" fill=\"{color}\""),
            None,
        );
        body.push_str(&t);
        y = ny;
    }
    let height = (y + MARGIN - 6.0).ceil();

    let title = format!(
        "{}{sep}{} kg CO2e / {} {} — {}",
        w.title,
        value,
        number(label.declared_unit.amount),
        label.declared_unit.unit,
        label.product.name
    );
    let data = crate::to_json(label)?;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" xml:lang=\"{}\" role=\"img\" aria-labelledby=\"title\" {sans} fill=\"#111\">\n",
        u(WIDTH),
        u(height),
        u(WIDTH),
        u(height),
        w.lang
    ));
    out.push_str(&format!("<title id=\"title\">{}</title>\n", escape(&title)));
    out.push_str(&format!(
        "<metadata id=\"pcf-label\">{}</metadata>\n",
        escape_data(data.trim_end())
    ));
    out.push_str(&format!(
        "<rect x=\"1\" y=\"1\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"1.5\"/>\n",
        u(WIDTH - 2.0),
        u(height - 2.0)
    ));
    out.push_str(&body);
    out.push_str("</svg>\n");
    Ok(out)
}

/// JSON text as XML character data: only `&`, `<` and `>` escaped (quotes stay, so the text
/// reads back as the same JSON), characters XML forbids replaced as in [`escape`] (JSON writes
/// control characters as `\u` escapes, so none is there to replace).
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

// The tests decode the QR code (rqrr) and parse the SVG (roxmltree): native dev-dependencies.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
