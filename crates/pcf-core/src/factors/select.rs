//! Choosing a factor by series, geography and year instead of by id.
//!
//! A row's `series` names one quantity across years and geographies (`cn.elec.co2avg`). The
//! year rule takes the latest year not after the study's reference period, unless a year is
//! pinned. Geography fallback (province → grid region → country → world, from
//! `factors/geographies.csv`) happens only when the line asks for it, and every step is
//! reported in the result.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Factor, FactorSet};
use crate::error::{Error, Result};

/// Header of `geographies.csv`.
pub const GEOGRAPHY_COLUMNS: &[&str] = &["code", "name_en", "name_zh", "parent", "source"];

/// The geography hierarchy: each code's parent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Geographies {
    parent: BTreeMap<String, Option<String>>,
}

#[derive(serde::Deserialize)]
struct GeoRow {
    code: String,
    #[allow(dead_code)]
    name_en: String,
    #[allow(dead_code)]
    name_zh: String,
    parent: String,
    #[allow(dead_code)]
    source: String,
}

impl Geographies {
    /// Parses the table; every parent must be a code of the table, and no code may be its own
    /// ancestor.
    pub fn parse(table: &str, text: &str) -> Result<Geographies> {
        let mut reader = crate::csv_table::open(table, text, &[GEOGRAPHY_COLUMNS])?;
        let mut rows = Vec::new();
        for (i, rec) in reader.deserialize::<GeoRow>().enumerate() {
            let r = rec.map_err(|e| Error::InvalidFactorTable {
                path: format!("{table}:{}", i + 2),
                table: table.to_string(),
                detail: e.to_string(),
            })?;
            rows.push((r.code, r.parent));
        }
        Geographies::from_rows(table, rows)
    }

    /// The hierarchy from `(code, parent)` rows in table order (the CSV's or build.rs's
    /// compact form), with [`Geographies::parse`]'s checks.
    pub(super) fn from_rows(table: &str, rows: Vec<(String, String)>) -> Result<Geographies> {
        let bad = |path: String, detail: String| Error::InvalidFactorTable {
            path,
            table: table.to_string(),
            detail,
        };
        let mut parent = BTreeMap::new();
        for (i, (code, p)) in rows.into_iter().enumerate() {
            let p = Some(p).filter(|p| !p.is_empty());
            if parent.insert(code.clone(), p).is_some() {
                return Err(bad(
                    format!("{table}:{}", i + 2),
                    format!("code {code} appears twice"),
                ));
            }
        }
        let g = Geographies { parent };
        for code in g.parent.keys() {
            let mut seen = 0;
            let mut at = code.as_str();
            while let Some(Some(p)) = g.parent.get(at) {
                if !g.parent.contains_key(p.as_str()) {
                    return Err(bad(
                        table.to_string(),
                        format!("parent {p} of {at} is not a code of the table"),
                    ));
                }
                seen += 1;
                if seen > g.parent.len() {
                    return Err(bad(
                        table.to_string(),
                        format!("{code} is its own ancestor"),
                    ));
                }
                at = p;
            }
        }
        Ok(g)
    }

    /// The parent of a code (`None` at the top or for an unknown code).
    pub fn parent(&self, code: &str) -> Option<&str> {
        self.parent.get(code).and_then(|p| p.as_deref())
    }

    /// Whether the code is in the table.
    pub fn contains(&self, code: &str) -> bool {
        self.parent.contains_key(code)
    }
}

/// How the year is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRule {
    /// Exactly this year.
    Pinned(i32),
    /// The latest year not after this one (the end of the reference period).
    NotAfter(i32),
}

/// How a factor was chosen, for the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), schemars(transform = crate::json::schema_as_written))]
pub struct Selection {
    /// The series asked for.
    pub series: String,
    /// The geography asked for.
    pub geography: String,
    /// `pinned YEAR` or `latest not after YEAR`.
    pub year_rule: String,
    /// Geography fallback steps taken (`CN-JS → CN-ECG`), empty when none.
    pub fallback: Vec<String>,
    /// The id chosen.
    pub chosen: String,
    /// Why, in words.
    pub reason: String,
}

impl FactorSet {
    /// Chooses the factor of `series` for `geography` and `year`; with `fallback`, walks up the
    /// geography hierarchy until a row matches. Errors name `path`.
    pub fn select(
        &self,
        series: &str,
        geography: &str,
        year: YearRule,
        fallback: bool,
        path: &str,
    ) -> Result<(&Factor, Selection)> {
        let members: Vec<&Factor> = self
            .effective()
            .filter(|f| f.series.as_deref() == Some(series))
            .collect();
        if members.is_empty() {
            return Err(Error::UnknownFactor {
                path: format!("{path}.series"),
                id: series.to_string(),
                hint: "; no factor belongs to this series (see the series column of the tables)"
                    .to_string(),
            });
        }
        if fallback && !self.geographies().contains(geography) {
            return Err(Error::invalid(
                format!("{path}.geography"),
                format!("geography {geography} is not in factors/geographies.csv, so it has no fallback"),
            ));
        }
        let year_rule = match year {
            YearRule::Pinned(y) => format!("pinned {y}"),
            YearRule::NotAfter(y) => format!("latest not after {y}"),
        };
        let mut steps = Vec::new();
        let mut geo = geography.to_string();
        loop {
            let here: Vec<&Factor> = members
                .iter()
                .copied()
                .filter(|f| f.geography == geo)
                .filter(|f| match (year, f.year) {
                    (YearRule::Pinned(y), Some(fy)) => fy == y,
                    (YearRule::NotAfter(y), Some(fy)) => fy <= y,
                    (_, None) => false,
                })
                .collect();
            let best = here.iter().filter_map(|f| f.year).max();
            let chosen: Vec<&Factor> = here.into_iter().filter(|f| f.year == best).collect();
            match chosen.as_slice() {
                [f] => {
                    let reason = if steps.is_empty() {
                        format!(
                            "{series} for {geo}, year {} ({year_rule})",
                            f.year.unwrap_or(0)
                        )
                    } else {
                        format!(
                            "no {series} row for {geography} ({year_rule}); fell back to {geo}, year {}",
                            f.year.unwrap_or(0)
                        )
                    };
                    return Ok((
                        f,
                        Selection {
                            series: series.to_string(),
                            geography: geography.to_string(),
                            year_rule,
                            fallback: steps,
                            chosen: f.id.clone(),
                            reason,
                        },
                    ));
                }
                [] => {}
                several => {
                    return Err(Error::invalid(
                        path,
                        format!(
                        "several factors of {series} match {geo} ({year_rule}): {}; pin one by id",
                        several
                            .iter()
                            .map(|f| f.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    ))
                }
            }
            match (fallback, self.geographies().parent(&geo)) {
                (true, Some(p)) => {
                    steps.push(format!("{geo} → {p}"));
                    geo = p.to_string();
                }
                _ => {
                    let mut have: Vec<String> = members
                        .iter()
                        .map(|f| {
                            format!(
                                "{} {}",
                                f.geography,
                                f.year.map(|y| y.to_string()).unwrap_or_default()
                            )
                        })
                        .collect();
                    have.sort();
                    have.dedup();
                    return Err(Error::NoMatchingFactor {
                        path: path.to_string(),
                        detail: format!(
                            "no {series} factor for {geography} ({year_rule}){}; the series has: {}",
                            if fallback { " or its parent regions" } else { " and geography fallback is off" },
                            have.join(", ")
                        ),
                    });
                }
            }
        }
    }
}
