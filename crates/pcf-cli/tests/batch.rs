//! `pcf batch` as a process: JSONL in, JSONL out, error lines for bad records, order kept.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The repository's root: the shared test data (`tests/`, `examples/`, `schema/`, `factors/`)
/// lives there, and the binary runs there, as a user in a clone would.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn pcf(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pcf"))
        .args(args)
        .current_dir(ROOT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the pcf binary starts");
    // pcf may exit before reading (an unreadable file): a broken pipe then is expected.
    if let Err(e) = child.stdin.take().expect("stdin is piped").write_all(stdin) {
        assert_eq!(
            e.kind(),
            std::io::ErrorKind::BrokenPipe,
            "writing stdin: {e}"
        );
    }
    child.wait_with_output().expect("pcf finishes")
}

/// Every golden case's input, one compact line each, with the expected result.
fn golden() -> Vec<(String, serde_json::Value)> {
    let root = std::path::Path::new(ROOT).join("tests/golden");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/golden exists")
        .map(|e| e.expect("readable").path())
        .filter(|d| d.join("input.json").exists())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|d| {
            let input: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(d.join("input.json")).expect("input"),
            )
            .expect("JSON input");
            let expected: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(d.join("expected.json")).expect("expected"),
            )
            .expect("JSON expected");
            (serde_json::to_string(&input).expect("JSON"), expected)
        })
        .collect()
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is one JSON value"))
        .collect()
}

#[test]
fn every_golden_case_gives_its_golden_result_in_input_order() {
    let cases = golden();
    assert!(cases.len() >= 20, "golden cases: {}", cases.len());
    let input: String = cases.iter().map(|(l, _)| format!("{l}\n")).collect();
    let out = pcf(&["batch", "-", "-q"], input.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    assert_eq!(got.len(), cases.len());
    for (i, (v, (_, expected))) in got.iter().zip(&cases).enumerate() {
        assert_eq!(v["line"], (i + 1) as u64);
        assert_eq!(&v["result"], expected, "record {}", i + 1);
    }
    // The same bytes with one thread and with two.
    let one = pcf(&["batch", "-", "-q", "-j", "1"], input.as_bytes());
    let two = pcf(&["batch", "-", "-q", "-j", "2"], input.as_bytes());
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, out.stdout);
}

#[test]
fn bad_records_give_error_lines_and_the_batch_goes_on() {
    let cases = golden();
    let good = &cases[0].0;
    let bad_unit = good.replacen("\"kWh\"", "\"kWhh\"", 1);
    let mut input = Vec::new();
    input.extend_from_slice(format!("{good}\n").as_bytes()); // 1
    input.extend_from_slice(b"{\"schema\": \n"); // 2: truncated JSON
    input.extend_from_slice(b"\n"); // 3: blank, skipped
    input.extend_from_slice(b"{\"schema\":\"pcf/1\",\"product\":\xff}\n"); // 4: not UTF-8
    input.extend_from_slice(format!("{good}\r\n").as_bytes()); // 5: CRLF
    let has_kwh = bad_unit != *good;
    if has_kwh {
        input.extend_from_slice(format!("{bad_unit}\n").as_bytes()); // 6
    }
    let out = pcf(&["batch", "-"], &input);
    assert_eq!(out.status.code(), Some(0));
    let got = lines(&out);
    assert_eq!(got.len(), if has_kwh { 5 } else { 4 });
    assert_eq!(got[0]["line"], 1);
    assert!(got[0]["result"].is_object());
    assert_eq!(got[1]["line"], 2);
    assert_eq!(got[1]["error"]["code"], "malformed_json");
    assert_eq!(got[2]["line"], 4);
    assert_eq!(got[2]["error"]["code"], "invalid_utf8");
    assert_eq!(got[3]["line"], 5);
    assert_eq!(got[3]["result"], got[0]["result"]);
    if has_kwh {
        assert_eq!(got[4]["line"], 6);
        assert_eq!(got[4]["error"]["code"], "unknown_unit");
        assert!(got[4]["error"]["path"]
            .as_str()
            .expect("path")
            .ends_with(".unit"));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("pcf batch:"), "{stderr}");
    assert!(stderr.contains("failed"), "{stderr}");
    // --fail-on-error: same lines, exit 1.
    let strict = pcf(&["batch", "-", "-q", "--fail-on-error"], &input);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(strict.stdout, out.stdout);
}

#[test]
fn summary_lines_carry_the_total_and_the_full_results_receipt() {
    let cases = golden();
    let input: String = cases.iter().map(|(l, _)| format!("{l}\n")).collect();
    let out = pcf(
        &["batch", "-", "-q", "--output", "summary"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    for (v, (_, expected)) in lines(&out).iter().zip(&cases) {
        assert_eq!(v["summary"]["total_kg_co2e"], expected["total_kg_co2e"]);
        assert_eq!(v["summary"]["receipt"], expected["receipt"]);
        assert!(v["summary"].get("lines").is_none());
    }
}

#[test]
fn an_unreadable_input_exits_2_and_out_writes_a_file() {
    let out = pcf(&["batch", "no/such/file.jsonl"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stderr).trim()).expect("JSON error");
    assert_eq!(err["error"]["code"], "cannot_read");

    let dir = std::env::temp_dir().join(format!("pcf-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("out.jsonl");
    let cases = golden();
    let input = format!("{}\n", cases[0].0);
    let out = pcf(
        &["batch", "-", "-q", "-o", file.to_str().expect("utf-8")],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&file).expect("written");
    let v: serde_json::Value = serde_json::from_str(written.trim()).expect("JSON line");
    assert_eq!(v["result"], cases[0].1);
}

#[test]
fn parts_numbered_from_their_first_line_join_into_the_whole_batch() {
    let cases = golden();
    let mut input: String = cases.iter().map(|(l, _)| format!("{l}\n")).collect();
    input.insert_str(0, "{\"schema\":\"pcf/1\"\n\n"); // a bad record and a blank line
    let whole = pcf(
        &["batch", "-", "-q", "--output", "summary"],
        input.as_bytes(),
    );
    assert_eq!(whole.status.code(), Some(0));
    // Cut after the 7th line: the second part starts at line 8.
    let cut = input.match_indices('\n').nth(6).expect("7 lines").0 + 1;
    let a = pcf(
        &["batch", "-", "-q", "--output", "summary"],
        &input.as_bytes()[..cut],
    );
    let b = pcf(
        &[
            "batch",
            "-",
            "-q",
            "--output",
            "summary",
            "--first-line",
            "8",
        ],
        &input.as_bytes()[cut..],
    );
    assert_eq!([a.stdout, b.stdout].concat(), whole.stdout);
    let got = lines(&whole);
    assert_eq!(got[0]["line"], 1);
    assert_eq!(got[0]["error"]["code"], "malformed_json");
    assert_eq!(got[1]["line"], 3, "the blank line 2 is counted");
    // 0 is not a line number, nor one JSON readers cannot hold exactly.
    for n in ["0", "9007199254740992"] {
        let out = pcf(&["batch", "-", "--first-line", n], b"");
        assert_eq!(out.status.code(), Some(2), "{n}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("'--first-line <N>'"));
    }
    // The largest first line holds one line; a second would pass 2^53 − 1.
    let doc = &cases[0].0;
    let out = pcf(
        &["batch", "-", "-q", "--first-line", "9007199254740991"],
        format!("{doc}\n{doc}\n").as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    let e: serde_json::Value = serde_json::from_slice(&out.stderr).expect("JSON error");
    assert_eq!(e["error"]["code"], "limit_exceeded");
    assert_eq!(e["error"]["path"], "--first-line");
}

#[test]
fn uncertainty_lines_are_what_pcf_uncertainty_reports_for_each_record() {
    let cases = golden();
    let docs: Vec<&str> = cases.iter().take(3).map(|(l, _)| l.as_str()).collect();
    let input = format!("{}\n{{\"schema\":\"pcf/1\"}}\n{}\n", docs[0], docs[1]);
    let args = [
        "batch",
        "-",
        "-q",
        "--output",
        "uncertainty",
        "--runs",
        "250",
        "--seed",
        "11",
        "--threshold",
        "1000",
    ];
    let out = pcf(&args, input.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    assert_eq!(got.len(), 3);
    for (v, (n, doc)) in [&got[0], &got[2]]
        .into_iter()
        .zip([(1, docs[0]), (3, docs[1])])
    {
        let alone = pcf(
            &[
                "uncertainty",
                "-",
                "--runs",
                "250",
                "--seed",
                "11",
                "--threshold",
                "1000",
            ],
            doc.as_bytes(),
        );
        assert_eq!(alone.status.code(), Some(0));
        let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).expect("JSON report");
        assert_eq!(v["line"], n);
        assert_eq!(v["uncertainty"], alone, "record {n}");
        assert_eq!(v["uncertainty"]["method"]["runs"], 250);
    }
    assert_eq!(got[1]["line"], 2);
    assert_eq!(got[1]["error"]["code"], "invalid_document");
    // Options are checked before the first record; they belong to --output uncertainty alone.
    let out = pcf(
        &["batch", "-", "--output", "uncertainty", "--runs", "1"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let e: serde_json::Value = serde_json::from_slice(&out.stderr).expect("JSON error");
    assert_eq!(e["error"]["path"], "runs");
    assert_eq!(e["error"]["message"], "runs must be at least 2, got 1");
    let out = pcf(&["batch", "-", "--seed", "3"], input.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let e: serde_json::Value = serde_json::from_slice(&out.stderr).expect("JSON error");
    assert_eq!(e["error"]["code"], "invalid_value");
    assert_eq!(
        e["error"]["message"],
        "--runs, --seed and --threshold are for --output uncertainty"
    );
}
