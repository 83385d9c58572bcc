//! The document score: how likely a pair's two sides are translations of each other, from
//! what the aligner found. A translation's beads share their numbers, names and cognates
//! (their anchors) and have lengths that agree; two unrelated texts, aligned all the same,
//! pair sentences that share almost nothing and whose lengths agree badly, or leave most
//! sentences without a partner. The figures and
//! how they were fitted are in [`super::constants`].

use super::constants::{DOC_BIAS, DOC_DICE, DOC_LENGTH, DOC_PRIOR_BEADS, DOC_PRIOR_DICE};
use super::{Alignment, LEXICAL_WEIGHT};

/// The document score of an alignment, in `[0, 1]`: near 1 for a translation, near 0 for two
/// unrelated texts. An alignment without pair beads scores as a short document would.
pub(crate) fn doc_score(alignment: &Alignment) -> f64 {
    let pairs = || alignment.beads.iter().filter(|b| b.is_pair());
    // A bead whose sides both hold anchors has a lexical term of -0.0 or less; a side without
    // any gives +0.0: nothing known (see `cost::lexical::cost`).
    let anchored = pairs().filter(|b| b.cost.lexical.is_sign_negative());
    let (dice, beads) = anchored.fold((0.0, 0.0), |(sum, n), b| {
        (sum - b.cost.lexical / LEXICAL_WEIGHT, n + 1.0)
    });
    // A unit left without a partner shares nothing with the other side: a Dice of 0.
    let omitted = alignment.beads.iter().filter(|b| !b.is_pair()).count() as f64;
    let dice = (dice + DOC_PRIOR_BEADS * DOC_PRIOR_DICE) / (beads + omitted + DOC_PRIOR_BEADS);
    let (length, count) = pairs().fold((0.0, 0.0), |(sum, n), b| (sum + b.cost.length, n + 1.0));
    let length = if count > 0.0 { length / count } else { 0.0 };
    let logit = DOC_DICE * dice.max(1e-6).ln() - DOC_LENGTH * length + DOC_BIAS;
    1.0 / (1.0 + (-logit).exp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Bead, CostParts};

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
        assert!(doc_score(&translation) > 0.8, "{}", doc_score(&translation));
        assert!(doc_score(&unrelated) < 0.1, "{}", doc_score(&unrelated));
    }

    #[test]
    fn a_few_beads_without_anchors_are_no_evidence() {
        // "Oui. Non." / "Yes. No.": no anchors on either side (a lexical term of +0.0).
        let short = alignment(&[(0.0, 0.5); 3]);
        assert!(doc_score(&short) > 0.5, "{}", doc_score(&short));
        // Three anchored beads sharing nothing are not enough either …
        let few = alignment(&[(-0.0, 0.5); 3]);
        assert!(doc_score(&few) > 0.5, "{}", doc_score(&few));
        // … thirty are.
        let many = alignment(&[(-0.0, 0.5); 30]);
        assert!(doc_score(&many) < 0.1, "{}", doc_score(&many));
        assert!(doc_score(&Alignment::default()) > 0.5);
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
            doc_score(&translation) > 0.75,
            "{}",
            doc_score(&translation)
        );
    }
}
