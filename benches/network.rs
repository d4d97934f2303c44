//! Process-network benchmarks on the shared harness's generated files:
//! `parse/<case>` (read + validate the `pcf-bench-system` JSON) and `solve/<case>` (build the
//! technosphere, solve, inventory and score: `solve_bench`), `solve_core/<case>` (technosphere
//! and `solve` only). `solve_lu/<case>` times the direct
//! LU fallback on the cyclic cases for comparison.
//!
//! Files come from `$PCF_BENCH_DIR/data` (default `/tmp/pcf-bench/data`); generate them with
//! `scripts/bench-networks.sh` (which also runs this benchmark). Missing files are skipped.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use pcf::network::neutral::{read_bench_system, solve_bench};
use pcf::network::{solve, solve_direct, Technosphere};

const CASES: [&str; 5] = [
    "tree_5000",
    "dag_50000",
    "cyclic_50000",
    "dag-far20_10000",
    "cyclic-far20_10000",
];

fn data_dir() -> PathBuf {
    let base = std::env::var("PCF_BENCH_DIR").unwrap_or_else(|_| "/tmp/pcf-bench".to_string());
    PathBuf::from(base).join("data")
}

fn load(case: &str) -> Option<String> {
    let path = data_dir().join(format!("{case}.json"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            eprintln!(
                "skipping {case}: cannot read {} ({e}); generate it with scripts/bench-networks.sh \
                 (GEN_ONLY=1 to only generate)",
                path.display()
            );
            None
        }
    }
}

fn networks(c: &mut Criterion) {
    let loaded: Vec<(&str, String)> = CASES
        .iter()
        .filter_map(|&case| load(case).map(|t| (case, t)))
        .collect();

    let mut parse = c.benchmark_group("parse");
    parse
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    for (case, text) in &loaded {
        parse.bench_function(*case, |b| {
            b.iter(|| read_bench_system(black_box(text)).expect("valid system"))
        });
    }
    parse.finish();

    let mut full = c.benchmark_group("solve");
    full.sample_size(30)
        .measurement_time(Duration::from_secs(5));
    for (case, text) in &loaded {
        let sys = read_bench_system(text).expect("valid system");
        full.bench_function(*case, |b| {
            b.iter(|| solve_bench(black_box(&sys), case).expect("solvable"))
        });
    }
    full.finish();

    // The solver alone: technosphere construction + `solve` (no inventory, no result).
    let mut core = c.benchmark_group("solve_core");
    core.sample_size(30)
        .measurement_time(Duration::from_secs(5));
    for (case, text) in &loaded {
        let sys = read_bench_system(text).expect("valid system");
        core.bench_function(*case, |b| {
            b.iter(|| {
                let tech = Technosphere::new(sys.outputs.clone(), black_box(&sys.exchanges));
                solve(&tech, &sys.demand).expect("solvable")
            })
        });
    }
    core.finish();

    let mut lu = c.benchmark_group("solve_lu");
    lu.sample_size(10).measurement_time(Duration::from_secs(10));
    for (case, text) in loaded.iter().filter(|(c, _)| c.starts_with("cyclic")) {
        let sys = read_bench_system(text).expect("valid system");
        let tech = Technosphere::new(sys.outputs.clone(), &sys.exchanges);
        lu.bench_function(*case, |b| {
            b.iter(|| solve_direct(black_box(&tech), &sys.demand).expect("solvable"))
        });
    }
    lu.finish();
}

criterion_group!(benches, networks);
criterion_main!(benches);
