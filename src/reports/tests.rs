//! The report builders on the shipped battery example: figures equal the result's bit for
//! bit, the stages add up to the total, user texts are escaped, errors name their path.

use super::*;

fn example(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(path).expect("example exists")
}

/// The sealed result text of an example, as `pcf compute` writes it.
fn sealed_text(name: &str) -> String {
    crate::compute_json(&example(name), FactorSet::builtin().expect("built-in")).expect("computes")
}

const META: &str = r#"{
  "manufacturer": {"name": "Example Cells GmbH", "address": "1 Example Street, 10115 Berlin, DE", "contact": "cf@example.invalid"},
  "plant": {"name": "Plant 2", "locality": "Ningde", "region": "Fujian", "country": "CN", "latitude": 26.66, "longitude": 119.52},
  "declaration_of_conformity_id": "EU-DoC-2026-0042",
  "public_study_url": "https://example.invalid/cf-study.pdf",
  "date": "2026-03-01"
}"#;

fn options(format: Option<Format>, lang: Lang, meta: Option<&str>) -> Options {
    Options {
        format,
        lang,
        meta: meta.map(str::to_string),
        uncertainty: None,
    }
}

fn run(kind: &str, text: &str, o: &Options) -> Result<Report> {
    report(kind, text, o, FactorSet::builtin().expect("built-in"))
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("JSON")
}

fn metrics(r: &FootprintResult) -> &crate::sectors::battery::BatteryMetrics {
    match &r.sector {
        Some(crate::sectors::SectorMetrics::Battery(m)) => m,
        _ => panic!("a battery result"),
    }
}

#[test]
fn every_kind_has_one_row_and_its_name() {
    assert_eq!(KIND_ROWS.len(), KINDS.len());
    for (row, name) in KIND_ROWS.iter().zip(KINDS) {
        assert_eq!(row.name, *name);
        let k = Kind::parse(name).expect("known");
        assert_eq!(k.name(), *name);
        assert_eq!(k.row().kind, k);
    }
    let e = Kind::parse("no-such-kind").expect_err("unknown");
    assert_eq!((e.code(), e.path()), ("invalid_value", "kind"));
    assert!(e
        .to_string()
        .contains("battery-passport, battery-declaration, cbam-communication"));
}

#[test]
fn passport_figures_are_the_results_and_the_stages_sum_to_the_total() {
    for name in ["battery-m1-75kwh.json", "battery-nmc811-per-kwh.json"] {
        let text = sealed_text(name);
        let r = sealed(&text).expect("sealed");
        let m = metrics(&r);
        let doc = run(
            "battery-passport",
            &text,
            &options(None, Lang::En, Some(META)),
        )
        .expect("writes");
        assert_eq!(doc.format, Format::Json);
        let v = json(&doc.text);
        let cf = &v["carbon_footprint"];
        assert_eq!(
            cf["batteryCarbonFootprint"].as_f64().map(f64::to_bits),
            Some(m.kg_co2e_per_kwh_lifetime_energy.to_bits())
        );
        assert_eq!(
            cf["absoluteCarbonFootprint"].as_f64().map(f64::to_bits),
            Some(r.total_kg_co2e.to_bits())
        );
        let stages = cf["carbonFootprintPerLifecycleStage"]
            .as_array()
            .expect("a list");
        let names: Vec<&str> = stages
            .iter()
            .map(|s| s["lifecycleStage"].as_str().expect("a name"))
            .collect();
        assert_eq!(
            names,
            [
                "RawMaterialExtraction",
                "MainProduction",
                "Distribution",
                "Recycling"
            ]
        );
        let mut sum = 0.0;
        for (s, id) in stages.iter().zip(crate::sectors::battery::STAGES) {
            let kg = r
                .by_stage
                .iter()
                .find(|t| t.stage == id)
                .expect("stage")
                .kg_co2e;
            let per_kwh = s["carbonFootprint"].as_f64().expect("a number");
            assert_eq!(per_kwh.to_bits(), (kg / m.lifetime_energy_kwh).to_bits());
            sum += per_kwh;
        }
        // The four stages are the study's whole boundary: their per-kWh values add up to the
        // total per kWh up to the rounding of four divisions and three additions.
        let total = m.kg_co2e_per_kwh_lifetime_energy;
        assert!(
            (sum - total).abs() <= 1e-12 * total,
            "{name}: stages sum to {sum}, total {total}"
        );
        assert_eq!(
            cf["carbonFootprintStudy"],
            "https://example.invalid/cf-study.pdf"
        );
        // No class given: none written, and the item is to be confirmed.
        assert!(cf.get("carbonFootprintPerformanceClass").is_none());
        let open: Vec<&str> = v["to_be_confirmed"]
            .as_array()
            .expect("list")
            .iter()
            .map(|t| t["field"].as_str().expect("field"))
            .collect();
        assert_eq!(
            open,
            [
                "methodology",
                "carbonFootprintPerformanceClass",
                "legal_basis"
            ]
        );
        let rc = r.receipt.as_ref().expect("sealed");
        assert_eq!(v["receipt"]["result_sha256"], rc.result_sha256.as_str());
        assert_eq!(v["receipt"]["input_sha256"], rc.input_sha256.as_str());
        assert_eq!(
            v["receipt"]["factor_set_sha256"],
            rc.factor_set_sha256.as_str()
        );
        assert_eq!(v["receipt"]["engine"], rc.engine.as_str());
        assert_eq!(v["precheck"]["scheme"], "eu-battery");
    }
}

#[test]
fn the_class_is_the_users_text_as_given() {
    let text = sealed_text("battery-m1-75kwh.json");
    let meta = r#"{"public_study_url": "https://example.invalid/s", "performance_class": " B (provisional) "}"#;
    let v = json(
        &run(
            "battery-passport",
            &text,
            &options(None, Lang::En, Some(meta)),
        )
        .expect("writes")
        .text,
    );
    assert_eq!(
        v["carbon_footprint"]["carbonFootprintPerformanceClass"],
        "B (provisional)"
    );
}

#[test]
fn the_eu_battery_verdict_is_the_precheck_of_the_results_input() {
    let input = example("battery-m1-75kwh.json");
    let set = FactorSet::builtin().expect("built-in");
    let direct = crate::precheck::precheck(&input, "eu-battery", set).expect("runs");
    let v = json(
        &run(
            "battery-passport",
            &sealed_text("battery-m1-75kwh.json"),
            &options(None, Lang::En, Some(META)),
        )
        .expect("writes")
        .text,
    );
    assert_eq!(v["precheck"]["verdict"], direct.verdict);
    assert_eq!(v["precheck"]["rules_sha256"], direct.rules_sha256.as_str());
    let failed: Vec<&str> = direct
        .outcomes
        .iter()
        .filter(|o| o.status == "fail")
        .map(|o| o.rule.as_str())
        .collect();
    let findings: Vec<&str> = v["precheck"]["findings"]
        .as_array()
        .expect("list")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule"))
        .collect();
    assert_eq!(findings, failed);
}

#[test]
fn declaration_json_and_html_carry_the_same_figures() {
    let text = sealed_text("battery-m1-75kwh.json");
    let r = sealed(&text).expect("sealed");
    let m = metrics(&r);
    let v = json(
        &run(
            "battery-declaration",
            &text,
            &options(None, Lang::En, Some(META)),
        )
        .expect("writes")
        .text,
    );
    assert_eq!(
        v["carbon_footprint"]["kg_co2e_per_kwh"]
            .as_f64()
            .map(f64::to_bits),
        Some(m.kg_co2e_per_kwh_lifetime_energy.to_bits())
    );
    assert_eq!(
        v["miit_declaration"]["kg_co2e_per_kwh"]
            .as_f64()
            .map(f64::to_bits),
        Some(m.kg_co2e_per_kwh_lifetime_energy.to_bits())
    );
    assert_eq!(v["date"], "2026-03-01");
    assert_eq!(v["manufacturing_plant"]["locality"], "Ningde");
    let schemes: Vec<&str> = v["precheck"]
        .as_array()
        .expect("list")
        .iter()
        .map(|p| p["scheme"].as_str().expect("id"))
        .collect();
    assert_eq!(schemes, ["eu-battery", "cn-battery-declaration"]);
    for lang in [Lang::En, Lang::Zh] {
        let page = run(
            "battery-declaration",
            &text,
            &options(Some(Format::Html), lang, Some(META)),
        )
        .expect("writes");
        assert_eq!(page.format, Format::Html);
        let h = &page.text;
        // Every figure as the result file writes it (the stages per kWh are the stage
        // totals ÷ the lifetime energy, written by the same writer).
        let mut figures = vec![
            (m.kg_co2e_per_kwh_lifetime_energy, true),
            (m.lifetime_energy_kwh, true),
            (r.total_kg_co2e, true),
        ];
        for s in &r.by_stage {
            figures.push((s.kg_co2e, true));
            figures.push((s.kg_co2e / m.lifetime_energy_kwh, false));
        }
        for (x, in_result) in figures {
            let written = html::number(x);
            if in_result {
                assert!(
                    text.contains(&format!(": {written}")),
                    "{written} in the result"
                );
            }
            assert!(h.contains(&format!(">{written}<")), "{written} in the page");
        }
        for digest in [
            &r.receipt.as_ref().expect("sealed").result_sha256,
            &r.receipt.as_ref().expect("sealed").input_sha256,
            &r.factor_set.sha256,
        ] {
            assert!(h.contains(digest.as_str()));
        }
        assert!(!h.contains("<script"), "no script");
        assert!(!h.contains(" src="), "nothing loaded");
        assert!(!h.contains("<link"), "nothing loaded");
        assert!(!h.contains("url("), "nothing loaded");
        match lang {
            Lang::En => {
                assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
                assert!(h.contains("Battery carbon footprint declaration"));
                assert!(h.contains("Raw material acquisition and pre-processing"));
            }
            Lang::Zh => {
                assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
                assert!(h.contains("电池碳足迹声明"));
                assert!(h.contains("原材料获取与预处理"));
                assert!(h.contains("磷酸铁锂动力电池包"));
            }
        }
        // Reproducible: the same inputs, the same bytes.
        let again = run(
            "battery-declaration",
            &text,
            &options(Some(Format::Html), lang, Some(META)),
        )
        .expect("writes");
        assert_eq!(&again.text, h);
    }
}

#[test]
fn user_texts_are_escaped() {
    let text = sealed_text("battery-m1-75kwh.json");
    let meta = META.replace(
        "Example Cells GmbH",
        "<script>alert(1)</script> & \\\"Sons\\\"",
    );
    let page = run(
        "battery-declaration",
        &text,
        &options(Some(Format::Html), Lang::En, Some(&meta)),
    )
    .expect("writes")
    .text;
    assert!(!page.contains("<script"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot;"));
}

#[test]
fn a_vehicle_result_is_told_where_its_battery_documents_come_from() {
    let ev = sealed_text("ev-m1-compact-car.json");
    for kind in ["battery-passport", "battery-declaration"] {
        let e = run(kind, &ev, &options(None, Lang::En, Some(META))).expect_err("not a battery");
        assert_eq!((e.code(), e.path()), ("invalid_value", "kind"));
        assert!(
            e.to_string().ends_with("this is a pcf-ev/1 result, to which these kinds apply: cfp-report, label; a vehicle's battery gets its documents from its own result: compute the battery template the vehicle embeds (`battery.template`) with `pcf compute`, then `pcf report` that result"),
            "{e}"
        );
    }
    // Not said to a kind that is no battery's.
    let e = run("cbam-communication", &ev, &options(None, Lang::En, None)).expect_err("not steel");
    assert!(!e.to_string().contains("vehicle's battery"), "{e}");
}

#[test]
fn a_kind_that_does_not_apply_names_those_that_do() {
    let steel = sealed_text("steel-bf-bof-coil.json");
    let e = run(
        "battery-passport",
        &steel,
        &options(None, Lang::En, Some(META)),
    )
    .expect_err("not a battery");
    assert_eq!((e.code(), e.path()), ("invalid_value", "kind"));
    assert!(
        e.to_string().contains("battery-passport applies to a result of the traction-battery template (pcf-battery/1); this is a pcf-steel/1 result, to which these kinds apply: cbam-communication, cfp-report, label"),
        "{e}"
    );
    let r = sealed(&sealed_text("battery-m1-75kwh.json")).expect("sealed");
    assert_eq!(
        kinds_for(&r),
        [
            "battery-passport",
            "battery-declaration",
            "cfp-report",
            "label"
        ]
    );
    assert_eq!(
        kinds_for(&sealed(&steel).expect("sealed")),
        ["cbam-communication", "cfp-report", "label"]
    );
}

#[test]
fn a_passport_is_json_only() {
    let e = run(
        "battery-passport",
        &sealed_text("battery-m1-75kwh.json"),
        &options(Some(Format::Html), Lang::En, Some(META)),
    )
    .expect_err("no HTML passport");
    assert_eq!((e.code(), e.path()), ("invalid_value", "format"));
    assert!(e
        .to_string()
        .contains("battery-passport is written as json, not html"));
}

#[test]
fn meta_errors_name_their_path() {
    let text = sealed_text("battery-m1-75kwh.json");
    let cases: &[(&str, Option<&str>, &str, &str)] = &[
        (
            "battery-declaration",
            None,
            "invalid_document",
            "$meta.manufacturer",
        ),
        (
            "battery-declaration",
            Some(r#"{"manufacturer": {"name": "A"}}"#),
            "invalid_document",
            "$meta.manufacturer.address",
        ),
        (
            "battery-declaration",
            Some(r#"{"manufacturer": {"name": "A", "address": "B"}, "plant": {"country": "CN"}}"#),
            "invalid_document",
            "$meta.plant.locality",
        ),
        (
            "battery-declaration",
            Some(
                r#"{"manufacturer": {"name": "A", "address": "B"}, "plant": {"locality": "C", "country": "CN"}}"#,
            ),
            "invalid_document",
            "$meta.declaration_of_conformity_id",
        ),
        (
            "battery-declaration",
            Some(
                r#"{"manufacturer": {"name": "A", "address": "B"}, "plant": {"locality": "C", "country": "CN"}, "declaration_of_conformity_id": "D"}"#,
            ),
            "invalid_document",
            "$meta.public_study_url",
        ),
        (
            "battery-passport",
            Some("{}"),
            "invalid_document",
            "$meta.public_study_url",
        ),
        (
            "battery-passport",
            Some(r#"{"public_study_url": "ftp://x"}"#),
            "invalid_value",
            "$meta.public_study_url",
        ),
        (
            "battery-passport",
            Some(r#"{"public_study_url": "https://x", "date": "2026-02-30"}"#),
            "invalid_value",
            "$meta.date",
        ),
        (
            "battery-passport",
            Some(r#"{"public_study_url": "https://x", "performance_class": "  "}"#),
            "invalid_value",
            "$meta.performance_class",
        ),
        (
            "battery-passport",
            Some(r#"{"public_study_url": "https://x", "plant": {"latitude": "north"}}"#),
            "invalid_document",
            "$meta.plant.latitude",
        ),
        (
            "battery-passport",
            Some(r#"{"public_study_url": "https://x", "plant": {"latitude": 95, "longitude": 1}}"#),
            "invalid_value",
            "$meta.plant.latitude",
        ),
        (
            "battery-passport",
            Some(r#"{"public_study_url": "https://x", "plant": {"latitude": 45}}"#),
            "invalid_document",
            "$meta.plant.longitude",
        ),
        (
            "battery-passport",
            Some(r#"{"public_study_url": "https://x", "manufacturer": {"nmae": "A"}}"#),
            "invalid_document",
            "$meta.manufacturer.nmae",
        ),
        ("battery-passport", Some("[1]"), "invalid_document", "$meta"),
        ("battery-passport", Some("{"), "malformed_json", "$meta"),
    ];
    for (kind, meta, code, path) in cases {
        let e = run(kind, &text, &options(None, Lang::En, *meta)).expect_err("bad meta");
        assert_eq!((e.code(), e.path()), (*code, *path), "{meta:?}: {e}");
    }
}

#[test]
fn an_edited_or_unsealed_result_is_refused() {
    let text = sealed_text("battery-m1-75kwh.json");
    let edited = text.replacen("\"total_kg_co2e\": ", "\"total_kg_co2e\": 1", 1);
    let e = run(
        "battery-passport",
        &edited,
        &options(None, Lang::En, Some(META)),
    )
    .expect_err("edited");
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_value", "$.receipt.result_sha256")
    );
    let mut v = json(&text);
    v.as_object_mut().expect("object").remove("receipt");
    let e = run(
        "battery-passport",
        &v.to_string(),
        &options(None, Lang::En, Some(META)),
    )
    .expect_err("unsealed");
    assert_eq!((e.code(), e.path()), ("invalid_document", "$.receipt"));
    let e = run(
        "battery-passport",
        &example("battery-m1-75kwh.json"),
        &options(None, Lang::En, Some(META)),
    )
    .expect_err("a study, not a result");
    assert_eq!((e.code(), e.path()), ("unsupported_schema", "$.schema"));
}
