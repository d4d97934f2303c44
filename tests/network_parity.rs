//! Parity with Brightway (bw2calc 3.1, PARDISO) on networks from the shared benchmark
//! generator (`/work/shared/bench/gen.py`, seed 42): score, per-gas inventory and supply must
//! match the reference within 1e-9, norm-wise as the harness's `compare.py` checks.
//!
//! The committed files (`tests/data/networks/`, N ≤ 1000) run here. The large ones (tree 5k,
//! DAG/cyclic 50k, long-range 10k) are checked by `REF=1 scripts/bench-networks.sh`, which runs
//! `pcf network` on them and the harness's own `compare.py` against Brightway references.

use std::path::{Path, PathBuf};

use pcf::network::neutral::{read_bench_system, solve_bench, BenchResult, BenchSystem};
use pcf::network::{solve, solve_direct, SolveMethod, Technosphere};
use serde_json::Value;

const RTOL: f64 = 1e-9;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/networks")
}

/// compare.py's checks; returns (score, inventory, supply) relative errors.
fn compare(
    reference: &Value,
    score: f64,
    inventory: &[(&str, f64)],
    supply: &[(&str, f64)],
) -> (f64, f64, f64) {
    let rs = reference["score"].as_f64().expect("reference score");
    let score_err = (score - rs).abs() / rs.abs().max(1e-300);

    let rinv = reference["inventory"]
        .as_object()
        .expect("reference inventory");
    let scale = rinv
        .values()
        .map(|v| v.as_f64().unwrap().abs())
        .fold(0.0, f64::max);
    let scale = if scale == 0.0 { 1e-300 } else { scale };
    let mut inv_err: f64 = 0.0;
    for (gas, v) in rinv {
        let mine = inventory
            .iter()
            .find(|(g, _)| g == gas)
            .map_or(0.0, |p| p.1);
        inv_err = inv_err.max((mine - v.as_f64().unwrap()).abs() / scale);
    }
    assert!(
        inventory.iter().all(|(g, _)| rinv.contains_key(*g)),
        "gas unknown to the reference"
    );

    let rsup = reference["supply"].as_object().expect("reference supply");
    assert_eq!(rsup.len(), supply.len(), "supply entries");
    let scale = rsup
        .values()
        .map(|v| v.as_f64().unwrap().abs())
        .fold(0.0, f64::max);
    let scale = if scale == 0.0 { 1e-300 } else { scale };
    let mut sup_err: f64 = 0.0;
    for (id, s) in supply {
        let r = rsup
            .get(*id)
            .unwrap_or_else(|| panic!("{id} not in the reference"))
            .as_f64()
            .unwrap();
        sup_err = sup_err.max((s - r).abs() / scale);
    }
    (score_err, inv_err, sup_err)
}

fn load(dir: &Path, case: &str) -> Option<(BenchSystem, Value)> {
    let sys = std::fs::read_to_string(dir.join(format!("{case}.json"))).ok()?;
    let reference = std::fs::read_to_string(dir.join(format!("{case}.pardiso.ref.json"))).ok()?;
    let sys = read_bench_system(&sys).unwrap_or_else(|e| panic!("{case}: {e}"));
    Some((
        sys,
        serde_json::from_str(&reference).expect("reference JSON"),
    ))
}

fn check(case: &str, result: &BenchResult, reference: &Value) {
    let (se, ie, pe) = compare(reference, result.score, &result.inventory, &result.supply);
    eprintln!(
        "{case}: solver {:?}, score {se:.1e}, inventory {ie:.1e}, supply {pe:.1e}",
        result.solver
    );
    assert!(se <= RTOL, "{case}: score relative error {se:e}");
    assert!(ie <= RTOL, "{case}: inventory relative error {ie:e}");
    assert!(pe <= RTOL, "{case}: supply relative error {pe:e}");
}

fn check_committed(case: &str, expected: fn(&SolveMethod) -> bool) {
    let (sys, reference) =
        load(&data_dir(), case).unwrap_or_else(|| panic!("{case} files missing"));
    let result =
        solve_bench(&sys, &format!("{case}.json")).unwrap_or_else(|e| panic!("{case}: {e}"));
    assert!(
        expected(&result.solver),
        "{case}: solved by {:?}",
        result.solver
    );
    assert_eq!(result.input, format!("{case}.json"));
    check(case, &result, &reference);

    // The direct LU fallback matches the reference too.
    let tech = Technosphere::new(sys.outputs.clone(), &sys.exchanges);
    let direct = solve_direct(&tech, &sys.demand).expect("direct solve");
    let supply: Vec<(&str, f64)> = sys
        .process_ids
        .iter()
        .map(String::as_str)
        .zip(direct.scaling.iter().copied())
        .collect();
    let (_, _, pe) = compare(&reference, result.score, &result.inventory, &supply);
    assert!(pe <= RTOL, "{case}: direct LU supply relative error {pe:e}");
    // Deterministic: the same bits again.
    let again = solve(&tech, &sys.demand).unwrap();
    let first: Vec<u64> = result.supply.iter().map(|p| p.1.to_bits()).collect();
    assert_eq!(
        first,
        again
            .scaling
            .iter()
            .map(|v| v.to_bits())
            .collect::<Vec<_>>()
    );
}

fn topological(m: &SolveMethod) -> bool {
    *m == SolveMethod::Topological
}

fn iterative(m: &SolveMethod) -> bool {
    matches!(m, SolveMethod::Iterative { .. })
}

#[test]
fn tree_50_matches_brightway() {
    check_committed("tree_50", topological);
}

#[test]
fn tree_500_matches_brightway() {
    check_committed("tree_500", topological);
}

#[test]
fn dag_50_matches_brightway() {
    check_committed("dag_50", topological);
}

#[test]
fn dag_500_matches_brightway() {
    check_committed("dag_500", topological);
}

#[test]
fn cyclic_100_matches_brightway() {
    check_committed("cyclic_100", iterative);
}

#[test]
fn cyclic_1000_matches_brightway() {
    check_committed("cyclic_1000", iterative);
}

#[test]
fn result_document_has_the_harness_shape() {
    let text = std::fs::read_to_string(data_dir().join("cyclic_100.json")).unwrap();
    let json = pcf::network::network_json(&text, "cyclic_100.json").unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "pcf-bench-result");
    assert_eq!(v["version"], 1);
    assert_eq!(v["input"], "cyclic_100.json");
    assert_eq!(v["engine"], format!("pcf {}", env!("CARGO_PKG_VERSION")));
    assert_eq!(v["supply"].as_object().unwrap().len(), 100);
    assert_eq!(v["inventory"].as_object().unwrap().len(), 5);
    assert!(v["solver"]["iterative"]["sweeps"].as_u64().unwrap() > 0);
}
