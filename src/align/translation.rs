//! A word translation table learned from the document pair itself (after Moore 2002 and
//! hunalign's realign): the settled 1-1 beads of a first pass (a run's table: the confident
//! beads of its first documents) pair words that keep appearing together
//! (`rapport`/`Bericht`), by their Dice coefficient. Each learned pair becomes a shared
//! anchor, so the second pass sees translations where the first saw only numbers and cognates.

use rustc_hash::FxHashMap as HashMap;

use super::constants::{MAX_SHARE, MIN_DICE, MIN_TOGETHER};
use super::overlap::Lists;

/// Partners a word may have in a user's dictionary (`--dictionary`): entries past them are
/// skipped. Each partner is one more anchor in every sentence holding the word, so a word of
/// hundreds of partners multiplies the work of every cell those sentences meet (a model of
/// 400,000 links to `the` took over 8 GB and was stopped after 100 s), and a word that
/// translates so many others tells no sentence from another. A table learned from a document
/// pair gives each word one partner (competitive linking); a model's table, the user's and
/// one learned, at most one more (see [`MAX_MODEL_PARTNERS`]).
pub(crate) const MAX_PARTNERS: usize = 32;
/// Partners a word may have in a model's table: the user's dictionary's and one learned.
pub const MAX_MODEL_PARTNERS: usize = MAX_PARTNERS + 1;

/// Word pairs (hashed) that translate each other, both ways.
#[derive(Debug, Default, Clone)]
pub struct Dictionary {
    by_source: HashMap<u32, Vec<u32>>,
    by_target: HashMap<u32, Vec<u32>>,
    /// Each side's words' pair anchors, made at their first use (see [`PairAnchors`]).
    pair_anchors: [std::sync::OnceLock<PairAnchors>; 2],
}

/// The anchors of one side's words' pairs, side by side: what [`Dictionary::add_anchors`]
/// adds for each word the table holds. Made once per table, where each word of every
/// sentence hashed its pairs again, and the hashes and the partners' lists, each an
/// allocation of its own, were a thirtieth of a run of 1,000-sentence documents.
#[derive(Debug, Default, Clone)]
struct PairAnchors {
    /// Where each word's anchors lie in `anchors`: start and length.
    spans: HashMap<u32, (u32, u32)>,
    anchors: Vec<u32>,
}

impl PairAnchors {
    /// The anchors of `table`'s pairs, `pair` making each from the word and its partner.
    fn of(table: &HashMap<u32, Vec<u32>>, pair: fn(u32, u32) -> u32) -> Self {
        let mut out = PairAnchors::default();
        out.spans.reserve(table.len());
        for (&word, partners) in table {
            let start = out.anchors.len() as u32;
            out.anchors
                .extend(partners.iter().map(|&other| pair(word, other)));
            out.spans.insert(word, (start, partners.len() as u32));
        }
        out
    }

    /// The anchors `word`'s pairs add to a sentence that holds it.
    fn of_word(&self, word: u32) -> &[u32] {
        match self.spans.get(&word) {
            Some(&(start, len)) => &self.anchors[start as usize..(start + len) as usize],
            None => &[],
        }
    }
}

/// The distinct words of a sentence, lower-cased and hashed (two letters or more).
pub(crate) fn words(text: &str) -> Vec<u32> {
    let mut out: Vec<u32> = super::lexical::letter_runs(text).filter_map(word).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A letter run's word, lower-cased and hashed; `None` for a single letter.
pub(crate) fn word(run: &str) -> Option<u32> {
    if run.is_ascii() {
        // The same hash, without a new string.
        return (run.len() >= 2).then(|| fnv_lowercase_ascii(run.as_bytes()));
    }
    run.chars().nth(1)?;
    Some(if run.contains('Σ') {
        fnv(run.to_lowercase().as_bytes()) // a final sigma depends on its neighbours
    } else {
        fnv_lowercase(run) // the same hash, letter by letter
    })
}

impl Dictionary {
    /// Learns from sentence pairs given as word lists (a word a list repeats counts once).
    pub fn learn<'a>(pairs: impl Iterator<Item = (&'a [u32], &'a [u32])>) -> Self {
        let (mut source, mut target) = (Numbering::new(), Numbering::new());
        for (s, t) in pairs {
            source.add(s);
            target.add(t);
        }
        let sentences = source.sentences.len();
        let limit = (sentences as f64 * MAX_SHARE).max(2.0);
        // A word seen fewer than MIN_TOGETHER times cannot meet a partner that often: left
        // out, it costs no co-occurrences (most of a document's words are seen once).
        let content = |n: u32| n >= MIN_TOGETHER && f64::from(n) <= limit;
        let (source_ids, target_ids) = (
            DenseIds::new(&source, content),
            DenseIds::new(&target, content),
        );
        let mut scored = Partners::new(&source_ids, &target_ids).scored(&source, &target);
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
    pub(crate) fn union(&self, other: &Dictionary) -> Dictionary {
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
            pair_anchors: Default::default(),
        }
    }

    /// Reads a bilingual word list in hunalign's format: one `target @ source` entry per line
    /// (`government @ gouvernement`). Entries of several words on a side are skipped: anchors
    /// are single words. Returns the dictionary and the number of entries skipped.
    /// A word's entries past its first `MAX_PARTNERS` (32) partners are skipped too.
    pub(crate) fn parse_hunalign(text: &str) -> (Dictionary, usize) {
        let mut links = Vec::new();
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
                Some(link) => links.push(link),
                None => skipped += 1,
            }
        }
        let kept = first_partners(&links, MAX_PARTNERS);
        skipped += links.len() - kept.len();
        (Dictionary::from_links(&kept), skipped)
    }

    /// Every link as `(source word, target word)` hashes, sorted: the table as a model file
    /// stores it (a table is its set of links; see [`Dictionary::from_links`]).
    pub(crate) fn links(&self) -> Vec<(u32, u32)> {
        let mut links: Vec<(u32, u32)> = self
            .by_source
            .iter()
            .flat_map(|(&s, partners)| partners.iter().map(move |&t| (s, t)))
            .collect();
        links.sort_unstable();
        links
    }

    /// The table with these links, both ways. Each word's partners are sorted once, at the
    /// end: kept sorted link by link, a word of many partners made reading quadratic.
    pub(crate) fn from_links(links: &[(u32, u32)]) -> Dictionary {
        let mut dictionary = Dictionary::default();
        for &(s, t) in links {
            dictionary.by_source.entry(s).or_default().push(t);
            dictionary.by_target.entry(t).or_default().push(s);
        }
        for partners in dictionary
            .by_source
            .values_mut()
            .chain(dictionary.by_target.values_mut())
        {
            partners.sort_unstable();
            partners.dedup();
        }
        dictionary
    }

    /// How many word pairs were learned.
    pub fn len(&self) -> usize {
        self.by_source.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_source.is_empty()
    }

    /// Adds to a sentence's anchors one anchor per learned pair its words take part in. The
    /// list is left unsorted and may repeat an anchor (a pair both tables of a run hold):
    /// the cost model counts each once (sorting every list was 3 % of a run).
    pub(crate) fn add_anchors(&self, side: Side, words: &[u32], anchors: &mut Vec<u32>) {
        let (table, pair, made): (_, fn(u32, u32) -> u32, _) = match side {
            Side::Source => (&self.by_source, pair_anchor, &self.pair_anchors[0]),
            Side::Target => (
                &self.by_target,
                |t, s| pair_anchor(s, t),
                &self.pair_anchors[1],
            ),
        };
        if table.is_empty() {
            return;
        }
        let pairs = made.get_or_init(|| PairAnchors::of(table, pair));
        // Most words have one partner or none: room for one each, at once (pushed one by
        // one, each sentence's list was reallocated a few times).
        anchors.reserve(words.len());
        for &w in words {
            anchors.extend_from_slice(pairs.of_word(w));
        }
    }
}

/// `links` less those that give a word, on either side, more than `cap` partners: each word
/// keeps its first ones, in the order given (a link repeated counts once).
fn first_partners(links: &[(u32, u32)], cap: usize) -> Vec<(u32, u32)> {
    let mut seen: rustc_hash::FxHashSet<(u32, u32)> = Default::default();
    let (mut of_source, mut of_target): (HashMap<u32, usize>, HashMap<u32, usize>) =
        Default::default();
    let mut kept = Vec::new();
    for &(s, t) in links {
        if seen.contains(&(s, t)) {
            kept.push((s, t));
            continue;
        }
        let (a, b) = (
            of_source.entry(s).or_default(),
            of_target.entry(t).or_default(),
        );
        if *a < cap && *b < cap {
            (*a, *b) = (*a + 1, *b + 1);
            seen.insert((s, t));
            kept.push((s, t));
        }
    }
    kept
}

/// Which side of the document pair a sentence is on.
/// The words of one side of the sentence pairs a table learns from, numbered in order of
/// first appearance: each word is hashed once, and all that follows is arrays.
struct Numbering {
    numbers: HashMap<u32, u32>,
    /// `words[n]`: the word (its hash) numbered `n`.
    words: Vec<u32>,
    /// `counts[n]`: how many sentences hold word `n`.
    counts: Vec<u32>,
    /// `last[n]`: the last sentence (counted from 1) that held word `n`.
    last: Vec<u32>,
    /// Each sentence's word numbers, in its order.
    sentences: Lists,
}

impl Numbering {
    fn new() -> Self {
        Numbering {
            numbers: HashMap::default(),
            words: Vec::new(),
            counts: Vec::new(),
            last: Vec::new(),
            sentences: Lists::new(),
        }
    }

    /// Adds a sentence's words, each once.
    fn add(&mut self, words: &[u32]) {
        let sentence = self.sentences.len() as u32 + 1;
        let mut numbers = Vec::with_capacity(words.len());
        for &w in words {
            let next = self.words.len() as u32;
            let n = *self.numbers.entry(w).or_insert(next);
            if n == next {
                self.words.push(w);
                self.counts.push(0);
                self.last.push(0);
            }
            if std::mem::replace(&mut self.last[n as usize], sentence) != sentence {
                self.counts[n as usize] += 1;
                numbers.push(n);
            }
        }
        self.sentences.push(&numbers);
    }
}

/// Small consecutive ids for the words a table learns from, in order of their counts.
struct DenseIds {
    /// `ids[n]`: the id of word number `n` ([`Numbering`]), `u32::MAX` if it has none.
    ids: Vec<u32>,
    /// `words[id]`: the word (its hash) of each id.
    words: Vec<u32>,
    /// `counts[id]`: how many training sentences hold it, in increasing order.
    counts: Vec<u32>,
}

impl DenseIds {
    /// Ids for the words whose counts `keep` keeps, by increasing count (ties in order of
    /// first appearance).
    fn new(side: &Numbering, keep: impl Fn(u32) -> bool) -> Self {
        let mut kept: Vec<u32> = (0..side.words.len() as u32)
            .filter(|&n| keep(side.counts[n as usize]))
            .collect();
        kept.sort_by_key(|&n| side.counts[n as usize]);
        let mut ids = vec![u32::MAX; side.words.len()];
        for (id, &n) in kept.iter().enumerate() {
            ids[n as usize] = id as u32;
        }
        DenseIds {
            ids,
            words: kept.iter().map(|&n| side.words[n as usize]).collect(),
            counts: kept.iter().map(|&n| side.counts[n as usize]).collect(),
        }
    }

    /// The ids of a sentence's words (their numbers) that have one, in increasing order.
    fn of(&self, numbers: &[u32], out: &mut Vec<u32>) {
        out.clear();
        out.extend(
            numbers
                .iter()
                .map(|&n| self.ids[n as usize])
                .filter(|&id| id != u32::MAX),
        );
        out.sort_unstable();
    }
}

/// The target words each source word may pair with: a pair's Dice coefficient `2n / (a + b)`
/// reaches [`MIN_DICE`] (one half) only if `n >= (a + b) / 4`, and `n` is at most the smaller
/// count, so neither word can be seen over three times as often as the other: pairs of a rare
/// word with a frequent one are never counted.
struct Partners<'a> {
    source: &'a DenseIds,
    target: &'a DenseIds,
    /// For each source id, the target ids (a range: they are in order of counts) it may pair with.
    ranges: Vec<(u32, u32)>,
}

impl<'a> Partners<'a> {
    fn new(source: &'a DenseIds, target: &'a DenseIds) -> Self {
        let ranges = source
            .counts
            .iter()
            .map(|&a| {
                let a = u64::from(a);
                let first = target.counts.partition_point(|&b| 3 * u64::from(b) < a);
                let end = target.counts.partition_point(|&b| u64::from(b) <= 3 * a);
                (first as u32, end as u32)
            })
            .collect();
        Partners {
            source,
            target,
            ranges,
        }
    }

    /// The word pairs that meet [`MIN_TOGETHER`] and [`MIN_DICE`], with their Dice
    /// coefficients. Each source word's co-occurrences are counted in turn, over the sentence
    /// pairs that hold it, in an array of the target words: no table of every pair seen (a
    /// sort of every co-occurrence was a long document's peak of memory, and a tenth of
    /// the time of a 1,000-sentence one).
    fn scored(&self, pairs_source: &Numbering, pairs_target: &Numbering) -> Vec<((u32, u32), f64)> {
        let (source, target) = (self.source, self.target);
        // Each pair's target ids, and the pairs of each source id.
        let (mut targets, mut sources) = (Lists::new(), Lists::new());
        let mut ids = Vec::new();
        for (s, t) in pairs_source
            .sentences
            .iter()
            .zip(pairs_target.sentences.iter())
        {
            target.of(t, &mut ids);
            targets.push(&ids);
            source.of(s, &mut ids);
            sources.push(&ids);
        }
        let holders = Lists::inverted(&sources, source.words.len());
        let mut counts = vec![0u32; target.words.len()];
        // `met[..n_met]`: the target ids counted for this source id, each once. Written
        // without a branch (whether an id is new is a coin toss the processor cannot learn),
        // so each id is written at `n_met`, one past the last when all are met.
        let mut met = vec![0u32; target.words.len() + 1];
        let mut scored = Vec::new();
        for (s, &(first, end)) in self.ranges.iter().enumerate() {
            let mut n_met = 0;
            for &k in holders.get(s) {
                let ids = targets.get(k as usize);
                // Most words are rare, and may pair with the rarest: no search then. Else the
                // ids below `first` counted, not searched for: a sentence holds a few dozen,
                // and a count is a few vector compares where a search is a chain of loads.
                let from = match first {
                    0 => 0,
                    _ => ids.iter().filter(|&&t| t < first).count(),
                };
                for &t in ids[from..].iter().take_while(|&&t| t < end) {
                    let count = &mut counts[t as usize];
                    met[n_met] = t;
                    n_met += usize::from(*count == 0);
                    *count += 1;
                }
            }
            for &t in &met[..n_met] {
                let (t, n) = (t as usize, counts[t as usize]);
                counts[t] = 0;
                // No division for a pair that does not pass (one a pair was a fifth of the
                // table's time): Dice reaches `MIN_DICE` when `n` does `MIN_DICE` of the
                // counts' mean, in integers (see `dice_passes`).
                let sum = source.counts[s] + target.counts[t];
                if n >= MIN_TOGETHER && dice_passes(n, sum) {
                    let dice = 2.0 * f64::from(n) / f64::from(sum);
                    scored.push(((source.words[s], target.words[t]), dice));
                }
            }
        }
        scored
    }
}

/// Whether a pair met `n` times, of words held `sum` times in all, has a Dice coefficient
/// `2n / sum` of at least [`MIN_DICE`] (one half): `4n >= sum`, exactly what the division
/// rounded to the nearest double says (a ratio below one half lies at least `1 / 2sum` below
/// it, far more than half a unit of the last place).
fn dice_passes(n: u32, sum: u32) -> bool {
    const _: () = assert!(MIN_DICE == 0.5);
    4 * u64::from(n) >= u64::from(sum)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
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

/// [`word`]'s hash of a run of ASCII letters, built as a scanner meets them: `WORD_START`,
/// then [`word_step`] with each letter.
pub(crate) const WORD_START: u32 = FNV_OFFSET;

/// [`WORD_START`]'s hash with the ASCII letter `b` added.
pub(crate) fn word_step(hash: u32, b: u8) -> u32 {
    fnv_step(hash, b.to_ascii_lowercase())
}

/// [`word`]'s hash of an ASCII run: the scanner's steps ([`word_step`]) over all of it.
fn fnv_lowercase_ascii(bytes: &[u8]) -> u32 {
    bytes.iter().fold(WORD_START, |h, &b| word_step(h, b))
}

/// [`fnv`] of `word.to_lowercase()`, with no string built: the same but for a capital sigma,
/// which `str::to_lowercase` writes `ς` at a word's end.
fn fnv_lowercase(word: &str) -> u32 {
    let mut buffer = [0; 4];
    let mut hash = |h, c: char| c.encode_utf8(&mut buffer).bytes().fold(h, fnv_step);
    word.chars()
        .fold(FNV_OFFSET, |h, c| match latin1_lowercase(c) {
            Some(lower) => hash(h, lower),
            None => c.to_lowercase().fold(h, &mut hash),
        })
}

/// The lower case of an ASCII or Latin-1 character (up to U+00FF) without Unicode's tables: a
/// capital's is 0x20 on (but for `×`, which is no letter). A French text's accented letters
/// are nearly all here, and the tables' searches were most of hashing its words. `None`
/// above the block.
fn latin1_lowercase(c: char) -> Option<char> {
    match c {
        'A'..='Z' | '\u{c0}'..='\u{de}' if c != '×' => Some(char::from(c as u8 + 0x20)),
        '\0'..='\u{ff}' => Some(c),
        _ => None,
    }
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
    fn dice_passes_where_the_division_reaches_one_half() {
        for sum in 1..400u32 {
            for n in 0..=sum {
                let dice = 2.0 * f64::from(n) / f64::from(sum);
                assert_eq!(dice_passes(n, sum), dice >= MIN_DICE, "{n} of {sum}");
            }
        }
    }

    #[test]
    fn latin1_lowercase_is_what_the_unicode_tables_say() {
        for c in ('\0'..='\u{ff}').chain(['\u{100}', 'Œ']) {
            let expected = (c <= '\u{ff}').then(|| c.to_lowercase().collect::<Vec<_>>());
            assert_eq!(latin1_lowercase(c).map(|l| vec![l]), expected, "{c:?}");
        }
    }

    #[test]
    fn lowercase_hashes_equal_hashes_of_lowercased_strings() {
        for word in [
            "Élysée",
            "ÇA",
            "İstanbul",
            "Straße",
            "ΟΔΟΣ",
            "Ǆemal",
            "émigré",
        ] {
            let expected = fnv(word.to_lowercase().as_bytes());
            if !word.contains('Σ') {
                assert_eq!(fnv_lowercase(word), expected, "{word}");
            }
            assert_eq!(words(word), [expected], "{word}");
        }
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
        let a = anchors(&dict, Side::Source, "un rapport");
        let b = anchors(&dict, Side::Target, "der Bericht");
        assert!(!a.is_empty() && a == b, "rapport ↔ Bericht learned");
        let c = anchors(&dict, Side::Target, "die Abstimmung");
        assert!(
            super::super::lexical::shared(&a, &c) == 0,
            "rapport is not Abstimmung"
        );
    }

    /// A sentence pair as word sets.
    type Pair = (Vec<u32>, Vec<u32>);

    /// The table of every pair seen together, the definition `learn` must match.
    fn learned_the_slow_way(pairs: &[Pair]) -> Vec<(u32, u32)> {
        let count = |side: &dyn Fn(&Pair) -> &Vec<u32>| {
            let mut counts: HashMap<u32, u32> = HashMap::default();
            pairs
                .iter()
                .flat_map(side)
                .for_each(|w| *counts.entry(*w).or_default() += 1);
            counts
        };
        let (sc, tc) = (count(&|p| &p.0), count(&|p| &p.1));
        let limit = (pairs.len() as f64 * MAX_SHARE).max(2.0);
        let content = |c: &HashMap<u32, u32>, w| c[w] >= MIN_TOGETHER && f64::from(c[w]) <= limit;
        let mut together: HashMap<(u32, u32), u32> = HashMap::default();
        for (s, t) in pairs {
            for s in s.iter().filter(|w| content(&sc, w)) {
                for t in t.iter().filter(|w| content(&tc, w)) {
                    *together.entry((*s, *t)).or_default() += 1;
                }
            }
        }
        let mut scored: Vec<_> = together
            .into_iter()
            .map(|((s, t), n)| ((s, t), n, 2.0 * f64::from(n) / f64::from(sc[&s] + tc[&t])))
            .filter(|&(_, n, dice)| n >= MIN_TOGETHER && dice >= MIN_DICE)
            .map(|(pair, _, dice)| (pair, dice))
            .collect();
        scored.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut links = Vec::new();
        let (mut s_done, mut t_done) = (
            rustc_hash::FxHashSet::default(),
            rustc_hash::FxHashSet::default(),
        );
        for ((s, t), _) in scored {
            if !s_done.contains(&s) && !t_done.contains(&t) {
                s_done.insert(s);
                t_done.insert(t);
                links.push((s, t));
            }
        }
        links.sort_unstable();
        links
    }

    #[test]
    fn learning_survives_a_word_that_meets_every_target_word_twice() {
        // Regression: the ids met were written one past the end once all were met.
        let (s, t) = (words("rapport"), words("report"));
        let pairs = [(s.as_slice(), t.as_slice()), (s.as_slice(), t.as_slice())];
        let learned = Dictionary::learn(pairs.into_iter());
        assert_eq!(learned.links(), [(s[0], t[0])]);
    }

    #[test]
    fn learning_keeps_the_pairs_a_table_of_every_co_occurrence_keeps() {
        // Words drawn with skewed frequencies (a few common, many rare), and target words
        // that follow their source word in most sentences: pairs of every count ratio.
        let mut next = crate::testing::test_numbers(11);
        let mut step = 0;
        let pairs: Vec<Pair> = (0..400)
            .map(|_| {
                let mut s: Vec<u32> = (0..8).map(|_| (next(60) * next(60) / 20) as u32).collect();
                let mut t: Vec<u32> = s
                    .iter()
                    .map(|&w| {
                        if next(4) == 0 {
                            1000 + next(200) as u32
                        } else {
                            5000 + w
                        }
                    })
                    .collect();
                // Pairs on the edge of Dice's one half: a word three times as frequent as
                // its partner, either side.
                let k = step;
                step += 1;
                if k % 40 == 0 {
                    s.push(9000);
                }
                if k % 40 < 3 {
                    t.push(9500);
                }
                if (3..6).contains(&(k % 40)) {
                    s.push(9100);
                }
                if k % 40 == 4 {
                    t.push(9600);
                }
                for side in [&mut s, &mut t] {
                    side.sort_unstable();
                    side.dedup();
                }
                (s, t)
            })
            .collect();
        let expected = learned_the_slow_way(&pairs);
        assert!(expected.len() > 20, "{} links", expected.len());
        assert!(expected.contains(&(9000, 9500)) && expected.contains(&(9100, 9600)));
        let learned = Dictionary::learn(pairs.iter().map(|(s, t)| (s.as_slice(), t.as_slice())));
        assert_eq!(learned.links(), expected);
        // The same sentences as the aligner reads them: in the text's order, words repeated.
        let messy =
            |side: &[u32]| -> Vec<u32> { side.iter().rev().chain(side.first()).copied().collect() };
        let messy: Vec<Pair> = pairs.iter().map(|(s, t)| (messy(s), messy(t))).collect();
        let learned = Dictionary::learn(messy.iter().map(|(s, t)| (s.as_slice(), t.as_slice())));
        assert_eq!(learned.links(), expected, "from lists with repeats");
    }

    /// A sentence's table anchors, as a sorted set.
    fn anchors(dict: &Dictionary, side: Side, text: &str) -> Vec<u32> {
        let mut a = Vec::new();
        dict.add_anchors(side, &words(text), &mut a);
        a.sort_unstable();
        a.dedup();
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
    fn a_dictionary_word_keeps_its_first_partners_only() {
        // Words of letters only: `word{k}`'s digits would end the word.
        let word = |k: usize| {
            format!(
                "word{}{}",
                (b'a' + k as u8 / 26) as char,
                (b'a' + k as u8 % 26) as char
            )
        };
        let mut text: String = (0..40).map(|k| format!("{} @ mot\n", word(k))).collect();
        text.push_str(&format!("{} @ mot\nother @ autre\n", word(0)));
        let (dict, skipped) = Dictionary::parse_hunalign(&text);
        assert_eq!((dict.len(), skipped), (MAX_PARTNERS + 1, 40 - MAX_PARTNERS));
        let kept = anchors(&dict, Side::Source, "mot");
        assert_eq!(kept.len(), MAX_PARTNERS);
        let first: Vec<String> = (0..MAX_PARTNERS).map(word).collect();
        assert_eq!(kept, anchors(&dict, Side::Target, &first.join(" ")));
    }

    #[test]
    fn links_repeated_or_unsorted_make_one_sorted_table() {
        let links = [(5, 1), (3, 1), (5, 1), (4, 2), (3, 1)];
        let dict = Dictionary::from_links(&links);
        assert_eq!(dict.links(), [(3, 1), (4, 2), (5, 1)]);
        assert_eq!(dict.by_target[&1], [3, 5]);
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
