//! Uncertainty and sensitivity of a footprint (`pcf uncertainty`, `pcf-uncertainty/1`).
//!
//! The document is first computed as usual (any template); every emitting line of the result
//! contributes `kg_i` per declared unit, linear in its amount and in its factor. Monte Carlo
//! multiplies each contribution by random multipliers drawn from the line's uncertain inputs
//! ("sources"):
//!
//! - **factor**: the factor row's `uncertainty` cell (parameters in the factor's unit, the
//!   value as median for lognormal and as mean for normal). One draw per factor id per run,
//!   shared by every line using that factor, so lines on the same factor are perfectly
//!   correlated;
//! - **data_quality**: when the factor row gives none, a lognormal from the line's
//!   data-quality ratings (pedigree defaults, [`defaults`]), drawn per line;
//! - **data_type**: when the line has neither, the documented default of its data type (the
//!   basic uncertainty of [`defaults`]: `GSD = sqrt(U_basic)`), drawn once per factor id for
//!   factor lines (the factor row's default) and per line otherwise;
//! - **amount**: the user's `uncertainty` on the activity line (parameters in the line's
//!   unit), drawn per line.
//!
//! A line with no source is constant and reported as such. The network's scaling (amounts of
//! components used by other processes) and allocation shares are held at their deterministic
//! values; sector metrics (per kWh, per km) are not simulated: the distribution is of the total
//! kg CO2e per declared unit.
//!
//! Determinism: one run draws one uniform per source, in source order, from one xoshiro256**
//! stream ([`rng`]); distributions are sampled by inverse transform with `libm` functions;
//! every sum is taken in a fixed order. The same document, tables, runs and seed give the same
//! bits natively and in WASM, whether run at once or in steps ([`Simulation::step`]).

pub mod defaults;
pub mod rng;

pub use defaults::{listing, FactorListing};

use std::collections::BTreeMap;

use serde::Serialize;

use self::defaults::Defaults;
use self::rng::{normal_quantile, Xoshiro256StarStar};
use crate::document::Quantity;
use crate::engine::canonical_sum;
use crate::error::{Error, Result};
use crate::factors::uncertainty::Distribution;
use crate::factors::FactorSet;

/// The format tag of the report.
pub const FORMAT: &str = "pcf-uncertainty/1";
/// The most runs one simulation may take.
pub const MAX_RUNS: u32 = 1_000_000;
/// Percentiles reported.
pub const PERCENTILES: [f64; 5] = [2.5, 5.0, 50.0, 95.0, 97.5];
/// Bins of the histogram.
pub const HISTOGRAM_BINS: usize = 40;
/// The one-at-a-time step of the sensitivity analysis (±10 %).
pub const SENSITIVITY_STEP: f64 = 0.1;

/// What to simulate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Number of Monte Carlo runs (2 ..= [`MAX_RUNS`]).
    pub runs: u32,
    /// Seed of the generator.
    pub seed: u64,
    /// A limit whose probability of being exceeded is reported (kg CO2e per declared unit).
    pub threshold: Option<f64>,
}

impl Options {
    /// Whether the options can run: `runs` within 2 ..= [`MAX_RUNS`], a finite threshold.
    /// Every run checks them; `pcf batch --output uncertainty` also checks them before reading
    /// its first record.
    pub fn check(&self) -> Result<()> {
        if self.runs < 2 {
            return Err(Error::invalid(
                "runs",
                format!("runs must be at least 2, got {}", self.runs),
            ));
        }
        if self.runs > MAX_RUNS {
            return Err(Error::LimitExceeded {
                path: "runs".into(),
                what: "Monte Carlo runs".into(),
                found: self.runs as usize,
                limit: MAX_RUNS as usize,
            });
        }
        if let Some(t) = self.threshold {
            if !t.is_finite() {
                return Err(Error::NonFinite {
                    path: "threshold".into(),
                    what: "threshold".into(),
                    value: t.to_string(),
                });
            }
        }
        Ok(())
    }
}

/// A distribution as a multiplier of the nominal value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Draw {
    Lognormal { sigma: f64 },
    Normal { rel_sd: f64 },
    Triangular { a: f64, c: f64, b: f64 },
    Uniform { a: f64, b: f64 },
}

impl Draw {
    /// The multiplier distribution of `d` around `nominal`; `None` when it is a single point
    /// (gsd 1, sd 0, min = max) or the nominal value is 0 (no ratio exists).
    fn of(d: Distribution, nominal: f64) -> Option<Draw> {
        match d {
            Distribution::Lognormal { gsd } => (gsd > 1.0).then(|| Draw::Lognormal {
                sigma: libm::log(gsd),
            }),
            _ if nominal == 0.0 => None,
            Distribution::Normal { sd } => (sd > 0.0).then(|| Draw::Normal {
                rel_sd: sd / nominal,
            }),
            Distribution::Triangular { min, mode, max } => (max > min).then(|| Draw::Triangular {
                a: min / nominal,
                c: mode / nominal,
                b: max / nominal,
            }),
            Distribution::Uniform { min, max } => (max > min).then(|| Draw::Uniform {
                a: min / nominal,
                b: max / nominal,
            }),
        }
    }

    /// The multiplier for a uniform `u` in (0, 1), by inverse transform.
    fn sample(&self, u: f64) -> f64 {
        match *self {
            Draw::Lognormal { sigma } => libm::exp(sigma * normal_quantile(u)),
            Draw::Normal { rel_sd } => 1.0 + rel_sd * normal_quantile(u),
            Draw::Triangular { a, c, b } => {
                let fc = (c - a) / (b - a);
                if u < fc {
                    a + libm::sqrt(u * (b - a) * (c - a))
                } else {
                    b - libm::sqrt((1.0 - u) * (b - a) * (b - c))
                }
            }
            Draw::Uniform { a, b } => a + u * (b - a),
        }
    }
}

/// An uncertain input of the model, drawn once per run.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// `factor:<id>`, `data_quality:<line path>`, `data_type:<table factor id, or line path>` or
    /// `amount:<line path>`.
    pub id: String,
    /// `factor`, `data_quality`, `data_type` or `amount`.
    pub origin: &'static str,
    /// The distribution as written (`lognormal:gsd=1.1` …), in the unit of the factor
    /// (factor) or of the line (amount).
    pub distribution: String,
    /// The nominal value the distribution is around (factor value, or amount as written).
    pub nominal: f64,
    /// For data-quality and data-type defaults: the rows of `uncertainty_defaults.csv` used.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub default_rows: Vec<String>,
    /// Number of lines it multiplies.
    pub lines: usize,
    #[serde(skip)]
    draw: Option<Draw>,
}

/// One emitting line of the footprint.
#[derive(Debug, Clone, Serialize)]
pub struct LineOut {
    /// JSON path of the line in the input.
    pub path: String,
    /// Factor id, for factor lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor: Option<String>,
    /// Deterministic kg CO2e per declared unit.
    pub kg_co2e: f64,
    /// `true` when no source makes it uncertain.
    pub constant: bool,
    /// Ids of its sources.
    pub sources: Vec<String>,
    /// Its share of the variance of the total: Cov(line, total) / Var(total) over the runs.
    /// The shares of all lines add up to 1; lines sharing a factor carry their covariance.
    pub variance_share: f64,
}

/// Summary statistics of the simulated total.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Statistics {
    /// Mean, kg CO2e per declared unit.
    pub mean: f64,
    /// Sample standard deviation (n − 1).
    pub sd: f64,
    /// Monte Carlo standard error of the mean: sd / √runs.
    pub mean_standard_error: f64,
    /// Smallest run.
    pub min: f64,
    /// 2.5th percentile.
    pub p2_5: f64,
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 97.5th percentile.
    pub p97_5: f64,
    /// Largest run.
    pub max: f64,
}

/// The probability of exceeding a threshold.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Threshold {
    /// The threshold, kg CO2e per declared unit.
    pub kg_co2e: f64,
    /// Runs with a total strictly above it.
    pub runs_exceeding: u32,
    /// runs_exceeding / runs.
    pub probability_exceeding: f64,
    /// Binomial standard error √(p(1 − p)/runs).
    pub standard_error: f64,
}

/// Counts of runs in equal-width bins from `min` to `max`.
#[derive(Debug, Clone, Serialize)]
pub struct Histogram {
    /// Lower edge of the first bin.
    pub min: f64,
    /// Upper edge of the last bin (included in it).
    pub max: f64,
    /// Width of each bin (0 when every run gave the same total).
    pub bin_width: f64,
    /// Runs per bin.
    pub counts: Vec<u32>,
}

/// One bar of the tornado: the total with one parameter at −10 % and +10 %.
#[derive(Debug, Clone, Serialize)]
pub struct TornadoBar {
    /// 1 for the largest swing.
    pub rank: usize,
    /// `line` (the line's amount, hence its contribution) or `factor` (a factor used on
    /// several lines: all of them move together).
    pub parameter: &'static str,
    /// The line's path or the factor id.
    pub id: String,
    /// Lines moved.
    pub lines: usize,
    /// Total with the parameter at −10 %.
    pub low_kg_co2e: f64,
    /// Total with the parameter at +10 %.
    pub high_kg_co2e: f64,
    /// |high − low|.
    pub swing_kg_co2e: f64,
}

/// How the numbers were made.
#[derive(Debug, Clone, Serialize)]
pub struct Method {
    /// Runs.
    pub runs: u32,
    /// Seed.
    pub seed: u64,
    /// The generator.
    pub prng: &'static str,
    /// How distributions are sampled.
    pub sampling: &'static str,
    /// The percentile definition.
    pub percentiles: &'static str,
    /// The one-at-a-time step.
    pub sensitivity_step: f64,
    /// The data-quality defaults table and its SHA-256.
    pub defaults_table: String,
    /// Its digest.
    pub defaults_table_sha256: String,
    /// What is and is not simulated.
    pub scope: &'static str,
}

/// The `pcf-uncertainty/1` report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always `pcf-uncertainty/1`.
    pub format: &'static str,
    /// `pcf <version>`.
    pub engine: String,
    /// The sector template, when the input was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<&'static str>,
    /// Product name.
    pub product: String,
    /// Declared unit of every figure.
    pub declared_unit: Quantity,
    /// Digest of the factor set used.
    pub factor_set_sha256: String,
    /// How the numbers were made.
    pub method: Method,
    /// The footprint of `pcf compute`.
    pub deterministic_kg_co2e: f64,
    /// Statistics of the simulated totals.
    pub statistics: Statistics,
    /// Probability of exceeding the threshold, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    /// Distribution of the totals.
    pub histogram: Histogram,
    /// Emitting lines that are uncertain.
    pub uncertain_lines: usize,
    /// Emitting lines that are constant.
    pub constant_lines: usize,
    /// The uncertain inputs, in draw order.
    pub sources: Vec<Source>,
    /// Every emitting line.
    pub lines: Vec<LineOut>,
    /// One-at-a-time ±10 % sensitivity, largest swing first (the tornado).
    pub sensitivity: Vec<TornadoBar>,
}

const PRNG: &str = "xoshiro256** (Blackman & Vigna 2021), state from SplitMix64(seed); uniform = ((x >> 11) + 0.5) / 2^53; one uniform per source per run, in source order";
const SAMPLING: &str = "inverse transform: normal quantile by Wichura AS 241; lognormal = median × exp(ln(gsd) × z); normal = mean + sd × z; triangular and uniform by their inverse CDF; ln, exp and sqrt from the libm crate (same bits natively and in WASM)";
const PERCENTILE_RULE: &str =
    "linear interpolation between order statistics at (runs − 1) × p (Hyndman & Fan type 7)";
const SCOPE: &str = "line contributions (kg CO2e per declared unit) scaled by their sources' multipliers; a factor's draw is shared by every line using it; component scaling, allocation shares and GWP values are held fixed; sector metrics are not simulated";

/// The prepared model: lines and sources.
#[derive(Debug, Clone)]
struct Plan {
    lines: Vec<LineOut>,
    /// Source indices per line (empty: constant).
    line_sources: Vec<Vec<usize>>,
    sources: Vec<Source>,
    /// Indices of uncertain lines.
    uncertain: Vec<usize>,
    /// Canonical sum of the constant lines.
    constant_sum: f64,
    deterministic: f64,
    template: Option<&'static str>,
    product: String,
    declared_unit: Quantity,
    factor_set_sha256: String,
    defaults_sha256: String,
}

fn plan(text: &str, factors: &FactorSet) -> Result<Plan> {
    let result = crate::compute_unsealed(text, factors)?;
    let defaults = Defaults::builtin()?;
    let mut sources: Vec<Source> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    // A factor id seen again shares its draw; the same id with another value or distribution
    // (two inline factors given the same id) is a separate source.
    let mut add = |sources: &mut Vec<Source>, mut s: Source| -> usize {
        if let Some(&i) = index.get(&s.id) {
            if let Some(x) = sources.get_mut(i) {
                if x.distribution == s.distribution && x.nominal == s.nominal {
                    x.lines += 1;
                    return i;
                }
            }
            s.id = format!("{}#{}", s.id, sources.len());
        }
        index.insert(s.id.clone(), sources.len());
        sources.push(s);
        sources.len() - 1
    };
    let mut lines = Vec::new();
    let mut line_sources = Vec::new();
    for l in &result.lines {
        let Some(kg) = l.kg_co2e else { continue };
        let mut srcs = Vec::new();
        let factor_dist = match &l.factor {
            Some(f) => match &f.uncertainty {
                Some(cell) => Some((
                    Distribution::parse(cell, f.value).map_err(|e| {
                        Error::invalid(l.path.clone(), format!("uncertainty of {}: {e}", f.id))
                    })?,
                    f,
                )),
                None => None,
            },
            None => None,
        };
        if kg != 0.0 {
            if let Some((d, f)) = factor_dist {
                if let Some(draw) = Draw::of(d, f.value) {
                    srcs.push(add(
                        &mut sources,
                        Source {
                            id: format!("factor:{}", f.id),
                            origin: "factor",
                            distribution: d.to_string(),
                            nominal: f.value,
                            default_rows: Vec::new(),
                            lines: 1,
                            draw: Some(draw),
                        },
                    ));
                }
            } else if let Some((gsd, rows)) = defaults.gsd(l) {
                let d = Distribution::Lognormal { gsd };
                if let Some(draw) = Draw::of(d, 1.0) {
                    srcs.push(add(
                        &mut sources,
                        Source {
                            id: format!("data_quality:{}", l.path),
                            origin: "data_quality",
                            distribution: d.to_string(),
                            nominal: 1.0,
                            default_rows: rows,
                            lines: 1,
                            draw: Some(draw),
                        },
                    ));
                }
            } else {
                // No distribution and no rating: the documented default of the line's data
                // type. A factor's default is the factor's own uncertainty, so it is drawn once
                // per factor id and shared by every unrated line using it.
                let data_type = Defaults::data_type(l);
                if let Some(gsd) = defaults.basic_gsd(data_type) {
                    let d = Distribution::Lognormal { gsd };
                    if let Some(draw) = Draw::of(d, 1.0) {
                        // An inline factor is its line's own: keyed by the line, so an inline
                        // id that repeats a table id does not share the table factor's draw.
                        let id = match &l.factor {
                            Some(f) if f.table != "inline" => format!("data_type:{}", f.id),
                            _ => format!("data_type:{}", l.path),
                        };
                        srcs.push(add(
                            &mut sources,
                            Source {
                                id,
                                origin: "data_type",
                                distribution: d.to_string(),
                                nominal: 1.0,
                                default_rows: vec![data_type.to_string()],
                                lines: 1,
                                draw: Some(draw),
                            },
                        ));
                    }
                }
            }
            if let Some(cell) = &l.amount_uncertainty {
                let d = Distribution::parse(cell, l.amount)
                    .map_err(|e| Error::invalid(l.path.clone(), e))?;
                if let Some(draw) = Draw::of(d, l.amount) {
                    srcs.push(add(
                        &mut sources,
                        Source {
                            id: format!("amount:{}", l.path),
                            origin: "amount",
                            distribution: d.to_string(),
                            nominal: l.amount,
                            default_rows: Vec::new(),
                            lines: 1,
                            draw: Some(draw),
                        },
                    ));
                }
            }
        }
        lines.push(LineOut {
            path: l.path.clone(),
            factor: l.factor.as_ref().map(|f| f.id.clone()),
            kg_co2e: kg,
            constant: srcs.is_empty(),
            sources: Vec::new(),
            variance_share: 0.0,
        });
        line_sources.push(srcs);
    }
    for (l, s) in lines.iter_mut().zip(&line_sources) {
        l.sources = s
            .iter()
            .filter_map(|&i| sources.get(i).map(|x| x.id.clone()))
            .collect();
    }
    let uncertain: Vec<usize> = (0..lines.len())
        .filter(|&i| line_sources.get(i).is_some_and(|s| !s.is_empty()))
        .collect();
    let constant_sum = canonical_sum(
        lines
            .iter()
            .filter(|l| l.constant)
            .map(|l| l.kg_co2e)
            .collect(),
    );
    Ok(Plan {
        lines,
        line_sources,
        sources,
        uncertain,
        constant_sum,
        deterministic: result.total_kg_co2e,
        template: result.template,
        product: result.product.name.clone(),
        declared_unit: result.declared_unit.clone(),
        factor_set_sha256: result.factor_set.sha256.clone(),
        defaults_sha256: defaults.sha256,
    })
}

/// A Monte Carlo simulation that can run in steps (for progress reports): the draws and every
/// accumulator depend only on the run index, so any split into steps gives the same bits as
/// one call.
#[derive(Debug, Clone)]
pub struct Simulation {
    plan: Plan,
    options: Options,
    rng: Xoshiro256StarStar,
    totals: Vec<f64>,
    mult: Vec<f64>,
    vals: Vec<f64>,
    cov: Vec<f64>,
    sum_d: Vec<f64>,
    sum_dt: f64,
}

impl Simulation {
    /// Computes the document (any template) and prepares the simulation.
    pub fn new(text: &str, factors: &FactorSet, options: Options) -> Result<Simulation> {
        options.check()?;
        let plan = plan(text, factors)?;
        let n = plan.uncertain.len();
        Ok(Simulation {
            mult: vec![1.0; plan.sources.len()],
            vals: vec![0.0; n],
            cov: vec![0.0; n],
            sum_d: vec![0.0; n],
            sum_dt: 0.0,
            totals: Vec::with_capacity(options.runs as usize),
            rng: Xoshiro256StarStar::seed_from_u64(options.seed),
            options,
            plan,
        })
    }

    /// Runs asked for.
    pub fn runs(&self) -> u32 {
        self.options.runs
    }

    /// Runs done so far.
    pub fn done(&self) -> u32 {
        self.totals.len() as u32
    }

    /// Does up to `max_runs` more runs; returns the runs done so far.
    pub fn step(&mut self, max_runs: u32) -> u32 {
        let todo = self.options.runs.saturating_sub(self.done()).min(max_runs);
        let plan = &self.plan;
        for _ in 0..todo {
            for (m, s) in self.mult.iter_mut().zip(&plan.sources) {
                let u = self.rng.next_open01();
                *m = s.draw.map(|d| d.sample(u)).unwrap_or(1.0);
            }
            let mut t = 0.0;
            for (v, &li) in self.vals.iter_mut().zip(&plan.uncertain) {
                let kg = plan.lines.get(li).map(|l| l.kg_co2e).unwrap_or(0.0);
                let m = plan
                    .line_sources
                    .get(li)
                    .map(|s| {
                        s.iter()
                            .fold(1.0, |a, &k| a * self.mult.get(k).copied().unwrap_or(1.0))
                    })
                    .unwrap_or(1.0);
                *v = kg * m;
                t += *v;
            }
            t += plan.constant_sum;
            let dt = t - plan.deterministic;
            for ((v, &li), (c, sd)) in self
                .vals
                .iter()
                .zip(&plan.uncertain)
                .zip(self.cov.iter_mut().zip(self.sum_d.iter_mut()))
            {
                let d = v - plan.lines.get(li).map(|l| l.kg_co2e).unwrap_or(0.0);
                *c += d * dt;
                *sd += d;
            }
            self.sum_dt += dt;
            self.totals.push(t);
        }
        self.done()
    }

    /// The totals of the runs done so far, in run order.
    pub fn totals(&self) -> &[f64] {
        &self.totals
    }

    /// Completes the remaining runs and builds the report.
    pub fn finish(mut self) -> Result<Report> {
        self.step(u32::MAX);
        let n = self.totals.len();
        let nf = n as f64;
        let plan = self.plan;
        if self.totals.iter().any(|t| !t.is_finite()) {
            return Err(Error::NonFiniteResult {
                path: "$".into(),
                what: "a Monte Carlo total".into(),
            });
        }
        // Mean as the deterministic total plus the mean deviation from it: exact when every
        // run gives the deterministic total (no uncertain line), and less cancellation.
        let shift = self
            .totals
            .iter()
            .fold(0.0, |a, t| a + (t - plan.deterministic));
        let mean = plan.deterministic + shift / nf;
        let ss = self
            .totals
            .iter()
            .fold(0.0, |a, t| a + (t - mean) * (t - mean));
        let var = ss / (nf - 1.0);
        let sd = libm::sqrt(var);
        let mut sorted = self.totals.clone();
        sorted.sort_by(f64::total_cmp);
        let pct = |p: f64| percentile(&sorted, p);
        let [p2_5, p5, p50, p95, p97_5] = PERCENTILES.map(pct);
        let min = sorted.first().copied().unwrap_or(0.0);
        let max = sorted.last().copied().unwrap_or(0.0);
        let statistics = Statistics {
            mean,
            sd,
            mean_standard_error: sd / libm::sqrt(nf),
            min,
            p2_5,
            p5,
            p50,
            p95,
            p97_5,
            max,
        };
        let threshold = self.options.threshold.map(|thr| {
            let k = self.totals.iter().filter(|&&t| t > thr).count();
            let p = k as f64 / nf;
            Threshold {
                kg_co2e: thr,
                runs_exceeding: k as u32,
                probability_exceeding: p,
                standard_error: libm::sqrt(p * (1.0 - p) / nf),
            }
        });
        let histogram = histogram(&self.totals, min, max);
        let mut lines = plan.lines.clone();
        for (k, &li) in plan.uncertain.iter().enumerate() {
            let c = self.cov.get(k).copied().unwrap_or(0.0);
            let s = self.sum_d.get(k).copied().unwrap_or(0.0);
            let cov = (c - s * self.sum_dt / nf) / (nf - 1.0);
            if let Some(l) = lines.get_mut(li) {
                l.variance_share = if var > 0.0 { cov / var } else { 0.0 };
            }
        }
        let sensitivity = tornado(&lines);
        let uncertain_lines = plan.uncertain.len();
        Ok(Report {
            format: FORMAT,
            engine: crate::engine_name(),
            template: plan.template,
            product: plan.product,
            declared_unit: plan.declared_unit,
            factor_set_sha256: plan.factor_set_sha256,
            method: Method {
                runs: self.options.runs,
                seed: self.options.seed,
                prng: PRNG,
                sampling: SAMPLING,
                percentiles: PERCENTILE_RULE,
                sensitivity_step: SENSITIVITY_STEP,
                defaults_table: defaults::TABLE_NAME.into(),
                defaults_table_sha256: plan.defaults_sha256,
                scope: SCOPE,
            },
            deterministic_kg_co2e: plan.deterministic,
            statistics,
            threshold,
            histogram,
            uncertain_lines,
            constant_lines: lines.len() - uncertain_lines,
            sources: plan.sources,
            lines,
            sensitivity,
        })
    }
}

/// Type-7 percentile of sorted values, `p` in percent.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return 0.0;
    }
    let h = (n - 1) as f64 * p / 100.0;
    let lo = libm::floor(h) as usize;
    let a = sorted.get(lo).copied().unwrap_or(0.0);
    let b = sorted.get(lo + 1).copied().unwrap_or(a);
    a + (h - lo as f64) * (b - a)
}

fn histogram(totals: &[f64], min: f64, max: f64) -> Histogram {
    let width = (max - min) / HISTOGRAM_BINS as f64;
    let mut counts = vec![0u32; HISTOGRAM_BINS];
    for &t in totals {
        let i = if width > 0.0 {
            (libm::floor((t - min) / width) as usize).min(HISTOGRAM_BINS - 1)
        } else {
            0
        };
        if let Some(c) = counts.get_mut(i) {
            *c += 1;
        }
    }
    Histogram {
        min,
        max,
        bin_width: width,
        counts,
    }
}

/// One-at-a-time ±10 %: every line, and every factor used on more than one line (for a factor
/// on one line, ±10 % of the factor is ±10 % of that line). Each total is recomputed as the
/// canonical sum of the changed contributions.
fn tornado(lines: &[LineOut]) -> Vec<TornadoBar> {
    let kgs: Vec<f64> = lines.iter().map(|l| l.kg_co2e).collect();
    let total_with = |moved: &[usize], f: f64| {
        let mut v = kgs.clone();
        for &i in moved {
            if let Some(x) = v.get_mut(i) {
                *x *= f;
            }
        }
        canonical_sum(v)
    };
    let mut bars = Vec::new();
    let mut push = |parameter, id: String, moved: Vec<usize>| {
        let low = total_with(&moved, 1.0 - SENSITIVITY_STEP);
        let high = total_with(&moved, 1.0 + SENSITIVITY_STEP);
        let swing = (high - low).abs();
        if swing > 0.0 {
            bars.push(TornadoBar {
                rank: 0,
                parameter,
                id,
                lines: moved.len(),
                low_kg_co2e: low,
                high_kg_co2e: high,
                swing_kg_co2e: swing,
            });
        }
    };
    let mut by_factor: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        push("line", l.path.clone(), vec![i]);
        if let Some(f) = &l.factor {
            by_factor.entry(f.as_str()).or_default().push(i);
        }
    }
    for (f, moved) in by_factor {
        if moved.len() > 1 {
            push("factor", f.to_string(), moved);
        }
    }
    bars.sort_by(|a, b| {
        b.swing_kg_co2e
            .total_cmp(&a.swing_kg_co2e)
            .then_with(|| a.parameter.cmp(b.parameter))
            .then_with(|| a.id.cmp(&b.id))
    });
    for (i, b) in bars.iter_mut().enumerate() {
        b.rank = i + 1;
    }
    bars
}

/// Runs the whole simulation.
pub fn run(text: &str, factors: &FactorSet, options: Options) -> Result<Report> {
    Simulation::new(text, factors, options)?.finish()
}

/// Runs it and writes the report as pretty JSON with a final newline (what the CLI prints and
/// the WASM `uncertainty` returns).
pub fn run_json(text: &str, factors: &FactorSet, options: Options) -> Result<String> {
    report_json(&run(text, factors, options)?)
}

/// A report as pretty JSON with a final newline. Not generic: the report's serialiser is
/// compiled once, here, for every caller (the WASM `UncertaintyRun.finishJson` too).
pub fn report_json(report: &Report) -> Result<String> {
    crate::to_json(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_between_order_statistics() {
        let s = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(percentile(&s, 50.0), 3.0);
        assert_eq!(percentile(&s, 2.5), 1.1);
        assert_eq!(percentile(&s, 97.5), 4.9);
    }

    #[test]
    fn triangular_and_uniform_inverse_cdfs_hit_their_bounds_and_mode() {
        let t = Draw::Triangular {
            a: 0.5,
            c: 1.0,
            b: 2.0,
        };
        // F(mode) = (c − a)/(b − a) = 1/3.
        assert!((t.sample(1.0 / 3.0) - 1.0).abs() < 1e-15);
        assert!((t.sample(1e-12) - 0.5).abs() < 1e-5);
        let u = Draw::Uniform { a: 0.8, b: 1.2 };
        assert!((u.sample(0.5) - 1.0).abs() < 1e-15);
    }
}
