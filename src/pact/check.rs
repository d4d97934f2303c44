//! The PACT ProductFootprint schema, v2.3 and v3.0, as Rust checks: required properties,
//! types, enums, patterns (URN, `AR\d+`, ISO 3166), RFC 3339 date-times, UUIDs, decimal
//! strings with the sign the spec demands, number ranges, and the geography "at most one"
//! rule. It follows `../shared/standards/pact/v{2,3}/openapi.yaml`; `tests/pact.rs` holds it
//! to the real schemas on every export and on the official examples.
//!
//! One addition to the schema: an `updated` date-time (a v2 property) is checked in v3 files
//! too, so a malformed timestamp is never carried into a roll-up.

use serde_json::{Map, Value};

use super::{parse_date_time, parse_decimal, Spec};
use crate::error::Error;

/// One way a footprint breaks the spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// JSON path in the footprint.
    pub path: String,
    /// `invalid_document` (missing property, wrong type) or `invalid_value` (enum, pattern,
    /// format, range).
    pub code: &'static str,
    /// What is wrong.
    pub detail: String,
}

impl Violation {
    /// As a core error.
    pub fn into_error(self) -> Error {
        match self.code {
            "invalid_document" => Error::InvalidDocument {
                path: self.path,
                detail: self.detail,
            },
            _ => Error::invalid(self.path, self.detail),
        }
    }
}

/// The sign a decimal property must have.
#[derive(Clone, Copy)]
enum Sign {
    Any,
    PositiveNonZero,
    PositiveOrZero,
    NegativeOrZero,
}

/// What a property holds.
#[derive(Clone, Copy)]
enum Kind {
    Str,
    NonEmpty,
    Uuid,
    DateTime,
    Bool,
    Int0,
    Enum(&'static [&'static str]),
    /// A JSON number in the range.
    Number(f64, f64),
    /// A decimal string.
    Decimal(Sign),
    /// A decimal string in the range (inclusive).
    DecimalIn(f64, f64),
    /// A string matching a check, described.
    Pattern(fn(&str) -> bool, &'static str),
    /// A non-empty array of unique URNs.
    Urns,
    /// A non-empty array of unique UUIDs.
    Uuids,
    /// A non-empty array of unique strings, each checked by a kind.
    Strings(&'static Kind),
}

const STATUS: &[&str] = &["Active", "Deprecated"];
const UNITS_V2: &[&str] = &[
    "liter",
    "kilogram",
    "cubic meter",
    "kilowatt hour",
    "megajoule",
    "ton kilometer",
    "square meter",
];
const UNITS_V3: &[&str] = &[
    "liter",
    "kilogram",
    "cubic meter",
    "kilowatt hour",
    "megajoule",
    "ton kilometer",
    "square meter",
    "piece",
    "hour",
    "megabit second",
];
const REGIONS: &[&str] = &[
    "Africa",
    "Americas",
    "Asia",
    "Europe",
    "Oceania",
    "Australia and New Zealand",
    "Central Asia",
    "Eastern Asia",
    "Eastern Europe",
    "Latin America and the Caribbean",
    "Melanesia",
    "Micronesia",
    "Northern Africa",
    "Northern America",
    "Northern Europe",
    "Polynesia",
    "South-eastern Asia",
    "Southern Asia",
    "Southern Europe",
    "Sub-Saharan Africa",
    "Western Asia",
    "Western Europe",
];
/// The most a v2 footprint may exempt, percent of its emissions.
pub const V2_EXEMPTED_MAX: f64 = 5.0;

/// v2 `crossSectoralStandardsUsed` (deprecated, still required).
pub const STANDARDS_USED_V2: [&str; 3] = [
    "GHG Protocol Product standard",
    "ISO Standard 14067",
    "ISO Standard 14044",
];
/// v2 `crossSectoralStandards` (v3 lists the same names as suggestions).
pub const STANDARDS: &[&str] = &[
    "ISO14067",
    "ISO14083",
    "ISO14040-44",
    "GHGP-Product",
    "PEF",
    "PACT-1.0",
    "PACT-2.0",
    "PACT-3.0",
];
const AR: Kind = Kind::Pattern(is_ar, "an IPCC assessment report such as AR6");
const V2_STANDARD: Kind = Kind::Enum(&STANDARDS_USED_V2);
const V2_STANDARD_NEW: Kind = Kind::Enum(STANDARDS);
const NON_EMPTY: Kind = Kind::NonEmpty;

fn is_ar(s: &str) -> bool {
    s.strip_prefix("AR")
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

fn is_country(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_subdivision(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4
        && b.len() <= 6
        && s.get(0..2).is_some_and(is_country)
        && b.get(2) == Some(&b'-')
        && b.iter()
            .skip(3)
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn is_spec_version(s: &str) -> bool {
    let (v, date) = match s.split_once('-') {
        Some((v, d)) => (v, Some(d)),
        None => (s, None),
    };
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && date.is_none_or(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
}

/// A UUID in its hyphenated text form (any version, either case).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

fn is_urn(s: &str) -> bool {
    s.get(0..4).is_some_and(|p| p.eq_ignore_ascii_case("urn:"))
}

/// Most violations one check returns (the first is what import and export report).
pub const MAX_VIOLATIONS: usize = 100;

struct Checker {
    out: Vec<Violation>,
    /// Paths of every property the spec defines that the checks looked at (present or not):
    /// what [`unknown_properties`] compares the footprint's keys with.
    known: std::collections::BTreeSet<String>,
}

impl Checker {
    fn bad(&mut self, path: String, code: &'static str, detail: String) {
        // A hostile footprint (a list of millions of wrong values) must not make millions of
        // messages: callers report the first, and no report needs more than these.
        if self.out.len() < MAX_VIOLATIONS {
            self.out.push(Violation { path, code, detail });
        }
    }

    /// Checks `key` of `obj` (at `base`) against `kind`; a missing required key is a violation.
    fn field(&mut self, obj: &Map<String, Value>, base: &str, key: &str, req: bool, kind: Kind) {
        let path = format!("{base}.{key}");
        self.known.insert(path.clone());
        match obj.get(key) {
            None => {
                if req {
                    self.bad(
                        path,
                        "invalid_document",
                        format!("missing required property `{key}`"),
                    );
                }
            }
            Some(v) => self.value(v, path, kind),
        }
    }

    fn value(&mut self, v: &Value, path: String, kind: Kind) {
        let type_error = |what: &str| format!("expected {what}, got {}", type_name(v));
        match kind {
            Kind::Str | Kind::NonEmpty | Kind::Uuid | Kind::DateTime | Kind::Enum(_) => {
                let Some(s) = v.as_str() else {
                    return self.bad(path, "invalid_document", type_error("a string"));
                };
                let ok = match kind {
                    Kind::NonEmpty => !s.is_empty(),
                    Kind::Uuid => is_uuid(s),
                    Kind::DateTime => parse_date_time(s).is_some(),
                    Kind::Enum(allowed) => allowed.contains(&s),
                    _ => true,
                };
                if !ok {
                    let detail = match kind {
                        Kind::NonEmpty => "must not be empty".to_string(),
                        Kind::Uuid => format!("{s:?} is not a UUID"),
                        Kind::DateTime => {
                            format!("{s:?} is not an RFC 3339 date-time (YYYY-MM-DDThh:mm:ssZ)")
                        }
                        Kind::Enum(allowed) => {
                            format!("{s:?} is not one of: {}", allowed.join(", "))
                        }
                        _ => String::new(),
                    };
                    self.bad(path, "invalid_value", detail);
                }
            }
            Kind::Pattern(f, what) => match v.as_str() {
                None => self.bad(path, "invalid_document", type_error("a string")),
                Some(s) if !f(s) => self.bad(path, "invalid_value", format!("{s:?} is not {what}")),
                Some(_) => {}
            },
            Kind::Bool => {
                if !v.is_boolean() {
                    self.bad(path, "invalid_document", type_error("true or false"));
                }
            }
            Kind::Int0 => match v.as_i64() {
                Some(i) if (0..=i64::from(i32::MAX)).contains(&i) => {}
                Some(i) => self.bad(path, "invalid_value", format!("{i} is not in 0…2^31−1")),
                None => self.bad(path, "invalid_document", type_error("an integer")),
            },
            Kind::Number(lo, hi) => match v.as_f64() {
                Some(x) if (lo..=hi).contains(&x) => {}
                Some(x) => self.bad(path, "invalid_value", format!("{x} is outside {lo}…{hi}")),
                None => self.bad(path, "invalid_document", type_error("a number")),
            },
            Kind::Decimal(sign) => {
                let Some(s) = v.as_str() else {
                    return self.bad(
                        path,
                        "invalid_document",
                        type_error("a decimal string such as \"1.25\""),
                    );
                };
                let Some(x) = parse_decimal(s) else {
                    return self.bad(
                        path,
                        "invalid_value",
                        format!("{s:?} is not a decimal (digits, an optional sign and point)"),
                    );
                };
                let (ok, want) = match sign {
                    Sign::Any => (true, ""),
                    Sign::PositiveNonZero => (x > 0.0, "greater than 0"),
                    Sign::PositiveOrZero => (x >= 0.0 && !s.starts_with('-'), "0 or more"),
                    Sign::NegativeOrZero => (x <= 0.0 && !s.starts_with('+'), "0 or less"),
                };
                if !ok {
                    self.bad(path, "invalid_value", format!("{s} must be {want}"));
                }
            }
            Kind::DecimalIn(lo, hi) => match v.as_str().map(|s| (s, parse_decimal(s))) {
                None => self.bad(
                    path,
                    "invalid_document",
                    type_error("a decimal string such as \"1.25\""),
                ),
                Some((s, None)) => self.bad(
                    path,
                    "invalid_value",
                    format!("{s:?} is not a decimal (digits, an optional sign and point)"),
                ),
                Some((_, Some(x))) if (lo..=hi).contains(&x) => {}
                Some((s, Some(_))) => {
                    self.bad(path, "invalid_value", format!("{s} is outside {lo}…{hi}"))
                }
            },
            Kind::Urns | Kind::Uuids => {
                let (item, what): (fn(&str) -> bool, &str) = match kind {
                    Kind::Urns => (is_urn, "a URN (urn:…)"),
                    _ => (is_uuid, "a UUID"),
                };
                self.array(v, &path, |c, x, p| match x.as_str() {
                    None => c.bad(p, "invalid_document", "expected a string".into()),
                    Some(s) if !item(s) => {
                        c.bad(p, "invalid_value", format!("{s:?} is not {what}"))
                    }
                    Some(_) => {}
                });
            }
            Kind::Strings(k) => self.array(v, &path, |c, x, p| c.value(x, p, *k)),
        }
    }

    /// A non-empty array of unique items, each checked by `each`.
    fn array(&mut self, v: &Value, path: &str, each: impl Fn(&mut Checker, &Value, String)) {
        let Some(a) = v.as_array() else {
            return self.bad(
                path.to_string(),
                "invalid_document",
                format!("expected an array, got {}", type_name(v)),
            );
        };
        if a.is_empty() {
            return self.bad(
                path.to_string(),
                "invalid_value",
                "must have at least one item".into(),
            );
        }
        for (i, x) in a.iter().enumerate() {
            if a.iter().take(i).any(|y| y == x) {
                self.bad(
                    format!("{path}[{i}]"),
                    "invalid_value",
                    "repeats an earlier item (items must be unique)".into(),
                );
            }
            each(self, x, format!("{path}[{i}]"));
        }
    }

    /// An object property, checked by `inner` when present.
    fn object(
        &mut self,
        obj: &Map<String, Value>,
        base: &str,
        key: &str,
        req: bool,
        inner: impl FnOnce(&mut Checker, &Map<String, Value>, &str),
    ) {
        let path = format!("{base}.{key}");
        self.known.insert(path.clone());
        match obj.get(key) {
            None if req => self.bad(
                path,
                "invalid_document",
                format!("missing required property `{key}`"),
            ),
            None => {}
            Some(Value::Object(m)) => inner(self, m, &path),
            Some(v) => self.bad(
                path,
                "invalid_document",
                format!("expected an object, got {}", type_name(v)),
            ),
        }
    }

    /// An array-of-objects property (non-empty unless `may_be_empty`).
    fn objects(
        &mut self,
        obj: &Map<String, Value>,
        base: &str,
        key: &str,
        may_be_empty: bool,
        inner: impl Fn(&mut Checker, &Map<String, Value>, &str),
    ) {
        let path = format!("{base}.{key}");
        self.known.insert(path.clone());
        let Some(v) = obj.get(key) else { return };
        let Some(a) = v.as_array() else {
            return self.bad(
                path,
                "invalid_document",
                format!("expected an array, got {}", type_name(v)),
            );
        };
        if a.is_empty() && !may_be_empty {
            return self.bad(path, "invalid_value", "must have at least one item".into());
        }
        for (i, x) in a.iter().enumerate() {
            let p = format!("{path}[{i}]");
            match x.as_object() {
                Some(m) => inner(self, m, &p),
                None => self.bad(
                    p,
                    "invalid_document",
                    format!("expected an object, got {}", type_name(x)),
                ),
            }
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn rule(c: &mut Checker, m: &Map<String, Value>, p: &str) {
    c.field(
        m,
        p,
        "operator",
        true,
        Kind::Enum(&["PEF", "EPD International", "Other"]),
    );
    c.field(m, p, "ruleNames", true, Kind::Strings(&NON_EMPTY));
    c.field(m, p, "otherOperatorName", false, Kind::NonEmpty);
}

fn source(c: &mut Checker, m: &Map<String, Value>, p: &str) {
    c.field(m, p, "name", true, Kind::NonEmpty);
    c.field(m, p, "version", true, Kind::NonEmpty);
}

fn extension(c: &mut Checker, m: &Map<String, Value>, p: &str) {
    c.field(m, p, "specVersion", true, Kind::Str);
    c.field(m, p, "dataSchema", true, Kind::Str);
    c.field(m, p, "documentation", false, Kind::Str);
    c.object(m, p, "data", true, |_, _, _| {});
}

/// Checks a ProductFootprint (a JSON object) against `spec`; the paths start at `base` (`$`).
/// Returns every violation found, in document order of the checks.
pub fn check(spec: Spec, pf: &Value, base: &str) -> Vec<Violation> {
    run(spec, pf, base).out
}

/// The properties of a ProductFootprint that its spec does not define, with their paths
/// (starting at `base`) and values, in document order. The spec's place for more data is
/// `extensions`, whose `data` is free-form and not looked into; the official schemas allow
/// other properties too (the official v3 examples 1 and 2 carry `pcf.otherOperatorName`), so
/// an import keeps them rather than reject or drop them.
pub fn unknown_properties(spec: Spec, pf: &Value, base: &str) -> Vec<(String, Value)> {
    fn walk(
        v: &Value,
        path: &str,
        known: &std::collections::BTreeSet<String>,
        out: &mut Vec<(String, Value)>,
    ) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let p = format!("{path}.{k}");
                    if !known.contains(&p) {
                        out.push((p, x.clone()));
                    } else if !(k == "data" && path.contains(".extensions[")) {
                        walk(x, &p, known, out);
                    }
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"), known, out);
                }
            }
            _ => {}
        }
    }
    let c = run(spec, pf, base);
    let mut out = Vec::new();
    walk(pf, base, &c.known, &mut out);
    out
}

fn run(spec: Spec, pf: &Value, base: &str) -> Checker {
    let mut c = Checker {
        out: Vec::new(),
        known: std::collections::BTreeSet::new(),
    };
    let Some(o) = pf.as_object() else {
        c.bad(
            base.to_string(),
            "invalid_document",
            format!("a ProductFootprint is an object, got {}", type_name(pf)),
        );
        return c;
    };
    let v2 = spec == Spec::V2;
    c.field(o, base, "id", true, Kind::Uuid);
    c.field(
        o,
        base,
        "specVersion",
        true,
        Kind::Pattern(is_spec_version, "a version major.minor.patch"),
    );
    c.field(o, base, "precedingPfIds", false, Kind::Uuids);
    c.field(o, base, "version", v2, Kind::Int0);
    c.field(o, base, "created", true, Kind::DateTime);
    c.field(o, base, "updated", false, Kind::DateTime);
    c.field(o, base, "status", true, Kind::Enum(STATUS));
    c.field(o, base, "statusComment", false, Kind::Str);
    c.field(o, base, "validityPeriodStart", false, Kind::DateTime);
    c.field(o, base, "validityPeriodEnd", false, Kind::DateTime);
    c.field(o, base, "companyName", true, Kind::NonEmpty);
    c.field(o, base, "companyIds", true, Kind::Urns);
    c.field(o, base, "productDescription", true, Kind::Str);
    c.field(o, base, "productIds", true, Kind::Urns);
    c.field(o, base, "productClassifications", false, Kind::Urns);
    if v2 {
        c.field(o, base, "productCategoryCpc", true, Kind::NonEmpty);
    }
    c.field(o, base, "productNameCompany", true, Kind::NonEmpty);
    c.field(o, base, "comment", v2, Kind::Str);
    c.objects(o, base, "extensions", true, extension);
    c.object(o, base, "pcf", true, |c, f, p| {
        if v2 {
            carbon_footprint_v2(c, f, p)
        } else {
            carbon_footprint_v3(c, f, p)
        }
    });
    c
}

/// The data model's rules beyond its schema, each a MUST of the spec text:
/// - the validity period (v2 and v3): when given, it starts no earlier than the end of the
///   reference period, ends after it starts, and ends no later than three years after the
///   end of the reference period;
/// - v2: at most 5 % of the emissions exempted (`exemptedEmissionsPercent`: "the upper
///   boundary of this property (currently 5)"; v3 removed it).
///
/// An export that breaks one fails unless asked to write a non-conformant file; an imported
/// footprint that breaks one is used as declared, with the finding kept in its `pact` block
/// (the official v3 example 3 states a validity period that ends three months past the
/// limit).
pub fn rules(spec: Spec, pf: &Value, base: &str) -> Vec<Violation> {
    let mut c = Checker {
        out: Vec::new(),
        known: std::collections::BTreeSet::new(),
    };
    let Some(o) = pf.as_object() else {
        return Vec::new();
    };
    validity(&mut c, o, base);
    let pcf = o.get("pcf").and_then(Value::as_object);
    // "If `false`, … the `packagingGhgEmissions` property MUST be undefined" (v2.3 and v3.0).
    if let Some(f) = pcf {
        if f.get("packagingEmissionsIncluded") == Some(&Value::Bool(false))
            && f.contains_key("packagingGhgEmissions")
        {
            c.bad(
                format!("{base}.pcf.packagingGhgEmissions"),
                "invalid_value",
                "packagingGhgEmissions is given while packagingEmissionsIncluded is false; it must then be left out".into(),
            );
        }
        // v3: "If `false`, `ccsTechnologicalCO2Capture`, `technologicalCO2Removals` and
        // `technologicalCO2CaptureOrigin` shall be undefined."
        if spec == Spec::V3
            && f.get("ccsTechnologicalCO2CaptureIncluded") == Some(&Value::Bool(false))
        {
            for k in [
                "ccsTechnologicalCO2Capture",
                "technologicalCO2Removals",
                "technologicalCO2CaptureOrigin",
            ] {
                if f.contains_key(k) {
                    c.bad(
                        format!("{base}.pcf.{k}"),
                        "invalid_value",
                        format!("{k} is given while ccsTechnologicalCO2CaptureIncluded is false; it must then be left out"),
                    );
                }
            }
        }
    }
    if spec == Spec::V2 {
        let x = o
            .get("pcf")
            .and_then(|p| p.get("exemptedEmissionsPercent"))
            .and_then(Value::as_f64);
        // A share summed from suppliers' shares carries float noise (5 % and 5 % weighted can
        // come out as 5.000000000000001): a billionth over the limit is the limit.
        if let Some(x) = x.filter(|x| *x > V2_EXEMPTED_MAX * (1.0 + 1e-9)) {
            c.bad(
                format!("{base}.pcf.exemptedEmissionsPercent"),
                "invalid_value",
                format!(
                    "{x} % of the emissions exempted; PACT v2 allows at most {V2_EXEMPTED_MAX} %"
                ),
            );
        }
    }
    c.out
}

/// The validity period rules (v2 and v3): when a validity period is given, it starts no
/// earlier than the end of the reference period, ends after it starts, and ends no later than
/// three years after the end of the reference period.
fn validity(c: &mut Checker, o: &Map<String, Value>, base: &str) {
    let at = |v: Option<&Value>| v.and_then(Value::as_str).and_then(parse_date_time);
    let Some(ref_end) = at(o.get("pcf").and_then(|p| p.get("referencePeriodEnd"))) else {
        return;
    };
    let start = at(o.get("validityPeriodStart"));
    let end = at(o.get("validityPeriodEnd"));
    let text = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or_default();
    // "If a validity period is to be specified, then … MUST be defined": both ends.
    for (given, missing) in [
        ("validityPeriodStart", "validityPeriodEnd"),
        ("validityPeriodEnd", "validityPeriodStart"),
    ] {
        if o.contains_key(given) && !o.contains_key(missing) {
            c.bad(
                format!("{base}.{missing}"),
                "invalid_value",
                format!("a validity period is given by {given} alone; {missing} must be given too"),
            );
        }
    }
    let ref_text = o
        .get("pcf")
        .and_then(|p| p.get("referencePeriodEnd"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    if let Some(s) = start {
        if s < ref_end {
            c.bad(
                format!("{base}.validityPeriodStart"),
                "invalid_value",
                format!(
                    "the validity period starts ({}) before the reference period ends ({ref_text}); it must start at or after it",
                    text("validityPeriodStart")
                ),
            );
        }
    }
    if let Some(e) = end {
        if start.is_some_and(|s| e <= s) {
            c.bad(
                format!("{base}.validityPeriodEnd"),
                "invalid_value",
                format!(
                    "the validity period ends ({}) before or when it starts ({})",
                    text("validityPeriodEnd"),
                    text("validityPeriodStart")
                ),
            );
        }
        let limit = super::add_years(ref_end, 3);
        if parse_date_time(&limit).is_some_and(|l| e > l) {
            c.bad(
                format!("{base}.validityPeriodEnd"),
                "invalid_value",
                format!(
                    "the validity period ends ({}) more than 3 years after the reference period ({ref_text}); it must end by {limit}",
                    text("validityPeriodEnd")
                ),
            );
        }
    }
}

/// Where a footprint's figures break an identity the PACT data model defines between its
/// totals and their parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Inconsistency {
    /// JSON path of the total that does not add up.
    pub path: String,
    /// The figures, the difference and the tolerance.
    pub detail: String,
}

/// Half a unit in the last decimal place written (`"0.384"` → 0.0005, `"77"` → 0.5): the
/// rounding a figure as written can carry. A zero carries none: `"0"` states that there is
/// nothing, not a figure rounded to units.
pub fn half_last_place(v: &Value) -> f64 {
    let text = match v {
        Value::String(s) => s.clone(),
        _ => v.to_string(),
    };
    if parse_decimal(&text).or_else(|| v.as_f64()) == Some(0.0) {
        return 0.0;
    }
    let digits = text.split(['e', 'E']).next().unwrap_or_default();
    let places = digits.split_once('.').map_or(0, |(_, f)| f.len());
    0.5 * 10f64.powi(-(places.min(300) as i32))
}

use crate::numbers::number_text as significant;

/// One identity between a total and its parts, as evaluated on a footprint.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    /// JSON path of the total.
    pub path: String,
    /// The total's field.
    pub total_key: &'static str,
    /// The total as written.
    pub total: f64,
    /// Its terms as written (`fossilGhgEmissions 0.35 + …`, and those not stated).
    pub terms: String,
    /// Their sum.
    pub sum: f64,
    /// total − sum.
    pub difference: f64,
    /// The rounding the figures can carry as written (compared with a billionth of their
    /// magnitude more, for float noise).
    pub tolerance: f64,
    /// `true`: the total must be at least the sum (v2); `false`: equal to it.
    pub at_least: bool,
    /// Whether it holds within the tolerance.
    pub holds: bool,
}

impl Identity {
    /// What was found, in words.
    pub fn detail(&self) -> String {
        let relation = if self.at_least {
            "at least"
        } else {
            "equal to"
        };
        format!(
            "{} is {}, but must be {relation} {} = {}: they differ by {} (rounding allows {})",
            self.total_key,
            self.total,
            self.terms,
            significant(self.sum),
            significant(self.difference),
            significant(self.tolerance)
        )
    }
}

/// The identities between a footprint's totals and their parts, each evaluated:
/// - PACT v3 (OpenAPI 3.0 `x-comment` of the two totals): `pcfExcludingBiogenicUptake` =
///   `fossilGhgEmissions` + `landUseChangeGhgEmissions` +
///   `landManagementBiogenicCO2Emissions` + `landManagementBiogenicCO2Removals` +
///   `technologicalCO2Removals` + `ccsTechnologicalCO2Capture` + `biogenicNonCO2Emissions` (an
///   absent part counts 0;
///   `landManagementFossilGhgEmissions` is already in the fossil emissions), and
///   `pcfIncludingBiogenicUptake` = `pcfExcludingBiogenicUptake` + `biogenicCO2Uptake`;
/// - PACT v2.3 states no formula: its `pCfIncludingBiogenic` includes all biogenic emissions
///   (which v2 does not report apart) and the withdrawal, so all that follows is
///   `pCfIncludingBiogenic` ≥ `pCfExcludingBiogenic` + `biogenicCarbonWithdrawal` (the
///   biogenic emissions it adds are 0 or more), checked when it is stated.
///
/// The tolerance of each is the rounding its figures can carry as written: half a unit in the
/// last decimal place of every figure in it (a written zero is exact), summed, plus 1e-9 of
/// their magnitude. A figure that is not a decimal is left to the schema check.
pub fn identity_checks(spec: Spec, pf: &Value, base: &str) -> Vec<Identity> {
    let Some(c) = pf.get("pcf") else {
        return Vec::new();
    };
    let term = |k: &str| -> Option<(f64, f64)> {
        match c.get(k) {
            None => Some((0.0, 0.0)),
            Some(v) => Some((num_of(v)?, half_last_place(v))),
        }
    };
    let evaluate = |total_key: &'static str,
                    total: (f64, f64),
                    terms: &[(&str, (f64, f64))],
                    at_least: bool| {
        let sum = terms.iter().fold(0.0, |a, (_, (x, _))| a + x);
        let magnitude = terms
            .iter()
            .fold(total.0.abs(), |a, (_, (x, _))| a + x.abs());
        let tolerance = terms.iter().fold(total.1, |a, (_, (_, h))| a + h);
        // Sums of decimals carry float noise (2 − (1.5 − 0.1) is 0.6000000000000001): a
        // billionth of the figures' magnitude more, so a difference at the limit is within it.
        let margin = tolerance + 1e-9 * magnitude;
        let difference = total.0 - sum;
        let written: Vec<String> = terms
            .iter()
            .filter(|(k, _)| c.get(*k).is_some())
            .map(|(k, (x, _))| format!("{k} {x}"))
            .collect();
        let absent: Vec<&str> = terms
            .iter()
            .filter(|(k, _)| c.get(*k).is_none())
            .map(|(k, _)| *k)
            .collect();
        let mut text = written.join(" + ");
        if !absent.is_empty() {
            text.push_str(&format!(" ({} not stated: 0)", absent.join(", ")));
        }
        let holds = if at_least {
            difference >= -margin
        } else {
            difference.abs() <= margin
        };
        Identity {
            path: format!("{base}.pcf.{total_key}"),
            total_key,
            total: total.0,
            terms: text,
            sum,
            difference,
            tolerance,
            at_least,
            holds,
        }
    };
    let mut out = Vec::new();
    if spec == Spec::V2 {
        if c.get("pCfIncludingBiogenic").is_none() {
            return out;
        }
        let (Some(incl), Some(excl), Some(w)) = (
            term("pCfIncludingBiogenic"),
            term("pCfExcludingBiogenic"),
            term("biogenicCarbonWithdrawal"),
        ) else {
            return out;
        };
        out.push(evaluate(
            "pCfIncludingBiogenic",
            incl,
            &[
                ("pCfExcludingBiogenic", excl),
                ("biogenicCarbonWithdrawal", w),
            ],
            true,
        ));
        return out;
    }
    let excl_key = "pcfExcludingBiogenicUptake";
    let incl_key = "pcfIncludingBiogenicUptake";
    let (Some(excl), Some(incl)) = (term(excl_key), term(incl_key)) else {
        return out;
    };
    let mut terms = Vec::new();
    for part in super::fields::EXCLUDING_TERMS_V3 {
        let Some(k) = super::fields::field(*part, Spec::V3) else {
            continue;
        };
        match term(k) {
            Some(t) => terms.push((k, t)),
            None => return out,
        }
    }
    out.push(evaluate(excl_key, excl, &terms, false));
    if let Some(uptake) = term("biogenicCO2Uptake") {
        out.push(evaluate(
            incl_key,
            incl,
            &[(excl_key, excl), ("biogenicCO2Uptake", uptake)],
            false,
        ));
    }
    out
}

/// The identities a footprint breaks ([`identity_checks`] that do not hold).
pub fn identities(spec: Spec, pf: &Value, base: &str) -> Vec<Inconsistency> {
    identity_checks(spec, pf, base)
        .into_iter()
        .filter(|i| !i.holds)
        .map(|i| Inconsistency {
            detail: i.detail(),
            path: i.path,
        })
        .collect()
}

/// A figure written as a decimal string (v3, v2 emissions) or a JSON number (v2 shares).
fn num_of(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => parse_decimal(s),
        _ => v.as_f64(),
    }
}

fn geography(c: &mut Checker, f: &Map<String, Value>, p: &str) {
    c.field(
        f,
        p,
        "geographyRegionOrSubregion",
        false,
        Kind::Enum(REGIONS),
    );
    c.field(
        f,
        p,
        "geographyCountry",
        false,
        Kind::Pattern(is_country, "an ISO 3166-1 alpha-2 code"),
    );
    c.field(
        f,
        p,
        "geographyCountrySubdivision",
        false,
        Kind::Pattern(is_subdivision, "an ISO 3166-2 code"),
    );
    let given: Vec<&str> = [
        "geographyRegionOrSubregion",
        "geographyCountry",
        "geographyCountrySubdivision",
    ]
    .into_iter()
    .filter(|k| f.contains_key(*k))
    .collect();
    if let Some(second) = given.get(1) {
        c.bad(
            format!("{p}.{second}"),
            "invalid_value",
            format!("give at most one geography; found {}", given.join(", ")),
        );
    }
}

fn carbon_footprint_v2(c: &mut Checker, f: &Map<String, Value>, p: &str) {
    use Sign::*;
    c.field(f, p, "declaredUnit", true, Kind::Enum(UNITS_V2));
    c.field(
        f,
        p,
        "unitaryProductAmount",
        true,
        Kind::Decimal(PositiveNonZero),
    );
    c.field(
        f,
        p,
        "productMassPerDeclaredUnit",
        false,
        Kind::Decimal(Any),
    );
    c.field(
        f,
        p,
        "pCfExcludingBiogenic",
        true,
        Kind::Decimal(PositiveOrZero),
    );
    c.field(f, p, "pCfIncludingBiogenic", false, Kind::Decimal(Any));
    for k in [
        "fossilGhgEmissions",
        "fossilCarbonContent",
        "biogenicCarbonContent",
    ] {
        c.field(f, p, k, true, Kind::Decimal(PositiveOrZero));
    }
    for k in [
        "dLucGhgEmissions",
        "otherBiogenicGhgEmissions",
        "iLucGhgEmissions",
        "aircraftGhgEmissions",
        "packagingGhgEmissions",
    ] {
        c.field(f, p, k, false, Kind::Decimal(PositiveOrZero));
    }
    c.field(
        f,
        p,
        "landManagementGhgEmissions",
        false,
        Kind::Decimal(Any),
    );
    c.field(
        f,
        p,
        "biogenicCarbonWithdrawal",
        false,
        Kind::Decimal(NegativeOrZero),
    );
    c.field(f, p, "packagingEmissionsIncluded", true, Kind::Bool);
    c.field(
        f,
        p,
        "characterizationFactors",
        true,
        Kind::Enum(&["AR6", "AR5"]),
    );
    c.field(
        f,
        p,
        "ipccCharacterizationFactorsSources",
        true,
        Kind::Strings(&AR),
    );
    c.field(
        f,
        p,
        "crossSectoralStandardsUsed",
        true,
        Kind::Strings(&V2_STANDARD),
    );
    c.field(
        f,
        p,
        "crossSectoralStandards",
        false,
        Kind::Strings(&V2_STANDARD_NEW),
    );
    c.objects(f, p, "productOrSectorSpecificRules", false, rule);
    c.field(
        f,
        p,
        "biogenicAccountingMethodology",
        false,
        Kind::Enum(&["PEF", "ISO", "GHGP", "Quantis"]),
    );
    c.field(f, p, "boundaryProcessesDescription", true, Kind::Str);
    c.field(f, p, "referencePeriodStart", true, Kind::DateTime);
    c.field(f, p, "referencePeriodEnd", true, Kind::DateTime);
    geography(c, f, p);
    c.objects(f, p, "secondaryEmissionFactorSources", false, source);
    // The schema's range; the 5 % limit is one of the data model's rules ([`rules`]).
    c.field(
        f,
        p,
        "exemptedEmissionsPercent",
        true,
        Kind::Number(0.0, 100.0),
    );
    c.field(f, p, "exemptedEmissionsDescription", true, Kind::Str);
    c.field(f, p, "allocationRulesDescription", false, Kind::Str);
    c.field(f, p, "uncertaintyAssessmentDescription", false, Kind::Str);
    c.field(f, p, "primaryDataShare", false, Kind::Number(0.0, 100.0));
    c.object(f, p, "dqi", false, |c, d, p| {
        c.field(d, p, "coveragePercent", true, Kind::Number(0.0, 100.0));
        for k in [
            "technologicalDQR",
            "temporalDQR",
            "geographicalDQR",
            "completenessDQR",
            "reliabilityDQR",
        ] {
            c.field(d, p, k, true, Kind::Number(1.0, 3.0));
        }
    });
    c.object(f, p, "assurance", false, |c, a, p| {
        c.field(a, p, "assurance", true, Kind::Bool);
        c.field(
            a,
            p,
            "coverage",
            false,
            Kind::Enum(&[
                "corporate level",
                "product line",
                "PCF system",
                "product level",
            ]),
        );
        c.field(a, p, "level", false, Kind::Enum(&["limited", "reasonable"]));
        c.field(
            a,
            p,
            "boundary",
            false,
            Kind::Enum(&["Gate-to-Gate", "Cradle-to-Gate"]),
        );
        c.field(a, p, "providerName", true, Kind::Str);
        c.field(a, p, "completedAt", false, Kind::DateTime);
        c.field(a, p, "standardName", false, Kind::Str);
        c.field(a, p, "comments", false, Kind::Str);
    });
}

fn carbon_footprint_v3(c: &mut Checker, f: &Map<String, Value>, p: &str) {
    use Sign::*;
    c.field(
        f,
        p,
        "declaredUnitOfMeasurement",
        true,
        Kind::Enum(UNITS_V3),
    );
    c.field(
        f,
        p,
        "declaredUnitAmount",
        true,
        Kind::Decimal(PositiveNonZero),
    );
    c.field(f, p, "productMassPerDeclaredUnit", true, Kind::Decimal(Any));
    c.field(f, p, "referencePeriodStart", true, Kind::DateTime);
    c.field(f, p, "referencePeriodEnd", true, Kind::DateTime);
    geography(c, f, p);
    c.field(f, p, "boundaryProcessesDescription", false, Kind::Str);
    c.field(f, p, "pcfExcludingBiogenicUptake", true, Kind::Decimal(Any));
    c.field(f, p, "pcfIncludingBiogenicUptake", true, Kind::Decimal(Any));
    for k in ["fossilGhgEmissions", "fossilCarbonContent"] {
        c.field(f, p, k, true, Kind::Decimal(PositiveOrZero));
    }
    for k in [
        "biogenicCarbonContent",
        "recycledCarbonContent",
        "landUseChangeGhgEmissions",
        "landCarbonLeakage",
        "landManagementFossilGhgEmissions",
        "landManagementBiogenicCO2Emissions",
        "biogenicNonCO2Emissions",
        "landAreaOccupation",
        "aircraftGhgEmissions",
        "packagingGhgEmissions",
        "packagingBiogenicCarbonContent",
        "outboundLogisticsGhgEmissions",
        "ccuCarbonContent",
    ] {
        c.field(f, p, k, false, Kind::Decimal(PositiveOrZero));
    }
    for k in [
        "landManagementBiogenicCO2Removals",
        "biogenicCO2Uptake",
        "ccsTechnologicalCO2Capture",
        "technologicalCO2Removals",
    ] {
        c.field(f, p, k, false, Kind::Decimal(NegativeOrZero));
    }
    c.field(f, p, "packagingEmissionsIncluded", false, Kind::Bool);
    c.field(
        f,
        p,
        "ccsTechnologicalCO2CaptureIncluded",
        false,
        Kind::Bool,
    );
    c.field(f, p, "technologicalCO2CaptureOrigin", false, Kind::Str);
    c.field(
        f,
        p,
        "ccuCalculationApproach",
        false,
        Kind::Enum(&["Cut-off", "Credit"]),
    );
    c.field(f, p, "ccuCreditCertification", false, Kind::Str);
    c.field(
        f,
        p,
        "ipccCharacterizationFactors",
        true,
        Kind::Strings(&AR),
    );
    c.field(
        f,
        p,
        "crossSectoralStandards",
        true,
        Kind::Strings(&Kind::Str),
    );
    c.objects(f, p, "productOrSectorSpecificRules", false, rule);
    // A percentage of the footprint (v3 removed v2's 5 % upper limit).
    c.field(
        f,
        p,
        "exemptedEmissionsPercent",
        true,
        Kind::DecimalIn(0.0, 100.0),
    );
    c.field(f, p, "exemptedEmissionsDescription", false, Kind::Str);
    c.field(f, p, "allocationRulesDescription", false, Kind::Str);
    c.objects(f, p, "secondaryEmissionFactorSources", false, source);
    c.field(f, p, "primaryDataShare", false, Kind::DecimalIn(0.0, 100.0));
    c.object(f, p, "dqi", false, |c, d, p| {
        // "The value MUST be between 1 and 5 inclusive."
        for k in ["technologicalDQR", "geographicalDQR", "temporalDQR"] {
            c.field(d, p, k, true, Kind::DecimalIn(1.0, 5.0));
        }
    });
    c.object(f, p, "verification", false, |c, v, p| {
        c.field(
            v,
            p,
            "coverage",
            false,
            Kind::Enum(&["PCF calculation model", "PCF program", "product level"]),
        );
        c.field(v, p, "providerName", false, Kind::Str);
        c.field(v, p, "completedAt", false, Kind::DateTime);
        c.field(v, p, "standardName", false, Kind::Str);
        c.field(v, p, "comments", false, Kind::Str);
    });
}

/// What `pcf pact check` reports of a footprint.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CheckReport {
    /// Where the footprint is in the file (`$`, `$.data`, `$.data[2]` …).
    pub path: String,
    /// Its `id`.
    pub id: String,
    /// Its `specVersion`.
    pub spec_version: String,
    /// `true` when the footprint breaks no MUST of its spec version: its schema and the data
    /// model's rules hold (`schema` and `rules` are empty).
    pub conformant: bool,
    /// `true` when its totals and parts agree (`identities` is empty): a footprint can be
    /// conformant and inconsistent (the official examples 1 and 2 are).
    pub consistent: bool,
    /// The schema (required properties, types, enums, patterns, ranges).
    pub schema: Vec<Finding>,
    /// The data model's rules beyond the schema ([`rules`]).
    pub rules: Vec<Finding>,
    /// The identities between totals and parts ([`identities`]).
    pub identities: Vec<Finding>,
}

/// One finding of a check.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    /// JSON path in the file.
    pub path: String,
    /// `invalid_document` or `invalid_value` (schema and rules), `inconsistent` (identities).
    pub code: &'static str,
    /// What was found.
    pub detail: String,
}

/// Checks a footprint file (a bare ProductFootprint or an API response holding it; `index`
/// picks one of a list) against its spec version's schema, rules and identities; `spec`,
/// when given, is the version it must be. Only a file that holds no footprint is an error;
/// `pcf pact check` exits 1 unless it is `conformant` and `consistent`.
pub fn check_report(
    text: &str,
    spec: Option<Spec>,
    index: Option<usize>,
) -> crate::error::Result<CheckReport> {
    let v: Value = crate::json::parse_value(text)?;
    let (pf, base) = super::import::locate(&v, index)?;
    let given = pf
        .get("specVersion")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let version = match (Spec::parse(given), spec) {
        (Ok(found), Some(want)) if found != want => {
            return Ok(CheckReport {
                path: base.clone(),
                id: pf
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .into(),
                spec_version: given.into(),
                conformant: false,
                consistent: true,
                schema: vec![Finding {
                    path: format!("{base}.specVersion"),
                    code: "invalid_value",
                    detail: format!("specVersion {given:?} is not PACT {}", want.version()),
                }],
                rules: Vec::new(),
                identities: Vec::new(),
            })
        }
        (Ok(found), _) => found,
        (Err(_), Some(want)) => want,
        (Err(_), None) => {
            return Err(Error::UnsupportedSchema {
                path: format!("{base}.specVersion"),
                found: given.into(),
                expected: "a PACT specVersion 2.x or 3.x".into(),
            })
        }
    };
    let finding = |v: Violation| Finding {
        path: v.path,
        code: v.code,
        detail: v.detail,
    };
    let schema: Vec<Finding> = check(version, pf, &base).into_iter().map(finding).collect();
    let rules: Vec<Finding> = rules(version, pf, &base).into_iter().map(finding).collect();
    let identities: Vec<Finding> = identities(version, pf, &base)
        .into_iter()
        .map(|i| Finding {
            path: i.path,
            code: "inconsistent",
            detail: i.detail,
        })
        .collect();
    Ok(CheckReport {
        path: base,
        id: pf
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .into(),
        spec_version: given.into(),
        conformant: schema.is_empty() && rules.is_empty(),
        consistent: identities.is_empty(),
        schema,
        rules,
        identities,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 5 % of the schema check is the parameter the `pact-v2.exempted` pre-check reads.
    #[test]
    fn the_v2_exemption_limit_is_the_parameter() {
        let set = crate::FactorSet::builtin().expect("built-in");
        let p = set.parameter("pact.v2.exempted.max").expect("parameter");
        assert_eq!(p.value, V2_EXEMPTED_MAX);
    }

    #[test]
    fn patterns_take_any_text_without_panicking() {
        for s in ["Aé-X", "é", "AR", "ARé", "CN-é1", "", "urn", "ÜRN:x"] {
            assert!(!is_subdivision(s) || s == "CN-é1");
            let _ = (
                is_ar(s),
                is_country(s),
                is_urn(s),
                is_uuid(s),
                is_spec_version(s),
            );
        }
        assert!(is_subdivision("CN-JS") && !is_subdivision("CN-é1"));
        assert!(is_ar("AR6") && !is_ar("AR") && !is_ar("SAR"));
        assert!(is_spec_version("2.3.0-20240101") && !is_spec_version("3.0"));
        assert!(is_urn("URN:x") && !is_urn("company1"));
    }
}
