//! Lexical anchors: evidence a document pair carries in itself, with no dictionary.
//!
//! Numbers (`7 000` = `7,000`, `3,5` = `3.5`), cognates (`gouvernement`/`government`,
//! `Azerbaïdjan`/`Azerbaijan`: the first four letters once accents are folded), acronyms
//! (`AFP`, `ONU`) and the marks `? ! %` survive translation. Each sentence is reduced to a sorted
//! set of hashed anchors; a bead whose two sides share many of them is more likely right.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::constants::{COGNATE_MIN, COGNATE_PREFIX};
use super::translation;

/// The sorted, de-duplicated anchor hashes of one sentence.
#[cfg(test)]
pub(crate) fn anchors(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    anchors_and_words(text, &mut out, |_| {});
    out.sort_unstable();
    out.dedup();
    out
}

/// The anchor hashes of one sentence into `out` (cleared first: room kept from sentence to
/// sentence), in the text's order and repeated as often as the text repeats them (the cost
/// model takes each once: sorting every sentence's anchors was a tenth of reading a side),
/// calling `word` with the hash of each of its words ([`translation::word`] of each of its
/// [`letter_runs`] that has one, in order): the aligner reads a sentence's words and anchors
/// in one pass over its text.
pub(crate) fn anchors_and_words(text: &str, out: &mut Vec<u32>, mut word: impl FnMut(u32)) {
    out.clear();
    let bytes = text.as_bytes();
    let mut at = 0;
    // ASCII is classified byte by byte, other characters are decoded: most of a French
    // text's bytes are ASCII (decoding every character cost a sixth more instructions).
    while let Some(&b) = bytes.get(at) {
        let rest = &text[at..];
        at += if b.is_ascii_digit() {
            let (number, len) = read_number(rest);
            out.push(number);
            len
        } else if let Some((len, hash)) = ascii_word(&bytes[at..]) {
            if len >= 2 {
                word(hash); // a single letter is no word
            }
            ascii_word_anchor(&bytes[at..at + len], out);
            len
        } else if starts_with_letter(rest) {
            let len = letters_len(rest);
            if let Some(hash) = translation::word(&rest[..len]) {
                word(hash);
            }
            word_anchor(&rest[..len], out);
            len
        } else if b.is_ascii() {
            if matches!(b, b'?' | b'!' | b'%') {
                out.push(Fnv::new(b'p').byte(b).0);
            }
            1
        } else {
            rest.chars().next().map_or(1, char::len_utf8)
        };
    }
}

/// The run of ASCII letters `bytes` start with, when it ends before a character beyond ASCII
/// (`caf` of `café` is not one: it may go on), as its length and [`translation::word`]'s hash
/// of it, hashed as it is scanned: most runs of French and English text, where scanning a run
/// and then hashing it read it twice.
fn ascii_word(bytes: &[u8]) -> Option<(usize, u32)> {
    let mut hash = translation::WORD_START;
    let mut len = 0;
    while let Some(&b) = bytes.get(len) {
        if !b.is_ascii_alphabetic() {
            break;
        }
        hash = translation::word_step(hash, b);
        len += 1;
    }
    (len > 0 && bytes.get(len).is_none_or(u8::is_ascii)).then_some((len, hash))
}

/// The runs of letters of `text` (`char::is_alphabetic`), each as long as it goes: what
/// splitting at every other character leaves, without the empty pieces.
pub(crate) fn letter_runs(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < text.len() && !starts_with_letter(&text[at..]) {
            let b = text.as_bytes()[at];
            at += if b.is_ascii() {
                1
            } else {
                text[at..].chars().next().map_or(1, char::len_utf8)
            };
        }
        let run = &text[at..at + letters_len(&text[at..])];
        at += run.len();
        (!run.is_empty()).then_some(run)
    })
}

fn starts_with_letter(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_alphabetic(),
        _ => text.chars().next().is_some_and(is_letter),
    }
}

/// `char::is_alphabetic`, with the accented Latin letters of French text (U+00C0 to U+024F:
/// all letters but `×` and `÷`) answered without searching the Unicode tables.
fn is_letter(c: char) -> bool {
    match c {
        '\u{c0}'..='\u{24f}' => !matches!(c, '×' | '÷'),
        _ => c.is_alphabetic(),
    }
}

/// Bytes of the run of letters `text` starts with.
fn letters_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut len = 0;
    loop {
        // ASCII letters in a tight loop; a non-ASCII byte is decoded and may go on the run.
        len += bytes[len..]
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(bytes.len() - len);
        match text[len..].chars().next() {
            Some(c) if !c.is_ascii() && is_letter(c) => len += c.len_utf8(),
            _ => return len,
        }
    }
}

/// The hash of the number `text` starts with, its group and decimal separators taken out
/// (`7 000`, `7,000` → `7000`), and its length in bytes.
fn read_number(text: &str) -> (u32, usize) {
    let mut digits = Fnv::new(b'#');
    let mut end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            digits = digits.char(c);
            end = i + 1;
        } else if !(matches!(c, ' ' | ',' | '.' | '\u{a0}' | '\u{202f}')
            && chars.peek().is_some_and(|(_, next)| next.is_ascii_digit()))
        {
            break;
        }
    }
    (digits.0, end)
}

/// Acronyms whole (`AFP`), longer words by their accent-folded prefix (`gouv`).
fn word_anchor(word: &str, out: &mut Vec<u32>) {
    if word.is_ascii() {
        ascii_word_anchor(word.as_bytes(), out);
    } else {
        any_word_anchor(word, out);
    }
}

fn any_word_anchor(word: &str, out: &mut Vec<u32>) {
    let letters = word.chars().count();
    let acronym = letters >= 2 && word.chars().all(char::is_uppercase);
    if !acronym && letters < COGNATE_MIN {
        return;
    }
    // A cognate needs only its prefix folded; an acronym is kept whole. The folded letters
    // are hashed as they come, with no string built.
    let wanted = if acronym { usize::MAX } else { COGNATE_PREFIX };
    let mut key = Fnv::new(b'w');
    let mut count = 0;
    for c in word.chars() {
        if count >= wanted {
            break;
        }
        if c.is_ascii() {
            key = key.char(c.to_ascii_lowercase()); // no accent to fold
            count += 1;
            continue;
        }
        if let Some(folded) = latin1_folded(c) {
            key = key.char(folded);
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

/// A Latin-1 letter (U+00C0 to U+00FF: `é`, `Ç`, `ß`) lower-cased and without its accent, as
/// [`any_word_anchor`] folds it through Unicode's tables: each becomes one letter. A French
/// text's accented letters are nearly all here, and the tables' searches were a tenth of
/// reading its anchors. `None` outside the block.
fn latin1_folded(c: char) -> Option<char> {
    /// The folded letter of U+00C0 + k, as its Latin-1 byte (`×` and `÷` are their own).
    const FOLDED: &[u8; 64] = b"aaaaaa\xe6ceeeeiiii\xf0nooooo\xd7\xf8uuuuy\xfe\xdf\
                                aaaaaa\xe6ceeeeiiii\xf0nooooo\xf7\xf8uuuuy\xfey";
    let k = u32::from(c).checked_sub(0xc0).filter(|&k| k < 64)?;
    Some(char::from(FOLDED[k as usize]))
}

/// [`word_anchor`] of an ASCII word: a letter is its byte, and has no accent to fold.
fn ascii_word_anchor(word: &[u8], out: &mut Vec<u32>) {
    let acronym = word.len() >= 2 && word.iter().all(u8::is_ascii_uppercase);
    if !acronym && word.len() < COGNATE_MIN {
        return;
    }
    let kept = if acronym {
        word
    } else {
        &word[..COGNATE_PREFIX]
    };
    let key = kept
        .iter()
        .fold(Fnv::new(b'w'), |key, b| key.byte(b.to_ascii_lowercase()));
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

/// How many anchors two sorted sets share: the definition the cost model's counts (which
/// never build such sets) are tested against.
#[cfg(test)]
pub(crate) fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// The union of two sorted sets, for the same tests.
#[cfg(test)]
pub(crate) fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    out
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
    fn anchors_meet_the_words_of_the_letter_runs_in_order() {
        for text in [
            "Le 7 000 ONU-café, 3,5 % d’Azerbaïdjan: ΣΑΣ x.",
            "a",
            "cafe",
            "café",
            "Été, ab1cd",
            "x\u{301}y DÉJÀ vu",
        ] {
            let mut words = Vec::new();
            anchors_and_words(text, &mut Vec::new(), |word| words.push(word));
            let expected: Vec<u32> = letter_runs(text).filter_map(translation::word).collect();
            assert_eq!(words, expected, "{text:?}");
        }
    }

    #[test]
    fn letter_runs_are_what_splitting_at_other_characters_leaves() {
        for text in [
            "L’Azerbaïdjan, 7 000 ﬁls—İstanbul?ΣΑΣ 日本語 and ǅemal-x",
            "",
            "  ,. ",
            "é",
            "a1b2c3 ÉÉ ½ ⅷ x\u{301}y ﬁn",
        ] {
            let split: Vec<&str> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(letter_runs(text).collect::<Vec<_>>(), split, "{text:?}");
        }
    }

    #[test]
    fn letters_are_what_is_alphabetic_says() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{:?}", c);
        }
    }

    #[test]
    fn latin1_letters_fold_as_the_unicode_tables_fold_them() {
        for c in ('\u{c0}'..='\u{ff}').chain(['a', '\u{bf}', '\u{100}', 'œ']) {
            let mut general = Vec::new();
            for lower in c.to_lowercase() {
                decompose_canonical(lower, |d| {
                    if !is_combining_mark(d) {
                        general.push(d);
                    }
                });
            }
            let expected = ('\u{c0}'..='\u{ff}').contains(&c).then_some(general);
            assert_eq!(latin1_folded(c).map(|f| vec![f]), expected, "{c:?}");
        }
    }

    #[test]
    fn ascii_words_take_a_short_path_to_the_same_anchor() {
        for word in [
            "AFP",
            "Afp",
            "gouvernement",
            "GOUVERNEMENT",
            "Azer",
            "abc",
            "A",
            "ab",
            "OK",
        ] {
            let (mut short, mut general) = (Vec::new(), Vec::new());
            ascii_word_anchor(word.as_bytes(), &mut short);
            any_word_anchor(word, &mut general);
            assert_eq!(short, general, "{word}");
        }
    }

    #[test]
    fn union_and_shared_on_sorted_sets() {
        assert_eq!(union(&[1, 3], &[2, 3]), [1, 2, 3]);
        assert_eq!(shared(&[1, 2, 5], &[2, 5, 9]), 2);
    }
}
