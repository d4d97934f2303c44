//! The JSON path of a parse error (`pcf::json::path_at`, a position → path scan) agrees with a
//! path-tracking deserialiser (serde_path_to_error, kept as a dev-dependency for this check
//! only) on every kind of damage to every example: a value of the wrong type, an unknown field,
//! a missing field, a truncated text.
#![cfg(not(target_arch = "wasm32"))]

use serde::de::DeserializeOwned;
use serde_json::Value;

fn reference<T: DeserializeOwned>(text: &str) -> Option<String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let res: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let e = match res {
        Ok(_) => match de.end() {
            Ok(()) => return None,
            Err(_) => return Some("$".into()),
        },
        Err(e) => e,
    };
    let mut out = pcf::JsonPath::root();
    for seg in e.path().iter() {
        use serde_path_to_error::Segment;
        out = match seg {
            Segment::Seq { index } => out.index(*index),
            Segment::Map { key } => out.key(key),
            Segment::Enum { variant } => out.key(variant),
            Segment::Unknown => out,
        };
    }
    Some(out.into())
}

fn ours<T: DeserializeOwned>(text: &str) -> Option<String> {
    pcf::json::parse::<T>(text)
        .err()
        .map(|e| e.path().to_string())
}

/// Every (pointer, value) leaf and object of a document.
fn walk(v: &Value, at: String, leaves: &mut Vec<String>, objects: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            objects.push(at.clone());
            for (k, x) in m {
                walk(x, format!("{at}/{k}"), leaves, objects);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, format!("{at}/{i}"), leaves, objects);
            }
        }
        _ => leaves.push(at),
    }
}

fn check_all<T: DeserializeOwned>(
    name: &str,
    text: &str,
    failures: &mut Vec<String>,
    compared: &mut usize,
) {
    let doc: Value = serde_json::from_str(text).expect("example is JSON");
    let (mut leaves, mut objects) = (Vec::new(), Vec::new());
    walk(&doc, String::new(), &mut leaves, &mut objects);
    let mut compare = |what: String, damaged: String| {
        let (a, b) = (reference::<T>(&damaged), ours::<T>(&damaged));
        if a.is_some() {
            *compared += 1;
        }
        if a.is_some() && a != b {
            let tail: String = damaged
                .chars()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            failures.push(format!(
                "{name} {what}: reference {a:?}, ours {b:?} (…{tail})"
            ));
        }
    };
    for p in &leaves {
        for replacement in [Value::from("x"), Value::from(vec![1]), Value::Null] {
            let mut d = doc.clone();
            if let Some(x) = d.pointer_mut(p) {
                *x = replacement.clone();
            }
            compare(
                format!("{p} = {replacement}"),
                serde_json::to_string_pretty(&d).expect("JSON"),
            );
        }
    }
    for p in &objects {
        let mut d = doc.clone();
        if let Some(Value::Object(m)) = d.pointer_mut(p) {
            m.insert("zz_unknown".into(), Value::from(1));
            let first = m.keys().next().cloned();
            compare(
                format!("{p} + unknown field"),
                serde_json::to_string(&d).expect("JSON"),
            );
            let mut d = doc.clone();
            if let (Some(Value::Object(m)), Some(k)) = (d.pointer_mut(p), first) {
                m.remove(&k);
                compare(
                    format!("{p} - {k}"),
                    serde_json::to_string_pretty(&d).expect("JSON"),
                );
            }
        }
    }
    let compact = serde_json::to_string(&doc).expect("JSON");
    let pretty = serde_json::to_string_pretty(&doc).expect("JSON");
    for (form, text, step) in [("compact", &compact, 7), ("pretty", &pretty, 5)] {
        for cut in (1..text.len()).step_by(step) {
            if text.is_char_boundary(cut) {
                compare(
                    format!("{form} truncated at {cut}"),
                    text[..cut].to_string(),
                );
            }
        }
    }
    // The committed text itself (its own spacing), cut after every colon.
    for (cut, _) in text.match_indices(": ") {
        compare(
            format!("cut after the colon at {cut}"),
            text[..cut + 2].to_string(),
        );
    }
}

#[test]
fn error_paths_agree_with_a_path_tracking_deserialiser() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut failures = Vec::new();
    let mut compared = 0;
    let mut n = 0;
    for entry in std::fs::read_dir(root).expect("examples/") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            continue; // examples/portal/, examples/node/: the JS package's examples
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let tag = serde_json::from_str::<Value>(&text).expect("JSON")["schema"].clone();
        // pcf/1, and every registered sector's input type (the registry's list).
        struct Check<'a> {
            name: &'a str,
            tag: Option<&'a str>,
            text: &'a str,
            failures: &'a mut Vec<String>,
            compared: &'a mut usize,
            found: bool,
        }
        impl pcf::sectors::SectorVisitor for Check<'_> {
            fn visit<S: pcf::sectors::Sector>(&mut self) {
                if self.tag == Some(S::TAG) {
                    check_all::<S::Input>(self.name, self.text, self.failures, self.compared);
                    self.found = true;
                }
            }
        }
        if tag.as_str() == Some("pcf/1") {
            check_all::<pcf::document::Document>(&name, &text, &mut failures, &mut compared);
        } else {
            let mut c = Check {
                name: &name,
                tag: tag.as_str(),
                text: &text,
                failures: &mut failures,
                compared: &mut compared,
                found: false,
            };
            pcf::sectors::visit_all(&mut c);
            if !c.found {
                continue;
            }
        }
        n += 1;
    }
    assert!(n >= 5, "examples checked: {n}");
    assert!(compared > 2000, "damaged documents compared: {compared}");
    failures.truncate(40);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
