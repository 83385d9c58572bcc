//! Filters for training data: pairs below a confidence, too short or too long, with lengths too
//! far apart, or seen before. They apply to pairs only (1-0 and 0-1 beads follow the format's
//! rule), and every pair one removes is counted for the summary.

use std::collections::HashSet;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::export::Record;
use crate::normalize::char_len;

/// What to keep; `None` and `false` keep everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Drop pairs scoring below this.
    pub min_score: Option<f64>,
    /// Drop pairs with a side shorter than this many characters.
    pub min_chars: Option<usize>,
    /// Drop pairs with a side longer than this many characters.
    pub max_chars: Option<usize>,
    /// Drop pairs whose longer side is more than this many times the shorter.
    pub max_length_ratio: Option<f64>,
    /// Drop a pair whose two texts were already written (after normalisation: NFC, spaces).
    pub dedupe: bool,
}

/// How many pairs each filter removed (a pair counts for the first filter that removes it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Removed {
    pub(crate) min_score: usize,
    pub(crate) min_chars: usize,
    pub(crate) max_chars: usize,
    pub(crate) length_ratio: usize,
    pub(crate) duplicate: usize,
}

impl Removed {
    pub(crate) fn total(&self) -> usize {
        self.min_score + self.min_chars + self.max_chars + self.length_ratio + self.duplicate
    }
}

impl fmt::Display for Removed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = [
            (self.min_score, "--min-score"),
            (self.min_chars, "--min-chars"),
            (self.max_chars, "--max-chars"),
            (self.length_ratio, "--max-length-ratio"),
            (self.duplicate, "--dedupe"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, flag)| format!("{n} by {flag}"))
        .collect();
        write!(f, "{}", parts.join(", "))
    }
}

/// [`Filters`] applied over a whole run: it remembers the pairs seen, for `--dedupe`.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    filters: Filters,
    seen: HashSet<u64>,
    pub(crate) removed: Removed,
}

impl Filter {
    pub fn new(filters: Filters) -> Self {
        Self {
            filters,
            ..Self::default()
        }
    }

    /// Whether to write `record`; counts it if not.
    pub(crate) fn keep(&mut self, record: &Record) -> bool {
        if !record.is_pair() {
            return true;
        }
        let f = &self.filters;
        // Lengths only for the filters that read them: counting is most of a run's filtering.
        let lengths =
            f.min_chars.is_some() || f.max_chars.is_some() || f.max_length_ratio.is_some();
        let (s, t) = if lengths {
            (char_len(&record.source), char_len(&record.target))
        } else {
            (0, 0)
        };
        let (short, long) = (s.min(t), s.max(t));
        let counter = if f.min_score.is_some_and(|min| record.score < min) {
            Some(&mut self.removed.min_score)
        } else if f.min_chars.is_some_and(|min| short < min) {
            Some(&mut self.removed.min_chars)
        } else if f.max_chars.is_some_and(|max| long > max) {
            Some(&mut self.removed.max_chars)
        } else if f
            .max_length_ratio
            .is_some_and(|max| long as f64 > max * short.max(1) as f64)
        {
            Some(&mut self.removed.length_ratio)
        } else if f.dedupe && !self.seen.insert(pair_hash(record)) {
            Some(&mut self.removed.duplicate)
        } else {
            None
        };
        match counter {
            Some(n) => {
                *n += 1;
                false
            }
            None => true,
        }
    }
}

/// The pair's texts with white space folded, hashed: 8 bytes a pair, however long the texts.
fn pair_hash(record: &Record) -> u64 {
    let mut hasher = DefaultHasher::new();
    for text in [&record.source, &record.target] {
        for word in text.split_whitespace() {
            word.hash(&mut hasher);
        }
        0xffu8.hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(source: &str, target: &str, score: f64) -> Record {
        Record {
            doc: "d".into(),
            source: source.into(),
            target: target.into(),
            kind: "1-1".into(),
            score,
            source_ids: vec![0],
            target_ids: vec![0],
            cost: None,
            comment: None,
            approved: false,
            doc_score: None,
        }
    }

    #[test]
    fn each_filter_removes_what_it_says_and_counts_it() {
        let mut filter = Filter::new(Filters {
            min_score: Some(0.5),
            min_chars: Some(3),
            max_chars: Some(40),
            max_length_ratio: Some(2.0),
            dedupe: true,
        });
        let records = [
            pair("Bonjour.", "Hello.", 0.9),
            pair("Bonjour.", "Hello.", 0.2),
            pair("Oui", "Ye", 0.9),
            pair(&"a".repeat(41), &"b".repeat(41), 0.9),
            pair("Une phrase assez longue.", "Short.", 0.9),
            pair("Bonjour.", "Hello.", 0.95),
            pair("Bonjour.  ", "  Hello.", 0.95),
            pair("Rien", "", 0.1),
        ];
        let kept: Vec<bool> = records.iter().map(|r| filter.keep(r)).collect();
        assert_eq!(kept, [true, false, false, false, false, false, false, true]);
        assert_eq!(
            filter.removed,
            Removed {
                min_score: 1,
                min_chars: 1,
                max_chars: 1,
                length_ratio: 1,
                duplicate: 2,
            }
        );
        assert_eq!(
            filter.removed.to_string(),
            "1 by --min-score, 1 by --min-chars, 1 by --max-chars, 1 by --max-length-ratio, 2 by --dedupe"
        );
    }

    #[test]
    fn no_filters_keep_everything() {
        let mut filter = Filter::new(Filters::default());
        assert!(filter.keep(&pair("a", "bbbbbbbbbbbbbbbb", 0.0)));
        assert!(filter.keep(&pair("a", "bbbbbbbbbbbbbbbb", 0.0)));
        assert_eq!(filter.removed.total(), 0);
    }
}
