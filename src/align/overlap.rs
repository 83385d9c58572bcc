//! Shared anchors for a whole row of the lattice at once.
//!
//! The dynamic programme weighs every bead ending in a band of cells: intersecting the two
//! sides' anchor sets bead by bead made three quarters of the aligner's time. Instead, each
//! anchor of the target side gets the sorted list of target spans that hold it (an inverted
//! index, for spans of one to [`MAX_SPAN`] sentences), and each source span keeps only the
//! anchors the target has at all. A row's counts are then a walk over the source span's
//! anchors and, for each, the few target spans inside the band: exactly the sizes of the
//! intersections, at a fraction of the work.

use rustc_hash::FxHashMap as HashMap;

use super::cost::MAX_SPAN;

/// Where the last search of each posting list ended, for each span length: the band moves a
/// few columns from row to row, so the next search starts there.
#[derive(Debug, Clone, Default)]
pub struct Cursors {
    at: [Vec<u32>; MAX_SPAN],
}

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

/// Lists of `u32` stored back to back: list `k` is `items[offsets[k]..offsets[k + 1]]`.
#[derive(Debug, Clone, Default)]
struct Lists {
    offsets: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    /// The lists of ids of each run's anchors (those with an id), in the runs' order.
    fn mapped(runs: &[Vec<u32>], ids: &HashMap<u32, u32>) -> Self {
        let mut out = Lists {
            offsets: Vec::with_capacity(runs.len() + 1),
            items: Vec::new(),
        };
        out.offsets.push(0);
        for anchors in runs {
            out.items
                .extend(anchors.iter().filter_map(|a| ids.get(a).copied()));
            out.offsets.push(out.items.len() as u32);
        }
        out
    }

    /// The inverted lists: for each id, the runs that hold it, in increasing order. Counted
    /// first, then filled, so that no id needs a list of its own.
    fn inverted(by_run: &Lists, ids: usize) -> Self {
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

    fn get(&self, k: usize) -> &[u32] {
        match (self.offsets.get(k), self.offsets.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// What [`Overlap::row`] needs to know of both sides, built once per document pair and model.
#[derive(Debug, Clone, Default)]
pub struct Overlap {
    /// `source[k]`: for each span of `k + 1` source sentences starting at `i`, the dense ids of
    /// its anchors that occur on the target side.
    source: Vec<Lists>,
    /// `postings[k]`: for each dense anchor id, the sorted starts of the target spans of
    /// `k + 1` sentences that hold it.
    postings: Vec<Lists>,
}

impl Overlap {
    /// `source_runs[k][i]` and `target_runs[k][j]`: the sorted anchor sets of the spans of
    /// `k + 1` sentences starting at `i` (source) or `j` (target).
    pub fn new(source_runs: &[Vec<Vec<u32>>], target_runs: &[Vec<Vec<u32>>]) -> Self {
        let mut ids: HashMap<u32, u32> = HashMap::default();
        for anchors in target_runs.first().into_iter().flatten() {
            for &a in anchors {
                let next = ids.len() as u32;
                ids.entry(a).or_insert(next);
            }
        }
        let postings = target_runs
            .iter()
            .map(|runs| Lists::inverted(&Lists::mapped(runs, &ids), ids.len()))
            .collect();
        let source = source_runs
            .iter()
            .map(|runs| Lists::mapped(runs, &ids))
            .collect();
        Self { source, postings }
    }

    /// Adds to `counts[j - lo]`, for `j` in `lo..=hi`, how many anchors the source sentences
    /// `i - di..i` share with the target sentences `j - dj..j`.
    pub fn row(
        &self,
        i: usize,
        (di, dj): (usize, usize),
        lo: usize,
        hi: usize,
        counts: &mut [u32],
        cursors: &mut Cursors,
    ) {
        if di == 0 || dj == 0 || di > i || di > MAX_SPAN || dj > MAX_SPAN || hi < dj {
            return;
        }
        let (Some(source), Some(postings)) = (self.source.get(di - 1), self.postings.get(dj - 1))
        else {
            return;
        };
        // Target spans start at `j - dj` for the columns of the band.
        let (from, to) = (lo.max(dj) - dj, hi - dj);
        let cursors = &mut cursors.at[dj - 1];
        cursors.resize(postings.offsets.len().saturating_sub(1), 0);
        for &id in source.get(i - di) {
            let starts = postings.get(id as usize);
            let cursor = &mut cursors[id as usize];
            let first = seek(starts, *cursor as usize, from);
            *cursor = first as u32;
            for &s in starts[first..].iter().take_while(|&&s| s as usize <= to) {
                counts[s as usize + dj - lo] += 1;
            }
        }
    }
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

    #[test]
    fn row_counts_equal_set_intersections() {
        // Pseudo-random small anchor sets with repeats across neighbours.
        let mut state = 7u64;
        let mut next = move |n: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % n
        };
        let mut side = |len: usize| -> Vec<Vec<u32>> {
            (0..len)
                .map(|_| {
                    let mut s: Vec<u32> = (0..next(6)).map(|_| next(12) as u32).collect();
                    s.sort_unstable();
                    s.dedup();
                    s
                })
                .collect()
        };
        let (source, target) = (side(30), side(25));
        let (sr, tr) = (runs(&source), runs(&target));
        let overlap = Overlap::new(&sr, &tr);
        // One set of cursors for every query, with bands that move both ways.
        let mut cursors = Cursors::default();
        for i in 0..=source.len() {
            for di in 0..=MAX_SPAN {
                for dj in 0..=MAX_SPAN {
                    let lo = (i * 7 + dj) % 12;
                    let hi = (lo + 3 + i % 9).min(target.len());
                    let mut counts = vec![0; hi - lo + 1];
                    overlap.row(i, (di, dj), lo, hi, &mut counts, &mut cursors);
                    for j in lo..=hi {
                        let expected = if di == 0 || dj == 0 || di > i || dj > j {
                            0
                        } else {
                            shared(&sr[di - 1][i - di], &tr[dj - 1][j - dj])
                        };
                        assert_eq!(counts[j - lo] as usize, expected, "i {i} j {j} {di}-{dj}");
                    }
                }
            }
        }
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
