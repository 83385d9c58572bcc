//! The lexical term: minus the weighted Dice overlap of a bead's two sides' anchors (numbers,
//! names, cognates, learned words; see [`crate::align::lexical`]), and the anchor sets it is
//! counted from. Nothing is known of a side without anchors.

use crate::align::constants::{COMMON_SHARE, MIN_COMMON};
use crate::align::overlap::Lists;
use crate::align::shape::MAX_SPAN;

/// The lexical term of a bead whose sides hold `source` and `target` anchors and share
/// `shared` of them: `-weight` times their Dice coefficient; 0 when a side has none.
#[inline]
pub(crate) fn cost(weight: f64, shared: usize, source: usize, target: usize) -> f64 {
    if source == 0 || target == 0 {
        return 0.0;
    }
    -weight * 2.0 * shared as f64 / (source + target) as f64
}

/// How many anchors source sentences `i0..i0 + di` share with target sentences
/// `j0..j0 + dj`: the source span's are marked in `marked` (all clear, and left so), and each
/// marked target anchor counted and cleared.
pub(crate) fn shared(
    (source, target): (&Anchors, &Anchors),
    marked: &mut [bool],
    (i0, di): (usize, usize),
    (j0, dj): (usize, usize),
) -> usize {
    let source_span = || source.span(i0, di);
    source_span().for_each(|id| marked[id as usize] = true);
    let shared = target
        .span(j0, dj)
        .filter(|&id| std::mem::replace(&mut marked[id as usize], false))
        .count();
    source_span().for_each(|id| marked[id as usize] = false);
    shared
}

/// Anchor sets for one side: each sentence's, and how many anchors every run of one to
/// [`MAX_SPAN`] neighbouring sentences has (the Dice denominators). The runs' own sets are
/// never built: a path's beads are explained with marks ([`shared`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Anchors {
    /// Each sentence's anchors as a set of the model's anchor numbers (see [`Dense`]).
    pub(crate) dense: Lists,
    /// `sizes[k][i]`: how many anchors sentences `i..=i + k` have, in one flat array each.
    pub(crate) sizes: Vec<Vec<u32>>,
}

impl Anchors {
    /// `dense`: each sentence's anchors as a set of numbers below `ids`.
    pub(crate) fn new(dense: Lists, ids: usize) -> Self {
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
    pub(crate) fn span(&self, start: usize, count: usize) -> impl Iterator<Item = u32> + '_ {
        (start..(start + count).min(self.dense.len()))
            .flat_map(|k| self.dense.get(k).iter().copied())
    }

    /// How many anchors sentences `start..start + count` have.
    pub(crate) fn span_len(&self, start: usize, count: usize) -> usize {
        count
            .checked_sub(1)
            .and_then(|k| self.sizes.get(k)?.get(start))
            .map_or(0, |&n| n as usize)
    }
}

/// Drops, from the blocks of a coarse level, the anchors that many of its blocks hold (more
/// than one in [`COMMON_SHARE`] on each side, on average, and more than [`MIN_COMMON`]): they
/// tell no block from its neighbours, and walking their long postings made a coarse row
/// hundreds of times dearer than a sentence's (the coarse levels were a tenth of the time).
pub(crate) fn drop_common(source: &mut [Vec<u32>], target: &mut [Vec<u32>]) {
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

/// Each block of `block` sentences' anchors, as the model's anchor numbers (below `ids`),
/// each taken once: blocks share anchors as their sentences do, so that the coarse path
/// follows the evidence.
pub(crate) fn blocks(side: &Anchors, block: usize, ids: usize) -> Vec<Vec<u32>> {
    let mut in_block = vec![0u32; ids];
    (0..side.dense.len())
        .step_by(block)
        .zip(1..)
        .map(|(start, mark)| {
            side.span(start, block)
                .filter(|&id| std::mem::replace(&mut in_block[id as usize], mark) != mark)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_term_is_minus_the_weighted_dice_coefficient() {
        assert_eq!(cost(32.0, 2, 2, 2), -32.0, "all shared");
        assert_eq!(cost(32.0, 2, 3, 2), -32.0 * 0.8);
        assert_eq!(cost(32.0, 0, 0, 2), 0.0, "a side without anchors");
        assert!(
            cost(32.0, 0, 1, 2).is_sign_negative(),
            "-0: anchors, none shared"
        );
    }
}
