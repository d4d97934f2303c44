//! The committed JSON Schemas (`schema/pcf-1.schema.json` and one per sector template)
//! are generated from the document types; this test fails when they drift.
//! `UPDATE_GOLDEN=1 cargo test --test schema` regenerates them.
#![cfg(not(target_arch = "wasm32"))]

fn check(file: &str, generated: String) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(file);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &generated).expect("schema file is writable");
    }
    let committed = std::fs::read_to_string(&path).expect("committed schema exists");
    assert!(
        committed == generated,
        "schema/{file} is out of date: run `UPDATE_GOLDEN=1 cargo test --test schema`"
    );
}

#[test]
fn committed_schemas_match_the_types() {
    let generated = pcf::generated_schemas().expect("serialises");
    // pcf/1, the report meta, the PACT export meta, the templates, and the ten output
    // documents (result, precheck, verify, error, totals, battery passport, battery
    // declaration, CBAM communication, CFP report, verify-document).
    assert_eq!(generated.len(), 3 + pcf::sectors::TEMPLATES.len() + 10);
    for (file, text) in generated {
        check(&file, text);
    }
}

#[test]
fn every_example_computes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let set = pcf::FactorSet::builtin().expect("built-in set");
    let mut n = 0;
    for entry in std::fs::read_dir(root).expect("examples/ exists") {
        let path = entry.expect("readable").path();
        if path.is_dir() {
            continue; // examples/portal/, examples/node/: the JS package's examples
        }
        let file = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        // Named after a registered sector.
        let named = pcf::sectors::TEMPLATES
            .iter()
            .any(|t| file.starts_with(&format!("{}-", t.name)))
            && file.ends_with(".json")
            && file
                .trim_end_matches(".json")
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        assert!(
            named,
            "{file}: examples are named <sector>-<what>.json, sector a registered template's name"
        );
        let text = std::fs::read_to_string(&path).expect("readable");
        let result = pcf::compute(&text, set);
        assert!(
            result.is_ok(),
            "{} does not compute: {:?}",
            path.display(),
            result.err()
        );
        n += 1;
    }
    assert_eq!(
        n, 13,
        "one example per sector, and the battery, steel, PV, textile and EV templates"
    );
}
