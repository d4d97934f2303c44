//! The bad-input corpus (`tests/bad/cases.json`, issue 9), natively: every case through the
//! library (as an embedder calls it) and through the `pcf` binary as a process. Each must give
//! exactly its error code and JSON path (the CLI: exit 2 and `{"error":{…}}` on stderr), or
//! compute when it says `"expect": "ok"`, and nothing may panic. The same manifest drives
//! `tests/node/bad-inputs.test.mjs` (the WASM module under Node).
//!
//! Huge inputs are not committed: a case with `generate` holds a recipe ([`generate`]) that
//! this file and the Node runner both follow.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use pcf::factors::{FactorSet, FactorTable, Origin};
use serde_json::Value;

/// The repository's root: the shared test data (`tests/`, `examples/`, `schema/`, `factors/`)
/// lives there, and the binary runs there, as a user in a clone would.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn dir() -> PathBuf {
    Path::new(ROOT).join("tests").join("bad")
}

fn manifest() -> Vec<Value> {
    let text = std::fs::read_to_string(dir().join("cases.json")).expect("tests/bad/cases.json");
    let m: Value = serde_json::from_str(&text).expect("cases.json is JSON");
    m["cases"].as_array().expect("cases").clone()
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(dir().join(rel)).unwrap_or_else(|e| panic!("tests/bad/{rel}: {e}"))
}

fn s<'a>(c: &'a Value, k: &str) -> &'a str {
    c[k].as_str().unwrap_or_default()
}

fn n(v: &Value, k: &str) -> usize {
    v[k].as_u64()
        .unwrap_or_else(|| panic!("recipe needs {k}: {v}")) as usize
}

/// A JSON object's text without its closing brace (to append fields to).
fn open_object(rel: &str) -> String {
    let text = String::from_utf8(read(rel)).expect("UTF-8");
    let t = text.trim_end();
    t.strip_suffix('}').expect("an object").to_string()
}

const TABLE_HEADER: &str =
    "id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,licence,verification,notes\n";

/// The generated inputs: `(document bytes, generated tables as (name, bytes))`. The recipes are
/// documented in `tests/bad/README.md`; `tests/node/bad-inputs.test.mjs` builds the same bytes.
fn generate(recipe: &Value) -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let kind = s(recipe, "kind");
    let base = || open_object(s(recipe, "base"));
    let doc = match kind {
        // The base object with one more string field filled up to `bytes` in all.
        "padded" => {
            let head = format!("{},\"{}\":\"", base(), s(recipe, "field"));
            let tail = "\"}";
            let fill = n(recipe, "bytes") - head.len() - tail.len();
            let mut t = String::with_capacity(n(recipe, "bytes"));
            t.push_str(&head);
            // `str::repeat` copies in doubling blocks: a char-by-char fill of tens of MB takes
            // most of this test's time in a debug build.
            t.push_str(&"x".repeat(fill));
            t.push_str(tail);
            t
        }
        // `field` set to `count` copies of `item` (a JSON text).
        "repeat" => {
            let count = n(recipe, "count");
            let item = s(recipe, "item");
            let mut t = format!("{},\"{}\":[", base(), s(recipe, "field"));
            // Split at `{i}` once: a `replace` per item is most of the time for 8 million items.
            let parts: Vec<&str> = item.split("{i}").collect();
            for i in 0..count {
                if i > 0 {
                    t.push(',');
                }
                for (k, part) in parts.iter().enumerate() {
                    if k > 0 {
                        t.push_str(&i.to_string());
                    }
                    t.push_str(part);
                }
            }
            t.push_str("]}");
            t
        }
        // `components` components, each with `count` copies of `item` as its activities.
        "component_lines" => {
            let count = n(recipe, "count");
            let lines = vec![s(recipe, "item"); count].join(",");
            let comps: Vec<String> = (0..n(recipe, "components"))
                .map(|c| format!("{{\"id\":\"c{c}\",\"activities\":[{lines}]}}"))
                .collect();
            format!("{},\"components\":[{}]}}", base(), comps.join(","))
        }
        // `field` set to `depth` nested arrays.
        "nested" => {
            let d = n(recipe, "depth");
            format!(
                "{},\"{}\":{}{}}}",
                base(),
                s(recipe, "field"),
                "[".repeat(d),
                "]".repeat(d)
            )
        }
        // A factor table of `rows` rows (or one row padded to `bytes`).
        "table" => {
            let mut t = TABLE_HEADER.to_string();
            if let Some(rows) = recipe["rows"].as_u64() {
                for i in 0..rows {
                    t.push_str(&format!(
                        "own.r{i},row {i},,1,kg,kWh,CO2e,unspecified,fossil,CN,2024,bad-input corpus,CC0,user,\n"
                    ));
                }
            } else {
                let row = "own.big,big,,1,kg,kWh,CO2e,unspecified,fossil,CN,2024,bad-input corpus,CC0,user,";
                let fill = n(recipe, "bytes") - t.len() - row.len() - 1;
                t.push_str(row);
                t.push_str(&"x".repeat(fill));
                t.push('\n');
            }
            let name = s(recipe, "name").to_string();
            return (read(s(recipe, "document")), vec![(name, t.into_bytes())]);
        }
        other => panic!("unknown recipe {other}"),
    };
    (doc.into_bytes(), Vec::new())
}

/// A case's input bytes and its tables as `(name, bytes, override)`.
type Tables = Vec<(String, Vec<u8>, bool)>;

fn inputs(c: &Value) -> (Vec<u8>, Tables) {
    let mut tables: Tables = c["tables"]
        .as_array()
        .map(|ts| {
            ts.iter()
                .map(|t| {
                    let f = s(t, "file");
                    let name = Path::new(f)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    (name, read(f), t["override"].as_bool().unwrap_or(false))
                })
                .collect()
        })
        .unwrap_or_default();
    if c["generate"].is_object() {
        let (doc, gen) = generate(&c["generate"]);
        tables.extend(gen.into_iter().map(|(n, b)| (n, b, false)));
        (doc, tables)
    } else {
        (read(s(c, "input")), tables)
    }
}

// ---------------------------------------------------------------- the library

/// What a call gave: `Ok(output text)` or `Err((code, path))`.
type Outcome = Result<String, (String, String)>;

fn err(e: pcf::Error) -> (String, String) {
    let r = e.report();
    REPORTS.with(|v| v.borrow_mut().push((r.message, r.message_zh)));
    (e.code().to_string(), e.path().to_string())
}

thread_local! {
    /// Every error report [`err`] saw on this thread: (English message, Chinese message).
    static REPORTS: std::cell::RefCell<Vec<(String, Option<String>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn set_of(tables: &Tables) -> Result<FactorSet, pcf::Error> {
    if tables.is_empty() {
        return FactorSet::builtin().cloned();
    }
    let mut user = Vec::new();
    for (name, bytes, overrides) in tables {
        let text = pcf::json::utf8(bytes, name)?;
        let origin = Origin::User {
            overrides: *overrides,
        };
        user.push(if name.ends_with(".json") {
            FactorTable::from_json(name, origin, text)?
        } else {
            FactorTable::from_csv(name, origin, text)?
        });
    }
    FactorSet::with_user_tables(user)
}

fn native(c: &Value, bytes: &[u8], tables: &Tables) -> Outcome {
    let entry = s(c, "entry");
    let opts = &c["options"];
    if entry == "batch" {
        // As `pcf batch` reads a file: line by line, each line's bytes checked as UTF-8.
        let want = c["line"].as_u64().expect("batch cases name their line");
        let line = bytes
            .split(|b| *b == b'\n')
            .nth(want as usize - 1)
            .expect("the line exists");
        let set = set_of(tables).map_err(err)?;
        let (out, _) = match pcf::json::utf8(line, "$") {
            Ok(text) => pcf::batch::record(want, text, &set),
            Err(e) => pcf::batch::error_line(want, &e.report()),
        };
        let v: Value = serde_json::from_str(&out).expect("a batch line is JSON");
        assert_eq!(v["line"].as_u64(), Some(want), "batch line number");
        return match v.get("error") {
            Some(e) => {
                let zh = e["message_zh"].as_str().map(str::to_string);
                REPORTS.with(|r| r.borrow_mut().push((s(e, "message").into(), zh)));
                Err((s(e, "code").into(), s(e, "path").into()))
            }
            None => Ok(out),
        };
    }
    let text = pcf::json::utf8(bytes, "$").map_err(err)?;
    let set = set_of(tables).map_err(err)?;
    match entry {
        "compute" => pcf::compute_json(text, &set),
        "verify" => pcf::verify(text, &set).and_then(|r| pcf::to_json(&r)),
        "network" => pcf::network::network_json(text, "input"),
        "pact_import" => {
            let o = pcf::pact::ImportOptions {
                at: opts["at"].as_str().map(str::to_string),
                ..Default::default()
            };
            pcf::pact::import_json(text, &o)
        }
        "uncertainty" => pcf::uncertainty::run_json(
            text,
            &set,
            pcf::uncertainty::Options {
                runs: opts["runs"].as_u64().expect("runs") as u32,
                seed: opts["seed"].as_u64().expect("seed"),
                threshold: None,
            },
        ),
        other => panic!("unknown entry {other}"),
    }
    .map_err(err)
}

/// Checks one outcome against the case; `Err(message)` on a mismatch.
fn check(c: &Value, got: &Outcome, same_as: impl FnOnce() -> Outcome) -> Result<(), String> {
    if c["expect"] == "ok" {
        let out = got
            .as_ref()
            .map_err(|(code, path)| format!("expected it to compute, got {code} at {path}"))?;
        if c["same_as"].is_string() {
            match same_as() {
                Ok(other) if &other == out => {}
                Ok(_) => return Err(format!("differs from {}", s(c, "same_as"))),
                Err((code, path)) => return Err(format!("same_as failed: {code} at {path}")),
            }
        }
        if let Some(total) = c["total_kg_co2e"].as_f64() {
            let v: Value = serde_json::from_str(out).map_err(|e| e.to_string())?;
            if v["total_kg_co2e"].as_f64() != Some(total) {
                return Err(format!("total {} instead of {total}", v["total_kg_co2e"]));
            }
        }
        if let Some(cells) = c["csv_cells"].as_object() {
            // The JSON keeps the text as written (the page's CSV export neutralises it: the
            // Node runner checks that); here: no line lost or altered it.
            for (column, cell) in cells {
                let raw = cell.as_str().unwrap_or_default();
                let raw = raw.strip_prefix('\'').unwrap_or(raw);
                let json = serde_json::to_string(raw).expect("a string");
                if !out.contains(&json) {
                    return Err(format!("{column}: {json} is not in the result"));
                }
            }
        }
        return Ok(());
    }
    let want = (s(c, "code").to_string(), s(c, "path").to_string());
    match got {
        Ok(_) => Err(format!(
            "expected {} at {}, but it computed",
            want.0, want.1
        )),
        Err(e) if *e == want => Ok(()),
        Err((code, path)) => Err(format!(
            "expected {} at {}, got {code} at {path}",
            want.0, want.1
        )),
    }
}

#[test]
fn the_corpus_has_at_least_100_cases_covering_every_category() {
    let cases = manifest();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let mut ids = std::collections::BTreeSet::new();
    for c in &cases {
        assert!(ids.insert(s(c, "id")), "duplicate case id {}", s(c, "id"));
        assert!(!s(c, "why").is_empty(), "{} has no why", s(c, "id"));
        assert!(
            c["expect"] == "ok" || (c["code"].is_string() && c["path"].is_string()),
            "{} names no code and path",
            s(c, "id")
        );
    }
    for category in [
        "json",
        "types",
        "numbers",
        "nonfinite",
        "negative",
        "unknown",
        "dimension",
        "duplicate",
        "cycles",
        "nesting",
        "limits",
        "utf8",
        "bom",
        "csv-injection",
        "tables",
        "pact",
        "verify",
        "network",
        "batch",
        "uncertainty",
        "templates",
    ] {
        assert!(
            ids.iter().any(|id| id.starts_with(&format!("{category}/"))),
            "no case in {category}"
        );
    }
    for entry in [
        "compute",
        "verify",
        "pact_import",
        "network",
        "batch",
        "uncertainty",
    ] {
        assert!(
            cases.iter().any(|c| s(c, "entry") == entry),
            "no case for {entry}"
        );
    }
}

#[test]
fn every_case_gives_its_code_and_path_natively() {
    let mut failures = Vec::new();
    for c in manifest() {
        let id = s(&c, "id").to_string();
        let (bytes, tables) = inputs(&c);
        let outcome = std::panic::catch_unwind(|| {
            let got = native(&c, &bytes, &tables);
            check(&c, &got, || {
                let mut other = c.clone();
                other["input"] = c["same_as"].clone();
                other["tables"] = c["same_tables"].clone();
                let (b, t) = inputs(&other);
                native(&other, &b, &t)
            })
        });
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(m)) => failures.push(format!("{id}: {m}")),
            Err(_) => failures.push(format!("{id}: PANIC")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Issue 21: every engine error comes with its text in Chinese too (`message_zh`, written by
/// `crates/pcf-core/src/error/zh.rs`): a Chinese sentence (CJK characters), not the English
/// one, that keeps every quoted name or value of the English message (a unit, an id, a field).
#[test]
fn every_error_of_the_corpus_has_its_chinese_text_with_the_same_facts() {
    REPORTS.with(|v| v.borrow_mut().clear());
    for c in manifest() {
        let (bytes, tables) = inputs(&c);
        let _ = native(&c, &bytes, &tables);
    }
    let reports = REPORTS.with(|v| v.borrow().clone());
    assert!(reports.len() >= 80, "{} errors", reports.len());
    let quoted = |m: &str, q: char| -> Vec<String> {
        m.split(q).skip(1).step_by(2).map(str::to_string).collect()
    };
    let mut bad = Vec::new();
    for (en, zh) in &reports {
        let Some(zh) = zh else {
            bad.push(format!("no message_zh: {en}"));
            continue;
        };
        if !zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) || zh == en {
            bad.push(format!("not Chinese: {zh}"));
        }
        for q in quoted(en, '"').iter().chain(quoted(en, '`').iter()) {
            if !zh.contains(q.as_str()) {
                bad.push(format!("{zh:?} lacks {q:?} of {en:?}"));
            }
        }
    }
    assert!(bad.is_empty(), "{} errors:\n{}", bad.len(), bad.join("\n"));
}

// ---------------------------------------------------------------- the CLI, as a process

fn cli(c: &Value, bytes: &[u8], tables: &Tables) -> Outcome {
    let entry = s(c, "entry");
    let tmp = std::env::temp_dir().join(format!("pcf-bad-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("temp dir");
    // Committed inputs are passed by path (as a user would); generated ones on stdin.
    let file = if c["generate"].is_object() {
        "-".to_string()
    } else {
        dir().join(s(c, "input")).to_string_lossy().into_owned()
    };
    let mut args: Vec<String> = match entry {
        "compute" => vec!["compute".into(), file.clone()],
        "verify" => vec!["verify".into(), file.clone()],
        "network" => vec!["network".into(), file.clone()],
        "batch" => vec!["batch".into(), "-q".into(), file.clone()],
        "pact_import" => vec!["pact".into(), "import".into(), file.clone()],
        "uncertainty" => vec![
            "uncertainty".into(),
            file.clone(),
            "--runs".into(),
            c["options"]["runs"].to_string(),
            "--seed".into(),
            c["options"]["seed"].to_string(),
        ],
        other => panic!("unknown entry {other}"),
    };
    if let Some(at) = c["options"]["at"].as_str() {
        args.extend(["--at".to_string(), at.to_string()]);
    }
    let mut table_files = Vec::new();
    for (name, tb, overrides) in tables {
        let p = tmp.join(name);
        std::fs::write(&p, tb).expect("write table");
        args.extend(["--factors".to_string(), p.to_string_lossy().into_owned()]);
        if *overrides {
            args.push("--override".into());
        }
        table_files.push((p.to_string_lossy().into_owned(), tb));
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_pcf"))
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run pcf");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = if file == "-" {
        bytes.to_vec()
    } else {
        Vec::new()
    };
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        // The process may stop reading at the size limit: a broken pipe is expected then.
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("pcf output");
    let _ = writer.join();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "{}: the CLI panicked: {stderr}",
        s(c, "id")
    );
    if entry == "batch" {
        let want = c["line"].as_u64().expect("line");
        assert_eq!(out.status.code(), Some(0), "a batch runs on: {stderr}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        for l in stdout.lines() {
            let v: Value = serde_json::from_str(l).expect("a batch line is JSON");
            if v["line"].as_u64() == Some(want) {
                return match v.get("error") {
                    Some(e) => Err((s(e, "code").into(), s(e, "path").into())),
                    None => Ok(l.to_string()),
                };
            }
        }
        panic!("{}: no output line {want}", s(c, "id"));
    }
    match out.status.code() {
        Some(0) => Ok(String::from_utf8_lossy(&out.stdout).into_owned()),
        Some(2) => {
            let v: Value = serde_json::from_str(stderr.trim()).unwrap_or_else(|_| {
                panic!("{}: stderr is not one JSON error: {stderr}", s(c, "id"))
            });
            let e = &v["error"];
            let (code, path) = (s(e, "code").to_string(), s(e, "path").to_string());
            // A file that is not UTF-8: the CLI names the file (its documented contract);
            // the library and WASM name the document (`$`) or the table.
            if code == "invalid_utf8" {
                let named = table_files
                    .iter()
                    .find(|(p, _)| *p == path)
                    .map(|(p, _)| {
                        Path::new(p)
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default()
                    })
                    .or_else(|| (path == file).then(|| "$".to_string()));
                return Err((code, named.unwrap_or(path)));
            }
            Err((code, path))
        }
        other => panic!("{}: exit {other:?}, stderr {stderr}", s(c, "id")),
    }
}

#[test]
fn every_case_gives_its_code_and_path_through_the_cli() {
    let mut failures = Vec::new();
    for c in manifest() {
        let id = s(&c, "id").to_string();
        let (bytes, tables) = inputs(&c);
        let got = cli(&c, &bytes, &tables);
        let r = check(&c, &got, || {
            let mut other = c.clone();
            other["input"] = c["same_as"].clone();
            other["tables"] = c["same_tables"].clone();
            let (b, t) = inputs(&other);
            cli(&other, &b, &t)
        });
        if let Err(m) = r {
            failures.push(format!("{id}: {m}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
