//! Nothing lost (issue 9): a document read into its types and written back keeps every field
//! it had, the sealed result echoes the input exactly, and a field the types do not know is an
//! `invalid_document` error at its own JSON path — never dropped.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use pcf::sectors::{Sector, SectorVisitor, TEMPLATES};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn set() -> &'static pcf::FactorSet {
    pcf::FactorSet::builtin().expect("built-in set")
}

/// Every document the repository ships: the examples and the golden inputs.
fn documents() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("examples")).expect("examples/") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
    for entry in std::fs::read_dir(root().join("tests/golden")).expect("tests/golden/") {
        let p = entry.expect("entry").path().join("input.json");
        if p.is_file() {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Reads `text` into the document type its `schema` names and writes it back as a JSON value.
fn round_trip(text: &str) -> Value {
    fn via<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> Value {
        let doc: T = pcf::json::parse(text).expect("the document parses");
        serde_json::to_value(&doc).expect("serialises")
    }
    /// The registered sector whose tag the text names reads it (every sector, from the
    /// registry).
    struct ByTag<'a> {
        text: &'a str,
        tag: &'a str,
        out: Option<Value>,
    }
    impl SectorVisitor for ByTag<'_> {
        fn visit<S: Sector>(&mut self) {
            if self.tag == S::TAG {
                self.out = Some(via::<S::Input>(self.text));
            }
        }
    }
    let v: Value = serde_json::from_str(text).expect("JSON");
    let tag = v.get("schema").and_then(Value::as_str).unwrap_or_default();
    if tag == "pcf/1" {
        return via::<pcf::document::Document>(text);
    }
    let mut by_tag = ByTag {
        text,
        tag,
        out: None,
    };
    pcf::sectors::visit_all(&mut by_tag);
    by_tag
        .out
        .unwrap_or_else(|| panic!("unknown schema {tag:?}"))
}

/// A value serde writes for a field the input left out: the field's default (empty, zero,
/// false, or a named `#[serde(default = …)]`: an inline factor's `value_unit` and `basis`).
fn is_default(key: &str, v: &Value) -> bool {
    match v {
        Value::String(s) => matches!((key, s.as_str()), ("value_unit", "kg") | ("basis", "CO2e")),
        Value::Array(a) => a.is_empty(),
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// Every field of `input` is in `output` with the same value (numbers as f64, bit for bit);
/// fields only in `output` are defaults. Returns the differences with their paths.
fn keeps(input: &Value, output: &Value, path: &str, diffs: &mut Vec<String>) {
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                match b.get(k) {
                    Some(vb) => keeps(va, vb, &format!("{path}.{k}"), diffs),
                    None => diffs.push(format!("{path}.{k}: dropped")),
                }
            }
            for (k, vb) in b {
                if !a.contains_key(k) && !is_default(k, vb) {
                    diffs.push(format!("{path}.{k}: added {vb}"));
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                diffs.push(format!("{path}: {} items became {}", a.len(), b.len()));
            }
            for (i, (va, vb)) in a.iter().zip(b).enumerate() {
                keeps(va, vb, &format!("{path}[{i}]"), diffs);
            }
        }
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (
                x.as_f64().unwrap_or(f64::NAN),
                y.as_f64().unwrap_or(f64::NAN),
            );
            if x.to_bits() != y.to_bits() {
                diffs.push(format!("{path}: {x} became {y}"));
            }
        }
        (a, b) if a == b => {}
        (a, b) => diffs.push(format!("{path}: {a} became {b}")),
    }
}

#[test]
fn every_shipped_document_keeps_every_field_through_its_types_and_the_seal() {
    let docs = documents();
    assert!(
        docs.len() >= 30,
        "examples and golden inputs: {}",
        docs.len()
    );
    let mut templates = std::collections::BTreeSet::new();
    for p in &docs {
        let text = std::fs::read_to_string(p).expect("readable");
        let input: Value = serde_json::from_str(&text).expect("JSON");
        if let Some(s) = input.get("schema").and_then(Value::as_str) {
            templates.insert(s.to_string());
        }
        // parse → write back: nothing dropped, nothing changed.
        let mut diffs = Vec::new();
        keeps(&input, &round_trip(&text), "$", &mut diffs);
        assert!(diffs.is_empty(), "{}: {diffs:#?}", p.display());
        // The sealed result carries the input as given, every field.
        let result = pcf::compute(&text, set()).expect("computes");
        assert_eq!(
            result.input.as_ref(),
            Some(&input),
            "{}: the sealed result echoes the input",
            p.display()
        );
        // and the result written out and read back still verifies (nothing lost on the way).
        let written = pcf::to_json(&result).expect("serialises");
        let report = pcf::verify(&written, set()).expect("verifies");
        let v = serde_json::to_value(&report).expect("report");
        assert_eq!(v["status"], "match", "{}", p.display());
        // Each check says what it found in Chinese too, with the same digests (issue 21).
        let digest = result
            .receipt
            .as_ref()
            .expect("sealed")
            .input_sha256
            .clone();
        assert_eq!(
            v["checks"][0]["detail_zh"],
            format!("输入的哈希值与记录相符：{digest}")
        );
        assert_eq!(
            v["checks"][3]["detail_zh"],
            "重新计算输入得到所记录的结果，逐位相同"
        );
    }
    // pcf/1 and every template are covered.
    for t in std::iter::once("pcf/1").chain(TEMPLATES.iter().map(|t| t.tag)) {
        assert!(templates.contains(t), "no shipped document of {t}");
    }
}

/// Adds `"x_unknown": 1` to the object at `pointer` (RFC 6901).
fn with_unknown(doc: &Value, pointer: &str) -> Value {
    let mut d = doc.clone();
    let obj = d
        .pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("{pointer} is an object"));
    obj.insert("x_unknown".into(), Value::from(1));
    d
}

fn pointer_to_path(pointer: &str) -> String {
    let mut p = String::from("$");
    for seg in pointer.split('/').skip(1) {
        if seg.chars().all(|c| c.is_ascii_digit()) {
            p.push_str(&format!("[{seg}]"));
        } else {
            p.push('.');
            p.push_str(seg);
        }
    }
    p + ".x_unknown"
}

fn load(rel: &str) -> Value {
    let text = std::fs::read_to_string(root().join(rel)).expect("readable");
    serde_json::from_str(&text).expect("JSON")
}

/// Every object of `v` (as RFC 6901 pointers), skipping free-form ones.
fn objects(v: &Value, pointer: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            out.push(pointer.to_string());
            for (k, x) in o {
                objects(x, &format!("{pointer}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                objects(x, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn an_unknown_field_at_any_depth_is_invalid_document_at_its_path() {
    let mut checked = 0;
    for p in documents() {
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(&p).expect("readable")).expect("JSON");
        let mut ptrs = Vec::new();
        objects(&doc, "", &mut ptrs);
        for ptr in ptrs {
            let bad = with_unknown(&doc, &ptr);
            let err = pcf::compute(&bad.to_string(), set()).expect_err(&format!(
                "{}: x_unknown at {ptr:?} is rejected",
                p.display()
            ));
            assert_eq!(
                (err.code(), err.path()),
                ("invalid_document", pointer_to_path(&ptr).as_str()),
                "{}: {err}",
                p.display()
            );
            checked += 1;
        }
    }
    // Every object of every shipped document: several hundred places, every nesting level.
    assert!(checked > 300, "{checked} places checked");
}

#[test]
fn unknown_fields_named_in_the_issue_give_their_exact_paths() {
    let doc = load("tests/golden/loop/input.json");
    for (ptr, path) in [
        ("", "$.x_unknown"),
        ("/product", "$.product.x_unknown"),
        (
            "/product/declared_unit",
            "$.product.declared_unit.x_unknown",
        ),
        ("/boundary", "$.boundary.x_unknown"),
        ("/activities/0", "$.activities[0].x_unknown"),
        ("/components/1", "$.components[1].x_unknown"),
        ("/components/0/output", "$.components[0].output.x_unknown"),
        (
            "/components/0/activities/1",
            "$.components[0].activities[1].x_unknown",
        ),
    ] {
        let err = pcf::compute(&with_unknown(&doc, ptr).to_string(), set())
            .expect_err("unknown field rejected");
        assert_eq!(err.code(), "invalid_document", "{ptr}");
        assert_eq!(err.path(), path, "{ptr}");
        assert!(err.to_string().contains("x_unknown"), "{err}");
    }
}
