//! `pcf pact publish`: a sealed result exported as a PACT v3 ProductFootprint by pcf's own
//! export ([`pcf::pact::export_report`], the bytes of `pcf pact export --spec 3`) and stored.
//!
//! A footprint that shares a product id with an active one is its new version (PACT v3
//! data model, "lifecycle"): in the same transaction the old ones become `Deprecated` and the
//! new one lists them in `precedingPfIds` (given to the export through the meta, so the
//! footprint is checked with them). Publishing the same footprint again changes nothing.

use serde_json::{Map, Value};

use crate::store::Store;
use crate::HostError;

/// What one publication did.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    /// The footprint's id.
    pub id: String,
    /// Its product ids.
    pub product_ids: Vec<String>,
    /// The earlier versions it deprecated (its `precedingPfIds` beyond the meta's).
    pub deprecated: Vec<String>,
    /// It was already stored, identical: nothing was written.
    pub already_stored: bool,
    /// The export's warnings (what the footprint cannot say), as `pcf pact export` prints
    /// them.
    pub warnings: Vec<pcf::pact::ExportWarning>,
}

impl Published {
    /// The acknowledgement line `pcf pact publish` prints once the footprint is committed.
    pub fn json(&self, file: &str) -> Value {
        serde_json::json!({
            "file": file,
            "id": self.id,
            "stored": !self.already_stored,
            "productIds": self.product_ids,
            "deprecated": self.deprecated,
        })
    }
}

fn texts(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The meta JSON with `precedingPfIds` extended by `preceding` (kept in its order, the
/// meta's first).
fn meta_with_preceding(meta: Option<&str>, preceding: &[String]) -> Result<String, HostError> {
    let mut m: Map<String, Value> = match meta {
        Some(text) => match pcf::json::parse_value(text) {
            Ok(Value::Object(o)) => o,
            // `Meta::parse` names the problem: let the first export report it.
            _ => return Err(HostError::Internal("the meta JSON changed".into())),
        },
        None => Map::new(),
    };
    let mut ids: Vec<String> = m
        .get("precedingPfIds")
        .map(|v| texts(&serde_json::json!({ "p": v }), "p"))
        .unwrap_or_default();
    for id in preceding {
        if !ids.iter().any(|i| i.eq_ignore_ascii_case(id)) {
            ids.push(id.clone());
        }
    }
    m.insert("precedingPfIds".into(), Value::from(ids));
    Ok(Value::Object(m).to_string())
}

/// The footprint without what publishing changes (`status`, `precedingPfIds`): two
/// publications of the same result and meta compare equal.
fn identity(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(o) = v.as_object_mut() {
        o.remove("status");
        o.remove("precedingPfIds");
    }
    v
}

/// Exports `result_text` (a sealed `pcf-result/1`) as a PACT v3 footprint with the optional
/// `meta` JSON and stores it in one transaction, deprecating the active footprints of the
/// same product. Errors name the field (`$.receipt.result_sha256`, `$meta.companyIds`,
/// `$pact.id` for an id already used by another footprint).
pub fn publish(
    store: &mut Store,
    result_text: &str,
    meta: Option<&str>,
) -> Result<Published, HostError> {
    let spec = pcf::pact::Spec::V3;
    let opts = pcf::pact::ExportOptions::default();
    let first = pcf::pact::export_report(result_text, spec, meta, opts)?;
    let id = first
        .footprint
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
        .ok_or_else(|| HostError::Internal("the export wrote no id".into()))?;
    let product_ids = texts(&first.footprint, "productIds");
    store.write(|w| {
        if let Some(stored) = w.get(&id)? {
            let stored: Value = serde_json::from_str(&stored)
                .map_err(|e| HostError::Internal(format!("footprint {id}: {e}")))?;
            if identity(&stored) == identity(&first.footprint) {
                return Ok(Published {
                    id: id.clone(),
                    product_ids: product_ids.clone(),
                    deprecated: Vec::new(),
                    already_stored: true,
                    warnings: first.warnings.clone(),
                });
            }
            return Err(HostError::input(
                "duplicate_id",
                "$pact.id",
                format!("another footprint with the id {id} is stored already: give this one another id (`id` in the meta)"),
            ));
        }
        let preceding: Vec<String> = w
            .active_versions(&product_ids)?
            .into_iter()
            .filter(|p| *p != id)
            .collect();
        let report = match preceding.is_empty() {
            true => first.clone(),
            false => {
                let meta = meta_with_preceding(meta, &preceding)?;
                pcf::pact::export_report(result_text, spec, Some(&meta), opts)?
            }
        };
        let status = report
            .footprint
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or("Active")
            .to_owned();
        let text = pcf::to_json(&report.footprint)?;
        w.insert(&id, &status, &product_ids, &text)?;
        for old in &preceding {
            w.deprecate(old)?;
        }
        Ok(Published {
            id: id.clone(),
            product_ids: product_ids.clone(),
            deprecated: preceding,
            already_stored: false,
            warnings: report.warnings,
        })
    })
}

/// `pcf pact publish`: each `(file name, result text)` published in turn, each in its own
/// transaction; `ack` is called once each is committed (the CLI prints its line then). The
/// first failure stops the run: the files before it stay published, and the error's message
/// names the file.
pub fn publish_files(
    store: &mut Store,
    files: &[(String, String)],
    meta: Option<&str>,
    mut ack: impl FnMut(&str, &Published),
) -> Result<(), HostError> {
    for (name, text) in files {
        match publish(store, text, meta) {
            Ok(p) => ack(name, &p),
            Err(HostError::Input(mut r)) => {
                r.message = format!("{name}: {}", r.message);
                return Err(HostError::Input(r));
            }
            Err(HostError::Internal(m)) => return Err(HostError::Internal(format!("{name}: {m}"))),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
