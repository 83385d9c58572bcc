//! The cost of a bead: Gale & Church (1993) on character lengths, plus paragraph anchors.
//!
//! Costs are negative log probabilities (nats), so the dynamic programme can both minimise
//! them (the best alignment) and sum their exponentials (each bead's posterior confidence).

use super::overlap::{Cursors, Dense, Lists, Overlap};
use super::shape::{MAX_SPAN, Shape};

/// Each bead shape with its prior probability (Table 5 of Gale & Church 1993), in the order
/// of [`Shape::ALL`].
pub(crate) const PRIORS: [(Shape, f64); Shape::COUNT] = [
    (Shape::OneOne, 0.89),
    (Shape::OneZero, 0.0099),
    (Shape::ZeroOne, 0.0099),
    (Shape::TwoOne, 0.089),
    (Shape::OneTwo, 0.089),
    (Shape::TwoTwo, 0.011),
    // Not in the paper: a translator's three sentences for one, rarer than 2-2.
    (Shape::ThreeOne, 0.005),
    (Shape::OneThree, 0.005),
];

/// A paragraph pair whose lengths are further apart than this many standard deviations is
/// implausible (0.3 % of true pairs would be) …
const IMPLAUSIBLE_DEVIATION: f64 = 3.0;
/// … and when more than this share of the pairs are, the paragraphs merely number the same
/// (a document's true pairs: 1 to 2 %; a paragraph missing on one side and one too many some
/// way on: from 5 % to most of them).
const MAX_IMPLAUSIBLE_SHARE: f64 = 0.25;

/// Variance of the target length per source character (the paper's s² = 6.8).
pub const VARIANCE: f64 = 6.8;

/// Nats a bead pays for each side made only of word-less fragments (`...`, `=>`): more than a
/// 2-2 bead's extra prior, so that such a fragment joins the sentence beside it.
pub const FRAGMENT_COST: f64 = 10.0;

/// Why a bead costs what it costs, in nats (lower is likelier).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct CostParts {
    /// `-ln` of the bead shape's prior.
    pub prior: f64,
    /// Gale-Church: how far the two lengths are from the expected ratio.
    pub length: f64,
    /// Paragraph breaks crossed or matched on one side only.
    pub paragraph: f64,
    /// Minus the evidence of shared anchors (numbers, names, cognates, learned words).
    pub lexical: f64,
    /// A side made only of fragments without a word (`...`, `=>`), which cannot stand alone.
    pub fragment: f64,
}

impl CostParts {
    pub fn total(&self) -> f64 {
        self.prior + self.length + self.paragraph + self.lexical + self.fragment
    }
}

/// What the cost model knows about one document pair.
#[derive(Debug, Clone)]
pub struct CostModel {
    /// `source_prefix[i]` is the length of sentences `0..i`, so a span's length is one subtraction.
    source_prefix: Vec<f64>,
    target_prefix: Vec<f64>,
    /// `source_break[i]`: a paragraph boundary lies before sentence `i` (true at both ends).
    source_break: Vec<bool>,
    target_break: Vec<bool>,
    /// `source_breaks_before[i]`: how many of `source_break[..i]` are true, so that the
    /// breaks a bead crosses are one subtraction.
    source_breaks_before: Vec<u32>,
    target_breaks_before: Vec<u32>,
    /// Target characters per source character, estimated from the pair itself.
    ratio: f64,
    variance: f64,
    /// `-ln prior` of each shape, by [`Shape::index`].
    prior_cost: [f64; Shape::COUNT],
    /// Cost of a bead end where one side is at a paragraph boundary and the other is not.
    pub break_mismatch: f64,
    /// Cost of a bead that merges sentences across a paragraph boundary.
    pub break_crossing: f64,
    /// Lexical anchors of each sentence and of each pair of neighbours (`i`, `i + 1`).
    source_anchors: Anchors,
    target_anchors: Anchors,
    /// Nats of evidence a bead whose sides share all their anchors gains.
    pub lexical_weight: f64,
    /// The anchor each of the model's anchor numbers stands for (see [`Dense`]).
    anchors: Vec<u32>,
    /// The anchors again, indexed for counting a whole row of beads at once.
    overlap: Overlap,
    /// `source_fragments[i]`: how many of sentences `0..i` have no letter or digit.
    source_fragments: Vec<u32>,
    target_fragments: Vec<u32>,
}

/// The cost of every bead ending in one row, by kind and column. The dynamic programme reads
/// them from here instead of pricing beads one at a time: a row's beads share their source
/// side, so most of the work is done once per kind, and the rest runs in tight loops.
#[derive(Debug, Clone, Default)]
pub struct RowCosts {
    lo: usize,
    costs: [Vec<f64>; Shape::COUNT],
    /// Shared-anchor counts, `shared[di - 1][dj - 1]` for beads of `di` source and `dj`
    /// target sentences.
    shared: [[Vec<u32>; MAX_SPAN]; MAX_SPAN],
    cursors: Cursors,
}

impl RowCosts {
    /// The costs of beads of `shape`, column by column from the row's first.
    pub fn shape(&self, shape: Shape) -> &[f64] {
        &self.costs[shape.index()]
    }

    /// Turns each cost `c` into the bead's weight `e^-c`, for sums over paths.
    pub fn weigh(&mut self) {
        for costs in &mut self.costs {
            costs.iter_mut().for_each(|c| *c = (-*c).exp());
        }
    }

    /// Copies the row's costs to the start of `out`, kind after kind (each as wide as the
    /// row); returns how many.
    pub fn copy_to(&self, out: &mut [f64]) -> usize {
        let mut at = 0;
        for costs in &self.costs {
            out[at..at + costs.len()].copy_from_slice(costs);
            at += costs.len();
        }
        at
    }
}

/// Anchor sets for one side: each sentence's, and how many anchors every run of one to
/// [`MAX_SPAN`] neighbouring sentences has (the Dice denominators). The runs' own sets are
/// never built: a path's beads are explained with marks ([`CostModel::path_cost_parts`]).
#[derive(Debug, Clone, Default)]
struct Anchors {
    /// Each sentence's anchors as a set of the model's anchor numbers (see [`Dense`]).
    dense: Lists,
    /// `sizes[k][i]`: how many anchors sentences `i..=i + k` have, in one flat array each.
    sizes: Vec<Vec<u32>>,
}

impl Anchors {
    /// `dense`: each sentence's anchors as a set of numbers below `ids`.
    fn new(dense: Lists, ids: usize) -> Self {
        let n = dense.len();
        let mut sizes: Vec<Vec<u32>> = (0..MAX_SPAN)
            .map(|k| vec![0; n.saturating_sub(k)])
            .collect();
        // A run's size is the shorter run's plus the anchors its last sentence brings: those
        // last seen before the run starts. Counted so, no run's set is ever built (merging
        // them was a twentieth of the aligner's time).
        let mut last_seen = vec![u32::MAX; ids];
        for j in 0..n {
            let anchors = dense.get(j);
            sizes[0][j] = anchors.len() as u32;
            // `brought[k]`: anchors of sentence `j` that none of the `k` before it holds.
            let mut brought = [0u32; MAX_SPAN];
            for &a in anchors {
                let before = std::mem::replace(&mut last_seen[a as usize], j as u32);
                let gap = if before == u32::MAX {
                    usize::MAX
                } else {
                    j - before as usize
                };
                for (k, brought) in brought.iter_mut().enumerate().skip(1) {
                    *brought += u32::from(gap > k);
                }
            }
            for k in 1..MAX_SPAN.min(j + 1) {
                sizes[k][j - k] = sizes[k - 1][j - k] + brought[k];
            }
        }
        Self { dense, sizes }
    }

    /// The anchor numbers of sentences `start..start + count` (a number may repeat).
    fn span(&self, start: usize, count: usize) -> impl Iterator<Item = u32> + '_ {
        (start..(start + count).min(self.dense.len()))
            .flat_map(|k| self.dense.get(k).iter().copied())
    }

    /// How many anchors sentences `start..start + count` have.
    fn span_len(&self, start: usize, count: usize) -> usize {
        count
            .checked_sub(1)
            .and_then(|k| self.sizes.get(k)?.get(start))
            .map_or(0, |&n| n as usize)
    }
}

impl CostModel {
    /// Builds the model from sentence lengths (characters) and paragraph numbers.
    pub fn new(
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
        let ratio = match (total(&source_prefix), total(&target_prefix)) {
            (s, t) if s > 0.0 && t > 0.0 => t / s,
            _ => 1.0,
        };
        Self {
            source_prefix,
            target_prefix,
            source_breaks_before: counts_before(&paragraph_breaks(source_paragraphs)),
            target_breaks_before: counts_before(&paragraph_breaks(target_paragraphs)),
            source_break: paragraph_breaks(source_paragraphs),
            target_break: paragraph_breaks(target_paragraphs),
            ratio,
            variance: VARIANCE,
            prior_cost: PRIORS.map(|(_, p)| -p.ln()),
            break_mismatch: 2.5,
            break_crossing: 5.0,
            source_anchors: Anchors::default(),
            target_anchors: Anchors::default(),
            lexical_weight: 0.0,
            anchors: Vec::new(),
            overlap: Overlap::default(),
            source_fragments: Vec::new(),
            target_fragments: Vec::new(),
        }
    }

    /// Marks the sentences that hold no word (`...`, `=> …`): a bead should not pair them alone.
    pub fn with_fragments(self, source: &[bool], target: &[bool]) -> Self {
        Self {
            source_fragments: counts_before(source),
            target_fragments: counts_before(target),
            ..self
        }
    }

    /// Adds lexical anchors (a list per sentence, see [`super::lexical::anchors`]; an anchor
    /// a list repeats counts once).
    pub fn with_anchors(self, source: Vec<Vec<u32>>, target: Vec<Vec<u32>>, weight: f64) -> Self {
        let lists = |side: Vec<Vec<u32>>| Lists::from_lists(side.iter().map(Vec::as_slice));
        let (source, target) = (lists(source), lists(target));
        let dense = Dense::new(&source, &target);
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

    /// The model's anchors of each single sentence, source and target, for a model that
    /// knows more (see [`Self::with_anchors`]).
    pub fn into_anchors(self) -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
        let anchors = &self.anchors;
        let single = |a: &Anchors| {
            a.dense
                .iter()
                .map(|ids| ids.iter().map(|&id| anchors[id as usize]).collect())
                .collect()
        };
        (single(&self.source_anchors), single(&self.target_anchors))
    }

    /// Fills `row` with the cost of every bead ending in row `i` at columns `lo..=hi`: the
    /// same figures as [`Self::bead_cost`], term for term and in the same order.
    pub fn row_costs(&self, i: usize, lo: usize, hi: usize, row: &mut RowCosts) {
        row.lo = lo;
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
                for counts in &mut row.shared[di - 1][..spans[di - 1]] {
                    counts.clear();
                    counts.resize(hi + 1 - lo, 0);
                }
            }
            self.overlap
                .rows(i, (lo, hi), spans, &mut row.shared, &mut row.cursors);
        }
        for shape in Shape::ALL {
            let (di, dj) = shape.sides();
            let costs = &mut row.costs[shape.index()];
            costs.clear();
            costs.resize(hi + 1 - lo, f64::INFINITY);
            let first = lo.max(dj);
            if di > i || first > hi {
                continue;
            }
            let shared = if di > 0 && dj > 0 && lexical[di - 1] {
                &row.shared[di - 1][dj - 1][..]
            } else {
                &[]
            };
            self.fill_row(shape, i, (first, lo, hi), shared, &mut costs[first - lo..]);
        }
    }

    /// The costs of a bead of `shape` ending at `(i, j)` for `j` in `first..=hi`, into `out`;
    /// `shared[j - lo]` are the shared anchors (empty when the lexical term is zero). One
    /// term at a time, each a short loop, and terms that are zero throughout are skipped.
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
        let prior = self.prior_cost[shape.index()];
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
            for ((out, &end), &start) in out.iter_mut().zip(target.0).zip(target.1) {
                *out = prior + self.length_cost_in(table, l1, end - start);
            }
        }
        let source_break = self.source_break[i];
        let source_inner = inner_breaks(&self.source_breaks_before, i0, i);
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
            let mut paragraph = 0.0;
            if source_break != target_break {
                paragraph += self.break_mismatch;
            }
            let target_inner = if dj >= 2 { end - start } else { 0 };
            let crossings = source_inner + target_inner;
            *out += paragraph + self.break_crossing * f64::from(crossings);
        }
        let source_fragment = only_fragments(&self.source_fragments, i0, i);
        if source_fragment || self.target_fragments.last().is_some_and(|&n| n > 0) {
            for (j, out) in (first..hi + 1).zip(out.iter_mut()) {
                let sides = usize::from(source_fragment)
                    + usize::from(only_fragments(&self.target_fragments, j - dj, j));
                *out += FRAGMENT_COST * sides as f64;
            }
        }
        if shared.is_empty() {
            return;
        }
        let source_anchors = self.source_anchors.span_len(i0, di);
        let target_anchors = &self.target_anchors.sizes[dj - 1][starts];
        let shared = &shared[first - lo..];
        for ((out, &t), &n) in out.iter_mut().zip(target_anchors).zip(shared) {
            if t > 0 {
                *out +=
                    -self.lexical_weight * 2.0 * n as f64 / (source_anchors + t as usize) as f64;
            }
        }
    }

    /// Where each side's paragraphs start (and, last, where the text ends), when the k-th
    /// paragraph of one side is likely the translation of the k-th of the other: both sides
    /// have as many paragraphs, two or more, and few pairs have lengths too far apart (a
    /// paragraph more on one side early on and one less later put all those between apart).
    pub fn paired_paragraphs(&self) -> Option<(Vec<usize>, Vec<usize>)> {
        let starts =
            |breaks: &[bool]| -> Vec<usize> { (0..breaks.len()).filter(|&i| breaks[i]).collect() };
        let (source, target) = (starts(&self.source_break), starts(&self.target_break));
        if source.len() != target.len() || source.len() <= 2 {
            return None;
        }
        let length =
            |prefix: &[f64], starts: &[usize], k: usize| prefix[starts[k + 1]] - prefix[starts[k]];
        let pairs = source.len() - 1;
        let implausible = (0..pairs)
            .filter(|&k| {
                let l1 = length(&self.source_prefix, &source, k);
                let l2 = length(&self.target_prefix, &target, k);
                self.deviation(l1, l2).abs() > IMPLAUSIBLE_DEVIATION
            })
            .count();
        (implausible as f64 <= MAX_IMPLAUSIBLE_SHARE * pairs as f64).then_some((source, target))
    }

    /// Whether lexical anchors take part in the cost.
    pub fn has_anchors(&self) -> bool {
        self.lexical_weight != 0.0
    }

    pub fn source_len(&self) -> usize {
        self.source_prefix.len() - 1
    }

    pub fn target_len(&self) -> usize {
        self.target_prefix.len() - 1
    }

    /// The same document with sentences grouped in blocks of `block`, for a coarse first pass.
    /// Paragraphs are left out: a block boundary rarely falls on one.
    pub fn coarsen(&self, block: usize) -> Self {
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
        coarse.ratio = self.ratio;
        if self.lexical_weight == 0.0 {
            return coarse;
        }
        // Blocks share anchors as their sentences do: the coarse path follows the evidence.
        // A block's set is its sentences' anchor numbers, each taken once (marked by block).
        let anchors = |side: &Anchors| -> Vec<Vec<u32>> {
            let mut in_block = vec![0u32; self.anchors.len()];
            (0..side.dense.len())
                .step_by(block)
                .zip(1..)
                .map(|(start, mark)| {
                    side.span(start, block)
                        .filter(|&id| std::mem::replace(&mut in_block[id as usize], mark) != mark)
                        .collect()
                })
                .collect()
        };
        let (mut s, mut t) = (anchors(&self.source_anchors), anchors(&self.target_anchors));
        drop_common(&mut s, &mut t);
        coarse.with_anchors(s, t, self.lexical_weight)
    }

    /// The expansion ratio this model uses (target characters per source character).
    #[cfg(test)]
    pub fn ratio(&self) -> f64 {
        self.ratio
    }

    /// Cost of a bead of `shape` ending at `(i, j)`, i.e. covering source `i-di..i` and
    /// target `j-dj..j`. The caller guarantees `i >= di` and `j >= dj`.
    #[cfg(test)]
    pub fn bead_cost(&self, shape: Shape, i: usize, j: usize) -> f64 {
        self.cost_parts(shape, i, j).total()
    }

    /// [`Self::bead_cost`] term by term, for `--explain`. One bead: a path's beads go to
    /// [`Self::path_cost_parts`], which sets up its array of anchors once.
    #[cfg(test)]
    pub fn cost_parts(&self, shape: Shape, i: usize, j: usize) -> CostParts {
        self.path_cost_parts([(shape, i, j)])[0]
    }

    /// [`Self::cost_parts`] of each bead of a path, given as `(shape, i, j)`. One array of
    /// the model's anchors marks each bead's source anchors in turn: the work is in the
    /// beads' sizes, however long the document (an array per bead made a long document's
    /// path quadratic).
    pub fn path_cost_parts(
        &self,
        beads: impl IntoIterator<Item = (Shape, usize, usize)>,
    ) -> Vec<CostParts> {
        let mut marked = vec![false; self.anchors.len()];
        beads
            .into_iter()
            .map(|(shape, i, j)| {
                let (di, dj) = shape.sides();
                let (i0, j0) = (i - di, j - dj);
                let l1 = self.source_prefix[i] - self.source_prefix[i0];
                let l2 = self.target_prefix[j] - self.target_prefix[j0];
                CostParts {
                    prior: self.prior_cost[shape.index()],
                    // A sentence left out has no translation whose length could disagree
                    // with it; only its prior speaks against it (Moore 2002 scores
                    // deletions the same way).
                    length: if di == 0 || dj == 0 {
                        0.0
                    } else {
                        self.length_cost(l1, l2)
                    },
                    paragraph: self.paragraph_cost(i0, i, j0, j),
                    lexical: self.lexical_cost(&mut marked, (i0, di), (j0, dj)),
                    fragment: self.fragment_cost(i0, i, j0, j),
                }
            })
            .collect()
    }

    /// A bead side made only of word-less fragments pairs nothing with nothing: such a
    /// fragment belongs with the sentence next to it.
    fn fragment_cost(&self, i0: usize, i: usize, j0: usize, j: usize) -> f64 {
        let sides = usize::from(only_fragments(&self.source_fragments, i0, i))
            + usize::from(only_fragments(&self.target_fragments, j0, j));
        FRAGMENT_COST * sides as f64
    }

    /// Minus the weighted Dice overlap of the two sides' anchors: shared numbers, names and
    /// cognates pull a bead together. Nothing is known of a side without anchors.
    fn lexical_cost(
        &self,
        marked: &mut [bool],
        (i0, di): (usize, usize),
        (j0, dj): (usize, usize),
    ) -> f64 {
        if self.lexical_weight == 0.0 || di == 0 || dj == 0 {
            return 0.0;
        }
        let shared = self.shared_anchors(marked, (i0, di), (j0, dj));
        self.lexical_from_shared(i0, di, j0, dj, shared)
    }

    /// How many anchors source sentences `i0..i0 + di` share with target sentences
    /// `j0..j0 + dj`: the source span's are marked in `marked` (all clear, and left so),
    /// and each marked target anchor counted and cleared.
    fn shared_anchors(
        &self,
        marked: &mut [bool],
        (i0, di): (usize, usize),
        (j0, dj): (usize, usize),
    ) -> usize {
        let source = || self.source_anchors.span(i0, di);
        source().for_each(|id| marked[id as usize] = true);
        let shared = self
            .target_anchors
            .span(j0, dj)
            .filter(|&id| std::mem::replace(&mut marked[id as usize], false))
            .count();
        source().for_each(|id| marked[id as usize] = false);
        shared
    }

    /// Minus the weighted Dice coefficient of two spans that share `shared` anchors.
    fn lexical_from_shared(
        &self,
        i0: usize,
        di: usize,
        j0: usize,
        dj: usize,
        shared: usize,
    ) -> f64 {
        if self.lexical_weight == 0.0 || di == 0 || dj == 0 {
            return 0.0;
        }
        let (s, t) = (
            self.source_anchors.span_len(i0, di),
            self.target_anchors.span_len(j0, dj),
        );
        if s == 0 || t == 0 {
            return 0.0;
        }
        -self.lexical_weight * 2.0 * shared as f64 / (s + t) as f64
    }

    /// `-ln P(δ)` with `δ = (l2 - c·l1) / √(s²·m)`, `m` the mean length in source units.
    pub fn length_cost(&self, l1: f64, l2: f64) -> f64 {
        self.length_cost_in(length_table(), l1, l2)
    }

    /// [`Self::length_cost`] with the table already at hand.
    fn length_cost_in(&self, table: &[f64], l1: f64, l2: f64) -> f64 {
        -tabulated(table, self.deviation(l1, l2).abs())
    }

    /// `δ = (l2 - c·l1) / √(s²·m)`: how far the target length is from what the source's
    /// predicts, in standard deviations (0 for two empty sides).
    fn deviation(&self, l1: f64, l2: f64) -> f64 {
        let mean = (l1 + l2 / self.ratio) / 2.0;
        if mean <= 0.0 {
            return 0.0;
        }
        (l2 - l1 * self.ratio) / (self.variance * mean).sqrt()
    }

    /// Paragraph anchors: a bead should end where both sides end a paragraph, or neither,
    /// and should not merge sentences of two paragraphs.
    fn paragraph_cost(&self, i0: usize, i: usize, j0: usize, j: usize) -> f64 {
        let mut cost = 0.0;
        if self.source_break[i] != self.target_break[j] {
            cost += self.break_mismatch;
        }
        let crossings = inner_breaks(&self.source_breaks_before, i0, i)
            + inner_breaks(&self.target_breaks_before, j0, j);
        cost + self.break_crossing * f64::from(crossings)
    }
}

/// Drops, from the blocks of a coarse level, the anchors that many of its blocks hold (more
/// than one in [`COMMON_SHARE`] on each side, on average, and more than [`MIN_COMMON`]): they
/// tell no block from its neighbours, and walking their long postings made a coarse row
/// hundreds of times dearer than a sentence's (the coarse levels were a tenth of the time).
fn drop_common(source: &mut [Vec<u32>], target: &mut [Vec<u32>]) {
    let limit = (source.len().max(target.len()) / COMMON_SHARE).max(MIN_COMMON);
    let mut holders: rustc_hash::FxHashMap<u32, usize> = Default::default();
    for anchors in source.iter().chain(target.iter()) {
        for &a in anchors {
            *holders.entry(a).or_default() += 1;
        }
    }
    for anchors in source.iter_mut().chain(target.iter_mut()) {
        anchors.retain(|a| holders[a] <= 2 * limit);
    }
}

/// See [`drop_common`].
const COMMON_SHARE: usize = 32;
const MIN_COMMON: usize = 64;

/// Paragraph breaks strictly inside sentences `from..to`: before sentences `from + 1..to`.
fn inner_breaks(before: &[u32], from: usize, to: usize) -> u32 {
    before[to.max(from + 1)] - before[from + 1]
}

/// Whether sentences `from..to` (at least one) are all word-less fragments.
fn only_fragments(counts: &[u32], from: usize, to: usize) -> bool {
    to > from && counts.len() > to && (counts[to] - counts[from]) as usize == to - from
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

/// `breaks[i]` for `i` in `0..=n`: whether a paragraph starts at sentence `i` (or the text ends).
fn paragraph_breaks(paragraphs: &[usize]) -> Vec<bool> {
    let n = paragraphs.len();
    (0..=n)
        .map(|i| i == 0 || i == n || paragraphs[i] != paragraphs[i - 1])
        .collect()
}

/// Steps per unit of `z` in the table of [`ln_two_tailed_tabulated`], and its reach.
const TABLE_SCALE: f64 = 128.0;
const TABLE_STEPS: usize = 40 * 128;

/// [`ln_two_tailed`] from a table with linear interpolation (within 1e-5 nats of the formula
/// up to z = 40, the formula beyond; 40 KB, so it stays in cache): the length cost is weighed for every bead the dynamic
/// programme considers, and the formula's logarithm and divisions were most of its time.
#[cfg(test)]
pub fn ln_two_tailed_tabulated(z: f64) -> f64 {
    tabulated(length_table(), z)
}

/// [`ln_two_tailed`] at `k / TABLE_SCALE` for `k` in `0..=TABLE_STEPS`, computed once.
fn length_table() -> &'static [f64] {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=TABLE_STEPS)
            .map(|k| ln_two_tailed(k as f64 / TABLE_SCALE))
            .collect()
    })
}

fn tabulated(table: &[f64], z: f64) -> f64 {
    let x = z * TABLE_SCALE;
    // Also false for NaN.
    if x < TABLE_STEPS as f64 {
        let k = x as usize;
        return table[k] + (x - k as f64) * (table[k + 1] - table[k]);
    }
    ln_two_tailed(z) // far in the tail, or not a number
}

/// `ln(2·(1 − Φ(z)))` for `z ≥ 0`, the log probability of a deviation at least `|δ|`, computed
/// in log space so that long sentences far from the diagonal do not underflow to `ln 0`.
pub fn ln_two_tailed(z: f64) -> f64 {
    ln_erfc(z / std::f64::consts::SQRT_2)
}

/// `ln erfc(x)` for `x ≥ 0` (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7).
fn ln_erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -1.26551223
        + t * (1.00002368
            + t * (0.37409196
                + t * (0.09678418
                    + t * (-0.18628806
                        + t * (0.27886807
                            + t * (-1.13520398
                                + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    t.ln() - x * x + poly
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::lexical;

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
                .fold(Vec::new(), |all, s| lexical::union(&all, s))
        };
        for start in 0..side.len() {
            for count in 1..=MAX_SPAN.min(side.len() - start) {
                let at = format!("sentences {start}..{}", start + count);
                let run = union(start, count);
                assert_eq!(m.source_anchors.span_len(start, count), run.len(), "{at}");
                // Each run against the target's runs near it: what a bead's cost explains.
                for other in start.saturating_sub(2)..(start + 3).min(side.len()) {
                    for other_count in 1..=MAX_SPAN {
                        let shared = lexical::shared(&run, &union(other, other_count));
                        let got =
                            m.shared_anchors(&mut marked, (start, count), (other, other_count));
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
    fn erfc_matches_known_values() {
        // 2(1 − Φ(1.96)) ≈ 0.05; 2(1 − Φ(0)) = 1.
        assert!((ln_two_tailed(1.96).exp() - 0.05).abs() < 1e-4);
        assert!(ln_two_tailed(0.0).abs() < 1e-6);
        assert!(
            ln_two_tailed(40.0).is_finite(),
            "no underflow far in the tail"
        );
    }

    #[test]
    fn the_table_follows_the_formula() {
        let mut worst: f64 = 0.0;
        for k in 0..200_000 {
            let z = k as f64 * 0.000_37;
            worst = worst.max((ln_two_tailed_tabulated(z) - ln_two_tailed(z)).abs());
        }
        assert!(worst < 1e-5, "{worst}");
        assert_eq!(ln_two_tailed_tabulated(100.0), ln_two_tailed(100.0));
    }

    #[test]
    fn ratio_is_estimated_from_the_pair() {
        let m = model(&[100, 100], &[115, 115]);
        assert!((m.ratio() - 1.15).abs() < 1e-12);
    }

    #[test]
    fn matching_lengths_cost_less_than_mismatched() {
        let m = model(&[100, 100], &[100, 100]);
        assert!(m.length_cost(100.0, 100.0) < m.length_cost(100.0, 60.0));
        assert!(m.length_cost(100.0, 60.0) < m.length_cost(100.0, 20.0));
    }

    #[test]
    fn one_to_one_is_preferred_for_equal_lengths() {
        let m = model(&[50, 50], &[50, 50]);
        let one_one = m.bead_cost(Shape::OneOne, 1, 1) + m.bead_cost(Shape::OneOne, 2, 2);
        let two_two = m.bead_cost(Shape::TwoTwo, 2, 2);
        assert!(one_one < two_two);
    }

    #[test]
    fn merge_is_preferred_when_lengths_say_so() {
        // Source 40 + 60 against one target of 100: 2-1 beats 1-1 plus 1-0.
        let m = model(&[40, 60], &[100]);
        let merge = m.bead_cost(Shape::TwoOne, 2, 1);
        let split = m.bead_cost(Shape::OneOne, 1, 1) + m.bead_cost(Shape::OneZero, 2, 1);
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
        let m = model(&[3, 40], &[3, 40]).with_fragments(&[true, false], &[true, false]);
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
    fn paragraph_crossing_and_mismatch_cost_extra() {
        let flat = CostModel::new(&[50, 50], &[100], &[0, 0], &[0]);
        let split = CostModel::new(&[50, 50], &[100], &[0, 1], &[0]);
        assert!(split.bead_cost(Shape::TwoOne, 2, 1) > flat.bead_cost(Shape::TwoOne, 2, 1));
        // A 1-1 bead ending where only the source breaks a paragraph.
        let mismatch = CostModel::new(&[50, 50], &[50, 50], &[0, 1], &[0, 0]);
        let matched = CostModel::new(&[50, 50], &[50, 50], &[0, 1], &[0, 1]);
        assert!(mismatch.bead_cost(Shape::OneOne, 1, 1) > matched.bead_cost(Shape::OneOne, 1, 1));
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
}
