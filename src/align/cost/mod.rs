//! The cost of a bead, term by term: the shape's prior, Gale & Church (1993) on character
//! lengths ([`length`]), paragraph anchors ([`paragraph`]), shared lexical anchors
//! ([`lexical`]) and units that are not sentences ([`fragment`]: word-less fragments, debris).
//! Each term's arithmetic is one function of its child module, called both by the
//! row-at-a-time pricing of the search ([`CostModel::price_row`]) and by the bead-at-a-time
//! one of `--explain` ([`CostModel::path_cost_parts`]), which add the terms in the same order.
//!
//! Costs are negative log probabilities (nats), so the dynamic programme can both minimise
//! them (the best alignment) and sum their exponentials (each bead's posterior confidence).

mod fragment;
mod length;
mod lexical;
mod paragraph;

use super::constants::PRIORS;
use super::overlap::{Cursors, Dense, Lists, Overlap};
use super::shape::{MAX_SPAN, Shape};
pub(crate) use fragment::{Kind, kind as fragment_kind};
use length::{Length, length_table};
use lexical::Anchors;

/// Why a bead costs what it costs, in nats (lower is likelier).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct CostParts {
    /// `-ln` of the bead shape's prior.
    pub(crate) prior: f64,
    /// Gale-Church: how far the two lengths are from the expected ratio.
    pub(crate) length: f64,
    /// Paragraph breaks crossed or matched on one side only.
    pub(crate) paragraph: f64,
    /// Minus the evidence of shared anchors (numbers, names, cognates, learned words).
    pub(crate) lexical: f64,
    /// A side made only of fragments without a word (`...`, `=>`), which cannot stand alone,
    /// or one that merges debris (`Vv`) with a sentence, which it is no part of.
    pub(crate) fragment: f64,
    /// Not a cost: the bead's posterior probability under the model, which its score is
    /// calibrated from (see [`super::calibration`]); 0 until the sums over paths give it.
    /// `--explain` prints it so that the calibration can be fitted again.
    pub(crate) posterior: f64,
    /// Not a cost: how many anchors the two sides hold together, the lexical term's Dice
    /// denominator. Sharing none of two anchors says less than sharing none of twenty (the
    /// document score weighs it).
    pub(crate) anchors: u32,
    /// Not a cost: how many of the bead's units are debris (see [`fragment::Kind`]). Left
    /// out, debris is no sentence the translation dropped (the document score skips it).
    #[serde(skip)]
    pub(crate) debris: u32,
}

impl CostParts {
    /// The bead's cost: its terms added in the order the search adds them (`price_row`), so
    /// that the two agree to the last bit.
    pub(crate) fn total(&self) -> f64 {
        self.prior + self.length + self.paragraph + self.fragment + self.lexical
    }
}

/// What the cost model knows about one document pair.
#[derive(Debug, Clone)]
pub(crate) struct CostModel {
    /// `source_prefix[i]` is the length of sentences `0..i`, so a span's length is one subtraction.
    source_prefix: Vec<f64>,
    target_prefix: Vec<f64>,
    /// The length model, its ratio estimated from the pair itself.
    length: Length,
    /// `source_break[i]`: a paragraph boundary lies before sentence `i` (true at both ends).
    source_break: Vec<bool>,
    target_break: Vec<bool>,
    /// `source_breaks_before[i]`: how many of `source_break[..i]` are true, so that the
    /// breaks a bead crosses are one subtraction.
    source_breaks_before: Vec<u32>,
    target_breaks_before: Vec<u32>,
    /// `-ln prior` of each shape, by [`Shape::index`].
    prior_cost: [f64; Shape::COUNT],
    /// Lexical anchors of each sentence, and the sizes of runs of them.
    source_anchors: Anchors,
    target_anchors: Anchors,
    /// Nats of evidence a bead whose sides share all their anchors gains.
    lexical_weight: f64,
    /// The anchor each of the model's anchor numbers stands for (see [`Dense`]).
    anchors: Vec<u32>,
    /// The anchors again, indexed for counting a whole row of beads at once.
    overlap: Overlap,
    /// `source_fragments[i]`: how many of sentences `0..i` have no letter or digit.
    source_fragments: Vec<u32>,
    target_fragments: Vec<u32>,
    /// `source_debris[i]`: how many of sentences `0..i` are debris (see [`fragment::Kind`]).
    source_debris: Vec<u32>,
    target_debris: Vec<u32>,
}

/// The cost of every bead ending in one row, by shape and column. The dynamic programme reads
/// them from here instead of pricing beads one at a time: a row's beads share their source
/// side, so most of the work is done once per shape, and the rest runs in tight loops.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowCosts {
    /// Shape after shape, each as wide as the row (see [`CostModel::price_row`]).
    costs: Vec<f64>,
    room: RowRoom,
}

/// What pricing a row needs besides its costs, kept from row to row: shared-anchor counts,
/// `shared[di - 1][dj - 1]` for beads of `di` source and `dj` target sentences, and where the
/// last row's searches of the postings ended.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowRoom {
    shared: [[Vec<u32>; MAX_SPAN]; MAX_SPAN],
    cursors: Cursors,
}

impl RowCosts {
    /// The costs of beads of `shape`, column by column from the row's first.
    pub(crate) fn shape(&self, shape: Shape) -> &[f64] {
        let width = self.costs.len() / Shape::COUNT;
        &self.costs[shape.index() * width..(shape.index() + 1) * width]
    }

    /// Turns each cost `c` into the bead's weight `e^-c`, for sums over paths.
    pub(crate) fn weigh(&mut self) {
        self.costs.iter_mut().for_each(|c| *c = (-*c).exp());
    }
}

impl CostModel {
    /// Builds the model from sentence lengths (characters) and paragraph numbers.
    pub(crate) fn new(
        source_lens: &[usize],
        target_lens: &[usize],
        source_paragraphs: &[usize],
        target_paragraphs: &[usize],
    ) -> Self {
        let prefix = |lens: &[usize]| -> Vec<f64> {
            std::iter::once(0.0)
                .chain(lens.iter().scan(0.0, |acc, &l| {
                    *acc += l as f64;
                    Some(*acc)
                }))
                .collect()
        };
        let (source_prefix, target_prefix) = (prefix(source_lens), prefix(target_lens));
        let total = |p: &[f64]| p.last().copied().unwrap_or(0.0);
        let length = Length::of_totals(total(&source_prefix), total(&target_prefix));
        let (source_break, target_break) = (
            paragraph::breaks(source_paragraphs),
            paragraph::breaks(target_paragraphs),
        );
        Self {
            source_prefix,
            target_prefix,
            length,
            source_breaks_before: counts_before(&source_break),
            target_breaks_before: counts_before(&target_break),
            source_break,
            target_break,
            prior_cost: PRIORS.map(|(_, p)| -p.ln()),
            source_anchors: Anchors::default(),
            target_anchors: Anchors::default(),
            lexical_weight: 0.0,
            anchors: Vec::new(),
            overlap: Overlap::default(),
            source_fragments: Vec::new(),
            target_fragments: Vec::new(),
            source_debris: Vec::new(),
            target_debris: Vec::new(),
        }
    }

    /// Marks the sentences that hold no word (`...`, `=> …`), which a bead should not pair
    /// alone, and debris (`Vv`), which a bead should not merge with a sentence.
    pub(crate) fn with_fragments(self, source: &[Kind], target: &[Kind]) -> Self {
        let counts = |kinds: &[Kind], kind| {
            let marks: Vec<bool> = kinds.iter().map(|&k| k == kind).collect();
            if marks.contains(&true) {
                counts_before(&marks)
            } else {
                Vec::new()
            }
        };
        Self {
            source_fragments: counts(source, Kind::Fragment),
            target_fragments: counts(target, Kind::Fragment),
            source_debris: counts(source, Kind::Debris),
            target_debris: counts(target, Kind::Debris),
            ..self
        }
    }

    /// Adds lexical anchors (a list per sentence, see [`super::lexical::anchors_and_words`];
    /// an anchor a list repeats counts once), worth `weight` nats to a bead whose sides share
    /// them all.
    pub(crate) fn with_anchors(
        self,
        source: Vec<Vec<u32>>,
        target: Vec<Vec<u32>>,
        weight: f64,
    ) -> Self {
        let lists = |side: &[Vec<u32>]| Lists::from_lists(side.iter().map(Vec::as_slice));
        self.with_anchor_lists(&lists(&source), &lists(&target), weight)
    }

    /// [`Self::with_anchors`], the lists borrowed and stored back to back: a second pass adds
    /// to the first's.
    pub(crate) fn with_anchor_lists(self, source: &Lists, target: &Lists, weight: f64) -> Self {
        let dense = Dense::new(source, target);
        let overlap = Overlap::new(&dense);
        let ids = dense.anchors.len();
        let (source, target) = crate::parallel::both(
            || Anchors::new(dense.source, ids),
            || Anchors::new(dense.target, ids),
        );
        Self {
            overlap,
            source_anchors: source,
            target_anchors: target,
            anchors: dense.anchors,
            lexical_weight: weight,
            ..self
        }
    }

    /// The prior term of a bead of `shape`: `-ln` of its prior.
    #[inline]
    fn prior(&self, shape: Shape) -> f64 {
        self.prior_cost[shape.index()]
    }

    /// Fills `row` with the cost of every bead ending in row `i` at columns `lo..=hi` (see
    /// [`Self::price_row`]).
    pub(crate) fn row_costs(&self, i: usize, lo: usize, hi: usize, row: &mut RowCosts) {
        row.costs.resize((hi + 1 - lo) * Shape::COUNT, 0.0);
        self.price_row(i, (lo, hi), &mut row.room, &mut row.costs);
    }

    /// Writes into `out` the cost of every bead ending in row `i` at columns `lo..=hi`, shape
    /// after shape in [`Shape::ALL`]'s order, each as wide as the row: the same figures as
    /// [`Self::path_cost_parts`]' totals, term for term and in the same order. Written where
    /// the caller keeps them (a band's costs), not copied there from a row of their own.
    pub(crate) fn price_row(
        &self,
        i: usize,
        (lo, hi): (usize, usize),
        room: &mut RowRoom,
        out: &mut [f64],
    ) {
        let width = hi + 1 - lo;
        debug_assert_eq!(out.len(), width * Shape::COUNT);
        // Which source spans have anchors: the lexical term of their beads is not zero.
        let mut lexical = [false; MAX_SPAN];
        if self.lexical_weight != 0.0 {
            // Target span lengths each source span's beads take, where it has anchors.
            let mut spans = [0; MAX_SPAN];
            for (di, lexical) in (1..=MAX_SPAN.min(i)).zip(&mut lexical) {
                *lexical = self.source_anchors.span_len(i - di, di) > 0;
                if !*lexical {
                    continue;
                }
                spans[di - 1] = Shape::ALL
                    .iter()
                    .map(|shape| shape.sides())
                    .filter(|&(source, _)| source == di)
                    .map(|(_, target)| target)
                    .max()
                    .unwrap_or(0);
                for counts in &mut room.shared[di - 1][..spans[di - 1]] {
                    counts.clear();
                    counts.resize(width, 0);
                }
            }
            self.overlap
                .rows(i, (lo, hi), spans, &mut room.shared, &mut room.cursors);
        }
        for (shape, costs) in Shape::ALL.into_iter().zip(out.chunks_exact_mut(width)) {
            let (di, dj) = shape.sides();
            costs.fill(f64::INFINITY);
            let first = lo.max(dj);
            if di > i || first > hi {
                continue;
            }
            let shared = if di > 0 && dj > 0 && lexical[di - 1] {
                &room.shared[di - 1][dj - 1][..]
            } else {
                &[]
            };
            self.fill_row(shape, i, (first, lo, hi), shared, &mut costs[first - lo..]);
        }
    }

    /// The costs of a bead of `shape` ending at `(i, j)` for `j` in `first..=hi`, into `out`;
    /// `shared[j - lo]` are the shared anchors (empty when the lexical term is zero). One
    /// term at a time, each a short loop calling the term's function, and terms that are
    /// zero throughout are skipped.
    fn fill_row(
        &self,
        shape: Shape,
        i: usize,
        (first, lo, hi): (usize, usize, usize),
        shared: &[u32],
        out: &mut [f64],
    ) {
        let (di, dj) = shape.sides();
        let i0 = i - di;
        let prior = self.prior(shape);
        // Each term reads its per-column figures as slices over the bead's target span
        // `j - dj..j`, one for its ends and one for its starts: loops without index checks.
        let (ends, starts) = (first..hi + 1, first - dj..hi + 1 - dj);
        if di == 0 || dj == 0 {
            out.fill(prior);
        } else {
            let l1 = self.source_prefix[i] - self.source_prefix[i0];
            let table = length_table();
            let target = (
                &self.target_prefix[ends.clone()],
                &self.target_prefix[starts.clone()],
            );
            self.length.costs(table, prior, l1, target, out);
        }
        let source_break = self.source_break[i];
        let source_inner = paragraph::inner_breaks(&self.source_breaks_before, i0, i);
        let breaks = &self.target_break[ends.clone()];
        // Breaks strictly inside the target span, before sentences `j - dj + 1..j` (none for
        // spans of fewer than two sentences).
        let before = &self.target_breaks_before;
        let inner = (
            &before[ends.clone()],
            &before[starts.start + 1..starts.end + 1],
        );
        for (((out, &target_break), &end), &start) in
            out.iter_mut().zip(breaks).zip(inner.0).zip(inner.1)
        {
            let target_inner = if dj >= 2 { end - start } else { 0 };
            *out += paragraph::cost(source_break != target_break, source_inner + target_inner);
        }
        let source_fragment = fragment::only_fragments(&self.source_fragments, i0, i);
        let source_debris = fragment::merges_debris(&self.source_debris, i0, i);
        let target_marked = !self.target_fragments.is_empty() || !self.target_debris.is_empty();
        if source_fragment || source_debris || target_marked {
            for (j, out) in (first..hi + 1).zip(out.iter_mut()) {
                *out += self.fragment_term((source_fragment, source_debris), j - dj, j);
            }
        }
        if shared.is_empty() {
            return;
        }
        let source_anchors = self.source_anchors.span_len(i0, di);
        let target_anchors = &self.target_anchors.sizes[dj - 1][starts];
        let shared = &shared[first - lo..];
        for ((out, &t), &n) in out.iter_mut().zip(target_anchors).zip(shared) {
            let weight = self.lexical_weight;
            *out += lexical::cost(weight, n as usize, source_anchors, t as usize);
        }
    }

    /// [`Self::path_cost_parts`] of one bead, a bead of `shape` ending at `(i, j)`.
    #[cfg(test)]
    pub(crate) fn cost_parts(&self, shape: Shape, i: usize, j: usize) -> CostParts {
        self.path_cost_parts([(shape, i, j)])[0]
    }

    /// The cost of each bead of a path, given as `(shape, i, j)` (a bead of `shape` ending
    /// at `(i, j)`, covering source `i - di..i` and target `j - dj..j`), term by term: what
    /// `--explain` prints. One array of the model's anchors marks each bead's source anchors
    /// in turn: the work is in the beads' sizes, however long the document (an array per
    /// bead made a long document's path quadratic).
    pub(crate) fn path_cost_parts(
        &self,
        beads: impl IntoIterator<Item = (Shape, usize, usize)>,
    ) -> Vec<CostParts> {
        let mut marked = vec![false; self.anchors.len()];
        beads
            .into_iter()
            .map(|(shape, i, j)| {
                let (di, dj) = shape.sides();
                let (i0, j0) = (i - di, j - dj);
                let (lexical, anchors) = self.lexical_cost(&mut marked, (i0, di), (j0, dj));
                CostParts {
                    prior: self.prior(shape),
                    length: self.length_cost(i0, i, j0, j),
                    paragraph: self.paragraph_cost(i0, i, j0, j),
                    lexical,
                    fragment: self.fragment_cost(i0, i, j0, j),
                    posterior: 0.0,
                    anchors,
                    debris: fragment::debris_in(&self.source_debris, i0, i)
                        + fragment::debris_in(&self.target_debris, j0, j),
                }
            })
            .collect()
    }

    /// The length term of the bead covering source `i0..i` and target `j0..j`: zero for a
    /// sentence left out, whose prior alone speaks against it.
    fn length_cost(&self, i0: usize, i: usize, j0: usize, j: usize) -> f64 {
        if i0 == i || j0 == j {
            return 0.0;
        }
        let l1 = self.source_prefix[i] - self.source_prefix[i0];
        let l2 = self.target_prefix[j] - self.target_prefix[j0];
        self.length.cost(length_table(), l1, l2)
    }

    /// The paragraph term of the bead covering source `i0..i` and target `j0..j`.
    fn paragraph_cost(&self, i0: usize, i: usize, j0: usize, j: usize) -> f64 {
        let crossings = paragraph::inner_breaks(&self.source_breaks_before, i0, i)
            + paragraph::inner_breaks(&self.target_breaks_before, j0, j);
        paragraph::cost(self.source_break[i] != self.target_break[j], crossings)
    }

    /// The fragment term of the bead covering source `i0..i` and target `j0..j`.
    fn fragment_cost(&self, i0: usize, i: usize, j0: usize, j: usize) -> f64 {
        let source = (
            fragment::only_fragments(&self.source_fragments, i0, i),
            fragment::merges_debris(&self.source_debris, i0, i),
        );
        self.fragment_term(source, j0, j)
    }

    /// The fragment term of a bead whose source side is only fragments and merges debris as
    /// `source` says, and whose target side covers `j0..j`.
    #[inline]
    fn fragment_term(&self, (fragments, debris): (bool, bool), j0: usize, j: usize) -> f64 {
        let alone = usize::from(fragments)
            + usize::from(fragment::only_fragments(&self.target_fragments, j0, j));
        let merged =
            usize::from(debris) + usize::from(fragment::merges_debris(&self.target_debris, j0, j));
        fragment::cost(alone, merged)
    }

    /// The lexical term of the bead of source `i0..i0 + di` and target `j0..j0 + dj`, and how
    /// many anchors its sides hold; the shared anchors are counted with `marked` (see
    /// [`lexical::shared`]).
    fn lexical_cost(
        &self,
        marked: &mut [bool],
        (i0, di): (usize, usize),
        (j0, dj): (usize, usize),
    ) -> (f64, u32) {
        if self.lexical_weight == 0.0 || di == 0 || dj == 0 {
            return (0.0, 0);
        }
        let sides = (&self.source_anchors, &self.target_anchors);
        let shared = lexical::shared(sides, marked, (i0, di), (j0, dj));
        let (s, t) = (
            self.source_anchors.span_len(i0, di),
            self.target_anchors.span_len(j0, dj),
        );
        (
            lexical::cost(self.lexical_weight, shared, s, t),
            (s + t) as u32,
        )
    }

    /// Where each side's paragraphs start (and, last, where the text ends), when the k-th
    /// paragraph of one side is likely the translation of the k-th of the other (see
    /// [`paragraph::paired`]).
    pub(crate) fn paired_paragraphs(&self) -> Option<(Vec<usize>, Vec<usize>)> {
        paragraph::paired(
            (&self.source_break, &self.target_break),
            (&self.source_prefix, &self.target_prefix),
            &self.length,
        )
    }

    /// Whether lexical anchors take part in the cost.
    pub(crate) fn has_anchors(&self) -> bool {
        self.lexical_weight != 0.0
    }

    pub(crate) fn source_len(&self) -> usize {
        self.source_prefix.len() - 1
    }

    pub(crate) fn target_len(&self) -> usize {
        self.target_prefix.len() - 1
    }

    /// The same document with sentences grouped in blocks of `block`, for a coarse first pass.
    /// Paragraphs are left out: a block boundary rarely falls on one.
    pub(crate) fn coarsen(&self, block: usize) -> Self {
        let blocks = |prefix: &[f64]| -> Vec<usize> {
            let n = prefix.len() - 1;
            (0..n.div_ceil(block))
                .map(|b| (prefix[((b + 1) * block).min(n)] - prefix[b * block]) as usize)
                .collect()
        };
        let (source, target) = (blocks(&self.source_prefix), blocks(&self.target_prefix));
        let mut coarse = Self::new(
            &source,
            &target,
            &vec![0; source.len()],
            &vec![0; target.len()],
        );
        coarse.length = self.length;
        if self.lexical_weight == 0.0 {
            return coarse;
        }
        // Blocks share anchors as their sentences do: the coarse path follows the evidence.
        let ids = self.anchors.len();
        let (mut s, mut t) = (
            lexical::blocks(&self.source_anchors, block, ids),
            lexical::blocks(&self.target_anchors, block, ids),
        );
        lexical::drop_common(&mut s, &mut t);
        coarse.with_anchors(s, t, self.lexical_weight)
    }
}

/// `out[i]`: how many of `marks[..i]` are true, for `i` in `0..=marks.len()`.
fn counts_before(marks: &[bool]) -> Vec<u32> {
    std::iter::once(0)
        .chain(marks.iter().scan(0, |acc, &m| {
            *acc += u32::from(m);
            Some(*acc)
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::constants::{DEBRIS_COST, FRAGMENT_COST};
    use crate::align::lexical as anchors;

    fn model(src: &[usize], tgt: &[usize]) -> CostModel {
        CostModel::new(src, tgt, &vec![0; src.len()], &vec![0; tgt.len()])
    }

    #[test]
    fn run_sizes_equal_the_sizes_of_the_runs_unions() {
        // Small sets over few ids, so that neighbours share anchors at every distance.
        let mut next = crate::testing::test_numbers(11);
        let side: Vec<Vec<u32>> = (0..60)
            .map(|_| {
                let mut s: Vec<u32> = (0..next(6)).map(|_| next(9) as u32 * 7).collect();
                s.sort_unstable();
                s.dedup();
                s
            })
            .collect();
        let lens = vec![40; side.len()];
        // Given in any order and with repeats, as sentences' lists are.
        let messy: Vec<Vec<u32>> = side
            .iter()
            .map(|set| set.iter().rev().chain(set.last()).copied().collect())
            .collect();
        let m = model(&lens, &lens).with_anchors(messy.clone(), messy, 1.0);
        let mut marked = vec![false; m.anchors.len()];
        let union = |start: usize, count: usize| {
            side[start..(start + count).min(side.len())]
                .iter()
                .fold(Vec::new(), |all, s| anchors::union(&all, s))
        };
        for start in 0..side.len() {
            for count in 1..=MAX_SPAN.min(side.len() - start) {
                let at = format!("sentences {start}..{}", start + count);
                let run = union(start, count);
                assert_eq!(m.source_anchors.span_len(start, count), run.len(), "{at}");
                // Each run against the target's runs near it: what a bead's cost explains.
                for other in start.saturating_sub(2)..(start + 3).min(side.len()) {
                    for other_count in 1..=MAX_SPAN {
                        let shared = anchors::shared(&run, &union(other, other_count));
                        let sides = (&m.source_anchors, &m.target_anchors);
                        let got = lexical::shared(
                            sides,
                            &mut marked,
                            (start, count),
                            (other, other_count),
                        );
                        assert_eq!(got, shared, "{at} and {other} + {other_count}");
                        assert!(marked.iter().all(|&m| !m), "{at}: marks left");
                    }
                }
            }
        }
    }

    #[test]
    fn coarse_blocks_drop_the_anchors_most_blocks_hold() {
        // 200 blocks of 16 sentences: anchor 1 in every sentence, anchor 2 in every 100th,
        // anchor 3 in every sentence of the first 10 blocks (a block counts it once).
        let n = 16 * 200;
        let anchors: Vec<Vec<u32>> = (0..n as u32)
            .map(|i| {
                let mut a = if i % 100 == 0 {
                    vec![1, 2, 1000 + i]
                } else {
                    vec![1]
                };
                a.extend((i < 160).then_some(3));
                a
            })
            .collect();
        let lens = vec![40; n];
        let fine = model(&lens, &lens).with_anchors(anchors.clone(), anchors, 1.0);
        let coarse = fine.coarsen(16);
        // A block's anchors are the fine model's numbers of its sentences' anchors.
        let held = |a: u32| {
            let number = fine.anchors.iter().position(|&x| x == a).unwrap() as u32;
            let holds = |b: usize| {
                let ids = coarse.source_anchors.dense.get(b);
                ids.iter().any(|&id| coarse.anchors[id as usize] == number)
            };
            (0..200).filter(|&b| holds(b)).count()
        };
        assert_eq!(held(1), 0, "in every block: dropped");
        assert_eq!(held(2), 32, "in 32 blocks of 200: kept");
        assert_eq!(held(1000), 1);
        assert_eq!(held(3), 10, "in 10 blocks, if in all their sentences: kept");
    }

    #[test]
    fn priors_are_listed_in_the_shapes_order() {
        for (k, (shape, _)) in PRIORS.iter().enumerate() {
            assert_eq!(shape.index(), k);
        }
    }

    #[test]
    fn one_to_one_is_preferred_for_equal_lengths() {
        let m = model(&[50, 50], &[50, 50]);
        let one_one =
            m.cost_parts(Shape::OneOne, 1, 1).total() + m.cost_parts(Shape::OneOne, 2, 2).total();
        let two_two = m.cost_parts(Shape::TwoTwo, 2, 2).total();
        assert!(one_one < two_two);
    }

    #[test]
    fn merge_is_preferred_when_lengths_say_so() {
        // Source 40 + 60 against one target of 100: 2-1 beats 1-1 plus 1-0.
        let m = model(&[40, 60], &[100]);
        let merge = m.cost_parts(Shape::TwoOne, 2, 1).total();
        let split =
            m.cost_parts(Shape::OneOne, 1, 1).total() + m.cost_parts(Shape::OneZero, 2, 1).total();
        assert!(merge < split);
    }

    #[test]
    fn a_left_out_sentence_pays_its_prior_whatever_its_length() {
        let m = model(&[10, 400], &[10, 400]);
        let (short, long) = (
            m.cost_parts(Shape::OneZero, 1, 0),
            m.cost_parts(Shape::OneZero, 2, 1),
        );
        assert_eq!((short.length, long.length), (0.0, 0.0));
        assert_eq!(short.prior, long.prior);
        assert!((short.prior - -(0.0099f64).ln()).abs() < 1e-12);
        // Paired, the long sentence's length would count against it.
        assert!(m.cost_parts(Shape::OneOne, 2, 1).length > 10.0);
    }

    #[test]
    fn lexical_cost_is_minus_the_weighted_dice_of_the_anchors() {
        let m = model(&[20, 20], &[20, 20]).with_anchors(
            vec![vec![1, 2], vec![3]],
            vec![vec![1, 2], vec![4, 5]],
            32.0,
        );
        assert_eq!(
            m.cost_parts(Shape::OneOne, 1, 1).lexical,
            -32.0,
            "all shared"
        );
        assert_eq!(
            m.cost_parts(Shape::OneOne, 2, 2).lexical,
            0.0,
            "nothing shared"
        );
        // 2-1: {1, 2, 3} against {1, 2}: Dice 4/5.
        assert!((m.cost_parts(Shape::TwoOne, 2, 1).lexical - -32.0 * 0.8).abs() < 1e-12);
        assert_eq!(
            m.cost_parts(Shape::OneZero, 1, 0).lexical,
            0.0,
            "a 1-0 bead has no evidence"
        );
        let empty = model(&[20], &[20]).with_anchors(vec![vec![]], vec![vec![1]], 32.0);
        assert_eq!(
            empty.cost_parts(Shape::OneOne, 1, 1).lexical,
            0.0,
            "a side without anchors"
        );
    }

    #[test]
    fn fragments_alone_cost_extra() {
        // Source: "...", "A sentence."; target the same. Fragments are sentence 0 on each side.
        let marks = [Kind::Fragment, Kind::Sentence];
        let m = model(&[3, 40], &[3, 40]).with_fragments(&marks, &marks);
        assert_eq!(
            m.cost_parts(Shape::OneOne, 1, 1).fragment,
            2.0 * FRAGMENT_COST
        );
        assert_eq!(
            m.cost_parts(Shape::OneOne, 2, 2).fragment,
            0.0,
            "a sentence with words"
        );
        assert_eq!(
            m.cost_parts(Shape::TwoTwo, 2, 2).fragment,
            0.0,
            "a fragment with its neighbour"
        );
        assert_eq!(
            m.cost_parts(Shape::OneZero, 1, 0).fragment,
            FRAGMENT_COST,
            "a fragment left out"
        );
        // Without the marks nothing changes.
        assert_eq!(
            model(&[3, 40], &[3, 40])
                .cost_parts(Shape::OneOne, 1, 1)
                .fragment,
            0.0
        );
    }

    #[test]
    fn debris_merged_with_a_sentence_costs_extra() {
        // Source: "Vv", "A sentence."; target: "A sentence.". Debris is source sentence 0.
        let m = model(&[2, 40], &[40])
            .with_fragments(&[Kind::Debris, Kind::Sentence], &[Kind::Sentence]);
        assert_eq!(m.cost_parts(Shape::TwoOne, 2, 1).fragment, DEBRIS_COST);
        assert_eq!(
            m.cost_parts(Shape::OneZero, 1, 0).fragment,
            0.0,
            "debris left out"
        );
        assert_eq!(
            m.cost_parts(Shape::OneOne, 1, 1).fragment,
            0.0,
            "debris paired"
        );
    }

    #[test]
    fn paragraph_crossing_and_mismatch_cost_extra() {
        let flat = CostModel::new(&[50, 50], &[100], &[0, 0], &[0]);
        let split = CostModel::new(&[50, 50], &[100], &[0, 1], &[0]);
        assert!(
            split.cost_parts(Shape::TwoOne, 2, 1).total()
                > flat.cost_parts(Shape::TwoOne, 2, 1).total()
        );
        // A 1-1 bead ending where only the source breaks a paragraph.
        let mismatch = CostModel::new(&[50, 50], &[50, 50], &[0, 1], &[0, 0]);
        let matched = CostModel::new(&[50, 50], &[50, 50], &[0, 1], &[0, 1]);
        assert!(
            mismatch.cost_parts(Shape::OneOne, 1, 1).total()
                > matched.cost_parts(Shape::OneOne, 1, 1).total()
        );
    }

    /// Paragraph numbers for paragraphs of `sizes` sentences.
    fn numbered(sizes: &[usize]) -> Vec<usize> {
        (0..sizes.len())
            .flat_map(|k| std::iter::repeat_n(k, sizes[k]))
            .collect()
    }

    #[test]
    fn paragraphs_pair_when_they_number_the_same_and_their_lengths_agree() {
        // Ten paragraphs of 1 to 10 sentences of 200 characters, translated 1-1.
        let sizes: Vec<usize> = (1..=10).collect();
        let lens = vec![200; 55];
        let pair = |target_sizes: &[usize]| {
            CostModel::new(&lens, &lens, &numbered(&sizes), &numbered(target_sizes))
                .paired_paragraphs()
        };
        let starts = vec![0, 1, 3, 6, 10, 15, 21, 28, 36, 45, 55];
        assert_eq!(pair(&sizes), Some((starts.clone(), starts)));
        // A paragraph fewer on one side; one paragraph on each.
        assert_eq!(pair(&[1, 2, 3, 4, 5, 6, 7, 8, 19]), None);
        let one = CostModel::new(&lens, &lens, &[0; 55], &[0; 55]);
        assert_eq!(one.paired_paragraphs(), None);
        // The first break left out and the sixth paragraph cut in two: of the six pairs
        // between, four have lengths too far apart (1 sentence against 3, 2 against 3 …).
        assert_eq!(pair(&[3, 3, 4, 5, 3, 3, 7, 8, 9, 10]), None);
        // Two such pairs of ten are a translation's freedom.
        assert!(pair(&[1, 3, 2, 4, 5, 6, 7, 8, 9, 10]).is_some());
    }

    mod properties {
        use std::cell::Cell;

        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};

        use super::*;

        /// A sentence: its length, whether a paragraph starts at it, whether it is a word-less
        /// fragment or debris, and its anchors.
        type Sentence = (usize, bool, Kind, Vec<u32>);

        /// One side of up to 24 sentences; `dense` sides have so many anchors per sentence
        /// that the overlap counts them with bit sets.
        fn side(dense: bool) -> impl Strategy<Value = Vec<Sentence>> {
            let anchors = if dense { 6..14 } else { 0..4 };
            let sentence = (
                1usize..200,
                prop::bool::weighted(0.3),
                (0u8..20).prop_map(|k| match k {
                    0..=2 => Kind::Fragment,
                    3..=4 => Kind::Debris,
                    _ => Kind::Sentence,
                }),
                proptest::collection::vec(0u32..16, anchors),
            );
            proptest::collection::vec(sentence, 0..24)
        }

        fn model_of(source: &[Sentence], target: &[Sentence], weight: f64) -> CostModel {
            let lens = |s: &[Sentence]| s.iter().map(|x| x.0).collect::<Vec<_>>();
            let paragraphs = |s: &[Sentence]| {
                s.iter()
                    .scan(0, |p, x| {
                        *p += usize::from(x.1);
                        Some(*p)
                    })
                    .collect::<Vec<_>>()
            };
            let fragments = |s: &[Sentence]| s.iter().map(|x| x.2).collect::<Vec<_>>();
            let anchors = |s: &[Sentence]| s.iter().map(|x| x.3.clone()).collect::<Vec<_>>();
            CostModel::new(
                &lens(source),
                &lens(target),
                &paragraphs(source),
                &paragraphs(target),
            )
            .with_fragments(&fragments(source), &fragments(target))
            .with_anchors(anchors(source), anchors(target), weight)
        }

        /// Checks every bead of `m` ending in each row, over the whole row and over the
        /// columns `window` clips it to (a band's row: shared anchors are counted per
        /// window); `seen` records which of the paragraph, lexical and fragment terms were
        /// not zero.
        fn row_costs_are_totals(
            m: &CostModel,
            window: (usize, usize),
            seen: &Cell<[bool; 3]>,
        ) -> Result<(), TestCaseError> {
            let (n, t) = (m.source_len(), m.target_len());
            let mut row = RowCosts::default();
            let lo = window.0.min(t);
            let hi = (lo + window.1).min(t);
            for i in 0..=n {
                for (lo, hi) in [(0, t), (lo, hi)] {
                    m.row_costs(i, lo, hi, &mut row);
                    for shape in Shape::ALL {
                        let (di, dj) = shape.sides();
                        for j in lo..=hi {
                            let cost = row.shape(shape)[j - lo];
                            if di > i || dj > j {
                                prop_assert_eq!(cost, f64::INFINITY);
                                continue;
                            }
                            let parts = m.cost_parts(shape, i, j);
                            prop_assert!(
                                cost == parts.total(),
                                "{shape:?} at ({i}, {j}): {cost} against {parts:?}"
                            );
                            let [p, l, f] = seen.get();
                            seen.set([
                                p || parts.paragraph != 0.0,
                                l || parts.lexical != 0.0,
                                f || parts.fragment != 0.0,
                            ]);
                        }
                    }
                }
            }
            Ok(())
        }

        /// The search prices a row of beads at once, `--explain` and the sums of large bands
        /// a bead at a time: with every term on, both must give the same cost to the bit.
        #[test]
        fn row_costs_equal_the_totals_of_the_explained_costs() {
            let case = (any::<bool>(), any::<bool>())
                .prop_flat_map(|(a, b)| (side(a), side(b), 0.5f64..64.0, (0usize..24, 0usize..24)));
            let seen = Cell::new([false; 3]);
            let mut runner = TestRunner::new(Config::with_cases(200));
            runner
                .run(&case, |(source, target, weight, window)| {
                    let m = model_of(&source, &target, weight);
                    row_costs_are_totals(&m, window, &seen)?;
                    // The coarse level's blocks, their anchors as bit sets or postings.
                    row_costs_are_totals(&m.coarsen(3), window, &Cell::new([false; 3]))
                })
                .unwrap();
            let [paragraph, lexical, fragment] = seen.get();
            assert!(paragraph, "no case had a paragraph term");
            assert!(lexical, "no case had a lexical term");
            assert!(fragment, "no case had a fragment term");
        }
    }
}
