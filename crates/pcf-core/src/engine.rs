//! The engine: from a validated [`Model`] to a [`Footprint`].
//!
//! Two steps, as values: [`supply`] solves the process network for how many runs of each
//! process one declared unit needs (A·s = f), then [`characterize`] multiplies every line by its
//! factor, its GWP, its process's allocation share and scaling, and sums the lines into totals.
//!
//! Summation order: every total is the sum of its line contributions taken in ascending order
//! of value (`f64::total_cmp`), so reordering lines never changes a bit of any total, and the
//! same input gives the same bits natively and in WASM (IEEE 754 arithmetic, no fused
//! multiply-add, no threads).

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::factors::{Basis, FactorSet};
use crate::gwp::{EmissionClass, Gas};
use crate::model::{LineKind, Model};
use crate::network::{self, Exchange, SolveMethod, Technosphere};

/// Runs of each process per declared unit.
#[derive(Debug, Clone)]
pub struct Supply {
    /// Scaling per process (index as in [`Model::processes`]).
    pub scaling: Vec<f64>,
    /// How the system was solved.
    pub method: SolveMethod,
}

/// Solves the model's process network for one declared unit.
pub fn supply(model: &Model) -> Result<Supply> {
    let outputs: Vec<f64> = model.processes.iter().map(|p| p.output).collect();
    let mut exchanges = Vec::new();
    for (consumer, p) in model.processes.iter().enumerate() {
        for l in &p.lines {
            if let LineKind::Input { process, converted } = l.kind {
                exchanges.push(Exchange {
                    supplier: process,
                    consumer,
                    amount: converted * p.share,
                });
            }
        }
    }
    let mut demand = vec![0.0; outputs.len()];
    if let Some(d) = demand.first_mut() {
        *d = model.processes.first().map(|p| p.output).unwrap_or(1.0);
    }
    let tech = Technosphere::new(outputs, &exchanges);
    let solved = network::solve(&tech, &demand).map_err(|e| {
        e.to_error("$.components", |i| {
            model
                .processes
                .get(i)
                .map(|p| p.id.clone())
                .unwrap_or_else(|| format!("#{i}"))
        })
    })?;
    Ok(Supply {
        scaling: solved.scaling,
        method: solved.method,
    })
}

/// One line's contribution to the footprint of a declared unit.
#[derive(Debug, Clone)]
pub struct Contribution {
    /// Process index.
    pub process: usize,
    /// Line index within the process.
    pub line: usize,
    /// kg of gas for gas lines and gas-basis factors.
    pub gas: Option<(Gas, f64)>,
    /// GWP applied, for gases.
    pub gwp: Option<f64>,
    /// kg CO2e per run of the process, before allocation.
    pub per_run_kg_co2e: f64,
    /// kg CO2e per declared unit (per run × share × scaling).
    pub kg_co2e: f64,
    /// Reporting class (`unsplit` for a declared footprint, whose classes are in `split`).
    pub class: EmissionClass,
    /// For a declared footprint with parts: its classes, per declared unit (each per run ×
    /// share × scaling), summing to `kg_co2e`.
    pub split: Option<Box<[(EmissionClass, f64)]>>,
}

/// The characterised footprint: line contributions and totals.
#[derive(Debug, Clone)]
pub struct Footprint {
    /// The supply it was computed from.
    pub supply: Supply,
    /// One entry per emitting line (inputs of components carry no emission of their own).
    pub contributions: Vec<Contribution>,
    /// Total kg CO2e per declared unit.
    pub total: f64,
    /// Per stage, in boundary order.
    pub by_stage: Vec<f64>,
    /// Per reporting group, in first-appearance order.
    pub by_group: Vec<(String, f64)>,
    /// Per gas (`None`: CO2e-basis factors and declared footprints): (kg gas, kg CO2e).
    pub by_gas: Vec<(Option<Gas>, f64, f64)>,
    /// Per class: net kg CO2e, in class order.
    pub by_class: Vec<(EmissionClass, f64)>,
    /// Sum of removals (negative), kg CO2e.
    pub removals: f64,
}

/// Sums in ascending order of value, so the result does not depend on the order of `v`.
pub fn canonical_sum(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.into_iter().fold(0.0, |a, x| a + x)
}

/// The mean of values weighted by weights of 0 or more (`(weight, value)` pairs):
/// Σ w·v / Σ w, each a canonical sum; `None` when no weight is above 0.
///
/// When every value with a weight above 0 is the same, the mean is that value, exactly: the
/// ratio of the two sums rounds (weights of 0.1, 0.2 and 0.3 on the value 3 give
/// 2.9999999999999996 as a ratio). Near `f64::MAX`, where a sum or a weight × value
/// overflows, the same ratio is taken with every weight divided by the largest (each ≤ 1),
/// so finite weights never give an infinite or NaN mean.
pub fn weighted_mean(pairs: &[(f64, f64)]) -> Option<f64> {
    let mut weighted = pairs.iter().filter(|(w, _)| *w > 0.0).map(|(_, v)| *v);
    let first = weighted.next()?;
    if weighted.all(|v| v == first) {
        return Some(first);
    }
    let num = canonical_sum(pairs.iter().map(|(w, v)| w * v).collect());
    let den = canonical_sum(pairs.iter().map(|(w, _)| *w).collect());
    if num.is_finite() && den.is_finite() {
        return (den > 0.0).then(|| num / den);
    }
    let largest = pairs.iter().map(|(w, _)| *w).fold(0.0, f64::max);
    let num = canonical_sum(pairs.iter().map(|(w, v)| w / largest * v).collect());
    let den = canonical_sum(pairs.iter().map(|(w, _)| w / largest).collect());
    (den > 0.0).then(|| num / den)
}

/// Characterises every line and sums the totals.
pub fn characterize(model: &Model, factors: &FactorSet, supply: Supply) -> Result<Footprint> {
    if supply.scaling.len() != model.processes.len() {
        // Not reachable from input: `supply` returns one scaling per process.
        return Err(Error::UnsolvableNetwork {
            path: "$.components".into(),
            detail: format!(
                "internal: {} scalings for {} processes",
                supply.scaling.len(),
                model.processes.len()
            ),
            processes: Vec::new(),
        });
    }
    let gwp_table = factors.gwp();
    let mut contributions = Vec::new();
    for (pi, p) in model.processes.iter().enumerate() {
        let s = supply.scaling.get(pi).copied().unwrap_or(0.0);
        for (li, l) in p.lines.iter().enumerate() {
            let mut split_per_run: Option<&[(EmissionClass, f64)]> = None;
            let (gas, gwp, per_run, class) = match &l.kind {
                LineKind::Factor {
                    factor, converted, ..
                } => {
                    let base = converted * factor.kg_per_unit;
                    match factor.basis {
                        Basis::Co2e(_) => (None, None, base, factor.class),
                        Basis::Gas(g) => {
                            let gwp = gwp_table.gwp(g, model.gwp, &l.path)?;
                            (Some((g, base)), Some(gwp), base * gwp, factor.class)
                        }
                    }
                }
                LineKind::Gas { gas, kg, class } => {
                    let gwp = gwp_table.gwp(*gas, model.gwp, &l.path)?;
                    (Some((*gas, *kg)), Some(gwp), kg * gwp, *class)
                }
                // A supplier's total without parts carries no class split: report it apart,
                // not as fossil. With parts, its classes come from them.
                LineKind::Declared { kg_co2e, split, .. } => {
                    split_per_run = split.as_ref().map(|s| s.classes.as_slice());
                    (None, None, *kg_co2e, EmissionClass::Unsplit)
                }
                LineKind::Input { .. } => continue,
            };
            let kg_co2e = per_run * p.share * s;
            if !kg_co2e.is_finite() {
                return Err(Error::NonFiniteResult {
                    path: l.path.clone(),
                    what: "line result".into(),
                });
            }
            let scale = p.share * s;
            let split = split_per_run.map(|classes| {
                classes
                    .iter()
                    .map(|(c, v)| (*c, v * p.share * s))
                    .collect::<Box<[_]>>()
            });
            contributions.push(Contribution {
                process: pi,
                line: li,
                gas: gas.map(|(g, kg)| (g, kg * scale)),
                gwp,
                per_run_kg_co2e: per_run,
                kg_co2e,
                class,
                split,
            });
        }
    }

    let line_of = |c: &Contribution| {
        model
            .processes
            .get(c.process)
            .and_then(|p| p.lines.get(c.line))
    };
    // Every CO2e total is a canonical sum (ascending order of value) of a subset of the
    // contributions. One sort of all of them serves every subset: walking the contributions
    // in that order and adding each to its buckets adds every bucket's members in ascending
    // order, the same additions as `canonical_sum` of the bucket (values that tie under
    // `total_cmp` have the same bits). Seven sorts of the lines were a tenth of a recompute.
    let mut order: Vec<usize> = (0..contributions.len()).collect();
    order.sort_by(|&a, &b| {
        let v = |i: usize| contributions.get(i).map_or(0.0, |c| c.kg_co2e);
        v(a).total_cmp(&v(b))
    });
    // First pass, in line order: each contribution's buckets (groups in first-appearance
    // order; a line finds its group by name: no string is cloned per line), and the kg of
    // each gas (summed by their own values' order below).
    let mut groups: Vec<&str> = Vec::new();
    let mut group_index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut gas_kg: BTreeMap<Option<Gas>, Vec<f64>> = BTreeMap::new();
    let mut class_sum: BTreeMap<EmissionClass, f64> = BTreeMap::new();
    let mut gas_co2e: BTreeMap<Option<Gas>, f64> = BTreeMap::new();
    let mut buckets: Vec<Option<(usize, usize)>> = Vec::with_capacity(contributions.len());
    for c in &contributions {
        let Some(l) = line_of(c) else {
            buckets.push(None);
            continue;
        };
        let g = *group_index.entry(&*l.group).or_insert_with(|| {
            groups.push(&*l.group);
            groups.len() - 1
        });
        buckets.push(Some((l.stage, g)));
        gas_kg
            .entry(c.gas.map(|(g, _)| g))
            .or_default()
            .push(c.gas.map(|(_, kg)| kg).unwrap_or(0.0));
        gas_co2e.entry(c.gas.map(|(g, _)| g)).or_insert(0.0);
        class_sum.entry(c.class).or_insert(0.0);
    }
    // Second pass, in ascending order of kg CO2e.
    let mut total = 0.0;
    let mut stage_sum = vec![0.0; model.stages.len()];
    let mut group_sum = vec![0.0; groups.len()];
    let mut removals = 0.0;
    for &i in &order {
        let Some(c) = contributions.get(i) else {
            continue;
        };
        total += c.kg_co2e;
        let Some(Some((stage, group))) = buckets.get(i).copied() else {
            continue;
        };
        if let Some(v) = stage_sum.get_mut(stage) {
            *v += c.kg_co2e;
        }
        if let Some(v) = group_sum.get_mut(group) {
            *v += c.kg_co2e;
        }
        if let Some(v) = gas_co2e.get_mut(&c.gas.map(|(g, _)| g)) {
            *v += c.kg_co2e;
        }
        if let Some(v) = class_sum.get_mut(&c.class) {
            *v += c.kg_co2e;
        }
        if c.kg_co2e < 0.0 {
            removals += c.kg_co2e;
        }
    }
    // Every figure the result reports must be finite, not only the total: a subset can overflow
    // while the whole does not (removals cancelling it), and serde_json writes an infinity as
    // `null`, so it would reach a sealed result as a silent `null`.
    let gas_label = |g: Option<Gas>| g.map_or_else(|| "CO2e".to_string(), |g| g.to_string());
    let finite = |v: f64, what: String| -> Result<()> {
        if v.is_finite() {
            Ok(())
        } else {
            Err(Error::NonFiniteResult {
                path: "$".into(),
                what,
            })
        }
    };
    finite(total, "total".into())?;
    for (i, v) in stage_sum.iter().enumerate() {
        let name = model.stages.get(i).map_or("?", String::as_str);
        finite(*v, format!("by_stage[{name}]"))?;
    }
    for (g, v) in groups.iter().zip(&group_sum) {
        finite(*v, format!("by_component[{g}]"))?;
    }
    for (g, v) in &gas_co2e {
        finite(*v, format!("by_gas[{}]", gas_label(*g)))?;
    }
    for (c, v) in &class_sum {
        finite(*v, format!("by_class[{}]", c.name()))?;
    }
    // Declared footprints with parts add to several classes, and their uptake and removals
    // to `removals`, with values other than their contribution: those sums are canonical sums
    // of each class's values instead of the walk above (the same bits when there is no split).
    if contributions.iter().any(|c| c.split.is_some()) {
        let mut by_class: BTreeMap<EmissionClass, Vec<f64>> = BTreeMap::new();
        let mut removed = Vec::new();
        for c in &contributions {
            match &c.split {
                Some(split) => {
                    for (k, v) in split.iter() {
                        by_class.entry(*k).or_default().push(*v);
                    }
                }
                None => {
                    by_class.entry(c.class).or_default().push(c.kg_co2e);
                    if c.kg_co2e < 0.0 {
                        removed.push(c.kg_co2e);
                    }
                }
            }
        }
        for (pi, p) in model.processes.iter().enumerate() {
            let s = supply.scaling.get(pi).copied().unwrap_or(0.0);
            for l in &p.lines {
                if let LineKind::Declared {
                    split: Some(split), ..
                } = &l.kind
                {
                    for &part in crate::parts::Part::ALL {
                        if let Some(v) = split
                            .parts
                            .get(part)
                            .and_then(|v| crate::parts::removal(part, v))
                        {
                            removed.push(v * p.share * s);
                        }
                    }
                }
            }
        }
        class_sum = by_class
            .into_iter()
            .map(|(k, v)| (k, canonical_sum(v)))
            .collect();
        removals = canonical_sum(removed);
        for (c, v) in &class_sum {
            finite(*v, format!("by_class[{}]", c.name()))?;
        }
    }
    finite(removals, "removals".into())?;
    let by_gas = gas_kg
        .into_iter()
        .map(|(g, kg)| {
            let co2e = gas_co2e.get(&g).copied().unwrap_or(0.0);
            let kg = canonical_sum(kg);
            finite(kg, format!("by_gas[{}].kg", gas_label(g)))?;
            Ok((g, kg, co2e))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Footprint {
        supply,
        total,
        by_stage: stage_sum,
        by_group: groups
            .into_iter()
            .zip(group_sum)
            .map(|(g, v)| (g.to_string(), v))
            .collect(),
        by_gas,
        by_class: class_sum.into_iter().collect(),
        removals,
        contributions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-sort sums of `characterize` are `canonical_sum` of each subset, bit for bit,
    /// on values that cancel and tie (the golden cases and the reordering property check
    /// whole documents).
    /// A mean of equal values is that value, whatever the weights: the plain ratio of the
    /// canonical sums gives 2.9999999999999996 for 3 on the weights 0.1, 0.2 and 0.3 (sums
    /// 1.7999999999999998 / 0.6000000000000001), 0.12899999999999998 for 0.129.
    #[test]
    fn a_weighted_mean_of_equal_values_is_exact() {
        let ratio = |w: &[f64], v: f64| {
            canonical_sum(w.iter().map(|w| w * v).collect()) / canonical_sum(w.to_vec())
        };
        let w = [0.1, 0.2, 0.3];
        assert_eq!(ratio(&w, 3.0), 2.9999999999999996);
        assert_eq!(ratio(&w, 0.129), 0.12899999999999998);
        for v in [3.0, 0.129, 1.6, 2.4] {
            let pairs: Vec<(f64, f64)> = w.iter().map(|w| (*w, v)).collect();
            assert_eq!(weighted_mean(&pairs), Some(v), "{v}");
        }
        // A value with no weight does not count; no weight at all is no mean.
        assert_eq!(
            weighted_mean(&[(0.1, 3.0), (0.0, 5.0), (0.3, 3.0)]),
            Some(3.0)
        );
        assert_eq!(weighted_mean(&[(0.0, 3.0)]), None);
        assert_eq!(weighted_mean(&[]), None);
        // Other values: the ratio of the sums, (0.1·1 + 0.3·3) / 0.4 (2.4999999999999996).
        assert_eq!(
            weighted_mean(&[(0.1, 1.0), (0.3, 3.0)]),
            Some((0.1 * 1.0 + 0.3 * 3.0) / (0.1 + 0.3))
        );
        // Near f64::MAX: (1·4 + 0.5·2) / 1.5 = 10/3, finite.
        let m = weighted_mean(&[(1e308, 4.0), (0.5e308, 2.0)]).expect("a mean");
        assert!((m - 10.0 / 3.0).abs() < 1e-12, "{m}");
    }

    #[test]
    fn a_sorted_walk_sums_each_subset_canonically() {
        let v = [
            0.1,
            1e16,
            -1e16,
            0.2,
            0.3,
            -0.0,
            0.0,
            3.3,
            1e-300,
            -7.5,
            0.1,
            2.0_f64.powi(60),
        ];
        let mut order: Vec<usize> = (0..v.len()).collect();
        order.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
        for pick in [|i: usize| i % 2 == 0, |i: usize| i % 3 != 1, |_| true] {
            let walked = order
                .iter()
                .filter(|&&i| pick(i))
                .fold(0.0, |a, &i| a + v[i]);
            let subset: Vec<f64> = (0..v.len()).filter(|&i| pick(i)).map(|i| v[i]).collect();
            assert_eq!(walked.to_bits(), canonical_sum(subset).to_bits());
        }
    }

    #[test]
    fn canonical_sum_ignores_order() {
        let a = vec![0.1, 1e16, -1e16, 0.2, 0.3];
        let mut b = a.clone();
        b.reverse();
        assert_eq!(canonical_sum(a).to_bits(), canonical_sum(b).to_bits());
    }
}
