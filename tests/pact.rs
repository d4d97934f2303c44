//! PACT exchange: exports of every sector example validate against the official v2.3 and
//! v3.0 OpenAPI schemas (read from `../shared/standards/pact`, never copied here: their licence
//! forbids redistribution); the official examples import; the invalid ones are rejected naming
//! the field; the Rust spec check agrees with the schemas on damaged footprints; validity
//! periods; export → import keeps the total.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use pcf::pact::{self, ImportOptions, Spec};
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn standards(version: &str) -> PathBuf {
    root()
        .join("..")
        .join("shared")
        .join("standards")
        .join("pact")
        .join(version)
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The ProductFootprint schema of a spec's openapi.yaml, with its components for `$ref`.
fn validator(spec: Spec) -> jsonschema::Validator {
    let dir = standards(match spec {
        Spec::V2 => "v2",
        Spec::V3 => "v3",
    });
    let api: Value = serde_norway::from_str(&read(&dir.join("openapi.yaml"))).expect("YAML");
    let schema = json!({
        "$ref": "#/components/schemas/ProductFootprint",
        "components": {"schemas": api["components"]["schemas"].clone()}
    });
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the PACT schema compiles")
}

fn schema_errors(v: &jsonschema::Validator, pf: &Value) -> Vec<String> {
    v.iter_errors(pf)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn set() -> &'static pcf::FactorSet {
    pcf::FactorSet::builtin().expect("built-in factors")
}

fn compute(doc: &str) -> String {
    pcf::compute_json(doc, set()).expect("computes")
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

/// The meta JSON for an example: the standard it claims for the test, and, where PACT needs
/// a mass the result cannot give (a piece, a kWp), the product mass — stated by the example
/// (`mass_kg`, `curb_mass_kg`) or else its bill of materials: the kg of materials and parts
/// the product's own process takes per declared unit (losses included), from the result's
/// lines.
fn meta_for(doc: &Value, result: &Value) -> Value {
    let mut meta = json!({
        "companyName": "Example Supplier Co.",
        "companyIds": ["urn:pcf:test:example-supplier"],
        "crossSectoralStandards": ["ISO14067", "GHGP-Product"],
    });
    let unit = result["declared_unit"]["unit"].as_str().unwrap_or("");
    if unit == "item" || unit == "kWp" {
        // An example whose bill of materials is in kWh (the generic battery pack) states no
        // mass: a 60 kWh LFP pack of about 400 kg, for the export's productMassKg only.
        let named = (doc.pointer("/product/name").and_then(Value::as_str)
            == Some("LFP traction battery pack, 60 kWh (generic estimate from open data)"))
        .then_some(400.0);
        let stated = doc
            .pointer("/garment/mass_kg")
            .or_else(|| doc.pointer("/vehicle/curb_mass_kg"))
            .and_then(Value::as_f64)
            .or(named);
        let bom = || {
            let scale = |u: &str| match u {
                "g" => 1e-3,
                "kg" => 1.0,
                "t" => 1e3,
                _ => 0.0,
            };
            result["lines"]
                .as_array()
                .expect("lines")
                .iter()
                .filter(|l| l["process"] == "(product)")
                .map(|l| {
                    l["converted_amount"].as_f64().unwrap_or(0.0)
                        * scale(l["converted_unit"].as_str().unwrap_or(""))
                })
                .sum::<f64>()
        };
        let mass = stated.unwrap_or_else(bom);
        assert!(mass > 0.0, "a mass for {}", result["product"]["name"]);
        meta["productMassKg"] = json!(mass);
    }
    meta
}

fn dec(v: &Value) -> f64 {
    pact::parse_decimal(v.as_str().expect("a decimal string")).expect("a decimal")
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-300)
}

#[test]
fn every_example_exports_to_v2_and_v3_valid_against_the_official_schemas() {
    let v2 = validator(Spec::V2);
    let v3 = validator(Spec::V3);
    let mut failures = Vec::new();
    for path in examples() {
        let text = read(&path);
        let doc: Value = serde_json::from_str(&text).expect("JSON");
        let result_text = compute(&text);
        let result: Value = serde_json::from_str(&result_text).expect("result");
        let meta = meta_for(&doc, &result).to_string();
        let total = result["total_kg_co2e"].as_f64().expect("total");
        for (spec, validator) in [(Spec::V2, &v2), (Spec::V3, &v3)] {
            let name = format!("{} {}", path.display(), spec.version());
            let pf = match pact::export_value(&result_text, spec, Some(&meta)) {
                Ok(pf) => pf,
                Err(e) => {
                    failures.push(format!("{name}: {} at {}: {e}", e.code(), e.path()));
                    continue;
                }
            };
            let errors = schema_errors(validator, &pf);
            if !errors.is_empty() {
                failures.push(format!("{name}: {}", errors.join("; ")));
            }
            let c = &pf["pcf"];
            let (amount, excl, incl, uptake) = match spec {
                Spec::V2 => (
                    &c["unitaryProductAmount"],
                    &c["pCfExcludingBiogenic"],
                    &c["pCfIncludingBiogenic"],
                    &c["biogenicCarbonWithdrawal"],
                ),
                Spec::V3 => (
                    &c["declaredUnitAmount"],
                    &c["pcfExcludingBiogenicUptake"],
                    &c["pcfIncludingBiogenicUptake"],
                    &c["biogenicCO2Uptake"],
                ),
            };
            // No example removes biogenic CO2, so both totals are the result's total.
            assert_eq!(dec(uptake), 0.0, "{name}");
            assert_eq!(dec(incl), dec(excl) + dec(uptake), "{name}");
            assert!(
                close(dec(excl) * dec(amount), total, 1e-12),
                "{name}: {} × {} ≠ {total}",
                dec(excl),
                dec(amount)
            );
            // The id is reproducible from the receipt.
            let digest = result["receipt"]["result_sha256"].as_str().expect("digest");
            assert_eq!(
                pf["id"].as_str(),
                pact::export::uuid_of_digest(digest).as_deref()
            );
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every ProductFootprint in an official file, with its JSON path.
fn footprints(file: &Path) -> Vec<(Value, String)> {
    let v: Value = serde_json::from_str(&read(file)).expect("JSON");
    if v.get("pcf").is_some() {
        return vec![(v, "$".into())];
    }
    match &v["data"] {
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, pf)| (pf.clone(), format!("$.data[{i}]")))
            .collect(),
        d if d.get("pcf").is_some() => vec![(d.clone(), "$.data".into())],
        d => d["pfs"]
            .as_array()
            .expect("pfs")
            .iter()
            .enumerate()
            .map(|(i, pf)| (pf.clone(), format!("$.data.pfs[{i}]")))
            .collect(),
    }
}

#[test]
fn the_official_examples_import_with_their_provenance() {
    let mut count = 0;
    for (version, files) in [
        (
            "v2",
            vec![
                "get-footprint-response.json",
                "list-footprints-response.json",
                "pf-response-event.json",
            ],
        ),
        (
            "v3",
            vec![
                "example-1.json",
                "example-2.json",
                "example-3.json",
                "example-4.json",
                "get-footprint-response.json",
                "list-footprints-response.json",
                "pf-response-event.json",
            ],
        ),
    ] {
        let spec = Spec::parse(version).expect("spec");
        let validator = validator(spec);
        for f in files {
            let path = standards(version).join(f);
            let text = read(&path);
            for (i, (pf, base)) in footprints(&path).into_iter().enumerate() {
                let name = format!("{version}/{f} {base}");
                assert!(schema_errors(&validator, &pf).is_empty(), "{name} is valid");
                assert_eq!(pact::check::check(spec, &pf, "$"), vec![], "{name}");
                let opts = ImportOptions {
                    index: Some(i),
                    ..ImportOptions::default()
                };
                let c = pact::import(&text, &opts)
                    .unwrap_or_else(|e| panic!("{name}: {} at {}: {e}", e.code(), e.path()));
                let excl_key = if spec == Spec::V2 {
                    "pCfExcludingBiogenic"
                } else {
                    "pcfExcludingBiogenicUptake"
                };
                let d = c.declared.as_ref().expect("declared");
                assert_eq!(d.kg_co2e, dec(&pf["pcf"][excl_key]), "{name}");
                assert_eq!(d.per.amount, 1.0);
                let p = c.pact.as_ref().expect("pact block");
                assert_eq!(p.id, pf["id"].as_str().unwrap_or_default(), "{name}");
                assert_eq!(
                    p.spec_version,
                    pf["specVersion"].as_str().unwrap_or_default()
                );
                assert_eq!(
                    d.provenance.supplier,
                    pf["companyName"].as_str().unwrap_or_default()
                );
                assert_eq!(
                    p.primary_data_share,
                    match &pf["pcf"]["primaryDataShare"] {
                        Value::String(s) => pact::parse_decimal(s),
                        v => v.as_f64(),
                    },
                    "{name}"
                );
                count += 1;
            }
        }
    }
    assert!(count >= 10, "{count} footprints imported");
}

#[test]
fn the_official_invalid_examples_are_rejected_naming_the_field() {
    for version in ["v2", "v3"] {
        let text = read(&standards(version).join("invalid-response-all-properties.json"));
        let e = pact::import(&text, &ImportOptions::default()).expect_err(version);
        assert_eq!(
            (e.code(), e.path()),
            ("invalid_value", "$.data[0].updated"),
            "{version}: {e}"
        );
        assert!(e.to_string().contains("2") && e.to_string().contains("date-time"));
    }
    // v2's schema itself rejects the same field.
    let v: Value = serde_json::from_str(&read(
        &standards("v2").join("invalid-response-all-properties.json"),
    ))
    .expect("JSON");
    let errors = schema_errors(&validator(Spec::V2), &v["data"][0]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("/updated"), "{errors:?}");
}

/// A valid v3 export of the steel example (per kilogram) and its result.
fn steel_export(spec: Spec) -> (Value, Value) {
    let text = read(
        &root()
            .join("examples")
            .join("steel-hot-rolled-coil-generic.json"),
    );
    let result_text = compute(&text);
    let meta = json!({"crossSectoralStandards": ["ISO14067"]}).to_string();
    let pf = pact::export_value(&result_text, spec, Some(&meta)).expect("exports");
    (pf, serde_json::from_str(&result_text).expect("result"))
}

#[test]
fn the_rust_check_agrees_with_the_schemas_on_damaged_footprints() {
    for spec in [Spec::V2, Spec::V3] {
        let validator = validator(spec);
        let (pf, _) = steel_export(spec);
        let unit_key = if spec == Spec::V2 {
            "/pcf/declaredUnit"
        } else {
            "/pcf/declaredUnitOfMeasurement"
        };
        let excl_key = if spec == Spec::V2 {
            "/pcf/pCfExcludingBiogenic"
        } else {
            "/pcf/pcfExcludingBiogenicUptake"
        };
        let cases: Vec<(&str, Option<Value>, &str, &str)> = vec![
            ("/id", Some(json!("not-a-uuid")), "$.id", "invalid_value"),
            ("/companyName", None, "$.companyName", "invalid_document"),
            (
                "/companyIds/0",
                Some(json!("company1")),
                "$.companyIds[0]",
                "invalid_value",
            ),
            (
                "/productIds",
                Some(json!([])),
                "$.productIds",
                "invalid_value",
            ),
            ("/status", Some(json!("Draft")), "$.status", "invalid_value"),
            (
                "/created",
                Some(json!("2024-13-01T00:00:00Z")),
                "$.created",
                "invalid_value",
            ),
            (
                "/specVersion",
                Some(json!("3.0")),
                "$.specVersion",
                "invalid_value",
            ),
            (unit_key, Some(json!("tonne")), "", "invalid_value"),
            (
                "/pcf/referencePeriodEnd",
                None,
                "$.pcf.referencePeriodEnd",
                "invalid_document",
            ),
            (
                "/pcf/fossilGhgEmissions",
                Some(json!(1.5)),
                "$.pcf.fossilGhgEmissions",
                "invalid_document",
            ),
            (
                "/pcf/geographyCountry",
                Some(json!("China")),
                "$.pcf.geographyCountry",
                "invalid_value",
            ),
            (
                "/pcf/ipccCharacterizationFactors",
                Some(json!(["SAR"])),
                "",
                "invalid_value",
            ),
            (
                "/pcf/productOrSectorSpecificRules",
                Some(json!([{"operator": "ISO", "ruleNames": ["x"]}])),
                "$.pcf.productOrSectorSpecificRules[0].operator",
                "invalid_value",
            ),
        ];
        for (pointer, value, path, code) in cases {
            let mut bad = pf.clone();
            let (parent, key) = pointer.rsplit_once('/').expect("pointer");
            let pointer = if pointer == "/pcf/ipccCharacterizationFactors" && spec == Spec::V2 {
                "/pcf/ipccCharacterizationFactorsSources".to_string()
            } else {
                pointer.to_string()
            };
            let (parent, key) = if pointer.contains("Sources") {
                pointer.rsplit_once('/').expect("pointer")
            } else {
                (parent, key)
            };
            let node = bad.pointer_mut(parent).expect("parent");
            match (&value, node) {
                (Some(v), Value::Array(a)) => a[key.parse::<usize>().expect("index")] = v.clone(),
                (Some(v), Value::Object(o)) => {
                    o.insert(key.to_string(), v.clone());
                }
                (None, Value::Object(o)) => {
                    o.remove(key);
                }
                _ => panic!("cannot edit {pointer}"),
            }
            let name = format!("{} {pointer}", spec.version());
            assert!(
                !schema_errors(&validator, &bad).is_empty(),
                "{name}: the schema accepts it"
            );
            let got = pact::check::check(spec, &bad, "$");
            let first = got
                .first()
                .unwrap_or_else(|| panic!("{name}: the check accepts it"));
            let want_path = if path.is_empty() {
                let p = pointer.trim_start_matches('/').replace('/', ".");
                if pointer.contains("Characterization") {
                    format!("$.{p}[0]")
                } else {
                    format!("$.{p}")
                }
            } else {
                path.to_string()
            };
            assert_eq!(
                (first.code, first.path.as_str()),
                (code, want_path.as_str()),
                "{name}: {}",
                first.detail
            );
        }
        // A negative footprint: v2 forbids it (x-comment ≥ 0); v3's is a signed decimal
        // (removals included) and rolls up as declared (here with the identity findings it
        // breaks).
        let mut bad = pf.clone();
        *bad.pointer_mut(excl_key).expect("excl") = json!("-1");
        let imported = pact::import(&bad.to_string(), &ImportOptions::default());
        match spec {
            Spec::V2 => {
                let e = imported.expect_err("negative");
                assert_eq!(
                    (e.code(), e.path()),
                    (
                        "invalid_value",
                        format!("${}", excl_key.replace('/', ".")).as_str()
                    )
                );
            }
            Spec::V3 => {
                let c = imported.expect("v3 allows a negative total");
                let d = c.declared.expect("declared");
                assert_eq!(d.kg_co2e, -1.0);
                assert_eq!(c.pact.expect("pact").findings.len(), 2);
            }
        }
    }
}

#[test]
fn a_footprint_outside_its_validity_period_is_expired_footprint() {
    let text = read(&standards("v3").join("example-1.json"));
    // Valid 2024-12-31 – 2027-12-31.
    let at = |d: &str| ImportOptions {
        at: Some(d.into()),
        ..ImportOptions::default()
    };
    let c = pact::import(&text, &at("2025-06-30")).expect("valid mid-2025");
    assert_eq!(
        c.pact.as_ref().map(|p| p.validity_period.end.as_str()),
        Some("2027-12-31T00:00:00Z")
    );
    let e = pact::import(&text, &at("2027-12-31")).expect_err("the end is excluded");
    assert_eq!(
        (e.code(), e.path()),
        ("expired_footprint", "$.validityPeriodEnd")
    );
    let e = pact::import(&text, &at("2024-06-01")).expect_err("not yet valid");
    assert_eq!(
        (e.code(), e.path()),
        ("expired_footprint", "$.validityPeriodStart")
    );
    let e = pact::import(&text, &at("31/12/2025")).expect_err("not a date");
    assert_eq!((e.code(), e.path()), ("invalid_value", "at"));
    // Without a validity period, three years from the end of the reference period.
    let mut pf: Value = serde_json::from_str(&text).expect("JSON");
    let o = pf.as_object_mut().expect("object");
    o.remove("validityPeriodStart");
    o.remove("validityPeriodEnd");
    let c = pact::import(&pf.to_string(), &ImportOptions::default()).expect("imports");
    let p = c.pact.expect("pact");
    assert_eq!(
        (
            p.validity_period.start.as_str(),
            p.validity_period.end.as_str()
        ),
        ("2024-12-31T00:00:00Z", "2027-12-31T00:00:00Z")
    );
    let e = pact::import(&pf.to_string(), &at("2028-01-01")).expect_err("expired");
    assert_eq!(
        (e.code(), e.path()),
        ("expired_footprint", "$.pcf.referencePeriodEnd")
    );

    // In a study: the validity period must overlap the reference period.
    let component = pact::import(&text, &ImportOptions::default()).expect("imports");
    let doc = |start: &str, end: &str| {
        json!({
          "schema": "pcf/1",
          "product": {"name": "blend", "sector": "other", "declared_unit": {"amount": 1, "unit": "kg"}},
          "gwp_set": "AR6",
          "boundary": {"kind": "cradle-to-gate", "stages": ["raw_material_acquisition"]},
          "reference_period": {"start": start, "end": end},
          "activities": [{"amount": 0.5, "unit": "kg", "input": component.id, "stage": "raw_material_acquisition"}],
          "components": [component]
        })
        .to_string()
    };
    let r = pcf::compute(&doc("2025-01-01", "2025-12-31"), set()).expect("valid in 2025");
    // The footprint gives its parts, so the line counts its total including the biogenic
    // CO2 uptake (−1.23 per kg), and the total excluding it (0.384) is a part.
    assert_eq!(r.total_kg_co2e, 0.5 * -1.23);
    assert_eq!(r.parts.total.pcf_excluding_biogenic_uptake, 0.5 * 0.384);
    assert_eq!(r.parts.total.biogenic_co2_uptake, 0.5 * -1.61);
    let line = r
        .lines
        .iter()
        .find(|l| l.kind == "declared")
        .expect("declared line");
    let by = line.declared_by.as_ref().expect("provenance");
    assert_eq!(
        by.pact.as_ref().map(|p| p.id.as_str()),
        Some("12345678-9abc-def0-1234-567812345678")
    );
    let e = pcf::compute(&doc("2028-01-01", "2028-12-31"), set()).expect_err("expired");
    assert_eq!(
        (e.code(), e.path()),
        (
            "expired_footprint",
            "$.components[0].pact.validity_period.end"
        )
    );
    let e = pcf::compute(&doc("2023-01-01", "2023-12-30"), set()).expect_err("not yet valid");
    assert_eq!(
        (e.code(), e.path()),
        (
            "expired_footprint",
            "$.components[0].pact.validity_period.start"
        )
    );
}

#[test]
fn export_then_import_keeps_the_total() {
    // Steel, per tonne → PACT per kilogram (1000 kg) → a component used for 1 t.
    for spec in [Spec::V2, Spec::V3] {
        let (pf, result) = steel_export(spec);
        let total = result["total_kg_co2e"].as_f64().expect("total");
        let opts = ImportOptions {
            id: Some("coil".into()),
            amount: Some("1 t".into()),
            ..ImportOptions::default()
        };
        let c = pact::import(&pf.to_string(), &opts).expect("imports");
        let d = c.declared.as_ref().expect("declared");
        assert_eq!((d.per.amount, d.per.unit.as_str()), (1.0, "t"));
        let doc = json!({
          "schema": "pcf/1",
          "product": {"name": "coil, re-declared", "sector": "steel", "declared_unit": {"amount": 2, "unit": "t"}},
          "gwp_set": "AR6",
          "boundary": {"kind": "cradle-to-gate", "stages": ["raw_material_acquisition"]},
          "reference_period": {"start": "2026-01-01", "end": "2026-12-31"},
          "activities": [{"amount": 2000, "unit": "kg", "input": "coil", "stage": "raw_material_acquisition"}],
          "components": [c]
        });
        let r = pcf::compute(&doc.to_string(), set()).expect("computes");
        assert!(
            close(r.total_kg_co2e, 2.0 * total, 1e-12),
            "{}: {} vs {}",
            spec.version(),
            r.total_kg_co2e,
            2.0 * total
        );
    }
    // A T-shirt (item) through v2 per kilogram and back per piece of 0.17 kg.
    let text = read(
        &root()
            .join("examples")
            .join("textile-cotton-tshirt-generic.json"),
    );
    let result_text = compute(&text);
    let result: Value = serde_json::from_str(&result_text).expect("result");
    let meta = json!({"crossSectoralStandards": ["ISO14067"], "productMassKg": 0.17}).to_string();
    let pf = pact::export_value(&result_text, Spec::V2, Some(&meta)).expect("v2");
    assert_eq!(pf["pcf"]["declaredUnit"], "kilogram");
    assert_eq!(pf["pcf"]["unitaryProductAmount"], "0.17");
    let c = pact::import(
        &pf.to_string(),
        &ImportOptions {
            amount: Some("0.17 kg".into()),
            ..ImportOptions::default()
        },
    )
    .expect("imports");
    let kg = c.declared.as_ref().map(|d| d.kg_co2e).unwrap_or_default();
    let total = result["total_kg_co2e"].as_f64().expect("total");
    assert!(close(kg, total, 1e-12), "{kg} vs {total}");
}

#[test]
fn what_pact_cannot_express_is_an_error_naming_the_field() {
    let text = read(&root().join("examples").join("pv-mono-module-generic.json"));
    let result_text = compute(&text);
    let meta = json!({"crossSectoralStandards": ["ISO14067"]}).to_string();
    let e = pact::export_value(&result_text, Spec::V3, Some(&meta)).expect_err("kWp");
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_value", "$.declared_unit.unit")
    );
    assert!(e.to_string().contains("productMassKg"), "{e}");
    // No standards stated.
    let steel = compute(&read(
        &root()
            .join("examples")
            .join("steel-hot-rolled-coil-generic.json"),
    ));
    let e = pact::export_value(&steel, Spec::V3, None).expect_err("standards");
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_value", "$.input.study.standards")
    );
    // A piece needs its mass in v3.
    let tshirt = compute(&read(
        &root()
            .join("examples")
            .join("textile-cotton-tshirt-generic.json"),
    ));
    let e = pact::export_value(&tshirt, Spec::V3, Some(&meta)).expect_err("piece");
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_value", "$meta.productMassKg")
    );
    // Meta values that break the spec are named in the export.
    let bad = json!({"crossSectoralStandards": ["ISO14067"], "productMassKg": 0.17, "companyIds": ["ACME"]}).to_string();
    let e = pact::export_value(&tshirt, Spec::V3, Some(&bad)).expect_err("URN");
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_value", "$pact.companyIds[0]")
    );
    let e =
        pact::export_value(&tshirt, Spec::V3, Some(r#"{"colour": "red"}"#)).expect_err("unknown");
    assert_eq!((e.code(), e.path()), ("invalid_document", "$meta.colour"));
    // AR4 has no v2 characterizationFactors value.
    let mut doc: Value = serde_json::from_str(&read(
        &root()
            .join("examples")
            .join("textile-cotton-tshirt-generic.json"),
    ))
    .expect("JSON");
    doc["gwp_set"] = json!("AR4");
    let ar4 = compute(&doc.to_string());
    let with_mass =
        json!({"crossSectoralStandards": ["ISO14067"], "productMassKg": 0.17}).to_string();
    assert!(pact::export_value(&ar4, Spec::V3, Some(&with_mass)).is_ok());
    let e = pact::export_value(&ar4, Spec::V2, Some(&with_mass)).expect_err("AR4");
    assert_eq!((e.code(), e.path()), ("invalid_value", "$.gwp_set"));
    // An edited result is not exported.
    let total: Value = serde_json::from_str(&result_text).expect("result");
    let edited = result_text.replacen(
        &format!("\"total_kg_co2e\": {}", total["total_kg_co2e"]),
        "\"total_kg_co2e\": 300",
        1,
    );
    assert_ne!(edited, result_text);
    let mass = json!({"crossSectoralStandards": ["ISO14067"], "productMassKg": 20}).to_string();
    assert!(pact::export_value(&result_text, Spec::V3, Some(&mass)).is_ok());
    let e = pact::export_value(&edited, Spec::V3, Some(&mass)).expect_err("edited");
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_value", "$.receipt.result_sha256")
    );
}

/// The pact-v3 pre-check finds in the official examples what `pcf pact check` finds: examples
/// 1 and 2 state a total excluding uptake that their parts do not add up to (0.384 vs 0.356,
/// 5.14 vs 4.804), examples 3 and 4 a validity period that ends three months past the limit.
/// Every other rule passes.
#[test]
fn the_pact_v3_precheck_finds_in_the_official_examples_what_pact_check_finds() {
    for (i, rule, path) in [
        (1, "pact-v3.consistency", "$.pcf.pcfExcludingBiogenicUptake"),
        (2, "pact-v3.consistency", "$.pcf.pcfExcludingBiogenicUptake"),
        (3, "pact-v3.validity", "$.validityPeriodEnd"),
        (4, "pact-v3.validity", "$.validityPeriodEnd"),
    ] {
        let text = read(&standards("v3").join(format!("example-{i}.json")));
        let r = pcf::precheck::precheck(&text, "pact-v3", set()).expect("report");
        assert_eq!(r.verdict, "not_ready", "example-{i}");
        let failed: Vec<(&str, &str)> = r
            .outcomes
            .iter()
            .filter(|o| o.status == "fail")
            .map(|o| (o.rule.as_str(), o.path.as_str()))
            .collect();
        assert_eq!(failed, vec![(rule, path)], "example-{i}");
        let check = pact::check::check_report(&text, None, None).expect("a footprint");
        let found: Vec<&str> = check
            .identities
            .iter()
            .chain(&check.rules)
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(found, vec![path], "example-{i}");
    }
    let text = read(&standards("v3").join("invalid-response-all-properties.json"));
    let r = pcf::precheck::precheck(&text, "pact-v3", set()).expect("report");
    assert_eq!(r.verdict, "not_ready");
    let o = r
        .outcomes
        .iter()
        .find(|o| o.rule == "pact-v3.schema")
        .expect("outcome");
    assert_eq!((o.status, o.path.as_str()), ("fail", "$.data[0].updated"));
}

#[test]
fn the_study_block_removals_and_data_quality_map_to_their_pact_fields() {
    // 10 kWh of grid power (fossil), 2 kg biogenic CO2 emitted, 5 kg biogenic CO2 taken up,
    // 1 kg CO2 from land-use change; the power line is primary data with ratings 1/2/3.
    let doc = json!({
      "schema": "pcf/1",
      "product": {"name": "wood-plastic board", "sector": "other", "declared_unit": {"amount": 1, "unit": "kg"}},
      "gwp_set": "AR6",
      "boundary": {"kind": "cradle-to-gate", "stages": ["production"]},
      "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
      "activities": [{"amount": 10, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production",
                      "data_quality": {"primary": true, "technological": 1, "geographical": 2, "temporal": 3}}],
      "emissions": [
        {"gas": "CO2_biogenic", "amount": 2, "unit": "kg", "stage": "production"},
        {"gas": "CO2_biogenic", "amount": 5, "unit": "kg", "removal": true, "stage": "production"},
        {"gas": "CO2_luc", "amount": 1, "unit": "kg", "stage": "production"}
      ],
      "study": {
        "standards": ["ISO 14067:2018", "GB/T 24067-2024"],
        "cut_off": {"criteria": "flows below 1 % of mass", "excluded_share": 0.02},
        "verification": {"status": "verified", "body": "Example Certification Co.", "reference": "EX-1"}
      }
    });
    let result_text = compute(&doc.to_string());
    let result: Value = serde_json::from_str(&result_text).expect("result");
    let total = result["total_kg_co2e"].as_f64().expect("total");
    let power = 10.0 * 0.6205;
    assert!(close(total, power + 2.0 - 5.0 + 1.0, 1e-15), "{total}");
    for spec in [Spec::V2, Spec::V3] {
        let pf = pact::export_value(&result_text, spec, None).expect("exports");
        assert!(
            schema_errors(&validator(spec), &pf).is_empty(),
            "{}",
            spec.version()
        );
        let c = &pf["pcf"];
        let v2 = spec == Spec::V2;
        let key = |a: &'static str, b: &'static str| if v2 { a } else { b };
        let excl = dec(&c[key("pCfExcludingBiogenic", "pcfExcludingBiogenicUptake")]);
        let incl = dec(&c[key("pCfIncludingBiogenic", "pcfIncludingBiogenicUptake")]);
        let uptake = dec(&c[key("biogenicCarbonWithdrawal", "biogenicCO2Uptake")]);
        assert_eq!(uptake, -5.0);
        if v2 {
            // v2's total excluding biogenic leaves out the 2 kg of biogenic CO2 emitted.
            assert!(close(excl, power + 1.0, 1e-15), "{excl}");
            assert!(close(incl, excl + 2.0 + uptake, 1e-15), "{incl}");
        } else {
            assert!(close(excl, power + 2.0 + 1.0, 1e-15), "{excl}");
            assert_eq!(incl, excl + uptake);
        }
        assert!(close(incl, total, 1e-15));
        assert!(close(dec(&c["fossilGhgEmissions"]), power, 1e-15));
        assert_eq!(
            dec(&c[key("dLucGhgEmissions", "landUseChangeGhgEmissions")]),
            1.0
        );
        assert_eq!(
            c["crossSectoralStandards"],
            json!(["ISO14067"]),
            "GB/T 24067 becomes a product or sector rule"
        );
        assert_eq!(
            c["productOrSectorSpecificRules"][0]["ruleNames"],
            json!(["GB/T 24067-2024"])
        );
        assert_eq!(
            c["secondaryEmissionFactorSources"][0]["name"],
            "pcf factor table electricity_cn.csv"
        );
        // The power line is the only rated and the only primary line. Weights: power 6.205,
        // biogenic CO2 emitted 2, land-use change 1, and the 5 kg of biogenic CO2 taken up 0
        // (the product's own uptake is not an emission): 6.205 / (6.205 + 2 + 1) = 6.205 /
        // 9.205 = 0.67409… (it was 6.205 / 14.205 when the uptake weighed |−5|).
        let share = result["data_quality"]["primary_data_share"]
            .as_f64()
            .expect("share");
        assert!(close(share, power / (power + 2.0 + 1.0), 1e-15), "{share}");
        assert!(close(share, 6.205 / 9.205, 1e-15), "{share}");
        // The rated share likewise: only the power line is rated.
        let rated = result["data_quality"]["rated_share"]
            .as_f64()
            .expect("rated");
        assert!(close(rated, 6.205 / 9.205, 1e-15), "{rated}");
        if v2 {
            assert_eq!(c["exemptedEmissionsPercent"], json!(2.0));
            assert_eq!(c["primaryDataShare"].as_f64(), Some(share * 100.0));
            assert_eq!(c["characterizationFactors"], "AR6");
            assert_eq!(
                c["crossSectoralStandardsUsed"],
                json!(["ISO Standard 14067"])
            );
            assert_eq!(c["assurance"]["providerName"], "Example Certification Co.");
            assert_eq!(c["assurance"]["assurance"], true);
            assert!(
                c.get("dqi").is_none(),
                "v2 DQI needs completeness and reliability"
            );
            assert_eq!(c["otherBiogenicGhgEmissions"], "2");
        } else {
            assert_eq!(c["exemptedEmissionsPercent"], "2");
            assert_eq!(dec(&c["primaryDataShare"]), share * 100.0);
            // Contribution-weighted means of one rated line: its ratings, exactly.
            for (k, want) in [
                ("technologicalDQR", 1.0),
                ("geographicalDQR", 2.0),
                ("temporalDQR", 3.0),
            ] {
                assert_eq!(dec(&c["dqi"][k]), want, "{k}");
            }
            assert_eq!(
                c["verification"]["providerName"],
                "Example Certification Co."
            );
            assert_eq!(c["ipccCharacterizationFactors"], json!(["AR6"]));
        }
        assert_eq!(c["referencePeriodStart"], "2024-01-01T00:00:00Z");
        assert_eq!(c["referencePeriodEnd"], "2025-01-01T00:00:00Z");
        assert_eq!(
            c[key("declaredUnit", "declaredUnitOfMeasurement")],
            "kilogram"
        );
    }
}

#[test]
fn the_meta_json_is_checked_key_by_key() {
    let m = pact::Meta::parse(
        r#"{"id": "9bdcd616-5623-8f57-9ff8-6dd24211c071", "version": 3, "companyIds": ["urn:a"],
            "productMassKg": 0.2, "packagingEmissionsIncluded": true, "comment": null}"#,
    )
    .expect("meta");
    assert_eq!(m.version, Some(3));
    assert_eq!(m.company_ids, Some(vec!["urn:a".to_string()]));
    assert_eq!(m.product_mass_kg, Some(0.2));
    assert_eq!(m.packaging_emissions_included, Some(true));
    assert_eq!(m.comment, None);
    for (text, path) in [
        (r#"{"version": "3"}"#, "$meta.version"),
        (r#"{"companyIds": "urn:a"}"#, "$meta.companyIds"),
        (r#"{"productMassKg": "0.2"}"#, "$meta.productMassKg"),
        (
            r#"{"packagingEmissionsIncluded": 1}"#,
            "$meta.packagingEmissionsIncluded",
        ),
        (r#"{"companyName": 7}"#, "$meta.companyName"),
        (r#"{"company": "x"}"#, "$meta.company"),
        ("[]", "$meta"),
    ] {
        let e = pact::Meta::parse(text).expect_err(text);
        assert_eq!((e.code(), e.path()), ("invalid_document", path), "{text}");
    }
    let e = pact::Meta::parse("{").expect_err("malformed");
    assert_eq!(e.code(), "malformed_json");
}

#[test]
fn import_options_as_json_are_checked_key_by_key() {
    let o = ImportOptions::parse(r#"{"id": "coil", "amount": "1 t", "index": 2, "at": null}"#)
        .expect("options");
    assert_eq!(
        o,
        ImportOptions {
            id: Some("coil".into()),
            amount: Some("1 t".into()),
            index: Some(2),
            ..ImportOptions::default()
        }
    );
    for (text, path) in [
        (r#"{"amount": 1000}"#, "options.amount"),
        (r#"{"index": -1}"#, "options.index"),
        (r#"{"colour": "red"}"#, "options.colour"),
        ("[]", "options"),
    ] {
        let e = ImportOptions::parse(text).expect_err(text);
        assert_eq!((e.code(), e.path()), ("invalid_document", path), "{text}");
    }
}

/// The PACT field (in the footprint) that each field of an imported component's `pact` block
/// comes from, for `spec`.
fn pact_block_sources(spec: Spec) -> Vec<(&'static str, &'static str)> {
    let v2 = spec == Spec::V2;
    vec![
        ("/id", "/id"),
        ("/spec_version", "/specVersion"),
        ("/company_name", "/companyName"),
        ("/company_ids", "/companyIds"),
        ("/product_ids", "/productIds"),
        (
            "/declared_unit",
            if v2 {
                "/pcf/declaredUnit"
            } else {
                "/pcf/declaredUnitOfMeasurement"
            },
        ),
        (
            "/pcf_excluding_biogenic",
            if v2 {
                "/pcf/pCfExcludingBiogenic"
            } else {
                "/pcf/pcfExcludingBiogenicUptake"
            },
        ),
        (
            "/characterization_factors",
            if v2 {
                "/pcf/ipccCharacterizationFactorsSources"
            } else {
                "/pcf/ipccCharacterizationFactors"
            },
        ),
        ("/reference_period/start", "/pcf/referencePeriodStart"),
        ("/reference_period/end", "/pcf/referencePeriodEnd"),
    ]
}

#[test]
fn export_import_export_keeps_every_field_pcf_models() {
    let mut checked = 0;
    for path in examples() {
        let text = read(&path);
        let doc: Value = serde_json::from_str(&text).expect("JSON");
        let result_text = compute(&text);
        let result: Value = serde_json::from_str(&result_text).expect("result");
        let meta = meta_for(&doc, &result);
        for spec in [Spec::V2, Spec::V3] {
            let Ok(pf) = pact::export_value(&result_text, spec, Some(&meta.to_string())) else {
                continue; // what PACT cannot express is tested above
            };
            // export → import: the pact block holds the footprint's fields as written.
            let c = pact::import(&pf.to_string(), &ImportOptions::default()).expect("imports");
            let block = serde_json::to_value(c.pact.as_ref().expect("pact block")).expect("json");
            for (ours, theirs) in pact_block_sources(spec) {
                let (a, b) = (&block.pointer(ours), &pf.pointer(theirs));
                let same = match (a, b) {
                    (Some(Value::Number(n)), Some(Value::String(s))) => {
                        n.as_f64() == pact::parse_decimal(s)
                    }
                    (Some(x), Some(y)) => x == y,
                    _ => false,
                };
                assert!(
                    same,
                    "{} {}: {ours} {a:?} vs {theirs} {b:?}",
                    path.display(),
                    spec.version()
                );
            }
            let declared = c.declared.as_ref().expect("declared");
            assert_eq!(
                Some(declared.kg_co2e),
                block["pcf_excluding_biogenic"].as_f64(),
                "one declared unit"
            );
            // → a product made of exactly one declared unit of it → export again: the figures
            // and the declared unit pcf models come back unchanged.
            let unit = declared.per.unit.clone();
            // A reference period inside the footprint's validity.
            let day = block["validity_period"]["start"].as_str().expect("start")[..10].to_string();
            let gwp = declared.gwp_set.clone().unwrap_or_else(|| "AR6".into());
            let doc2 = json!({
              "schema": "pcf/1",
              "product": {"name": "re-declared", "sector": "other",
                          "declared_unit": {"amount": declared.per.amount, "unit": unit}},
              "gwp_set": if gwp == "unspecified" { "AR6".to_string() } else { gwp },
              "boundary": {"kind": "cradle-to-gate", "stages": ["raw_material_acquisition"]},
              "reference_period": {"start": day, "end": day},
              "activities": [{"amount": declared.per.amount, "unit": declared.per.unit,
                              "input": c.id, "stage": "raw_material_acquisition"}],
              "components": [c]
            });
            let r2 = compute(&doc2.to_string());
            let pf2 = pact::export_value(&r2, spec, Some(&meta.to_string())).expect("re-exports");
            // The declared unit, under the field name of the spec version (the company fields
            // come from `meta` on both exports, so comparing them could not fail).
            let unit_field = if spec == Spec::V2 {
                "/pcf/declaredUnit"
            } else {
                "/pcf/declaredUnitOfMeasurement"
            };
            let unit_written = pf.pointer(unit_field);
            assert!(
                unit_written.is_some(),
                "{} {unit_field} missing",
                path.display()
            );
            assert_eq!(
                pf2.pointer(unit_field),
                unit_written,
                "{} {unit_field}",
                path.display()
            );
            let excl = if spec == Spec::V2 {
                "/pcf/pCfExcludingBiogenic"
            } else {
                "/pcf/pcfExcludingBiogenicUptake"
            };
            let (a, b) = (dec(&pf["pcf"][&excl[5..]]), dec(&pf2["pcf"][&excl[5..]]));
            assert!(
                close(a, b, 1e-12),
                "{} {}: {a} vs {b}",
                path.display(),
                spec.version()
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked} round trips");
}

#[test]
fn extensions_and_properties_outside_the_spec_are_kept_verbatim_in_the_pact_block() {
    for spec in [Spec::V2, Spec::V3] {
        let (pf, _) = steel_export(spec);
        // A data model extension (free-form `data`) survives import, the document, the seal.
        let ext = json!({
            "specVersion": "2.0.0",
            "dataSchema": "https://catalog.carbon-transparency.org/shipment/1.0.0/data-model.json",
            "documentation": "https://example.invalid/shipment",
            "data": {"shipmentId": "S1234567890", "mass": {"value": "12.5", "unknownToPcf": [1, {"x": null}]}}
        });
        let mut with_ext = pf.clone();
        with_ext["extensions"] = json!([ext]);
        let c = pact::import(&with_ext.to_string(), &ImportOptions::default()).expect("imports");
        assert_eq!(c.pact.as_ref().expect("pact").extensions, vec![ext.clone()]);
        let doc = json!({
          "schema": "pcf/1",
          "product": {"name": "with extension", "sector": "steel", "declared_unit": {"amount": 1, "unit": "kg"}},
          "gwp_set": "AR6",
          "boundary": {"kind": "cradle-to-gate", "stages": ["raw_material_acquisition"]},
          "reference_period": {"start": "2026-01-01", "end": "2026-12-31"},
          "activities": [{"amount": 1, "unit": "kg", "input": c.id, "stage": "raw_material_acquisition"}],
          "components": [c]
        });
        let r: Value = serde_json::from_str(&compute(&doc.to_string())).expect("result");
        assert_eq!(r["input"]["components"][0]["pact"]["extensions"][0], ext);
        let typed: pcf::document::Document = pcf::json::parse(&doc.to_string()).expect("parses");
        assert_eq!(
            serde_json::to_value(&typed).expect("json")["components"][0]["pact"]["extensions"][0],
            ext
        );

        // A property the spec does not define, at three depths: kept by its path.
        let mut odd = with_ext.clone();
        for pointer in ["", "/pcf", "/extensions/0"] {
            odd.pointer_mut(pointer)
                .and_then(Value::as_object_mut)
                .expect("object")
                .insert("shipment".into(), json!({"id": "S1", "n": [1.5]}));
        }
        let c = pact::import(&odd.to_string(), &ImportOptions::default()).expect("imports");
        let kept = &c.pact.as_ref().expect("pact").unknown_properties;
        let want: std::collections::BTreeMap<String, Value> =
            ["$.shipment", "$.pcf.shipment", "$.extensions[0].shipment"]
                .into_iter()
                .map(|p| (p.to_string(), json!({"id": "S1", "n": [1.5]})))
                .collect();
        assert_eq!(kept, &want, "{}", spec.version());
        // In a list response the paths still start at the footprint.
        let mut second = with_ext.clone();
        second["pcf"]["extraFigure"] = json!("1");
        let response = json!({"data": [with_ext.clone(), second]});
        let c = pact::import(
            &response.to_string(),
            &ImportOptions {
                index: Some(1),
                ..ImportOptions::default()
            },
        )
        .expect("imports");
        let kept = &c.pact.as_ref().expect("pact").unknown_properties;
        assert_eq!(kept.get("$.pcf.extraFigure"), Some(&json!("1")), "{kept:?}");
        assert_eq!(kept.len(), 1);
        // A clean export has none: every property it writes is the spec's.
        let c = pact::import(&pf.to_string(), &ImportOptions::default()).expect("imports");
        assert!(c.pact.as_ref().expect("pact").unknown_properties.is_empty());
    }
    // The official v3 example 1 carries `otherOperatorName` beside its rules, outside the
    // data model: imported, and kept.
    let text = read(&standards("v3").join("example-1.json"));
    let c = pact::import(&text, &ImportOptions::default()).expect("imports");
    assert_eq!(
        c.pact
            .as_ref()
            .expect("pact")
            .unknown_properties
            .get("$.pcf.otherOperatorName"),
        Some(&json!("TfS"))
    );
}
