//! The label of every shipped example: the SVG parses, shows the result's total as the result
//! file writes it, and its QR code, read back from the SVG's own path and decoded by an
//! independent decoder (rqrr), is the verification link of the receipt's result digest.

use super::*;
use crate::factors::FactorSet;
use crate::reports::{report, Format, Options};

fn examples() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("examples/")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

fn sealed_text(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let text = std::fs::read_to_string(path).expect("example exists");
    crate::compute_json(&text, FactorSet::builtin().expect("built-in")).expect("computes")
}

fn label(text: &str, lang: Lang, meta: Option<&str>) -> Result<String> {
    let o = Options {
        format: None,
        lang,
        meta: meta.map(str::to_string),
        uncertainty: None,
    };
    let r = report("label", text, &o, FactorSet::builtin().expect("built-in"))?;
    assert_eq!(r.format, Format::Svg);
    Ok(r.text)
}

/// The dark modules of the SVG's QR code: the `#qr` group's square side and its path's runs
/// `M{col} {row}h{run}v1h-{run}z`, as a side × side grid.
fn modules(doc: &roxmltree::Document) -> Vec<Vec<bool>> {
    let g = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("qr"))
        .expect("a #qr group");
    let side: usize = g
        .children()
        .find(|n| n.has_tag_name("rect"))
        .and_then(|r| r.attribute("width"))
        .expect("the quiet zone's square")
        .parse()
        .expect("a whole number of modules");
    let d = g
        .children()
        .find(|n| n.has_tag_name("path"))
        .and_then(|p| p.attribute("d"))
        .expect("the modules' path");
    let mut grid = vec![vec![false; side]; side];
    for sub in d.split('z').filter(|s| !s.is_empty()) {
        let rest = sub.strip_prefix('M').expect("M");
        let (pos, rest) = rest.split_once('h').expect("h");
        let (col, row) = pos.split_once(' ').expect("col row");
        let (run, back) = rest.split_once("v1h-").expect("v1h-");
        assert_eq!(run, back, "a closed run");
        let (col, row, run): (usize, usize, usize) = (
            col.parse().expect("col"),
            row.parse().expect("row"),
            run.parse().expect("run"),
        );
        for cell in grid[row].iter_mut().skip(col).take(run) {
            *cell = true;
        }
    }
    grid
}

/// Rasterises the modules at 6 pixels each (white background, black modules) and decodes the
/// code with rqrr.
fn decode(grid: &[Vec<bool>]) -> String {
    const PX: usize = 6;
    let n = grid.len() * PX;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(n, n, |x, y| {
        if grid[y / PX][x / PX] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    let (_, content) = grids[0].decode().expect("decodes");
    content
}

fn by_id<'a>(doc: &'a roxmltree::Document, id: &str) -> roxmltree::Node<'a, 'a> {
    doc.descendants()
        .find(|n| n.attribute("id") == Some(id))
        .unwrap_or_else(|| panic!("#{id}"))
}

fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// What the label shows: each `<text>` element's text, joined by spaces (a wrapped line is
/// broken at a space).
fn visible(doc: &roxmltree::Document) -> String {
    let lines: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(text_of)
        .collect();
    lines.join(" ")
}

#[test]
fn every_example_gets_a_label_with_its_total_and_a_qr_code_of_its_digest() {
    let names = examples();
    assert!(names.len() >= 13, "{names:?}");
    for name in &names {
        let text = sealed_text(name);
        let result: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let digest = result["receipt"]["result_sha256"].as_str().expect("digest");
        let svg = label(&text, Lang::En, None).expect(name);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        // The figure as the result file writes it, after `"total_kg_co2e": `.
        let at = text.find("\"total_kg_co2e\": ").expect("total") + 17;
        let written = &text[at..at + text[at..].find(',').expect("ends")];
        assert_eq!(text_of(by_id(&doc, "value")), written, "{name}");
        let unit = format!(
            "kg CO₂e / {} {}",
            number(result["declared_unit"]["amount"].as_f64().expect("amount")),
            result["declared_unit"]["unit"].as_str().expect("unit")
        );
        assert_eq!(text_of(by_id(&doc, "unit")), unit, "{name}");
        // The code decodes to the digest alone (no base in the meta).
        assert_eq!(decode(&modules(&doc)), digest, "{name}");
        // The metadata is the label's JSON, with the result's receipt.
        let data: serde_json::Value =
            serde_json::from_str(&text_of(by_id(&doc, "pcf-label"))).expect("JSON metadata");
        assert_eq!(data["schema"], TAG);
        assert_eq!(data["verification_link"], digest);
        assert_eq!(data["kg_co2e"], result["total_kg_co2e"]);
        for key in [
            "result_sha256",
            "input_sha256",
            "factor_set_sha256",
            "engine",
        ] {
            assert_eq!(data["receipt"][key], result["receipt"][key], "{name} {key}");
            assert!(
                svg.contains(result["receipt"][key].as_str().expect("text")),
                "{name}: {key} shown"
            );
        }
        assert_eq!(data["precheck"]["scheme"], "iso14067");
        // No script, no external reference.
        for banned in ["<script", "href", "url(", "@import"] {
            assert!(!svg.contains(banned), "{name}: {banned}");
        }
        // The same result, the same bytes.
        assert_eq!(label(&text, Lang::En, None).expect("again"), svg);
    }
}

const META: &str = r#"{"label": {
  "scheme": "China carbon footprint label (CNCA rules) <issuer's name> & co",
  "valid_from": "2026-01-01", "valid_until": "2027-12-31",
  "certificate": "CFL-2026-0001, Example Certification Co.",
  "verify_url": "https://example.invalid/pcf",
  "precheck": "cn-label"
}}"#;

#[test]
fn the_meta_gives_the_scheme_validity_and_the_link_base_in_both_languages() {
    let text = sealed_text("pv-cre-ecs-mono-module.json");
    let result: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let digest = result["receipt"]["result_sha256"].as_str().expect("digest");
    let link = format!("https://example.invalid/pcf/#verify={digest}");
    for lang in [Lang::En, Lang::Zh] {
        let svg = label(&text, lang, Some(META)).expect("writes");
        let doc = roxmltree::Document::parse(&svg).expect("parses");
        assert_eq!(decode(&modules(&doc)), link);
        let all = visible(&doc);
        // The user's text, escaped in the file and intact once parsed.
        assert!(svg.contains("&lt;issuer&#39;s") && svg.contains("name&gt; &amp; co"));
        assert!(all.contains("China carbon footprint label (CNCA rules) <issuer's name> & co"));
        assert!(all.contains("2026-01-01 – 2027-12-31"));
        assert!(all.contains("CFL-2026-0001, Example Certification Co."));
        let data: serde_json::Value =
            serde_json::from_str(&text_of(by_id(&doc, "pcf-label"))).expect("JSON metadata");
        assert_eq!(data["precheck"]["scheme"], "cn-label");
        assert_eq!(data["verification_link"], link.as_str());
        let open: Vec<&str> = data["to_be_confirmed"]
            .as_array()
            .expect("list")
            .iter()
            .map(|t| t["field"].as_str().expect("field"))
            .collect();
        assert_eq!(open, ["layout", "qr_code", "unit"]);
        match lang {
            Lang::En => assert!(all.contains("Product carbon footprint")),
            Lang::Zh => {
                assert!(all.contains("产品碳足迹"));
                assert!(all.contains(result["product"]["name_zh"].as_str().expect("zh")));
                assert_eq!(
                    doc.root_element()
                        .attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
                    Some("zh")
                );
            }
        }
        // The exact figure, not the CRE's rounded one (no label rounding rule is established).
        assert_eq!(text_of(by_id(&doc, "value")), "425.494");
    }
}

#[test]
fn without_meta_the_scheme_and_validity_are_to_be_confirmed() {
    let text = sealed_text("steel-bf-bof-coil.json");
    let svg = label(&text, Lang::En, None).expect("writes");
    let doc = roxmltree::Document::parse(&svg).expect("parses");
    let all = visible(&doc);
    assert!(all.contains("Scheme: to be confirmed"));
    assert!(all.contains("Valid: to be confirmed"));
    let data: serde_json::Value =
        serde_json::from_str(&text_of(by_id(&doc, "pcf-label"))).expect("JSON metadata");
    let open: Vec<&str> = data["to_be_confirmed"]
        .as_array()
        .expect("list")
        .iter()
        .map(|t| t["field"].as_str().expect("field"))
        .collect();
    assert_eq!(open, ["layout", "qr_code", "unit", "scheme", "validity"]);
}

#[test]
fn any_text_gives_a_well_formed_svg() {
    // Markup, quotes and characters XML forbids even escaped, in the study's own texts.
    let doc = r#"{"schema": "pcf/1",
      "product": {"name": "<script>alert('x')</script> \u0001 & \"q\" \uffff", "sector": "other",
                  "declared_unit": {"amount": 1, "unit": "kg"},
                  "functional_unit": "]]> <!-- --> 一千克产品一千克产品一千克产品一千克产品一千克产品一千克产品一千克产品一千克产品"},
      "gwp_set": "AR6",
      "boundary": {"kind": "cradle-to-gate", "stages": ["production"]},
      "reference_period": {"start": "2025-01-01", "end": "2025-12-31"},
      "activities": [{"stage": "production", "amount": 2, "unit": "kg",
                      "inline_factor": {"value": 1.5, "per_unit": "kg", "gwp_set": "AR6", "source": "test"}}]}"#;
    let text = crate::compute_json(doc, FactorSet::builtin().expect("built-in")).expect("computes");
    let svg = label(&text, Lang::Zh, None).expect("writes");
    let parsed = roxmltree::Document::parse(&svg).expect("well-formed");
    let all = visible(&parsed);
    assert!(all.contains("<script>alert('x')</script> \u{FFFD} & \"q\" \u{FFFD}"));
    assert!(!svg.contains("<script"));
    assert_eq!(text_of(by_id(&parsed, "value")), "3.0");
}

#[test]
fn lines_wrap_inside_the_label() {
    let long = "a".repeat(200);
    for line in wrap(&long, 368.0, 11.0) {
        assert!(
            line.chars().map(advance).sum::<f64>() * 11.0 <= 368.0,
            "{line}"
        );
    }
    let zh = "产品碳足迹".repeat(30);
    let lines = wrap(&zh, 368.0, 11.0);
    assert_eq!(lines.concat(), zh);
    assert!(lines.len() >= 4);
    assert_eq!(
        wrap("Product: one two three", 90.0, 10.0),
        ["Product: one", "two three"]
    );
    assert_eq!(wrap("", 100.0, 10.0), [""]);
}

#[test]
fn the_link_is_the_base_and_the_digest() {
    let d = "ab".repeat(32);
    assert_eq!(verification_link(None, &d), d);
    assert_eq!(
        verification_link(Some("https://x.invalid/pcf"), &d),
        format!("https://x.invalid/pcf/#verify={d}")
    );
    assert_eq!(
        verification_link(Some("https://x.invalid/pcf/"), &d),
        format!("https://x.invalid/pcf/#verify={d}")
    );
}

#[test]
fn bad_label_meta_is_an_error_at_its_path() {
    let text = sealed_text("steel-bf-bof-coil.json");
    for (meta, path) in [
        (
            r#"{"label": {"valid_from": "2026-01-01", "valid_until": "2025-12-31"}}"#,
            "$meta.label.valid_until",
        ),
        (
            r#"{"label": {"valid_from": "2026-13-01"}}"#,
            "$meta.label.valid_from",
        ),
        (
            r#"{"label": {"verify_url": "https://x.invalid/#a"}}"#,
            "$meta.label.verify_url",
        ),
        (
            r#"{"label": {"verify_url": "ftp://x"}}"#,
            "$meta.label.verify_url",
        ),
        (
            r#"{"label": {"precheck": "pact-v3"}}"#,
            "$meta.label.precheck",
        ),
        (r#"{"label": {"scheme": "  "}}"#, "$meta.label.scheme"),
        (r#"{"label": {"colour": "green"}}"#, "$meta.label.colour"),
    ] {
        let e = label(&text, Lang::En, Some(meta)).expect_err(meta);
        assert_eq!(e.path(), path, "{meta}: {e}");
    }
    let long = format!(
        r#"{{"label": {{"verify_url": "https://{}"}}}}"#,
        "x".repeat(400)
    );
    let e = label(&text, Lang::En, Some(&long)).expect_err("too long");
    assert_eq!(e.path(), "$meta.label.verify_url");
}
