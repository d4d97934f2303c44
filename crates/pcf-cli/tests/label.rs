//! `pcf report label` and `pcf verify --document` as processes (issue 20): the label of a shipped
//! example parses as SVG, shows the result file's total digit for digit, and its QR code,
//! rasterised from the SVG's own path and decoded by rqrr, is the receipt's verification link;
//! a document is checked against its receipt in every form (sealed result, report JSON, label,
//! bare receipt, digest), an edited document is a mismatch that says what differs, and plain
//! `pcf verify RESULT` is unchanged.
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

/// The repository's root, where the binary runs (as in tests/cli.rs).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn pcf(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcf"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("the pcf binary runs")
}

fn dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("pcf-cli-label-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn temp_file(name: &str, text: &str) -> String {
    let file = dir().join(name);
    std::fs::write(&file, text).expect("writable");
    file.to_str().expect("utf-8 path").to_string()
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        code(out),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn error(out: &Output) -> serde_json::Value {
    assert_eq!(
        code(out),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8_lossy(&out.stderr);
    let v: serde_json::Value = serde_json::from_str(text.trim())
        .unwrap_or_else(|e| panic!("stderr is not one JSON object ({e}): {text}"));
    v["error"].clone()
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("JSON")
}

/// `pcf compute` of an example: the result file's path and text.
fn computed(example: &str) -> (String, String) {
    let text = stdout(&pcf(&["compute", &format!("examples/{example}")]));
    (temp_file(&format!("{example}.result.json"), &text), text)
}

/// The digits the result file writes after `"key": ` (the first occurrence).
fn written(result_text: &str, key: &str) -> String {
    let at = result_text
        .find(&format!("\"{key}\": "))
        .unwrap_or_else(|| panic!("{key} in the result"))
        + key.len()
        + 4;
    let rest = &result_text[at..];
    rest[..rest.find([',', '\n']).expect("a number ends")].to_string()
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

/// The QR code of a label, read from the SVG: the `#qr` group's quiet-zone square gives the
/// side in modules, its path `M{col} {row}h{run}v1h-{run}z` the dark runs. Rasterised at 5
/// pixels a module and decoded by rqrr.
fn decoded_qr(doc: &roxmltree::Document) -> String {
    let g = by_id(doc, "qr");
    let side: usize = g
        .children()
        .find(|n| n.has_tag_name("rect"))
        .and_then(|r| r.attribute("width"))
        .expect("quiet zone")
        .parse()
        .expect("modules");
    let d = g
        .children()
        .find(|n| n.has_tag_name("path"))
        .and_then(|p| p.attribute("d"))
        .expect("path");
    let mut dark = vec![false; side * side];
    for sub in d.split('z').filter(|s| !s.is_empty()) {
        let nums: Vec<usize> = sub
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .map(|t| t.parse().expect("number"))
            .collect();
        // M col row h run v 1 h -run
        let (col, row, run) = (nums[0], nums[1], nums[2]);
        assert_eq!(nums[4], run, "{sub}");
        for c in col..col + run {
            dark[row * side + c] = true;
        }
    }
    const PX: usize = 5;
    let n = side * PX;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(n, n, |x, y| {
        if dark[(y / PX) * side + x / PX] {
            0
        } else {
            255
        }
    });
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("decodes").1
}

const LABEL_META: &str = r#"{"label": {
  "scheme": "China carbon footprint label (CNCA general rules, trial)",
  "valid_from": "2026-03-01", "valid_until": "2028-02-29",
  "verify_url": "https://example.invalid/pcf/",
  "precheck": "cn-label"
}}"#;

#[test]
fn a_label_shows_the_total_and_its_qr_code_is_the_receipts_link() {
    let meta = temp_file("label-meta.json", LABEL_META);
    for example in [
        "battery-m1-75kwh.json",
        "steel-dri-eaf-slab.json",
        "textile-tshirt-recycled-polyester.json",
        "pv-cre-ecs-mono-module.json",
    ] {
        let (path, result_text) = computed(example);
        let result = json(&result_text);
        let digest = result["receipt"]["result_sha256"].as_str().expect("digest");

        // Without meta: the digest alone in the code; to a .svg file, the same bytes as stdout.
        let plain = stdout(&pcf(&["report", "label", &path]));
        let out = dir().join(format!("{example}.svg"));
        assert_eq!(
            stdout(&pcf(&[
                "report",
                "label",
                &path,
                "-o",
                out.to_str().expect("path")
            ])),
            ""
        );
        assert_eq!(std::fs::read_to_string(&out).expect("written"), plain);
        let doc = roxmltree::Document::parse(&plain).expect("well-formed SVG");
        assert_eq!(decoded_qr(&doc), digest, "{example}");
        assert_eq!(
            text_of(by_id(&doc, "value")),
            written(&result_text, "total_kg_co2e"),
            "{example}"
        );

        // With meta, English and Chinese: the link, the scheme, the validity.
        for lang in ["en", "zh"] {
            let svg = stdout(&pcf(&[
                "report", "label", &path, "--meta", &meta, "--lang", lang, "--format", "svg",
            ]));
            let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
            assert_eq!(
                decoded_qr(&doc),
                format!("https://example.invalid/pcf/#verify={digest}"),
                "{example} {lang}"
            );
            let all = visible(&doc);
            assert!(all.contains(&written(&result_text, "total_kg_co2e")));
            assert!(all.contains("China carbon footprint label (CNCA general rules, trial)"));
            assert!(all.contains("2026-03-01 – 2028-02-29"));
            assert!(all.contains(digest));
            let data = json(&text_of(by_id(&doc, "pcf-label")));
            assert_eq!(data["kg_co2e"], result["total_kg_co2e"]);
            assert_eq!(data["receipt"]["result_sha256"], digest);
            assert_eq!(data["precheck"]["scheme"], "cn-label");
            if lang == "zh" {
                assert!(all.contains("产品碳足迹"));
            }
        }
    }
}

#[test]
fn label_errors_exit_2_with_their_path() {
    let (path, _) = computed("steel-bf-bof-coil.json");
    let meta = temp_file(
        "label-bad.json",
        r#"{"label": {"valid_from": "2026-01-01", "valid_until": "2025-01-01"}}"#,
    );
    let e = error(&pcf(&["report", "label", &path, "--meta", &meta]));
    assert_eq!(e["path"], "$meta.label.valid_until");
    let e = error(&pcf(&["report", "label", &path, "--format", "html"]));
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some("invalid_value"), Some("format"))
    );
    // A study instead of its result.
    let e = error(&pcf(&[
        "report",
        "label",
        "examples/steel-bf-bof-coil.json",
    ]));
    assert_eq!(e["path"], "$.schema");
}

/// The example with its first inline or declared figure (`"kg_co2e": N`, else `"value": N`,
/// else `"amount": N`) changed to N + 1: the same product, another document.
fn edited(doc: &str) -> String {
    let key = ["\"kg_co2e\": ", "\"value\": ", "\"amount\": "]
        .into_iter()
        .find(|k| doc.contains(k))
        .expect("a figure");
    let at = doc.find(key).expect("a figure") + key.len();
    let end = at + doc[at..].find([',', '\n', '}']).expect("ends");
    let n: f64 = doc[at..end].trim().parse().expect("a number");
    format!("{}{}{}", &doc[..at], n + 1.0, &doc[end..])
}

#[test]
fn verify_document_against_every_form_of_receipt() {
    let example = "battery-m1-75kwh.json";
    let doc_path = format!("examples/{example}");
    let doc_text = std::fs::read_to_string(format!("{ROOT}/{doc_path}")).expect("example");
    let (result_path, result_text) = computed(example);
    let result = json(&result_text);
    let digest = result["receipt"]["result_sha256"].as_str().expect("digest");
    let total = written(&result_text, "total_kg_co2e");
    let bare = temp_file(
        "receipt.json",
        &serde_json::to_string_pretty(&result["receipt"]).expect("receipt"),
    );
    let meta = temp_file(
        "passport-meta.json",
        r#"{"public_study_url": "https://example.invalid/study.pdf"}"#,
    );
    let passport = temp_file(
        "passport.json",
        &stdout(&pcf(&[
            "report",
            "battery-passport",
            &result_path,
            "--meta",
            &meta,
        ])),
    );
    let label = temp_file(
        "label.svg",
        &stdout(&pcf(&["report", "label", &result_path])),
    );
    let link = format!("https://example.invalid/pcf/#verify={digest}");
    for (receipt, source) in [
        (result_path.as_str(), "result"),
        (passport.as_str(), "report"),
        (label.as_str(), "label"),
        (bare.as_str(), "receipt"),
        (digest, "digest"),
        (link.as_str(), "digest"),
    ] {
        // One line: this document, this product, this total, match.
        let line = stdout(&pcf(&["verify", "--document", &doc_path, receipt]));
        assert_eq!(line.lines().count(), 1, "{line}");
        assert!(
            line.starts_with("match: this document (input sha256 "),
            "{source}: {line}"
        );
        assert!(line.contains("LFP traction battery pack, 75 kWh"), "{line}");
        assert!(
            line.contains(&format!("total {total} kg CO2e per 1.0 item")),
            "{line}"
        );
        let report = json(&stdout(&pcf(&[
            "verify",
            "--document",
            &doc_path,
            receipt,
            "--json",
        ])));
        assert_eq!(report["schema"], "pcf-verify-document/1");
        assert_eq!(report["status"], "match");
        assert_eq!(report["receipt_source"], source);
        assert_eq!(report["summary"].as_str(), Some(line.trim_end()));
        assert_eq!(report["total_kg_co2e"], result["total_kg_co2e"]);

        // The edited document: exit 1, and the line says what differs.
        let changed = temp_file("edited.json", &edited(&doc_text));
        let out = pcf(&["verify", "--document", &changed, receipt]);
        assert_eq!(code(&out), Some(1), "{source}");
        let line = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(line.starts_with("mismatch: this document"), "{line}");
        assert!(
            line.contains("input digest, result digest differ from the receipt's")
                || (source == "digest"
                    && line.contains("result digest differs from the receipt's")),
            "{source}: {line}"
        );
    }
    // The document from standard input.
    let out = Command::new(env!("CARGO_BIN_EXE_pcf"))
        .args(["verify", "--document", "-", &result_path])
        .current_dir(ROOT)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .expect("stdin")
                .write_all(doc_text.as_bytes())?;
            c.wait_with_output()
        })
        .expect("runs");
    assert_eq!(code(&out), Some(0));
}

#[test]
fn verify_document_bad_input_exits_2_and_plain_verify_is_unchanged() {
    let (result_path, result_text) = computed("pv-cre-ecs-mono-module.json");
    let doc = "examples/pv-cre-ecs-mono-module.json";
    // Not a receipt; an edited sealed result; a document that does not compute.
    let not = temp_file("not-receipt.json", r#"{"schema": "pcf/1"}"#);
    assert_eq!(
        error(&pcf(&["verify", "--document", doc, &not]))["path"],
        "$receipt"
    );
    let mut v = json(&result_text);
    v["total_kg_co2e"] = serde_json::json!(1.0);
    let forged = temp_file("forged.json", &v.to_string());
    assert_eq!(
        error(&pcf(&["verify", "--document", doc, &forged]))["path"],
        "$receipt.receipt.result_sha256"
    );
    let bad = temp_file("bad-doc.json", r#"{"schema": "pcf/1"}"#);
    let e = error(&pcf(&["verify", "--document", &bad, &result_path]));
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some("invalid_document"), Some("$"))
    );
    assert_eq!(
        error(&pcf(&["verify", "--document", "-", "-"]))["path"],
        "document"
    );
    // --json needs --document (a usage error).
    assert_eq!(code(&pcf(&["verify", &result_path, "--json"])), Some(2));
    // Plain verify: the pcf-verify/1 report, as before.
    let plain = json(&stdout(&pcf(&["verify", &result_path])));
    assert_eq!(plain["schema"], "pcf-verify/1");
    assert_eq!(plain["status"], "match");
    let out = pcf(&["verify", &forged]);
    assert_eq!(code(&out), Some(1));
    assert_eq!(
        json(&String::from_utf8_lossy(&out.stdout))["status"],
        "mismatch"
    );
}
