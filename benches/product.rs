//! Recomputing one product as a supplier types: a 1,000-line `pcf/1` document (the same one
//! `scripts/bench-wasm.mjs` times in WASM), through each stage of `compute`:
//! - `compute_totals`: parse, validate, solve, characterise: the figures without the audit trail;
//! - `calculator_set_amount_totals`: one amount changed in a prepared model, every line and
//!   total recomputed (what the page does per keystroke);
//! - `compute_unsealed`: the number and its audit trail;
//! - `compute` (sealed: canonical input and result, SHA-256 digests);
//! - `compute_json` (sealed, pretty JSON text: what the CLI prints and the page receives).
//!
//! `cargo bench --bench product` prints the medians.

use criterion::{criterion_group, criterion_main, Criterion};

/// The benchmark product: `n` lines over a few built-in factors with their own units;
/// amounts follow a fixed pattern (no randomness), so every engine sees the same document.
pub fn product(n: usize) -> String {
    const FACTORS: [(&str, &str); 4] = [
        ("cn.elec.footprint.2023.national", "kWh"),
        ("cn.elec.co2avg.2022.grid.east", "kWh"),
        ("worldsteel.ghg.2024.world", "t"),
        ("ipcc2006.fuel.coke_oven_coke.ch4.per-t", "t"),
    ];
    let lines: Vec<String> = (0..n)
        .map(|i| {
            let (f, u) = FACTORS[i % FACTORS.len()];
            let amount = 1.0 + ((i * 37) % 1000) as f64 / 10.0;
            format!(r#"{{"amount":{amount},"unit":"{u}","factor":"{f}","stage":"production"}}"#)
        })
        .collect();
    format!(
        r#"{{"schema":"pcf/1","product":{{"name":"bench {n}","sector":"other","declared_unit":{{"amount":1,"unit":"item"}}}},"gwp_set":"AR6","boundary":{{"kind":"cradle-to-gate","stages":["production"]}},"reference_period":{{"start":"2024-01-01","end":"2024-12-31"}},"activities":[{}]}}"#,
        lines.join(",")
    )
}

fn products(c: &mut Criterion) {
    let set = pcf::FactorSet::builtin().expect("built-in tables");
    let doc = product(1000);
    let mut g = c.benchmark_group("product-1000-lines");
    g.bench_function("compute_totals", |b| {
        b.iter(|| pcf::compute_totals(&doc, set).expect("computes"))
    });
    // The page recomputing as a supplier types (pcf::calculator, the WASM `Calculator`): the
    // document read and validated once, then per keystroke one amount set and every line and
    // total recomputed.
    g.bench_function("calculator_set_amount_totals", |b| {
        let mut calc = pcf::calculator::Calculator::new(&doc, set).expect("valid");
        let mut k = 0usize;
        b.iter(|| {
            k += 1;
            let line = pcf::calculator::LineRef::Activity(k % 1000);
            calc.set_amount(line, 1.0 + (k % 97) as f64 / 10.0)
                .expect("valid amount");
            calc.totals(set).expect("computes")
        })
    });
    // The same, with the figures written as JSON text (what the WASM `totals()` hands to JS
    // before its `JSON.parse`): the like-for-like native counterpart.
    g.bench_function("calculator_set_amount_totals_json", |b| {
        let mut calc = pcf::calculator::Calculator::new(&doc, set).expect("valid");
        let mut k = 0usize;
        b.iter(|| {
            k += 1;
            let line = pcf::calculator::LineRef::Activity(k % 1000);
            calc.set_amount(line, 1.0 + (k % 97) as f64 / 10.0)
                .expect("valid amount");
            serde_json::to_string(&calc.totals(set).expect("computes")).expect("writes")
        })
    });
    g.bench_function("compute_unsealed", |b| {
        b.iter(|| pcf::compute_unsealed(&doc, set).expect("computes"))
    });
    g.bench_function("compute", |b| {
        b.iter(|| pcf::compute(&doc, set).expect("computes"))
    });
    // What `compute` did before it read a `pcf/1` document once (issue 18): the unsealed
    // compute, then a second read of the text for the receipt.
    g.bench_function("compute_two_reads", |b| {
        b.iter(|| {
            let mut r = pcf::compute_unsealed(&doc, set).expect("computes");
            let input = pcf::receipt::input_value(&doc).expect("reads");
            pcf::receipt::seal(&mut r, input).expect("seals");
            r
        })
    });
    g.bench_function("compute_json", |b| {
        b.iter(|| pcf::compute_json(&doc, set).expect("computes"))
    });
    g.finish();
}

criterion_group!(benches, products);
criterion_main!(benches);
