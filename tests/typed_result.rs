//! pcf's own outputs are typed both ways: every golden result reads back into
//! `FootprintResult` and is written again byte for byte by the writer the CLI uses, a verify
//! report reads back into `VerifyReport`, and a result whose field set is not the schema's
//! (an unknown or renamed field, a value outside a closed set) is refused at its path.

use std::path::{Path, PathBuf};

use pcf::receipt::VerifyReport;
use pcf::{FactorSet, FootprintResult};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn set() -> &'static FactorSet {
    FactorSet::builtin().expect("built-in tables")
}

fn goldens() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(root().join("tests/golden"))
        .expect("tests/golden")
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("expected.json"))
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), read(&p)))
        .collect();
    out.sort();
    out
}

#[test]
fn every_golden_result_reads_back_and_is_written_again_byte_for_byte() {
    let goldens = goldens();
    assert!(goldens.len() >= 20, "{} golden results", goldens.len());
    let mut templates = 0;
    for (name, text) in goldens {
        let r: FootprintResult =
            pcf::result::parse(&text).unwrap_or_else(|e| panic!("{name}: {} at {}", e, e.path()));
        templates += usize::from(r.template.is_some());
        // The CLI's writer (`compute_json`) and the generic one.
        assert_eq!(
            pcf::receipt::to_pretty_json(&r).expect("writes"),
            text,
            "{name}"
        );
        assert_eq!(pcf::to_json(&r).expect("writes"), text, "{name}");
    }
    assert!(templates >= 10, "the goldens cover the sector templates");
}

#[test]
fn a_verify_report_reads_back_and_is_written_again_byte_for_byte() {
    let input = read(&root().join("examples/battery-m1-75kwh.json"));
    let sealed = pcf::compute_json(&input, set()).expect("computes");
    // A match, and a mismatch with differences (the declared amount edited).
    let edited = sealed.replacen("\"amount\": ", "\"amount\": 1", 1);
    for text in [&sealed, &edited] {
        let report = pcf::verify(text, set()).expect("a sealed result");
        let written = pcf::to_json(&report).expect("writes");
        let back: VerifyReport = serde_json::from_str(&written).expect("reads back");
        assert_eq!(back, report);
        assert_eq!(pcf::to_json(&back).expect("writes"), written);
    }
    let mismatch = pcf::verify(&edited, set()).expect("sealed");
    assert!(!mismatch.matches());
    assert!(mismatch.differences_total > 0);
}

/// The error of reading `text` as a result: (code, path).
fn refused(text: &str) -> (String, String) {
    let e = pcf::result::parse(text).expect_err("refused");
    (e.code().to_string(), e.path().to_string())
}

fn electricity() -> String {
    read(&root().join("tests/golden/electricity/expected.json"))
}

#[test]
fn an_unknown_or_renamed_field_is_refused_at_its_path() {
    let text = electricity();
    assert!(pcf::result::parse(&text).is_ok());
    // An unknown field in a line.
    let unknown = text.replacen(
        "\"kind\": \"factor\"",
        "\"colour\": 1, \"kind\": \"factor\"",
        1,
    );
    assert_ne!(unknown, text);
    assert_eq!(
        refused(&unknown),
        ("invalid_document".into(), "$.lines[0].colour".into())
    );
    // A renamed figure: the new name is unknown.
    let renamed = text.replacen("\"total_kg_co2e\"", "\"total_kg_co2\"", 1);
    assert_eq!(
        refused(&renamed),
        ("invalid_document".into(), "$.total_kg_co2".into())
    );
    // A renamed optional field is refused too, not dropped.
    let renamed = text.replacen("\"converted_amount\"", "\"converted\"", 1);
    assert_eq!(
        refused(&renamed),
        ("invalid_document".into(), "$.lines[0].converted".into())
    );
    // A missing figure names its object.
    let missing = text.replacen("\"removals_kg_co2e\": 0.0,", "", 1);
    assert_ne!(missing, text);
    let (code, path) = refused(&missing);
    assert_eq!((code.as_str(), path.as_str()), ("invalid_document", "$"));
    // A value outside a closed set.
    let kind = text.replacen("\"kind\": \"factor\"", "\"kind\": \"facto\"", 1);
    assert_ne!(kind, text);
    assert_eq!(
        refused(&kind),
        ("invalid_document".into(), "$.lines[0].kind".into())
    );
    let schema = text.replacen("\"pcf-result/1\"", "\"pcf-result/2\"", 1);
    assert_eq!(
        refused(&schema),
        ("invalid_document".into(), "$.schema".into())
    );
}

#[test]
fn verify_and_the_pact_export_refuse_a_result_with_an_unknown_field_at_its_path() {
    let input = read(&root().join("tests/golden/electricity/input.json"));
    let sealed = pcf::compute_json(&input, set()).expect("computes");
    let unknown = sealed.replacen(
        "\"kind\": \"factor\"",
        "\"colour\": 1, \"kind\": \"factor\"",
        1,
    );
    let e = pcf::verify(&unknown, set()).expect_err("refused");
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_document", "$.lines[0].colour")
    );
    let e = pcf::pact::export_value(&unknown, pcf::pact::Spec::V3, None).expect_err("refused");
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_document", "$.lines[0].colour")
    );
}

#[test]
fn the_core_lists_the_sector_templates_tags() {
    let tags: Vec<&str> = pcf::sectors::TEMPLATES.iter().map(|t| t.tag).collect();
    let mut core = pcf::result::TEMPLATE_TAGS.to_vec();
    let mut sectors = tags.clone();
    core.sort_unstable();
    sectors.sort_unstable();
    assert_eq!(core, sectors);
}
