//! The search strategy: which band the dynamic programme runs in, so that memory and time grow
//! with the document's length, not its square.
//!
//! Small documents get a band that covers the whole lattice (exact Gale-Church). Where both
//! sides' paragraphs pair, the band pairs them (see `search_by_paragraphs`). Other documents are
//! aligned coarse to fine: sentences are grouped in blocks of `BLOCK`, the blocks are aligned
//! (recursively, the same way), and the sentence-level band follows that coarse path. A global
//! diagonal would not do: the length ratio drifts along a long document (a novel, then captions),
//! and the path wanders hundreds of sentences away from any straight line. Where the best path
//! comes near the band's edge, the band widens there and the search runs again.
//!
//! Then forward and backward sums over a band around the best path give each chosen bead's
//! posterior probability, which is its confidence (see [`super::posterior`]).

use super::band::Band;
use super::band_costs::{Keep, Priced};
use super::cost::CostModel;
use super::path::Step;
use super::posterior::{POSTERIOR_HALF_WIDTH, with_posteriors};
use super::viterbi::{priced_viterbi, viterbi, viterbi_between};

/// Documents with at most this many lattice cells (some 140 sentences a side) are aligned
/// without a band: the whole lattice gives the exact optimum, and costs no more than the
/// coarse levels and widening a band would. Chosen by hand; not measured.
const FULL_LATTICE_CELLS: usize = 20_000;
/// Half-width of the band around a guide path (see [`best_path_near`]): a second pass
/// mostly confirms the first, its path within a few sentences of the guide, and where it
/// presses against the band's edge the band widens. Chosen by hand; not measured.
pub(crate) const GUIDE_HALF_WIDTH: usize = 8;
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
/// Sentences per block at the coarse level: each level has 1/256 of the cells of the one
/// below, so the coarse levels cost a fraction of the sentence level, and a block is short
/// enough that the coarse path places the sentence band within a block or so. Chosen by
/// hand; not measured.
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

/// Where a band widens when the best path presses against its edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Widening {
    /// Fourfold over [`WIDEN_ROWS`] rows either side of where it pressed, and only those
    /// stretches searched again: with anchors (or paragraphs, or a guide) a miss is local.
    Local,
    /// Twofold everywhere, and the whole band searched again: with lengths alone a miss can
    /// lie anywhere, hundreds of rows before the path presses against the band.
    Everywhere,
}

impl Widening {
    /// Local where anchors take part in the cost, else everywhere.
    fn for_model(model: &CostModel) -> Self {
        if model.has_anchors() {
            Self::Local
        } else {
            Self::Everywhere
        }
    }
}

/// The widest half-width whose band over `n + 1` rows stays within [`MAX_BAND_CELLS`].
fn affordable_half_width(n: usize) -> usize {
    (MAX_BAND_CELLS / (n + 1)).saturating_sub(1) / 2
}

/// The best alignment path with each bead's posterior, from `(0, 0)` to `(n, m)`.
#[cfg(test)]
pub(crate) fn best_path(model: &CostModel) -> Vec<Step> {
    let (path, priced) = search(model, Keep::Costs);
    with_posteriors(model, path, POSTERIOR_HALF_WIDTH, priced)
}

/// The best path without posteriors (each is 0): for a first pass, which needs the path only.
/// [`rescore`] gives the path its posteriors if it is kept.
pub(crate) fn unscored_path(model: &CostModel) -> Vec<Step> {
    search(model, Keep::PathOnly).0
}

/// `path` (of [`unscored_path`]) with its posteriors.
pub(crate) fn rescore(model: &CostModel, path: Vec<Step>) -> Vec<Step> {
    with_posteriors(model, path, POSTERIOR_HALF_WIDTH, None)
}

/// The best path near `guide` (a path of an earlier pass): the band follows the guide and
/// widens where the new path presses against its edge (as in [`search`]). A second pass
/// mostly confirms the first, so this costs a fraction of a new search.
pub(crate) fn best_path_near(model: &CostModel, guide: &[Step]) -> Vec<Step> {
    let (n, m) = (model.source_len(), model.target_len());
    let half_width = GUIDE_HALF_WIDTH.min(affordable_half_width(n).max(1));
    let centres = centres_from_coarse(guide, 1, n, m);
    let widths = vec![half_width; n + 1];
    let widening = Widening::for_model(model);
    let (path, priced) = widen_where_touched(model, centres, widths, widening, Keep::Costs);
    with_posteriors(model, path, POSTERIOR_HALF_WIDTH, priced)
}

/// The Viterbi path: of the whole lattice for a small document, else coarse to fine. And,
/// with [`Keep::Costs`], the band first searched with its costs, when it is small enough (see
/// [`Priced`]).
pub(crate) fn search(model: &CostModel, keep: Keep) -> (Vec<Step>, Option<Priced>) {
    let (n, m) = (model.source_len(), model.target_len());
    if (n + 1).saturating_mul(m + 1) <= FULL_LATTICE_CELLS {
        return priced_viterbi(model, Band::full(n, m), keep);
    }
    if let Some(found) = search_by_paragraphs(model, keep) {
        return found;
    }
    let (coarse_path, _) = search(&model.coarsen(BLOCK), Keep::PathOnly);
    let centres = centres_from_coarse(&coarse_path, BLOCK, n, m);
    // With anchors the coarse path is reliable and a miss is local: the band starts narrow and
    // widens where the path pressed against it. With lengths alone a miss can lie anywhere,
    // and the band starts wide and doubles everywhere.
    let widening = Widening::for_model(model);
    let initial = match widening {
        Widening::Local => ANCHORED_HALF_WIDTH,
        Widening::Everywhere => INITIAL_HALF_WIDTH,
    };
    let initial = initial.min(affordable_half_width(n).max(1));
    widen_where_touched(model, centres, vec![initial; n + 1], widening, keep)
}

/// The best path in a band that pairs the k-th paragraph of each side, [`PARAGRAPH_MARGIN`]
/// sentences wider either way, and widens where the path presses against it; `None` when the
/// sides' paragraphs do not pair (see [`CostModel::paired_paragraphs`]), or when the path
/// found does not follow them: it passes through fewer than half the corners where a pair of
/// paragraphs starts. Paragraphs that pair are a better guide than a coarse search, which
/// they make needless, and a narrower band.
fn search_by_paragraphs(model: &CostModel, keep: Keep) -> Option<(Vec<Step>, Option<Priced>)> {
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
    let found = widen_where_touched(model, centres, widths, Widening::Local, keep);
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
/// path presses against its edge (as `widening` says) until it does not, or the band is at
/// its budget.
fn widen_where_touched(
    model: &CostModel,
    mut centres: Vec<usize>,
    mut widths: Vec<usize>,
    widening: Widening,
    keep: Keep,
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
        if widening == Widening::Local {
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
        path = if widening == Widening::Local {
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
        let stretch = band.stretch(start.0..=end.0);
        let (middle, _) = viterbi_between(model, &stretch, start, end, Keep::PathOnly);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::shape::Shape;
    use crate::align::testing::{lengths, model, shapes};
    use crate::align::viterbi::counting_cells;

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
            .filter(|s| s.shape == Shape::OneOne)
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
        let (found, _) = search_by_paragraphs(&m, Keep::PathOnly).expect("paragraphs that pair");
        assert_eq!(found, best);
        assert_eq!(search(&m, Keep::PathOnly).0, best);
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
        assert!(search_by_paragraphs(&m, Keep::PathOnly).is_none());
        let (path, cells) = counting_cells(|| search(&m, Keep::PathOnly).0);
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
        let (found, cells) = counting_cells(|| search_by_paragraphs(&m, Keep::PathOnly));
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
        assert!(search_by_paragraphs(&m, Keep::PathOnly).is_none());
        let path = search(&m, Keep::PathOnly).0;
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
        let (path, priced) = search(&m, Keep::Costs);
        assert!(priced.is_some(), "a band this small keeps its costs");
        assert!(search(&m, Keep::PathOnly).1.is_none(), "unless told not to");
        let posteriors = |priced| {
            let path = with_posteriors(&m, path.clone(), POSTERIOR_HALF_WIDTH, priced);
            path.iter().map(|s| s.posterior).collect::<Vec<_>>()
        };
        assert_eq!(posteriors(priced), posteriors(None));
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
        let ones = path.iter().filter(|s| s.shape == Shape::OneOne);
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
                shape: if i <= 470 {
                    Shape::OneOne
                } else {
                    Shape::OneZero
                },
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
            .filter(|s| s.shape == Shape::OneZero)
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
}
