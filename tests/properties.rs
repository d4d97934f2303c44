//! Property tests of the engine: linearity, permutation invariance, unit round trips, and
//! that a zero line changes nothing. Native only (proptest needs OS randomness).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};

const FACTORS: &[(&str, &str)] = &[
    ("cn.elec.footprint.2023.national", "kWh"),
    ("cn.elec.ets.2022", "MWh"),
    ("uk.desnz.2025.freight.hgv.all", "tkm"),
    ("uk.desnz.2025.material.aluminium.primary", "kg"),
    ("cn.sh.ets.heat.default", "GJ"),
];
const STAGES: &[&str] = &["a", "b", "c"];

fn doc(lines: &[(usize, f64, usize)], gases: &[(f64, bool)]) -> Value {
    let activities: Vec<Value> = lines
        .iter()
        .map(|&(f, amount, stage)| {
            let (id, unit) = FACTORS[f % FACTORS.len()];
            json!({"amount": amount, "unit": unit, "factor": id, "stage": STAGES[stage % STAGES.len()]})
        })
        .collect();
    let emissions: Vec<Value> = gases
        .iter()
        .map(|&(amount, ch4)| {
            json!({"gas": if ch4 { "CH4_fossil" } else { "N2O" }, "amount": amount, "unit": "kg", "stage": "b"})
        })
        .collect();
    json!({
        "schema": "pcf/1",
        "product": {"name": "p", "sector": "other", "declared_unit": {"amount": 1, "unit": "item"}},
        "gwp_set": "AR6",
        "boundary": {"kind": "cradle-to-gate", "stages": STAGES},
        "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
        "activities": activities,
        "emissions": emissions,
    })
}

fn compute(v: &Value) -> pcf::FootprintResult {
    let set = pcf::FactorSet::builtin().expect("built-in set");
    pcf::compute(&v.to_string(), set).expect("valid document computes")
}

fn lines() -> impl Strategy<Value = Vec<(usize, f64, usize)>> {
    prop::collection::vec((0usize..5, 0.0f64..1e6, 0usize..3), 1..40)
}

fn gases() -> impl Strategy<Value = Vec<(f64, bool)>> {
    prop::collection::vec((0.0f64..100.0, any::<bool>()), 0..5)
}

proptest! {
    #[test]
    fn doubling_every_amount_doubles_every_total_exactly(l in lines(), g in gases()) {
        let a = compute(&doc(&l, &g));
        let l2: Vec<_> = l.iter().map(|&(f, x, s)| (f, x * 2.0, s)).collect();
        let g2: Vec<_> = g.iter().map(|&(x, c)| (x * 2.0, c)).collect();
        let b = compute(&doc(&l2, &g2));
        // Multiplying by 2 is exact in binary floating point, so the bits must match.
        prop_assert_eq!(b.total_kg_co2e, a.total_kg_co2e * 2.0);
        for (x, y) in a.by_stage.iter().zip(&b.by_stage) {
            prop_assert_eq!(y.kg_co2e, x.kg_co2e * 2.0);
        }
    }

    #[test]
    fn scaling_by_any_factor_scales_the_total(l in lines(), k in 0.001f64..1000.0) {
        let a = compute(&doc(&l, &[]));
        let lk: Vec<_> = l.iter().map(|&(f, x, s)| (f, x * k, s)).collect();
        let b = compute(&doc(&lk, &[]));
        let want = a.total_kg_co2e * k;
        // Each line rounds twice (x·k, then ×factor) and the sum n times: 1e-12 relative is
        // far above that error and far below any meaningful difference.
        prop_assert!((b.total_kg_co2e - want).abs() <= 1e-12 * want.abs().max(1e-300),
            "{} vs {}", b.total_kg_co2e, want);
    }

    #[test]
    fn reordering_lines_changes_no_bit(l in lines(), g in gases(), seed in any::<u64>()) {
        let a = compute(&doc(&l, &g));
        let mut shuffled = l.clone();
        // Deterministic Fisher–Yates from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let mut g_rev = g.clone();
        g_rev.reverse();
        let b = compute(&doc(&shuffled, &g_rev));
        prop_assert_eq!(a.total_kg_co2e.to_bits(), b.total_kg_co2e.to_bits());
        for (x, y) in a.by_stage.iter().zip(&b.by_stage) {
            prop_assert_eq!(x.kg_co2e.to_bits(), y.kg_co2e.to_bits());
        }
        for (x, y) in a.by_class.iter().zip(&b.by_class) {
            prop_assert_eq!(x.kg_co2e.to_bits(), y.kg_co2e.to_bits());
        }
    }

    #[test]
    fn a_zero_line_changes_nothing(l in lines(), f in 0usize..5, s in 0usize..3) {
        let a = compute(&doc(&l, &[]));
        let mut lz = l.clone();
        lz.push((f, 0.0, s));
        let b = compute(&doc(&lz, &[]));
        prop_assert_eq!(a.total_kg_co2e.to_bits(), b.total_kg_co2e.to_bits());
        prop_assert_eq!(b.lines.len(), a.lines.len() + 1);
    }

    #[test]
    fn unit_conversions_round_trip(x in 1e-6f64..1e9) {
        let units: Vec<pcf::units::Unit> = pcf::units::Unit::all().collect();
        for a in &units {
            for b in units.iter().filter(|b| b.dimension() == a.dimension()) {
                let there = a.factor_to(b).expect("same dimension");
                let back = b.factor_to(a).expect("same dimension");
                let y = x * there * back;
                prop_assert!((y - x).abs() <= 4.0 * f64::EPSILON * x, "{a} -> {b} -> {a}: {x} vs {y}");
            }
        }
    }

    #[test]
    fn the_same_energy_in_any_unit_gives_the_same_footprint(kwh in 0.0f64..1e6) {
        let in_kwh = json!([{"amount": kwh, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "a"}]);
        let in_mj = json!([{"amount": kwh * 3.6, "unit": "MJ", "factor": "cn.elec.footprint.2023.national", "stage": "a"}]);
        let mut d1 = doc(&[], &[]);
        d1["activities"] = in_kwh;
        let mut d2 = doc(&[], &[]);
        d2["activities"] = in_mj;
        let (a, b) = (compute(&d1).total_kg_co2e, compute(&d2).total_kg_co2e);
        prop_assert!((a - b).abs() <= 1e-14 * a.abs().max(1e-300), "{a} vs {b}");
    }
}

/// Any JSON value: keys from a small alphabet that mixes ASCII, escapes, characters above
/// U+E000 and outside the BMP (where UTF-16 and UTF-8 orders differ), numbers of every kind.
fn json_key() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ab\"\\\\\u{1}\u{e000}\u{ffff}\u{10000}é ]{0,4}")
        .expect("regex")
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        proptest::string::string_regex("[a\"\\\\\n\t\u{7f}\u{2028}中\u{1f}]{0,6}")
            .expect("regex")
            .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(json_key(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    /// The receipts' RFC 8785 text (crates/pcf-core/src/receipt/jcs.rs) is byte for byte the reference
    /// crate's on any JSON value.
    #[test]
    fn canonical_json_is_the_reference(v in any_json()) {
        let ours = pcf::receipt::canonical(&v).expect("canonical");
        let reference = serde_json_canonicalizer::to_string(&v).expect("reference");
        prop_assert_eq!(ours, reference);
    }
}

/// GWP-basis notes name each factor and each declared footprint on its own: a component named
/// like a table factor does not silence the factor's note (they shared one "already noted" key
/// before). Since issue 17 the notes of one fact are one warning listing every line.
#[test]
fn a_component_named_like_a_factor_keeps_both_gwp_notes() {
    let fid = "cn.elec.footprint.2023.wind"; // CO2e, gwp_set unspecified; not used elsewhere in the example
                                             // The EV example as it was before issue 19 made it generic: a car with a declared battery.
    let text = std::fs::read_to_string("tests/data/ev-car-with-declared-battery.json")
        .expect("file")
        .replace("\"battery-pack\"", &format!("{fid:?}"));
    let mut doc: Value = serde_json::from_str(&text).expect("JSON");
    doc["components"][0]["declared"]["gwp_set"] = json!("AR5");
    let stage = doc["activities"][0]["stage"].clone();
    let acts = doc["activities"].as_array_mut().expect("activities");
    acts.push(json!({"amount": 10, "unit": "kWh", "factor": fid, "stage": stage}));
    let last = acts.len() - 1;
    let set = pcf::FactorSet::builtin().expect("built-in");
    let r = pcf::compute(&doc.to_string(), set).expect("computes");
    let factor_line = format!("$.activities[{last}].factor");
    let declared = "$.components[0].declared";
    // Per warning on either place: its code, whether it lists the factor's line and the
    // declared footprint, and whether its message names the factor and the declaration.
    let notes: Vec<(&str, bool, bool, bool, bool)> = r
        .warnings
        .iter()
        .filter(|w| w.paths.iter().any(|p| *p == factor_line || p == declared))
        .map(|w| {
            (
                w.code.as_str(),
                w.paths.contains(&factor_line),
                w.paths.iter().any(|p| p == declared),
                w.message.contains(&format!("factor {fid}")),
                w.message
                    .contains(&format!("the declared footprint of {fid}")),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            // The declared footprint (AR5, as the example's UK factors) is noted as mixing GWP
            // sets, the factor of the same name (CO2e, set not stated) on its own, each naming
            // its own subject.
            ("gwp_set_mixed", false, true, false, true),
            ("gwp_set_unspecified", true, false, true, false),
        ]
    );
}
