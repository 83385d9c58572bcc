//! A bead's score: its posterior probability under the model, calibrated so that beads scored
//! `p` are exactly right about a share `p` of the time.
//!
//! The posterior is over-confident because the model is misspecified: it does not know that
//! the splitter may cut a sentence where the translator did not, that a 2-1 bead may be a 1-1
//! and a sentence left out, or how hard the document is. The calibration is a logistic map of
//! the posterior's logit and a few facts the posterior does not weigh (see [`Evidence`]), fitted
//! on data we make (`scripts/fit_calibration.py`; the weights are
//! [`super::constants::CALIBRATION`]). It runs after the search and changes no bead: only
//! the score. The posterior itself stays in the bead's [`super::CostParts`] (`--explain`).

use super::Alignment;
use super::constants::CALIBRATION;

/// Posteriors are clamped to `[EPS, 1 - EPS]` before their logit: a posterior of 1.0 is the
/// sums' rounding, not certainty, and the fit saw scores rounded to 4 decimals.
const EPS: f64 = 1e-4;

/// Where a document's units come from: the splitter may cut where the gold does not (its
/// beads are right less often, whatever their posterior), given sentences are the user's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitSource {
    Splitter,
    Given,
}

/// What the map reads of one bead and its document, besides the posterior.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Evidence {
    /// The posterior's logit, clamped (see [`EPS`]).
    logit: f64,
    /// Whether the two sides share no lexical anchor (the lexical term is not negative).
    unsupported: bool,
    /// Whether a side holds more than one unit (2-1, 1-2, 2-2 …).
    many: bool,
    /// Whether the units come from the splitter.
    split: bool,
    /// The mean of the clamped logits of the document's beads: how hard the document is.
    document: f64,
}

impl Evidence {
    /// The features in the order of [`CALIBRATION`]'s weights (as the fitting script has them).
    fn features(&self) -> [f64; CALIBRATION.len()] {
        let (split, many) = (
            f64::from(u8::from(self.split)),
            f64::from(u8::from(self.many)),
        );
        [
            self.logit,
            self.logit * split,
            f64::from(u8::from(self.unsupported)),
            many,
            many * self.logit,
            split,
            self.document,
            self.document * split,
            1.0,
        ]
    }

    /// The calibrated score: the logistic of the weighted features.
    fn score(&self) -> f64 {
        let z: f64 = self
            .features()
            .iter()
            .zip(CALIBRATION)
            .map(|(x, (_, w))| x * w)
            .sum();
        1.0 / (1.0 + (-z).exp())
    }
}

/// The clamped logit of a posterior.
fn logit(posterior: f64) -> f64 {
    let p = posterior.clamp(EPS, 1.0 - EPS);
    (p / (1.0 - p)).ln()
}

/// Sets each pair's score to its calibrated posterior (the posterior is read from, and stays
/// in, its cost parts). A sentence left out (1-0, 0-1) keeps its posterior: the map was fitted
/// on pairs only (an omission is never a gold pair), so it says nothing about them.
pub(crate) fn calibrate(alignment: &mut Alignment, units: UnitSource) {
    let beads = &mut alignment.beads;
    if beads.is_empty() {
        return;
    }
    let document = beads.iter().map(|b| logit(b.cost.posterior)).sum::<f64>() / beads.len() as f64;
    for bead in beads.iter_mut().filter(|b| b.is_pair()) {
        let evidence = Evidence {
            logit: logit(bead.cost.posterior),
            unsupported: bead.cost.lexical >= 0.0,
            many: bead.source.len() > 1 || bead.target.len() > 1,
            split: units == UnitSource::Splitter,
            document,
        };
        bead.score = evidence.score();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(posterior: f64, many: bool, split: bool, document: f64) -> Evidence {
        Evidence {
            logit: logit(posterior),
            unsupported: false,
            many,
            split,
            document,
        }
    }

    /// Every combination of the facts besides the posterior.
    fn contexts() -> Vec<(bool, bool, f64)> {
        let mut all = Vec::new();
        for many in [false, true] {
            for split in [false, true] {
                for document in [-9.0, 0.0, 5.0, 9.2] {
                    all.push((many, split, document));
                }
            }
        }
        all
    }

    #[test]
    fn the_score_never_falls_as_the_posterior_rises() {
        for (many, split, document) in contexts() {
            let scores: Vec<f64> = (0..=1000)
                .map(|k| evidence(k as f64 / 1000.0, many, split, document).score())
                .collect();
            assert!(
                scores.windows(2).all(|w| w[0] <= w[1]),
                "{many} {split} {document}"
            );
        }
    }

    #[test]
    fn scores_are_probabilities() {
        for (many, split, document) in contexts() {
            for p in [0.0, 1e-12, 0.3, 0.5, 0.999_999, 1.0] {
                let s = evidence(p, many, split, document).score();
                assert!((0.0..=1.0).contains(&s), "{p} → {s}");
            }
        }
    }

    #[test]
    fn a_certain_posterior_is_no_longer_certain() {
        // The over-confidence it corrects: 1-1 beads of posterior 1.0 are not all right, even
        // in a document of nothing but such beads.
        for split in [false, true] {
            let s = evidence(1.0, false, split, 9.2).score();
            assert!((0.9..0.999).contains(&s), "{split}: {s}");
        }
    }

    #[test]
    fn beads_without_shared_anchors_score_lower() {
        let supported = evidence(0.95, false, true, 5.0);
        let unsupported = Evidence {
            unsupported: true,
            ..supported
        };
        assert!(unsupported.score() < supported.score());
    }

    #[test]
    fn the_map_is_not_the_identity() {
        let s = evidence(0.6, false, false, 5.0).score();
        assert!((s - 0.6).abs() > 1e-3, "{s}");
    }

    #[test]
    fn calibrating_changes_scores_only() {
        use super::super::{Bead, CostParts};
        let bead = |source, target, posterior| Bead {
            source,
            target,
            score: posterior,
            cost: CostParts {
                posterior,
                lexical: -10.0,
                ..CostParts::default()
            },
        };
        let before = Alignment {
            beads: vec![bead(0..1, 0..1, 1.0), bead(1..3, 1..2, 0.7)],
        };
        let mut after = before.clone();
        calibrate(&mut after, UnitSource::Splitter);
        for (a, b) in before.beads.iter().zip(&after.beads) {
            assert_eq!(
                (&a.source, &a.target, a.cost),
                (&b.source, &b.target, b.cost)
            );
        }
        assert!(after.beads[0].score < 1.0 && after.beads[1].score < after.beads[0].score);
    }

    #[test]
    fn a_sentence_left_out_keeps_its_posterior() {
        use super::super::{Bead, CostParts};
        let bead = |target: std::ops::Range<usize>| Bead {
            source: 0..1,
            target,
            score: 0.97,
            cost: CostParts {
                posterior: 0.97,
                ..CostParts::default()
            },
        };
        let mut alignment = Alignment {
            beads: vec![bead(0..0), bead(0..1)],
        };
        calibrate(&mut alignment, UnitSource::Given);
        assert_eq!(alignment.beads[0].score, 0.97);
        assert_ne!(alignment.beads[1].score, 0.97);
    }
}
