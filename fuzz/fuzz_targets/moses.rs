//! The Moses pair reader on any two texts (cut at the first `0xFF 0xFF`, else in halves): no
//! panic, and a pair it accepts gives one record per line of each, with no line break inside.
#![no_main]

use bitext::export::read::{Limits, parse_moses};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let (source, target) = match data.windows(2).position(|w| w == [0xff, 0xff]) {
        Some(k) => (&data[..k], &data[k + 2..]),
        None => data.split_at(data.len() / 2),
    };
    let (Ok(source), Ok(target)) = (std::str::from_utf8(source), std::str::from_utf8(target))
    else {
        return;
    };
    let limits = Limits {
        max_bytes: u64::MAX,
        max_record_bytes: 4096,
        ..Limits::default()
    };
    let files = [
        (Path::new("c.en-fr.fr"), source),
        (Path::new("c.en-fr.en"), target),
    ];
    let Ok(records) = parse_moses(files, &limits) else {
        return;
    };
    assert_eq!(records.len(), source.lines().count());
    assert_eq!(records.len(), target.lines().count());
    for record in &records {
        for text in [&record.source, &record.target] {
            assert!(!text.contains(['\r', '\n']), "a line break inside {text:?}");
        }
    }
});
