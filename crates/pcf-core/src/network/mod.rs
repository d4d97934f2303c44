//! Process networks: the technosphere system `A·s = f`.
//!
//! # What this module owns
//!
//! * [`Technosphere`] and [`solve`]: a pure (no I/O, no threads) sparse solver for the
//!   supply `s` (runs of each process) that meets a final demand `f`, where
//!   `A = diag(output) − inputs` and `A[supplier, consumer] −= amount`. The engine calls
//!   [`solve`]; errors are [`SolveError`] values naming the processes involved.
//! * [`mod@neutral`]: the neutral network input format, `pcf-bench-system` v1 (first defined by
//!   the shared benchmark harness, read here as a product input like any other), its
//!   `pcf-bench-result` v1 output, and [`network_json`] (read → solve → result JSON).
//!
//! # Method
//!
//! Self-consumption is folded into the diagonal: `d_j = output_j − Σ self-inputs_j`; the
//! off-diagonal inputs form `N` (`N[i][j]` = product `i` used per run of `j`, duplicates summed).
//! A process with `d_j ≤ 0` consumes everything it makes and is rejected
//! ([`SolveError::NonProductive`]).
//!
//! The graph "consumer needs supplier" is split into strongly connected components (Tarjan,
//! iterative). Components are solved consumers-first (reverse topological order), each one
//! with the requirement `b` accumulated from its already-solved consumers plus the demand:
//!
//! * a single process (the whole network when it is acyclic): `s_j = b_j / d_j`, exact up to
//!   one rounding; `O(nnz)` for the whole pass ([`SolveMethod::Topological`]);
//! * a loop: with production amounts `x = D s` the component reads `x = b + M x`,
//!   `M = N_CC D_C⁻¹`. Let `q = ‖M‖₁` (largest column sum of `|M|`, computed exactly per
//!   component). **Proof of the stopping rule**: if `q < 1` then `I − M` is invertible with
//!   `‖(I − M)⁻¹‖₁ ≤ 1/(1 − q)` (Neumann series). For any candidate `x_k`, one Jacobi step
//!   `x_{k+1} = b + M x_k` gives `x* − x_{k+1} = M (x* − x_k)` and
//!   `x* − x_k = (I − M)⁻¹ (x_{k+1} − x_k)`, hence
//!   `‖x* − x_{k+1}‖₁ ≤ q/(1 − q) · ‖x_{k+1} − x_k‖₁`. The candidates come from Gauss–Seidel
//!   sweeps in the component's reverse DFS postorder (consumers before suppliers except on
//!   loop-closing edges, so a nearly acyclic loop converges in a few sweeps; Gauss–Seidel
//!   converges when `I − M` is strictly column diagonally dominant, i.e. `q < 1`), but a
//!   result is accepted only through that Jacobi check, with
//!   `q/(1−q)·‖x_{k+1} − x_k‖₁ ≤ 10⁻¹⁴·‖x_{k+1}‖₁` ([`SolveMethod::Iterative`]). The bound is
//!   for exact arithmetic applied to the computed iterates; rounding in the last sweep adds
//!   a few ulps per entry.
//! * otherwise (`q ≥ 1`, as with mixed units, or no convergence within 400 sweeps or
//!   stagnation at the round-off floor): direct sparse LU of the component with faer
//!   (COLAMD ordering, partial pivoting, one refinement step, residual and condition checks;
//!   [`SolveMethod::DirectLu`]). A structurally or numerically singular component, or one
//!   with an estimated condition number above 10¹², is [`SolveError::Singular`].
//!
//! A component with `q < 1` and zero requirement has the zero solution (proven
//! non-singular) and costs nothing; a `q ≥ 1` component is always factorised, so singular
//! loops are reported whatever the demand. Negative supply (possible with negative inputs,
//! negative demand or a loop that amplifies itself) is [`SolveError::NonProductive`],
//! non-finite supply [`SolveError::NotFinite`]: never a wrong number.
//!
//! # Summation order (determinism)
//!
//! Same input, same bits: no hashing in numeric paths, no threads. Duplicated exchanges are
//! summed in input order (a stable sort by supplier within each consumer). A requirement
//! `b_i` accumulates `amount·s_j` in the order consumers are solved (components in reverse
//! Tarjan order, visiting processes in index order; within a component, reverse postorder);
//! Gauss–Seidel rows sum their consumers in that same local order. In [`mod@neutral`], inventory
//! `g_k = Σ amount_e·s_p(e)` sums emission entries in document order, and
//! `score = Σ_k c_k·g_k` sums gases in the order of the `gases` list.

mod direct;
mod iterative;
pub mod neutral;
mod scc;

use serde::Serialize;

/// One technosphere input: `amount` units of `supplier`'s product used per run of `consumer`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Exchange {
    /// Index of the process whose product is used.
    pub supplier: usize,
    /// Index of the process that uses it.
    pub consumer: usize,
    /// Units of the supplier's product per run of the consumer.
    pub amount: f64,
}

/// The technosphere matrix `A = diag(output) − inputs`, stored for solving: diagonal after
/// self-consumption, and the off-diagonal inputs by consumer (compressed columns, suppliers
/// ascending, duplicates summed).
#[derive(Debug, Clone)]
pub struct Technosphere {
    n: usize,
    /// `output − self-consumption`.
    diag: Vec<f64>,
    /// Inputs of consumer `j`: `supplier[col_ptr[j]..col_ptr[j+1]]`, same range of `amount`.
    col_ptr: Vec<usize>,
    supplier: Vec<u32>,
    amount: Vec<f64>,
    /// Processes with a non-finite output or input amount (sorted, unique).
    not_finite: Vec<usize>,
    /// Indices (into the `exchanges` given to `new`) naming a process `>= n`.
    out_of_range: Vec<usize>,
}

impl Technosphere {
    /// Builds the matrix. `outputs[i]` = units of product `i` made per run of process `i`
    /// (must be > 0). `exchanges`: duplicates are summed; `supplier == consumer` is
    /// self-consumption, subtracted from the diagonal.
    ///
    /// Never panics: exchanges naming a process index `>= outputs.len()` and non-finite
    /// numbers are recorded and reported by [`solve`] as errors.
    #[allow(
        clippy::indexing_slicing,
        reason = "every index is < n: `diag` has n entries, `count`/`fill` n + 1; an exchange \
                  is only used after `supplier < n && consumer < n` was checked; `fill[c]` \
                  stays within `count[c]..count[c + 1]` ⊆ 0..total = entries.len() because \
                  the second pass places exactly the exchanges the first counted"
    )]
    pub fn new(outputs: Vec<f64>, exchanges: &[Exchange]) -> Technosphere {
        let n = outputs.len();
        let mut diag = outputs;
        let mut not_finite: Vec<usize> = (diag.iter().enumerate())
            .filter(|(_, d)| !d.is_finite())
            .map(|(i, _)| i)
            .collect();
        let mut out_of_range = Vec::new();
        let too_many = n >= u32::MAX as usize;

        // Count inputs per consumer (self-consumption goes to the diagonal).
        let mut count = vec![0usize; n + 1];
        for (k, e) in exchanges.iter().enumerate() {
            if too_many || e.supplier >= n || e.consumer >= n {
                out_of_range.push(k);
                continue;
            }
            if !e.amount.is_finite() {
                not_finite.push(e.consumer);
            }
            if e.supplier == e.consumer {
                diag[e.consumer] -= e.amount;
            } else {
                count[e.consumer + 1] += 1;
            }
        }
        for j in 0..n {
            count[j + 1] += count[j];
        }
        let total = count[n];
        let mut fill = count.clone();
        let mut entries: Vec<(u32, f64)> = vec![(0, 0.0); total];
        for e in exchanges {
            if too_many || e.supplier >= n || e.consumer >= n || e.supplier == e.consumer {
                continue;
            }
            let slot = &mut fill[e.consumer];
            entries[*slot] = (e.supplier as u32, e.amount);
            *slot += 1;
        }
        // Sort each column by supplier (stable: duplicates keep input order) and sum them.
        let mut col_ptr = Vec::with_capacity(n + 1);
        let mut supplier = Vec::with_capacity(total);
        let mut amount = Vec::with_capacity(total);
        col_ptr.push(0);
        for j in 0..n {
            let col = &mut entries[count[j]..count[j + 1]];
            if !col.windows(2).all(|w| w[0].0 <= w[1].0) {
                col.sort_by_key(|e| e.0);
            }
            let mut k = 0;
            while k < col.len() {
                let (s, mut a) = col[k];
                k += 1;
                while k < col.len() && col[k].0 == s {
                    a += col[k].1;
                    k += 1;
                }
                supplier.push(s);
                amount.push(a);
            }
            col_ptr.push(supplier.len());
        }
        // A diagonal can overflow once self-consumption is subtracted (an output of 1e308
        // less a self-exchange of -1e308): infinite, it would pass the productivity check and
        // make that process's supply a silent 0.
        not_finite.extend(
            diag.iter()
                .enumerate()
                .filter(|(_, d)| !d.is_finite())
                .map(|(i, _)| i),
        );
        not_finite.sort_unstable();
        not_finite.dedup();
        Technosphere {
            n,
            diag,
            col_ptr,
            supplier,
            amount,
            not_finite,
            out_of_range,
        }
    }

    /// Number of processes (= products).
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when there are no processes.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Number of stored off-diagonal inputs (after summing duplicates).
    pub fn input_count(&self) -> usize {
        self.supplier.len()
    }

    /// Inputs of consumer `j` as parallel slices (supplier, amount).
    fn inputs(&self, j: usize) -> (&[u32], &[f64]) {
        (
            span(&self.col_ptr, &self.supplier, j),
            span(&self.col_ptr, &self.amount, j),
        )
    }
}

/// Entry `j` of a compressed (column or row) matrix: `values[ptr[j]..ptr[j + 1]]`; empty when
/// `j` or the pointers are out of range, which never happens for the matrices this module
/// builds (their pointers are cumulative counts ending at `values.len()`).
#[inline]
fn span<'a, T>(ptr: &[usize], values: &'a [T], j: usize) -> &'a [T] {
    match (ptr.get(j), ptr.get(j + 1)) {
        (Some(&a), Some(&b)) => values.get(a..b).unwrap_or(&[]),
        _ => &[],
    }
}

/// How the supply was computed (the most general method any part of the network needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SolveMethod {
    /// The network is acyclic (self-consumption allowed): one exact topological pass.
    Topological,
    /// Some loops, all solved by Gauss–Seidel sweeps with a proven error bound.
    Iterative {
        /// Sweeps over all loops, verification sweeps included.
        sweeps: usize,
    },
    /// At least one loop needed the direct sparse LU.
    DirectLu,
}

/// The solution of `A·s = f`.
#[derive(Debug, Clone, PartialEq)]
pub struct Supply {
    /// Runs of each process (`s`), indexed like the technosphere.
    pub scaling: Vec<f64>,
    /// How it was computed.
    pub method: SolveMethod,
}

/// Why a network has no usable solution. Process lists are sorted indices.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SolveError {
    /// Processes that consume at least all they make themselves (diagonal ≤ 0 after
    /// self-consumption), or that would need negative production to meet the demand.
    #[error("the network is not productive: these processes consume all they make or would need negative production")]
    NonProductive {
        /// The processes.
        processes: Vec<usize>,
    },
    /// A loop whose matrix is singular (or too ill-conditioned to give a meaningful answer).
    #[error("a loop of processes has no unique solution (singular or near-singular)")]
    Singular {
        /// All processes of the loop.
        processes: Vec<usize>,
    },
    /// A loop without a convergence proof for the iteration, in a build without the direct
    /// solver (the page's lean WASM, built without the `direct-solver` feature).
    #[error("a loop of processes needs the direct sparse solver, which this build leaves out for size: compute it with the pcf command line or the full WASM package")]
    DirectSolverUnavailable {
        /// All processes of the loop.
        processes: Vec<usize>,
    },
    /// A non-finite input (output, amount or demand) or a supply that overflowed.
    #[error("non-finite number in the network or its supply")]
    NotFinite {
        /// The processes concerned.
        processes: Vec<usize>,
    },
    /// The call itself is malformed: an exchange names a process index out of range, or the
    /// demand does not have one entry per process. Not reachable from a validated document.
    #[error("invalid network input: {detail}")]
    InvalidInput {
        /// What is wrong.
        detail: String,
    },
}

impl SolveError {
    /// The processes the error names (empty for [`SolveError::InvalidInput`]).
    pub fn processes(&self) -> &[usize] {
        match self {
            SolveError::NonProductive { processes }
            | SolveError::Singular { processes }
            | SolveError::DirectSolverUnavailable { processes }
            | SolveError::NotFinite { processes } => processes,
            SolveError::InvalidInput { .. } => &[],
        }
    }

    /// Converts to the crate error [`crate::error::Error::UnsolvableNetwork`] at `path`, naming the
    /// processes with `id_of(index)`.
    pub fn to_error(&self, path: &str, id_of: impl Fn(usize) -> String) -> crate::error::Error {
        crate::error::Error::UnsolvableNetwork {
            path: path.to_string(),
            detail: self.to_string(),
            processes: self.processes().iter().map(|&i| id_of(i)).collect(),
        }
    }
}

/// Which solver loops may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strategy {
    Auto,
    DirectOnly,
}

/// Solves `A·s = f` for the demand `f` (one entry per process). See the module docs for the
/// method, its convergence proof and its summation order.
pub fn solve(tech: &Technosphere, demand: &[f64]) -> Result<Supply, SolveError> {
    solve_with(tech, demand, Strategy::Auto)
}

/// Like [`solve`], but every loop goes to the direct LU (for benchmarks and cross-checks).
#[doc(hidden)]
pub fn solve_direct(tech: &Technosphere, demand: &[f64]) -> Result<Supply, SolveError> {
    solve_with(tech, demand, Strategy::DirectOnly)
}

#[allow(
    clippy::indexing_slicing,
    reason = "`y`, `s`, `local`, `demand`, `tech.diag` and `comps.comp_of` have n entries \
              (n = tech.n, demand.len() checked above); every index is a process id: a \
              component member (tarjan only emits ids < n) or a supplier id of `tech` \
              (`Technosphere::new` stores only ids < n, else `out_of_range` returned above); \
              `l` enumerates `members`, and x/sv have members.len() entries (both solvers \
              return exactly b.len() = members.len() values)"
)]
fn solve_with(
    tech: &Technosphere,
    demand: &[f64],
    strategy: Strategy,
) -> Result<Supply, SolveError> {
    let n = tech.n;
    if let Some(&k) = tech.out_of_range.first() {
        return Err(SolveError::InvalidInput {
            detail: format!(
                "exchange {k} names a process index outside 0..{n} ({} such exchanges)",
                tech.out_of_range.len()
            ),
        });
    }
    if demand.len() != n {
        return Err(SolveError::InvalidInput {
            detail: format!("the demand has {} entries for {n} processes", demand.len()),
        });
    }
    let mut bad = tech.not_finite.clone();
    bad.extend((0..n).filter(|&i| !demand[i].is_finite()));
    if !bad.is_empty() {
        bad.sort_unstable();
        bad.dedup();
        return Err(SolveError::NotFinite { processes: bad });
    }
    let non_productive: Vec<usize> = (0..n)
        .filter(|&i| tech.diag[i].is_nan() || tech.diag[i] <= 0.0)
        .collect();
    if !non_productive.is_empty() {
        return Err(SolveError::NonProductive {
            processes: non_productive,
        });
    }

    let comps = scc::tarjan(n, &tech.col_ptr, &tech.supplier);
    let mut y = demand.to_vec(); // requirement (units of product) accumulated so far
    let mut s = vec![0.0; n];
    let mut sweeps_total = 0usize;
    let mut any_loop = false;
    let mut any_lu = false;
    // Local index of each process within its component (valid for the current one only).
    let mut local = vec![0u32; n];

    for c in (0..comps.count()).rev() {
        let members = comps.members(c);
        if let [j] = members {
            // Trivial component: exact.
            let j = *j as usize;
            let sj = y[j] / tech.diag[j];
            s[j] = sj;
            if sj != 0.0 {
                let (sup, amt) = tech.inputs(j);
                for (&i, &a) in sup.iter().zip(amt) {
                    y[i as usize] += a * sj;
                }
            }
            continue;
        }
        any_loop = true;
        let c32 = c as u32;
        for (l, &v) in members.iter().enumerate() {
            local[v as usize] = l as u32;
        }
        let b: Vec<f64> = members.iter().map(|&v| y[v as usize]).collect();
        let zero_rhs = b.iter().all(|&v| v == 0.0);

        // q = max column sum of |M| within the component.
        let mut q: f64 = 0.0;
        for &j in members {
            let j = j as usize;
            let (sup, amt) = tech.inputs(j);
            let col: f64 = sup
                .iter()
                .zip(amt)
                .filter(|(&i, _)| comps.comp_of[i as usize] == c32)
                .map(|(_, &a)| a.abs())
                .sum();
            q = q.max(col / tech.diag[j]);
        }

        let mut x_solution: Option<Vec<f64>> = None; // production amounts
        let mut s_solution: Option<Vec<f64>> = None; // runs
        if strategy == Strategy::Auto && q < 1.0 {
            if zero_rhs {
                x_solution = Some(vec![0.0; members.len()]);
            } else {
                let rows = local_rows(tech, &comps, c32, members, &local);
                match iterative::solve(&rows, &b, q) {
                    Ok((x, sw)) => {
                        sweeps_total += sw;
                        x_solution = Some(x);
                    }
                    Err(sw) => sweeps_total += sw,
                }
            }
        }
        if x_solution.is_none() {
            any_lu = true;
            let mat = local_matrix(tech, &comps, c32, members, &local);
            match direct::solve_component(&mat, &b) {
                Ok(sol) => s_solution = Some(sol),
                Err(failure) => {
                    let mut processes: Vec<usize> = members.iter().map(|&v| v as usize).collect();
                    processes.sort_unstable();
                    return Err(match failure {
                        direct::DirectFailure::Singular => SolveError::Singular { processes },
                        direct::DirectFailure::Unavailable => {
                            SolveError::DirectSolverUnavailable { processes }
                        }
                    });
                }
            }
        }
        for (l, &v) in members.iter().enumerate() {
            let v = v as usize;
            s[v] = match (&x_solution, &s_solution) {
                (Some(x), _) => x[l] / tech.diag[v],
                (None, Some(sv)) => sv[l],
                (None, None) => 0.0,
            };
        }
        // Push the component's needs to suppliers outside it.
        for &j in members {
            let j = j as usize;
            let sj = s[j];
            if sj == 0.0 {
                continue;
            }
            let (sup, amt) = tech.inputs(j);
            for (&i, &a) in sup.iter().zip(amt) {
                if comps.comp_of[i as usize] != c32 {
                    y[i as usize] += a * sj;
                }
            }
        }
    }

    let not_finite: Vec<usize> = (0..n).filter(|&i| !s[i].is_finite()).collect();
    if !not_finite.is_empty() {
        return Err(SolveError::NotFinite {
            processes: not_finite,
        });
    }
    let negative: Vec<usize> = (0..n).filter(|&i| s[i] < 0.0).collect();
    if !negative.is_empty() {
        return Err(SolveError::NonProductive {
            processes: negative,
        });
    }
    let method = if any_lu {
        SolveMethod::DirectLu
    } else if any_loop {
        SolveMethod::Iterative {
            sweeps: sweeps_total,
        }
    } else {
        SolveMethod::Topological
    };
    Ok(Supply { scaling: s, method })
}

/// `M = N_CC D_C⁻¹` of component `c` by rows (suppliers), consumers in local order.
#[allow(
    clippy::indexing_slicing,
    reason = "supplier ids and members are < n = comp_of.len() = diag.len() = local.len() \
              (see `solve_with`); a supplier in component c is a member, so its local index \
              is < m and `row_ptr` (m + 1 entries) holds it; `fill[il]` stays below \
              `row_ptr[il + 1]` ≤ nnz because the second pass places what the first counted"
)]
fn local_rows(
    tech: &Technosphere,
    comps: &scc::Components,
    c: u32,
    members: &[u32],
    local: &[u32],
) -> iterative::LocalRows {
    let m = members.len();
    let mut row_ptr = vec![0usize; m + 1];
    for &j in members {
        let (sup, _) = tech.inputs(j as usize);
        for &i in sup {
            if comps.comp_of[i as usize] == c {
                row_ptr[local[i as usize] as usize + 1] += 1;
            }
        }
    }
    for i in 0..m {
        row_ptr[i + 1] += row_ptr[i];
    }
    let nnz = row_ptr[m];
    let mut fill = row_ptr.clone();
    let mut col_idx = vec![0u32; nnz];
    let mut values = vec![0.0; nnz];
    for (jl, &j) in members.iter().enumerate() {
        let j = j as usize;
        let d = tech.diag[j];
        let (sup, amt) = tech.inputs(j);
        for (&i, &a) in sup.iter().zip(amt) {
            if comps.comp_of[i as usize] == c {
                let il = local[i as usize] as usize;
                let slot = fill[il];
                col_idx[slot] = jl as u32;
                values[slot] = a / d;
                fill[il] += 1;
            }
        }
    }
    iterative::LocalRows {
        n: m,
        row_ptr,
        col_idx,
        values,
    }
}

/// `A_C = D_C − N_CC` of component `c` in compressed columns (local indices).
#[allow(
    clippy::indexing_slicing,
    reason = "member and supplier ids are < n = diag.len() = comp_of.len() = local.len() \
              (see `solve_with`)"
)]
fn local_matrix(
    tech: &Technosphere,
    comps: &scc::Components,
    c: u32,
    members: &[u32],
    local: &[u32],
) -> direct::LocalMatrix {
    let mut col_ptr = Vec::with_capacity(members.len() + 1);
    let mut row_idx = Vec::new();
    let mut values = Vec::new();
    col_ptr.push(0);
    for (jl, &j) in members.iter().enumerate() {
        let j = j as usize;
        row_idx.push(jl);
        values.push(tech.diag[j]);
        let (sup, amt) = tech.inputs(j);
        for (&i, &a) in sup.iter().zip(amt) {
            if comps.comp_of[i as usize] == c {
                row_idx.push(local[i as usize] as usize);
                values.push(-a);
            }
        }
        col_ptr.push(row_idx.len());
    }
    direct::LocalMatrix {
        n: members.len(),
        col_ptr,
        row_idx,
        values,
    }
}

/// Reads a `pcf-bench-system` v1 document, solves it and returns the `pcf-bench-result` v1
/// JSON (compact). `input_name` goes into the result's `input` field.
pub fn network_json(text: &str, input_name: &str) -> crate::error::Result<String> {
    let sys = neutral::read_bench_system(text)?;
    let result = neutral::solve_bench(&sys, input_name)?;
    serde_json::to_string(&result).map_err(|e| crate::error::Error::NonFiniteResult {
        path: "$".to_string(),
        what: format!("result serialisation: {e}"),
    })
}

#[cfg(all(test, feature = "direct-solver"))]
mod tests;

/// The lean build (no `direct-solver`): a loop the iteration proves gives its number, a loop
/// it cannot prove is an error naming the loop's processes. Run by `scripts/test.sh` with
/// `cargo test --no-default-features --lib network::`.
#[cfg(all(test, not(feature = "direct-solver")))]
mod lean_tests {
    use super::*;

    fn ex(supplier: usize, consumer: usize, amount: f64) -> Exchange {
        Exchange {
            supplier,
            consumer,
            amount,
        }
    }

    #[test]
    fn a_proven_loop_is_solved_without_the_direct_solver() {
        // 2·s0 − 0.2·s1 = 1, s1 − 0.5·s0 = 0 → s0 = 10/19, s1 = 5/19 (as in tests.rs).
        let tech = Technosphere::new(vec![2.0, 1.0], &[ex(1, 0, 0.5), ex(0, 1, 0.2)]);
        let sup = solve(&tech, &[1.0, 0.0]).expect("the iteration proves this loop");
        assert!(matches!(sup.method, SolveMethod::Iterative { .. }));
        assert!((sup.scaling[0] - 10.0 / 19.0).abs() <= 1e-12 * (10.0 / 19.0));
        assert!((sup.scaling[1] - 5.0 / 19.0).abs() <= 1e-12 * (5.0 / 19.0));
    }

    #[test]
    fn a_loop_without_proof_is_an_error_not_a_number() {
        // Column sum 3 (mixed units): the direct solver's case in tests.rs.
        let tech = Technosphere::new(vec![1.0, 1.0], &[ex(1, 0, 3.0), ex(0, 1, 0.1)]);
        match solve(&tech, &[1.0, 0.0]) {
            Err(SolveError::DirectSolverUnavailable { processes }) => {
                assert_eq!(processes, vec![0, 1])
            }
            other => panic!("expected DirectSolverUnavailable, got {other:?}"),
        }
        let e = solve(&tech, &[1.0, 0.0])
            .expect_err("no direct solver")
            .to_error("$.components", |i| format!("p{i}"));
        assert_eq!(e.code(), "unsolvable_network");
    }
}
