//! The least a Gale-Church aligner can do on `../shared/bench/100k`: the floor that case D of
//! issue 6 is measured against (see `scripts/bench_floor.sh`). Not part of bitext.
//!
//! Lengths alone (Gale & Church 1993: six bead shapes, their priors, c from the texts, s² = 6.8),
//! the k-th paragraph of one side zipped with the k-th of the other (as the PyPI `galechurch`
//! package does), each paragraph pair a full lattice, half the paragraphs on each of two
//! threads. No normalisation, no confidence, no lexical evidence, and only the beads written,
//! as `[fr ids]<TAB>[en ids]` lines: whatever an aligner does on top of this costs more.
//!
//!     rustc -O floor.rs -o floor && ./floor FR EN OUT [--texts]
//!
//! `--texts`: each bead's sentences follow its ids, as in a corpus (not escaped).

use std::io::Write;
use std::thread;

/// Bead shapes (source sentences, target sentences) and `-ln` of their priors (0.89, 0.0099,
/// 0.0099, 0.089, 0.089, 0.011).
const BEADS: [(usize, usize); 6] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)];
const PRIOR_COST: [f64; 6] = [0.1165, 4.6152, 4.6152, 2.4191, 2.4191, 4.5099];
const VARIANCE: f64 = 6.8;

/// Paragraphs (runs of non-blank lines) of one sentence per line.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out = vec![Vec::new()];
    for line in text.split('\n') {
        if !line.trim().is_empty() {
            out.last_mut().unwrap().push(line);
        } else if !out.last().unwrap().is_empty() {
            out.push(Vec::new());
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Characters, counted as the UTF-8 bytes that start one.
fn chars(text: &str) -> f64 {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count() as f64
}

/// `-ln` of the two-tailed normal probability of `z` (Abramowitz & Stegun 26.2.17, as in Gale
/// & Church's program).
fn two_tailed_cost(z: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.2316419 * z);
    let poly = t * (0.3193815 + t * (-0.3565638 + t * (1.781478 + t * (-1.821256 + t * 1.330274))));
    let p = 2.0 * 0.3989423 * (-z * z / 2.0).exp() * poly;
    -p.max(1e-300).ln()
}

/// [`two_tailed_cost`] at steps of 1/128 up to z = 40, read with linear interpolation: the
/// logarithm was most of the programme's time.
struct Table(Vec<f64>);

impl Table {
    const SCALE: f64 = 128.0;

    fn new() -> Self {
        Table(
            (0..=40 * 128 + 1)
                .map(|k| two_tailed_cost(k as f64 / Self::SCALE))
                .collect(),
        )
    }

    fn length_cost(&self, l1: f64, l2: f64, c: f64) -> f64 {
        let mean = (l1 + l2 / c) / 2.0;
        let z = ((c * l1 - l2) / (VARIANCE * mean.max(1.0)).sqrt()).abs() * Self::SCALE;
        let k = z as usize;
        if k + 1 >= self.0.len() {
            return two_tailed_cost(z / Self::SCALE);
        }
        let f = z - k as f64;
        self.0[k] + f * (self.0[k + 1] - self.0[k])
    }
}

/// The beads of paragraph pairs `source`/`target`, numbered from `(i0, j0)`, as TSV lines.
fn align(
    source: &[Vec<&str>],
    target: &[Vec<&str>],
    (mut i0, mut j0): (usize, usize),
    c: f64,
    table: &Table,
    texts: bool,
) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut cost, mut back) = (Vec::new(), Vec::new());
    for (s, t) in source.iter().zip(target) {
        let ls: Vec<f64> = s.iter().map(|x| chars(x)).collect();
        let lt: Vec<f64> = t.iter().map(|x| chars(x)).collect();
        let (n, m) = (ls.len(), lt.len());
        let cell = |i: usize, j: usize| i * (m + 1) + j;
        cost.clear();
        cost.resize((n + 1) * (m + 1), f64::INFINITY);
        back.clear();
        back.resize((n + 1) * (m + 1), 0u8);
        cost[0] = 0.0;
        for i in 0..=n {
            for j in (0..=m).filter(|&j| i + j > 0) {
                for (k, &(di, dj)) in BEADS
                    .iter()
                    .enumerate()
                    .filter(|(_, (di, dj))| *di <= i && *dj <= j)
                {
                    let (l1, l2): (f64, f64) =
                        (ls[i - di..i].iter().sum(), lt[j - dj..j].iter().sum());
                    let length = if di > 0 && dj > 0 {
                        table.length_cost(l1, l2, c)
                    } else {
                        0.0
                    };
                    let total = cost[cell(i - di, j - dj)] + PRIOR_COST[k] + length;
                    if total < cost[cell(i, j)] {
                        cost[cell(i, j)] = total;
                        back[cell(i, j)] = k as u8;
                    }
                }
            }
        }
        let (mut i, mut j, mut beads) = (n, m, Vec::new());
        while i + j > 0 {
            let (di, dj) = BEADS[back[cell(i, j)] as usize];
            beads.push((i - di..i, j - dj..j));
            (i, j) = (i - di, j - dj);
        }
        for (fr, en) in beads.into_iter().rev() {
            let ids = |r: std::ops::Range<usize>, from| r.map(|k| from + k).collect::<Vec<_>>();
            write!(out, "{:?}\t{:?}", ids(fr.clone(), i0), ids(en.clone(), j0)).unwrap();
            if texts {
                // As a corpus carries them (bitext's JSON Lines do), unescaped: a floor.
                for sentences in [&s[fr], &t[en]] {
                    out.push(b'\t');
                    for sentence in sentences {
                        out.extend_from_slice(sentence.as_bytes());
                        out.push(b' ');
                    }
                }
            }
            out.push(b'\n');
        }
        (i0, j0) = (i0 + n, j0 + m);
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (fr, en, out, texts) = match &args[..] {
        [_, fr, en, out] => (fr, en, out, false),
        [_, fr, en, out, t] if t == "--texts" => (fr, en, out, true),
        _ => panic!("usage: floor FR EN OUT [--texts]"),
    };
    let (fr, en) = thread::scope(|s| {
        let fr = s.spawn(|| std::fs::read_to_string(fr).unwrap());
        let en = std::fs::read_to_string(en).unwrap();
        (fr.join().unwrap(), en)
    });
    let (source, target) = thread::scope(|s| {
        let source = s.spawn(|| paragraphs(&fr));
        let target = paragraphs(&en);
        (source.join().unwrap(), target)
    });
    assert_eq!(source.len(), target.len(), "paragraph counts differ");
    let c = chars(&en) / chars(&fr);
    let table = Table::new();
    let half = source.len() / 2;
    let count = |p: &[Vec<&str>]| p.iter().map(Vec::len).sum::<usize>();
    let start = (count(&source[..half]), count(&target[..half]));
    let (first, second) = thread::scope(|s| {
        let second = s.spawn(|| align(&source[half..], &target[half..], start, c, &table, texts));
        let first = align(&source[..half], &target[..half], (0, 0), c, &table, texts);
        (first, second.join().unwrap())
    });
    let mut file = std::fs::File::create(out).unwrap();
    file.write_all(&first).unwrap();
    file.write_all(&second).unwrap();
}
