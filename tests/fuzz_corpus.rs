//! Replays the fuzz corpora on stable, as part of `cargo test` (SECURITY.md "Fuzzing").
//!
//! Every committed corpus file (`fuzz/corpus/<target>/`) and every crash found and fixed
//! (`fuzz/regressions/<target>/`) goes through the same check the libFuzzer target runs
//! (`fuzz/src/checks.rs`, included here), and so do the repository's own seed inputs
//! (examples, golden inputs and results, the built-in factor tables as CSV and as JSON, the
//! portal's PACT footprints). A check panics when a property fails; the panic is caught per
//! file so the failure names the file.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| p.is_file());
    out.sort();
    out
}

/// Runs `target`'s check on each file; returns how many ran. Fails naming every bad file.
fn replay(target: &str, paths: &[PathBuf]) -> usize {
    let mut failed = Vec::new();
    for p in paths {
        let data = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        if std::panic::catch_unwind(|| checks::run(target, &data)).is_err() {
            failed.push(p.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: property failed on {failed:#?}"
    );
    paths.len()
}

fn committed(sub: &str, target: &str) -> Vec<PathBuf> {
    files(&root().join("fuzz").join(sub).join(target))
}

#[test]
fn every_target_has_a_committed_corpus() {
    for t in checks::TARGETS {
        let n = committed("corpus", t).len();
        assert!(n >= 5, "fuzz/corpus/{t} has {n} files; run scripts/fuzz.sh");
    }
}

#[test]
fn corpora_and_regressions_keep_their_properties() {
    for t in checks::TARGETS {
        let mut paths = committed("corpus", t);
        paths.extend(committed("regressions", t));
        replay(t, &paths);
    }
}

#[test]
fn regression_folders_are_named_after_targets() {
    // Each fixed crash is one file in its target's folder (bom_csv: tests/node/).
    let dir = root().join("fuzz").join("regressions");
    assert!(dir.is_dir(), "{} is missing", dir.display());
    let targets = std::fs::read_dir(&dir).expect("regressions").count();
    assert!(
        targets >= 2,
        "{targets} regression folders (engine, bom_csv)"
    );
    assert!(
        files(&dir).is_empty(),
        "a regression belongs in a target's folder"
    );
    for sub in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let name = sub.file_name().to_string_lossy().to_string();
        assert!(
            checks::TARGETS.contains(&name.as_str()) || name == "bom_csv",
            "fuzz/regressions/{name} is not a fuzz target"
        );
    }
}

#[test]
fn repository_seeds_keep_the_document_and_verify_properties() {
    let golden = root().join("tests").join("golden");
    let mut inputs = files(&root().join("examples"));
    inputs.retain(|p| p.extension().is_some_and(|e| e == "json"));
    let mut results = Vec::new();
    for d in std::fs::read_dir(&golden).into_iter().flatten().flatten() {
        let (i, e) = (d.path().join("input.json"), d.path().join("expected.json"));
        if i.is_file() {
            inputs.push(i);
        }
        if e.is_file() {
            results.push(e);
        }
    }
    assert!(replay("document", &inputs) >= 30);
    assert!(replay("verify", &results) >= 20);
}

#[test]
fn builtin_factor_tables_keep_the_table_properties() {
    // Only the factor tables: the other CSVs (GWP, geographies, parameters, …) have their own
    // headers, and would pass the target's check as refused tables.
    let mut csv = files(&root().join("factors"));
    csv.retain(|p| {
        p.extension().is_some_and(|e| e == "csv")
            && std::fs::read_to_string(p)
                .is_ok_and(|t| t.starts_with("id,name_en,name_zh,value,value_unit,per_unit"))
    });
    assert!(csv.len() >= 5, "{} factor tables", csv.len());
    for p in &csv {
        let text = std::fs::read_to_string(p).expect("table");
        let name = p.file_name().expect("name").to_string_lossy();
        let t = pcf::factors::FactorTable::from_csv(&name, pcf::factors::Origin::Builtin, &text)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!t.factors.is_empty(), "{name} has rows");
    }
    assert_eq!(replay("factor_table_csv", &csv), csv.len());
    // The built-in factors as JSON tables, a few rows at a time.
    let set = pcf::FactorSet::builtin().expect("built-in set");
    let rows: Vec<_> = set.effective().map(|f| f.to_row()).collect();
    let mut n = 0;
    for chunk in rows.chunks(7).take(40) {
        let text = serde_json::to_string(chunk).expect("rows serialise");
        checks::run("factor_table_json", text.as_bytes());
        n += 1;
    }
    assert!(n >= 10);
}

#[test]
fn portal_pact_footprints_keep_the_import_property() {
    let paths = files(&root().join("examples").join("portal").join("suppliers"));
    assert!(replay("pact_import", &paths) >= 3);
}

#[test]
fn the_engine_corpus_mostly_computes() {
    // The structured target builds valid documents: most of its corpus must reach a result
    // (an error is legitimate only for loops, overflow or allocations summing to zero).
    let mut ok = 0;
    let mut codes = std::collections::BTreeMap::<String, usize>::new();
    for p in committed("corpus", "engine") {
        let data = std::fs::read(&p).expect("corpus file");
        match checks::engine_computes(&data) {
            Some(Ok(())) => ok += 1,
            Some(Err(code)) => *codes.entry(code).or_default() += 1,
            None => {}
        }
    }
    let errors: usize = codes.values().sum();
    eprintln!("engine corpus: {ok} results, errors {codes:?}");
    assert!(
        ok >= 5 && ok * 2 >= errors,
        "{ok} results, errors {codes:?}"
    );
}
