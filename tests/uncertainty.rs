//! `pcf uncertainty`: Monte Carlo against analytical results, correlation, determinism,
//! sensitivity, errors with their paths, the golden file shared with the Node test (the CLI's:
//! crates/pcf-cli/tests/uncertainty.rs).
//!
//! Tolerances: a Monte Carlo estimate from N independent runs has a standard error (SE) that
//! follows from the distribution; each check allows 4 SE (a correct implementation misses it
//! with probability ≈ 6e-5 for a random seed; the seed is fixed, so the test is deterministic
//! and an implementation error of more than a few SE fails it).
//! - mean: SE = σ/√N;
//! - sample variance of normal data: SE = σ²·√(2/(N−1));
//! - p-th quantile q_p: SE = √(p(1−p)/N) / f(q_p), f the density at q_p; for a lognormal with
//!   median m and σ = ln(gsd), f(q_p) = φ(z_p)/(q_p σ), so SE = q_p σ √(p(1−p)/N) / φ(z_p).

use pcf::factors::{FactorSet, FactorTable, Origin, FACTOR_COLUMNS_ALL};
use pcf::uncertainty::{run, run_json, Options, Report, Simulation};

fn builtin() -> &'static FactorSet {
    FactorSet::builtin().expect("built-in tables")
}

fn doc(activities: &str) -> String {
    format!(
        r#"{{"schema": "pcf/1",
  "product": {{"name": "t", "sector": "other", "declared_unit": {{"amount": 1, "unit": "item"}}}},
  "gwp_set": "AR6",
  "boundary": {{"kind": "cradle-to-gate", "stages": ["production"]}},
  "reference_period": {{"start": "2024-01-01", "end": "2024-12-31"}},
  "activities": [{activities}]}}"#
    )
}

fn inline(amount: f64, value: f64, unc: &str) -> String {
    format!(
        r#"{{"amount": {amount}, "unit": "kg", "stage": "production",
            "inline_factor": {{"value": {value}, "per_unit": "kg", "source": "test", "uncertainty": "{unc}"}}}}"#
    )
}

fn opts(runs: u32, seed: u64) -> Options {
    Options {
        runs,
        seed,
        threshold: None,
    }
}

fn phi(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

#[test]
fn a_single_lognormal_line_reproduces_its_analytical_percentiles() {
    let n = 100_000u32;
    let gsd: f64 = 1.2;
    let sigma = gsd.ln();
    let median = 10.0 * 2.0;
    let r = run(
        &doc(&inline(10.0, 2.0, "lognormal:gsd=1.2")),
        builtin(),
        opts(n, 7),
    )
    .unwrap();
    assert_eq!(r.deterministic_kg_co2e, 20.0);
    let s = &r.statistics;
    // z_p of the standard normal (R qnorm).
    for (p, z, got) in [
        (0.025, -1.959_963_984_540_054, s.p2_5),
        (0.05, -1.644_853_626_951_472_2, s.p5),
        (0.5, 0.0, s.p50),
        (0.95, 1.644_853_626_951_472_2, s.p95),
        (0.975, 1.959_963_984_540_054, s.p97_5),
    ] {
        let q = median * (sigma * z).exp();
        let se = q * sigma * (p * (1.0 - p) / n as f64).sqrt() / phi(z);
        assert!(
            (got - q).abs() <= 4.0 * se,
            "p{p}: got {got}, analytical {q}, 4 SE = {}",
            4.0 * se
        );
    }
    let mean = median * (sigma * sigma / 2.0).exp();
    let sd = mean * ((sigma * sigma).exp() - 1.0).sqrt();
    assert!((s.mean - mean).abs() <= 4.0 * sd / (n as f64).sqrt());
    // sd of a lognormal sample: SE ≈ sd·√((κ−1)/(4N)) with kurtosis κ; 3 % is > 4 SE for σ=0.18.
    assert!((s.sd - sd).abs() <= 0.03 * sd, "sd {} vs {sd}", s.sd);
    assert_eq!(r.uncertain_lines, 1);
    assert!((r.lines[0].variance_share - 1.0).abs() < 1e-12);
}

#[test]
fn a_sum_of_independent_normals_has_the_analytical_variance() {
    let n = 50_000u32;
    // Three factors, each its own source: Var = Σ (amount × sd)².
    let lines = [
        inline(2.0, 1.0, "normal:sd=0.1"),
        inline(3.0, 2.0, "normal:sd=0.3"),
        inline(5.0, 0.5, "normal:sd=0.05"),
    ]
    .join(",");
    let var: f64 = [(2.0, 0.1), (3.0, 0.3), (5.0, 0.05)]
        .iter()
        .map(|(a, s): &(f64, f64)| (a * s).powi(2))
        .sum();
    let r = run(&doc(&lines), builtin(), opts(n, 11)).unwrap();
    let got = r.statistics.sd * r.statistics.sd;
    let se = var * (2.0 / (n as f64 - 1.0)).sqrt();
    assert!(
        (got - var).abs() <= 4.0 * se,
        "variance {got} vs {var} ± {}",
        4.0 * se
    );
    let mean = 2.0 + 6.0 + 2.5;
    assert!((r.statistics.mean - mean).abs() <= 4.0 * (var / n as f64).sqrt());
    // Each line's share of the variance tends to its own variance over the total.
    for (l, own) in r.lines.iter().zip([0.04, 0.81, 0.0625]) {
        assert!(
            (l.variance_share - own / var).abs() < 0.02,
            "{}: {} vs {}",
            l.path,
            l.variance_share,
            own / var
        );
    }
    let total: f64 = r.lines.iter().map(|l| l.variance_share).sum();
    assert!((total - 1.0).abs() < 1e-9);
}

fn correlated_set() -> FactorSet {
    let header = FACTOR_COLUMNS_ALL.join(",");
    let t = FactorTable::from_csv(
        "u.csv",
        Origin::User { overrides: false },
        &format!(
            "{header}\nu.shared,Shared,,1,kg,kg,CO2e,AR6,fossil,CN,2024,S,L,user,,,normal:sd=0.1\n"
        ),
    )
    .unwrap();
    FactorSet::with_user_tables(vec![t]).unwrap()
}

#[test]
fn two_lines_on_one_factor_share_its_draw() {
    let n = 50_000u32;
    let set = correlated_set();
    let line = |a: f64| {
        format!(r#"{{"amount": {a}, "unit": "kg", "factor": "u.shared", "stage": "production"}}"#)
    };
    let r = run(&doc(&[line(3.0), line(4.0)].join(",")), &set, opts(n, 5)).unwrap();
    assert_eq!(r.sources.len(), 1);
    assert_eq!(r.sources[0].id, "factor:u.shared");
    assert_eq!(r.sources[0].lines, 2);
    // Perfectly correlated: Var = (3·0.1 + 4·0.1)² = 0.49 (independent would be 0.25).
    let var = 0.49;
    let got = r.statistics.sd * r.statistics.sd;
    let se = var * (2.0 / (n as f64 - 1.0)).sqrt();
    assert!((got - var).abs() <= 4.0 * se, "variance {got} vs {var}");
    // Every run moves both lines by the same ratio: shares are 3/7 and 4/7 up to rounding.
    assert!((r.lines[0].variance_share - 3.0 / 7.0).abs() < 1e-9);
    assert!((r.lines[1].variance_share - 4.0 / 7.0).abs() < 1e-9);
    // The tornado has the factor (both lines) first.
    assert_eq!(r.sensitivity[0].parameter, "factor");
    assert_eq!(r.sensitivity[0].id, "u.shared");
    assert_eq!(r.sensitivity[0].lines, 2);
    assert!((r.sensitivity[0].swing_kg_co2e - 1.4).abs() < 1e-12);
}

#[test]
fn the_same_seed_gives_the_same_bits_in_any_number_of_steps() {
    let text = std::fs::read_to_string("tests/data/uncertainty/input.json").unwrap();
    let o = Options {
        runs: 3001,
        seed: 99,
        threshold: Some(105.0),
    };
    let once = run_json(&text, builtin(), o).unwrap();
    let again = run_json(&text, builtin(), o).unwrap();
    assert_eq!(once, again);
    let mut sim = Simulation::new(&text, builtin(), o).unwrap();
    let mut steps = 0;
    while sim.step(7) < o.runs {
        steps += 1;
    }
    assert!(steps > 400);
    let stepped = pcf::to_json(&sim.finish().unwrap()).unwrap();
    assert_eq!(once, stepped);
    let other = run_json(&text, builtin(), Options { seed: 100, ..o }).unwrap();
    assert_ne!(once, other);
}

/// The golden report shared with tests/node (the WASM build must print the same bytes).
#[test]
fn the_golden_report_is_unchanged() {
    let text = std::fs::read_to_string("tests/data/uncertainty/input.json").unwrap();
    let got = run_json(&text, builtin(), golden_options()).unwrap();
    let path = "tests/data/uncertainty/expected.json";
    if std::env::var("UPDATE_GOLDEN").is_ok() {
        std::fs::write(path, &got).unwrap();
    }
    let want = std::fs::read_to_string(path).unwrap();
    assert!(got == want, "{path} differs; UPDATE_GOLDEN=1 to rewrite it");
}

fn golden_options() -> Options {
    // Also in tests/node/uncertainty.test.mjs.
    Options {
        runs: 2000,
        seed: 20240601,
        threshold: Some(105.0),
    }
}

#[test]
fn every_source_kind_is_reported_with_its_origin() {
    let text = std::fs::read_to_string("tests/data/uncertainty/input.json").unwrap();
    let r: Report = run(&text, builtin(), golden_options()).unwrap();
    let ids: Vec<&str> = r.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "data_quality:$.activities[0]",
            "factor:steel-supplier",
            "factor:$.activities[3].inline_factor",
            "amount:$.activities[3]",
            "factor:$.activities[4].inline_factor",
            "data_type:uk.desnz.2025.freight.hgv.all",
            "data_quality:$.emissions[0]",
        ]
    );
    // Pedigree default of the grid line: basic 1.05 (demand), reliability 3 → 1.61,
    // temporal 2 → 1.03, geographical 1 → 1, technological 2 → 1.18, completeness 1 → 1.
    let s: f64 = [1.05f64, 1.61, 1.03, 1.0, 1.18, 1.0]
        .iter()
        .map(|u| u.ln().powi(2))
        .sum();
    let gsd = (0.5 * s.sqrt()).exp();
    let got: f64 = r.sources[0]
        .distribution
        .strip_prefix("lognormal:gsd=")
        .unwrap()
        .parse()
        .unwrap();
    assert!((got - gsd).abs() < 1e-12, "{got} vs {gsd}");
    // CH4 rated only on precision: basic 1.5, reliability 4 → 1.69, others unrated → 5.
    let s: f64 = [1.5f64, 1.69, 1.29, 1.11, 2.8, 1.0]
        .iter()
        .map(|u| u.ln().powi(2))
        .sum();
    let got: f64 = r.sources[6]
        .distribution
        .strip_prefix("lognormal:gsd=")
        .unwrap()
        .parse()
        .unwrap();
    assert!((got - (0.5 * s.sqrt()).exp()).abs() < 1e-12);
    assert_eq!(r.sources[1].lines, 2);
    // The truck line has neither a distribution nor a rating: the transport default of its
    // factor row, GSD = sqrt(U_basic) = sqrt(2).
    let truck = r
        .lines
        .iter()
        .find(|l| l.path == "$.activities[5]")
        .unwrap();
    // Its share is a sample covariance: tiny here, and of either sign at 2,000 runs.
    assert!(!truck.constant && truck.variance_share != 0.0);
    assert_eq!(truck.sources, ["data_type:uk.desnz.2025.freight.hgv.all"]);
    let s = &r.sources[5];
    assert_eq!(
        (s.origin, s.default_rows.as_slice()),
        ("data_type", &["basic.transport".to_string()][..])
    );
    assert_eq!(s.distribution, format!("lognormal:gsd={}", 2f64.sqrt()));
    assert_eq!(r.constant_lines, 0);
    let t = r.threshold.as_ref().unwrap();
    let exceeding = t.runs_exceeding as f64 / 2000.0;
    assert_eq!(t.probability_exceeding, exceeding);
    assert_eq!(r.histogram.counts.iter().sum::<u32>(), 2000);
}

#[test]
fn transport_lines_take_the_transport_basic_uncertainty() {
    let r = run(
        &doc(r#"{"amount": 10, "unit": "tkm", "factor": "uk.desnz.2025.freight.hgv.all", "stage": "production", "data_quality": {"technological": 1, "geographical": 1, "temporal": 1, "precision": 1}}"#),
        builtin(),
        opts(10, 1),
    )
    .unwrap();
    let s = &r.sources[0];
    assert_eq!(s.default_rows[0], "basic.transport");
    // All ratings 1: only the basic factor 2.0 remains, GSD = exp(½ ln 2) = √2.
    let gsd: f64 = s.distribution["lognormal:gsd=".len()..].parse().unwrap();
    assert!((gsd - 2f64.sqrt()).abs() < 1e-15, "{gsd}");
}

#[test]
fn the_tornado_ranks_lines_by_their_swing() {
    let lines = [
        inline(10.0, 2.0, "normal:sd=0.1"),
        inline(5.0, 2.0, "normal:sd=0.1"),
    ]
    .join(",");
    let r = run(&doc(&lines), builtin(), opts(10, 1)).unwrap();
    let bars: Vec<(usize, &str, f64, f64)> = r
        .sensitivity
        .iter()
        .map(|b| (b.rank, b.id.as_str(), b.low_kg_co2e, b.high_kg_co2e))
        .collect();
    assert_eq!(
        bars,
        [
            (1, "$.activities[0]", 28.0, 32.0),
            (2, "$.activities[1]", 29.0, 31.0)
        ]
    );
}

#[test]
fn an_unrated_line_takes_its_factor_rows_data_type_default() {
    // No distribution on the row, no rating on the line: the row's documented default,
    // basic.demand U = 1.05, a lognormal with GSD = sqrt(1.05) around 10 kWh × 0.6205.
    let n = 40_000u32;
    let r = run(
        &doc(r#"{"amount": 10, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production"}"#),
        builtin(),
        opts(n, 7),
    )
    .unwrap();
    assert_eq!(r.uncertain_lines, 1);
    let s = &r.sources[0];
    assert_eq!(s.id, "data_type:cn.elec.footprint.2023.national");
    assert_eq!(s.origin, "data_type");
    assert_eq!(s.default_rows, ["basic.demand"]);
    let gsd = 1.05f64.sqrt();
    assert_eq!(s.distribution, format!("lognormal:gsd={gsd}"));
    // Percentiles of the lognormal: median × GSD^±1.96; the sample quantile's standard error
    // here is below 0.1 %, so 0.5 % is a 5-sigma tolerance.
    let median = 10.0 * 0.6205;
    let hi = median * gsd.powf(1.959_964);
    let lo = median / gsd.powf(1.959_964);
    assert!(
        (r.statistics.p50 / median - 1.0).abs() < 0.005,
        "{}",
        r.statistics.p50
    );
    assert!(
        (r.statistics.p97_5 / hi - 1.0).abs() < 0.005,
        "{} vs {hi}",
        r.statistics.p97_5
    );
    assert!(
        (r.statistics.p2_5 / lo - 1.0).abs() < 0.005,
        "{} vs {lo}",
        r.statistics.p2_5
    );
}

#[test]
fn unrated_lines_on_one_factor_share_its_default_draw() {
    let line = r#"{"amount": 10, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production"}"#;
    let r = run(&doc(&[line, line].join(",")), builtin(), opts(50, 1)).unwrap();
    assert_eq!(r.sources.len(), 1);
    assert_eq!(r.sources[0].lines, 2);
    assert_eq!(r.lines[0].sources, r.lines[1].sources);
}

/// An inline factor that reuses a table factor's id is its line's own factor: it gets its own
/// default draw (keyed by the line), not the table factor's.
#[test]
fn an_inline_factor_with_a_table_id_does_not_share_the_table_draw() {
    let table = r#"{"amount": 10, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production"}"#;
    let inline = r#"{"amount": 10, "unit": "kWh", "inline_factor": {"id": "cn.elec.footprint.2023.national", "value": 9, "per_unit": "kWh", "gwp_set": "AR6", "source": "test"}, "stage": "production"}"#;
    let r = run(&doc(&[table, inline].join(",")), builtin(), opts(50, 1)).unwrap();
    let ids: Vec<&str> = r.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "data_type:cn.elec.footprint.2023.national",
            "data_type:$.activities[1]"
        ]
    );
    assert_ne!(r.lines[0].sources, r.lines[1].sources);
}

#[test]
fn a_zero_line_stays_constant() {
    let r = run(
        &doc(r#"{"amount": 0, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production"}"#),
        builtin(),
        opts(100, 1),
    )
    .unwrap();
    assert_eq!(r.uncertain_lines, 0);
    assert!(r.lines[0].constant);
    assert_eq!(r.statistics.sd, 0.0);
}

#[test]
fn every_template_example_runs() {
    for e in std::fs::read_dir("examples").unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            continue; // examples/portal/, examples/node/: the JS package's examples
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let r = run(&text, builtin(), opts(200, 3));
        let r = r.unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let total = pcf::compute(&text, builtin()).unwrap().total_kg_co2e;
        assert_eq!(r.deterministic_kg_co2e, total, "{}", p.display());
        assert!(r.statistics.p2_5 <= r.statistics.p97_5, "{}", p.display());
        assert_eq!(r.lines.len(), r.uncertain_lines + r.constant_lines);
    }
}

/// A template line carries its amount uncertainty and data quality; the report speaks the
/// template's paths, and the two truck lines on one factor move together in the tornado.
#[test]
fn a_template_line_keeps_its_uncertainty_and_its_template_path() {
    let mut d: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("examples/battery-m1-75kwh.json").unwrap())
            .unwrap();
    d["main_production"][0]["uncertainty"] =
        serde_json::json!({"distribution": "uniform", "min": 2700, "max": 3300});
    d["distribution"][0]["data_quality"] = serde_json::json!({"precision": 2});
    let r = run(&d.to_string(), builtin(), opts(500, 9)).unwrap();
    assert_eq!(r.template, Some("pcf-battery/1"));
    let ids: Vec<&str> = r.sources.iter().map(|s| s.id.as_str()).collect();
    assert!(ids.contains(&"amount:$.main_production[0]"), "{ids:?}");
    assert!(ids.contains(&"data_quality:$.distribution[0]"), "{ids:?}");
    let truck = r
        .sensitivity
        .iter()
        .find(|b| b.id == "uk.desnz.2025.freight.hgv.all")
        .expect("the shared truck factor is a tornado bar");
    assert_eq!((truck.parameter, truck.lines), ("factor", 2));
}

fn err(text: &str, o: Options) -> (String, String) {
    let e = run(text, builtin(), o).unwrap_err();
    (e.code().to_string(), e.path().to_string())
}

#[test]
fn bad_options_and_line_uncertainties_name_their_path() {
    let ok = doc(&inline(1.0, 1.0, "normal:sd=0.1"));
    assert_eq!(
        err(&ok, opts(1, 1)),
        ("invalid_value".into(), "runs".into())
    );
    assert_eq!(
        err(&ok, opts(1_000_001, 1)),
        ("limit_exceeded".into(), "runs".into())
    );
    assert_eq!(
        err(
            &ok,
            Options {
                threshold: Some(f64::NAN),
                ..opts(10, 1)
            }
        ),
        ("non_finite".into(), "threshold".into())
    );
    let line = |u: &str| {
        doc(&format!(
            r#"{{"amount": 2, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production", "uncertainty": {u}}}"#
        ))
    };
    let at = |s: &str| format!("$.activities[0].uncertainty{s}");
    for (u, code, path) in [
        (
            r#"{"distribution": "beta"}"#,
            "invalid_value",
            at(".distribution"),
        ),
        (
            r#"{"distribution": "lognormal"}"#,
            "invalid_value",
            at(".gsd"),
        ),
        (
            r#"{"distribution": "lognormal", "gsd": 0.9}"#,
            "invalid_value",
            at(".gsd"),
        ),
        (
            r#"{"distribution": "lognormal", "gsd": 1.2, "sd": 1}"#,
            "invalid_value",
            at(".sd"),
        ),
        (
            r#"{"distribution": "normal", "sd": -1}"#,
            "negative_amount",
            at(".sd"),
        ),
        (
            r#"{"distribution": "uniform", "min": 1, "max": 1.5}"#,
            "invalid_value",
            at(".max"),
        ),
        (
            r#"{"distribution": "uniform", "min": 3, "max": 4}"#,
            "invalid_value",
            at(".min"),
        ),
        (
            r#"{"distribution": "uniform", "min": 3, "max": 1}"#,
            "invalid_value",
            at(".max"),
        ),
        (
            r#"{"distribution": "triangular", "min": 1, "mode": 5, "max": 3}"#,
            "invalid_value",
            at(".mode"),
        ),
        (
            r#"{"distribution": "normal", "sd": 1, "shape": 2}"#,
            "invalid_document",
            at(".shape"),
        ),
        (
            r#"{"distribution": "normal", "sd": "x"}"#,
            "invalid_document",
            at(".sd"),
        ),
    ] {
        assert_eq!(err(&line(u), opts(10, 1)), (code.to_string(), path), "{u}");
    }
    // Not on an input line.
    let with_input = r#"{"schema": "pcf/1",
  "product": {"name": "t", "sector": "other", "declared_unit": {"amount": 1, "unit": "item"}},
  "gwp_set": "AR6",
  "boundary": {"kind": "cradle-to-gate", "stages": ["production"]},
  "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
  "activities": [{"amount": 1, "unit": "item", "input": "c", "stage": "production",
                  "uncertainty": {"distribution": "lognormal", "gsd": 1.1}}],
  "components": [{"id": "c",
                  "declared": {"kg_co2e": 1, "per": {"amount": 1, "unit": "item"},
                               "provenance": {"supplier": "s", "source": "x"}}}]}"#;
    assert_eq!(
        err(with_input, opts(10, 1)),
        ("invalid_value".into(), "$.activities[0].uncertainty".into())
    );
}

#[test]
fn the_uncertainty_field_does_not_change_compute() {
    let plain = doc(
        r#"{"amount": 2, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production"}"#,
    );
    let with = doc(
        r#"{"amount": 2, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production", "uncertainty": {"distribution": "lognormal", "gsd": 1.1}}"#,
    );
    let a = pcf::compute(&plain, builtin()).unwrap();
    let b = pcf::compute(&with, builtin()).unwrap();
    assert_eq!(a.total_kg_co2e, b.total_kg_co2e);
    assert_eq!(
        b.lines[0].amount_uncertainty.as_deref(),
        Some("lognormal:gsd=1.1")
    );
}
