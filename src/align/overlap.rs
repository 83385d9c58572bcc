//! Shared anchors for a whole row of the lattice at once.
//!
//! The dynamic programme weighs every bead ending in a band of cells: intersecting the two
//! sides' anchor sets bead by bead made three quarters of the aligner's time. Instead, each
//! anchor of the target side gets the sorted list of the target sentences that hold it (an
//! inverted index), and each source sentence keeps only the anchors the target has at all. A
//! row's counts are then a walk over the source span's anchors and, for each, the few target
//! sentences inside the band: exactly the sizes of the intersections, at a fraction of the work.
//! Spans of several sentences are not stored but read off the single sentences' lists as the
//! row needs them (stored, they were most of a long document's memory), with the anchors
//! numbered densely ([`Dense`]) so that a span's are marks in an array. Where each set holds a
//! large share of the ids (the blocks of a coarse level), sets are bit sets instead (`Bits`).

use rustc_hash::FxHashMap as HashMap;

use super::shape::MAX_SPAN;

/// What [`Overlap::rows`] keeps from call to call: where the last search of each posting list
/// ended (the band moves a few columns from row to row, so the next search starts there), and
/// room for a source span's anchors. One cursor per anchor serves every source span length:
/// an anchor a longer span adds was walked a row before as the shorter span's, so its cursor
/// is where this walk starts (a cursor per span length was rows behind, and its searches were
/// a sixth of the counting).
#[derive(Debug, Clone, Default)]
pub(crate) struct Cursors {
    /// Each anchor's [`Head`], for the [`Overlap`] numbered `overlap`.
    heads: Vec<Head>,
    overlap: u64,
    /// The anchors a longer source span adds to the shorter one's.
    fresh: Vec<u32>,
    span_number: u32,
    /// The row's hits so far, by target sentence (see [`Overlap::walk`]).
    hits: Vec<[u32; MAX_SPAN]>,
    bits: Vec<u64>,
}

impl Cursors {
    /// The heads, made ready for `overlap`: those of another overlap are forgotten.
    fn heads_for(&mut self, overlap: &Overlap) -> &mut Vec<Head> {
        if self.overlap != overlap.number {
            self.heads.clear();
            self.overlap = overlap.number;
        }
        self.heads.resize(overlap.postings.len(), Head::UNSEARCHED);
        &mut self.heads
    }
}

/// What a row's walk needs of an anchor first, in one place: where its postings were last
/// searched, the sentence found there, and whether the row's span holds it. Most anchors have
/// no posting inside the band: this alone says so, with no look at their postings (the list's
/// bounds, the cursor, the posting before it and the span's mark were four cache misses an
/// anchor and row, and the walk's time was mostly waiting for them).
#[derive(Debug, Clone, Copy)]
struct Head {
    /// The first posting whose sentence is at least `from`.
    at: u32,
    /// That posting's sentence (`u32::MAX` past the list's end).
    next: u32,
    /// The start `at` was found for (`u32::MAX`: never searched).
    from: u32,
    /// `Cursors::span_number` of the last span that held the anchor.
    span: u32,
}

impl Head {
    const UNSEARCHED: Head = Head {
        at: 0,
        next: 0,
        from: u32::MAX,
        span: 0,
    };
}

/// Numbers for overlaps, so that cursors know the postings they were searched in.
static OVERLAPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The first index of the sorted `starts` whose value is at least `from`, searched from
/// `hint`: a few steps forward, else a binary search of the side it must be on.
fn seek(starts: &[u32], hint: usize, from: usize) -> usize {
    let hint = hint.min(starts.len());
    if hint > 0 && starts[hint - 1] as usize >= from {
        return starts[..hint].partition_point(|&s| (s as usize) < from);
    }
    let mut k = hint;
    for _ in 0..4 {
        if k == starts.len() || starts[k] as usize >= from {
            return k;
        }
        k += 1;
    }
    k + starts[k..].partition_point(|&s| (s as usize) < from)
}

/// Lists of `u32` stored back to back: list `k` is `items[offsets[k]..offsets[k + 1]]`. One
/// allocation for a whole document, where a `Vec` per sentence costs a header and a block each.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lists {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    /// No list yet.
    pub(crate) fn new() -> Self {
        Lists {
            offsets: vec![0],
            items: Vec::new(),
        }
    }

    /// No list yet, with room for `lists` lists of `items` items in all.
    pub(crate) fn with_capacity(lists: usize, items: usize) -> Self {
        let mut offsets = Vec::with_capacity(lists + 1);
        offsets.push(0);
        Lists {
            offsets,
            items: Vec::with_capacity(items),
        }
    }

    /// How many items, over every list.
    pub(crate) fn total(&self) -> usize {
        self.items.len()
    }

    /// Adds a list after the others.
    pub(crate) fn push(&mut self, list: &[u32]) {
        self.items.extend_from_slice(list);
        self.offsets.push(self.items.len() as u32);
    }

    /// The lists, in order.
    pub(crate) fn from_lists<'a>(lists: impl ExactSizeIterator<Item = &'a [u32]> + Clone) -> Self {
        let total = lists.clone().map(<[u32]>::len).sum();
        let mut out = Lists {
            offsets: Vec::with_capacity(lists.len() + 1),
            items: Vec::with_capacity(total),
        };
        out.offsets.push(0);
        for list in lists {
            out.items.extend_from_slice(list);
            out.offsets.push(out.items.len() as u32);
        }
        out
    }

    /// How many lists.
    pub(crate) fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// Every list, in order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &[u32]> + Clone + '_ {
        (0..self.len()).map(|k| self.get(k))
    }

    /// The inverted lists: for each id, the runs that hold it, in increasing order. Counted
    /// first, then filled, so that no id needs a list of its own.
    pub(crate) fn inverted(by_run: &Lists, ids: usize) -> Self {
        let mut offsets = vec![0u32; ids + 1];
        for &id in &by_run.items {
            offsets[id as usize + 1] += 1;
        }
        for k in 1..offsets.len() {
            offsets[k] += offsets[k - 1];
        }
        let mut next = offsets.clone();
        let mut items = vec![0u32; by_run.items.len()];
        for run in 0..by_run.offsets.len().saturating_sub(1) {
            for &id in by_run.get(run) {
                items[next[id as usize] as usize] = run as u32;
                next[id as usize] += 1;
            }
        }
        Lists { offsets, items }
    }

    pub(crate) fn get(&self, k: usize) -> &[u32] {
        match (self.offsets.get(k), self.offsets.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// Both sides' anchor lists with the anchors renumbered `0..ids`, the target side's first
/// (`0..target_ids`), and each list made a set: what is counted per anchor is then an array,
/// not a hash map. One hash lookup per anchor of a model, where sorting and hashing each
/// side's lists again for every use was a tenth of the aligner's time. A list keeps its
/// order (less repeats), so its ids are not sorted.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dense {
    pub(crate) source: Lists,
    pub(crate) target: Lists,
    pub(crate) target_ids: usize,
    /// `anchors[id]`: the anchor numbered `id`.
    pub(crate) anchors: Vec<u32>,
}

impl Dense {
    pub(crate) fn new(source: &Lists, target: &Lists) -> Self {
        let mut ids: HashMap<u32, u32> = HashMap::default();
        let mut anchors = Vec::new();
        // `in_list[id]`: the last list (counted from 1, over both sides) that held the id.
        let mut in_list: Vec<u32> = Vec::new();
        let mut lists_seen = 0u32;
        let mut renumber = |lists: &Lists| {
            let mut out = Lists::new();
            out.items.reserve(lists.items.len());
            for list in lists.iter() {
                lists_seen += 1;
                for &a in list {
                    let next = ids.len() as u32;
                    let id = *ids.entry(a).or_insert(next);
                    if id == next {
                        anchors.push(a);
                        in_list.push(0);
                    }
                    if in_list[id as usize] != lists_seen {
                        in_list[id as usize] = lists_seen;
                        out.items.push(id);
                    }
                }
                out.offsets.push(out.items.len() as u32);
            }
            (out, ids.len())
        };
        let (target, target_ids) = renumber(target);
        let (source, _) = renumber(source);
        Dense {
            source,
            target,
            target_ids,
            anchors,
        }
    }
}

/// What [`Overlap::rows`] needs to know of both sides, built once per document pair and model.
#[derive(Debug, Clone, Default)]
pub(crate) struct Overlap {
    /// For each source sentence, the dense ids of its anchors that occur on the target side.
    source: Lists,
    /// For each dense anchor id, the sorted target sentences that hold it (empty with `bits`).
    postings: Lists,
    /// Every sentence's ids as a bit set, when the sets are large against the ids (see
    /// [`Bits::pays`]).
    bits: Option<Bits>,
    /// This overlap's own number (see [`Cursors::heads_for`]).
    number: u64,
}

/// Each sentence's anchor ids as a bit set of `words` words, both sides back to back: the
/// shared anchors of two spans are then a few `and`s and counts of ones. This is what the blocks
/// of a coarse level need: a block of a 1,000-sentence document holds hundreds of anchors out
/// of some 2,000, most of them in many blocks, and walking their postings cell by cell made a
/// quarter of the document's time.
#[derive(Debug, Clone, Default)]
struct Bits {
    words: usize,
    source: Vec<u64>,
    target: Vec<u64>,
}

impl Bits {
    /// Whether bit sets beat postings for sets of ids below `ids`: a span's count costs `words`
    /// steps per cell, against a walk of a few postings for each of the span's anchors. Only
    /// when the sets of both sides together take no more room than their lists: one sentence
    /// holding 500,000 numbers against 500,000 short ones asked for 31 GB of bits.
    fn pays(ids: usize, source: &Lists, target: &Lists) -> bool {
        let words = ids.div_ceil(64);
        let sets = source.len() + target.len();
        source.len() > 0
            && words * 8 <= source.items.len() / source.len()
            && words * 8 * sets <= source.items.len() + target.items.len()
    }

    fn new(ids: usize, source: &Lists, target: &Lists) -> Self {
        let words = ids.div_ceil(64).max(1);
        let sets = |lists: &Lists| {
            let mut bits = vec![0u64; lists.len() * words];
            for (k, list) in lists.iter().enumerate() {
                for &id in list {
                    bits[k * words + id as usize / 64] |= 1 << (id % 64);
                }
            }
            bits
        };
        Self {
            words,
            source: sets(source),
            target: sets(target),
        }
    }

    /// [`Overlap::rows`] for source span length `di`, with bit sets: `span` gets the source
    /// span's set.
    fn row(
        &self,
        (i, di): (usize, usize),
        (lo, hi): (usize, usize),
        counts: &mut [Vec<u32>],
        span: &mut Vec<u64>,
    ) {
        let words = self.words;
        span.clear();
        span.resize(words, 0);
        for k in i - di..i {
            let set = &self.source[k * words..(k + 1) * words];
            span.iter_mut().zip(set).for_each(|(a, &b)| *a |= b);
        }
        for (dj, counts) in (1..=counts.len()).zip(counts.iter_mut()) {
            for j in lo.max(dj)..=hi {
                let target = &self.target[(j - dj) * words..j * words];
                let shared: u32 = (0..words)
                    .map(|w| {
                        let set = (0..dj).fold(0, |set, k| set | target[k * words + w]);
                        (span[w] & set).count_ones()
                    })
                    .sum();
                counts[j - lo] += shared;
            }
        }
    }
}

impl Overlap {
    /// From each sentence's anchors, renumbered (see [`Dense`]).
    pub(crate) fn new(dense: &Dense) -> Self {
        // A source anchor the target lacks is never shared: left out, it costs no walk.
        let mut source = Lists::new();
        let mut kept = Vec::new();
        for list in dense.source.iter() {
            kept.clear();
            kept.extend(list.iter().filter(|&&id| (id as usize) < dense.target_ids));
            source.push(&kept);
        }
        source.items.shrink_to_fit();
        let ids = dense.target_ids;
        let number = OVERLAPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if Bits::pays(ids, &source, &dense.target) {
            let bits = Bits::new(ids, &source, &dense.target);
            return Self {
                source,
                postings: Lists::default(),
                bits: Some(bits),
                number,
            };
        }
        let postings = Lists::inverted(&dense.target, ids);
        Self {
            source,
            postings,
            bits: None,
            number,
        }
    }

    /// Adds to `counts[di - 1][dj - 1][j - lo]`, for `j` in `lo..=hi`, how many anchors the
    /// source sentences `i - di..i` share with the target sentences `j - dj..j`, for the
    /// `spans[di - 1]` target span lengths wanted of each source span (none: 0). With
    /// postings, one walk of each anchor's postings serves every target span length (the
    /// searches of the postings, each a likely cache miss, were most of the time), and a
    /// span of several source sentences walks only the anchors its first sentence adds to the
    /// shorter span's, onto that span's counts: a walk per span walked the last sentence's
    /// anchors three times a row.
    pub(crate) fn rows(
        &self,
        i: usize,
        (lo, hi): (usize, usize),
        spans: [usize; MAX_SPAN],
        counts: &mut [[Vec<u32>; MAX_SPAN]; MAX_SPAN],
        scratch: &mut Cursors,
    ) {
        // Target span lengths with a column in the band.
        let wanted = |di: usize| spans[di - 1].min(hi).min(MAX_SPAN);
        let Some(last) = (1..=MAX_SPAN.min(i)).rev().find(|&di| wanted(di) > 0) else {
            return;
        };
        if let Some(bits) = &self.bits {
            for di in (1..=last).filter(|&di| wanted(di) > 0) {
                let counts = &mut counts[di - 1][..wanted(di)];
                bits.row((i, di), (lo, hi), counts, &mut scratch.bits);
            }
            return;
        }
        scratch.heads_for(self);
        let Cursors {
            heads,
            fresh,
            hits,
            span_number,
            ..
        } = scratch;
        // `heads[id].span == span_number`: the anchor is in the sentences walked so far this row.
        *span_number = span_number.wrapping_add(1);
        if *span_number == 0 {
            heads.iter_mut().for_each(|head| head.span = 0);
            *span_number = 1;
        }
        // Target span lengths the hits must serve from here on.
        let keep = |di: usize| (di..=last).map(wanted).max().unwrap_or(0);
        // The first target sentence a span of the band may start at.
        let base = lo.max(keep(1)) - keep(1);
        hits.clear();
        hits.resize(hi - base, [0; MAX_SPAN]);
        for di in 1..=last {
            fresh.clear();
            for &id in self.source.get(i - di) {
                let seen = &mut heads[id as usize].span;
                if *seen != *span_number {
                    *seen = *span_number;
                    fresh.push(id);
                }
            }
            if keep(di) > 0 {
                self.walk(fresh, (base, hi), hits, heads);
            }
            for (dj, counts) in (1..=wanted(di)).zip(&mut counts[di - 1]) {
                spans_from_hits(hits, base, (lo, hi), dj, counts);
            }
        }
    }

    /// Adds to `hits[p - base]`, for each target sentence `p` in `base..hi` that holds one of
    /// the anchors `ids`, one for each such anchor at `[0]`, and at `[k]` one for each whose
    /// sentence before `p` holding it lies more than `k` sentences back (or before `base`):
    /// the spans of up to `k + 1` sentences that hold the anchor at `p` and start there or
    /// later count it there, once (see [`spans_from_hits`]). `heads` say where each anchor's
    /// last search of its postings ended.
    fn walk(
        &self,
        ids: &[u32],
        (base, hi): (usize, usize),
        hits: &mut [[u32; MAX_SPAN]],
        heads: &mut [Head],
    ) {
        for &id in ids {
            let head = &mut heads[id as usize];
            let first = self.first_posting(id, head, base);
            if head.next as usize >= hi {
                continue; // no posting inside the band
            }
            // Before the first hit: none nearer than `MAX_SPAN` sentences before `base`.
            let mut before = base.wrapping_sub(MAX_SPAN);
            let sentences = self.postings.get(id as usize);
            for &p in sentences[first..]
                .iter()
                .take_while(|&&p| (p as usize) < hi)
            {
                let p = p as usize;
                let gap = p.wrapping_sub(before);
                for (k, count) in hits[p - base].iter_mut().enumerate() {
                    *count += u32::from(gap > k);
                }
                before = p;
            }
        }
    }

    /// The first of anchor `id`'s postings whose sentence is at least `from`, its `head` moved
    /// there. Where the band has not moved back and the head's sentence is still at least
    /// `from` (nearly always), the head is the answer: the postings are not read.
    fn first_posting(&self, id: u32, head: &mut Head, from: usize) -> usize {
        let from = from as u32;
        if head.from > from || head.next < from {
            let sentences = self.postings.get(id as usize);
            let at = seek(sentences, head.at as usize, from as usize);
            head.at = at as u32;
            head.next = sentences.get(at).copied().unwrap_or(u32::MAX);
        }
        head.from = from;
        head.at as usize
    }
}

/// Into `counts[j - lo]`, for `j` in `lo..=hi`, how many of the walked anchors the target
/// sentences `j - dj..j` hold, each once: those it holds first at its `k`-th sentence, which
/// [`Overlap::walk`] counted at `hits[j - dj + k - base][k]`. One count per hit and span
/// length, and the spans summed after, where each hit was added to every span that holds it
/// and had not counted the anchor yet (a loop a hit and span length).
fn spans_from_hits(
    hits: &[[u32; MAX_SPAN]],
    base: usize,
    (lo, hi): (usize, usize),
    dj: usize,
    counts: &mut Vec<u32>,
) {
    counts.clear();
    counts.extend((lo..=hi).map(|j| match j.checked_sub(dj) {
        Some(start) => (0..dj).map(|k| hits[start + k - base][k]).sum(),
        None => 0,
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::lexical::{shared, union};

    /// Runs of 1..=MAX_SPAN sentences, as the cost model builds them.
    fn runs(single: &[Vec<u32>]) -> Vec<Vec<Vec<u32>>> {
        let mut runs = vec![single.to_vec()];
        for k in 1..MAX_SPAN {
            let longer = runs[k - 1]
                .iter()
                .zip(single.iter().skip(k))
                .map(|(a, b)| union(a, b))
                .collect();
            runs.push(longer);
        }
        runs
    }

    /// Pseudo-random sorted sets of up to `size` ids below `ids`, with repeats across
    /// neighbours.
    fn sides(size: u64, ids: u64) -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
        let mut next = crate::testing::test_numbers(7);
        let mut side = |len: usize| -> Vec<Vec<u32>> {
            (0..len)
                .map(|_| {
                    let mut s: Vec<u32> = (0..next(size)).map(|_| next(ids) as u32).collect();
                    s.sort_unstable();
                    s.dedup();
                    s
                })
                .collect()
        };
        (side(30), side(25))
    }

    /// Every row's counts, for bands that move both ways, against the intersections.
    fn assert_rows_count_intersections(source: &[Vec<u32>], target: &[Vec<u32>], bits: bool) {
        let (sr, tr) = (runs(source), runs(target));
        // Lists as the cost model may hold them: in any order, an anchor perhaps repeated.
        let messy = |side: &[Vec<u32>]| -> Vec<Vec<u32>> {
            side.iter()
                .map(|set| set.iter().rev().chain(set.first()).copied().collect())
                .collect()
        };
        let lists = |side: &[Vec<u32>]| Lists::from_lists(side.iter().map(Vec::as_slice));
        let (ms, mt) = (messy(source), messy(target));
        let overlap = Overlap::new(&Dense::new(&lists(&ms), &lists(&mt)));
        assert_eq!(overlap.bits.is_some(), bits);
        // One set of cursors for every query.
        let mut cursors = Cursors::default();
        for i in 0..=source.len() {
            // One source span length at a time.
            for di in 1..=MAX_SPAN {
                for spans in 1..=MAX_SPAN {
                    let lo = (i * 7 + spans) % 12;
                    let hi = (lo + 3 + i % 9).min(target.len());
                    let mut all: [[Vec<u32>; MAX_SPAN]; MAX_SPAN] = Default::default();
                    for counts in &mut all[di - 1][..spans] {
                        counts.resize(hi - lo + 1, 0);
                    }
                    let mut wanted = [0; MAX_SPAN];
                    wanted[di - 1] = spans;
                    overlap.rows(i, (lo, hi), wanted, &mut all, &mut cursors);
                    let counts = &all[di - 1];
                    for (dj, counts) in (1..=spans).zip(counts) {
                        for j in lo..=hi {
                            let expected = if di > i || dj > j {
                                0
                            } else {
                                shared(&sr[di - 1][i - di], &tr[dj - 1][j - dj])
                            };
                            let at = format!("i {i} j {j} {di}-{dj}");
                            assert_eq!(counts[j - lo] as usize, expected, "{at}");
                        }
                    }
                }
            }
            // Every source span at once, with some wanted and some not, as the cost model
            // asks: each span's counts built on the shorter span's.
            for wanted in [[3, 2, 1], [0, 2, 1], [1, 0, 3], [0, 0, 1], [2, 2, 0]] {
                let lo = (i * 5) % 9;
                let hi = (lo + 2 + i % 11).min(target.len());
                let mut counts: [[Vec<u32>; MAX_SPAN]; MAX_SPAN] = Default::default();
                for (di, spans) in (1..=MAX_SPAN).zip(wanted) {
                    for counts in &mut counts[di - 1][..spans] {
                        counts.resize(hi - lo + 1, 0);
                    }
                }
                overlap.rows(i, (lo, hi), wanted, &mut counts, &mut cursors);
                for (di, spans) in (1..=MAX_SPAN.min(i)).zip(wanted) {
                    for dj in 1..=spans {
                        for j in lo..=hi {
                            let expected = if dj > j {
                                0
                            } else {
                                shared(&sr[di - 1][i - di], &tr[dj - 1][j - dj])
                            };
                            let at = format!("all spans {wanted:?}: i {i} j {j} {di}-{dj}");
                            assert_eq!(counts[di - 1][dj - 1][j - lo] as usize, expected, "{at}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn row_counts_equal_set_intersections() {
        let (source, target) = sides(6, 12);
        assert_rows_count_intersections(&source, &target, false);
    }

    #[test]
    fn cursors_moved_to_another_overlap_forget_the_first() {
        // Two documents' overlaps, rows of one then the other on the same cursors: a head kept
        // from the first would say where postings of the second are that do not exist there.
        let lists = |side: &[Vec<u32>]| Lists::from_lists(side.iter().map(Vec::as_slice));
        let (source, target) = sides(6, 12);
        let (other_source, other_target) = sides(9, 7);
        let overlaps = [
            Overlap::new(&Dense::new(&lists(&source), &lists(&target))),
            Overlap::new(&Dense::new(&lists(&other_source), &lists(&other_target))),
        ];
        let mut shared_cursors = Cursors::default();
        for i in 1..=source.len().min(other_source.len()) {
            for overlap in &overlaps {
                let (lo, hi) = (i.min(20) / 2, (i.min(20) / 2 + 6).min(target.len()));
                let count = |cursors: &mut Cursors| {
                    let mut counts: [[Vec<u32>; MAX_SPAN]; MAX_SPAN] = Default::default();
                    overlap.rows(i, (lo, hi), [3, 2, 1], &mut counts, cursors);
                    counts
                };
                assert_eq!(
                    count(&mut shared_cursors),
                    count(&mut Cursors::default()),
                    "i {i}"
                );
            }
        }
    }

    #[test]
    fn bit_sets_count_what_postings_count() {
        // Sets of dozens of anchors out of 150 ids (three words), as a coarse level's blocks.
        let (source, target) = sides(80, 150);
        assert_rows_count_intersections(&source, &target, true);
    }

    #[test]
    fn one_sentence_of_many_anchors_against_many_small_ones_got_bit_sets_of_gigabytes() {
        // 20,000 ids: a source of one sentence holding them all, a target of 20,000 sentences
        // of one each. Bit sets would take 20,001 × 313 words (50 MB); at 500,000 it was 31 GB.
        let all: Vec<u32> = (0..20_000).collect();
        let source = Lists::from_lists([all.as_slice()].into_iter());
        let singles: Vec<[u32; 1]> = (0..20_000).map(|id| [id]).collect();
        let target = Lists::from_lists(singles.iter().map(|s| s.as_slice()));
        assert!(!Bits::pays(20_000, &source, &target));
        // The same source against a target as dense as it: bit sets pay.
        assert!(Bits::pays(20_000, &source, &source));
        let overlap = Overlap::new(&Dense::new(&source, &target));
        assert!(overlap.bits.is_none());
    }

    #[test]
    fn seek_finds_the_first_start_from_any_hint() {
        let starts = [1, 3, 3, 8, 9, 15, 20, 21, 30, 31, 40];
        for from in 0..45 {
            let expected = starts.partition_point(|&s| s < from as u32);
            for hint in 0..=starts.len() + 2 {
                assert_eq!(
                    seek(&starts, hint, from),
                    expected,
                    "from {from} hint {hint}"
                );
            }
        }
    }
}
