//! Calibrated bead scores: on generated pairs with known gold, beads scored `p` are right about
//! a share `p` of the time (see `src/align/calibration.rs`).

use std::collections::BTreeSet;

use crate::harness::*;

/// One side's units: (text, paragraph start), and the gold beads as (source ids, target ids).
type Side = Vec<(String, bool)>;
type Gold = BTreeSet<(Vec<usize>, Vec<usize>)>;

/// The sentences of a generated text (`generated_pair`): paragraphs apart, each sentence
/// ending with its full stop, and whether it starts a paragraph.
fn sentences(text: &str) -> Side {
    let mut out = Side::new();
    for paragraph in text.trim().split("\n\n") {
        for (k, s) in paragraph.split_inclusive(". ").enumerate() {
            out.push((s.trim().to_string(), k == 0 && !out.is_empty()));
        }
    }
    out
}

/// A generated pair (1-1 throughout) made harder as translations are: a French sentence in
/// four joined to the next one ("A, b."), an English sentence in eight left out. The gold
/// follows.
fn perturbed_pair(seed: u64) -> (Side, Side, Gold) {
    let (fr, en) = generated_pair(seed);
    let (fr, en) = (sentences(&fr), sentences(&en));
    assert_eq!(fr.len(), en.len());
    let mut rng = Lcg::new(seed + 1000);
    let (mut source, mut target, mut gold) = (Side::new(), Side::new(), Gold::new());
    let mut k = 0;
    while k < fr.len() {
        let joined = k + 1 < fr.len() && !fr[k + 1].1 && rng.below(4) == 0;
        let span = if joined { 2 } else { 1 };
        let mut source_ids = vec![source.len()];
        let text = if joined {
            let next = &fr[k + 1].0;
            let head = fr[k].0.trim_end_matches('.');
            let mut chars = next.chars();
            let first = chars.next().map(|c| c.to_lowercase().to_string());
            format!("{head}, {}{}", first.unwrap_or_default(), chars.as_str())
        } else {
            fr[k].0.clone()
        };
        source.push((text, fr[k].1));
        let mut target_ids = Vec::new();
        for (j, unit) in en.iter().enumerate().skip(k).take(span) {
            if rng.below(8) == 0 {
                continue;
            }
            target_ids.push(target.len());
            target.push((unit.0.clone(), unit.1 || (j > k && en[k].1)));
        }
        if target_ids.is_empty() {
            source_ids.clear();
        }
        gold.insert((source_ids, target_ids));
        k += span;
    }
    (source, target, gold)
}

/// A side as `--presplit` reads it: a sentence a line, a blank line between paragraphs.
fn presplit(side: &Side) -> String {
    let mut out = String::new();
    for (k, (text, paragraph)) in side.iter().enumerate() {
        if k > 0 && *paragraph {
            out.push('\n');
        }
        out.push_str(text);
        out.push('\n');
    }
    out
}

/// (score, right) of each predicted pair of `documents` perturbed generated pairs.
fn scored_pairs(documents: u64) -> Vec<(f64, bool)> {
    let h = Harness::new();
    let mut golds = Vec::new();
    for seed in 0..documents {
        let (fr, en, gold) = perturbed_pair(seed);
        let name = format!("doc-{seed:03}");
        h.pair(&name, presplit(&fr), presplit(&en));
        golds.push((name, gold));
    }
    let beads = by_document(&h.align_jsonl(0, &["--presplit"]));
    let mut pairs = Vec::new();
    for (name, gold) in golds {
        for bead in beads
            .get(&name)
            .into_iter()
            .flatten()
            .filter(|b| b.kind.split('-').all(|n| n != "0"))
        {
            let right = gold.contains(&(bead.fr_ids.clone(), bead.en_ids.clone()));
            pairs.push((bead.score, right));
        }
    }
    pairs
}

/// The share of `pairs` that are right.
fn accuracy(pairs: &[&(f64, bool)]) -> f64 {
    pairs.iter().filter(|(_, right)| *right).count() as f64 / pairs.len() as f64
}

#[test]
fn scores_of_generated_pairs_are_calibrated() {
    let pairs = scored_pairs(120);
    let all: Vec<_> = pairs.iter().collect();
    let confident: Vec<_> = pairs.iter().filter(|(s, _)| *s >= 0.9).collect();
    let doubtful: Vec<_> = pairs.iter().filter(|(s, _)| *s < 0.5).collect();
    let mean = pairs.iter().map(|(s, _)| s).sum::<f64>() / pairs.len() as f64;
    let summary = format!(
        "{} pairs, mean score {mean:.3}, right {:.3}; {} at ≥ 0.9, right {:.3}; {} below 0.5, right {:.3}",
        pairs.len(),
        accuracy(&all),
        confident.len(),
        accuracy(&confident),
        doubtful.len(),
        accuracy(&doubtful),
    );
    assert!(confident.len() > pairs.len() / 2, "{summary}");
    assert!(accuracy(&confident) >= 0.85, "{summary}");
    assert!(
        doubtful.is_empty() || accuracy(&doubtful) < 0.5,
        "{summary}"
    );
    // The posterior itself promised more than it kept: a mean of .966 for .912 right (the
    // calibrated scores, .942).
    assert!((mean - accuracy(&all)).abs() <= 0.04, "{summary}");
}
