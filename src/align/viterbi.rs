//! The Viterbi programme: the cheapest sequence of beads inside a band, with one back-pointer
//! byte per cell.

use std::ops::Range;

use super::band::Band;
use super::band_costs::{BandCosts, HeldCosts, Keep, Priced, price_rows, start_of};
use super::cost::{CostModel, RowRoom};
use super::path::Step;
use super::ring::Ring;
use super::shape::Shape;

#[cfg(test)]
thread_local! {
    /// Cells the Viterbi programme searched on this thread (tests run the aligner on
    /// their own thread, off any pool): the work a budget bounds.
    pub(crate) static CELLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// `f`'s result and the cells its Viterbi searches visited.
#[cfg(test)]
pub(crate) fn counting_cells<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = CELLS.with(std::cell::Cell::get);
    let out = f();
    (out, CELLS.with(std::cell::Cell::get) - before)
}

/// Cells of the lattice whose bead costs are computed at once while the Viterbi programme
/// runs over the cells before them: half a megabyte of costs, which stays in a core's cache
/// until the programme reads it, and chunks many enough to keep both threads busy. Chosen by
/// hand; not measured.
const CHUNK_CELLS: usize = 1 << 13;
/// Bands of at most this many cells keep their costs for the posterior sums (128 MB, which
/// the sums then read in place: a band of their own would hold most of them again).
const KEEP_CELLS: usize = 1 << 21;

/// Minimum-cost path, with one back-pointer byte per cell.
pub(crate) fn viterbi(model: &CostModel, band: &Band) -> Vec<Step> {
    let (n, m) = (model.source_len(), model.target_len());
    viterbi_between(model, band, (0, 0), (n, m), Keep::PathOnly).0
}

/// [`viterbi`], and, with [`Keep::Costs`], the band with its costs when it has at most
/// [`KEEP_CELLS`] cells.
pub(crate) fn priced_viterbi(
    model: &CostModel,
    band: Band,
    keep: Keep,
) -> (Vec<Step>, Option<Priced>) {
    let (n, m) = (model.source_len(), model.target_len());
    let keep = match keep {
        Keep::Costs if band.cells() <= KEEP_CELLS => Keep::Costs,
        _ => Keep::PathOnly,
    };
    let (path, costs) = viterbi_between(model, &band, (0, 0), (n, m), keep);
    (path, costs.map(|costs| Priced { band, costs }))
}

/// Minimum-cost path from `start` to `end` inside `band`, whose rows run from `start`'s to
/// `end`'s: the whole lattice, or the stretch of a path [`search`] looks at again.
pub(crate) fn viterbi_between(
    model: &CostModel,
    band: &Band,
    start: (usize, usize),
    end: (usize, usize),
    keep: Keep,
) -> (Vec<Step>, Option<BandCosts>) {
    #[cfg(test)]
    CELLS.with(|c| c.set(c.get() + band.cells()));
    let mut back = vec![u8::MAX; band.cells()];
    let mut rows = Ring::default();
    let chunks = band.chunks(CHUNK_CELLS);
    let mut room = Room::new(keep, band, &chunks);
    let mut pricing: [RowRoom; 2] = Default::default();
    let first = chunks[0].clone();
    price_rows(model, band, first, &mut pricing, room.first(band, &chunks));
    for (k, chunk) in chunks.iter().enumerate() {
        // The next chunk's costs are computed while the programme runs over this one.
        let following = chunks.get(k + 1).cloned();
        let (costs, next) = room.split(band, &chunks, k);
        let pricing = &mut pricing;
        crate::parallel::both(
            || following.map(|rows| price_rows(model, band, rows, pricing, next)),
            || {
                for i in chunk.clone() {
                    viterbi_row(band, &costs, i, start, &mut rows, &mut back);
                }
            },
        );
    }
    let kept = match room {
        Room::Whole(costs) => Some(BandCosts { base: 0, costs }),
        Room::Turns(_) => None,
    };
    (trace_back(band, &back, start, end), kept)
}

/// Where the Viterbi programme's chunks of costs are priced: the whole band's costs when they
/// are kept, each chunk's in its place (priced chunk by chunk and copied there, they were a
/// copy of 100 MB on the 100k bench), else two chunks' room in turns (a new allocation a chunk
/// wrote half a megabyte of zeros each time, 5 % of the 100k bench's samples in `memset`).
enum Room {
    Whole(Vec<f64>),
    Turns([Vec<f64>; 2]),
}

impl Room {
    fn new(keep: Keep, band: &Band, chunks: &[Range<usize>]) -> Self {
        match keep {
            Keep::Costs => Self::Whole(vec![0.0; band.cells() * Shape::COUNT]),
            Keep::PathOnly => {
                let most = chunks.iter().map(|c| size(band, c)).max().unwrap_or(0);
                Self::Turns([vec![0.0; most], vec![0.0; most]])
            }
        }
    }

    /// Room for the first chunk's costs.
    fn first(&mut self, band: &Band, chunks: &[Range<usize>]) -> &mut [f64] {
        let size = size(band, &chunks[0]);
        match self {
            Self::Whole(all) => &mut all[..size],
            Self::Turns([a, _]) => &mut a[..size],
        }
    }

    /// The costs of chunk `k` of `chunks` (priced), and room for those of chunk `k + 1`
    /// (empty after the last chunk).
    fn split(
        &mut self,
        band: &Band,
        chunks: &[Range<usize>],
        k: usize,
    ) -> (HeldCosts<'_>, &mut [f64]) {
        let chunk = &chunks[k];
        let (from, to) = (start_of(band, chunk.start), start_of(band, chunk.end));
        let next = chunks.get(k + 1).map_or(0, |c| size(band, c));
        match self {
            Self::Whole(all) => {
                let (done, rest) = all.split_at_mut(to);
                (HeldCosts::new(from, &done[from..]), &mut rest[..next])
            }
            Self::Turns([a, b]) => {
                let (this, other) = if k.is_multiple_of(2) { (a, b) } else { (b, a) };
                (HeldCosts::new(from, &this[..to - from]), &mut other[..next])
            }
        }
    }
}

/// How many costs the band's rows `rows` hold.
fn size(band: &Band, rows: &Range<usize>) -> usize {
    start_of(band, rows.end) - start_of(band, rows.start)
}

/// Row `i` of the Viterbi programme: each cell's best value and back-pointer. Shape by shape
/// over the whole row (short loops without a branch the processor must guess, where cell by
/// cell was most of the programme's time), then the 0-1 beads, which start in the row itself,
/// from left to right. Ties go to the shape first in [`Shape::ALL`], as they did cell by cell.
fn viterbi_row(
    band: &Band,
    costs: &HeldCosts,
    i: usize,
    start: (usize, usize),
    rows: &mut Ring<Vec<f64>>,
    back: &mut [u8],
) {
    let (lo, hi) = (band.lo(i), band.hi(i));
    let mut row = rows.take(i);
    row.clear();
    row.resize(hi - lo + 1, f64::INFINITY);
    let cells = band.index(i, lo)..band.index(i, hi) + 1;
    let arg = &mut back[cells];
    for shape in Shape::ALL {
        let (di, dj) = shape.sides();
        if di == 0 || i < band.first + di {
            continue;
        }
        let (prev_lo, prev_hi) = (band.lo(i - di), band.hi(i - di));
        let (from, to) = (lo.max(prev_lo + dj), hi.min(prev_hi + dj));
        if from > to {
            continue;
        }
        let prev = &rows.row(i - di)[from - dj - prev_lo..to + 1 - dj - prev_lo];
        let cost = &costs.row(band, shape, i)[from - lo..to + 1 - lo];
        let cells = row[from - lo..to + 1 - lo]
            .iter_mut()
            .zip(&mut arg[from - lo..to + 1 - lo]);
        for (((best, arg), &prev), &cost) in cells.zip(prev).zip(cost) {
            let value = prev + cost;
            if value < *best {
                (*best, *arg) = (value, shape as u8);
            }
        }
    }
    if i == start.0 {
        row[start.1 - lo] = 0.0;
    }
    // 0-1 beads: a shape before them in Shape::ALL keeps a tie, a shape after them loses it.
    let insertion = Shape::ZeroOne as u8;
    let cost = costs.row(band, Shape::ZeroOne, i);
    for j in lo + 1..=hi {
        if (i, j) == start {
            continue;
        }
        let k = j - lo;
        let value = row[k - 1] + cost[k];
        let (best, was) = (row[k], arg[k]);
        if value < best || (value == best && was != u8::MAX && was > insertion) {
            (row[k], arg[k]) = (value, insertion);
        }
    }
    rows.put(i, row);
}

fn trace_back(band: &Band, back: &[u8], start: (usize, usize), end: (usize, usize)) -> Vec<Step> {
    let mut path = Vec::new();
    let (mut i, mut j) = end;
    while (i, j) != start {
        let shape = Shape::from_index(usize::from(back[band.index(i, j)]));
        path.push(Step {
            shape,
            i,
            j,
            posterior: 0.0,
        });
        let (di, dj) = shape.sides();
        (i, j) = (i - di, j - dj);
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::testing::{lengths, model, shapes};

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
