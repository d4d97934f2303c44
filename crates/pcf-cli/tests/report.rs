//! `pcf report` as a process: `pcf compute` on a shipped battery example, then each battery
//! document; its figures are the result file's own digits, its texts escaped, its errors
//! exit 2 with their path.
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
    let d = std::env::temp_dir().join(format!("pcf-cli-report-{}", std::process::id()));
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
    let text = String::from_utf8_lossy(&out.stderr);
    let v: serde_json::Value = serde_json::from_str(text.trim())
        .unwrap_or_else(|e| panic!("stderr is not one JSON object ({e}): {text}"));
    v["error"].clone()
}

/// `pcf compute` of an example: the result file's path and text.
fn computed(example: &str) -> (String, String) {
    // Each call its own file: the tests run in parallel, and two writing one file while a
    // third reads it would read a half-written result.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let text = stdout(&pcf(&["compute", &format!("examples/{example}")]));
    (
        temp_file(&format!("{example}.{n}.result.json"), &text),
        text,
    )
}

/// The digits the result file writes after `"key": ` (the first occurrence).
fn written(result_text: &str, key: &str) -> String {
    let at = result_text
        .find(&format!("\"{key}\": "))
        .unwrap_or_else(|| panic!("{key} in the result"));
    let rest = &result_text[at + key.len() + 4..];
    rest[..rest.find([',', '\n']).expect("a number ends")].to_string()
}

const META: &str = r#"{
  "manufacturer": {"name": "Example Cells GmbH", "trade_name": "ExCell", "address": "1 Example Street, 10115 Berlin, Germany"},
  "plant": {"street_address": "8 Plant Road", "postal_code": "352100", "locality": "Ningde", "region": "Fujian", "country": "CN"},
  "declaration_of_conformity_id": "EU-DoC-2026-0042",
  "public_study_url": "https://example.invalid/cf-study.pdf",
  "verification_report": "NB-1234-2026-07"
}"#;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("JSON")
}

#[test]
fn passport_figures_are_the_result_files_digits_and_the_stages_sum_to_the_total() {
    let meta = temp_file("meta.json", META);
    for example in ["battery-m1-75kwh.json", "battery-nmc811-per-kwh.json"] {
        let (path, result_text) = computed(example);
        let result = json(&result_text);
        let text = stdout(&pcf(&[
            "report",
            "battery-passport",
            &path,
            "--meta",
            &meta,
        ]));
        // The per-kWh footprint and the absolute one: the result file's own digits.
        assert!(text.contains(&format!(
            "\"batteryCarbonFootprint\": {},",
            written(&result_text, "kg_co2e_per_kwh_lifetime_energy")
        )));
        assert!(text.contains(&format!(
            "\"absoluteCarbonFootprint\": {}\n",
            written(&result_text, "total_kg_co2e")
        )));
        let v = json(&text);
        let energy = result["sector"]["battery"]["lifetime_energy_kwh"]
            .as_f64()
            .expect("energy");
        let total = result["sector"]["battery"]["kg_co2e_per_kwh_lifetime_energy"]
            .as_f64()
            .expect("per kWh");
        let stages = v["carbon_footprint"]["carbonFootprintPerLifecycleStage"]
            .as_array()
            .expect("stages");
        assert_eq!(stages.len(), 4);
        let mut sum = 0.0;
        for (s, r) in stages
            .iter()
            .zip(result["by_stage"].as_array().expect("by_stage"))
        {
            let kg = r["kg_co2e"].as_f64().expect("kg");
            let per_kwh = s["carbonFootprint"].as_f64().expect("per kWh");
            assert_eq!(per_kwh.to_bits(), (kg / energy).to_bits(), "{example}");
            sum += per_kwh;
        }
        assert!(
            (sum - total).abs() <= 1e-12 * total,
            "{example}: the stages sum to {sum}, the total is {total}"
        );
        for key in [
            "result_sha256",
            "input_sha256",
            "factor_set_sha256",
            "engine",
        ] {
            assert_eq!(v["receipt"][key], result["receipt"][key], "{key}");
        }
        assert_eq!(v["precheck"]["scheme"], "eu-battery");
        // The same inputs, the same bytes.
        assert_eq!(
            stdout(&pcf(&[
                "report",
                "battery-passport",
                &path,
                "--meta",
                &meta
            ])),
            text
        );
    }
}

#[test]
fn declaration_as_json_and_as_html_in_english_and_chinese() {
    let meta = temp_file("meta-decl.json", META);
    let (path, result_text) = computed("battery-m1-75kwh.json");
    let result = json(&result_text);
    let decl = stdout(&pcf(&[
        "report",
        "battery-declaration",
        &path,
        "--meta",
        &meta,
    ]));
    let per_kwh = written(&result_text, "kg_co2e_per_kwh_lifetime_energy");
    let total = written(&result_text, "total_kg_co2e");
    let energy = written(&result_text, "lifetime_energy_kwh");
    assert!(decl.contains(&format!("\"kg_co2e_per_kwh\": {per_kwh},")));
    assert!(decl.contains(&format!("\"absolute_kg_co2e\": {total},")));
    let v = json(&decl);
    assert_eq!(v["schema"], "pcf-battery-declaration/1");
    assert_eq!(v["declaration_of_conformity_id"], "EU-DoC-2026-0042");
    assert_eq!(
        v["miit_declaration"]["total_kg_co2e"],
        result["total_kg_co2e"]
    );
    assert_eq!(
        v["miit_declaration"]["kg_co2e_per_kwh"],
        result["sector"]["battery"]["kg_co2e_per_kwh_lifetime_energy"]
    );
    for (s, r) in v["by_stage"]
        .as_array()
        .expect("stages")
        .iter()
        .zip(result["by_stage"].as_array().expect("by_stage"))
    {
        assert_eq!(s["stage"], r["stage"]);
        assert_eq!(s["kg_co2e"], r["kg_co2e"]);
    }
    let schemes: Vec<&str> = v["precheck"]
        .as_array()
        .expect("verdicts")
        .iter()
        .map(|p| p["scheme"].as_str().expect("id"))
        .collect();
    assert_eq!(schemes, ["eu-battery", "cn-battery-declaration"]);
    assert_eq!(
        v["receipt"]["result_sha256"],
        result["receipt"]["result_sha256"]
    );

    // HTML: to a file (the format from its extension) and to stdout, the same bytes.
    let out = dir().join("declaration.html");
    let o = pcf(&[
        "report",
        "battery-declaration",
        &path,
        "--meta",
        &meta,
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(stdout(&o), "");
    let en = std::fs::read_to_string(&out).expect("written");
    assert_eq!(
        stdout(&pcf(&[
            "report",
            "battery-declaration",
            &path,
            "--meta",
            &meta,
            "--format",
            "html"
        ])),
        en
    );
    let zh = stdout(&pcf(&[
        "report",
        "battery-declaration",
        &path,
        "--meta",
        &meta,
        "--format",
        "html",
        "--lang",
        "zh",
    ]));
    for (page, lang, title) in [
        (&en, "en", "Battery carbon footprint declaration"),
        (&zh, "zh-CN", "电池碳足迹声明"),
    ] {
        assert!(page.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{lang}\">")));
        assert!(page.contains(title));
        for figure in [&per_kwh, &total, &energy] {
            assert!(page.contains(&format!(">{figure}<")), "{lang}: {figure}");
        }
        for r in result["by_stage"].as_array().expect("stages") {
            let kg = r["kg_co2e"].to_string();
            assert!(page.contains(&format!(">{kg}<")), "{lang}: stage {kg}");
        }
        for key in ["result_sha256", "input_sha256", "factor_set_sha256"] {
            assert!(page.contains(result["receipt"][key].as_str().expect("digest")));
        }
        assert!(page.contains("EU-DoC-2026-0042"));
        assert!(page.contains("href=\"https://example.invalid/cf-study.pdf\""));
        assert!(!page.contains("<script") && !page.contains(" src=") && !page.contains("<link"));
    }
    assert!(zh.contains("磷酸铁锂动力电池包") && zh.contains("工信部汽车动力电池碳足迹申报"));
    assert!(en.contains("Raw material acquisition and pre-processing"));
}

#[test]
fn a_script_in_a_name_is_text() {
    let meta = temp_file(
        "meta-script.json",
        &META.replace("Example Cells GmbH", "<script>alert('x')</script>"),
    );
    let (path, _) = computed("battery-m1-75kwh.json");
    let page = stdout(&pcf(&[
        "report",
        "battery-declaration",
        &path,
        "--meta",
        &meta,
        "--format",
        "html",
    ]));
    assert!(!page.contains("<script"));
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
}

#[test]
fn bad_meta_wrong_kind_and_unwritable_output() {
    let (path, _) = computed("battery-m1-75kwh.json");
    // A missing field, by its path.
    let meta = temp_file(
        "meta-bad.json",
        r#"{"manufacturer": {"name": "A", "address": "B"}, "plant": {"country": "CN"}}"#,
    );
    let o = pcf(&["report", "battery-declaration", &path, "--meta", &meta]);
    assert_eq!(o.status.code(), Some(2));
    let e = error(&o);
    assert_eq!(e["code"], "invalid_document");
    assert_eq!(e["path"], "$meta.plant.locality");
    // A wrong type, by its path.
    let meta = temp_file("meta-type.json", r#"{"public_study_url": 7}"#);
    let o = pcf(&["report", "battery-passport", &path, "--meta", &meta]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(error(&o)["path"], "$meta.public_study_url");
    // No meta: the first field the passport needs.
    let o = pcf(&["report", "battery-passport", &path]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(error(&o)["path"], "$meta.public_study_url");

    // A kind that does not apply names those that do (the CBAM communication, the CFP report
    // and the label, for steel).
    let (steel, _) = computed("steel-bf-bof-coil.json");
    let meta = temp_file("meta-ok.json", META);
    let o = pcf(&["report", "battery-passport", &steel, "--meta", &meta]);
    assert_eq!(o.status.code(), Some(2));
    let e = error(&o);
    assert_eq!(e["code"], "invalid_value");
    assert_eq!(e["path"], "kind");
    assert!(e["message"].as_str().expect("message").contains(
        "this is a pcf-steel/1 result, to which these kinds apply: cbam-communication, cfp-report, label"
    ));
    // An unknown kind: a usage error.
    let o = pcf(&["report", "carbon-label", &path]);
    assert_eq!(o.status.code(), Some(2));
    // A passport has no HTML.
    let o = pcf(&[
        "report",
        "battery-passport",
        &path,
        "--meta",
        &meta,
        "--format",
        "html",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(error(&o)["path"], "format");
    // A study instead of its result.
    let o = pcf(&[
        "report",
        "battery-passport",
        "examples/battery-m1-75kwh.json",
        "--meta",
        &meta,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(error(&o)["path"], "$.schema");

    // An output that cannot be written: pcf's failure, exit 3.
    let o = pcf(&[
        "report",
        "battery-passport",
        &path,
        "--meta",
        &meta,
        "-o",
        dir().join("no-such-folder/p.json").to_str().expect("path"),
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(error(&o)["code"], "cannot_write");
}
