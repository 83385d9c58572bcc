//! The paragraph term: a bead should end where both sides end a paragraph, or neither, and
//! should not merge sentences of two paragraphs. And whether the two sides' paragraphs pair
//! at all, which lets the search follow them.

use super::length::Length;
use crate::align::constants::{
    BREAK_CROSSING, BREAK_MISMATCH, IMPLAUSIBLE_DEVIATION, MAX_IMPLAUSIBLE_SHARE,
};

/// The paragraph term of a bead: `mismatch` if it ends where only one side ends a
/// paragraph, and the paragraph breaks it merges sentences across, on both sides.
#[inline]
pub(crate) fn cost(mismatch: bool, crossings: u32) -> f64 {
    let mut cost = 0.0;
    if mismatch {
        cost += BREAK_MISMATCH;
    }
    cost + BREAK_CROSSING * f64::from(crossings)
}

/// Paragraph breaks strictly inside sentences `from..to`: before sentences `from + 1..to`
/// (`before[i]`: how many breaks lie before sentences `0..i`).
#[inline]
pub(crate) fn inner_breaks(before: &[u32], from: usize, to: usize) -> u32 {
    before[to.max(from + 1)] - before[from + 1]
}

/// `breaks[i]` for `i` in `0..=n`: whether a paragraph starts at sentence `i` (or the text
/// ends), from each sentence's paragraph number.
pub(crate) fn breaks(paragraphs: &[usize]) -> Vec<bool> {
    let n = paragraphs.len();
    (0..=n)
        .map(|i| i == 0 || i == n || paragraphs[i] != paragraphs[i - 1])
        .collect()
}

/// Where each side's paragraphs start (and, last, where the text ends), when the k-th
/// paragraph of one side is likely the translation of the k-th of the other: both sides have
/// as many paragraphs, two or more, and few pairs have lengths too far apart (a paragraph
/// more on one side early on and one less later put all those between apart). `breaks` and
/// `prefixes` (characters before each sentence) are the source's and the target's.
pub(crate) fn paired(
    breaks: (&[bool], &[bool]),
    prefixes: (&[f64], &[f64]),
    length: &Length,
) -> Option<(Vec<usize>, Vec<usize>)> {
    let starts =
        |breaks: &[bool]| -> Vec<usize> { (0..breaks.len()).filter(|&i| breaks[i]).collect() };
    let (source, target) = (starts(breaks.0), starts(breaks.1));
    if source.len() != target.len() || source.len() <= 2 {
        return None;
    }
    let span =
        |prefix: &[f64], starts: &[usize], k: usize| prefix[starts[k + 1]] - prefix[starts[k]];
    let pairs = source.len() - 1;
    let implausible = (0..pairs)
        .filter(|&k| {
            let l1 = span(prefixes.0, &source, k);
            let l2 = span(prefixes.1, &target, k);
            length.deviation(l1, l2).abs() > IMPLAUSIBLE_DEVIATION
        })
        .count();
    (implausible as f64 <= MAX_IMPLAUSIBLE_SHARE * pairs as f64).then_some((source, target))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_mark_where_paragraphs_start_and_the_text_ends() {
        assert_eq!(
            breaks(&[0, 0, 1, 1, 1]),
            [true, false, true, false, false, true]
        );
        assert_eq!(breaks(&[]), [true]);
    }

    #[test]
    fn inner_breaks_leave_out_the_span_s_own_start() {
        // Breaks before sentences 0, 2 and 3 (and the end, 5).
        let before = [0, 1, 1, 2, 3, 3, 4];
        assert_eq!(inner_breaks(&before, 1, 4), 2, "before 2 and 3");
        assert_eq!(inner_breaks(&before, 2, 3), 0, "one sentence");
        assert_eq!(inner_breaks(&before, 2, 2), 0, "none");
    }

    #[test]
    fn a_mismatch_and_crossings_add_up() {
        assert_eq!(cost(false, 0), 0.0);
        assert_eq!(cost(true, 2), BREAK_MISMATCH + 2.0 * BREAK_CROSSING);
    }
}
