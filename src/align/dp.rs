//! The dynamic programme, run inside a band around the diagonal so that memory and time grow
//! with the document's length, not its square.
//!
//! The band follows the *length* diagonal (where the target's running character count matches
//! the source's), which tracks merges and splits far better than the sentence-index diagonal.
//! Small documents get a band that covers everything (exact Gale-Church); large ones start
//! narrow, and the band doubles whenever the best path touches its edge.
//!
//! Three passes: Viterbi for the best path, then forward and backward sums over the same band
//! for each chosen bead's posterior probability, which is its confidence.

use super::cost::{BEADS, CostModel};

/// Documents with at most this many lattice cells are aligned without a band.
const FULL_LATTICE_CELLS: usize = 4_000_000;
/// Half-width of the first band for larger documents.
const INITIAL_HALF_WIDTH: usize = 64;
/// The band stops growing past this many cells (one byte of back-pointer each).
const MAX_BAND_CELLS: usize = 400_000_000;

/// One step of the best path: bead `kind` (an index into [`BEADS`]) ending at `(i, j)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub kind: usize,
    pub i: usize,
    pub j: usize,
    /// Posterior probability of this bead given the whole document pair.
    pub posterior: f64,
}

/// The columns `lo[i]..=hi[i]` of each row `i` that the programme visits.
#[derive(Debug, Clone)]
struct Band {
    lo: Vec<usize>,
    hi: Vec<usize>,
    /// Where each row starts in a flat array of cells.
    offset: Vec<usize>,
    full: bool,
}

impl Band {
    fn new(model: &CostModel, half_width: usize) -> Self {
        let (n, m) = (model.source_len(), model.target_len());
        let full = half_width > n.max(m);
        let centres = length_diagonal(model);
        let mut lo: Vec<usize> = centres.iter().map(|&c| c.saturating_sub(half_width)).collect();
        let hi: Vec<usize> = centres.iter().map(|&c| (c + half_width).min(m)).collect();
        // Rows must overlap so that a path always exists (1-0 steps go straight down).
        for i in 1..=n {
            lo[i] = lo[i].min(hi[i - 1]);
        }
        let offset = std::iter::once(0)
            .chain(lo.iter().zip(&hi).scan(0, |acc, (l, h)| {
                *acc += h - l + 1;
                Some(*acc)
            }))
            .collect();
        Self {
            lo,
            hi,
            offset,
            full,
        }
    }

    fn cells(&self) -> usize {
        *self.offset.last().unwrap_or(&0)
    }

    fn contains(&self, i: usize, j: usize) -> bool {
        (self.lo[i]..=self.hi[i]).contains(&j)
    }

    fn index(&self, i: usize, j: usize) -> usize {
        self.offset[i] + j - self.lo[i]
    }

    /// Whether the path comes near an edge that is not the lattice's own edge. A path that
    /// merely stays inside the band can still be cut off from a better one just outside it,
    /// so "near" is an eighth of the width, not the edge itself.
    fn touched_by(&self, path: &[Step], half_width: usize) -> bool {
        let m = *self.hi.last().unwrap_or(&0);
        let margin = (half_width / 8).max(2);
        path.iter().any(|s| {
            (self.lo[s.i] > 0 && s.j < self.lo[s.i] + margin)
                || (self.hi[s.i] < m && s.j + margin > self.hi[s.i])
        })
    }
}

/// For each source position `i`, the target position with the same share of characters.
fn length_diagonal(model: &CostModel) -> Vec<usize> {
    let (n, m) = (model.source_len(), model.target_len());
    let (s_total, t_total) = (model.source_prefix(n).max(1.0), model.target_prefix(m).max(1.0));
    let mut j = 0;
    (0..=n)
        .map(|i| {
            let want = model.source_prefix(i) / s_total * t_total;
            while j < m && model.target_prefix(j + 1) <= want {
                j += 1;
            }
            if i == n { m } else { j }
        })
        .collect()
}

/// The best alignment path with each bead's posterior, from `(0, 0)` to `(n, m)`.
pub fn best_path(model: &CostModel) -> Vec<Step> {
    let (n, m) = (model.source_len(), model.target_len());
    let mut half_width = if (n + 1) * (m + 1) <= FULL_LATTICE_CELLS {
        n.max(m) + 1
    } else {
        INITIAL_HALF_WIDTH
    };
    loop {
        let band = Band::new(model, half_width);
        let mut path = viterbi(model, &band);
        let wider_fits = Band::new(model, half_width * 2).cells() <= MAX_BAND_CELLS;
        if band.full || !band.touched_by(&path, half_width) || !wider_fits {
            add_posteriors(model, &band, &mut path);
            return path;
        }
        half_width *= 2;
    }
}

/// Rolling storage for the last three rows of a pass (beads span at most two rows).
struct Rows {
    rows: [Vec<f64>; 3],
}

impl Rows {
    fn new() -> Self {
        Self {
            rows: [Vec::new(), Vec::new(), Vec::new()],
        }
    }

    fn get(&self, band: &Band, i: usize, j: usize) -> Option<f64> {
        band.contains(i, j)
            .then(|| self.rows[i % 3][j - band.lo[i]])
    }

    fn reset(&mut self, band: &Band, i: usize, fill: f64) -> &mut Vec<f64> {
        let row = &mut self.rows[i % 3];
        row.clear();
        row.resize(band.hi[i] - band.lo[i] + 1, fill);
        row
    }
}

/// Minimum-cost path, with one back-pointer byte per cell.
fn viterbi(model: &CostModel, band: &Band) -> Vec<Step> {
    let (n, m) = (model.source_len(), model.target_len());
    let mut back = vec![u8::MAX; band.cells()];
    let mut rows = Rows::new();
    for i in 0..=n {
        let mut row = std::mem::take(rows.reset(band, i, f64::INFINITY));
        for j in band.lo[i]..=band.hi[i] {
            if i == 0 && j == 0 {
                row[0] = 0.0;
                continue;
            }
            let mut best = (f64::INFINITY, u8::MAX);
            for (kind, &((di, dj), _)) in BEADS.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let prev = if di == 0 {
                    band.contains(i, j - dj).then(|| row[j - dj - band.lo[i]])
                } else {
                    rows.get(band, i - di, j - dj)
                };
                if let Some(prev) = prev.filter(|p| p.is_finite()) {
                    let cost = prev + model.bead_cost(kind, i, j);
                    if cost < best.0 {
                        best = (cost, kind as u8);
                    }
                }
            }
            row[j - band.lo[i]] = best.0;
            back[band.index(i, j)] = best.1;
        }
        rows.rows[i % 3] = row;
    }
    trace_back(band, &back, n, m)
}

fn trace_back(band: &Band, back: &[u8], n: usize, m: usize) -> Vec<Step> {
    let mut path = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let kind = back[band.index(i, j)] as usize;
        path.push(Step {
            kind,
            i,
            j,
            posterior: 0.0,
        });
        let ((di, dj), _) = BEADS[kind];
        (i, j) = (i - di, j - dj);
    }
    path.reverse();
    path
}

/// `ln(e^a + e^b)` without overflow.
fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// Fills each step's posterior: `P(bead) = α(start) · p(bead) · β(end) / Z`.
fn add_posteriors(model: &CostModel, band: &Band, path: &mut [Step]) {
    let starts: Vec<(usize, usize)> = std::iter::once((0, 0))
        .chain(path.iter().map(|s| (s.i, s.j)))
        .collect();
    let alpha = forward_at(model, band, &starts);
    let beta = backward_at(model, band, &starts);
    let total = alpha[starts.len() - 1];
    for (k, step) in path.iter_mut().enumerate() {
        let log_p = alpha[k] - model.bead_cost(step.kind, step.i, step.j) + beta[k + 1] - total;
        step.posterior = log_p.exp().clamp(0.0, 1.0);
    }
}

/// Forward log-sums `α(i, j)` at the given points (sorted by row, then column).
fn forward_at(model: &CostModel, band: &Band, points: &[(usize, usize)]) -> Vec<f64> {
    let n = model.source_len();
    let mut out = vec![f64::NEG_INFINITY; points.len()];
    let mut cursor = 0;
    let mut rows = Rows::new();
    for i in 0..=n {
        let mut row = std::mem::take(rows.reset(band, i, f64::NEG_INFINITY));
        for j in band.lo[i]..=band.hi[i] {
            let mut acc = if i == 0 && j == 0 { 0.0 } else { f64::NEG_INFINITY };
            for (kind, &((di, dj), _)) in BEADS.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let prev = if di == 0 {
                    band.contains(i, j - dj).then(|| row[j - dj - band.lo[i]])
                } else {
                    rows.get(band, i - di, j - dj)
                };
                if let Some(prev) = prev.filter(|p| p.is_finite()) {
                    acc = log_add(acc, prev - model.bead_cost(kind, i, j));
                }
            }
            row[j - band.lo[i]] = acc;
            while cursor < points.len() && points[cursor] == (i, j) {
                out[cursor] = acc;
                cursor += 1;
            }
        }
        rows.rows[i % 3] = row;
    }
    out
}

/// Backward log-sums `β(i, j)`: everything from `(i, j)` to the end, at the given points.
fn backward_at(model: &CostModel, band: &Band, points: &[(usize, usize)]) -> Vec<f64> {
    let (n, m) = (model.source_len(), model.target_len());
    let mut out = vec![f64::NEG_INFINITY; points.len()];
    let mut cursor = points.len();
    let mut rows = Rows::new();
    for i in (0..=n).rev() {
        let mut row = std::mem::take(rows.reset(band, i, f64::NEG_INFINITY));
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let mut acc = if i == n && j == m { 0.0 } else { f64::NEG_INFINITY };
            for (kind, &((di, dj), _)) in BEADS.iter().enumerate() {
                let (ni, nj) = (i + di, j + dj);
                if ni > n || nj > m {
                    continue;
                }
                let next = if di == 0 {
                    band.contains(i, nj).then(|| row[nj - band.lo[i]])
                } else {
                    rows.get(band, ni, nj)
                };
                if let Some(next) = next.filter(|p| p.is_finite()) {
                    acc = log_add(acc, next - model.bead_cost(kind, ni, nj));
                }
            }
            row[j - band.lo[i]] = acc;
            while cursor > 0 && points[cursor - 1] == (i, j) {
                cursor -= 1;
                out[cursor] = acc;
            }
        }
        rows.rows[i % 3] = row;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(src: &[usize], tgt: &[usize]) -> CostModel {
        CostModel::new(src, tgt, &vec![0; src.len()], &vec![0; tgt.len()])
    }

    /// Sentence lengths from a fixed-seed generator (10 to 139 characters).
    fn lengths(n: usize, seed: u64) -> Vec<usize> {
        let mut state = seed;
        (0..n)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                10 + (state >> 33) as usize % 130
            })
            .collect()
    }

    fn shapes(path: &[Step]) -> Vec<(usize, usize)> {
        path.iter().map(|s| BEADS[s.kind].0).collect()
    }

    #[test]
    fn equal_lengths_align_one_to_one() {
        let path = best_path(&model(&[30, 80, 50], &[33, 85, 55]));
        assert_eq!(shapes(&path), [(1, 1), (1, 1), (1, 1)]);
        assert!(path.iter().all(|s| s.posterior > 0.5), "{path:?}");
    }

    #[test]
    fn finds_a_merge() {
        let path = best_path(&model(&[30, 40, 35, 90], &[30, 80, 90]));
        assert_eq!(shapes(&path), [(1, 1), (2, 1), (1, 1)]);
    }

    #[test]
    fn empty_side_gives_deletions() {
        assert_eq!(shapes(&best_path(&model(&[10, 20], &[]))), [(1, 0), (1, 0)]);
        assert!(best_path(&model(&[], &[])).is_empty());
    }

    #[test]
    fn posteriors_are_probabilities() {
        let path = best_path(&model(&[20, 21, 19, 22], &[21, 20, 20, 21]));
        for s in &path {
            assert!((0.0..=1.0).contains(&s.posterior));
        }
    }

    #[test]
    fn ambiguous_beads_get_lower_confidence() {
        // A clear 1-1 and a 1-1 whose lengths clash: the clash is less certain.
        let path = best_path(&model(&[50, 50, 50], &[50, 20, 50]));
        assert!(path[1].posterior < path[0].posterior, "{path:?}");
    }

    #[test]
    fn band_widens_until_it_matches_the_full_lattice() {
        // 400 source-only sentences in the middle of 3,000 pull the best path far from the
        // length diagonal, beyond the first band: the widened band must find the exact optimum.
        let src = lengths(3000, 7);
        let mut tgt = src.clone();
        tgt.drain(1000..1400);
        let m = model(&src, &tgt);
        let full = viterbi(&m, &Band::new(&m, 4000));
        let first = viterbi(&m, &Band::new(&m, INITIAL_HALF_WIDTH));
        assert!(shapes(&first) != shapes(&full), "the case must need a wider band");
        assert!(shapes(&best_path(&m)) == shapes(&full), "banded path is not the optimum");
    }

    #[test]
    fn banded_matches_full_on_a_small_case() {
        let src = lengths(300, 3);
        let tgt: Vec<usize> = src.iter().map(|l| l * 11 / 10).collect();
        let m = model(&src, &tgt);
        let full = viterbi(&m, &Band::new(&m, 1000));
        let banded = viterbi(&m, &Band::new(&m, 8));
        assert_eq!(shapes(&full), shapes(&banded));
    }
}
