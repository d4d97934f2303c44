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

/// A v3 export whose parts add up to a total excluding uptake of 1.5 (fossil 1.5, every other
/// part 0) and a total including it of 1.5.
fn pact_v3_parts() -> Value {
    let mut v = pact_v3_base();
    let pcf = v["pcf"].as_object_mut().expect("pcf");
    for (k, x) in pcf.iter_mut() {
        let part = [
            "landUseChangeGhgEmissions",
            "landManagementBiogenicCO2Emissions",
            "landManagementBiogenicCO2Removals",
            "technologicalCO2Removals",
            "ccsTechnologicalCO2Capture",
            "biogenicNonCO2Emissions",
            "biogenicCO2Uptake",
        ];
        if part.contains(&k.as_str()) {
            *x = json!("0");
        }
    }
    pcf.insert("fossilGhgEmissions".into(), json!("1.5"));
    pcf.insert("pcfExcludingBiogenicUptake".into(), json!("1.5"));
    pcf.insert("pcfIncludingBiogenicUptake".into(), json!("1.5"));
    v
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
            vec![("/pcf/pCfIncludingBiogenic", json!("1"))],
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
        case(
            "pact-v2",
            "pact-v2.validity",
            pact_v2_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "pact-v2",
            "pact-v2.validity",
            pact_v2_base,
            vec![
                ("/validityPeriodStart", json!("2025-01-01T00:00:00Z")),
                ("/validityPeriodEnd", json!("2030-01-01T00:00:00Z")),
            ],
            "fail",
            Some("$.validityPeriodEnd"),
        ),
        case(
            "pact-v3",
            "pact-v3.validity",
            pact_v3_base,
            vec![],
            "pass",
            None,
        ),
        case(
            "pact-v3",
            "pact-v3.validity",
            pact_v3_base,
            vec![
                ("/validityPeriodStart", json!("2020-01-01T00:00:00Z")),
                ("/validityPeriodEnd", json!("2021-01-01T00:00:00Z")),
            ],
            "fail",
            Some("$.validityPeriodStart"),
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
    let mut checked: Vec<&str> = pcf::precheck::checked_rules().collect();
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

// ---- what each outcome says ------------------------------------------------------------

/// The PV example reduced to one step of 1 kg per kWp at `value` kg CO2e/kg (set by an
/// edit), so G is exactly that value.
fn pv_one_step() -> Value {
    let mut v = pv_base();
    v["steps"] = json!([v["steps"][0].clone()]);
    v["steps"][0]["quantity_per_kwp"] = json!(1);
    v["steps"][0]["loss_coefficient"] = json!(1);
    v["steps"][0]["sites"][0]["inline_factor"]["value"] = json!(530);
    v
}

const G: &str = "/steps/0/sites/0/inline_factor/value";

/// A threshold rule's case: the document, the threshold chosen, and the exact texts.
struct Said {
    scheme: &'static str,
    rule: &'static str,
    base: fn() -> Value,
    edits: Vec<(&'static str, Value)>,
    threshold: Option<&'static str>,
    status: &'static str,
    en: &'static str,
    zh: &'static str,
}

#[allow(clippy::too_many_arguments)]
fn said(
    scheme: &'static str,
    rule: &'static str,
    base: fn() -> Value,
    edits: Vec<(&'static str, Value)>,
    threshold: Option<&'static str>,
    status: &'static str,
    en: &'static str,
    zh: &'static str,
) -> Said {
    Said {
        scheme,
        rule,
        base,
        edits,
        threshold,
        status,
        en,
        zh,
    }
}

fn run_with(scheme: &str, doc: &Value, threshold: Option<&str>) -> pcf::precheck::PrecheckReport {
    let set = pcf::FactorSet::builtin().expect("built-in set");
    let options = pcf::precheck::Options {
        threshold: threshold.map(str::to_string),
        ..Default::default()
    };
    pcf::precheck::precheck_with(&doc.to_string(), scheme, &options, set)
        .expect("a pre-check report")
}

const FEED_IN: Option<&str> = Some("fr.cre.pv.threshold.feed-in");
const ROOFTOP: Option<&str> = Some("fr.cre.pv.threshold.rooftop-tender");
const EPEAT_LOW: Option<&str> = Some("epeat.pv.threshold.low-carbon");
const EPEAT_ULTRA: Option<&str> = Some("epeat.pv.threshold.ultra-low-carbon");

/// Every rule that compares a value with a limit: a pass, a fail and the value exactly at the
/// limit, with the exact English and Chinese texts. (Kept one case per few lines, as a table.)
#[rustfmt::skip]
fn threshold_cases() -> Vec<Said> {
    vec![
        // iso14067.declared_unit: amount > 0.
        said("iso14067", "iso14067.declared_unit", iso_base, vec![], None, "pass",
            "declared unit 1 item, amount limit > 0: pass",
            "声明单位 1 item，数量须 > 0：通过"),
        said("iso14067", "iso14067.declared_unit", iso_base,
            vec![("/product/declared_unit/amount", json!(-1))], None, "fail",
            "declared unit -1 item, amount limit > 0: fail",
            "声明单位 -1 item，数量须 > 0：未通过"),
        said("iso14067", "iso14067.declared_unit", iso_base,
            vec![("/product/declared_unit/amount", json!(0))], None, "fail",
            "declared unit 0 item, amount limit > 0: fail",
            "声明单位 0 item，数量须 > 0：未通过"),
        // iso14067.cut_off: excluded share ≤ the criteria's largest.
        said("iso14067", "iso14067.cut_off", iso_base, vec![], None, "pass",
            "excluded share 0.01, limit ≤ 0.05 (“flows below 1 % of mass and emissions”): pass",
            "排除比例 0.01，上限 ≤ 0.05(“flows below 1 % of mass and emissions”)：通过"),
        said("iso14067", "iso14067.cut_off", iso_base,
            vec![("/study/cut_off/excluded_share", json!(0.08))], None, "fail",
            "excluded share 0.08, limit ≤ 0.05 (“flows below 1 % of mass and emissions”): fail, above the limit",
            "排除比例 0.08，上限 ≤ 0.05(“flows below 1 % of mass and emissions”)：未通过，超过上限"),
        said("iso14067", "iso14067.cut_off", iso_base,
            vec![("/study/cut_off/excluded_share", json!(0.05))], None, "pass",
            "excluded share 0.05, limit ≤ 0.05 (“flows below 1 % of mass and emissions”): pass",
            "排除比例 0.05，上限 ≤ 0.05(“flows below 1 % of mass and emissions”)：通过"),
        // Just above the limit, where six digits would read as the limit: both in full.
        said("iso14067", "iso14067.cut_off", iso_base,
            vec![("/study/cut_off/excluded_share", json!(0.0500000001))], None, "fail",
            "excluded share 0.0500000001, limit ≤ 0.05 (“flows below 1 % of mass and emissions”): fail, above the limit",
            "排除比例 0.0500000001，上限 ≤ 0.05(“flows below 1 % of mass and emissions”)：未通过，超过上限"),
        // iso14067.data_quality: the rated share of the footprint > 0 % (1 kg of 1.9 kg here).
        said("iso14067", "iso14067.data_quality", iso_base, vec![], None, "pass",
            "lines rated for data quality make up 52.6316 % of the footprint, limit > 0 %: pass",
            "评定了数据质量的数据行占碳足迹的 52.6316 %，须 > 0 %：通过"),
        said("iso14067", "iso14067.data_quality", iso_base,
            vec![("/activities/1/data_quality", Value::Null)], None, "fail",
            "lines rated for data quality make up 0 % of the footprint, limit > 0 %: fail",
            "评定了数据质量的数据行占碳足迹的 0 %，须 > 0 %：未通过"),
        // A rated line that emits nothing: exactly 0 % rated.
        said("iso14067", "iso14067.data_quality", iso_base,
            vec![("/activities/1/amount", json!(0))], None, "fail",
            "lines rated for data quality make up 0 % of the footprint, limit > 0 %: fail",
            "评定了数据质量的数据行占碳足迹的 0 %，须 > 0 %：未通过"),
        // eu-battery.functional_unit / cn-battery-declaration.lifetime_energy: lifetime
        // energy > 0 kWh (0 when capacity × years underflows).
        said("eu-battery", "eu-battery.functional_unit", battery_base, vec![], None, "pass",
            "0.12818 kg CO2e per kWh of lifetime energy; lifetime energy 36000 kWh (75 kWh × 60 cycles/year × 8 years), limit > 0 kWh: pass",
            "每kWh全生命周期能量 0.12818 kg CO2e；全生命周期能量 36000 kWh(75 kWh × 60 次/年 × 8 年)，须 > 0 kWh：通过"),
        said("eu-battery", "eu-battery.functional_unit", battery_base,
            vec![("/battery/usable_capacity_kwh", json!(1e-200)), ("/battery/warranty_years", json!(1e-200))],
            None, "fail",
            "lifetime energy 0 kWh, limit > 0 kWh: fail",
            "全生命周期能量 0 kWh，须 > 0 kWh：未通过"),
        // Just above the limit: 1e-150 kWh × 60 cycles/year × 1e-150 years.
        said("eu-battery", "eu-battery.functional_unit", battery_base,
            vec![("/battery/usable_capacity_kwh", json!(1e-150)), ("/battery/warranty_years", json!(1e-150))],
            None, "pass",
            "7.69082e301 kg CO2e per kWh of lifetime energy; lifetime energy 6e-299 kWh (1e-150 kWh × 60 cycles/year × 1e-150 years), limit > 0 kWh: pass",
            "每kWh全生命周期能量 7.69082e301 kg CO2e；全生命周期能量 6e-299 kWh(1e-150 kWh × 60 次/年 × 1e-150 年)，须 > 0 kWh：通过"),
        said("cn-battery-declaration", "cn-battery-declaration.lifetime_energy", battery_base, vec![], None, "pass",
            "0.12818 kg CO2e per kWh of lifetime energy; lifetime energy 36000 kWh (75 kWh × 60 cycles/year × 8 years), limit > 0 kWh: pass",
            "每kWh全生命周期能量 0.12818 kg CO2e；全生命周期能量 36000 kWh(75 kWh × 60 次/年 × 8 年)，须 > 0 kWh：通过"),
        said("cn-battery-declaration", "cn-battery-declaration.lifetime_energy", battery_base,
            vec![("/battery/usable_capacity_kwh", json!(1e-150)), ("/battery/warranty_years", json!(1e-150))],
            None, "pass",
            "7.69082e301 kg CO2e per kWh of lifetime energy; lifetime energy 6e-299 kWh (1e-150 kWh × 60 cycles/year × 1e-150 years), limit > 0 kWh: pass",
            "每kWh全生命周期能量 7.69082e301 kg CO2e；全生命周期能量 6e-299 kWh(1e-150 kWh × 60 次/年 × 1e-150 年)，须 > 0 kWh：通过"),
        said("cn-battery-declaration", "cn-battery-declaration.lifetime_energy", battery_base,
            vec![("/battery/usable_capacity_kwh", json!(1e-200)), ("/battery/warranty_years", json!(1e-200))],
            None, "fail",
            "lifetime energy 0 kWh, limit > 0 kWh: fail",
            "全生命周期能量 0 kWh，须 > 0 kWh：未通过"),
        // eu-battery.cycles: the regulation's value for the category (M1: 60).
        said("eu-battery", "eu-battery.cycles", battery_base, vec![], None, "pass",
            "M1: 60 cycles/year, the regulation's value (battery.eu.cycles.m1n1): pass",
            "M1：每年 60 次循环，即法规规定值(battery.eu.cycles.m1n1)：通过"),
        said("eu-battery", "eu-battery.cycles", battery_base,
            vec![("/battery/cycles_per_year", json!({"value": 80, "justification": "fleet data"}))],
            None, "fail",
            "custom 80 cycles/year, the regulation's value for M1 is 60 (battery.eu.cycles.m1n1): fail, a different count needs the notified body's acceptance of its justification (“fleet data”)",
            "自定义每年 80 次循环，法规对 M1 的规定值为 60(battery.eu.cycles.m1n1)：未通过，不同的循环次数需经公告机构认可其理由(“fleet data”)"),
        said("eu-battery", "eu-battery.cycles", battery_base,
            vec![("/battery/cycles_per_year", json!({"value": 60, "justification": "fleet data"}))],
            None, "pass",
            "custom 60 cycles/year, equal to the regulation's value for M1 (battery.eu.cycles.m1n1): pass",
            "自定义每年 60 次循环，等于法规对 M1 的规定值(battery.eu.cycles.m1n1)：通过"),
        // cn-battery-declaration.scope: usable capacity > 2 kWh.
        said("cn-battery-declaration", "cn-battery-declaration.scope", battery_base, vec![], None, "pass",
            "usable capacity 75 kWh, limit > 2 kWh: pass",
            "可用容量 75 kWh，须 > 2 kWh：通过"),
        said("cn-battery-declaration", "cn-battery-declaration.scope", battery_base,
            vec![("/battery/usable_capacity_kwh", json!(1.5))], None, "fail",
            "usable capacity 1.5 kWh, limit > 2 kWh: fail, packs of 2 kWh or less are outside the declaration",
            "可用容量 1.5 kWh，须 > 2 kWh：未通过，2 kWh 及以下的电池包不在声明范围内"),
        said("cn-battery-declaration", "cn-battery-declaration.scope", battery_base,
            vec![("/battery/usable_capacity_kwh", json!(2))], None, "fail",
            "usable capacity 2 kWh, limit > 2 kWh: fail, packs of 2 kWh or less are outside the declaration",
            "可用容量 2 kWh，须 > 2 kWh：未通过，2 kWh 及以下的电池包不在声明范围内"),
        // fr-cre-pv.threshold, feed-in: the rounded value < 550.
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![], FEED_IN, "pass",
            "G = 530 kg CO2e/kWp, rounded to the scheme's multiple of 10: 530; limit < 550 (fr.cre.pv.threshold.feed-in): pass",
            "G = 530 kg CO2e/kWp，按方案的 10 的倍数取整为 530；阈值 < 550(fr.cre.pv.threshold.feed-in)：通过"),
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(561.2))], FEED_IN, "fail",
            "G = 561.2 kg CO2e/kWp, rounded to the scheme's multiple of 10: 560; limit < 550 (fr.cre.pv.threshold.feed-in): fail",
            "G = 561.2 kg CO2e/kWp，按方案的 10 的倍数取整为 560；阈值 < 550(fr.cre.pv.threshold.feed-in)：未通过"),
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(550))], FEED_IN, "fail",
            "G = 550 kg CO2e/kWp, rounded to the scheme's multiple of 10: 550; limit < 550 (fr.cre.pv.threshold.feed-in): fail",
            "G = 550 kg CO2e/kWp，按方案的 10 的倍数取整为 550；阈值 < 550(fr.cre.pv.threshold.feed-in)：未通过"),
        // 548 meets the limit, but its rounded value 550 does not.
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(548))], FEED_IN, "fail",
            "G = 548 kg CO2e/kWp, rounded to the scheme's multiple of 10: 550; limit < 550 (fr.cre.pv.threshold.feed-in): fail",
            "G = 548 kg CO2e/kWp，按方案的 10 的倍数取整为 550；阈值 < 550(fr.cre.pv.threshold.feed-in)：未通过"),
        // rooftop tender: the rounded value ≤ 740.
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(700))], ROOFTOP, "pass",
            "G = 700 kg CO2e/kWp, rounded to the scheme's multiple of 10: 700; limit ≤ 740 (fr.cre.pv.threshold.rooftop-tender): pass",
            "G = 700 kg CO2e/kWp，按方案的 10 的倍数取整为 700；阈值 ≤ 740(fr.cre.pv.threshold.rooftop-tender)：通过"),
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(746))], ROOFTOP, "fail",
            "G = 746 kg CO2e/kWp, rounded to the scheme's multiple of 10: 750; limit ≤ 740 (fr.cre.pv.threshold.rooftop-tender): fail",
            "G = 746 kg CO2e/kWp，按方案的 10 的倍数取整为 750；阈值 ≤ 740(fr.cre.pv.threshold.rooftop-tender)：未通过"),
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(740))], ROOFTOP, "pass",
            "G = 740 kg CO2e/kWp, rounded to the scheme's multiple of 10: 740; limit ≤ 740 (fr.cre.pv.threshold.rooftop-tender): pass",
            "G = 740 kg CO2e/kWp，按方案的 10 的倍数取整为 740；阈值 ≤ 740(fr.cre.pv.threshold.rooftop-tender)：通过"),
        // EPEAT: the exact value ≤ 630 (low-carbon) or ≤ 400 (ultra-low-carbon).
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(600))], EPEAT_LOW, "pass",
            "G = 600 kg CO2e/kWp, compared unrounded; limit ≤ 630 (epeat.pv.threshold.low-carbon): pass",
            "G = 600 kg CO2e/kWp，不取整比较；阈值 ≤ 630(epeat.pv.threshold.low-carbon)：通过"),
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(630.4))], EPEAT_LOW, "fail",
            "G = 630.4 kg CO2e/kWp, compared unrounded; limit ≤ 630 (epeat.pv.threshold.low-carbon): fail",
            "G = 630.4 kg CO2e/kWp，不取整比较；阈值 ≤ 630(epeat.pv.threshold.low-carbon)：未通过"),
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(630))], EPEAT_LOW, "pass",
            "G = 630 kg CO2e/kWp, compared unrounded; limit ≤ 630 (epeat.pv.threshold.low-carbon): pass",
            "G = 630 kg CO2e/kWp，不取整比较；阈值 ≤ 630(epeat.pv.threshold.low-carbon)：通过"),
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(390))], EPEAT_ULTRA, "pass",
            "G = 390 kg CO2e/kWp, compared unrounded; limit ≤ 400 (epeat.pv.threshold.ultra-low-carbon): pass",
            "G = 390 kg CO2e/kWp，不取整比较；阈值 ≤ 400(epeat.pv.threshold.ultra-low-carbon)：通过"),
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(400.0000001))], EPEAT_ULTRA, "fail",
            "G = 400.0000001 kg CO2e/kWp, compared unrounded; limit ≤ 400 (epeat.pv.threshold.ultra-low-carbon): fail",
            "G = 400.0000001 kg CO2e/kWp，不取整比较；阈值 ≤ 400(epeat.pv.threshold.ultra-low-carbon)：未通过"),
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![(G, json!(400))], EPEAT_ULTRA, "pass",
            "G = 400 kg CO2e/kWp, compared unrounded; limit ≤ 400 (epeat.pv.threshold.ultra-low-carbon): pass",
            "G = 400 kg CO2e/kWp，不取整比较；阈值 ≤ 400(epeat.pv.threshold.ultra-low-carbon)：通过"),
        // fr-cre-pv.rounding_margin: the exact and the rounded value on the same side.
        said("fr-cre-pv", "fr-cre-pv.rounding_margin", pv_one_step, vec![], FEED_IN, "pass",
            "G = 530 kg CO2e/kWp and its rounded value 530 both meet the limit < 550 (fr.cre.pv.threshold.feed-in): pass, the rounding does not decide the verdict",
            "G = 530 kg CO2e/kWp 及其取整值 530 均满足阈值 < 550(fr.cre.pv.threshold.feed-in)：通过，取整不影响结论"),
        said("fr-cre-pv", "fr-cre-pv.rounding_margin", pv_one_step, vec![(G, json!(561.2))], FEED_IN, "pass",
            "G = 561.2 kg CO2e/kWp and its rounded value 560 both miss the limit < 550 (fr.cre.pv.threshold.feed-in): pass, the rounding does not decide the verdict",
            "G = 561.2 kg CO2e/kWp 及其取整值 560 均不满足阈值 < 550(fr.cre.pv.threshold.feed-in)：通过，取整不影响结论"),
        said("fr-cre-pv", "fr-cre-pv.rounding_margin", pv_one_step, vec![(G, json!(548))], FEED_IN, "fail",
            "G = 548 kg CO2e/kWp meets the limit < 550 (fr.cre.pv.threshold.feed-in), but rounded to the scheme's multiple of 10 it is 550, which does not: fail, the rounding decides the verdict",
            "G = 548 kg CO2e/kWp 满足阈值 < 550(fr.cre.pv.threshold.feed-in)，但按方案的 10 的倍数取整为 550 后不满足：未通过，取整决定了结论"),
        // Half a step below the limit rounds up onto it; exactly at the limit both miss.
        said("fr-cre-pv", "fr-cre-pv.rounding_margin", pv_one_step, vec![(G, json!(545))], FEED_IN, "fail",
            "G = 545 kg CO2e/kWp meets the limit < 550 (fr.cre.pv.threshold.feed-in), but rounded to the scheme's multiple of 10 it is 550, which does not: fail, the rounding decides the verdict",
            "G = 545 kg CO2e/kWp 满足阈值 < 550(fr.cre.pv.threshold.feed-in)，但按方案的 10 的倍数取整为 550 后不满足：未通过，取整决定了结论"),
        said("fr-cre-pv", "fr-cre-pv.rounding_margin", pv_one_step, vec![(G, json!(544.9))], FEED_IN, "pass",
            "G = 544.9 kg CO2e/kWp and its rounded value 540 both meet the limit < 550 (fr.cre.pv.threshold.feed-in): pass, the rounding does not decide the verdict",
            "G = 544.9 kg CO2e/kWp 及其取整值 540 均满足阈值 < 550(fr.cre.pv.threshold.feed-in)：通过，取整不影响结论"),
        said("fr-cre-pv", "fr-cre-pv.rounding_margin", pv_one_step, vec![(G, json!(550))], FEED_IN, "pass",
            "G = 550 kg CO2e/kWp and its rounded value 550 both miss the limit < 550 (fr.cre.pv.threshold.feed-in): pass, the rounding does not decide the verdict",
            "G = 550 kg CO2e/kWp 及其取整值 550 均不满足阈值 < 550(fr.cre.pv.threshold.feed-in)：通过，取整不影响结论"),
        // Rooftop (≤ 740): 744 misses, its rounded value 740 meets.
        said("fr-cre-pv", "fr-cre-pv.rounding_margin", pv_one_step, vec![(G, json!(744))], ROOFTOP, "fail",
            "G = 744 kg CO2e/kWp misses the limit ≤ 740 (fr.cre.pv.threshold.rooftop-tender), but rounded to the scheme's multiple of 10 it is 740, which meets it: fail, the rounding decides the verdict",
            "G = 744 kg CO2e/kWp 不满足阈值 ≤ 740(fr.cre.pv.threshold.rooftop-tender)，但按方案的 10 的倍数取整为 740 后满足：未通过，取整决定了结论"),
        // EPEAT compares the exact value: the rounding cannot change its verdict.
        said("fr-cre-pv", "fr-cre-pv.rounding_margin", pv_one_step, vec![(G, json!(632))], EPEAT_LOW, "not_applicable",
            "epeat.pv.threshold.low-carbon is compared with the unrounded G = 632 kg CO2e/kWp, so the rounding cannot change its verdict: not applicable",
            "epeat.pv.threshold.low-carbon 与未取整的 G = 632 kg CO2e/kWp 比较，取整不会改变结论：不适用"),
        // pact-v2.consistency: incl ≥ excl + withdrawal − (half a unit in the last place of
        // each decimal as written + 1e-9 of their magnitude): v2's incl adds biogenic emissions,
        // 0 or more. At the limit: 1 − (1.7 − 0.1) = −0.6, the rounding of "1", "1.7", "-0.1".
        said("pact-v2", "pact-v2.consistency", pact_v2_base,
            vec![("/pcf/pCfIncludingBiogenic", json!(1.4)), ("/pcf/pCfExcludingBiogenic", json!(1.5)),
                 ("/pcf/biogenicCarbonWithdrawal", json!(-0.1))], None, "pass",
            
            "pCfIncludingBiogenic 1.4 is not below pCfExcludingBiogenic + biogenicCarbonWithdrawal = 1.5 + -0.1 = 1.4: difference 0, limit −0.15 (the biogenic emissions it adds cannot be negative; the limit is the rounding of the decimals as written): pass",
            "pCfIncludingBiogenic 为 1.4，不低于 pCfExcludingBiogenic + biogenicCarbonWithdrawal = 1.5 + -0.1 = 1.4：差值 0，下限 −0.15(其中的生物源排放不能为负；下限按所写小数的取整)：通过"),
        said("pact-v2", "pact-v2.consistency", pact_v2_base,
            vec![("/pcf/pCfIncludingBiogenic", json!(0.6)), ("/pcf/pCfExcludingBiogenic", json!(1.5)),
                 ("/pcf/biogenicCarbonWithdrawal", json!(-0.1))], None, "fail",
            
            "pCfIncludingBiogenic 0.6 is below pCfExcludingBiogenic + biogenicCarbonWithdrawal = 1.5 + -0.1 = 1.4 by -0.8, beyond the rounding of the decimals as written (−0.15): fail, the biogenic emissions it includes cannot be negative",
            "pCfIncludingBiogenic 为 0.6，低于 pCfExcludingBiogenic + biogenicCarbonWithdrawal = 1.5 + -0.1 = 1.4，差值 -0.8，超出所写小数的取整(−0.15)：未通过，其中的生物源排放不能为负"),
        said("pact-v2", "pact-v2.consistency", pact_v2_base,
            vec![("/pcf/pCfIncludingBiogenic", json!(1)), ("/pcf/pCfExcludingBiogenic", json!(1.7)),
                 ("/pcf/biogenicCarbonWithdrawal", json!(-0.1))], None, "pass",
            
            "pCfIncludingBiogenic 1 is not below pCfExcludingBiogenic + biogenicCarbonWithdrawal = 1.7 + -0.1 = 1.6: difference -0.6, limit −0.6 (the biogenic emissions it adds cannot be negative; the limit is the rounding of the decimals as written): pass",
            "pCfIncludingBiogenic 为 1，不低于 pCfExcludingBiogenic + biogenicCarbonWithdrawal = 1.7 + -0.1 = 1.6：差值 -0.6，下限 −0.6(其中的生物源排放不能为负；下限按所写小数的取整)：通过"),
        // pact-v3.consistency: both identities, with decimal strings; the parts made to add up
        // (fossil 1.5, every other part 0) unless the case is about them.
        said("pact-v3", "pact-v3.consistency", pact_v3_parts,
            vec![("/pcf/pcfIncludingBiogenicUptake", json!("1.4")), ("/pcf/biogenicCO2Uptake", json!("-0.1"))],
            None, "pass", 
            "pcfExcludingBiogenicUptake 1.5 = fossilGhgEmissions 1.5 + landUseChangeGhgEmissions 0 + landManagementBiogenicCO2Removals 0 + technologicalCO2Removals 0 + biogenicNonCO2Emissions 0 (landManagementBiogenicCO2Emissions, ccsTechnologicalCO2Capture not stated: 0) = 1.5 (difference 0, limit ± 0.1); pcfIncludingBiogenicUptake 1.4 = pcfExcludingBiogenicUptake + biogenicCO2Uptake = 1.5 + -0.1 = 1.4 (difference 0, limit ± 0.15; limits are the rounding of the decimals as written): pass",
            "pcfExcludingBiogenicUptake 1.5 = fossilGhgEmissions 1.5 + landUseChangeGhgEmissions 0 + landManagementBiogenicCO2Removals 0 + technologicalCO2Removals 0 + biogenicNonCO2Emissions 0 (landManagementBiogenicCO2Emissions, ccsTechnologicalCO2Capture not stated: 0) = 1.5(差值 0，允许 ± 0.1)；pcfIncludingBiogenicUptake 1.4 = pcfExcludingBiogenicUptake + biogenicCO2Uptake = 1.5 + -0.1 = 1.4(差值 0，允许 ± 0.15；允许值按所写小数的取整)：通过"),
        said("pact-v3", "pact-v3.consistency", pact_v3_parts,
            vec![("/pcf/pcfIncludingBiogenicUptake", json!("2.2")), ("/pcf/biogenicCO2Uptake", json!("-0.1"))],
            None, "fail", 
            "pcfIncludingBiogenicUptake 2.2, but pcfExcludingBiogenicUptake + biogenicCO2Uptake = 1.5 + -0.1 = 1.4: difference 0.8, limit ± 0.15 (the rounding of the decimals as written): fail (its parts add up: fossilGhgEmissions 1.5 + landUseChangeGhgEmissions 0 + landManagementBiogenicCO2Removals 0 + technologicalCO2Removals 0 + biogenicNonCO2Emissions 0 (landManagementBiogenicCO2Emissions, ccsTechnologicalCO2Capture not stated: 0) = 1.5)",
            "pcfIncludingBiogenicUptake 为 2.2，而 pcfExcludingBiogenicUptake + biogenicCO2Uptake = 1.5 + -0.1 = 1.4：差值 0.8，允许 ± 0.15(按所写小数的取整)：未通过(各组成部分相符：fossilGhgEmissions 1.5 + landUseChangeGhgEmissions 0 + landManagementBiogenicCO2Removals 0 + technologicalCO2Removals 0 + biogenicNonCO2Emissions 0 (landManagementBiogenicCO2Emissions, ccsTechnologicalCO2Capture not stated: 0) = 1.5)"),
        said("pact-v3", "pact-v3.consistency", pact_v3_parts,
            vec![("/pcf/pcfIncludingBiogenicUptake", json!("2")), ("/pcf/biogenicCO2Uptake", json!("-0.1"))],
            None, "pass", 
            "pcfExcludingBiogenicUptake 1.5 = fossilGhgEmissions 1.5 + landUseChangeGhgEmissions 0 + landManagementBiogenicCO2Removals 0 + technologicalCO2Removals 0 + biogenicNonCO2Emissions 0 (landManagementBiogenicCO2Emissions, ccsTechnologicalCO2Capture not stated: 0) = 1.5 (difference 0, limit ± 0.1); pcfIncludingBiogenicUptake 2 = pcfExcludingBiogenicUptake + biogenicCO2Uptake = 1.5 + -0.1 = 1.4 (difference 0.6, limit ± 0.6; limits are the rounding of the decimals as written): pass",
            "pcfExcludingBiogenicUptake 1.5 = fossilGhgEmissions 1.5 + landUseChangeGhgEmissions 0 + landManagementBiogenicCO2Removals 0 + technologicalCO2Removals 0 + biogenicNonCO2Emissions 0 (landManagementBiogenicCO2Emissions, ccsTechnologicalCO2Capture not stated: 0) = 1.5(差值 0，允许 ± 0.1)；pcfIncludingBiogenicUptake 2 = pcfExcludingBiogenicUptake + biogenicCO2Uptake = 1.5 + -0.1 = 1.4(差值 0.6，允许 ± 0.6；允许值按所写小数的取整)：通过"),
        // The total excluding uptake against its parts: 1.5 vs fossil 1.0 + biogenic non-CO2 0.2
        // (0.3 apart, the rounding allows 0.15), then fossil 1.3 (they add up).
        said("pact-v3", "pact-v3.consistency", pact_v3_parts,
            vec![("/pcf/fossilGhgEmissions", json!("1.0")), ("/pcf/biogenicNonCO2Emissions", json!("0.2"))],
            None, "fail", 
            "pcfExcludingBiogenicUptake 1.5, but its parts fossilGhgEmissions 1 + landUseChangeGhgEmissions 0 + landManagementBiogenicCO2Removals 0 + technologicalCO2Removals 0 + biogenicNonCO2Emissions 0.2 (landManagementBiogenicCO2Emissions, ccsTechnologicalCO2Capture not stated: 0) = 1.2: difference 0.3, limit ± 0.15 (the rounding of the decimals as written): fail",
            "pcfExcludingBiogenicUptake 为 1.5，而其组成部分 fossilGhgEmissions 1 + landUseChangeGhgEmissions 0 + landManagementBiogenicCO2Removals 0 + technologicalCO2Removals 0 + biogenicNonCO2Emissions 0.2 (landManagementBiogenicCO2Emissions, ccsTechnologicalCO2Capture not stated: 0) = 1.2：差值 0.3，允许 ± 0.15(按所写小数的取整)：未通过"),
        said("pact-v3", "pact-v3.consistency", pact_v3_parts,
            vec![("/pcf/fossilGhgEmissions", json!("1.3")), ("/pcf/biogenicNonCO2Emissions", json!("0.2"))],
            None, "pass", 
            "pcfExcludingBiogenicUptake 1.5 = fossilGhgEmissions 1.3 + landUseChangeGhgEmissions 0 + landManagementBiogenicCO2Removals 0 + technologicalCO2Removals 0 + biogenicNonCO2Emissions 0.2 (landManagementBiogenicCO2Emissions, ccsTechnologicalCO2Capture not stated: 0) = 1.5 (difference 0, limit ± 0.15); pcfIncludingBiogenicUptake 1.5 = pcfExcludingBiogenicUptake + biogenicCO2Uptake = 1.5 + 0 = 1.5 (difference 0, limit ± 0.1; limits are the rounding of the decimals as written): pass",
            "pcfExcludingBiogenicUptake 1.5 = fossilGhgEmissions 1.3 + landUseChangeGhgEmissions 0 + landManagementBiogenicCO2Removals 0 + technologicalCO2Removals 0 + biogenicNonCO2Emissions 0.2 (landManagementBiogenicCO2Emissions, ccsTechnologicalCO2Capture not stated: 0) = 1.5(差值 0，允许 ± 0.15)；pcfIncludingBiogenicUptake 1.5 = pcfExcludingBiogenicUptake + biogenicCO2Uptake = 1.5 + 0 = 1.5(差值 0，允许 ± 0.1；允许值按所写小数的取整)：通过"),
        // pact-v2/v3.validity: from the end of the reference period to 3 years after (the
        // v2 cases at the limit and a day over it; v3 without a period, at the limit, early).
        said("pact-v3", "pact-v3.validity", pact_v3_parts,
            vec![("/validityPeriodStart", json!("2025-01-01T00:00:00Z")), ("/validityPeriodEnd", json!("2028-01-01T00:00:00Z"))],
            None, "pass",
            "validity period 2025-01-01T00:00:00Z – 2028-01-01T00:00:00Z: starts at or after the end of the reference period (2025-01-01T00:00:00Z) and ends by 2028-01-01T00:00:00Z: pass",
            "有效期 2025-01-01T00:00:00Z – 2028-01-01T00:00:00Z：开始不早于参考期结束(2025-01-01T00:00:00Z)，结束不晚于 2028-01-01T00:00:00Z：通过"),
        said("pact-v2", "pact-v2.validity", pact_v2_base,
            vec![("/validityPeriodStart", json!("2025-06-01T00:00:00Z")), ("/validityPeriodEnd", json!("2027-01-01T00:00:00Z"))],
            None, "pass",
            "validity period 2025-06-01T00:00:00Z – 2027-01-01T00:00:00Z: starts at or after the end of the reference period (2025-01-01T00:00:00Z) and ends by 2028-01-01T00:00:00Z: pass",
            "有效期 2025-06-01T00:00:00Z – 2027-01-01T00:00:00Z：开始不早于参考期结束(2025-01-01T00:00:00Z)，结束不晚于 2028-01-01T00:00:00Z：通过"),
        said("pact-v3", "pact-v3.validity", pact_v3_parts, vec![], None, "pass", 
            "no validity period stated: valid for 3 years from the end of the reference period (2025-01-01T00:00:00Z): pass",
            "未填写有效期：自参考期结束(2025-01-01T00:00:00Z)起三年内有效：通过"),
        said("pact-v3", "pact-v3.validity", pact_v3_parts,
            vec![("/validityPeriodStart", json!("2024-06-01T00:00:00Z")), ("/validityPeriodEnd", json!("2026-06-01T00:00:00Z"))],
            None, "fail", 
            "the validity period breaks the rule: fail (the validity period starts (2024-06-01T00:00:00Z) before the reference period ends (2025-01-01T00:00:00Z); it must start at or after it)",
            "有效期不符合规定：未通过(the validity period starts (2024-06-01T00:00:00Z) before the reference period ends (2025-01-01T00:00:00Z); it must start at or after it)"),
        said("pact-v2", "pact-v2.validity", pact_v2_base,
            vec![("/validityPeriodStart", json!("2025-01-01T00:00:00Z")), ("/validityPeriodEnd", json!("2028-01-01T00:00:00Z"))],
            None, "pass", 
            "validity period 2025-01-01T00:00:00Z – 2028-01-01T00:00:00Z: starts at or after the end of the reference period (2025-01-01T00:00:00Z) and ends by 2028-01-01T00:00:00Z: pass",
            "有效期 2025-01-01T00:00:00Z – 2028-01-01T00:00:00Z：开始不早于参考期结束(2025-01-01T00:00:00Z)，结束不晚于 2028-01-01T00:00:00Z：通过"),
        said("pact-v2", "pact-v2.validity", pact_v2_base,
            vec![("/validityPeriodStart", json!("2025-01-01T00:00:00Z")), ("/validityPeriodEnd", json!("2028-01-02T00:00:00Z"))],
            None, "fail", 
            "the validity period breaks the rule: fail (the validity period ends (2028-01-02T00:00:00Z) more than 3 years after the reference period (2025-01-01T00:00:00Z); it must end by 2028-01-01T00:00:00Z)",
            "有效期不符合规定：未通过(the validity period ends (2028-01-02T00:00:00Z) more than 3 years after the reference period (2025-01-01T00:00:00Z); it must end by 2028-01-01T00:00:00Z)"),
        // pact-v2.exempted: ≤ 5 %.
        said("pact-v2", "pact-v2.exempted", pact_v2_base,
            vec![("/pcf/exemptedEmissionsPercent", json!(1.5))], None, "pass",
            "exemptedEmissionsPercent 1.5 %, limit ≤ 5 %: pass",
            "exemptedEmissionsPercent 为 1.5 %，上限 ≤ 5 %：通过"),
        said("pact-v2", "pact-v2.exempted", pact_v2_base,
            vec![("/pcf/exemptedEmissionsPercent", json!(6))], None, "fail",
            "exemptedEmissionsPercent 6 %, limit ≤ 5 %: fail, above the limit",
            "exemptedEmissionsPercent 为 6 %，上限 ≤ 5 %：未通过，超过上限"),
        said("pact-v2", "pact-v2.exempted", pact_v2_base,
            vec![("/pcf/exemptedEmissionsPercent", json!(5))], None, "pass",
            "exemptedEmissionsPercent 5 %, limit ≤ 5 %: pass",
            "exemptedEmissionsPercent 为 5 %，上限 ≤ 5 %：通过"),
        said("pact-v2", "pact-v2.exempted", pact_v2_base,
            vec![("/pcf/exemptedEmissionsPercent", json!(5.0000001))], None, "fail",
            "exemptedEmissionsPercent 5.0000001 %, limit ≤ 5 %: fail, above the limit",
            "exemptedEmissionsPercent 为 5.0000001 %，上限 ≤ 5 %：未通过，超过上限"),
        // pact-v2.dqr: each DQR within 1–3.
        said("pact-v2", "pact-v2.dqr", pact_v2_dqi, vec![("/pcf/dqi/reliabilityDQR", json!(2))], None, "pass",
            "completenessDQR 2.5, geographicalDQR 1, reliabilityDQR 2, technologicalDQR 1.5, temporalDQR 2, each in the range 1–3: pass",
            "completenessDQR 2.5, geographicalDQR 1, reliabilityDQR 2, technologicalDQR 1.5, temporalDQR 2，均在 1–3 范围内：通过"),
        said("pact-v2", "pact-v2.dqr", pact_v2_dqi, vec![("/pcf/dqi/reliabilityDQR", json!(3.5))], None, "fail",
            "reliabilityDQR 3.5, range 1–3: fail, above 3",
            "reliabilityDQR 为 3.5，范围 1–3：未通过，高于 3"),
        said("pact-v2", "pact-v2.dqr", pact_v2_dqi, vec![("/pcf/dqi/geographicalDQR", json!(0.5))], None, "fail",
            "geographicalDQR 0.5, range 1–3: fail, below 1",
            "geographicalDQR 为 0.5，范围 1–3：未通过，低于 1"),
        // At both ends of the range (geographicalDQR 1, reliabilityDQR 3).
        said("pact-v2", "pact-v2.dqr", pact_v2_dqi, vec![], None, "pass",
            "completenessDQR 2.5, geographicalDQR 1, reliabilityDQR 3, technologicalDQR 1.5, temporalDQR 2, each in the range 1–3: pass",
            "completenessDQR 2.5, geographicalDQR 1, reliabilityDQR 3, technologicalDQR 1.5, temporalDQR 2，均在 1–3 范围内：通过"),
        // pact-v3.dqr: each DQR within 1–5.
        said("pact-v3", "pact-v3.dqr", pact_v3_base,
            vec![("/pcf/dqi", json!({"technologicalDQR": "2", "temporalDQR": "1.5", "geographicalDQR": "3"}))], None, "pass",
            "geographicalDQR 3, technologicalDQR 2, temporalDQR 1.5, each in the range 1–5: pass",
            "geographicalDQR 3, technologicalDQR 2, temporalDQR 1.5，均在 1–5 范围内：通过"),
        said("pact-v3", "pact-v3.dqr", pact_v3_base,
            vec![("/pcf/dqi", json!({"technologicalDQR": "5.5", "temporalDQR": "1.5", "geographicalDQR": "3"}))], None, "fail",
            "technologicalDQR 5.5, range 1–5: fail, above 5",
            "technologicalDQR 为 5.5，范围 1–5：未通过，高于 5"),
        said("pact-v3", "pact-v3.dqr", pact_v3_base,
            vec![("/pcf/dqi", json!({"technologicalDQR": "5", "temporalDQR": "1", "geographicalDQR": "3"}))], None, "pass",
            "geographicalDQR 3, technologicalDQR 5, temporalDQR 1, each in the range 1–5: pass",
            "geographicalDQR 3, technologicalDQR 5, temporalDQR 1，均在 1–5 范围内：通过"),
        // pact-v2/v3.primary_data_share: 0–100 %.
        said("pact-v2", "pact-v2.primary_data_share", pact_v2_base,
            vec![("/pcf/primaryDataShare", json!(52.5))], None, "pass",
            "primaryDataShare 52.5 %, range 0–100 %: pass",
            "primaryDataShare 为 52.5 %，范围 0–100 %：通过"),
        said("pact-v2", "pact-v2.primary_data_share", pact_v2_base,
            vec![("/pcf/primaryDataShare", json!(100.5))], None, "fail",
            "primaryDataShare 100.5 %, range 0–100 %: fail, above 100 %",
            "primaryDataShare 为 100.5 %，范围 0–100 %：未通过，高于 100 %"),
        said("pact-v2", "pact-v2.primary_data_share", pact_v2_base,
            vec![("/pcf/primaryDataShare", json!(-1))], None, "fail",
            "primaryDataShare -1 %, range 0–100 %: fail, below 0 %",
            "primaryDataShare 为 -1 %，范围 0–100 %：未通过，低于 0 %"),
        said("pact-v2", "pact-v2.primary_data_share", pact_v2_base,
            vec![("/pcf/primaryDataShare", json!(100))], None, "pass",
            "primaryDataShare 100 %, range 0–100 %: pass",
            "primaryDataShare 为 100 %，范围 0–100 %：通过"),
        said("pact-v2", "pact-v2.primary_data_share", pact_v2_base,
            vec![("/pcf/primaryDataShare", json!(0))], None, "pass",
            "primaryDataShare 0 %, range 0–100 %: pass",
            "primaryDataShare 为 0 %，范围 0–100 %：通过"),
        said("pact-v3", "pact-v3.primary_data_share", pact_v3_base,
            vec![("/pcf/primaryDataShare", json!("52.5"))], None, "pass",
            "primaryDataShare 52.5 %, range 0–100 %: pass",
            "primaryDataShare 为 52.5 %，范围 0–100 %：通过"),
        said("pact-v3", "pact-v3.primary_data_share", pact_v3_base,
            vec![("/pcf/primaryDataShare", json!("100.0000001"))], None, "fail",
            "primaryDataShare 100.0000001 %, range 0–100 %: fail, above 100 %",
            "primaryDataShare 为 100.0000001 %，范围 0–100 %：未通过，高于 100 %"),
        said("pact-v3", "pact-v3.primary_data_share", pact_v3_base,
            vec![("/pcf/primaryDataShare", json!("100"))], None, "pass",
            "primaryDataShare 100 %, range 0–100 %: pass",
            "primaryDataShare 为 100 %，范围 0–100 %：通过"),
    ]
}

/// The rules that compare a value with a limit; each has a pass, a fail and a boundary case
/// in `threshold_cases`.
const THRESHOLD_RULES: &[&str] = &[
    "iso14067.declared_unit",
    "iso14067.cut_off",
    "iso14067.data_quality",
    "eu-battery.functional_unit",
    "cn-battery-declaration.lifetime_energy",
    "eu-battery.cycles",
    "cn-battery-declaration.scope",
    "fr-cre-pv.threshold",
    "fr-cre-pv.rounding_margin",
    "pact-v2.consistency",
    "pact-v3.consistency",
    "pact-v2.validity",
    "pact-v3.validity",
    "pact-v2.exempted",
    "pact-v2.dqr",
    "pact-v3.dqr",
    "pact-v2.primary_data_share",
    "pact-v3.primary_data_share",
];

#[test]
fn every_threshold_rule_says_the_value_the_limit_and_the_verdict_in_english_and_chinese() {
    let mut failures = Vec::new();
    for c in threshold_cases() {
        let mut doc = (c.base)();
        for (p, v) in &c.edits {
            set_value(&mut doc, p, v.clone());
        }
        let report = run_with(c.scheme, &doc, c.threshold);
        let Some(o) = report.outcomes.iter().find(|o| o.rule == c.rule) else {
            failures.push(format!("{}: not in scheme {}", c.rule, c.scheme));
            continue;
        };
        if (o.status, o.detail.as_str(), o.detail_zh.as_str()) != (c.status, c.en, c.zh) {
            failures.push(format!(
                "{} {:?} {:?}:\n  got      {} | {} | {}\n  expected {} | {} | {}",
                c.rule, c.edits, c.threshold, o.status, o.detail, o.detail_zh, c.status, c.en, c.zh
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_threshold_rule_has_a_pass_a_fail_and_a_boundary_case() {
    let cases = threshold_cases();
    for rule in THRESHOLD_RULES {
        let of: Vec<&Said> = cases.iter().filter(|c| c.rule == *rule).collect();
        for status in ["pass", "fail"] {
            assert!(
                of.iter().any(|c| c.status == status),
                "{rule} has no {status} case"
            );
        }
        // The boundary case writes the limit as the measured value ("… 5 %, limit ≤ 5 %").
        assert!(
            of.len() >= 3,
            "{rule}: {} case(s), a boundary case missing",
            of.len()
        );
    }
    for c in &cases {
        assert!(
            THRESHOLD_RULES.contains(&c.rule),
            "{} is not listed",
            c.rule
        );
    }
}

/// The verdict words each status's texts carry, and those they must not.
fn verdict_words(status: &str) -> (&'static str, &'static str) {
    match status {
        "pass" => (": pass", "：通过"),
        "fail" => (": fail", "：未通过"),
        _ => (": not applicable", "：不适用"),
    }
}

#[test]
fn the_detail_texts_are_a_table_with_one_row_per_finding_in_both_languages() {
    let rules = pcf::precheck::rules().expect("rules table");
    let rows = pcf::precheck::details().expect("details table");
    let mut keys = std::collections::BTreeSet::new();
    for r in &rows {
        assert!(
            keys.insert((r.rule.as_str(), r.case.as_str())),
            "{} {} twice",
            r.rule,
            r.case
        );
        assert!(
            r.rule == "*" || rules.iter().any(|x| x.id == r.rule),
            "{}: no such rule",
            r.rule
        );
        assert!(
            !r.case.is_empty() && r.case.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{}: case {:?}",
            r.rule,
            r.case
        );
        // The same figures in both languages, except the language's own (`_en`/`_zh`).
        let shared = |t: &str| {
            let mut p: Vec<String> = pcf::precheck::placeholders(t)
                .into_iter()
                .filter(|n| !n.ends_with("_en") && !n.ends_with("_zh"))
                .collect();
            p.sort();
            p.dedup();
            p
        };
        assert_eq!(
            shared(&r.detail_en),
            shared(&r.detail_zh),
            "{} {}: placeholders differ",
            r.rule,
            r.case
        );
        // The verdict in words is the row's status, in both languages, and no other.
        for status in ["pass", "fail", "not_applicable"] {
            let (en, zh) = verdict_words(status);
            let want = status == r.status;
            assert_eq!(
                r.detail_en.contains(en),
                want,
                "{} {}: {en:?}",
                r.rule,
                r.case
            );
            assert_eq!(
                r.detail_zh.contains(zh),
                want,
                "{} {}: {zh:?}",
                r.rule,
                r.case
            );
        }
        assert!(!r.detail_en.trim().is_empty() && !r.detail_zh.trim().is_empty());
    }
}

/// Whether `text` is `template` with its placeholders filled.
fn fills(template: &str, text: &str) -> bool {
    let mut pieces = Vec::new();
    let mut rest = template;
    for name in pcf::precheck::placeholders(template) {
        let (before, after) = rest
            .split_once(&format!("{{{name}}}"))
            .expect("a placeholder of the template");
        pieces.push(before);
        rest = after;
    }
    pieces.push(rest);
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if pieces.len() == 1 {
        return text == first;
    }
    let Some(mut inner) = text.strip_prefix(first) else {
        return false;
    };
    let Some(stripped) = inner.strip_suffix(last) else {
        return false;
    };
    inner = stripped;
    for p in &pieces[1..pieces.len() - 1] {
        match inner.find(p) {
            Some(i) => inner = &inner[i + p.len()..],
            None => return false,
        }
    }
    true
}

/// Findings the built-in tables and templates do not let a document reach: guards, so that a
/// changed table or template gives a failed rule that says so, never a panic.
const NOT_REACHED: &[(&str, &str)] = &[
    // Every rule of rules.csv has a check (tested above).
    ("*", "no_check"),
    // pact-* rules run only in the PACT schemes.
    ("*", "not_pact_scheme"),
    // The catalogue and parameter tables are embedded and tested as data.
    ("cn-label.catalogue", "unreadable"),
    ("*", "no_parameter"),
    // The catalogue lists every route the steel template accepts.
    ("cn-label.catalogue", "not_listed_route"),
    // The battery template's boundary is its four stages, always; never the use stage.
    ("*", "stage_not_in_boundary"),
    ("eu-battery.stages", "use_included"),
    // Every built-in CBAM default row has its year (a user table's row may not).
    ("cbam-steel.default_comparison", "compared_base"),
];

/// The other findings of each rule, with their exact texts.
#[rustfmt::skip]
fn finding_cases() -> Vec<Said> {
    let none = Value::Null;
    vec![
        // A declaration whose parts (fossil 2) do not add up to its total (3): 1 kg in no class.
        said("iso14067", "iso14067.separate_classes", iso_base,
            vec![("/components/0/activities", none.clone()), ("/components/0/allocation", none.clone()),
                 ("/components/0/output", none.clone()),
                 ("/components/0/declared", json!({"kg_co2e": 3, "per": {"amount": 1, "unit": "item"},
                    "parts": {"fossil_ghg_emissions": 2},
                    "provenance": {"supplier": "weaver", "source": "declaration 2024"}}))],
            None, "fail",
            "1 kg CO2e of the declared footprints are in none of the classes their parts give (the parts do not add up to their totals; see the warnings); per 1 item: fossil 3, biogenic emissions 0, biogenic CO2 uptake 0, direct land-use change 0, aircraft 0, other removals 0 kg CO2e (classes: fossil, unsplit): fail",
            "声明碳足迹中有 1 kg CO2e 不属于其组成部分给出的任何类别(组成部分之和与总量不符；见警告)；每 1 item：化石 3、生物源排放 0、生物源CO2吸收 0、直接土地利用变化 0、航空 0、其他移除 0 kg CO2e(类别：fossil, unsplit)：未通过"),
        said("iso14067", "iso14067.boundary_label", iso_base,
            vec![("/boundary/kind", json!("cradle-to-grave")), ("/boundary/stages/2", json!("use")),
                 ("/boundary/stages/3", json!("end_of_life"))], None, "pass",
            "cradle-to-grave with use and end-of-life stages (raw_material_acquisition, production, use, end_of_life): pass",
            "摇篮到坟墓，包含使用和寿命终止阶段(raw_material_acquisition, production, use, end_of_life)：通过"),
        said("iso14067", "iso14067.cut_off", iso_base,
            vec![("/study/cut_off/max_excluded_share", none.clone())], None, "fail",
            "the criteria do not state the largest share they allow to exclude (max_excluded_share): fail",
            "准则未说明允许排除的最大比例(max_excluded_share)：未通过"),
        said("iso14067", "iso14067.cut_off", iso_base,
            vec![("/study/cut_off/excluded_share", none.clone())], None, "fail",
            "the excluded share is not estimated (excluded_share): fail",
            "未估计排除比例(excluded_share)：未通过"),
        said("iso14067", "iso14067.electricity", iso_base, vec![("/activities/1", none.clone())], None,
            "not_applicable",
            "no electricity line: not applicable",
            "没有用电数据行：不适用"),
        said("iso14067", "iso14067.electricity", iso_base,
            vec![("/study/electricity/approach", json!("market-based"))], None, "fail",
            "market-based modelling without contractual instruments: fail",
            "基于市场的建模但没有合同工具：未通过"),
        said("iso14067", "iso14067.offsets", iso_base, vec![("/study/offsets", none.clone())], None, "pass",
            "no offsets claimed: pass",
            "未声明碳抵消：通过"),
        said("iso14067", "iso14067.data_quality", iso_base,
            vec![("/activities/1/amount", json!(0)), ("/components/0/activities/0/amount", json!(0))],
            None, "fail",
            "no line has emissions to weigh data-quality ratings by: fail",
            "没有带排放的数据行可用于加权数据质量评级：未通过"),
        said("cn-label", "cn-label.verification", cn_label_base, vec![("/study/verification", none.clone())],
            None, "fail",
            "no verification recorded; certification by an approved body is still needed: fail",
            "未记录核查；仍需获批认证机构的认证：未通过"),
        said("eu-battery", "eu-battery.verification", battery_base,
            vec![("/study/verification/body", none.clone())], None, "fail",
            "verification status verified, but no body is named; verification by a notified body is still needed: fail",
            "核查状态为 verified，但未注明机构；仍需公告机构的核查：未通过"),
        said("cn-label", "cn-label.verification", cn_label_base,
            vec![("/study/verification/body", none.clone())], None, "fail",
            "verification status verified, but no body is named; certification by an approved body is still needed: fail",
            "核查状态为 verified，但未注明机构；仍需获批认证机构的认证：未通过"),
        said("eu-battery", "eu-battery.verification", battery_base,
            vec![("/study/verification/status", json!("planned"))], None, "fail",
            "verification status planned; verification by a notified body is still needed: fail",
            "核查状态为 planned；仍需公告机构的核查：未通过"),
        said("fr-cre-pv", "fr-cre-pv.threshold", pv_one_step, vec![], Some("no.such.threshold"), "fail",
            "threshold no.such.threshold is not known (known: fr.cre.pv.threshold.feed-in, fr.cre.pv.threshold.rooftop-tender, epeat.pv.threshold.low-carbon, epeat.pv.threshold.ultra-low-carbon): fail",
            "未知阈值 no.such.threshold(已知：fr.cre.pv.threshold.feed-in, fr.cre.pv.threshold.rooftop-tender, epeat.pv.threshold.low-carbon, epeat.pv.threshold.ultra-low-carbon)：未通过"),
        said("fr-cre-pv", "fr-cre-pv.rounding_margin", pv_one_step, vec![], Some("no.such.threshold"), "fail",
            "threshold no.such.threshold is not known (known: fr.cre.pv.threshold.feed-in, fr.cre.pv.threshold.rooftop-tender, epeat.pv.threshold.low-carbon, epeat.pv.threshold.ultra-low-carbon): fail",
            "未知阈值 no.such.threshold(已知：fr.cre.pv.threshold.feed-in, fr.cre.pv.threshold.rooftop-tender, epeat.pv.threshold.low-carbon, epeat.pv.threshold.ultra-low-carbon)：未通过"),
        said("pact-v2", "pact-v2.consistency", pact_v2_base, vec![("/pcf/pCfExcludingBiogenic", json!("x"))],
            None, "fail",
            "pCfExcludingBiogenic, pCfIncludingBiogenic or biogenicCarbonWithdrawal is not a decimal: fail",
            "pCfExcludingBiogenic、pCfIncludingBiogenic 或 biogenicCarbonWithdrawal 不是小数：未通过"),
        said("pact-v2", "pact-v2.exempted", pact_v2_base, vec![("/pcf/exemptedEmissionsPercent", none.clone())],
            None, "fail",
            "exemptedEmissionsPercent is not stated: fail",
            "未填写 exemptedEmissionsPercent：未通过"),
        said("pact-v2", "pact-v2.dqr", pact_v2_base, vec![("/pcf/dqi", json!({"coveragePercent": 80}))], None,
            "pass",
            "the dqi states no DQR: pass",
            "dqi 中没有DQR：通过"),
        said("pact-v2", "pact-v2.dqr", pact_v2_dqi, vec![("/pcf/dqi/technologicalDQR", json!("high"))], None,
            "fail",
            "technologicalDQR is not a number: fail",
            "technologicalDQR 不是数值：未通过"),
        said("pact-v2", "pact-v2.primary_data_share", pact_v2_base, vec![("/pcf/primaryDataShare", json!("most"))],
            None, "fail",
            "primaryDataShare most is not a number: fail",
            "primaryDataShare most 不是数值：未通过"),
        said("pact-v3", "pact-v3.schema", pact_v3_base, vec![("/specVersion", json!("2.3.0"))], None, "fail",
            "specVersion “2.3.0” is not PACT 3.0.0: fail",
            "specVersion“2.3.0”不是PACT 3.0.0：未通过"),
        said("pact-v3", "pact-v3.consistency", pact_v3_base, vec![("/pcf/pcfIncludingBiogenicUptake", none.clone())],
            None, "not_applicable",
            "pcfIncludingBiogenicUptake is not stated: not applicable",
            "未填写 pcfIncludingBiogenicUptake：不适用"),
        said("pact-v3", "pact-v3.dqr", pact_v3_base, vec![("/pcf/dqi", none.clone())], None, "not_applicable",
            "no data-quality indicators (dqi) stated: not applicable",
            "未填写数据质量指标(dqi)：不适用"),
        said("pact-v3", "pact-v3.dqr", pact_v3_base, vec![("/pcf/dqi", json!({"coveragePercent": "80"}))], None,
            "pass",
            "the dqi states no DQR: pass",
            "dqi 中没有DQR：通过"),
        said("pact-v3", "pact-v3.dqr", pact_v3_base, vec![("/pcf/dqi", json!({"technologicalDQR": "0.5"}))], None,
            "fail",
            "technologicalDQR 0.5, range 1–5: fail, below 1",
            "technologicalDQR 为 0.5，范围 1–5：未通过，低于 1"),
        said("pact-v3", "pact-v3.dqr", pact_v3_base, vec![("/pcf/dqi", json!({"technologicalDQR": true}))], None,
            "fail",
            "technologicalDQR is not a number: fail",
            "technologicalDQR 不是数值：未通过"),
        said("pact-v3", "pact-v3.primary_data_share", pact_v3_base, vec![("/pcf/primaryDataShare", json!("-1"))],
            None, "fail",
            "primaryDataShare -1 %, range 0–100 %: fail, below 0 %",
            "primaryDataShare 为 -1 %，范围 0–100 %：未通过，低于 0 %"),
        said("pact-v3", "pact-v3.primary_data_share", pact_v3_base, vec![("/pcf/primaryDataShare", json!(null))],
            None, "fail",
            "primaryDataShare is not stated: fail",
            "未填写 primaryDataShare：未通过"),
        said("pact-v3", "pact-v3.primary_data_share", pact_v3_base, vec![("/pcf/primaryDataShare", json!("n/a"))],
            None, "fail",
            "primaryDataShare n/a is not a number: fail",
            "primaryDataShare n/a 不是数值：未通过"),
    ]
}

#[test]
fn every_other_finding_says_what_was_found_in_english_and_chinese() {
    let mut failures = Vec::new();
    for c in finding_cases() {
        let mut doc = (c.base)();
        for (p, v) in &c.edits {
            set_value(&mut doc, p, v.clone());
        }
        let report = run_with(c.scheme, &doc, c.threshold);
        let Some(o) = report.outcomes.iter().find(|o| o.rule == c.rule) else {
            failures.push(format!("{}: not in scheme {}", c.rule, c.scheme));
            continue;
        };
        if (o.status, o.detail.as_str(), o.detail_zh.as_str()) != (c.status, c.en, c.zh) {
            failures.push(format!(
                "{} {:?} {:?}:\n  got      {} | {} | {}\n  expected {} | {} | {}",
                c.rule, c.edits, c.threshold, o.status, o.detail, o.detail_zh, c.status, c.en, c.zh
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every outcome of every case of this file.
fn every_outcome() -> Vec<pcf::precheck::Outcome> {
    let mut all = Vec::new();
    for c in cases() {
        let mut doc = (c.base)();
        for (p, v) in &c.edits {
            set_value(&mut doc, p, v.clone());
        }
        all.extend(run(c.scheme, &doc).outcomes);
    }
    for c in threshold_cases().into_iter().chain(finding_cases()) {
        let mut doc = (c.base)();
        for (p, v) in &c.edits {
            set_value(&mut doc, p, v.clone());
        }
        all.extend(run_with(c.scheme, &doc, c.threshold).outcomes);
    }
    all
}

#[test]
fn every_finding_has_its_text_and_every_text_is_reached() {
    let rows = pcf::precheck::details().expect("details table");
    let outcomes = every_outcome();
    for o in &outcomes {
        for (lang, text) in [("en", &o.detail), ("zh", &o.detail_zh)] {
            assert!(
                !text.contains('{') && !text.contains('}'),
                "{} ({lang}): a placeholder without a value: {text}",
                o.rule
            );
        }
        assert!(
            !o.detail.contains("has no text for its finding"),
            "{}",
            o.detail
        );
        let (en, zh) = verdict_words(o.status);
        assert!(o.detail.contains(en) && o.detail_zh.contains(zh), "{o:?}");
    }
    let mut unreached = Vec::new();
    for r in &rows {
        if NOT_REACHED.contains(&(r.rule.as_str(), r.case.as_str())) {
            continue;
        }
        let reached = outcomes.iter().any(|o| {
            (r.rule == "*" || r.rule == o.rule)
                && o.status == r.status
                && fills(&r.detail_en, &o.detail)
                && fills(&r.detail_zh, &o.detail_zh)
        });
        if !reached {
            unreached.push(format!("{} {}: {}", r.rule, r.case, r.detail_en));
        }
    }
    assert!(
        unreached.is_empty(),
        "no case reaches:\n{}",
        unreached.join("\n")
    );
}
