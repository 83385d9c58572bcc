//! The JSON Lines corpus reader on any text: no panic, and a file it accepts gives one record
//! per non-blank line, each with a score from 0 to 1 or none.
#![no_main]

use bitext::export::Languages;
use bitext::export::read::{Limits, parse_jsonl};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let limits = Limits {
        max_bytes: u64::MAX,
        max_record_bytes: 4096,
        ..Limits::default()
    };
    let asked = Languages {
        source: "fr".into(),
        target: "en".into(),
    };
    let Ok(corpus) = parse_jsonl(text, Path::new("fuzz.jsonl"), &asked, &limits) else {
        return;
    };
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(corpus.records.len(), lines, "a line lost or added");
    for record in &corpus.records {
        let score = record.score;
        assert!(
            score.is_nan() || (0.0..=1.0).contains(&score),
            "score {score}"
        );
    }
});
