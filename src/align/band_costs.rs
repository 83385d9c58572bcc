//! The cost of every bead ending in each cell of a band, computed once: kept by the Viterbi
//! programme for the posterior sums, and shared by the forward and backward sums.

use std::ops::Range;

use super::band::Band;
use super::cost::{CostModel, RowRoom};
use super::shape::Shape;

/// A band the Viterbi programme searched and the cost of every bead ending in its cells, kept
/// for the posterior sums that follow (their band lies mostly inside it): computed once,
/// where they were computed again, for a document of up to [`KEEP_CELLS`] cells.
pub(crate) struct Priced {
    pub(crate) band: Band,
    pub(crate) costs: BandCosts,
}

/// What a search keeps besides its path: the costs of the band it searched too, when the
/// posterior sums follow over a band mostly inside it (see [`Priced`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    Costs,
    PathOnly,
}

/// The cost of every bead ending in each cell of a band, computed once for both the forward
/// and the backward sums (computed by each, they were a fifth of the aligner's time): row
/// after row, each row shape after shape. On a pool thread the two halves of the band are
/// computed at once.
pub(crate) struct BandCosts {
    /// Where the first row held starts, counted in costs from the band's first cell.
    pub(crate) base: usize,
    pub(crate) costs: Vec<f64>,
}

impl BandCosts {
    /// The costs of rows `rows` of the band only, in two halves at once (on a pool thread);
    /// `room` is room for pricing a row in each.
    #[cfg(test)]
    pub(crate) fn of_rows(
        model: &CostModel,
        band: &Band,
        rows: Range<usize>,
        room: &mut [RowRoom; 2],
    ) -> Self {
        let base = start_of(band, rows.start);
        let mut costs = vec![0.0; start_of(band, rows.end) - base];
        price_rows(model, band, rows, room, &mut costs);
        Self { base, costs }
    }

    /// The costs of beads of `shape` ending in row `i`, column by column.
    pub(crate) fn row(&self, band: &Band, shape: Shape, i: usize) -> &[f64] {
        HeldCosts::new(self.base, &self.costs).row(band, shape, i)
    }
}

/// The costs of some of a band's rows, held where their owner put them: a [`BandCosts`], or a
/// run of rows the Viterbi programme is about to read.
#[derive(Clone, Copy)]
pub(crate) struct HeldCosts<'a> {
    /// Where the first row held starts, counted in costs from the band's first cell.
    base: usize,
    costs: &'a [f64],
}

impl<'a> HeldCosts<'a> {
    pub(crate) fn new(base: usize, costs: &'a [f64]) -> Self {
        Self { base, costs }
    }

    /// The costs of beads of `shape` ending in row `i`, column by column.
    pub(crate) fn row(&self, band: &Band, shape: Shape, i: usize) -> &'a [f64] {
        let width = band.hi(i) + 1 - band.lo(i);
        let start = start_of(band, i) - self.base + shape.index() * width;
        &self.costs[start..start + width]
    }
}

/// Where row `i` of `band` starts in the costs of the whole band (rows after one another,
/// each shape after shape); `i` may be one past the band's last row.
pub(crate) fn start_of(band: &Band, i: usize) -> usize {
    band.offset[i - band.first] * Shape::COUNT
}

/// The costs of the band's rows `rows` into `out`, which they fill exactly: in two halves at
/// once on a pool thread, each into its part of `out` (its owner's room, not a new allocation
/// whose zeros were written and then copied from: see [`super::viterbi`]). `room` is room for
/// pricing a row in each.
pub(crate) fn price_rows(
    model: &CostModel,
    band: &Band,
    rows: Range<usize>,
    room: &mut [RowRoom; 2],
    out: &mut [f64],
) {
    let middle = rows.start + rows.len() / 2;
    costs_in_halves(
        model,
        band,
        (rows.start..middle, middle..rows.end),
        room,
        out,
    );
}

/// The costs of the band's rows `first` then `second`, one row after the other, each shape
/// after shape, into `out`, which they fill exactly; the halves at once on a pool thread, each
/// in its part of `out` (a second allocation and a copy of half the costs were 5 % of a
/// document's time, most in page faults). `room` is room for pricing a row in each.
pub(crate) fn costs_in_halves<R: Iterator<Item = usize> + Clone + Send>(
    model: &CostModel,
    band: &Band,
    (first, second): (R, R),
    [a, b]: &mut [RowRoom; 2],
    out: &mut [f64],
) {
    let cells = |rows: &R| {
        rows.clone()
            .map(|i| band.hi(i) + 1 - band.lo(i))
            .sum::<usize>()
    };
    let (one, two) = out.split_at_mut(cells(&first) * Shape::COUNT);
    debug_assert_eq!(two.len(), cells(&second) * Shape::COUNT);
    crate::parallel::both(
        || costs_of_rows(model, band, first, a, one),
        || costs_of_rows(model, band, second, b, two),
    );
}

/// The costs of the band's rows `rows` into `out`, which they fill; `room` is room for
/// pricing a row.
fn costs_of_rows(
    model: &CostModel,
    band: &Band,
    rows: impl Iterator<Item = usize>,
    room: &mut RowRoom,
    out: &mut [f64],
) {
    let mut at = 0;
    for i in rows {
        let (lo, hi) = (band.lo(i), band.hi(i));
        let size = (hi + 1 - lo) * Shape::COUNT;
        model.price_row(i, (lo, hi), room, &mut out[at..at + size]);
        at += size;
    }
}

/// Each cost `c` as the bead's weight `e^-c`, for the sums over paths: one exponential per
/// bead, where sums in logs took one per bead and direction, and a logarithm per cell. The
/// two halves at once on a pool thread.
fn into_weights(costs: &mut [f64]) {
    let (a, b) = costs.split_at_mut(costs.len() / 2);
    crate::parallel::both(|| into_weights_here(a), || into_weights_here(b));
}

/// [`into_weights`] on this thread.
fn into_weights_here(costs: &mut [f64]) {
    costs.iter_mut().for_each(|c| *c = (-*c).exp());
}

/// Turns into weights the kept costs that the sums over `band` read: those of its cells in
/// its rows `rows`, which `kept` covers, and no others (the searched band is wider than the
/// sums': 17 cells a row against 13 on the 100k bench, where an exponential per kept cost was
/// 5 % of the samples). The two halves of the rows at once on a pool thread.
fn weigh_read(kept: &mut Priced, band: &Band, rows: &[usize]) {
    let Priced { band: known, costs } = kept;
    let (first, second) = rows.split_at(rows.len() / 2);
    let held = |i: usize| start_of(known, i) - costs.base;
    let split = second.first().map_or(costs.costs.len(), |&i| held(i));
    let weigh = |part: &mut [f64], rows: &[usize], part_start: usize| {
        for &i in rows {
            let (from, width) = (band.lo(i) - known.lo(i), band.hi(i) + 1 - band.lo(i));
            let row = held(i) - part_start;
            let row_width = known.hi(i) + 1 - known.lo(i);
            for shape in 0..Shape::COUNT {
                let start = row + shape * row_width + from;
                into_weights_here(&mut part[start..start + width]);
            }
        }
    };
    let (a, b) = costs.costs.split_at_mut(split);
    crate::parallel::both(|| weigh(a, first, 0), || weigh(b, second, split));
}

/// The weights (`e^-cost`) of the beads ending in each cell of a posterior band, computed once
/// for both sums. Rows the searched band covers are read from its kept costs, turned into
/// weights in place (a copy held most of them a second time); the others are computed.
pub(crate) struct Weights {
    pub(crate) kept: Option<Priced>,
    /// The rows `kept` does not cover, each shape after shape, back to back.
    pub(crate) own: Vec<f64>,
    /// Where each row of the band starts in `own`; `None` for a row read from `kept`.
    pub(crate) starts: Vec<Option<usize>>,
}

impl Weights {
    pub(crate) fn new(model: &CostModel, band: &Band, mut kept: Option<Priced>) -> Self {
        let covered = |i: usize| {
            kept.as_ref().is_some_and(|k| {
                k.band.rows().contains(&i)
                    && k.band.lo(i) <= band.lo(i)
                    && band.hi(i) <= k.band.hi(i)
            })
        };
        let own_rows: Vec<usize> = band.rows().filter(|&i| !covered(i)).collect();
        let (first, second) = own_rows.split_at(own_rows.len() / 2);
        let cells: usize = own_rows.iter().map(|&i| band.hi(i) + 1 - band.lo(i)).sum();
        let mut own = vec![0.0; cells * Shape::COUNT];
        let halves = (first.iter().copied(), second.iter().copied());
        costs_in_halves(model, band, halves, &mut Default::default(), &mut own);
        into_weights(&mut own);
        let mut starts = vec![None; band.lo.len()];
        let mut at = 0;
        for &i in &own_rows {
            starts[i - band.first] = Some(at);
            at += (band.hi(i) + 1 - band.lo(i)) * Shape::COUNT;
        }
        if let Some(kept) = &mut kept {
            let read: Vec<usize> = band
                .rows()
                .filter(|&i| starts[i - band.first].is_none())
                .collect();
            weigh_read(kept, band, &read);
        }
        Self { kept, own, starts }
    }

    /// The weights of beads of `shape` ending in row `i`, column by column.
    pub(crate) fn row(&self, band: &Band, shape: Shape, i: usize) -> &[f64] {
        let k = shape.index();
        let width = band.hi(i) + 1 - band.lo(i);
        match (self.starts[i - band.first], &self.kept) {
            (Some(start), _) => &self.own[start + k * width..start + (k + 1) * width],
            (None, Some(Priced { band: known, costs })) => {
                let from = band.lo(i) - known.lo(i);
                &costs.row(known, shape, i)[from..from + width]
            }
            (None, None) => unreachable!("a row not computed is kept"),
        }
    }

    /// The weight of a bead of `shape` ending at `(i, j)`, a cell of the band.
    pub(crate) fn get(&self, band: &Band, shape: Shape, i: usize, j: usize) -> f64 {
        self.row(band, shape, i)[j - band.lo(i)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::posterior::POSTERIOR_HALF_WIDTH;
    use crate::align::search::{GUIDE_HALF_WIDTH, search};
    use crate::align::testing::{lengths, model};

    #[test]
    fn weights_read_from_kept_costs_equal_weights_computed_afresh() {
        let src = lengths(300, 8);
        let tgt: Vec<usize> = src.iter().map(|l| l * 11 / 10).collect();
        let m = model(&src, &tgt);
        let (path, _) = search(&m, Keep::PathOnly);
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
            for shape in Shape::ALL {
                assert_eq!(
                    read.row(&band, shape, i),
                    fresh.row(&band, shape, i),
                    "{i} {shape:?}"
                );
            }
        }
    }
}
