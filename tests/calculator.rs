//! The prepared calculator (`pcf::calculator::Calculator`, the WASM `Calculator`): after any
//! sequence of amount edits its totals are the bits `compute_totals` gives for the edited
//! document's text, and an edit the full path refuses is refused with the same code and path
//! (and changes nothing). Runs over every golden `pcf/1` input, a document with every kind of
//! line (tests/data/calculator-lines.json) and the 1,000-line benchmark product. Native only
//! (it reads the golden directory); the same checks run on the WASM module in
//! tests/pkg/calculator.test.mjs.
#![cfg(not(target_arch = "wasm32"))]

use pcf::calculator::{Calculator, LineRef};
use pcf::FactorSet;
use serde_json::Value;

/// Every line's JSON path (`$.activities[0]`, `$.components[1].emissions[0]`) and a pointer
/// to its amount in the document value.
fn lines(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut owner = |v: &Value, path: &str, ptr: &str| {
        for key in ["activities", "emissions"] {
            let n = v.get(key).and_then(Value::as_array).map_or(0, Vec::len);
            for i in 0..n {
                out.push((
                    format!("{path}.{key}[{i}]"),
                    format!("{ptr}/{key}/{i}/amount"),
                ));
            }
        }
    };
    owner(doc, "$", "");
    let comps = doc.get("components").and_then(Value::as_array);
    for (c, comp) in comps.into_iter().flatten().enumerate() {
        if comp.get("declared").is_none() {
            owner(
                comp,
                &format!("$.components[{c}]"),
                &format!("/components/{c}"),
            );
        }
    }
    out
}

/// A small deterministic generator (xorshift64*), so a failure names its seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A new amount: mostly ordinary decimals of many magnitudes, sometimes 0, the old value,
/// a negative number or something tiny or huge.
fn amount(rng: &mut Rng, old: f64) -> f64 {
    match rng.below(10) {
        0 => 0.0,
        1 => old,
        2 => -(rng.below(1000) as f64) / 7.0 - 0.5,
        3 => 1e-300 * (1 + rng.below(9)) as f64,
        4 => 1e15 * (1 + rng.below(9)) as f64 / 3.0,
        _ => (rng.below(1_000_000) as f64) / 10f64.powi(rng.below(6) as i32),
    }
}

fn totals_text(t: &pcf::result::Totals) -> String {
    serde_json::to_string(t).expect("serialises")
}

/// `edits` random edits of `text`'s lines, each checked against a full recomputation.
fn check(name: &str, text: &str, edits: usize, seed: u64) -> (usize, usize) {
    let set = FactorSet::builtin().expect("built-in tables");
    let mut doc: Value = serde_json::from_str(text).expect("JSON");
    let mut calc = Calculator::new(text, set).unwrap_or_else(|e| panic!("{name}: {e}"));
    let lines = lines(&doc);
    // A component with a declared footprint is one line with no amount to set.
    let declared = doc
        .get("components")
        .and_then(Value::as_array)
        .map_or(0, |c| {
            c.iter().filter(|c| c.get("declared").is_some()).count()
        });
    assert_eq!(
        calc.line_count(),
        lines.len() + declared,
        "{name}: line count"
    );
    let mut rng = Rng(seed);
    let (mut accepted, mut refused) = (0, 0);
    for k in 0..edits {
        let (path, ptr) = &lines[rng.below(lines.len())];
        let old = doc.pointer(ptr).and_then(Value::as_f64).expect("amount");
        let v = amount(&mut rng, old);
        let mut edited = doc.clone();
        *edited.pointer_mut(ptr).expect("amount") = serde_json::json!(v);
        let edited_text = serde_json::to_string(&edited).expect("serialises");
        let full = pcf::compute_totals(&edited_text, set);
        // Half the edits name the line by path, the top-level activities also by index.
        let r = match path.strip_prefix("$.activities[") {
            Some(i) if k % 2 == 0 => {
                LineRef::Activity(i.trim_end_matches(']').parse().expect("index"))
            }
            _ => LineRef::Path(path),
        };
        // The totals before the edit (or the network's error, after an edit that broke it).
        let before = calc
            .totals(set)
            .map(|t| totals_text(&t))
            .map_err(|e| e.report().path);
        match (calc.set_amount(r, v), full) {
            (Ok(()), Ok(full)) => {
                let got = calc
                    .totals(set)
                    .unwrap_or_else(|e| panic!("{name} seed {seed} edit {k}: {e}"));
                assert_eq!(
                    totals_text(&got),
                    totals_text(&full),
                    "{name} seed {seed} edit {k}: {path} = {v}"
                );
                doc = edited;
                accepted += 1;
            }
            (Err(e), Err(f)) => {
                let (e, f) = (e.report(), f.report());
                assert_eq!(
                    (e.code, e.path),
                    (f.code, f.path),
                    "{name} seed {seed} edit {k}: {path} = {v}"
                );
                assert_eq!(
                    calc.totals(set)
                        .map(|t| totals_text(&t))
                        .map_err(|e| e.report().path),
                    before,
                    "{name}: a refused edit changes nothing"
                );
                refused += 1;
            }
            (Ok(()), Err(f)) => {
                // Accepted line by line, refused by the network (a loop that no longer
                // converges): totals() reports the same error.
                let e = calc.totals(set).expect_err("the full path fails");
                let (e, f) = (e.report(), f.report());
                assert_eq!(
                    (e.code, e.path),
                    (f.code, f.path),
                    "{name} seed {seed} edit {k}"
                );
                doc = edited;
                refused += 1;
            }
            (Err(e), Ok(_)) => panic!("{name} seed {seed} edit {k}: {path} = {v} refused: {e}"),
        }
    }
    (accepted, refused)
}

#[test]
fn edits_give_the_bits_of_a_full_recomputation_on_every_golden_case() {
    let mut cases = 0;
    for entry in std::fs::read_dir("tests/golden").expect("golden dir") {
        let input = entry.expect("entry").path().join("input.json");
        let Ok(text) = std::fs::read_to_string(&input) else {
            continue;
        };
        let tag = serde_json::from_str::<Value>(&text).expect("JSON")["schema"].clone();
        if tag != "pcf/1" {
            continue;
        }
        let (ok, refused) = check(&input.display().to_string(), &text, 200, 7 + cases as u64);
        assert!(
            ok > 50 && refused > 0,
            "{}: {ok} accepted, {refused} refused",
            input.display()
        );
        cases += 1;
    }
    assert!(cases >= 10, "{cases} pcf/1 golden inputs");
}

#[test]
fn edits_of_every_kind_of_line() {
    let text = std::fs::read_to_string("tests/data/calculator-lines.json").expect("file");
    for seed in 1..=5 {
        let (ok, refused) = check("calculator-lines", &text, 400, seed);
        assert!(ok > 100 && refused > 30, "{ok} accepted, {refused} refused");
    }
}

#[test]
fn edits_of_the_benchmark_product() {
    let lines: Vec<String> = (0..1000)
        .map(|i| {
            let (f, u) = [
                ("cn.elec.footprint.2023.national", "kWh"),
                ("cn.elec.co2avg.2022.grid.east", "kWh"),
                ("worldsteel.ghg.2024.world", "t"),
                ("ipcc2006.fuel.coke_oven_coke.ch4.per-t", "t"),
            ][i % 4];
            let amount = 1.0 + ((i * 37) % 1000) as f64 / 10.0;
            format!(r#"{{"amount":{amount},"unit":"{u}","factor":"{f}","stage":"production"}}"#)
        })
        .collect();
    let text = format!(
        r#"{{"schema":"pcf/1","product":{{"name":"bench","sector":"other","declared_unit":{{"amount":1,"unit":"item"}}}},"gwp_set":"AR6","boundary":{{"kind":"cradle-to-gate","stages":["production"]}},"reference_period":{{"start":"2024-01-01","end":"2024-12-31"}},"activities":[{}]}}"#,
        lines.join(",")
    );
    let (ok, _) = check("product 1000", &text, 60, 99);
    assert!(ok > 30);
}

#[test]
fn a_bad_edit_names_the_amount_and_changes_nothing() {
    let text = std::fs::read_to_string("tests/data/calculator-lines.json").expect("file");
    let set = FactorSet::builtin().expect("built-in tables");
    let mut calc = Calculator::new(&text, set).expect("valid");
    let before = totals_text(&calc.totals(set).expect("totals"));
    let report = |r: pcf::Result<()>| {
        let e = r.expect_err("refused").report();
        (e.code, e.path)
    };
    assert_eq!(
        report(calc.set_amount(LineRef::Activity(1), -2.0)),
        ("negative_amount".into(), "$.activities[1].amount".into())
    );
    assert_eq!(
        report(calc.set_amount(LineRef::Path("$.components[0].emissions[0]"), f64::NAN)),
        (
            "non_finite".into(),
            "$.components[0].emissions[0].amount".into()
        )
    );
    // The first line's uniform uncertainty is 100–150: 151 leaves it.
    assert_eq!(
        report(calc.set_amount(LineRef::Path("$.activities[0].amount"), 151.0)),
        (
            "invalid_value".into(),
            "$.activities[0].uncertainty.max".into()
        )
    );
    assert_eq!(
        report(calc.set_amount(LineRef::Activity(5), 1.0)),
        ("invalid_value".into(), "line".into())
    );
    assert_eq!(
        report(calc.set_amount(LineRef::Path("$.activities[9]"), 1.0)),
        ("invalid_value".into(), "line".into())
    );
    assert_eq!(totals_text(&calc.totals(set).expect("totals")), before);
    // -0 is taken as 0, as JSON would carry it.
    calc.set_amount(LineRef::Activity(1), -0.0).expect("zero");
    assert_eq!(
        calc.document().activities[1].amount.to_bits(),
        0.0f64.to_bits()
    );
}

#[test]
fn a_template_is_refused_with_its_tag() {
    let text =
        std::fs::read_to_string("tests/golden/example-steel-bf-bof-coil/input.json").expect("file");
    let e = Calculator::new(&text, FactorSet::builtin().expect("tables")).expect_err("template");
    let r = e.report();
    assert_eq!(
        (r.code.as_str(), r.path.as_str()),
        ("unsupported_schema", "$.schema")
    );
}

/// A declared footprint's line has no amount: `set_amount` and `amount_path` both refuse it at
/// `line` (not at a `….declared.amount` that does not exist), and nothing changes.
#[test]
fn a_declared_footprint_has_no_amount_to_set() {
    let text = std::fs::read_to_string("tests/golden/pact-imported-coil/input.json").expect("file");
    let set = FactorSet::builtin().expect("built-in tables");
    let mut calc = Calculator::new(&text, set).expect("reads");
    let before = serde_json::to_string(&calc.totals(set).expect("totals")).expect("text");
    let at = LineRef::Path("$.components[0].declared");
    for e in [
        calc.amount_path(at).expect_err("no amount path"),
        calc.set_amount(at, 2.0).expect_err("no amount to set"),
    ] {
        assert_eq!(e.code(), "invalid_value");
        assert_eq!(e.path(), "line");
        assert!(e.to_string().contains("declared footprint"), "{e}");
    }
    let after = serde_json::to_string(&calc.totals(set).expect("totals")).expect("text");
    assert_eq!(before, after);
}
