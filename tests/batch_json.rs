//! `compute_batch_json` (the WASM `computeBatch` behind the JS package's `batch`): each element
//! is computed from its own text, exactly as `compute_json` computes it alone, and fails alone.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;

fn read(p: &std::path::Path) -> String {
    std::fs::read_to_string(p).expect("readable")
}

#[test]
fn every_golden_case_in_one_batch_equals_compute_json() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/golden")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("input.json").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 20, "golden cases: {}", dirs.len());
    let inputs: Vec<String> = dirs.iter().map(|d| read(&d.join("input.json"))).collect();
    let set = pcf::FactorSet::builtin().expect("built-in set");
    let out = pcf::compute_batch_json(&format!("[{}]", inputs.join(",")), set).expect("batch");
    let items: Vec<Value> = serde_json::from_str(&out).expect("JSON array");
    assert_eq!(items.len(), dirs.len());
    for (i, (item, dir)) in items.iter().zip(&dirs).enumerate() {
        assert_eq!(item["index"], i);
        let expected: Value =
            serde_json::from_str(&read(&dir.join("expected.json"))).expect("JSON");
        assert_eq!(item["result"], expected, "{}", dir.display());
    }
}

#[test]
fn a_bad_document_fails_alone_with_its_own_path() {
    let set = pcf::FactorSet::builtin().expect("built-in set");
    let good = read(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden/electricity/input.json"),
    );
    let bad = good.replacen("\"kWh\"", "\"kWhh\"", 1);
    let expected_err = pcf::compute_json(&bad, set).expect_err("unknown unit");
    let out = pcf::compute_batch_json(&format!("[{good}, {bad}, 7]"), set).expect("batch");
    let items: Vec<Value> = serde_json::from_str(&out).expect("JSON array");
    assert_eq!(items.len(), 3);
    let alone: Value =
        serde_json::from_str(&pcf::compute_json(&good, set).expect("computes")).expect("JSON");
    assert_eq!(items[0]["result"], alone);
    assert_eq!(items[1]["error"]["code"], expected_err.code());
    assert_eq!(items[1]["error"]["path"], expected_err.path());
    assert_eq!(items[1]["error"]["message"], expected_err.to_string());
    assert_eq!(items[2]["error"]["code"], "invalid_document");
    assert_eq!(items[2]["error"]["path"], "$");
}

#[test]
fn a_batch_is_an_array() {
    let set = pcf::FactorSet::builtin().expect("built-in set");
    let err = pcf::compute_batch_json("{\"schema\": \"pcf/1\"}", set).expect_err("not an array");
    assert_eq!(err.code(), "invalid_document");
    assert_eq!(err.path(), "$");
    assert_eq!(
        pcf::compute_batch_json(" [ ] ", set).expect("empty"),
        "[]\n"
    );
}
