//! Unit tests with hand-computable systems.

use super::*;

fn ex(supplier: usize, consumer: usize, amount: f64) -> Exchange {
    Exchange {
        supplier,
        consumer,
        amount,
    }
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(1e-300)
}

#[test]
fn two_process_loop_is_solved_exactly() {
    // Process 0 makes 2 units per run and uses 0.5 units of product 1; process 1 makes 1 unit
    // per run and uses 0.2 units of product 0. Demand: 1 unit of product 0.
    //   row 0: 2·s0 − 0.2·s1 = 1
    //   row 1: 1·s1 − 0.5·s0 = 0   →  s1 = s0/2
    //   2·s0 − 0.1·s0 = 1          →  s0 = 1/1.9 = 10/19,  s1 = 5/19
    let tech = Technosphere::new(vec![2.0, 1.0], &[ex(1, 0, 0.5), ex(0, 1, 0.2)]);
    let sup = solve(&tech, &[1.0, 0.0]).unwrap();
    assert!(
        close(sup.scaling[0], 10.0 / 19.0, 1e-12),
        "{:?}",
        sup.scaling
    );
    assert!(
        close(sup.scaling[1], 5.0 / 19.0, 1e-12),
        "{:?}",
        sup.scaling
    );
    assert!(matches!(sup.method, SolveMethod::Iterative { .. }));
    // The direct solver agrees.
    let lu = solve_direct(&tech, &[1.0, 0.0]).unwrap();
    assert_eq!(lu.method, SolveMethod::DirectLu);
    assert!(close(lu.scaling[0], 10.0 / 19.0, 1e-12));
    assert!(close(lu.scaling[1], 5.0 / 19.0, 1e-12));
}

#[test]
fn self_loop_is_subtracted_from_the_diagonal() {
    // 1 unit per run, 0.1 + 0.15 (duplicated self-exchange) consumed by itself:
    // (1 − 0.25)·s = 1  →  s = 4/3. Its supplier 1 (0.3 per run) needs 0.3·4/3 = 0.4.
    let tech = Technosphere::new(
        vec![1.0, 1.0],
        &[ex(0, 0, 0.1), ex(0, 0, 0.15), ex(1, 0, 0.3)],
    );
    let sup = solve(&tech, &[1.0, 0.0]).unwrap();
    assert_eq!(sup.method, SolveMethod::Topological);
    assert!(close(sup.scaling[0], 4.0 / 3.0, 1e-15));
    assert!(close(sup.scaling[1], 0.4, 1e-15));
}

#[test]
fn a_process_that_consumes_all_it_makes_is_non_productive() {
    let tech = Technosphere::new(
        vec![1.0, 1.0, 2.0],
        &[ex(1, 1, 1.0), ex(2, 2, 1.5), ex(2, 2, 1.0), ex(1, 0, 0.5)],
    );
    assert_eq!(
        solve(&tech, &[1.0, 0.0, 0.0]),
        Err(SolveError::NonProductive {
            processes: vec![1, 2]
        })
    );
}

#[test]
fn a_singular_two_cycle_names_both_processes() {
    // Each makes 1 unit and uses 1 unit of the other: A = [[1, −1], [−1, 1]], singular.
    // Upstream process 0 feeds the loop; the loop is reported, not process 0.
    let tech = Technosphere::new(
        vec![1.0, 1.0, 1.0],
        &[ex(2, 1, 1.0), ex(1, 2, 1.0), ex(1, 0, 0.5)],
    );
    assert_eq!(
        solve(&tech, &[1.0, 0.0, 0.0]),
        Err(SolveError::Singular {
            processes: vec![1, 2]
        })
    );
    // Reported whatever the demand: nothing demanded from the loop.
    assert_eq!(
        solve(&tech, &[0.0, 0.0, 0.0]),
        Err(SolveError::Singular {
            processes: vec![1, 2]
        })
    );
}

#[test]
fn duplicate_exchanges_are_summed() {
    let split = Technosphere::new(vec![1.0, 1.0], &[ex(1, 0, 0.3), ex(1, 0, 0.2)]);
    let single = Technosphere::new(vec![1.0, 1.0], &[ex(1, 0, 0.5)]);
    assert_eq!(split.input_count(), 1);
    let a = solve(&split, &[2.0, 0.0]).unwrap();
    let b = solve(&single, &[2.0, 0.0]).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.scaling, vec![2.0, 1.0]);
}

#[test]
fn column_sums_above_one_go_to_the_direct_solver() {
    // Mixed units: process 0 uses 3 units of product 1, process 1 uses 0.1 of product 0.
    // Column sum of process 0 is 3 (no 1-norm contraction), the loop gain is 0.3.
    //   s0 − 0.1·s1 = 1,  s1 − 3·s0 = 0  →  s0 (1 − 0.3) = 1  →  s0 = 10/7, s1 = 30/7
    let tech = Technosphere::new(vec![1.0, 1.0], &[ex(1, 0, 3.0), ex(0, 1, 0.1)]);
    let sup = solve(&tech, &[1.0, 0.0]).unwrap();
    assert_eq!(sup.method, SolveMethod::DirectLu);
    assert!(
        close(sup.scaling[0], 10.0 / 7.0, 1e-12),
        "{:?}",
        sup.scaling
    );
    assert!(
        close(sup.scaling[1], 30.0 / 7.0, 1e-12),
        "{:?}",
        sup.scaling
    );
}

#[test]
fn a_loop_that_amplifies_itself_needs_negative_supply() {
    // s0 − 2 s1 = 1, s1 − 2 s0 = 0 → s0 = −1/3, s1 = −2/3.
    let tech = Technosphere::new(vec![1.0, 1.0], &[ex(1, 0, 2.0), ex(0, 1, 2.0)]);
    assert_eq!(
        solve(&tech, &[1.0, 0.0]),
        Err(SolveError::NonProductive {
            processes: vec![0, 1]
        })
    );
}

#[test]
fn non_finite_and_malformed_inputs_are_errors() {
    let tech = Technosphere::new(vec![1.0, 1.0], &[ex(1, 0, f64::NAN)]);
    assert_eq!(
        solve(&tech, &[1.0, 0.0]),
        Err(SolveError::NotFinite { processes: vec![0] })
    );
    let tech = Technosphere::new(vec![1.0, f64::INFINITY], &[]);
    assert_eq!(
        solve(&tech, &[1.0, 0.0]),
        Err(SolveError::NotFinite { processes: vec![1] })
    );
    // Finite output and self-exchange whose difference overflows the diagonal.
    let tech = Technosphere::new(vec![1e308, 1.0], &[ex(0, 0, -1e308)]);
    assert_eq!(
        solve(&tech, &[1.0, 0.0]),
        Err(SolveError::NotFinite { processes: vec![0] })
    );
    let tech = Technosphere::new(vec![1.0, 1.0], &[]);
    assert_eq!(
        solve(&tech, &[f64::NAN, 0.0]),
        Err(SolveError::NotFinite { processes: vec![0] })
    );
    assert!(matches!(
        solve(&tech, &[1.0]),
        Err(SolveError::InvalidInput { .. })
    ));
    let tech = Technosphere::new(vec![1.0], &[ex(5, 0, 1.0)]);
    assert!(matches!(
        solve(&tech, &[1.0]),
        Err(SolveError::InvalidInput { .. })
    ));
    // Zero and negative outputs.
    let tech = Technosphere::new(vec![0.0, -1.0, 1.0], &[]);
    assert_eq!(
        solve(&tech, &[0.0, 0.0, 1.0]),
        Err(SolveError::NonProductive {
            processes: vec![0, 1]
        })
    );
    // Overflow.
    let tech = Technosphere::new(vec![1e-300, 1.0], &[ex(1, 0, 1e300)]);
    assert_eq!(
        solve(&tech, &[1e300, 0.0]),
        Err(SolveError::NotFinite {
            processes: vec![0, 1]
        })
    );
    // Empty network.
    let tech = Technosphere::new(vec![], &[]);
    assert!(tech.is_empty());
    assert_eq!(solve(&tech, &[]).unwrap().scaling, Vec::<f64>::new());
}

/// A deterministic pseudo-random cyclic network (LCG), column sums below `max_colsum`.
fn random_network(n: usize, k: usize, max_colsum: f64, seed: u64) -> Technosphere {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut exchanges = Vec::new();
    let mut outputs = Vec::new();
    for j in 0..n {
        let out = 0.5 + 2.0 * next();
        outputs.push(out);
        let total = max_colsum * next() * out;
        let mut ws = Vec::new();
        for _ in 0..k {
            let s = (next() * n as f64) as usize % n;
            ws.push((s, next()));
        }
        let sum: f64 = ws.iter().map(|w| w.1).sum();
        for (s, w) in ws {
            exchanges.push(ex(s, j, total * w / sum));
        }
    }
    Technosphere::new(outputs, &exchanges)
}

#[test]
fn iterative_and_direct_agree_on_a_random_cyclic_network() {
    let n = 300;
    let tech = random_network(n, 4, 0.9, 7);
    let mut f = vec![0.0; n];
    f[0] = 1.0;
    f[17] = 2.5;
    let it = solve(&tech, &f).unwrap();
    let lu = solve_direct(&tech, &f).unwrap();
    assert!(
        matches!(it.method, SolveMethod::Iterative { .. }),
        "{:?}",
        it.method
    );
    assert_eq!(lu.method, SolveMethod::DirectLu);
    let scale = lu.scaling.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    for (a, b) in it.scaling.iter().zip(&lu.scaling) {
        assert!((a - b).abs() <= 1e-13 * scale, "{a} vs {b}");
    }
    // Residual of A·s = f.
    let mut r = f.clone();
    for j in 0..n {
        r[j] -= tech.diag[j] * it.scaling[j];
        let (sup, amt) = tech.inputs(j);
        for (&i, &a) in sup.iter().zip(amt) {
            r[i as usize] += a * it.scaling[j];
        }
    }
    assert!(r.iter().all(|v| v.abs() < 1e-12), "{r:?}");
}

#[test]
fn same_input_gives_the_same_bits() {
    let tech = random_network(500, 5, 0.95, 11);
    let mut f = vec![0.0; 500];
    f[3] = 1.0;
    let a = solve(&tech, &f).unwrap();
    let b = solve(&tech, &f).unwrap();
    let bits = |s: &Supply| s.scaling.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&a), bits(&b));
}

#[test]
fn a_deep_chain_is_solved_topologically() {
    let n = 100_000;
    let exchanges: Vec<Exchange> = (0..n - 1).map(|j| ex(j + 1, j, 0.5)).collect();
    let tech = Technosphere::new(vec![1.0; n], &exchanges);
    let mut f = vec![0.0; n];
    f[0] = 1.0;
    let sup = solve(&tech, &f).unwrap();
    assert_eq!(sup.method, SolveMethod::Topological);
    assert_eq!(sup.scaling[10], 0.5f64.powi(10));
}

#[test]
fn bench_reader_reports_paths() {
    use crate::Error;
    let doc = |procs: &str, exch: &str, demand: &str| {
        format!(
            r#"{{"format":"pcf-bench-system","version":1,"processes":{procs},"exchanges":{exch},
            "gases":[{{"id":"CO2"}}],"emissions":[{{"process":"A","gas":"CO2","amount":2}}],
            "characterization":{{"factors":{{"CO2":1}}}},"demand":{demand}}}"#
        )
    };
    let good = doc(
        r#"[{"id":"A","output":2},{"id":"B"}]"#,
        r#"[{"consumer":"A","supplier":"B","amount":0.5}]"#,
        r#"[{"product":"A","amount":1}]"#,
    );
    let sys = neutral::read_bench_system(&good).unwrap();
    let res = neutral::solve_bench(&sys, "t.json").unwrap();
    assert_eq!(res.supply, vec![("A", 0.5), ("B", 0.25)]);
    assert_eq!(res.score, 1.0);
    let json = network_json(&good, "t.json").unwrap();
    assert!(json.contains(r#""solver":"topological""#), "{json}");

    let e = neutral::read_bench_system(&doc(
        r#"[{"id":"A"},{"id":"B"}]"#,
        r#"[{"consumer":"A","supplier":"B","amount":0.5},{"consumer":"A","supplier":"X","amount":0.5}]"#,
        r#"[{"product":"A","amount":1}]"#,
    ))
    .unwrap_err();
    assert_eq!(
        e,
        Error::UnknownComponent {
            path: "$.exchanges[1].supplier".into(),
            id: "X".into()
        }
    );
    let e = neutral::read_bench_system(&doc(
        r#"[{"id":"A"},{"id":"A"}]"#,
        "[]",
        r#"[{"product":"A","amount":1}]"#,
    ))
    .unwrap_err();
    assert_eq!(e.code(), "duplicate_id");
    assert_eq!(e.path(), "$.processes[1].id");
    let e = neutral::read_bench_system(&doc(
        r#"[{"id":"A","output":-1}]"#,
        "[]",
        r#"[{"product":"A","amount":1}]"#,
    ))
    .unwrap_err();
    assert_eq!(e.code(), "not_positive");
    assert_eq!(e.path(), "$.processes[0].output");
    let e = neutral::read_bench_system(&doc(
        r#"[{"id":"A","output":"x"}]"#,
        "[]",
        r#"[{"product":"A","amount":1}]"#,
    ))
    .unwrap_err();
    assert_eq!(e.code(), "invalid_document");
    assert_eq!(e.path(), "$.processes[0].output");
    let e = neutral::read_bench_system(&doc(
        r#"[{"id":"A"}]"#,
        "[]",
        r#"[{"product":"Z","amount":1}]"#,
    ))
    .unwrap_err();
    assert_eq!(e.path(), "$.demand[0].product");
    let e =
        neutral::read_bench_system(&good.replace("\"version\":1", "\"version\":2")).unwrap_err();
    assert_eq!(e.code(), "unsupported_schema");
    assert_eq!(e.path(), "$.version");
    let e = neutral::read_bench_system(r#"{"format":"other","processes":5}"#).unwrap_err();
    assert_eq!(e.code(), "unsupported_schema");
    assert_eq!(e.path(), "$.format");
    let e = neutral::read_bench_system(&good[..good.len() - 3]).unwrap_err();
    assert_eq!(e.code(), "malformed_json");
    let e = neutral::read_bench_system(&format!("{good} x")).unwrap_err();
    assert_eq!(e.code(), "malformed_json");
    let e = neutral::read_bench_system(&good.replace(r#"{"CO2":1}"#, r#"{"CO3":1}"#)).unwrap_err();
    assert_eq!(e.code(), "unknown_gas");
    assert_eq!(e.path(), "$.characterization.factors.CO3");

    // Solver errors name process ids.
    let loop_doc = doc(
        r#"[{"id":"A"},{"id":"B"}]"#,
        r#"[{"consumer":"A","supplier":"B","amount":1},{"consumer":"B","supplier":"A","amount":1}]"#,
        r#"[{"product":"A","amount":1}]"#,
    );
    let e = network_json(&loop_doc, "loop.json").unwrap_err();
    match e {
        Error::UnsolvableNetwork {
            path, processes, ..
        } => {
            assert_eq!(path, "$.processes");
            assert_eq!(processes, vec!["A".to_string(), "B".to_string()]);
        }
        other => panic!("{other:?}"),
    }
}
