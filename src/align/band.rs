//! The band: the cells of the lattice the dynamic programme visits, so that memory and time
//! grow with the document's length, not its square.

use std::ops::{Range, RangeInclusive};

use super::path::Step;

/// The columns `lo(i)..=hi(i)` of each row `i` that the programme visits: every row of the
/// lattice, or a stretch of rows from `first` on (see [`Band::stretch`]).
#[derive(Debug, Clone)]
pub(crate) struct Band {
    pub(crate) first: usize,
    pub(crate) lo: Vec<usize>,
    pub(crate) hi: Vec<usize>,
    /// Where each row starts in a flat array of cells.
    pub(crate) offset: Vec<usize>,
    /// Columns `0..=m` of the last row: the lattice's own right edge.
    pub(crate) m: usize,
}

impl Band {
    /// Every cell of an `(n + 1) × (m + 1)` lattice.
    pub(crate) fn full(n: usize, m: usize) -> Self {
        Self::from_rows(vec![0; n + 1], vec![m; n + 1], m)
    }

    /// `widths[i]` columns either side of `centres[i]` in each row `i`.
    pub(crate) fn around(centres: &[usize], widths: &[usize], m: usize) -> Self {
        let mut lo: Vec<usize> = centres
            .iter()
            .zip(widths)
            .map(|(&c, &w)| c.saturating_sub(w))
            .collect();
        let mut hi: Vec<usize> = centres
            .iter()
            .zip(widths)
            .map(|(&c, &w)| (c + w).min(m))
            .collect();
        lo[0] = 0;
        *hi.last_mut().expect("a band has a row") = m;
        // Rows must overlap so that a path always exists (1-0 steps go straight down).
        for i in 1..lo.len() {
            lo[i] = lo[i].min(hi[i - 1]);
        }
        Self::from_rows(lo, hi, m)
    }

    /// `half_width` columns either side of every point of `path` (which runs from `(0, 0)`).
    pub(crate) fn covering(path: &[Step], half_width: usize, n: usize, m: usize) -> Self {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0; n + 1];
        for (i, j) in std::iter::once((0, 0)).chain(path.iter().map(|s| (s.i, s.j))) {
            lo[i] = lo[i].min(j.saturating_sub(half_width));
            hi[i] = hi[i].max((j + half_width).min(m));
        }
        // A row a 2-x bead steps over takes its neighbours' columns.
        for i in 1..=n {
            if lo[i] == usize::MAX {
                (lo[i], hi[i]) = (lo[i - 1], hi[i - 1]);
            }
        }
        Self::from_rows(lo, hi, m)
    }

    pub(crate) fn from_rows(lo: Vec<usize>, hi: Vec<usize>, m: usize) -> Self {
        let offset = std::iter::once(0)
            .chain(lo.iter().zip(&hi).scan(0, |acc, (l, h)| {
                *acc += h - l + 1;
                Some(*acc)
            }))
            .collect();
        Self {
            first: 0,
            lo,
            hi,
            offset,
            m,
        }
    }

    /// Rows `rows` of this band, alone: a search between two points of a path.
    pub(crate) fn stretch(&self, rows: RangeInclusive<usize>) -> Self {
        let (lo, hi) = (
            self.lo[rows.clone()].to_vec(),
            self.hi[rows.clone()].to_vec(),
        );
        Self {
            first: *rows.start(),
            ..Self::from_rows(lo, hi, self.m)
        }
    }

    /// The band's rows in runs of at least `cells` cells (the last may have fewer).
    pub(crate) fn chunks(&self, cells: usize) -> Vec<Range<usize>> {
        let mut chunks = Vec::new();
        let mut from = self.first;
        for i in self.rows() {
            let held = self.offset[i + 1 - self.first] - self.offset[from - self.first];
            if held >= cells || i == *self.rows().end() {
                chunks.push(from..i + 1);
                from = i + 1;
            }
        }
        chunks
    }

    pub(crate) fn rows(&self) -> RangeInclusive<usize> {
        self.first..=self.first + self.lo.len() - 1
    }

    pub(crate) fn lo(&self, i: usize) -> usize {
        self.lo[i - self.first]
    }

    pub(crate) fn hi(&self, i: usize) -> usize {
        self.hi[i - self.first]
    }

    pub(crate) fn cells(&self) -> usize {
        *self.offset.last().unwrap_or(&0)
    }

    #[cfg(test)]
    pub(crate) fn contains(&self, i: usize, j: usize) -> bool {
        self.rows().contains(&i) && (self.lo(i)..=self.hi(i)).contains(&j)
    }

    pub(crate) fn index(&self, i: usize, j: usize) -> usize {
        self.offset[i - self.first] + j - self.lo(i)
    }

    /// The rows where the path comes near an edge that is not the lattice's own edge, for a
    /// band of `widths[i]` columns either side of its centre. A path that merely stays inside
    /// the band can still be cut off from a better one just outside it, so "near" is an eighth
    /// of the width, not the edge itself.
    pub(crate) fn touched_rows(&self, path: &[Step], widths: &[usize]) -> Vec<usize> {
        path.iter()
            .filter(|s| {
                let margin = (widths[s.i] / 8).max(2);
                (self.lo(s.i) > 0 && s.j < self.lo(s.i) + margin)
                    || (self.hi(s.i) < self.m && s.j + margin > self.hi(s.i))
            })
            .map(|s| s.i)
            .collect()
    }
}
