//! Each bead's posterior probability, its confidence: forward and backward sums over the paths
//! of a band around the best path.

use std::ops::Range;

use super::band::Band;
use super::band_costs::{Priced, Weights};
use super::cost::{CostModel, CostParts, RowCosts};
use super::path::Step;
use super::ring::Ring;
use super::shape::Shape;

/// Posteriors are summed over paths within this many columns of the best path: paths further
/// away carry no weight worth the time (a first pass summed over 3 with the bench's F1
/// unchanged, dfb11b5). Chosen by hand; not measured beyond that.
pub(crate) const POSTERIOR_HALF_WIDTH: usize = 6;
/// Posterior bands of at most this many cells have their costs computed once for both sums
/// (128 MB); past it each sum computes its own (a million-sentence document).
const SHARED_CELLS: usize = 1 << 21;

/// `path` with each bead's posterior, summed over paths within `half_width` columns of it;
/// the bead costs are read from `priced` where it has them.
pub(crate) fn with_posteriors(
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
    let (alpha, beta) = crate::parallel::both(
        || sums::<Forward>(band, &costs, &starts),
        || sums::<Backward>(band, &costs, &starts),
    );
    let total = alpha[starts.len() - 1];
    // Without the band's costs, the path's own, priced in one go.
    let own: Vec<f64> = match shared {
        Some(_) => Vec::new(),
        None => model
            .path_cost_parts(path.iter().map(|s| (s.shape, s.i, s.j)))
            .iter()
            .map(CostParts::total)
            .collect(),
    };
    for (k, step) in path.iter_mut().enumerate() {
        let cost = match &shared {
            Some(weights) => -weights.get(band, step.shape, step.i, step.j).ln(),
            None => own[k],
        };
        let log_p = alpha[k] - cost + beta[k + 1] - total;
        step.posterior = log_p.exp().clamp(0.0, 1.0);
    }
}

/// Log-sums over paths in direction `D` at `points` (see [`sums_at`]): as scaled
/// probabilities, again in logs if that lost precision.
fn sums<'a, D: Direction>(
    band: &Band,
    costs: &impl Fn() -> SumCosts<'a>,
    points: &[(usize, usize)],
) -> Vec<f64> {
    sums_at::<D>(band, costs(), points, Domain::Scaled)
        .or_else(|| sums_at::<D>(band, costs(), points, Domain::Logs))
        .expect("sums in logs keep their precision")
}

/// Where the forward and backward sums read bead weights (`e^-cost`): the band's, computed
/// once for both, or, for a band of more than [`SHARED_CELLS`] cells (whose costs would take
/// more memory than the rest of the document), each row's, computed by each sum as it comes
/// to it.
enum SumCosts<'a> {
    Shared(&'a Weights),
    /// The model, and the last rows a sum came to.
    Own(&'a CostModel, Box<Ring<RowCosts>>),
}

impl SumCosts<'_> {
    /// Readies row `i`: the sums come to the rows in order, forward or backward.
    fn enter(&mut self, band: &Band, i: usize) {
        if let Self::Own(model, rows) = self {
            let row = rows.row_mut(i);
            model.row_costs(i, band.lo(i), band.hi(i), row);
            row.weigh();
        }
    }

    /// The weights of beads of `shape` ending in row `i` (one of the last rows readied),
    /// column by column from the band's first.
    fn row(&self, band: &Band, shape: Shape, i: usize) -> &[f64] {
        match self {
            Self::Shared(weights) => weights.row(band, shape, i),
            Self::Own(_, rows) => rows.row(i).shape(shape),
        }
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
    /// Makes the row `width` cells wide, holding no path yet.
    fn clear(&mut self, width: usize, domain: Domain) {
        let none = match domain {
            Domain::Scaled => 0.0,
            Domain::Logs => f64::NEG_INFINITY,
        };
        self.values.clear();
        self.values.resize(width, none);
    }

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

/// The value of an empty path: where the sums start.
fn one(domain: Domain) -> f64 {
    match domain {
        Domain::Scaled => 1.0,
        Domain::Logs => 0.0,
    }
}

/// Which way a sum over paths runs, as a type: the sum is written once ([`sums_at`]) and
/// compiled for each direction, with no choice made per cell.
trait Direction {
    /// The rows of a band of rows `0..=n`, in the order the sum comes to them.
    fn rows(n: usize) -> impl Iterator<Item = usize>;
    /// The row the sum came to just before row `i`, if any: row `i` is scaled against it.
    fn previous(i: usize, n: usize) -> Option<usize>;
    /// The row a bead of `di` source sentences links row `i` with, if the band has it.
    fn neighbour(i: usize, di: usize, n: usize) -> Option<usize>;
    /// The columns `from..=to` of a row (`own`: `lo..=hi`) that a bead of `dj` target
    /// sentences links with columns of the neighbour's (`other`), and the neighbour's
    /// column linked with `from`; `None` if there are none.
    fn columns(
        own: (usize, usize),
        other: (usize, usize),
        dj: usize,
    ) -> Option<(usize, usize, usize)>;
    /// Whether a bead's weight is read in the neighbour's row, where it ends (backward), and
    /// not in the row being summed (forward).
    const WEIGHT_IN_NEIGHBOUR: bool;
    /// The cell of weight one where every path starts (forward) or ends (backward), in a
    /// lattice of `(n + 1) × (m + 1)` cells.
    fn origin(n: usize, m: usize) -> (usize, usize);
    /// The 0-1 beads within a row of `width` cells, in the order they are added: each as
    /// (the cell, the neighbouring cell it extends, the cell whose 0-1 weight it takes).
    fn insertions(width: usize) -> impl Iterator<Item = (usize, usize, usize)>;
    /// The points of row `i` (points sorted by row, then column), given the points of the
    /// rows before it in the sum's order are done up to `cursor`; moves `cursor` past them.
    fn points_in_row(points: &[(usize, usize)], cursor: &mut usize, i: usize) -> Range<usize>;
    /// Where `cursor` starts for `points`.
    fn first_cursor(points: &[(usize, usize)]) -> usize;
}

/// Forward sums `α(i, j)`: every path from `(0, 0)` to `(i, j)`, row by row from the first,
/// the 0-1 beads from left to right.
struct Forward;

impl Direction for Forward {
    fn rows(n: usize) -> impl Iterator<Item = usize> {
        0..=n
    }

    fn previous(i: usize, _: usize) -> Option<usize> {
        i.checked_sub(1)
    }

    fn neighbour(i: usize, di: usize, _: usize) -> Option<usize> {
        i.checked_sub(di)
    }

    fn columns(
        (lo, hi): (usize, usize),
        (other_lo, other_hi): (usize, usize),
        dj: usize,
    ) -> Option<(usize, usize, usize)> {
        let (from, to) = (lo.max(other_lo + dj), hi.min(other_hi + dj));
        (from <= to).then(|| (from, to, from - dj))
    }

    const WEIGHT_IN_NEIGHBOUR: bool = false;

    fn origin(_: usize, _: usize) -> (usize, usize) {
        (0, 0)
    }

    fn insertions(width: usize) -> impl Iterator<Item = (usize, usize, usize)> {
        (1..width).map(|k| (k, k - 1, k))
    }

    fn points_in_row(points: &[(usize, usize)], cursor: &mut usize, i: usize) -> Range<usize> {
        let start = *cursor;
        while *cursor < points.len() && points[*cursor].0 == i {
            *cursor += 1;
        }
        start..*cursor
    }

    fn first_cursor(_: &[(usize, usize)]) -> usize {
        0
    }
}

/// Backward sums `β(i, j)`: every path from `(i, j)` to `(n, m)`, row by row from the last,
/// the 0-1 beads from right to left.
struct Backward;

impl Direction for Backward {
    fn rows(n: usize) -> impl Iterator<Item = usize> {
        (0..=n).rev()
    }

    fn previous(i: usize, n: usize) -> Option<usize> {
        (i < n).then_some(i + 1)
    }

    fn neighbour(i: usize, di: usize, n: usize) -> Option<usize> {
        (i + di <= n).then_some(i + di)
    }

    fn columns(
        (lo, hi): (usize, usize),
        (other_lo, other_hi): (usize, usize),
        dj: usize,
    ) -> Option<(usize, usize, usize)> {
        // Beads starting at `(i, j)` end at `(i + di, j + dj)`, in the later row's band.
        if other_hi < dj {
            return None;
        }
        let (from, to) = (lo.max(other_lo.saturating_sub(dj)), hi.min(other_hi - dj));
        (from <= to).then(|| (from, to, from + dj))
    }

    const WEIGHT_IN_NEIGHBOUR: bool = true;

    fn origin(n: usize, m: usize) -> (usize, usize) {
        (n, m)
    }

    fn insertions(width: usize) -> impl Iterator<Item = (usize, usize, usize)> {
        (0..width - 1).rev().map(|k| (k, k + 1, k + 1))
    }

    fn points_in_row(points: &[(usize, usize)], cursor: &mut usize, i: usize) -> Range<usize> {
        let end = *cursor;
        while *cursor > 0 && points[*cursor - 1].0 == i {
            *cursor -= 1;
        }
        *cursor..end
    }

    fn first_cursor(points: &[(usize, usize)]) -> usize {
        points.len()
    }
}

/// Log-sums over paths at the given points (sorted by row, then column), forward `α(i, j)` or
/// backward `β(i, j)` as `D` says; `None` when a row lost precision in `domain`. Row by row,
/// shape by shape over the whole row, then the 0-1 beads along it, as in the Viterbi programme.
fn sums_at<D: Direction>(
    band: &Band,
    mut costs: SumCosts,
    points: &[(usize, usize)],
    domain: Domain,
) -> Option<Vec<f64>> {
    let (n, m) = (*band.rows().end(), band.m);
    let mut out = vec![f64::NEG_INFINITY; points.len()];
    let mut cursor = D::first_cursor(points);
    let mut rows: Ring<Scaled> = Ring::default();
    let origin = D::origin(n, m);
    for i in D::rows(n) {
        costs.enter(band, i);
        let (lo, hi) = (band.lo(i), band.hi(i));
        let mut row = rows.take(i);
        row.clear(hi + 1 - lo, domain);
        let log_base = D::previous(i, n).map_or(0.0, |p| rows.row(p).log_scale);
        for shape in Shape::ALL {
            let (di, dj) = shape.sides();
            if di == 0 {
                continue;
            }
            let Some(other) = D::neighbour(i, di, n) else {
                continue;
            };
            let (other_lo, other_hi) = (band.lo(other), band.hi(other));
            let Some((from, to, other_from)) = D::columns((lo, hi), (other_lo, other_hi), dj)
            else {
                continue;
            };
            let cells = from - lo..to + 1 - lo;
            let linked = other_from - other_lo..other_from - other_lo + cells.len();
            let weights = if D::WEIGHT_IN_NEIGHBOUR {
                &costs.row(band, shape, other)[linked.clone()]
            } else {
                &costs.row(band, shape, i)[cells.clone()]
            };
            let neighbour = rows.row(other);
            add_paths(
                domain,
                &mut row.values[cells],
                &neighbour.values[linked],
                neighbour.log_scale - log_base,
                weights,
            );
        }
        if i == origin.0 {
            row.values[origin.1 - lo] = one(domain); // where every path starts or ends
        }
        let steps = D::insertions(row.values.len());
        let weights = costs.row(band, Shape::ZeroOne, i);
        add_insertions(domain, &mut row.values, steps, weights);
        if row.normalize(domain, log_base) {
            return None;
        }
        for k in D::points_in_row(points, &mut cursor, i) {
            out[k] = row.log_at(domain, points[k].1 - lo);
        }
        rows.put(i, row);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::band_costs::{Keep, Weights};
    use crate::align::search::search;
    use crate::align::testing::{lengths, model};

    /// 600 source sentences against their translations with four short ones inserted
    /// halfway, and the best path.
    fn with_four_inserted() -> (CostModel, Vec<Step>) {
        let src = lengths(600, 9);
        let mut tgt: Vec<usize> = src.iter().map(|l| l * 11 / 10).collect();
        tgt.splice(300..300, vec![20; 4]);
        let m = model(&src, &tgt);
        let (path, _) = search(&m, Keep::PathOnly);
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
        let alpha = sums_at::<Forward>(&band, SumCosts::Shared(&weights), &points, domain)?;
        let beta = sums_at::<Backward>(&band, SumCosts::Shared(&weights), &points, domain)?;
        Some((alpha, beta))
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
        let (path, _) = search(&m, Keep::PathOnly);
        assert!(sums_in(&m, &path, Domain::Scaled).is_none());
        let (alpha, beta) = sums_in(&m, &path, Domain::Logs).expect("logs");
        assert!(alpha.iter().chain(&beta).all(|v| v.is_finite()));
    }
}
