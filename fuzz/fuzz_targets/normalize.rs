//! The normaliser on any text: the result is NFC XML text with LF line ends, normalising it
//! again changes nothing, and no word is lost or glued to the next (a page break or a line
//! separator is a break, never nothing); white space folds and counts the same on the fast
//! byte paths as on a plain reference.
#![no_main]

use bitext::normalize::{char_len, fold_spaces, is_space, is_xml_char, normalize};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// The words of `text`: what white space separates.
fn words(text: &str) -> Vec<&str> {
    text.split(is_space).filter(|w| !w.is_empty()).collect()
}

/// `fold_spaces` the slow way: a lone no-break space kept, any other run one plain space.
fn folded(text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in text.trim_matches(is_space).chars() {
        if is_space(c) {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            let lone_no_break = matches!(run.as_str(), "\u{a0}" | "\u{202f}" | "\u{2007}");
            out.push_str(if lone_no_break { &run } else { " " });
            run.clear();
        }
        out.push(c);
    }
    out
}

/// `char_len` the slow way: characters, a run of white space counted once.
fn length(text: &str) -> usize {
    let mut len = 0;
    let mut in_space = false;
    for c in text.chars() {
        len += usize::from(!(is_space(c) && in_space));
        in_space = is_space(c);
    }
    len
}

fuzz_target!(|text: &str| {
    let out = normalize(text);
    assert!(is_nfc(&out), "not NFC: {out:?}");
    assert!(
        out.chars().all(|c| is_xml_char(c) && c != '\r' && c != '\u{feff}'),
        "a forbidden character, CR or BOM left: {out:?}"
    );
    let breaks = ['\u{85}', '\u{2028}', '\u{2029}']; // the others are not XML characters
    assert!(!out.contains(breaks), "a break left as it was: {out:?}");
    assert_eq!(normalize(&out), out, "normalising twice changes the text");
    // What may go: the BOM and the forbidden characters that are not white space or a
    // separator (U+001C to U+001F).
    let separator = |c: char| is_space(c) || ('\u{1c}'..='\u{1f}').contains(&c);
    let kept: String = text
        .chars()
        .filter(|&c| c != '\u{feff}' && (is_xml_char(c) || separator(c)))
        .nfc()
        .collect();
    let kept_words: Vec<&str> = kept.split(separator).filter(|w| !w.is_empty()).collect();
    assert_eq!(words(&out), kept_words, "a word lost or glued");
    for line in out.lines() {
        assert_eq!(fold_spaces(line), folded(line), "folding {line:?}");
        assert_eq!(char_len(line), length(line), "length of {line:?}");
    }
});
