//! One-way layers (issue 18): the future `pcf-core` modules must not reference the domain
//! modules (sectors, PACT, pre-check schemes, uncertainty, batch), the crate-root dispatch
//! (`crate::compute*`, `crate::read`) or any other crate-root item, and must not form a module
//! cycle among themselves — so that they can be moved into their own crate mechanically.
//!
//! Reads every file of the core modules (listed explicitly below: a new core file is added
//! here), cuts each at its first `#[cfg(test)]` test module (tests may call anything) and
//! strips `//` comments, then checks every `crate::…` path (including `use crate::{a, b}` and
//! `super::` chains that climb to the crate root).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The future core: top-level module names.
const CORE_MODULES: &[&str] = &[
    "units",
    "error",
    "numbers",
    "dates",
    "csv_table",
    "json",
    "gwp",
    "factors",
    "model",
    "document",
    "parts",
    "engine",
    "network",
    "result",
    "receipt",
    "calculator",
];

/// Every file of the core modules (test-only files such as `src/network/tests.rs` excluded).
const CORE_FILES: &[&str] = &[
    "src/units.rs",
    "src/error.rs",
    "src/numbers.rs",
    "src/dates.rs",
    "src/csv_table.rs",
    "src/json.rs",
    "src/gwp.rs",
    "src/factors.rs",
    "src/factors/derived.rs",
    "src/factors/params.rs",
    "src/factors/select.rs",
    "src/factors/uncertainty.rs",
    "src/model.rs",
    "src/document.rs",
    "src/parts.rs",
    "src/engine.rs",
    "src/network/mod.rs",
    "src/network/direct.rs",
    "src/network/iterative.rs",
    "src/network/scc.rs",
    "src/network/neutral.rs",
    "src/result.rs",
    "src/result/sector_metrics.rs",
    "src/receipt.rs",
    "src/receipt/jcs.rs",
    "src/calculator.rs",
];

/// Paths named explicitly by the issue: domain modules and the crate-root dispatch.
const FORBIDDEN: &[&str] = &[
    "sectors",
    "pact",
    "precheck",
    "uncertainty",
    "batch",
    "compute",
    "compute_unsealed",
    "compute_totals",
    "compute_document",
    "compute_json",
    "read",
    "Read",
];

/// The top-level module a file belongs to, and its module depth below the crate root.
fn module_of(file: &str) -> (String, usize) {
    let rel = file.trim_start_matches("src/").trim_end_matches(".rs");
    let parts: Vec<&str> = rel.split('/').filter(|p| *p != "mod").collect();
    (parts[0].to_string(), parts.len())
}

/// The file's non-test code: up to the first `#[cfg(test)]` that starts a module, with `//`
/// comments stripped; `(line number, text)`.
fn code_lines(text: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim() == "#[cfg(test)]" {
            let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
            if next.is_some_and(|l| {
                let t = l.trim_start();
                t.starts_with("mod ")
                    || t.starts_with("pub mod ")
                    || t.starts_with("pub(crate) mod ")
            }) {
                break;
            }
        }
        let code = match line.find("//") {
            Some(k) => &line[..k],
            None => line,
        };
        out.push((i + 1, code.to_string()));
    }
    out
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first segments of the crate-root paths a line names.
fn root_segments(line: &str, depth: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(k) = rest.find("crate::") {
        // `pcf_crate::x` or `$crate::` are not this crate's root.
        let before = rest[..k].chars().last();
        let after = &rest[k + "crate::".len()..];
        rest = after;
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(group) = after.strip_prefix('{') {
            // `crate::{a, b::c, d::{e}}`: the top-level names of the group.
            let mut level = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => level += 1,
                    '}' if level == 0 => break,
                    '}' => level -= 1,
                    ',' if level == 0 => start = true,
                    c if start && (c.is_ascii_alphanumeric() || c == '_') => {
                        out.push(ident_at(&group[j..]).to_string());
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let id = ident_at(after);
            if !id.is_empty() {
                out.push(id.to_string());
            }
        }
    }
    // `super::super::x` from a file `depth` modules deep reaches the crate root.
    if depth >= 1 {
        let climb = "super::".repeat(depth);
        let mut rest = line;
        while let Some(k) = rest.find(&climb) {
            let after = &rest[k + climb.len()..];
            rest = after;
            if !after.starts_with("super::") {
                let id = ident_at(after);
                if !id.is_empty() {
                    out.push(id.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn core_modules_reference_only_core_modules_and_form_no_cycle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let core: BTreeSet<&str> = CORE_MODULES.iter().copied().collect();
    let mut problems = Vec::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in CORE_FILES {
        let text = match std::fs::read_to_string(root.join(file)) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{file}: listed core file cannot be read: {e}"));
                continue;
            }
        };
        let (module, depth) = module_of(file);
        assert!(
            core.contains(module.as_str()),
            "{file}: {module} is not a core module"
        );
        graph.entry(module.clone()).or_default();
        for (n, line) in code_lines(&text) {
            for seg in root_segments(&line, depth) {
                if FORBIDDEN.contains(&seg.as_str()) {
                    problems.push(format!(
                        "{file}:{n}: core references `crate::{seg}` (domain or dispatch): {}",
                        line.trim()
                    ));
                } else if !core.contains(seg.as_str()) {
                    problems.push(format!(
                        "{file}:{n}: core references the crate-root item `crate::{seg}` (name it by its core module): {}",
                        line.trim()
                    ));
                } else if seg != module {
                    graph.entry(module.clone()).or_default().insert(seg);
                }
            }
        }
    }
    if let Some(cycle) = find_cycle(&graph) {
        problems.push(format!("core module cycle: {}", cycle.join(" -> ")));
    }
    assert!(
        problems.is_empty(),
        "layering broken ({}):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_file_of_a_core_directory_is_listed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    for dir in CORE_MODULES {
        let Ok(entries) = std::fs::read_dir(root.join("src").join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // `tests.rs`: a test-only module (`#[cfg(test)] mod tests;`).
            if name.ends_with(".rs") && name != "tests.rs" {
                let file = format!("src/{dir}/{name}");
                if !CORE_FILES.contains(&file.as_str()) {
                    missing.push(file);
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "core files not listed in CORE_FILES: {missing:?}"
    );
}

/// A cycle of the graph (its modules in order, the first repeated at the end), if any.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next.as_str()).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = stack.iter().position(|s| s == next).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(c) = visit(next, graph, marks, stack) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if marks.get(node.as_str()).copied().unwrap_or(Mark::New) == Mark::New {
            let mut stack = Vec::new();
            if let Some(c) = visit(node, graph, &mut marks, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn the_checker_sees_the_forms_it_must() {
    assert_eq!(
        root_segments("use crate::{engine, Read};", 1),
        vec!["engine", "Read"]
    );
    assert_eq!(
        root_segments(
            "let x = crate::pact::Spec::V2; use crate::{a::{b, c}, d};",
            1
        ),
        vec!["pact", "a", "d"]
    );
    assert_eq!(
        root_segments("super::super::sectors::X", 2),
        vec!["sectors"]
    );
    assert!(root_segments("super::span(x)", 2).is_empty());
    assert!(root_segments("$crate::x", 1).is_empty());
    let lines = code_lines("a\n// crate::pact\n#[cfg(test)]\nmod tests {\ncrate::pact\n}\n");
    assert_eq!(lines.len(), 2);
    assert_eq!(module_of("src/network/mod.rs"), ("network".to_string(), 1));
    assert_eq!(
        module_of("src/factors/select.rs"),
        ("factors".to_string(), 2)
    );
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(
        find_cycle(&g),
        Some(vec!["a".to_string(), "b".to_string(), "a".to_string()])
    );
}
