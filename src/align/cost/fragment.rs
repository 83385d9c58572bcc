//! The fragment term: a bead side made only of word-less fragments (`...`, `=>`) pairs
//! nothing with nothing, so such a fragment belongs with the sentence next to it.

use crate::align::constants::FRAGMENT_COST;

/// The fragment term of a bead with `sides` (0, 1 or 2) sides made only of fragments.
#[inline]
pub(crate) fn cost(sides: usize) -> f64 {
    FRAGMENT_COST * sides as f64
}

/// Whether sentences `from..to` (at least one) are all word-less fragments; `counts[i]` is
/// how many of sentences `0..i` are (empty: none is).
#[inline]
pub(crate) fn only_fragments(counts: &[u32], from: usize, to: usize) -> bool {
    to > from && counts.len() > to && (counts[to] - counts[from]) as usize == to - from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_side_is_fragments_only_if_all_its_sentences_are() {
        // Sentences 0 and 2 of four are fragments.
        let counts = [0, 1, 1, 2, 2];
        assert!(only_fragments(&counts, 0, 1));
        assert!(!only_fragments(&counts, 0, 2));
        assert!(!only_fragments(&counts, 1, 1), "an empty side");
        assert!(!only_fragments(&[], 0, 1), "no marks");
        assert_eq!(cost(2), 2.0 * FRAGMENT_COST);
    }
}
