//! The neutral network formats (a product input, named `neutral` for what it is, not a
//! benchmark; first defined by the shared benchmark harness): `pcf-bench-system` v1 (a product system:
//! processes, technosphere exchanges, gases, emissions, characterisation factors, demand) in,
//! `pcf-bench-result` v1 (score, per-gas inventory, supply) out. The schema is
//! `network.schema.json` of the harness; Brightway's results in the same format are the
//! references the parity tests compare against.
//!
//! Reading is strict about what the numbers mean and lenient about extra fields (the schema
//! allows them; `meta` is informational and never read):
//! wrong `format`/`version` → [`Error::UnsupportedSchema`]; syntax errors →
//! [`Error::MalformedJson`]; wrong types or missing fields → [`Error::InvalidDocument`] with
//! the JSON path; unknown process ids → [`Error::UnknownComponent`]; unknown gases →
//! [`Error::UnknownGas`]; duplicate ids → [`Error::DuplicateId`]; non-finite numbers →
//! [`Error::NonFinite`]; outputs ≤ 0 → [`Error::NotPositive`]. Exchange, emission and demand
//! amounts may be negative (the solver rejects a negative supply).
//!
//! Summation order: the inventory of gas `k` sums `amount·s[process]` over the emission
//! entries in document order; the score sums `factor_k·g_k` over gases in the order of the
//! `gases` list (gases without a factor count 0).

use std::borrow::Cow;
use std::collections::HashMap;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use super::{solve, Exchange, SolveMethod, Technosphere};
use crate::error::{Error, JsonPath, Result};

/// The `format` value of a system document.
pub const SYSTEM_FORMAT: &str = "pcf-bench-system";
/// The `format` value of a result document.
pub const RESULT_FORMAT: &str = "pcf-bench-result";
/// The only version of both formats this engine reads and writes.
pub const VERSION: u64 = 1;
/// Most processes in one network (the benchmark's largest has 50,000). A network's size is
/// bounded apart from its bytes because solving costs more than reading: see SECURITY.md.
pub const MAX_PROCESSES: usize = 200_000;
/// Most technosphere exchanges in one network (the 50,000-process benchmarks have about five
/// per process).
pub const MAX_EXCHANGES: usize = 1_000_000;
/// Most emission entries in one network.
pub const MAX_EMISSIONS: usize = 1_000_000;
/// Most gases in one network (and characterisation factors, one per gas at most).
pub const MAX_GASES: usize = 10_000;

/// One emission entry, resolved to indices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Emission {
    /// Index of the emitting process.
    pub process: usize,
    /// Index of the gas in [`BenchSystem::gases`].
    pub gas: usize,
    /// kg per run of the process.
    pub amount: f64,
}

/// A validated `pcf-bench-system` v1 document, with every id resolved to an index.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchSystem {
    /// Process ids in document order (index = process index = product index).
    pub process_ids: Vec<String>,
    /// Output of each process per run (> 0).
    pub outputs: Vec<f64>,
    /// Technosphere exchanges in document order.
    pub exchanges: Vec<Exchange>,
    /// Gas ids in document order.
    pub gases: Vec<String>,
    /// Characterisation factor of each gas (kg CO2-eq per kg; 0 when not given).
    pub factors: Vec<f64>,
    /// Emission entries in document order.
    pub emissions: Vec<Emission>,
    /// Final demand per product (duplicates summed in document order).
    pub demand: Vec<f64>,
}

/// A `pcf-bench-result` v1 document.
/// Ids are borrowed from the [`BenchSystem`] it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchResult<'a> {
    /// Always `"pcf-bench-result"`.
    pub format: &'static str,
    /// Always 1.
    pub version: u64,
    /// Name of the system file (free text given by the caller).
    pub input: String,
    /// `"pcf <crate version>"`.
    pub engine: String,
    /// Total kg CO2-eq.
    pub score: f64,
    /// Always `"kg CO2-eq"`.
    pub score_unit: &'static str,
    /// kg of each gas listed in the system, in list order.
    #[serde(serialize_with = "ordered_map")]
    pub inventory: Vec<(&'a str, f64)>,
    /// Runs of every process, in document order.
    #[serde(serialize_with = "ordered_map")]
    pub supply: Vec<(&'a str, f64)>,
    /// How the network was solved.
    pub solver: SolveMethod,
}

fn ordered_map<S: Serializer>(entries: &[(&str, f64)], ser: S) -> Result<S::Ok, S::Error> {
    let mut map = ser.serialize_map(Some(entries.len()))?;
    for (k, v) in entries {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

// ---------------------------------------------------------------- raw serde types

#[derive(Deserialize)]
struct RawSystem<'a> {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
    #[serde(borrow)]
    processes: Vec<RawProcess<'a>>,
    #[serde(borrow)]
    exchanges: Vec<RawExchange<'a>>,
    #[serde(borrow)]
    gases: Vec<RawGas<'a>>,
    #[serde(borrow)]
    emissions: Vec<RawEmission<'a>>,
    #[serde(borrow)]
    characterization: RawCharacterization<'a>,
    #[serde(borrow)]
    demand: Vec<RawDemand<'a>>,
}

// The schema lists every field of this object: an unknown one is a typo, rejected with its
// path rather than silently defaulted (a misspelt `output` would otherwise read as 1).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProcess<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    output: Option<f64>,
}

// The schema lists every field of this object: an unknown one is a typo, rejected with its
// path rather than silently defaulted (a misspelt `output` would otherwise read as 1).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExchange<'a> {
    #[serde(borrow)]
    consumer: Cow<'a, str>,
    #[serde(borrow)]
    supplier: Cow<'a, str>,
    amount: f64,
}

#[derive(Deserialize)]
struct RawGas<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
}

// The schema lists every field of this object: an unknown one is a typo, rejected with its
// path rather than silently defaulted (a misspelt `output` would otherwise read as 1).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEmission<'a> {
    #[serde(borrow)]
    process: Cow<'a, str>,
    #[serde(borrow)]
    gas: Cow<'a, str>,
    amount: f64,
}

#[derive(Deserialize)]
struct RawCharacterization<'a> {
    #[serde(borrow, deserialize_with = "map_in_order")]
    factors: Vec<(Cow<'a, str>, f64)>,
}

/// A JSON object of numbers, kept in document order.
fn map_in_order<'de, D>(de: D) -> std::result::Result<Vec<(Cow<'de, str>, f64)>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<(Cow<'de, str>, f64)>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object of gas id to number")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some((k, v)) = map.next_entry::<Cow<'de, str>, f64>()? {
                out.push((k, v));
            }
            Ok(out)
        }
    }
    de.deserialize_map(V)
}

// The schema lists every field of this object: an unknown one is a typo, rejected with its
// path rather than silently defaulted (a misspelt `output` would otherwise read as 1).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDemand<'a> {
    #[serde(borrow)]
    product: Cow<'a, str>,
    amount: f64,
}

/// Only the two version fields, read when the full document does not deserialise, so that
/// a document of another format is reported as such rather than by its first type error.
#[derive(Deserialize)]
struct RawHeader {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

// ---------------------------------------------------------------- reading

fn check_header(
    format: Option<&serde_json::Value>,
    version: Option<&serde_json::Value>,
) -> Result<()> {
    let shown = |v: Option<&serde_json::Value>| match v {
        None => "(missing)".to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    if format.and_then(|v| v.as_str()) != Some(SYSTEM_FORMAT) {
        return Err(Error::UnsupportedSchema {
            path: "$.format".into(),
            found: shown(format),
            expected: SYSTEM_FORMAT.into(),
        });
    }
    if version.and_then(|v| v.as_u64()) != Some(VERSION) {
        return Err(Error::UnsupportedSchema {
            path: "$.version".into(),
            found: shown(version),
            expected: VERSION.to_string(),
        });
    }
    Ok(())
}

fn finite(value: f64, path: impl FnOnce() -> JsonPath, what: &str) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(Error::NonFinite {
            path: path().into(),
            what: what.into(),
            value: value.to_string(),
        })
    }
}

/// The error of a document that does not deserialise, with its JSON path.
fn document_error(text: &str) -> Error {
    // A document of another format or version: say so rather than its type error.
    if let Ok(h) = serde_json::from_str::<RawHeader>(text) {
        if let Err(e) = check_header(h.format.as_ref(), h.version.as_ref()) {
            return e;
        }
    }
    crate::json::locate_error::<RawSystem<'_>>(text)
}

/// FNV-1a, for id lookups while reading (faster than SipHash on short ids; lookups only, so
/// iteration order never matters).
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type IdMap<'a> = HashMap<&'a str, usize, std::hash::BuildHasherDefault<Fnv>>;

/// Reads and validates a `pcf-bench-system` v1 document.
pub fn read_bench_system(text: &str) -> Result<BenchSystem> {
    crate::json::check_size(text)?;
    // A byte-order mark is skipped, as for every other document.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    crate::json::check_object(text)?;
    // No element count here (it would add a third to the reading time of the benchmark
    // networks): every list is bounded below, strings are borrowed, and `meta` is skipped
    // without being built.
    // Fast path; a failing document is read again by `json::locate_error` to name the path.
    let raw: RawSystem<'_> = match serde_json::from_str(text) {
        Ok(raw) => raw,
        Err(_) => return Err(document_error(text)),
    };
    check_header(raw.format.as_ref(), raw.version.as_ref())?;
    let root = JsonPath::root();
    for (key, found, limit) in [
        ("processes", raw.processes.len(), MAX_PROCESSES),
        ("exchanges", raw.exchanges.len(), MAX_EXCHANGES),
        ("emissions", raw.emissions.len(), MAX_EMISSIONS),
        ("gases", raw.gases.len(), MAX_GASES),
        ("demand", raw.demand.len(), MAX_PROCESSES),
    ] {
        if found > limit {
            return Err(Error::LimitExceeded {
                path: root.key(key).into(),
                what: format!("number of {key} in the network"),
                found,
                limit,
            });
        }
    }

    // Processes.
    let n = raw.processes.len();
    let mut index: IdMap<'_> = IdMap::with_capacity_and_hasher(n, Default::default());
    let mut process_ids = Vec::with_capacity(n);
    let mut outputs = Vec::with_capacity(n);
    let procs = root.key("processes");
    for (i, p) in raw.processes.iter().enumerate() {
        let id: &str = &p.id;
        if id.is_empty() {
            return Err(Error::invalid(
                procs.index(i).key("id"),
                "process id must not be empty",
            ));
        }
        if let Some(&first) = index.get(id) {
            return Err(Error::DuplicateId {
                path: procs.index(i).key("id").into(),
                id: id.to_string(),
                first: procs.index(first).key("id").into(),
            });
        }
        index.insert(id, i);
        process_ids.push(id.to_string());
        let output = finite(
            p.output.unwrap_or(1.0),
            || procs.index(i).key("output"),
            "process output",
        )?;
        if output.is_nan() || output <= 0.0 {
            return Err(Error::NotPositive {
                path: procs.index(i).key("output").into(),
                what: "process output".into(),
                value: output,
            });
        }
        outputs.push(output);
    }
    let lookup = |id: &str, path: &dyn Fn() -> JsonPath| -> Result<usize> {
        index
            .get(id)
            .copied()
            .ok_or_else(|| Error::UnknownComponent {
                path: path().into(),
                id: id.to_string(),
            })
    };

    // Exchanges.
    let exs = root.key("exchanges");
    let mut exchanges = Vec::with_capacity(raw.exchanges.len());
    for (k, e) in raw.exchanges.iter().enumerate() {
        let consumer = lookup(&e.consumer, &|| exs.index(k).key("consumer"))?;
        let supplier = lookup(&e.supplier, &|| exs.index(k).key("supplier"))?;
        let amount = finite(e.amount, || exs.index(k).key("amount"), "exchange amount")?;
        exchanges.push(Exchange {
            supplier,
            consumer,
            amount,
        });
    }

    // Gases and factors.
    let gpath = root.key("gases");
    let mut gas_index: IdMap<'_> =
        IdMap::with_capacity_and_hasher(raw.gases.len(), Default::default());
    let mut gases = Vec::with_capacity(raw.gases.len());
    for (k, g) in raw.gases.iter().enumerate() {
        let id: &str = &g.id;
        if id.is_empty() {
            return Err(Error::invalid(
                gpath.index(k).key("id"),
                "gas id must not be empty",
            ));
        }
        if let Some(&first) = gas_index.get(id) {
            return Err(Error::DuplicateId {
                path: gpath.index(k).key("id").into(),
                id: id.to_string(),
                first: gpath.index(first).key("id").into(),
            });
        }
        gas_index.insert(id, k);
        gases.push(id.to_string());
    }
    let known = || gases.join(", ");
    let fpath = root.key("characterization").key("factors");
    let mut factors = vec![0.0; gases.len()];
    let mut given = vec![false; gases.len()];
    for (gas, value) in &raw.characterization.factors {
        let Some(&k) = gas_index.get(gas.as_ref()) else {
            return Err(Error::UnknownGas {
                path: fpath.key(gas).into(),
                gas: gas.to_string(),
                known: known(),
            });
        };
        // A key written twice: JSON readers keep one of the two values, so which one counts
        // would depend on the reader. Refuse rather than drop a factor silently.
        if given.get_mut(k).map(|g| std::mem::replace(g, true)) == Some(true) {
            return Err(Error::DuplicateId {
                path: fpath.key(gas).into(),
                id: gas.to_string(),
                first: fpath.key(gas).into(),
            });
        }
        let v = finite(*value, || fpath.key(gas), "characterisation factor")?;
        if let Some(slot) = factors.get_mut(k) {
            *slot = v;
        }
    }

    // Emissions.
    let epath = root.key("emissions");
    let mut emissions = Vec::with_capacity(raw.emissions.len());
    for (k, e) in raw.emissions.iter().enumerate() {
        let process = lookup(&e.process, &|| epath.index(k).key("process"))?;
        let Some(&gas) = gas_index.get(e.gas.as_ref()) else {
            return Err(Error::UnknownGas {
                path: epath.index(k).key("gas").into(),
                gas: e.gas.to_string(),
                known: known(),
            });
        };
        let amount = finite(e.amount, || epath.index(k).key("amount"), "emission amount")?;
        emissions.push(Emission {
            process,
            gas,
            amount,
        });
    }

    // Demand.
    let dpath = root.key("demand");
    if raw.demand.is_empty() {
        return Err(Error::invalid(
            dpath,
            "the demand must name at least one product",
        ));
    }
    let mut demand = vec![0.0; n];
    for (k, d) in raw.demand.iter().enumerate() {
        let p = lookup(&d.product, &|| dpath.index(k).key("product"))?;
        let a = finite(d.amount, || dpath.index(k).key("amount"), "demand amount")?;
        if let Some(slot) = demand.get_mut(p) {
            *slot += a;
        }
    }

    Ok(BenchSystem {
        process_ids,
        outputs,
        exchanges,
        gases,
        factors,
        emissions,
        demand,
    })
}

// ---------------------------------------------------------------- solving

/// Solves a system: supply, per-gas inventory and score, as a `pcf-bench-result` v1.
/// Solver errors become [`Error::UnsolvableNetwork`] at `$.processes` naming process ids.
pub fn solve_bench<'a>(sys: &'a BenchSystem, input_name: &str) -> Result<BenchResult<'a>> {
    let tech = Technosphere::new(sys.outputs.clone(), &sys.exchanges);
    let supply = solve_system(sys, &tech)?;
    bench_result(sys, supply, input_name)
}

/// Solves `tech` (built from `sys`) for its demand; errors name `sys`'s processes.
fn solve_system(sys: &BenchSystem, tech: &Technosphere) -> Result<super::Supply> {
    solve(tech, &sys.demand).map_err(|e| {
        e.to_error("$.processes", |i| {
            sys.process_ids
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("#{i}"))
        })
    })
}

/// Medians of each phase of [`super::network_json`] over some runs, in milliseconds (the
/// `pcf network --timings` report; `networkTimings` in WASM): where a network's time goes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Phases {
    /// Runs timed.
    pub runs: usize,
    /// Reading the JSON text into a [`BenchSystem`] (parse, ids resolved, checks).
    pub parse_ms: f64,
    /// Building the technosphere matrix (compressed columns).
    pub matrix_ms: f64,
    /// Solving `A·s = f`: components, back-substitution, iteration or sparse LU.
    pub solve_only_ms: f64,
    /// Inventory, score and the result's data structures.
    pub result_ms: f64,
    /// `solve_bench`: matrix + solve + result (what `solve_ms` has always meant).
    pub solve_ms: f64,
    /// Writing the result as JSON text.
    pub serialise_ms: f64,
}

/// Times each phase of reading, solving and writing `text` `runs` times with `clock`
/// (milliseconds from any origin: `Instant` natively, `performance.now()` in WASM; the core
/// reads no clock itself) and returns the medians.
pub fn phase_timings(
    text: &str,
    input_name: &str,
    runs: usize,
    clock: impl Fn() -> f64,
) -> Result<Phases> {
    // Each run parses and solves the whole network: a bound keeps a stray count (a WASM
    // caller's 1e9) from running for days.
    const MAX_RUNS: usize = 1000;
    if runs > MAX_RUNS {
        return Err(Error::LimitExceeded {
            path: "runs".into(),
            what: "timing runs".into(),
            found: runs,
            limit: MAX_RUNS,
        });
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let mut t: [Vec<f64>; 6] = Default::default();
    for _ in 0..runs.max(1) {
        let t0 = clock();
        let sys = read_bench_system(text)?;
        let t1 = clock();
        let tech = Technosphere::new(sys.outputs.clone(), &sys.exchanges);
        let t2 = clock();
        let supply = solve_system(&sys, &tech)?;
        let t3 = clock();
        let result = bench_result(&sys, supply, input_name)?;
        let t4 = clock();
        let text = serde_json::to_string(&result).map_err(|e| Error::NonFiniteResult {
            path: "$".to_string(),
            what: format!("result serialisation: {e}"),
        })?;
        let t5 = clock();
        std::hint::black_box(&text);
        for (v, d) in t
            .iter_mut()
            .zip([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t1, t5 - t4])
        {
            v.push(d);
        }
    }
    let [parse, matrix, solve_only, result, solve, serialise] = t.map(median);
    Ok(Phases {
        runs: runs.max(1),
        parse_ms: parse,
        matrix_ms: matrix,
        solve_only_ms: solve_only,
        result_ms: result,
        solve_ms: solve,
        serialise_ms: serialise,
    })
}

/// Inventory (`g = B·s`) and score (`c·g`) of a solved system, as its result.
fn bench_result<'a>(
    sys: &'a BenchSystem,
    supply: super::Supply,
    input_name: &str,
) -> Result<BenchResult<'a>> {
    let s = &supply.scaling;

    // g = B·s, emission entries in document order.
    let mut inventory = vec![0.0; sys.gases.len()];
    for e in &sys.emissions {
        if let (Some(g), Some(&sp)) = (inventory.get_mut(e.gas), s.get(e.process)) {
            *g += e.amount * sp;
        }
    }
    // score = c·g, gases in list order.
    let mut score = 0.0;
    for (k, ((g, c), name)) in inventory
        .iter()
        .zip(&sys.factors)
        .zip(&sys.gases)
        .enumerate()
    {
        if !g.is_finite() {
            return Err(Error::NonFiniteResult {
                path: JsonPath::root().key("gases").index(k).into(),
                what: format!("inventory of {name}"),
            });
        }
        score += c * g;
    }
    if !score.is_finite() {
        return Err(Error::NonFiniteResult {
            path: "$.characterization.factors".into(),
            what: "score".into(),
        });
    }
    Ok(BenchResult {
        format: RESULT_FORMAT,
        version: VERSION,
        input: input_name.to_string(),
        engine: format!("pcf {}", env!("CARGO_PKG_VERSION")),
        score,
        score_unit: "kg CO2-eq",
        inventory: sys
            .gases
            .iter()
            .map(String::as_str)
            .zip(inventory)
            .collect(),
        supply: sys
            .process_ids
            .iter()
            .map(String::as_str)
            .zip(s.iter().copied())
            .collect(),
        solver: supply.method,
    })
}
