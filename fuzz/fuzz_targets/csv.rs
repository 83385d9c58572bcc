//! The review-sheet reader on any text: no panic, and a sheet it accepts gives no more rows
//! than it has lines, each with a type `N-M` and a score from 0 to 1 or none.
#![no_main]

use bitext::export::read::{Limits, parse_sheet};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let limits = Limits {
        max_bytes: u64::MAX,
        max_record_bytes: 4096,
        ..Limits::default()
    };
    let Ok(corpus) = parse_sheet(text, Path::new("fuzz.csv"), &limits) else {
        return;
    };
    // A row ends at `\n`, `\r` or both: the header takes one.
    let ends = text.bytes().filter(|&b| b == b'\n' || b == b'\r').count();
    assert!(
        corpus.records.len() + corpus.rejected <= ends,
        "more rows than lines"
    );
    for record in &corpus.records {
        let score = record.score;
        assert!(
            score.is_nan() || (0.0..=1.0).contains(&score),
            "score {score}"
        );
        let (s, t) = record.kind.split_once('-').expect("a type N-M");
        assert!(
            s.parse::<usize>().is_ok() && t.parse::<usize>().is_ok(),
            "{}",
            record.kind
        );
    }
});
