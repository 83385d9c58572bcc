//! The document score: how likely a pair's two sides are translations of each other, from
//! what the aligner found. A translation's beads share their numbers, names and cognates
//! (their anchors) and have lengths that agree; two unrelated texts, aligned all the same,
//! pair sentences that share almost nothing and whose lengths agree badly, or leave most
//! sentences without a partner. Each bead is a witness, weighed by how much likelier it is
//! under one hypothesis than the other (Bayes' rule): a short document has few witnesses and
//! a score near the prior's, a long one many. The figures and how they were
//! measured are in [`super::constants`].

use super::constants::{
    DOC_DICE_EVIDENCE, DOC_EVIDENCE_BEADS, DOC_FEW_ANCHORS, DOC_FEW_DICE_EVIDENCE,
    DOC_LENGTH_EVIDENCE, DOC_OMITTED_EVIDENCE, DOC_PRIOR,
};
use super::{Alignment, Bead, LEXICAL_WEIGHT};

/// The document score of an alignment, in `[0, 1]`: near 1 for a translation, near 0 for two
/// unrelated texts, the prior's (.62) when the alignment tells nothing either way.
pub(crate) fn doc_score(alignment: &Alignment) -> f64 {
    let (sum, events) = alignment
        .beads
        .iter()
        .map(evidence)
        .fold((0.0, 0.0), |(sum, n), (e, k)| (sum + e, n + k));
    let logit = DOC_PRIOR + sum * (DOC_EVIDENCE_BEADS / events).min(1.0);
    1.0 / (1.0 + (-logit).exp())
}

/// A bead's log-likelihood ratio (translation against unrelated texts) and how many events it
/// holds: one for a pair, one per unit left without a partner.
fn evidence(bead: &Bead) -> (f64, f64) {
    if !bead.is_pair() {
        // Debris left out (`Vv`) is no sentence the translation dropped.
        let units = (bead.source.len() + bead.target.len()) as f64 - f64::from(bead.cost.debris);
        return (units * DOC_OMITTED_EVIDENCE, units);
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
        let table: &[(f64, f64)] = if bead.cost.anchors < DOC_FEW_ANCHORS {
            &DOC_FEW_DICE_EVIDENCE
        } else {
            &DOC_DICE_EVIDENCE
        };
        by(table, -lexical / LEXICAL_WEIGHT)
    } else {
        0.0
    };
    (shared + by(&DOC_LENGTH_EVIDENCE, bead.cost.length), 1.0)
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
            doc_score(&translation) > 0.99,
            "{}",
            doc_score(&translation)
        );
        assert!(doc_score(&unrelated) < 0.01, "{}", doc_score(&unrelated));
    }

    #[test]
    fn beads_without_anchors_are_no_evidence_but_their_lengths() {
        // "Oui. Non." / "Yes. No.": no anchors on either side (a lexical term of +0.0).
        let short = alignment(&[(0.0, 0.2); 3]);
        assert!(doc_score(&short) > 0.5, "{}", doc_score(&short));
        let prior = 1.0 / (1.0 + (-DOC_PRIOR).exp());
        assert_eq!(doc_score(&Alignment::default()), prior, "nothing known");
    }

    #[test]
    fn one_sentence_sharing_nothing_is_already_evidence() {
        // A one-sentence pair whose sides hold anchors and share none: a derangement of two
        // one-sentence news items once scored .83 (shrunk towards a prior of five beads).
        let one = alignment(&[(-0.0, 0.1)]);
        assert!(doc_score(&one) < MIN_DOC_SCORE, "{}", doc_score(&one));
        let shared = alignment(&[(-0.4 * LEXICAL_WEIGHT, 0.1)]);
        assert!(doc_score(&shared) > 0.9, "{}", doc_score(&shared));
    }

    #[test]
    fn a_short_sentence_sharing_none_of_few_anchors_is_little_evidence() {
        // "Un chat dort." / "A cat sleeps.": one candidate cognate a side, none shared.
        let mut short = alignment(&[(-0.0, 0.1)]);
        short.beads[0].cost.anchors = 2;
        assert!(doc_score(&short) > 0.5, "{}", doc_score(&short));
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
        assert!((doc_score(&short) - doc_score(&long)).abs() < 1e-9);
        assert!(doc_score(&long) > 0.99, "{}", doc_score(&long));
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
            doc_score(&nothing_paired) < 0.05,
            "{}",
            doc_score(&nothing_paired)
        );
        // A translation with a few units left out keeps its score.
        let mut translation = alignment(&[(-0.45 * LEXICAL_WEIGHT, 0.4); 30]);
        translation
            .beads
            .extend((30..32).map(|k| omission(k..k + 1, 30..30)));
        assert!(
            doc_score(&translation) > 0.99,
            "{}",
            doc_score(&translation)
        );
    }
}
