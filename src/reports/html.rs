//! What every HTML document shares: escaping, numbers as the result writes them, and the page
//! around a document's body — one self-contained file (inline CSS, no script, no external
//! resource; a Content-Security-Policy that forbids loading anything), printable on A4.

/// A text as HTML: `&`, `<`, `>`, `"` and `'` escaped, so a user's text is never markup
/// (safe in element content and in quoted attribute values).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A number exactly as the result file writes it: the shortest decimal that reads back to the
/// same f64 (serde_json's writer, the result's own), so a document's figures equal the
/// result's to the last printed digit.
pub fn number(x: f64) -> String {
    serde_json::Value::from(x).to_string()
}

/// A pre-check verdict (`ready`, `ready_with_warnings`, `not_ready`) in words.
pub fn verdict_words(verdict: &str, lang: super::Lang) -> &'static str {
    use super::Lang;
    match (verdict, lang) {
        ("ready", Lang::En) => "ready",
        ("ready", Lang::Zh) => "就绪",
        ("ready_with_warnings", Lang::En) => "ready, with warnings",
        ("ready_with_warnings", Lang::Zh) => "就绪(有警告)",
        (_, Lang::En) => "not ready",
        (_, Lang::Zh) => "未就绪",
    }
}

/// The page's style: screen and print (A4), no external font or image.
const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;color:#111;max-width:60rem;margin:2rem auto;padding:0 1.5rem;line-height:1.45;font-size:11pt}
h1{font-size:1.5rem;margin:0 0 .2rem}
h2{font-size:1.1rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #999;padding-bottom:.15rem}
p.sub{margin:0 0 1rem;color:#444}
table{border-collapse:collapse;width:100%;margin:.3rem 0 .8rem}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.clause,th.clause{width:8.5rem;color:#333;font-size:.9em}
code,.digest{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,monospace;font-size:.85em;word-break:break-all}
.tbc{color:#8a4b00;font-weight:600}
.verdict-ready{color:#155724;font-weight:600}
.verdict-ready_with_warnings{color:#8a4b00;font-weight:600}
.verdict-not_ready{color:#a00;font-weight:600}
.note{color:#444;font-size:.9em}
footer{margin-top:2rem;color:#555;font-size:.85em}
@page{size:A4;margin:15mm}
@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}h2{break-after:avoid}tr{break-inside:avoid}}
";

/// The whole page around `body` (already HTML): `lang` the page's language tag, `title` plain
/// text (escaped here).
pub fn page(lang: &str, title: &str, body: &str) -> String {
    page_styled(lang, title, "", body)
}

/// [`page`] with a document's own style rules after the shared ones (`extra_style`: CSS,
/// fixed text, never the user's).
pub fn page_styled(lang: &str, title: &str, extra_style: &str, body: &str) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!("<html lang=\"{}\">\n<head>\n", escape(lang)));
    out.push_str("<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(title)));
    out.push_str("<style>\n");
    out.push_str(STYLE);
    out.push_str(extra_style);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(body);
    out.push_str("</body>\n</html>\n");
    out
}

/// A table row of cells already in HTML, the first a header cell.
pub fn row(cells: &[&str]) -> String {
    let mut out = String::from("<tr>");
    for (i, c) in cells.iter().enumerate() {
        match i {
            0 => out.push_str(&format!("<th>{c}</th>")),
            _ => out.push_str(&format!("<td>{c}</td>")),
        }
    }
    out.push_str("</tr>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("磷酸铁锂 75 kWh"), "磷酸铁锂 75 kWh");
    }

    #[test]
    fn numbers_are_the_result_files_digits() {
        // The same writer as the result file (serde_json, shortest round trip).
        for x in [
            0.12818037499999999,
            36000.0,
            1e-7,
            2728.679,
            1819.7549999999999,
        ] {
            let written = crate::to_json(&x).expect("writes");
            assert_eq!(number(x), written.trim_end());
            assert_eq!(
                number(x).parse::<f64>().expect("reads").to_bits(),
                x.to_bits()
            );
        }
        assert_eq!(number(36000.0), "36000.0");
    }
}
