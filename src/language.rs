//! Language identification of a document side, and the verdict against the language the user
//! gave (`--source-lang`, `--target-lang`): swapped folders, one folder given twice or an
//! English file in the French folder would otherwise align with itself, every pair scored high.
//!
//! The identifier is [whatlang](https://docs.rs/whatlang) (trigrams, 69 languages, no model
//! files): compared with lingua (more accurate on a sentence, but 17 MB more binary and 26 s
//! more build for French, English and German alone) and whichlang (fastest, but 16 languages
//! and no confidence), it is right on every document side we make and costs about 0.3 MB
//! (measures in docs/bad-input.md). Its weakness, short texts, is kept out by the verdict: a
//! side is judged only on enough words, and only when the other language is clearly ahead.
//!
//! Only words that say something about the language are read: capitalised words (names) and
//! anything with a digit are left out, so a text of names and numbers is never judged.

use whatlang::{Detector, Lang};

use crate::error::Error;
use crate::split::Sentence;

/// Fewer letters of evidence than this (about fifty words): the side is not judged. Measured
/// on stretches of the evidence of `corpora/`, of a `scripts/gen_corpus.py` corpus and of two
/// German texts we wrote, cut to a given length and judged against their own language (false
/// alarms) and the two others (catches), at [`MIN_CONFIDENCE`]: 120 letters, 18 false alarms
/// in 2,128 (and 95 % caught); 200 letters, 2 in 1,266; 300 letters, 0 in 823 (98 % caught);
/// 400 letters, 0 in 606. The false alarms are word salads of `gen_corpus.py` without a
/// function word; real text is easier.
const MIN_LETTERS: usize = 300;

/// The evidence read at most: every k-th word past this many letters, so that a long side
/// costs about as much as a page (whatlang's time grows with its text). At 1,000 a generated
/// corpus of 200 documents had one false alarm (a word salad of `gen_corpus.py`), at 4,000 none;
/// a side costs about 0.2 ms.
const MAX_LETTERS: usize = 4_000;

/// How far ahead the detected language must be, in whatlang's confidence (0 to 1, from the
/// gap between its two best scores), when only it and the expected language are in the running.
/// On the stretches of 300 letters above, .5 gives 3 false alarms in 823, .8 and .9 none, and
/// .9 still catches 98 % (.95: 97.9 %); every whole side we make, swapped, is caught.
const MIN_CONFIDENCE: f64 = 0.9;

/// The languages of a run, as the identifier knows them (`None`: a code it does not know,
/// whose sides are not checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Expected {
    pub(crate) source: Option<Lang>,
    pub(crate) target: Option<Lang>,
}

impl Expected {
    /// The languages of two BCP 47 codes (`fr`, `en-GB`, `deu` …).
    pub(crate) fn of(source: &str, target: &str) -> Self {
        Self {
            source: lang(source),
            target: lang(target),
        }
    }
}

/// The identifier's language of a BCP 47 code: its primary subtag, ISO 639-1 or 639-3.
pub(crate) fn lang(code: &str) -> Option<Lang> {
    let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.len() {
        2 => ISO_639_1
            .iter()
            .find(|(two, _)| *two == primary)
            .and_then(|(_, three)| Lang::from_code(*three)),
        3 => Lang::from_code(primary),
        _ => None,
    }
}

/// A language's code as messages give it: ISO 639-1 where it has one.
pub(crate) fn code(lang: Lang) -> &'static str {
    ISO_639_1
        .iter()
        .find(|(_, three)| *three == lang.code())
        .map_or(lang.code(), |(two, _)| two)
}

/// ISO 639-1 codes of the 69 languages whatlang knows, with their ISO 639-3 codes (`no` is
/// Bokmål, `zh` Mandarin, `fa` Persian: the variety whatlang knows).
const ISO_639_1: [(&str, &str); 69] = [
    ("eo", "epo"),
    ("en", "eng"),
    ("ru", "rus"),
    ("zh", "cmn"),
    ("es", "spa"),
    ("pt", "por"),
    ("it", "ita"),
    ("bn", "ben"),
    ("fr", "fra"),
    ("de", "deu"),
    ("uk", "ukr"),
    ("ka", "kat"),
    ("ar", "ara"),
    ("hi", "hin"),
    ("ja", "jpn"),
    ("he", "heb"),
    ("yi", "yid"),
    ("pl", "pol"),
    ("am", "amh"),
    ("jv", "jav"),
    ("ko", "kor"),
    ("nb", "nob"),
    ("da", "dan"),
    ("sv", "swe"),
    ("fi", "fin"),
    ("tr", "tur"),
    ("nl", "nld"),
    ("hu", "hun"),
    ("cs", "ces"),
    ("el", "ell"),
    ("bg", "bul"),
    ("be", "bel"),
    ("mr", "mar"),
    ("kn", "kan"),
    ("ro", "ron"),
    ("sl", "slv"),
    ("hr", "hrv"),
    ("sr", "srp"),
    ("mk", "mkd"),
    ("lt", "lit"),
    ("lv", "lav"),
    ("et", "est"),
    ("ta", "tam"),
    ("vi", "vie"),
    ("ur", "urd"),
    ("th", "tha"),
    ("gu", "guj"),
    ("uz", "uzb"),
    ("pa", "pan"),
    ("az", "aze"),
    ("id", "ind"),
    ("te", "tel"),
    ("fa", "pes"),
    ("ml", "mal"),
    ("or", "ori"),
    ("my", "mya"),
    ("ne", "nep"),
    ("si", "sin"),
    ("km", "khm"),
    ("tk", "tuk"),
    ("ak", "aka"),
    ("zu", "zul"),
    ("sn", "sna"),
    ("af", "afr"),
    ("la", "lat"),
    ("sk", "slk"),
    ("ca", "cat"),
    ("tl", "tgl"),
    ("hy", "hye"),
];

/// The language a side is clearly in when that is not `expected`; `None` when it is
/// `expected`, or too short or too unclear to tell.
pub(crate) fn wrong_language(units: &[Sentence], expected: Lang) -> Option<Lang> {
    let evidence = evidence(units)?;
    let detected = Detector::new().detect(&evidence)?.lang();
    if detected == expected {
        return None;
    }
    // The two alone: the expected language must lose clearly, not be a close second.
    let duel = Detector::with_allowlist(vec![expected, detected]).detect(&evidence)?;
    (duel.lang() == detected && duel.confidence() >= MIN_CONFIDENCE).then_some(detected)
}

/// The side's words that tell its language, sampled evenly to at most [`MAX_LETTERS`]; `None`
/// below [`MIN_LETTERS`].
fn evidence(units: &[Sentence]) -> Option<String> {
    sampled(units, KEPT_WORDS)
}

/// [`evidence`], the spans of the first `keep` words kept.
fn sampled(units: &[Sentence], keep: usize) -> Option<String> {
    // Each unit's evidence words, counted in one pass, the first `keep` kept as spans:
    // the sample of a longer side then reads only the units that hold a word it takes (a list
    // of every word of a long side was most of its check).
    let mut letters = 0;
    // Room for the spans at once, from the side's bytes (a word of French or English and its
    // space take some 6 bytes): grown by doubling, their copies were a tenth of the check.
    let bytes: usize = units.iter().map(|unit| unit.text.len()).sum();
    let mut kept = Vec::with_capacity(keep.min(bytes / 5));
    let counts: Vec<usize> = units
        .iter()
        .enumerate()
        .map(|(unit, sentence)| {
            let mut words = 0;
            evidence_spans(&sentence.text, |start, end, chars| {
                letters += chars;
                words += 1;
                if kept.len() < keep {
                    kept.push((unit, start, end));
                }
            });
            words
        })
        .collect();
    if letters < MIN_LETTERS {
        return None;
    }
    let step = letters.div_ceil(MAX_LETTERS);
    let mut sample = String::new();
    let mut take = |word: &str| {
        if !sample.is_empty() {
            sample.push(' ');
        }
        sample.push_str(word);
    };
    if counts.iter().sum::<usize>() <= keep {
        for &(unit, start, end) in kept.iter().step_by(step) {
            take(&units[unit].text[start..end]);
        }
        return Some(sample);
    }
    let mut k: usize = 0; // the words before the unit
    for (unit, words) in units.iter().zip(counts) {
        if k.next_multiple_of(step) < k + words {
            let mut at = k;
            evidence_words(&unit.text, |word, _| {
                if at.is_multiple_of(step) {
                    take(word);
                }
                at += 1;
            });
        }
        k += words;
    }
    Some(sample)
}

/// The evidence words whose spans the first pass keeps, at most (24 bytes each): a side of
/// 1,000 sentences of `scripts/gen_corpus.py` has some 23,000 (152,000 letters); a side of up to this many is
/// sampled from its spans, not read a second time.
const KEPT_WORDS: usize = 1 << 15;

/// Calls `f` with each word of `text` that is evidence ([`is_evidence`]; words are the runs of
/// [`is_word_char`]) and its length in characters, in one pass over the text, ASCII bytes
/// classed by a table without decoding.
fn evidence_words<'a>(text: &'a str, mut f: impl FnMut(&'a str, usize)) {
    evidence_spans(text, |start, end, chars| f(&text[start..end], chars));
}

/// A character's part in a word, as bits: [`WORD`], [`FIRST`], [`REST`] (none: a gap).
type Class = u8;
/// A word character ([`is_word_char`]).
const WORD: Class = 1;
/// Evidence as a word's first character: a letter that is not a capital.
const FIRST: Class = 2;
/// Leaves a word evidence after its first character: not a digit.
const REST: Class = 4;

/// The class of each ASCII byte: letters, digits, apostrophe and hyphen are word characters.
const ASCII_CLASS: [Class; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_lowercase() {
            WORD | FIRST | REST
        } else if c.is_ascii_uppercase() || c == b'\'' || c == b'-' {
            WORD | REST
        } else if c.is_ascii_digit() {
            WORD
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The class of a character outside ASCII.
fn wide_class(c: char) -> Class {
    if matches!(c, '\u{c0}'..='\u{ff}') && !matches!(c, '×' | '÷') {
        // A Latin-1 letter (`é`, `À`, `ß`): lower case from `ß` on.
        return WORD | REST | if c >= 'ß' { FIRST } else { 0 };
    }
    if matches!(c, '\u{2000}'..='\u{206f}') {
        // General Punctuation (`’ — …`, 1 % of French text): no letter or digit in it, and
        // Unicode's tables are slow.
        return if c == '’' { WORD | REST } else { 0 };
    }
    if !is_word_char(c) {
        return 0;
    }
    let first = c.is_alphabetic() && !c.is_uppercase();
    WORD | if first { FIRST } else { 0 } | if c.is_numeric() { 0 } else { REST }
}

/// [`evidence_words`] as byte spans: calls `f` with each evidence word's start, end and
/// characters. The counting pass reads every unit of a side, so a byte's class is a table
/// look-up and only non-ASCII characters are decoded (`é`, `’`: 2.5 % of the 100k bench's French).
fn evidence_spans(text: &str, mut f: impl FnMut(usize, usize, usize)) {
    let mut at = 0;
    while at < text.len() {
        let (class, width) = class_at(text, at);
        at += width;
        if class & WORD == 0 {
            continue;
        }
        // A word: read to its end in a loop of its own (one mispredicted branch a word).
        let (start, mut chars, mut evidence) = (at - width, 1, class & FIRST != 0);
        while at < text.len() {
            let (class, width) = class_at(text, at);
            if class & WORD == 0 {
                break;
            }
            evidence &= class & REST != 0;
            chars += 1;
            at += width;
        }
        if evidence {
            f(start, at, chars);
        }
    }
}

/// The class of the character at byte `at` of `text` (a character boundary), and its width.
#[inline(always)]
fn class_at(text: &str, at: usize) -> (Class, usize) {
    match text.as_bytes()[at] {
        b @ 0..0x80 => (ASCII_CLASS[usize::from(b)], 1),
        _ => {
            let c = text[at..].chars().next().unwrap_or(' ');
            (wide_class(c), c.len_utf8())
        }
    }
}

/// Letters and the apostrophes and hyphens inside words (`aujourd’hui`, `l'État`).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')
}

/// A word of the language, not a name or a number: it starts with a letter that is not a
/// capital and holds no digit.
#[cfg(test)]
fn is_evidence(word: &str) -> bool {
    let mut chars = word.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() && !c.is_uppercase())
        && chars.all(|c| !c.is_numeric())
}

/// A run looks swapped when more than half of its document pairs are: each side clearly in
/// the other's language.
fn looks_swapped(swapped: usize, pairs: usize) -> bool {
    swapped > 0 && 2 * swapped > pairs
}

/// Said once when most of a run's `pairs` were refused as swapped (each is named on its own):
/// `sides` name where the two sides come from (`fr/ holds en, en/ holds fr`).
pub(crate) fn swap_note(problems: &[Error], pairs: usize, sides: [&str; 2]) -> Option<String> {
    let mut swapped = problems.iter().filter_map(|problem| match problem {
        Error::WrongLanguage {
            expected,
            detected,
            swapped: true,
            ..
        } => Some((*expected, *detected)),
        _ => None,
    });
    let (source, target) = swapped.next()?;
    let count = 1 + swapped.count();
    looks_swapped(count, pairs).then(|| {
        format!(
            "{} holds {target}, {} holds {source} (give them the other way round)",
            sides[0], sides[1]
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{DE, EN, FR, side};

    fn units(text: &str) -> Vec<Sentence> {
        crate::split::presplit(text)
    }

    #[test]
    fn a_side_in_another_language_is_named() {
        let [fr, en, de] = [lang("fr"), lang("en"), lang("de")].map(Option::unwrap);
        assert_eq!(wrong_language(&side(EN), fr), Some(en));
        assert_eq!(wrong_language(&side(FR), en), Some(fr));
        assert_eq!(wrong_language(&side(DE), fr), Some(de));
        assert_eq!(wrong_language(&side(FR), de), Some(fr));
        assert_eq!(wrong_language(&side(DE), en), Some(de));
    }

    #[test]
    fn a_side_in_its_language_passes() {
        for (text, code) in [(FR, "fr"), (EN, "en"), (DE, "de")] {
            assert_eq!(wrong_language(&side(text), lang(code).unwrap()), None);
        }
    }

    #[test]
    fn short_texts_names_and_numbers_are_not_judged() {
        let en = lang("en").unwrap();
        assert_eq!(
            wrong_language(&units("Le ministre est arrivé mardi."), en),
            None
        );
        // One paragraph, about thirty words: below the evidence a verdict needs.
        assert_eq!(evidence(&units(FR)), None);
        let names = "Claire Vasseur 1 234 Paris 2024 Jean-Marc Dubois 12,5 % Lyon AFP \
            Marbalo 3 000 New York Venber 17 h 30 Ninilo 49.3 "
            .repeat(20);
        assert_eq!(evidence(&units(&names)), None);
        assert_eq!(wrong_language(&units(&names), en), None);
    }

    #[test]
    fn evidence_words_are_the_evidence_of_words_split_at_other_characters() {
        // The words `evidence_words` gives, checked against a plain split; how many.
        let same_as_split = |text: &str| {
            let mut words = Vec::new();
            evidence_words(text, |w, chars| words.push((w, chars)));
            let split: Vec<_> = text
                .split(|c: char| !is_word_char(c))
                .filter(|w| is_evidence(w))
                .map(|w| (w, w.chars().count()))
                .collect();
            assert_eq!(words, split);
            words.len()
        };
        let text = "l’État a 3 mots-clés, aujourd'hui x2 Été 12ab été-2 ça‐va ÷ ... ɐb ßa ×y Ÿz.";
        assert!(same_as_split(text) > 4);
        // Every Latin-1 character, alone and inside a word.
        let latin: String = ('\u{a0}'..='\u{ff}')
            .flat_map(|c| [c, ' ', 'a', c, ' '])
            .collect();
        same_as_split(&latin);
    }

    /// The classes of the table and the shortcuts are those of the definitions, for every
    /// character.
    #[test]
    fn character_classes_are_the_definitions() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let first = c.is_alphabetic() && !c.is_uppercase();
            let generic = if is_word_char(c) {
                WORD | if first { FIRST } else { 0 } | if c.is_numeric() { 0 } else { REST }
            } else {
                0
            };
            let text = c.to_string();
            assert_eq!(class_at(&text, 0), (generic, c.len_utf8()), "{c:?}");
        }
    }

    #[test]
    fn a_sample_from_kept_spans_is_the_sample_read_again() {
        let long = format!("{FR}\n\n{EN}\n\n{DE}").repeat(40);
        let units = units(&long);
        let read_again = sampled(&units, 0);
        assert!(read_again.as_ref().unwrap().len() > MAX_LETTERS / 2);
        assert_eq!(sampled(&units, KEPT_WORDS), read_again);
        for text in [FR, EN, &FR.repeat(3)] {
            assert_eq!(sampled(&side(text), KEPT_WORDS), sampled(&side(text), 0));
        }
    }

    #[test]
    fn long_sides_are_sampled() {
        let long = FR.repeat(200);
        let sample = evidence(&units(&long)).unwrap();
        assert!(sample.chars().count() < 2 * MAX_LETTERS, "{}", sample.len());
        assert_eq!(
            wrong_language(&units(&long), lang("en").unwrap()),
            Some(lang("fr").unwrap())
        );
    }

    #[test]
    fn codes_are_read_as_bcp_47() {
        assert_eq!(lang("fr-FR"), Some(Lang::Fra));
        assert_eq!(lang("de_CH"), Some(Lang::Deu));
        assert_eq!(lang("deu"), Some(Lang::Deu));
        assert_eq!(lang("zh-Hant-TW"), Some(Lang::Cmn));
        assert_eq!(lang("gsw"), None, "Swiss German: not known, not checked");
        assert_eq!(lang("x"), None);
        assert_eq!(code(Lang::Eng), "en");
        for (two, three) in ISO_639_1 {
            assert_eq!(Lang::from_code(three).map(code), Some(two), "{three}");
        }
    }

    #[test]
    fn most_pairs_swapped_is_a_swapped_run() {
        assert!(looks_swapped(6, 10));
        assert!(!looks_swapped(5, 10));
        assert!(!looks_swapped(0, 0));
        let problem = |swapped| Error::WrongLanguage {
            side: "fr/a.txt".into(),
            expected: "fr",
            detected: "en",
            swapped,
        };
        let problems = [problem(true), problem(true), problem(false)];
        assert_eq!(
            swap_note(&problems, 3, ["the folders look swapped: fr/", "en/"]).as_deref(),
            Some(
                "the folders look swapped: fr/ holds en, en/ holds fr (give them the other way round)"
            )
        );
        assert_eq!(swap_note(&problems, 4, ["fr/", "en/"]), None);
        assert_eq!(swap_note(&problems[2..], 1, ["fr/", "en/"]), None);
    }
}
