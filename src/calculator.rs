//! A prepared document for recomputing as a user types: read and validated once
//! (`Calculator::new`, defined in `dispatch.rs` where documents are read, or
//! [`Calculator::from_document`]: the JSON text parsed, every id, unit and factor resolved), then
//! amounts changed one at a time ([`Calculator::set_amount`]: that line's checks and unit
//! conversion only), and [`Calculator::totals`] recomputing every line and every sum from the
//! prepared model. The figures are the bits [`crate::compute_totals`] gives for the edited
//! document's text (tests/calculator.rs and tests/pkg check it on random edits): the network
//! is solved and every line characterised and summed again; only the reading and the
//! validation of the unchanged lines are skipped.

use crate::document::Document;
use crate::engine;
use crate::error::{Error, Result};
use crate::factors::FactorSet;
use crate::model::{LineAt, Model};
use crate::result::{self, Totals};

/// Which line to change: an index into the document's top-level `activities`, or the line's
/// JSON path as errors and results name it (`$.components[0].emissions[1]`).
#[derive(Debug, Clone, Copy)]
pub enum LineRef<'a> {
    /// `activities[i]` of the document itself.
    Activity(usize),
    /// A line's JSON path (a trailing `.amount` is accepted).
    Path(&'a str),
}

/// A validated `pcf/1` document ready to recompute.
#[derive(Debug, Clone)]
pub struct Calculator {
    model: Model,
}

impl Calculator {
    /// Validates a parsed `pcf/1` document (the same checks, with the same errors, as
    /// [`crate::compute_totals`]). Reading a document's text, and refusing a sector template,
    /// is `Calculator::new` in `dispatch.rs` (it knows the templates; this module does not).
    pub fn from_document(doc: Document, factors: &FactorSet) -> Result<Calculator> {
        Ok(Calculator {
            model: Model::new(doc, factors)?,
        })
    }

    /// The error for a document whose `schema` is the sector template tag `tag`
    /// (`unsupported_schema` at `$.schema`): a prepared calculator takes `pcf/1` documents.
    pub fn template_refused(tag: &str) -> Error {
        Error::UnsupportedSchema {
            path: "$.schema".into(),
            found: tag.into(),
            expected: format!(
                "{} (a prepared calculator takes pcf/1 documents; compute a template with computeTotals)",
                crate::document::SCHEMA_TAG
            ),
        }
    }

    /// The line `r` names, or `invalid_value` at `line`.
    fn at(&self, r: LineRef<'_>) -> Result<LineAt> {
        let found = match r {
            LineRef::Activity(i) => (i < self.model.document.activities.len()).then_some(LineAt {
                process: 0,
                line: i,
            }),
            LineRef::Path(p) => self.model.line_at(p),
        };
        found.ok_or_else(|| {
            let what = match r {
                LineRef::Activity(i) => format!(
                    "no activity {i}: the document has {} top-level activities",
                    self.model.document.activities.len()
                ),
                LineRef::Path(p) => {
                    format!("no line at {p:?} (give a path such as $.activities[0])")
                }
            };
            Error::invalid("line", what)
        })
    }

    /// The JSON path of the amount of the line `r` names (`$.activities[3].amount`).
    pub fn amount_path(&self, r: LineRef<'_>) -> Result<String> {
        let at = self.at(r)?;
        let line = self
            .model
            .processes
            .get(at.process)
            .and_then(|p| p.lines.get(at.line))
            .ok_or_else(|| Error::invalid("line", "no such line"))?;
        // A declared footprint has no amount of its own to set (as `set_amount` says), and
        // `….amount` would name a field that does not exist.
        if matches!(line.kind, crate::model::LineKind::Declared { .. }) {
            return Err(Error::invalid(
                "line",
                format!(
                    "{} is a declared footprint: it has no amount to set",
                    line.path
                ),
            ));
        }
        Ok(format!("{}.amount", line.path))
    }

    /// Sets a line's amount (in the line's own unit); see [`Model::set_amount`]. On an error
    /// (`non_finite` or `negative_amount` at `….amount`, an `uncertainty` range the amount
    /// leaves, an unknown line) nothing changes.
    pub fn set_amount(&mut self, line: LineRef<'_>, value: f64) -> Result<()> {
        let at = self.at(line)?;
        self.model.set_amount(at, value)
    }

    /// The figures of the document as it stands: the network solved, every line characterised
    /// and every total summed again. `factors` must be the set given to [`Calculator::new`].
    pub fn totals(&self, factors: &FactorSet) -> Result<Totals> {
        let supply = engine::supply(&self.model)?;
        let footprint = engine::characterize(&self.model, factors, supply)?;
        Ok(result::totals(&self.model, &footprint))
    }

    /// Number of lines (all processes).
    pub fn line_count(&self) -> usize {
        self.model.processes.iter().map(|p| p.lines.len()).sum()
    }

    /// The document as it stands (the amounts set so far written in).
    pub fn document(&self) -> &crate::document::Document {
        &self.model.document
    }
}
