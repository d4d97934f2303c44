//! A supplier's footprint crosses every tier intact (issue 17): every official PACT example
//! (read from `../shared/standards/pact`, never copied here) is imported, computed for its
//! declared amount and exported in its own spec version, and every numeric `pcf` field comes
//! back within 1e-9 (relative), data quality included; a product made of two imported
//! footprints and an own line exports the sums; a v2 footprint crosses into v3 field by field
//! with the differences said. `tests/node/pact-roundtrip.test.mjs` runs the same in WASM.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use pcf::pact::{self, ExportOptions, ImportOptions, Spec};
use serde_json::{json, Value};

fn standards(version: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/standards/pact")
        .join(version)
}

fn read(version: &str, file: &str) -> String {
    let p = standards(version).join(file);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn set() -> &'static pcf::FactorSet {
    pcf::FactorSet::builtin().expect("built-in factors")
}

/// Every footprint of the official example files that import (the `invalid-*` files are
/// rejected, as `tests/pact.rs` checks): (spec, file, index in the file).
fn official() -> Vec<(Spec, &'static str, &'static str, usize)> {
    let mut v = Vec::new();
    for f in [
        "get-footprint-response.json",
        "list-footprints-response.json",
        "pf-response-event.json",
    ] {
        v.push((Spec::V2, "v2", f, 0));
    }
    for f in [
        "example-1.json",
        "example-2.json",
        "example-3.json",
        "example-4.json",
        "get-footprint-response.json",
        "list-footprints-response.json",
        "pf-response-event.json",
    ] {
        v.push((Spec::V3, "v3", f, 0));
    }
    v
}

/// The footprint at `index` of a file (bare, `data`, `data[i]` or `data.pfs[i]`).
fn footprint(text: &str, index: usize) -> Value {
    let v: Value = serde_json::from_str(text).expect("JSON");
    let (pf, _) = pact::import::locate(&v, Some(index)).expect("a footprint");
    pf.clone()
}

/// A number written as a decimal string (v3, and v2's emission figures) or a JSON number.
fn num(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => pact::parse_decimal(s),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) || (a == 0.0 && b.abs() < 1e-300)
}

/// Every numeric field of a `pcf` object (nested objects such as `dqi` included), by path.
fn numbers(v: &Value, path: &str, out: &mut Vec<(String, f64)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                numbers(x, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(_) | Value::Bool(_) | Value::Null => {}
        other => {
            if let Some(x) = num(other) {
                out.push((path.to_string(), x));
            }
        }
    }
}

fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.trim_start_matches('$')
        .split('.')
        .filter(|k| !k.is_empty())
        .try_fold(v, |v, k| v.get(k))
}

/// The declared amount of a footprint: v3 `declaredUnitAmount`, v2 `unitaryProductAmount`.
fn declared_amount(pf: &Value) -> f64 {
    let c = &pf["pcf"];
    num(c
        .get("declaredUnitAmount")
        .unwrap_or(&c["unitaryProductAmount"]))
    .expect("an amount")
}

/// A product that is `amount` of the component (per its own unit), in one stage, for a
/// reference period inside the footprint's validity.
fn product(components: &[(&Value, f64)], own: Option<Value>, declared: Value) -> String {
    let mut activities: Vec<Value> = components
        .iter()
        .map(|(c, amount)| {
            json!({"amount": amount, "unit": c["declared"]["per"]["unit"], "input": c["id"],
                   "stage": "raw_material_acquisition"})
        })
        .collect();
    activities.extend(own);
    let start = components
        .iter()
        .map(|(c, _)| {
            c["pact"]["validity_period"]["start"]
                .as_str()
                .expect("validity")
                .get(..10)
                .expect("a date")
                .to_string()
        })
        .max()
        .expect("a component");
    json!({
        "schema": "pcf/1",
        "product": {"name": "roll-up", "sector": "other", "declared_unit": declared},
        "gwp_set": "AR6",
        "boundary": {"kind": "cradle-to-gate", "stages": ["raw_material_acquisition", "production"]},
        "reference_period": {"start": start, "end": start},
        "activities": activities,
        "components": components.iter().map(|(c, _)| (*c).clone()).collect::<Vec<_>>(),
    })
    .to_string()
}

fn import(text: &str, index: usize, id: &str) -> Value {
    let opts = ImportOptions {
        id: Some(id.into()),
        index: Some(index),
        ..ImportOptions::default()
    };
    serde_json::to_value(pact::import(text, &opts).expect("imports")).expect("JSON")
}

/// The meta an export of a footprint's roll-up needs: standards, and the mass where PACT
/// asks for it (its own mass per declared unit).
fn meta_of(pf: &Value) -> String {
    let mut meta = json!({"crossSectoralStandards": ["GHGP-Product"]});
    let amount = declared_amount(pf);
    if let Some(m) = pf["pcf"].get("productMassPerDeclaredUnit").and_then(num) {
        if m > 0.0 {
            meta["productMassKg"] = json!(m * amount);
        }
    }
    meta.to_string()
}

#[test]
fn every_official_example_survives_import_compute_export() {
    let mut compared = 0;
    for (spec, dir, file, index) in official() {
        let name = format!("{dir}/{file}");
        let text = read(dir, file);
        let pf = footprint(&text, index);
        let c = import(&text, index, "supplier");
        let amount = declared_amount(&pf);
        let unit = c["declared"]["per"]["unit"].clone();
        let doc = product(
            &[(&c, amount)],
            None,
            json!({"amount": amount, "unit": unit}),
        );
        let result = pcf::compute_json(&doc, set())
            .unwrap_or_else(|e| panic!("{name}: {} at {}: {e}", e.code(), e.path()));
        let report =
            pact::export_report(&result, spec, Some(&meta_of(&pf)), ExportOptions::default())
                .unwrap_or_else(|e| panic!("{name}: {} at {}: {e}", e.code(), e.path()));
        let out = &report.footprint;
        assert!(report.conformant, "{name}");
        let mut fields = Vec::new();
        numbers(&pf["pcf"], "$.pcf", &mut fields);
        assert!(
            fields.len() >= 10,
            "{name}: {} numeric fields",
            fields.len()
        );
        // A property the spec version does not define is kept verbatim in the component's
        // `pact` block, not computed with.
        let unknown: Vec<String> = pact::check::unknown_properties(spec, &pf, "$")
            .into_iter()
            .map(|(p, v)| {
                assert_eq!(c["pact"]["unknown_properties"][&p], v, "{name}: {p}");
                p
            })
            .collect();
        for (path, want) in fields.into_iter().filter(|(p, _)| !unknown.contains(p)) {
            let got = at(out, &path)
                .and_then(num)
                .unwrap_or_else(|| panic!("{name}: {path} is missing from the export"));
            assert!(
                close(got, want),
                "{name}: {path} is {got}, the supplier declared {want}"
            );
            compared += 1;
        }
        // Nothing the supplier did not state: every numeric field of the export is in the
        // input, but those PACT requires or pcf always writes.
        let always: &[&str] = match spec {
            Spec::V2 => &[
                "unitaryProductAmount",
                "productMassPerDeclaredUnit",
                "pCfExcludingBiogenic",
                "pCfIncludingBiogenic",
                "fossilGhgEmissions",
                "fossilCarbonContent",
                "biogenicCarbonContent",
                "dLucGhgEmissions",
                "otherBiogenicGhgEmissions",
                "biogenicCarbonWithdrawal",
                "aircraftGhgEmissions",
                "exemptedEmissionsPercent",
                "primaryDataShare",
            ],
            Spec::V3 => &[
                "declaredUnitAmount",
                "productMassPerDeclaredUnit",
                "pcfExcludingBiogenicUptake",
                "pcfIncludingBiogenicUptake",
                "fossilGhgEmissions",
                "fossilCarbonContent",
                "biogenicCarbonContent",
                "landUseChangeGhgEmissions",
                "landManagementBiogenicCO2Removals",
                "biogenicCO2Uptake",
                "biogenicNonCO2Emissions",
                "technologicalCO2Removals",
                "aircraftGhgEmissions",
                "exemptedEmissionsPercent",
                "primaryDataShare",
            ],
        };
        let mut exported = Vec::new();
        numbers(&out["pcf"], "$.pcf", &mut exported);
        for (path, _) in exported {
            let key = path.rsplit('.').next().unwrap_or_default();
            assert!(
                at(&pf, &path).is_some() || always.contains(&key),
                "{name}: the export writes {path}, which the supplier did not state"
            );
        }
        if out["pcf"]
            .get("ccsTechnologicalCO2CaptureIncluded")
            .is_some()
        {
            assert!(
                pf["pcf"]
                    .get("ccsTechnologicalCO2CaptureIncluded")
                    .is_some(),
                "{name}: ccsTechnologicalCO2CaptureIncluded invented"
            );
        }
        // The packaging flag as the supplier states it (false when it does not: v3 makes it
        // optional, and pcf claims no packaging then).
        assert_eq!(
            out["pcf"]["packagingEmissionsIncluded"],
            pf["pcf"]
                .get("packagingEmissionsIncluded")
                .cloned()
                .unwrap_or(json!(false)),
            "{name}"
        );
        // What the supplier's footprint breaks is said once per finding, naming the supplier.
        let findings = c["pact"]["findings"].as_array().map_or(0, Vec::len);
        let said: Vec<&str> = report
            .warnings
            .iter()
            .filter(|w| w.code == "supplier_finding")
            .map(|w| w.message.as_str())
            .collect();
        assert_eq!(said.len(), findings, "{name}: {:?}", report.warnings);
        for (w, f) in said
            .iter()
            .zip(c["pact"]["findings"].as_array().into_iter().flatten())
        {
            assert!(w.ends_with(f.as_str().unwrap_or("?")), "{name}: {w}");
        }
    }
    assert!(compared >= 190, "{compared} figures compared");
}

/// Example 1 (bioethanol, v3) as the only input of a product: its parts reach the result,
/// scaled by the amount used, and the line counts its total including the uptake.
#[test]
fn the_parts_of_a_supplier_reach_the_result_scaled() {
    let text = read("v3", "example-1.json");
    let c = import(&text, 0, "ethanol");
    let doc = product(&[(&c, 2.5)], None, json!({"amount": 1, "unit": "item"}));
    let r = pcf::compute(&doc, set()).expect("computes");
    let t = &r.parts.total;
    assert_eq!(r.total_kg_co2e, 2.5 * -1.23);
    assert_eq!(
        t.pcf_including_biogenic_uptake.to_bits(),
        r.total_kg_co2e.to_bits()
    );
    assert_eq!(t.pcf_excluding_biogenic_uptake, 2.5 * 0.384);
    assert_eq!(t.biogenic_co2_uptake, 2.5 * -1.61);
    assert_eq!(t.fossil_ghg_emissions, 2.5 * 0.35);
    assert_eq!(t.land_management_fossil_ghg_emissions, 2.5 * 0.03);
    assert_eq!(t.biogenic_carbon_content, 2.5 * 0.44);
    assert_eq!(t.land_area_occupation, 2.5 * 0.41);
    assert_eq!(r.removals_kg_co2e, 2.5 * -1.61);
    // By stage: all of it in the stage of the component.
    let raw = &r.parts.by_stage[0];
    assert_eq!(raw.stage, "raw_material_acquisition");
    assert_eq!(raw.parts, *t);
    assert_eq!(r.parts.by_stage[1].parts, pcf::parts::PartValues::default());
    // The classes add up to the total; the 0.024 per kg the parts do not explain is unsplit,
    // with a warning, and the figures that break the v3 identity are named.
    let class = |k: &str| {
        r.by_class
            .iter()
            .find(|c| c.class == k)
            .map_or(0.0, |c| c.kg_co2e)
    };
    assert_eq!(class("fossil"), 2.5 * 0.35);
    // Land-management biogenic CO2 is land use (class luc), not biogenic.
    assert!((class("biogenic") - 2.5 * (0.002 - 1.61)).abs() < 1e-12);
    assert!((class("luc") - 2.5 * 0.004).abs() < 1e-12);
    assert!((class("unsplit") - 2.5 * 0.024).abs() < 1e-12);
    // The warning's figures as every message writes them (`numbers::number_text`), per the
    // declared kilogram: −1.23 − (0.35 + 0.004 + 0.002 − 1.61) = 0.024.
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == "declared_parts_unsplit")
        .expect("the rest is said");
    assert!(
        w.message
            .starts_with("0.024 of the -1.23 kg CO2e that ethanol declares"),
        "{}",
        w.message
    );
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == "pact_findings")
        .expect("the identity finding");
    assert_eq!(w.path, "$.components[0].pact.findings");
    assert!(
        w.message.contains("pcfExcludingBiogenicUptake is 0.384")
            && w.message.contains("= 0.356: they differ by 0.028"),
        "{}",
        w.message
    );
    // The line's own parts, per declared unit of the product.
    let line = r.lines.iter().find(|l| l.kind == "declared").expect("line");
    let lp = line.parts.as_ref().expect("parts");
    assert_eq!(lp.biogenic_co2_uptake, Some(2.5 * -1.61));
    // Only what it declares: example 1 states no CCS.
    assert_eq!(lp.ccs_technological_co2_capture, None);
}

/// Two imported footprints (v3 examples 1 and 4, kg) and an own electricity line: the export
/// is the sum of 2 kg × example 1, 3 kg × example 4 and the own line, per kg of the 5 kg
/// product, field by field; data quality weighted by each supplier's share.
#[test]
fn a_product_of_two_suppliers_and_an_own_line_exports_the_sums() {
    let t1 = read("v3", "example-1.json");
    let t4 = read("v3", "example-4.json");
    let (pf1, pf4) = (footprint(&t1, 0), footprint(&t4, 0));
    let c1 = import(&t1, 0, "ethanol");
    let c4 = import(&t4, 0, "fibre");
    let own = json!({"amount": 10, "unit": "kWh", "factor": "cn.elec.footprint.2023.national",
                     "stage": "production"});
    let doc = product(
        &[(&c1, 2.0), (&c4, 3.0)],
        Some(own),
        json!({"amount": 5, "unit": "kg"}),
    );
    let result = pcf::compute_json(&doc, set()).expect("computes");
    let r: Value = serde_json::from_str(&result).expect("JSON");
    let own_kg = r["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["kind"] == "factor")
        .and_then(|l| l["kg_co2e"].as_f64())
        .expect("own line");
    assert!(own_kg > 5.0, "{own_kg}");
    let meta = json!({"crossSectoralStandards": ["ISO14067"]}).to_string();
    let v3 =
        pact::export_report(&result, Spec::V3, Some(&meta), ExportOptions::default()).expect("v3");
    let f = &v3.footprint["pcf"];
    let x = |pf: &Value, k: &str| pf["pcf"].get(k).and_then(num).unwrap_or(0.0);
    let own_in = |k: &str| match k {
        "pcfExcludingBiogenicUptake" | "pcfIncludingBiogenicUptake" | "fossilGhgEmissions" => {
            own_kg
        }
        _ => 0.0,
    };
    for k in [
        "pcfExcludingBiogenicUptake",
        "pcfIncludingBiogenicUptake",
        "fossilGhgEmissions",
        "fossilCarbonContent",
        "biogenicCarbonContent",
        "recycledCarbonContent",
        "landUseChangeGhgEmissions",
        "landCarbonLeakage",
        "landManagementFossilGhgEmissions",
        "landManagementBiogenicCO2Emissions",
        "landManagementBiogenicCO2Removals",
        "biogenicCO2Uptake",
        "biogenicNonCO2Emissions",
        "landAreaOccupation",
        "aircraftGhgEmissions",
        "outboundLogisticsGhgEmissions",
    ] {
        let want = (2.0 * x(&pf1, k) + 3.0 * x(&pf4, k) + own_in(k)) / 5.0;
        let got = f
            .get(k)
            .and_then(num)
            .unwrap_or_else(|| panic!("{k} missing"));
        assert!(close(got, want), "{k}: {got}, want {want}");
    }
    // Weights: each line's total excluding uptake.
    let (w1, w4) = (2.0 * 0.384, 3.0 * 0.42);
    let w = w1 + w4 + own_kg;
    let pds = num(&f["primaryDataShare"]).expect("primary data share");
    assert!((pds - (w1 * 12.9 + w4 * 80.2) / w).abs() < 1e-9, "{pds}");
    let tech = num(&f["dqi"]["technologicalDQR"]).expect("dqi");
    assert!(
        (tech - (w1 * 1.5 + w4 * 1.0) / (w1 + w4)).abs() < 1e-9,
        "{tech}"
    );
    // The same product in v2: the parts v2 has fields for, and a warning for the others.
    let v2 =
        pact::export_report(&result, Spec::V2, Some(&meta), ExportOptions::default()).expect("v2");
    let g = &v2.footprint["pcf"];
    let pair = |k2: &str, k3: &str| {
        let a = num(&g[k2]).unwrap_or_else(|| panic!("{k2} missing"));
        let b = num(&f[k3]).expect("v3");
        assert!(close(a, b), "{k2} {a} vs {k3} {b}");
    };
    pair("pCfExcludingBiogenic", "pcfExcludingBiogenicUptake");
    pair("pCfIncludingBiogenic", "pcfIncludingBiogenicUptake");
    pair("dLucGhgEmissions", "landUseChangeGhgEmissions");
    pair("biogenicCarbonWithdrawal", "biogenicCO2Uptake");
    pair("iLucGhgEmissions", "landCarbonLeakage");
    pair("otherBiogenicGhgEmissions", "biogenicNonCO2Emissions");
    // v2 has one land-management figure: the biogenic CO2 emissions and removals.
    let lm = num(&g["landManagementGhgEmissions"]).expect("LM");
    assert!(close(lm, 2.0 * 0.004 / 5.0), "{lm}");
    let not_carried: Vec<&str> = v2
        .warnings
        .iter()
        .filter(|w| w.code == "part_not_carried")
        .map(|w| w.path.as_str())
        .collect();
    for p in [
        "$.parts.total.land_area_occupation",
        "$.parts.total.outbound_logistics_ghg_emissions",
        "$.parts.total.land_management_fossil_ghg_emissions",
        "$.data_quality",
    ] {
        assert!(not_carried.contains(&p), "{p} not in {not_carried:?}");
    }
    // The ISO 14067 / GB/T 24067 pre-check reports the suppliers' parts, scaled.
    let pre = pcf::precheck::precheck(&doc, "iso14067", set()).expect("report");
    let o = pre
        .outcomes
        .iter()
        .find(|o| o.rule == "iso14067.separate_classes")
        .expect("outcome");
    // Examples 1 and 4 declare parts that do not add up to their totals (0.024 and 0.049 per
    // kg unexplained): the rule fails on that rest, and reports the parts all the same.
    assert_eq!((o.status, o.path.as_str()), ("fail", "$.by_class"));
    assert!(
        o.detail
            .starts_with("0.195 kg CO2e of the declared footprints are in none of the classes"),
        "{}",
        o.detail
    );
    for part in [
        "biogenic CO2 uptake -4.33",
        "direct land-use change 0.6",
        "per 5 kg",
    ] {
        assert!(o.detail.contains(part), "{part} in {}", o.detail);
    }
    assert!(
        o.detail_zh.contains("生物源CO2吸收 -4.33"),
        "{}",
        o.detail_zh
    );
    let comment = v2.footprint["comment"].as_str().expect("comment");
    assert!(
        comment.contains("Warning (part_not_carried): land_area_occupation"),
        "{comment}"
    );
}

/// A v2 footprint (the official get-footprint example, per liter) crosses into v3: each v2
/// figure lands in its v3 field, and what v3 cannot hold is said.
#[test]
fn a_v2_footprint_crosses_into_v3_field_by_field() {
    let text = read("v2", "get-footprint-response.json");
    let pf = footprint(&text, 0);
    let c = import(&text, 0, "ethanol");
    assert_eq!(c["declared"]["per"]["unit"], "L");
    let doc = product(&[(&c, 1.0)], None, json!({"amount": 1, "unit": "L"}));
    let result = pcf::compute_json(&doc, set()).expect("computes");
    let meta = json!({"crossSectoralStandards": ["ISO14067"]}).to_string();
    let v3 =
        pact::export_report(&result, Spec::V3, Some(&meta), ExportOptions::default()).expect("v3");
    let f = &v3.footprint["pcf"];
    for (k2, k3) in [
        ("pCfExcludingBiogenic", "pcfExcludingBiogenicUptake"),
        ("pCfIncludingBiogenic", "pcfIncludingBiogenicUptake"),
        ("fossilGhgEmissions", "fossilGhgEmissions"),
        ("dLucGhgEmissions", "landUseChangeGhgEmissions"),
        ("iLucGhgEmissions", "landCarbonLeakage"),
        ("otherBiogenicGhgEmissions", "biogenicNonCO2Emissions"),
        ("biogenicCarbonWithdrawal", "biogenicCO2Uptake"),
        ("aircraftGhgEmissions", "aircraftGhgEmissions"),
        ("fossilCarbonContent", "fossilCarbonContent"),
        ("biogenicCarbonContent", "biogenicCarbonContent"),
    ] {
        let want = num(&pf["pcf"][k2]).expect("v2 figure");
        let got = num(&f[k3]).unwrap_or_else(|| panic!("{k3} missing"));
        assert!(close(got, want), "{k2} {want} → {k3} {got}");
    }
    assert_eq!(f["declaredUnitOfMeasurement"], "liter");
    let codes: Vec<(&str, &str)> = v3
        .warnings
        .iter()
        .map(|w| (w.code, w.path.as_str()))
        .collect();
    assert!(codes.contains(&("spec_crossing", "$.lines")), "{codes:?}");
    assert!(
        codes.contains(&(
            "part_not_carried",
            "$.parts.total.land_management_ghg_emissions"
        )),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("part_not_carried", "$.data_quality.pact_v2_dqi")),
        "{codes:?}"
    );
    // The v2 supplier's DQRs on its own scale reach a v2 export unchanged.
    let v2 =
        pact::export_report(&result, Spec::V2, Some(&meta), ExportOptions::default()).expect("v2");
    for k in [
        "coveragePercent",
        "technologicalDQR",
        "temporalDQR",
        "geographicalDQR",
        "completenessDQR",
        "reliabilityDQR",
    ] {
        let want = num(&pf["pcf"]["dqi"][k]).expect("dqi");
        let got = num(&v2.footprint["pcf"]["dqi"][k]).unwrap_or_else(|| panic!("{k} missing"));
        assert!(close(got, want), "{k} {got} vs {want}");
    }
}

/// An export that breaks a MUST of the spec fails naming the field, unless asked for with
/// `non_conformant`, which marks the file.
#[test]
fn a_v2_export_above_the_five_percent_exemption_fails_unless_marked_not_conformant() {
    let doc = json!({
      "schema": "pcf/1",
      "product": {"name": "part", "sector": "other", "declared_unit": {"amount": 1, "unit": "kg"}},
      "gwp_set": "AR6",
      "boundary": {"kind": "cradle-to-gate", "stages": ["production"]},
      "reference_period": {"start": "2025-01-01", "end": "2025-12-31"},
      "study": {"standards": ["ISO 14067:2018"], "cut_off": {"criteria": "mass < 1 %", "excluded_share": 0.075}},
      "activities": [{"amount": 10, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production"}]
    })
    .to_string();
    let result = pcf::compute_json(&doc, set()).expect("computes");
    let e = pact::export_report(&result, Spec::V2, None, ExportOptions::default())
        .expect_err("7.5 % is above the 5 % v2 allows");
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_value", "$pact.pcf.exemptedEmissionsPercent")
    );
    assert_eq!(
        e.to_string(),
        "7.5 % of the emissions exempted; PACT v2 allows at most 5 %"
    );
    let r = pact::export_report(
        &result,
        Spec::V2,
        None,
        ExportOptions {
            non_conformant: true,
        },
    )
    .expect("written as asked");
    assert!(!r.conformant);
    assert_eq!(r.footprint["pcf"]["exemptedEmissionsPercent"], json!(7.5));
    let comment = r.footprint["comment"].as_str().expect("comment");
    assert!(
        comment.starts_with("NOT CONFORMANT to PACT 2.3.0."),
        "{comment}"
    );
    assert_eq!(r.warnings.last().map(|w| w.code), Some("not_conformant"));
    // v3 has no such limit.
    let v3 = pact::export_report(
        &result,
        Spec::V3,
        Some(r#"{"productMassKg":1}"#),
        ExportOptions::default(),
    )
    .expect("v3 allows it");
    assert_eq!(
        v3.footprint["pcf"]["exemptedEmissionsPercent"],
        json!("7.5")
    );
    // A validity period from the meta must respect the rules too.
    let meta = json!({"validityPeriodStart": "2025-06-01T00:00:00Z",
                      "validityPeriodEnd": "2027-01-01T00:00:00Z"})
    .to_string();
    let e = pact::export_report(&result, Spec::V3, Some(&meta), ExportOptions::default())
        .expect_err("starts before the reference period ends");
    assert_eq!(
        (e.code(), e.path()),
        ("invalid_value", "$pact.validityPeriodStart")
    );
}

/// `pact::check` finds what the spec defines beyond the schema: the v3 identities (with the
/// rounding as written) and the validity period.
#[test]
fn the_check_reports_identities_rules_and_schema_apart() {
    let text = read("v3", "example-1.json");
    let r = pact::check::check_report(&text, None, None).expect("a footprint");
    // Conformant (schema and rules hold), not consistent.
    assert!(r.conformant && !r.consistent);
    assert!(r.schema.is_empty() && r.rules.is_empty());
    assert_eq!(r.identities.len(), 1);
    assert_eq!(r.identities[0].path, "$.pcf.pcfExcludingBiogenicUptake");
    assert_eq!(
        r.identities[0].detail,
        "pcfExcludingBiogenicUptake is 0.384, but must be equal to fossilGhgEmissions 0.35 + landUseChangeGhgEmissions 0 + landManagementBiogenicCO2Emissions 0.004 + landManagementBiogenicCO2Removals 0 + biogenicNonCO2Emissions 0.002 (technologicalCO2Removals, ccsTechnologicalCO2Capture not stated: 0) = 0.356: they differ by 0.028 (rounding allows 0.0065)"
    );
    // Consistent figures pass; an inconsistent total including uptake is found.
    let mut pf: Value = serde_json::from_str(&text).expect("JSON");
    pf["pcf"]["pcfExcludingBiogenicUptake"] = json!("0.356");
    pf["pcf"]["pcfIncludingBiogenicUptake"] = json!("-1.254");
    let r = pact::check::check_report(&pf.to_string(), None, None).expect("a footprint");
    assert!(r.conformant, "{r:?}");
    pf["pcf"]["pcfIncludingBiogenicUptake"] = json!("-1.1");
    let r = pact::check::check_report(&pf.to_string(), None, None).expect("a footprint");
    assert_eq!(r.identities.len(), 1);
    assert_eq!(r.identities[0].path, "$.pcf.pcfIncludingBiogenicUptake");
    // Example 3's validity period ends three months past the limit.
    let r = pact::check::check_report(&read("v3", "example-3.json"), None, None).expect("pf");
    assert_eq!(r.rules.len(), 1);
    assert_eq!(r.rules[0].path, "$.validityPeriodEnd");
    // A v2 footprint asked to be v3.
    let r = pact::check::check_report(
        &read("v2", "get-footprint-response.json"),
        Some(Spec::V3),
        None,
    )
    .expect("pf");
    assert_eq!(r.schema[0].path, "$.data.specVersion");
    // A v2 exemption above 5 %.
    let mut v2: Value =
        serde_json::from_str(&read("v2", "get-footprint-response.json")).expect("JSON");
    v2["data"]["pcf"]["exemptedEmissionsPercent"] = json!(5.5);
    let r = pact::check::check_report(&v2.to_string(), None, None).expect("pf");
    assert_eq!(r.rules.len(), 1);
    assert_eq!(r.rules[0].path, "$.data.pcf.exemptedEmissionsPercent");
    assert_eq!(
        r.rules[0].detail,
        "5.5 % of the emissions exempted; PACT v2 allows at most 5 %"
    );
    // v2 states no formula; its pCfIncludingBiogenic adds biogenic emissions (0 or more) and
    // the withdrawal, so it cannot be below pCfExcludingBiogenic + biogenicCarbonWithdrawal.
    let r = pact::check::check_report(&read("v2", "get-footprint-response.json"), None, None)
        .expect("pf");
    assert!(r.identities.is_empty(), "1.85 ≥ 1.63 − 1.5: {r:?}");
    v2["data"]["pcf"]["exemptedEmissionsPercent"] = json!(0);
    v2["data"]["pcf"]["pCfIncludingBiogenic"] = json!("0.01");
    let r = pact::check::check_report(&v2.to_string(), None, None).expect("pf");
    assert_eq!(r.identities.len(), 1);
    assert_eq!(
        r.identities[0].detail,
        "pCfIncludingBiogenic is 0.01, but must be at least pCfExcludingBiogenic 1.63 + biogenicCarbonWithdrawal -1.5 = 0.13: they differ by -0.12 (rounding allows 0.06)"
    );
    // Not a footprint at all.
    let e = pact::check::check_report("{\"data\": 1}", None, None).expect_err("no footprint");
    assert_eq!((e.code(), e.path()), ("invalid_document", "$.data"));
}

/// Each supplier's exempted share counts with its weight in the footprint excluding uptake:
/// example 3 (0.8 % exempted, 77 kg CO2e per piece) and example 1 (0 %, 0.384 kg CO2e per kg),
/// 1 piece and 10 kg → 0.8 × 77 / (77 + 3.84) %; the dqi then rates part of the footprint only
/// when a line has no ratings (an own line): a `dqi_partial` warning says how much.
#[test]
fn suppliers_exempted_shares_are_weighted_and_a_partial_dqi_is_said() {
    let t1 = read("v3", "example-1.json");
    let t3 = read("v3", "example-3.json");
    let c1 = import(&t1, 0, "ethanol");
    let c3 = import(&t3, 0, "part");
    let doc = product(
        &[(&c3, 1.0), (&c1, 10.0)],
        Some(
            json!({"amount": 1, "unit": "kWh", "factor": "cn.elec.footprint.2023.national",
                    "stage": "production"}),
        ),
        json!({"amount": 1, "unit": "item"}),
    );
    let result = pcf::compute_json(&doc, set()).expect("computes");
    let r: Value = serde_json::from_str(&result).expect("JSON");
    let own = r["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["kind"] == "factor")
        .and_then(|l| l["kg_co2e"].as_f64())
        .expect("own line");
    let meta = json!({"crossSectoralStandards": ["ISO14067"], "productMassKg": 35}).to_string();
    let report =
        pact::export_report(&result, Spec::V3, Some(&meta), ExportOptions::default()).expect("v3");
    let got = num(&report.footprint["pcf"]["exemptedEmissionsPercent"]).expect("share");
    let want = 77.0 / (77.0 + 3.84 + own) * 0.8;
    assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    let description = report.footprint["pcf"]["exemptedEmissionsDescription"]
        .as_str()
        .expect("text");
    assert!(
        description.contains("(8b26f3b8-f5d9-4adf-8a11-02e05d273e58)"),
        "{description}"
    );
    let partial = report
        .warnings
        .iter()
        .find(|w| w.code == "dqi_partial")
        .expect("a partial dqi");
    let rated = 100.0 * (77.0 + 3.84) / (77.0 + 3.84 + own);
    assert_eq!(
        partial.message,
        format!(
            "the dqi rates {} % of the footprint (the lines with ratings, weighted by their emissions); the rest has no rating",
            pcf::numbers::number_text(rated)
        )
    );
}

/// PACT v3's `pcfExcludingBiogenicUptake` is a signed decimal: it includes land-management and
/// technological removals, which can outweigh the emissions. Example 1 with 0.9 kg CO2e of
/// land-management removals per kg: 0.35 + 0 + 0.004 − 0.9 + 0.002 = −0.544 excluding the
/// uptake, −0.544 − 1.61 = −2.154 including it (both identities hold). It imports, computes
/// and exports in v3 with every figure within 1e-9 relative. v2's `pCfExcludingBiogenic` is
/// 0 or more (its schema's `x-comment: '>= 0'`): a negative one is still refused, naming it.
#[test]
fn a_negative_v3_footprint_imports_computes_and_exports() {
    let mut pf: Value = serde_json::from_str(&read("v3", "example-1.json")).expect("JSON");
    pf["pcf"]["landManagementBiogenicCO2Removals"] = json!("-0.9");
    pf["pcf"]["pcfExcludingBiogenicUptake"] = json!("-0.544");
    pf["pcf"]["pcfIncludingBiogenicUptake"] = json!("-2.154");
    let text = pf.to_string();
    let checked = pact::check::check_report(&text, None, None).expect("a footprint");
    assert!(checked.conformant && checked.consistent, "{checked:?}");
    let c = import(&text, 0, "ethanol");
    assert_eq!(c["declared"]["kg_co2e"], json!(-0.544));
    assert_eq!(c["pact"]["pcf_excluding_biogenic"], json!(-0.544));
    let doc = product(&[(&c, 1.0)], None, json!({"amount": 1, "unit": "kg"}));
    let r = pcf::compute(&doc, set()).expect("computes");
    assert!(close(r.total_kg_co2e, -2.154), "{}", r.total_kg_co2e);
    assert_eq!(r.parts.total.pcf_excluding_biogenic_uptake, -0.544);
    assert_eq!(r.parts.total.land_management_biogenic_co2_removals, -0.9);
    let result = pcf::compute_json(&doc, set()).expect("computes");
    let report = pact::export_report(
        &result,
        Spec::V3,
        Some(&meta_of(&pf)),
        ExportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{} at {}: {e}", e.code(), e.path()));
    assert!(report.conformant);
    let out = &report.footprint;
    let mut fields = Vec::new();
    numbers(&pf["pcf"], "$.pcf", &mut fields);
    assert!(fields.len() >= 20, "{} fields", fields.len());
    for (path, want) in fields {
        let got = at(out, &path)
            .and_then(num)
            .unwrap_or_else(|| panic!("{path} is missing from the export"));
        assert!(
            close(got, want),
            "{path} is {got}, the supplier declared {want}"
        );
    }
    // v2 keeps its rule.
    let mut v2: Value =
        serde_json::from_str(&read("v2", "get-footprint-response.json")).expect("JSON");
    v2["data"]["pcf"]["pCfExcludingBiogenic"] = json!("-0.1");
    let e = pact::import(&v2.to_string(), &ImportOptions::default()).expect_err("v2 is ≥ 0");
    assert_eq!(e.path(), "$.data.pcf.pCfExcludingBiogenic", "{e}");
}

/// A declared total (excluding uptake) may be negative when the declaration states its parts
/// (they say which removals make it so); a plain total is an emission, 0 or more. A
/// non-finite one is `non_finite` at the field either way.
#[test]
fn a_declared_total_may_be_negative_only_with_its_parts() {
    let doc = |kg: f64, parts: Option<Value>| {
        let mut declared = json!({"kg_co2e": kg, "per": {"amount": 1, "unit": "kg"},
                                  "provenance": {"supplier": "Char Co.", "source": "EPD 7"}});
        if let Some(p) = parts {
            declared["parts"] = p;
        }
        json!({
          "schema": "pcf/1",
          "product": {"name": "p", "sector": "other", "declared_unit": {"amount": 1, "unit": "kg"}},
          "gwp_set": "AR6",
          "boundary": {"kind": "cradle-to-gate", "stages": ["raw_material_acquisition"]},
          "reference_period": {"start": "2025-01-01", "end": "2025-12-31"},
          "activities": [{"amount": 2, "unit": "kg", "input": "char", "stage": "raw_material_acquisition"}],
          "components": [{"id": "char", "stage": "raw_material_acquisition", "declared": declared}]
        })
    };
    // 0.1 fossil, −0.6 technological removals: −0.5 per kg, 2 kg used.
    let parts = json!({"fossil_ghg_emissions": 0.1, "technological_co2_removals": -0.6});
    let r = pcf::compute(&doc(-0.5, Some(parts.clone())).to_string(), set()).expect("computes");
    assert_eq!(r.total_kg_co2e, -1.0);
    assert_eq!(r.parts.total.pcf_excluding_biogenic_uptake, -1.0);
    assert_eq!(r.removals_kg_co2e, -1.2);
    let e = pcf::compute(&doc(-0.5, None).to_string(), set()).expect_err("a plain total ≥ 0");
    assert_eq!(
        (e.code(), e.path()),
        ("negative_amount", "$.components[0].declared.kg_co2e")
    );
    for parts in [Some(parts), None] {
        let mut d: pcf::document::Document =
            serde_json::from_value(doc(1.0, parts)).expect("a document");
        if let Some(x) = d.components[0].declared.as_mut() {
            x.kg_co2e = f64::NAN;
        }
        let e = pcf::compute_document(d, set()).expect_err("not finite");
        assert_eq!(
            (e.code(), e.path()),
            ("non_finite", "$.components[0].declared.kg_co2e")
        );
    }
}

/// Weighted means are exact when the values agree: three suppliers of the same footprint
/// (example 1, with 5 % exempted) at 1.1, 2.2 and 3.3 kg weigh 0.4224, 0.8448 and 1.2672 kg
/// CO2e; the ratios of the sums would give technological 1.5000000000000002, primary share
/// 0.12900000000000003 and an exempted share of 5.000000000000001 %. Each is the suppliers'
/// figure, exactly.
#[test]
fn suppliers_with_equal_figures_give_those_figures_exactly() {
    let mut pf: Value = serde_json::from_str(&read("v3", "example-1.json")).expect("JSON");
    pf["pcf"]["exemptedEmissionsPercent"] = json!("5");
    let text = pf.to_string();
    let cs: Vec<Value> = ["a", "b", "c"]
        .iter()
        .map(|id| import(&text, 0, id))
        .collect();
    let doc = product(
        &[(&cs[0], 1.1), (&cs[1], 2.2), (&cs[2], 3.3)],
        None,
        json!({"amount": 1, "unit": "item"}),
    );
    let result = pcf::compute_json(&doc, set()).expect("computes");
    let r: Value = serde_json::from_str(&result).expect("JSON");
    let dq = &r["data_quality"];
    assert_eq!(dq["technological"], json!(1.5));
    assert_eq!(dq["geographical"], json!(3.2));
    assert_eq!(dq["temporal"], json!(2.4));
    assert_eq!(dq["primary_data_share"], json!(0.129));
    assert_eq!(dq["rated_share"], json!(1.0));
    let meta = json!({"crossSectoralStandards": ["ISO14067"], "productMassKg": 6.6}).to_string();
    let report =
        pact::export_report(&result, Spec::V3, Some(&meta), ExportOptions::default()).expect("v3");
    let c = &report.footprint["pcf"];
    assert_eq!(c["exemptedEmissionsPercent"], json!("5"));
    assert_eq!(c["primaryDataShare"], json!("12.9"));
    assert_eq!(c["dqi"]["technologicalDQR"], json!("1.5"));
    assert_eq!(c["dqi"]["geographicalDQR"], json!("3.2"));
    assert_eq!(c["dqi"]["temporalDQR"], json!("2.4"));
}

/// Land management is land use: a v2 footprint's land-management figure (the official
/// get-footprint example's 0.6 per liter) is in the class luc with its direct land-use change
/// (0.8), not left unsplit; below 0 (−0.6: a net removal) it counts in the removals too, with
/// the withdrawal (−1.5). The rest its parts leave, 1.85 − (1.5 + 0.8 + 0.6 + 0.4 − 1.5) =
/// 0.05, is unsplit.
#[test]
fn a_v2_land_management_figure_is_land_use_and_a_removal_below_zero() {
    let text = read("v2", "get-footprint-response.json");
    let class = |r: &pcf::result::FootprintResult, k: &str| {
        r.by_class
            .iter()
            .find(|c| c.class == k)
            .map_or(0.0, |c| c.kg_co2e)
    };
    let c = import(&text, 0, "ethanol");
    let doc = product(&[(&c, 1.0)], None, json!({"amount": 1, "unit": "L"}));
    let r = pcf::compute(&doc, set()).expect("computes");
    assert!(close(class(&r, "luc"), 0.8 + 0.6), "{:?}", r.by_class);
    assert!(close(class(&r, "biogenic"), 0.4 - 1.5), "{:?}", r.by_class);
    assert!(close(class(&r, "unsplit"), 0.05), "{:?}", r.by_class);
    assert_eq!(r.removals_kg_co2e, -1.5);
    let mut pf: Value = serde_json::from_str(&text).expect("JSON");
    pf["data"]["pcf"]["landManagementGhgEmissions"] = json!("-0.6");
    let c = import(&pf.to_string(), 0, "ethanol");
    let doc = product(&[(&c, 1.0)], None, json!({"amount": 1, "unit": "L"}));
    let r = pcf::compute(&doc, set()).expect("computes");
    assert!(close(class(&r, "luc"), 0.8 - 0.6), "{:?}", r.by_class);
    assert!(
        close(r.removals_kg_co2e, -1.5 - 0.6),
        "{}",
        r.removals_kg_co2e
    );
    assert_eq!(r.parts.total.land_management_ghg_emissions, -0.6);
}

/// The unsplit rest of a declaration is what its parts leave unexplained beyond float noise
/// (`parts::UNEXPLAINED_REST`, a billionth of its figures), the same threshold for the class
/// `unsplit`, the `declared_parts_unsplit` warning and the ISO 14067 pre-check: parts 0.1 and
/// 0.2 of a total 0.3 leave −5.55e-17 (0.1 + 0.2 is 0.30000000000000004), which is none of
/// them; 0.300001 leaves a millionth, which is all of them.
#[test]
fn a_rest_of_float_noise_is_no_unsplit_rest() {
    let doc = |kg: f64| {
        json!({
          "schema": "pcf/1",
          "product": {"name": "p", "sector": "other", "declared_unit": {"amount": 1, "unit": "kg"}},
          "gwp_set": "AR6",
          "boundary": {"kind": "cradle-to-gate", "stages": ["raw_material_acquisition"]},
          "reference_period": {"start": "2025-01-01", "end": "2025-12-31"},
          "study": {"standards": ["ISO 14067:2018"]},
          "activities": [{"amount": 1, "unit": "kg", "input": "resin", "stage": "raw_material_acquisition"}],
          "components": [{"id": "resin", "stage": "raw_material_acquisition", "declared": {
            "kg_co2e": kg, "per": {"amount": 1, "unit": "kg"}, "gwp_set": "AR6",
            "parts": {"fossil_ghg_emissions": 0.1, "biogenic_non_co2_emissions": 0.2},
            "provenance": {"supplier": "Resin Co.", "source": "EPD 2025-17"}}}]
        })
        .to_string()
    };
    let separate_classes = |doc: &str| {
        let pre = pcf::precheck::precheck(doc, "iso14067", set()).expect("report");
        pre.outcomes
            .iter()
            .find(|o| o.rule == "iso14067.separate_classes")
            .map(|o| (o.status, o.path.clone()))
            .expect("outcome")
    };
    let noise = doc(0.3);
    let r = pcf::compute(&noise, set()).expect("computes");
    assert!(
        r.by_class.iter().all(|c| c.class != "unsplit"),
        "{:?}",
        r.by_class
    );
    assert!(r
        .warnings
        .iter()
        .all(|w| w.code != "declared_parts_unsplit"));
    assert_eq!(separate_classes(&noise).0, "pass");
    let rest = doc(0.300001);
    let r = pcf::compute(&rest, set()).expect("computes");
    let unsplit = r
        .by_class
        .iter()
        .find(|c| c.class == "unsplit")
        .expect("a rest")
        .kg_co2e;
    assert!((unsplit - 1e-6).abs() < 1e-15, "{unsplit}");
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == "declared_parts_unsplit")
        .expect("said");
    assert!(
        w.message
            .starts_with("1e-6 of the 0.300001 kg CO2e that resin declares"),
        "{}",
        w.message
    );
    assert_eq!(separate_classes(&rest), ("fail", "$.by_class".to_string()));
}
