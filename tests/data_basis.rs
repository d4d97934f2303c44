//! What a result's figures rest on (`by_data_basis`, issue 19): each line's kg CO2e counted
//! under its factor's verification status, supplier declarations and stated gases apart, with
//! shares of the total.

use pcf::factors::{FactorSet, FactorTable, Origin};

const HEADER: &str = "id,name_en,name_zh,value,value_unit,per_unit,basis,gwp_set,class,geography,year,source,licence,verification,notes\n";

const DOC: &str = r#"{"schema":"pcf/1",
 "product":{"name":"p","sector":"other","declared_unit":{"amount":1,"unit":"item"}},
 "gwp_set":"AR6","boundary":{"kind":"cradle-to-gate","stages":["production"]},
 "reference_period":{"start":"2024-01-01","end":"2024-12-31"},
 "components":[{"id":"part","name":"part","stage":"production",
   "declared":{"kg_co2e":5,"per":{"amount":1,"unit":"kg"},"gwp_set":"AR6",
     "provenance":{"supplier":"S","source":"declaration","year":2024}}}],
 "activities":[
   {"amount":100,"unit":"kWh","factor":"cn.elec.co2avg.2021.national","stage":"production"},
   {"amount":1000,"unit":"tkm","factor":"uk.desnz.2025.freight.hgv.all","stage":"production"},
   {"amount":2,"unit":"kg","factor":"my.steam","stage":"production"},
   {"amount":4,"unit":"kg","input":"part","stage":"production"}],
 "emissions":[{"gas":"CO2_fossil","amount":10,"unit":"kg","stage":"production"}]}"#;

#[test]
fn each_line_counts_under_its_data_basis_with_its_share() {
    let csv =
        format!("{HEADER}my.steam,steam,蒸汽,3,kg,kg,CO2e,AR6,fossil,CN,2024,meter,own,user,\n");
    let user =
        FactorTable::from_csv("mine.csv", Origin::User { overrides: false }, &csv).expect("table");
    let set = FactorSet::with_user_tables(vec![user]).expect("set");
    let r = pcf::compute(DOC, &set).expect("computes");
    let hgv = set.get("uk.desnz.2025.freight.hgv.all").expect("row").value;
    let want = [
        ("official", 100.0 * 0.5568),
        ("secondary", 1000.0 * hgv),
        ("user", 2.0 * 3.0),
        ("declared", 4.0 * 5.0),
        ("direct", 10.0),
    ];
    let got: Vec<(&str, f64, Option<f64>)> = r
        .by_data_basis
        .iter()
        .map(|b| (b.basis, b.kg_co2e, b.share))
        .collect();
    assert_eq!(got.len(), want.len(), "{got:?}");
    let total: f64 = want.iter().map(|w| w.1).sum();
    assert!((r.total_kg_co2e - total).abs() < 1e-9 * total);
    for ((basis, kg, share), (wb, wk)) in got.iter().zip(want) {
        assert_eq!(*basis, wb);
        assert!((kg - wk).abs() < 1e-9 * wk, "{basis}: {kg} vs {wk}");
        let share = share.expect("a positive total gives shares");
        assert!((share - wk / r.total_kg_co2e).abs() < 1e-12, "{basis}");
    }
    // The page's first result carries the same figures.
    let t = pcf::compute_totals(DOC, &set).expect("totals");
    assert_eq!(t.by_data_basis, r.by_data_basis);
}
