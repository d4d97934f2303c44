//! Direct sparse LU (faer) of one strongly connected component: the fallback when the
//! iteration has no convergence proof (input-coefficient column sum ≥ 1) or does not reach the
//! tolerance.
//!
//! faer factorises with a fill-reducing column ordering (COLAMD) and partial row pivoting,
//! sequentially (no rayon feature, so no threads and the same bits on every run). The
//! factorisation is followed by one step of iterative refinement. A structurally singular
//! matrix, a zero pivot (non-finite solution) or a residual that refinement cannot bring near
//! round-off all count as singular.

#[cfg(feature = "direct-solver")]
use faer::linalg::solvers::Solve;
#[cfg(feature = "direct-solver")]
use faer::sparse::{SparseColMat, Triplet};
#[cfg(feature = "direct-solver")]
use faer::Mat;

/// The component's matrix `A_C = D_C − N_CC` in compressed columns: column `j` (a consumer,
/// local index) holds `(row, value)` pairs, the diagonal included.
pub(crate) struct LocalMatrix {
    pub n: usize,
    pub col_ptr: Vec<usize>,
    pub row_idx: Vec<usize>,
    pub values: Vec<f64>,
}

/// Why the direct solve failed.
pub(crate) enum DirectFailure {
    /// The matrix is (numerically) singular.
    #[cfg_attr(not(feature = "direct-solver"), allow(dead_code))]
    Singular,
    /// This build has no direct solver (feature `direct-solver` off: the page's lean WASM).
    #[cfg_attr(feature = "direct-solver", allow(dead_code))]
    Unavailable,
}

/// Without the `direct-solver` feature a loop the iteration cannot prove is an error, never
/// a different number: builds with and without the feature agree on every result they give.
#[cfg(not(feature = "direct-solver"))]
pub(crate) fn solve_component(_a: &LocalMatrix, _b: &[f64]) -> Result<Vec<f64>, DirectFailure> {
    Err(DirectFailure::Unavailable)
}

#[cfg_attr(not(feature = "direct-solver"), allow(dead_code))]
impl LocalMatrix {
    fn matvec(&self, x: &[f64], out: &mut [f64]) {
        out.iter_mut().for_each(|v| *v = 0.0);
        for (j, &xj) in x.iter().enumerate().take(self.n) {
            let rows = super::span(&self.col_ptr, &self.row_idx, j);
            for (&i, &v) in rows.iter().zip(super::span(&self.col_ptr, &self.values, j)) {
                if let Some(o) = out.get_mut(i) {
                    *o += v * xj;
                }
            }
        }
    }

    /// ‖A‖₁ (max absolute column sum).
    fn norm1(&self) -> f64 {
        (0..self.n)
            .map(|j| {
                super::span(&self.col_ptr, &self.values, j)
                    .iter()
                    .map(|v| v.abs())
                    .sum::<f64>()
            })
            .fold(0.0, f64::max)
    }
}

/// Solves `A_C x = b` for one component. The transpose `A_Cᵀ` is what gets factorised (the
/// orientation Brightway also uses: far less fill-in on supply-chain matrices, whose columns
/// are consumers with a handful of inputs), and the system is solved with the transposed
/// factors.
#[cfg(feature = "direct-solver")]
pub(crate) fn solve_component(a: &LocalMatrix, b: &[f64]) -> Result<Vec<f64>, DirectFailure> {
    let n = a.n;
    if b.len() != n || a.col_ptr.len() != n + 1 {
        return Err(DirectFailure::Singular);
    }
    // Aᵀ as triplets: entry (i, j) of A becomes (j, i).
    let mut triplets = Vec::with_capacity(a.values.len());
    for j in 0..n {
        let rows = super::span(&a.col_ptr, &a.row_idx, j);
        for (&i, &v) in rows.iter().zip(super::span(&a.col_ptr, &a.values, j)) {
            triplets.push(Triplet::new(j, i, v));
        }
    }
    let at = SparseColMat::<usize, f64>::try_new_from_triplets(n, n, &triplets)
        .map_err(|_| DirectFailure::Singular)?;
    let lu = at.sp_lu().map_err(|_| DirectFailure::Singular)?;

    let mut x = Mat::<f64>::from_fn(n, 1, |i, _| b.get(i).copied().unwrap_or(0.0));
    lu.solve_transpose_in_place(x.as_mut());
    let mut s: Vec<f64> = x.col_as_slice(0).to_vec();
    if s.iter().any(|v| !v.is_finite()) {
        return Err(DirectFailure::Singular);
    }

    // One step of iterative refinement: r = b − A s, s += A⁻¹ r.
    let mut ax = vec![0.0; n];
    a.matvec(&s, &mut ax);
    let mut r = Mat::<f64>::from_fn(n, 1, |i, _| match (b.get(i), ax.get(i)) {
        (Some(bi), Some(ai)) => bi - ai,
        _ => 0.0,
    });
    lu.solve_transpose_in_place(r.as_mut());
    for (si, ri) in s.iter_mut().zip(r.col_as_slice(0)) {
        *si += ri;
    }
    if s.iter().any(|v| !v.is_finite()) {
        return Err(DirectFailure::Singular);
    }

    // Backward-error check: ‖b − A s‖₁ ≤ 1e-8 (‖A‖₁‖s‖₁ + ‖b‖₁). A nonsingular matrix solved
    // by a stable LU is many orders below this; a singular one that slipped through with
    // a tiny rounded pivot is not.
    a.matvec(&s, &mut ax);
    let res: f64 = b.iter().zip(&ax).map(|(bi, ai)| (bi - ai).abs()).sum();
    let sn: f64 = s.iter().map(|v| v.abs()).sum();
    let bn: f64 = b.iter().map(|v| v.abs()).sum();
    let bound = 1e-8 * (a.norm1() * sn + bn);
    if res.is_nan() || res > bound {
        return Err(DirectFailure::Singular);
    }

    // Condition: a singular matrix whose zero pivot rounded to a tiny non-zero one passes
    // the residual check with a huge, meaningless solution. Hager's estimate of ‖A⁻¹‖₁ (at
    // most five solve pairs with the existing factors) catches it.
    let inv_norm = inverse_norm1_estimate(&lu, n);
    let cond = a.norm1() * inv_norm;
    if cond.is_nan() || cond > MAX_CONDITION {
        return Err(DirectFailure::Singular);
    }
    Ok(s)
}

/// Components whose estimated 1-norm condition number exceeds this are reported singular:
/// their solution would have fewer than about four correct digits.
#[cfg(feature = "direct-solver")]
pub(crate) const MAX_CONDITION: f64 = 1e12;

/// Hager–Higham estimate of ‖A⁻¹‖₁ given the LU factors of Aᵀ (so `solve_transpose` applies
/// A⁻¹ and `solve` applies A⁻ᵀ).
#[cfg(feature = "direct-solver")]
fn inverse_norm1_estimate(lu: &faer::sparse::linalg::solvers::Lu<usize, f64>, n: usize) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let mut x = Mat::<f64>::from_fn(n, 1, |_, _| 1.0 / n as f64);
    let mut est = 0.0;
    let mut last_j = usize::MAX;
    for _ in 0..5 {
        let mut y = x.clone();
        lu.solve_transpose_in_place(y.as_mut());
        let y_norm: f64 = (0..n).map(|i| y[(i, 0)].abs()).sum();
        if !y_norm.is_finite() {
            return f64::INFINITY;
        }
        est = f64::max(est, y_norm);
        let mut z = Mat::<f64>::from_fn(n, 1, |i, _| if y[(i, 0)] >= 0.0 { 1.0 } else { -1.0 });
        lu.solve_in_place(z.as_mut());
        let mut j = 0;
        let mut zmax = -1.0;
        let mut ztx = 0.0;
        for i in 0..n {
            let zi = z[(i, 0)];
            ztx += zi * x[(i, 0)];
            if zi.abs() > zmax {
                zmax = zi.abs();
                j = i;
            }
        }
        if !zmax.is_finite() {
            return f64::INFINITY;
        }
        if zmax <= ztx || j == last_j {
            break;
        }
        last_j = j;
        x = Mat::<f64>::from_fn(n, 1, |i, _| if i == j { 1.0 } else { 0.0 });
    }
    est
}
