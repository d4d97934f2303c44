//! The properties the fuzz targets check, one function per target, shared by the libFuzzer
//! targets (`fuzz/fuzz_targets/*.rs`, nightly) and the stable corpus replay
//! (`tests/fuzz_corpus.rs`), so a committed corpus file or crash artifact is checked by exactly
//! the code that found it.
//!
//! Each function takes the raw bytes libFuzzer hands over and panics only when a property of
//! the engine fails: every input must give either a result whose numbers are all finite (and
//! that verifies against its own seal) or a typed [`pcf::Error`] with a code and a path.
//! A panic inside pcf itself is the bug the fuzzer looks for.

use arbitrary::{Arbitrary, Unstructured};
use pcf::factors::{FactorSet, FactorTable, Origin};
use pcf::{Error, FootprintResult};
use serde_json::{json, Value};

/// The targets, by name (the directory names under `fuzz/corpus/` and `fuzz/regressions/`).
pub const TARGETS: &[&str] = &[
    "document",
    "factor_table_csv",
    "factor_table_json",
    "pact_import",
    "verify",
    "engine",
];

/// Runs the check of `target` on `data`; panics on an unknown target.
pub fn run(target: &str, data: &[u8]) {
    match target {
        "document" => document(data),
        "factor_table_csv" => factor_table(data, TableFormat::Csv),
        "factor_table_json" => factor_table(data, TableFormat::Json),
        "pact_import" => pact_import(data),
        "verify" => verify(data),
        "engine" => engine(data),
        other => panic!("unknown fuzz target {other:?}"),
    }
}

fn builtin() -> &'static FactorSet {
    FactorSet::builtin().expect("the built-in factor set loads")
}

/// A typed error must carry a code and a path (a JSON path, or `table:line:column` for
/// factor tables), and its report must serialise.
fn check_error(e: &Error) {
    assert!(!e.code().is_empty(), "error without a code: {e:?}");
    assert!(!e.path().is_empty(), "error without a path: {e:?}");
    let report = serde_json::to_string(&e.report()).expect("an error report serialises");
    assert!(report.contains(e.code()));
}

/// Every number of a result (totals, lines, supply, data quality, sector metrics) is finite.
/// `serde_value` keeps floats as they are (serde_json would turn NaN into `null`).
fn check_finite(result: &FootprintResult) {
    fn walk(v: &serde_value::Value, path: &mut String) {
        use serde_value::Value as V;
        match v {
            V::F32(x) => assert!(x.is_finite(), "non-finite number {x} at {path}"),
            V::F64(x) => assert!(x.is_finite(), "non-finite number {x} at {path}"),
            V::Option(Some(inner)) | V::Newtype(inner) => walk(inner, path),
            V::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(item, path);
                    path.truncate(len);
                }
            }
            V::Map(map) => {
                for (k, item) in map {
                    let len = path.len();
                    match k {
                        V::String(s) => path.push_str(&format!(".{s}")),
                        other => path.push_str(&format!(".{other:?}")),
                    }
                    walk(item, path);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    let v = serde_value::to_value(result).expect("a result serialises");
    walk(&v, &mut String::from("$"));
    assert!(result.total_kg_co2e.is_finite());
}

/// A computed result: finite everywhere, and its JSON verifies against its own seal.
fn check_result(result: &FootprintResult, factors: &FactorSet) {
    check_finite(result);
    let text = pcf::to_json(result).expect("a finite result writes as JSON");
    match pcf::verify(&text, factors) {
        Ok(report) => assert!(
            report.matches(),
            "a freshly computed result does not verify: {}",
            pcf::to_json(&report).unwrap_or_default()
        ),
        Err(e) => panic!("a freshly computed result cannot be verified: {e:?}"),
    }
}

/// `document`: arbitrary bytes as a document (pcf/1 or a sector template), through
/// `pcf::compute` — the entry the CLI's `compute` and the WASM `compute`/`computeJson` use.
/// A result must be finite and verify; anything else must be a typed error.
pub fn document(data: &[u8]) {
    // Bytes as the CLI and the WASM `Uint8Array` entry read them: not UTF-8 is `invalid_utf8`.
    let text = match pcf::json::utf8(data, "$") {
        Ok(t) => t,
        Err(e) => return check_error(&e),
    };
    let set = builtin();
    match pcf::compute(text, set) {
        Ok(result) => check_result(&result, set),
        Err(e) => check_error(&e),
    }
}

/// The two formats of a user factor table.
#[derive(Debug, Clone, Copy)]
pub enum TableFormat {
    /// `FactorTable::from_csv`.
    Csv,
    /// `FactorTable::from_json`.
    Json,
}

/// `factor_table_csv` / `factor_table_json`: arbitrary bytes as a user factor table, loaded as
/// the CLI's `--factors` and the WASM `tables` argument load it, layered on the built-in set
/// (with override, so a valid row reusing a built-in id is accepted). A table that loads is
/// then used: one line per distinct factor (first 8) in the factor's own unit, computed.
pub fn factor_table(data: &[u8], format: TableFormat) {
    // Bytes as the CLI and the WASM `Uint8Array` entry read them: not UTF-8 is `invalid_utf8`.
    let text = match pcf::json::utf8(data, "$") {
        Ok(t) => t,
        Err(e) => return check_error(&e),
    };
    let origin = Origin::User { overrides: true };
    let loaded = match format {
        TableFormat::Csv => FactorTable::from_csv("user.csv", origin, text),
        TableFormat::Json => FactorTable::from_json("user.json", origin, text),
    };
    let table = match loaded {
        Ok(t) => t,
        Err(e) => return check_error(&e),
    };
    let ids: Vec<(String, String)> = table
        .factors
        .iter()
        .take(8)
        .map(|f| (f.id.clone(), f.per_unit.symbol().to_string()))
        .collect();
    for f in &table.factors {
        assert!(
            f.kg_per_unit.is_finite() && f.kg_per_unit >= 0.0,
            "factor {} loaded with kg_per_unit {}",
            f.id,
            f.kg_per_unit
        );
    }
    let set = match FactorSet::with_user_tables(vec![table]) {
        Ok(s) => s,
        Err(e) => return check_error(&e),
    };
    if ids.is_empty() {
        return;
    }
    let activities: Vec<Value> = ids
        .iter()
        .map(|(id, unit)| json!({"amount": 1.5, "unit": unit, "factor": id}))
        .collect();
    let doc = json!({
        "schema": "pcf/1",
        "product": {"name": "fuzz", "sector": "other", "declared_unit": {"amount": 1, "unit": "item"}},
        "gwp_set": "AR6",
        "boundary": {"kind": "cradle-to-gate", "stages": ["production"]},
        "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
        "activities": activities,
    });
    let mut doc = doc;
    for a in doc["activities"].as_array_mut().into_iter().flatten() {
        a["stage"] = json!("production");
    }
    match pcf::compute(&doc.to_string(), &set) {
        Ok(result) => check_result(&result, &set),
        Err(e) => check_error(&e),
    }
}

/// `pact_import`: arbitrary bytes as a supplier's PACT footprint (v2/v3, bare or in a
/// response), through `pact::import_json` — the CLI's `pcf pact import` and the WASM
/// `pactImport`. An imported component is then used by a product (one line of its output)
/// and computed.
pub fn pact_import(data: &[u8]) {
    // Bytes as the CLI and the WASM `Uint8Array` entry read them: not UTF-8 is `invalid_utf8`.
    let text = match pcf::json::utf8(data, "$") {
        Ok(t) => t,
        Err(e) => return check_error(&e),
    };
    let opts = pcf::pact::ImportOptions::default();
    let out = match pcf::pact::import_json(text, &opts) {
        Ok(out) => out,
        Err(e) => return check_error(&e),
    };
    let component: Value = serde_json::from_str(&out).expect("an import writes JSON");
    let id = component["id"]
        .as_str()
        .expect("an imported component has an id");
    let unit = component["declared"]["per"]["unit"]
        .as_str()
        .expect("an imported component declares per a unit")
        .to_string();
    let stage = component["stage"]
        .as_str()
        .unwrap_or(pcf::pact::import::DEFAULT_STAGE)
        .to_string();
    let doc = json!({
        "schema": "pcf/1",
        "product": {"name": "fuzz", "sector": "other", "declared_unit": {"amount": 1, "unit": "item"}},
        "gwp_set": "AR6",
        "boundary": {"kind": "cradle-to-gate", "stages": [stage]},
        "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
        "activities": [{"amount": 2, "unit": unit, "input": id, "stage": stage}],
        "components": [component],
    });
    let set = builtin();
    match pcf::compute(&doc.to_string(), set) {
        Ok(result) => check_result(&result, set),
        Err(e) => check_error(&e),
    }
}

/// `verify`: arbitrary bytes as a result file, through `pcf::verify` — the CLI's
/// `pcf verify` and the WASM `verify`. Any report or a typed error; never a panic.
pub fn verify(data: &[u8]) {
    // Bytes as the CLI and the WASM `Uint8Array` entry read them: not UTF-8 is `invalid_utf8`.
    let text = match pcf::json::utf8(data, "$") {
        Ok(t) => t,
        Err(e) => return check_error(&e),
    };
    match pcf::verify(text, builtin()) {
        Ok(report) => {
            pcf::to_json(&report).expect("a verify report writes as JSON");
        }
        Err(e) => check_error(&e),
    }
}

// ---------------------------------------------------------------------------------------
// `engine`: structured fuzzing. The bytes drive `arbitrary` to build a random but valid
// pcf/1 document (built-in factors in units of their own dimension, gases, components with
// inputs — loops included —, declared footprints, allocation), computed through the text
// entry. Properties: no panic; a result is finite everywhere, verifies, and its total does
// not depend on the order of the product's lines; an error is typed (a loop that cannot be
// solved, an overflow to infinity, an allocation summing to zero …).

const STAGES: &[&str] = &[
    "raw_material_acquisition",
    "production",
    "distribution",
    "use",
    "end_of_life",
];
const GASES: &[&str] = &[
    "CO2_fossil",
    "CO2_biogenic",
    "CO2_luc",
    "CH4",
    "CH4_fossil",
    "CH4_biogenic",
    "N2O",
    "SF6",
    "NF3",
    "CF4",
    "HFC-134a",
];
const MASS: &[&str] = &["kg", "g", "t", "mg"];
const GWP_SETS: &[&str] = &["AR4", "AR5", "AR6"];

/// An amount: mostly ordinary magnitudes, sometimes zero, tiny or huge (overflow must be a
/// typed error, never an infinite total).
#[derive(Debug, Arbitrary)]
enum Amount {
    Small(u16),
    Frac(u32),
    Zero,
    Raw(f64),
}

impl Amount {
    fn value(&self) -> f64 {
        match self {
            Amount::Small(n) => f64::from(*n) / 8.0,
            Amount::Frac(n) => f64::from(*n) / 1e6,
            Amount::Zero => 0.0,
            Amount::Raw(x) if x.is_finite() => x.abs(),
            Amount::Raw(_) => 1.0,
        }
    }
    fn positive(&self) -> f64 {
        let v = self.value();
        if v > 0.0 {
            v
        } else {
            1.0
        }
    }
}

#[derive(Debug, Arbitrary)]
enum LineSpec {
    /// A built-in factor (index into the effective factors), in a unit of its dimension.
    Factor {
        factor: u16,
        unit: u8,
        amount: Amount,
    },
    /// A direct gas emission.
    Gas {
        gas: u8,
        unit: u8,
        amount: Amount,
        removal: bool,
    },
    /// An input of another component's output.
    Input { component: u8, amount: Amount },
    /// An inline factor.
    Inline {
        value: Amount,
        per: u8,
        amount: Amount,
        gas: Option<u8>,
    },
}

#[derive(Debug, Arbitrary)]
struct LineArb {
    spec: LineSpec,
    stage: Option<u8>,
    quality: Option<(u8, u8, u8)>,
}

#[derive(Debug, Arbitrary)]
enum ComponentKind {
    Lines(Vec<LineArb>),
    Declared { kg_co2e: Amount, per: Amount },
}

/// An allocation: the method (mass, economic, explicit) and outputs (amount, price or share).
type AllocationArb = (u8, Vec<(Amount, Option<Amount>)>);

#[derive(Debug, Arbitrary)]
struct ComponentArb {
    output: Amount,
    unit: u8,
    kind: ComponentKind,
    allocation: Option<AllocationArb>,
}

/// The structured input of the `engine` target.
#[derive(Debug, Arbitrary)]
pub struct DocArb {
    gwp: u8,
    declared: Amount,
    declared_unit: u8,
    stages: u8,
    lines: Vec<LineArb>,
    components: Vec<ComponentArb>,
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

/// Units of the same dimension as `unit` (the registry's own list).
fn same_dimension(unit: pcf::units::Unit) -> Vec<&'static str> {
    pcf::units::Unit::all()
        .filter(|u| u.dimension() == unit.dimension())
        .map(|u| u.symbol())
        .collect()
}

impl DocArb {
    /// The pcf/1 document this input describes, as JSON.
    pub fn to_document(&self, set: &FactorSet) -> Value {
        let factors: Vec<&pcf::factors::Factor> = set.effective().collect();
        let stages: Vec<&str> = STAGES
            .iter()
            .copied()
            .take(1 + usize::from(self.stages) % STAGES.len())
            .collect();
        let n_comp = self.components.len().min(6);
        let comp_id = |i: u8| format!("c{}", usize::from(i) % n_comp.max(1));
        let comp_unit = |i: usize| -> &'static str {
            self.components
                .get(i)
                .map(|c| match &c.kind {
                    ComponentKind::Declared { .. } => "kg",
                    ComponentKind::Lines(_) => pick(&["kg", "item", "kWh", "m2"], c.unit),
                })
                .unwrap_or("kg")
        };
        let line = |l: &LineArb| -> Option<Value> {
            let mut v = match &l.spec {
                LineSpec::Factor {
                    factor,
                    unit,
                    amount,
                } => {
                    let f = factors.get(usize::from(*factor) % factors.len().max(1))?;
                    let units = same_dimension(f.per_unit);
                    let u = units
                        .get(usize::from(*unit) % units.len().max(1))
                        .copied()
                        .unwrap_or(f.per_unit.symbol());
                    json!({"amount": amount.value(), "unit": u, "factor": f.id})
                }
                LineSpec::Gas {
                    gas,
                    unit,
                    amount,
                    removal,
                } => {
                    let g = pick(GASES, *gas);
                    let mut v =
                        json!({"gas": g, "amount": amount.value(), "unit": pick(MASS, *unit)});
                    if *removal && g.starts_with("CO2") {
                        v["removal"] = json!(true);
                    }
                    v
                }
                LineSpec::Input { component, amount } => {
                    if n_comp == 0 {
                        return None;
                    }
                    let c = usize::from(*component) % n_comp;
                    json!({"amount": amount.value(), "unit": comp_unit(c), "input": comp_id(*component)})
                }
                LineSpec::Inline {
                    value,
                    per,
                    amount,
                    gas,
                } => {
                    let per = pick(&["kg", "kWh", "item", "tkm", "MJ"], *per);
                    let mut f = json!({
                        "value": value.value(), "value_unit": "kg", "per_unit": per,
                        "basis": "CO2e", "source": "fuzz", "gwp_set": "AR6",
                    });
                    if let Some(g) = gas {
                        f["basis"] = json!(pick(GASES, *g));
                        f.as_object_mut().map(|o| o.remove("gwp_set"));
                    }
                    json!({"amount": amount.value(), "unit": per, "inline_factor": f})
                }
            };
            v["stage"] = json!(pick(&stages, l.stage.unwrap_or(0)));
            if let Some((t, g, p)) = l.quality {
                v["data_quality"] = json!({
                    "technological": 1 + t % 5, "geographical": 1 + g % 5, "temporal": 1 + p % 5,
                });
            }
            Some(v)
        };
        let split = |lines: &[LineArb]| -> (Vec<Value>, Vec<Value>) {
            let (mut acts, mut gases) = (Vec::new(), Vec::new());
            for l in lines.iter().take(12) {
                if let Some(v) = line(l) {
                    if v.get("gas").is_some() {
                        gases.push(v);
                    } else {
                        acts.push(v);
                    }
                }
            }
            (acts, gases)
        };
        let (activities, emissions) = split(&self.lines);
        let components: Vec<Value> = self
            .components
            .iter()
            .take(n_comp)
            .enumerate()
            .map(|(i, c)| {
                let unit = comp_unit(i);
                let mut v = json!({"id": format!("c{i}"), "stage": stages[0]});
                match &c.kind {
                    ComponentKind::Declared { kg_co2e, per } => {
                        v["declared"] = json!({
                            "kg_co2e": kg_co2e.value(),
                            "per": {"amount": per.positive(), "unit": "kg"},
                            "provenance": {"supplier": "fuzz", "source": "fuzz"},
                        });
                    }
                    ComponentKind::Lines(lines) => {
                        v["output"] = json!({"amount": c.output.positive(), "unit": unit});
                        let (a, g) = split(lines);
                        v["activities"] = json!(a);
                        v["emissions"] = json!(g);
                        if let Some((m, outs)) = &c.allocation {
                            let method = pick(&["mass", "economic", "explicit"], *m);
                            let outs: Vec<Value> = outs
                                .iter()
                                .take(3)
                                .enumerate()
                                .map(|(k, (amount, extra))| {
                                    let mut o = json!({"name": format!("o{k}"), "amount": amount.value(), "unit": "kg"});
                                    match method {
                                        "economic" => o["price"] = json!(extra.as_ref().map_or(1.0, Amount::value)),
                                        "explicit" => o["share"] = json!(extra.as_ref().map_or(0.5, |a| a.value().min(1.0))),
                                        _ => {}
                                    }
                                    o
                                })
                                .collect();
                            if !outs.is_empty() {
                                v["allocation"] = json!({"method": method, "outputs": outs});
                            }
                        }
                    }
                }
                v
            })
            .collect();
        json!({
            "schema": "pcf/1",
            "product": {
                "name": "fuzz", "sector": "other",
                "declared_unit": {"amount": self.declared.positive(), "unit": pick(&["item", "kg", "kWh"], self.declared_unit)},
            },
            "gwp_set": pick(GWP_SETS, self.gwp),
            "boundary": {"kind": "cradle-to-gate", "stages": stages},
            "reference_period": {"start": "2024-01-01", "end": "2024-12-31"},
            "activities": activities,
            "emissions": emissions,
            "components": components,
        })
    }
}

/// `engine`: the structured target (see the section comment above).
pub fn engine(data: &[u8]) {
    let Ok(arb) = DocArb::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    engine_doc(&arb);
}

/// Whether an `engine` input computes to a result (rather than a typed error): the structured
/// generator must mostly make valid documents, or the target only exercises validation.
pub fn engine_computes(data: &[u8]) -> Option<Result<(), String>> {
    let arb = DocArb::arbitrary_take_rest(Unstructured::new(data)).ok()?;
    let set = builtin();
    Some(
        pcf::compute(&arb.to_document(set).to_string(), set)
            .map(|_| ())
            .map_err(|e| e.code().to_string()),
    )
}

/// The `engine` properties for one structured input.
pub fn engine_doc(arb: &DocArb) {
    let set = builtin();
    let doc = arb.to_document(set);
    let text = doc.to_string();
    let result = match pcf::compute(&text, set) {
        Ok(r) => r,
        Err(e) => return check_error(&e),
    };
    check_result(&result, set);
    // The order of lines never changes a bit (canonical summation).
    let mut reversed = doc;
    for key in ["activities", "emissions"] {
        if let Some(a) = reversed[key].as_array_mut() {
            a.reverse();
        }
    }
    match pcf::compute_unsealed(&reversed.to_string(), set) {
        Ok(r) => assert_eq!(
            r.total_kg_co2e.to_bits(),
            result.total_kg_co2e.to_bits(),
            "the total depends on the order of lines: {} vs {}",
            r.total_kg_co2e,
            result.total_kg_co2e
        ),
        Err(e) => panic!("reordering the lines turned a result into an error: {e:?}"),
    }
}
