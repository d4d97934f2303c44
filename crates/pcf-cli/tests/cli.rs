//! The CLI as a process: exit codes, stdout and stderr.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The repository's root: the shared test data (`tests/`, `examples/`, `schema/`, `factors/`)
/// lives there, and the binary runs there, as a user in a clone would.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn pcf(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pcf"))
        .args(args)
        .current_dir(ROOT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the pcf binary starts");
    if let Some(text) = stdin {
        // A command may exit before reading its input (usage errors, --help): a broken pipe
        // then is expected, any other write error is not.
        if let Err(e) = child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(text.as_bytes())
        {
            assert_eq!(
                e.kind(),
                std::io::ErrorKind::BrokenPipe,
                "writing stdin: {e}"
            );
        }
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().expect("pcf finishes")
}

/// Writes `text` to `name` in a fresh per-process temporary folder and returns its path as text.
fn temp_file(folder: &str, name: &str, text: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("pcf-cli-{folder}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(name);
    std::fs::write(&file, text).expect("temp file is writable");
    file.to_str().expect("utf-8 temp path").to_string()
}

fn stderr_error(out: &Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&out.stderr);
    let v: serde_json::Value = serde_json::from_str(text.trim()).unwrap_or_else(|e| {
        panic!("stderr is not one JSON object ({e}): {text}");
    });
    v["error"].clone()
}

#[test]
fn compute_prints_the_golden_bytes_for_every_case() {
    let root = std::path::Path::new(ROOT).join("tests/golden");
    let mut n = 0;
    for entry in std::fs::read_dir(&root).expect("tests/golden exists") {
        let dir = entry.expect("readable").path();
        let input = dir.join("input.json");
        if !input.exists() {
            continue;
        }
        let out = pcf(&["compute", input.to_str().expect("utf-8 path")], None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let expected = std::fs::read(dir.join("expected.json")).expect("expected.json");
        assert!(out.stdout == expected, "{} differs", dir.display());
        n += 1;
    }
    assert_eq!(n, 23);
}

#[test]
fn compute_reads_standard_input() {
    let input = std::fs::read_to_string(
        std::path::Path::new(ROOT).join("tests/golden/electricity/input.json"),
    )
    .expect("readable");
    let out = pcf(&["compute", "-"], Some(&input));
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["total_kg_co2e"], serde_json::json!(620.5));
}

#[test]
fn every_golden_error_exits_2_with_code_and_path_on_stderr() {
    let root = std::path::Path::new(ROOT).join("tests/golden/errors");
    let mut n = 0;
    for entry in std::fs::read_dir(&root).expect("errors exist") {
        let path = entry.expect("readable").path();
        let case: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("json");
        let input = match &case["input"] {
            serde_json::Value::String(s) => s.clone(),
            doc => doc.to_string(),
        };
        let out = pcf(&["compute", "-"], Some(&input));
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        assert!(out.stdout.is_empty());
        let e = stderr_error(&out);
        assert_eq!(e["code"], case["code"], "{}", path.display());
        assert_eq!(e["path"], case["path"], "{}", path.display());
        n += 1;
    }
    assert!(n >= 17);
}

#[test]
fn a_missing_file_is_an_input_error() {
    let out = pcf(&["compute", "no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(e["code"], "cannot_read");
    assert_eq!(e["path"], "no/such/file.json");
}

#[test]
fn invalid_utf8_is_an_input_error() {
    let file = temp_file("utf8", "latin1.json", b"{\"schema\": \"pcf/1\xff\"}");
    let out = pcf(&["compute", &file], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["code"], "invalid_utf8");
}

#[test]
fn user_factor_tables_override_and_are_reported() {
    let table = temp_file(
        "tables",
        "green.csv",
        "id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,licence,verification,notes\n\
         cn.elec.footprint.2023.national,my green PPA,,0.05,kg,kWh,CO2e,AR6,fossil,CN-JS,2024,PPA certificate 42,own,user,\n"
        .as_bytes(),
    );
    // Without --override the clash with the built-in id is an error…
    let out = pcf(
        &[
            "compute",
            "tests/golden/electricity/input.json",
            "--factors",
            &table,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(e["code"], "factor_conflict");
    assert_eq!(e["path"], "green.csv:2");
    // …and with it the user row is used and the result says so.
    let out = pcf(
        &[
            "compute",
            "tests/golden/electricity/input.json",
            "--factors",
            &table,
            "--override",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["total_kg_co2e"], serde_json::json!(50.0));
    assert_eq!(v["lines"][0]["factor"]["table"], "green.csv");
    assert_eq!(
        v["factor_set"]["overrides"][0]["id"],
        "cn.elec.footprint.2023.national"
    );
    assert_eq!(
        v["factor_set"]["overrides"][0]["hidden"],
        "electricity_cn.csv"
    );
    let last = v["factor_set"]["tables"]
        .as_array()
        .and_then(|t| t.last())
        .cloned();
    assert_eq!(
        last.map(|t| t["origin"].clone()),
        Some(serde_json::json!("user"))
    );
}

#[test]
fn a_bad_user_table_names_row_and_column() {
    let table = temp_file(
        "bad",
        "bad.csv",
        "id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,licence,verification,notes\n\
         x,X,,=cmd|' /C calc'!A0,kg,kWh,CO2e,AR6,fossil,CN,2024,s,l,user,\n"
        .as_bytes(),
    );
    let out = pcf(
        &[
            "compute",
            "tests/golden/electricity/input.json",
            "--factors",
            &table,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(e["code"], "invalid_factor_table");
    assert_eq!(e["path"], "bad.csv:2:value");
}

#[test]
fn schema_prints_the_committed_schema() {
    let out = pcf(&["schema"], None);
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read(std::path::Path::new(ROOT).join("schema/pcf-1.schema.json"))
        .expect("committed schema");
    assert!(out.stdout == committed);
}

#[test]
fn factors_show_and_search() {
    let out = pcf(
        &[
            "factors",
            "show",
            "cn.elec.footprint.2023.national",
            "--json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v[0]["value"], serde_json::json!(0.6205));
    assert_eq!(
        v[0]["source"],
        "MEE/NBS/NEA, MEE Announcement 2025 No. 3 (Jan 2025)"
    );

    let out = pcf(&["factors", "search", "shanghai", "ets", "--json"], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v.as_array().map(|a| a.len()), Some(3));

    // `--search TEXT` is `search TEXT`; Chinese, English and symbols find each other (issue 19).
    let ids = |args: &[&str]| -> Vec<String> {
        let out = pcf(args, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let mut ids: Vec<String> = v
            .as_array()
            .expect("array")
            .iter()
            .map(|r| r["id"].as_str().expect("id").to_string())
            .collect();
        ids.sort();
        ids
    };
    let by_flag = ids(&["factors", "--search", "shanghai ets", "--json"]);
    assert_eq!(by_flag.len(), 3);
    assert_eq!(
        by_flag,
        ids(&["factors", "search", "shanghai", "ets", "--json"])
    );
    let aluminium = ids(&["factors", "--search", "铝", "--json"]);
    assert!(aluminium.contains(&"uk.desnz.2025.material.aluminium.primary".to_string()));
    assert_eq!(
        aluminium,
        ids(&["factors", "--search", "aluminum", "--json"])
    );
    assert_eq!(aluminium, ids(&["factors", "--search", "Al", "--json"]));
    // Neither a command nor --search, or both: a usage error, exit 2.
    for args in [&["factors"][..], &["factors", "--search", "x", "list"]] {
        let out = pcf(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).expect("utf-8");
        assert!(err.contains("Usage: pcf factors"), "{err}");
    }

    // A row without its own distribution shows its data-type default (issue 3), in text and
    // in JSON; the JSON row fields alone still read back as a user table.
    let out = pcf(&["factors", "show", "uk.desnz.2025.freight.hgv.all"], None);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let want = format!(
        "uncertainty  lognormal:gsd={} (default for basic.transport, U95 = 2, uncertainty_defaults.csv: ",
        2f64.sqrt()
    );
    assert!(text.contains(&want), "{text}");
    let out = pcf(
        &["factors", "show", "uk.desnz.2025.freight.hgv.all", "--json"],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v[0]["uncertainty_default"]["data_type"], "basic.transport");
    assert_eq!(v[0]["uncertainty_default"]["u95"], serde_json::json!(2.0));

    let out = pcf(&["factors", "show", "cn.elec.footprint.2023.nationl"], None);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(e["code"], "unknown_factor");
    assert_eq!(
        e["message"],
        "unknown factor id \"cn.elec.footprint.2023.nationl\"; did you mean \"cn.elec.footprint.2023.national\"?"
    );
}

#[test]
fn help_and_usage_errors() {
    let out = pcf(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for cmd in ["compute", "network", "schema", "factors"] {
        assert!(help.contains(cmd), "--help lists {cmd}");
    }
    let out = pcf(&["compute", "--help"], None);
    assert_eq!(out.status.code(), Some(0));
    let out = pcf(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn network_solves_a_bench_file() {
    let net = r#"{"format":"pcf-bench-system","version":1,
      "processes":[{"id":"a","output":1},{"id":"b","output":2}],
      "exchanges":[{"consumer":"a","supplier":"b","amount":1}],
      "gases":[{"id":"CO2_fossil"}],
      "emissions":[{"process":"a","gas":"CO2_fossil","amount":1},{"process":"b","gas":"CO2_fossil","amount":4}],
      "characterization":{"factors":{"CO2_fossil":1}},
      "demand":[{"product":"a","amount":1}]}"#;
    let out = pcf(&["network", "-"], Some(net));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["format"], "pcf-bench-result");
    // s_a = 1, s_b = 1/2 (b makes 2 per run); score = 1 + 4 × 0.5 = 3.
    assert_eq!(v["score"], serde_json::json!(3.0));
    assert_eq!(v["supply"]["b"], serde_json::json!(0.5));
}

#[test]
fn network_rejects_a_misspelt_field_with_its_path() {
    let net = r#"{"format":"pcf-bench-system","version":1,
      "processes":[{"id":"a","ouput":2}],"exchanges":[],"gases":[],"emissions":[],
      "characterization":{"factors":{}},"demand":[{"product":"a","amount":1}]}"#;
    let out = pcf(&["network", "-"], Some(net));
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(e["code"], "invalid_document");
    assert_eq!(e["path"], "$.processes[0].ouput");
}

#[test]
fn factors_params_lists_sourced_parameters() {
    let out = pcf(&["factors", "params", "lfp", "--json"], None);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = v.as_array().expect("array");
    assert_eq!(rows.len(), 3, "LFP P5/P50/P95");
    assert!(rows.iter().all(|r| r["source"]
        .as_str()
        .is_some_and(|s| s.contains("10.1038/s41467-024-54634-y"))));
    let out = pcf(&["factors", "tables"], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("parameters.csv\t"));
    assert!(text.contains("fuels_ipcc.csv\tbuiltin\t162 rows\t"));
}

/// The CRE ECS structure: a user table with one series per step and a row per country, taken
/// by `factor_select`. (Illustrative numbers: the official CRE table is the user's to load.)
#[test]
fn cre_ecs_user_table_is_selected_by_step_and_country() {
    let header = std::fs::read_to_string(
        std::path::Path::new(ROOT).join("factors/templates/fr_cre_ecs.csv"),
    )
    .expect("template exists");
    let table = temp_file(
        "cre",
        "cre.csv",
        format!(
            "{header}\
             test.cre.wafer.cn,wafer CN,,10,kg,m2,CO2e,unspecified,fossil,CN,2024,test values,test,user,,fr.cre.ecs.wafer\n\
             test.cre.wafer.fr,wafer FR,,2,kg,m2,CO2e,unspecified,fossil,FR,2024,test values,test,user,,fr.cre.ecs.wafer\n"
        )
        .as_bytes(),
    );
    let doc = r#"{"schema":"pcf/1","product":{"name":"module","sector":"pv","declared_unit":{"amount":1,"unit":"kWp"}},
      "gwp_set":"AR6","boundary":{"kind":"cradle-to-gate","stages":["wafer"]},
      "reference_period":{"start":"2024-01-01","end":"2024-12-31"},
      "activities":[
        {"amount":3.5,"unit":"m2","stage":"wafer","factor_select":{"series":"fr.cre.ecs.wafer","geography":"CN"}},
        {"amount":1.5,"unit":"m2","stage":"wafer","factor_select":{"series":"fr.cre.ecs.wafer","geography":"FR"}}]}"#;
    let out = pcf(&["compute", "-", "--factors", &table], Some(doc));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // 3.5 m² × 10 + 1.5 m² × 2 = 38 kg CO2e/kWp.
    assert_eq!(v["total_kg_co2e"], serde_json::json!(38.0));
    assert_eq!(v["lines"][0]["selection"]["chosen"], "test.cre.wafer.cn");
    assert_eq!(v["lines"][1]["selection"]["chosen"], "test.cre.wafer.fr");
}

/// The PV template against a user table in the CRE ECS format: sites without a factor of their
/// own take the row of `fr.cre.ecs.<step>` for their country. (Test values, not CRE defaults.)
#[test]
fn pv_template_takes_gwp_from_a_user_cre_table_by_step_and_country() {
    let header = std::fs::read_to_string(
        std::path::Path::new(ROOT).join("factors/templates/fr_cre_ecs.csv"),
    )
    .expect("template exists");
    let table = temp_file(
        "cre-pv",
        "cre.csv",
        format!(
            "{header}\
             test.cre.wafer.cn,wafer CN,,10,kg,m2,CO2e,unspecified,fossil,CN,2024,test values,test,user,,fr.cre.ecs.wafer\n\
             test.cre.wafer.fr,wafer FR,,2,kg,m2,CO2e,unspecified,fossil,FR,2024,test values,test,user,,fr.cre.ecs.wafer\n\
             test.cre.cell.cn,cell CN,,20,kg,m2,CO2e,unspecified,fossil,CN,2024,test values,test,user,,fr.cre.ecs.cell\n"
        )
        .as_bytes(),
    );
    let doc = r#"{"schema":"pcf-pv/1","module":{"name":"module"},"gwp_set":"AR6",
      "reference_period":{"start":"2025-01-01","end":"2025-12-31"},
      "steps":[
        {"step":"wafer","unit":"m2","quantity_per_kwp":5,"loss_coefficient":1.1,
         "sites":[{"country":"CN","share":0.7},{"country":"FR","share":0.3}]},
        {"step":"cell","unit":"m2","quantity_per_kwp":4.8,"sites":[{"country":"CN"}]}]}"#;
    let out = pcf(&["compute", "-", "--factors", &table], Some(doc));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // Wafer 0.7 × 5 × 1.1 × 10 + 0.3 × 5 × 1.1 × 2 = 38.5 + 3.3; cell 4.8 × 20 = 96: 137.8.
    let g = v["total_kg_co2e"].as_f64().expect("a number");
    assert!((g - 137.8).abs() < 1e-9, "{g}");
    assert_eq!(v["template"], "pcf-pv/1");
    assert_eq!(v["lines"][0]["selection"]["chosen"], "test.cre.wafer.cn");
    assert_eq!(v["lines"][1]["selection"]["chosen"], "test.cre.wafer.fr");
    assert_eq!(v["lines"][2]["selection"]["chosen"], "test.cre.cell.cn");
    assert_eq!(v["lines"][1]["path"], "$.steps[0].sites[1]");
    assert_eq!(
        v["sector"]["pv"]["rounded_kg_co2e_per_kwp"],
        serde_json::json!(140.0)
    );
    // Without the table the same document names the site that needs a value.
    let out = pcf(&["compute", "-"], Some(doc));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["code"], "unknown_factor");
    assert_eq!(stderr_error(&out)["path"], "$.steps[0].sites[0]");
}

#[test]
fn schema_prints_the_battery_template_schema() {
    let out = pcf(&["schema", "battery"], None);
    assert_eq!(out.status.code(), Some(0));
    let committed =
        std::fs::read(std::path::Path::new(ROOT).join("schema/pcf-battery-1.schema.json"))
            .expect("committed schema");
    assert!(out.stdout == committed);
    let out = pcf(&["schema", "kettle"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["code"], "invalid_value");
}

#[test]
fn labels_prints_english_and_chinese_field_labels() {
    let out = pcf(&["labels", "battery"], None);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let cycles = v
        .as_array()
        .expect("a list")
        .iter()
        .find(|l| l["field"] == "battery.cycles_per_year.value")
        .expect("a label for the cycles");
    assert_eq!(cycles["en"], "Cycles per year");
    assert_eq!(cycles["zh"], "每年循环次数");
    let out = pcf(&["labels", "kettle"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "template");
}

#[test]
fn verify_exits_0_on_match_1_on_mismatch_2_on_a_file_that_is_not_a_result() {
    let out = pcf(&["compute", "examples/steel-bf-bof-coil.json"], None);
    assert_eq!(out.status.code(), Some(0));
    let sealed = String::from_utf8(out.stdout).expect("UTF-8");
    let file = temp_file("verify", "result.json", sealed.as_bytes());
    let out = pcf(&["verify", &file], None);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["status"], "match");
    assert_eq!(report["schema"], "pcf-verify/1");

    // One amount changed in the recorded input: exit 1, and the report names the line.
    let mut v: serde_json::Value = serde_json::from_str(&sealed).expect("JSON");
    let before = v["input"]["indirect"][0]["amount"]
        .as_f64()
        .expect("amount");
    v["input"]["indirect"][0]["amount"] = (before + 1.0).into();
    let out = pcf(&["verify", "-"], Some(&v.to_string()));
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["status"], "mismatch");
    assert_eq!(report["checks"][0]["check"], "input_digest");
    assert_eq!(report["checks"][0]["ok"], false);
    let named = report["differences"]
        .as_array()
        .expect("differences")
        .iter()
        .any(|d| d["path"].as_str().is_some_and(|p| p.ends_with(".amount")));
    assert!(named, "a line amount is named: {report}");

    // The input document itself is not a sealed result: exit 2, path $.receipt.
    let out = pcf(&["verify", "examples/steel-bf-bof-coil.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "$.receipt");
}

#[test]
fn precheck_exits_0_when_ready_1_when_not_2_on_invalid_input_and_lists_its_schemes() {
    let out = pcf(&["precheck", "--help"], None);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for scheme in pcf::precheck::SCHEME_IDS {
        assert!(help.contains(scheme), "--help lists {scheme}: {help}");
    }
    // The steel example meets every cbam-steel rule.
    let out = pcf(
        &[
            "precheck",
            "examples/steel-bf-bof-coil.json",
            "--scheme",
            "cbam-steel",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["schema"], "pcf-precheck/1");
    assert_eq!(report["verdict"], "ready");
    // The same document is not a battery: not ready, exit 1, the template rule names $.schema.
    let out = pcf(
        &[
            "precheck",
            "examples/steel-bf-bof-coil.json",
            "--scheme",
            "eu-battery",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["verdict"], "not_ready");
    let template = report["outcomes"]
        .as_array()
        .expect("outcomes")
        .iter()
        .find(|o| o["rule"] == "eu-battery.template")
        .expect("template rule");
    assert_eq!(template["status"], "fail");
    assert_eq!(template["path"], "$.schema");
    // Malformed input: exit 2 with the error on stderr; an unknown scheme: a usage error, 2.
    let out = pcf(&["precheck", "-", "--scheme", "iso14067"], Some("{"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["code"], "malformed_json");
    let out = pcf(&["precheck", "-", "--scheme", "kettle"], Some("{}"));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn pact_export_and_import_through_the_cli() {
    let out = pcf(
        &["compute", "examples/steel-hot-rolled-coil-generic.json"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let result = temp_file("pact", "result.json", &out.stdout);
    let total = serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("result")
        ["total_kg_co2e"]
        .as_f64()
        .expect("total");
    let meta = temp_file(
        "pact",
        "meta.json",
        br#"{"crossSectoralStandards": ["ISO14067"], "companyName": "Example Steel Co."}"#,
    );
    for spec in ["2", "3"] {
        let out = pcf(
            &["pact", "export", &result, "--spec", spec, "--meta", &meta],
            None,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let pf: serde_json::Value = serde_json::from_slice(&out.stdout).expect("footprint");
        assert_eq!(
            pf["specVersion"],
            if spec == "2" { "2.3.0" } else { "3.0.0" }
        );
        // The export reads back on stdin as a component, per tonne.
        let text = String::from_utf8(out.stdout).expect("utf-8");
        let out = pcf(
            &["pact", "import", "-", "--id", "coil", "--amount", "1 t"],
            Some(&text),
        );
        assert_eq!(out.status.code(), Some(0));
        let c: serde_json::Value = serde_json::from_slice(&out.stdout).expect("component");
        assert_eq!(c["id"], "coil");
        assert_eq!(c["declared"]["per"]["unit"], "t");
        let kg = c["declared"]["kg_co2e"].as_f64().expect("kg");
        assert!((kg - total).abs() <= 1e-12 * total, "{kg} vs {total}");
        assert_eq!(c["pact"]["company_name"], "Example Steel Co.");
    }
    // Without standards the export is refused, naming the field.
    let out = pcf(&["pact", "export", &result, "--spec", "3"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let e = stderr_error(&out);
    assert_eq!(e["code"], "invalid_value");
    assert_eq!(e["path"], "$.input.study.standards");
    // A spec that does not exist is a usage error.
    let out = pcf(&["pact", "export", &result, "--spec", "4"], None);
    assert_eq!(out.status.code(), Some(2));
    // An invalid footprint, an expired one.
    let pf = r#"{"id": "d9be4477-e351-45b3-acd9-e1da05e6f633", "specVersion": "3.0.0", "created": "2025-13-01T00:00:00Z"}"#;
    let out = pcf(&["pact", "import", "-"], Some(pf));
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some("invalid_value"), Some("$.created"))
    );
    let out = pcf(
        &["pact", "export", &result, "--spec", "3", "--meta", &meta],
        None,
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let out = pcf(&["pact", "import", "-", "--at", "2031-06-01"], Some(&text));
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(e["code"], "expired_footprint");
    assert_eq!(e["path"], "$.pcf.referencePeriodEnd");
}

/// `pcf pact import --into`: a folder of its own with a copy of a product document.
fn into_folder(name: &str) -> (std::path::PathBuf, String, Vec<u8>) {
    let dir = std::env::temp_dir().join(format!("pcf-cli-into-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let original =
        std::fs::read(std::path::Path::new(ROOT).join("examples/battery-lfp-60kwh-generic.json"))
            .expect("the example exists");
    let product = dir.join("product.json");
    std::fs::write(&product, &original).expect("temp file is writable");
    (
        dir,
        product.to_str().expect("utf-8 temp path").to_string(),
        original,
    )
}

/// The names in a folder, sorted (no temporary file left behind).
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

fn total_of(doc: &[u8]) -> f64 {
    let out = pcf(
        &["compute", "-"],
        Some(std::str::from_utf8(doc).expect("utf-8")),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("result")["total_kg_co2e"]
        .as_f64()
        .expect("total")
}

const SUPPLIER: &str = "tests/data/pact/aluminium-ingot-v3.json";

/// The test supplier's footprint is a conformant and consistent PACT v3 footprint, so the tests
/// that use it see no findings: its validity period ends 2028-01-01, three years after the end
/// of its reference period (2025-01-01), the latest the data model allows; a day later is not
/// conformant.
#[test]
fn the_test_suppliers_footprint_is_conformant() {
    let out = pcf(&["pact", "check", SUPPLIER], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report");
    assert_eq!(
        (&r["conformant"], &r["consistent"]),
        (&true.into(), &true.into())
    );
    let c = pcf(&["pact", "import", SUPPLIER], None);
    assert_eq!(c.status.code(), Some(0));
    let c: serde_json::Value = serde_json::from_slice(&c.stdout).expect("component");
    assert_eq!(
        c["pact"]["findings"],
        serde_json::Value::Null,
        "no findings"
    );
    assert_eq!(c["pact"]["validity_period"]["end"], "2028-01-01T00:00:00Z");

    let late = std::fs::read_to_string(std::path::Path::new(ROOT).join(SUPPLIER))
        .expect("fixture")
        .replace(
            "\"validityPeriodEnd\": \"2028-01-01T00:00:00Z\"",
            "\"validityPeriodEnd\": \"2028-01-02T00:00:00Z\"",
        );
    let out = pcf(&["pact", "check", "-"], Some(&late));
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report");
    assert_eq!(r["conformant"], false);
    assert_eq!(r["rules"][0]["path"], "$.validityPeriodEnd");
}

#[test]
fn pact_import_into_adds_the_supplier_in_one_step() {
    let (dir, product, original) = into_folder("stdout");
    let before = total_of(&original);
    let out = pcf(
        &[
            "pact", "import", SUPPLIER, "--into", &product, "--amount", "2.5 kg",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    // The product rises by 2.5 kg × 4.2 kg CO2e/kg; the file read is untouched.
    let after = total_of(&out.stdout);
    let want = before + 2.5 * 4.2;
    assert!((after - want).abs() <= 1e-12 * want, "{after} vs {want}");
    assert_eq!(std::fs::read(&product).expect("product"), original);
    // The result's declared line carries the supplier's PACT provenance.
    let r = pcf(
        &["compute", "-"],
        Some(std::str::from_utf8(&out.stdout).expect("utf-8")),
    );
    let r: serde_json::Value = serde_json::from_slice(&r.stdout).expect("result");
    let lines = r["lines"].as_array().expect("lines");
    let declared = lines
        .iter()
        .find(|l| l["path"] == "$.components[0].declared")
        .expect("the component's line");
    assert_eq!(
        declared["declared_by"]["pact"]["id"],
        "5f1c2a9e-7b3d-4e8a-9c61-2d4b8e0f7a13"
    );
    assert_eq!(
        declared["declared_by"]["supplier"],
        "Northwind Aluminium Smelting Co. (fictitious)"
    );
    let input = lines
        .iter()
        .find(|l| l["input"] == "pact-5f1c2a9e")
        .expect("the line using it");
    assert_eq!(input["amount"], 2.5);
    assert_eq!(input["stage"], "raw_material_acquisition");

    // -o FILE: the same bytes in a new file; the product stays as it was.
    let written = dir.join("with-supplier.json");
    let o = pcf(
        &[
            "pact",
            "import",
            SUPPLIER,
            "--into",
            &product,
            "--amount",
            "2.5 kg",
            "-o",
            written.to_str().expect("utf-8"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    assert_eq!(std::fs::read(&written).expect("written"), out.stdout);
    assert_eq!(std::fs::read(&product).expect("product"), original);
    assert_eq!(names(&dir), vec!["product.json", "with-supplier.json"]);

    // The product on standard input, the footprint from its file.
    let o = pcf(
        &[
            "pact", "import", SUPPLIER, "--into", "-", "--amount", "2500 g",
        ],
        Some(std::str::from_utf8(&original).expect("utf-8")),
    );
    assert_eq!(o.status.code(), Some(0));
    let after = total_of(&o.stdout);
    assert!((after - want).abs() <= 1e-12 * want, "{after} vs {want}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pact_import_into_in_place_and_the_original_untouched_on_error() {
    let (dir, product, original) = into_folder("in-place");
    let args = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = ["pact", "import", SUPPLIER, "--into", &product, "--in-place"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        pcf(&a.iter().map(String::as_str).collect::<Vec<_>>(), None)
    };
    // Bad input: exit 2, the error names the field, the file is as it was, nothing left over.
    let cases: [(&[&str], &str, &str); 5] = [
        (&["--amount", "3 kWh"], "dimension_mismatch", "amount"),
        (
            &["--amount", "2 kg", "--stage", "use"],
            "invalid_value",
            "stage",
        ),
        (
            &["--amount", "2 kg", "--per", "1 h"],
            "dimension_mismatch",
            "per",
        ),
        (
            &["--amount", "2 kg", "--at", "2031-01-01"],
            "expired_footprint",
            "$pact.validityPeriodEnd",
        ),
        (&[], "invalid_value", "amount"),
    ];
    for (extra, code, path) in cases {
        let out = run(extra);
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        let e = stderr_error(&out);
        assert_eq!(
            (e["code"].as_str(), e["path"].as_str()),
            (Some(code), Some(path)),
            "{extra:?}"
        );
        assert_eq!(
            std::fs::read(&product).expect("product"),
            original,
            "{extra:?}"
        );
        assert_eq!(names(&dir), vec!["product.json"], "{extra:?}");
    }
    // A broken footprint: its own path, under $pact.
    let broken = dir.join("broken.pact.json");
    std::fs::write(
        &broken,
        std::fs::read_to_string(std::path::Path::new(ROOT).join(SUPPLIER))
            .expect("fixture")
            .replace("\"specVersion\": \"3.0.0\",", ""),
    )
    .expect("write");
    let out = pcf(
        &[
            "pact",
            "import",
            broken.to_str().expect("utf-8"),
            "--into",
            &product,
            "--in-place",
            "--amount",
            "1 kg",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(e["path"], "$pact.specVersion");
    assert_eq!(std::fs::read(&product).expect("product"), original);
    std::fs::remove_file(&broken).expect("remove");

    // Done: written in place, keeping the file's permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&product, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }
    let out = run(&["--amount", "2.5 kg"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let once = std::fs::read(&product).expect("product");
    let want = total_of(&original) + 2.5 * 4.2;
    let after = total_of(&once);
    assert!((after - want).abs() <= 1e-12 * want, "{after} vs {want}");
    assert_eq!(names(&dir), vec!["product.json"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&product)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o640);
    }
    // Twice: the component is there already (duplicate_id at its path); the file stays.
    let out = run(&["--amount", "2.5 kg"]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some("duplicate_id"), Some("$.components[0].id"))
    );
    assert_eq!(std::fs::read(&product).expect("product"), once);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pact_import_into_a_write_failure_is_exit_3_and_leaves_nothing() {
    let (dir, product, original) = into_folder("write");
    // -o names a folder: the temporary file is written, the rename fails, it is removed.
    let folder = dir.join("a-folder");
    std::fs::create_dir(&folder).expect("mkdir");
    for target in [
        folder.to_str().expect("utf-8").to_string(),
        dir.join("no-such-folder/out.json")
            .to_str()
            .expect("utf-8")
            .to_string(),
    ] {
        let out = pcf(
            &[
                "pact", "import", SUPPLIER, "--into", &product, "--amount", "1 kg", "-o", &target,
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(3), "{target}");
        let e = stderr_error(&out);
        assert_eq!(e["code"], "cannot_write");
        assert_eq!(e["path"], target.as_str());
        assert_eq!(names(&dir), vec!["a-folder", "product.json"]);
        assert!(names(&folder).is_empty());
        assert_eq!(std::fs::read(&product).expect("product"), original);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn pact_import_into_in_place_through_a_link_keeps_the_link() {
    let (dir, product, original) = into_folder("link");
    let link = dir.join("link.json");
    std::os::unix::fs::symlink(&product, &link).expect("symlink");
    let out = pcf(
        &[
            "pact",
            "import",
            SUPPLIER,
            "--into",
            link.to_str().expect("utf-8"),
            "--in-place",
            "--amount",
            "1 kg",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
    let now = std::fs::read(&product).expect("product");
    assert_ne!(now, original);
    let want = total_of(&original) + 4.2;
    let after = total_of(&now);
    assert!((after - want).abs() <= 1e-12 * want, "{after} vs {want}");
    assert_eq!(names(&dir), vec!["link.json", "product.json"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn pact_import_without_into_keeps_its_meaning_and_refuses_the_into_flags() {
    // --amount is still the quantity the declaration is per.
    let out = pcf(&["pact", "import", SUPPLIER, "--amount", "1 t"], None);
    assert_eq!(out.status.code(), Some(0));
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).expect("component");
    assert_eq!(
        c["declared"]["per"],
        serde_json::json!({"amount": 1.0, "unit": "t"})
    );
    assert_eq!(c["declared"]["kg_co2e"], 4200.0);
    for flags in [
        &["--per", "1 t"][..],
        &["-o", "x.json"][..],
        &["--in-place"][..],
    ] {
        let mut a = vec!["pact", "import", SUPPLIER];
        a.extend_from_slice(flags);
        let out = pcf(&a, None);
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("--into"),
            "{flags:?}"
        );
    }
    // Both on standard input; --in-place on standard input.
    let out = pcf(
        &["pact", "import", "-", "--into", "-", "--amount", "1 kg"],
        Some("{}"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "into");
    let out = pcf(
        &[
            "pact",
            "import",
            SUPPLIER,
            "--into",
            "-",
            "--in-place",
            "--amount",
            "1 kg",
        ],
        Some("{}"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "in-place");
    // The help says what --amount means in each case.
    let out = pcf(&["pact", "import", "--help"], None);
    let help = String::from_utf8_lossy(&out.stdout);
    for want in [
        "--into <PRODUCT>",
        "--per <QUANTITY>",
        "--in-place",
        "-o, --out <FILE>",
        "With --into: the amount of the supplier's product",
    ] {
        assert!(help.contains(want), "{want} in\n{help}");
    }
}

/// `pcf pact check`: 0 when nothing is found, 1 when something is (the JSON report on stdout),
/// 2 when the file holds no footprint. `pcf pact export --non-conformant` writes a footprint
/// that breaks a MUST (exit 0, the warnings as JSON lines on stderr); without it, exit 2.
#[test]
fn pact_check_and_a_non_conformant_export_through_the_cli() {
    let out = pcf(
        &["compute", "examples/steel-hot-rolled-coil-generic.json"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let result = temp_file("pact-check", "result.json", &out.stdout);
    let meta = temp_file(
        "pact-check",
        "meta.json",
        br#"{"crossSectoralStandards": ["ISO14067"]}"#,
    );
    let out = pcf(
        &["pact", "export", &result, "--spec", "3", "--meta", &meta],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let good = String::from_utf8(out.stdout).expect("utf-8");
    let out = pcf(&["pact", "check", "-"], Some(&good));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report");
    assert_eq!(report["conformant"], true);
    // Break the v3 identity: the total excluding uptake no longer adds up.
    let mut pf: serde_json::Value = serde_json::from_str(&good).expect("footprint");
    let excl = pf["pcf"]["pcfExcludingBiogenicUptake"]
        .as_str()
        .expect("decimal")
        .parse::<f64>()
        .expect("number");
    pf["pcf"]["pcfExcludingBiogenicUptake"] = serde_json::json!(format!("{}", excl + 1.0));
    let out = pcf(&["pact", "check", "-"], Some(&pf.to_string()));
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report");
    // Conformant to the schema and rules, not consistent: exit 1 all the same.
    assert_eq!(
        (&report["conformant"], &report["consistent"]),
        (&serde_json::json!(true), &serde_json::json!(false))
    );
    assert_eq!(
        report["identities"][0]["path"],
        "$.pcf.pcfExcludingBiogenicUptake"
    );
    assert_eq!(report["identities"][0]["code"], "inconsistent");
    // Asked to be v2.
    let out = pcf(&["pact", "check", "-", "--spec", "2"], Some(&good));
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report");
    assert_eq!(report["schema"][0]["path"], "$.specVersion");
    assert_eq!(report["conformant"], false);
    // Not a footprint.
    let out = pcf(&["pact", "check", "-"], Some("[1, 2]"));
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(
        (e["code"].as_str(), e["path"].as_str()),
        (Some("invalid_document"), Some("$"))
    );

    // A v2 export whose study excludes 7.5 %: refused, then written as asked.
    let doc = serde_json::json!({
      "schema": "pcf/1",
      "product": {"name": "part", "sector": "other", "declared_unit": {"amount": 1, "unit": "kg"}},
      "gwp_set": "AR6",
      "boundary": {"kind": "cradle-to-gate", "stages": ["production"]},
      "reference_period": {"start": "2025-01-01", "end": "2025-12-31"},
      "study": {"standards": ["ISO 14067:2018"], "cut_off": {"criteria": "mass < 1 %", "excluded_share": 0.075}},
      "activities": [{"amount": 10, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production"}]
    })
    .to_string();
    let out = pcf(&["compute", "-"], Some(&doc));
    assert_eq!(out.status.code(), Some(0));
    let result = temp_file("pact-check", "exempt.json", &out.stdout);
    let out = pcf(&["pact", "export", &result, "--spec", "2"], None);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(e["path"], "$pact.pcf.exemptedEmissionsPercent");
    let out = pcf(
        &["pact", "export", &result, "--spec", "2", "--non-conformant"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let pf: serde_json::Value = serde_json::from_slice(&out.stdout).expect("footprint");
    assert!(pf["comment"]
        .as_str()
        .is_some_and(|c| c.starts_with("NOT CONFORMANT to PACT 2.3.0.")));
    let warnings: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("a JSON line")["warning"].clone()
        })
        .collect();
    assert!(warnings.iter().any(
        |w| w["code"] == "not_conformant" && w["path"] == "$pact.pcf.exemptedEmissionsPercent"
    ));
    // The file it wrote is not conformant, and `pact check` says why.
    let out = pcf(&["pact", "check", "-"], Some(&pf.to_string()));
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report");
    assert_eq!(report["rules"][0]["path"], "$.pcf.exemptedEmissionsPercent");
}

/// Exit 3 is pcf's own failure, never 1 ("done, the answer is no"): a result that cannot be
/// written (standard output on a full device) is `internal`.
#[test]
fn an_output_that_cannot_be_written_exits_3() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        panic!("/dev/full is missing: this test needs Linux");
    };
    let out = Command::new(env!("CARGO_BIN_EXE_pcf"))
        .args(["compute", "examples/steel-hot-rolled-coil-generic.json"])
        .current_dir(ROOT)
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("pcf runs");
    assert_eq!(out.status.code(), Some(3));
    let e = stderr_error(&out);
    assert_eq!(e["code"], "internal");
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("cannot write to stdout")),
        "{e}"
    );
}

/// `pcf pact publish`: one line per stored footprint, the same footprint again stored once,
/// bad input exit 2 naming the file and the field; `pcf pact serve`'s option errors exit 2
/// naming the option (the host itself is tested as a process in crates/pcf-pact-host).
#[test]
fn pact_publish_and_serve_options_through_the_cli() {
    let out = pcf(&["compute", "examples/steel-scrap-eaf-rebar.json"], None);
    assert_eq!(out.status.code(), Some(0));
    let result = temp_file("publish", "rebar.json", &out.stdout);
    let meta = temp_file(
        "publish",
        "meta.json",
        br#"{"crossSectoralStandards": ["ISO14067"], "productIds": ["urn:pcf:test:rebar"]}"#,
    );
    let db = temp_file("publish", "footprints.db", b"");
    std::fs::remove_file(&db).expect("no database yet");
    let publish = |extra: &[&str]| {
        let mut args = vec!["pact", "publish", "--db", db.as_str()];
        args.extend_from_slice(extra);
        pcf(&args, None)
    };
    let out = publish(&[&result, "--meta", &meta]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(line["stored"], true);
    assert_eq!(
        line["productIds"],
        serde_json::json!(["urn:pcf:test:rebar"])
    );
    // The same export again: already stored, nothing deprecated.
    let out = publish(&[&result, "--meta", &meta]);
    let again: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(
        (again["stored"].clone(), again["id"].clone()),
        (serde_json::json!(false), line["id"].clone())
    );
    // Without the standards PACT needs: exit 2, the file and the field named.
    let out = publish(&[&result]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(e["path"], "$.input.study.standards");
    assert!(e["message"]
        .as_str()
        .is_some_and(|m| m.starts_with(&result)));
    // Not a database; v2 is not served.
    let not_db = temp_file("publish", "not.db", b"plain text, not SQLite");
    let out = pcf(
        &["pact", "publish", &result, "--db", &not_db, "--meta", &meta],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "db");
    assert_eq!(publish(&[&result, "--spec", "2"]).status.code(), Some(2));
    // The server's options: a key without its certificate is a usage error, a bad address
    // or certificate names the option, before anything listens.
    let out = pcf(&["pact", "serve", "--db", &db, "--key", &meta], None);
    assert_eq!(out.status.code(), Some(2));
    let out = pcf(&["pact", "serve", "--db", &db, "--listen", "nowhere"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "listen");
    let out = pcf(
        &[
            "pact", "serve", "--db", &db, "--cert", &meta, "--key", &meta,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "cert");
    let clients = temp_file("publish", "clients.txt", b"an-id-without-a-secret\n");
    let out = pcf(&["pact", "serve", "--db", &db, "--clients", &clients], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "clients:1");
    // The requesters file: its line named, the file in the message; exit 2 before listening.
    let requesters = temp_file(
        "publish",
        "requesters.txt",
        b"# requesters\nhttps://pact.customer.example acme:s3cret\nhttp://plain.example acme:s3cret\n",
    );
    let out = pcf(
        &["pact", "serve", "--db", &db, "--requesters", &requesters],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let e = stderr_error(&out);
    assert_eq!(e["path"], "requesters:3");
    assert_eq!(
        e["message"],
        format!("{requesters} line 3: `http://plain.example` is not an https:// URL (answers go over HTTPS only)")
    );
    let out = pcf(
        &[
            "pact",
            "serve",
            "--db",
            &db,
            "--requesters",
            "no/such/file.txt",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["code"], "cannot_read");
    // The certificates to trust in requesters' servers: a file that holds none names the
    // option; without --requesters the option is a usage error.
    let good = temp_file(
        "publish",
        "good-requesters.txt",
        b"https://pact.customer.example acme:s3cret\n",
    );
    let out = pcf(
        &[
            "pact",
            "serve",
            "--db",
            &db,
            "--requesters",
            &good,
            "--cacert",
            &meta,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "cacert");
    let out = pcf(&["pact", "serve", "--db", &db, "--cacert", &meta], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--requesters"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `pcf pact pull` as a process (issue 22): bad options are exit 2 naming the option, a host
/// that does not answer is exit 3, and a pull from `pcf pact serve` (also run as a process)
/// writes each published footprint, passing its checks: exit 0 and the summary on stdout.
#[test]
fn pact_pull_through_the_cli() {
    let secret = temp_file("pull", "secret.txt", b"s3cret-for-tests\n");
    let dir = std::env::temp_dir().join(format!("pcf-cli-pulled-{}", std::process::id()));
    let out_dir = dir.to_string_lossy().into_owned();
    let pull = |url: &str, extra: &[&str]| {
        let mut args = vec![
            "pact",
            "pull",
            url,
            "--client-id",
            "portal",
            "--client-secret-file",
            secret.as_str(),
            "-o",
            out_dir.as_str(),
        ];
        args.extend_from_slice(extra);
        pcf(&args, None)
    };
    // Bad input, before any request: exit 2 naming the option.
    let out = pull("http://127.0.0.1:9/", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "url");
    let out = pull("https://example.invalid/", &["--insecure-localhost"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "insecure-localhost");
    let out = pcf(
        &[
            "pact",
            "pull",
            "https://127.0.0.1:9/",
            "--client-id",
            "portal",
            "--client-secret-file",
            "no/such/secret.txt",
            "-o",
            &out_dir,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_error(&out)["path"], "client-secret-file");

    // A host: two footprints published, then served on a free local port.
    let db = temp_file("pull", "footprints.db", b"");
    std::fs::remove_file(&db).expect("no database yet");
    let meta = temp_file(
        "pull",
        "meta.json",
        br#"{"crossSectoralStandards": ["ISO14067"]}"#,
    );
    for example in ["steel-bf-bof-coil.json", "steel-scrap-eaf-rebar.json"] {
        let r = pcf(&["compute", &format!("examples/{example}")], None);
        let file = temp_file("pull", example, &r.stdout);
        let out = pcf(
            &["pact", "publish", &file, "--db", &db, "--meta", &meta],
            None,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    // Nothing listens there yet: a network failure, exit 3.
    let url = format!("https://127.0.0.1:{port}");
    let out = pull(&url, &["--insecure-localhost"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let clients = temp_file("pull", "clients.txt", b"portal:s3cret-for-tests\n");
    let listen = format!("127.0.0.1:{port}");
    let mut server = Command::new(env!("CARGO_BIN_EXE_pcf"))
        .args([
            "pact",
            "serve",
            "--db",
            &db,
            "--listen",
            &listen,
            "--clients",
            &clients,
        ])
        .current_dir(ROOT)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::net::TcpStream::connect(&listen).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "the server listens within 30 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let out = pull(&url, &["--insecure-localhost", "--limit", "1"]);
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(files.len(), 2, "one file per footprint");
    for f in &files {
        let text = std::fs::read_to_string(f.path()).expect("a file");
        let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(
            f.path().file_stem().and_then(|s| s.to_str()),
            v["id"].as_str(),
            "named after its id"
        );
        // Ready for `pcf pact import`.
        let out = pcf(&["pact", "import", &f.path().to_string_lossy()], None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
