//! The documents of `pcf report` against the JSON Schemas pcf commits for them
//! (`schema/pcf-battery-passport-1.schema.json`, `pcf-battery-declaration-1.schema.json`,
//! `pcf-cbam-communication-1.schema.json`, `pcf-cfp-report-1.schema.json`), and the documented
//! meta examples against `pcf-report-meta-1.schema.json`.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn validator(file: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&read(&format!("schema/{file}"))).expect("JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .expect("the schema compiles")
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

const META: &str = "tests/data/reports/battery-meta.json";

#[test]
fn the_meta_example_is_valid_and_a_wrong_one_is_not() {
    let v = validator("pcf-report-meta-1.schema.json");
    let meta: Value = serde_json::from_str(&read(META)).expect("JSON");
    assert_eq!(errors(&v, &meta), Vec::<String>::new());
    pcf::reports::Meta::parse(&read(META)).expect("pcf reads it");
    let wrong = serde_json::json!({"manufacturer": {"nmae": "A"}});
    assert_eq!(errors(&v, &wrong).len(), 1);
}

#[test]
fn every_battery_document_is_valid_against_its_schema() {
    let set = pcf::FactorSet::builtin().expect("built-in");
    let passport = validator("pcf-battery-passport-1.schema.json");
    let declaration = validator("pcf-battery-declaration-1.schema.json");
    let metas = [
        read(META),
        // The fewest fields each kind takes.
        r#"{"manufacturer": {"name": "A", "address": "B"}, "plant": {"locality": "C", "country": "D"},
            "declaration_of_conformity_id": "E", "public_study_url": "https://f.example"}"#
            .to_string(),
    ];
    for example in ["battery-m1-75kwh.json", "battery-nmc811-per-kwh.json"] {
        let result =
            pcf::compute_json(&read(&format!("examples/{example}")), set).expect("computes");
        for meta in &metas {
            let options = pcf::reports::Options {
                meta: Some(meta.clone()),
                ..Default::default()
            };
            for (kind, v) in [
                ("battery-passport", &passport),
                ("battery-declaration", &declaration),
            ] {
                let doc = pcf::reports::report(kind, &result, &options, set).expect("writes");
                let value: Value = serde_json::from_str(&doc.text).expect("JSON");
                assert_eq!(errors(v, &value), Vec::<String>::new(), "{example} {kind}");
            }
        }
    }
}

#[test]
fn a_battery_studied_without_the_template_has_no_lifetime_energy_and_no_battery_document() {
    // battery-lfp-60kwh-generic.json is a pcf/1 study of a battery: no functional unit of the
    // regulation, so neither battery document applies (the CFP study report and the label,
    // which apply to every result, do).
    let set = pcf::FactorSet::builtin().expect("built-in");
    let result =
        pcf::compute_json(&read("examples/battery-lfp-60kwh-generic.json"), set).expect("computes");
    let options = pcf::reports::Options {
        meta: Some(read(META)),
        ..Default::default()
    };
    for kind in ["battery-passport", "battery-declaration"] {
        let e = pcf::reports::report(kind, &result, &options, set).expect_err("does not apply");
        assert_eq!((e.code(), e.path()), ("invalid_value", "kind"));
        assert!(e
            .to_string()
            .contains("this is a pcf/1 result, to which these kinds apply: cfp-report, label"));
    }
}

#[test]
fn every_cbam_communication_is_valid_against_its_schema_and_so_is_its_meta() {
    let meta = read("tests/data/reports/cbam-meta.json");
    let v = validator("pcf-report-meta-1.schema.json");
    assert_eq!(
        errors(&v, &serde_json::from_str(&meta).expect("JSON")),
        Vec::<String>::new()
    );
    let set = pcf::FactorSet::builtin().expect("built-in");
    let schema = validator("pcf-cbam-communication-1.schema.json");
    let least = r#"{"cbam": {"installation": {"street_address": "1 Road", "city": "Tangshan",
        "unlocode": "CNTSN", "latitude": 39.6, "longitude": 118.2},
        "operator": {"name": "Op", "email": "op@example.invalid"}}}"#;
    for example in [
        "steel-bf-bof-coil.json",
        "steel-dri-eaf-slab.json",
        "steel-scrap-eaf-rebar.json",
    ] {
        let result =
            pcf::compute_json(&read(&format!("examples/{example}")), set).expect("computes");
        for m in [meta.as_str(), least] {
            let options = pcf::reports::Options {
                meta: Some(m.to_string()),
                ..Default::default()
            };
            let doc =
                pcf::reports::report("cbam-communication", &result, &options, set).expect("writes");
            let value: Value = serde_json::from_str(&doc.text).expect("JSON");
            assert_eq!(errors(&schema, &value), Vec::<String>::new(), "{example}");
        }
    }
}

#[test]
fn every_cfp_report_is_valid_against_its_schema_and_so_is_its_meta_example() {
    let meta_schema = validator("pcf-report-meta-1.schema.json");
    let cfp_meta = read("tests/data/reports/cfp-meta.json");
    let meta: Value = serde_json::from_str(&cfp_meta).expect("JSON");
    assert_eq!(errors(&meta_schema, &meta), Vec::<String>::new());
    pcf::reports::Meta::parse(&cfp_meta).expect("pcf reads it");
    let set = pcf::FactorSet::builtin().expect("built-in");
    let schema = validator("pcf-cfp-report-1.schema.json");
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("examples")).expect("examples/") {
        let path = entry.expect("readable").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let study = std::fs::read_to_string(&path).expect("readable");
        let result = pcf::compute_json(&study, set).expect("computes");
        let run = pcf::uncertainty::run_json(
            &study,
            set,
            pcf::uncertainty::Options {
                runs: 50,
                seed: 1,
                threshold: Some(1.0),
            },
        )
        .expect("runs");
        for (meta, uncertainty) in [(None, None), (Some(cfp_meta.clone()), Some(run))] {
            let options = pcf::reports::Options {
                format: Some(pcf::reports::Format::Json),
                meta,
                uncertainty,
                ..Default::default()
            };
            let doc = pcf::reports::report("cfp-report", &result, &options, set).expect("writes");
            let value: Value = serde_json::from_str(&doc.text).expect("JSON");
            assert_eq!(
                errors(&schema, &value),
                Vec::<String>::new(),
                "{}",
                path.display()
            );
        }
        n += 1;
    }
    assert!(n >= 10, "{n} examples");
}
