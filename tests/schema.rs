//! The committed JSON Schema (`schema/pcf-1.schema.json`) is generated from the document types;
//! this test fails when they drift. `UPDATE_GOLDEN=1 cargo test --test schema` regenerates it.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn committed_schema_matches_the_types() {
    let generated = pcf::schema_json().expect("schema serialises");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/pcf-1.schema.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &generated).expect("schema file is writable");
    }
    let committed = std::fs::read_to_string(&path).expect("schema/pcf-1.schema.json exists");
    assert!(
        committed == generated,
        "schema/pcf-1.schema.json is out of date: run `UPDATE_GOLDEN=1 cargo test --test schema`"
    );
}

#[test]
fn every_example_and_golden_input_validates_against_the_schema_shape() {
    // The schema forbids unknown fields everywhere; the examples must parse as documents.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut n = 0;
    for entry in std::fs::read_dir(root).expect("examples/ exists") {
        let path = entry.expect("readable").path();
        let text = std::fs::read_to_string(&path).expect("readable");
        let doc: Result<pcf::document::Document, _> = pcf::json::parse(&text);
        assert!(
            doc.is_ok(),
            "{} does not parse: {:?}",
            path.display(),
            doc.err()
        );
        n += 1;
    }
    assert_eq!(n, 5, "one example per sector");
}
