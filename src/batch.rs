//! Batch records: one document in, one JSON line out. The `pcf batch` command streams a JSONL
//! file through [`record`]; the WASM `computeBatch` export and the JS package do the same for
//! an array. A bad record gives an error line, never stops the batch.
//!
//! Output line (`pcf-batch-record/1`, one line of compact JSON, no newline inside):
//! - success: `{"line":N,"result":{…sealed pcf-result/1…}}`
//! - failure: `{"line":N,"error":{"code":…,"path":…,"message":…}}`
//!
//! - uncertainty (`--output uncertainty`): `{"line":N,"uncertainty":{…pcf-uncertainty/1…}}`, a
//!   Monte Carlo run of the record with the same options for every record.
//! - summary (`--output summary`): `{"line":N,"summary":{…}}` with the product, declared unit,
//!   total, per-stage, per-class and per-gas totals, the sector metrics, the warnings and the
//!   receipt; the audit trail is left out (re-run the record with `pcf compute` to get it: the
//!   receipt's digests are those of the full result, so a certifier can check it is the same).
//!
//! `N` is the 1-based line number in the input, so a failed record can be found and mended.
//! The full result is the same sealed result `pcf compute` writes (compact instead of pretty),
//! so it verifies with `pcf verify` once saved to a file.

use serde::Serialize;

use crate::{ErrorReport, FactorSet, FootprintResult};

#[derive(Serialize)]
struct Ok<'a> {
    line: u64,
    result: &'a FootprintResult,
}

/// The summary of a result: its totals and receipt, without the audit trail.
#[derive(Serialize)]
struct Summary<'a> {
    schema: &'static str,
    engine: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    template: Option<&'static str>,
    product: &'a crate::document::Product,
    declared_unit: &'a crate::document::Quantity,
    total_kg_co2e: f64,
    by_stage: &'a [crate::result::StageTotal],
    by_class: &'a [crate::result::ClassTotal],
    by_data_basis: &'a [crate::result::DataBasisTotal],
    by_gas: &'a [crate::result::GasTotal],
    #[serde(skip_serializing_if = "Option::is_none")]
    sector: Option<&'a crate::sectors::SectorMetrics>,
    warnings: &'a [crate::model::Warning],
    receipt: Option<&'a crate::receipt::Receipt>,
}

#[derive(Serialize)]
struct SummaryLine<'a> {
    line: u64,
    summary: Summary<'a>,
}

/// What each output line carries for a computed record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Detail {
    /// The whole sealed result (audit trail, canonical input, receipt).
    Full,
    /// Totals, metrics, warnings and the receipt.
    Summary,
    /// A Monte Carlo run of the record: `{"line":N,"uncertainty":{…pcf-uncertainty/1…}}`, the
    /// report `pcf uncertainty` gives for the document alone with the same options.
    Uncertainty(crate::uncertainty::Options),
}

#[derive(Serialize)]
struct UncertaintyLine<'a> {
    line: u64,
    uncertainty: &'a crate::uncertainty::Report,
}

#[derive(Serialize)]
struct Failed<'a> {
    line: u64,
    error: &'a ErrorReport,
}

/// Whether a record's output line is a result or an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The document computed.
    Computed,
    /// The document gave an error (the line holds it).
    Failed,
}

/// The output line for one input record (without the final newline).
pub fn record(line: u64, text: &str, factors: &FactorSet) -> (String, Outcome) {
    record_with(line, text, factors, Detail::Full)
}

/// [`record`] with a choice of detail.
pub fn record_with(
    line: u64,
    text: &str,
    factors: &FactorSet,
    detail: Detail,
) -> (String, Outcome) {
    let written = match detail {
        Detail::Uncertainty(options) => match crate::uncertainty::run(text, factors, options) {
            Ok(report) => serde_json::to_string(&UncertaintyLine {
                line,
                uncertainty: &report,
            }),
            Err(e) => return error_line(line, &e.report()),
        },
        Detail::Full | Detail::Summary => {
            let result = match crate::compute(text, factors) {
                Ok(result) => result,
                Err(e) => return error_line(line, &e.report()),
            };
            if detail == Detail::Full {
                serde_json::to_string(&Ok {
                    line,
                    result: &result,
                })
            } else {
                serde_json::to_string(&SummaryLine {
                    line,
                    summary: Summary {
                        schema: "pcf-batch-summary/1",
                        engine: &result.engine,
                        template: result.template,
                        product: &result.product,
                        declared_unit: &result.declared_unit,
                        total_kg_co2e: result.total_kg_co2e,
                        by_stage: &result.by_stage,
                        by_class: &result.by_class,
                        by_data_basis: &result.by_data_basis,
                        by_gas: &result.by_gas,
                        sector: result.sector.as_ref(),
                        warnings: &result.warnings,
                        receipt: result.receipt.as_ref(),
                    },
                })
            }
        }
    };
    match written {
        Ok(s) => (s, Outcome::Computed),
        Err(e) => error_line(
            line,
            &crate::Error::NonFiniteResult {
                path: "$".into(),
                what: e.to_string(),
            }
            .report(),
        ),
    }
}

/// The output line for a record that could not even be read (e.g. invalid UTF-8).
pub fn error_line(line: u64, report: &ErrorReport) -> (String, Outcome) {
    let s = serde_json::to_string(&Failed {
        line,
        error: report,
    })
    // An ErrorReport is three strings: serialising it cannot fail.
    .unwrap_or_else(|_| format!("{{\"line\":{line},\"error\":{{\"code\":\"internal\",\"path\":\"$\",\"message\":\"\"}}}}"));
    (s, Outcome::Failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"schema":"pcf/1","product":{"name":"p","sector":"other","declared_unit":{"amount":1,"unit":"item"}},"gwp_set":"AR6","boundary":{"kind":"cradle-to-gate","stages":["production"]},"reference_period":{"start":"2024-01-01","end":"2024-12-31"},"activities":[{"amount":10,"unit":"kWh","factor":"cn.elec.footprint.2023.national","stage":"production"}]}"#;

    #[test]
    fn a_good_record_is_one_line_with_the_sealed_result() {
        let set = FactorSet::builtin().expect("built-in");
        let (s, outcome) = record(7, DOC, set);
        assert_eq!(outcome, Outcome::Computed);
        assert!(!s.contains('\n'));
        let v: serde_json::Value = serde_json::from_str(&s).expect("JSON");
        assert_eq!(v["line"], 7);
        assert_eq!(v["result"]["total_kg_co2e"].as_f64(), Some(10.0 * 0.6205));
        // The record's result verifies like a `pcf compute` file.
        let text = serde_json::to_string(&v["result"]).expect("JSON");
        assert_eq!(crate::verify(&text, set).expect("sealed").status, "match");
    }

    #[test]
    fn a_summary_line_has_the_total_and_the_full_results_receipt() {
        let set = FactorSet::builtin().expect("built-in");
        let (full, _) = record(1, DOC, set);
        let (s, outcome) = record_with(1, DOC, set, Detail::Summary);
        assert_eq!(outcome, Outcome::Computed);
        let v: serde_json::Value = serde_json::from_str(&s).expect("JSON");
        let f: serde_json::Value = serde_json::from_str(&full).expect("JSON");
        assert_eq!(v["summary"]["total_kg_co2e"].as_f64(), Some(10.0 * 0.6205));
        assert_eq!(v["summary"]["receipt"], f["result"]["receipt"]);
        assert!(v["summary"].get("lines").is_none());
    }

    #[test]
    fn a_bad_record_is_an_error_line_with_code_and_path() {
        let set = FactorSet::builtin().expect("built-in");
        let bad = DOC.replace("\"kWh\"", "\"kWhh\"");
        let (s, outcome) = record(3, &bad, set);
        assert_eq!(outcome, Outcome::Failed);
        let v: serde_json::Value = serde_json::from_str(&s).expect("JSON");
        assert_eq!(v["line"], 3);
        assert_eq!(v["error"]["code"], "unknown_unit");
        assert_eq!(v["error"]["path"], "$.activities[0].unit");
    }

    #[test]
    fn an_uncertainty_line_is_the_report_pcf_uncertainty_gives_and_its_errors_keep_the_line() {
        let set = FactorSet::builtin().expect("built-in");
        let options = crate::uncertainty::Options {
            runs: 200,
            seed: 9,
            threshold: Some(6.3),
        };
        let (s, outcome) = record_with(4, DOC, set, Detail::Uncertainty(options));
        assert_eq!(outcome, Outcome::Computed);
        assert!(!s.contains('\n'));
        let v: serde_json::Value = serde_json::from_str(&s).expect("JSON");
        assert_eq!(v["line"], 4);
        let alone: serde_json::Value =
            serde_json::from_str(&crate::uncertainty::run_json(DOC, set, options).expect("run"))
                .expect("JSON");
        assert_eq!(v["uncertainty"], alone);
        assert_eq!(v["uncertainty"]["method"]["runs"], 200);
        // A bad document and bad options are error lines with the record's number.
        let bad = DOC.replace("\"kWh\"", "\"kWhh\"");
        let (s, outcome) = record_with(5, &bad, set, Detail::Uncertainty(options));
        assert_eq!(outcome, Outcome::Failed);
        let v: serde_json::Value = serde_json::from_str(&s).expect("JSON");
        assert_eq!(
            (v["line"].as_u64(), v["error"]["code"].as_str()),
            (Some(5), Some("unknown_unit"))
        );
        let one_run = crate::uncertainty::Options { runs: 1, ..options };
        let (s, _) = record_with(6, DOC, set, Detail::Uncertainty(one_run));
        let v: serde_json::Value = serde_json::from_str(&s).expect("JSON");
        assert_eq!(v["error"]["path"], "runs");
    }
}
