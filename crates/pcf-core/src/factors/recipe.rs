//! Derived tables: factors that pcf computes from an open inventory (energy and process
//! figures per unit of product) and factors of the tables loaded before them, so no derived
//! number is typed by hand and a change in a grid or fuel factor flows through.
//!
//! A row's `terms` cell is its recipe: terms joined by ` + `, each `AMOUNT UNIT FACTOR_ID` (an
//! amount per one `per_unit` of product, in a unit of the dimension of that factor's
//! `per_unit`) or `AMOUNT kg CO2e` (process emissions as the inventory prints them). The value
//! is the sum over the terms of amount × the factor's kg per unit, times the gas's GWP in the
//! row's `gwp_set` for a gas factor. The row is CO2e in that set when every CO2e term is, and
//! `unspecified` otherwise (a grid factor without a set, or a direct term, whose set the
//! inventory does not state). Verification is `derived`; the notes end with the recipe.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Basis, Factor, FactorTable, Verification};
use crate::error::{Error, Result};
use crate::gwp::{EmissionClass, GwpSet, GwpTable};
use crate::units::{Dimension, Unit};

/// Header of a derived table.
pub const RECIPE_COLUMNS: &[&str] = &[
    "id",
    "name_en",
    "name_zh",
    "per_unit",
    "gwp_set",
    "class",
    "geography",
    "year",
    "source",
    "licence",
    "notes",
    "terms",
];

/// One row of a derived table, as read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RecipeRow {
    /// Stable id.
    pub id: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Unit of product the recipe is for.
    pub per_unit: String,
    /// GWP set that weighs the gas terms.
    pub gwp_set: String,
    /// Reporting class.
    pub class: String,
    /// Geography (where the product is made).
    pub geography: String,
    /// Data year of the inventory.
    pub year: Option<i32>,
    /// Citation of the inventory.
    pub source: String,
    /// Licence of the inventory.
    pub licence: String,
    /// What the recipe covers and leaves out.
    pub notes: String,
    /// The recipe (see the module's documentation).
    pub terms: String,
}

/// One term of a recipe.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// Amount per one unit of product.
    pub amount: f64,
    /// Unit of the amount.
    pub unit: Unit,
    /// The factor it is multiplied by; `None` for a direct `kg CO2e` term.
    pub factor: Option<String>,
}

/// Parses a `terms` cell. The error says which term and what was expected.
pub fn parse_terms(text: &str) -> std::result::Result<Vec<Term>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("terms is empty; expected AMOUNT UNIT FACTOR_ID [+ …]".into());
    }
    text.split(" + ")
        .enumerate()
        .map(|(i, term)| {
            let n = i + 1;
            let words: Vec<&str> = term.split_whitespace().collect();
            let (amount, unit, rest) = match words.as_slice() {
                [a, u, rest] => (*a, *u, *rest),
                _ => {
                    return Err(format!(
                        "term {n} {term:?} must be AMOUNT UNIT FACTOR_ID or AMOUNT kg CO2e"
                    ))
                }
            };
            let amount: f64 = amount
                .parse()
                .ok()
                .filter(|a: &f64| a.is_finite() && *a >= 0.0)
                .ok_or_else(|| {
                    format!("term {n} {term:?}: amount {amount:?} is not a finite number ≥ 0")
                })?;
            let unit = Unit::parse(unit)
                .ok_or_else(|| format!("term {n} {term:?}: unit {unit:?} is not a known unit"))?;
            let factor = if rest == "CO2e" {
                if unit.dimension() != Dimension::Mass {
                    return Err(format!(
                        "term {n} {term:?}: a direct CO2e term needs a mass unit"
                    ));
                }
                None
            } else {
                Some(rest.to_string())
            };
            Ok(Term {
                amount,
                unit,
                factor,
            })
        })
        .collect()
}

/// Reads a derived table's rows (the values need the earlier tables: [`recipe_factors_of`]).
pub fn recipe_rows(table: &str, text: &str) -> Result<Vec<RecipeRow>> {
    let mut reader = crate::csv_table::open(table, text, &[RECIPE_COLUMNS])?;
    let mut rows = Vec::new();
    for (i, rec) in reader.deserialize::<RecipeRow>().enumerate() {
        rows.push(rec.map_err(|e| Error::InvalidFactorTable {
            path: format!("{table}:{}", i + 2),
            table: table.to_string(),
            detail: format!("row {}: {e}", i + 2),
        })?);
    }
    Ok(rows)
}

/// The factors of a derived table, each the sum of its terms over the factors of `earlier`
/// (the built-in tables before it).
pub(super) fn recipe_factors_of(
    table: &str,
    rows: Vec<RecipeRow>,
    earlier: &[FactorTable],
    gwp: &GwpTable,
) -> Result<Vec<Factor>> {
    let index: BTreeMap<&str, &Factor> = earlier
        .iter()
        .flat_map(|t| t.factors.iter())
        .map(|f| (f.id.as_str(), f))
        .collect();
    let kg = Unit::parse("kg").ok_or_else(|| Error::InvalidFactorTable {
        path: table.to_string(),
        table: table.to_string(),
        detail: "unit kg is not in the registry".into(),
    })?;
    let mut out = Vec::with_capacity(rows.len());
    for (i, r) in rows.into_iter().enumerate() {
        let line = i + 2;
        let bad = |col: &str, detail: String| Error::InvalidFactorTable {
            path: format!("{table}:{line}:{col}"),
            table: table.to_string(),
            detail,
        };
        let id = r.id.trim().to_string();
        if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad(
                "id",
                format!("id {:?} must be non-empty without spaces", r.id),
            ));
        }
        if r.source.trim().is_empty() {
            return Err(bad("source", format!("{id} has no source")));
        }
        let per_unit = Unit::parse(&r.per_unit).ok_or_else(|| {
            bad(
                "per_unit",
                format!("per_unit {:?} of {id} is not a known unit", r.per_unit),
            )
        })?;
        let set = GwpSet::parse(&r.gwp_set).ok_or_else(|| {
            bad(
                "gwp_set",
                format!("gwp_set {:?} of {id} must be AR4, AR5 or AR6", r.gwp_set),
            )
        })?;
        let class = EmissionClass::parse(&r.class).ok_or_else(|| {
            bad(
                "class",
                format!(
                    "class {:?} of {id} must be fossil, biogenic, luc, aircraft or unsplit",
                    r.class
                ),
            )
        })?;
        let terms = parse_terms(&r.terms).map_err(|e| bad("terms", format!("{id}: {e}")))?;
        let mut value = 0.0;
        let mut in_set = true;
        for t in &terms {
            let Some(fid) = &t.factor else {
                // A direct term: the inventory's own CO2e, whose GWP set it does not state.
                value += t.amount * t.unit.factor_to(&kg).unwrap_or(f64::NAN);
                in_set = false;
                continue;
            };
            let f = index.get(fid.as_str()).ok_or_else(|| {
                bad(
                    "terms",
                    format!("{id}: factor {fid} is not in a table before {table}"),
                )
            })?;
            let to = t.unit.factor_to(&f.per_unit).ok_or_else(|| {
                bad(
                    "terms",
                    format!(
                        "{id}: {} {} cannot be converted to {fid}'s unit {}",
                        t.amount,
                        t.unit.symbol(),
                        f.per_unit.symbol()
                    ),
                )
            })?;
            let weight = match f.basis {
                Basis::Co2e(s) => {
                    in_set &= s == Some(set);
                    1.0
                }
                Basis::Gas(gas) => gwp.gwp(gas, set, &format!("{table}:{line}:terms"))?,
            };
            value += t.amount * to * f.kg_per_unit * weight;
        }
        if !value.is_finite() {
            return Err(bad(
                "terms",
                format!("{id}: the recipe's sum is not finite"),
            ));
        }
        let notes = match r.notes.trim() {
            "" => format!("Recipe: {}", r.terms.trim()),
            n => format!("{n} Recipe: {}", r.terms.trim()),
        };
        out.push(Factor {
            id,
            name_en: r.name_en,
            name_zh: r.name_zh,
            value,
            value_unit: kg,
            kg_per_unit: value,
            per_unit,
            basis: Basis::Co2e(in_set.then_some(set)),
            class,
            geography: r.geography,
            year: r.year,
            source: r.source,
            licence: r.licence,
            verification: Verification::Derived,
            notes,
            series: None,
            uncertainty: None,
            table: table.to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::factors::{builtin_gwp, Origin};

    const EARLIER: &str = "id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,licence,verification,notes
grid,Grid,电网,500,g,kWh,CO2e,unspecified,fossil,CN,2023,s,l,official,n
ch4,CH4 per t,甲烷,2,kg,t,CH4_fossil,,fossil,WORLD,2006,s,l,secondary,n
ar6,AR6 row,AR6,4,kg,kg,CO2e,AR6,fossil,WORLD,2020,s,l,secondary,n
";
    const HEADER: &str =
        "id,name_en,name_zh,per_unit,gwp_set,class,geography,year,source,licence,notes,terms\n";

    fn derive(rows: &str) -> Result<Vec<Factor>> {
        let earlier = FactorTable::from_csv("e.csv", Origin::Builtin, EARLIER).unwrap();
        let (gwp, _) = builtin_gwp().unwrap();
        let text = format!("{HEADER}{rows}");
        recipe_factors_of("d.csv", recipe_rows("d.csv", &text)?, &[earlier], &gwp)
    }

    #[test]
    fn a_recipe_sums_its_terms_over_the_earlier_factors() {
        // 3.6 MJ = 1 kWh × 0.5 kg; 500 kg = 0.5 t × 2 kg CH4 × 29.8 (AR6 fossil CH4); 0.25 direct.
        let f = derive("x,X,某,kg,AR6,fossil,CN,2023,src,lic,Energy only.,3.6 MJ grid + 500 kg ch4 + 0.25 kg CO2e\n")
            .unwrap();
        assert_eq!(f.len(), 1);
        assert!((f[0].value - (0.5 + 0.5 * 2.0 * 29.8 + 0.25)).abs() < 1e-12);
        assert_eq!(f[0].kg_per_unit, f[0].value);
        assert_eq!(f[0].verification, Verification::Derived);
        // A grid without a GWP set and a direct term make the row's set unspecified.
        assert_eq!(f[0].basis, Basis::Co2e(None));
        assert_eq!(
            f[0].notes,
            "Energy only. Recipe: 3.6 MJ grid + 500 kg ch4 + 0.25 kg CO2e"
        );
        // Only gas and AR6 terms: the row is AR6.
        let f = derive("y,Y,某,t,AR6,fossil,CN,2023,src,lic,,1 kg ch4 + 2 kg ar6\n").unwrap();
        assert!((f[0].value - (0.001 * 2.0 * 29.8 + 8.0)).abs() < 1e-12);
        assert_eq!(f[0].basis, Basis::Co2e(Some(GwpSet::Ar6)));
    }

    #[test]
    fn a_recipe_error_names_the_row_and_the_term() {
        let e = derive("x,X,某,kg,AR6,fossil,CN,2023,src,lic,,1 kWh nowhere\n").unwrap_err();
        assert_eq!(e.path(), "d.csv:2:terms");
        assert_eq!(
            e.to_string(),
            "factor table d.csv: x: factor nowhere is not in a table before d.csv"
        );
        let e = derive("x,X,某,kg,AR6,fossil,CN,2023,src,lic,,1 kg grid\n").unwrap_err();
        assert_eq!(e.path(), "d.csv:2:terms");
        let e = derive("x,X,某,kg,AR7,fossil,CN,2023,src,lic,,1 kWh grid\n").unwrap_err();
        assert_eq!(e.path(), "d.csv:2:gwp_set");
    }

    #[test]
    fn terms_parse_with_units_and_direct_emissions() {
        let t = parse_terms("2.5 MJ cn.elec.x + 0.1 t ipcc.y + 9.3 kg CO2e").unwrap();
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].amount, 2.5);
        assert_eq!(t[0].unit.symbol(), "MJ");
        assert_eq!(t[0].factor.as_deref(), Some("cn.elec.x"));
        assert_eq!(t[2].factor, None);
    }

    #[test]
    fn bad_terms_name_the_term() {
        assert_eq!(
            parse_terms("2.5 furlong x").unwrap_err(),
            "term 1 \"2.5 furlong x\": unit \"furlong\" is not a known unit"
        );
        assert_eq!(
            parse_terms("1 kWh a + -2 kWh b").unwrap_err(),
            "term 2 \"-2 kWh b\": amount \"-2\" is not a finite number ≥ 0"
        );
        assert_eq!(
            parse_terms("1 kWh").unwrap_err(),
            "term 1 \"1 kWh\" must be AMOUNT UNIT FACTOR_ID or AMOUNT kg CO2e"
        );
        assert_eq!(
            parse_terms("3 kWh CO2e").unwrap_err(),
            "term 1 \"3 kWh CO2e\": a direct CO2e term needs a mass unit"
        );
    }
}
