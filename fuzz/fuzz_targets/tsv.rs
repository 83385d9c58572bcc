//! The TSV reader on any text: no panic, and a file it accepts gives one record per non-empty
//! line after the header, its fields exactly as the line holds them.
#![no_main]

use bitext::export::Languages;
use bitext::export::read::{Limits, parse_tsv};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let languages = Languages {
        source: "fr".into(),
        target: "en".into(),
    };
    let limits = Limits {
        max_bytes: u64::MAX,
        max_record_bytes: 4096,
        ..Limits::default()
    };
    let Ok(corpus) = parse_tsv(text, Path::new("fuzz.tsv"), &languages, &limits) else {
        return;
    };
    let lines: Vec<&str> = text.lines().skip(1).filter(|l| !l.is_empty()).collect();
    assert_eq!(corpus.records.len(), lines.len(), "a line lost or added");
    for (record, line) in corpus.records.iter().zip(lines) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            [&record.source, &record.target, &record.kind, &record.doc],
            [fields[0], fields[1], fields[3], fields[4]]
        );
        assert!(!line.contains('\r'), "a carriage return inside a line");
    }
});
