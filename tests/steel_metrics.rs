//! The steel result says how far the SEE (direct) is from the CBAM default, in percent of the
//! default (issue 21 item 4): each steel example's figure, checked by hand from its own parts
//! and, for the BF-BOF example, against the numbers its golden NOTE derives.

// Reads the examples: native only.
#![cfg(not(target_arch = "wasm32"))]

use pcf::factors::FactorSet;
use pcf::sectors::SectorMetrics;

/// The example's SEE (direct) and its CBAM default: (t CO2e/t, percent).
fn steel(file: &str) -> (f64, Option<(f64, Option<f64>)>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let set = FactorSet::builtin().expect("built-in set");
    let r = pcf::compute(&text, set).unwrap_or_else(|e| panic!("{file}: {e}"));
    match r.sector {
        Some(SectorMetrics::Steel(s)) => (
            s.see_direct,
            s.cbam_default
                .map(|d| (d.t_co2e_per_t, d.see_direct_vs_default_percent)),
        ),
        other => panic!("{file}: not a steel result: {other:?}"),
    }
}

#[test]
fn the_see_is_compared_with_the_default_in_percent() {
    for file in [
        "steel-bf-bof-coil.json",
        "steel-dri-eaf-slab.json",
        "steel-scrap-eaf-rebar.json",
    ] {
        let (see, d) = steel(file);
        let (default, pct) = d.unwrap_or_else(|| panic!("{file}: a CBAM default"));
        let pct = pct.expect("a default above zero");
        let want = (see - default) / default * 100.0;
        assert!(
            (pct - want).abs() <= 1e-12 * want.abs(),
            "{file}: {pct} vs {want}"
        );
        assert!(pct < 0.0, "{file}: below the default ({pct})");
    }
    // BF-BOF coil: SEE direct 0.307776 t/t (the NOTE), default 3.51 t/t for CN 7208 in 2026.
    let (_, d) = steel("steel-bf-bof-coil.json");
    let pct = d.and_then(|(_, p)| p).expect("percent");
    assert!(
        (pct - (0.307776 - 3.51) / 3.51 * 100.0).abs() < 1e-9,
        "{pct}"
    );
    assert!((pct - (-91.231453)).abs() < 1e-6, "{pct}");
}
