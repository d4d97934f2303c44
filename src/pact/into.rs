//! One step to add a supplier: a PACT ProductFootprint imported as a component
//! ([`super::import()`]) and written into a product document together with a line that uses it
//! (`pcf pact import SUPPLIER --into PRODUCT --amount "2.5 kg"`, WASM `pactImportInto`).
//!
//! Text in, text out. The product document is edited as text: the component is appended to
//! `components` and the line to the line list of its stage, and every other byte of the
//! document is kept as it was (key order, formatting, number spellings, a byte-order mark).
//! serde_json is built here without `preserve_order`, so parsing and writing the document would
//! sort its keys; splicing keeps them. The new values are indented like their neighbours (a
//! one-line document gets one-line values), with the document's line ending.
//!
//! Where the line goes (a template's own sections take lines without `stage`; see [`SECTIONS`]):
//!
//! | document | stages | line list |
//! |---|---|---|
//! | `pcf/1` | the boundary's | `activities`, with `stage` |
//! | `pcf-battery/1` | its four stages | the stage's list (`raw_material_acquisition` …) |
//! | `pcf-ev/1` | `glider`, `drivetrain`, `assembly`, `end_of_life` | the stage's list |
//! | `pcf-textile/1` | `spinning` … `making_up`; `distribution`, `end_of_life` | `processes.<stage>.lines`; the stage's list |
//!
//! `pcf-steel/1` and `pcf-pv/1` have no components: `unsupported_schema` at `$.schema`.
//!
//! The amount is what the product uses per its declared unit, as every line of the list it
//! joins: the product's total rises by amount × the supplier's kg CO2e per unit (× the
//! product's allocation share, as for any line). A `pcf-battery/1` whose
//! `material_amounts_per` is `kWh` reads `raw_material_acquisition` amounts per kWh of usable
//! capacity, this one too.
//!
//! Errors name the field: paths in the product are its own (`$.components[2].id`); paths in
//! the supplier's footprint start with `$pact` for its root (`$pact.pcf.declaredUnitOfMeasurement`,
//! `$pact.data[0].updated`); options go by name (`amount`, `per`, `stage`, `id`, `at`,
//! `index`). A component id already in the product is `duplicate_id` at its path: choose
//! another with `id` (no automatic suffix: the id is what lines and reports name).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::import::{import, ImportOptions, DEFAULT_STAGE};
use crate::document::{Component, Document, SCHEMA_TAG};
use crate::error::{Error, Result};
use crate::json;
use crate::sectors::{battery, ev, textile};
use crate::units::Unit;

/// Where a supplier line goes in a template: `(schema tag, stage, path of the line list)`.
/// The list's lines take their stage from it (they have no `stage` of their own).
pub const SECTIONS: &[(&str, &str, &[&str])] = &[
    (
        battery::TAG,
        "raw_material_acquisition",
        &["raw_material_acquisition"],
    ),
    (battery::TAG, "main_production", &["main_production"]),
    (battery::TAG, "distribution", &["distribution"]),
    (battery::TAG, "end_of_life", &["end_of_life"]),
    (ev::TAG, ev::GLIDER, &[ev::GLIDER]),
    (ev::TAG, ev::DRIVETRAIN, &[ev::DRIVETRAIN]),
    (ev::TAG, ev::ASSEMBLY, &[ev::ASSEMBLY]),
    (ev::TAG, ev::END_OF_LIFE, &[ev::END_OF_LIFE]),
    (
        textile::TAG,
        "spinning",
        &["processes", "spinning", "lines"],
    ),
    (textile::TAG, "fabric", &["processes", "fabric", "lines"]),
    (
        textile::TAG,
        "finishing",
        &["processes", "finishing", "lines"],
    ),
    (
        textile::TAG,
        "making_up",
        &["processes", "making_up", "lines"],
    ),
    (textile::TAG, "distribution", &["distribution"]),
    (textile::TAG, "end_of_life", &["end_of_life"]),
];

/// Options of [`import_into`]: the CLI's `--amount`, `--per`, `--stage`, `--id`, `--at`,
/// `--index`; the WASM `pactImportInto` options.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IntoOptions {
    /// The amount of the supplier's product the product uses per its declared unit: `"2.5 kg"`
    /// (any unit of the footprint's declared unit's dimension) or `"2.5"` (in the footprint's
    /// declared unit, whatever `per`).
    pub amount: String,
    /// The quantity the supplier's declaration is per (what `amount` means for a plain
    /// [`import`]): `"1000"` or `"1 t"`; default one declared unit.
    pub per: Option<String>,
    /// Stage of the line and of the component (default `raw_material_acquisition`): one the
    /// product allows ([`stages`]).
    pub stage: Option<String>,
    /// Component id (default `pact-` and the first 8 characters of the footprint id).
    pub id: Option<String>,
    /// A date (`YYYY-MM-DD`) or RFC 3339 date-time the footprint must be valid on.
    pub at: Option<String>,
    /// Which footprint of a list response, default the only one.
    pub index: Option<usize>,
}

impl IntoOptions {
    /// Reads options given as JSON text (the WASM `pactImportInto`): `{amount, unit, per,
    /// stage, id, at, index}`. `amount` is required: a string `"2.5 kg"`, or a number with an
    /// optional `unit`. A wrong type or unknown key is an error at `options.<key>`.
    pub fn parse(text: &str) -> Result<IntoOptions> {
        let v: Value = json::parse_value(text).map_err(|mut e| {
            let p = e.path_mut();
            *p = p.replacen('$', "options", 1);
            e
        })?;
        let o = v.as_object().ok_or_else(|| Error::InvalidDocument {
            path: "options".into(),
            detail: "the options are an object with at least `amount`".into(),
        })?;
        let bad = |k: &str, what: &str| Error::InvalidDocument {
            path: format!("options.{k}"),
            detail: format!("expected {what}"),
        };
        let mut opts = IntoOptions::default();
        let mut amount = None;
        let mut unit = None;
        for (k, v) in o.iter().filter(|(_, v)| !v.is_null()) {
            let text = || {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| bad(k, "a string"))
            };
            match k.as_str() {
                "amount" => {
                    amount = Some(match v {
                        Value::String(s) => (s.clone(), false),
                        Value::Number(n) => (
                            n.as_f64()
                                .map(|x| x.to_string())
                                .ok_or_else(|| bad(k, "a number or a string"))?,
                            true,
                        ),
                        _ => return Err(bad(k, "a number or a string such as \"2.5 kg\"")),
                    })
                }
                "unit" => unit = Some(text()?),
                "per" => opts.per = Some(text()?),
                "stage" => opts.stage = Some(text()?),
                "id" => opts.id = Some(text()?),
                "at" => opts.at = Some(text()?),
                "index" => {
                    opts.index = Some(
                        v.as_u64()
                            .and_then(|i| usize::try_from(i).ok())
                            .ok_or_else(|| bad(k, "an index (0, 1 …)"))?,
                    )
                }
                _ => {
                    return Err(Error::InvalidDocument {
                        path: format!("options.{k}"),
                        detail: format!(
                            "unknown field `{k}`, expected one of amount, unit, per, stage, id, at, index"
                        ),
                    })
                }
            }
        }
        opts.amount = match (amount, unit) {
            (None, _) => {
                return Err(Error::InvalidDocument {
                    path: "options.amount".into(),
                    detail: "missing `amount`: what the product uses of the supplier's product per its declared unit (\"2.5 kg\", or 2.5 with `unit`)".into(),
                })
            }
            (Some((a, _)), None) => a,
            (Some((a, true)), Some(u)) => format!("{a} {u}"),
            (Some((_, false)), Some(_)) => {
                return Err(Error::InvalidDocument {
                    path: "options.unit".into(),
                    detail: "`unit` goes with a numeric `amount`; a string amount carries its unit (\"2.5 kg\")".into(),
                })
            }
        };
        Ok(opts)
    }
}

/// What the product document is, as far as adding a supplier goes.
struct Product {
    /// Its schema tag.
    tag: &'static str,
    /// The stages a supplier line can take, in the document's order.
    stages: Vec<String>,
    /// The ids of its components, in order.
    component_ids: Vec<String>,
}

/// Reads the product document (checked as its type: an error names the product's field).
fn product(text: &str) -> Result<Product> {
    let ids = |c: &[Component]| c.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    let template = |tag: &'static str, component_ids| Product {
        tag,
        stages: SECTIONS
            .iter()
            .filter(|(t, _, _)| *t == tag)
            .map(|(_, s, _)| s.to_string())
            .collect(),
        component_ids,
    };
    match crate::document::schema_tag(text).as_deref() {
        // No tag: the document parse names what is wrong (not JSON, no `schema` …).
        Some(SCHEMA_TAG) | None => {
            let d: Document = json::parse_object(text)?;
            Ok(Product {
                tag: SCHEMA_TAG,
                stages: d.boundary.stages.clone(),
                component_ids: ids(&d.components),
            })
        }
        Some(battery::TAG) => {
            let d: battery::BatteryDocument = json::parse_object(text)?;
            Ok(template(battery::TAG, ids(&d.components)))
        }
        Some(ev::TAG) => {
            let d: ev::EvDocument = json::parse_object(text)?;
            Ok(template(ev::TAG, ids(&d.components)))
        }
        Some(textile::TAG) => {
            let d: textile::TextileDocument = json::parse_object(text)?;
            Ok(template(textile::TAG, ids(&d.components)))
        }
        Some(other) => Err(Error::UnsupportedSchema {
            path: "$.schema".into(),
            found: other.into(),
            expected: "a product document with components: pcf/1, pcf-battery/1, pcf-ev/1 or pcf-textile/1 (pcf-steel/1 and pcf-pv/1 take no components)".into(),
        }),
    }
}

/// The stages a supplier line can take in a product document (JSON text): a `pcf/1`
/// document's boundary stages, or the stages of a template that have a line list
/// ([`SECTIONS`]). Errors as for [`import_into`].
pub fn stages(product_text: &str) -> Result<Vec<String>> {
    let text = product_text
        .strip_prefix('\u{feff}')
        .unwrap_or(product_text);
    json::check_size(text)?;
    Ok(product(text)?.stages)
}

/// An amount with an optional unit (`"2.5 kg"`, `"2.5"`: in `default`), checked: a finite
/// number above zero in a unit of `default`'s dimension. Errors at `path`.
fn quantity(s: &str, path: &str, default: Unit) -> Result<(f64, Unit)> {
    let mut parts = s.split_whitespace();
    let form = || {
        Error::invalid(
            path,
            format!("{s:?}: expected a number and an optional unit, e.g. \"2.5 kg\""),
        )
    };
    let number = parts.next().ok_or_else(form)?;
    let n: f64 = number.parse().map_err(|_| form())?;
    let unit = parts.next();
    if parts.next().is_some() {
        return Err(form());
    }
    if !n.is_finite() {
        return Err(Error::NonFinite {
            path: path.into(),
            what: "the amount".into(),
            value: number.into(),
        });
    }
    if n < 0.0 {
        return Err(Error::NegativeAmount {
            path: path.into(),
            what: "the amount".into(),
            value: n,
        });
    }
    if n == 0.0 {
        return Err(Error::NotPositive {
            path: path.into(),
            what: "the amount".into(),
            value: n,
        });
    }
    let u = match unit {
        None => default,
        Some(sym) => Unit::parse(sym).ok_or_else(|| Error::UnknownUnit {
            path: path.into(),
            unit: sym.into(),
            hint: Unit::suggest(sym)
                .map(|x| format!("; did you mean {x:?}?"))
                .unwrap_or_default(),
        })?,
    };
    if u.factor_to(&default).is_none() {
        return Err(Error::DimensionMismatch {
            path: path.into(),
            from: u.symbol().into(),
            from_dim: u.dimension().to_string(),
            to: default.symbol().into(),
            to_dim: default.dimension().to_string(),
        });
    }
    Ok((n, u))
}

/// An import error in the terms of `--into`: the footprint's paths start with `$pact`, and
/// the import's `amount` (the quantity the declaration is per) is `per` here.
fn supplier_error(mut e: Error) -> Error {
    let p = e.path_mut();
    if p.starts_with('$') {
        *p = p.replacen('$', "$pact", 1);
    } else if p == "amount" {
        *p = "per".into();
    }
    e
}

/// The line added: what it uses, how much, and (in `pcf/1`) its stage.
#[derive(Serialize)]
struct Line<'a> {
    input: &'a str,
    amount: f64,
    unit: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<&'a str>,
}

/// Imports the supplier's PACT footprint (`footprint_text`: bare, or an API response / event
/// holding it) as a component of the product document (`product_text`: `pcf/1`,
/// `pcf-battery/1`, `pcf-ev/1` or `pcf-textile/1`) and adds a line using `opts.amount` of it,
/// at `opts.stage`. Returns the product document's text with both added and every other byte
/// kept (see the module's documentation).
pub fn import_into(footprint_text: &str, product_text: &str, opts: &IntoOptions) -> Result<String> {
    let (bom, text) = match product_text.strip_prefix('\u{feff}') {
        Some(t) => ("\u{feff}", t),
        None => ("", product_text),
    };
    json::check_size(text)?;
    let p = product(text)?;

    // The stage: one the product allows.
    let stage = opts.stage.as_deref().unwrap_or(DEFAULT_STAGE);
    if !p.stages.iter().any(|s| s == stage) {
        let how = if opts.stage.is_none() {
            format!(
                "no stage given and the default {DEFAULT_STAGE:?} is not one of them; choose one"
            )
        } else {
            format!("{stage:?} is not one of them")
        };
        return Err(Error::invalid(
            "stage",
            format!(
                "a supplier line in this {} document takes one of the stages {} ({how})",
                p.tag,
                p.stages.join(", ")
            ),
        ));
    }

    // The component, as `pcf pact import` makes it.
    let component = import(
        footprint_text,
        &ImportOptions {
            id: opts.id.clone(),
            stage: Some(stage.to_string()),
            amount: opts.per.clone(),
            at: opts.at.clone(),
            index: opts.index,
        },
    )
    .map_err(supplier_error)?;
    if p.tag == ev::TAG
        && (component.id == ev::BATTERY_COMPONENT || component.id.starts_with("battery."))
    {
        return Err(Error::invalid(
            "id",
            format!(
                "component id {:?} is reserved for the traction battery in a pcf-ev/1 document; choose another",
                component.id
            ),
        ));
    }
    if let Some(i) = p.component_ids.iter().position(|c| *c == component.id) {
        let at = format!("$.components[{i}].id");
        return Err(Error::DuplicateId {
            path: at.clone(),
            id: component.id.clone(),
            first: format!("{at}; the product has this component already: choose another id"),
        });
    }

    // The line, in a unit of the supplier's declared unit's dimension.
    let declared = component
        .declared
        .as_ref()
        .ok_or_else(|| Error::invalid("$pact", "the import gave no declared footprint to use"))?;
    let per_unit = Unit::parse(&declared.per.unit).ok_or_else(|| Error::UnknownUnit {
        path: "$pact".into(),
        unit: declared.per.unit.clone(),
        hint: String::new(),
    })?;
    // A bare number is in the footprint's own declared unit (kilogram → kg), whatever `per`.
    let own_unit = component
        .pact
        .as_ref()
        .and_then(|p| super::pcf_unit(&p.declared_unit))
        .and_then(Unit::parse)
        .filter(|u| u.factor_to(&per_unit).is_some())
        .unwrap_or(per_unit);
    let (amount, unit) = quantity(&opts.amount, "amount", own_unit)?;
    let section: &[&str] = if p.tag == SCHEMA_TAG {
        &["activities"]
    } else {
        SECTIONS
            .iter()
            .find(|(t, s, _)| *t == p.tag && *s == stage)
            .map(|(_, _, path)| *path)
            .ok_or_else(|| Error::invalid("stage", format!("no line list for {stage:?}")))?
    };
    let line = Line {
        input: &component.id,
        amount,
        unit: unit.symbol(),
        stage: (p.tag == SCHEMA_TAG).then_some(stage),
    };

    let layout = Layout::of(text)?;
    let edits = [
        layout.append(text, section, layout.render(&line, "amount")?)?,
        layout.append(text, &["components"], layout.render(&component, "$pact")?)?,
    ];
    let mut out = String::with_capacity(bom.len() + text.len() + 4096);
    out.push_str(bom);
    out.push_str(&apply(text, edits)?);

    // What was written reads back as the same kind of document, within its limits.
    product(out.strip_prefix('\u{feff}').unwrap_or(&out))?;
    Ok(out)
}

/// A change to the text: `text` replaces the bytes `start..end` (an insertion when equal).
#[derive(Debug)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// Applies edits to disjoint places (insertions at one place in the order given).
fn apply<const N: usize>(text: &str, mut edits: [Edit; N]) -> Result<String> {
    edits.sort_by_key(|e| e.start);
    let mut out =
        String::with_capacity(text.len() + edits.iter().map(|e| e.text.len()).sum::<usize>());
    let mut at = 0;
    for e in &edits {
        let before = text.get(at..e.start).ok_or_else(|| splice_error("$"))?;
        out.push_str(before);
        out.push_str(&e.text);
        at = at.max(e.end);
    }
    out.push_str(text.get(at..).ok_or_else(|| splice_error("$"))?);
    Ok(out)
}

/// The document could not be edited at `path` (a text the parser accepted, but whose value
/// is not where it should be: not expected after the document checks).
fn splice_error(path: &str) -> Error {
    Error::InvalidDocument {
        path: path.into(),
        detail: "the document cannot be edited here (expected an object or an array)".into(),
    }
}

/// The document's formatting: its indentation step (`None`: a one-line document) and line
/// ending.
struct Layout {
    indent: Option<String>,
    newline: &'static str,
}

/// A value to insert, written in three forms: pretty (at indentation zero, with the
/// document's step and `\n`), on one line (`compact`) and on one line with a space after each
/// comma and colon (`spaced`, as hand-written one-line lines often are). Written from its own
/// type, so its keys keep their order.
struct Rendered {
    pretty: String,
    compact: String,
    spaced: String,
}

/// serde_json's compact form with `", "` and `": "`.
struct Spaced;

impl serde_json::ser::Formatter for Spaced {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(b", ")
        }
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
}

/// Byte range of `part` (a slice of `text`, as a borrowed [`RawValue`] is) within `text`.
fn span(text: &str, part: &str) -> Option<(usize, usize)> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start.checked_add(part.len())?;
    (end <= text.len()).then_some((start, end))
}

/// The whitespace that starts the line holding byte `at`.
fn line_indent(text: &str, at: usize) -> &str {
    let head = text.get(..at).unwrap_or_default();
    let start = head.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(start..).unwrap_or_default();
    let n = line.len() - line.trim_start_matches([' ', '\t']).len();
    line.get(..n).unwrap_or_default()
}

/// What follows the last line break of `s`, when it has one.
fn after_newline(s: &str) -> Option<&str> {
    s.rfind('\n').and_then(|i| s.get(i + 1..))
}

/// The whitespace at the start of `s`.
fn leading_space(s: &str) -> &str {
    let n = s.len() - s.trim_start_matches([' ', '\t', '\n', '\r']).len();
    s.get(..n).unwrap_or_default()
}

impl Layout {
    /// The layout of a document whose top level is an object (checked by the caller): the
    /// indentation of its first member, or none when that member is on the brace's line.
    fn of(text: &str) -> Result<Layout> {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let body = text.trim_start_matches([' ', '\t', '\n', '\r']);
        let inner = body.strip_prefix('{').ok_or_else(|| splice_error("$"))?;
        let indent = after_newline(leading_space(inner)).map(|i| {
            if i.is_empty() {
                "  ".to_string()
            } else {
                i.to_string()
            }
        });
        Ok(Layout { indent, newline })
    }

    /// `value` in both forms.
    fn render<T: Serialize>(&self, value: &T, path: &str) -> Result<Rendered> {
        let fail = |e: serde_json::Error| Error::invalid(path, e.to_string());
        let compact = serde_json::to_string(value).map_err(fail)?;
        let step = self.indent.as_deref().unwrap_or("  ");
        let mut buf = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(
            &mut buf,
            serde_json::ser::PrettyFormatter::with_indent(step.as_bytes()),
        );
        value.serialize(&mut ser).map_err(fail)?;
        let pretty = String::from_utf8(buf).map_err(|e| Error::invalid(path, e.to_string()))?;
        let mut buf = Vec::new();
        value
            .serialize(&mut serde_json::Serializer::with_formatter(
                &mut buf, Spaced,
            ))
            .map_err(fail)?;
        let spaced = String::from_utf8(buf).map_err(|e| Error::invalid(path, e.to_string()))?;
        Ok(Rendered {
            pretty,
            compact,
            spaced,
        })
    }

    /// `[value]`, or `{"key": value}`, in both forms.
    fn wrap(&self, v: Rendered, key: Option<&str>) -> Result<Rendered> {
        let step = self.indent.as_deref().unwrap_or("  ");
        let inner = v.pretty.replace('\n', &format!("\n{step}"));
        Ok(match key {
            None => Rendered {
                pretty: format!("[\n{step}{inner}\n]"),
                compact: format!("[{}]", v.compact),
                spaced: format!("[{}]", v.spaced),
            },
            Some(k) => {
                let name =
                    serde_json::to_string(k).map_err(|e| Error::invalid(k, e.to_string()))?;
                Rendered {
                    pretty: format!("{{\n{step}{name}: {inner}\n}}"),
                    compact: format!("{{{name}:{}}}", v.compact),
                    spaced: format!("{{{name}: {}}}", v.spaced),
                }
            }
        })
    }

    /// `v` written at indentation `base`, like `neighbour` (the value it will follow, if
    /// any): pretty when the document is and the neighbour spans lines; on one line otherwise,
    /// spaced when the neighbour is.
    fn write(&self, v: &Rendered, base: &str, neighbour: Option<&str>) -> String {
        match neighbour {
            Some(n) if !n.contains('\n') => {
                if n.contains(": ") || n.contains(", ") {
                    v.spaced.clone()
                } else {
                    v.compact.clone()
                }
            }
            _ if self.indent.is_some() => {
                v.pretty.replace('\n', &format!("{}{base}", self.newline))
            }
            _ => v.compact.clone(),
        }
    }

    /// The edit that appends `value` to the array at `path` (keys from the root), creating
    /// the array (and objects on the way) when absent.
    fn append(&self, text: &str, path: &[&str], value: Rendered) -> Result<Edit> {
        let root = text.trim_matches([' ', '\t', '\n', '\r']);
        let mut obj = root;
        let mut json_path = crate::error::JsonPath::root();
        for (k, key) in path.iter().enumerate() {
            let members: BTreeMap<String, &RawValue> =
                serde_json::from_str(obj).map_err(|_| splice_error(json_path.as_str()))?;
            json_path = json_path.key(key);
            match members.get(*key) {
                Some(raw) if k + 1 == path.len() => {
                    return self.push_element(text, raw.get(), &value, json_path.as_str())
                }
                Some(raw) => obj = raw.get(),
                None => {
                    // Absent: `"key": [value]` (inside objects for the keys after it).
                    let mut nested = self.wrap(value, None)?;
                    for k in path.get(k + 1..).unwrap_or_default().iter().rev() {
                        nested = self.wrap(nested, Some(k))?;
                    }
                    return self.add_member(text, obj, &members, key, &nested, json_path.as_str());
                }
            }
        }
        Err(splice_error(json_path.as_str()))
    }

    /// Appends `value` to the array `arr` (a slice of `text`).
    fn push_element(&self, text: &str, arr: &str, value: &Rendered, path: &str) -> Result<Edit> {
        let (start, end) = span(text, arr).ok_or_else(|| splice_error(path))?;
        let items: Vec<&RawValue> = serde_json::from_str(arr).map_err(|_| splice_error(path))?;
        let spans = items
            .iter()
            .map(|r| span(text, r.get()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| splice_error(path))?;
        match spans.as_slice() {
            [] => {
                // `[]` (or `[ ]`): one element on its own line.
                let text = match &self.indent {
                    Some(step) => {
                        let outer = line_indent(text, start);
                        let inner = format!("{outer}{step}");
                        format!(
                            "[{nl}{inner}{v}{nl}{outer}]",
                            nl = self.newline,
                            v = self.write(value, &inner, None)
                        )
                    }
                    None => format!("[{}]", value.compact),
                };
                Ok(Edit { start, end, text })
            }
            [.., (_, prev_end), (last_start, last_end)] => {
                // Apart from the last element as the last two elements are apart, and written
                // like it.
                let sep = text
                    .get(*prev_end..*last_start)
                    .ok_or_else(|| splice_error(path))?;
                let last = text.get(*last_start..*last_end);
                let v = self.write(value, after_newline(sep).unwrap_or_default(), last);
                Ok(Edit {
                    start: *last_end,
                    end: *last_end,
                    text: format!("{sep}{v}"),
                })
            }
            [(first_start, first_end)] => {
                // Apart from the element as it is from the bracket.
                let lead = text
                    .get(start + 1..*first_start)
                    .ok_or_else(|| splice_error(path))?;
                let first = text.get(*first_start..*first_end);
                let text = match after_newline(lead) {
                    Some(base) => {
                        format!(",{}{base}{}", self.newline, self.write(value, base, first))
                    }
                    None => format!(",{lead}{}", self.write(value, "", first)),
                };
                Ok(Edit {
                    start: *first_end,
                    end: *first_end,
                    text,
                })
            }
        }
    }

    /// Adds the member `"key": value` at the end of the object `obj` (a slice of `text`).
    fn add_member(
        &self,
        text: &str,
        obj: &str,
        members: &BTreeMap<String, &RawValue>,
        key: &str,
        value: &Rendered,
        path: &str,
    ) -> Result<Edit> {
        let (start, end) = span(text, obj).ok_or_else(|| splice_error(path))?;
        let name = serde_json::to_string(key).map_err(|e| Error::invalid(path, e.to_string()))?;
        let last_end = members
            .values()
            .filter_map(|r| span(text, r.get()).map(|(_, e)| e))
            .max();
        let Some(last_end) = last_end else {
            // `{}`: the member on its own line.
            let text = match &self.indent {
                Some(step) => {
                    let outer = line_indent(text, start);
                    let inner = format!("{outer}{step}");
                    format!(
                        "{{{nl}{inner}{name}: {v}{nl}{outer}}}",
                        nl = self.newline,
                        v = self.write(value, &inner, None)
                    )
                }
                None => format!("{{{name}:{}}}", value.compact),
            };
            return Ok(Edit { start, end, text });
        };
        // Indented as the object's first member.
        let lead = leading_space(obj.get(1..).unwrap_or_default());
        let text = match after_newline(lead) {
            Some(base) => format!(
                ",{}{base}{name}: {}",
                self.newline,
                self.write(value, base, None)
            ),
            None => {
                if obj.contains("\": ") {
                    format!(", {name}: {}", value.spaced)
                } else {
                    format!(",{name}:{}", value.compact)
                }
            }
        };
        Ok(Edit {
            start: last_end,
            end: last_end,
            text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FactorSet;

    /// A PACT v3 footprint written for the tests: 4.2 kg CO2e per kilogram of aluminium ingot.
    const SUPPLIER: &str = include_str!("../../tests/data/pact/aluminium-ingot-v3.json");
    const SUPPLIER_ID: &str = "5f1c2a9e-7b3d-4e8a-9c61-2d4b8e0f7a13";
    /// kg CO2e per kg in the footprint (`pcfExcludingBiogenicUptake`).
    const PER_KG: f64 = 4.2;

    /// A product whose keys are not in serde_json's (sorted) order: `notes` after `activities`,
    /// `components` absent.
    const PRODUCT: &str = r#"{
  "schema": "pcf/1",
  "product": {"name": "housing", "sector": "other", "declared_unit": {"amount": 1, "unit": "item"}},
  "gwp_set": "AR6",
  "boundary": {"kind": "cradle-to-gate", "stages": ["raw_material_acquisition", "production"]},
  "reference_period": {"start": "2025-01-01", "end": "2025-12-31"},
  "activities": [
    {"amount": 10, "unit": "kWh", "factor": "cn.elec.footprint.2023.national", "stage": "production"}
  ],
  "notes": "kept where it is"
}
"#;

    fn opts(amount: &str) -> IntoOptions {
        IntoOptions {
            amount: amount.into(),
            ..IntoOptions::default()
        }
    }

    fn total(text: &str) -> f64 {
        crate::compute(text, FactorSet::builtin().unwrap())
            .unwrap()
            .total_kg_co2e
    }

    fn err(r: Result<String>) -> (String, String) {
        let e = r.unwrap_err();
        (e.code().to_string(), e.path().to_string())
    }

    /// The component `pcf pact import` prints, pretty, indented by `indent`.
    fn component_text(opts: &ImportOptions, indent: &str) -> String {
        let c = import(SUPPLIER, opts).unwrap();
        serde_json::to_string_pretty(&c)
            .unwrap()
            .replace('\n', &format!("\n{indent}"))
    }

    #[test]
    fn adds_the_component_and_its_line_and_keeps_every_other_byte() {
        let out = import_into(SUPPLIER, PRODUCT, &opts("2.5 kg")).unwrap();
        let stage = Some(DEFAULT_STAGE.to_string());
        let expected = PRODUCT
            .replace(
                "\"stage\": \"production\"}\n  ],",
                "\"stage\": \"production\"},\n    {\"input\": \"pact-5f1c2a9e\", \"amount\": 2.5, \"unit\": \"kg\", \"stage\": \"raw_material_acquisition\"}\n  ],",
            )
            .replace(
                "\"notes\": \"kept where it is\"\n}",
                &format!(
                    "\"notes\": \"kept where it is\",\n  \"components\": [\n    {}\n  ]\n}}",
                    component_text(
                        &ImportOptions {
                            stage,
                            ..ImportOptions::default()
                        },
                        "    "
                    )
                ),
            );
        assert_eq!(out, expected);
    }

    #[test]
    fn the_total_rises_by_amount_times_the_suppliers_figure() {
        let before = total(PRODUCT);
        assert_eq!(before, 10.0 * 0.6205);
        for amount in ["2.5 kg", "2.5", "2500 g", "0.0025 t"] {
            let out = import_into(SUPPLIER, PRODUCT, &opts(amount)).unwrap();
            let after = total(&out);
            let want = before + 2.5 * PER_KG;
            assert!(
                (after - want).abs() <= 1e-12 * want,
                "{amount}: {after} vs {want}"
            );
        }
        // Per another quantity (the old meaning of `amount`): 4200 kg CO2e per 1 t.
        let per_t = IntoOptions {
            per: Some("1 t".into()),
            ..opts("2.5 kg")
        };
        let after = total(&import_into(SUPPLIER, PRODUCT, &per_t).unwrap());
        let want = before + 2.5 * PER_KG;
        assert!((after - want).abs() <= 1e-12 * want, "{after} vs {want}");
        // A bare number is in the footprint's unit (kg), not in `per`'s.
        let bare = IntoOptions {
            per: Some("1 t".into()),
            ..opts("2.5")
        };
        let out = import_into(SUPPLIER, PRODUCT, &bare).unwrap();
        assert!(out.contains(r#"{"input": "pact-5f1c2a9e", "amount": 2.5, "unit": "kg","#));
        let after = total(&out);
        assert!((after - want).abs() <= 1e-12 * want, "{after} vs {want}");
    }

    #[test]
    fn the_result_line_carries_the_pact_provenance() {
        let out = import_into(SUPPLIER, PRODUCT, &opts("2.5 kg")).unwrap();
        let r = crate::compute(&out, FactorSet::builtin().unwrap()).unwrap();
        let input = r
            .lines
            .iter()
            .find(|l| l.path == "$.activities[1]")
            .unwrap();
        assert_eq!(input.kind, "input");
        assert_eq!(input.input.as_deref(), Some("pact-5f1c2a9e"));
        assert_eq!(input.converted_amount, Some(2.5));
        let declared = r
            .lines
            .iter()
            .find(|l| l.path == "$.components[0].declared")
            .unwrap();
        let by = declared.declared_by.as_ref().unwrap();
        assert_eq!(by.supplier, "Northwind Aluminium Smelting Co. (fictitious)");
        assert_eq!(by.pact.as_ref().unwrap().id, SUPPLIER_ID);
        assert_eq!(declared.kg_co2e, Some(2.5 * PER_KG));
        assert_eq!(declared.stage, DEFAULT_STAGE);
    }

    #[test]
    fn a_stage_and_an_id_are_taken() {
        let o = IntoOptions {
            stage: Some("production".into()),
            id: Some("alu".into()),
            ..opts("3 kg")
        };
        let out = import_into(SUPPLIER, PRODUCT, &o).unwrap();
        assert!(
            out.contains(r#"{"input": "alu", "amount": 3.0, "unit": "kg", "stage": "production"}"#)
        );
        let r = crate::compute(&out, FactorSet::builtin().unwrap()).unwrap();
        let by_stage: Vec<(String, f64)> = r
            .by_stage
            .iter()
            .map(|s| (s.stage.clone(), s.kg_co2e))
            .collect();
        assert_eq!(
            by_stage,
            vec![
                ("raw_material_acquisition".to_string(), 0.0),
                ("production".to_string(), 3.0 * PER_KG + 6.205),
            ]
        );
    }

    #[test]
    fn empty_and_one_element_lists_and_one_line_documents() {
        // Empty arrays: the element on its own line, indented one step in.
        let empty = PRODUCT
            .replace(
                "\"activities\": [\n    {\"amount\": 10, \"unit\": \"kWh\", \"factor\": \"cn.elec.footprint.2023.national\", \"stage\": \"production\"}\n  ],",
                "\"activities\": [],\n  \"components\": [ ],",
            );
        let out = import_into(SUPPLIER, &empty, &opts("1 kg")).unwrap();
        let comp = component_text(
            &ImportOptions {
                stage: Some(DEFAULT_STAGE.into()),
                ..ImportOptions::default()
            },
            "    ",
        );
        let line = "{\n      \"input\": \"pact-5f1c2a9e\",\n      \"amount\": 1.0,\n      \"unit\": \"kg\",\n      \"stage\": \"raw_material_acquisition\"\n    }";
        assert_eq!(
            out,
            empty
                .replace(
                    "\"activities\": [],",
                    &format!("\"activities\": [\n    {line}\n  ],")
                )
                .replace(
                    "\"components\": [ ],",
                    &format!("\"components\": [\n    {comp}\n  ],")
                )
        );
        assert_eq!(total(&out), PER_KG);

        // A one-line document stays on one line.
        let one: String = {
            let v: Value = serde_json::from_str(PRODUCT).unwrap();
            serde_json::to_string(&v).unwrap()
        };
        let out = import_into(SUPPLIER, &one, &opts("1 kg")).unwrap();
        assert!(!out.contains('\n'));
        assert!(out.contains(r#","components":[{"id":"pact-5f1c2a9e","#));
        assert!(out.contains(
            r#"},{"input":"pact-5f1c2a9e","amount":1.0,"unit":"kg","stage":"raw_material_acquisition"}]"#
        ));
        assert_eq!(total(&out), 6.205 + PER_KG);
    }

    #[test]
    fn an_empty_object_gets_its_first_member() {
        let edit = |text: &str| {
            let layout = Layout::of(text).unwrap();
            let v = layout.render(&serde_json::json!({"x": 1}), "$").unwrap();
            let e = layout.append(text, &["a", "lines"], v).unwrap();
            apply(text, [e]).unwrap()
        };
        assert_eq!(
            edit("{\n  \"a\": {}\n}"),
            "{\n  \"a\": {\n    \"lines\": [\n      {\n        \"x\": 1\n      }\n    ]\n  }\n}"
        );
        assert_eq!(edit("{\"a\":{ }}"), "{\"a\":{\"lines\":[{\"x\":1}]}}");
        // Absent on the way: objects made for the keys after it.
        assert_eq!(
            edit("{\"b\": 1}"),
            "{\"b\": 1, \"a\": {\"lines\": [{\"x\": 1}]}}"
        );
    }

    #[test]
    fn a_byte_order_mark_tabs_and_crlf_are_kept() {
        let crlf = format!(
            "\u{feff}{}",
            PRODUCT.replace("  ", "\t").replace('\n', "\r\n")
        );
        let out = import_into(SUPPLIER, &crlf, &opts("1 kg")).unwrap();
        assert!(out.starts_with("\u{feff}{\r\n\t\"schema\""));
        assert_eq!(out.matches('\n').count(), out.matches("\r\n").count());
        assert!(out
            .contains(",\r\n\t\"components\": [\r\n\t\t{\r\n\t\t\t\"id\": \"pact-5f1c2a9e\",\r\n"));
        assert_eq!(total(&out), 6.205 + PER_KG);
    }

    #[test]
    fn templates_take_the_line_in_the_stage_list() {
        let cases: [(&str, &str, &str, f64); 5] = [
            (
                include_str!("../../examples/battery-m1-75kwh.json"),
                "raw_material_acquisition",
                "raw_material_acquisition",
                1.0,
            ),
            // Raw-material amounts per kWh of usable capacity (80 kWh), as the list's lines.
            (
                include_str!("../../examples/battery-nmc811-per-kwh.json"),
                "raw_material_acquisition",
                "raw_material_acquisition",
                80.0,
            ),
            (
                include_str!("../../examples/ev-m1-compact-car.json"),
                "glider",
                "glider",
                1.0,
            ),
            (
                include_str!("../../examples/textile-tshirt-recycled-polyester.json"),
                "spinning",
                "processes",
                1.0,
            ),
            (
                include_str!("../../examples/textile-tshirt-recycled-polyester.json"),
                "distribution",
                "distribution",
                1.0,
            ),
        ];
        for (doc, stage, key, scale) in cases {
            let o = IntoOptions {
                stage: Some(stage.into()),
                ..opts("2.5 kg")
            };
            let out = import_into(SUPPLIER, doc, &o).unwrap();
            let (before, after) = (total(doc), total(&out));
            let want = before + 2.5 * PER_KG * scale;
            assert!(
                (after - want).abs() <= 1e-12 * want,
                "{stage}: {after} vs {want}"
            );
            // The line is in the stage's list, without a stage of its own.
            let v: Value = serde_json::from_str(&out).unwrap();
            let list = if key == "processes" {
                &v[key][stage]["lines"]
            } else {
                &v[key]
            };
            let last = list.as_array().unwrap().last().unwrap();
            assert_eq!(
                last,
                &serde_json::json!({"input": "pact-5f1c2a9e", "amount": 2.5, "unit": "kg"})
            );
            let r = crate::compute(&out, FactorSet::builtin().unwrap()).unwrap();
            let pact: Vec<&str> = r
                .lines
                .iter()
                .filter_map(|l| l.declared_by.as_ref()?.pact.as_ref())
                .map(|p| p.id.as_str())
                .collect();
            assert_eq!(pact, vec![SUPPLIER_ID], "{stage}");
        }
    }

    #[test]
    fn stages_of_each_kind_of_document() {
        assert_eq!(
            stages(PRODUCT).unwrap(),
            vec!["raw_material_acquisition", "production"]
        );
        assert_eq!(
            stages(include_str!("../../examples/ev-m1-compact-car.json")).unwrap(),
            vec!["glider", "drivetrain", "assembly", "end_of_life"]
        );
        assert_eq!(
            stages(include_str!(
                "../../examples/textile-tshirt-recycled-polyester.json"
            ))
            .unwrap(),
            vec![
                "spinning",
                "fabric",
                "finishing",
                "making_up",
                "distribution",
                "end_of_life"
            ]
        );
        let steel = stages(include_str!("../../examples/steel-bf-bof-coil.json")).unwrap_err();
        assert_eq!(
            (steel.code(), steel.path()),
            ("unsupported_schema", "$.schema")
        );
    }

    #[test]
    fn errors_name_the_product_field_the_supplier_field_or_the_option() {
        let add = |o: IntoOptions| import_into(SUPPLIER, PRODUCT, &o);
        let code = |c: &str, p: &str| (c.to_string(), p.to_string());

        // The amount.
        assert_eq!(
            err(add(opts("3 kWh"))),
            code("dimension_mismatch", "amount")
        );
        assert_eq!(err(add(opts("2.5 kgs"))), code("unknown_unit", "amount"));
        assert_eq!(err(add(opts("-1 kg"))), code("negative_amount", "amount"));
        assert_eq!(err(add(opts("0 kg"))), code("not_positive", "amount"));
        assert_eq!(err(add(opts("inf kg"))), code("non_finite", "amount"));
        assert_eq!(err(add(opts("2.5kg"))), code("invalid_value", "amount"));
        assert_eq!(err(add(opts(""))), code("invalid_value", "amount"));
        assert_eq!(
            err(add(opts("2.5 kg extra"))),
            code("invalid_value", "amount")
        );
        // The other options.
        let per = IntoOptions {
            per: Some("1 kWh".into()),
            ..opts("1 kg")
        };
        assert_eq!(err(add(per)), code("dimension_mismatch", "per"));
        let stage = IntoOptions {
            stage: Some("use".into()),
            ..opts("1 kg")
        };
        assert_eq!(err(add(stage)), code("invalid_value", "stage"));
        let at = IntoOptions {
            at: Some("2030-01-01".into()),
            ..opts("1 kg")
        };
        assert_eq!(
            err(add(at)),
            code("expired_footprint", "$pact.validityPeriodEnd")
        );
        let id = IntoOptions {
            id: Some(" ".into()),
            ..opts("1 kg")
        };
        assert_eq!(err(add(id)), code("invalid_value", "id"));

        // The product.
        let once = import_into(SUPPLIER, PRODUCT, &opts("1 kg")).unwrap();
        assert_eq!(
            err(import_into(SUPPLIER, &once, &opts("1 kg"))),
            code("duplicate_id", "$.components[0].id")
        );
        let other = IntoOptions {
            id: Some("alu-2".into()),
            ..opts("1 kg")
        };
        let twice = import_into(SUPPLIER, &once, &other).unwrap();
        assert_eq!(total(&twice), 6.205 + 2.0 * PER_KG);
        assert_eq!(
            err(import_into(
                SUPPLIER,
                &PRODUCT.replace("\"gwp_set\"", "\"colour\": 1, \"gwp_set\""),
                &opts("1 kg")
            )),
            code("invalid_document", "$.colour")
        );
        assert_eq!(
            err(import_into(SUPPLIER, "{\"schema\": ", &opts("1 kg"))),
            code("malformed_json", "$.schema")
        );
        assert_eq!(
            err(import_into(
                SUPPLIER,
                include_str!("../../examples/pv-cre-ecs-mono-module.json"),
                &opts("1 kg")
            )),
            code("unsupported_schema", "$.schema")
        );
        let battery_id = IntoOptions {
            id: Some("battery.cells".into()),
            stage: Some("glider".into()),
            ..opts("1 kg")
        };
        assert_eq!(
            err(import_into(
                SUPPLIER,
                include_str!("../../examples/ev-m1-compact-car.json"),
                &battery_id
            )),
            code("invalid_value", "id")
        );

        // The supplier's footprint: its own paths under `$pact`.
        let broken = SUPPLIER.replace("\"declaredUnitOfMeasurement\": \"kilogram\",", "");
        assert_eq!(
            err(import_into(&broken, PRODUCT, &opts("1 kg"))),
            code("invalid_document", "$pact.pcf.declaredUnitOfMeasurement")
        );
        let listed = format!("{{\"data\": [{SUPPLIER}, {SUPPLIER}]}}");
        assert_eq!(
            err(import_into(&listed, PRODUCT, &opts("1 kg"))),
            code("invalid_value", "$pact.data")
        );
        let second = IntoOptions {
            index: Some(1),
            ..opts("1 kg")
        };
        assert_eq!(
            total(&import_into(&listed, PRODUCT, &second).unwrap()),
            6.205 + PER_KG
        );
    }

    #[test]
    fn options_from_json() {
        let o = IntoOptions::parse(r#"{"amount": 2.5, "unit": "kg", "stage": "production", "per": "1 t", "id": "alu", "at": "2025-06-01", "index": 0}"#).unwrap();
        assert_eq!(
            o,
            IntoOptions {
                amount: "2.5 kg".into(),
                per: Some("1 t".into()),
                stage: Some("production".into()),
                id: Some("alu".into()),
                at: Some("2025-06-01".into()),
                index: Some(0),
            }
        );
        assert_eq!(
            IntoOptions::parse(r#"{"amount": "3 g"}"#).unwrap().amount,
            "3 g"
        );
        let e = |t: &str| {
            let e = IntoOptions::parse(t).unwrap_err();
            (e.code().to_string(), e.path().to_string())
        };
        let code = |c: &str, p: &str| (c.to_string(), p.to_string());
        assert_eq!(e("{}"), code("invalid_document", "options.amount"));
        assert_eq!(
            e(r#"{"amount": "2 kg", "unit": "kg"}"#),
            code("invalid_document", "options.unit")
        );
        assert_eq!(
            e(r#"{"amount": true}"#),
            code("invalid_document", "options.amount")
        );
        assert_eq!(
            e(r#"{"amount": 1, "colour": 1}"#),
            code("invalid_document", "options.colour")
        );
        assert_eq!(
            e(r#"{"amount": 1, "index": -1}"#),
            code("invalid_document", "options.index")
        );
        assert_eq!(e("[]"), code("invalid_document", "options"));
    }
}
