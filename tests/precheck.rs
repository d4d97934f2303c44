//! Pre-check rules: every rule has a case that passes it and a case that fails it, with the
//! path the failure names; the verdict follows the severities.

use serde_json::{json, Value};

/// A pcf/1 study that meets every iso14067 rule.
fn iso_base() -> Value {
    json!({
      "schema": "pcf/1",
      "product": {"name": "cotton T-shirt", "sector": "textile",
                  "declared_unit": {"amount": 1, "unit": "item"}},
      "gwp_set": "AR6",
      "boundary": {"kind": "cradle-to-gate", "stages": ["raw_material_acquisition", "production"]},
      "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
      "activities": [
        {"name": "fabric", "amount": 1, "unit": "item", "input": "fabric", "stage": "raw_material_acquisition"},
        {"name": "sewing electricity", "amount": 2, "unit": "kWh", "stage": "production",
         "inline_factor": {"value": 0.5, "per_unit": "kWh", "gwp_set": "AR6", "source": "utility disclosure 2024"},
         "data_quality": {"primary": true, "technological": 1, "geographical": 1, "temporal": 1, "precision": 2}}
      ],
      "components": [
        {"id": "fabric", "output": {"amount": 1, "unit": "item"}, "stage": "raw_material_acquisition",
         "activities": [{"name": "yarn", "amount": 0.2, "unit": "kg",
                         "inline_factor": {"value": 5, "per_unit": "kg", "gwp_set": "AR6", "source": "spinner's declaration"}}],
         "allocation": {"method": "economic", "justification": "the co-product (waste yarn) has no physical relationship that fits",
                        "outputs": [{"name": "fabric", "amount": 1, "unit": "item", "price": 9},
                                    {"name": "waste yarn", "amount": 1, "unit": "item", "price": 1}]}}
      ],
      "study": {
        "standards": ["ISO 14067:2018", "GB/T 24067-2024"],
        "cut_off": {"criteria": "flows below 1 % of mass and emissions", "max_excluded_share": 0.05, "excluded_share": 0.01},
        "electricity": {"approach": "location-based"},
        "offsets": [{"name": "forestry credits", "kg_co2e": 1, "netted": false}],
        "verification": {"status": "verified", "body": "Example Certification Co.", "reference": "EX-1"}
      }
    })
}

/// A pcf/1 study that meets every cn-label rule.
fn cn_label_base() -> Value {
    let mut v = iso_base();
    v["activities"][1] = json!({"name": "sewing electricity", "amount": 2, "unit": "kWh", "stage": "production",
                                "factor": "cn.elec.footprint.2023.national"});
    v
}

fn example(name: &str) -> Value {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(p).expect("example")).expect("JSON")
}

/// The battery example with a verified study: meets every eu-battery and MIIT rule.
fn battery_base() -> Value {
    let mut v = example("battery-m1-75kwh.json");
    v["study"] = json!({"standards": ["Regulation (EU) 2023/1542"],
                        "verification": {"status": "verified", "body": "Example Notified Body"}});
    v
}

fn pv_base() -> Value {
    example("pv-cre-ecs-mono-module.json")
}

fn steel_base() -> Value {
    example("steel-bf-bof-coil.json")
}

/// The iso14067 study exported as a PACT footprint (the T-shirt's mass from its yarn).
fn pact_export(spec: pcf::pact::Spec) -> Value {
    let set = pcf::FactorSet::builtin().expect("built-in set");
    let r = pcf::compute(&iso_base().to_string(), set).expect("computes");
    let meta = json!({"productMassKg": 0.2, "companyName": "Example Apparel Co.",
                      "companyIds": ["urn:pcf:test:example-apparel"]});
    pcf::pact::export(&r, spec, Some(&meta.to_string())).expect("exports")
}

fn pact_v2_base() -> Value {
    pact_export(pcf::pact::Spec::V2)
}

fn pact_v3_base() -> Value {
    pact_export(pcf::pact::Spec::V3)
}

/// A v2 export with data-quality ratings on the v2 scale.
fn pact_v2_dqi() -> Value {
    let mut v = pact_v2_base();
    v["pcf"]["dqi"] = json!({"coveragePercent": 80, "technologicalDQR": 1.5, "temporalDQR": 2,
                             "geographicalDQR": 1, "completenessDQR": 2.5, "reliabilityDQR": 3});
    v
}

/// Sets (or, with `null`, removes) the value at a JSON pointer; intermediate objects are made.
fn set_value(v: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    let mut node = v;
    for seg in parent.split('/').skip(1) {
        node = if let Ok(i) = seg.parse::<usize>() {
            &mut node[i]
        } else {
            if node.get(seg).is_none() {
                node[seg] = json!({});
            }
            &mut node[seg]
        };
    }
    if value.is_null() {
        match node {
            Value::Object(m) => {
                m.remove(key);
            }
            Value::Array(a) => {
                if let Ok(i) = key.parse::<usize>() {
                    a.remove(i);
                }
            }
            _ => {}
        }
    } else if let (Ok(i), Value::Array(a)) = (key.parse::<usize>(), &mut *node) {
        if i == a.len() {
            a.push(value);
        } else {
            a[i] = value;
        }
    } else {
        node[key] = value;
    }
}

fn run(scheme: &str, doc: &Value) -> pcf::precheck::PrecheckReport {
    let set = pcf::FactorSet::builtin().expect("built-in set");
    pcf::precheck::precheck(&doc.to_string(), scheme, set).expect("a pre-check report")
}

struct Case {
    scheme: &'static str,
    rule: &'static str,
    base: fn() -> Value,
    edits: Vec<(&'static str, Value)>,
    status: &'static str,
    path: Option<&'static str>,
}

fn case(
    scheme: &'static str,
    rule: &'static str,
    base: fn() -> Value,
    edits: Vec<(&'static str, Value)>,
    status: &'static str,
    path: Option<&'static str>,
) -> Case {
    Case {
        scheme,
        rule,
        base,
        edits,
        status,
        path,
    }
}

fn cases() -> Vec<Case> {
    let none = Value::Null;
    vec![
        // computes
        case("iso14067", "computes", iso_base, vec![], "pass", None),
        case(
            "iso14067",
            "computes",
            iso_base,
            vec![("/activities/1/unit", json!("parsec"))],
            "fail",
            Some("$.activities[1].unit"),
        ),
        // iso14067
        case(
            "iso14067",
            "iso14067.declared_unit",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.declared_unit",
            iso_base,
            vec![("/product/declared_unit", none.clone())],
            "fail",
            Some("$.product.declared_unit"),
        ),
        case(
            "iso14067",
            "iso14067.boundary_label",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.boundary_label",
            iso_base,
            vec![("/boundary/kind", json!("cradle-to-grave"))],
            "fail",
            Some("$.boundary.kind"),
        ),
        case(
            "iso14067",
            "iso14067.stages",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.stages",
            iso_base,
            vec![("/boundary/stages/2", json!("distribution"))],
            "fail",
            Some("$.boundary.stages[2]"),
        ),
        case(
            "iso14067",
            "iso14067.stages",
            iso_base,
            vec![
                ("/boundary/stages/2", json!("distribution")),
                (
                    "/study/stage_exclusions",
                    json!([{"stage": "distribution", "reason": "sold at the factory gate"}]),
                ),
            ],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.cut_off",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.cut_off",
            iso_base,
            vec![("/study/cut_off/excluded_share", json!(0.08))],
            "fail",
            Some("$.study.cut_off.excluded_share"),
        ),
        case(
            "iso14067",
            "iso14067.cut_off",
            iso_base,
            vec![("/study/cut_off", none.clone())],
            "fail",
            Some("$.study.cut_off"),
        ),
        case(
            "iso14067",
            "iso14067.reference_period",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.reference_period",
            iso_base,
            vec![("/reference_period", none.clone())],
            "fail",
            Some("$.reference_period"),
        ),
        case(
            "iso14067",
            "iso14067.gwp_single",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.gwp_single",
            iso_base,
            vec![("/activities/1/inline_factor/gwp_set", json!("AR5"))],
            "fail",
            Some("$.activities[1].inline_factor"),
        ),
        case(
            "iso14067",
            "iso14067.gwp_stated",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.gwp_stated",
            cn_label_base,
            vec![],
            "fail",
            Some("$.activities[1].factor"),
        ),
        case(
            "iso14067",
            "iso14067.separate_classes",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.separate_classes",
            iso_base,
            vec![
                ("/components/0/activities", none.clone()),
                ("/components/0/allocation", none.clone()),
                ("/components/0/output", none.clone()),
                (
                    "/components/0/declared",
                    json!({"kg_co2e": 1, "per": {"amount": 1, "unit": "item"},
                                              "provenance": {"supplier": "weaver", "source": "declaration 2024"}}),
                ),
            ],
            "fail",
            Some("$.components[0].declared"),
        ),
        case(
            "iso14067",
            "iso14067.allocation",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.allocation",
            iso_base,
            vec![("/components/0/allocation/justification", none.clone())],
            "fail",
            Some("$.components[0].allocation.justification"),
        ),
        case(
            "iso14067",
            "iso14067.allocation",
            iso_base,
            vec![("/components/0/allocation", none.clone())],
            "not_applicable",
            None,
        ),
        case(
            "iso14067",
            "iso14067.electricity",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.electricity",
            iso_base,
            vec![("/study/electricity", none.clone())],
            "fail",
            Some("$.study.electricity"),
        ),
        case(
            "iso14067",
            "iso14067.electricity",
            iso_base,
            vec![(
                "/study/electricity",
                json!({"approach": "market-based",
             "contractual_instruments": [{"name": "green certificates", "kwh": 2}]}),
            )],
            "fail",
            Some("$.study.electricity.contractual_instruments[0].evidence"),
        ),
        case(
            "iso14067",
            "iso14067.offsets",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.offsets",
            iso_base,
            vec![("/study/offsets/0/netted", json!(true))],
            "fail",
            Some("$.study.offsets[0].netted"),
        ),
        case(
            "iso14067",
            "iso14067.data_quality",
            iso_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "iso14067",
            "iso14067.data_quality",
            iso_base,
            vec![("/activities/1/data_quality", none.clone())],
            "fail",
            Some("$"),
        ),
        // cn-label
        case(
            "cn-label",
            "cn-label.catalogue",
            cn_label_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cn-label",
            "cn-label.catalogue",
            cn_label_base,
            vec![("/product/sector", json!("other"))],
            "fail",
            Some("$.product.sector"),
        ),
        case(
            "cn-label",
            "cn-label.standard",
            cn_label_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cn-label",
            "cn-label.standard",
            cn_label_base,
            vec![("/study/standards", json!(["ISO 14067:2018"]))],
            "fail",
            Some("$.study.standards"),
        ),
        case(
            "cn-label",
            "cn-label.verification",
            cn_label_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cn-label",
            "cn-label.verification",
            cn_label_base,
            vec![("/study/verification/status", json!("pending"))],
            "fail",
            Some("$.study.verification"),
        ),
        case(
            "cn-label",
            "cn-label.cn_electricity",
            cn_label_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cn-label",
            "cn-label.cn_electricity",
            cn_label_base,
            vec![(
                "/activities/1/factor",
                json!("cn.elec.co2avg.2021.national"),
            )],
            "fail",
            Some("$.activities[1].factor"),
        ),
        // eu-battery
        case(
            "eu-battery",
            "eu-battery.template",
            battery_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "eu-battery",
            "eu-battery.template",
            cn_label_base,
            vec![],
            "fail",
            Some("$.schema"),
        ),
        case(
            "eu-battery",
            "eu-battery.stages",
            battery_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "eu-battery",
            "eu-battery.stages",
            battery_base,
            vec![("/end_of_life", json!([]))],
            "fail",
            Some("$.end_of_life"),
        ),
        case(
            "eu-battery",
            "eu-battery.functional_unit",
            battery_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "eu-battery",
            "eu-battery.functional_unit",
            cn_label_base,
            vec![],
            "fail",
            Some("$.schema"),
        ),
        case(
            "eu-battery",
            "eu-battery.cycles",
            battery_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "eu-battery",
            "eu-battery.cycles",
            battery_base,
            vec![(
                "/battery/cycles_per_year",
                json!({"value": 100, "justification": "fleet data"}),
            )],
            "fail",
            Some("$.battery.cycles_per_year"),
        ),
        case(
            "eu-battery",
            "eu-battery.electricity",
            battery_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "eu-battery",
            "eu-battery.electricity",
            battery_base,
            vec![("/main_production", json!([]))],
            "fail",
            Some("$.main_production"),
        ),
        case(
            "eu-battery",
            "eu-battery.electricity",
            battery_base,
            vec![(
                "/study/electricity",
                json!({"approach": "market-based",
             "contractual_instruments": [{"name": "PPA"}]}),
            )],
            "fail",
            Some("$.study.electricity.contractual_instruments[0].evidence"),
        ),
        case(
            "eu-battery",
            "eu-battery.verification",
            battery_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "eu-battery",
            "eu-battery.verification",
            battery_base,
            vec![("/study/verification", none.clone())],
            "fail",
            Some("$.study.verification"),
        ),
        // cn-battery-declaration
        case(
            "cn-battery-declaration",
            "cn-battery-declaration.scope",
            battery_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cn-battery-declaration",
            "cn-battery-declaration.scope",
            battery_base,
            vec![("/battery/usable_capacity_kwh", json!(2))],
            "fail",
            Some("$.battery.usable_capacity_kwh"),
        ),
        case(
            "cn-battery-declaration",
            "cn-battery-declaration.stages",
            battery_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cn-battery-declaration",
            "cn-battery-declaration.stages",
            battery_base,
            vec![("/distribution", json!([]))],
            "fail",
            Some("$.distribution"),
        ),
        case(
            "cn-battery-declaration",
            "cn-battery-declaration.lifetime_energy",
            battery_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cn-battery-declaration",
            "cn-battery-declaration.lifetime_energy",
            iso_base,
            vec![],
            "fail",
            Some("$.schema"),
        ),
        case(
            "cn-battery-declaration",
            "cn-battery-declaration.cn_electricity",
            battery_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cn-battery-declaration",
            "cn-battery-declaration.cn_electricity",
            battery_base,
            vec![(
                "/main_production/0/factor_select/series",
                json!("cn.elec.co2avg"),
            )],
            "fail",
            Some("$.main_production[0].factor"),
        ),
        // cbam-steel
        case(
            "cbam-steel",
            "cbam-steel.template",
            steel_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cbam-steel",
            "cbam-steel.template",
            battery_base,
            vec![],
            "fail",
            Some("$.schema"),
        ),
        case(
            "cbam-steel",
            "cbam-steel.cn_code",
            steel_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cbam-steel",
            "cbam-steel.cn_code",
            steel_base,
            vec![("/good/cn_code", json!("8507"))],
            "fail",
            Some("$.good.cn_code"),
        ),
        case(
            "cbam-steel",
            "cbam-steel.monitoring",
            steel_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cbam-steel",
            "cbam-steel.monitoring",
            steel_base,
            vec![("/mass_balance", json!([])), ("/direct", json!([]))],
            "fail",
            Some("$.mass_balance"),
        ),
        case(
            "cbam-steel",
            "cbam-steel.precursors",
            steel_base,
            vec![(
                "/precursors",
                json!([{"name": "pig iron", "amount": {"amount": 100, "unit": "t"},
             "see_direct": 1.8, "provenance": {"supplier": "ironworks", "source": "installation communication 2025"}}]),
            )],
            "pass",
            None,
        ),
        case(
            "cbam-steel",
            "cbam-steel.precursors",
            steel_base,
            vec![(
                "/precursors",
                json!([{"name": "pig iron", "amount": {"amount": 100, "unit": "t"},
             "see_direct": 1.8, "provenance": {"supplier": "", "source": "installation communication 2025"}}]),
            )],
            "fail",
            Some("$.precursors[0].provenance"),
        ),
        case(
            "cbam-steel",
            "cbam-steel.default_comparison",
            steel_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "cbam-steel",
            "cbam-steel.default_comparison",
            steel_base,
            vec![("/installation/country", json!("BR"))],
            "fail",
            Some("$.good.cn_code"),
        ),
        // fr-cre-pv (feed-in threshold, < 550 on the rounded value): the example's G is 425.494
        // with polysilicon 2.0 kg × 1.1 × 70 = 154; at 200 kg CO2e/kg, G = 711.494 → 710; at
        // 125.23, G = 547.0 → 550: the exact value passes, the rounded one does not.
        case(
            "fr-cre-pv",
            "fr-cre-pv.template",
            pv_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "fr-cre-pv",
            "fr-cre-pv.template",
            battery_base,
            vec![],
            "fail",
            Some("$.schema"),
        ),
        case(
            "fr-cre-pv",
            "fr-cre-pv.threshold",
            pv_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "fr-cre-pv",
            "fr-cre-pv.threshold",
            pv_base,
            vec![("/steps/0/sites/0/inline_factor/value", json!(200))],
            "fail",
            Some("$.steps"),
        ),
        case(
            "fr-cre-pv",
            "fr-cre-pv.rounding_margin",
            pv_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "fr-cre-pv",
            "fr-cre-pv.rounding_margin",
            pv_base,
            vec![("/steps/0/sites/0/inline_factor/value", json!(125.23))],
            "fail",
            Some("$.steps"),
        ),
        // pact-v2 (on exported footprints, checked as given)
        case(
            "pact-v2",
            "computes",
            pact_v2_base,
            vec![],
            "not_applicable",
            Some("$"),
        ),
        case(
            "pact-v2",
            "pact-v2.schema",
            pact_v2_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "pact-v2",
            "pact-v2.schema",
            pact_v2_base,
            vec![("/pcf/declaredUnit", json!("piece"))],
            "fail",
            Some("$.pcf.declaredUnit"),
        ),
        case(
            "pact-v2",
            "pact-v2.schema",
            pact_v3_base,
            vec![],
            "fail",
            Some("$.specVersion"),
        ),
        // A study is exported first: an item needs the product mass in v2.
        case(
            "pact-v2",
            "pact-v2.schema",
            iso_base,
            vec![],
            "fail",
            Some("$.declared_unit.unit"),
        ),
        case(
            "pact-v2",
            "pact-v2.schema",
            iso_base,
            vec![("/product/declared_unit/unit", json!("kg"))],
            "pass",
            None,
        ),
        case(
            "pact-v2",
            "pact-v2.consistency",
            pact_v2_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "pact-v2",
            "pact-v2.consistency",
            pact_v2_base,
            vec![("/pcf/pCfIncludingBiogenic", json!("19.5"))],
            "fail",
            Some("$.pcf.pCfIncludingBiogenic"),
        ),
        case(
            "pact-v2",
            "pact-v2.exempted",
            pact_v2_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "pact-v2",
            "pact-v2.exempted",
            pact_v2_base,
            vec![("/pcf/exemptedEmissionsPercent", json!(7.5))],
            "fail",
            Some("$.pcf.exemptedEmissionsPercent"),
        ),
        case("pact-v2", "pact-v2.dqr", pact_v2_dqi, vec![], "pass", None),
        case(
            "pact-v2",
            "pact-v2.dqr",
            pact_v2_base,
            vec![],
            "not_applicable",
            Some("$.pcf.dqi"),
        ),
        case(
            "pact-v2",
            "pact-v2.dqr",
            pact_v2_dqi,
            vec![("/pcf/dqi/reliabilityDQR", json!(4))],
            "fail",
            Some("$.pcf.dqi.reliabilityDQR"),
        ),
        case(
            "pact-v2",
            "pact-v2.primary_data_share",
            pact_v2_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "pact-v2",
            "pact-v2.primary_data_share",
            pact_v2_base,
            vec![("/pcf/primaryDataShare", none.clone())],
            "fail",
            Some("$.pcf.primaryDataShare"),
        ),
        // pact-v3
        case(
            "pact-v3",
            "pact-v3.schema",
            pact_v3_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "pact-v3",
            "pact-v3.schema",
            pact_v3_base,
            vec![("/pcf/pcfExcludingBiogenicUptake", json!("1.2e1"))],
            "fail",
            Some("$.pcf.pcfExcludingBiogenicUptake"),
        ),
        case(
            "pact-v3",
            "pact-v3.schema",
            iso_base,
            vec![],
            "fail",
            Some("$meta.productMassKg"),
        ),
        case(
            "pact-v3",
            "pact-v3.consistency",
            pact_v3_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "pact-v3",
            "pact-v3.consistency",
            pact_v3_base,
            vec![("/pcf/biogenicCO2Uptake", json!("-0.5"))],
            "fail",
            Some("$.pcf.pcfIncludingBiogenicUptake"),
        ),
        case("pact-v3", "pact-v3.dqr", pact_v3_base, vec![], "pass", None),
        case(
            "pact-v3",
            "pact-v3.dqr",
            pact_v3_base,
            vec![("/pcf/dqi/temporalDQR", json!("5.5"))],
            "fail",
            Some("$.pcf.dqi.temporalDQR"),
        ),
        case(
            "pact-v3",
            "pact-v3.primary_data_share",
            pact_v3_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "pact-v3",
            "pact-v3.primary_data_share",
            pact_v3_base,
            vec![("/pcf/primaryDataShare", none.clone())],
            "fail",
            Some("$.pcf.primaryDataShare"),
        ),
    ]
}

#[test]
fn every_rule_passes_and_fails_on_its_case() {
    let mut failures = Vec::new();
    for c in cases() {
        let mut doc = (c.base)();
        for (p, v) in &c.edits {
            set_value(&mut doc, p, v.clone());
        }
        let report = run(c.scheme, &doc);
        let Some(o) = report.outcomes.iter().find(|o| o.rule == c.rule) else {
            failures.push(format!("{}: not in scheme {}", c.rule, c.scheme));
            continue;
        };
        if o.status != c.status || c.path.is_some_and(|p| p != o.path) {
            failures.push(format!(
                "{} {:?}: got {} at {} ({}), expected {} at {:?}",
                c.rule, c.edits, o.status, o.path, o.detail, c.status, c.path
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_in_the_table_has_a_check_and_a_passing_and_a_failing_case() {
    let rules = pcf::precheck::rules().expect("rules table");
    let cases = cases();
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    ids.sort();
    let mut checked: Vec<&str> = pcf::precheck::CHECKED_RULES.to_vec();
    checked.sort();
    assert_eq!(ids, checked, "rules.csv and the engine's checks differ");
    for r in &rules {
        for status in ["pass", "fail"] {
            assert!(
                cases.iter().any(|c| c.rule == r.id && c.status == status),
                "rule {} has no {status} case",
                r.id
            );
        }
        assert!(["error", "warning", "info"].contains(&r.severity.as_str()));
        assert!(r.scheme == "*" || pcf::precheck::SCHEME_IDS.contains(&r.scheme.as_str()));
    }
    let schemes = pcf::precheck::schemes().expect("schemes table");
    let ids: Vec<&str> = schemes.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, pcf::precheck::SCHEME_IDS);
}

#[test]
fn the_verdict_follows_the_severities() {
    assert_eq!(run("iso14067", &iso_base()).verdict, "ready");
    assert_eq!(run("eu-battery", &battery_base()).verdict, "ready");
    // A warning rule fails: ready with warnings.
    let mut doc = battery_base();
    set_value(&mut doc, "/study/verification", Value::Null);
    let r = run("eu-battery", &doc);
    assert_eq!(r.verdict, "ready_with_warnings");
    assert_eq!(r.counts.failed_warnings, 1);
    assert!(r.ready());
    // An error rule fails: not ready.
    let mut doc = iso_base();
    set_value(&mut doc, "/study/offsets/0/netted", json!(true));
    let r = run("iso14067", &doc);
    assert_eq!(r.verdict, "not_ready");
    assert!(!r.ready());
    // Bilingual texts travel with each outcome.
    let o = r
        .outcomes
        .iter()
        .find(|o| o.rule == "iso14067.offsets")
        .expect("outcome");
    assert!(o.message_zh.contains("抵消") && o.hint_en.contains("netted"));
}

#[test]
fn the_cre_threshold_can_be_chosen() {
    let set = pcf::FactorSet::builtin().expect("built-in set");
    let mut doc = pv_base();
    set_value(&mut doc, "/steps/0/sites/0/inline_factor/value", json!(200));
    let text = doc.to_string();
    let feed_in = pcf::precheck::precheck(&text, "fr-cre-pv", set).expect("report");
    assert_eq!(feed_in.verdict, "not_ready");
    let options = pcf::precheck::Options {
        threshold: Some("fr.cre.pv.threshold.rooftop-tender".into()),
        ..Default::default()
    };
    let rooftop = pcf::precheck::precheck_with(&text, "fr-cre-pv", &options, set).expect("report");
    assert_eq!(rooftop.verdict, "ready", "710 ≤ 740");
    let options = pcf::precheck::Options {
        threshold: Some("no.such.threshold".into()),
        ..Default::default()
    };
    let r = pcf::precheck::precheck_with(&text, "fr-cre-pv", &options, set).expect("report");
    let o = r
        .outcomes
        .iter()
        .find(|o| o.rule == "fr-cre-pv.threshold")
        .expect("outcome");
    assert_eq!(o.status, "fail");
    assert!(
        o.detail.contains("fr.cre.pv.threshold.feed-in"),
        "{}",
        o.detail
    );
}

#[test]
fn an_unknown_scheme_and_a_non_object_are_errors() {
    let set = pcf::FactorSet::builtin().expect("built-in set");
    let e = pcf::precheck::precheck("{}", "kettle", set).expect_err("unknown scheme");
    assert_eq!((e.code(), e.path()), ("invalid_value", "scheme"));
    let e = pcf::precheck::precheck("[1]", "iso14067", set).expect_err("not an object");
    assert_eq!((e.code(), e.path()), ("invalid_document", "$"));
    let e = pcf::precheck::precheck("{", "iso14067", set).expect_err("malformed");
    assert_eq!(e.code(), "malformed_json");
}
