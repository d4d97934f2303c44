//! One-way layers (issue 18). The workspace's crates stand in layers (`CRATE_LAYERS`): the
//! core `pcf-core` (crates/pcf-core); the `pcf` library (domain modules: sectors, PACT,
//! pre-check schemes, uncertainty, batch, the calculator and the crate-root dispatch) and
//! `pcf-wasm-common` over it; the PACT host `pcf-pact-host` over the library; the shells
//! `pcf-cli` (which runs the host), `pcf-wasm` and `pcf-wasm-page` on top. The
//! compiler refuses a reference against a dependency arrow; what it does not check is kept
//! here:
//!
//! - the crates and their arrows as `cargo metadata` shows them: each points to a lower layer;
//!   the page's first-load module stands on pcf-core (and the shared JS glue) alone;
//! - `crates/pcf-core/Cargo.toml` depends on no other pcf crate (so no crate depends on one
//!   above it: pcf-core is the bottom layer);
//! - the core modules name each other by module (`crate::error::Error`, not a crate-root
//!   re-export), name no domain item, and form no module cycle among themselves.
//!
//! Reads every file of the core modules (listed explicitly below: a new core file is added
//! here), cuts each at its first `#[cfg(test)]` test module (tests may call anything) and
//! strips `//` comments, then checks every `crate::…` path (including `use crate::{a, b}` and
//! `super::` chains that climb to the crate root).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The core crate's source directory (from the workspace root, the `pcf` package's).
const CORE_SRC: &str = "crates/pcf-core/src/";

/// The core crate's manifest.
const CORE_MANIFEST: &str = "crates/pcf-core/Cargo.toml";

/// The core: top-level module names of pcf-core.
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
];

/// Every file of the core modules (test-only files such as `network/tests.rs` excluded), under
/// [`CORE_SRC`].
const CORE_FILES: &[&str] = &[
    "units.rs",
    "error.rs",
    "error/zh.rs",
    "numbers.rs",
    "dates.rs",
    "csv_table.rs",
    "json.rs",
    "gwp.rs",
    "factors.rs",
    "factors/compact.rs",
    "factors/derived.rs",
    "factors/params.rs",
    "factors/recipe.rs",
    "factors/select.rs",
    "factors/uncertainty.rs",
    "model.rs",
    "document.rs",
    "parts.rs",
    "engine.rs",
    "network/mod.rs",
    "network/direct.rs",
    "network/iterative.rs",
    "network/scc.rs",
    "network/neutral.rs",
    "result.rs",
    "result/sector_metrics.rs",
    "receipt.rs",
    "receipt/jcs.rs",
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
    let rel = file.trim_end_matches(".rs");
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORE_SRC);
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
fn every_file_of_the_core_crate_is_listed() {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir:?}: {e}"));
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if path.is_dir() {
                walk(&path, &format!("{rel}{name}/"), out);
            } else if name.ends_with(".rs") {
                out.push(format!("{rel}{name}"));
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(CORE_SRC),
        "",
        &mut files,
    );
    assert!(files.len() >= CORE_FILES.len(), "{files:?}");
    // `lib.rs`: the crate root (module declarations and re-exports); `tests.rs`: a test-only
    // module (`#[cfg(test)] mod tests;`).
    let missing: Vec<&String> = files
        .iter()
        .filter(|f| {
            *f != "lib.rs" && !f.ends_with("/tests.rs") && !CORE_FILES.contains(&f.as_str())
        })
        .collect();
    assert!(
        missing.is_empty(),
        "core files not listed in CORE_FILES: {missing:?}"
    );
}

/// The dependencies a Cargo manifest names, with the section of each: every table whose name
/// ends in `dependencies` (`[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`,
/// `[target.'cfg(…)'.dependencies]`), and `[dependencies.name]` tables.
fn manifest_dependencies(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut section = String::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_string();
            // `[dependencies.pcf]` names the dependency in its header.
            if let Some((_, dep)) = section.rsplit_once("dependencies.") {
                out.push((section.clone(), dep.trim_matches('"').to_string()));
            }
            continue;
        }
        if section.ends_with("dependencies") {
            if let Some((key, _)) = line.split_once('=') {
                let key = key.trim().trim_matches('"');
                // `pcf-core.workspace = true` and `pcf = { … }` alike.
                let name = key.split('.').next().unwrap_or(key);
                out.push((section.clone(), name.to_string()));
            }
        }
    }
    out
}

/// pcf-core is the bottom layer: it depends on no other crate of this workspace (no `pcf*`
/// crate, no path dependency), so no crate can depend on one above it through it.
#[test]
fn the_core_crate_depends_on_no_other_pcf_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(CORE_MANIFEST)).expect("pcf-core's manifest");
    assert!(text.contains("name = \"pcf-core\""), "{CORE_MANIFEST}");
    let deps = manifest_dependencies(&text);
    assert!(
        deps.iter().any(|(_, d)| d == "serde"),
        "the manifest reader found no dependency: {deps:?}"
    );
    let upward: Vec<&(String, String)> = deps
        .iter()
        .filter(|(_, d)| d == "pcf" || d.starts_with("pcf-") || d.starts_with("pcf_"))
        .collect();
    assert!(upward.is_empty(), "pcf-core depends on {upward:?}");
    // Nor by path (a renamed dependency on a workspace crate).
    for line in text.lines() {
        let code = line.split('#').next().unwrap_or("");
        assert!(!code.contains("path ="), "{CORE_MANIFEST}: {line}");
    }
    // The workspace names the core crate, and the `pcf` package depends on it.
    let top = std::fs::read_to_string(root.join("Cargo.toml")).expect("root manifest");
    assert!(
        top.contains("\"crates/pcf-core\""),
        "Cargo.toml: workspace member"
    );
    assert!(
        manifest_dependencies(&top)
            .iter()
            .any(|(s, d)| s == "dependencies" && d == "pcf-core"),
        "Cargo.toml: pcf depends on pcf-core"
    );
}

/// The `pcf` crate's source directory and root.
const PCF_SRC: &str = "src/";

/// The `pcf` crate's modules as the root declares them (`pub mod x;`), and the root's
/// re-exports of their items (`pub use dispatch::{compute, …}` → `compute` is `dispatch`'s);
/// names re-exported from `pcf_core` are the core's (outside this crate's graph).
fn pcf_root() -> (BTreeSet<String>, BTreeMap<String, String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(PCF_SRC)
        .join("lib.rs");
    let text = std::fs::read_to_string(root).expect("src/lib.rs");
    let mut modules = BTreeSet::new();
    for (_, line) in code_lines(&text) {
        let t = line.trim();
        let decl = t
            .strip_prefix("pub mod ")
            .or_else(|| t.strip_prefix("mod "));
        if let Some(name) = decl.and_then(|d| d.strip_suffix(';')) {
            modules.insert(name.trim().to_string());
        }
    }
    // `pub use m::{a, b};` or `pub use m::a;`, possibly over several lines.
    let mut items = BTreeMap::new();
    let flat: String = code_lines(&text)
        .into_iter()
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join(" ");
    for stmt in flat.split(';') {
        let Some(path) = stmt.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, rest)) = path.split_once("::") else {
            continue;
        };
        let module = module.trim();
        if !modules.contains(module) {
            continue; // pcf_core's
        }
        let names = rest.trim().trim_start_matches('{').trim_end_matches('}');
        for name in names.split(',') {
            let name = name.trim();
            if !name.is_empty() {
                items.insert(name.to_string(), module.to_string());
            }
        }
    }
    (modules, items)
}

/// The `pcf` crate (the domain) has no module cycle either: each module names others by
/// `crate::module::…` or by a root re-export of one module's item, and the references form a
/// graph without a cycle (sectors are read by the dispatch, never call it; the dispatch, PACT,
/// pre-checks, uncertainty and batch call down). The root (`lib.rs`) defines nothing but
/// declarations and re-exports, and `core_tests.rs` (tests of the core through the dispatch)
/// may call anything.
#[test]
fn the_domain_crate_has_no_module_cycle() {
    let (modules, items) = pcf_root();
    for m in [
        "dispatch",
        "sectors",
        "pact",
        "precheck",
        "uncertainty",
        "batch",
    ] {
        assert!(modules.contains(m), "src/lib.rs declares {m}: {modules:?}");
    }
    assert_eq!(items.get("compute").map(String::as_str), Some("dispatch"));
    let core: BTreeSet<&str> = CORE_MODULES.iter().copied().collect();
    let core_items = [
        "compute_document",
        "engine_name",
        "Error",
        "ErrorReport",
        "FactorSet",
        "FootprintResult",
        "JsonPath",
        "Result",
        "to_json",
    ];
    fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir:?}: {e}"));
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() {
                walk(&entry.path(), &format!("{rel}{name}/"), out);
            } else if name.ends_with(".rs") {
                out.push(format!("{rel}{name}"));
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(PCF_SRC);
    let mut files = Vec::new();
    walk(&src, "", &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for file in files
        .iter()
        .filter(|f| *f != "lib.rs" && *f != "core_tests.rs")
    {
        let text = std::fs::read_to_string(src.join(file)).expect("readable");
        let (module, depth) = module_of(file);
        if !modules.contains(&module) {
            problems.push(format!("{file}: not under a declared module"));
            continue;
        }
        graph.entry(module.clone()).or_default();
        for (n, line) in code_lines(&text) {
            for seg in root_segments(&line, depth) {
                let to = if modules.contains(&seg) {
                    seg.clone()
                } else if let Some(m) = items.get(&seg) {
                    m.clone()
                } else if core.contains(seg.as_str()) || core_items.contains(&seg.as_str()) {
                    continue; // the core's, re-exported
                } else {
                    problems.push(format!(
                        "{file}:{n}: `crate::{seg}` is neither a module, a module's re-exported item, nor the core's: {}",
                        line.trim()
                    ));
                    continue;
                };
                if to != module {
                    graph.entry(module.clone()).or_default().insert(to);
                }
            }
        }
    }
    if let Some(cycle) = find_cycle(&graph) {
        problems.push(format!("module cycle in pcf: {}", cycle.join(" -> ")));
    }
    // The shape the issue names: sectors do not call the dispatch (they are called by it).
    if graph.get("sectors").is_some_and(|d| d.contains("dispatch")) {
        problems.push("sectors reference the dispatch".into());
    }
    assert!(
        graph.get("dispatch").is_some_and(|d| d.contains("sectors")),
        "the checker sees the dispatch read the sectors: {graph:?}"
    );
    assert!(
        problems.is_empty(),
        "pcf's modules ({}):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The workspace's crates in layers, bottom first: a crate may depend (normal, build or dev
/// dependency) only on crates of a lower layer, so every arrow points down and no crate
/// depends on one above it. The shells (the last layer) are depended on by nothing.
const CRATE_LAYERS: &[&[&str]] = &[
    &["pcf-core"],
    &["pcf", "pcf-wasm-common"],
    // The PACT host (store and server, native only): a shell over the domain that the
    // command line runs (`pcf pact serve`, `pcf pact publish`).
    &["pcf-pact-host"],
    &["pcf-cli", "pcf-wasm", "pcf-wasm-page"],
];

/// The page's first-load module stands on the core alone: no domain code can reach it.
const PAGE_MODULE_DEPS: &[&str] = &["pcf-core", "pcf-wasm-common"];

/// `cargo metadata` (no dependencies resolved: the workspace's own manifests) shows the
/// workspace: exactly the crates of [`CRATE_LAYERS`], each depending only on lower layers.
#[test]
fn cargo_metadata_shows_the_crates_in_one_way_layers() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("metadata JSON");
    let layer_of = |name: &str| CRATE_LAYERS.iter().position(|l| l.contains(&name));
    let packages = meta["packages"].as_array().expect("packages");
    let mut names: Vec<&str> = packages
        .iter()
        .map(|p| p["name"].as_str().expect("name"))
        .collect();
    names.sort_unstable();
    let mut want: Vec<&str> = CRATE_LAYERS
        .iter()
        .flat_map(|l| l.iter().copied())
        .collect();
    want.sort_unstable();
    assert_eq!(names, want, "the workspace's crates");
    let mut problems = Vec::new();
    for p in packages {
        let name = p["name"].as_str().expect("name");
        let layer = layer_of(name).expect("listed");
        for d in p["dependencies"].as_array().expect("dependencies") {
            let dep = d["name"].as_str().expect("dependency name");
            let Some(dep_layer) = layer_of(dep) else {
                continue; // not a workspace crate
            };
            if dep_layer >= layer {
                problems.push(format!(
                    "{name} (layer {layer}) depends on {dep} (layer {dep_layer}, kind {})",
                    d["kind"]
                ));
            }
            if name == "pcf-wasm-page" && !PAGE_MODULE_DEPS.contains(&dep) {
                problems.push(format!("pcf-wasm-page depends on {dep}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
    assert_eq!(module_of("network/mod.rs"), ("network".to_string(), 1));
    assert_eq!(module_of("factors/select.rs"), ("factors".to_string(), 2));
    let deps = manifest_dependencies(
        "[dependencies]\nserde = \"1\"\npcf-core.workspace = true # x = y\n[target.'cfg(unix)'.dependencies]\nlibc = { version = \"0.2\" }\n[dependencies.pcf]\npath = \"..\"\n[features]\na = []\n",
    );
    let names: Vec<&str> = deps.iter().map(|(_, d)| d.as_str()).collect();
    assert_eq!(names, vec!["serde", "pcf-core", "libc", "pcf"]);
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(
        find_cycle(&g),
        Some(vec!["a".to_string(), "b".to_string(), "a".to_string()])
    );
}
