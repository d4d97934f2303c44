//! A document against its receipt in every form: match, a mismatch for an edited document, for
//! other tables and for another document, and the errors of what is not a receipt.

use super::*;

fn example(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read_to_string(path).expect("example exists")
}

fn builtin() -> &'static FactorSet {
    FactorSet::builtin().expect("built-in")
}

fn sealed(doc: &str) -> String {
    crate::compute_json(doc, builtin()).expect("computes")
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("JSON")
}

/// The example with its first inline or declared figure (`"kg_co2e": N`, else `"value": N`,
/// else `"amount": N`) changed to N + 1: the same product, another document.
fn edited(doc: &str) -> String {
    let key = ["\"kg_co2e\": ", "\"value\": ", "\"amount\": "]
        .into_iter()
        .find(|k| doc.contains(k))
        .expect("a figure");
    let at = doc.find(key).expect("a figure") + key.len();
    let end = at + doc[at..].find([',', '\n', '}']).expect("ends");
    let n: f64 = doc[at..end].trim().parse().expect("a number");
    format!("{}{}{}", &doc[..at], n + 1.0, &doc[end..])
}

fn statuses(r: &DocumentVerifyReport) -> Vec<(&str, &str)> {
    r.checks.iter().map(|c| (c.check, c.status)).collect()
}

#[test]
fn the_document_matches_its_receipt_in_every_form() {
    let doc = example("pv-cre-ecs-mono-module.json");
    let result = sealed(&doc);
    let v = json(&result);
    let digest = v["receipt"]["result_sha256"].as_str().expect("digest");
    let bare = serde_json::to_string(&v["receipt"]).expect("receipt");
    let label = crate::reports::report(
        "label",
        &result,
        &crate::reports::Options::default(),
        builtin(),
    )
    .expect("label")
    .text;
    for (receipt, source) in [
        (result.clone(), "result"),
        (bare, "receipt"),
        (digest.to_string(), "digest"),
        (
            format!("  https://x.invalid/pcf/#verify={digest}\n"),
            "digest",
        ),
        (digest.to_ascii_uppercase(), "digest"),
        (label, "label"),
    ] {
        let r = verify_document(&doc, &receipt, builtin()).expect(source);
        assert!(r.matches(), "{source}: {}", r.summary);
        assert_eq!(r.receipt_source, source);
        assert!(r.differs.is_empty());
        assert_eq!(
            r.total_kg_co2e.to_bits(),
            v["total_kg_co2e"].as_f64().expect("total").to_bits()
        );
        assert!(
            r.summary.starts_with("match: this document (input sha256 "),
            "{}",
            r.summary
        );
        assert!(
            r.summary.contains(", total 425.494 kg CO2e per 1.0 kWp;"),
            "{}",
            r.summary
        );
        assert!(r.summary.contains(digest), "{}", r.summary);
        assert!(!r.summary.contains('\n'));
        match source {
            "digest" => {
                assert_eq!(
                    statuses(&r),
                    [
                        ("input_digest", "not_given"),
                        ("factor_set", "not_given"),
                        ("result_digest", "match")
                    ]
                );
                assert!(r.summary.contains("input digest and factor set not given"));
            }
            _ => assert_eq!(
                statuses(&r),
                [
                    ("input_digest", "match"),
                    ("factor_set", "match"),
                    ("result_digest", "match")
                ]
            ),
        }
    }
}

#[test]
fn a_report_carrying_the_receipt_is_a_receipt() {
    let doc = example("battery-m1-75kwh.json");
    let result = sealed(&doc);
    let meta = r#"{"public_study_url": "https://example.invalid/study.pdf"}"#;
    let passport = crate::reports::report(
        "battery-passport",
        &result,
        &crate::reports::Options {
            meta: Some(meta.into()),
            ..Default::default()
        },
        builtin(),
    )
    .expect("passport")
    .text;
    let r = verify_document(&doc, &passport, builtin()).expect("verifies");
    assert!(r.matches(), "{}", r.summary);
    assert_eq!(r.receipt_source, "report");
    assert_eq!(r.report_schema.as_deref(), Some("pcf-battery-passport/1"));
    // The edited battery study against the passport: a mismatch, input and result.
    let r = verify_document(&edited(&doc), &passport, builtin()).expect("verifies");
    assert!(!r.matches());
    assert_eq!(r.differs, ["input_digest", "result_digest"]);
}

#[test]
fn an_edited_document_is_a_mismatch_that_says_what_differs() {
    let doc = example("pv-cre-ecs-mono-module.json");
    let result = sealed(&doc);
    let changed = edited(&doc);
    let r = verify_document(&changed, &result, builtin()).expect("verifies");
    assert!(!r.matches());
    assert_eq!(r.status, "mismatch");
    assert_eq!(r.differs, ["input_digest", "result_digest"]);
    assert_eq!(
        statuses(&r),
        [
            ("input_digest", "mismatch"),
            ("factor_set", "match"),
            ("result_digest", "mismatch")
        ]
    );
    assert!(
        r.summary.starts_with("mismatch: this document"),
        "{}",
        r.summary
    );
    assert!(
        r.summary
            .contains("input digest, result digest differ from the receipt's"),
        "{}",
        r.summary
    );
    assert!(r.summary.contains("the receipt sealed another document"));
    assert!(
        r.summary
            .contains("the receipt's result records total 425.494"),
        "{}",
        r.summary
    );
    assert_eq!(r.recorded_total_kg_co2e, Some(425.494));
    // Only whitespace and key order changed: the same canonical document, a match.
    let v: serde_json::Value = json(&doc);
    let r = verify_document(&v.to_string(), &result, builtin()).expect("verifies");
    assert!(r.matches(), "{}", r.summary);
}

#[test]
fn another_factor_set_is_named() {
    let doc = example("steel-bf-bof-coil.json");
    let result = sealed(&doc);
    let csv = "id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,licence,verification,notes\nzz.test.extra,extra,额外,1,kg,kg,CO2e,AR6,fossil,GLO,2024,test,own,user,\n";
    let table = crate::factors::FactorTable::from_csv(
        "extra.csv",
        crate::factors::Origin::User { overrides: false },
        csv,
    )
    .expect("a table");
    let other = FactorSet::with_user_tables(vec![table]).expect("a set");
    let r = verify_document(&doc, &result, &other).expect("verifies");
    assert!(!r.matches());
    assert!(r.differs.contains(&"factor_set"), "{:?}", r.differs);
    assert!(
        r.summary.contains("the factor tables differ"),
        "{}",
        r.summary
    );
}

#[test]
fn what_is_not_a_receipt_is_an_error_at_its_path() {
    let doc = example("steel-bf-bof-coil.json");
    let result = sealed(&doc);
    let mut v = json(&result);
    // A sealed result edited after sealing.
    v["total_kg_co2e"] = serde_json::json!(1.0);
    let e = verify_document(&doc, &v.to_string(), builtin()).expect_err("edited");
    assert_eq!(e.path(), "$receipt.receipt.result_sha256", "{e}");
    for text in ["abc", "[1, 2]", "   ", "", "7"] {
        let e = verify_document(&doc, text, builtin()).expect_err(text);
        assert_eq!(
            (e.code(), e.path()),
            ("invalid_document", "$receipt"),
            "{text:?}: {e}"
        );
    }
    for (text, path) in [
        (r#"{"schema": "pcf/1"}"#.to_string(), "$receipt"),
        ("[1, 2]".to_string(), "$receipt"),
        ("abc".to_string(), "$receipt"),
        (
            r#"{"schema": "pcf-x/1", "receipt": {"result_sha256": "00"}}"#.to_string(),
            "$receipt.receipt",
        ),
        (
            format!(
                r#"{{"schema": "pcf-x/1", "receipt": {{"result_sha256": "{}", "input_sha256": "no", "factor_set_sha256": "{}", "engine": "pcf"}}}}"#,
                "a".repeat(64),
                "b".repeat(64)
            ),
            "$receipt.receipt.input_sha256",
        ),
        (
            r#"{"format": "pcf-receipt/1", "engine": "pcf"}"#.to_string(),
            "$receipt",
        ),
        (
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_string(),
            "$receipt",
        ),
    ] {
        let e = verify_document(&doc, &text, builtin()).expect_err(&text);
        assert_eq!(e.path(), path, "{text}: {e}");
    }
    // A document that does not compute: the engine's error at the document's path.
    let e = verify_document(r#"{"schema": "pcf/1"}"#, &result, builtin()).expect_err("bad doc");
    assert_eq!((e.code(), e.path()), ("invalid_document", "$"), "{e}");
    assert!(e.to_string().contains("product"), "{e}");
}
