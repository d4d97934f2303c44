// The golden harness, included by tests/golden.rs (native and Node) and
// tests/golden_browser.rs (headless Chromium). Not a test target of its own.

macro_rules! cases {
    ($($name:literal),* $(,)?) => {
        const CASES: &[(&str, &str, &str)] = &[$((
            $name,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/", $name, "/input.json")),
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/", $name, "/expected.json")),
        )),*];
    };
}

macro_rules! errors {
    ($($name:literal),* $(,)?) => {
        const ERRORS: &[(&str, &str)] = &[$((
            $name,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/errors/", $name, ".json")),
        )),*];
    };
}

cases!(
    "electricity",
    "gases-ar5",
    "units",
    "loop",
    "factor-select",
    "example-battery-lfp-60kwh-generic",
    "example-ev-compact-car-generic",
    "example-textile-cotton-tshirt-generic",
    "example-pv-mono-module-generic",
    "example-steel-hot-rolled-coil-generic",
    "example-battery-m1-75kwh",
    "example-battery-nmc811-per-kwh",
    "example-steel-bf-bof-coil",
    "example-steel-scrap-eaf-rebar",
    "example-steel-dri-eaf-slab",
    "steel-cbam-complex",
    "example-pv-cre-ecs-mono-module",
    "pv-multi-site-shares-losses",
    "example-textile-tshirt-recycled-polyester",
    "textile-cff-recycled-wool",
    "example-ev-m1-compact-car",
    "ev-declared-battery-cradle-to-gate",
    "pact-imported-coil",
);

errors!(
    "malformed-json",
    "unknown-unit",
    "dimension-mismatch",
    "unknown-factor",
    "nan-amount",
    "negative-amount",
    "stage-outside-boundary",
    "unsupported-schema",
    "unknown-field",
    "unknown-gas",
    "missing-gwp",
    "unknown-component",
    "duplicate-component",
    "singular-network",
    "non-productive-network",
    "no-factor",
    "zero-declared-unit",
    "data-quality-out-of-range",
    "no-matching-factor",
    "unknown-series",
    "battery-zero-cycles",
    "battery-material-basis",
    "battery-unknown-category",
    "battery-unknown-unit",
    "battery-line-in-wrong-stage",
    "steel-carbon-content-above-1",
    "steel-outputs-exceed-inputs",
    "steel-bad-direction",
    "steel-dimension-mismatch",
    "steel-unknown-route",
    "pv-shares-not-summing-to-1",
    "pv-unknown-step",
    "pv-degradation-at-1",
    "pv-zero-yield",
    "pv-no-cre-table-loaded",
    "textile-shares-not-summing-to-one",
    "textile-spinning-loss-of-one",
    "textile-negative-mass",
    "textile-unknown-garment-type",
    "textile-unknown-electricity-factor",
    "textile-knitting-without-electricity",
    "ev-battery-both-forms",
    "ev-zero-lifetime-km",
    "ev-battery-template-unknown-unit",
    "ev-battery-template-zero-cycles",
    "ev-glider-unknown-unit",
    "pact-expired-footprint",
);

fn compute(input: &str) -> Result<String, pcf::Error> {
    let set = pcf::FactorSet::builtin()?;
    pcf::compute_json(input, set)
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn golden_results_are_bit_identical() {
    let update = !cfg!(target_arch = "wasm32") && option_env_update();
    let mut failures = Vec::new();
    for (name, input, expected) in CASES {
        let got = match compute(input) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{name}: {} at {}: {e}", e.code(), e.path()));
                continue;
            }
        };
        if got != *expected {
            if update {
                write_expected(name, &got);
            } else {
                failures.push(format!("{name}: result differs from expected.json"));
            }
        }
    }
    assert!(failures.is_empty(), "golden failures:\n{}", failures.join("\n"));
}

/// The expected files were sealed natively: each must verify here, in WASM too (tampering is
/// tested in `crates/pcf-core/src/receipt.rs` and `crates/pcf-cli/tests/cli.rs`).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn golden_receipts_verify() {
    let set = pcf::FactorSet::builtin().expect("built-in factors");
    let mut failures = Vec::new();
    for (name, _, expected) in CASES {
        match pcf::verify(expected, set) {
            Ok(r) if r.matches() => {}
            Ok(r) => failures.push(format!("{name}: {:?}", r.checks)),
            Err(e) => failures.push(format!("{name}: {} at {}: {e}", e.code(), e.path())),
        }
    }
    assert!(failures.is_empty(), "receipt failures:\n{}", failures.join("\n"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn golden_errors_have_their_code_and_path() {
    let mut failures = Vec::new();
    for (name, case) in ERRORS {
        let case: serde_json::Value = match serde_json::from_str(case) {
            Ok(v) => v,
            Err(e) => panic!("{name}: the case file is not JSON: {e}"),
        };
        let input = match &case["input"] {
            serde_json::Value::String(s) => s.clone(),
            doc => doc.to_string(),
        };
        let want = (case["code"].as_str(), case["path"].as_str());
        match compute(&input) {
            Ok(_) => failures.push(format!("{name}: computed, expected {want:?}")),
            Err(e) => {
                if (Some(e.code()), Some(e.path())) != want {
                    failures.push(format!(
                        "{name}: got {} at {} ({e}), expected {want:?}",
                        e.code(),
                        e.path()
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "error-case failures:\n{}", failures.join("\n"));
}

#[cfg(not(target_arch = "wasm32"))]
fn option_env_update() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

#[cfg(target_arch = "wasm32")]
fn option_env_update() -> bool {
    false
}

#[cfg(not(target_arch = "wasm32"))]
fn write_expected(name: &str, text: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
        .join("expected.json");
    if let Err(e) = std::fs::write(&path, text) {
        panic!("cannot write {}: {e}", path.display());
    }
}

#[cfg(target_arch = "wasm32")]
fn write_expected(_: &str, _: &str) {}

/// Every case directory and error file on disk is listed above, so none is silently skipped,
/// and the example cases are byte-identical copies of `examples/`.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_case_on_disk_is_listed_and_examples_match() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut on_disk: Vec<String> = std::fs::read_dir(&root)
        .expect("tests/golden exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("input.json").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(n, _, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);

    let mut errs: Vec<String> = std::fs::read_dir(root.join("errors"))
        .expect("tests/golden/errors exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().trim_end_matches(".json").to_string())
        .collect();
    errs.sort();
    let mut listed: Vec<String> = ERRORS.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(errs, listed);

    let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for (name, input, _) in CASES {
        if let Some(sector) = name.strip_prefix("example-") {
            let text = std::fs::read_to_string(examples.join(format!("{sector}.json")))
                .expect("example exists");
            assert_eq!(text, *input, "examples/{sector}.json differs from its golden input");
        }
    }
}
