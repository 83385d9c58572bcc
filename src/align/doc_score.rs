//! The document score: how likely a pair's two sides are translations of each other, from
//! what the aligner found. A translation's beads share their numbers, names and cognates
//! (their anchors) and have lengths that agree; two unrelated texts, aligned all the same,
//! pair sentences that share almost nothing and whose lengths agree badly, or leave most
//! sentences without a partner. Each bead is a witness, weighed by how much likelier it is
//! under one hypothesis than the other (Bayes' rule): a short document has few witnesses and
//! a score near the prior's, a long one many. The figures and how they were
//! measured are in [`super::constants`].

use super::constants::{
    DOC_EVIDENCE, DOC_EVIDENCE_BEADS, DOC_FEW_ANCHORS, DOC_GERMAN_EVIDENCE, DOC_PRIOR,
    MIN_UNTRANSLATED_END, STRAY_PER_UNTRANSLATED,
};
use super::{Alignment, Bead, LEXICAL_WEIGHT};

/// What each event of an alignment tells, for one pair of languages: `(below, ln ratio)` by a
/// pair bead's Dice (its sides holding many anchors, or few: `DOC_FEW_ANCHORS`) and by
/// its length cost, and the ratio of a unit left without a partner. Translations between
/// closer languages share more anchors, so a bead sharing few tells more against them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocEvidence {
    pub(crate) dice: &'static [(f64, f64)],
    pub(crate) few_dice: &'static [(f64, f64)],
    pub(crate) length: &'static [(f64, f64)],
    pub(crate) omitted: f64,
}

impl DocEvidence {
    /// The tables measured for two language codes: French–German's for French and German (in
    /// either order), French–English's for every other pair, the only other one measured.
    pub fn for_languages(source: &str, target: &str) -> &'static Self {
        let primary = |code: &str| {
            let code = code.split(['-', '_']).next().unwrap_or_default();
            code.to_ascii_lowercase()
        };
        let mut pair = [primary(source), primary(target)];
        pair.sort();
        if pair == ["de", "fr"] || pair == ["deu", "fra"] {
            &DOC_GERMAN_EVIDENCE
        } else {
            &DOC_EVIDENCE
        }
    }
}

/// The document score of an alignment, in `[0, 1]`: near 1 for a translation, near 0 for two
/// unrelated texts, the prior's (.62) when the alignment tells nothing either way.
pub(crate) fn doc_score(alignment: &Alignment, tables: &DocEvidence) -> f64 {
    score_of(&alignment.beads, tables)
}

/// The document score of a run of beads.
fn score_of(beads: &[Bead], tables: &DocEvidence) -> f64 {
    let (sum, events) = beads
        .iter()
        .map(|bead| evidence(bead, tables, true))
        .fold((0.0, 0.0), |(sum, n), (e, k)| (sum + e, n + k));
    score_from(sum, events)
}

/// The score of beads whose evidence sums to `sum` over `events` events.
fn score_from(sum: f64, events: f64) -> f64 {
    let logit = DOC_PRIOR + sum * (DOC_EVIDENCE_BEADS / events).min(1.0);
    1.0 / (1.0 + (-logit).exp())
}

/// One side's units left without a partner at one end of a document, and the score of the
/// rest: what a translation cut short looks like (a truncated download, a missing page),
/// which the whole scores as unrelated texts, every untranslated unit counting against it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct UntranslatedEnd {
    /// Whether the untranslated units are the source's.
    pub(crate) source: bool,
    /// Whether they open the document rather than close it.
    pub(crate) at_start: bool,
    /// That side's units in the rest, which have a translation.
    pub(crate) translated: usize,
    /// The rest's score on its anchors and omissions alone: the length term's ratio, taken
    /// from the two documents' lengths, is the cut's, not the translation's.
    pub(crate) rest_score: f64,
    /// That side's units in all.
    pub(crate) whole: usize,
}

/// The longest end of the document, at either end, whose beads leave at least
/// [`MIN_UNTRANSLATED_END`] units of one side without a partner, with at most one stray
/// (a pair, or a unit of the other side alone) per [`STRAY_PER_UNTRANSLATED`] of them, such
/// that the rest scores `threshold` or more on its anchors and omissions: a candidate, to be
/// aligned again without that end. The aligner ends both sides together, so a cut
/// translation's last sentence is often paired with the other side's last, far away: a stray.
pub(crate) fn untranslated_end(
    alignment: &Alignment,
    tables: &DocEvidence,
    threshold: f64,
) -> Option<UntranslatedEnd> {
    let mut beads = alignment.beads.clone();
    let end = longest_untranslated_tail(&beads, tables, threshold, false);
    beads.reverse();
    let start = longest_untranslated_tail(&beads, tables, threshold, true);
    // The longer of the two; the end on a tie.
    [end, start]
        .into_iter()
        .flatten()
        .reduce(|best, other| if other.1 > best.1 { other } else { best })
        .map(|(end, _)| end)
}

/// [`untranslated_end`] at the end of `beads` (the start, reversed, when `at_start`), with how
/// many units it leaves without a partner.
fn longest_untranslated_tail(
    beads: &[Bead],
    tables: &DocEvidence,
    threshold: f64,
    at_start: bool,
) -> Option<(UntranslatedEnd, usize)> {
    // Prefix sums of the evidence, so that each cut's rest is scored at once.
    let mut prefix = Vec::with_capacity(beads.len() + 1);
    let (mut sum, mut events, mut pairs) = (0.0, 0.0, 0usize);
    prefix.push((sum, events, pairs));
    for bead in beads {
        let (e, k) = evidence(bead, tables, false);
        (sum, events, pairs) = (sum + e, events + k, pairs + usize::from(bead.is_pair()));
        prefix.push((sum, events, pairs));
    }
    let units = |side: bool, b: &Bead| if side { b.source.len() } else { b.target.len() };
    let total = |side: bool| beads.iter().map(|b| units(side, b)).sum::<usize>();
    let mut best = None;
    for source in [true, false] {
        let (mut alone, mut stray, mut kept) = (0usize, 0usize, total(source));
        for (cut, bead) in beads.iter().enumerate().rev() {
            kept -= units(source, bead);
            if !bead.is_pair() && units(!source, bead) == 0 {
                alone += units(source, bead);
            } else {
                stray += 1;
            }
            let (sum, events, pairs) = prefix[cut];
            if alone < MIN_UNTRANSLATED_END
                || stray * STRAY_PER_UNTRANSLATED > alone
                || pairs < MIN_UNTRANSLATED_END
                || best.is_some_and(|(_, n)| n >= alone)
            {
                continue;
            }
            let rest_score = score_from(sum, events);
            if rest_score >= threshold {
                let end = UntranslatedEnd {
                    source,
                    at_start,
                    translated: kept,
                    rest_score,
                    whole: total(source),
                };
                best = Some((end, alone));
            }
        }
    }
    best
}

/// A bead's log-likelihood ratio (translation against unrelated texts) and how many events it
/// holds: one for a pair, one per unit left without a partner. Without `lengths`, a pair's
/// length cost is left out.
fn evidence(bead: &Bead, tables: &DocEvidence, lengths: bool) -> (f64, f64) {
    if !bead.is_pair() {
        // Debris left out (`Vv`) is no sentence the translation dropped.
        let units = (bead.source.len() + bead.target.len()) as f64 - f64::from(bead.cost.debris);
        return (units * tables.omitted, units);
    }
    let by = |table: &[(f64, f64)], x: f64| {
        table
            .iter()
            .find(|&&(below, _)| x < below)
            .map_or(0.0, |t| t.1)
    };
    // A bead whose sides both hold anchors has a lexical term of -0.0 or less; a side without
    // any gives +0.0: nothing known (see `cost::lexical::cost`).
    let lexical = bead.cost.lexical;
    let shared = if lexical.is_sign_negative() {
        let table = if bead.cost.anchors < DOC_FEW_ANCHORS {
            tables.few_dice
        } else {
            tables.dice
        };
        by(table, -lexical / LEXICAL_WEIGHT)
    } else {
        0.0
    };
    let length = if lengths {
        by(tables.length, bead.cost.length)
    } else {
        0.0
    };
    (shared + length, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{CostParts, MIN_DOC_SCORE};

    fn alignment(beads: &[(f64, f64)]) -> Alignment {
        let beads = beads
            .iter()
            .enumerate()
            .map(|(k, &(lexical, length))| Bead {
                source: k..k + 1,
                target: k..k + 1,
                score: 0.9,
                cost: CostParts {
                    lexical,
                    length,
                    anchors: 20,
                    ..CostParts::default()
                },
            })
            .collect();
        Alignment { beads }
    }

    #[test]
    fn shared_anchors_make_a_translation_and_none_an_unrelated_pair() {
        let translation = alignment(&[(-0.45 * LEXICAL_WEIGHT, 0.4); 30]);
        let unrelated = alignment(&[(-0.05 * LEXICAL_WEIGHT, 1.0); 30]);
        assert!(
            doc_score(&translation, &DOC_EVIDENCE) > 0.99,
            "{}",
            doc_score(&translation, &DOC_EVIDENCE)
        );
        assert!(
            doc_score(&unrelated, &DOC_EVIDENCE) < 0.01,
            "{}",
            doc_score(&unrelated, &DOC_EVIDENCE)
        );
    }

    /// A translation of the first `paired` of `whole` source units, the rest left out (1-0),
    /// with `stray` pairs of no shared anchor at the very end.
    fn cut_at_end(paired: usize, whole: usize, stray: usize) -> Alignment {
        let mut cut = alignment(&vec![(-0.45 * LEXICAL_WEIGHT, 0.4); paired]);
        let omission = |k: usize| Bead {
            source: k..k + 1,
            target: paired..paired,
            score: 0.9,
            cost: CostParts::default(),
        };
        cut.beads.extend((paired..whole - stray).map(omission));
        let mut strays = alignment(&vec![(-0.0, 2.5); stray]);
        cut.beads.append(&mut strays.beads);
        cut
    }

    #[test]
    fn a_translation_cut_short_has_an_untranslated_end() {
        let cut = cut_at_end(6, 30, 1);
        assert!(doc_score(&cut, &DOC_EVIDENCE) < MIN_DOC_SCORE);
        let end = untranslated_end(&cut, &DOC_EVIDENCE, MIN_DOC_SCORE).expect("an end");
        assert!(end.source && !end.at_start, "{end:?}");
        assert_eq!((end.translated, end.whole), (6, 30));
        assert!(end.rest_score > 0.99, "{end:?}");
        // Too many strays for the units left out: not an end, but a poor alignment.
        let strays = cut_at_end(6, 16, 3);
        assert_eq!(untranslated_end(&strays, &DOC_EVIDENCE, 0.4), None);
        let fewer = cut_at_end(6, 16, 1);
        assert!(untranslated_end(&fewer, &DOC_EVIDENCE, 0.4).is_some());
        // Two units are a byline the translation left out, not a cut.
        assert_eq!(
            untranslated_end(&cut_at_end(10, 12, 0), &DOC_EVIDENCE, 0.4),
            None
        );
    }

    #[test]
    fn an_unrelated_pair_has_no_untranslated_end() {
        // Its pairs share nothing: whatever its end, the rest does not pass.
        let mut unrelated = alignment(&[(-0.0, 2.5); 10]);
        let tail = cut_at_end(0, 20, 0).beads;
        unrelated.beads.extend(tail);
        assert_eq!(untranslated_end(&unrelated, &DOC_EVIDENCE, 0.4), None);
    }

    #[test]
    fn french_and_german_in_either_order_get_german_tables() {
        for (source, target) in [("fr", "de"), ("de-CH", "fr-CA"), ("fra", "deu")] {
            let tables = DocEvidence::for_languages(source, target);
            assert_eq!(tables, &DOC_GERMAN_EVIDENCE, "{source} {target}");
        }
        for (source, target) in [("fr", "en"), ("fr", "es"), ("de", "en"), ("fr", "")] {
            let tables = DocEvidence::for_languages(source, target);
            assert_eq!(tables, &DOC_EVIDENCE, "{source} {target}");
        }
    }

    #[test]
    fn a_free_german_translation_sharing_little_is_kept_with_german_tables() {
        // A free translation into German: of its long beads, two in five share nothing, two a
        // tenth of their anchors, one a quarter; their lengths agree (corpora/free/de, alone).
        let beads: Vec<(f64, f64)> = (0..30)
            .map(|k| ([0.0, 0.0, 0.1, 0.1, 0.25][k % 5] * -LEXICAL_WEIGHT, 0.3))
            .collect();
        let free = alignment(&beads);
        assert!(doc_score(&free, &DOC_EVIDENCE) < MIN_DOC_SCORE);
        let german = doc_score(&free, &DOC_GERMAN_EVIDENCE);
        assert!(german > MIN_DOC_SCORE, "{german}");
        // What an unrelated text gives, five beads in six sharing nothing, stays refused.
        let beads: Vec<(f64, f64)> = (0..30)
            .map(|k| {
                (
                    if k % 6 == 0 {
                        -0.1 * LEXICAL_WEIGHT
                    } else {
                        -0.0
                    },
                    1.2,
                )
            })
            .collect();
        let unrelated = doc_score(&alignment(&beads), &DOC_GERMAN_EVIDENCE);
        assert!(unrelated < 0.01, "{unrelated}");
    }

    #[test]
    fn beads_without_anchors_are_no_evidence_but_their_lengths() {
        // "Oui. Non." / "Yes. No.": no anchors on either side (a lexical term of +0.0).
        let short = alignment(&[(0.0, 0.2); 3]);
        assert!(
            doc_score(&short, &DOC_EVIDENCE) > 0.5,
            "{}",
            doc_score(&short, &DOC_EVIDENCE)
        );
        let prior = 1.0 / (1.0 + (-DOC_PRIOR).exp());
        assert_eq!(
            doc_score(&Alignment::default(), &DOC_EVIDENCE),
            prior,
            "nothing known"
        );
    }

    #[test]
    fn one_sentence_sharing_nothing_is_already_evidence() {
        // A one-sentence pair whose sides hold anchors and share none: a derangement of two
        // one-sentence news items once scored .83 (shrunk towards a prior of five beads).
        let one = alignment(&[(-0.0, 0.1)]);
        assert!(
            doc_score(&one, &DOC_EVIDENCE) < MIN_DOC_SCORE,
            "{}",
            doc_score(&one, &DOC_EVIDENCE)
        );
        let shared = alignment(&[(-0.4 * LEXICAL_WEIGHT, 0.1)]);
        assert!(
            doc_score(&shared, &DOC_EVIDENCE) > 0.9,
            "{}",
            doc_score(&shared, &DOC_EVIDENCE)
        );
    }

    #[test]
    fn a_short_sentence_sharing_none_of_few_anchors_is_little_evidence() {
        // "Un chat dort." / "A cat sleeps.": one candidate cognate a side, none shared.
        let mut short = alignment(&[(-0.0, 0.1)]);
        short.beads[0].cost.anchors = 2;
        assert!(
            doc_score(&short, &DOC_EVIDENCE) > 0.5,
            "{}",
            doc_score(&short, &DOC_EVIDENCE)
        );
    }

    #[test]
    fn a_long_document_counts_as_ten_beads_of_its_average() {
        // A scanned book's translation: two beads in three share a fifth of their anchors or
        // more, a third less; its score does not depend on its length past ten beads.
        let beads = |n: usize| -> Vec<(f64, f64)> {
            (0..n)
                .map(|k| (-(if k % 3 == 0 { 0.1 } else { 0.3 }) * LEXICAL_WEIGHT, 0.6))
                .collect()
        };
        let (short, long) = (alignment(&beads(30)), alignment(&beads(3000)));
        assert!((doc_score(&short, &DOC_EVIDENCE) - doc_score(&long, &DOC_EVIDENCE)).abs() < 1e-9);
        assert!(
            doc_score(&long, &DOC_EVIDENCE) > 0.99,
            "{}",
            doc_score(&long, &DOC_EVIDENCE)
        );
    }

    #[test]
    fn units_left_without_a_partner_count_against_a_translation() {
        // A five-sentence article against an unrelated 46-sentence one: the aligner pairs
        // nothing, which once scored as a document too short to judge (.89).
        let mut nothing_paired = alignment(&[]);
        let omission = |source: std::ops::Range<usize>, target: std::ops::Range<usize>| Bead {
            source,
            target,
            score: 0.9,
            cost: CostParts::default(),
        };
        nothing_paired
            .beads
            .extend((0..5).map(|k| omission(k..k + 1, 0..0)));
        nothing_paired
            .beads
            .extend((0..46).map(|k| omission(5..5, k..k + 1)));
        assert!(
            doc_score(&nothing_paired, &DOC_EVIDENCE) < 0.05,
            "{}",
            doc_score(&nothing_paired, &DOC_EVIDENCE)
        );
        // A translation with a few units left out keeps its score.
        let mut translation = alignment(&[(-0.45 * LEXICAL_WEIGHT, 0.4); 30]);
        translation
            .beads
            .extend((30..32).map(|k| omission(k..k + 1, 30..30)));
        assert!(
            doc_score(&translation, &DOC_EVIDENCE) > 0.99,
            "{}",
            doc_score(&translation, &DOC_EVIDENCE)
        );
    }
}
