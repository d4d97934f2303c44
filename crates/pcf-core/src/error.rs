//! Errors of the core: one enum, each variant with a stable machine code, the JSON path of the
//! field it concerns and a human message (lowercase, no trailing period).
//!
//! The core never panics on input: every rejection is a value of [`Error`]. The CLI maps them
//! to exit code 2 and the WASM shim to a JS `Error` with `code` and `path`; both use
//! [`Error::report`] so the three environments show the same text.

use serde::Serialize;

#[cfg(feature = "messages-zh")]
mod zh;

/// Every error the core can return.
///
/// `path` fields are JSON paths into the document that was read (`$.activities[3].unit`), or
/// a table location (`factors/electricity_cn.csv:12:value`) for factor tables.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not JSON.
    #[error("malformed JSON at line {line}, column {column}: {detail}")]
    MalformedJson {
        /// Path of the value being read when parsing failed.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        detail: String,
    },
    /// The JSON does not have the shape of the document (wrong type, missing field, unknown field).
    #[error("{detail}")]
    InvalidDocument {
        /// Path of the offending field.
        path: String,
        /// What was expected.
        detail: String,
    },
    /// The document declares a format or schema version this engine does not read.
    #[error("unsupported schema {found:?}: expected {expected}")]
    UnsupportedSchema {
        /// Path of the schema field.
        path: String,
        /// What the document says.
        found: String,
        /// What this engine reads.
        expected: String,
    },
    /// A resource limit was exceeded (document size, nesting depth, number of lines).
    #[error("{what} is {found}, above the limit of {limit}")]
    LimitExceeded {
        /// Path of the collection or `$` for the whole document.
        path: String,
        /// What was counted.
        what: String,
        /// The count found.
        found: usize,
        /// The limit.
        limit: usize,
    },
    /// A number is NaN or infinite.
    #[error("{what} must be a finite number, got {value}")]
    NonFinite {
        /// Path of the number.
        path: String,
        /// What the number is.
        what: String,
        /// Its text.
        value: String,
    },
    /// A number that must not be negative is.
    #[error("{what} must not be negative, got {value}")]
    NegativeAmount {
        /// Path of the number.
        path: String,
        /// What the number is.
        what: String,
        /// The value found.
        value: f64,
    },
    /// A number that must be strictly positive is zero or negative.
    #[error("{what} must be greater than zero, got {value}")]
    NotPositive {
        /// Path of the number.
        path: String,
        /// What the number is.
        what: String,
        /// The value found.
        value: f64,
    },
    /// A unit symbol is not in the registry.
    #[error("unknown unit {unit:?}{hint}")]
    UnknownUnit {
        /// Path of the unit field.
        path: String,
        /// The symbol as written.
        unit: String,
        /// Suggestion, starting with "; " when present.
        hint: String,
    },
    /// An amount in one unit was applied to a factor in a unit of another dimension.
    #[error("cannot convert {from} ({from_dim}) to {to} ({to_dim})")]
    DimensionMismatch {
        /// Path of the amount's unit.
        path: String,
        /// Unit of the amount.
        from: String,
        /// Its dimension.
        from_dim: String,
        /// Unit the factor is expressed per.
        to: String,
        /// Its dimension.
        to_dim: String,
    },
    /// A factor id is in no table.
    #[error("unknown factor id {id:?}{hint}")]
    UnknownFactor {
        /// Path of the reference.
        path: String,
        /// The id as written.
        id: String,
        /// Suggestion, starting with "; " when present.
        hint: String,
    },
    /// A factor selection (series, geography, year) matches no row.
    #[error("{detail}")]
    NoMatchingFactor {
        /// Path of the selection.
        path: String,
        /// What was asked and what exists.
        detail: String,
    },
    /// A component id is referenced but not defined.
    #[error("unknown component {id:?}")]
    UnknownComponent {
        /// Path of the reference.
        path: String,
        /// The id as written.
        id: String,
    },
    /// An id is defined twice.
    #[error("duplicate id {id:?} (first defined at {first})")]
    DuplicateId {
        /// Path of the second definition.
        path: String,
        /// The id.
        id: String,
        /// Path of the first definition.
        first: String,
    },
    /// A gas is not known.
    #[error("unknown gas {gas:?}; known gases: {known}")]
    UnknownGas {
        /// Path of the gas field.
        path: String,
        /// The gas as written.
        gas: String,
        /// Comma-separated list of known gases.
        known: String,
    },
    /// The GWP set has no value for a gas.
    #[error("the {set} GWP set has no value for {gas}{hint}")]
    MissingGwp {
        /// Path of the line that needs it.
        path: String,
        /// The GWP set.
        set: String,
        /// The gas.
        gas: String,
        /// Suggestion, starting with "; " when present.
        hint: String,
    },
    /// The page's core WASM module (built without `wasm-extras`) leaves this to the page's
    /// extras module: a sector template document, user factor tables. The page's worker sends
    /// the call there on this code (www/worker.js); no other build gives it.
    #[error("{detail}")]
    ExtrasModule {
        /// Path of the field (`schema`, `tables`).
        path: String,
        /// What the extras module is needed for.
        detail: String,
    },
    /// A field holds a value outside its allowed set or combination.
    #[error("{detail}")]
    InvalidValue {
        /// Path of the field.
        path: String,
        /// What was expected.
        detail: String,
    },
    /// The process network has no unique solution, or needs negative production.
    #[error("the process network cannot be solved: {detail} (processes: {})", processes.join(", "))]
    UnsolvableNetwork {
        /// Path of the network (the components or processes collection).
        path: String,
        /// Why.
        detail: String,
        /// Ids of the processes involved.
        processes: Vec<String>,
    },
    /// A user table defines an id that a lower table already defines, without permission to
    /// override it.
    #[error("factor {id} of {table} is also defined in {hidden}; allow the override explicitly (pcf --override, or override: true in JS) to use it")]
    FactorConflict {
        /// `table:row` of the conflicting row.
        path: String,
        /// The id.
        id: String,
        /// The user table.
        table: String,
        /// The table whose row it would hide.
        hidden: String,
    },
    /// A factor table is malformed.
    #[error("factor table {table}: {detail}")]
    InvalidFactorTable {
        /// `table:row:column` location.
        path: String,
        /// Name of the table.
        table: String,
        /// What is wrong.
        detail: String,
    },
    /// A supplier's footprint is not valid for the date or reference period it is used for.
    #[error("{detail}")]
    ExpiredFootprint {
        /// Path of the validity bound that is passed (or not reached).
        path: String,
        /// The validity period and the date or period compared.
        detail: String,
    },
    /// Bytes given as text are not UTF-8 (a file saved as Latin-1 or UTF-16, say). The CLI
    /// reports a file's path; the core and WASM report `$` for a document, the table name for
    /// a factor table.
    #[error("{path} is not UTF-8 text (invalid byte at offset {offset})")]
    InvalidUtf8 {
        /// The document (`$`) or table name.
        path: String,
        /// Offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// A result overflowed to infinity.
    #[error("the result is not finite ({what})")]
    NonFiniteResult {
        /// Path of the line or total that overflowed.
        path: String,
        /// What overflowed.
        what: String,
    },
}

/// The `path` field of any variant, by reference or mutable reference as `$e` is: the one
/// list of variants behind [`Error::path`] and [`Error::path_mut`].
macro_rules! path_of {
    ($e:expr) => {
        match $e {
            Error::MalformedJson { path, .. }
            | Error::InvalidDocument { path, .. }
            | Error::UnsupportedSchema { path, .. }
            | Error::LimitExceeded { path, .. }
            | Error::NonFinite { path, .. }
            | Error::NegativeAmount { path, .. }
            | Error::NotPositive { path, .. }
            | Error::UnknownUnit { path, .. }
            | Error::DimensionMismatch { path, .. }
            | Error::UnknownFactor { path, .. }
            | Error::NoMatchingFactor { path, .. }
            | Error::UnknownComponent { path, .. }
            | Error::DuplicateId { path, .. }
            | Error::UnknownGas { path, .. }
            | Error::MissingGwp { path, .. }
            | Error::InvalidValue { path, .. }
            | Error::ExtrasModule { path, .. }
            | Error::UnsolvableNetwork { path, .. }
            | Error::FactorConflict { path, .. }
            | Error::InvalidFactorTable { path, .. }
            | Error::ExpiredFootprint { path, .. }
            | Error::InvalidUtf8 { path, .. }
            | Error::NonFiniteResult { path, .. } => path,
        }
    };
}

impl Error {
    /// The stable machine code of this error, documented in `ARCHITECTURE.md`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::MalformedJson { .. } => "malformed_json",
            Error::InvalidDocument { .. } => "invalid_document",
            Error::UnsupportedSchema { .. } => "unsupported_schema",
            Error::LimitExceeded { .. } => "limit_exceeded",
            Error::NonFinite { .. } => "non_finite",
            Error::NegativeAmount { .. } => "negative_amount",
            Error::NotPositive { .. } => "not_positive",
            Error::UnknownUnit { .. } => "unknown_unit",
            Error::DimensionMismatch { .. } => "dimension_mismatch",
            Error::UnknownFactor { .. } => "unknown_factor",
            Error::NoMatchingFactor { .. } => "no_matching_factor",
            Error::UnknownComponent { .. } => "unknown_component",
            Error::DuplicateId { .. } => "duplicate_id",
            Error::UnknownGas { .. } => "unknown_gas",
            Error::MissingGwp { .. } => "missing_gwp",
            Error::InvalidValue { .. } => "invalid_value",
            Error::ExtrasModule { .. } => "extras_module",
            Error::UnsolvableNetwork { .. } => "unsolvable_network",
            Error::FactorConflict { .. } => "factor_conflict",
            Error::InvalidFactorTable { .. } => "invalid_factor_table",
            Error::ExpiredFootprint { .. } => "expired_footprint",
            Error::InvalidUtf8 { .. } => "invalid_utf8",
            Error::NonFiniteResult { .. } => "non_finite_result",
        }
    }

    /// The JSON path (or table location) the error concerns.
    pub fn path(&self) -> &str {
        path_of!(self)
    }

    /// The path, to rewrite it (a sector template maps `pcf/1` paths back to its own).
    pub fn path_mut(&mut self) -> &mut String {
        path_of!(self)
    }

    /// The message in Chinese: the same facts as the English one (`Display`), see
    /// `error/zh.rs`. Not in the page's first-load module (feature `messages-zh`).
    #[cfg(feature = "messages-zh")]
    pub fn message_zh(&self) -> String {
        zh::message(self)
    }

    /// The serialisable form shown by the CLI (stderr) and the WASM shim.
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            code: self.code().to_string(),
            path: self.path().to_string(),
            message: self.to_string(),
            #[cfg(feature = "messages-zh")]
            message_zh: Some(self.message_zh()),
            #[cfg(not(feature = "messages-zh"))]
            message_zh: None,
        }
    }

    /// Convenience constructor for [`Error::InvalidValue`].
    pub fn invalid(path: impl Into<String>, detail: impl Into<String>) -> Error {
        Error::InvalidValue {
            path: path.into(),
            detail: detail.into(),
        }
    }
}

/// An error as it crosses the boundary: `{"error": {"code", "path", "message"}}` on the CLI's
/// stderr, and the `code`, `path`, `message` properties of a JS `Error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct ErrorReport {
    /// Stable machine code.
    pub code: String,
    /// JSON path of the field concerned.
    pub path: String,
    /// Human message.
    pub message: String,
    /// The message in Chinese (every engine error has it; an error of a shell, such as a CLI
    /// usage error, may not; nor does the page's first-load module, whose worker asks the
    /// extras module for it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_zh: Option<String>,
}

/// Result alias of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Builds JSON paths (`$.activities[2].unit`) as the validator walks a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPath(String);

impl JsonPath {
    /// The document root, `$`.
    pub fn root() -> JsonPath {
        JsonPath("$".to_string())
    }

    /// A path as validation wrote it (`$.activities[2]`), to build children of.
    pub(crate) fn from_written(path: &str) -> JsonPath {
        JsonPath(path.to_string())
    }

    /// A child by key.
    pub fn key(&self, key: &str) -> JsonPath {
        let plain = !key.is_empty()
            && key.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
            && !key.starts_with(|c: char| c.is_ascii_digit());
        if plain {
            let mut s = String::with_capacity(self.0.len() + 1 + key.len());
            s.push_str(&self.0);
            s.push('.');
            s.push_str(key);
            JsonPath(s)
        } else {
            JsonPath(format!("{}[{:?}]", self.0, key))
        }
    }

    /// A child by index.
    pub fn index(&self, i: usize) -> JsonPath {
        // Built by hand: `format!` was a fifth of validating a long document (one path per line).
        let mut digits = [0u8; 20];
        let mut n = i;
        let mut at = digits.len();
        loop {
            at -= 1;
            if let Some(d) = digits.get_mut(at) {
                *d = b'0' + (n % 10) as u8;
            }
            n /= 10;
            if n == 0 || at == 0 {
                break;
            }
        }
        let mut s = String::with_capacity(self.0.len() + 2 + digits.len() - at);
        s.push_str(&self.0);
        s.push('[');
        for &d in digits.get(at..).unwrap_or_default() {
            s.push(char::from(d));
        }
        s.push(']');
        JsonPath(s)
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for JsonPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&JsonPath> for String {
    fn from(p: &JsonPath) -> String {
        p.0.clone()
    }
}

impl From<JsonPath> for String {
    fn from(p: JsonPath) -> String {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_quote_keys_that_are_not_identifiers() {
        let p = JsonPath::root().key("activities").index(2).key("unit");
        assert_eq!(p.as_str(), "$.activities[2].unit");
        assert_eq!(JsonPath::root().key("a b").as_str(), "$[\"a b\"]");
        for i in [0, 7, 10, 99, 12345, usize::MAX] {
            assert_eq!(JsonPath::root().index(i).as_str(), format!("$[{i}]"));
        }
    }

    #[test]
    fn report_carries_code_path_and_message() {
        let e = Error::UnknownUnit {
            path: "$.activities[0].unit".into(),
            unit: "kwhh".into(),
            hint: "; did you mean \"kWh\"?".into(),
        };
        let r = e.report();
        assert_eq!(r.code, "unknown_unit");
        assert_eq!(r.path, "$.activities[0].unit");
        assert_eq!(r.message, "unknown unit \"kwhh\"; did you mean \"kWh\"?");
    }
}
