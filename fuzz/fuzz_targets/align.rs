//! The whole pipeline from bytes, as a run meets them: decoding (any encoding setting),
//! normalising, splitting and aligning. No panic, and the beads cover every unit of both sides
//! exactly once, in order, with a score that is a probability.
#![no_main]

use bitext::decode::{InputEncoding, decode};
use bitext::{Options, align_texts};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

/// The two documents: the input cut at its first `0xFF 0xFF`, else in halves.
fn sides(data: &[u8]) -> (&[u8], &[u8]) {
    match data.windows(2).position(|w| w == [0xff, 0xff]) {
        Some(k) => (&data[..k], &data[k + 2..]),
        None => data.split_at(data.len() / 2),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&setting, data)) = data.split_first() else {
        return;
    };
    let encoding: InputEncoding = ["auto", "utf-8", "windows-1252", "utf-16le"]
        [usize::from(setting) % 4]
        .parse()
        .expect("a known label");
    let (fr, en) = sides(data);
    let path = Path::new("fuzz.txt");
    let (Ok(fr), Ok(en)) = (
        decode(path, fr.to_vec(), encoding),
        decode(path, en.to_vec(), encoding),
    ) else {
        return;
    };
    let mut options = Options::new("fr", "en");
    options.presplit = setting & 0x80 != 0;
    let doc = align_texts("fuzz", &fr.text, &en.text, &options);
    let (mut i, mut j) = (0, 0);
    for bead in &doc.alignment.beads {
        assert_eq!((bead.source.start, bead.target.start), (i, j), "gap or overlap");
        assert!(bead.source.len() + bead.target.len() > 0, "empty bead");
        assert!((0.0..=1.0).contains(&bead.score), "score {}", bead.score);
        (i, j) = (bead.source.end, bead.target.end);
    }
    assert_eq!((i, j), (doc.source.len(), doc.target.len()), "units left out");
});
