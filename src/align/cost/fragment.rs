//! The fragment term, for units that are not sentences. A bead side made only of word-less
//! fragments (`...`, `=>`) pairs nothing with nothing, so such a fragment belongs with the
//! sentence next to it. Debris, letters that make no word (`Vv`, `■ iv V V.`, OCR's specks;
//! a formula `p(f l e) _p(e lf)`), belongs to no sentence: merged into one, it would
//! make a translation pair of a sentence and a speck, so it is left out instead.

use crate::align::constants::{DEBRIS_COST, FRAGMENT_COST};

/// What a unit is, for this term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Sentence,
    /// No letter or digit.
    Fragment,
    /// Letters, but no word of three or more, no digit, and not a label (`a)`, `B.`).
    Debris,
}

/// What `text` is: a sentence, a word-less fragment or debris. One pass that stops at the
/// first word of three letters or digit, as most sentences' first word is: this runs on every
/// unit of every document.
pub(crate) fn kind(text: &str) -> Kind {
    let (mut letters, mut run) = (false, 0);
    for c in text.chars() {
        if c.is_alphabetic() {
            (letters, run) = (true, run + 1);
            if run >= 3 {
                return Kind::Sentence;
            }
        } else if c.is_numeric() {
            return Kind::Sentence;
        } else {
            run = 0;
        }
    }
    if !letters {
        return Kind::Fragment;
    }
    let speck = !ends_a_sentence(text) || text.chars().any(is_symbol);
    if is_label(text) || !speck {
        Kind::Sentence
    } else {
        Kind::Debris
    }
}

/// Final punctuation: `Oh !`, `Go!`, `I do.` are sentences of short words.
fn ends_a_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '»' | '”' | '"' | ')'))
        .ends_with(['.', '!', '?', '…'])
}

/// A character that no short sentence holds: OCR's specks (`■`, `\\`, `^`) and a formula's
/// (`_`, `=`). Dashes, quotes and brackets are a sentence's (`— Oh!`, `(Ah !)`).
fn is_symbol(c: char) -> bool {
    matches!(
        c,
        '\\' | '_' | '^' | '|' | '~' | '=' | '+' | '<' | '>' | '*' | '#' | '@'
    ) || ('\u{2500}'..='\u{25FF}').contains(&c) // box drawing, blocks, geometric shapes
}

/// A list label of one or two letters (`a)`, `(b)`, `[c]`, `B.`, `iv.`): the aligner pairs
/// those, as the splitter cuts them to be paired.
fn is_label(text: &str) -> bool {
    let inner = text.trim_start_matches(['(', '[']);
    let letters = inner.trim_end_matches([')', ']', '.']);
    letters.len() < inner.len()
        && (1..=2).contains(&letters.chars().count())
        && letters.chars().all(char::is_alphabetic)
}

/// The fragment term of a bead with `alone` sides (0, 1 or 2) made only of fragments and
/// `merged` sides that hold debris with another unit.
#[inline]
pub(crate) fn cost(alone: usize, merged: usize) -> f64 {
    FRAGMENT_COST * alone as f64 + DEBRIS_COST * merged as f64
}

/// Whether sentences `from..to` are more than one and hold debris; `counts[i]` is how many of
/// sentences `0..i` are debris (empty: none is).
#[inline]
pub(crate) fn merges_debris(counts: &[u32], from: usize, to: usize) -> bool {
    to > from + 1 && counts.len() > to && counts[to] > counts[from]
}

/// Whether sentences `from..to` (at least one) are all word-less fragments; `counts[i]` is
/// how many of sentences `0..i` are (empty: none is).
#[inline]
pub(crate) fn only_fragments(counts: &[u32], from: usize, to: usize) -> bool {
    to > from && counts.len() > to && (counts[to] - counts[from]) as usize == to - from
}

/// How many of sentences `from..to` are debris (`counts` as for [`merges_debris`]).
#[inline]
pub(crate) fn debris_in(counts: &[u32], from: usize, to: usize) -> u32 {
    if counts.len() > to {
        counts[to] - counts[from]
    } else {
        0
    }
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
        assert_eq!(cost(2, 0), 2.0 * FRAGMENT_COST);
        assert_eq!(cost(0, 1), DEBRIS_COST);
    }

    #[test]
    fn debris_is_letters_that_make_no_word() {
        for debris in [
            "Vv",
            "V",
            "■ iv V V.",
            "r \\",
            "p(f l e) _p(e lf) p(f)",
            "X",
            "A",
        ] {
            assert_eq!(kind(debris), Kind::Debris, "{debris}");
        }
        let sentences = [
            "Oui.",
            "Non !",
            "Ja.",
            "Il y a 3 ans.",
            "a)",
            "(b)",
            "B.",
            "iv.",
            "Oh !",
            "Go!",
            "I do.",
            "So do I.",
            "Oh no!",
            "D.A.",
            "— Hé!",
            "(Ah !)",
            "« Oh ! »",
        ];
        for sentence in sentences {
            assert_eq!(kind(sentence), Kind::Sentence, "{sentence}");
        }
        for fragment in ["...", "=>", "!", ".-^ !"] {
            assert_eq!(kind(fragment), Kind::Fragment, "{fragment}");
        }
    }

    #[test]
    fn a_side_merges_debris_if_it_holds_it_with_another_unit() {
        // Sentence 1 of four is debris.
        let counts = [0, 0, 1, 1, 1];
        assert!(merges_debris(&counts, 0, 2));
        assert!(merges_debris(&counts, 1, 3));
        assert!(!merges_debris(&counts, 1, 2), "debris alone");
        assert!(!merges_debris(&counts, 2, 4), "no debris");
        assert!(!merges_debris(&[], 0, 2), "no marks");
        assert_eq!(debris_in(&counts, 0, 4), 1);
        assert_eq!(debris_in(&counts, 2, 4), 0);
        assert_eq!(debris_in(&[], 0, 2), 0, "no marks");
    }
}
