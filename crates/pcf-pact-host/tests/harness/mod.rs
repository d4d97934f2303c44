//! The runner of host.rs, pull.rs and callback.rs. Their binaries are also the servers and
//! publishers they start as processes, so they are `harness = false` and call [`run`] after
//! taking their child roles. It speaks the part of libtest's command line that `cargo test`
//! and cargo-nextest use:
//! - `--list` prints `NAME: test` per case; with `--ignored` it prints nothing (no case is
//!   ignored; printing them there made nextest take every case for an ignored one and skip it);
//! - names filter the cases by substring, or by the whole name with `--exact` (how nextest
//!   runs one case per process);
//! - libtest's other options are accepted and skipped, with the value of those taking one.

use std::process::ExitCode;
use std::time::Instant;

/// A case: its name and its function, given the file's shared context.
pub type Case<C> = (&'static str, fn(&C));

/// Runs the chosen cases one after the other with one context made by `setup` (not made when
/// no case is chosen), printing libtest's lines; exit 101 when one failed, as libtest.
pub fn run<C>(cases: &[Case<C>], setup: impl FnOnce() -> C) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut filters: Vec<&str> = Vec::new();
    let (mut list, mut ignored, mut exact) = (false, false, false);
    let mut skip_value = false;
    for a in &args {
        if std::mem::take(&mut skip_value) {
            continue;
        }
        match a.as_str() {
            "--test-threads" | "--skip" | "--format" | "--color" | "--logfile" | "-Z" => {
                skip_value = true
            }
            "--list" => list = true,
            "--ignored" => ignored = true,
            "--exact" => exact = true,
            _ if a.starts_with('-') => {}
            _ => filters.push(a),
        }
    }
    if list {
        if !ignored {
            for (name, _) in cases {
                println!("{name}: test");
            }
        }
        return ExitCode::SUCCESS;
    }
    let chosen: Vec<&Case<C>> = cases
        .iter()
        .filter(|(n, _)| {
            filters.is_empty()
                || filters
                    .iter()
                    .any(|f| if exact { n == f } else { n.contains(f) })
        })
        .filter(|_| !ignored)
        .collect();
    println!("\nrunning {} tests", chosen.len());
    if chosen.is_empty() {
        return ExitCode::SUCCESS;
    }
    let ctx = setup();
    let mut failed = Vec::new();
    for (name, case) in &chosen {
        let started = Instant::now();
        let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| case(&ctx))).is_ok();
        println!(
            "test {name} ... {} ({:.1?})",
            if ok { "ok" } else { "FAILED" },
            started.elapsed()
        );
        if !ok {
            failed.push(*name);
        }
    }
    drop(ctx);
    println!(
        "\ntest result: {}. {} passed; {} failed\n",
        if failed.is_empty() { "ok" } else { "FAILED" },
        chosen.len() - failed.len(),
        failed.len()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        println!("failures: {failed:?}");
        ExitCode::from(101)
    }
}
