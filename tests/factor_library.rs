//! The built-in factor library as data: spot checks against the official figures, derived
//! values equal to their formulas, and the invariants of every table.

use pcf::factors::derived::{cbam_marked_up, cbam_rows, fuel_rows, per_tonne, CBAM_MARKUPS};
use pcf::factors::{Basis, FactorSet};
use pcf::gwp::{Gas, GwpSet};

fn set() -> &'static FactorSet {
    FactorSet::builtin().expect("the built-in library loads")
}

fn value(id: &str) -> f64 {
    set()
        .get(id)
        .unwrap_or_else(|| panic!("{id} is in the library"))
        .value
}

#[test]
fn spot_checks_against_official_figures() {
    // MEE Announcement 2025 No. 3: China 2023 electricity carbon-footprint factor.
    assert_eq!(value("cn.elec.footprint.2023.national"), 0.6205);
    // MEE/NBS, Dec 2024: East China grid 2022 average CO2 factor.
    assert_eq!(value("cn.elec.co2avg.2022.grid.east"), 0.5617);
    // IPCC AR6 WG1 Table 7.15: N2O GWP100.
    let n2o = set().gwp().gwp(Gas::N2o, GwpSet::Ar6, "$");
    assert_eq!(n2o.ok(), Some(273.0));
    // IPCC 2006: diesel (gas/diesel oil) 74,100 kg CO2/TJ × 43.0 GJ/t = 3,186.3 kg CO2/t.
    let diesel = set()
        .get("ipcc2006.fuel.gas_diesel_oil.co2.per-t")
        .expect("derived diesel factor");
    assert_eq!(diesel.value, 43.0 * 74100.0 / 1000.0);
    assert!((diesel.value - 3186.3).abs() < 1e-9);
    assert_eq!(diesel.per_unit.symbol(), "t");
    assert_eq!(diesel.basis, Basis::Gas(Gas::Co2Fossil));
    // CBAM China 7208: base 3.19; 2026 with +10 % = 3.509, published as 3.51.
    assert_eq!(value("eu.cbam.default.cn.7208"), 3.19);
    let y2026 = value("eu.cbam.default.cn.7208.2026");
    assert!((y2026 - 3.51).abs() <= 0.01, "{y2026}");
}

#[test]
fn every_derived_fuel_factor_equals_its_formula() {
    let text = include_str!("../factors/fuels_ipcc.csv");
    let rows = fuel_rows("fuels_ipcc.csv", text).expect("fuel table parses");
    assert_eq!(rows.len(), 15);
    for r in &rows {
        for (gas, ef) in [
            ("co2", r.co2_kg_per_tj),
            ("ch4", r.ch4_kg_per_tj),
            ("n2o", r.n2o_kg_per_tj),
        ] {
            let per_tj = value(&format!("ipcc2006.fuel.{}.{gas}.per-tj", r.fuel));
            assert_eq!(per_tj, ef, "{} {gas} per TJ", r.fuel);
            let per_t = value(&format!("ipcc2006.fuel.{}.{gas}.per-t", r.fuel));
            assert_eq!(
                per_t,
                per_tonne(r.ncv_gj_per_t, ef),
                "{} {gas} per t",
                r.fuel
            );
        }
    }
}

#[test]
fn every_cbam_mark_up_equals_its_formula_and_the_published_value() {
    let text = include_str!("../factors/steel_cbam.csv");
    let rows = cbam_rows("steel_cbam.csv", text).expect("CBAM table parses");
    assert!(rows.len() >= 10);
    for r in &rows {
        assert_eq!(value(&r.id), r.base);
        for &(year, markup) in CBAM_MARKUPS {
            let v = value(&format!("{}.{year}", r.id));
            assert_eq!(v, r.base * (1.0 + markup));
            assert_eq!(Some(v), cbam_marked_up(r.base, year));
            let published = match year {
                2026 => r.published_2026,
                2027 => r.published_2027,
                _ => r.published_2028,
            };
            if let Some(p) = published {
                // The regulation computes mark-ups from unrounded bases: 0.01 tolerance.
                assert!((v - p).abs() <= 0.01 + 1e-12, "{} {year}: {v} vs {p}", r.id);
            }
        }
    }
}

#[test]
fn every_table_row_has_provenance_and_a_sane_value() {
    let mut ids = std::collections::BTreeSet::new();
    for t in set().tables() {
        for f in &t.factors {
            assert!(ids.insert(f.id.clone()), "duplicate id {}", f.id);
            assert!(f.value.is_finite() && f.value >= 0.0, "{}", f.id);
            assert!(
                f.kg_per_unit.is_finite() && f.kg_per_unit >= 0.0,
                "{}",
                f.id
            );
            assert!(!f.source.is_empty() && !f.licence.is_empty(), "{}", f.id);
            assert!(!f.name_en.is_empty() && !f.name_zh.is_empty(), "{}", f.id);
        }
    }
    assert!(ids.len() > 150, "{} factors", ids.len());
}

#[test]
fn parameters_are_sourced_and_bands_are_ordered() {
    let p = set().parameters();
    assert!(p.len() >= 30, "{} parameters", p.len());
    for row in p {
        assert!(
            !row.source.is_empty() && !row.licence.is_empty(),
            "{}",
            row.id
        );
        assert!(!row.name_zh.is_empty(), "{}", row.id);
    }
    for chem in ["nmc811", "lfp"] {
        let get = |q: &str| {
            set()
                .parameter(&format!("battery.band.{chem}.{q}"))
                .map(|p| p.value)
                .unwrap_or_else(|| panic!("battery.band.{chem}.{q}"))
        };
        assert!(
            get("p5") <= get("p50") && get("p50") <= get("p95"),
            "{chem}"
        );
    }
    // Peiseler et al. 2024, LFP pack P50.
    assert_eq!(
        set().parameter("battery.band.lfp.p50").map(|p| p.value),
        Some(62.0)
    );
}

#[test]
fn the_set_digest_covers_parameters_and_gwp() {
    assert_eq!(set().sha256().len(), 64);
    assert_eq!(set().parameters_sha256().len(), 64);
    assert_ne!(set().parameters_sha256(), set().gwp_sha256());
}

#[test]
fn every_row_has_an_uncertainty_or_its_data_type_default() {
    // Issue 3: "an uncertainty (distribution and parameters) where known or a documented
    // default by data type". The default is the basic uncertainty U of
    // factors/uncertainty_defaults.csv: a lognormal with GSD = sqrt(U).
    let rows = pcf::factors::listing(set().effective()).expect("listing");
    assert_eq!(rows.len(), set().effective().count());
    for r in &rows {
        match (&r.row.uncertainty, &r.uncertainty_default) {
            (u, None) => assert!(!u.is_empty(), "{} has neither", r.row.id),
            (u, Some(d)) => {
                assert!(u.is_empty(), "{} has both", r.row.id);
                assert!(
                    !d.source.is_empty(),
                    "{}: default without a source",
                    r.row.id
                );
                assert_eq!(d.distribution, format!("lognormal:gsd={}", d.u95.sqrt()));
            }
        }
    }
    let default_of = |id: &str| {
        rows.iter()
            .find(|r| r.row.id == id)
            .and_then(|r| r.uncertainty_default.clone())
            .unwrap_or_else(|| panic!("{id} has a default"))
    };
    let cases = [
        ("cn.elec.footprint.2023.national", "basic.demand", 1.05),
        ("uk.desnz.2025.freight.hgv.all", "basic.transport", 2.0),
        ("ipcc2006.fuel.anthracite.ch4.per-t", "basic.air.ch4", 1.5),
        ("ipcc2006.fuel.anthracite.n2o.per-t", "basic.air.n2o", 1.5),
    ];
    for (id, data_type, u95) in cases {
        let d = default_of(id);
        assert_eq!((d.data_type, d.u95), (data_type, u95), "{id}");
        assert_eq!(d.table, "uncertainty_defaults.csv");
    }
}

#[test]
fn a_row_with_its_own_distribution_has_no_default() {
    let text = "id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,licence,verification,notes,series,uncertainty\n\
                own.steel,Steel,,2.1,kg,kg,CO2e,AR6,fossil,CN,2024,s,l,user,,,lognormal:gsd=1.2\n";
    let t = pcf::factors::FactorTable::from_csv(
        "own.csv",
        pcf::factors::Origin::User { overrides: false },
        text,
    )
    .expect("table");
    let f = t.factors.first().expect("one row");
    let rows = pcf::factors::listing([f]).expect("listing");
    assert_eq!(rows[0].row.uncertainty, "lognormal:gsd=1.2");
    assert!(rows[0].uncertainty_default.is_none());
}
