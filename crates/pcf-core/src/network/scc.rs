//! Strongly connected components of the "consumer needs supplier" graph (Tarjan, iterative).
//!
//! The walk is iterative (an explicit call stack), so a supply chain 100,000 links deep cannot
//! overflow the thread's stack. Everything is visited in index order, so the decomposition is
//! a pure function of the graph.

/// The components in the order Tarjan completes them: every component comes after all the
/// components it reaches, i.e. suppliers before their consumers. Solving therefore walks the
/// components in reverse.
pub(crate) struct Components {
    /// Component id of each process.
    pub comp_of: Vec<u32>,
    /// `members[start[c]..start[c + 1]]` are the processes of component `c`, in reverse
    /// postorder of the depth-first walk: apart from the walk's back edges, a consumer comes
    /// before the suppliers it needs, which is the order Gauss–Seidel sweeps want.
    pub members: Vec<u32>,
    /// Offsets into `members`, `len = components + 1`.
    pub start: Vec<usize>,
}

impl Components {
    /// Number of components.
    pub fn count(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// Processes of component `c` (empty if `c` is out of range).
    pub fn members(&self, c: usize) -> &[u32] {
        match (self.start.get(c), self.start.get(c + 1)) {
            (Some(&a), Some(&b)) => self.members.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

const UNVISITED: u32 = u32::MAX;

/// Tarjan's algorithm on the graph with an edge `j -> col_idx[k]` for every
/// `k in col_ptr[j]..col_ptr[j + 1]`. Indices are `< n` by construction of the caller
/// (out-of-range ones are skipped, never indexed).
#[allow(
    clippy::indexing_slicing,
    reason = "`index`, `low`, `on_stack` and `comp_of` have n entries; every index into \
              them is a `root < n`, a `w` checked `< n` before use, or a vertex taken from \
              `call`/`stack`, which only ever receive such roots and `w`s"
)]
pub(crate) fn tarjan(n: usize, col_ptr: &[usize], row_idx: &[u32]) -> Components {
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut call: Vec<(u32, usize)> = Vec::new();
    let mut comp_of = vec![UNVISITED; n];
    let mut postorder: Vec<u32> = Vec::with_capacity(n);
    let mut sizes: Vec<usize> = Vec::new();
    let mut counter: u32 = 0;

    let edges = |v: usize| -> (usize, usize) {
        let a = col_ptr.get(v).copied().unwrap_or(0);
        let b = col_ptr.get(v + 1).copied().unwrap_or(a);
        (a, b)
    };

    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        stack.push(root as u32);
        on_stack[root] = true;
        call.push((root as u32, edges(root).0));

        while let Some(top) = call.last_mut() {
            let v = top.0 as usize;
            let end = edges(v).1;
            if top.1 < end {
                let w = row_idx.get(top.1).map_or(usize::MAX, |&w| w as usize);
                top.1 += 1;
                if w >= n {
                    continue;
                }
                if index[w] == UNVISITED {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    stack.push(w as u32);
                    on_stack[w] = true;
                    call.push((w as u32, edges(w).0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            // v is finished.
            call.pop();
            postorder.push(v as u32);
            if let Some(parent) = call.last() {
                let p = parent.0 as usize;
                low[p] = low[p].min(low[v]);
            }
            if low[v] == index[v] {
                let c = sizes.len() as u32;
                let mut size = 0;
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    comp_of[w as usize] = c;
                    size += 1;
                    if w as usize == v {
                        break;
                    }
                }
                sizes.push(size);
            }
        }
    }

    // Bucket the processes by component, each bucket in reverse postorder.
    let mut start = Vec::with_capacity(sizes.len() + 1);
    let mut acc = 0usize;
    start.push(0);
    for &s in &sizes {
        acc += s;
        start.push(acc);
    }
    let mut fill: Vec<usize> = start.clone();
    let mut members = vec![0u32; n];
    for &v in postorder.iter().rev() {
        let c = comp_of[v as usize] as usize;
        if let Some(slot) = fill.get_mut(c) {
            if let Some(m) = members.get_mut(*slot) {
                *m = v;
            }
            *slot += 1;
        }
    }
    Components {
        comp_of,
        members,
        start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_come_suppliers_first_and_loops_are_grouped() {
        // 0 -> 1 -> 2 -> 1, 2 -> 3 (edges consumer -> supplier)
        let col_ptr = [0, 1, 2, 4, 4];
        let row_idx = [1u32, 2, 1, 3];
        let c = tarjan(4, &col_ptr, &row_idx);
        assert_eq!(c.count(), 3);
        assert_eq!(c.members(0), &[3]);
        let mut loop_ = c.members(1).to_vec();
        loop_.sort();
        assert_eq!(loop_, vec![1, 2]);
        assert_eq!(c.members(1)[0], 1, "consumer 1 precedes its supplier 2");
        assert_eq!(c.members(2), &[0]);
    }

    #[test]
    fn a_deep_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let col_ptr: Vec<usize> = (0..=n).map(|j| j.min(n - 1)).collect();
        let row_idx: Vec<u32> = (1..n as u32).collect();
        let c = tarjan(n, &col_ptr, &row_idx);
        assert_eq!(c.count(), n);
    }
}
