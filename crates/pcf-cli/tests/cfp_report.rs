//! `pcf report cfp-report` as a process, on shipped examples of three sectors (steel, textile,
//! PV): `pcf compute`, then the CFP study report as HTML (English, Chinese) and JSON; every
//! stage and class figure is the result file's own digits, the bytes repeat, an uncertainty
//! run of the same study is shown and one of another study is refused (exit 2 with its path).
#![cfg(not(target_arch = "wasm32"))]

use std::process::{Command, Output};

/// The repository's root, where the binary runs (as in tests/cli.rs).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// Examples of three sectors.
const EXAMPLES: &[&str] = &[
    "steel-bf-bof-coil.json",
    "textile-tshirt-recycled-polyester.json",
    "pv-cre-ecs-mono-module.json",
];

fn pcf(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pcf"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("the pcf binary runs")
}

fn dir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("pcf-cli-cfp-report-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn temp_file(name: &str, text: &str) -> String {
    let file = dir().join(name);
    std::fs::write(&file, text).expect("writable");
    file.to_str().expect("utf-8 path").to_string()
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn error(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    let v: serde_json::Value = serde_json::from_str(text.trim())
        .unwrap_or_else(|e| panic!("stderr is not one JSON object ({e}): {text}"));
    v["error"].clone()
}

/// `pcf compute` of an example: the result file's path and text.
fn computed(example: &str) -> (String, String) {
    let text = stdout(&pcf(&["compute", &format!("examples/{example}")]));
    (temp_file(&format!("{example}.result.json"), &text), text)
}

/// The `"kg_co2e": DIGITS` figures of a list (`"by_stage": [` …) of the result file, with the
/// name in each entry's first field, as the file writes them.
fn figures(result_text: &str, list: &str, name: &str) -> Vec<(String, String)> {
    let start = result_text
        .find(&format!("\"{list}\": ["))
        .unwrap_or_else(|| panic!("{list} in the result"));
    let rest = &result_text[start..];
    let body = &rest[..rest.find(']').expect("the list ends")];
    let mut out = Vec::new();
    for entry in body.split('{').skip(1) {
        let field = |key: &str| -> String {
            let at = entry
                .find(&format!("\"{key}\": "))
                .unwrap_or_else(|| panic!("{key} in {entry}"));
            let v = &entry[at + key.len() + 4..];
            v[..v.find([',', '\n']).expect("a value ends")]
                .trim_matches('"')
                .to_string()
        };
        out.push((field(name), field("kg_co2e")));
    }
    out
}

/// The digits the result file writes after the first `"key": `.
fn written(result_text: &str, key: &str) -> String {
    let at = result_text
        .find(&format!("\"{key}\": "))
        .unwrap_or_else(|| panic!("{key} in the result"));
    let rest = &result_text[at + key.len() + 4..];
    rest[..rest.find([',', '\n']).expect("a number ends")].to_string()
}

#[test]
fn every_stage_and_class_figure_is_the_result_files_digits_in_html_and_json() {
    for example in EXAMPLES {
        let (path, result_text) = computed(example);
        let stages = figures(&result_text, "by_stage", "stage");
        let classes = figures(&result_text, "by_class", "class");
        assert!(!stages.is_empty() && !classes.is_empty());
        let total = written(&result_text, "total_kg_co2e");
        let digest = written(&result_text, "result_sha256");
        for lang in ["en", "zh"] {
            // HTML is the kind's default format.
            let page = stdout(&pcf(&["report", "cfp-report", &path, "--lang", lang]));
            assert!(page.starts_with("<!DOCTYPE html>\n"), "{example}");
            for (stage, kg) in &stages {
                assert!(
                    page.contains(&format!(
                        "<code>{stage}</code></td><td class=\"num\">{kg}</td>"
                    )),
                    "{example} {lang}: stage {stage} {kg}"
                );
            }
            for (class, kg) in &classes {
                assert!(
                    page.contains(&format!(
                        "<code>{class}</code></td><td class=\"num\">{kg}</td>"
                    )),
                    "{example} {lang}: class {class} {kg}"
                );
            }
            assert!(page.contains(&format!("<span class=\"figure\">{total}</span>")));
            assert!(page.contains(digest.trim_matches('"')));
            // The same inputs, the same bytes.
            assert_eq!(
                stdout(&pcf(&["report", "cfp-report", &path, "--lang", lang])),
                page
            );
        }
        // JSON: with --format, or from the output file's extension; the same bytes.
        let text = stdout(&pcf(&["report", "cfp-report", &path, "--format", "json"]));
        let out = dir().join(format!("{example}.cfp.json"));
        let out_path = out.to_str().expect("utf-8 path");
        stdout(&pcf(&["report", "cfp-report", &path, "-o", out_path]));
        assert_eq!(std::fs::read_to_string(&out).expect("written"), text);
        assert!(text.contains(&format!("\"total_kg_co2e\": {total},")));
        for (_, kg) in stages.iter().chain(&classes) {
            assert!(
                text.contains(&format!("\"kg_co2e\": {kg}")),
                "{example}: {kg}"
            );
        }
        let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(v["schema"], "pcf-cfp-report/1");
        assert_eq!(v["precheck"]["scheme"], "iso14067");
        assert_eq!(v["receipt"]["result_sha256"], digest.trim_matches('"'));
    }
}

#[test]
fn the_goal_and_an_uncertainty_run_come_from_the_files_given() {
    let example = "textile-tshirt-recycled-polyester.json";
    let (path, _) = computed(example);
    let meta = temp_file(
        "meta.json",
        r#"{"date": "2026-05-01", "cfp_study": {"intended_application": "B2B <disclosure>", "commissioner": {"name": "Example Textiles Ltd"}}}"#,
    );
    let run_text = stdout(&pcf(&[
        "uncertainty",
        &format!("examples/{example}"),
        "--runs",
        "300",
        "--seed",
        "5",
    ]));
    let run = temp_file("run.json", &run_text);
    let page = stdout(&pcf(&[
        "report",
        "cfp-report",
        &path,
        "--meta",
        &meta,
        "--uncertainty",
        &run,
    ]));
    assert!(page.contains("B2B &lt;disclosure&gt;") && !page.contains("<disclosure>"));
    assert!(page.contains("Example Textiles Ltd") && page.contains("2026-05-01"));
    for key in ["mean", "p2_5", "p97_5"] {
        let digits = written(&run_text, key);
        assert!(page.contains(&digits), "{key} {digits}");
    }
    let v: serde_json::Value = serde_json::from_str(&stdout(&pcf(&[
        "report",
        "cfp-report",
        &path,
        "--uncertainty",
        &run,
        "--format",
        "json",
    ])))
    .expect("JSON");
    let r: serde_json::Value = serde_json::from_str(&run_text).expect("JSON");
    assert_eq!(v["uncertainty"]["statistics"], r["statistics"]);
    assert_eq!(v["uncertainty"]["runs"], 300);

    // A run of another study: exit 2, naming what differs.
    let other = temp_file(
        "other-run.json",
        &stdout(&pcf(&[
            "uncertainty",
            "examples/textile-cotton-tshirt-generic.json",
            "--runs",
            "20",
        ])),
    );
    let e = error(&pcf(&[
        "report",
        "cfp-report",
        &path,
        "--uncertainty",
        &other,
    ]));
    assert_eq!(e["code"], "invalid_value");
    assert_eq!(e["path"], "$uncertainty.product");
    // A meta field missing its name.
    let bad = temp_file(
        "bad-meta.json",
        r#"{"cfp_study": {"commissioner": {"contact": "a@b.invalid"}}}"#,
    );
    let e = error(&pcf(&["report", "cfp-report", &path, "--meta", &bad]));
    assert_eq!(e["path"], "$meta.cfp_study.commissioner.name");
    // An uncertainty run for a kind that shows none.
    let (battery, _) = computed("battery-m1-75kwh.json");
    let e = error(&pcf(&[
        "report",
        "battery-passport",
        &battery,
        "--uncertainty",
        &run,
    ]));
    assert_eq!(e["path"], "uncertainty");
}
