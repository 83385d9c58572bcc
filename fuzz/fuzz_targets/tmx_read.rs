//! The TMX reader on any bytes: no panic, and no unbounded work; what it reads is clean text
//! (only characters XML allows, no markup unless escaped in the input) and reads back the same
//! through bitext's own writer.
#![no_main]

use bitext::export::read::parse_tmx;
use bitext::export::tmx::TmxWriter;
use bitext::export::{Languages, Record, format_score};
use bitext::normalize::is_xml_char;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

/// What a record keeps through a write and a read: the texts, the document, type and score.
fn essentials(records: &[Record]) -> Vec<(&str, &str, &str, &str, String)> {
    records
        .iter()
        .map(|r| {
            let (doc, kind) = (r.doc.as_str(), r.kind.as_str());
            (doc, r.source.as_str(), r.target.as_str(), kind, format_score(r.score))
        })
        .collect()
}

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let asked = Languages {
        source: "fr".into(),
        target: "en".into(),
    };
    let Ok(corpus) = parse_tmx(&text, Path::new("fuzz.tmx"), &asked) else {
        return;
    };
    let languages = &corpus.languages;
    assert!(
        !languages.source.eq_ignore_ascii_case(&languages.target),
        "one code for both sides: {languages:?}"
    );
    // Markup can reach the text only escaped (`&lt;`) or in CDATA.
    let escaped = text.contains('&') || text.contains("<![CDATA[");
    for record in &corpus.records {
        for side in [&record.source, &record.target, &record.doc] {
            assert!(side.chars().all(is_xml_char), "a forbidden character: {side:?}");
            assert!(escaped || !side.contains('<'), "markup left: {side:?}");
        }
    }
    let mut writer = TmxWriter::new(Vec::new(), languages).expect("writing to memory");
    for record in &corpus.records {
        writer
            .write_records(&record.doc, std::slice::from_ref(record))
            .expect("writing to memory");
    }
    let written = String::from_utf8(writer.into_inner().expect("writing to memory")).expect("UTF-8");
    let again = parse_tmx(&written, Path::new("again.tmx"), &asked)
        .unwrap_or_else(|e| panic!("bitext does not read its own TMX: {e}\n{written}"));
    assert_eq!(&again.languages, languages);
    assert_eq!(essentials(&again.records), essentials(&corpus.records));
});
