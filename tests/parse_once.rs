//! `pcf::compute` reads a `pcf/1` document once (the typed document and the tree its receipt
//! seals from one parse, issue 18). Everything else goes the way it always went: unsealed
//! compute from the text, then the receipt from a second read. These tests hold the two ways
//! to the same bytes, or the same error, on every input the repository has: the golden cases,
//! the error cases and the bad-input corpus, and a few inputs made to tell the ways apart.

use std::path::Path;

use pcf::{receipt, FactorSet};

/// The way every input went before: compute without the seal, then seal from a second read.
fn two_reads(text: &str, set: &FactorSet) -> Result<String, String> {
    let out = pcf::compute_unsealed(text, set).and_then(|mut r| {
        receipt::seal(&mut r, receipt::input_value(text)?)?;
        pcf::to_json(&r)
    });
    out.map_err(|e| format!("{:?}", e.report()))
}

fn one_read(text: &str, set: &FactorSet) -> Result<String, String> {
    pcf::compute(text, set)
        .and_then(|r| pcf::to_json(&r))
        .map_err(|e| format!("{:?}", e.report()))
}

fn json_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            json_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

#[test]
fn one_read_gives_the_bytes_or_the_error_of_two_reads_on_every_input() {
    let set = FactorSet::builtin().expect("built-in factors");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    for d in ["golden", "bad", "data/pact"] {
        json_files(&root.join(d), &mut files);
    }
    let mut documents = 0;
    for f in &files {
        if f.file_name()
            .is_some_and(|n| n == "expected.json" || n == "cases.json")
        {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(f) else {
            continue; // not UTF-8: the CLI rejects it before compute
        };
        let (a, b) = (one_read(&text, set), two_reads(&text, set));
        assert_eq!(a, b, "{}", f.display());
        documents += 1;
    }
    assert!(documents > 100, "only {documents} inputs found");
}

#[test]
fn inputs_that_only_the_second_read_or_the_model_rejects_fail_as_before() {
    let set = FactorSet::builtin().expect("built-in factors");
    let doc = |extra: &str, unit: &str| {
        format!(
            r#"{{"schema":"pcf/1",{extra}"product":{{"name":"demo","sector":"other","declared_unit":{{"amount":1,"unit":"item"}}}},
               "gwp_set":"AR6","boundary":{{"kind":"cradle-to-gate","stages":["production"]}},
               "reference_period":{{"start":"2024-01-01","end":"2024-12-31"}},
               "activities":[{{"amount":10,"unit":"{unit}","factor":"cn.elec.footprint.2023.national","stage":"production"}}]}}"#
        )
    };
    let cases = [
        doc("", "kWh"),
        doc("", "kWhh"),
        doc(r#""gwp_set":"AR5","#, "kWh"),
        doc(r#""gwp_set":"AR5","#, "kWhh"),
        format!("\u{feff}{}", doc("", "kWh")),
        format!("  [{}]", doc("", "kWh")),
        doc("", "kWh").replace("\"production\"}]}", "\"production\"}]}} "),
        "{\"schema\":\"pcf-battery/1\"}".to_string(),
        "{\"schema\":\"pcf/9\"}".to_string(),
        "{".to_string(),
        String::new(),
    ];
    for text in &cases {
        assert_eq!(one_read(text, set), two_reads(text, set), "{text}");
    }
    // The first case computes: 10 kWh × 0.6205.
    let ok = pcf::compute(&cases[0], set).expect("computes");
    assert_eq!(ok.total_kg_co2e, 10.0 * 0.6205);
    // The repeated key is an error, as before.
    let err = pcf::compute(&cases[2], set).expect_err("a repeated key");
    assert_eq!(err.report().code, "invalid_document");
}
