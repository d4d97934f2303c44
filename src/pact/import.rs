//! A supplier's PACT ProductFootprint (v2 or v3) as a component of a `pcf/1` product.
//!
//! The footprint is checked against its spec ([`super::check`]); an invalid one is rejected
//! with the failing field's path. The component declares `pcfExcludingBiogenic` /
//! `pcfExcludingBiogenicUptake` (kg CO2e per declared unit) per one declared unit converted to
//! a pcf unit (kilogram → kg, piece → item, ton kilometer → tkm …), or per `amount` when
//! given, and every part the footprint states (`declared.parts`: the total including uptake,
//! fossil, land-use change, land-management, biogenic and aircraft emissions, the uptake,
//! removals and CCS, packaging, carbon contents, land occupation; see [`crate::parts`]) per the
//! same quantity, so a line using q of it adds q times each part. Figures that break the
//! data model's identities or rules ([`super::check::identities`], [`super::check::rules`])
//! are kept as declared and listed in `pact.findings` (a warning when computed). Its `pact`
//! block keeps the id, company, spec version, verification, data quality, exempted share,
//! packaging flag, geography, boundary, cross-sectoral standards and the validity
//! period (the spec's default of three years from the end of the reference period when the
//! footprint states none). With `at`, a footprint not valid on that date is an
//! `expired_footprint` error; a document using the component checks the validity period
//! against its reference period ([`crate::model`]).

use serde_json::Value;

use super::{add_years, check, parse_date, parse_date_time, parse_decimal, pcf_unit, Spec};
use crate::document::{
    Component, DeclaredFootprint, PactDqi, PactGeography, PactProvenance, PactVerification, Period,
    Provenance, Quantity,
};
use crate::error::{Error, Result};
use crate::parts::{DeclaredParts, Part};
use crate::units::Unit;

/// The default stage of an imported component.
pub const DEFAULT_STAGE: &str = "raw_material_acquisition";

/// Options of an import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOptions {
    /// Component id (default `pact-` and the first 8 characters of the footprint id).
    pub id: Option<String>,
    /// Stage of the component (default `raw_material_acquisition`).
    pub stage: Option<String>,
    /// The quantity the declared footprint is stated per: `"1000"` (in the footprint's unit)
    /// or `"1 t"` (any unit of the same dimension); default one declared unit.
    pub amount: Option<String>,
    /// A date (`YYYY-MM-DD`) or RFC 3339 date-time the footprint must be valid on.
    pub at: Option<String>,
    /// Which footprint of a list response (`data: [...]`, `data.pfs`), default the only one.
    pub index: Option<usize>,
}

impl ImportOptions {
    /// Reads options given as JSON text (`{id, stage, amount, at, index}`, every key
    /// optional; the WASM `pactImport`): a wrong type or unknown key is an error at
    /// `options.<key>`.
    pub fn parse(text: &str) -> Result<ImportOptions> {
        let v: Value = crate::json::parse_value(text).map_err(|mut e| {
            let p = e.path_mut();
            *p = p.replacen('$', "options", 1);
            e
        })?;
        let o = v.as_object().ok_or_else(|| Error::InvalidDocument {
            path: "options".into(),
            detail: "the import options are an object".into(),
        })?;
        let bad = |k: &str, what: &str| Error::InvalidDocument {
            path: format!("options.{k}"),
            detail: format!("expected {what}"),
        };
        let mut opts = ImportOptions::default();
        for (k, v) in o.iter().filter(|(_, v)| !v.is_null()) {
            let text = || {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| bad(k, "a string"))
            };
            match k.as_str() {
                "id" => opts.id = Some(text()?),
                "stage" => opts.stage = Some(text()?),
                "amount" => opts.amount = Some(text()?),
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
                            "unknown field `{k}`, expected one of id, stage, amount, at, index"
                        ),
                    })
                }
            }
        }
        Ok(opts)
    }
}

/// Finds the footprint in a bare ProductFootprint or an API response / event wrapping it
/// (`data`, `data[i]`, `data.pfs[i]`), with its JSON path.
pub fn locate(v: &Value, index: Option<usize>) -> Result<(&Value, String)> {
    if v.get("pcf").is_some() || v.get("specVersion").is_some() {
        return Ok((v, "$".into()));
    }
    let (list, base) = match v.get("data") {
        Some(d) if d.get("pcf").is_some() => return Ok((d, "$.data".into())),
        Some(Value::Array(a)) => (a, "$.data".to_string()),
        Some(d) => match d.get("pfs") {
            Some(Value::Array(a)) => (a, "$.data.pfs".to_string()),
            _ => {
                return Err(Error::InvalidDocument {
                    path: "$.data".into(),
                    detail: "expected a ProductFootprint or a list of them".into(),
                })
            }
        },
        None => {
            return Err(Error::InvalidDocument {
                path: "$".into(),
                detail:
                    "not a PACT ProductFootprint (no `pcf`) nor a response holding one (`data`)"
                        .into(),
            })
        }
    };
    let i = match (index, list.len()) {
        (Some(i), _) => i,
        (None, 1) => 0,
        (None, n) => {
            return Err(Error::invalid(
                base,
                format!("the response holds {n} footprints; choose one (index)"),
            ))
        }
    };
    list.get(i)
        .map(|pf| (pf, format!("{base}[{i}]")))
        .ok_or_else(|| Error::invalid(base, format!("no footprint at index {i}")))
}

fn instant(s: &str, path: &str) -> Result<i64> {
    parse_date_time(s)
        .or_else(|| parse_date(s).map(|d| d * 86_400))
        .ok_or_else(|| Error::invalid(path, format!("{s:?} is not a date or RFC 3339 date-time")))
}

/// Reads a PACT footprint (JSON text) into a declared-footprint component with its
/// provenance.
pub fn import(text: &str, opts: &ImportOptions) -> Result<Component> {
    let v: Value = crate::json::parse_value(text)?;
    let (pf, base) = locate(&v, opts.index)?;
    let sv_path = format!("{base}.specVersion");
    let sv = pf
        .get("specVersion")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::InvalidDocument {
            path: sv_path.clone(),
            detail: "missing required property `specVersion` (a string)".into(),
        })?;
    let spec = Spec::parse(sv).map_err(|_| Error::UnsupportedSchema {
        path: sv_path.clone(),
        found: sv.into(),
        expected: "a PACT specVersion 2.x or 3.x".into(),
    })?;
    if let Some(violation) = check::check(spec, pf, &base).into_iter().next() {
        return Err(violation.into_error());
    }
    // Nothing dropped silently: the spec's `extensions` and any property the spec does not
    // define are kept verbatim in the component's `pact` block (paths from the footprint, `$`).
    let unknown_properties = check::unknown_properties(spec, pf, &base)
        .into_iter()
        .map(|(p, x)| (format!("${}", p.get(base.len()..).unwrap_or_default()), x))
        .collect();
    // After the check, every required field is there with its type.
    let s = |k: &str| pf.get(k).and_then(Value::as_str).unwrap_or_default();
    let c = pf.get("pcf").unwrap_or(&Value::Null);
    let cs = |k: &str| c.get(k).and_then(Value::as_str);
    let v2 = spec == Spec::V2;
    let cp = format!("{base}.pcf");
    let (unit_key, excl_key, incl_key) = if v2 {
        (
            "declaredUnit",
            "pCfExcludingBiogenic",
            "pCfIncludingBiogenic",
        )
    } else {
        (
            "declaredUnitOfMeasurement",
            "pcfExcludingBiogenicUptake",
            "pcfIncludingBiogenicUptake",
        )
    };
    let pact_unit = cs(unit_key).unwrap_or_default();
    let symbol = pcf_unit(pact_unit).ok_or_else(|| {
        Error::invalid(
            format!("{cp}.{unit_key}"),
            format!("the declared unit {pact_unit:?} has no pcf unit"),
        )
    })?;
    let unit =
        Unit::parse(symbol).ok_or_else(|| Error::invalid(format!("{cp}.{unit_key}"), "no unit"))?;
    // v3's total excluding uptake is a signed decimal: it includes land-management and
    // technological removals, which can outweigh the emissions. v2's is 0 or more (its
    // schema's `x-comment`; `check` has refused a negative one already).
    let excl_text = cs(excl_key).unwrap_or_default();
    let excl = parse_decimal(excl_text).ok_or_else(|| {
        Error::invalid(
            format!("{cp}.{excl_key}"),
            format!("{excl_text:?} is not a finite decimal: it cannot be rolled up as a declared footprint"),
        )
    })?;
    if v2 && excl < 0.0 {
        return Err(Error::invalid(
            format!("{cp}.{excl_key}"),
            format!("a footprint of {excl_text} kg CO2e cannot be rolled up: PACT v2's {excl_key} is 0 or more"),
        ));
    }
    let incl = cs(incl_key).and_then(parse_decimal);

    // Periods.
    let ref_start = cs("referencePeriodStart").unwrap_or_default().to_string();
    let ref_end = cs("referencePeriodEnd").unwrap_or_default().to_string();
    let ref_end_s = instant(&ref_end, &format!("{cp}.referencePeriodEnd"))?;
    let (vs, vs_path) = match pf.get("validityPeriodStart").and_then(Value::as_str) {
        Some(x) => (x.to_string(), format!("{base}.validityPeriodStart")),
        None => (ref_end.clone(), format!("{cp}.referencePeriodEnd")),
    };
    let (ve, ve_path) = match pf.get("validityPeriodEnd").and_then(Value::as_str) {
        Some(x) => (x.to_string(), format!("{base}.validityPeriodEnd")),
        None => (add_years(ref_end_s, 3), format!("{cp}.referencePeriodEnd")),
    };
    let start = instant(&vs, &vs_path)?;
    let end = instant(&ve, &ve_path)?;
    if end <= start {
        return Err(Error::invalid(
            ve_path,
            format!("the validity period ends ({ve}) before it starts ({vs})"),
        ));
    }
    if let Some(at) = &opts.at {
        let t = instant(at, "at")?;
        if t >= end {
            return Err(Error::ExpiredFootprint {
                path: ve_path,
                detail: format!(
                    "the PACT footprint {} expired at {ve} (validity {vs} – {ve}); it is not valid on {at}",
                    s("id")
                ),
            });
        }
        if t < start {
            return Err(Error::ExpiredFootprint {
                path: vs_path,
                detail: format!(
                    "the PACT footprint {} is valid only from {vs} (validity {vs} – {ve}); it is not valid on {at}",
                    s("id")
                ),
            });
        }
    }

    // The quantity the declaration is per.
    let (per, factor) = match &opts.amount {
        None => (1.0, (1.0, unit)),
        Some(a) => {
            let mut parts = a.split_whitespace();
            let n = parts
                .next()
                .and_then(|x| x.parse::<f64>().ok())
                .filter(|x| x.is_finite() && *x > 0.0)
                .ok_or_else(|| {
                    Error::invalid(
                        "amount",
                        format!("{a:?}: expected a number above 0 and an optional unit"),
                    )
                })?;
            let u = match parts.next() {
                Some(sym) => Unit::parse(sym).ok_or_else(|| Error::UnknownUnit {
                    path: "amount".into(),
                    unit: sym.into(),
                    hint: Unit::suggest(sym)
                        .map(|x| format!("; did you mean {x:?}?"))
                        .unwrap_or_default(),
                })?,
                None => unit,
            };
            let f = u.factor_to(&unit).ok_or_else(|| Error::DimensionMismatch {
                path: "amount".into(),
                from: u.symbol().into(),
                from_dim: u.dimension().to_string(),
                to: unit.symbol().into(),
                to_dim: unit.dimension().to_string(),
            })?;
            (n, (f, u))
        }
    };
    let (to_pact, per_unit) = factor;
    let kg_co2e = excl * per * to_pact;
    // Every part the footprint states, per the same quantity as `kg_co2e` (the total
    // excluding uptake is `kg_co2e` itself).
    let mut parts = DeclaredParts::default();
    for &part in Part::ALL {
        let Some(key) = super::fields::field(part, spec) else {
            continue;
        };
        if part == Part::Excluding {
            continue;
        }
        if let Some(v) = c.get(key) {
            let x = match v {
                Value::String(t) => parse_decimal(t),
                n => n.as_f64(),
            }
            .ok_or_else(|| Error::invalid(format!("{cp}.{key}"), "expected a decimal"))?;
            *parts.get_mut(part) = Some(x * per * to_pact);
        }
    }
    let mut findings: Vec<String> = check::identities(spec, pf, &base)
        .into_iter()
        .map(|i| format!("{}: {}", i.path, i.detail))
        .collect();
    findings.extend(
        check::rules(spec, pf, &base)
            .into_iter()
            .map(|v| format!("{}: {}", v.path, v.detail)),
    );

    let ar: Vec<String> = c
        .get(if v2 {
            "ipccCharacterizationFactorsSources"
        } else {
            "ipccCharacterizationFactors"
        })
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let gwp_set = match ar.as_slice() {
        [one] if ["AR4", "AR5", "AR6"].contains(&one.as_str()) => one.clone(),
        _ => "unspecified".into(),
    };
    let num = |x: Option<&Value>| match x {
        Some(Value::String(t)) => parse_decimal(t),
        Some(n) => n.as_f64(),
        None => None,
    };
    let dqi = c.get("dqi").and_then(|d| {
        Some(PactDqi {
            technological: num(d.get("technologicalDQR"))?,
            geographical: num(d.get("geographicalDQR"))?,
            temporal: num(d.get("temporalDQR"))?,
            completeness: num(d.get("completenessDQR")),
            reliability: num(d.get("reliabilityDQR")),
            coverage_percent: num(d.get("coveragePercent")),
        })
    });
    let text_of = |x: &Value, k: &str| x.get(k).and_then(Value::as_str).map(str::to_string);
    let verification = if v2 {
        c.get("assurance").map(|a| PactVerification {
            assured: a.get("assurance").and_then(Value::as_bool).unwrap_or(false),
            provider: text_of(a, "providerName"),
            coverage: text_of(a, "coverage"),
            level: text_of(a, "level"),
            standard: text_of(a, "standardName"),
            completed_at: text_of(a, "completedAt"),
        })
    } else {
        c.get("verification").map(|a| PactVerification {
            assured: true,
            provider: text_of(a, "providerName"),
            coverage: text_of(a, "coverage"),
            level: None,
            standard: text_of(a, "standardName"),
            completed_at: text_of(a, "completedAt"),
        })
    };
    let strings = |k: &str| -> Vec<String> {
        pf.get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let id = s("id").to_string();
    let component_id = opts
        .id
        .clone()
        .unwrap_or_else(|| format!("pact-{}", id.get(..8).unwrap_or(&id).to_ascii_lowercase()));
    if component_id.trim().is_empty() {
        return Err(Error::invalid("id", "a component id must not be empty"));
    }
    // The data year: the last second of the reference period (its end is excluded).
    let year = super::add_years(ref_end_s - 1, 0)
        .get(..4)
        .and_then(|y| y.parse::<i32>().ok());
    let assured = verification.as_ref().is_some_and(|v| v.assured);
    Ok(Component {
        id: component_id,
        name: Some(s("productNameCompany").to_string()),
        output: None,
        stage: Some(opts.stage.clone().unwrap_or_else(|| DEFAULT_STAGE.into())),
        activities: Vec::new(),
        emissions: Vec::new(),
        allocation: None,
        declared: Some(DeclaredFootprint {
            kg_co2e,
            per: Quantity {
                amount: per,
                unit: per_unit.symbol().to_string(),
            },
            gwp_set: Some(gwp_set),
            parts: Some(parts),
            provenance: Provenance {
                supplier: s("companyName").to_string(),
                source: format!(
                    "PACT ProductFootprint {id} (specVersion {sv}): {} per {pact_unit}",
                    cs(excl_key).unwrap_or_default()
                ),
                year,
                verification: Some(
                    if assured {
                        "third-party"
                    } else {
                        "self-declared"
                    }
                    .into(),
                ),
            },
        }),
        pact: Some(PactProvenance {
            id,
            spec_version: sv.to_string(),
            company_name: s("companyName").to_string(),
            company_ids: strings("companyIds"),
            product_ids: strings("productIds"),
            declared_unit: pact_unit.to_string(),
            pcf_excluding_biogenic: excl,
            pcf_including_biogenic: incl,
            characterization_factors: ar,
            reference_period: Period {
                start: ref_start,
                end: ref_end,
            },
            validity_period: Period { start: vs, end: ve },
            primary_data_share: num(c.get("primaryDataShare")),
            dqi,
            verification,
            exempted_emissions_percent: num(c.get("exemptedEmissionsPercent")),
            exempted_emissions_description: cs("exemptedEmissionsDescription").map(str::to_string),
            packaging_emissions_included: c
                .get("packagingEmissionsIncluded")
                .and_then(Value::as_bool),
            geography: {
                let g = PactGeography {
                    region_or_subregion: cs("geographyRegionOrSubregion").map(str::to_string),
                    country: cs("geographyCountry").map(str::to_string),
                    country_subdivision: cs("geographyCountrySubdivision").map(str::to_string),
                };
                (g.region_or_subregion.is_some()
                    || g.country.is_some()
                    || g.country_subdivision.is_some())
                .then_some(g)
            },
            boundary_processes_description: cs("boundaryProcessesDescription").map(str::to_string),
            cross_sectoral_standards: {
                let mut all = Vec::new();
                for k in ["crossSectoralStandards", "crossSectoralStandardsUsed"] {
                    for x in c.get(k).and_then(Value::as_array).into_iter().flatten() {
                        if let Some(t) = x.as_str() {
                            if !all.iter().any(|a: &String| a == t) {
                                all.push(t.to_string());
                            }
                        }
                    }
                }
                all
            },
            findings,
            extensions: pf
                .get("extensions")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            unknown_properties,
        }),
    })
}

/// [`import`] as pretty JSON with a final newline (what `pcf pact import` prints).
pub fn import_json(text: &str, opts: &ImportOptions) -> Result<String> {
    crate::to_json(&import(text, opts)?)
}
