//! The dynamic programme, run inside a band so that memory and time grow with the document's
//! length, not its square.
//!
//! Small documents get a band that covers the whole lattice (exact Gale-Church). Larger ones are
//! aligned coarse to fine: sentences are grouped in blocks of `BLOCK`, the blocks are aligned
//! (recursively, the same way), and the sentence-level band follows that coarse path. A global
//! diagonal would not do: the length ratio drifts along a long document (a novel, then captions),
//! and the path wanders hundreds of sentences away from any straight line. Where the best path
//! comes near the band's edge, the band widens there and the search runs again.
//!
//! Three passes: Viterbi for the best path, then forward and backward sums over the same band
//! for each chosen bead's posterior probability, which is its confidence.

use super::cost::{BEADS, CostModel, MAX_SPAN, RowCosts};

/// Documents with at most this many lattice cells are aligned without a band.
const FULL_LATTICE_CELLS: usize = 20_000;
/// Posteriors are summed over paths within this many columns of the best path: paths further
/// away carry no weight worth the time.
const POSTERIOR_HALF_WIDTH: usize = 6;
/// Half-width of the band around a guide path (see [`best_path_near`]).
const GUIDE_HALF_WIDTH: usize = 8;
/// Sentences per block at the coarse level.
const BLOCK: usize = 16;
/// Half-width of the first band around the coarse path (in sentences), when lengths alone guide
/// the coarse path …
const INITIAL_HALF_WIDTH: usize = 4 * BLOCK;
/// … and when the blocks' shared anchors do: then it is rarely off by more than a block.
const ANCHORED_HALF_WIDTH: usize = BLOCK;
/// Where the path presses against an anchored band's edge, the band grows fourfold over this
/// many rows either side (not everywhere: one hard passage must not widen a whole book).
const WIDEN_ROWS: usize = 4 * BLOCK;
/// The band stops growing past this many cells (one byte of back-pointer each): this bounds
/// the work and memory of a document, whatever its text (about 400 MB and a minute).
const MAX_BAND_CELLS: usize = 400_000_000;

/// The widest half-width whose band over `n + 1` rows stays within [`MAX_BAND_CELLS`].
fn affordable_half_width(n: usize) -> usize {
    (MAX_BAND_CELLS / (n + 1)).saturating_sub(1) / 2
}

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
    /// Columns `0..=m` of the last row: the lattice's own right edge.
    m: usize,
}

impl Band {
    /// Every cell of an `(n + 1) × (m + 1)` lattice.
    fn full(n: usize, m: usize) -> Self {
        Self::from_rows(vec![0; n + 1], vec![m; n + 1], m)
    }

    /// `widths[i]` columns either side of `centres[i]` in each row `i`.
    fn around(centres: &[usize], widths: &[usize], m: usize) -> Self {
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
    fn covering(path: &[Step], half_width: usize, n: usize, m: usize) -> Self {
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

    fn from_rows(lo: Vec<usize>, hi: Vec<usize>, m: usize) -> Self {
        let offset = std::iter::once(0)
            .chain(lo.iter().zip(&hi).scan(0, |acc, (l, h)| {
                *acc += h - l + 1;
                Some(*acc)
            }))
            .collect();
        Self { lo, hi, offset, m }
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
        !self
            .touched_rows(path, &vec![half_width; self.lo.len()])
            .is_empty()
    }

    /// The rows where the path comes near an edge (see [`Band::touched_by`]), for a band of
    /// `widths[i]` columns either side of its centre.
    fn touched_rows(&self, path: &[Step], widths: &[usize]) -> Vec<usize> {
        path.iter()
            .filter(|s| {
                let margin = (widths[s.i] / 8).max(2);
                (self.lo[s.i] > 0 && s.j < self.lo[s.i] + margin)
                    || (self.hi[s.i] < self.m && s.j + margin > self.hi[s.i])
            })
            .map(|s| s.i)
            .collect()
    }
}

/// The best alignment path with each bead's posterior, from `(0, 0)` to `(n, m)`.
pub fn best_path(model: &CostModel) -> Vec<Step> {
    let (_, path) = search(model);
    with_posteriors(model, path)
}

/// The best path near `guide` (a path of an earlier pass): the band follows the guide and
/// widens while the new path presses against its edge. A second pass mostly confirms the
/// first, so this costs a fraction of a new search.
pub fn best_path_near(model: &CostModel, guide: &[Step]) -> Vec<Step> {
    let (n, m) = (model.source_len(), model.target_len());
    let mut half_width = GUIDE_HALF_WIDTH.min(affordable_half_width(n).max(1));
    loop {
        let band = Band::covering(guide, half_width, n, m);
        let path = viterbi(model, &band);
        let wider = half_width.saturating_mul(4);
        if !band.touched_by(&path, half_width)
            || half_width > n.max(m)
            || wider > affordable_half_width(n)
        {
            return with_posteriors(model, path);
        }
        half_width = wider;
    }
}

fn with_posteriors(model: &CostModel, mut path: Vec<Step>) -> Vec<Step> {
    let (n, m) = (model.source_len(), model.target_len());
    let band = Band::covering(&path, POSTERIOR_HALF_WIDTH, n, m);
    add_posteriors(model, &band, &mut path);
    path
}

/// The Viterbi path and the band it was found in.
fn search(model: &CostModel) -> (Band, Vec<Step>) {
    let (n, m) = (model.source_len(), model.target_len());
    if (n + 1).saturating_mul(m + 1) <= FULL_LATTICE_CELLS {
        let band = Band::full(n, m);
        let path = viterbi(model, &band);
        return (band, path);
    }
    let (_, coarse_path) = search(&model.coarsen(BLOCK));
    let mut centres = centres_from_coarse(&coarse_path, BLOCK, n, m);
    // With anchors the coarse path is reliable and a miss is local: the band starts narrow and
    // widens where the path pressed against it. With lengths alone a miss can lie anywhere,
    // and the band starts wide and doubles everywhere.
    let (initial, local) = if model.has_anchors() {
        (ANCHORED_HALF_WIDTH, true)
    } else {
        (INITIAL_HALF_WIDTH, false)
    };
    let initial = initial.min(affordable_half_width(n).max(1));
    let mut widths = vec![initial; n + 1];
    let mut band = Band::around(&centres, &widths, m);
    loop {
        let path = viterbi(model, &band);
        let touched = band.touched_rows(&path, &widths);
        if touched.is_empty() {
            return (band, path);
        }
        centres = centres_from_coarse(&path, 1, n, m);
        let before = widths.clone();
        if local {
            for i in touched {
                for w in &mut widths[i.saturating_sub(WIDEN_ROWS)..=(i + WIDEN_ROWS).min(n)] {
                    *w = (*w).max(4 * before[i]).min(m + 1);
                }
            }
        } else {
            widths.iter_mut().for_each(|w| *w = (2 * *w).min(m + 1));
        }
        let wider = Band::around(&centres, &widths, m);
        if wider.cells() > MAX_BAND_CELLS {
            return (band, path); // the best path the budget affords
        }
        band = wider;
    }
}

/// For each sentence row `i`, the column the block-level path passes through, interpolated.
fn centres_from_coarse(coarse: &[Step], block: usize, n: usize, m: usize) -> Vec<usize> {
    let mut centres = vec![0; n + 1];
    let (mut i0, mut j0) = (0, 0);
    for step in coarse {
        let (i1, j1) = ((step.i * block).min(n), (step.j * block).min(m));
        for (i, centre) in centres.iter_mut().enumerate().take(i1 + 1).skip(i0) {
            *centre = if i1 == i0 {
                j1
            } else {
                j0 + (j1 - j0) * (i - i0) / (i1 - i0)
            };
        }
        (i0, j0) = (i1, j1);
    }
    centres
}

/// Rolling storage for the rows a bead can reach back to (beads span at most `MAX_SPAN` rows).
struct Rows {
    rows: [Vec<f64>; MAX_SPAN + 1],
}

impl Rows {
    fn new() -> Self {
        Self {
            rows: std::array::from_fn(|_| Vec::new()),
        }
    }

    fn get(&self, band: &Band, i: usize, j: usize) -> Option<f64> {
        band.contains(i, j)
            .then(|| self.rows[i % (MAX_SPAN + 1)][j - band.lo[i]])
    }

    fn reset(&mut self, band: &Band, i: usize, fill: f64) -> &mut Vec<f64> {
        let row = &mut self.rows[i % (MAX_SPAN + 1)];
        row.clear();
        row.resize(band.hi[i] - band.lo[i] + 1, fill);
        row
    }
}

/// Calls `visit(kind, value, cost)` for each bead that ends at `(i, j)` and starts at a cell of
/// the band with a finite value; `row` is row `i` as filled so far (0-x beads start in it).
fn each_incoming(
    band: &Band,
    rows: &Rows,
    row: &[f64],
    costs: &RowCosts,
    (i, j): (usize, usize),
    mut visit: impl FnMut(usize, f64, f64),
) {
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
            visit(kind, prev, costs.get(kind, j));
        }
    }
}

/// Minimum-cost path, with one back-pointer byte per cell.
fn viterbi(model: &CostModel, band: &Band) -> Vec<Step> {
    let (n, m) = (model.source_len(), model.target_len());
    let mut back = vec![u8::MAX; band.cells()];
    let mut rows = Rows::new();
    let mut costs = RowCosts::default();
    for i in 0..=n {
        let mut row = std::mem::take(rows.reset(band, i, f64::INFINITY));
        model.row_costs(i, band.lo[i], band.hi[i], &mut costs);
        for j in band.lo[i]..=band.hi[i] {
            if i == 0 && j == 0 {
                row[0] = 0.0;
                continue;
            }
            let mut best = (f64::INFINITY, u8::MAX);
            each_incoming(band, &rows, &row, &costs, (i, j), |kind, prev, cost| {
                if prev + cost < best.0 {
                    best = (prev + cost, kind as u8);
                }
            });
            row[j - band.lo[i]] = best.0;
            back[band.index(i, j)] = best.1;
        }
        rows.rows[i % (MAX_SPAN + 1)] = row;
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

/// Fills each step's posterior: `P(bead) = α(start) · p(bead) · β(end) / Z`.
fn add_posteriors(model: &CostModel, band: &Band, path: &mut [Step]) {
    let starts: Vec<(usize, usize)> = std::iter::once((0, 0))
        .chain(path.iter().map(|s| (s.i, s.j)))
        .collect();
    let (alpha, beta) = super::both(
        || forward_at(model, band, &starts),
        || backward_at(model, band, &starts),
    );
    let total = alpha[starts.len() - 1];
    for (k, step) in path.iter_mut().enumerate() {
        let log_p = alpha[k] - model.bead_cost(step.kind, step.i, step.j) + beta[k + 1] - total;
        step.posterior = log_p.exp().clamp(0.0, 1.0);
    }
}

/// `ln Σ e^t` over `terms`: one exponential per term and one logarithm, where adding the terms
/// one at a time (`ln(e^a + e^b)`) cost an exponential and a logarithm each. Logs, not scaled
/// probabilities: a row can span hundreds of nats (a long run of insertions), past what a
/// float's exponent holds.
fn log_sum(terms: &[f64]) -> f64 {
    let best = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if best == f64::NEG_INFINITY {
        return best;
    }
    best + terms.iter().map(|t| (t - best).exp()).sum::<f64>().ln()
}

/// Forward log-sums `α(i, j)` at the given points (sorted by row, then column).
fn forward_at(model: &CostModel, band: &Band, points: &[(usize, usize)]) -> Vec<f64> {
    let n = model.source_len();
    let mut out = vec![f64::NEG_INFINITY; points.len()];
    let mut cursor = 0;
    let mut rows = Rows::new();
    let mut costs = RowCosts::default();
    let mut terms = Vec::with_capacity(BEADS.len() + 1);
    for i in 0..=n {
        let mut row = std::mem::take(rows.reset(band, i, f64::NEG_INFINITY));
        model.row_costs(i, band.lo[i], band.hi[i], &mut costs);
        for j in band.lo[i]..=band.hi[i] {
            terms.clear();
            if i == 0 && j == 0 {
                terms.push(0.0);
            }
            each_incoming(band, &rows, &row, &costs, (i, j), |_, prev, cost| {
                terms.push(prev - cost);
            });
            let acc = log_sum(&terms);
            row[j - band.lo[i]] = acc;
            while cursor < points.len() && points[cursor] == (i, j) {
                out[cursor] = acc;
                cursor += 1;
            }
        }
        rows.rows[i % (MAX_SPAN + 1)] = row;
    }
    out
}

/// Backward log-sums `β(i, j)`: everything from `(i, j)` to the end, at the given points.
fn backward_at(model: &CostModel, band: &Band, points: &[(usize, usize)]) -> Vec<f64> {
    let (n, m) = (model.source_len(), model.target_len());
    let mut out = vec![f64::NEG_INFINITY; points.len()];
    let mut cursor = points.len();
    let mut rows = Rows::new();
    // The costs of rows i..=i + MAX_SPAN, where the beads leaving row i end.
    let mut costs: [RowCosts; MAX_SPAN + 1] = Default::default();
    let mut terms = Vec::with_capacity(BEADS.len() + 1);
    for i in (0..=n).rev() {
        let mut row = std::mem::take(rows.reset(band, i, f64::NEG_INFINITY));
        model.row_costs(i, band.lo[i], band.hi[i], &mut costs[i % (MAX_SPAN + 1)]);
        for j in (band.lo[i]..=band.hi[i]).rev() {
            terms.clear();
            if i == n && j == m {
                terms.push(0.0);
            }
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
                    terms.push(next - costs[ni % (MAX_SPAN + 1)].get(kind, nj));
                }
            }
            let acc = log_sum(&terms);
            row[j - band.lo[i]] = acc;
            while cursor > 0 && points[cursor - 1] == (i, j) {
                cursor -= 1;
                out[cursor] = acc;
            }
        }
        rows.rows[i % (MAX_SPAN + 1)] = row;
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
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
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
    fn coarse_to_fine_finds_the_full_lattice_optimum() {
        // 400 source-only sentences in the middle of 3,000 pull the best path far from the
        // diagonal, beyond a narrow band: the coarse-to-fine search must find the exact optimum.
        let src = lengths(3000, 7);
        let mut tgt = src.clone();
        tgt.drain(1000..1400);
        let m = model(&src, &tgt);
        let full = viterbi(&m, &Band::full(3000, 2600));
        let diagonal: Vec<usize> = (0..=3000).map(|i| i * 2600 / 3000).collect();
        let narrow = viterbi(
            &m,
            &Band::around(&diagonal, &vec![INITIAL_HALF_WIDTH; 3001], 2600),
        );
        assert!(
            shapes(&narrow) != shapes(&full),
            "the case must need more than a narrow band"
        );
        assert!(
            shapes(&best_path(&m)) == shapes(&full),
            "banded path is not the optimum"
        );
    }

    #[test]
    fn posteriors_survive_a_run_of_insertions_longer_than_a_float_can_scale() {
        // 300 target-only sentences in one row: the row's sums span more than 1,000 nats, past
        // the range of a float (e^-745), so they are kept as logs.
        let src = lengths(100, 3);
        let mut tgt = src.clone();
        tgt.splice(50..50, vec![1; 300]);
        let path = best_path(&model(&src, &tgt));
        let ones: Vec<f64> = path
            .iter()
            .filter(|s| BEADS[s.kind].0 == (1, 1))
            .map(|s| s.posterior)
            .collect();
        assert!(
            path.len() > 350 && ones.len() > 90,
            "{} {}",
            path.len(),
            ones.len()
        );
        assert!(path.iter().all(|s| (0.0..=1.0).contains(&s.posterior)));
        assert!(
            ones.iter().sum::<f64>() > 0.8 * ones.len() as f64,
            "{ones:?}"
        );
    }

    #[test]
    fn posterior_band_covers_long_runs_of_insertions() {
        // 60 target-only sentences in a row: more than the posterior band's half-width.
        let src = lengths(400, 11);
        let mut tgt = src.clone();
        tgt.splice(200..200, lengths(60, 5));
        let m = model(&src, &tgt);
        let path = best_path(&m);
        let band = Band::covering(&path, POSTERIOR_HALF_WIDTH, 400, 460);
        assert!(path.iter().all(|s| band.contains(s.i, s.j)));
        let ones = path.iter().filter(|s| BEADS[s.kind].0 == (1, 1));
        assert!(ones.clone().count() > 300);
        assert!(
            ones.map(|s| s.posterior).sum::<f64>() > 250.0,
            "clear 1-1 beads are confident"
        );
    }

    #[test]
    fn posteriors_survive_a_long_run_of_insertions_in_one_row() {
        // Two short source sentences against 80 long target ones: the path runs along a row
        // for dozens of 0-1 beads, far more than the posterior beam below the row's best.
        let path = best_path(&model(&[1, 8], &lengths(80, 17)));
        assert!(path.len() >= 80, "{}", path.len());
        for s in &path {
            assert!((0.0..=1.0).contains(&s.posterior), "{s:?}");
        }
    }

    #[test]
    fn a_guided_search_finds_the_path_from_a_rough_guide() {
        let src = lengths(500, 13);
        let mut tgt = src.clone();
        tgt.drain(200..230);
        let m = model(&src, &tgt);
        let best = best_path(&m);
        // A guide that ignores the 30 dropped sentences: the diagonal, stepped 1-1 then 1-0.
        let guide: Vec<Step> = (1..=500)
            .map(|i| Step {
                kind: if i <= 470 { 0 } else { 1 },
                i,
                j: i.min(470),
                posterior: 0.0,
            })
            .collect();
        assert!(shapes(&best_path_near(&m, &guide)) == shapes(&best));
    }

    #[test]
    fn banded_matches_full_on_a_small_case() {
        let src = lengths(300, 3);
        let tgt: Vec<usize> = src.iter().map(|l| l * 11 / 10).collect();
        let m = model(&src, &tgt);
        let full = viterbi(&m, &Band::full(300, 300));
        let diagonal: Vec<usize> = (0..=300).collect();
        let banded = viterbi(&m, &Band::around(&diagonal, &[8; 301], 300));
        assert_eq!(shapes(&full), shapes(&banded));
    }
}
