//! The JSON Schemas and listings of the inputs: the `pcf/1` schema, each sector template's
//! schema, name and tag, and bilingual field labels (`pcf schema`, `pcf labels`, WASM
//! `schema`, `templates`, `labels`), and the schemas generated from the types (native only:
//! `tests/schema.rs` checks the committed `schema/*.schema.json` equal them).

use crate::sectors;
#[cfg(not(target_arch = "wasm32"))]
use crate::{
    document, precheck, receipt, reports, result, verify_document, ErrorReport, FootprintResult,
};
use crate::{to_json, Error, Result};

fn template(name: &str) -> Result<&'static sectors::Template> {
    sectors::by_name(name).ok_or_else(|| {
        let known: Vec<&str> = sectors::TEMPLATES.iter().map(|t| t.name).collect();
        Error::invalid(
            "template",
            format!("unknown template {name:?}; known: {}", known.join(", ")),
        )
    })
}

/// The JSON Schema of a sector template (`pcf schema <name>`), as pretty JSON with a final
/// newline.
pub fn template_schema_json(name: &str) -> Result<String> {
    Ok(template(name)?.schema.to_string())
}

/// The sector templates as pretty JSON: `[{"name", "tag"}, …]`.
pub fn templates_json() -> Result<String> {
    let list: Vec<serde_json::Value> = sectors::TEMPLATES
        .iter()
        .map(|t| serde_json::json!({"name": t.name, "tag": t.tag}))
        .collect();
    to_json(&list)
}

/// The bilingual field labels of a sector template (its own and the common ones), as pretty
/// JSON with a final newline: `[{"field", "en", "zh"}, …]`.
pub fn template_labels_json(name: &str) -> Result<String> {
    let t = template(name)?;
    let all: Vec<&sectors::Label> = sectors::COMMON_LABELS.iter().chain(t.labels).collect();
    to_json(&all)
}

/// The JSON Schema of the `pcf/1` document, as pretty JSON with a final newline.
pub fn schema_json() -> Result<String> {
    Ok(include_str!("../schema/pcf-1.schema.json").to_string())
}

/// The JSON Schemas generated from the types, as `(file name, pretty JSON)`: the input
/// documents (`pcf/1`, the templates, the meta of `pcf report` and of `pcf pact export`) and the outputs (result,
/// pre-check and verify reports, error, totals, and the documents of `pcf report`) — what the committed `schema/*.schema.json` files must equal (`tests/schema.rs`; native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn generated_schemas() -> Result<Vec<(String, String)>> {
    let mut out = vec![(
        "pcf-1.schema.json".to_string(),
        to_json(&document::json_schema())?,
    )];
    // The meta JSON of `pcf report` (an input, read strictly).
    out.push((
        "pcf-report-meta-1.schema.json".to_string(),
        to_json(&schemars::schema_for!(reports::Meta))?,
    ));
    // The meta JSON of `pcf pact export` (an input, read strictly; the page's PACT form).
    out.push((
        "pcf-pact-meta-1.schema.json".to_string(),
        to_json(&schemars::schema_for!(crate::pact::Meta))?,
    ));
    for t in sectors::TEMPLATES {
        out.push((
            format!("{}.schema.json", t.tag.replace('/', "-")),
            to_json(&(t.generate)())?,
        ));
    }
    // The output documents (serialisation contract: a field written only when present is
    // optional). Used for the JS package's TypeScript declarations, not by the WASM build.
    fn output<T: schemars::JsonSchema>() -> schemars::Schema {
        schemars::generate::SchemaSettings::default()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<T>()
    }
    for (file, schema) in [
        ("pcf-result-1.schema.json", output::<FootprintResult>()),
        (
            "pcf-precheck-1.schema.json",
            output::<precheck::PrecheckReport>(),
        ),
        (
            "pcf-verify-1.schema.json",
            output::<receipt::VerifyReport>(),
        ),
        ("pcf-error.schema.json", output::<ErrorReport>()),
        ("pcf-totals-1.schema.json", output::<result::Totals>()),
        (
            "pcf-battery-passport-1.schema.json",
            output::<reports::battery_passport::BatteryPassport>(),
        ),
        (
            "pcf-battery-declaration-1.schema.json",
            output::<reports::battery_declaration::BatteryDeclaration>(),
        ),
        (
            "pcf-cbam-communication-1.schema.json",
            output::<reports::cbam_communication::CbamCommunication>(),
        ),
        (
            "pcf-cfp-report-1.schema.json",
            output::<reports::cfp_report::CfpReport>(),
        ),
        (
            "pcf-verify-document-1.schema.json",
            output::<verify_document::DocumentVerifyReport>(),
        ),
    ] {
        out.push((file.to_string(), to_json(&schema)?));
    }
    Ok(out)
}
