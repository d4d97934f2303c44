//! Resource limits: each is a clear `limit_exceeded` error naming what was counted.
#![cfg(not(target_arch = "wasm32"))]

fn compute(text: &str) -> pcf::Error {
    let set = pcf::FactorSet::builtin().expect("built-in set");
    match pcf::compute(text, set) {
        Ok(r) => panic!("computed {} instead of failing", r.total_kg_co2e),
        Err(e) => e,
    }
}

fn doc_with_lines(n: usize) -> String {
    let line =
        r#"{"amount":1,"unit":"kWh","factor":"cn.elec.footprint.2023.national","stage":"a"}"#;
    let lines = vec![line; n].join(",");
    format!(
        r#"{{"schema":"pcf/1","product":{{"name":"p","sector":"other","declared_unit":{{"amount":1,"unit":"item"}}}},"gwp_set":"AR6","boundary":{{"kind":"cradle-to-gate","stages":["a"]}},"reference_period":{{"start":"2024-01-01","end":"2024-12-31"}},"activities":[{lines}]}}"#
    )
}

#[test]
fn too_many_lines() {
    let e = compute(&doc_with_lines(pcf::model::MAX_LINES + 1));
    assert_eq!(e.code(), "limit_exceeded");
    assert_eq!(e.path(), "$");
    assert_eq!(
        e.to_string(),
        "number of lines (read up to the first over the limit) is 200001, above the limit of 200000"
    );
}

#[test]
fn the_line_limit_itself_is_accepted() {
    let set = pcf::FactorSet::builtin().expect("built-in set");
    let r = pcf::compute(&doc_with_lines(1000), set).expect("1,000 lines compute");
    assert_eq!(r.lines.len(), 1000);
    // 1000 × 0.6205, summed in canonical order; within 1e-12 of the exact 620.5.
    assert!((r.total_kg_co2e - 620.5).abs() < 1e-9);
}

#[test]
fn oversized_document() {
    let big = " ".repeat(pcf::json::MAX_DOCUMENT_BYTES + 1);
    let e = compute(&big);
    assert_eq!(e.code(), "limit_exceeded");
    assert_eq!(e.path(), "$");
    assert_eq!(
        e.to_string(),
        "document size in bytes is 67108865, above the limit of 67108864"
    );
}

#[test]
fn deeply_nested_document() {
    let deep = format!(
        r#"{{"schema":"pcf/1","notes":{}{}}}"#,
        "[".repeat(300),
        "]".repeat(300)
    );
    // The document's types bound its depth: a nested array where text belongs is a type
    // error at once, before any recursion.
    let e = compute(&deep);
    assert_eq!(e.code(), "invalid_document");
    assert_eq!(e.path(), "$.notes");
    // Where a value is free-form (skipped or untyped), serde_json's depth limit holds.
    let e =
        pcf::json::parse::<serde_json::Value>(&format!("{}{}", "[".repeat(300), "]".repeat(300)))
            .unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    assert_eq!(
        e.to_string(),
        "nesting depth is 129, above the limit of 128"
    );
}
