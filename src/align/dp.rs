//! The dynamic programme, run inside a band so that memory and time grow with the document's
//! length, not its square.
//!
//! Small documents get a band that covers the whole lattice (exact Gale-Church). Where both
//! sides' paragraphs pair, the band pairs them (see `search_by_paragraphs`). Other documents are
//! aligned coarse to fine: sentences are grouped in blocks of `BLOCK`, the blocks are aligned
//! (recursively, the same way), and the sentence-level band follows that coarse path. A global
//! diagonal would not do: the length ratio drifts along a long document (a novel, then captions),
//! and the path wanders hundreds of sentences away from any straight line. Where the best path
//! comes near the band's edge, the band widens there and the search runs again.
//!
//! Three passes: Viterbi for the best path, then forward and backward sums over the same band
//! for each chosen bead's posterior probability, which is its confidence.

use std::ops::{Range, RangeInclusive};

use super::cost::{BEADS, CostModel, CostParts, MAX_SPAN, RowCosts};

/// Documents with at most this many lattice cells are aligned without a band.
const FULL_LATTICE_CELLS: usize = 20_000;
/// Posteriors are summed over paths within this many columns of the best path: paths further
/// away carry no weight worth the time.
const POSTERIOR_HALF_WIDTH: usize = 6;
/// Half-width of the band around a guide path (see [`best_path_near`]).
const GUIDE_HALF_WIDTH: usize = 8;
/// Cells of the lattice whose bead costs are computed at once while the Viterbi programme
/// runs over the cells before them (half a megabyte of costs).
const CHUNK_CELLS: usize = 1 << 13;
/// Bands of at most this many cells keep their costs for the posterior sums (128 MB, which
/// the sums then read in place: a band of their own would hold most of them again).
const KEEP_CELLS: usize = 1 << 21;
/// Posterior bands of at most this many cells have their costs computed once for both sums
/// (128 MB); past it each sum computes its own (a million-sentence document).
const SHARED_CELLS: usize = 1 << 21;
/// Sentences a band that pairs paragraphs (see [`search_by_paragraphs`]) reaches past either
/// edge of a paragraph pair: room for a bead across a paragraph's end, and for the path to keep
/// clear of the band's edges.
const PARAGRAPH_MARGIN: usize = 4;
/// A band that pairs paragraphs may hold at most this many cells a row, on average: past it
/// the paragraphs are too long to guide the search (each pair is a box, its rows as wide as
/// the other side's paragraph), and the coarse search does better for less. The band holds
/// 16.4 cells a row on `../shared/bench/10k` and `100k`; a 2.4 MB XML file of 43,800 lines in
/// five paragraphs (`/usr/share/mime/packages/freedesktop.org.xml`, aligned with itself) held
/// 44,000 a row, 1.9 billion cells past the widening's budget: 160 s and 1.9 GB, where the
/// coarse search takes a second. At 64 a row the band stays far below [`MAX_BAND_CELLS`]
/// even at [`super::MAX_UNITS`].
const PARAGRAPH_CELLS_PER_ROW: usize = 64;
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

/// The columns `lo(i)..=hi(i)` of each row `i` that the programme visits: every row of the
/// lattice, or a stretch of rows from `first` on (see [`Band::stretch`]).
#[derive(Debug, Clone)]
struct Band {
    first: usize,
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
        Self {
            first: 0,
            lo,
            hi,
            offset,
            m,
        }
    }

    /// Rows `rows` of this band, alone: a search between two points of a path.
    fn stretch(&self, rows: RangeInclusive<usize>) -> Self {
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
    fn chunks(&self, cells: usize) -> Vec<Range<usize>> {
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

    fn rows(&self) -> RangeInclusive<usize> {
        self.first..=self.first + self.lo.len() - 1
    }

    fn lo(&self, i: usize) -> usize {
        self.lo[i - self.first]
    }

    fn hi(&self, i: usize) -> usize {
        self.hi[i - self.first]
    }

    fn cells(&self) -> usize {
        *self.offset.last().unwrap_or(&0)
    }

    #[cfg(test)]
    fn contains(&self, i: usize, j: usize) -> bool {
        self.rows().contains(&i) && (self.lo(i)..=self.hi(i)).contains(&j)
    }

    fn index(&self, i: usize, j: usize) -> usize {
        self.offset[i - self.first] + j - self.lo(i)
    }

    /// The rows where the path comes near an edge that is not the lattice's own edge, for a
    /// band of `widths[i]` columns either side of its centre. A path that merely stays inside
    /// the band can still be cut off from a better one just outside it, so "near" is an eighth
    /// of the width, not the edge itself.
    fn touched_rows(&self, path: &[Step], widths: &[usize]) -> Vec<usize> {
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

/// The best alignment path with each bead's posterior, from `(0, 0)` to `(n, m)`.
pub fn best_path(model: &CostModel) -> Vec<Step> {
    let (path, priced) = search(model, true);
    with_posteriors(model, path, POSTERIOR_HALF_WIDTH, priced)
}

/// The best path without posteriors (each is 0): for a first pass, which needs the path only.
/// [`rescore`] gives the path its posteriors if it is kept.
pub fn unscored_path(model: &CostModel) -> Vec<Step> {
    search(model, false).0
}

/// `path` (of [`unscored_path`]) with its posteriors.
pub fn rescore(model: &CostModel, path: Vec<Step>) -> Vec<Step> {
    with_posteriors(model, path, POSTERIOR_HALF_WIDTH, None)
}

/// The best path near `guide` (a path of an earlier pass): the band follows the guide and
/// widens where the new path presses against its edge (as in [`search`]). A second pass
/// mostly confirms the first, so this costs a fraction of a new search.
pub fn best_path_near(model: &CostModel, guide: &[Step]) -> Vec<Step> {
    let (n, m) = (model.source_len(), model.target_len());
    let half_width = GUIDE_HALF_WIDTH.min(affordable_half_width(n).max(1));
    let centres = centres_from_coarse(guide, 1, n, m);
    let widths = vec![half_width; n + 1];
    let (path, priced) = widen_where_touched(model, centres, widths, model.has_anchors(), true);
    with_posteriors(model, path, POSTERIOR_HALF_WIDTH, priced)
}

/// `path` with each bead's posterior, summed over paths within `half_width` columns of it;
/// the bead costs are read from `priced` where it has them.
fn with_posteriors(
    model: &CostModel,
    mut path: Vec<Step>,
    half_width: usize,
    priced: Option<Priced>,
) -> Vec<Step> {
    let (n, m) = (model.source_len(), model.target_len());
    let band = Band::covering(&path, half_width, n, m);
    add_posteriors(model, &band, &mut path, priced);
    path
}

/// The Viterbi path: of the whole lattice for a small document, else coarse to fine. And,
/// if `keep`, the band first searched with its costs, when it is small enough (see [`Priced`]).
fn search(model: &CostModel, keep: bool) -> (Vec<Step>, Option<Priced>) {
    let (n, m) = (model.source_len(), model.target_len());
    if (n + 1).saturating_mul(m + 1) <= FULL_LATTICE_CELLS {
        return priced_viterbi(model, Band::full(n, m), keep);
    }
    if let Some(found) = search_by_paragraphs(model, keep) {
        return found;
    }
    let (coarse_path, _) = search(&model.coarsen(BLOCK), false);
    let centres = centres_from_coarse(&coarse_path, BLOCK, n, m);
    // With anchors the coarse path is reliable and a miss is local: the band starts narrow and
    // widens where the path pressed against it. With lengths alone a miss can lie anywhere,
    // and the band starts wide and doubles everywhere.
    let (initial, local) = if model.has_anchors() {
        (ANCHORED_HALF_WIDTH, true)
    } else {
        (INITIAL_HALF_WIDTH, false)
    };
    let initial = initial.min(affordable_half_width(n).max(1));
    widen_where_touched(model, centres, vec![initial; n + 1], local, keep)
}

/// The best path in a band that pairs the k-th paragraph of each side, [`PARAGRAPH_MARGIN`]
/// sentences wider either way, and widens where the path presses against it; `None` when the
/// sides' paragraphs do not pair (see [`CostModel::paired_paragraphs`]), or when the path
/// found does not follow them: it passes through fewer than half the corners where a pair of
/// paragraphs starts. Paragraphs that pair are a better guide than a coarse search, which
/// they make needless, and a narrower band.
fn search_by_paragraphs(model: &CostModel, keep: bool) -> Option<(Vec<Step>, Option<Priced>)> {
    let (source, target) = model.paired_paragraphs()?;
    let n = model.source_len();
    let (mut centres, mut widths) = (vec![0; n + 1], vec![0; n + 1]);
    for k in 0..source.len() - 1 {
        let (j0, j1) = (target[k], target[k + 1]);
        // The text's last row goes with its last paragraph.
        let rows = source[k]..if k + 2 == source.len() {
            n + 1
        } else {
            source[k + 1]
        };
        centres[rows.clone()].fill((j0 + j1) / 2);
        widths[rows].fill((j1 - j0).div_ceil(2) + PARAGRAPH_MARGIN);
    }
    let m = model.target_len();
    let cells: usize = widths.iter().map(|&w| (2 * w + 1).min(m + 1)).sum();
    if cells > PARAGRAPH_CELLS_PER_ROW * (n + 1) {
        return None;
    }
    let found = widen_where_touched(model, centres, widths, true, keep);
    let corners: Vec<(usize, usize)> = source.iter().copied().zip(target).collect();
    let inner = &corners[1..corners.len() - 1];
    let met = found
        .0
        .iter()
        .filter(|s| inner.binary_search(&(s.i, s.j)).is_ok())
        .count();
    (2 * met >= inner.len()).then_some(found)
}

/// The best path in a band `widths[i]` columns either side of `centres[i]`, widened where the
/// path presses against its edge (`local`: fourfold around those rows, which alone are
/// searched again; else twofold everywhere) until it does not, or the band is at its budget.
fn widen_where_touched(
    model: &CostModel,
    mut centres: Vec<usize>,
    mut widths: Vec<usize>,
    local: bool,
    keep: bool,
) -> (Vec<Step>, Option<Priced>) {
    let (n, m) = (model.source_len(), model.target_len());
    let mut band = Band::around(&centres, &widths, m);
    debug_assert!(band.cells() <= MAX_BAND_CELLS.max(FULL_LATTICE_CELLS));
    let (mut path, priced) = priced_viterbi(model, band.clone(), keep);
    loop {
        let touched = band.touched_rows(&path, &widths);
        if touched.is_empty() {
            return (path, priced);
        }
        centres = centres_from_coarse(&path, 1, n, m);
        let before = widths.clone();
        if local {
            for &i in &touched {
                for w in &mut widths[i.saturating_sub(WIDEN_ROWS)..=(i + WIDEN_ROWS).min(n)] {
                    *w = (*w).max(4 * before[i]).min(m + 1);
                }
            }
        } else {
            widths.iter_mut().for_each(|w| *w = (2 * *w).min(m + 1));
        }
        let wider = Band::around(&centres, &widths, m);
        if wider.cells() > MAX_BAND_CELLS {
            return (path, priced); // the best path the budget affords
        }
        path = if local {
            search_again(model, &wider, path, &widths, &before)
        } else {
            viterbi(model, &wider)
        };
        band = wider;
    }
}

/// `path` searched again where `band` is wider than it was (`widths` against `before`): each
/// such stretch of rows, with [`WIDEN_ROWS`] more either side, between the points where the
/// path enters and leaves it. The rest of the path stands: with anchors a miss of the narrow
/// band is local (with lengths alone it is not: a guide can be off for hundreds of rows
/// before the path presses against the band), and a new search of the whole document for it
/// made a third of the aligner's time.
fn search_again(
    model: &CostModel,
    band: &Band,
    mut path: Vec<Step>,
    widths: &[usize],
    before: &[usize],
) -> Vec<Step> {
    let n = widths.len() - 1;
    let mut stretches: Vec<(usize, usize)> = Vec::new();
    for i in (0..=n).filter(|&i| widths[i] != before[i]) {
        let (a, b) = (i.saturating_sub(WIDEN_ROWS), (i + WIDEN_ROWS).min(n));
        match stretches.last_mut() {
            Some(last) if a <= last.1 => last.1 = b,
            _ => stretches.push((a, b)),
        }
    }
    for (a, b) in stretches {
        // The path's corners at or before row `a` and at or after row `b`, as step indices
        // (`None`: the lattice's origin).
        let enter = path.iter().rposition(|s| s.i <= a);
        let leave = path.iter().position(|s| s.i >= b).unwrap_or(path.len() - 1);
        let start = enter.map_or((0, 0), |k| (path[k].i, path[k].j));
        let end = (path[leave].i, path[leave].j);
        let (middle, _) = viterbi_between(model, &band.stretch(start.0..=end.0), start, end, false);
        let from = enter.map_or(0, |k| k + 1);
        path.splice(from..=leave, middle);
    }
    path
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

    fn reset(&mut self, band: &Band, i: usize, fill: f64) -> &mut Vec<f64> {
        let row = &mut self.rows[i % (MAX_SPAN + 1)];
        row.clear();
        row.resize(band.hi(i) - band.lo(i) + 1, fill);
        row
    }
}

/// Minimum-cost path, with one back-pointer byte per cell.
fn viterbi(model: &CostModel, band: &Band) -> Vec<Step> {
    let (n, m) = (model.source_len(), model.target_len());
    viterbi_between(model, band, (0, 0), (n, m), false).0
}

/// A band the Viterbi programme searched and the cost of every bead ending in its cells, kept
/// for the posterior sums that follow (their band lies mostly inside it): computed once,
/// where they were computed again, for a document of up to [`KEEP_CELLS`] cells.
struct Priced {
    band: Band,
    costs: BandCosts,
}

/// [`viterbi`], and, if `keep`, the band with its costs when it has at most [`KEEP_CELLS`]
/// cells.
fn priced_viterbi(model: &CostModel, band: Band, keep: bool) -> (Vec<Step>, Option<Priced>) {
    let (n, m) = (model.source_len(), model.target_len());
    let keep = keep && band.cells() <= KEEP_CELLS;
    let (path, costs) = viterbi_between(model, &band, (0, 0), (n, m), keep);
    (path, costs.map(|costs| Priced { band, costs }))
}

/// Minimum-cost path from `start` to `end` inside `band`, whose rows run from `start`'s to
/// `end`'s: the whole lattice, or the stretch of a path [`search`] looks at again.
fn viterbi_between(
    model: &CostModel,
    band: &Band,
    start: (usize, usize),
    end: (usize, usize),
    keep: bool,
) -> (Vec<Step>, Option<BandCosts>) {
    #[cfg(test)]
    tests::CELLS.with(|c| c.set(c.get() + band.cells()));
    let mut back = vec![u8::MAX; band.cells()];
    let mut rows = Rows::new();
    let chunks = band.chunks(CHUNK_CELLS);
    let mut scratch: [RowCosts; 2] = Default::default();
    let mut costs = BandCosts::of_rows(model, band, chunks[0].clone(), &mut scratch);
    let mut kept = keep.then(|| BandCosts {
        base: costs.base,
        costs: Vec::with_capacity(band.cells() * BEADS.len()),
    });
    for (k, chunk) in chunks.iter().enumerate() {
        // The next chunk's costs are computed while the programme runs over this one.
        let following = chunks.get(k + 1).cloned();
        let scratch = &mut scratch;
        let (following, ()) = crate::parallel::both(
            || following.map(|rows| BandCosts::of_rows(model, band, rows, scratch)),
            || {
                for i in chunk.clone() {
                    viterbi_row(band, &costs, i, start, &mut rows, &mut back);
                }
            },
        );
        if let Some(kept) = &mut kept {
            kept.costs.extend_from_slice(&costs.costs);
        }
        costs = following.unwrap_or(costs);
    }
    (trace_back(band, &back, start, end), kept)
}

/// Row `i` of the Viterbi programme: each cell's best value and back-pointer. Kind by kind
/// over the whole row (short loops without a branch the processor must guess, where cell by
/// cell was most of the programme's time), then the 0-1 beads, which start in the row itself,
/// from left to right. Ties go to the kind first in [`BEADS`], as they did cell by cell.
fn viterbi_row(
    band: &Band,
    costs: &BandCosts,
    i: usize,
    start: (usize, usize),
    rows: &mut Rows,
    back: &mut [u8],
) {
    let (lo, hi) = (band.lo(i), band.hi(i));
    let mut row = std::mem::take(rows.reset(band, i, f64::INFINITY));
    let cells = band.index(i, lo)..band.index(i, hi) + 1;
    let arg = &mut back[cells];
    for (kind, &((di, dj), _)) in BEADS.iter().enumerate() {
        if di == 0 || i < band.first + di {
            continue;
        }
        let (prev_lo, prev_hi) = (band.lo(i - di), band.hi(i - di));
        let (from, to) = (lo.max(prev_lo + dj), hi.min(prev_hi + dj));
        if from > to {
            continue;
        }
        let prev =
            &rows.rows[(i - di) % (MAX_SPAN + 1)][from - dj - prev_lo..to + 1 - dj - prev_lo];
        let cost = &costs.row(band, kind, i)[from - lo..to + 1 - lo];
        let cells = row[from - lo..to + 1 - lo]
            .iter_mut()
            .zip(&mut arg[from - lo..to + 1 - lo]);
        for (((best, arg), &prev), &cost) in cells.zip(prev).zip(cost) {
            let value = prev + cost;
            if value < *best {
                (*best, *arg) = (value, kind as u8);
            }
        }
    }
    if i == start.0 {
        row[start.1 - lo] = 0.0;
    }
    // 0-1 beads: a kind before them in BEADS keeps a tie, a kind after them loses it.
    let insertion = BEADS.iter().position(|&(shape, _)| shape == (0, 1));
    if let Some(kind) = insertion {
        let cost = costs.row(band, kind, i);
        for j in lo + 1..=hi {
            if (i, j) == start {
                continue;
            }
            let k = j - lo;
            let value = row[k - 1] + cost[k];
            let (best, was) = (row[k], arg[k]);
            if value < best || (value == best && was != u8::MAX && usize::from(was) > kind) {
                (row[k], arg[k]) = (value, kind as u8);
            }
        }
    }
    rows.rows[i % (MAX_SPAN + 1)] = row;
}

fn trace_back(band: &Band, back: &[u8], start: (usize, usize), end: (usize, usize)) -> Vec<Step> {
    let mut path = Vec::new();
    let (mut i, mut j) = end;
    while (i, j) != start {
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
fn add_posteriors(model: &CostModel, band: &Band, path: &mut [Step], priced: Option<Priced>) {
    let share = band.cells() <= SHARED_CELLS;
    add_posteriors_sharing(model, band, path, priced, share);
}

/// [`add_posteriors`], the sums sharing the band's costs or computing their own.
fn add_posteriors_sharing(
    model: &CostModel,
    band: &Band,
    path: &mut [Step],
    priced: Option<Priced>,
    share: bool,
) {
    let starts: Vec<(usize, usize)> = std::iter::once((0, 0))
        .chain(path.iter().map(|s| (s.i, s.j)))
        .collect();
    let shared = share.then(|| Weights::new(model, band, priced));
    let costs = || match &shared {
        Some(weights) => SumCosts::Shared(weights),
        None => SumCosts::Own(model, Default::default()),
    };
    // Each sum as scaled probabilities, again in logs if that lost precision.
    let (alpha, beta) = crate::parallel::both(
        || {
            forward_at(band, costs(), &starts, Domain::Scaled)
                .or_else(|| forward_at(band, costs(), &starts, Domain::Logs))
        },
        || {
            backward_at(band, costs(), &starts, Domain::Scaled)
                .or_else(|| backward_at(band, costs(), &starts, Domain::Logs))
        },
    );
    let (alpha, beta) = (
        alpha.expect("sums in logs keep their precision"),
        beta.expect("sums in logs keep their precision"),
    );
    let total = alpha[starts.len() - 1];
    // Without the band's costs, the path's own, priced in one go.
    let own: Vec<f64> = match shared {
        Some(_) => Vec::new(),
        None => model
            .path_cost_parts(path.iter().map(|s| (s.kind, s.i, s.j)))
            .iter()
            .map(CostParts::total)
            .collect(),
    };
    for (k, step) in path.iter_mut().enumerate() {
        let cost = match &shared {
            Some(weights) => -weights.get(band, step.kind, step.i, step.j).ln(),
            None => own[k],
        };
        let log_p = alpha[k] - cost + beta[k + 1] - total;
        step.posterior = log_p.exp().clamp(0.0, 1.0);
    }
}

/// Where the forward and backward sums read bead weights (`e^-cost`): the band's, computed
/// once for both, or, for a band of more than [`SHARED_CELLS`] cells (whose costs would take
/// more memory than the rest of the document), each row's, computed by each sum as it comes
/// to it.
enum SumCosts<'a> {
    Shared(&'a Weights),
    /// The model, and the last rows a sum came to (beads reach back [`MAX_SPAN`] rows).
    Own(&'a CostModel, Box<[RowCosts; MAX_SPAN + 1]>),
}

impl SumCosts<'_> {
    /// Readies row `i`: the sums come to the rows in order, forward or backward.
    fn enter(&mut self, band: &Band, i: usize) {
        if let Self::Own(model, rows) = self {
            let row = &mut rows[i % (MAX_SPAN + 1)];
            model.row_costs(i, band.lo(i), band.hi(i), row);
            row.into_weights();
        }
    }

    /// The weights of bead `kind` ending in row `i` (one of the last rows readied), column
    /// by column from the band's first.
    fn row(&self, band: &Band, kind: usize, i: usize) -> &[f64] {
        match self {
            Self::Shared(weights) => weights.row(band, kind, i),
            Self::Own(_, rows) => rows[i % (MAX_SPAN + 1)].kind(kind),
        }
    }
}

/// The cost of every bead ending in each cell of a band, computed once for both the forward
/// and the backward sums (computed by each, they were a fifth of the aligner's time): row
/// after row, each row kind after kind. On a pool thread the two halves of the band are
/// computed at once.
struct BandCosts {
    /// Where the first row held starts, counted in costs from the band's first cell.
    base: usize,
    costs: Vec<f64>,
}

impl BandCosts {
    /// The costs of rows `rows` of the band only, in two halves at once (on a pool thread);
    /// `scratch` is room for a row of each.
    fn of_rows(
        model: &CostModel,
        band: &Band,
        rows: Range<usize>,
        [a, b]: &mut [RowCosts; 2],
    ) -> Self {
        let middle = rows.start + rows.len() / 2;
        let costs = costs_in_halves(model, band, (rows.start..middle, middle..rows.end), [a, b]);
        Self {
            base: band.offset[rows.start - band.first] * BEADS.len(),
            costs,
        }
    }

    /// The costs of bead `kind` ending in row `i`, column by column.
    fn row(&self, band: &Band, kind: usize, i: usize) -> &[f64] {
        let width = band.hi(i) + 1 - band.lo(i);
        let start = band.offset[i - band.first] * BEADS.len() - self.base + kind * width;
        &self.costs[start..start + width]
    }
}

/// The costs of the band's rows `first` then `second`, one row after the other, each kind
/// after kind; the halves at once on a pool thread, each in its part of one allocation (a
/// second allocation and a copy of half the costs were 5 % of a document's time, most in
/// page faults). `rows` is room for a row of each.
fn costs_in_halves<R: Iterator<Item = usize> + Clone + Send>(
    model: &CostModel,
    band: &Band,
    (first, second): (R, R),
    [a, b]: [&mut RowCosts; 2],
) -> Vec<f64> {
    let cells = |rows: &R| {
        rows.clone()
            .map(|i| band.hi(i) + 1 - band.lo(i))
            .sum::<usize>()
    };
    let split = cells(&first) * BEADS.len();
    let mut costs = vec![0.0; split + cells(&second) * BEADS.len()];
    let (one, two) = costs.split_at_mut(split);
    crate::parallel::both(
        || costs_of_rows(model, band, first, a, one),
        || costs_of_rows(model, band, second, b, two),
    );
    costs
}

/// The costs of the band's rows `rows` into `out`, which they fill; `row` is room for one.
fn costs_of_rows(
    model: &CostModel,
    band: &Band,
    rows: impl Iterator<Item = usize>,
    row: &mut RowCosts,
    out: &mut [f64],
) {
    let mut at = 0;
    for i in rows {
        model.row_costs(i, band.lo(i), band.hi(i), row);
        at += row.copy_to(&mut out[at..]);
    }
}

/// Each cost `c` as the bead's weight `e^-c`, for the sums over paths: one exponential per
/// bead, where sums in logs took one per bead and direction, and a logarithm per cell. The
/// two halves at once on a pool thread.
fn into_weights(costs: &mut [f64]) {
    let (a, b) = costs.split_at_mut(costs.len() / 2);
    let weigh = |costs: &mut [f64]| costs.iter_mut().for_each(|c| *c = (-*c).exp());
    crate::parallel::both(|| weigh(a), || weigh(b));
}

/// The weights (`e^-cost`) of the beads ending in each cell of a posterior band, computed once
/// for both sums. Rows the searched band covers are read from its kept costs, turned into
/// weights in place (a copy held most of them a second time); the others are computed.
struct Weights {
    kept: Option<Priced>,
    /// The rows `kept` does not cover, each kind after kind, back to back.
    own: Vec<f64>,
    /// Where each row of the band starts in `own`; `None` for a row read from `kept`.
    starts: Vec<Option<usize>>,
}

impl Weights {
    fn new(model: &CostModel, band: &Band, mut kept: Option<Priced>) -> Self {
        let covered = |i: usize| {
            kept.as_ref().is_some_and(|k| {
                k.band.rows().contains(&i)
                    && k.band.lo(i) <= band.lo(i)
                    && band.hi(i) <= k.band.hi(i)
            })
        };
        let own_rows: Vec<usize> = band.rows().filter(|&i| !covered(i)).collect();
        let (first, second) = own_rows.split_at(own_rows.len() / 2);
        let mut scratch: [RowCosts; 2] = Default::default();
        let [a, b] = &mut scratch;
        let halves = (first.iter().copied(), second.iter().copied());
        let mut own = costs_in_halves(model, band, halves, [a, b]);
        into_weights(&mut own);
        if let Some(kept) = &mut kept {
            into_weights(&mut kept.costs.costs);
        }
        let mut starts = vec![None; band.lo.len()];
        let mut at = 0;
        for i in own_rows {
            starts[i - band.first] = Some(at);
            at += (band.hi(i) + 1 - band.lo(i)) * BEADS.len();
        }
        Self { kept, own, starts }
    }

    /// The weights of bead `kind` ending in row `i`, column by column.
    fn row(&self, band: &Band, kind: usize, i: usize) -> &[f64] {
        let width = band.hi(i) + 1 - band.lo(i);
        match (self.starts[i - band.first], &self.kept) {
            (Some(start), _) => &self.own[start + kind * width..start + (kind + 1) * width],
            (None, Some(Priced { band: known, costs })) => {
                let from = band.lo(i) - known.lo(i);
                &costs.row(known, kind, i)[from..from + width]
            }
            (None, None) => unreachable!("a row not computed is kept"),
        }
    }

    /// The weight of bead `kind` ending at `(i, j)`, a cell of the band.
    fn get(&self, band: &Band, kind: usize, i: usize, j: usize) -> f64 {
        self.row(band, kind, i)[j - band.lo(i)]
    }
}

/// How a sum over paths holds its values. Probabilities, each row divided by its largest
/// value: no exponential or logarithm per term. Logarithms, when a row's values span more
/// nats than a float's exponent holds (a long run of insertions in one row): slower, rare.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Domain {
    Scaled,
    Logs,
}

/// Rows of [`Domain::Scaled`] with a value this far below their largest have lost precision:
/// the sum is done again in logs.
const TINY: f64 = 1e-250;

/// One row of a sum over paths, with the logarithm of what its values were divided by (0 for
/// [`Domain::Logs`]).
#[derive(Default)]
struct Scaled {
    values: Vec<f64>,
    log_scale: f64,
}

impl Scaled {
    /// Divides the row by its largest value; whether one value is now too small to trust.
    fn normalize(&mut self, domain: Domain, log_base: f64) -> bool {
        self.log_scale = log_base;
        if domain == Domain::Logs {
            return false;
        }
        let largest = self.values.iter().copied().fold(0.0, f64::max);
        if largest > 0.0 {
            self.values.iter_mut().for_each(|v| *v /= largest);
            self.log_scale += largest.ln();
        }
        self.values.iter().any(|&v| v < TINY)
    }

    /// `ln` of the row's value at column offset `k`.
    fn log_at(&self, domain: Domain, k: usize) -> f64 {
        match domain {
            Domain::Scaled => self.values[k].ln() + self.log_scale,
            Domain::Logs => self.values[k],
        }
    }
}

/// `ln(e^a + e^b)`.
fn log_add(a: f64, b: f64) -> f64 {
    let (high, low) = if a > b { (a, b) } else { (b, a) };
    if low == f64::NEG_INFINITY {
        return high;
    }
    high + (low - high).exp().ln_1p()
}

/// Adds to each `cells[k]` the paths through `from[k]` and a bead of weight `weight[k]`;
/// `factor` is `from`'s scale over the row's.
fn add_paths(domain: Domain, cells: &mut [f64], from: &[f64], factor: f64, weight: &[f64]) {
    let terms = cells.iter_mut().zip(from).zip(weight);
    match domain {
        Domain::Scaled => {
            let factor = factor.exp();
            terms.for_each(|((cell, &from), &weight)| *cell += from * factor * weight);
        }
        Domain::Logs => terms.for_each(|((cell, &from), &weight)| {
            *cell = log_add(*cell, from + factor + weight.ln());
        }),
    }
}

/// The 0-1 beads of a row, which start in the row itself: each cell `k` (in `order`) adds the
/// paths through cell `k - 1` (forward) or `k + 1` (backward), with the weight `weight[w]`.
fn add_insertions(
    domain: Domain,
    values: &mut [f64],
    steps: impl Iterator<Item = (usize, usize, usize)>,
    weight: &[f64],
) {
    for (k, from, w) in steps {
        values[k] = match domain {
            Domain::Scaled => values[k] + values[from] * weight[w],
            Domain::Logs => log_add(values[k], values[from] + weight[w].ln()),
        };
    }
}

/// The last `MAX_SPAN + 1` rows of a sum, by row number.
struct Ring {
    rows: [Scaled; MAX_SPAN + 1],
}

impl Ring {
    fn new() -> Self {
        Self {
            rows: Default::default(),
        }
    }

    fn row(&self, i: usize) -> &Scaled {
        &self.rows[i % (MAX_SPAN + 1)]
    }

    /// Row `i`'s storage, as wide as the band's row and holding no path yet.
    fn take(&mut self, band: &Band, i: usize, domain: Domain) -> Scaled {
        let mut row = std::mem::take(&mut self.rows[i % (MAX_SPAN + 1)]);
        let none = match domain {
            Domain::Scaled => 0.0,
            Domain::Logs => f64::NEG_INFINITY,
        };
        row.values.clear();
        row.values.resize(band.hi(i) + 1 - band.lo(i), none);
        row
    }
}

/// The value of an empty path: where the sums start.
fn one(domain: Domain) -> f64 {
    match domain {
        Domain::Scaled => 1.0,
        Domain::Logs => 0.0,
    }
}

/// Forward log-sums `α(i, j)` at the given points (sorted by row, then column); `None` when a
/// row lost precision in `domain`. Row by row, kind by kind over the whole row, then the 0-1
/// beads from left to right, as in [`viterbi_row`].
fn forward_at(
    band: &Band,
    mut costs: SumCosts,
    points: &[(usize, usize)],
    domain: Domain,
) -> Option<Vec<f64>> {
    let mut out = vec![f64::NEG_INFINITY; points.len()];
    let mut cursor = 0;
    let mut rows = Ring::new();
    let insertion = BEADS.iter().position(|&(shape, _)| shape == (0, 1));
    for i in band.rows() {
        costs.enter(band, i);
        let (lo, hi) = (band.lo(i), band.hi(i));
        let mut row = rows.take(band, i, domain);
        let log_base = if i == 0 {
            0.0
        } else {
            rows.row(i - 1).log_scale
        };
        for (kind, &((di, dj), _)) in BEADS.iter().enumerate() {
            if di == 0 || i < di {
                continue;
            }
            let (prev_lo, prev_hi) = (band.lo(i - di), band.hi(i - di));
            let (from, to) = (lo.max(prev_lo + dj), hi.min(prev_hi + dj));
            if from > to {
                continue;
            }
            let before = rows.row(i - di);
            add_paths(
                domain,
                &mut row.values[from - lo..to + 1 - lo],
                &before.values[from - dj - prev_lo..to + 1 - dj - prev_lo],
                before.log_scale - log_base,
                &costs.row(band, kind, i)[from - lo..to + 1 - lo],
            );
        }
        if i == 0 {
            row.values[0] = one(domain); // the path's start, (0, 0)
        }
        if let Some(kind) = insertion {
            let steps = (1..row.values.len()).map(|k| (k, k - 1, k));
            add_insertions(domain, &mut row.values, steps, costs.row(band, kind, i));
        }
        if row.normalize(domain, log_base) {
            return None;
        }
        while cursor < points.len() && points[cursor].0 == i {
            out[cursor] = row.log_at(domain, points[cursor].1 - lo);
            cursor += 1;
        }
        rows.rows[i % (MAX_SPAN + 1)] = row;
    }
    Some(out)
}

/// Backward log-sums `β(i, j)`, everything from `(i, j)` to the end, as [`forward_at`]: row
/// by row from the last, the 0-1 beads from right to left.
fn backward_at(
    band: &Band,
    mut costs: SumCosts,
    points: &[(usize, usize)],
    domain: Domain,
) -> Option<Vec<f64>> {
    let (n, m) = (*band.rows().end(), band.m);
    let mut out = vec![f64::NEG_INFINITY; points.len()];
    let mut cursor = points.len();
    let mut rows = Ring::new();
    let insertion = BEADS.iter().position(|&(shape, _)| shape == (0, 1));
    for i in (0..=n).rev() {
        costs.enter(band, i);
        let (lo, hi) = (band.lo(i), band.hi(i));
        let mut row = rows.take(band, i, domain);
        let log_base = if i == n {
            0.0
        } else {
            rows.row(i + 1).log_scale
        };
        for (kind, &((di, dj), _)) in BEADS.iter().enumerate() {
            if di == 0 || i + di > n {
                continue;
            }
            // Beads starting at `(i, j)` end at `(i + di, j + dj)`, in the later row's band.
            let (next_lo, next_hi) = (band.lo(i + di), band.hi(i + di));
            if next_hi < dj {
                continue;
            }
            let (from, to) = (lo.max(next_lo.saturating_sub(dj)), hi.min(next_hi - dj));
            if from > to {
                continue;
            }
            let after = rows.row(i + di);
            let ends = from + dj - next_lo..to + 1 + dj - next_lo;
            add_paths(
                domain,
                &mut row.values[from - lo..to + 1 - lo],
                &after.values[ends.clone()],
                after.log_scale - log_base,
                &costs.row(band, kind, i + di)[ends],
            );
        }
        if i == n {
            row.values[m - lo] = one(domain); // the path's end, (n, m)
        }
        if let Some(kind) = insertion {
            let steps = (0..row.values.len() - 1).rev().map(|k| (k, k + 1, k + 1));
            add_insertions(domain, &mut row.values, steps, costs.row(band, kind, i));
        }
        if row.normalize(domain, log_base) {
            return None;
        }
        while cursor > 0 && points[cursor - 1].0 == i {
            cursor -= 1;
            out[cursor] = row.log_at(domain, points[cursor].1 - lo);
        }
        rows.rows[i % (MAX_SPAN + 1)] = row;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// Cells the Viterbi programme searched on this thread (tests run the aligner on
        /// their own thread, off any pool): the work a budget bounds.
        pub(super) static CELLS: Cell<usize> = const { Cell::new(0) };
    }

    /// `f`'s result and the cells its Viterbi searches visited.
    fn counting_cells<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let before = CELLS.with(Cell::get);
        let out = f();
        (out, CELLS.with(Cell::get) - before)
    }

    fn model(src: &[usize], tgt: &[usize]) -> CostModel {
        CostModel::new(src, tgt, &vec![0; src.len()], &vec![0; tgt.len()])
    }

    /// Sentence lengths from a fixed-seed generator (10 to 139 characters).
    fn lengths(n: usize, seed: u64) -> Vec<usize> {
        let mut next = crate::testing::test_numbers(seed);
        (0..n).map(|_| 10 + next(130) as usize).collect()
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

    /// 60 paragraphs of 2 to 9 sentences against their translation (lengths 1.1 times the
    /// source's, the first two sentences of every third paragraph merged), with both sides'
    /// paragraph numbers.
    fn in_paragraphs() -> CostModel {
        let mut next = crate::testing::test_numbers(17);
        let (mut src, mut tgt, mut src_par, mut tgt_par) = (vec![], vec![], vec![], vec![]);
        for k in 0..60 {
            let lens = lengths(2 + next(8) as usize, 100 + k as u64);
            let mut translated: Vec<usize> = lens.iter().map(|l| l * 11 / 10).collect();
            if k % 3 == 0 {
                let first = translated.remove(0);
                translated[0] += first;
            }
            src_par.extend(std::iter::repeat_n(k, lens.len()));
            tgt_par.extend(std::iter::repeat_n(k, translated.len()));
            src.extend(lens);
            tgt.extend(translated);
        }
        CostModel::new(&src, &tgt, &src_par, &tgt_par)
    }

    #[test]
    fn paragraphs_that_pair_guide_the_search_to_the_best_path() {
        let m = in_paragraphs();
        let (n, t) = (m.source_len(), m.target_len());
        assert!(
            (n + 1) * (t + 1) > FULL_LATTICE_CELLS,
            "a search, not the whole lattice"
        );
        let best = viterbi(&m, &Band::full(n, t));
        let (found, _) = search_by_paragraphs(&m, false).expect("paragraphs that pair");
        assert_eq!(found, best);
        assert_eq!(search(&m, false).0, best);
        assert_eq!(shapes(&best).iter().filter(|&&s| s == (2, 1)).count(), 20);
    }

    /// `sizes[k]` sentences in paragraph `k`, the same on both sides (lengths 1.1 times).
    fn paragraphs_of(sizes: &[usize]) -> CostModel {
        let par: Vec<usize> = (0..sizes.len())
            .flat_map(|k| std::iter::repeat_n(k, sizes[k]))
            .collect();
        let src = lengths(par.len(), 5);
        let tgt: Vec<usize> = src.iter().map(|l| l * 11 / 10).collect();
        CostModel::new(&src, &tgt, &par, &par)
    }

    #[test]
    fn long_paragraphs_are_left_to_the_coarse_search_within_the_budget() {
        // Four paragraphs of 1,500 sentences: a band pairing them holds 2.25 million cells
        // each, some 1,500 a row, where the coarse search needs a few dozen.
        let m = paragraphs_of(&[1500; 4]);
        let n = m.source_len();
        assert!(m.paired_paragraphs().is_some());
        assert!(search_by_paragraphs(&m, false).is_none());
        let (path, cells) = counting_cells(|| search(&m, false).0);
        assert_eq!(shapes(&path), vec![(1, 1); n]);
        // Lengths alone: the coarse search's band starts 129 cells a row, with its levels.
        assert!(
            cells <= 2 * (2 * INITIAL_HALF_WIDTH + 1) * (n + 1),
            "{cells} cells"
        );
    }

    #[test]
    fn short_paragraphs_still_pair_within_the_budget() {
        let sizes: Vec<usize> = (0..400).map(|k| 2 + k % 9).collect();
        let m = paragraphs_of(&sizes);
        let n = m.source_len();
        let (found, cells) = counting_cells(|| search_by_paragraphs(&m, false));
        assert!(found.is_some());
        assert!(cells <= PARAGRAPH_CELLS_PER_ROW * (n + 1), "{cells} cells");
    }

    #[test]
    fn a_path_that_misses_the_paragraph_corners_is_left_to_the_coarse_search() {
        // Paragraphs of 6 sentences, the target's 3 sentences later: their lengths agree well
        // enough, but the sentences' lengths say the translation is 1-1, through no corner.
        let n = 240;
        let src = lengths(n, 3);
        let tgt: Vec<usize> = src.iter().map(|l| l * 11 / 10).collect();
        let src_par: Vec<usize> = (0..n).map(|i| i / 6).collect();
        let tgt_par: Vec<usize> = (0..n).map(|i| (i + 3).saturating_sub(6) / 6).collect();
        assert_eq!(src_par.last(), tgt_par.last(), "as many paragraphs");
        let m = CostModel::new(&src, &tgt, &src_par, &tgt_par);
        assert!(m.paired_paragraphs().is_some());
        assert!(search_by_paragraphs(&m, false).is_none());
        let path = search(&m, false).0;
        assert_eq!(shapes(&path), vec![(1, 1); n]);
    }

    #[test]
    fn an_unscored_path_rescored_gets_the_posteriors_of_a_full_search() {
        let src = lengths(200, 21);
        let mut tgt: Vec<usize> = src.iter().map(|l| l + l / 7).collect();
        tgt.splice(100..100, vec![12; 10]);
        let m = model(&src, &tgt);
        let (full, unscored) = (best_path(&m), unscored_path(&m));
        let posteriors = |path: &[Step]| path.iter().map(|s| s.posterior).collect::<Vec<_>>();
        assert_eq!(shapes(&unscored), shapes(&full));
        assert!(unscored.iter().all(|s| s.posterior == 0.0));
        assert!(full.iter().any(|s| s.posterior < 0.9), "uncertain beads");
        assert_eq!(posteriors(&rescore(&m, unscored)), posteriors(&full));
    }

    #[test]
    fn posteriors_from_the_searched_band_costs_equal_those_computed_afresh() {
        let src = lengths(2000, 5);
        let mut tgt: Vec<usize> = src.iter().map(|l| l * 11 / 10).collect();
        tgt.drain(700..705);
        let m = model(&src, &tgt);
        let (path, priced) = search(&m, true);
        assert!(priced.is_some(), "a band this small keeps its costs");
        assert!(search(&m, false).1.is_none(), "unless told not to");
        let posteriors = |priced| {
            let path = with_posteriors(&m, path.clone(), POSTERIOR_HALF_WIDTH, priced);
            path.iter().map(|s| s.posterior).collect::<Vec<_>>()
        };
        assert_eq!(posteriors(priced), posteriors(None));
    }

    /// 600 source sentences against their translations with four short ones inserted
    /// halfway, and the best path.
    fn with_four_inserted() -> (CostModel, Vec<Step>) {
        let src = lengths(600, 9);
        let mut tgt: Vec<usize> = src.iter().map(|l| l * 11 / 10).collect();
        tgt.splice(300..300, vec![20; 4]);
        let m = model(&src, &tgt);
        let (path, _) = search(&m, false);
        (m, path)
    }

    #[test]
    fn posteriors_with_costs_of_their_own_equal_those_with_shared_costs() {
        let (m, path) = with_four_inserted();
        let band = Band::covering(&path, POSTERIOR_HALF_WIDTH, 600, 604);
        let posteriors = |share| {
            let mut path = path.clone();
            add_posteriors_sharing(&m, &band, &mut path, None, share);
            path.iter().map(|s| s.posterior).collect::<Vec<_>>()
        };
        let shared = posteriors(true);
        assert!(
            shared.iter().any(|&p| p < 0.9),
            "the case must have uncertain beads"
        );
        assert_eq!(posteriors(false), shared);
    }

    /// Forward and backward log-sums at the path's points, in `domain`.
    fn sums_in(m: &CostModel, path: &[Step], domain: Domain) -> Option<(Vec<f64>, Vec<f64>)> {
        let band = Band::covering(path, POSTERIOR_HALF_WIDTH, m.source_len(), m.target_len());
        let points: Vec<_> = std::iter::once((0, 0))
            .chain(path.iter().map(|s| (s.i, s.j)))
            .collect();
        let weights = Weights::new(m, &band, None);
        let alpha = forward_at(&band, SumCosts::Shared(&weights), &points, domain)?;
        let beta = backward_at(&band, SumCosts::Shared(&weights), &points, domain)?;
        Some((alpha, beta))
    }

    #[test]
    fn weights_read_from_kept_costs_equal_weights_computed_afresh() {
        let src = lengths(300, 8);
        let tgt: Vec<usize> = src.iter().map(|l| l * 11 / 10).collect();
        let m = model(&src, &tgt);
        let (path, _) = search(&m, false);
        let kept_band = Band::covering(&path, GUIDE_HALF_WIDTH, 300, 300);
        let rows = 0..301;
        let costs = BandCosts::of_rows(&m, &kept_band, rows, &mut Default::default());
        // The posterior band, wider than the kept one in rows 100 to 119: those are computed.
        let narrow = Band::covering(&path, POSTERIOR_HALF_WIDTH, 300, 300);
        let mut lo = narrow.lo.clone();
        lo[100..120]
            .iter_mut()
            .for_each(|lo| *lo = lo.saturating_sub(20));
        let band = Band::from_rows(lo, narrow.hi.clone(), 300);
        let kept = Priced {
            band: kept_band,
            costs,
        };
        let (read, fresh) = (
            Weights::new(&m, &band, Some(kept)),
            Weights::new(&m, &band, None),
        );
        let computed = read.starts.iter().filter(|s| s.is_some()).count();
        assert!((1..301).contains(&computed), "{computed} rows computed");
        for i in band.rows() {
            for kind in 0..BEADS.len() {
                assert_eq!(
                    read.row(&band, kind, i),
                    fresh.row(&band, kind, i),
                    "{i} {kind}"
                );
            }
        }
    }

    #[test]
    fn scaled_sums_equal_sums_in_logs() {
        let (m, path) = with_four_inserted();
        let scaled = sums_in(&m, &path, Domain::Scaled).expect("in range");
        let logs = sums_in(&m, &path, Domain::Logs).expect("logs");
        // Both directions sum the same paths: α at the end is β at the start.
        assert!((scaled.0[path.len()] - scaled.1[0]).abs() < 1e-9);
        for (a, b) in [(&scaled.0, &logs.0), (&scaled.1, &logs.1)] {
            for (a, b) in a.iter().zip(b) {
                assert!((a - b).abs() < 1e-9 * b.abs().max(1.0), "{a} {b}");
            }
        }
    }

    #[test]
    fn scaled_sums_give_way_to_logs_past_a_floats_range() {
        // 300 target-only sentences in one row: the row spans more than 1,000 nats.
        let src = lengths(100, 3);
        let mut tgt = src.clone();
        tgt.splice(50..50, vec![1; 300]);
        let m = model(&src, &tgt);
        let (path, _) = search(&m, false);
        assert!(sums_in(&m, &path, Domain::Scaled).is_none());
        let (alpha, beta) = sums_in(&m, &path, Domain::Logs).expect("logs");
        assert!(alpha.iter().chain(&beta).all(|v| v.is_finite()));
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

    /// A guide that ignores the 30 target sentences dropped at 200..230 of 500: the diagonal,
    /// stepped 1-1 then 1-0.
    fn rough_guide() -> Vec<Step> {
        (1..=500)
            .map(|i| Step {
                kind: if i <= 470 { 0 } else { 1 },
                i,
                j: i.min(470),
                posterior: 0.0,
            })
            .collect()
    }

    #[test]
    fn a_local_search_again_finds_the_anchored_optimum_far_from_the_guide() {
        // Each sentence's anchor is its number in the source: shared by a pair, as numbers are.
        let src = lengths(500, 13);
        let mut tgt = src.clone();
        tgt.drain(200..230);
        let ids: Vec<u32> = (0..500).collect();
        let target_ids: Vec<u32> = ids
            .iter()
            .copied()
            .filter(|i| !(200..230).contains(i))
            .collect();
        let anchors = |ids: &[u32]| ids.iter().map(|&i| vec![i]).collect::<Vec<_>>();
        let m = model(&src, &tgt).with_anchors(anchors(&ids), anchors(&target_ids), 32.0);
        let full = viterbi(&m, &Band::full(500, 470));
        let guided = best_path_near(&m, &rough_guide());
        assert!(
            shapes(&guided) == shapes(&full),
            "the stretch search missed the optimum"
        );
        let deleted: Vec<usize> = guided
            .iter()
            .filter(|s| BEADS[s.kind].0 == (1, 0))
            .map(|s| s.i - 1)
            .collect();
        assert_eq!(deleted, (200..230).collect::<Vec<_>>());
    }

    #[test]
    fn a_guided_search_finds_the_path_from_a_rough_guide() {
        let src = lengths(500, 13);
        let mut tgt = src.clone();
        tgt.drain(200..230);
        let m = model(&src, &tgt);
        let best = best_path(&m);
        assert!(shapes(&best_path_near(&m, &rough_guide())) == shapes(&best));
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
