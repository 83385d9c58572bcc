//! The splitter on any text, both languages, both kinds of unit and `--presplit`: no panic,
//! no empty or untrimmed unit, and no character lost or added (only white space may change).
#![no_main]

use bitext::normalize::{is_space, normalize};
use bitext::split::{self, Splitter, Units};
use libfuzzer_sys::fuzz_target;

fn non_space(text: &str) -> String {
    text.chars().filter(|&c| !is_space(c)).collect()
}

fuzz_target!(|text: &str| {
    let text = normalize(text);
    let expected = non_space(&text);
    let mut splits = vec![split::presplit(&text)];
    for lang in ["fr", "en", "de"] {
        for units in [Units::Sentences, Units::Clauses] {
            splits.push(Splitter::new(lang).with_units(units).split(&text));
        }
    }
    for sentences in splits {
        let mut joined = String::new();
        for s in &sentences {
            assert!(!s.text.is_empty(), "empty unit in {text:?}");
            assert_eq!(s.text, s.text.trim_matches(is_space), "untrimmed unit");
            joined.push_str(&s.text);
        }
        assert_eq!(non_space(&joined), expected, "text lost or added");
        let paragraphs: Vec<usize> = sentences.iter().map(|s| s.paragraph).collect();
        assert!(paragraphs.is_sorted(), "paragraphs out of order");
    }
});
