//! Each sector's generic example (issue 19) is a first estimate a supplier without licensed
//! data can start from: it computes from the shipped factor tables only (no supplier
//! declaration, no inline or user factor), every factor line is labelled as generic data to be
//! replaced, and the result says which share of the total rests on secondary or derived data.

// Reads files (the shared open data, the examples): native only.
#![cfg(not(target_arch = "wasm32"))]

use pcf::factors::FactorSet;

/// Sector → the generic example in `examples/`.
const GENERIC: &[(&str, &str)] = &[
    ("battery", "battery-lfp-60kwh-generic.json"),
    ("ev", "ev-compact-car-generic.json"),
    ("pv", "pv-mono-module-generic.json"),
    ("steel", "steel-hot-rolled-coil-generic.json"),
    ("textile", "textile-cotton-tshirt-generic.json"),
];

fn example(file: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_generic_example_rests_on_shipped_factors_and_says_how_much_is_generic() {
    let set = FactorSet::builtin().expect("built-in set");
    for (sector, file) in GENERIC {
        let r = pcf::compute(&example(file), set).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(r.product.sector, *sector, "{file}");
        for l in &r.lines {
            assert_ne!(
                l.kind, "declared",
                "{file} {}: a supplier declaration",
                l.path
            );
            if let Some(f) = &l.factor {
                assert!(
                    set.get(&f.id).is_some() && f.table != "inline",
                    "{file} {}: {} is not a shipped factor",
                    l.path,
                    f.id
                );
                let name = l.name.as_deref().unwrap_or_default();
                assert!(
                    name.contains("generic"),
                    "{file} {}: the line's name must say it is generic data: {name:?}",
                    l.path
                );
            }
        }
        let bases: Vec<&str> = r.by_data_basis.iter().map(|b| b.basis).collect();
        assert!(
            bases
                .iter()
                .all(|b| ["official", "secondary", "derived", "direct"].contains(b)),
            "{file}: {bases:?}"
        );
        let sum: f64 = r.by_data_basis.iter().map(|b| b.kg_co2e).sum();
        assert!(
            (sum - r.total_kg_co2e).abs() <= 1e-9 * r.total_kg_co2e,
            "{file}: the bases add up to the total"
        );
        let generic: f64 = r
            .by_data_basis
            .iter()
            .filter(|b| b.basis == "secondary" || b.basis == "derived")
            .map(|b| b.share.expect("a positive total"))
            .sum();
        assert!(generic > 0.0 && generic <= 1.0 + 1e-12, "{file}: {generic}");
        println!(
            "{file}: total {} kg CO2e, generic share {generic:.3}",
            r.total_kg_co2e
        );
    }
}
