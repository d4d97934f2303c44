//! Unit tests of core modules (crates/pcf-core) that compute through this crate's dispatch
//! (`compute`, `compute_unsealed`, `compute_totals`, `compute_json`, `verify`: `pcf/1`
//! documents and sector templates), so they cannot live in pcf-core, which knows no template.
//! Moved there from the core files' own test modules (issue 18), every assertion kept: each
//! module here re-exports its core module, so the tests read as they did (`super::Totals`).

/// From crates/pcf-core/src/result.rs.
mod result {
    pub use crate::result::*;

    mod tests {
        /// `compute_totals` gives the full result's figures, bit for bit, on every golden case and
        /// example (pcf/1 and templates), and the same error on every golden error case.
        #[test]
        fn totals_are_the_full_results_figures() {
            let set = crate::FactorSet::builtin().expect("built-in");
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let mut inputs = Vec::new();
            for dir in ["tests/golden", "examples"] {
                for e in std::fs::read_dir(root.join(dir)).expect("dir") {
                    let p = e.expect("entry").path();
                    let file = if p.is_dir() { p.join("input.json") } else { p };
                    if let Ok(text) = std::fs::read_to_string(&file) {
                        if file.extension().is_some_and(|x| x == "json") {
                            inputs.push((file, text));
                        }
                    }
                }
            }
            assert!(inputs.len() >= 30, "{} inputs", inputs.len());
            for (file, text) in &inputs {
                let full = crate::compute_unsealed(text, set).expect("computes");
                let totals = crate::compute_totals(text, set).expect("computes");
                assert_eq!(totals, super::Totals::of(&full), "{file:?}");
                assert_eq!(
                    serde_json::to_string(&totals).ok(),
                    serde_json::to_string(&super::Totals::of(&full)).ok()
                );
            }
            let mut errors = 0;
            for e in std::fs::read_dir(root.join("tests/golden/errors")).expect("dir") {
                let case: serde_json::Value = serde_json::from_str(
                    &std::fs::read_to_string(e.expect("entry").path()).expect("read"),
                )
                .expect("json");
                let input = match &case["input"] {
                    serde_json::Value::String(text) => text.clone(),
                    doc => doc.to_string(),
                };
                let a = crate::compute_totals(&input, set)
                    .expect_err("fails")
                    .report();
                let b = crate::compute(&input, set).expect_err("fails").report();
                assert_eq!(
                    (a.code.as_str(), a.path.as_str()),
                    (b.code.as_str(), b.path.as_str())
                );
                assert_eq!(a.code, case["code"].as_str().unwrap_or_default());
                errors += 1;
            }
            assert!(errors >= 10, "{errors} error cases");
        }

        /// The parts of every golden case and example are canonical sums: the sum of each part's
        /// line values sorted, bit for bit (the lines' values read back from the result).
        #[test]
        fn parts_are_canonical_sums_of_the_lines_values() {
            let set = crate::FactorSet::builtin().expect("built-in");
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let mut n = 0;
            for e in std::fs::read_dir(root.join("tests/golden")).expect("dir") {
                let file = e.expect("entry").path().join("input.json");
                let Ok(text) = std::fs::read_to_string(&file) else {
                    continue;
                };
                let r = crate::compute_unsealed(&text, set).expect("computes");
                for &part in crate::parts::Part::ALL {
                    let mut values = Vec::new();
                    for l in &r.lines {
                        let Some(kg) = l.kg_co2e else { continue };
                        match &l.parts {
                            Some(p) => values.extend(p.get(part)),
                            None => {
                                let class = crate::gwp::EmissionClass::parse(l.class.unwrap_or(""))
                                    .expect("a class");
                                let gas = l.gas.and_then(crate::gwp::Gas::parse);
                                let (parts, k) = crate::parts::own_line_parts(class, gas, kg);
                                if parts.iter().take(k).any(|p| *p == part) {
                                    values.push(kg);
                                }
                            }
                        }
                    }
                    assert_eq!(
                        r.parts.total.get(part).to_bits(),
                        crate::engine::canonical_sum(values).to_bits(),
                        "{file:?} {part:?}"
                    );
                }
                n += 1;
            }
            assert!(n >= 20, "{n} cases");
        }

        #[test]
        fn data_quality_is_weighted_by_contribution() {
            // 30 kg primary rated 1/–/2/–, 10 kg rated 3/4/–/5, 60 kg unrated.
            let doc = r#"{"schema":"pcf/1","product":{"name":"p","sector":"other","declared_unit":{"amount":1,"unit":"item"}},
              "gwp_set":"AR6","boundary":{"kind":"cradle-to-gate","stages":["production"]},
              "reference_period":{"start":"2024-01-01","end":"2024-12-31"},
              "activities":[
                {"amount":30,"unit":"kg","inline_factor":{"value":1,"per_unit":"kg","gwp_set":"AR6","source":"test"},"stage":"production",
                 "data_quality":{"primary":true,"technological":1,"temporal":2}},
                {"amount":10,"unit":"kg","inline_factor":{"value":1,"per_unit":"kg","gwp_set":"AR6","source":"test"},"stage":"production",
                 "data_quality":{"technological":3,"geographical":4,"precision":5}},
                {"amount":60,"unit":"kg","inline_factor":{"value":1,"per_unit":"kg","gwp_set":"AR6","source":"test"},"stage":"production"}]}"#;
            let set = crate::FactorSet::builtin().expect("built-in");
            let r = crate::compute(doc, set).expect("computes");
            let dq = &r.data_quality;
            assert_eq!(r.total_kg_co2e, 100.0);
            assert_eq!(dq.primary_data_share, Some(0.3));
            assert_eq!(dq.technological, Some((30.0 * 1.0 + 10.0 * 3.0) / 40.0));
            assert_eq!(dq.geographical, Some(4.0));
            assert_eq!(dq.temporal, Some(2.0));
            assert_eq!(dq.precision, Some(5.0));
            assert_eq!(dq.rated_share, Some(0.4));
            assert_eq!(
                r.lines[1].data_quality.as_ref().and_then(|d| d.precision),
                Some(5)
            );
        }

        /// Equal ratings give exactly that rating, whatever the weights: three lines of 0.1, 0.2
        /// and 0.3 kg CO2e rated 3 (technological), 1.6 is no rating but a PACT DQR; the ratio of
        /// the sums would be 2.9999999999999996. The product's own biogenic CO2 uptake weighs 0:
        /// a 5 kg uptake rated 1 changes nothing, and the primary share is 0.1 / 0.6 (the
        /// emissions), not 0.1 / 5.6.
        #[test]
        fn data_quality_of_equal_ratings_is_exact_and_uptake_weighs_nothing() {
            let line = |kg: f64, t: u8, primary: bool| {
                format!(
                    r#"{{"amount":{kg},"unit":"kg","inline_factor":{{"value":1,"per_unit":"kg","gwp_set":"AR6","source":"test"}},
                       "stage":"production","data_quality":{{"primary":{primary},"technological":{t},"temporal":{t}}}}}"#
                )
            };
            let doc = format!(
                r#"{{"schema":"pcf/1","product":{{"name":"p","sector":"other","declared_unit":{{"amount":1,"unit":"item"}}}},
                  "gwp_set":"AR6","boundary":{{"kind":"cradle-to-gate","stages":["production"]}},
                  "reference_period":{{"start":"2024-01-01","end":"2024-12-31"}},
                  "activities":[{},{},{}],
                  "emissions":[{{"gas":"CO2_biogenic","amount":5,"unit":"kg","removal":true,"stage":"production",
                                 "data_quality":{{"primary":true,"technological":1,"temporal":1}}}}]}}"#,
                line(0.1, 3, true),
                line(0.2, 3, false),
                line(0.3, 3, false)
            );
            let set = crate::FactorSet::builtin().expect("built-in");
            let r = crate::compute(&doc, set).expect("computes");
            let dq = &r.data_quality;
            assert_eq!(dq.technological, Some(3.0));
            assert_eq!(dq.temporal, Some(3.0));
            assert_eq!(dq.rated_share, Some(1.0));
            // 0.1 / (0.1 + 0.2 + 0.3): the canonical sums' ratio, 0.1 / 0.6000000000000001.
            assert_eq!(dq.primary_data_share, Some(0.1 / (0.1 + 0.2 + 0.3)));
        }

        /// Found by the `engine` fuzz target (fuzz/regressions/engine/): contributions near
        /// f64::MAX made the weighted sums overflow, and the data-quality means came out infinite
        /// (or NaN) for a finite footprint. Weights 1e308 and 0.5e308 (sum 1.5e308, finite; times
        /// the ratings 4 and 2 they overflow): the mean is (1·4 + 0.5·2)/1.5 = 10/3.
        #[test]
        fn data_quality_means_stay_finite_when_weights_overflow() {
            let line = |kg: f64, t: u8, primary: bool| {
                format!(
                    r#"{{"amount":{kg:e},"unit":"kg","inline_factor":{{"value":1,"per_unit":"kg","gwp_set":"AR6","source":"test"}},
                       "stage":"production","data_quality":{{"primary":{primary},"temporal":{t}}}}}"#
                )
            };
            let doc = format!(
                r#"{{"schema":"pcf/1","product":{{"name":"p","sector":"other","declared_unit":{{"amount":1,"unit":"item"}}}},
                  "gwp_set":"AR6","boundary":{{"kind":"cradle-to-gate","stages":["production"]}},
                  "reference_period":{{"start":"2024-01-01","end":"2024-12-31"}},
                  "activities":[{},{}]}}"#,
                line(1e308, 4, true),
                line(0.5e308, 2, false)
            );
            let set = crate::FactorSet::builtin().expect("built-in");
            let r = crate::compute(&doc, set).expect("computes");
            assert_eq!(r.total_kg_co2e, 1.5e308);
            let dq = &r.data_quality;
            let t = dq.temporal.expect("rated");
            assert!((t - 10.0 / 3.0).abs() < 1e-12, "temporal {t}");
            let p = dq.primary_data_share.expect("shares");
            assert!((p - 2.0 / 3.0).abs() < 1e-12, "primary share {p}");
            assert_eq!(dq.rated_share, Some(1.0));
        }

        /// The components without parts are listed once each, in document order (not sorted).
        #[test]
        fn unsplit_components_are_in_document_order() {
            let component = |id: &str| {
                format!(
                    r#"{{"id":"{id}","stage":"production","declared":{{"kg_co2e":1,"per":{{"amount":1,"unit":"kg"}},
                       "provenance":{{"supplier":"s","source":"EPD"}}}}}}"#
                )
            };
            let line = |id: &str| {
                format!(r#"{{"amount":1,"unit":"kg","input":"{id}","stage":"production"}}"#)
            };
            let doc = format!(
                r#"{{"schema":"pcf/1","product":{{"name":"p","sector":"other","declared_unit":{{"amount":1,"unit":"item"}}}},
                  "gwp_set":"AR6","boundary":{{"kind":"cradle-to-gate","stages":["production"]}},
                  "reference_period":{{"start":"2024-01-01","end":"2024-12-31"}},
                  "activities":[{},{},{},{}],"components":[{},{},{}]}}"#,
                line("zeta"),
                line("alpha"),
                line("zeta"),
                line("mid"),
                component("zeta"),
                component("alpha"),
                component("mid")
            );
            let set = crate::FactorSet::builtin().expect("built-in");
            let r = crate::compute(&doc, set).expect("computes");
            assert_eq!(r.parts.unsplit_components, ["zeta", "alpha", "mid"]);
        }
    }
}

/// From crates/pcf-core/src/receipt.rs.
mod receipt {
    mod tests {
        use crate::factors::FactorSet;
        use crate::factors::{FactorTable, Origin};
        use crate::verify;
        use serde_json::Value;

        const HEADER: &str = "id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,licence,verification,notes\n";

        fn doc(amount: f64, factor: &str) -> String {
            format!(
                r#"{{"schema":"pcf/1","product":{{"name":"p","sector":"other","declared_unit":{{"amount":1,"unit":"item"}}}},
                "gwp_set":"AR6","boundary":{{"kind":"cradle-to-gate","stages":["production"]}},
                "reference_period":{{"start":"2024-01-01","end":"2024-12-31"}},
                "activities":[{{"amount":{amount},"unit":"kWh","factor":"{factor}","stage":"production"}}]}}"#
            )
        }

        fn user_set(value: f64) -> FactorSet {
            let csv = format!(
                "{HEADER}my.elec,my electricity,我的电力,{value},kg,kWh,CO2e,AR6,fossil,CN,2024,meter data,own,user,\n"
            );
            let t = FactorTable::from_csv("mine.csv", Origin::User { overrides: false }, &csv)
                .expect("valid table");
            FactorSet::with_user_tables(vec![t]).expect("valid set")
        }

        fn sealed(text: &str, set: &FactorSet) -> String {
            crate::compute_json(text, set).expect("computes")
        }

        fn edit(sealed: &str, f: impl FnOnce(&mut Value)) -> String {
            let mut v: Value = serde_json::from_str(sealed).expect("JSON");
            f(&mut v);
            serde_json::to_string_pretty(&v).expect("JSON")
        }

        #[test]
        fn a_sealed_result_verifies_and_its_digests_are_sha256() {
            let set = FactorSet::builtin().expect("built-in");
            let text = sealed(&doc(10.0, "cn.elec.footprint.2023.national"), set);
            let report = verify(&text, set).expect("a sealed result");
            assert_eq!(report.status, "match");
            assert!(report.checks.iter().all(|c| c.ok));
            let v: Value = serde_json::from_str(&text).expect("JSON");
            let digest = v["receipt"]["input_sha256"].as_str().expect("digest");
            assert_eq!(digest.len(), 64);
            assert!(digest.chars().all(|c| c.is_ascii_hexdigit()));
            assert_eq!(v["input"]["activities"][0]["amount"], 10.0);
        }

        /// What `JSON.stringify(JSON.parse(text))` does to a result: integral doubles lose their
        /// `.0`, the layout changes. The numbers are the same, so the result still verifies.
        fn as_javascript_writes_it(v: &Value) -> Value {
            match v {
                Value::Number(n) => match n.as_f64() {
                    Some(f)
                        if f.fract() == 0.0 && f.abs() < 9.0e15 && !n.is_i64() && !n.is_u64() =>
                    {
                        Value::from(f as i64)
                    }
                    _ => v.clone(),
                },
                Value::Array(a) => Value::Array(a.iter().map(as_javascript_writes_it).collect()),
                Value::Object(m) => Value::Object(
                    m.iter()
                        .map(|(k, x)| (k.clone(), as_javascript_writes_it(x)))
                        .collect(),
                ),
                other => other.clone(),
            }
        }

        #[test]
        fn a_result_reformatted_by_javascript_still_verifies() {
            let set = FactorSet::builtin().expect("built-in");
            let text = sealed(&doc(10.0, "cn.elec.footprint.2023.national"), set);
            let v: Value = serde_json::from_str(&text).expect("JSON");
            let js = as_javascript_writes_it(&v);
            let js_text = serde_json::to_string(&js).expect("JSON");
            assert_ne!(
                js_text,
                serde_json::to_string(&v).expect("JSON"),
                "the test must change the text"
            );
            let report = verify(&js_text, set).expect("a sealed result");
            assert_eq!(report.status, "match", "{:?}", report.checks);
            assert_eq!(report.differences_total, 0);
        }

        #[test]
        fn a_changed_amount_fails_and_names_the_figures() {
            let set = FactorSet::builtin().expect("built-in");
            let text = sealed(&doc(10.0, "cn.elec.footprint.2023.national"), set);
            let changed = edit(&text, |v| v["input"]["activities"][0]["amount"] = 20.into());
            let r = verify(&changed, set).expect("a sealed result");
            assert_eq!(r.status, "mismatch");
            let failed: Vec<&str> = r.checks.iter().filter(|c| !c.ok).map(|c| c.check).collect();
            assert_eq!(failed, ["input_digest", "recomputation"]);
            let amount = r
                .differences
                .iter()
                .find(|d| d.path == "$.lines[0].amount")
                .expect("the line amount is named");
            assert_eq!(amount.recorded, serde_json::json!(10.0));
            assert_eq!(amount.recomputed, serde_json::json!(20.0));
            let total = r
                .differences
                .iter()
                .find(|d| d.path == "$.total_kg_co2e")
                .expect("the total is named");
            assert_eq!(total.recomputed, serde_json::json!(20.0 * 0.6205));
        }

        #[test]
        fn a_changed_factor_fails_and_names_the_factor_and_table() {
            let text = sealed(&doc(100.0, "my.elec"), &user_set(0.5));
            assert_eq!(
                verify(&text, &user_set(0.5)).expect("sealed").status,
                "match"
            );
            let r = verify(&text, &user_set(0.6)).expect("sealed");
            assert_eq!(r.status, "mismatch");
            assert_eq!(r.factor_changes.len(), 1);
            let f = &r.factor_changes[0];
            assert_eq!(f.factor, "my.elec");
            assert_eq!(f.input_path, "$.activities[0]");
            assert_eq!(f.recorded["value"], serde_json::json!(0.5));
            assert_eq!(f.recomputed["value"], serde_json::json!(0.6));
            assert_eq!(r.table_changes.len(), 1);
            assert_eq!(r.table_changes[0].table, "mine.csv");
            // Without the user table the input does not compute: a failed check, not an error.
            let set = FactorSet::builtin().expect("built-in");
            let r = verify(&text, set).expect("sealed");
            assert_eq!(r.status, "mismatch");
            let re = r
                .checks
                .iter()
                .find(|c| c.check == "recomputation")
                .expect("check");
            assert!(
                !re.ok && re.detail.contains("unknown_factor"),
                "{}",
                re.detail
            );
            assert_eq!(r.table_changes[0].current_sha256, None);
        }

        #[test]
        fn an_edited_result_fails_its_digest() {
            let set = FactorSet::builtin().expect("built-in");
            let text = sealed(&doc(10.0, "cn.elec.footprint.2023.national"), set);
            let changed = edit(&text, |v| v["total_kg_co2e"] = 1.0.into());
            let r = verify(&changed, set).expect("sealed");
            let failed: Vec<&str> = r.checks.iter().filter(|c| !c.ok).map(|c| c.check).collect();
            assert_eq!(failed, ["result_digest", "recomputation"]);
            assert_eq!(r.differences_total, 1);
            assert_eq!(r.differences[0].path, "$.total_kg_co2e");
        }

        #[test]
        fn a_file_that_is_not_a_sealed_result_is_an_error_with_its_path() {
            let set = FactorSet::builtin().expect("built-in");
            let e = verify(r#"{"total_kg_co2e": 1}"#, set).expect_err("no receipt");
            assert_eq!((e.code(), e.path()), ("invalid_document", "$.receipt"));
            let e = verify("{", set).expect_err("malformed");
            assert_eq!(e.code(), "malformed_json");
            let text = sealed(&doc(10.0, "cn.elec.footprint.2023.national"), set);
            let no_digest = edit(&text, |v| v["receipt"]["input_sha256"] = 5.into());
            let e = verify(&no_digest, set).expect_err("bad receipt");
            assert_eq!(e.path(), "$.receipt.input_sha256");
        }
    }
}

/// From crates/pcf-core/src/engine.rs.
mod engine {
    mod tests {
        use crate::error::Error;
        /// A stage's sum can overflow while the total does not (a removal in another stage
        /// cancels it): 1e308 + 1e308 kg in `production` is infinite, the total with a 1.5e308
        /// removal in `end_of_life` is 5e307. serde_json would write the infinite stage as `null`
        /// in a sealed result; it is `non_finite_result` naming the figure instead.
        #[test]
        fn an_infinite_subtotal_is_an_error_even_when_the_total_is_finite() {
            let line = r#"{"amount":1e308,"unit":"kg","inline_factor":{"value":1,"per_unit":"kg","gwp_set":"AR6","source":"test"},"stage":"production"}"#;
            let doc = format!(
                r#"{{"schema":"pcf/1","product":{{"name":"p","sector":"other","declared_unit":{{"amount":1,"unit":"item"}}}},
                  "gwp_set":"AR6","boundary":{{"kind":"cradle-to-grave","stages":["production","end_of_life"]}},
                  "reference_period":{{"start":"2024-01-01","end":"2024-12-31"}},
                  "activities":[{line},{line}],
                  "emissions":[{{"gas":"CO2_biogenic","amount":1.5e308,"unit":"kg","removal":true,"stage":"end_of_life"}}]}}"#
            );
            let set = crate::FactorSet::builtin().expect("built-in");
            let err = crate::compute(&doc, set).expect_err("an infinite stage sum");
            assert_eq!(err.code(), "non_finite_result");
            let Error::NonFiniteResult { path, what } = err else {
                panic!("not non_finite_result");
            };
            assert_eq!(path, "$");
            assert_eq!(what, "by_stage[production]");
        }
    }
}

/// From crates/pcf-core/src/receipt/jcs.rs.
mod jcs {
    pub use crate::receipt::jcs::*;

    mod tests {
        use serde_json::Value;

        fn same(v: &Value) {
            let reference = serde_json_canonicalizer::to_string(v).expect("reference");
            assert_eq!(super::to_string(v).expect("jcs"), reference, "{v}");
        }

        /// Every golden case: its input and expected result as JSON values, and the typed result
        /// computed from the input (what `seal` canonicalises), give the reference's bytes.
        #[test]
        fn matches_the_reference_on_every_golden_case() {
            let set = crate::FactorSet::builtin().expect("built-in");
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
            let mut cases = 0;
            for entry in std::fs::read_dir(dir).expect("golden dir") {
                let case = entry.expect("entry").path();
                let (Ok(input), Ok(expected)) = (
                    std::fs::read_to_string(case.join("input.json")),
                    std::fs::read_to_string(case.join("expected.json")),
                ) else {
                    continue;
                };
                for text in [&input, &expected] {
                    same(&serde_json::from_str(text).expect("json"));
                }
                let mut r = crate::compute_unsealed(&input, set).expect("computes");
                r.receipt = None;
                r.input = None;
                let reference = serde_json_canonicalizer::to_string(&r).expect("reference");
                assert_eq!(super::to_string(&r).expect("jcs"), reference, "{case:?}");
                cases += 1;
            }
            assert!(cases >= 20, "{cases} golden cases");
        }
    }
}
