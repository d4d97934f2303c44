//! `factors/gwp.csv` cell by cell against the values its sources print
//! (`tests/data/gwp/source_values.csv`, transcribed from them: see its README), the cells they
//! print that pcf leaves empty and why (`tests/data/gwp/not_shipped.csv`), and the
//! `missing_gwp` error of a cell the sources leave empty (issue 17).

use std::collections::BTreeMap;

use pcf::factors::FactorSet;
use pcf::gwp::{Gas, GwpSet};

const SETS: [GwpSet; 3] = [GwpSet::Ar4, GwpSet::Ar5, GwpSet::Ar6];

/// The source values: (gas id, set) → (value as printed, file, row).
fn source() -> BTreeMap<(String, String), (String, String, String)> {
    let mut out = BTreeMap::new();
    let text = include_str!("data/gwp/source_values.csv");
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    assert_eq!(lines.next(), Some("gas,set,value,from,row"));
    for line in lines {
        let cells: Vec<&str> = line.splitn(5, ',').collect();
        let [gas, set, value, from, row] = cells[..] else {
            panic!("bad line {line:?}");
        };
        let before = out.insert(
            (gas.to_string(), set.to_string()),
            (value.to_string(), from.to_string(), row.to_string()),
        );
        assert!(before.is_none(), "{gas} {set} twice");
    }
    out
}

fn table() -> &'static pcf::gwp::GwpTable {
    FactorSet::builtin().expect("built-in tables").gwp()
}

#[test]
fn every_cell_is_the_source_value_and_empty_only_where_the_source_prints_none() {
    let source = source();
    let mut cells = 0;
    for row in table().rows() {
        let gas = row.gas.id();
        for set in SETS {
            let printed = source.get(&(gas.to_string(), set.name().to_string()));
            match (row.value(set), printed) {
                (Some(v), Some((text, from, src_row))) => {
                    let want: f64 = text.parse().expect("a number");
                    assert_eq!(
                        v, want,
                        "{gas} {set}: source {from} {src_row:?} prints {text}"
                    );
                    cells += 1;
                }
                (None, None) => {}
                (Some(v), None) => panic!("{gas} {set} is {v}, but no source prints a value"),
                (None, Some((text, from, src_row))) => {
                    panic!("{gas} {set} is empty, but {from} {src_row:?} prints {text}")
                }
            }
        }
    }
    // Every printed cell belongs to a gas of the table.
    for (gas, set) in source.keys() {
        let g = Gas::parse(gas).unwrap_or_else(|| panic!("{gas} is not a pcf gas"));
        assert!(table().row(g).is_some(), "{gas} ({set}) has no row");
    }
    assert_eq!(cells, source.len());
    assert_eq!(cells, 488);
    for (set, n) in [("AR4", 63), ("AR5", 178), ("AR6", 247)] {
        assert_eq!(source.keys().filter(|(_, s)| s == set).count(), n, "{set}");
    }
}

/// The cells the transcription prints and pcf leaves empty: (id, set) → (value, reason, row).
fn not_shipped() -> BTreeMap<(String, String), (String, String, String)> {
    let mut out = BTreeMap::new();
    let text = include_str!("data/gwp/not_shipped.csv");
    let mut lines = text.lines().filter(|l| !l.starts_with('#'));
    assert_eq!(lines.next(), Some("id,set,value,reason,row"));
    for line in lines {
        let cells: Vec<&str> = line.splitn(5, ',').collect();
        let [id, set, value, reason, row] = cells[..] else {
            panic!("bad line {line:?}");
        };
        let before = out.insert(
            (id.to_string(), set.to_string()),
            (value.to_string(), reason.to_string(), row.to_string()),
        );
        assert!(before.is_none(), "{id} {set} twice");
    }
    out
}

#[test]
fn a_cell_not_shipped_is_empty_and_says_why() {
    let source = source();
    let listed = not_shipped();
    let mut reasons = BTreeMap::new();
    for ((id, set), (value, reason, row)) in &listed {
        *reasons.entry(reason.as_str()).or_insert(0) += 1;
        // A "1" that may stand for "<1", a 0 below the table's rounding, a lower bound.
        match reason.as_str() {
            "one" => assert!(value == "1" && set != "AR6", "{id} {set}"),
            "zero" => assert!(
                value.parse::<f64>() == Ok(0.0) && set == "AR6",
                "{id} {set}"
            ),
            "lower_bound" => assert_eq!((id.as_str(), set.as_str()), ("C10F18", "AR4")),
            _ => panic!("{id} {set}: unknown reason {reason}"),
        }
        assert!(
            !source.contains_key(&(id.clone(), set.clone())),
            "{id} {set}"
        );
        let gwp_set = GwpSet::parse(set).expect("a set");
        match Gas::parse(id) {
            Some(gas) => {
                assert_eq!(
                    table().row(gas).and_then(|r| r.value(gwp_set)),
                    None,
                    "{id} {set} ({row})"
                );
            }
            // A species pcf does not carry: no cell of it is shipped.
            None => assert!(source.keys().all(|(g, _)| g != id), "{id}"),
        }
    }
    assert_eq!(reasons.get("one"), Some(&33));
    assert_eq!(reasons.get("zero"), Some(&6));
    assert_eq!(reasons.get("lower_bound"), Some(&1));
    // The species pcf does not carry: dimethyl ether (AR4 only, "1") and the six species whose
    // AR6 value is 0.
    let species: Vec<&str> = listed
        .keys()
        .filter(|(id, _)| Gas::parse(id).is_none())
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(species.len(), 7, "{species:?}");
}

#[test]
fn every_gas_has_a_row_and_a_cited_source() {
    let rows: Vec<_> = table().rows().collect();
    assert_eq!(rows.len(), Gas::all().count());
    assert_eq!(rows.len(), 278);
    for r in rows {
        assert!(
            SETS.iter().any(|&s| r.value(s).is_some()),
            "{} has no value at all",
            r.gas
        );
        assert!(r.source.contains("IPCC"), "{}: {}", r.gas, r.source);
        assert!(!r.name_en.is_empty() && !r.name_zh.is_empty(), "{}", r.gas);
    }
}

#[test]
fn fossil_and_non_fossil_methane_keep_their_own_values() {
    let v = |gas: Gas, set| table().gwp(gas, set, "$").ok();
    // AR5 WG1 Table 8.A.1: fossil methane 30, methane 28.
    assert_eq!(v(Gas::Ch4Fossil, GwpSet::Ar5), Some(30.0));
    assert_eq!(v(Gas::Ch4Biogenic, GwpSet::Ar5), Some(28.0));
    assert_eq!(v(Gas::Ch4, GwpSet::Ar5), Some(28.0));
    // AR6 WG1 Table 7.15: CH4-fossil 29.8, CH4-non fossil 27.0; Table 7.SM.7: CH4 27.9.
    assert_eq!(v(Gas::Ch4Fossil, GwpSet::Ar6), Some(29.8));
    assert_eq!(v(Gas::Ch4Biogenic, GwpSet::Ar6), Some(27.0));
    assert_eq!(v(Gas::Ch4, GwpSet::Ar6), Some(27.9));
    // AR4 prints one methane value.
    assert_eq!(v(Gas::Ch4, GwpSet::Ar4), Some(25.0));
    assert_eq!(v(Gas::Ch4Fossil, GwpSet::Ar4), None);
    assert_eq!(v(Gas::Ch4Biogenic, GwpSet::Ar4), None);
}

/// A one-line document with a gas emission under a set: its `missing_gwp` error (code, path,
/// message) or its kg CO2e.
fn emit(gas: &str, set: &str) -> Result<f64, (String, String, String)> {
    let doc = serde_json::json!({
        "schema": "pcf/1",
        "product": {"name": "p", "sector": "other", "declared_unit": {"amount": 1, "unit": "item"}},
        "gwp_set": set,
        "boundary": {"kind": "cradle-to-gate", "stages": ["production"]},
        "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
        "emissions": [{"gas": gas, "amount": 2, "unit": "kg", "stage": "production"}]
    });
    pcf::compute(
        &doc.to_string(),
        FactorSet::builtin().expect("built-in tables"),
    )
    .map(|r| r.total_kg_co2e)
    .map_err(|e| (e.code().to_string(), e.path().to_string(), e.to_string()))
}

#[test]
fn a_fossil_methane_emission_under_ar5_is_characterised() {
    // Issue 17: it was missing_gwp (with plain CH4 suggested, which understates it).
    assert_eq!(emit("CH4_fossil", "AR5"), Ok(2.0 * 30.0));
    assert_eq!(emit("CH4_biogenic", "AR5"), Ok(2.0 * 28.0));
    // A gas added from the compiled tables: HCFC-22, AR6 Table 7.SM.7 1960.
    assert_eq!(emit("HCFC-22", "AR6"), Ok(2.0 * 1960.0));
    // Species of AR5 Table 8.A.1 and AR6 Table 7.SM.7 the compilation lacks.
    assert_eq!(emit("HFO-1234yf", "AR6"), Ok(2.0 * 0.501));
    assert_eq!(emit("Halon-1202", "AR5"), Ok(2.0 * 231.0));
    assert_eq!(emit("HFE-449s1", "AR4"), Ok(2.0 * 297.0));
    assert_eq!(emit("HG-20", "AR5"), Ok(2.0 * 5300.0));
    assert_eq!(emit("(CF3)2CFCN", "AR6"), Ok(2.0 * 2750.0));
}

#[test]
fn a_missing_value_suggests_only_what_does_not_understate() {
    let err = |code: &str, msg: &str| {
        Err((
            code.to_string(),
            "$.emissions[0].gas".to_string(),
            msg.to_string(),
        ))
    };
    // Fossil methane under AR4: never plain CH4 (28 < 30 in AR5, 27.9 < 29.8 in AR6).
    assert_eq!(
        emit("CH4_fossil", "AR4"),
        err(
            "missing_gwp",
            "the AR4 GWP set has no value for CH4_fossil; CH4 would understate it (lower than CH4_fossil in AR5, AR6): use a set that prints CH4_fossil: AR5, AR6"
        )
    );
    // Non-fossil methane under AR4: CH4 is not lower than CH4_biogenic where both are printed.
    assert_eq!(
        emit("CH4_biogenic", "AR4"),
        err(
            "missing_gwp",
            "the AR4 GWP set has no value for CH4_biogenic; use CH4 (not lower than CH4_biogenic in AR5, AR6) or a set that prints CH4_biogenic: AR5, AR6"
        )
    );
    // A gas AR4 does not print: the sets that do.
    assert_eq!(
        emit("HFC-41", "AR4"),
        err(
            "missing_gwp",
            "the AR4 GWP set has no value for HFC-41; use a set that prints HFC-41: AR5, AR6"
        )
    );
    assert_eq!(
        emit("c-C3F6", "AR6"),
        err(
            "missing_gwp",
            "the AR6 GWP set has no value for c-C3F6; use a set that prints c-C3F6: AR5"
        )
    );
    // Cells the transcription prints but pcf does not ship (AR5 "<1" written as 1, AR4 ">7,500").
    assert_eq!(
        emit("HFO-1234yf", "AR5"),
        err(
            "missing_gwp",
            "the AR5 GWP set has no value for HFO-1234yf; use a set that prints HFO-1234yf: AR6"
        )
    );
    assert_eq!(
        emit("C10F18", "AR4"),
        err(
            "missing_gwp",
            "the AR4 GWP set has no value for C10F18; use a set that prints C10F18: AR5, AR6"
        )
    );
    assert_eq!(
        emit("HG-20", "AR6"),
        err(
            "missing_gwp",
            "the AR6 GWP set has no value for HG-20; use a set that prints HG-20: AR5"
        )
    );
}
