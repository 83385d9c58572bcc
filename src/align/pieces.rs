//! Given sentences that another tool's splitter cut inside (see [`is_piece`]) are aligned as
//! one: the pieces are joined before the search, and each bead's ranges are mapped back to
//! them afterwards, so that records keep the user's sentences and their ids (a sentence cut in
//! three on both sides is one 3-3 bead, not three pairs of fragments).

use std::ops::Range;

use crate::split::{Sentence, is_piece};

use super::Alignment;

/// A side's sentences with its pieces joined.
pub(crate) struct Joined {
    sentences: Vec<Sentence>,
    /// Where each joined sentence starts among the given ones, and where the last ends.
    starts: Vec<usize>,
}

/// The sentences with each piece joined to the one it continues in the same paragraph, and
/// the map back; `None` when no sentence continues another (nothing is copied).
pub(crate) fn join(sentences: &[Sentence]) -> Option<Joined> {
    let goes_on = |i: usize| {
        i > 0
            && sentences[i].paragraph == sentences[i - 1].paragraph
            && is_piece(&sentences[i - 1].text, &sentences[i].text)
    };
    if !(0..sentences.len()).any(goes_on) {
        return None;
    }
    let mut joined: Vec<Sentence> = Vec::new();
    let mut starts = Vec::new();
    for (i, sentence) in sentences.iter().enumerate() {
        match joined.last_mut() {
            Some(last) if goes_on(i) => {
                last.text.push(' ');
                last.text.push_str(&sentence.text);
            }
            _ => {
                starts.push(i);
                joined.push(sentence.clone());
            }
        }
    }
    starts.push(sentences.len());
    Some(Joined {
        sentences: joined,
        starts,
    })
}

/// The sentences a side's beads are searched on: the joined ones, if any piece was.
pub(crate) fn searched<'a>(joined: &'a Option<Joined>, given: &'a [Sentence]) -> &'a [Sentence] {
    joined.as_ref().map_or(given, |j| j.sentences.as_slice())
}

impl Joined {
    /// The given sentences a range of joined ones holds.
    fn given(&self, joined: &Range<usize>) -> Range<usize> {
        self.starts[joined.start]..self.starts[joined.end]
    }
}

/// Maps an alignment of joined sentences back to the given ones, side by side (`None`: the
/// side was not joined).
pub(crate) fn map_back(
    alignment: &mut Alignment,
    source: &Option<Joined>,
    target: &Option<Joined>,
) {
    for bead in &mut alignment.beads {
        if let Some(joined) = source {
            bead.source = joined.given(&bead.source);
        }
        if let Some(joined) = target {
            bead.target = joined.given(&bead.target);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(lines: &[(&str, usize)]) -> Vec<Sentence> {
        lines
            .iter()
            .map(|&(text, paragraph)| Sentence {
                text: text.to_string(),
                paragraph,
            })
            .collect()
    }

    #[test]
    fn pieces_join_the_sentence_they_continue_and_map_back() {
        let sentences = given(&[
            ("Soit {s1, s2, ...", 0),
            (", sn} et {t1, t2, ...", 0),
            (", tn}.", 0),
            ("Fin.", 0),
        ]);
        let joined = join(&sentences).expect("pieces");
        assert_eq!(joined.sentences.len(), 2);
        assert_eq!(
            joined.sentences[0].text,
            "Soit {s1, s2, ... , sn} et {t1, t2, ... , tn}."
        );
        assert_eq!(joined.given(&(0..1)), 0..3);
        assert_eq!(joined.given(&(1..2)), 3..4);
        assert_eq!(joined.given(&(1..1)), 3..3, "an empty side stays empty");
    }

    #[test]
    fn nothing_is_joined_across_a_paragraph_or_without_a_piece() {
        assert!(join(&given(&[("Il hésita...", 0), ("puis partit.", 1)])).is_none());
        assert!(join(&given(&[("Un.", 0), ("Deux.", 0)])).is_none());
        assert!(join(&[]).is_none());
    }
}
