//! A word translation table learned from the document pair itself (after Moore 2002 and
//! hunalign's realign): the settled 1-1 beads of a first pass (a run's table: the confident
//! beads of its first documents) pair words that keep appearing together
//! (`rapport`/`Bericht`), by their Dice coefficient. Each learned pair becomes a shared
//! anchor, so the second pass sees translations where the first saw only numbers and cognates.

use rustc_hash::FxHashMap as HashMap;

/// A pair is kept when its words met at least this often …
const MIN_TOGETHER: u32 = 2;
/// … and this large a share of their occurrences were together.
const MIN_DICE: f64 = 0.5;
/// Words in more than this share of the training sentences are function words: no evidence.
const MAX_SHARE: f64 = 0.2;

/// Word pairs (hashed) that translate each other, both ways.
#[derive(Debug, Default, Clone)]
pub struct Dictionary {
    by_source: HashMap<u32, Vec<u32>>,
    by_target: HashMap<u32, Vec<u32>>,
}

/// The distinct words of a sentence, lower-cased and hashed (two letters or more).
pub fn words(text: &str) -> Vec<u32> {
    let mut out: Vec<u32> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().nth(1).is_some())
        .map(|w| {
            if w.is_ascii() {
                fnv_lowercase_ascii(w.as_bytes()) // the same hash, without a new string
            } else {
                fnv(w.to_lowercase().as_bytes())
            }
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Dictionary {
    /// Learns from sentence pairs given as word sets.
    pub fn learn<'a>(pairs: impl Iterator<Item = (&'a [u32], &'a [u32])> + Clone) -> Self {
        let mut source_count: HashMap<u32, u32> = HashMap::default();
        let mut target_count: HashMap<u32, u32> = HashMap::default();
        let mut sentences = 0u32;
        for (s, t) in pairs.clone() {
            sentences += 1;
            s.iter()
                .for_each(|w| *source_count.entry(*w).or_default() += 1);
            t.iter()
                .for_each(|w| *target_count.entry(*w).or_default() += 1);
        }
        let limit = (f64::from(sentences) * MAX_SHARE).max(2.0);
        // A word seen fewer than MIN_TOGETHER times cannot meet a partner that often: left
        // out, it costs no co-occurrences (most of a document's words are seen once).
        let content = |counts: &HashMap<u32, u32>, w: &u32| {
            counts
                .get(w)
                .is_some_and(|&n| n >= MIN_TOGETHER && f64::from(n) <= limit)
        };
        // Every co-occurrence as one integer, radix-sorted: runs of equal values count the
        // pairs. Half the memory of a hash map of counts, which was a long document's peak;
        // dense word ids keep the integers small (most often 32 bits) and the sort short.
        let source = DenseIds::new(pairs.clone().map(|(s, _)| s), |w| content(&source_count, w));
        let target = DenseIds::new(pairs.clone().map(|(_, t)| t), |w| content(&target_count, w));
        let shift = u32::BITS - (target.words.len() as u32).leading_zeros();
        let fits = shift + u32::BITS - (source.words.len() as u32).leading_zeros() <= 32;
        let total = pairs
            .clone()
            .map(|(s, t)| source.of(s).count() * target.of(t).count())
            .sum();
        let mask = (1u64 << shift) - 1;
        let split = |key: u64| {
            let (s, t) = ((key >> shift) as usize, (key & mask) as usize);
            (source.words[s], target.words[t])
        };
        let counted = if fits {
            let mut keys = Vec::with_capacity(total);
            co_occurrences(pairs, (&source, &target), shift, |k| keys.push(k as u32));
            count_runs(keys, |k| split(u64::from(k)))
        } else {
            let mut keys = Vec::with_capacity(total);
            co_occurrences(pairs, (&source, &target), shift, |k| keys.push(k));
            count_runs(keys, split)
        };
        let mut scored: Vec<((u32, u32), f64)> = counted
            .into_iter()
            .filter(|&(_, n)| n as u32 >= MIN_TOGETHER)
            .map(|((s, t), n)| {
                (
                    (s, t),
                    2.0 * n as f64 / f64::from(source_count[&s] + target_count[&t]),
                )
            })
            .filter(|&(_, dice)| dice >= MIN_DICE)
            .collect();
        // Best first, ties by the pair itself: a deterministic order, whatever the hash map's.
        scored.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // Competitive linking: each word keeps its best partner only, so a sentence gets one
        // anchor per word, not one per chance co-occurrence.
        let mut dictionary = Self::default();
        for ((s, t), _) in scored {
            if !dictionary.by_source.contains_key(&s) && !dictionary.by_target.contains_key(&t) {
                dictionary.by_source.insert(s, vec![t]);
                dictionary.by_target.insert(t, vec![s]);
            }
        }
        dictionary
    }

    /// Both tables' links: a word keeps the partners it has in either.
    pub fn union(&self, other: &Dictionary) -> Dictionary {
        let merge = |a: &HashMap<u32, Vec<u32>>, b: &HashMap<u32, Vec<u32>>| {
            let mut out = a.clone();
            for (w, partners) in b {
                let entry = out.entry(*w).or_default();
                entry.extend(partners);
                entry.sort_unstable();
                entry.dedup();
            }
            out
        };
        Dictionary {
            by_source: merge(&self.by_source, &other.by_source),
            by_target: merge(&self.by_target, &other.by_target),
        }
    }

    /// Reads a bilingual word list in hunalign's format: one `target @ source` entry per line
    /// (`government @ gouvernement`). Entries of several words on a side are skipped: anchors
    /// are single words. Returns the dictionary and the number of entries skipped.
    pub fn parse_hunalign(text: &str) -> (Dictionary, usize) {
        let mut dictionary = Dictionary::default();
        let mut skipped = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let single = |side: &str| match words(side).as_slice() {
                [w] if side.split_whitespace().count() == 1 => Some(*w),
                _ => None,
            };
            let entry = line
                .split_once(" @ ")
                .and_then(|(t, s)| Some((single(s)?, single(t)?)));
            match entry {
                Some((s, t)) => dictionary.link(s, t),
                None => skipped += 1,
            }
        }
        (dictionary, skipped)
    }

    /// Every link as `(source word, target word)` hashes, sorted: the table as a model file
    /// stores it (a table is its set of links; see [`Dictionary::from_links`]).
    pub fn links(&self) -> Vec<(u32, u32)> {
        let mut links: Vec<(u32, u32)> = self
            .by_source
            .iter()
            .flat_map(|(&s, partners)| partners.iter().map(move |&t| (s, t)))
            .collect();
        links.sort_unstable();
        links
    }

    /// The table with these links, both ways.
    pub fn from_links(links: &[(u32, u32)]) -> Dictionary {
        let mut dictionary = Dictionary::default();
        for &(s, t) in links {
            dictionary.link(s, t);
        }
        dictionary
    }

    fn link(&mut self, s: u32, t: u32) {
        for (table, from, to) in [(&mut self.by_source, s, t), (&mut self.by_target, t, s)] {
            let partners = table.entry(from).or_default();
            if !partners.contains(&to) {
                partners.push(to);
                partners.sort_unstable();
            }
        }
    }

    /// How many word pairs were learned.
    pub fn len(&self) -> usize {
        self.by_source.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_source.is_empty()
    }

    /// Adds to a sentence's anchors (sorted, without repeats, as they stay) one anchor per
    /// learned pair its words take part in.
    pub fn add_anchors(&self, side: Side, words: &[u32], anchors: &mut Vec<u32>) {
        let (table, pair): (_, fn(u32, u32) -> u32) = match side {
            Side::Source => (&self.by_source, pair_anchor),
            Side::Target => (&self.by_target, |t, s| pair_anchor(s, t)),
        };
        if table.is_empty() {
            return;
        }
        let had = anchors.len();
        for &w in words {
            for &other in table.get(&w).into_iter().flatten() {
                anchors.push(pair(w, other));
            }
        }
        if anchors.len() > had {
            anchors.sort_unstable();
            anchors.dedup();
        }
    }
}

/// Which side of the document pair a sentence is on.
/// Small consecutive ids for the words a table learns from, in order of first appearance.
struct DenseIds {
    ids: HashMap<u32, u32>,
    /// `words[id]`: the word (its hash) of each id.
    words: Vec<u32>,
}

impl DenseIds {
    fn new<'a>(sentences: impl Iterator<Item = &'a [u32]>, keep: impl Fn(&u32) -> bool) -> Self {
        let mut dense = DenseIds {
            ids: HashMap::default(),
            words: Vec::new(),
        };
        for &w in sentences.flatten().filter(|w| keep(w)) {
            dense.ids.entry(w).or_insert_with(|| {
                dense.words.push(w);
                dense.words.len() as u32 - 1
            });
        }
        dense
    }

    /// The ids of a sentence's words that have one.
    fn of<'s>(&'s self, words: &'s [u32]) -> impl Iterator<Item = u32> + Clone + 's {
        words.iter().filter_map(|w| self.ids.get(w).copied())
    }
}

/// Calls `push` with `source id << shift | target id` for every pair of content words that
/// occur in the two sides of one sentence pair.
fn co_occurrences<'a>(
    pairs: impl Iterator<Item = (&'a [u32], &'a [u32])>,
    (source, target): (&DenseIds, &DenseIds),
    shift: u32,
    mut push: impl FnMut(u64),
) {
    let (mut s_ids, mut t_ids) = (Vec::new(), Vec::new());
    for (s, t) in pairs {
        s_ids.clear();
        s_ids.extend(source.of(s));
        t_ids.clear();
        t_ids.extend(target.of(t));
        for &s in &s_ids {
            for &t in &t_ids {
                push(u64::from(s) << shift | u64::from(t));
            }
        }
    }
}

/// Sorts `keys` and returns each distinct key, split into its word pair, with its count.
fn count_runs<K: radsort::Key + PartialEq + Copy>(
    mut keys: Vec<K>,
    split: impl Fn(K) -> (u32, u32),
) -> Vec<((u32, u32), usize)> {
    radsort::sort(&mut keys);
    keys.chunk_by(|a, b| a == b)
        .map(|run| (split(run[0]), run.len()))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Source,
    Target,
}

/// The anchor of a word pair: FNV-1a over both words' bytes and a tag, with no buffer built.
fn pair_anchor(s: u32, t: u32) -> u32 {
    [s.to_le_bytes(), t.to_le_bytes(), *b"dict"]
        .iter()
        .flatten()
        .fold(FNV_OFFSET, |h, &b| fnv_step(h, b))
}

const FNV_OFFSET: u32 = 0x811c_9dc5;

fn fnv_step(h: u32, b: u8) -> u32 {
    (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
}

fn fnv_lowercase_ascii(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(FNV_OFFSET, |h, &b| fnv_step(h, b.to_ascii_lowercase()))
}

fn fnv(bytes: &[u8]) -> u32 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| fnv_step(h, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_anchor_is_the_hash_of_both_words_and_the_tag() {
        let bytes = [7u32.to_le_bytes(), 9u32.to_le_bytes(), *b"dict"].concat();
        assert_eq!(pair_anchor(7, 9), fnv(&bytes));
        assert_ne!(pair_anchor(7, 9), pair_anchor(9, 7));
    }

    #[test]
    fn words_are_hashed_lowercase_whatever_the_script() {
        assert_eq!(words("RAPPORT"), [fnv(b"rapport")]);
        assert_eq!(words("Rapport rapport"), [fnv(b"rapport")]);
        assert_eq!(words("ÉTÉ"), [fnv("été".as_bytes())]);
        assert!(words("a b").is_empty(), "one-letter words are not words");
    }

    #[test]
    fn learns_words_that_keep_appearing_together() {
        let fr = [
            "le rapport annuel",
            "un rapport long",
            "le vote serré",
            "un vote clair",
        ];
        let de = [
            "der Jahresbericht Bericht",
            "ein langer Bericht",
            "die knappe Abstimmung",
            "eine klare Abstimmung",
        ];
        let (f, d): (Vec<_>, Vec<_>) = (
            fr.iter().map(|s| words(s)).collect(),
            de.iter().map(|s| words(s)).collect(),
        );
        let dict = Dictionary::learn(f.iter().map(Vec::as_slice).zip(d.iter().map(Vec::as_slice)));
        let mut a = Vec::new();
        dict.add_anchors(Side::Source, &words("un rapport"), &mut a);
        let mut b = Vec::new();
        dict.add_anchors(Side::Target, &words("der Bericht"), &mut b);
        assert!(!a.is_empty() && a == b, "rapport ↔ Bericht learned");
        let mut c = Vec::new();
        dict.add_anchors(Side::Target, &words("die Abstimmung"), &mut c);
        assert!(
            super::super::lexical::shared(&a, &c) == 0,
            "rapport is not Abstimmung"
        );
    }

    fn anchors(dict: &Dictionary, side: Side, text: &str) -> Vec<u32> {
        let mut a = Vec::new();
        dict.add_anchors(side, &words(text), &mut a);
        a
    }

    #[test]
    fn reads_hunalign_dictionaries() {
        let (dict, skipped) = Dictionary::parse_hunalign(
            "government @ gouvernement\nreport @ rapport\nin order to @ afin de\nbroken line\n",
        );
        assert_eq!((dict.len(), skipped), (2, 2));
        let fr = anchors(&dict, Side::Source, "Le Gouvernement a lu le rapport");
        let en = anchors(&dict, Side::Target, "The government read the report");
        assert_eq!(fr.len(), 2);
        assert_eq!(fr, en);
    }

    #[test]
    fn union_keeps_the_links_of_both() {
        let (a, _) = Dictionary::parse_hunalign("report @ rapport\n");
        let (b, _) = Dictionary::parse_hunalign("vote @ vote\nstatement @ rapport\n");
        let both = a.union(&b);
        assert_eq!(both.len(), 3);
        let fr = anchors(&both, Side::Source, "rapport");
        assert_eq!(fr.len(), 2, "rapport links to report and statement");
        assert_eq!(
            super::super::lexical::shared(&fr, &anchors(&both, Side::Target, "the statement")),
            1
        );
    }

    #[test]
    fn links_rebuild_the_same_table() {
        let (a, _) = Dictionary::parse_hunalign("report @ rapport\nstatement @ rapport\n");
        let (b, _) = Dictionary::parse_hunalign("vote @ vote\n");
        let both = a.union(&b);
        let links = both.links();
        assert_eq!(links.len(), 3);
        let rebuilt = Dictionary::from_links(&links);
        assert_eq!(rebuilt.links(), links);
        for text in ["le rapport", "le vote"] {
            assert_eq!(
                anchors(&rebuilt, Side::Source, text),
                anchors(&both, Side::Source, text)
            );
        }
        assert_eq!(
            anchors(&rebuilt, Side::Target, "the statement"),
            anchors(&both, Side::Target, "the statement")
        );
    }

    #[test]
    fn one_meeting_is_not_enough() {
        let f = [words("le rapport")];
        let d = [words("der Bericht")];
        let dict = Dictionary::learn(f.iter().map(Vec::as_slice).zip(d.iter().map(Vec::as_slice)));
        assert!(dict.is_empty());
    }
}
