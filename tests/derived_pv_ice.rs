//! `factors/pv_ice_derived.csv`: PV module materials from NREL PV_ICE (commit 378a012), energy of
//! manufacture in 2023 over the shipped grid factors and the IPCC natural-gas factors.
//!
//! This file is the table's generator and its check. `UPDATE_DERIVED=1 cargo test --test
//! derived_pv_ice` writes the CSV from the raw PV_ICE files in `../shared/data/pv-ice`; without
//! the variable, the tests compare the committed CSV with a fresh generation, recompute every
//! term of every row from the raw files, and check that the loaded value is the sum of its terms
//! over the referenced factors.
//!
//! Recipe, per kg of material entering manufacture: `E·(1−f)` kWh of the grid + `E·f` kWh of
//! natural gas (CO2, CH4 and N2O per TJ, at the row's GWP set), with `E` = `e_mat_MFG` and
//! `f` = `e_mat_MFG_fuelfraction` / 100 in the year 2023 row; per m² of module, the same amounts
//! × `mat_massperm2` / 1000 ÷ (`mat_MFG_eff` / 100). PV_ICE's process CO2
//! (`CarbonLayer/baseline_materials_processCO2.csv`) is left out: the repository does not say
//! where its figures come from (docs/plans/issue-19.md, "PV_ICE provenance decision").

// Reads files (the shared open data, the examples): native only.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pcf::factors::{Basis, FactorSet, Verification};
use pcf::gwp::GwpSet;

/// The PV_ICE commit the shared copy was taken at.
const COMMIT: &str = "378a012a0602062ad52f14120d672f362dcc018a";
/// The inventory year read from every PV_ICE file.
const YEAR: &str = "2023";
/// The committed table.
const TABLE: &str = "factors/pv_ice_derived.csv";
/// Header of a derived (recipe) table.
const HEADER: [&str; 12] = [
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
/// The IPCC 2006 natural-gas factors per TJ (fuels_ipcc.csv, derived in code).
const GAS_FACTORS: [&str; 3] = [
    "ipcc2006.fuel.natural_gas.co2.per-tj",
    "ipcc2006.fuel.natural_gas.ch4.per-tj",
    "ipcc2006.fuel.natural_gas.n2o.per-tj",
];
/// MJ in one kWh (the definition of the kilowatt-hour), for the independent unit conversion.
const MJ_PER_KWH: f64 = 3.6;

/// A PV_ICE material shipped, with the provenance of its 2023 energy figure (checked in the
/// baseline-development notebooks and `SupportingMaterial/energy-input-*.csv` at the commit).
/// Silicon, copper, silver, encapsulant and backsheet are not shipped: their 2023 figures rest
/// in part on ecoinvent data (see the plan's provenance section).
struct Material {
    /// PV_ICE's material key (file names and the id).
    key: &'static str,
    name_en: &'static str,
    name_zh: &'static str,
    /// What `e_mat_MFG` covers.
    covers: &'static str,
    /// Where PV_ICE's 2023 value comes from.
    provenance: &'static str,
    /// What the missing process CO2 would have covered.
    missing_process: &'static str,
}

const MATERIALS: [Material; 2] = [
    Material {
        key: "glass",
        name_en: "Solar glass",
        name_zh: "光伏玻璃",
        covers: "batch preparation, melting and refining, forming and post-forming (annealing, \
                 tempering) of flat glass",
        provenance:
            "PV_ICE's 2023 glass energy is its 2019 value held constant, built from US DOE \
                     (Pellegrino 2002), LBNL (Worrell et al. 2008), Griffin et al. 2021 and Zier \
                     et al. 2021 (no ecoinvent data)",
        missing_process: "CO2 from carbonate decomposition in the melt",
    },
    Material {
        key: "aluminium_frames",
        name_en: "Aluminium frame",
        name_zh: "铝边框",
        covers:
            "primary aluminium (alumina refining, anode and Hall-Héroult smelting) and casting, \
                 extrusion and anodising",
        provenance: "PV_ICE's 2023 value is Lennon et al. 2022 (Nature Sustainability, suppl. \
                     Table S2) for refining and smelting with the International Aluminium \
                     Institute's fuel share (21 %, 2019 LCI), plus PV_ICE's assumption of 5 kWh/kg \
                     at 87 % fuel for forming and anodising (after Phylipsen and Alsema 1995, US \
                     DOE 2007, Liu and Müller 2012) (no ecoinvent data)",
        missing_process: "anode-carbon CO2 and PFCs of smelting",
    },
];

/// A shipped CO2e grid factor the electricity share is multiplied by (the US eGRID row is CO2
/// only and is left out).
struct Grid {
    /// The id segment.
    key: &'static str,
    /// The shipped factor.
    factor: &'static str,
    geography: &'static str,
    name_en: &'static str,
    name_zh: &'static str,
}

const GRIDS: [Grid; 8] = [
    Grid {
        key: "cn-footprint-2023",
        factor: "cn.elec.footprint.2023.national",
        geography: "CN",
        name_en: "China electricity footprint factor 2023",
        name_zh: "全国电力碳足迹因子2023",
    },
    Grid {
        key: "cn-footprint-2024",
        factor: "cn.elec.footprint.2024.national",
        geography: "CN",
        name_en: "China electricity footprint factor 2024",
        name_zh: "全国电力碳足迹因子2024",
    },
    Grid {
        key: "world-ember-2023",
        factor: "world.elec.ember.2023",
        geography: "WORLD",
        name_en: "World grid, Ember 2023",
        name_zh: "全球电网，Ember 2023",
    },
    Grid {
        key: "cn-ember-2023",
        factor: "cn.elec.ember.2023",
        geography: "CN",
        name_en: "China grid, Ember 2023",
        name_zh: "中国电网，Ember 2023",
    },
    Grid {
        key: "de-ember-2023",
        factor: "de.elec.ember.2023",
        geography: "DE",
        name_en: "Germany grid, Ember 2023",
        name_zh: "德国电网，Ember 2023",
    },
    Grid {
        key: "fr-ember-2023",
        factor: "fr.elec.ember.2023",
        geography: "FR",
        name_en: "France grid, Ember 2023",
        name_zh: "法国电网，Ember 2023",
    },
    Grid {
        key: "in-ember-2023",
        factor: "in.elec.ember.2023",
        geography: "IN",
        name_en: "India grid, Ember 2023",
        name_zh: "印度电网，Ember 2023",
    },
    Grid {
        key: "eu27-eea-2018",
        factor: "eu27.elec.eea.2018",
        geography: "EU27",
        name_en: "EU-27 grid, EEA 2018",
        name_zh: "欧盟27国电网，EEA 2018",
    },
];

/// The two functional units of every material and grid.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Per {
    Kg,
    M2,
}

impl Per {
    fn key(self) -> &'static str {
        match self {
            Per::Kg => "per-kg",
            Per::M2 => "per-m2",
        }
    }
    fn unit(self) -> &'static str {
        match self {
            Per::Kg => "kg",
            Per::M2 => "m2",
        }
    }
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn baselines() -> PathBuf {
    repo().join("../shared/data/pv-ice/PV_ICE/baselines")
}

/// The year-2023 row of a PV_ICE baseline file, column → cell as printed (the header's byte-order
/// mark removed; the units row, whose `year` cell is `year`, is not a data row).
fn year_row(file: &str) -> BTreeMap<String, String> {
    let path = baselines().join(file);
    let mut r = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let header: Vec<String> = r
        .headers()
        .unwrap_or_else(|e| panic!("{path:?}: {e}"))
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    assert_eq!(header[0], "year", "{file}");
    let mut found = None;
    for rec in r.records() {
        let rec = rec.unwrap_or_else(|e| panic!("{path:?}: {e}"));
        if &rec[0] == YEAR {
            assert!(found.is_none(), "{file} has two {YEAR} rows");
            found = Some(
                header
                    .iter()
                    .cloned()
                    .zip(rec.iter().map(|c| c.trim().to_string()))
                    .collect(),
            );
        }
    }
    found.unwrap_or_else(|| panic!("{file} has no {YEAR} row"))
}

/// The raw PV_ICE figures of one material: the cells as printed and their numbers.
struct Inventory {
    e_cell: String,
    f_cell: String,
    mass_cell: String,
    eff_cell: String,
    /// kWh per kg.
    e: f64,
    /// Fuel share, fraction.
    f: f64,
    /// kg of material entering manufacture per m² of module.
    kg_per_m2: f64,
}

fn inventory(material: &str) -> Inventory {
    let energy = year_row(&format!("baseline_material_energy_{material}.csv"));
    let mass = year_row(&format!("baseline_material_mass_{material}.csv"));
    let cell = |row: &BTreeMap<String, String>, col: &str| -> String {
        row.get(col)
            .unwrap_or_else(|| panic!("{material}: no column {col}"))
            .clone()
    };
    let num = |s: &str| -> f64 {
        let x: f64 = s
            .parse()
            .unwrap_or_else(|e| panic!("{material}: {s:?}: {e}"));
        assert!(x.is_finite() && x >= 0.0, "{material}: {s}");
        x
    };
    let (e_cell, f_cell) = (
        cell(&energy, "e_mat_MFG"),
        cell(&energy, "e_mat_MFG_fuelfraction"),
    );
    let (mass_cell, eff_cell) = (cell(&mass, "mat_massperm2"), cell(&mass, "mat_MFG_eff"));
    let (e, f) = (num(&e_cell), num(&f_cell) / 100.0);
    let eff = num(&eff_cell) / 100.0;
    assert!(f <= 1.0 && eff > 0.0 && eff <= 1.0, "{material}");
    let kg_per_m2 = num(&mass_cell) / 1000.0 / eff;
    Inventory {
        e_cell,
        f_cell,
        mass_cell,
        eff_cell,
        e,
        f,
        kg_per_m2,
    }
}

/// The terms of one row: (amount, unit, factor id), in the order written.
fn terms(inv: &Inventory, grid: &Grid, per: Per) -> Vec<(f64, &'static str, &'static str)> {
    let scale = match per {
        Per::Kg => 1.0,
        Per::M2 => inv.kg_per_m2,
    };
    let electricity = inv.e * (1.0 - inv.f) * scale;
    let fuel = inv.e * inv.f * scale;
    let mut out = Vec::new();
    if electricity > 0.0 {
        out.push((electricity, "kWh", grid.factor));
    }
    if fuel > 0.0 {
        out.extend(GAS_FACTORS.iter().map(|g| (fuel, "kWh", *g)));
    }
    out
}

/// A decimal with 12 significant digits and no trailing zeros (the loader reads it back within
/// 5e-12 relative, well inside the 1e-9 the checks allow).
fn decimal(x: f64) -> String {
    assert!(x.is_finite() && x > 0.0, "{x}");
    let digits = (11 - x.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{x:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn id(m: &Material, grid: &Grid, per: Per) -> String {
    format!("pvice.{YEAR}.{}.{}.{}", m.key, per.key(), grid.key)
}

/// The table as the generator writes it.
fn generate() -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(HEADER).expect("header");
    for m in &MATERIALS {
        let inv = inventory(m.key);
        for per in [Per::Kg, Per::M2] {
            for g in &GRIDS {
                let (name_en, name_zh) = match per {
                    Per::Kg => (
                        format!(
                            "{}, per kg, energy of manufacture, {} (PV_ICE {YEAR})",
                            m.name_en, g.name_en
                        ),
                        format!(
                            "{}（每千克，制造能耗，{}，PV_ICE {YEAR}）",
                            m.name_zh, g.name_zh
                        ),
                    ),
                    Per::M2 => (
                        format!(
                            "{}, per m² of module, energy of manufacture, {} (PV_ICE {YEAR})",
                            m.name_en, g.name_en
                        ),
                        format!(
                            "{}（每平方米组件，制造能耗，{}，PV_ICE {YEAR}）",
                            m.name_zh, g.name_zh
                        ),
                    ),
                };
                let mass_file = format!("baseline_material_mass_{}.csv", m.key);
                let energy_file = format!("baseline_material_energy_{}.csv", m.key);
                let source = match per {
                    Per::Kg => format!(
                        "NREL PV_ICE, commit {COMMIT}: PV_ICE/baselines/{energy_file} \
                         (e_mat_MFG, e_mat_MFG_fuelfraction, {YEAR}); grid {}; IPCC 2006 natural gas",
                        g.factor
                    ),
                    Per::M2 => format!(
                        "NREL PV_ICE, commit {COMMIT}: PV_ICE/baselines/{energy_file} \
                         (e_mat_MFG, e_mat_MFG_fuelfraction, {YEAR}) and {mass_file} \
                         (mat_massperm2, mat_MFG_eff, {YEAR}); grid {}; IPCC 2006 natural gas",
                        g.factor
                    ),
                };
                let unit = match per {
                    Per::Kg => "per kg of material entering manufacture".to_string(),
                    Per::M2 => format!(
                        "per m² of module: the per-kg recipe × mat_massperm2 {} g/m² ÷ 1000 ÷ \
                         mat_MFG_eff {} % (material entering manufacture per m² of module)",
                        inv.mass_cell, inv.eff_cell
                    ),
                };
                let notes = format!(
                    "Energy of manufacture, {unit}: {} as NREL PV_ICE's {YEAR} baseline gives it \
                     (e_mat_MFG {} kWh/kg, e_mat_MFG_fuelfraction {} %). The electricity share × \
                     {} (manufacture assumed there); the fuel share assumed natural gas (PV_ICE \
                     does not name the fuel), burned at the IPCC 2006 stationary-combustion \
                     defaults for CO2, CH4 and N2O per TJ, weighted with AR6 GWPs. {}. Left out: \
                     process emissions ({}; PV_ICE's v_MFG_gCO2eqpg is not shipped because the \
                     repository does not document its origin), raw-material extraction \
                     (e_mat_extraction), transport, process chemicals and gases, module assembly, \
                     recycled content (virgin material only) and upstream fuel supply.",
                    m.covers, inv.e_cell, inv.f_cell, g.factor, m.provenance, m.missing_process,
                );
                let terms = terms(&inv, g, per)
                    .iter()
                    .map(|(a, u, f)| format!("{} {u} {f}", decimal(*a)))
                    .collect::<Vec<_>>()
                    .join(" + ");
                w.write_record([
                    id(m, g, per).as_str(),
                    &name_en,
                    &name_zh,
                    per.unit(),
                    "AR6",
                    "fossil",
                    g.geography,
                    YEAR,
                    &source,
                    "BSD-3-Clause (NREL PV_ICE, Copyright 2020-2024 Alliance for Sustainable \
                     Energy, LLC; notice in factors/README.md)",
                    &notes,
                    &terms,
                ])
                .expect("row");
            }
        }
    }
    String::from_utf8(w.into_inner().expect("flush")).expect("UTF-8")
}

/// The committed table's rows, column → cell.
fn committed() -> Vec<BTreeMap<String, String>> {
    let path = repo().join(TABLE);
    let mut r = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(header, HEADER);
    r.records()
        .map(|rec| {
            let rec = rec.expect("a CSV record");
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn set() -> &'static FactorSet {
    FactorSet::builtin().expect("the built-in library loads")
}

fn close(got: f64, want: f64, what: &str) {
    let tol = 1e-9 * want.abs().max(1e-300);
    assert!((got - want).abs() <= tol, "{what}: {got} against {want}");
}

/// `UPDATE_DERIVED=1` rewrites the table; otherwise the committed file must be the generator's
/// output byte for byte, so no derived number in it is typed by hand.
#[test]
fn the_committed_table_is_the_generators_output() {
    let fresh = generate();
    let path = repo().join(TABLE);
    if std::env::var_os("UPDATE_DERIVED").is_some() {
        std::fs::write(&path, &fresh).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    assert!(
        text == fresh,
        "{TABLE} differs from the generator's output; run UPDATE_DERIVED=1 cargo test --test derived_pv_ice"
    );
}

/// Two materials × eight grids × per kg and per m², each id once, no other row (silicon, copper,
/// silver, encapsulant and backsheet are left out on provenance).
#[test]
fn the_table_has_every_material_grid_and_unit_once() {
    let rows = committed();
    assert_eq!(rows.len(), 2 * 8 * 2);
    let got: std::collections::BTreeSet<String> = rows.iter().map(|r| r["id"].clone()).collect();
    let mut want = std::collections::BTreeSet::new();
    for m in ["glass", "aluminium_frames"] {
        for per in ["per-kg", "per-m2"] {
            for g in [
                "cn-footprint-2023",
                "cn-footprint-2024",
                "world-ember-2023",
                "cn-ember-2023",
                "de-ember-2023",
                "fr-ember-2023",
                "in-ember-2023",
                "eu27-eea-2018",
            ] {
                want.insert(format!("pvice.2023.{m}.{per}.{g}"));
            }
        }
    }
    assert_eq!(got, want);
    let shipped = set()
        .effective()
        .filter(|f| f.id.starts_with("pvice."))
        .count();
    assert_eq!(shipped, 32);
}

/// Every term of every row, recomputed from the raw PV_ICE files: the grid term is
/// `E·(1−f)` kWh, each natural-gas term `E·f` kWh (× kg/m² for the per-m² rows), to 1e-9.
#[test]
fn every_term_amount_is_recomputed_from_the_raw_pv_ice_files() {
    for r in committed() {
        let id = &r["id"];
        let parts: Vec<&str> = id.split('.').collect();
        let [_, _, material, per, grid] = parts[..] else {
            panic!("{id}: expected pvice.YEAR.MATERIAL.PER.GRID");
        };
        let grid_factor = GRIDS
            .iter()
            .find(|g| g.key == grid)
            .unwrap_or_else(|| panic!("{id}: grid {grid}"))
            .factor;
        // Independently of the generator: the raw cells and the recipe in plain arithmetic.
        let energy = year_row(&format!("baseline_material_energy_{material}.csv"));
        let mass = year_row(&format!("baseline_material_mass_{material}.csv"));
        let num = |row: &BTreeMap<String, String>, col: &str| -> f64 {
            row[col]
                .parse()
                .unwrap_or_else(|e| panic!("{id} {col}: {e}"))
        };
        let e = num(&energy, "e_mat_MFG");
        let f = num(&energy, "e_mat_MFG_fuelfraction") / 100.0;
        let scale = match per {
            "per-kg" => {
                assert_eq!(r["per_unit"], "kg", "{id}");
                1.0
            }
            "per-m2" => {
                assert_eq!(r["per_unit"], "m2", "{id}");
                num(&mass, "mat_massperm2") / 1000.0 / (num(&mass, "mat_MFG_eff") / 100.0)
            }
            other => panic!("{id}: {other}"),
        };
        let want = [
            (e * (1.0 - f) * scale, grid_factor),
            (e * f * scale, GAS_FACTORS[0]),
            (e * f * scale, GAS_FACTORS[1]),
            (e * f * scale, GAS_FACTORS[2]),
        ];
        let got: Vec<(f64, &str, &str)> = r["terms"]
            .split(" + ")
            .map(|t| {
                let w: Vec<&str> = t.split_whitespace().collect();
                let [a, u, fid] = w[..] else {
                    panic!("{id}: term {t:?}")
                };
                (
                    a.parse().unwrap_or_else(|e| panic!("{id}: {a}: {e}")),
                    u,
                    fid,
                )
            })
            .collect();
        assert_eq!(got.len(), want.len(), "{id}: {}", r["terms"]);
        for ((amount, unit, fid), (w_amount, w_fid)) in got.iter().zip(want) {
            assert_eq!(*unit, "kWh", "{id}");
            assert_eq!(*fid, w_fid, "{id}");
            close(*amount, w_amount, &format!("{id} {fid}"));
        }
        assert_eq!(r["year"], YEAR, "{id}");
        assert_eq!(r["gwp_set"], "AR6", "{id}");
        assert!(r["source"].contains(COMMIT), "{id}");
        assert!(r["licence"].starts_with("BSD-3-Clause"), "{id}");
    }
}

/// The loaded value is Σ amount × the referenced factor in kg per its unit (kWh → TJ by
/// 3.6 MJ/kWh) × the gas's AR6 GWP, to 1e-9; the row is derived, CO2e `unspecified` (the grid
/// factors state no GWP set) and carries the grid's geography.
#[test]
fn every_loaded_value_is_the_sum_of_its_terms() {
    let gwp = set().gwp();
    for r in committed() {
        let id = &r["id"];
        let f = set().get(id).unwrap_or_else(|| panic!("{id} is loaded"));
        let mut sum = 0.0;
        for t in r["terms"].split(" + ") {
            let w: Vec<&str> = t.split_whitespace().collect();
            let amount_kwh: f64 = w[0].parse().expect("amount");
            assert_eq!(w[1], "kWh", "{id}");
            let factor = set().get(w[2]).unwrap_or_else(|| panic!("{id}: {}", w[2]));
            let per = match factor.per_unit.symbol() {
                "kWh" => amount_kwh,
                "TJ" => amount_kwh * MJ_PER_KWH / 1e6,
                other => panic!("{id}: {} is per {other}", w[2]),
            };
            let weight = match factor.basis {
                Basis::Co2e(_) => 1.0,
                Basis::Gas(g) => gwp.gwp(g, GwpSet::Ar6, "$").expect("AR6 GWP"),
            };
            sum += per * factor.kg_per_unit * weight;
        }
        close(f.value, sum, id);
        assert_eq!(f.per_unit.symbol(), r["per_unit"], "{id}");
        assert_eq!(f.verification, Verification::Derived, "{id}");
        assert_eq!(f.basis, Basis::Co2e(None), "{id}");
        assert_eq!(f.geography, r["geography"], "{id}");
        assert_eq!(f.year, Some(2023), "{id}");
        assert!(
            f.notes.ends_with(&format!("Recipe: {}", r["terms"])),
            "{id}"
        );
    }
}

/// The natural-gas part per kWh of fuel is the IPCC default: 56,100 kg CO2 + 1 kg CH4 × 29.8 +
/// 0.1 kg N2O × 273 per TJ × 3.6e-6 TJ/kWh = 0.20216556 kg CO2e/kWh (AR6).
#[test]
fn a_kwh_of_fuel_weighs_the_ipcc_natural_gas_default() {
    let gwp = set().gwp();
    let per_kwh: f64 = GAS_FACTORS
        .iter()
        .map(|id| {
            let f = set().get(id).unwrap_or_else(|| panic!("{id}"));
            let Basis::Gas(g) = f.basis else {
                panic!("{id} is a gas factor")
            };
            f.kg_per_unit * MJ_PER_KWH / 1e6 * gwp.gwp(g, GwpSet::Ar6, "$").expect("GWP")
        })
        .sum();
    close(
        per_kwh,
        (56100.0 + 29.8 + 0.1 * 273.0) * 3.6e-6,
        "natural gas per kWh",
    );
    close(per_kwh, 0.20216556, "natural gas per kWh");
}

/// Plausibility of the energy-only figures: solar glass 0.5–3 kg CO2e/kg and 3–30 per m² of
/// module on every grid; an aluminium frame (virgin, no process emissions) 5–25 kg CO2e/kg and
/// 5–40 per m² on the Chinese 2023 grid, and lower on the French grid than on the Chinese.
#[test]
fn values_fall_in_plausibility_bands() {
    let v = |id: &str| set().get(id).unwrap_or_else(|| panic!("{id}")).value;
    for g in &GRIDS {
        let kg = v(&format!("pvice.2023.glass.per-kg.{}", g.key));
        assert!((0.5..=3.0).contains(&kg), "glass per kg, {}: {kg}", g.key);
        let m2 = v(&format!("pvice.2023.glass.per-m2.{}", g.key));
        assert!((3.0..=30.0).contains(&m2), "glass per m2, {}: {m2}", g.key);
    }
    let al_cn = v("pvice.2023.aluminium_frames.per-kg.cn-footprint-2023");
    assert!(
        (5.0..=25.0).contains(&al_cn),
        "aluminium per kg, CN: {al_cn}"
    );
    let al_cn_m2 = v("pvice.2023.aluminium_frames.per-m2.cn-footprint-2023");
    assert!(
        (5.0..=40.0).contains(&al_cn_m2),
        "aluminium per m2, CN: {al_cn_m2}"
    );
    assert!(v("pvice.2023.aluminium_frames.per-kg.fr-ember-2023") < al_cn);
}
