//! The `--stdin` stream reader on any bytes, with a small `--max-doc-bytes` and a small read
//! buffer (so lines cross its end): no panic; one item per non-blank line, numbered in order;
//! no side over the limit; the same items whatever the buffer's size.
#![no_main]

use bitext::export::Languages;
use bitext::stream::{LINE_MARGIN, Lines};
use libfuzzer_sys::fuzz_target;
use std::io::BufReader;

/// What a run reports of each item: its line and document name, or its error.
fn items(data: &[u8], capacity: usize, max_doc_bytes: u64) -> Vec<(usize, String)> {
    let languages = Languages {
        source: "fr".into(),
        target: "en".into(),
    };
    Lines::new(BufReader::with_capacity(capacity, data), &languages)
        .with_max_doc_bytes(max_doc_bytes)
        .map(|line| {
            let line = line.expect("no I/O error in memory");
            let said = match line.document {
                Ok(doc) => {
                    for side in [&doc.source, &doc.target] {
                        assert!(side.len() as u64 <= max_doc_bytes, "a side over the limit");
                        assert!(!side.trim().is_empty(), "an empty side");
                    }
                    format!("ok {}", doc.name)
                }
                Err(e) => e.to_string(),
            };
            (line.number, said)
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((&setting, data)) = data.split_first() else {
        return;
    };
    let max_doc_bytes = u64::from(setting % 64) * 1024;
    let small = items(data, 1 + usize::from(setting % 7), max_doc_bytes);
    assert_eq!(
        small,
        items(data, 1 << 16, max_doc_bytes),
        "buffer size matters"
    );
    let numbers: Vec<usize> = small.iter().map(|(n, _)| *n).collect();
    assert!(numbers.is_sorted() && numbers.windows(2).all(|w| w[0] < w[1]));
    let limit = (max_doc_bytes * 3 + LINE_MARGIN) as usize;
    let expected = data
        .split_inclusive(|&b| b == b'\n')
        .enumerate()
        .filter(|(k, line)| {
            let text = match k {
                0 => line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line),
                _ => line,
            };
            line.len() > limit || !text.iter().all(u8::is_ascii_whitespace)
        })
        .count();
    assert_eq!(small.len(), expected, "a line lost or added");
});
