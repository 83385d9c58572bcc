//! The sample corpus in `corpora/`: six invented news articles with a hand-made gold alignment.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use serde::Deserialize;

use crate::harness::*;

/// One gold bead: the sentences of each side as they appear in the text.
#[derive(Debug, Deserialize)]
struct GoldBead {
    fr: Vec<String>,
    /// The translation's sentences: `en`, or `de` in `corpora/free/`'s French–German files.
    #[serde(alias = "de")]
    en: Vec<String>,
}

/// The gold beads of every document of the gold folder `dir` (relative to the repository), as
/// `(fr, en)` texts with sentences joined by a space.
pub(crate) fn gold_in(dir: &str) -> BTreeMap<String, Vec<(String, String)>> {
    let mut docs = BTreeMap::new();
    for entry in fs::read_dir(manifest_path(dir)).expect(dir) {
        let path = entry.expect("entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let beads = fs::read_to_string(&path)
            .expect("gold file")
            .lines()
            .map(|l| serde_json::from_str::<GoldBead>(l).expect("gold bead"))
            .map(|b| (b.fr.join(" "), b.en.join(" ")))
            .collect();
        docs.insert(name, beads);
    }
    docs
}

/// Aligns `{dir}/fr` with `{dir}/en` (relative to the repository) into JSONL, with `extra`
/// arguments: the run (exit 0) and its beads by document.
pub(crate) fn align_corpus(dir: &str, extra: &[&str]) -> (Run, BTreeMap<String, Vec<JsonBead>>) {
    let h = Harness::new();
    let (fr, en) = (
        manifest_path(&format!("{dir}/fr")),
        manifest_path(&format!("{dir}/en")),
    );
    let mut args = vec![
        "align",
        fr.to_str().unwrap(),
        en.to_str().unwrap(),
        "-o",
        "out.jsonl",
    ];
    args.extend_from_slice(extra);
    let run = h.run(&args);
    run.expect_code(0);
    let beads = by_document(&parse_jsonl(&h.read("out.jsonl")));
    (run, beads)
}

/// Aligns `corpora/fr` with `corpora/en` into JSONL, quietly, with `extra` arguments.
fn align_sample(extra: &[&str]) -> BTreeMap<String, Vec<JsonBead>> {
    let args: Vec<&str> = ["--quiet"].iter().chain(extra).copied().collect();
    align_corpus("corpora", &args).1
}

#[test]
fn sample_corpus_every_document_is_aligned_without_losing_text() {
    let predicted = align_sample(&[]);
    let documents: BTreeSet<String> = fs::read_dir(manifest_path("corpora/fr"))
        .expect("corpora/fr")
        .map(|e| {
            let path = e.expect("entry").path();
            path.file_stem().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    assert_eq!(documents.len(), 6);
    assert_eq!(
        predicted.keys().cloned().collect::<BTreeSet<_>>(),
        documents
    );

    let gold = gold_in("corpora/gold");
    for (doc, beads) in &predicted {
        let gold = &gold[doc];
        let fr = joined(beads.iter().map(|b| b.fr.as_str()));
        let en = joined(beads.iter().map(|b| b.en.as_str()));
        assert_eq!(fr, joined(gold.iter().map(|(f, _)| f.as_str())), "{doc} fr");
        assert_eq!(en, joined(gold.iter().map(|(_, e)| e.as_str())), "{doc} en");
    }
}

#[test]
fn sample_corpus_sentence_beads_agree_with_gold() {
    let predicted = align_sample(&["--units", "sentences"]);
    let (mut hits, mut n_predicted, mut n_gold) = (0, 0, 0);
    for (doc, gold) in gold_in("corpora/gold") {
        let gold: BTreeSet<(String, String)> = gold.into_iter().collect();
        let predicted: BTreeSet<(String, String)> = predicted[&doc]
            .iter()
            .map(|b| (b.fr.clone(), b.en.clone()))
            .collect();
        hits += gold.intersection(&predicted).count();
        n_predicted += predicted.len();
        n_gold += gold.len();
    }
    let precision = hits as f64 / n_predicted as f64;
    let recall = hits as f64 / n_gold as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    assert!(
        f1 >= 0.45,
        "strict F1 {f1:.3} (P {precision:.3}, R {recall:.3}, {hits} of {n_gold} gold beads)"
    );
}
