//! Warnings that repeat one fact for many lines are one warning per document with the list of
//! its lines (issue 17, item 8): code, count and paths.

use pcf::factors::FactorSet;
use serde_json::{json, Value};

fn warnings(doc: &Value) -> Vec<(String, String, Vec<String>, String)> {
    let r = pcf::compute(
        &doc.to_string(),
        FactorSet::builtin().expect("built-in tables"),
    )
    .expect("the document computes");
    r.warnings
        .iter()
        .map(|w| {
            (
                w.code.clone(),
                w.path.clone(),
                w.paths.clone(),
                w.message.clone(),
            )
        })
        .collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// An AR6 study: three lines on a China factor that states no GWP set, two inline factors
/// without one, two lines on a UK (AR5) factor, and a supplier's footprint declared with AR4.
fn study() -> Value {
    let cn = |kwh: f64| json!({"amount": kwh, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production"});
    let uk = |t: f64| json!({"amount": t, "unit": "t", "factor": "uk.desnz.2025.material.steel.primary", "stage": "production"});
    let inline = |v: f64| {
        json!({"amount": 1, "unit": "kg",
               "inline_factor": {"value": v, "per_unit": "kg", "source": "supplier sheet"},
               "stage": "production"})
    };
    json!({
        "schema": "pcf/1",
        "product": {"name": "p", "sector": "other", "declared_unit": {"amount": 1, "unit": "item"}},
        "gwp_set": "AR6",
        "boundary": {"kind": "cradle-to-gate", "stages": ["production"]},
        "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
        "activities": [
            cn(10.0), uk(0.5), inline(2.0), cn(20.0),
            {"amount": 3, "unit": "kg", "input": "cell", "stage": "production"},
            inline(3.0), uk(0.25), cn(30.0)
        ],
        "components": [{
            "id": "cell",
            "stage": "production",
            "declared": {
                "kg_co2e": 5, "per": {"amount": 1, "unit": "kg"}, "gwp_set": "AR4",
                "provenance": {"supplier": "Cell Co.", "source": "declaration 2024"}
            }
        }]
    })
}

#[test]
fn one_warning_per_fact_with_every_line() {
    assert_eq!(
        warnings(&study()),
        vec![
            (
                "gwp_set_unspecified".to_string(),
                "$.activities[0].factor".to_string(),
                strings(&[
                    "$.activities[0].factor",
                    "$.activities[2].inline_factor",
                    "$.activities[3].factor",
                    "$.activities[5].inline_factor",
                    "$.activities[7].factor",
                ]),
                "5 lines use CO2e values that do not state their GWP set: factor cn.elec.footprint.2023.national, 2 inline factors".to_string(),
            ),
            (
                "gwp_set_mixed".to_string(),
                "$.activities[1].factor".to_string(),
                strings(&["$.activities[1].factor", "$.activities[6].factor"]),
                "2 lines use CO2e values characterised with AR5 while the study uses AR6: factor uk.desnz.2025.material.steel.primary".to_string(),
            ),
            (
                "gwp_set_mixed".to_string(),
                "$.components[0].declared".to_string(),
                strings(&["$.components[0].declared"]),
                "1 line uses a CO2e value characterised with AR4 while the study uses AR6: the declared footprint of cell".to_string(),
            ),
        ]
    );
}

#[test]
fn a_study_on_its_own_set_has_no_gwp_warning() {
    let mut doc = study();
    doc["activities"] = json!([{"amount": 1, "unit": "kg", "stage": "production",
        "inline_factor": {"value": 2, "per_unit": "kg", "gwp_set": "AR6", "source": "s"}}]);
    doc["components"] = json!([]);
    assert_eq!(warnings(&doc), vec![]);
}

#[test]
fn a_message_names_ten_subjects_then_counts_the_rest() {
    // Twelve distinct table factors without a stated set: ten named, then "and 2 more".
    let picked: Vec<(String, String)> = FactorSet::builtin()
        .expect("built-in tables")
        .effective()
        .filter(|f| matches!(f.basis, pcf::factors::Basis::Co2e(None)))
        .map(|f| (f.id.clone(), f.per_unit.symbol().to_string()))
        .take(12)
        .collect();
    assert_eq!(picked.len(), 12, "twelve factors without a stated set");
    let ids: Vec<&String> = picked.iter().map(|(id, _)| id).collect();
    let mut doc = study();
    doc["activities"] = Value::Array(
        picked
            .iter()
            .map(|(id, unit)| json!({"amount": 1, "unit": unit, "factor": id, "stage": "production"}))
            .collect(),
    );
    doc["components"] = json!([]);
    let w = warnings(&doc);
    assert_eq!(w.len(), 1);
    let (code, path, paths, message) = &w[0];
    assert_eq!(code, "gwp_set_unspecified");
    assert_eq!(path, "$.activities[0].factor");
    assert_eq!(paths.len(), 12);
    assert_eq!(paths[11], "$.activities[11].factor");
    let named: Vec<String> = ids
        .iter()
        .take(10)
        .map(|id| format!("factor {id}"))
        .collect();
    assert_eq!(
        message,
        &format!(
            "12 lines use CO2e values that do not state their GWP set: {}, and 2 more",
            named.join(", ")
        )
    );
}

#[test]
fn a_template_lists_each_field_once() {
    // The polyester T-shirt: the electricity field became four lines (one per stage) and the
    // use-phase electricity three; each field is listed once, the lines are all counted.
    let text = include_str!("../examples/textile-tshirt-recycled-polyester.json");
    let doc: Value = serde_json::from_str(text).expect("JSON");
    let w = warnings(&doc);
    let unspecified = w
        .iter()
        .find(|w| w.0 == "gwp_set_unspecified")
        .expect("a gwp_set_unspecified warning");
    assert_eq!(
        unspecified.2,
        strings(&[
            "$.materials[0].virgin.inline_factor",
            "$.materials[1].virgin.inline_factor",
            "$.materials[1].recycled.recycling.inline_factor",
            "$.electricity.factor_select",
            "$.use.electricity.factor",
        ])
    );
    assert_eq!(unspecified.1, "$.materials[0].virgin.inline_factor");
    assert!(
        unspecified.3.starts_with("11 lines use CO2e values"),
        "{}",
        unspecified.3
    );
    assert_eq!(w.iter().filter(|w| w.0 == "gwp_set_unspecified").count(), 1);
}
