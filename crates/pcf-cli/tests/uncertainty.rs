//! `pcf uncertainty` as a process: the report of the golden case shared with the library's
//! and the Node tests (tests/uncertainty.rs, tests/node/uncertainty.test.mjs), exit 2 on bad
//! options.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

/// The repository's root, where the shared test data lives and the binary runs.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

const INPUT: &str = "tests/data/uncertainty/input.json";

#[test]
fn the_cli_prints_the_report_and_exits_2_on_bad_input() {
    let exe = env!("CARGO_BIN_EXE_pcf");
    let out = Command::new(exe)
        .current_dir(ROOT)
        .args([
            "uncertainty",
            INPUT,
            "--runs",
            "2000",
            "--seed",
            "20240601",
            "--threshold",
            "105",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let want =
        std::fs::read_to_string(format!("{ROOT}/tests/data/uncertainty/expected.json")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), want);
    let out = Command::new(exe)
        .current_dir(ROOT)
        .args(["uncertainty", INPUT, "--runs", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let e: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["error"]["code"], "invalid_value");
    assert_eq!(e["error"]["path"], "runs");
}
