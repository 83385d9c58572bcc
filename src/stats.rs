//! `bitext stats`: what a corpus holds, for deciding on filters and where to review first.
//! Pairs, words and characters per side, beads by type, histograms of confidence and of the
//! length ratio, the documents with the lowest mean confidence and those with the lowest
//! document score (the least likely to be translations of each other).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::export::{LOW_CONFIDENCE, Languages, Record};
use crate::normalize::char_len;

/// Figures about a corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub(crate) languages: [String; 2],
    /// Beads with text on both sides.
    pub(crate) pairs: usize,
    /// 1-0 and 0-1 beads.
    pub(crate) unaligned: usize,
    pub(crate) source: SideStats,
    pub(crate) target: SideStats,
    /// Beads by type (`"1-1"` …).
    pub(crate) beads: BTreeMap<String, usize>,
    /// Pairs by score, in tenths (`0.0-0.1` … `0.9-1.0`); pairs without a score are not counted.
    pub(crate) confidence: Vec<Bin>,
    /// Pairs scoring below the low-confidence threshold.
    pub(crate) low_confidence: usize,
    /// Pairs by target characters per source character.
    pub(crate) length_ratio: Vec<Bin>,
    /// Documents with the lowest mean score, lowest first.
    pub(crate) weakest_documents: Vec<DocumentStats>,
    /// Documents with the lowest document score, lowest first (a corpus that has one).
    pub(crate) lowest_doc_scores: Vec<DocumentStats>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct SideStats {
    pub(crate) words: usize,
    pub(crate) characters: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Bin {
    pub(crate) from: f64,
    pub(crate) to: f64,
    pub(crate) count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct DocumentStats {
    pub(crate) doc: String,
    pub(crate) pairs: usize,
    pub(crate) mean_score: f64,
    pub(crate) low_confidence: usize,
    /// How likely the document's sides are translations of each other, when the corpus says.
    pub(crate) doc_score: Option<f64>,
}

/// A document's figures as records are read: scored pairs, their sum, low-confidence pairs,
/// and the document score.
type Tally = (usize, f64, usize, Option<f64>);

/// Edges of the length-ratio histogram: the middle bins are narrow, where most pairs are.
const RATIO_EDGES: [f64; 10] = [0.0, 0.5, 0.67, 0.8, 0.9, 1.1, 1.25, 1.5, 2.0, f64::INFINITY];

impl Stats {
    /// Figures for `records`, listing the `weakest` documents with the lowest mean score.
    pub fn new(languages: &Languages, records: &[Record], weakest: usize) -> Self {
        let mut stats = Stats {
            languages: [languages.source.clone(), languages.target.clone()],
            pairs: 0,
            unaligned: 0,
            source: SideStats::default(),
            target: SideStats::default(),
            beads: BTreeMap::new(),
            confidence: (0..10)
                .map(|k| Bin {
                    from: f64::from(k) / 10.0,
                    to: f64::from(k + 1) / 10.0,
                    count: 0,
                })
                .collect(),
            low_confidence: 0,
            length_ratio: RATIO_EDGES
                .windows(2)
                .map(|w| Bin {
                    from: w[0],
                    to: w[1],
                    count: 0,
                })
                .collect(),
            weakest_documents: Vec::new(),
            lowest_doc_scores: Vec::new(),
        };
        let mut documents: BTreeMap<&str, Tally> = BTreeMap::new();
        for record in records {
            stats.add(record, &mut documents);
        }
        let docs: Vec<DocumentStats> = documents
            .into_iter()
            .map(|(doc, (scored, sum, low, doc_score))| DocumentStats {
                doc: doc.to_string(),
                pairs: scored,
                mean_score: sum / scored.max(1) as f64,
                low_confidence: low,
                doc_score,
            })
            .collect();
        let lowest = |key: fn(&DocumentStats) -> Option<f64>| {
            let mut some: Vec<DocumentStats> =
                docs.iter().filter(|d| key(d).is_some()).cloned().collect();
            some.sort_by(|a, b| key(a).unwrap().total_cmp(&key(b).unwrap()));
            some.truncate(weakest);
            some
        };
        stats.weakest_documents = lowest(|d| (d.pairs > 0).then_some(d.mean_score));
        stats.lowest_doc_scores = lowest(|d| d.doc_score);
        stats
    }

    fn add<'a>(&mut self, record: &'a Record, documents: &mut BTreeMap<&'a str, Tally>) {
        *self.beads.entry(record.kind.clone()).or_default() += 1;
        let doc = documents.entry(record.doc.as_str()).or_default();
        if let Some(doc_score) = record.doc_score {
            doc.3 = Some(doc_score.score);
        }
        for (side, text) in [
            (&mut self.source, &record.source),
            (&mut self.target, &record.target),
        ] {
            side.words += text.split_whitespace().count();
            side.characters += char_len(text);
        }
        if !record.is_pair() {
            self.unaligned += 1;
            return;
        }
        self.pairs += 1;
        let (s, t) = (char_len(&record.source), char_len(&record.target));
        let ratio = t as f64 / s.max(1) as f64;
        if let Some(bin) = self.length_ratio.iter_mut().find(|b| ratio < b.to) {
            bin.count += 1;
        }
        if record.score.is_nan() {
            return;
        }
        let tenth = ((record.score * 10.0).floor().max(0.0) as usize).min(9);
        self.confidence[tenth].count += 1;
        let low = record.score < LOW_CONFIDENCE;
        self.low_confidence += usize::from(low);
        let doc = documents.entry(record.doc.as_str()).or_default();
        (doc.0, doc.1, doc.2) = (doc.0 + 1, doc.1 + record.score, doc.2 + usize::from(low));
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [s, t] = &self.languages;
        writeln!(f, "pairs        {}", self.pairs)?;
        writeln!(f, "unaligned    {} (1-0 and 0-1 beads)", self.unaligned)?;
        writeln!(
            f,
            "words        {s} {}, {t} {}",
            self.source.words, self.target.words
        )?;
        writeln!(
            f,
            "characters   {s} {}, {t} {}",
            self.source.characters, self.target.characters
        )?;
        let kinds: Vec<String> = self.beads.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(f, "beads        {}", kinds.join(", "))?;
        writeln!(
            f,
            "\nconfidence (pairs; {} below {LOW_CONFIDENCE})",
            self.low_confidence
        )?;
        histogram(f, &self.confidence, |b| {
            format!("{:.1}-{:.1}", b.from, b.to)
        })?;
        writeln!(f, "\nlength ratio ({t} characters per {s} character)")?;
        histogram(f, &self.length_ratio, |b| {
            if b.to.is_infinite() {
                format!("≥ {:.2}", b.from)
            } else {
                format!("{:.2}-{:.2}", b.from, b.to)
            }
        })?;
        if !self.weakest_documents.is_empty() {
            writeln!(
                f,
                "\nweakest documents (mean score, pairs, low-confidence pairs)"
            )?;
            for d in &self.weakest_documents {
                writeln!(
                    f,
                    "  {:.4}  {:>6}  {:>6}  {}",
                    d.mean_score, d.pairs, d.low_confidence, d.doc
                )?;
            }
        }
        if !self.lowest_doc_scores.is_empty() {
            writeln!(
                f,
                "\nlowest document scores (how likely the sides are translations of each other)"
            )?;
            for d in &self.lowest_doc_scores {
                let score = d.doc_score.unwrap_or(f64::NAN);
                writeln!(f, "  {score:.4}  {}", d.doc)?;
            }
        }
        Ok(())
    }
}

/// One line per bin with a bar scaled to the largest.
fn histogram(
    f: &mut fmt::Formatter<'_>,
    bins: &[Bin],
    label: impl Fn(&Bin) -> String,
) -> fmt::Result {
    let most = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    for bin in bins {
        let bar = "█".repeat((bin.count * 40).div_ceil(most));
        writeln!(f, "  {:>11}  {:>8}  {bar}", label(bin), bin.count)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(doc: &str, source: &str, target: &str, score: f64) -> Record {
        let kind = match (source.is_empty(), target.is_empty()) {
            (true, _) => "0-1",
            (_, true) => "1-0",
            _ => "1-1",
        };
        Record {
            doc: doc.into(),
            source: source.into(),
            target: target.into(),
            kind: kind.into(),
            score,
            source_ids: Vec::new(),
            target_ids: Vec::new(),
            cost: None,
            comment: None,
            approved: false,
            doc_score: None,
        }
    }

    #[test]
    fn counts_pairs_words_bins_and_weak_documents() {
        let languages = Languages {
            source: "fr".into(),
            target: "en".into(),
        };
        let records = [
            record("a", "Deux mots.", "Two words.", 0.95),
            record("a", "Publicité", "", 0.99),
            record("b", "Une phrase de cinq mots.", "A short one.", 0.42),
            record("b", "Encore.", "Again.", 1.0),
        ];
        let stats = Stats::new(&languages, &records, 5);
        assert_eq!((stats.pairs, stats.unaligned), (3, 1));
        assert_eq!(stats.source.words, 2 + 1 + 5 + 1);
        assert_eq!(stats.target.words, 2 + 3 + 1);
        assert_eq!(stats.beads["1-1"], 3);
        assert_eq!(stats.confidence[9].count, 2, "0.95 and 1.0");
        assert_eq!(stats.confidence[4].count, 1);
        assert_eq!(stats.low_confidence, 1);
        assert_eq!(stats.length_ratio.iter().map(|b| b.count).sum::<usize>(), 3);
        let weakest: Vec<&str> = stats
            .weakest_documents
            .iter()
            .map(|d| d.doc.as_str())
            .collect();
        assert_eq!(weakest, ["b", "a"]);
        assert!((stats.weakest_documents[0].mean_score - 0.71).abs() < 1e-9);
        assert!(stats.lowest_doc_scores.is_empty(), "no document score read");
        let text = stats.to_string();
        assert!(text.contains("pairs        3"), "{text}");
        assert!(text.contains("weakest documents"), "{text}");
    }

    #[test]
    fn documents_are_listed_by_document_score_lowest_first() {
        let languages = Languages {
            source: "fr".into(),
            target: "en".into(),
        };
        let with = |doc: &str, score: f64| Record {
            doc_score: Some(crate::export::DocScore {
                score,
                refused: false,
            }),
            ..record(doc, "Oui.", "Yes.", 0.9)
        };
        let records = [
            with("a", 0.9),
            with("b", 0.12),
            with("c", 0.5),
            with("c", 0.5),
        ];
        let stats = Stats::new(&languages, &records, 2);
        let lowest: Vec<(&str, Option<f64>)> = stats
            .lowest_doc_scores
            .iter()
            .map(|d| (d.doc.as_str(), d.doc_score))
            .collect();
        assert_eq!(lowest, [("b", Some(0.12)), ("c", Some(0.5))]);
        assert!(stats.to_string().contains("  0.1200  b\n"), "{stats}");
    }
}
