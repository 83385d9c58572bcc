//! Lexical anchors: evidence a document pair carries in itself, with no dictionary.
//!
//! Numbers (`7 000` = `7,000`, `3,5` = `3.5`), cognates (`gouvernement`/`government`,
//! `Azerbaïdjan`/`Azerbaijan`: the first four letters once accents are folded), acronyms
//! (`AFP`, `ONU`) and the marks `? ! %` survive translation. Each sentence is reduced to a sorted
//! set of hashed anchors; a bead whose two sides share many of them is more likely right.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Letters a word needs to count as a possible cognate, and the prefix compared.
const COGNATE_MIN: usize = 4;
const COGNATE_PREFIX: usize = 4;

/// The sorted, de-duplicated anchor hashes of one sentence.
pub fn anchors(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let (number, next) = read_number(&chars, i);
            out.push(number);
            i = next;
        } else if c.is_alphabetic() {
            let start = i;
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            word_anchor(&chars[start..i], &mut out);
        } else {
            if matches!(c, '?' | '!' | '%') {
                out.push(Fnv::new(b'p').char(c).0);
            }
            i += 1;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The hash of a number with its group and decimal separators taken out (`7 000`, `7,000` →
/// `7000`), and where it ends.
fn read_number(chars: &[char], start: usize) -> (u32, usize) {
    let mut digits = Fnv::new(b'#');
    let mut i = start;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            digits = digits.char(chars[i]);
            i += 1;
        } else if matches!(chars[i], ' ' | ',' | '.' | '\u{a0}' | '\u{202f}')
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        {
            i += 1;
        } else {
            break;
        }
    }
    (digits.0, i)
}

/// Acronyms whole (`AFP`), longer words by their accent-folded prefix (`gouv`).
fn word_anchor(word: &[char], out: &mut Vec<u32>) {
    let acronym = word.len() >= 2 && word.iter().all(|c| c.is_uppercase());
    if !acronym && word.len() < COGNATE_MIN {
        return;
    }
    // A cognate needs only its prefix folded; an acronym is kept whole. The folded letters
    // are hashed as they come, with no string built.
    let wanted = if acronym { usize::MAX } else { COGNATE_PREFIX };
    let mut key = Fnv::new(b'w');
    let mut count = 0;
    for &c in word {
        if count >= wanted {
            break;
        }
        if c.is_ascii() {
            key = key.char(c.to_ascii_lowercase()); // no accent to fold
            count += 1;
            continue;
        }
        for lower in c.to_lowercase() {
            decompose_canonical(lower, |d| {
                // One letter can fold to more than the prefix still wants.
                if !is_combining_mark(d) && count < wanted {
                    key = key.char(d);
                    count += 1;
                }
            });
        }
    }
    out.push(key.0);
}

/// FNV-1a over UTF-8, with a tag byte first so that a number and a word never collide by
/// construction.
#[derive(Clone, Copy)]
struct Fnv(u32);

impl Fnv {
    fn new(tag: u8) -> Self {
        Self(0x811c_9dc5).byte(tag)
    }

    fn byte(self, b: u8) -> Self {
        Self((self.0 ^ u32::from(b)).wrapping_mul(0x0100_0193))
    }

    fn char(self, c: char) -> Self {
        let mut buffer = [0; 4];
        c.encode_utf8(&mut buffer)
            .bytes()
            .fold(self, |h, b| h.byte(b))
    }
}

/// How many anchors two sorted sets share. Branch-free steps: this runs for every bead the
/// dynamic programme weighs, and the comparisons are unpredictable.
pub fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// The union of two sorted sets (for a bead of two sentences).
pub fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    union_into(a, b, &mut out);
    out
}

/// [`union`] into `out`, cleared first: no allocation once `out` has grown.
pub fn union_into(a: &[u32], b: &[u32], out: &mut Vec<u32>) {
    out.clear();
    let (mut x, mut y) = (a.iter().peekable(), b.iter().peekable());
    while let (Some(&&p), Some(&&q)) = (x.peek(), y.peek()) {
        out.push(p.min(q));
        if p <= q {
            x.next();
        }
        if q <= p {
            y.next();
        }
    }
    out.extend(x.chain(y));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cognates_match_across_accents_and_languages() {
        let fr = anchors("L’Azerbaïdjan et le gouvernement arménien");
        let en = anchors("Azerbaijan and the Armenian government");
        // azer and arme match; gouv/gove do not share four letters.
        assert_eq!(shared(&fr, &en), 2);
    }

    #[test]
    fn numbers_match_whatever_their_separators() {
        let fr = anchors("7 000 personnes, 3,5 % et 1994");
        let en = anchors("7,000 people, 3.5% and 1994");
        assert_eq!(shared(&fr, &en), 4, "7000, 35, %, 1994");
    }

    #[test]
    fn acronyms_count_and_short_words_do_not() {
        let fr = anchors("selon l’AFP et le PIB");
        let en = anchors("according to AFP and the GDP");
        assert_eq!(shared(&fr, &en), 1);
        assert!(anchors("le la et un").is_empty());
    }

    #[test]
    fn union_and_shared_on_sorted_sets() {
        assert_eq!(union(&[1, 3], &[2, 3]), [1, 2, 3]);
        assert_eq!(shared(&[1, 2, 5], &[2, 5, 9]), 2);
    }
}
