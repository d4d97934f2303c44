//! Gauss–Seidel sweeps with a Jacobi residual check, for one strongly connected component.
//!
//! Unknowns are production amounts `x = D s` (units of product, not runs), which turns
//! `(D − N) s = b` into `x = b + M x` with `M = N D⁻¹`: `M[i][j]` is the amount of product `i`
//! needed per unit of product `j`. The sweeps only produce candidates; acceptance rests on the
//! proof in the module docs of [`crate::network`].

/// `M` restricted to the component, by rows: row `i` (a supplier, local index) lists its
/// consumers `j` in the component with `M[i][j]`.
pub(crate) struct LocalRows {
    pub n: usize,
    pub row_ptr: Vec<usize>,
    pub col_idx: Vec<u32>,
    pub values: Vec<f64>,
}

/// Relative tolerance of the proven 1-norm error bound: accept `x` when
/// `‖x* − x‖₁ ≤ TOLERANCE · ‖x‖₁` is proven.
pub(crate) const TOLERANCE: f64 = 1e-14;
/// Sweeps after which the direct solver takes over.
pub(crate) const MAX_SWEEPS: usize = 400;
/// Sweeps without progress after which the direct solver takes over (round-off floor).
const MAX_STAGNANT: usize = 8;

impl LocalRows {
    /// `b[i] + Σ_j M[i][j] x[j]`, summed in stored order (consumers by local index).
    #[inline]
    fn row(&self, i: usize, b: f64, x: &[f64]) -> f64 {
        let mut acc = b;
        let (cols, vals) = (
            super::span(&self.row_ptr, &self.col_idx, i),
            super::span(&self.row_ptr, &self.values, i),
        );
        for (&j, &m) in cols.iter().zip(vals) {
            acc += m * x.get(j as usize).copied().unwrap_or(0.0);
        }
        acc
    }
}

/// Result of [`solve`]: the accepted production amounts and the sweeps spent, or the sweeps
/// spent before giving up.
pub(crate) type Outcome = Result<(Vec<f64>, usize), usize>;

/// Solves `x = b + M x` given `q = ‖M‖₁ < 1`.
pub(crate) fn solve(m: &LocalRows, b: &[f64], q: f64) -> Outcome {
    let n = m.n;
    if q.is_nan() || q >= 1.0 || b.len() != n || m.row_ptr.len() != n + 1 {
        return Err(0);
    }
    let factor = q / (1.0 - q);
    let mut x = b.to_vec();
    let mut next = vec![0.0; n];
    let mut sweeps = 0usize;
    let mut best_delta = f64::INFINITY;
    let mut stagnant = 0usize;
    while sweeps < MAX_SWEEPS {
        // Gauss–Seidel sweep (in place, rows in the component's reverse postorder).
        let mut delta = 0.0;
        let mut norm = 0.0;
        for (i, &bi) in b.iter().enumerate() {
            let new = m.row(i, bi, &x);
            if let Some(xi) = x.get_mut(i) {
                delta += (new - *xi).abs();
                *xi = new;
            }
            norm += new.abs();
        }
        sweeps += 1;
        if !(delta.is_finite() && norm.is_finite()) {
            return Err(sweeps);
        }
        if factor * delta <= TOLERANCE * norm {
            // Verification: one Jacobi step x' = b + M x. Its change r = x' − x is the
            // residual of x, and ‖x* − x'‖₁ ≤ q/(1−q)·‖r‖₁ (module docs).
            let mut r = 0.0;
            let mut norm2 = 0.0;
            for (i, (out, (&bi, &xi))) in next.iter_mut().zip(b.iter().zip(&x)).enumerate() {
                let v = m.row(i, bi, &x);
                r += (v - xi).abs();
                norm2 += v.abs();
                *out = v;
            }
            sweeps += 1;
            std::mem::swap(&mut x, &mut next);
            if factor * r <= TOLERANCE * norm2 {
                return Ok((x, sweeps));
            }
        }
        if delta < best_delta {
            best_delta = delta;
            stagnant = 0;
        } else {
            stagnant += 1;
            if stagnant >= MAX_STAGNANT {
                return Err(sweeps);
            }
        }
    }
    Err(sweeps)
}
